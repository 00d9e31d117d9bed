from ..circle import Circle
from .. import VERSION
from .. import square
def info(): return (Circle(2).area(), VERSION, square.area(3), __name__, __package__)
