for width in (5, 8):
    for prec in (1, 3):
        print(f"[{3.14159:{width}.{prec}f}]", f"[{'ab':^{width}}]", f"[{12:{'0'}{width}}]")
fill, align = "*", "<"
print(f"{'x':{fill}{align}6}|", f"{255:#{'x'}}", f"{1234567:{','}}", f"{0.5:{'%'}}")
spec = ".3e"
print(f"{12345.678:{spec}}", f"{'hello':.{2}}")
