import traceback, sys
def boom(x):
    return {}[x]
try:
    boom("k")
except KeyError as e:
    print(traceback.format_exception_only(e))
    print(traceback.format_exception_only(type(e), e))
    lines = traceback.format_exception(e)
    print(lines[0], lines[-1], len(lines))
    s = traceback.format_exc()
    print(s.splitlines()[0], s.splitlines()[-1])
    print([(fs.name, fs.lineno) for fs in traceback.extract_tb(e.__traceback__)])
try:
    raise ValueError("inner")
except ValueError:
    traceback.print_exc(file=sys.stdout)
print(traceback.format_exception_only(None) if False else "done")
