x = f'{1, lambda:x}'
