match p:
    case Point(x=0, y=yy):
        where = yy
    case Point(y=0, x=xx):
        where = xx
    case Point():
        where = "somewhere"
