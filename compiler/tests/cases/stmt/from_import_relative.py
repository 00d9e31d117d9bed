from . import sibling
from ..pkg.mod import name as alias
from ... import top
