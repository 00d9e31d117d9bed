"""Print CPython's verdict on every .py file under a directory (default: the stdlib).

Used by compiler/tests/stdlib_compile.rs. Output, one line each:

    ROOT<TAB><directory walked>
    REJECT<TAB><path relative to ROOT><TAB><exception class>: <message>
    COUNT<TAB><number of files compiled>

Each file's raw bytes go through compile(bytes, path, "exec") with warnings silenced, so
decoding (BOM, PEP 263 cookies) is part of the verdict. site-packages is included: it is
most of the ~11,000 files and the best sample of real-world code on the machine.
"""

import multiprocessing
import os
import sys
import sysconfig
import warnings


def verdict(path):
    """CPython's complaint about one file, or None if it compiles."""
    with open(path, "rb") as f:
        data = f.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(data, path, "exec", dont_inherit=True)
    except SyntaxError as e:
        return f"{type(e).__name__}: {e.msg}".replace("\n", " ")
    except (ValueError, UnicodeError) as e:
        return f"{type(e).__name__}: {e}".replace("\n", " ")
    return None


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else sysconfig.get_paths()["stdlib"]
    root = os.path.abspath(root)
    print(f"ROOT\t{root}")
    paths = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        paths.extend(os.path.join(dirpath, n) for n in sorted(filenames) if n.endswith(".py"))
    # Compiling ~11,000 files takes CPython about 30 s of CPU; use every core.
    with multiprocessing.Pool() as pool:
        for path, message in zip(paths, pool.imap(verdict, paths, chunksize=64)):
            if message is not None:
                print(f"REJECT\t{os.path.relpath(path, root)}\t{message}")
    print(f"COUNT\t{len(paths)}")


if __name__ == "__main__":
    main()
