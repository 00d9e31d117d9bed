x = f'{i=x}'
