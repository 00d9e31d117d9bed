name = 'x'
t = t"hello {name}"
