a, b = t
[c, d] = t
(e, (f, g)), h = t
