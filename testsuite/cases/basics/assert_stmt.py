assert True
assert 1 == 1, "never"
try:
    assert 1 == 2
except AssertionError as e:
    print(type(e).__name__, repr(e), e.args)
try:
    assert False, "custom message"
except AssertionError as e:
    print(type(e).__name__, e, e.args)
try:
    assert [], ["list", "msg"]
except AssertionError as e:
    print(e.args)
print(__debug__)
