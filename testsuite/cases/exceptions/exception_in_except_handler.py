try:
    try:
        raise ValueError("first")
    except ValueError:
        raise TypeError("second")
    finally:
        print("finally")
except TypeError as e:
    print(repr(e), repr(e.__context__))
