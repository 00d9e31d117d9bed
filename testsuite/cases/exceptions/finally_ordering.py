def f():
    try:
        try:
            raise ValueError("inner")
        finally:
            print("inner finally")
    except ValueError:
        print("outer caught")
        return "ret"
    finally:
        print("outer finally")
print(f())
def g():
    for i in range(3):
        try:
            if i == 1:
                continue
            if i == 2:
                break
            print("body", i)
        finally:
            print("finally", i)
g()
def h():
    try:
        return "try value"
    finally:
        print("finally sees return pending")
print(h())
