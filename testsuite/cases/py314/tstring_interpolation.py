from string.templatelib import Interpolation
x = 3.14159
width = 8
t = t"{x:.2f} and {x!r} and {x:{width}.1f} and {x + 1!s}"
for i in t.interpolations:
    print(repr(i.value), i.expression, i.conversion, repr(i.format_spec))
print(t.strings)
def render(template):
    out = []
    for part in template:
        if isinstance(part, str):
            out.append(part)
            continue
        value = part.value
        if part.conversion == "r":
            value = repr(value)
        elif part.conversion == "s":
            value = str(value)
        elif part.conversion == "a":
            value = ascii(value)
        out.append(format(value, part.format_spec))
    return "".join(out)
print(render(t))
i = Interpolation(42, "answer")
print(i.value, i.expression, i.conversion, repr(i.format_spec))
