x = f'{3!s x}'
