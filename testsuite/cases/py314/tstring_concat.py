from string.templatelib import Template, Interpolation
a, b = 1, 2
t = t"x{a}" + t"y{b}"
print(type(t).__name__, t.strings, t.values)
try:
    t"x{a}" + "plain"
except TypeError as e:
    print(type(e).__name__)
built = Template("start ", Interpolation(5, "five"), " end")
print(built.strings, built.values)
print([p if isinstance(p, str) else ("I", p.value) for p in built])
