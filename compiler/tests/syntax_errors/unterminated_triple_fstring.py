x = 1
z = f"""
abc {1+
2} def
