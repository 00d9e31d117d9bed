r = a + b - c * d / e // f % g ** h
s = a @ b
t = a << 1 >> 2
u = a & b | c ^ d
