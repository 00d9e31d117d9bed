with cm() as (a, b):
    pass
