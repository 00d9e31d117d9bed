import operator as op
print(op.itemgetter(1)([1, 2]), op.itemgetter(0, 2)("abc"), op.attrgetter('real')(3), op.methodcaller('upper')('a'))
print(op.itemgetter(1), op.attrgetter('a.b'), op.attrgetter('x', 'y'), op.methodcaller('f', 1, k=2))
class O: pass
o = O(); o.a = O(); o.a.b = 5; o.x = 1; o.y = 2
print(op.attrgetter('a.b')(o), op.attrgetter('x', 'y')(o))
print(op.index(5), op.iadd([1], [2]), op.length_hint(iter([1, 2, 3])), op.countOf([1, 1, 2], 1), op.indexOf('abc', 'c'))
print(op.add(1, 2), op.sub(5, 3), op.mul('a', 3), op.truediv(1, 4), op.floordiv(7, 2), op.mod(7, 3), op.pow(2, 10), op.neg(3), op.pos(-3), op.abs(-2))
print(op.and_(6, 3), op.or_(6, 3), op.xor(6, 3), op.invert(5), op.inv(0), op.lshift(1, 4), op.rshift(32, 2), op.not_(0), op.truth([]))
print(op.lt(1, 2), op.le(2, 2), op.eq(1, 1), op.ne(1, 1), op.ge(1, 2), op.gt(3, 2), op.is_(None, None), op.is_not(1, None))
l = [1, 2, 3]; op.setitem(l, 0, 9); op.delitem(l, 1); print(l, op.getitem(l, -1), op.contains(l, 9), op.concat([1], [2]))
x = [1]; y = op.iconcat(x, [2]); print(x is y, x, op.imul([1], 2), op.isub(5, 2), op.ior(1, 2), op.ipow(2, 3))
print(op.call(max, 1, 5, 2), sorted([(1, 'b'), (0, 'c')], key=op.itemgetter(1)))
for bad in [lambda: op.index(1.5), lambda: op.indexOf([1], 2), lambda: op.concat(1, 2)]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
