import sys, os
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "_pkgs"))
print(__name__)
import main_check
print(main_check.RESULT, main_check.__name__)
print(sys.modules["__main__"].__name__, "__main__" in sys.modules)
