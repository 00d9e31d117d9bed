a = "one " f"{two} " "three" f"{four!r}"
b = f"{{literal braces}} {x}"
