import string
print(string.ascii_letters, string.digits, string.hexdigits, string.octdigits)
print(repr(string.whitespace), string.punctuation, len(string.printable))
print(string.capwords("hello   big world"), string.capwords("a-b c-d", "-"))
tpl = string.Template("$who likes ${what}; $$5")
print(tpl.substitute(who="tim", what="kung pao"), tpl.safe_substitute(who="x"))
try:
    tpl.substitute(who="x")
except KeyError as e:
    print(type(e).__name__, e)
