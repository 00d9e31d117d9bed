def classify(exc):
    try:
        raise exc
    except ValueError, TypeError:
        return "value-or-type"
    except KeyError:
        return "key"
print(classify(ValueError()), classify(TypeError("t")), classify(KeyError("k")))
try:
    try:
        raise IndexError("i")
    except ValueError, TypeError:
        print("not reached")
except IndexError as e:
    print("escaped", e)
try:
    raise ZeroDivisionError
except (ValueError, ZeroDivisionError) as e:
    print("parenthesized with as still works:", type(e).__name__)
