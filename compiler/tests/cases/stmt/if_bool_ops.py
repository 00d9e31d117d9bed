if a and b or not c:
    x()
if not (d or e):
    y()
