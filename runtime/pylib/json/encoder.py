"""The JSON encoder."""

__all__ = ["JSONEncoder"]

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
for _i in range(0x20):
    _ESCAPES.setdefault(chr(_i), "\\u{0:04x}".format(_i))
del _i

_INFINITY = float("inf")


def py_encode_basestring(s):
    """The JSON string literal of `s`, keeping non-ASCII characters."""
    return '"' + "".join(_ESCAPES.get(c, c) for c in s) + '"'


def py_encode_basestring_ascii(s):
    """The JSON string literal of `s` in ASCII, escaping everything else."""
    out = ['"']
    for c in s:
        if c in _ESCAPES:
            out.append(_ESCAPES[c])
        elif c < "\x7f":
            out.append(c)
        else:
            n = ord(c)
            if n < 0x10000:
                out.append("\\u{0:04x}".format(n))
            else:
                n -= 0x10000
                out.append("\\u{0:04x}\\u{1:04x}".format(0xD800 | (n >> 10), 0xDC00 | (n & 0x3FF)))
    out.append('"')
    return "".join(out)


encode_basestring = py_encode_basestring
encode_basestring_ascii = py_encode_basestring_ascii


class JSONEncoder:
    """Encodes Python objects as JSON text."""

    item_separator = ", "
    key_separator = ": "

    def __init__(self, *, skipkeys=False, ensure_ascii=True, check_circular=True,
                 allow_nan=True, sort_keys=False, indent=None, separators=None, default=None):
        self.skipkeys = skipkeys
        self.ensure_ascii = ensure_ascii
        self.check_circular = check_circular
        self.allow_nan = allow_nan
        self.sort_keys = sort_keys
        self.indent = indent
        if separators is not None:
            self.item_separator, self.key_separator = separators
        elif indent is not None:
            self.item_separator = ","
        if default is not None:
            self.default = default

    def default(self, o):
        raise TypeError(f"Object of type {o.__class__.__name__} is not JSON serializable")

    def encode(self, o):
        if isinstance(o, str):
            return encode_basestring_ascii(o) if self.ensure_ascii else encode_basestring(o)
        return "".join(self.iterencode(o, _one_shot=True))

    def _float(self, o):
        if o != o:
            text = "NaN"
        elif o == _INFINITY:
            text = "Infinity"
        elif o == -_INFINITY:
            text = "-Infinity"
        else:
            return float.__repr__(o)
        if not self.allow_nan:
            raise ValueError("Out of range float values are not JSON compliant: " + repr(o))
        return text

    def iterencode(self, o, _one_shot=False):
        markers = {} if self.check_circular else None
        indent = self.indent
        if indent is not None and not isinstance(indent, str):
            indent = " " * indent
        chunks = []
        self._encode(o, chunks, markers, indent, 0)
        return iter(chunks)

    def _string(self, s):
        return encode_basestring_ascii(s) if self.ensure_ascii else encode_basestring(s)

    def _encode(self, o, out, markers, indent, level):
        if isinstance(o, str):
            out.append(self._string(o))
        elif o is None:
            out.append("null")
        elif o is True:
            out.append("true")
        elif o is False:
            out.append("false")
        elif isinstance(o, int):
            out.append(int.__repr__(o))
        elif isinstance(o, float):
            out.append(self._float(o))
        elif isinstance(o, (list, tuple)):
            self._encode_list(o, out, markers, indent, level)
        elif isinstance(o, dict):
            self._encode_dict(o, out, markers, indent, level)
        else:
            marker = self._enter(o, markers)
            self._encode(self.default(o), out, markers, indent, level)
            self._leave(marker, markers)

    def _enter(self, o, markers):
        if markers is None:
            return None
        marker = id(o)
        if marker in markers:
            raise ValueError("Circular reference detected")
        markers[marker] = o
        return marker

    def _leave(self, marker, markers):
        if markers is not None:
            del markers[marker]

    def _encode_list(self, lst, out, markers, indent, level):
        if not lst:
            out.append("[]")
            return
        marker = self._enter(lst, markers)
        out.append("[")
        if indent is not None:
            level += 1
            newline = "\n" + indent * level
            separator = self.item_separator + newline
            out.append(newline)
        else:
            separator = self.item_separator
        first = True
        for value in lst:
            if not first:
                out.append(separator)
            first = False
            self._encode(value, out, markers, indent, level)
        if indent is not None:
            level -= 1
            out.append("\n" + indent * level)
        out.append("]")
        self._leave(marker, markers)

    def _key(self, key):
        if isinstance(key, str):
            return key
        if isinstance(key, float):
            return self._float(key)
        if key is True:
            return "true"
        if key is False:
            return "false"
        if key is None:
            return "null"
        if isinstance(key, int):
            return int.__repr__(key)
        if self.skipkeys:
            return None
        raise TypeError(f"keys must be str, int, float, bool or None, not {key.__class__.__name__}")

    def _encode_dict(self, dct, out, markers, indent, level):
        if not dct:
            out.append("{}")
            return
        marker = self._enter(dct, markers)
        out.append("{")
        if indent is not None:
            level += 1
            newline = "\n" + indent * level
            separator = self.item_separator + newline
            out.append(newline)
        else:
            separator = self.item_separator
        items = sorted(dct.items()) if self.sort_keys else dct.items()
        first = True
        for key, value in items:
            key = self._key(key)
            if key is None:
                continue
            if not first:
                out.append(separator)
            first = False
            out.append(self._string(key))
            out.append(self.key_separator)
            self._encode(value, out, markers, indent, level)
        if indent is not None:
            level -= 1
            out.append("\n" + indent * level)
        out.append("}")
        self._leave(marker, markers)
