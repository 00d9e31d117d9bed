class Config:
    def load(self):
        return self.parse("x=")
    def parse(self, text):
        key, value = text.split("=")
        return {key: int(value)}
Config().load()
