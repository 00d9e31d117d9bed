class Config:
    def __init__(self):
        self.verbose = True
        self.timeout = 5
c = Config()
c.verbsoe
