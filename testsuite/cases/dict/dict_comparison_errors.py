try:
    {} < {}
except TypeError as e:
    print(type(e).__name__, e)
print({1: 2} == {1: 2}, {1: 2} != {1: 3}, {} == [], {1: [1]} == {1: [1]})
