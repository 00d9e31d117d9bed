r = {k: v for k, v in items if v}
