def make(n):
    def add(x):
        return x + n
    return add
