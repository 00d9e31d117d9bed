"""Path operations on POSIX paths (`os.path`), Taipan's own implementation."""

import posix as _posix

__all__ = ["normcase", "isabs", "join", "splitdrive", "splitroot", "split", "splitext",
           "basename", "dirname", "commonprefix", "getsize", "getmtime", "getatime",
           "getctime", "islink", "exists", "lexists", "isdir", "isfile", "ismount",
           "expanduser", "expandvars", "normpath", "abspath", "samefile", "sameopenfile",
           "samestat", "curdir", "pardir", "sep", "pathsep", "defpath", "altsep", "extsep",
           "devnull", "realpath", "supports_unicode_filenames", "relpath", "commonpath",
           "isjunction", "isdevdrive"]

curdir = "."
pardir = ".."
extsep = "."
sep = "/"
pathsep = ":"
defpath = "/bin:/usr/bin"
altsep = None
devnull = "/dev/null"
supports_unicode_filenames = False

_S_IFMT = 0o170000
_S_IFDIR = 0o040000
_S_IFREG = 0o100000
_S_IFLNK = 0o120000


def _fspath(p):
    if isinstance(p, (str, bytes)):
        return p
    f = getattr(type(p), "__fspath__", None)
    if f is None:
        raise TypeError("expected str, bytes or os.PathLike object, not %s" % type(p).__name__)
    r = f(p)
    if not isinstance(r, (str, bytes)):
        raise TypeError("expected %s.__fspath__() to return str or bytes, not %s"
                        % (type(p).__name__, type(r).__name__))
    return r


def _seps(p):
    return (b"/", b".", b"") if isinstance(p, bytes) else ("/", ".", "")


def _check_arg_types(funcname, *args):
    has_str = has_bytes = False
    for s in args:
        if isinstance(s, str):
            has_str = True
        elif isinstance(s, bytes):
            has_bytes = True
        else:
            raise TypeError("%s() argument must be str, bytes, or os.PathLike object, not %r"
                            % (funcname, type(s).__name__))
    if has_str and has_bytes:
        raise TypeError("Can't mix strings and bytes in path components")


def normcase(s):
    return _fspath(s)


def isabs(s):
    s = _fspath(s)
    return s.startswith(_seps(s)[0])


def join(a, *p):
    a = _fspath(a)
    sep = _seps(a)[0]
    path = a
    try:
        for b in map(_fspath, p):
            if b.startswith(sep):
                path = b
            elif not path or path.endswith(sep):
                path += b
            else:
                path += sep + b
    except (TypeError, AttributeError, BytesWarning):
        _check_arg_types("join", a, *p)
        raise
    return path


def split(p):
    p = _fspath(p)
    sep = _seps(p)[0]
    i = p.rfind(sep) + 1
    head, tail = p[:i], p[i:]
    if head and head != sep * len(head):
        head = head.rstrip(sep)
    return head, tail


def splitext(p):
    p = _fspath(p)
    sep, dot, _ = _seps(p)
    sep_index = p.rfind(sep)
    dot_index = p.rfind(dot)
    if dot_index > sep_index:
        # Leading dots of the last component do not start an extension.
        i = sep_index + 1
        while i < dot_index:
            if p[i:i + 1] != dot:
                return p[:dot_index], p[dot_index:]
            i += 1
    return p, p[:0]


def splitdrive(p):
    p = _fspath(p)
    return p[:0], p


def splitroot(p):
    p = _fspath(p)
    sep, _, empty = _seps(p)
    if p[:1] != sep:
        return empty, empty, p
    if p[1:2] != sep or p[2:3] == sep:
        return empty, sep, p[1:]
    return empty, p[:2], p[2:]


def basename(p):
    p = _fspath(p)
    i = p.rfind(_seps(p)[0]) + 1
    return p[i:]


def dirname(p):
    p = _fspath(p)
    sep = _seps(p)[0]
    i = p.rfind(sep) + 1
    head = p[:i]
    if head and head != sep * len(head):
        head = head.rstrip(sep)
    return head


def commonprefix(m):
    if not m:
        return ""
    if not isinstance(m[0], (list, tuple)):
        m = tuple(map(_fspath, m))
    s1 = min(m)
    s2 = max(m)
    for i, c in enumerate(s1):
        if c != s2[i]:
            return s1[:i]
    return s1


def commonpath(paths):
    paths = tuple(map(_fspath, paths))
    if not paths:
        raise ValueError("commonpath() arg is an empty iterable")
    sep, curdir_, _ = _seps(paths[0])
    split_paths = [path.split(sep) for path in paths]
    try:
        (isabs_,) = set(p[:1] == sep for p in paths)
    except ValueError:
        raise ValueError("Can't mix absolute and relative paths") from None
    split_paths = [[c for c in s if c and c != curdir_] for s in split_paths]
    s1 = min(split_paths)
    s2 = max(split_paths)
    common = s1
    for i, c in enumerate(s1):
        if c != s2[i]:
            common = s1[:i]
            break
    prefix = sep if isabs_ else sep[:0]
    return prefix + sep.join(common)


def normpath(path):
    path = _fspath(path)
    sep, dot, empty = _seps(path)
    dotdot = dot + dot
    if path == empty:
        return dot
    initial = 0
    if path.startswith(sep):
        initial = 1
        # POSIX keeps exactly two leading slashes, and folds three or more into one.
        if path.startswith(sep * 2) and not path.startswith(sep * 3):
            initial = 2
    comps = path.split(sep)
    new_comps = []
    for comp in comps:
        if comp in (empty, dot):
            continue
        if comp != dotdot or (not initial and not new_comps) or (new_comps and new_comps[-1] == dotdot):
            new_comps.append(comp)
        elif new_comps:
            new_comps.pop()
    path = sep.join(new_comps)
    if initial:
        path = sep * initial + path
    return path or dot


def abspath(path):
    path = _fspath(path)
    if not isabs(path):
        cwd = _posix.getcwd()
        if isinstance(path, bytes):
            cwd = cwd.encode()
        path = join(cwd, path)
    return normpath(path)


def realpath(filename, *, strict=False):
    filename = _fspath(filename)
    sep = _seps(filename)[0]
    path = abspath(filename)
    parts = path.split(sep)[1:]
    resolved = sep[:0]
    seen = 0
    i = 0
    while i < len(parts):
        part = parts[i]
        i += 1
        if not part or part == ".":
            continue
        if part == "..":
            resolved = dirname(resolved) if resolved else resolved
            if resolved == sep:
                resolved = sep[:0]
            continue
        candidate = resolved + sep + part
        try:
            target = _posix.readlink(candidate)
        except OSError:
            resolved = candidate
            continue
        seen += 1
        if seen > 40:
            resolved = candidate
            continue
        rest = target.split(sep) + parts[i:]
        if target.startswith(sep):
            resolved = sep[:0]
        parts = rest
        i = 0
    return resolved or sep


def relpath(path, start=None):
    path = _fspath(path)
    if not path:
        raise ValueError("no path specified")
    sep, curdir_, _ = _seps(path)
    if start is None:
        start = curdir_
    else:
        start = _fspath(start)
    start_list = [x for x in abspath(start).split(sep) if x]
    path_list = [x for x in abspath(path).split(sep) if x]
    i = len(commonprefix([start_list, path_list]))
    rel_list = [curdir_ + curdir_] * (len(start_list) - i) + path_list[i:]
    if not rel_list:
        return curdir_
    return sep.join(rel_list)


def expanduser(path):
    path = _fspath(path)
    tilde = b"~" if isinstance(path, bytes) else "~"
    if not path.startswith(tilde):
        return path
    sep = _seps(path)[0]
    i = path.find(sep, 1)
    if i < 0:
        i = len(path)
    if i == 1:
        import os
        home = os.environ.get("HOME")
        if home is None:
            return path
        if isinstance(path, bytes):
            home = home.encode()
    else:
        return path
    home = home.rstrip(sep)
    return (home + path[i:]) or sep


def expandvars(path):
    path = _fspath(path)
    if isinstance(path, bytes):
        return path
    if "$" not in path:
        return path
    import os
    out = []
    i = 0
    n = len(path)
    while i < n:
        c = path[i]
        if c != "$":
            out.append(c)
            i += 1
            continue
        if i + 1 < n and path[i + 1] == "{":
            j = path.find("}", i + 2)
            if j < 0:
                out.append(path[i:])
                break
            name = path[i + 2:j]
            end = j + 1
        else:
            j = i + 1
            while j < n and (path[j].isalnum() or path[j] == "_"):
                j += 1
            name = path[i + 1:j]
            end = j
        if not name:
            out.append("$")
            end = i + 1
        elif name in os.environ:
            out.append(os.environ[name])
        else:
            out.append(path[i:end])
        i = end
    return "".join(out)


def _stat(path):
    try:
        return _posix.stat(_fspath(path))
    except (OSError, ValueError, TypeError):
        return None


def exists(path):
    return _stat(path) is not None


def lexists(path):
    try:
        _posix.lstat(_fspath(path))
    except (OSError, ValueError, TypeError):
        return False
    return True


def isdir(s):
    st = _stat(s)
    return st is not None and (st.st_mode & _S_IFMT) == _S_IFDIR


def isfile(path):
    st = _stat(path)
    return st is not None and (st.st_mode & _S_IFMT) == _S_IFREG


def islink(path):
    try:
        st = _posix.lstat(_fspath(path))
    except (OSError, ValueError, TypeError):
        return False
    return (st.st_mode & _S_IFMT) == _S_IFLNK


def isjunction(path):
    _fspath(path)
    return False


def isdevdrive(path):
    _fspath(path)
    return False


def ismount(path):
    try:
        s1 = _posix.lstat(_fspath(path))
    except (OSError, ValueError):
        return False
    if (s1.st_mode & _S_IFMT) == _S_IFLNK:
        return False
    parent = realpath(join(_fspath(path), ".."))
    try:
        s2 = _posix.lstat(parent)
    except OSError:
        return False
    return s1.st_dev != s2.st_dev or s1.st_ino == s2.st_ino


def getsize(filename):
    return _posix.stat(_fspath(filename)).st_size


def getmtime(filename):
    return _posix.stat(_fspath(filename)).st_mtime


def getatime(filename):
    return _posix.stat(_fspath(filename)).st_atime


def getctime(filename):
    return _posix.stat(_fspath(filename)).st_ctime


def samestat(s1, s2):
    return s1.st_ino == s2.st_ino and s1.st_dev == s2.st_dev


def samefile(f1, f2):
    return samestat(_posix.stat(_fspath(f1)), _posix.stat(_fspath(f2)))


def sameopenfile(fp1, fp2):
    return samestat(_posix.fstat(fp1), _posix.fstat(fp2))
