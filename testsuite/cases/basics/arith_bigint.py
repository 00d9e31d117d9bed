a = 2 ** 100
b = 3 ** 70
print(a, b)
print(a + b, a - b, b - a)
print(a * b)
print(a // 7, a % 7, -a // 7, -a % 7)
print(a // b, a % b)
print(divmod(-b, a))
print(a >> 50, a << 3, -a >> 99, -a >> 200)
print(a & b, a | b, a ^ b, ~a)
print((a * b) // b == a)
print(10 ** 40 // 10 ** 20, 10 ** 40 % (10 ** 20 + 1))
print(pow(3, 200, 10 ** 9 + 7))
