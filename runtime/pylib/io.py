"""The io module, Taipan's own implementation on top of the `posix` descriptor calls.

The layers are CPython's: FileIO (raw descriptor I/O), BufferedReader/BufferedWriter/
BufferedRandom (buffering over a raw stream), TextIOWrapper (encoding and newline
translation over a buffered stream), plus the in-memory BytesIO and StringIO. The
standard streams (sys.stdout, ...) stay the interpreter's own objects (module `_io`).

Writes are passed straight through to the descriptor (the buffered classes buffer reads
only), so data is never lost when a file object is dropped without being closed. The text
layer (TextIOWrapper, StringIO) is in `_textio`.
"""

import posix as _posix
from _io import _std_stream_type

__all__ = ["DEFAULT_BUFFER_SIZE", "IOBase", "RawIOBase", "BufferedIOBase", "TextIOBase",
           "FileIO", "BytesIO", "StringIO", "BufferedReader", "BufferedWriter",
           "BufferedRandom", "TextIOWrapper", "UnsupportedOperation", "open", "open_code",
           "text_encoding", "SEEK_SET", "SEEK_CUR", "SEEK_END", "IncrementalNewlineDecoder"]

DEFAULT_BUFFER_SIZE = 128 * 1024
SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2


class UnsupportedOperation(OSError, ValueError):
    pass


def _closed_error():
    return ValueError("I/O operation on closed file.")


class IOBase:
    """The base of every stream: closing, context management, line iteration."""

    _closed = False

    def _unsupported(self, name):
        raise UnsupportedOperation(name)

    def seek(self, pos, whence=0):
        self._unsupported("seek")

    def tell(self):
        return self.seek(0, 1)

    def truncate(self, pos=None):
        self._unsupported("truncate")

    def flush(self):
        self._check_closed()

    def close(self):
        if not self._closed:
            try:
                self.flush()
            finally:
                self._closed = True

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

    def seekable(self):
        return False

    def readable(self):
        return False

    def writable(self):
        return False

    def _check_closed(self, msg=None):
        if self.closed:
            raise ValueError("I/O operation on closed file." if msg is None else msg)

    def _check_readable(self):
        if not self.readable():
            raise UnsupportedOperation("File or stream is not readable.")

    def _check_writable(self):
        if not self.writable():
            raise UnsupportedOperation("File or stream is not writable.")

    def _check_seekable(self):
        if not self.seekable():
            raise UnsupportedOperation("File or stream is not seekable.")

    @property
    def closed(self):
        return self._closed

    def __enter__(self):
        self._check_closed()
        return self

    def __exit__(self, *args):
        self.close()

    def fileno(self):
        self._unsupported("fileno")

    def isatty(self):
        self._check_closed()
        return False

    def readline(self, size=-1):
        if size is None:
            size = -1
        res = bytearray()
        while size < 0 or len(res) < size:
            b = self.read(1)
            if not b:
                break
            res += b
            if res.endswith(b"\n"):
                break
        return bytes(res)

    def __iter__(self):
        self._check_closed()
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def readlines(self, hint=None):
        if hint is None or hint <= 0:
            return list(self)
        lines = []
        n = 0
        for line in self:
            lines.append(line)
            n += len(line)
            if n >= hint:
                break
        return lines

    def writelines(self, lines):
        self._check_closed()
        for line in lines:
            self.write(line)


class RawIOBase(IOBase):
    def read(self, size=-1):
        if size is None:
            size = -1
        if size < 0:
            return self.readall()
        b = bytearray(size)
        n = self.readinto(b)
        if n is None:
            return None
        return bytes(b[:n])

    def readall(self):
        res = bytearray()
        while True:
            data = self.read(DEFAULT_BUFFER_SIZE)
            if not data:
                break
            res += data
        return bytes(res)


class BufferedIOBase(IOBase):
    def read1(self, size=-1):
        return self.read(size)

    def readinto(self, b):
        data = self.read(len(b))
        n = len(data)
        b[:n] = data
        return n

    def detach(self):
        self._unsupported("detach")


class TextIOBase(IOBase):
    encoding = None
    errors = None
    newlines = None

    def detach(self):
        self._unsupported("detach")


def _mode_string(readable, writable, append, created):
    if created:
        return "xb+" if readable else "xb"
    if append:
        return "ab+" if readable else "ab"
    if readable and writable:
        return "rb+"
    return "rb" if readable else "wb"


class FileIO(RawIOBase):
    """Raw I/O on an operating-system file descriptor."""

    def __init__(self, file, mode="r", closefd=True, opener=None):
        self._fd = -1
        self._closed = False
        if isinstance(file, float):
            raise TypeError("integer argument expected, got float")
        if isinstance(file, int):
            if file < 0:
                raise ValueError("negative file descriptor")
            fd = file
        else:
            fd = None
            file = _fspath(file)
        if not isinstance(mode, str):
            raise TypeError("FileIO() argument 'mode' must be str, not " + type(mode).__name__)
        kinds = sum(c in mode for c in "rwax")
        if kinds != 1 or mode.count("+") > 1 or any(c not in "rwaxb+" for c in mode):
            if any(c not in "rwaxb+" for c in mode):
                raise ValueError("invalid mode: %s" % mode)
            raise ValueError("Must have exactly one of create/read/write/append mode and at most one plus")
        self._readable = "r" in mode or "+" in mode
        self._writable = "r" not in mode or "+" in mode
        self._appending = "a" in mode
        self._created = "x" in mode
        if self._readable and self._writable:
            flags = _posix.O_RDWR
        elif self._readable:
            flags = _posix.O_RDONLY
        else:
            flags = _posix.O_WRONLY
        if "w" in mode:
            flags |= _posix.O_CREAT | _posix.O_TRUNC
        elif "a" in mode:
            flags |= _posix.O_CREAT | _posix.O_APPEND
        elif "x" in mode:
            flags |= _posix.O_CREAT | _posix.O_EXCL
        flags |= _posix.O_CLOEXEC
        if fd is None:
            if not closefd:
                raise ValueError("Cannot use closefd=False with file name")
            if opener is None:
                fd = _posix.open(file, flags, 0o666)
            else:
                fd = opener(file, flags)
                if not isinstance(fd, int):
                    raise TypeError("expected integer from opener")
                if fd < 0:
                    raise ValueError("opener returned %d" % fd)
        self._fd = fd
        self._closefd = closefd
        try:
            st = _posix.fstat(fd)
            if (st.st_mode & 0o170000) == 0o040000:
                raise IsADirectoryError(21, _posix.strerror(21), file)
        except IsADirectoryError:
            if fd is not None and closefd:
                _posix.close(fd)
            self._fd = -1
            raise
        except OSError:
            pass
        self.name = file
        self.mode = _mode_string(self._readable, self._writable, self._appending, self._created)
        if self._appending:
            try:
                _posix.lseek(fd, 0, 2)
            except OSError:
                pass

    def __repr__(self):
        if self._closed:
            return "<_io.FileIO [closed]>"
        return "<_io.FileIO name=%r mode=%r closefd=%r>" % (self.name, self.mode, self._closefd)

    def _checked(self):
        if self._closed:
            raise _closed_error()

    def readable(self):
        self._checked()
        return self._readable

    def writable(self):
        self._checked()
        return self._writable

    def seekable(self):
        self._checked()
        try:
            _posix.lseek(self._fd, 0, 1)
        except OSError:
            return False
        return True

    def fileno(self):
        self._checked()
        return self._fd

    def isatty(self):
        self._checked()
        return _posix.isatty(self._fd)

    def read(self, size=-1):
        self._checked()
        if not self._readable:
            raise UnsupportedOperation("File not open for reading")
        if size is None or size < 0:
            return self.readall()
        return _posix.read(self._fd, size)

    def readall(self):
        self._checked()
        if not self._readable:
            raise UnsupportedOperation("File not open for reading")
        chunks = []
        while True:
            data = _posix.read(self._fd, DEFAULT_BUFFER_SIZE)
            if not data:
                break
            chunks.append(data)
        return b"".join(chunks)

    def readinto(self, b):
        data = self.read(len(b))
        n = len(data)
        b[:n] = data
        return n

    def write(self, b):
        self._checked()
        if not self._writable:
            raise UnsupportedOperation("File not open for writing")
        return _posix.write(self._fd, b)

    def seek(self, pos, whence=0):
        self._checked()
        if isinstance(pos, float):
            raise TypeError("an integer is required")
        return _posix.lseek(self._fd, pos, whence)

    def tell(self):
        self._checked()
        return _posix.lseek(self._fd, 0, 1)

    def truncate(self, size=None):
        self._checked()
        if not self._writable:
            raise UnsupportedOperation("File not open for writing")
        if size is None:
            size = self.tell()
        _posix.ftruncate(self._fd, size)
        return size

    def close(self):
        if not self._closed:
            self._closed = True
            if self._closefd and self._fd >= 0:
                _posix.close(self._fd)

    @property
    def closed(self):
        return self._closed

    @property
    def closefd(self):
        return self._closefd


class _BufferedBase(BufferedIOBase):
    """Buffering over a raw stream: reads go through a buffer, writes straight through."""

    def __init__(self, raw, buffer_size=DEFAULT_BUFFER_SIZE):
        if buffer_size <= 0:
            raise ValueError("buffer size must be strictly positive")
        self._raw = raw
        self.buffer_size = buffer_size
        self._rbuf = b""
        self._rpos = 0
        # Whether writes are allowed, fixed when the raw stream is a FileIO (its mode
        # cannot change); None means ask `writable()` on every write.
        self._can_write = raw._writable if isinstance(raw, FileIO) else None

    @property
    def raw(self):
        return self._raw

    @property
    def name(self):
        return self._raw.name

    @property
    def mode(self):
        return self._raw.mode

    @property
    def closed(self):
        return self._raw is None or self._raw.closed

    def __repr__(self):
        try:
            name = self.name
        except AttributeError:
            return "<_io.%s>" % type(self).__name__
        return "<_io.%s name=%r>" % (type(self).__name__, name)

    def _checked(self):
        if self._raw is None:
            raise ValueError("raw stream has been detached")
        if self._raw.closed:
            raise _closed_error()

    def fileno(self):
        self._checked()
        return self._raw.fileno()

    def isatty(self):
        self._checked()
        return self._raw.isatty()

    def readable(self):
        self._checked()
        return self._raw.readable()

    def writable(self):
        self._checked()
        return self._raw.writable()

    def seekable(self):
        self._checked()
        return self._raw.seekable()

    def _drop_read_buffer(self):
        """Moves the raw position back over unread buffered bytes and empties the buffer."""
        left = len(self._rbuf) - self._rpos
        if left:
            self._raw.seek(-left, 1)
        self._rbuf = b""
        self._rpos = 0

    def _fill(self):
        """Reads one chunk into an empty buffer; False at end of file."""
        data = self._raw.read(self.buffer_size)
        if not data:
            return False
        self._rbuf = data
        self._rpos = 0
        return True

    def read(self, size=-1):
        self._checked()
        if not self.readable():
            raise UnsupportedOperation("read")
        if size is None or size < 0:
            rest = self._rbuf[self._rpos:]
            self._rbuf = b""
            self._rpos = 0
            tail = self._raw.readall()
            return rest + tail if tail else rest
        out = []
        want = size
        while want > 0:
            if self._rpos >= len(self._rbuf):
                if want >= self.buffer_size:
                    data = self._raw.read(want)
                    if data:
                        out.append(data)
                    break
                if not self._fill():
                    break
            chunk = self._rbuf[self._rpos:self._rpos + want]
            self._rpos += len(chunk)
            want -= len(chunk)
            out.append(chunk)
        return b"".join(out)

    def read1(self, size=-1):
        self._checked()
        if not self.readable():
            raise UnsupportedOperation("read1")
        if self._rpos >= len(self._rbuf):
            if size == 0 or not self._fill():
                return b""
        if size is None or size < 0:
            size = len(self._rbuf) - self._rpos
        chunk = self._rbuf[self._rpos:self._rpos + size]
        self._rpos += len(chunk)
        return chunk

    def peek(self, size=0):
        self._checked()
        if self._rpos >= len(self._rbuf):
            self._fill()
        return self._rbuf[self._rpos:]

    def readline(self, size=-1):
        self._checked()
        if not self.readable():
            raise UnsupportedOperation("readline")
        if size is None:
            size = -1
        out = []
        got = 0
        while size < 0 or got < size:
            if self._rpos >= len(self._rbuf) and not self._fill():
                break
            end = self._rbuf.find(b"\n", self._rpos)
            stop = len(self._rbuf) if end < 0 else end + 1
            if size >= 0:
                stop = min(stop, self._rpos + size - got)
            chunk = self._rbuf[self._rpos:stop]
            self._rpos = stop
            got += len(chunk)
            out.append(chunk)
            if chunk.endswith(b"\n"):
                break
        return b"".join(out)

    def write(self, b):
        raw = self._raw
        if raw is None or raw.closed:
            self._checked()
        can_write = self._can_write
        if can_write is None:
            can_write = self.writable()
        if not can_write or (type(self) is BufferedReader):
            raise UnsupportedOperation("write")
        if isinstance(b, str):
            raise TypeError("a bytes-like object is required, not 'str'")
        if self._rbuf:
            self._drop_read_buffer()
        total = len(b)
        n = raw.write(b)
        if n is None or n >= total:
            return total
        data = bytes(b)
        done = n
        while done < total:
            n = raw.write(data[done:])
            if n is None:
                break
            done += n
        return total

    def flush(self):
        self._checked()

    def seek(self, pos, whence=0):
        self._checked()
        if whence not in (0, 1, 2):
            raise ValueError("whence value %d unsupported" % whence)
        if whence == 1:
            pos -= len(self._rbuf) - self._rpos
        self._rbuf = b""
        self._rpos = 0
        return self._raw.seek(pos, whence)

    def tell(self):
        self._checked()
        return self._raw.tell() - (len(self._rbuf) - self._rpos)

    def truncate(self, pos=None):
        self._checked()
        if not self.writable():
            raise UnsupportedOperation("truncate")
        if pos is None:
            pos = self.tell()
        self._drop_read_buffer()
        return self._raw.truncate(pos)

    def close(self):
        if self._raw is not None and not self._raw.closed:
            try:
                self.flush()
            finally:
                self._raw.close()

    def detach(self):
        self._checked()
        raw = self._raw
        self._raw = None
        return raw


class BufferedReader(_BufferedBase):
    def writable(self):
        self._checked()
        return False


class BufferedWriter(_BufferedBase):
    def readable(self):
        self._checked()
        return False


class BufferedRandom(_BufferedBase):
    pass


class BytesIO(BufferedIOBase):
    """An in-memory binary stream."""

    def __init__(self, initial_bytes=b""):
        self._buf = bytearray(initial_bytes) if initial_bytes is not None else bytearray()
        self._pos = 0
        self._closed = False

    def _checked(self):
        if self._closed:
            raise ValueError("I/O operation on closed file.")

    def getvalue(self):
        self._checked()
        return bytes(self._buf)

    def getbuffer(self):
        self._checked()
        return memoryview(self._buf)

    def read(self, size=-1):
        self._checked()
        if size is None or size < 0:
            size = len(self._buf)
        start = min(self._pos, len(self._buf))
        data = bytes(self._buf[start:start + size])
        self._pos = start + len(data)
        return data

    read1 = read

    def readline(self, size=-1):
        self._checked()
        start = min(self._pos, len(self._buf))
        end = self._buf.find(b"\n", start)
        end = len(self._buf) if end < 0 else end + 1
        if size is not None and size >= 0:
            end = min(end, start + size)
        self._pos = end
        return bytes(self._buf[start:end])

    def readinto(self, b):
        data = self.read(len(b))
        b[:len(data)] = data
        return len(data)

    def write(self, b):
        self._checked()
        if isinstance(b, str):
            raise TypeError("a bytes-like object is required, not 'str'")
        data = bytes(b)
        n = len(data)
        pos = self._pos
        if pos > len(self._buf):
            self._buf += bytes(pos - len(self._buf))
        self._buf[pos:pos + n] = data
        self._pos = pos + n
        return n

    def seek(self, pos, whence=0):
        self._checked()
        if isinstance(pos, float):
            raise TypeError("'float' object cannot be interpreted as an integer")
        if whence == 0:
            if pos < 0:
                raise ValueError("negative seek value %d" % pos)
            self._pos = pos
        elif whence == 1:
            self._pos = max(0, self._pos + pos)
        elif whence == 2:
            self._pos = max(0, len(self._buf) + pos)
        else:
            raise ValueError("invalid whence (%d, should be 0, 1 or 2)" % whence)
        return self._pos

    def tell(self):
        self._checked()
        return self._pos

    def truncate(self, size=None):
        self._checked()
        if size is None:
            size = self._pos
        if size < 0:
            raise ValueError("negative size value %d" % size)
        del self._buf[size:]
        return size

    def readable(self):
        self._checked()
        return True

    def writable(self):
        self._checked()
        return True

    def seekable(self):
        self._checked()
        return True

    def close(self):
        self._closed = True

    @property
    def closed(self):
        return self._closed


def _fspath(path):
    if isinstance(path, (str, bytes)):
        return path
    fspath = getattr(type(path), "__fspath__", None)
    if fspath is None:
        raise TypeError("expected str, bytes or os.PathLike object, not %s" % type(path).__name__)
    return fspath(path)


def text_encoding(encoding, stacklevel=2):
    return "utf-8" if encoding is None else encoding


def open(file, mode="r", buffering=-1, encoding=None, errors=None, newline=None, closefd=True, opener=None):
    if not isinstance(file, int):
        file = _fspath(file)
    if not isinstance(file, (str, bytes, int)):
        raise TypeError("invalid file: %r" % (file,))
    if not isinstance(mode, str):
        raise TypeError("open() argument 'mode' must be str, not %s" % type(mode).__name__)
    if not isinstance(buffering, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(buffering).__name__)
    if encoding is not None and not isinstance(encoding, str):
        raise TypeError("open() argument 'encoding' must be str or None, not %s" % type(encoding).__name__)
    if errors is not None and not isinstance(errors, str):
        raise TypeError("open() argument 'errors' must be str or None, not %s" % type(errors).__name__)
    modes = set(mode)
    if modes - set("axrwb+t") or len(mode) > len(modes):
        raise ValueError("invalid mode: '%s'" % mode)
    creating = "x" in modes
    reading = "r" in modes
    writing = "w" in modes
    appending = "a" in modes
    updating = "+" in modes
    text = "t" in modes
    binary = "b" in modes
    if text and binary:
        raise ValueError("can't have text and binary mode at once")
    if creating + reading + writing + appending > 1:
        raise ValueError("must have exactly one of create/read/write/append mode")
    if not (creating or reading or writing or appending):
        raise ValueError("Must have exactly one of create/read/write/append mode and at most one plus")
    if binary and encoding is not None:
        raise ValueError("binary mode doesn't take an encoding argument")
    if binary and errors is not None:
        raise ValueError("binary mode doesn't take an errors argument")
    if binary and newline is not None:
        raise ValueError("binary mode doesn't take a newline argument")
    if binary and buffering == 1:
        import warnings
        warnings.warn("line buffering (buffering=1) isn't supported in binary mode, "
                      "the default buffer size will be used", RuntimeWarning, 2)
    if not binary:
        if encoding is not None:
            _check_encoding(encoding)
        if newline is not None and newline not in ("", "\n", "\r", "\r\n"):
            raise ValueError("illegal newline value: %s" % newline)
    raw_mode = (creating and "x" or "") + (reading and "r" or "") + (writing and "w" or "") + \
        (appending and "a" or "") + (updating and "+" or "")
    raw = FileIO(file, raw_mode, closefd, opener=opener)
    result = raw
    try:
        line_buffering = False
        if buffering == 1 or (buffering < 0 and raw.isatty()):
            buffering = -1
            line_buffering = True
        if buffering < 0:
            buffering = DEFAULT_BUFFER_SIZE
        if buffering == 0:
            if binary:
                return result
            raise ValueError("can't have unbuffered text I/O")
        if updating:
            buffer = BufferedRandom(raw, buffering)
        elif creating or writing or appending:
            buffer = BufferedWriter(raw, buffering)
        else:
            buffer = BufferedReader(raw, buffering)
        result = buffer
        if binary:
            return result
        result = TextIOWrapper(buffer, encoding, errors, newline, line_buffering)
        result.mode = mode
        return result
    except BaseException:
        result.close()
        raise


_std_buffers = {}


def _std_buffer(fd):
    """The binary layer of sys.stdin/stdout/stderr (`sys.stdout.buffer`)."""
    b = _std_buffers.get(fd)
    if b is None:
        raw = FileIO(fd, "r" if fd == 0 else "w", closefd=False)
        raw.name = ("<stdin>", "<stdout>", "<stderr>")[fd]
        b = BufferedReader(raw) if fd == 0 else BufferedWriter(raw)
        _std_buffers[fd] = b
    return b


def open_code(path):
    return open(path, "rb")


from _textio import TextIOWrapper, StringIO, IncrementalNewlineDecoder, _check_encoding  # noqa: E402

for _cls in (IOBase, RawIOBase, BufferedIOBase, TextIOBase, FileIO, BytesIO, StringIO,
             BufferedReader, BufferedWriter, BufferedRandom, TextIOWrapper,
             IncrementalNewlineDecoder):
    _cls.__module__ = "_io"
del _cls
