for k, (v, *rest) in pairs:
    use(k, v, rest)
for obj.attr in seq:
    pass
