print(end="", True=1)
