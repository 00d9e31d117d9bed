from annotationlib import get_annotations, Format
def func(arg: Undefined, other: int = 1) -> list[int]:
    pass
fwd = get_annotations(func, format=Format.FORWARDREF)
print(sorted(fwd), type(fwd["arg"]).__name__, fwd["arg"].__forward_arg__, fwd["other"])
print(get_annotations(func, format=Format.STRING))
try:
    get_annotations(func, format=Format.VALUE)
except NameError as e:
    print(type(e).__name__, e)
print(int(Format.VALUE), int(Format.FORWARDREF), int(Format.STRING))
Undefined = float
print(get_annotations(func))
