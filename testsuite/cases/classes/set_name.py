class Field:
    def __set_name__(self, owner, name):
        print("set_name", owner.__name__, name)
        self.name = name
    def __get__(self, obj, objtype=None):
        return f"<field {self.name}>" if obj else self
class Model:
    title = Field()
    body = Field()
print(Model().title, Model.body.name)
class Late: pass
f = Field()
Late.added = f
print(hasattr(f, "name"))
