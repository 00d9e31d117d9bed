f(1, x=2, y=3)
g(key=lambda_, reverse=True)
