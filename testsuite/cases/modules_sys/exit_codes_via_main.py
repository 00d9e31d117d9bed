import sys
def main():
    print("main running")
    return 7
sys.exit(main())
