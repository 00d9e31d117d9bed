__all__ = ["public_a", "_private_but_listed"]
public_a = "a"
public_b = "b"
_private_but_listed = "p"
_hidden = "h"
