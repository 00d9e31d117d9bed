x = f'{f"\N"}'
