//! Comprehensions (inlined per PEP 709) and generator expressions.
