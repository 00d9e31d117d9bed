import sys, os
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "_pkgs"))
import shapes
print(shapes.VERSION, shapes.Circle(1).area(), shapes.square.area(4), shapes.square.uses_sibling())
from shapes.sub import deep
print(deep.info())
import shapes.sub.deep as d2
print(d2 is deep, "shapes.sub" in sys.modules, shapes.sub.deep is deep)
print(shapes.__name__, shapes.__package__, os.path.basename(os.path.dirname(shapes.__file__)), shapes.circle.__name__)
