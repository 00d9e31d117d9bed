match node:
    case BinOp(left, "+", right=Num(value=0)):
        simplified = left
    case int(n) | float(n):
        simplified = n
    case ast.Constant(_, kind=_):
        simplified = node
