for v in [0.0, -0.0, 1.0, 0.5, 0.1, 3.14, -2.5, 1e300, 5e-324, 2.0 ** -1022, float("inf"), float("-inf"), float("nan")]:
    print(v.hex())
for s in ["0x1p0", "0x1.8p1", "-0x.8p-1", "0x1.999999999999ap-4", "inf", "-Infinity", "nan", "  0x10  ", "0X1P+3", "1"]:
    print(float.fromhex(s))
for s in ["0x1p", "0xg", "", "0x1p99999"]:
    try:
        print(float.fromhex(s))
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
