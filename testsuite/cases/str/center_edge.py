for w in range(0, 9):
    print(repr("ab".center(w, ".")), repr("abc".center(w, ".")))
