print(float.from_number(5), float.from_number(2.5), float.from_number(True))
print(complex.from_number(1), complex.from_number(1.5), complex.from_number(2j))
for call in [lambda: float.from_number("1"), lambda: complex.from_number("1")]:
    try:
        call()
    except TypeError as e:
        print(type(e).__name__)
