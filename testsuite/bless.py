#!/usr/bin/env python3
"""Check (or rewrite) the expected output of the behaviour cases against CPython.

Every `cases/<area>/<name>.py` (no path component starting with `_`) is run
the way the Rust harness runs it under taipan: `PYTHON <abs path>` with the
case's directory as cwd, no further argv, PYTHONHASHSEED=0 and stdin from
/dev/null.  The absolute path of `cases/` plus the slash is removed from
stdout and stderr, so traceback lines read `File "area/name.py", line 3`.

Expectations are `<name>.out` (stdout, byte-exact), `<name>.err` (stderr, only
when non-empty) and `<name>.status` (exit status, only when not 0).

The expectations describe CPython 3.14.  The interpreter used is, in order:
$BLESS_PYTHON, python3.14, python3.13, python3 (3.13 is much closer to 3.14
than the machine's 3.11: keyword-argument suggestions, traceback carets,
int-to-str limit messages).  Cases whose 3.14 behaviour no available CPython
shows are in HAND_WRITTEN and are only checked for having an `.out` file.
Cases that need at least 3.12/3.13 to reproduce are in MIN_VERSION and are
skipped (and reported as skipped) on an older interpreter.

Usage: bless.py [--update] [CASE-SUBSTRING...]
"""

import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")

# Expectations written by hand because CPython 3.14 differs from every
# CPython available here.  Key: case path relative to cases/, without `.py`.
HAND_WRITTEN = {
    "thread_runtime/lock_api": "3.13+ text: 'timeout value must be a non-negative number'",
    "modules_sys/version_info": "sys.version_info[:2] is (3, 14)",
    "modules_sys/implementation": "sys.implementation.name is 'taipan'",
    "int/int_str_limit": "3.14 text: 'maxdigits must be >= 640 or 0 for unlimited'",
    "py314/except_comma": "PEP 758: except A, B: without parentheses",
    "py314/except_star_comma": "PEP 758: except* A, B: without parentheses",
    "py314/tstring_basic": "PEP 750 t-strings and string.templatelib",
    "py314/tstring_interpolation": "PEP 750 Interpolation fields",
    "py314/tstring_concat": "PEP 750 Template concatenation and iteration",
    "py314/annotations_deferred": "PEP 649: annotations evaluated lazily",
    "py314/annotationlib_basic": "PEP 749 annotationlib.get_annotations formats",
    "py314/annotations_class": "PEP 649 class __annotations__ / __annotate__",
    "py314/unpack_counts": "3.14 reports 'got N' for too many values to unpack",
    "py314/unhashable_messages": "3.14 says \"cannot use 'list' as a set element\"",
    "dunders/contains_dunder": "3.14 says \"argument of type 'int' is not a container or iterable\"",
    "py314/zero_division_messages": "3.14 unified ZeroDivisionError messages",
    "py314/map_strict": "map(strict=True) is new in 3.14",
    "py314/float_from_number": "float.from_number / complex.from_number are new in 3.14",
    "py314/finally_return_warning": "PEP 765 SyntaxWarning for return in finally",
    "py314/notimplemented_bool": "bool(NotImplemented) raises TypeError in 3.14",
    "py314/syntax_error_suggestions": "3.14's keyword typo suggestions and newer SyntaxError messages",
}

# Cases whose expectations were produced by a newer CPython than 3.11 and
# that an older interpreter reproduces differently.  Value: (major, minor).
MIN_VERSION = {
    "attributes/attributes_on_builtins": (3, 13),
    "builtins/delattr_getattr_hasattr_setattr": (3, 13),
    "builtins/max_min_builtin": (3, 12),
    "builtins/object_builtin": (3, 13),
    "classes/abstract_classes": (3, 12),
    "classes/mro_c3": (3, 13),
    "classes/slots": (3, 13),
    "dunders/getitem_setitem_delitem": (3, 12),
    "exceptions/assert_uncaught": (3, 13),
    "exceptions/chained_traceback_cause": (3, 13),
    "exceptions/chained_traceback_context": (3, 13),
    "exceptions/custom_exception_uncaught": (3, 13),
    "exceptions/exception_group_traceback": (3, 13),
    "exceptions/hierarchy": (3, 13),
    "exceptions/name_error_traceback": (3, 13),
    "exceptions/notes_traceback": (3, 13),
    "exceptions/uncaught_in_function": (3, 13),
    "float/float_sum_fsum": (3, 12),
    "format/fstring_expressions": (3, 12),
    "format/fstring_quotes_312": (3, 12),
    "functions/docstrings": (3, 13),
    "functions/unexpected_kwarg_suggestion": (3, 13),
    "int/int_methods": (3, 12),
    "iter/iter_callable_sentinel": (3, 13),
    "iter/itertools_basic": (3, 12),
    "iter/sum_min_max_iter": (3, 12),
    "match/class_pattern_errors": (3, 12),
    "modules_math/float_bits": (3, 13),
    "modules_math/sums_products": (3, 12),
    "range_slice/slice_objects": (3, 12),
    "scoping/exec_scopes": (3, 13),
    "str/find_index_count": (3, 13),
    "str/isidentifier_keywords": (3, 12),
    "str/replace_translate": (3, 13),
    "str/str_constructor_errors": (3, 13),
    "super/super_attribute_errors": (3, 13),
    "super/super_in_nested_and_errors": (3, 12),
    "super/super_two_arg": (3, 13),
    "tracebacks/binary_op_carets": (3, 13),
    "tracebacks/call_in_expression": (3, 13),
    "tracebacks/caught_then_printed": (3, 13),
    "tracebacks/class_body_and_method": (3, 13),
    "tracebacks/decorator_wrapper": (3, 13),
    "tracebacks/generator_frames": (3, 13),
    "tracebacks/lambda_and_comprehension": (3, 13),
    "tracebacks/method_chain": (3, 13),
    "tracebacks/multiline_call": (3, 13),
    "tracebacks/nested_calls": (3, 13),
    "tracebacks/recursive_repeat": (3, 13),
    "tracebacks/whole_line_no_carets": (3, 13),
}


def candidate_pythons():
    env = os.environ.get("BLESS_PYTHON")
    if env:
        yield env
        return
    for name in ("python3.14", "python3.13"):
        path = shutil.which(name)
        if path:
            yield path
    root = os.path.expanduser("~/.pyenv/versions")
    if os.path.isdir(root):
        for entry in sorted(os.listdir(root), reverse=True):
            for version in ("3.14", "3.13"):
                candidate = os.path.join(root, entry, "bin", "python" + version)
                if entry.startswith(version) and os.path.exists(candidate):
                    yield candidate
    yield shutil.which("python3") or sys.executable


def find_python():
    """The first candidate that actually runs (pyenv shims may not)."""
    for python in candidate_pythons():
        try:
            return python, python_version(python)
        except (OSError, subprocess.CalledProcessError):
            continue
    raise SystemExit("bless: no working python found")


def python_version(python):
    out = subprocess.run(
        [python, "-c", "import sys; print(sys.version_info[0], sys.version_info[1])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return int(out[0]), int(out[1])


def all_cases():
    found = []
    for dirpath, dirnames, filenames in os.walk(CASES):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(("_", ".")))
        for filename in sorted(filenames):
            if filename.endswith(".py") and not filename.startswith("_"):
                rel = os.path.relpath(os.path.join(dirpath, filename), CASES)
                found.append(rel[:-3])
    return sorted(found)


def run_case(python, case):
    path = os.path.join(CASES, case + ".py")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("PYTHON") and key not in ("FORCE_COLOR", "NO_COLOR")
    }
    env["PYTHONHASHSEED"] = "0"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHON_COLORS"] = "0"
    env["NO_COLOR"] = "1"
    env["PYTHONIOENCODING"] = "utf-8"
    try:
        proc = subprocess.run(
            [python, path],
            cwd=os.path.dirname(path),
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=60,
        )
    except subprocess.TimeoutExpired:
        return b"", b"TIMEOUT\n", -1
    prefix = (CASES + os.sep).encode()
    return (
        proc.stdout.replace(prefix, b""),
        proc.stderr.replace(prefix, b""),
        proc.returncode,
    )


def read(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return None


def write_or_remove(path, data):
    if data is None:
        if os.path.exists(path):
            os.remove(path)
    else:
        with open(path, "wb") as f:
            f.write(data)


def main():
    args = sys.argv[1:]
    update = "--update" in args
    filters = [a for a in args if a != "--update"]
    python, version = find_python()
    print(f"bless: using {python} ({version[0]}.{version[1]})")
    cases = all_cases()
    for table in (HAND_WRITTEN, MIN_VERSION):
        for key in table:
            if key not in cases:
                print(f"bless: table entry {key} names no case")
    if filters:
        cases = [c for c in cases if any(f in c for f in filters)]
    passed = failed = skipped = 0
    for case in cases:
        base = os.path.join(CASES, case)
        if case in HAND_WRITTEN:
            if read(base + ".out") is None:
                print(f"MISSING  {case}.out (hand-written)")
                failed += 1
            else:
                skipped += 1
            continue
        if version < MIN_VERSION.get(case, (0, 0)):
            skipped += 1
            continue
        out, err, status = run_case(python, case)
        want_out = read(base + ".out") or b""
        want_err = read(base + ".err") or b""
        status_text = read(base + ".status")
        want_status = int(status_text) if status_text else 0
        if (out, err, status) == (want_out, want_err, want_status):
            passed += 1
            continue
        if update:
            write_or_remove(base + ".out", out)
            write_or_remove(base + ".err", err or None)
            write_or_remove(base + ".status", f"{status}\n".encode() if status else None)
            print(f"UPDATED  {case}")
            passed += 1
            continue
        failed += 1
        print(f"MISMATCH {case}")
        if out != want_out:
            print("  stdout differs")
        if err != want_err:
            print("  stderr differs:")
            for line in err.decode(errors="replace").splitlines()[-5:]:
                print("    " + line)
        if status != want_status:
            print(f"  status {status}, expected {want_status}")
    print(f"bless: {passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
