t1 = t"hello {name}!"
t2 = t""
t3 = t"{a}{b}"
