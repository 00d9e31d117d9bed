a = f"{x=}"
b = f"{x = }"
c = f"{x=:>5}"
d = f"{x=!s}"
