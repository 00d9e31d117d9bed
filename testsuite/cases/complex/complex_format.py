z = 1.5 - 2.25j
print(format(z, ""), format(z, ".2f"), format(z, "10.1f"), format(z, "e"), format(z, "g"))
print(f"{z}", f"{z!r}", f"{z:+.1f}", f"{1j:.0f}", str(complex(1e20, 1e-20)))
print(format(complex(1, 2), "<20"), "|")
try:
    format(z, "d")
except ValueError as e:
    print(type(e).__name__, e)
