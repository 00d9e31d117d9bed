name, n, pi = "World", 42, 3.14159
print(f"Hello, {name}!", f"{n}", f"{n + 1}", f"{pi:.2f}", f"{{literal}}", f"{name!r}", f"{name!s}", f"{'é'!a}")
print(f"{n=}", f"{pi = :.1f}", f"{name=!r:>10}", f"{n * 2 = }")
print(f"{'nested' + f'{n}'}", f"{[1, 2][0]}", f"{ {'k': 'v'}['k'] }", f"{(lambda x: x * 2)(3)}")
print(f"""{
    n
}""", f"{n:{'>'}{10}}", f"{3:0{5}d}")
