# The test of a `while` loop also runs at the bottom of the loop (the bytecode copies it
# there); errors raised by it on later iterations must still point at the `while` line,
# and `break`, `continue` and `else` keep their meaning.
def find(items, wanted):
    i = 0
    while items[i] != wanted:
        i += 1
    return i

def count_down(n):
    seen = []
    while n > 0:
        n -= 1
        if n == 5:
            continue
        if n == 2:
            break
        seen.append(n)
    else:
        seen.append("else")
    return seen

def guarded(items):
    i = 0
    try:
        while items[i] < 10:
            i += 1
    except IndexError:
        return f"ran off the end after {i}"
    return i

print(find([4, 5, 6], 6), count_down(8), count_down(1), guarded([1, 2]), guarded([1, 20]))
find([1, 2, 3], 9)
