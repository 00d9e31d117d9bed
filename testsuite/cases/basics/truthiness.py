vals = [0, 1, -1, 0.0, 0.1, 0j, 1j, "", "a", [], [0], (), (0,), {}, {0: 0}, set(), {0},
        None, True, False, range(0), range(1), b"", b"\x00", bytearray(), frozenset()]
for v in vals:
    print(repr(v), bool(v), not v)
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or "d", "" and "x")
print([] or {} or 0 or "last")
