for a, b in [(7, 3), (-7, 3), (7, -3), (-7, -3), (0, 5)]:
    print(a, b, a + b, a - b, a * b, a // b, a % b, a / b, a ** 2, divmod(a, b))
print(2 ** 10, 2 ** -1, (-2) ** 3, 0 ** 0)
print(-3 ** 2, (-3) ** 2)
print(7 // 2 * 2 + 7 % 2)
