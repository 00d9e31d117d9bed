def f():
    """Summary line.

        Indented body.
    """
    return 1

def only_doc():
    "just a docstring"
