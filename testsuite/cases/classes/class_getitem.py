class Box:
    def __class_getitem__(cls, item):
        return f"Box[{item.__name__ if isinstance(item, type) else item}]"
print(Box[int], Box["x"], Box[1])
print(list[int], dict[str, int], tuple[int, ...], type(list[int]).__name__, list[int].__origin__, list[int].__args__)
try:
    int[str]
except TypeError as e:
    print(type(e).__name__, e)
