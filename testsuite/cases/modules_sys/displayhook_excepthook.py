import sys
print(sys.excepthook is sys.__excepthook__, callable(sys.displayhook), sys.stdout is sys.__stdout__)
def hook(t, v, tb):
    print("custom hook:", t.__name__, v, file=sys.stderr)
sys.excepthook = hook
raise RuntimeError("goes to custom hook")
