"""JSON codec: a JSON encoder and a recursive-descent decoder in Python.

Generates a nested document with a hand-written random generator, encodes
it (compact and indented), decodes it back and checks the round trip.
Stresses string scanning character by character, string escaping, dict and
list construction, recursion, isinstance dispatch and int/float parsing.
"""

import sys

SIZES = {"tiny": 30, "small": 600, "default": 10_000}


def workload_size():
    """Return the workload parameter for sys.argv[1]: a size name or an int."""
    arg = sys.argv[1] if len(sys.argv) > 1 else "default"
    if arg in SIZES:
        return SIZES[arg]
    return int(arg)


class Rng:
    """MINSTD Lehmer generator, so the document is the same everywhere."""

    def __init__(self, seed):
        self.state = seed

    def below(self, n):
        self.state = self.state * 48271 % 2_147_483_647
        return self.state % n


WORDS = ["id", "name", "value", "tags", "child", "enabled", "ratio", "count", "note",
         "größe", "ключ", "名前", "emoji", "path", "data", "x", "y", "z"]
TEXT = ["plain", "with \"quotes\"", "back\\slash", "tab\there", "line\nbreak",
        "café", "naïve", "Ελληνικά", "中文字符", "smile 😀", "ctrl \x01\x1f", "/slash/"]


def make_value(rng, depth):
    kind = rng.below(10 if depth < 4 else 6)
    if kind == 0:
        return rng.below(2_000_000) - 1_000_000
    if kind == 1:
        return rng.below(1_000_000) / 64.0 - 5000.0
    if kind == 2:
        return TEXT[rng.below(len(TEXT))] + str(rng.below(100))
    if kind == 3:
        return (True, False, None)[rng.below(3)]
    if kind == 4:
        return rng.below(1000) * 1.0e200 if rng.below(2) else rng.below(1000) * 1.0e-200
    if kind == 5:
        return rng.below(10 ** 6) * 10 ** 12 + rng.below(10 ** 6)
    if kind in (6, 7):
        return [make_value(rng, depth + 1) for _ in range(rng.below(6))]
    obj = {}
    for _ in range(rng.below(6) + 1):
        obj[WORDS[rng.below(len(WORDS))] + str(rng.below(5))] = make_value(rng, depth + 1)
    return obj


ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t",
           "\b": "\\b", "\f": "\\f"}


def encode_string(s, ascii_only):
    out = ['"']
    for ch in s:
        escaped = ESCAPES.get(ch)
        if escaped is not None:
            out.append(escaped)
            continue
        code = ord(ch)
        if code < 0x20:
            out.append(f"\\u{code:04x}")
        elif code < 0x7F or not ascii_only:
            out.append(ch)
        elif code < 0x10000:
            out.append(f"\\u{code:04x}")
        else:
            code -= 0x10000
            out.append(f"\\u{0xD800 | (code >> 10):04x}\\u{0xDC00 | (code & 0x3FF):04x}")
    out.append('"')
    return "".join(out)


def encode(value, indent=None, ascii_only=True, level=0):
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return encode_string(value, ascii_only)
    if isinstance(value, list):
        if not value:
            return "[]"
        items = [encode(v, indent, ascii_only, level + 1) for v in value]
        if indent is None:
            return "[" + ",".join(items) + "]"
        pad = "\n" + " " * (indent * (level + 1))
        return "[" + pad + ("," + pad).join(items) + "\n" + " " * (indent * level) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        sep = ":" if indent is None else ": "
        items = [encode_string(k, ascii_only) + sep + encode(v, indent, ascii_only, level + 1)
                 for k, v in value.items()]
        if indent is None:
            return "{" + ",".join(items) + "}"
        pad = "\n" + " " * (indent * (level + 1))
        return "{" + pad + ("," + pad).join(items) + "\n" + " " * (indent * level) + "}"
    raise TypeError(f"cannot encode {type(value).__name__}")


class DecodeError(Exception):
    pass


class Decoder:
    WHITESPACE = " \t\n\r"
    NUMBER_CHARS = "+-0123456789.eE"
    SIMPLE_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f",
                      "n": "\n", "r": "\r", "t": "\t"}

    def __init__(self, text):
        self.text = text
        self.pos = 0

    def fail(self, message):
        raise DecodeError(f"{message} at offset {self.pos}")

    def skip_ws(self):
        text, pos = self.text, self.pos
        while pos < len(text) and text[pos] in self.WHITESPACE:
            pos += 1
        self.pos = pos

    def decode(self):
        value = self.value()
        self.skip_ws()
        if self.pos != len(self.text):
            self.fail("trailing data")
        return value

    def value(self):
        self.skip_ws()
        if self.pos >= len(self.text):
            self.fail("unexpected end")
        ch = self.text[self.pos]
        if ch == "{":
            return self.object()
        if ch == "[":
            return self.array()
        if ch == '"':
            return self.string()
        if ch in "-0123456789":
            return self.number()
        for word, result in (("true", True), ("false", False), ("null", None)):
            if self.text.startswith(word, self.pos):
                self.pos += len(word)
                return result
        self.fail(f"unexpected {ch!r}")

    def object(self):
        self.pos += 1
        result = {}
        self.skip_ws()
        if self.text[self.pos] == "}":
            self.pos += 1
            return result
        while True:
            self.skip_ws()
            if self.text[self.pos] != '"':
                self.fail("expected a key")
            key = self.string()
            self.skip_ws()
            if self.text[self.pos] != ":":
                self.fail("expected ':'")
            self.pos += 1
            result[key] = self.value()
            self.skip_ws()
            ch = self.text[self.pos]
            self.pos += 1
            if ch == "}":
                return result
            if ch != ",":
                self.fail("expected ',' or '}'")

    def array(self):
        self.pos += 1
        result = []
        self.skip_ws()
        if self.text[self.pos] == "]":
            self.pos += 1
            return result
        while True:
            result.append(self.value())
            self.skip_ws()
            ch = self.text[self.pos]
            self.pos += 1
            if ch == "]":
                return result
            if ch != ",":
                self.fail("expected ',' or ']'")

    def string(self):
        text = self.text
        pos = self.pos + 1
        chunks = []
        start = pos
        while True:
            ch = text[pos]
            if ch == '"':
                chunks.append(text[start:pos])
                self.pos = pos + 1
                return "".join(chunks)
            if ch == "\\":
                chunks.append(text[start:pos])
                code = text[pos + 1]
                if code == "u":
                    unit = int(text[pos + 2:pos + 6], 16)
                    pos += 6
                    if 0xD800 <= unit < 0xDC00 and text.startswith("\\u", pos):
                        low = int(text[pos + 2:pos + 6], 16)
                        unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                        pos += 6
                    chunks.append(chr(unit))
                else:
                    chunks.append(self.SIMPLE_ESCAPES[code])
                    pos += 2
                start = pos
            else:
                pos += 1

    def number(self):
        text = self.text
        start = self.pos
        pos = start
        is_float = False
        while pos < len(text) and text[pos] in self.NUMBER_CHARS:
            if text[pos] in ".eE":
                is_float = True
            pos += 1
        self.pos = pos
        literal = text[start:pos]
        return float(literal) if is_float else int(literal)


def fold(text, acc):
    acc = (acc * 131 + len(text)) % 1_000_000_007
    for k in range(0, len(text), 61):
        acc = (acc * 131 + ord(text[k])) % 1_000_000_007
    return acc


def count_nodes(value):
    if isinstance(value, dict):
        return 1 + sum(count_nodes(v) for v in value.values())
    if isinstance(value, list):
        return 1 + sum(count_nodes(v) for v in value)
    return 1


def main():
    records = workload_size()
    rng = Rng(2024)
    document = {"version": 1, "records": [make_value(rng, 0) for _ in range(records)]}
    compact = encode(document)
    pretty = encode(document, indent=2, ascii_only=False)
    decoded = Decoder(compact).decode()
    decoded_pretty = Decoder(pretty).decode()
    if decoded != document or decoded_pretty != document:
        raise AssertionError("round trip failed")
    if encode(decoded) != compact:
        raise AssertionError("re-encoding differs")
    checksum = fold(compact, 0)
    checksum = fold(pretty, checksum)
    nodes = count_nodes(decoded)
    print(f"nodes: {nodes}, compact: {len(compact)} chars, pretty: {len(pretty)} chars")
    print(f"head: {compact[:60]}")
    print(f"checksum: {(checksum * 1_000_003 + nodes) % 1_000_000_007}")


main()
