"""Prints CPython's symbol tables of the given files in the projection that
compiler/tests/scope_tests.rs (`cpython_projection`) prints for Taipan's.

Usage: python3 dump_symtable.py FILE...  (one "=== FILE" block per file)

Only what CPython 3.11 and 3.14 share is printed: scope kind (module, class or
function) and name, parameters, and each symbol's resolution with its
DEF_GLOBAL/DEF_LOCAL/DEF_PARAM/DEF_NONLOCAL/USE/DEF_IMPORT flags (3.12+ sets DEF_FREE_CLASS
unconditionally, so it is not compared).
"""

import sys
import symtable
import _symtable

RESOLUTIONS = {1: "local", 2: "global_explicit", 3: "global_implicit", 4: "free", 5: "cell"}
SHARED_FLAGS = 0x1 | 0x2 | 0x4 | 0x8 | 0x10 | 0x80
SCOPE_OFF = _symtable.SCOPE_OFF
NAMES = {"top": "<module>", "lambda": "<lambda>", "genexpr": "<genexpr>",
         "listcomp": "<listcomp>", "setcomp": "<setcomp>", "dictcomp": "<dictcomp>"}


def dump(table, depth, out):
    indent = "  " * depth
    kind = table.get_type()
    kind = kind if isinstance(kind, str) else kind.value
    out.append(f"{indent}{kind} {NAMES.get(table.get_name(), table.get_name())}")
    if kind == "function" and table.get_parameters():
        out.append(f"{indent}  params: {', '.join(table.get_parameters())}")
    raw = table._table.symbols
    for name in sorted(raw):
        flags = raw[name]
        resolution = RESOLUTIONS[(flags >> SCOPE_OFF) & _symtable.SCOPE_MASK]
        out.append(f"{indent}  {name}: {resolution} {flags & SHARED_FLAGS:#x}")
    for child in table.get_children():
        dump(child, depth + 1, out)


def main():
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            source = f.read()
        out = [f"=== {path}"]
        dump(symtable.symtable(source, "case.py", "exec"), 0, out)
        print("\n".join(out))


main()
