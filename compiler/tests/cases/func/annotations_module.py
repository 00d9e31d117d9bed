x: int = 1
y: list[str]
z: "forward"

if x:
    w: float = 2.0
