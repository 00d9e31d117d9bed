class Builder:
    def step(self, n):
        if n > 2:
            raise ValueError(f"step {n} too large")
        return self
Builder().step(1).step(2).step(3)
