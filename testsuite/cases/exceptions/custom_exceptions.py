class AppError(Exception):
    def __init__(self, code, msg):
        super().__init__(msg)
        self.code = code
    def __str__(self):
        return f"[{self.code}] {self.args[0]}"
class NotFound(AppError): pass
try:
    raise NotFound(404, "missing page")
except AppError as e:
    print(type(e).__name__, e, e.code, e.args, repr(e))
class NoInit(Exception):
    pass
e = NoInit("a", "b")
print(e.args, str(e))
class WeirdStr(Exception):
    def __str__(self): return "weird"
print(f"{WeirdStr()!s} {WeirdStr()!r}")
