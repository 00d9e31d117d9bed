class C:
    """Doc."""
    for i in range(3):
        pass
    try:
        import missing
    except ImportError:
        missing = None
