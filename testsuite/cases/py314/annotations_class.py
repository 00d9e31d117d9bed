class C:
    a: int
    b: "Later" = 5
print(C.__annotations__)
print(C.b, hasattr(C, "a"))
class Node:
    next: Node | None
    value: int
print(Node.__annotations__)
