"""Pi digits: an unbounded spigot that streams decimal digits of pi.

Stresses big-int multiply, add and floor division on numbers that grow to
thousands of digits (the digit extraction keeps a linear fractional
transformation as three big ints).
"""

import sys

SIZES = {"tiny": 300, "small": 2_000, "default": 6_000}


def workload_size():
    """Return the workload parameter for sys.argv[1]: a size name or an int."""
    arg = sys.argv[1] if len(sys.argv) > 1 else "default"
    if arg in SIZES:
        return SIZES[arg]
    return int(arg)


def pi_digits(count):
    """Yield the first `count` decimal digits of pi, starting with 3."""
    numerator = 1
    accumulator = 0
    denominator = 1
    k = 0
    produced = 0
    while produced < count:
        k += 1
        odd = 2 * k + 1
        # Compose the state with the next term k/(2k+1) of the series.
        accumulator = (accumulator + 2 * numerator) * odd
        denominator *= odd
        numerator *= k
        if numerator > accumulator:
            continue
        digit = (3 * numerator + accumulator) // denominator
        # The digit is safe once the bounds at x = 3 and x = 4 agree.
        if digit != (4 * numerator + accumulator) // denominator:
            continue
        yield digit
        produced += 1
        accumulator = (accumulator - denominator * digit) * 10
        numerator *= 10


def main():
    count = workload_size()
    digits = "".join(str(d) for d in pi_digits(count))
    checksum = 0
    for ch in digits:
        checksum = (checksum * 10 + ord(ch) - 48) % 1_000_000_007
    print(f"first digits: {digits[:20]}")
    print(f"last digits:  {digits[-20:]}")
    print(f"digit count:  {len(digits)}")
    print(f"checksum: {checksum}")


main()
