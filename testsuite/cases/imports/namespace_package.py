import sys, os
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "_pkgs"))
import ns_pkg.module_in_ns as m
import ns_pkg
print(m.VALUE, ns_pkg.__file__, list(ns_pkg.__path__)[0].endswith('ns_pkg'), m.__package__)
