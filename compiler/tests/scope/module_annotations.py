x: int = 1
y: str
obj.attr: int = 2
(z): int = 3
