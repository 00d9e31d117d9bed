def fail():
    raise KeyError("whole line")
def caller():
    fail()
caller()
