inf = float("inf")
nan = float("nan")
for z in [complex(inf, 0), complex(0, inf), complex(nan, nan), complex(-inf, -inf), complex(1e-320, -1e-320)]:
    print(repr(z), z == z, abs(z))
print(complex("inf+nanj"), complex("-infj"), complex("nan"))
