x = "a" f"{1}" t"b" "c"
