# CPython 3.14's newer syntax error messages, as compile() raises them and as the
# traceback module prints them (keyword typos are found when the error is printed).
import traceback

sources = [
    "whille True:\n  pass\n",
    "for x in range(3):\n    pass\nelso:\n    pass\n",
    "def f():\n    returm 1\n",
    "import math\nimpor os\n",
    "[\nx for x\nin range(3)\nof x\n]\n",
    "(mat x)\n",
    "ub''\n",
    "import a from b\n",
    "import a as b.c\n",
    "x = 3 + not 3\n",
    "f(a, b, c=)\n",
    "def f(a, /, c, /): pass\n",
    "if x:\n    pass\nelse:\n    pass\nelif y:\n    pass\n",
    "try:\n    pass\nexcept E as e.attr:\n    pass\n",
    "x = pass if 1 else 1\n",
    "[x, y for x, y in z]\n",
    "f(x.y=1)\n",
]
for source in sources:
    try:
        compile(source, "<case>", "exec")
    except SyntaxError as e:
        print(repr(e.msg), e.lineno)
        print("".join(traceback.format_exception_only(e)), end="")
    else:
        print("compiled:", repr(source))
