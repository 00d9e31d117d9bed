for v in [1, 1.5, "s", b"b", [1], (1,), {1: 2}, {1}, frozenset(), True, bytearray(b"x")]:
    match v:
        case bool(b): r = f"bool {b}"
        case int(i): r = f"int {i}"
        case float(f): r = f"float {f}"
        case str(s): r = f"str {s}"
        case bytes(b): r = f"bytes {b!r}"
        case list(l): r = f"list {l}"
        case tuple(t): r = f"tuple {t}"
        case dict(d): r = f"dict {d}"
        case set(s): r = f"set {s}"
        case frozenset(f): r = f"frozenset {f}"
        case bytearray(b): r = f"bytearray {b}"
    print(r)
