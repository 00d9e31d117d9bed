r = s.strip().split(",")[0].upper()
