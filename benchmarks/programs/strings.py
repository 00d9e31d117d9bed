"""Strings: building, joining, slicing, searching and formatting text.

Stresses f-strings with format specs, str.format, %-formatting, join,
split, replace, case mapping, find/count/startswith, slicing and
concatenation, on ASCII and non-ASCII text alike.
"""

import sys

SIZES = {"tiny": 1_500, "small": 15_000, "default": 120_000}

NAMES = ["alpha", "Bravo", "charlie", "délta", "ECHO", "foxtrot", "gólf", "hotel",
         "índia", "juliett", "kilo", "λάμδα", "mike", "november", "日本語", "papa"]


def workload_size():
    """Return the workload parameter for sys.argv[1]: a size name or an int."""
    arg = sys.argv[1] if len(sys.argv) > 1 else "default"
    if arg in SIZES:
        return SIZES[arg]
    return int(arg)


def format_record(i):
    name = NAMES[i % len(NAMES)]
    value = (i * 37 % 1000) / 7.0
    a = f"{i:>7}|{name:<9}|{value:10.3f}|{i:#x}|{i * 1013:,}|{name!r}"
    b = "{0:05d}:{1}:{2:+.2e}:{3:^12}".format(i % 100_000, name.upper(), value * 1e3, name[:3])
    c = "%-6s %6d %8.2f %o %%" % (name[::-1], i, value, i % 512)
    return a + " / " + b + " / " + c


def fold_text(text, acc):
    """Fold a string's length and a few sampled code points into acc."""
    n = len(text)
    acc = (acc * 131 + n) % 1_000_000_007
    for k in (0, n // 3, n // 2, n - 1):
        if 0 <= k < n:
            acc = (acc * 131 + ord(text[k])) % 1_000_000_007
    return acc


def transform(line):
    parts = line.split(" / ")
    head = parts[0].split("|")
    words = [w.strip().lower() for w in head]
    joined = "-".join(w for w in words if w)
    replaced = joined.replace("0", "o").replace("a", "4")
    title = parts[1].title()
    return replaced + "::" + title.swapcase()


def search_stats(document):
    hits = document.count("alpha") + document.count("λάμδα") + document.count("0x")
    pos = 0
    found = 0
    while True:
        pos = document.find("日本", pos)
        if pos < 0:
            break
        found += 1
        pos += 2
    starts = 0
    for line in document.splitlines():
        if line.startswith("  ") or line.endswith("%"):
            starts += 1
    return hits, found, starts


def build_report(n):
    lines = []
    for i in range(n):
        lines.append(format_record(i))
    return lines


def main():
    n = workload_size()
    lines = build_report(n)
    checksum = 0
    transformed = []
    for line in lines:
        checksum = fold_text(line, checksum)
        transformed.append(transform(line))
    document = "\n".join(lines)
    hits, found, starts = search_stats(document)
    summary = ""
    for t in transformed[:: max(1, n // 500)]:
        summary += t[:12] + ";"
    padded = [s.center(20, "*") + s.zfill(8) for s in NAMES * (n // 200 + 1)]
    checksum = fold_text(summary, checksum)
    checksum = fold_text("".join(padded), checksum)
    checksum = fold_text(document, checksum)
    for t in transformed[::97]:
        checksum = fold_text(t, checksum)
    print(f"lines: {len(lines)}, characters: {len(document)}")
    print(f"hits: {hits}, cjk: {found}, matched lines: {starts}")
    print(f"sample: {transformed[n // 2]}")
    print(f"checksum: {checksum}")


main()
