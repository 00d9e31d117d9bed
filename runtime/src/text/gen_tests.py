#!/usr/bin/env python3
"""Generate the expectation table `tests_generated.rs` by running every case on CPython.

    python3 runtime/src/text/gen_tests.py > runtime/src/text/tests_generated.rs

Use the same CPython as gen_tables.py. Results are rendered in a small canonical form
that `tests.rs` reproduces from the Rust results (see `render` there): printable
characters as themselves, others as \\u{hex}; bytes as b"..." with \\x{hex}.
"""
import sys

STRS = [
    "", "a", "A", "hello world", "  Hello  World  ", "Hello World", "hello World",
    "ΑΣ", "ὈΔΥΣΣΕΎΣ", "ΣΑΣ Σ", "aΣ.", "aΣ.b", "Σ", "AΣ'", "σς", "straße", "STRASSE",
    "İstanbul", "ıi", "ǅungla ǆ Ǆ", "ﬁsh ﬂow", "ﬀ", "ŉ", "\u1f80\u1fb3", "ΐ",
    "日本語 テキスト", "emoji 😀 x", "e\u0301te\u0301", "\u0345", "ǰ", "ﬓ",
    "\x1c\x1dx\x1e\x1f", "\t\n\x0b\x0c\r\x85\xa0\u2028 a", " \u3000 ", "\u200b",
    "123", "١٢٣", "½", "²³", "一二三", "Ⅻ", "abc123", "ABC", "Abc Def", "abc Def",
    "_id", "1abc", "αβγ", "déjà_vu", "℘x", "·", "a·", "x\u200dy", "hello\x00",
    "\x7f", "\u00ad", "\ue000", "\U000e0001", "a\tb\tc", "Ǉ", "ǈ", "ǉ", "ß",
    "ᾼ", "ᾳ", "Aǅ", "ⓐ", "Ⓐ", "Ꭰ", "ꭰ", "ｆｕｌｌ", "𝐀", "℃", "K",
    "They're bill's friends.", "hello-world_foo bar9baz", "🎉🎉", "if", "a b",
]

LINES = [
    "", "a", "a\n", "a\nb", "a\r\nb\rc\nd\x0be\x0cf\x1cg\x1dh\x1ei\x85j\u2028k\u2029l",
    "\n\n", "\r\n\r\n", "x\r", "\r\r\n", "日本\n語\u2028", "line\x1f",
]

CASES = []


def case(op, *args):
    CASES.append((op, args))


for s in STRS:
    for op in ["isalpha", "isalnum", "isdecimal", "isdigit", "isnumeric", "isspace",
               "islower", "isupper", "istitle", "isidentifier", "isprintable", "isascii",
               "lower", "upper", "casefold", "capitalize", "title", "swapcase"]:
        case(op, s)
    case("split", s, None, -1)
    case("split", s, None, 1)
    case("rsplit", s, None, -1)
    case("rsplit", s, None, 1)
    case("strip", s, None)
    case("lstrip", s, None)
    case("rstrip", s, None)
    case("center", s, 12, "*")
    case("expandtabs", s, 4)

for s in LINES:
    case("splitlines", s, False)
    case("splitlines", s, True)
    case("split", s, None, -1)

SEARCH = [
    ("hello world", "o"), ("hello world", "l"), ("hello world", ""), ("hello world", "xyz"),
    ("日本語日本語", "本"), ("日本語日本語", "語日"), ("日本語日本語", ""), ("aaaa", "aa"),
    ("😀a😀b😀", "😀"), ("ΑΣΑΣ", "ΣΑ"), ("", ""), ("", "a"), ("abc", "abcd"),
]
RANGES = [(None, None), (1, None), (-3, None), (None, -1), (2, 4), (4, 2), (-100, 100),
          (20, None), (3, 3), (0, 0), (-1, -100), (11, None), (6, None)]
for s, sub in SEARCH:
    for start, end in RANGES:
        for op in ["find", "rfind", "index", "rindex", "count", "startswith", "endswith"]:
            case(op, s, sub, start, end)
    for n in (-1, 0, 1, 2, 100):
        case("replace", s, sub, "<->", n)
        case("replace", s, sub, "", n)
    case("split", s, sub, -1)
    case("split", s, sub, 1)
    case("rsplit", s, sub, -1)
    case("rsplit", s, sub, 1)
    case("partition", s, sub)
    case("rpartition", s, sub)
    case("removeprefix", s, sub)
    case("removesuffix", s, sub)
    case("strip", s, sub)
    case("lstrip", s, sub)
    case("rstrip", s, sub)

for s in ["a,b,,c,", ",", ",,", "a", "", "a, b, c"]:
    for n in (-1, 0, 1, 2):
        case("split", s, ",", n)
        case("rsplit", s, ",", n)
        case("split", s, ", ", n)
for s in ["  a  b  c  ", "a\u3000b\x1cc\x85d", "x", "   ", "a b\t\tc\n"]:
    for n in (0, 1, 2):
        case("split", s, None, n)
        case("rsplit", s, None, n)

for s in ["abc", "日本", "", "-42", "+7", "-", "éé", "a😀"]:
    for w in (-1, 0, 2, 3, 4, 5, 6, 7):
        case("center", s, w, "·")
        case("ljust", s, w, " ")
        case("rjust", s, w, "_")
        case("zfill", s, w)
for s in ["a\tb", "\t", "ab\tc\nd\te\rf\tg", "日本\tx", "a\t\tb"]:
    for t in (-1, 0, 1, 3, 8):
        case("expandtabs", s, t)

# Byte strings.
BYTES = [b"", b"a", b"hello world", b"  Hello  World  ", b"ABC", b"Abc Def", b"abc123",
         b"123", b"\x1c\x1d x \x1e\x1f", b"\t\n\x0b\x0c\r a ", b"a\xe9b\xff",
         b"They're bill's friends.", b"hello-world_foo bar9baz", b"\x80", b" \t"]
for s in BYTES:
    for op in ["isalpha", "isalnum", "isdigit", "isspace", "islower", "isupper", "istitle",
               "isascii", "lower", "upper", "capitalize", "title", "swapcase"]:
        case("b." + op, s)
    case("b.split", s, None, -1)
    case("b.split", s, None, 1)
    case("b.rsplit", s, None, -1)
    case("b.rsplit", s, None, 1)
    case("b.strip", s, None)
    case("b.lstrip", s, None)
    case("b.rstrip", s, None)
    case("b.center", s, 12, b"*")
    case("b.zfill", s, 5)
    case("b.hex", s, None, 1)
    case("b.hex", s, ":", 1)
    case("b.hex", s, b"-", 2)
    case("b.hex", s, " ", -2)
    case("b.hex", s, "_", 3)
    case("b.hex", s, "_", -100)
for sep in ["", "ab", "\u00e9", b"\xe9", b"", b"::", "\U0001f600"]:
    case("b.hex", b"abc", sep, 1)
# bytes_per_sep outside a C int is an OverflowError the caller raises.
for n in (0, 1, -1, 2, -2, 4, -4, 5, -5, 6, -6):
    case("b.hex", b"\x01\x02\x03\x04\x05", ".", n)
for s in [b"a\r\nb\rc\nd\x0be\x0cf\x1cg", b"\n\n", b"x\r", b"", b"a\n"]:
    case("b.splitlines", s, False)
    case("b.splitlines", s, True)
BSEARCH = [(b"hello world", b"o"), (b"hello world", b""), (b"aaaa", b"aa"),
           (b"abc", b"abcd"), (b"", b""), (b"a\x00b\x00", b"\x00")]
for s, sub in BSEARCH:
    for start, end in RANGES:
        for op in ["find", "rfind", "index", "rindex", "count", "startswith", "endswith"]:
            case("b." + op, s, sub, start, end)
    for n in (-1, 0, 1, 2):
        case("b.replace", s, sub, b"<->", n)
    case("b.split", s, sub, -1)
    case("b.rsplit", s, sub, 1)
    case("b.partition", s, sub)
    case("b.rpartition", s, sub)
    case("b.removeprefix", s, sub)
    case("b.removesuffix", s, sub)
    case("b.strip", s, sub)
for s in [b"a\tb", b"ab\tc\nd\te\rf\tg", b"a\t\tb"]:
    for t in (-1, 0, 3, 8):
        case("b.expandtabs", s, t)
for s in [b"-42", b"+7", b"abc"]:
    for w in (0, 3, 5, 6):
        case("b.zfill", s, w)
        case("b.ljust", s, w, b".")
        case("b.rjust", s, w, b".")
for s in ["", "00", "deadBEEF", " 01 02\t03\n", "0 1", "zz", "0g", "aé", "\u00e9", "1\u00e9z",
          "\x0b0a\x0c", "0a\x1c", "abc def"]:
    case("fromhex", s)


def b_hex(s, sep, n):
    return s.hex() if sep is None else s.hex(sep, n)


def py_call(op, args):
    if op == "fromhex":
        return bytes.fromhex(args[0])
    if op == "b.hex":
        return b_hex(*args)
    name = op[2:] if op.startswith("b.") else op
    s, *rest = args
    if name in ("split", "rsplit"):
        return getattr(s, name)(rest[0], rest[1])
    return getattr(s, name)(*rest)


def render(v):
    if isinstance(v, BaseException):
        return "%s: %s" % (type(v).__name__, v)
    if v is None or isinstance(v, bool):
        return repr(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return '"' + "".join(
            c if c.isprintable() and c not in '\\"' else "\\u{%x}" % ord(c) for c in v) + '"'
    if isinstance(v, (bytes, bytearray)):
        return 'b"' + "".join(
            chr(b) if 32 <= b < 127 and b not in b'\\"' else "\\x%02x" % b for b in v) + '"'
    if isinstance(v, list):
        return "[" + ", ".join(render(x) for x in v) + "]"
    if isinstance(v, tuple):
        return "(" + ", ".join(render(x) for x in v) + ")"
    raise TypeError(type(v))


def rust_arg(a):
    if a is None:
        return "N"
    if isinstance(a, bool):
        return "T(%s)" % ("true" if a else "false")
    if isinstance(a, int):
        return "I(%d)" % a
    if isinstance(a, str):
        return 'S("' + "".join(
            c if " " <= c <= "~" and c not in '\\"' else "\\u{%x}" % ord(c) for c in a) + '")'
    if isinstance(a, bytes):
        return 'B(b"' + "".join(
            chr(b) if 32 <= b < 127 and b not in b'\\"' else "\\x%02x" % b for b in a) + '")'
    raise TypeError(type(a))


MASK = (1 << 64) - 1


def digest(values):
    """FNV-style digest over a sequence of ints; tests.rs computes the same."""
    h = 0xCBF29CE484222325
    for v in values:
        h = ((h ^ v) * 0x100000001B3) & MASK
    return h


def all_chars():
    return [chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF]


def predicate_values(pred):
    return (ord(c) for c in all_chars() if pred(c))


def mapping_values(fn):
    for c in all_chars():
        m = fn(c)
        if m != c:
            yield ord(c)
            yield from map(ord, m)
            yield 0x110000


DIGESTS = [
    ("alpha", lambda: predicate_values(str.isalpha)),
    ("decimal", lambda: predicate_values(str.isdecimal)),
    ("digit", lambda: predicate_values(str.isdigit)),
    ("numeric", lambda: predicate_values(str.isnumeric)),
    ("alnum", lambda: predicate_values(str.isalnum)),
    ("space", lambda: predicate_values(str.isspace)),
    ("printable", lambda: predicate_values(str.isprintable)),
    ("lower", lambda: predicate_values(str.islower)),
    ("upper", lambda: predicate_values(str.isupper)),
    ("xid_start", lambda: predicate_values(lambda c: c == "_" or c.isidentifier())),
    ("xid_continue", lambda: predicate_values(lambda c: ("a" + c).isidentifier())),
    ("to_lower", lambda: mapping_values(str.lower)),
    ("to_upper", lambda: mapping_values(str.upper)),
    ("to_title", lambda: mapping_values(str.title)),
    ("to_folded", lambda: mapping_values(str.casefold)),
]


def main():
    print("//! Expectations generated by `gen_tests.py` with CPython %s. Do not edit by hand."
          % sys.version.split()[0])
    print()
    print("use super::tests::Arg::{self, *};")
    print()
    print("#[rustfmt::skip]")
    print("pub(super) static CASES: &[(&str, &[Arg], &str)] = &[")
    for op, args in CASES:
        try:
            result = py_call(op, args)
        except Exception as e:  # noqa: BLE001 - the exception is the expectation
            result = e
        text = render(result)
        print('    ("%s", &[%s], r#"%s"#),' % (op, ", ".join(rust_arg(a) for a in args), text))
    print("];")
    print()
    print("/// Digests over every code point of each character class and case mapping.")
    print("pub(super) static DIGESTS: &[(&str, u64)] = &[")
    for name, values in DIGESTS:
        print('    ("%s", 0x%016x),' % (name, digest(values())))
    print("];")


main()
