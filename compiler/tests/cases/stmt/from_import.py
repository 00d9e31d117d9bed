from os import path, sep as separator
from a.b import (c, d)
