del a += b
