def none1(): pass
def none2(): return
def multi(): return 1, 2
def early(x):
    if x: return "early"
    return "late"
def in_loop():
    for i in range(10):
        if i == 3:
            return i
print(none1(), none2(), multi(), early(1), early(0), in_loop())
def finally_override():
    try:
        return "try"
    finally:
        print("finally runs")
print(finally_override())
