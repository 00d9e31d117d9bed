match value:
    case v if v:
        truthy = v
    case _ if value is None:
        truthy = None
    case other:
        truthy = False
