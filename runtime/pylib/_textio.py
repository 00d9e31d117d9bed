"""The text layer of `io`: TextIOWrapper, StringIO and newline translation (Taipan's own
implementation; `io` re-exports these classes)."""

from io import (TextIOBase, IOBase, UnsupportedOperation, DEFAULT_BUFFER_SIZE,
                _closed_error)


def _translate_universal(text, final, held):
    """Universal-newline input translation; returns (text, held_cr)."""
    if held:
        text = "\r" + text
    held = False
    if not final and text.endswith("\r"):
        text = text[:-1]
        held = True
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, held


def _find_line_end(text, start, newline):
    """The end (exclusive) of the line starting at `start`, or -1 when unterminated.

    `newline` is the terminator ('' means any of \\r, \\n, \\r\\n; None means text
    already translated to \\n)."""
    if newline is None or newline == "\n":
        i = text.find("\n", start)
        return -1 if i < 0 else i + 1
    if newline == "":
        n = text.find("\n", start)
        r = text.find("\r", start)
        if r < 0:
            return -1 if n < 0 else n + 1
        if n >= 0 and n < r:
            return n + 1
        if r + 1 < len(text):
            return r + 2 if text[r + 1] == "\n" else r + 1
        return -2  # a \r at the end: it may be followed by \n
    i = text.find(newline, start)
    return -1 if i < 0 else i + len(newline)


class IncrementalNewlineDecoder:
    def __init__(self, decoder, translate, errors="strict"):
        self.decoder = decoder
        self.translate = translate
        self._held = False

    def decode(self, input, final=False):
        text = self.decoder.decode(input, final=final) if self.decoder is not None else input
        if self.translate:
            text, self._held = _translate_universal(text, final, self._held)
        return text

    def reset(self):
        self._held = False


def _check_encoding(encoding):
    if not isinstance(encoding, str):
        raise TypeError("TextIOWrapper() argument 'encoding' must be str or None, not %s" % type(encoding).__name__)
    "".encode(encoding)


class TextIOWrapper(TextIOBase):
    """A text stream over a buffered binary stream."""

    def __init__(self, buffer, encoding=None, errors=None, newline=None, line_buffering=False, write_through=False):
        if newline is not None and not isinstance(newline, str):
            raise TypeError("TextIOWrapper() argument 'newline' must be str or None, not %s" % type(newline).__name__)
        if newline not in (None, "", "\n", "\r", "\r\n"):
            raise ValueError("illegal newline value: %r" % (newline,))
        if encoding is None or encoding == "locale":
            encoding = "UTF-8"
        _check_encoding(encoding)
        if errors is None:
            errors = "strict"
        elif not isinstance(errors, str):
            raise TypeError("TextIOWrapper() argument 'errors' must be str or None, not %s" % type(errors).__name__)
        self._buffer = buffer
        self._encoding = encoding
        self._errors = errors
        self._newline = newline
        self._line_buffering = line_buffering
        self._write_through = write_through
        self._reset_reads()
        self._can_write = None
        self._seen = set()
        self.mode = None

    @property
    def buffer(self):
        return self._buffer

    @property
    def encoding(self):
        return self._encoding

    @property
    def errors(self):
        return self._errors

    @property
    def line_buffering(self):
        return self._line_buffering

    @property
    def write_through(self):
        return self._write_through

    @property
    def name(self):
        return self._buffer.name

    @property
    def closed(self):
        return self._buffer is None or self._buffer.closed

    @property
    def newlines(self):
        if not self._seen:
            return None
        if len(self._seen) == 1:
            return next(iter(self._seen))
        return tuple(s for s in ("\r", "\n", "\r\n") if s in self._seen)

    def __repr__(self):
        parts = ["<_io.TextIOWrapper"]
        try:
            parts.append(" name=%r" % (self.name,))
        except AttributeError:
            pass
        if self.mode:
            parts.append(" mode=%r" % (self.mode,))
        parts.append(" encoding=%r>" % (self._encoding,))
        return "".join(parts)

    def _checked(self):
        if self._buffer is None:
            raise ValueError("underlying buffer has been detached")
        if self._buffer.closed:
            raise _closed_error()

    def fileno(self):
        self._checked()
        return self._buffer.fileno()

    def isatty(self):
        self._checked()
        return self._buffer.isatty()

    def readable(self):
        self._checked()
        return self._buffer.readable()

    def writable(self):
        self._checked()
        return self._buffer.writable()

    def seekable(self):
        self._checked()
        return self._buffer.seekable()

    def flush(self):
        self._checked()
        self._buffer.flush()

    def close(self):
        if self._buffer is not None and not self._buffer.closed:
            try:
                self.flush()
            finally:
                self._buffer.close()

    def detach(self):
        self._checked()
        self.flush()
        b = self._buffer
        self._buffer = None
        return b

    # Writing.

    def write(self, s):
        self._checked()
        if not isinstance(s, str):
            raise TypeError("write() argument must be str, not %s" % type(s).__name__)
        if self._can_write is None:
            self._can_write = self._buffer.writable()
        if not self._can_write:
            raise UnsupportedOperation("not writable")
        n = len(s)
        text = s
        if self._newline is None:
            pass  # os.linesep is "\n"
        elif self._newline in ("\r", "\r\n") and "\n" in text:
            text = text.replace("\n", self._newline)
        if self._chunk_start is not None:
            self._rewind_reads()
        self._buffer.write(text.encode(self._encoding, self._errors))
        if self._line_buffering and ("\n" in s or "\r" in s):
            self.flush()
        return n

    # Read-ahead state: `_decoded[_dpos:]` is decoded (and newline-translated) text not
    # yet returned; `_raw_text` is the untranslated text decoded since byte position
    # `_chunk_start`, of which `_consumed` translated characters were returned (`tell`
    # maps them back to bytes); `_pending` holds the bytes of an incomplete character and
    # `_held_cr` a \r that may start a \r\n split across reads.

    def _reset_reads(self):
        self._decoded = ""
        self._dpos = 0
        self._pending = b""
        self._held_cr = False
        self._eof = False
        self._chunk_start = None
        self._raw_text = ""
        self._consumed = 0

    def _rewind_reads(self):
        """Drops the read-ahead before a write. As in CPython, the write goes where the
        buffer's read-ahead stopped, not where the text returned so far ends."""
        self._reset_reads()

    def _decode_chunk(self, data, final):
        if self._chunk_start is None:
            self._chunk_start = self._buffer.tell() - len(data)
        data = self._pending + data
        self._pending = b""
        try:
            text = data.decode(self._encoding, self._errors)
        except UnicodeDecodeError as e:
            if final or e.reason != "unexpected end of data" or e.start < len(data) - 4:
                raise
            text = data[:e.start].decode(self._encoding, self._errors)
            self._pending = data[e.start:]
        self._raw_text += text
        if self._newline is None:
            for nl in ("\r\n", "\r", "\n"):
                if nl in text:
                    self._seen.add(nl)
            text, self._held_cr = _translate_universal(text, final, self._held_cr)
        return text

    def _read_chunk(self):
        """Decodes one more chunk onto `_decoded`, noting the end of the file."""
        if self._dpos >= len(self._decoded) and not self._pending and not self._held_cr:
            # Everything read ahead was returned: start a new snapshot.
            self._chunk_start = None
            self._raw_text = ""
            self._consumed = 0
        data = self._buffer.read1(DEFAULT_BUFFER_SIZE)
        final = not data
        text = self._decode_chunk(data or b"", final)
        self._decoded = self._decoded[self._dpos:] + text
        self._dpos = 0
        if final:
            self._eof = True

    def _take(self, end):
        """Returns `_decoded[_dpos:end]` and consumes it."""
        text = self._decoded[self._dpos:end]
        self._dpos = end
        self._consumed += len(text)
        return text

    def _check_readable(self):
        self._checked()
        if not self._buffer.readable():
            raise UnsupportedOperation("not readable")

    def read(self, size=-1):
        self._check_readable()
        if size is None:
            size = -1
        elif not isinstance(size, int):
            raise TypeError("argument should be integer or None, not '%s'" % type(size).__name__)
        if size < 0:
            rest = self._buffer.read()
            tail = self._decode_chunk(rest or b"", True)
            self._decoded = self._decoded[self._dpos:] + tail
            self._dpos = 0
            self._eof = True
            return self._take(len(self._decoded))
        while len(self._decoded) - self._dpos < size and not self._eof:
            self._read_chunk()
        return self._take(min(len(self._decoded), self._dpos + size))

    def readline(self, size=-1):
        self._check_readable()
        if size is None:
            size = -1
        while True:
            end = _find_line_end(self._decoded, self._dpos, self._newline)
            if end >= 0 or (size >= 0 and len(self._decoded) - self._dpos >= size):
                break
            if self._eof:
                break
            self._read_chunk()
        if end < 0:
            end = len(self._decoded)
        if size >= 0:
            end = min(end, self._dpos + size)
        return self._take(end)

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def readlines(self, hint=None):
        self._check_readable()
        return IOBase.readlines(self, hint)

    def seek(self, cookie, whence=0):
        self._checked()
        if whence == 1:
            if cookie != 0:
                raise UnsupportedOperation("can't do nonzero cur-relative seeks")
            return self.tell()
        if whence == 2:
            if cookie != 0:
                raise UnsupportedOperation("can't do nonzero end-relative seeks")
            self._reset_reads()
            return self._buffer.seek(0, 2)
        if whence != 0:
            raise ValueError("invalid whence (%d, should be 0, 1 or 2)" % whence)
        if cookie < 0:
            raise ValueError("negative seek position %d" % cookie)
        self._reset_reads()
        self._buffer.seek(cookie)
        return cookie

    def tell(self):
        self._checked()
        if not self._buffer.seekable():
            raise UnsupportedOperation("underlying stream is not seekable")
        if self._chunk_start is None:
            return self._buffer.tell()
        raw = self._raw_text
        n = len(raw)
        if self._newline is None:
            # Map translated characters back: a \r\n pair became one \n.
            i = 0
            k = 0
            while k < self._consumed and i < n:
                if raw[i] == "\r" and i + 1 < n and raw[i + 1] == "\n":
                    i += 2
                else:
                    i += 1
                k += 1
        else:
            i = min(self._consumed, n)
        return self._chunk_start + len(raw[:i].encode(self._encoding, self._errors))

    def truncate(self, pos=None):
        self._checked()
        if pos is None:
            pos = self.tell()
        self.flush()
        return self._buffer.truncate(pos)


class StringIO(TextIOBase):
    """An in-memory text stream."""

    def __init__(self, initial_value="", newline="\n"):
        if newline is not None and not isinstance(newline, str):
            raise TypeError("newline must be str or None, not %s" % type(newline).__name__)
        if newline not in (None, "", "\n", "\r", "\r\n"):
            raise ValueError("illegal newline value: %r" % (newline,))
        if initial_value is not None and not isinstance(initial_value, str):
            raise TypeError("initial_value must be str or None, not %s" % type(initial_value).__name__)
        self._newline = newline
        self._text = ""
        self._chunks = []
        self._length = 0
        self._pos = 0
        self._closed = False
        self._seen = set()
        if initial_value:
            self.write(initial_value)
            self._pos = 0

    def _checked(self):
        if self._closed:
            raise ValueError("I/O operation on closed file")

    def _value(self):
        if self._chunks:
            self._text = self._text + "".join(self._chunks)
            self._chunks = []
        return self._text

    @property
    def closed(self):
        return self._closed

    @property
    def line_buffering(self):
        return False

    @property
    def newlines(self):
        if not self._seen:
            return None
        if len(self._seen) == 1:
            return next(iter(self._seen))
        return tuple(s for s in ("\r", "\n", "\r\n") if s in self._seen)

    def getvalue(self):
        self._checked()
        return self._value()

    def write(self, s):
        self._checked()
        if not isinstance(s, str):
            raise TypeError("string argument expected, got '%s'" % type(s).__name__)
        n = len(s)
        if self._newline is None:
            for nl in ("\r\n", "\r", "\n"):
                if nl in s:
                    self._seen.add(nl)
            if "\r" in s:
                s = s.replace("\r\n", "\n").replace("\r", "\n")
        elif self._newline in ("\r", "\r\n") and "\n" in s:
            s = s.replace("\n", self._newline)
        if not s:
            return n
        pos = self._pos
        if pos == self._length:
            self._chunks.append(s)
        else:
            text = self._value()
            if pos > len(text):
                text += "\0" * (pos - len(text))
            self._text = text[:pos] + s + text[pos + len(s):]
        self._pos = pos + len(s)
        self._length = max(self._length, self._pos)
        return n

    def read(self, size=-1):
        self._checked()
        text = self._value()
        start = min(self._pos, len(text))
        if size is None or size < 0:
            end = len(text)
        else:
            end = min(len(text), start + size)
        self._pos = end
        return text[start:end]

    def readline(self, size=-1):
        self._checked()
        if size is None:
            size = -1
        elif not isinstance(size, int):
            raise TypeError("integer argument expected, got '%s'" % type(size).__name__)
        text = self._value()
        start = min(self._pos, len(text))
        end = _find_line_end(text, start, self._newline)
        if end == -2:
            end = len(text)
        if end < 0:
            end = len(text)
        if size >= 0:
            end = min(end, start + size)
        self._pos = end
        return text[start:end]

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def seek(self, pos, whence=0):
        self._checked()
        if whence == 0:
            if pos < 0:
                raise ValueError("Negative seek position %d" % pos)
            self._pos = pos
        elif whence == 1:
            if pos != 0:
                raise OSError("Can't do nonzero cur-relative seeks")
        elif whence == 2:
            if pos != 0:
                raise OSError("Can't do nonzero end-relative seeks")
            self._pos = self._length
        else:
            raise ValueError("Invalid whence (%d, should be 0, 1 or 2)" % whence)
        return self._pos

    def tell(self):
        self._checked()
        return self._pos

    def truncate(self, size=None):
        self._checked()
        if size is None:
            size = self._pos
        if size < 0:
            raise ValueError("Negative size value %d" % size)
        text = self._value()
        if size < len(text):
            self._text = text[:size]
            self._length = size
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

    def detach(self):
        raise UnsupportedOperation("detach")

    @property
    def encoding(self):
        return None

    @property
    def errors(self):
        return None
