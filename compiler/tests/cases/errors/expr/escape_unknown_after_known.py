x = '\N{DIGIT ONE}\N{foo}'
