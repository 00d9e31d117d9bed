RESULT = __name__
if __name__ == "__main__":
    RESULT = "ran as main"
