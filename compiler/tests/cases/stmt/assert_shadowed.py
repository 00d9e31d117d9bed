AssertionError = None
assert a and b, f"{a}"
