def f():
    exec("z = 1")
    return "z" in locals()
print(f())
ns = {}
exec("a = 1\ndef g(): return a", ns)
print(ns["g"]())
code = "result = [n * factor for n in range(3)]"
loc = {"factor": 2}
exec(code, {}, loc)
print(loc["result"])
