import sys
n = sys.stdout.write("written directly\n")
print(n)
sys.stdout.write("no newline")
sys.stdout.write("\n")
sys.stderr.write("to stderr\n")
print(sys.stdout.writable(), sys.stdout.encoding.lower().replace("-", ""))
sys.stdout.flush()
