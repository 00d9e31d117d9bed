t = (1, 2)
print(t[:] is t, tuple(t) is t, t * 1 is t, (t + ()) is t)
big = tuple(range(10000))
print(len(big), big[-1], sum(big), big.index(9999), big[::1000])
