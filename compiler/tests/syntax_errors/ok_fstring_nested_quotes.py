xs = ['a']
y = f"{'\n'.join(xs)} {f"{xs[0]}"}"
