assert (x, "message")
