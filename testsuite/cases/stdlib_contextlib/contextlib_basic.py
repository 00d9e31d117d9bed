import contextlib
@contextlib.contextmanager
def cm(x):
    print("enter", x)
    try:
        yield x * 2
    finally:
        print("exit")
with cm(3) as v: print("body", v)
with contextlib.suppress(KeyError): {}['x']
print("suppressed")
with contextlib.ExitStack() as st:
    st.callback(print, "cb1")
    st.enter_context(cm(1))
    print("in stack")
with contextlib.nullcontext(5) as n: print(n)
try:
    with cm(9): raise ValueError("boom")
except ValueError as e: print("caught", e)
