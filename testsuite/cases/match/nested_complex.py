def evaluate(expr):
    match expr:
        case ("num", n): return n
        case ("add", l, r): return evaluate(l) + evaluate(r)
        case ("mul", l, r): return evaluate(l) * evaluate(r)
        case ("neg", e): return -evaluate(e)
        case ("let", {"name": name, "value": v}, body): return evaluate(substitute(body, name, evaluate(v)))
        case ("var", name): raise NameError(name)
        case _: raise ValueError(f"bad expr {expr!r}")
def substitute(e, name, val):
    match e:
        case ("var", n) if n == name: return ("num", val)
        case (op, *args): return (op, *[substitute(a, name, val) if isinstance(a, tuple) else a for a in args])
print(evaluate(("add", ("num", 2), ("mul", ("num", 3), ("neg", ("num", 4))))))
print(evaluate(("let", {"name": "x", "value": ("num", 5)}, ("mul", ("var", "x"), ("var", "x")))))
try:
    evaluate(("pow", 1))
except ValueError as e:
    print(e)
