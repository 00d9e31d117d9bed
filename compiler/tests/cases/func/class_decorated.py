import dataclasses

@dataclasses.dataclass
class Point:
    x: int
    y: int = 0
