x = f'{x}a\N{abc}b{y}c'
