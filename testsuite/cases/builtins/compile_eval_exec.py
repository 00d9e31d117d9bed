code = compile("x + 1", "<expr>", "eval")
print(eval(code, {"x": 41}), code.co_filename, type(code).__name__)
ns = {}
exec(compile("y = 5\nz = y * 2", "<exec>", "exec"), ns)
print(ns["y"], ns["z"], "__builtins__" in ns)
single = compile("1 + 1", "<s>", "single")
print(type(single).__name__)
try:
    compile("x = ", "<bad>", "exec")
except SyntaxError as e:
    print(type(e).__name__, e.msg, e.filename, e.lineno)
try:
    compile("1", "<m>", "badmode")
except ValueError as e:
    print(type(e).__name__, e)
print(eval("[i * i for i in range(4)]"), eval("a + b", {}, {"a": 1, "b": 2}))
