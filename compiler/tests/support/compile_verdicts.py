"""Print CPython's verdict on every .py file under a directory (default: the stdlib).

Used by compiler/tests/stdlib_compile.rs. Output, one line each:

    ROOT<TAB><directory walked>
    REJECT<TAB><path relative to ROOT><TAB><exception class>: <message>
    COUNT<TAB><number of files compiled>

Each file's raw bytes go through compile(bytes, path, "exec") with warnings silenced, so
decoding (BOM, PEP 263 cookies) is part of the verdict. site-packages is included: it is
most of the ~11,000 files and the best sample of real-world code on the machine.
"""

import os
import sys
import sysconfig
import warnings


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else sysconfig.get_paths()["stdlib"]
    root = os.path.abspath(root)
    print(f"ROOT\t{root}")
    count = 0
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            if not name.endswith(".py"):
                continue
            path = os.path.join(dirpath, name)
            with open(path, "rb") as f:
                data = f.read()
            count += 1
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    compile(data, path, "exec", dont_inherit=True)
            except SyntaxError as e:
                message = f"{type(e).__name__}: {e.msg}".replace("\n", " ")
                print(f"REJECT\t{os.path.relpath(path, root)}\t{message}")
            except (ValueError, UnicodeError) as e:
                message = f"{type(e).__name__}: {e}".replace("\n", " ")
                print(f"REJECT\t{os.path.relpath(path, root)}\t{message}")
    print(f"COUNT\t{count}")


if __name__ == "__main__":
    main()
