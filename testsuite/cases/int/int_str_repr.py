print(str(12345), repr(-678), hex(255), oct(8), bin(5), hex(-255), bin(-5), oct(-8))
print(str(10 ** 50), repr(-(10 ** 30)))
print(format(255, "x"), format(255, "#X"), format(-255, "#o"), format(5, "#b"))
print(int.__repr__(7), (7).__str__(), int.__name__, int.__qualname__)
