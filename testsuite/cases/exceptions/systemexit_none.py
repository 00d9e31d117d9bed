import sys
try:
    sys.exit()
except SystemExit as e:
    print("caught", repr(e), e.code)
try:
    raise SystemExit(5)
except SystemExit as e:
    print("code", e.code)
try:
    sys.exit("s")
except SystemExit as e:
    print("code", e.code)
try:
    sys.exit(1, 2) if False else exit(2)
except SystemExit as e:
    print("exit()", e.code)
sys.exit(None)
