for spec in ["", "d", "5d", "<5", "^5", ">5", "05", "+", " ", "-", "x", "X", "#x", "o", "#o", "b", "#b", "c", ",", "_", "_x", "#_b", "e", ".2f", "%", "n", "=+8", "*^9,"]:
    print(repr(spec), repr(format(1234, spec)), repr(format(-42, spec)) if spec != "c" else "")
