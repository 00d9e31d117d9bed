def deco(arg):
    return lambda fn: fn

@deco(1)
# a comment between the decorator and the def
def f():
    pass
