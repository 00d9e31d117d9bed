match [1, 2, 3]:
    case [a, b, c]:
        pass
print(a, b, c)
x = "unchanged"
match (5, 6):
    case (x, 7):
        print("no")
    case _:
        print("after failed partial match x =", x)
match {"k": "v"}:
    case {"k": captured}:
        print(captured)
