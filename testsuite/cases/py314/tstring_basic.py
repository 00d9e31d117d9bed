from string.templatelib import Template, Interpolation
name = "World"
t = t"Hello {name}!"
print(type(t).__name__, type(t) is Template, isinstance(t, str))
print(t.strings)
print(len(t.interpolations), t.interpolations[0].value, t.interpolations[0].expression)
print(t.values)
empty = t""
print(empty.strings, empty.interpolations, empty.values)
two = t"{name}{name}"
print(two.strings, len(two.interpolations))
print([type(part).__name__ for part in two])
