for n in [0, 1, -1, 255, 256, -256, 2 ** 64, -(2 ** 64) + 1]:
    print(n, n.bit_length(), n.bit_count(), n.as_integer_ratio(), n.conjugate(), n.numerator, n.denominator, n.real, n.imag)
print((5).is_integer(), int.is_integer(0))
