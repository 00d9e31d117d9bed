import textwrap
txt = "The quick brown fox jumps over the lazy dog. A well-known   phrase\tused for typing practice, supercalifragilisticexpialidocious words too."
for w in [10, 20, 33]:
    print(textwrap.wrap(txt, w))
print(textwrap.fill(txt, 30, initial_indent="* ", subsequent_indent="  "))
print(textwrap.shorten(txt, 30), textwrap.shorten("hi there", 20))
print(repr(textwrap.dedent("    hello\n      world\n\n    x\n")))
print(repr(textwrap.indent("a\n\nb\n", "> ")))
