# The bytecode reads and writes local variables' registers directly when it can; every
# case here must still behave as if each read and write happened in source order, and
# reads of unassigned locals must still raise UnboundLocalError.
import sys

def unbound_before():
    try:
        print(x)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    x = 1
    return x

def conditional(c):
    if c:
        y = 1
    try:
        return y
    except UnboundLocalError as e:
        return f"UnboundLocalError: {e}"

def deleted():
    z = 3
    del z
    try:
        return z
    except UnboundLocalError as e:
        return f"UnboundLocalError: {e}"

def assigned_in_try(fail):
    try:
        if fail:
            raise ValueError
        w = "assigned"
    except ValueError:
        pass
    try:
        return w
    except UnboundLocalError:
        return "unbound"

def swap(a, b):
    a, b = b, a
    return a, b

def rotate(a, b, c):
    a, b, c = b, c, a
    return a, b, c

def comprehension_leaves_unset(flag):
    [q for q in range(3)]
    if flag:
        q = 1
    try:
        return q
    except UnboundLocalError:
        return "unbound after comprehension"

def comprehension_restores():
    q = 5
    r = [q * 2 for q in range(3)]
    return q, r

def accumulate(n):
    total = 0
    i = 0
    while i < n:
        total = total + i
        i += 1
    return total, i

def reassign_from_call(v):
    def bump():
        return v + 10
    v = bump()
    return v

def failed_assignment(d):
    value = "old"
    try:
        value = d["missing"]
    except KeyError:
        pass
    return value

def failed_inplace(v):
    try:
        v += "text"
    except TypeError:
        pass
    return v

def frame_view():
    a = 1
    b = a + 1
    return sorted(sys._getframe().f_locals.items())

def generator():
    x = 0
    while True:
        x = yield x
        if x is None:
            return
        x = x * 2

def loop_else(items):
    for item in items:
        last = item
    else:
        try:
            return last
        except UnboundLocalError:
            return "empty"

print(unbound_before())
print(conditional(True), conditional(False))
print(deleted())
print(assigned_in_try(False), assigned_in_try(True))
print(swap(1, 2), rotate(1, 2, 3))
print(comprehension_leaves_unset(False), comprehension_leaves_unset(True), comprehension_restores())
print(accumulate(10))
print(reassign_from_call(1))
print(failed_assignment({}), failed_inplace(7))
print(frame_view())
g = generator()
print(next(g), g.send(3), g.send(5))
print(loop_else([1, 2]), loop_else([]))

def walrus_between(x):
    return (x, (x := x + 1), x, x * x)

def reads_around_store(x):
    pair = [x]
    x = x + 1
    pair.append(x)
    return pair, x

print(walrus_between(1), reads_around_store(5))

def loop_variable_kept(items):
    item = "before"
    for item in items:
        pass
    return item

def loop_variable_error():
    def gen():
        yield 1
        raise ValueError("stop")
    value = "before"
    try:
        for value in gen():
            pass
    except ValueError:
        pass
    return value

print(loop_variable_kept([1, 2, 3]), loop_variable_kept([]), loop_variable_error())
