"""Module docstring."""
f(x)
42
"not a docstring"
x.y
...
