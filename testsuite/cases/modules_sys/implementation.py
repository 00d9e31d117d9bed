import sys
print(sys.implementation.name)
print(type(sys.implementation.version).__name__, type(sys.implementation.cache_tag).__name__ in ("str", "NoneType"))
print(sys.implementation.name == "taipan", sys.implementation.name != "cpython")
