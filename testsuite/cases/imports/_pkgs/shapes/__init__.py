print("shapes package init")
from .circle import Circle
from . import square
VERSION = "1.0"
