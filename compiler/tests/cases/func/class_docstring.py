class C:
    """Class docstring."""

    def f(self):
        """Method docstring."""
