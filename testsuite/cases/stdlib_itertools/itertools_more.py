import itertools as it
print(list(it.islice(it.count(5, 2), 4)), list(it.chain.from_iterable([[1], [2, 3]])), list(it.chain('ab', 'c')))
print(list(it.starmap(pow, [(2, 3)])), list(it.compress('abc', [1, 0, 1])), list(it.pairwise('abcd')))
print(list(it.accumulate([1, 2, 3, 4])), list(it.accumulate([1, 2, 3], lambda a, b: a * b, initial=10)))
print(list(it.islice('abcdefg', 2, None, 2)), list(it.islice(range(10), 1, 8, 3)), list(it.islice(range(3), 5)))
print([(k, list(g)) for k, g in it.groupby('aaabccdaa')], [(k, len(list(g))) for k, g in it.groupby([1, 3, 2, 4, 5], key=lambda x: x % 2)])
a, b = it.tee(iter([1, 2, 3])); print(next(a), list(b), list(a))
print(list(it.zip_longest('ab', 'xyz', fillvalue='-')), list(it.zip_longest()))
print(list(it.product('ab', repeat=2)), list(it.product([1, 2], 'x')), list(it.product()))
print(list(it.permutations([1, 2, 3])), list(it.permutations('abc', 2)), list(it.permutations([], 0)))
print(list(it.combinations(range(4), 2)), list(it.combinations('ab', 3)), list(it.combinations_with_replacement('abc', 2)))
print(list(it.batched('abcdefg', 3)), list(it.batched([], 2)))
print(list(it.takewhile(lambda x: x < 3, [1, 2, 5, 1])), list(it.dropwhile(lambda x: x < 3, [1, 2, 5, 1])), list(it.filterfalse(None, [0, 1, '', 'a'])))
print(list(it.islice(it.cycle('ab'), 5)), list(it.repeat('x', 3)), repr(it.repeat(1, 2)), repr(it.count(2)), repr(it.count(1, 3)))
for bad in [lambda: list(it.batched('abcd', 3, strict=True)), lambda: it.batched('a', 0), lambda: it.islice('a', -1),
            lambda: it.islice('a', 0, 1, 0), lambda: it.permutations('a', -1), lambda: it.product('a', repeat=-1),
            lambda: it.tee('a', -1)]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(type(it.chain()).__name__, type(it.count()).__name__, isinstance(it.chain(), it.chain))
