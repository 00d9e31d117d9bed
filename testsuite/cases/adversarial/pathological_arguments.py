def f(*a, **k): return len(a), len(k)
print(f(*range(100000)), f(**{f"k{i}": i for i in range(10000)}))
print(max(range(10 ** 6)), min(range(10 ** 6), key=lambda x: -x))
print(int("9" * 4000) % 97, len(bin(2 ** 100000)))
