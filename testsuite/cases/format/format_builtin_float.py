specs = ["", "f", ".0f", ".3f", "e", ".2e", "E", "g", ".3g", "G", "%", ".1%", "10.2f", "<10.2f", "^10.2f", "+.1f", " .1f", "010.2f", ",.2f", "_.3f", "#.0f", "#g", ".0e", "n", ".20g", "z.1f"]
for spec in specs:
    print(repr(spec), repr(format(1234.5678, spec)), repr(format(-0.00001234, spec)), repr(format(-0.0, spec)))
for v in [1e100, 1e-100, float("inf"), float("nan"), 123456789.0, 0.1]:
    print(format(v, ""), format(v, "g"), format(v, ".3"), format(v, "e"))
