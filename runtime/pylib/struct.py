"""Conversions between Python values and C structs packed as bytes (Taipan's own
implementation of CPython's _struct semantics: byte orders @=<>!, native alignment for
'@', codes xcbB?hHiIlLqQnNefdspP, and _struct's error messages)."""

import math as _math

__all__ = ['calcsize', 'pack', 'pack_into', 'unpack', 'unpack_from', 'iter_unpack',
           'Struct', 'error']


class error(Exception):
    pass


# code: (native size, standard size, kind); kind 'i' signed int, 'u' unsigned, etc.
_CODES = {
    'x': (1, 1, 'pad'), 'c': (1, 1, 'char'), 'b': (1, 1, 'i'), 'B': (1, 1, 'u'),
    '?': (1, 1, 'bool'), 'h': (2, 2, 'i'), 'H': (2, 2, 'u'), 'i': (4, 4, 'i'),
    'I': (4, 4, 'u'), 'l': (8, 4, 'i'), 'L': (8, 4, 'u'), 'q': (8, 8, 'i'),
    'Q': (8, 8, 'u'), 'n': (8, None, 'i'), 'N': (8, None, 'u'), 'e': (2, 2, 'f'),
    'f': (4, 4, 'f'), 'd': (8, 8, 'f'), 's': (1, 1, 'str'), 'p': (1, 1, 'pstr'),
    'P': (8, None, 'u'),
}


def _parse(fmt):
    if isinstance(fmt, bytes):
        fmt = fmt.decode('ascii')
    if not isinstance(fmt, str):
        raise TypeError("Struct() argument 1 must be a str or bytes object, not %s"
                        % type(fmt).__name__)
    order = '@'
    i = 0
    if fmt and fmt[0] in '@=<>!':
        order = fmt[0]
        i = 1
    native = order == '@'
    little = order in '<' or (order in '@=' and True)
    if order in '>!':
        little = False
    items = []   # (code, count, offset, size)
    offset = 0
    n = len(fmt)
    while i < n:
        c = fmt[i]
        if c.isspace():
            i += 1
            continue
        count = None
        if c.isdigit():
            j = i
            while j < n and fmt[j].isdigit():
                j += 1
            count = int(fmt[i:j])
            i = j
            if i >= n:
                raise error('repeat count given without format specifier')
            c = fmt[i]
        if c not in _CODES:
            raise error('bad char in struct format')
        nsize, ssize, kind = _CODES[c]
        if not native:
            if ssize is None:
                raise error('bad char in struct format')
            size = ssize
        else:
            size = nsize
        if native and kind not in ('str', 'pstr', 'pad', 'char', 'bool') and size > 1:
            offset = (offset + size - 1) // size * size
        if kind in ('str', 'pstr'):
            cnt = 1 if count is None else count
            items.append((c, cnt, offset, cnt))
            offset += cnt
        else:
            cnt = 1 if count is None else count
            if kind == 'pad':
                offset += cnt
            else:
                for _ in range(cnt):
                    items.append((c, 1, offset, size))
                    offset += size
        i += 1
    return little, items, offset


def _float_to_bits(x, ebits, mbits):
    """IEEE 754 binary encoding of x with ebits exponent and mbits mantissa bits, rounding
    half to even (CPython's PyFloat_Pack2/4/8)."""
    bias = (1 << (ebits - 1)) - 1
    sign = 1 if (x < 0 or (x == 0 and _math.copysign(1.0, x) < 0)) else 0
    if x != x:
        return (sign << (ebits + mbits)) | (((1 << ebits) - 1) << mbits) | (1 << (mbits - 1))
    x = abs(x)
    if x == _math.inf:
        return (sign << (ebits + mbits)) | (((1 << ebits) - 1) << mbits)
    if x == 0:
        return sign << (ebits + mbits)
    m, e = _math.frexp(x)   # x = m * 2**e, 0.5 <= m < 1
    e -= 1                  # x = (2m) * 2**e with 1 <= 2m < 2
    if e < 1 - bias:
        # Subnormal: mantissa = x / 2**(1-bias-mbits)
        scaled = _math.ldexp(x, bias - 1 + mbits)
        mant = _round_half_even(scaled)
        if mant >= (1 << mbits):
            return (sign << (ebits + mbits)) | (1 << mbits) | (mant - (1 << mbits))
        return (sign << (ebits + mbits)) | mant
    frac = _math.ldexp(m * 2 - 1, mbits)
    mant = _round_half_even(frac)
    if mant >= (1 << mbits):
        mant = 0
        e += 1
    if e + bias >= (1 << ebits) - 1:
        raise OverflowError('float too large to pack with %s format' % {5: 'e', 8: 'f', 11: 'd'}[ebits])
    return (sign << (ebits + mbits)) | ((e + bias) << mbits) | mant


def _round_half_even(v):
    f = _math.floor(v)
    d = v - f
    if d > 0.5 or (d == 0.5 and f % 2 == 1):
        f += 1
    return int(f)


def _bits_to_float(b, ebits, mbits):
    bias = (1 << (ebits - 1)) - 1
    sign = -1.0 if b >> (ebits + mbits) else 1.0
    e = (b >> mbits) & ((1 << ebits) - 1)
    mant = b & ((1 << mbits) - 1)
    if e == (1 << ebits) - 1:
        return sign * _math.inf if mant == 0 else _math.nan
    if e == 0:
        return sign * _math.ldexp(mant, 1 - bias - mbits)
    return sign * _math.ldexp(mant + (1 << mbits), e - bias - mbits)


_FLOAT_BITS = {2: (5, 10), 4: (8, 23), 8: (11, 52)}


def _int_arg(v, code):
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, int):
        return v
    if hasattr(type(v), '__index__'):
        return v.__index__()
    raise error('required argument is not an integer')


def _pack_items(little, items, total, args, fmt):
    if len(args) != len(items):
        raise error('pack expected %d items for packing (got %d)' % (len(items), len(args)))
    buf = bytearray_zero(total)
    for (code, cnt, offset, size), v in zip(items, args):
        kind = _CODES[code][2]
        if kind in ('i', 'u'):
            v = _int_arg(v, code)
            bits = size * 8
            if kind == 'i':
                lo, hi = -(1 << (bits - 1)), (1 << (bits - 1)) - 1
            else:
                lo, hi = 0, (1 << bits) - 1
            if not lo <= v <= hi:
                raise error("'%s' format requires %d <= number <= %d" % (code, lo, hi))
            data = v.to_bytes(size, 'little' if little else 'big', signed=(kind == 'i'))
        elif kind == 'bool':
            data = b'\x01' if v else b'\x00'
        elif kind == 'char':
            if not isinstance(v, (bytes,)) or len(v) != 1:
                raise error('char format requires a bytes object of length 1')
            data = v
        elif kind == 'f':
            if not isinstance(v, (int, float)):
                try:
                    v = float(v)
                except (TypeError, ValueError):
                    raise error('required argument is not a float') from None
            eb, mb = _FLOAT_BITS[size]
            data = _float_to_bits(float(v), eb, mb).to_bytes(size, 'little' if little else 'big')
        elif kind == 'str':
            if not isinstance(v, bytes):
                raise error("argument for 's' must be a bytes object")
            data = v[:cnt] + b'\x00' * (cnt - len(v[:cnt]))
        elif kind == 'pstr':
            if not isinstance(v, bytes):
                raise error("argument for 'p' must be a bytes object")
            n = min(len(v), cnt - 1, 255)
            data = (bytes([n]) + v[:n] + b'\x00' * cnt)[:cnt] if cnt else b''
        buf[offset:offset + len(data)] = data
    return bytes(buf.parts)


def bytearray_zero(n):
    # Taipan's bytearray is incomplete; a list of ints is a fine scratch buffer.
    return _Buf(n)


class _Buf:
    __slots__ = ('parts',)

    def __init__(self, n):
        self.parts = [0] * n

    def __setitem__(self, sl, data):
        self.parts[sl] = list(data)

    def __bytes__(self):
        return bytes(self.parts)


def _unpack_items(little, items, total, buffer):
    data = bytes(buffer)
    if len(data) != total:
        raise error('unpack requires a buffer of %d bytes' % total)
    return _unpack_at(little, items, data, 0)


def _unpack_at(little, items, data, base):
    out = []
    order = 'little' if little else 'big'
    for code, cnt, offset, size in items:
        chunk = data[base + offset:base + offset + size]
        kind = _CODES[code][2]
        if kind in ('i', 'u'):
            out.append(int.from_bytes(chunk, order, signed=(kind == 'i')))
        elif kind == 'bool':
            out.append(chunk != b'\x00')
        elif kind == 'char':
            out.append(chunk)
        elif kind == 'f':
            eb, mb = _FLOAT_BITS[size]
            out.append(_bits_to_float(int.from_bytes(chunk, order), eb, mb))
        elif kind == 'str':
            out.append(chunk)
        elif kind == 'pstr':
            n = chunk[0] if chunk else 0
            out.append(chunk[1:1 + min(n, size - 1)])
    return tuple(out)


class Struct:
    """A compiled struct format."""

    def __init__(self, format):
        self._little, self._items, self._size = _parse(format)
        self.format = format.decode('ascii') if isinstance(format, bytes) else format

    @property
    def size(self):
        return self._size

    def pack(self, *args):
        return _pack_items(self._little, self._items, self._size, args, self.format)

    def pack_into(self, buffer, offset, *args):
        data = self.pack(*args)
        if offset < 0:
            offset += len(buffer)
        buffer[offset:offset + len(data)] = data

    def unpack(self, buffer):
        return _unpack_items(self._little, self._items, self._size, buffer)

    def unpack_from(self, buffer, offset=0):
        data = bytes(buffer)
        if offset < 0:
            offset += len(data)
        if len(data) - offset < self._size:
            raise error('unpack_from requires a buffer of at least %d bytes for unpacking %d '
                        'bytes at offset %d (actual buffer size is %d)'
                        % (self._size + offset, self._size, offset, len(data)))
        return _unpack_at(self._little, self._items, data, offset)

    def iter_unpack(self, buffer):
        data = bytes(buffer)
        if self._size == 0:
            raise error('cannot iteratively unpack with a struct of length 0')
        if len(data) % self._size:
            raise error('iterative unpacking requires a buffer of a multiple of %d bytes'
                        % self._size)
        for off in range(0, len(data), self._size):
            yield _unpack_at(self._little, self._items, data, off)

    def __repr__(self):
        return 'Struct(%r)' % (self.format,)


_cache = {}


def _struct(fmt):
    s = _cache.get(fmt)
    if s is None:
        s = _cache[fmt] = Struct(fmt)
    return s


def calcsize(format, /):
    return _struct(format).size


def pack(format, /, *args):
    return _struct(format).pack(*args)


def pack_into(format, buffer, offset, /, *args):
    return _struct(format).pack_into(buffer, offset, *args)


def unpack(format, buffer, /):
    return _struct(format).unpack(buffer)


def unpack_from(format, /, buffer, offset=0):
    return _struct(format).unpack_from(buffer, offset)


def iter_unpack(format, buffer, /):
    return _struct(format).iter_unpack(buffer)
