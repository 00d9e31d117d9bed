log = []
def guard(name, result):
    log.append(name)
    return result
def m(x):
    match x:
        case int() if guard("g1", x > 10): return "big"
        case int() if guard("g2", x < 0): return "negative"
        case [a, b] if guard("g3", a == b): return "pair equal"
        case [a, b]: return f"pair {a} {b}"
        case _: return "fallthrough"
for v in [20, -3, 5, [1, 1], [1, 2]]:
    log.clear()
    print(m(v), log)
