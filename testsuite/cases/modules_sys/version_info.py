import sys
print(sys.version_info[:2], sys.version_info >= (3, 14), sys.version_info.major, sys.version_info.minor)
print(type(sys.version).__name__, sys.version.startswith("3.14"), type(sys.hexversion).__name__, sys.hexversion >> 16 == 0x30E)
print(sys.version_info.releaselevel in ("alpha", "beta", "candidate", "final"))
