class C:
    import __priv
    from m import __x, __y as __z
    import __a.b as __c
