print("{} {}".format(1, 2), "{1} {0}".format("a", "b"), "{x}-{y}".format(x=1, y=2), "{0}{0}".format("r"))
print("{:>5}|{:<5}|{:^5}|".format("a", "b", "c"), "{:*^9}".format("mid"), "{!r}".format("q"), "{0.real}".format(3j))
print("{[0]}".format([7]), "{d[key]}".format(d={"key": "v"}), "{{}} {}".format("x"), "{:,}".format(10 ** 9))
print("{:08.3f}".format(3.14159), "{:+d}".format(5), "{: d}".format(5), "{:#x}".format(255), "{:%}".format(0.25))
