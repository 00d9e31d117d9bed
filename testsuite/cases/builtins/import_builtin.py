m = __import__("math")
print(m.__name__, m.sqrt(16))
os_path = __import__("os.path")
print(os_path.__name__)
j = __import__("json", fromlist=["dumps"])
print(j.__name__, j.dumps([1]))
try:
    __import__("no_such_module_xyz")
except ModuleNotFoundError as e:
    print(type(e).__name__, e, e.name)
