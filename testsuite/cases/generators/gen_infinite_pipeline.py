def naturals():
    n = 1
    while True:
        yield n
        n += 1
def take(n, it):
    for _ in range(n):
        yield next(it)
def primes():
    seen = []
    for n in naturals():
        if n > 1 and all(n % p for p in seen):
            seen.append(n)
            yield n
print(list(take(15, primes())))
squares = (n * n for n in naturals())
evens = (s for s in squares if s % 2 == 0)
print(list(take(5, evens)))
