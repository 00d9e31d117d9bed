import os
"doc"
from __future__ import annotations
