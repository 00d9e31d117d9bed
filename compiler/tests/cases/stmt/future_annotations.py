"""Doc."""
from __future__ import annotations
from __future__ import generator_stop
x: int = 1
