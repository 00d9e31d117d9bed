class Box[T]:
    def __init__(self, item: T):
        self.item = item

    def get(self) -> T:
        return self.item
