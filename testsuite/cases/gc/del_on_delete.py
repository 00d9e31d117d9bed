import gc
log = []
class Res:
    def __init__(self, name): self.name = name
    def __del__(self): log.append("del " + self.name)
r = Res("a")
del r
gc.collect()
print(log)
def scope():
    x = Res("local")
scope()
gc.collect()
print(log)
lst = [Res("in list")]
lst.clear()
gc.collect()
print(log)
