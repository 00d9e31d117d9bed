def cleanup():
    raise KeyError("during cleanup")
try:
    raise ValueError("original")
except ValueError:
    cleanup()
