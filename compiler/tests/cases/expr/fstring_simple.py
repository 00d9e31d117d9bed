a = f"hello {name}!"
b = f"{x}"
c = f""
d = f"plain"
