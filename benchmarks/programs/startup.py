"""Startup: does no work, so its time is the interpreter's start and exit cost.

Accepts the size argument like every other program (and ignores it).
"""

import sys

SIZES = {"tiny": 0, "small": 0, "default": 0}


def workload_size():
    """Return the workload parameter for sys.argv[1]: a size name or an int."""
    arg = sys.argv[1] if len(sys.argv) > 1 else "default"
    if arg in SIZES:
        return SIZES[arg]
    return int(arg)


workload_size()
pass
print("checksum: 0")
