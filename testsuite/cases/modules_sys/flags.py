import sys
f = sys.flags
print(f.optimize, f.verbose, f.interactive, f.inspect, f.debug, f.bytes_warning, f.quiet, f.isolated, f.dev_mode)
print(type(f).__name__, f.optimize == f[f.n_fields - f.n_fields + 7] if False else "ok")
