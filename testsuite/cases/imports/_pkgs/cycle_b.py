import cycle_a
B_VALUE = "b"
def a_partial(): return hasattr(cycle_a, "A_VALUE")
