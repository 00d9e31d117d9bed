config = {"db": {"host": "localhost"}}
port = config["db"]["port"]
