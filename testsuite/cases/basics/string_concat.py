s = "ab" "cd" 'ef'
print(s, len(s))
print("x" + "y" * 3, 2 * "z")
print(("a"
       "b"))
print("-" * 0, "-" * -3, repr("" * 5))
