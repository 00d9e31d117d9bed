items = [3, 1, 2]
print(f"{sorted(items)}", f"{len(items) > 2 and 'long' or 'short'}", f"{items[-1]:03}", f"{'yes' if items else 'no'}")
print(f"{2 ** 10:,}", f"{-7 // 2}", f"{'a' 'b'}", f"{ {1, 2} == {2, 1} }", f"{[i * i for i in range(4)]}")
def g(): return "called"
print(f"{g()}{g()!r}", f"{ g() }", f"{(yield_ := 5)}", yield_)
print(f"{'\\n'!r}" if True else "", f"{chr(10)!r}")
