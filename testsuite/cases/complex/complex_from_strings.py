for s in ["1", "1.5", "-2j", "+3J", "1e2+1e-2j", "(1-1j)", "  4+0j  ", "-0-0j", "infj", "1_0+2_0j"]:
    print(s, complex(s))
