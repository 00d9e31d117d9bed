t1 = t"{x!r:>{w}} and { y }"
t2 = t"{x=}"
t3 = t"a" t"{b}"
