item = []
for label, make in [("set literal", lambda: {item}), ("set()", lambda: set([item])),
                    ("frozenset()", lambda: frozenset([item])), ("dict literal", lambda: {item: 1}),
                    ("dict setitem", lambda: {}.__setitem__(item, 1)), ("hash()", lambda: hash(item))]:
    try:
        make()
    except TypeError as e:
        print(label, "->", e)
