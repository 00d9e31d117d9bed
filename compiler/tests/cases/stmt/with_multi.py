with a() as x, b() as y:
    use(x, y)
