a, b = 1, 2
print(f"{a+b=}", f"{a + b=}", f"{a+b = }", f"{ a+b=}", f"{a=}{b=}")
print(f"{'s'=}", f"{[a, b]=}")
