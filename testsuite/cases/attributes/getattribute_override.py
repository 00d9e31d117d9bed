class Logged:
    def __init__(self): self.x = 1
    def __getattribute__(self, name):
        if not name.startswith("__"):
            print("get", name)
        return super().__getattribute__(name)
    def __getattr__(self, name):
        return "fallback " + name
l = Logged()
print(l.x)
print(l.missing)
class Block:
    def __getattribute__(self, name):
        raise AttributeError("blocked " + name)
    def __getattr__(self, name):
        return "rescued " + name
print(Block().anything)
