x = "global"
def outer():
    x = "enclosing"
    def inner():
        return x
    return inner()
def local():
    x = "local"
    return x
print(outer(), local(), x)
def builtin_shadow():
    len = lambda s: "shadowed"
    return len("abc")
print(builtin_shadow(), len("abc"))
import builtins
print(builtins.len("ab"))
