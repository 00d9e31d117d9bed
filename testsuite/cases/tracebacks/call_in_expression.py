def parse(text):
    return int(text)
numbers = [parse("1"), parse("2"), parse("three")]
