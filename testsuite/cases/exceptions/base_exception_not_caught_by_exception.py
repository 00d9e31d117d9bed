class MyBase(BaseException): pass
try:
    try:
        raise MyBase("b")
    except Exception:
        print("wrong")
except BaseException as e:
    print("caught as BaseException", repr(e))
try:
    raise GeneratorExit
except Exception:
    print("wrong")
except GeneratorExit:
    print("GeneratorExit is BaseException")
