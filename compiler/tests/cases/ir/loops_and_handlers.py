# Loops and exception handlers keep their structure through the passes.
def f(xs):
    total = 0
    for x in xs:
        try:
            total += int(x)
        except ValueError:
            pass
    return total
