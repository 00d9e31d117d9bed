class Default(dict):
    def __missing__(self, key):
        return "<" + key + ">"
print("{name} is {age}".format_map(Default(name="Ann")))
print("{x}".format_map({"x": 1}))
try:
    "{x}".format_map({})
except KeyError as e:
    print(type(e).__name__, e)
