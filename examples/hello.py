def greet(name):
    return f"Hello, {name}!"

for who in ["world", "Taipan"]:
    print(greet(who))
