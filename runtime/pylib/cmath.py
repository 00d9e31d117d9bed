"""cmath: mathematical functions for complex numbers, written over `math`.

The formulas follow CPython's Modules/cmathmodule.c (Kahan's branch cuts, the scaled
square root); special values (infinities, NaNs) take the generic formulas' results
rather than CPython's full special-value tables.
"""

import math as _math

pi = _math.pi
e = _math.e
tau = _math.tau
inf = _math.inf
nan = _math.nan
infj = complex(0.0, inf)
nanj = complex(0.0, nan)


def _c(z):
    """`z` as a complex, with CPython's argument error."""
    if isinstance(z, complex):
        return z
    if hasattr(type(z), "__complex__"):
        return complex(z)
    if isinstance(z, (int, float)) or hasattr(type(z), "__float__") or hasattr(type(z), "__index__"):
        return complex(float(z), 0.0)
    raise TypeError(f"must be real number, not {type(z).__name__}")


def phase(z, /):
    z = _c(z)
    return _math.atan2(z.imag, z.real)


def polar(z, /):
    z = _c(z)
    return abs(z), _math.atan2(z.imag, z.real)


def rect(r, phi, /):
    r = float(r)
    phi = float(phi)
    if phi == 0.0:
        # CPython keeps the sign of zero: rect(r, 0) is (r, 0) exactly.
        return complex(r, phi * r if _math.isfinite(r) else phi)
    return complex(r * _math.cos(phi), r * _math.sin(phi))


def sqrt(z, /):
    z = _c(z)
    x, y = z.real, z.imag
    if x == 0.0 and y == 0.0:
        return complex(0.0, y)
    if _math.isinf(y):
        return complex(inf, y)
    if _math.isnan(x) or _math.isnan(y):
        return complex(nan, nan)
    if _math.isinf(x):
        if x > 0:
            return complex(x, _math.copysign(0.0, y))
        return complex(0.0 if _math.isfinite(y) else nan, _math.copysign(inf, y))
    ax, ay = abs(x), abs(y)
    # Scaled to avoid overflow in the intermediate hypot.
    s = 2.0 * _math.sqrt(ax / 8.0 + _math.hypot(ax / 8.0, ay / 8.0))
    d = ay / (2.0 * s)
    if x >= 0.0:
        return complex(s, _math.copysign(d, y))
    return complex(d, _math.copysign(s, y))


def exp(z, /):
    z = _c(z)
    x, y = z.real, z.imag
    if y == 0.0:
        return complex(_math.exp(x), y)
    r = _math.exp(x)
    return complex(r * _math.cos(y), r * _math.sin(y))


def log(z, base=None, /):
    z = _c(z)
    result = complex(_math.log(abs(z)) if z else -inf, _math.atan2(z.imag, z.real))
    if base is None:
        return result
    return result / log(base)


def log10(z, /):
    z = _c(z)
    r = log(z)
    return complex(r.real / _math.log(10.0), r.imag / _math.log(10.0))


def sinh(z, /):
    z = _c(z)
    x, y = z.real, z.imag
    return complex(_math.sinh(x) * _math.cos(y), _math.cosh(x) * _math.sin(y))


def cosh(z, /):
    z = _c(z)
    x, y = z.real, z.imag
    return complex(_math.cosh(x) * _math.cos(y), _math.sinh(x) * _math.sin(y))


def tanh(z, /):
    z = _c(z)
    x, y = z.real, z.imag
    if abs(x) > 354.0:
        return complex(_math.copysign(1.0, x), 4.0 * _math.sin(y) * _math.cos(y) * _math.exp(-2.0 * abs(x)))
    tx = _math.tanh(x)
    ty = _math.tan(y)
    cx = 1.0 / _math.cosh(x)
    txty = tx * ty
    denom = 1.0 + txty * txty
    return complex(tx * (1.0 + ty * ty) / denom, ((ty / denom) * cx) * cx)


def sin(z, /):
    # sin(z) = -i sinh(iz)
    z = _c(z)
    r = sinh(complex(-z.imag, z.real))
    return complex(r.imag, -r.real)


def cos(z, /):
    # cos(z) = cosh(iz)
    z = _c(z)
    return cosh(complex(-z.imag, z.real))


def tan(z, /):
    # tan(z) = -i tanh(iz)
    z = _c(z)
    r = tanh(complex(-z.imag, z.real))
    return complex(r.imag, -r.real)


def asinh(z, /):
    z = _c(z)
    s1 = sqrt(complex(1.0 + z.imag, -z.real))
    s2 = sqrt(complex(1.0 - z.imag, z.real))
    real = _math.asinh(s1.real * s2.imag - s2.real * s1.imag)
    imag = _math.atan2(z.imag, s1.real * s2.real - s1.imag * s2.imag)
    return complex(real, imag)


def asin(z, /):
    # asin(z) = -i asinh(iz)
    z = _c(z)
    r = asinh(complex(-z.imag, z.real))
    return complex(r.imag, -r.real)


def acos(z, /):
    z = _c(z)
    s1 = sqrt(complex(1.0 - z.real, -z.imag))
    s2 = sqrt(complex(1.0 + z.real, z.imag))
    real = 2.0 * _math.atan2(s1.real, s2.real)
    imag = _math.asinh(s2.real * s1.imag - s2.imag * s1.real)
    return complex(real, imag)


def acosh(z, /):
    z = _c(z)
    s1 = sqrt(complex(z.real - 1.0, z.imag))
    s2 = sqrt(complex(z.real + 1.0, z.imag))
    real = _math.asinh(s1.real * s2.real + s1.imag * s2.imag)
    imag = 2.0 * _math.atan2(s1.imag, s2.real)
    return complex(real, imag)


def atanh(z, /):
    z = _c(z)
    if z.real < 0.0:
        r = atanh(-z)
        return -r
    x, y = z.real, z.imag
    ay = abs(y)
    if x == 1.0 and ay < 1e-150:
        raise ValueError("math domain error")
    real = _math.log1p(4.0 * x / ((1.0 - x) * (1.0 - x) + ay * ay)) / 4.0
    imag = -_math.atan2(-2.0 * y, (1.0 - x) * (1.0 + x) - ay * ay) / 2.0
    return complex(real, imag)


def atan(z, /):
    # atan(z) = -i atanh(iz)
    z = _c(z)
    r = atanh(complex(-z.imag, z.real))
    return complex(r.imag, -r.real)


def isfinite(z, /):
    z = _c(z)
    return _math.isfinite(z.real) and _math.isfinite(z.imag)


def isinf(z, /):
    z = _c(z)
    return _math.isinf(z.real) or _math.isinf(z.imag)


def isnan(z, /):
    z = _c(z)
    return _math.isnan(z.real) or _math.isnan(z.imag)


def isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0):
    a = _c(a)
    b = _c(b)
    if rel_tol < 0.0 or abs_tol < 0.0:
        raise ValueError("tolerances must be non-negative")
    if a == b:
        return True
    if isinf(a) or isinf(b):
        return False
    diff = abs(b - a)
    return diff <= rel_tol * abs(b) or diff <= rel_tol * abs(a) or diff <= abs_tol
