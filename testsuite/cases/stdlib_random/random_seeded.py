import random
random.seed(1); print(random.random(), random.randint(1, 100), random.choice("abc"))
random.seed(42); l = list(range(10)); random.shuffle(l); print(l, random.sample(range(100), 5), random.uniform(1, 5), random.gauss(0, 1))
random.seed("hello"); print(random.random())
r = random.Random(7); print(r.randrange(10, 100, 3), r.getrandbits(100))
random.seed(3); print(random.choices("abc", k=5), random.choices("abc", [1, 2, 3], k=4), random.normalvariate(1, 2), random.expovariate(2))
random.seed(2**100); print(random.random(), random.sample(range(1000), 8), random.randrange(100), random.triangular(0, 1))
r = random.Random(5); s = r.getstate(); a = r.random(); r.setstate(s); print(a == r.random(), r.randbytes(4))
for bad in [lambda: random.choice([]), lambda: random.randrange(0), lambda: random.sample([1], 2)]:
    try:
        bad()
    except (ValueError, IndexError) as e:
        print(type(e).__name__, e)
