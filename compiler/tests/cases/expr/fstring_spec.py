a = f"{x:>10}"
b = f"{x:{width}.{precision}f}"
c = f"{x!r:^{w}}"
