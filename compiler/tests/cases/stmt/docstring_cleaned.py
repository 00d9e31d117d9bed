"""Summary line.

    Indented body
      more indented
    """
x = __doc__
