def down(n):
    return down(n + 1) if n < 1_000_000 else n
try:
    down(0)
except RecursionError:
    print("RecursionError caught")
def still_works(n):
    return 0 if n == 0 else 1 + still_works(n - 1)
print(still_works(500))
