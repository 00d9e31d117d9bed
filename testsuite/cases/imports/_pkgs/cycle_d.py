from cycle_c import C
D = "d"
