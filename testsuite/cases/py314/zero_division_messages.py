zero = 0
fzero = 0.0
for label, op in [("int /", lambda: 1 / zero), ("int //", lambda: 1 // zero), ("int %", lambda: 1 % zero),
                  ("float /", lambda: 1.0 / fzero), ("float //", lambda: 1.0 // fzero), ("float %", lambda: 1.0 % fzero),
                  ("divmod int", lambda: divmod(1, zero)), ("divmod float", lambda: divmod(1.0, fzero))]:
    try:
        op()
    except ZeroDivisionError as e:
        print(label, "->", e)
