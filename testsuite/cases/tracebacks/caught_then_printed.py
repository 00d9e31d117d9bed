import traceback
def inner():
    return 1 / 0
try:
    inner()
except ZeroDivisionError:
    traceback.print_exc()
print("continued after print_exc")
