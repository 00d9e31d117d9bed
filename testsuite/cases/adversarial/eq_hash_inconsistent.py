class Flip:
    n = 0
    def __hash__(self):
        Flip.n += 1
        return Flip.n
    def __eq__(self, o):
        return True
f = Flip()
d = {f: 1}
print(f in d, len(d))
class Mutates:
    def __eq__(self, o):
        store.clear()
        return False
    def __hash__(self):
        return 1
store = {Mutates(): 1}
print(Mutates() in store, len(store))
