# Standard output is UTF-8 and cannot take a lone surrogate: print raises
# UnicodeEncodeError after writing the text before it. Standard error escapes
# it with backslashreplace.
import sys
try:
    print("before", "\ud800", "after")
except UnicodeEncodeError as e:
    print()
    print("caught:", e, e.start, e.end, ascii(e.object))
try:
    sys.stdout.write("x\udfffy\n")
except UnicodeEncodeError as e:
    print("write:", e)
sys.stderr.write("stderr \ud800 \udcff\n")
print("to stderr", "\udbff", file=sys.stderr)
print(repr("\ud800"), ascii("\udcff"))
print("last", "\udbff")
