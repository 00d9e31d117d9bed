import operator as op
print(op.add(1, 2), op.sub(5, 3), op.mul("a", 3), op.truediv(1, 4), op.floordiv(7, 2), op.mod(7, 3), op.pow(2, 5), op.neg(3), op.not_(0))
print(op.eq(1, 1), op.lt(1, 2), op.contains([1], 1), op.getitem("abc", 1), op.itemgetter(0, 2)("abc"), op.attrgetter("real")(3), op.methodcaller("upper")("x"))
l = [1, 2, 3]
op.setitem(l, 0, 9); op.delitem(l, 1)
print(l, op.concat([1], [2]), op.truth([]), op.is_(None, None), op.index(5), op.iadd([1], [2]), op.and_(6, 3), op.xor(6, 3), op.inv(0))
