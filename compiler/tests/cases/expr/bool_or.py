r = a or b or c
