import importlib, sys, os
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "_pkgs"))
m = importlib.import_module("shapes.circle")
print(m.__name__, m.Circle(2).area())
rel = importlib.import_module(".square", package="shapes")
print(rel.__name__, rel.area(5))
json = importlib.import_module("json")
print(json.dumps({"a": 1}))
try:
    importlib.import_module("shapes.nothing_here")
except ModuleNotFoundError as e:
    print(type(e).__name__, e, e.name)
r = importlib.reload(m)
print(r is m)
