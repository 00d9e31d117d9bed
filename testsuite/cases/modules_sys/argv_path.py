import sys, os
print(len(sys.argv), os.path.basename(sys.argv[0]), type(sys.argv).__name__)
print(sys.path[0] == os.path.dirname(os.path.abspath(__file__)), type(sys.path).__name__)
print(os.path.basename(os.path.dirname(os.path.abspath(sys.argv[0]))))
