def f(): raise ValueError("tb")
try:
    f()
except ValueError as e:
    tb = e.__traceback__
    frames = []
    while tb:
        frames.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
        tb = tb.tb_next
    print(frames)
    e2 = e.with_traceback(None)
    print(e2 is e, e.__traceback__)
import traceback
try:
    f()
except ValueError as e:
    print(traceback.format_exception_only(e))
