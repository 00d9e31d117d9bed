"""PEP 750 template strings: the `Template` and `Interpolation` types built by t-strings."""

__all__ = ["Interpolation", "Template", "convert"]

_x = 0
Template = type(t"")
Interpolation = type([p for p in t"{_x}" if not isinstance(p, str)][0])
del _x


def convert(obj, /, conversion):
    """Applies a t-string conversion ('a', 'r', 's' or None) to `obj`."""
    if conversion is None:
        return obj
    if conversion == 'a':
        return ascii(obj)
    if conversion == 'r':
        return repr(obj)
    if conversion == 's':
        return str(obj)
    raise ValueError(f"Bad conversion character: {conversion!r}")
