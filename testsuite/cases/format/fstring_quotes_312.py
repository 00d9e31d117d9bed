words = ["a", "b"]
d = {"key": "value"}
print(f"{", ".join(words)}", f"{d["key"]}", f"{"\n".join(words)!r}")
print(f"{f"{f"{1}"}"}", f'{"it's"}', f"{'''tri'''}")
x = 5
print(f"{x:{x}}|", f"{x!r:>{x}}|")
