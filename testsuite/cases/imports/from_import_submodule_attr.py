import sys, os
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "_pkgs"))
from shapes import circle, square
from shapes.circle import Circle as C
import shapes.sub
print(circle.__name__, square.__name__, C.__name__, shapes.sub.__name__, hasattr(shapes, "sub"))
import os.path as osp
print(osp is os.path, osp.__name__ in ("posixpath", "ntpath"))
