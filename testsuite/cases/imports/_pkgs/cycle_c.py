from cycle_d import D
C = "c"
