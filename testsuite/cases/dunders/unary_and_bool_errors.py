class X: pass
for expr in ["-X()", "+X()", "~X()", "abs(X())", "len(X())", "iter(X())", "reversed(X())", "X()[0]", "X()()", "int(X())", "float(X())", "complex(X())", "round(X())"]:
    try:
        eval(expr)
    except TypeError as e:
        print(expr, "->", e)
