def run(excs):
    try:
        raise ExceptionGroup("grp", excs)
    except* ValueError as g:
        print("ValueErrors:", [str(e) for e in g.exceptions])
    except* (TypeError, KeyError) as g:
        print("Type/Key:", [type(e).__name__ for e in g.exceptions])
run([ValueError("a"), TypeError("b"), ValueError("c"), KeyError("d")])
run([ValueError("only")])
try:
    run([ValueError("v"), IndexError("left over")])
except ExceptionGroup as rest:
    print("escaped", repr(rest))
try:
    raise ValueError("naked")
except* ValueError as g:
    print("wrapped naked:", repr(g))
