"""Regular expressions (Taipan's own implementation of CPython's `re` API).

Parsing and matching happen in the runtime's engine (module `_regex`); this module
provides the Pattern and Match objects, replacement templates, the cache and the flags.
"""

import enum
import _regex

__all__ = ["match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer",
           "compile", "purge", "escape", "error", "Pattern", "Match", "A", "I", "L", "M",
           "S", "X", "U", "ASCII", "IGNORECASE", "LOCALE", "MULTILINE", "DOTALL", "VERBOSE",
           "UNICODE", "NOFLAG", "RegexFlag", "PatternError"]

__version__ = "2.2.1"


class RegexFlag(enum.IntFlag):
    NOFLAG = 0
    ASCII = A = 256
    IGNORECASE = I = 2
    LOCALE = L = 4
    UNICODE = U = 32
    MULTILINE = M = 8
    DOTALL = S = 16
    VERBOSE = X = 64
    TEMPLATE = T = 1
    DEBUG = 128

    def __repr__(self):
        value = self._value_
        if value == 0:
            return "re.NOFLAG"
        names = []
        for name in ("TEMPLATE", "IGNORECASE", "LOCALE", "MULTILINE", "DOTALL", "UNICODE", "VERBOSE", "DEBUG", "ASCII"):
            bit = RegexFlag[name]._value_
            if value & bit:
                names.append("re." + name)
                value &= ~bit
        if value:
            names.append(hex(value))
        return "|".join(names)

    __str__ = __repr__


NOFLAG = RegexFlag.NOFLAG
A = ASCII = RegexFlag.ASCII
I = IGNORECASE = RegexFlag.IGNORECASE
L = LOCALE = RegexFlag.LOCALE
U = UNICODE = RegexFlag.UNICODE
M = MULTILINE = RegexFlag.MULTILINE
S = DOTALL = RegexFlag.DOTALL
X = VERBOSE = RegexFlag.VERBOSE
T = TEMPLATE = RegexFlag.TEMPLATE
DEBUG = RegexFlag.DEBUG


class PatternError(Exception):
    """Raised for an invalid regular expression (also available as `re.error`)."""

    def __init__(self, msg, pattern=None, pos=None):
        self.msg = msg
        self.pattern = pattern
        self.pos = pos
        if pattern is not None and pos is not None:
            msg = "%s at position %d" % (msg, pos)
            if isinstance(pattern, str):
                newline = "\n"
            else:
                newline = b"\n"
            self.lineno = pattern.count(newline, 0, pos) + 1
            self.colno = pos - pattern.rfind(newline, 0, pos)
            if newline in pattern:
                msg = "%s (line %d, column %d)" % (msg, self.lineno, self.colno)
        else:
            self.lineno = self.colno = None
        super().__init__(msg)


PatternError.__module__ = "re"
error = PatternError

_MAXCACHE = 512
_cache = {}


def _check_subject(pattern, string):
    if pattern._is_bytes:
        if isinstance(string, str):
            raise TypeError("cannot use a bytes pattern on a string-like object")
    elif not isinstance(string, str):
        if isinstance(string, (bytes, bytearray, memoryview)):
            raise TypeError("cannot use a string pattern on a bytes-like object")
        raise TypeError("expected string or bytes-like object, got '%s'" % type(string).__name__)


def _slice(string, start, end):
    return string[start:end] if not isinstance(string, memoryview) else bytes(string[start:end])


class Match:
    """The result of a successful match."""

    __slots__ = ("_spans", "string", "re", "pos", "endpos")

    def __init__(self, pattern, string, pos, endpos, spans):
        self.re = pattern
        self.string = string
        self.pos = pos
        self.endpos = endpos
        self._spans = spans

    def _index(self, group):
        if isinstance(group, str):
            g = self.re.groupindex.get(group)
            if g is None:
                raise IndexError("no such group")
            return g
        try:
            g = group.__index__()
        except AttributeError:
            raise IndexError("no such group") from None
        if 0 <= g <= self.re.groups:
            return g
        raise IndexError("no such group")

    def _group(self, g, default=None):
        s = self._spans[2 * g]
        if s < 0:
            return default
        return _slice(self.string, s, self._spans[2 * g + 1])

    def group(self, *groups):
        if not groups:
            return self._group(0)
        if len(groups) == 1:
            return self._group(self._index(groups[0]))
        return tuple(self._group(self._index(g)) for g in groups)

    def __getitem__(self, group):
        return self._group(self._index(group))

    def groups(self, default=None):
        return tuple(self._group(g, default) for g in range(1, self.re.groups + 1))

    def groupdict(self, default=None):
        return {name: self._group(g, default) for name, g in self.re.groupindex.items()}

    def start(self, group=0):
        return self._spans[2 * self._index(group)]

    def end(self, group=0):
        return self._spans[2 * self._index(group) + 1]

    def span(self, group=0):
        g = self._index(group)
        return self._spans[2 * g], self._spans[2 * g + 1]

    @property
    def regs(self):
        return tuple((self._spans[2 * g], self._spans[2 * g + 1]) for g in range(self.re.groups + 1))

    @property
    def lastindex(self):
        last = self._spans[-1]
        return None if last < 0 else last

    @property
    def lastgroup(self):
        last = self.lastindex
        if last is None:
            return None
        for name, g in self.re.groupindex.items():
            if g == last:
                return name
        return None

    def expand(self, template):
        return _expand_template(self.re, template, self)

    def __repr__(self):
        return "<re.Match object; span=%r, match=%r>" % (self.span(), self.group())

    def __bool__(self):
        return True

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    @classmethod
    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)


class Pattern:
    """A compiled regular expression."""

    def __init__(self, pattern, flags):
        self.pattern = pattern
        self._is_bytes = not isinstance(pattern, str)
        try:
            handle, groups, groupindex, final = _regex.compile(pattern, int(flags))
        except ValueError as e:
            msg, pos = e.args
            raise PatternError(msg, pattern, pos) from None
        if self._is_bytes:
            final = (final & ~ASCII) | (int(flags) & ASCII)
        elif not final & ASCII:
            final |= UNICODE
        self._handle = handle
        self.flags = final
        self.groups = groups
        # FIXME: CPython exposes a read-only mappingproxy.
        self.groupindex = groupindex

    def __repr__(self):
        flags = self.flags
        if not self._is_bytes:
            flags &= ~UNICODE
        text = repr(self.pattern)
        if len(text) > 200:
            text = text[:200]
        if flags:
            return "re.compile(%s, %r)" % (text, RegexFlag(flags))
        return "re.compile(%s)" % text

    def __eq__(self, other):
        if not isinstance(other, Pattern):
            return NotImplemented
        return self.pattern == other.pattern and self.flags == other.flags

    def __hash__(self):
        return hash((self.pattern, self.flags))

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    @classmethod
    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)

    def _run(self, string, pos, endpos, mode):
        _check_subject(self, string)
        n = len(string)
        if endpos is None or endpos > n:
            endpos = n
        spans = _regex.match(self._handle, string, pos, endpos, mode)
        if spans is None:
            return None
        return Match(self, string, max(0, min(pos, n)), max(0, endpos), spans)

    def match(self, string, pos=0, endpos=None):
        return self._run(string, pos, endpos, 0)

    def fullmatch(self, string, pos=0, endpos=None):
        return self._run(string, pos, endpos, 1)

    def search(self, string, pos=0, endpos=None):
        return self._run(string, pos, endpos, 2)

    def _scan(self, string, pos=0, endpos=None, limit=0):
        _check_subject(self, string)
        n = len(string)
        if endpos is None or endpos > n:
            endpos = n
        return _regex.scan(self._handle, string, pos, endpos, limit), max(0, min(pos, n)), max(0, endpos)

    def finditer(self, string, pos=0, endpos=None):
        found, pos, endpos = self._scan(string, pos, endpos)
        for spans in found:
            yield Match(self, string, pos, endpos, spans)

    def findall(self, string, pos=0, endpos=None):
        found, _, _ = self._scan(string, pos, endpos)
        groups = self.groups
        empty = string[:0] if not isinstance(string, memoryview) else b""
        out = []
        for spans in found:
            if groups == 0:
                out.append(_slice(string, spans[0], spans[1]))
            elif groups == 1:
                out.append(_slice(string, spans[2], spans[3]) if spans[2] >= 0 else empty)
            else:
                out.append(tuple(_slice(string, spans[2 * g], spans[2 * g + 1]) if spans[2 * g] >= 0 else empty
                                 for g in range(1, groups + 1)))
        return out

    def split(self, string, maxsplit=0):
        if maxsplit < 0:
            return [string]
        found, _, _ = self._scan(string, 0, None, maxsplit)
        out = []
        last = 0
        for spans in found:
            out.append(_slice(string, last, spans[0]))
            for g in range(1, self.groups + 1):
                s = spans[2 * g]
                out.append(_slice(string, s, spans[2 * g + 1]) if s >= 0 else None)
            last = spans[1]
        out.append(_slice(string, last, len(string)))
        return out

    def subn(self, repl, string, count=0):
        if callable(repl):
            filter = repl
            literal = None
        else:
            literal, filter = _compile_template(self, repl)
        if count < 0:
            return string, 0
        found, pos, endpos = self._scan(string, 0, None, count)
        pieces = []
        last = 0
        for spans in found:
            pieces.append(_slice(string, last, spans[0]))
            if literal is not None and filter is None:
                pieces.append(literal)
            else:
                m = Match(self, string, pos, endpos, spans)
                r = filter(m)
                if r is not None:
                    if callable(repl) and not isinstance(r, (str, bytes, bytearray)):
                        raise TypeError("expected str instance, %s found" % type(r).__name__)
                    pieces.append(r)
            last = spans[1]
        pieces.append(_slice(string, last, len(string)))
        joiner = string[:0] if isinstance(string, (str, bytes)) else b""
        return joiner.join(pieces), len(found)

    def sub(self, repl, string, count=0):
        return self.subn(repl, string, count)[0]

    def scanner(self, string, pos=0, endpos=None):
        return _Scanner(self, string, pos, endpos)


class _Scanner:
    def __init__(self, pattern, string, pos, endpos):
        self.pattern = pattern
        self._it = pattern.finditer(string, pos, endpos)
        self._string = string
        self._pos = pos
        self._endpos = endpos

    def search(self):
        return next(self._it, None)

    def match(self):
        m = self.pattern.match(self._string, self._pos, self._endpos)
        if m is not None:
            self._pos = m.end() if m.end() > m.start() else m.end() + 1
        return m


_ASCII_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\"}


def _parse_template(pattern, template):
    """Splits a replacement template into literal text and group numbers."""
    is_bytes = not isinstance(template, str)
    text = template.decode("latin-1") if is_bytes else template
    items = []
    literal = []
    i = 0
    n = len(text)

    def group_number(name, at):
        if name.isdigit() and name.isascii():
            g = int(name)
            if g > pattern.groups:
                raise PatternError("invalid group reference %d" % g, template, at)
            return g
        if not name.isidentifier():
            raise PatternError("bad character in group name %r" % name, template, at)
        g = pattern.groupindex.get(name)
        if g is None:
            raise IndexError("unknown group name %r" % name)
        return g

    while i < n:
        c = text[i]
        if c != "\\":
            literal.append(c)
            i += 1
            continue
        start = i
        i += 1
        if i >= n:
            raise PatternError("bad escape (end of pattern)", template, start)
        c = text[i]
        i += 1
        if c == "g":
            if i >= n or text[i] != "<":
                raise PatternError("missing <", template, i)
            end = text.find(">", i + 1)
            if end < 0:
                raise PatternError("missing >, unterminated name", template, i + 1)
            name = text[i + 1:end]
            if not name:
                raise PatternError("missing group name", template, i + 1)
            g = group_number(name, i + 1)
            i = end + 1
        elif c == "0":
            digits = "0"
            while i < n and len(digits) < 3 and text[i] in "01234567":
                digits += text[i]
                i += 1
            literal.append(chr(int(digits, 8)))
            continue
        elif c.isdigit() and c.isascii():
            digits = c
            if i < n and text[i].isdigit() and text[i].isascii():
                digits += text[i]
                i += 1
                if (i < n and text[i] in "01234567" and digits[0] in "01234567"
                        and digits[1] in "01234567"):
                    value = int(digits + text[i], 8)
                    i += 1
                    if value > 0o377:
                        raise PatternError("octal escape value \\%s outside of range 0-0o377"
                                           % (digits + text[i - 1]), template, start)
                    literal.append(chr(value))
                    continue
            g = int(digits)
            if g > pattern.groups:
                raise PatternError("invalid group reference %d" % g, template, start + 1)
        elif c in _ASCII_ESCAPES:
            literal.append(_ASCII_ESCAPES[c])
            continue
        elif c.isascii() and c.isalpha():
            raise PatternError("bad escape \\%s" % c, template, start)
        else:
            literal.append("\\" + c)
            continue
        items.append("".join(literal))
        literal = []
        items.append(g)
    items.append("".join(literal))
    if is_bytes:
        items = [x.encode("latin-1") if isinstance(x, str) else x for x in items]
    return items


def _compile_template(pattern, repl):
    if pattern._is_bytes:
        if isinstance(repl, str):
            raise TypeError("expected a bytes-like object, %s found" % type(repl).__name__)
        repl = bytes(repl)
    elif not isinstance(repl, str):
        raise TypeError("expected str instance, %s found" % type(repl).__name__)
    items = _parse_template(pattern, repl)
    if len(items) == 1:
        return items[0], None
    empty = repl[:0]

    def expand(m):
        out = []
        for k, item in enumerate(items):
            if k % 2 == 0:
                out.append(item)
            else:
                v = m._group(item)
                if v is not None:
                    out.append(v)
        return empty.join(out)
    return None, expand


def _expand_template(pattern, template, match):
    literal, filter = _compile_template(pattern, template)
    return literal if filter is None else filter(match)


def _compile(pattern, flags):
    if isinstance(flags, RegexFlag):
        flags = flags._value_
    key = (type(pattern), pattern, flags)
    try:
        return _cache[key]
    except (KeyError, TypeError):
        pass
    if isinstance(pattern, Pattern):
        if flags:
            raise ValueError("cannot process flags argument with a compiled pattern")
        return pattern
    if not isinstance(pattern, (str, bytes, bytearray, memoryview)):
        raise TypeError("first argument must be string or compiled pattern")
    if flags & TEMPLATE:
        raise ValueError("cannot use TEMPLATE flag")
    p = Pattern(pattern if isinstance(pattern, (str, bytes)) else bytes(pattern), flags)
    if len(_cache) >= _MAXCACHE:
        try:
            del _cache[next(iter(_cache))]
        except (StopIteration, RuntimeError, KeyError):
            pass
    try:
        _cache[key] = p
    except TypeError:
        pass
    return p


def compile(pattern, flags=0):
    return _compile(pattern, flags)


def match(pattern, string, flags=0):
    return _compile(pattern, flags).match(string)


def fullmatch(pattern, string, flags=0):
    return _compile(pattern, flags).fullmatch(string)


def search(pattern, string, flags=0):
    return _compile(pattern, flags).search(string)


def sub(pattern, repl, string, count=0, flags=0):
    return _compile(pattern, flags).sub(repl, string, count)


def subn(pattern, repl, string, count=0, flags=0):
    return _compile(pattern, flags).subn(repl, string, count)


def split(pattern, string, maxsplit=0, flags=0):
    return _compile(pattern, flags).split(string, maxsplit)


def findall(pattern, string, flags=0):
    return _compile(pattern, flags).findall(string)


def finditer(pattern, string, flags=0):
    return _compile(pattern, flags).finditer(string)


def purge():
    _cache.clear()


_SPECIAL_CHARS = {i: "\\" + chr(i) for i in b"()[]{}?*+-|^$\\.&~# \t\n\r\v\f"}


def escape(pattern):
    if isinstance(pattern, str):
        return pattern.translate(_SPECIAL_CHARS)
    return str(pattern, "latin1").translate(_SPECIAL_CHARS).encode("latin1")


Pattern.__module__ = "re"
Match.__module__ = "re"
