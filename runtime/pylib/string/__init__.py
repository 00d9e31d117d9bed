"""String constants, capwords, Template ($-substitution) and Formatter, Taipan's own
implementation. Template parsing is hand-written because Taipan has no `re` module yet."""

__all__ = ["ascii_letters", "ascii_lowercase", "ascii_uppercase", "capwords", "digits",
           "hexdigits", "octdigits", "printable", "punctuation", "whitespace", "Formatter",
           "Template"]

whitespace = ' \t\n\r\v\f'
ascii_lowercase = 'abcdefghijklmnopqrstuvwxyz'
ascii_uppercase = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
ascii_letters = ascii_lowercase + ascii_uppercase
digits = '0123456789'
hexdigits = digits + 'abcdef' + 'ABCDEF'
octdigits = '01234567'
punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    return (sep or ' ').join(map(str.capitalize, s.split(sep)))


_sentinel_dict = {}


def _is_id_start(c):
    return c == '_' or ('a' <= c <= 'z') or ('A' <= c <= 'Z')


def _is_id_char(c):
    return _is_id_start(c) or '0' <= c <= '9'


class Template:
    """A string class for supporting $-substitutions."""

    delimiter = '$'
    idpattern = r'(?a:[_a-z][_a-z0-9]*)'
    braceidpattern = None
    flags = None

    def __init_subclass__(cls):
        super().__init_subclass__()

    def __init__(self, template):
        self.template = template

    def _scan(self):
        """Yields (kind, text, start): kind is 'text', 'escaped', 'named', 'braced' or
        'invalid' (text is the literal or the identifier; start the delimiter's index)."""
        s = self.template
        delim = self.delimiter
        n = len(s)
        dl = len(delim)
        i = 0
        start = 0
        while True:
            j = s.find(delim, i)
            if j < 0:
                if start < n:
                    yield ('text', s[start:], start)
                return
            if j > start:
                yield ('text', s[start:j], start)
            k = j + dl
            if s.startswith(delim, k):
                yield ('escaped', delim, j)
                i = start = k + dl
                continue
            if k < n and s[k] == '{':
                m = k + 1
                e = m
                if e < n and _is_id_start(s[e]):
                    e += 1
                    while e < n and _is_id_char(s[e]):
                        e += 1
                    if e < n and s[e] == '}':
                        yield ('braced', s[m:e], j)
                        i = start = e + 1
                        continue
                yield ('invalid', '', j)
                i = start = k
                continue
            if k < n and _is_id_start(s[k]):
                e = k + 1
                while e < n and _is_id_char(s[e]):
                    e += 1
                yield ('named', s[k:e], j)
                i = start = e
                continue
            yield ('invalid', '', j)
            i = start = k

    def _invalid(self, i):
        # CPython reports the position just after the delimiter.
        i += len(self.delimiter)
        lines = self.template[:i].splitlines(keepends=True)
        if not lines:
            colno = 1
            lineno = 1
        else:
            colno = i - len(''.join(lines[:-1]))
            lineno = len(lines)
        raise ValueError('Invalid placeholder in string: line %d, col %d' % (lineno, colno))

    def substitute(self, mapping=_sentinel_dict, /, **kws):
        if mapping is _sentinel_dict:
            mapping = kws
        elif kws:
            from collections import ChainMap
            mapping = ChainMap(kws, mapping)
        out = []
        for kind, text, pos in self._scan():
            if kind == 'text' or kind == 'escaped':
                out.append(text)
            elif kind == 'invalid':
                self._invalid(pos)
            else:
                out.append(str(mapping[text]))
        return ''.join(out)

    def safe_substitute(self, mapping=_sentinel_dict, /, **kws):
        if mapping is _sentinel_dict:
            mapping = kws
        elif kws:
            from collections import ChainMap
            mapping = ChainMap(kws, mapping)
        out = []
        s = self.template
        for kind, text, pos in self._scan():
            if kind == 'text' or kind == 'escaped':
                out.append(text)
            elif kind == 'invalid':
                out.append(self.delimiter)
            else:
                try:
                    out.append(str(mapping[text]))
                except KeyError:
                    if kind == 'named':
                        out.append(self.delimiter + text)
                    else:
                        out.append(self.delimiter + '{' + text + '}')
        return ''.join(out)

    def is_valid(self):
        return all(kind != 'invalid' for kind, _, _ in self._scan())

    def get_identifiers(self):
        ids = []
        for kind, text, pos in self._scan():
            if kind in ('named', 'braced') and text not in ids:
                ids.append(text)
        return ids


def _parse_format(s):
    """Splits a format string like _string.formatter_parser: yields
    (literal_text, field_name, format_spec, conversion)."""
    i = 0
    n = len(s)
    lit = []
    while i < n:
        c = s[i]
        if c == '{':
            if i + 1 < n and s[i + 1] == '{':
                # An escaped brace ends a literal chunk, as in _string.formatter_parser.
                lit.append('{')
                yield (''.join(lit), None, None, None)
                lit = []
                i += 2
                continue
            depth = 1
            j = i + 1
            while j < n and depth:
                if s[j] == '{':
                    depth += 1
                elif s[j] == '}':
                    depth -= 1
                j += 1
            if depth:
                raise ValueError("expected '}' before end of string")
            field = s[i + 1:j - 1]
            conv = None
            spec = ''
            # The field name ends at the first '!' or ':' outside brackets.
            k = 0
            in_bracket = False
            while k < len(field):
                ch = field[k]
                if ch == '[':
                    in_bracket = True
                elif ch == ']':
                    in_bracket = False
                elif not in_bracket and ch in '!:':
                    break
                k += 1
            name = field[:k]
            rest = field[k:]
            if rest.startswith('!'):
                if len(rest) < 2:
                    raise ValueError("end of string while looking for conversion specifier")
                conv = rest[1]
                rest = rest[2:]
                if rest and not rest.startswith(':'):
                    raise ValueError("expected ':' after conversion specifier")
            if rest.startswith(':'):
                spec = rest[1:]
            yield (''.join(lit), name, spec, conv)
            lit = []
            i = j
        elif c == '}':
            if i + 1 < n and s[i + 1] == '}':
                # An escaped brace ends a literal chunk, as in _string.formatter_parser.
                lit.append('}')
                yield (''.join(lit), None, None, None)
                lit = []
                i += 2
                continue
            raise ValueError("Single '}' encountered in format string")
        else:
            lit.append(c)
            i += 1
    if lit:
        yield (''.join(lit), None, None, None)


def _split_field_name(name):
    """Returns (first, [(is_attr, key), ...]) like _string.formatter_field_name_split."""
    i = 0
    n = len(name)
    while i < n and name[i] not in '.[':
        i += 1
    first = name[:i]
    if first.isdigit():
        first = int(first)
    rest = []
    while i < n:
        if name[i] == '.':
            j = i + 1
            while j < n and name[j] not in '.[':
                j += 1
            rest.append((True, name[i + 1:j]))
            i = j
        else:
            j = name.find(']', i)
            if j < 0:
                raise ValueError("Missing ']' in format string")
            key = name[i + 1:j]
            rest.append((False, int(key) if key.isdigit() else key))
            i = j + 1
    return first, rest


class Formatter:
    def format(self, format_string, /, *args, **kwargs):
        return self.vformat(format_string, args, kwargs)

    def vformat(self, format_string, args, kwargs):
        used_args = set()
        result, _ = self._vformat(format_string, args, kwargs, used_args, 2)
        self.check_unused_args(used_args, args, kwargs)
        return result

    def _vformat(self, format_string, args, kwargs, used_args, recursion_depth, auto_arg_index=0):
        if recursion_depth < 0:
            raise ValueError('Max string recursion exceeded')
        result = []
        for literal_text, field_name, format_spec, conversion in self.parse(format_string):
            if literal_text:
                result.append(literal_text)
            if field_name is not None:
                if field_name == '':
                    if auto_arg_index is False:
                        raise ValueError('cannot switch from manual field '
                                         'specification to automatic field numbering')
                    field_name = str(auto_arg_index)
                    auto_arg_index += 1
                elif field_name.isdigit():
                    if auto_arg_index:
                        raise ValueError('cannot switch from automatic field '
                                         'numbering to manual field specification')
                    auto_arg_index = False
                obj, arg_used = self.get_field(field_name, args, kwargs)
                used_args.add(arg_used)
                obj = self.convert_field(obj, conversion)
                format_spec, auto_arg_index = self._vformat(
                    format_spec, args, kwargs, used_args, recursion_depth - 1,
                    auto_arg_index=auto_arg_index)
                result.append(self.format_field(obj, format_spec))
        return ''.join(result), auto_arg_index

    def get_value(self, key, args, kwargs):
        if isinstance(key, int):
            return args[key]
        return kwargs[key]

    def check_unused_args(self, used_args, args, kwargs):
        pass

    def format_field(self, value, format_spec):
        return format(value, format_spec)

    def convert_field(self, value, conversion):
        if conversion is None:
            return value
        if conversion == 's':
            return str(value)
        if conversion == 'r':
            return repr(value)
        if conversion == 'a':
            return ascii(value)
        raise ValueError("Unknown conversion specifier {0!s}".format(conversion))

    def parse(self, format_string):
        return _parse_format(format_string)

    def get_field(self, field_name, args, kwargs):
        first, rest = _split_field_name(field_name)
        obj = self.get_value(first, args, kwargs)
        for is_attr, i in rest:
            if is_attr:
                obj = getattr(obj, i)
            else:
                obj = obj[i]
        return obj, first
