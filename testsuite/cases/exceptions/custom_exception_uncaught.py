class AppError(Exception):
    def __init__(self, code):
        super().__init__(f"failed with {code}")
        self.code = code
def handler():
    raise AppError(42)
handler()
