try:
    {}["missing"]
except KeyError:
    raise AttributeError("clean") from None
