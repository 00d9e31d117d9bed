import sys, os
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "_pkgs"))
from starmod import *
print(public_a, _private_but_listed)
try:
    public_b
except NameError as e:
    print(type(e).__name__, e)
from nostar import *
print(visible)
try:
    _underscore
except NameError as e:
    print(type(e).__name__, e)
