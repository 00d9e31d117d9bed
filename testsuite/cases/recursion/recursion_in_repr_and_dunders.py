class Loop:
    def __repr__(self):
        return repr(self)
try:
    repr(Loop())
except RecursionError:
    print("RecursionError in __repr__")
class Attr:
    def __getattr__(self, name):
        return self.missing
try:
    Attr().x
except RecursionError:
    print("RecursionError in __getattr__")
class Eq:
    def __eq__(self, o):
        return self == o
try:
    Eq() == Eq()
except RecursionError:
    print("RecursionError in __eq__")
