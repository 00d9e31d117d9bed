//! Source text: turning a file's bytes into text the way CPython's tokenizer does
//! (UTF-8 BOM, PEP 263 coding cookies), and [`LineIndex`], which maps byte offsets to the
//! line and column numbers that diagnostics print.
//!
//! Decoding follows CPython's string-input tokenizer (`Parser/tokenizer.c`: `decode_str`,
//! `check_coding_spec`, `get_normal_name`), i.e. what `compile(bytes, path, "exec")` does.
//! Error messages copy that path's text: a bad cookie is `unknown encoding: NAME` on line 0,
//! and undecodable UTF-8 is a `(unicode error) 'utf-8' codec can't decode ...` pointing at
//! the offending line.

use crate::diagnostics::{SyntaxDiagnostic, SyntaxErrorKind};
use ruff_text_size::TextSize;
use std::borrow::Cow;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes Python source bytes to text as CPython's `compile()` does for `bytes` input.
///
/// A leading UTF-8 BOM is dropped. A PEP 263 cookie on line 1 (or on line 2 when line 1 is
/// blank or only a comment) selects the codec; without one the source must be UTF-8.
///
/// UTF-8 source (nearly all of it) is borrowed from `bytes` once validated: copying it
/// cost an allocation and a pass over the whole file for every compile.
pub fn decode_source<'a>(
    bytes: &'a [u8],
    filename: &str,
) -> Result<Cow<'a, str>, SyntaxDiagnostic> {
    let (has_bom, body) = match bytes.strip_prefix(UTF8_BOM) {
        Some(rest) => (true, rest),
        None => (false, bytes),
    };
    if memchr::memchr(0, body).is_some() {
        return Err(line_zero_error(
            "source code string cannot contain null bytes",
            filename,
        ));
    }
    let Some(spec) = find_coding_spec(body) else {
        return decode_utf8(body, filename);
    };
    let name = normal_encoding_name(&spec);
    if has_bom && name != "utf-8" {
        // CPython 3.14 reports it on the cookie's first line, with no column.
        let mut error = line_zero_error(&format!("encoding problem: {name} with BOM"), filename);
        error.lineno = 1;
        error.end_lineno = 1;
        return Err(error);
    }
    let Some(codec) = Codec::lookup(&name) else {
        return Err(line_zero_error(
            &format!("unknown encoding: {name}"),
            filename,
        ));
    };
    codec.decode(body, filename)
}

/// A diagnostic without a usable position, as CPython reports decoding problems.
fn line_zero_error(message: &str, filename: &str) -> SyntaxDiagnostic {
    SyntaxDiagnostic {
        kind: SyntaxErrorKind::SyntaxError,
        message: message.to_string(),
        filename: filename.to_string(),
        lineno: 0,
        offset: 0,
        end_lineno: 0,
        end_offset: 0,
        text: None,
    }
}

/// Returns the raw encoding name from a PEP 263 cookie on the first or second line.
fn find_coding_spec(bytes: &[u8]) -> Option<String> {
    let mut rest = bytes;
    for _ in 0..2 {
        let line_end = rest
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .unwrap_or(rest.len());
        let line = &rest[..line_end];
        if let Some(spec) = coding_spec_in_line(line) {
            return Some(spec);
        }
        // Only a blank or comment-only first line lets the second line carry the cookie.
        let only_comment = line
            .iter()
            .find(|&&b| !matches!(b, b' ' | b'\t' | b'\x0c'))
            .is_none_or(|&b| b == b'#');
        if !only_comment || line_end == rest.len() {
            return None;
        }
        let mut next = line_end + 1;
        if rest[line_end] == b'\r' && rest.get(next) == Some(&b'\n') {
            next += 1;
        }
        rest = &rest[next..];
    }
    None
}

/// Applies CPython's `get_coding_spec` to one line: a comment-only line containing
/// `coding[:=]` followed by spaces and a name made of `[A-Za-z0-9._-]`.
fn coding_spec_in_line(line: &[u8]) -> Option<String> {
    let hash = line
        .iter()
        .position(|&b| !matches!(b, b' ' | b'\t' | b'\x0c'))?;
    if line[hash] != b'#' {
        return None;
    }
    let mut i = hash;
    while i + 6 < line.len() {
        if &line[i..i + 6] == b"coding" && matches!(line[i + 6], b':' | b'=') {
            let mut start = i + 7;
            while start < line.len() && matches!(line[start], b' ' | b'\t') {
                start += 1;
            }
            let mut end = start;
            while end < line.len()
                && (line[end].is_ascii_alphanumeric() || matches!(line[end], b'-' | b'_' | b'.'))
            {
                end += 1;
            }
            if end > start {
                return Some(String::from_utf8_lossy(&line[start..end]).into_owned());
            }
        }
        i += 1;
    }
    None
}

/// CPython's `get_normal_name`: spellings of UTF-8 and Latin-1 collapse to `utf-8` and
/// `iso-8859-1`; any other name is kept as written.
fn normal_encoding_name(spec: &str) -> String {
    let folded: String = spec
        .chars()
        .take(12)
        .map(|c| {
            if c == '_' {
                '-'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    if folded == "utf-8" || folded.starts_with("utf-8-") {
        "utf-8".to_string()
    } else if ["latin-1", "iso-8859-1", "iso-latin-1"].contains(&folded.as_str())
        || ["latin-1-", "iso-8859-1-", "iso-latin-1-"]
            .iter()
            .any(|p| folded.starts_with(p))
    {
        "iso-8859-1".to_string()
    } else {
        spec.to_string()
    }
}

/// A source codec we can decode.
#[derive(Debug, Clone, Copy)]
enum Codec {
    Utf8,
    Latin1,
    Ascii,
    /// Anything else, decoded by `encoding_rs`. `python_name` is the codec name Python
    /// prints in decode errors; `single_byte` selects the `charmap` error wording.
    Other {
        encoding: &'static encoding_rs::Encoding,
        python_name: &'static str,
        single_byte: bool,
    },
}

/// Python codec names (after `encodings.normalize_encoding` and alias lookup) that
/// `encoding_rs` implements with the same table.
const OTHER_CODECS: &[(&[&str], &str, bool)] = &[
    (&["cp1250", "windows_1250"], "windows-1250", true),
    (&["cp1251", "windows_1251"], "windows-1251", true),
    (&["cp1252", "windows_1252"], "windows-1252", true),
    (&["cp1253", "windows_1253"], "windows-1253", true),
    (&["cp1254", "windows_1254"], "windows-1254", true),
    (&["cp1255", "windows_1255"], "windows-1255", true),
    (&["cp1256", "windows_1256"], "windows-1256", true),
    (&["cp1257", "windows_1257"], "windows-1257", true),
    (&["cp1258", "windows_1258"], "windows-1258", true),
    (&["cp874", "windows_874"], "windows-874", true),
    (&["cp866", "866", "ibm866"], "ibm866", true),
    (
        &["iso8859_2", "iso_8859_2", "latin2", "l2", "iso_ir_101"],
        "iso-8859-2",
        true,
    ),
    (
        &["iso8859_3", "iso_8859_3", "latin3", "l3", "iso_ir_109"],
        "iso-8859-3",
        true,
    ),
    (
        &["iso8859_4", "iso_8859_4", "latin4", "l4", "iso_ir_110"],
        "iso-8859-4",
        true,
    ),
    (
        &["iso8859_5", "iso_8859_5", "cyrillic", "iso_ir_144"],
        "iso-8859-5",
        true,
    ),
    (
        &["iso8859_6", "iso_8859_6", "arabic", "iso_ir_127"],
        "iso-8859-6",
        true,
    ),
    (
        &["iso8859_7", "iso_8859_7", "greek", "greek8", "iso_ir_126"],
        "iso-8859-7",
        true,
    ),
    (
        &["iso8859_8", "iso_8859_8", "hebrew", "iso_ir_138"],
        "iso-8859-8",
        true,
    ),
    (
        &["iso8859_10", "iso_8859_10", "latin6", "l6"],
        "iso-8859-10",
        true,
    ),
    (
        &["iso8859_13", "iso_8859_13", "latin7", "l7"],
        "iso-8859-13",
        true,
    ),
    (
        &["iso8859_14", "iso_8859_14", "latin8", "l8"],
        "iso-8859-14",
        true,
    ),
    (
        &["iso8859_15", "iso_8859_15", "latin9", "l9"],
        "iso-8859-15",
        true,
    ),
    (
        &["iso8859_16", "iso_8859_16", "latin10", "l10"],
        "iso-8859-16",
        true,
    ),
    (&["koi8_r"], "koi8-r", true),
    (&["koi8_u"], "koi8-u", true),
    (&["mac_roman", "macroman", "macintosh"], "macintosh", true),
    (&["mac_cyrillic", "maccyrillic"], "x-mac-cyrillic", true),
    (
        &["shift_jis", "sjis", "s_jis", "shiftjis", "csshiftjis"],
        "shift_jis",
        false,
    ),
    (&["euc_jp", "eucjp", "ujis", "u_jis"], "euc-jp", false),
    (
        &["iso2022_jp", "iso2022jp", "iso_2022_jp"],
        "iso-2022-jp",
        false,
    ),
    (
        &["euc_kr", "euckr", "korean", "ksc5601", "ks_c_5601"],
        "euc-kr",
        false,
    ),
    (
        &[
            "gb2312",
            "chinese",
            "csiso58gb231280",
            "euc_cn",
            "euccn",
            "eucgb2312_cn",
            "gb2312_1980",
            "gb2312_80",
            "iso_ir_58",
        ],
        "gbk",
        false,
    ),
    (&["gbk", "936", "cp936", "ms936"], "gbk", false),
    (&["gb18030", "gb18030_2000"], "gb18030", false),
    (&["big5", "big5_tw", "csbig5"], "big5", false),
];

impl Codec {
    /// Finds the codec for a cookie's (already `get_normal_name`-d) encoding name, with
    /// Python's `encodings.normalize_encoding` rules: case-insensitive, and runs of
    /// punctuation other than `.` read as `_`.
    fn lookup(name: &str) -> Option<Codec> {
        let mut key = String::with_capacity(name.len());
        let mut pending_underscore = false;
        for c in name.chars() {
            if c.is_ascii_alphanumeric() || c == '.' {
                if pending_underscore && !key.is_empty() {
                    key.push('_');
                }
                pending_underscore = false;
                key.push(c.to_ascii_lowercase());
            } else {
                pending_underscore = true;
            }
        }
        match key.as_str() {
            "utf_8" | "utf8" | "u8" | "utf" | "utf8_ucs2" | "utf8_ucs4" | "cp65001" => {
                return Some(Codec::Utf8);
            }
            "latin_1" | "latin1" | "latin" | "l1" | "iso8859_1" | "iso_8859_1" | "iso8859"
            | "8859" | "cp819" | "ibm819" | "iso_ir_100" | "csisolatin1" => {
                return Some(Codec::Latin1);
            }
            "ascii" | "us_ascii" | "646" | "us" | "ansi_x3.4_1968" | "ansi_x3_4_1968"
            | "ansi_x3.4_1986" | "cp367" | "csascii" | "ibm367" | "iso646_us"
            | "iso_646.irv_1991" | "iso_ir_6" => return Some(Codec::Ascii),
            _ => {}
        }
        OTHER_CODECS
            .iter()
            .find(|(aliases, _, _)| aliases.contains(&key.as_str()))
            .and_then(|&(aliases, label, single_byte)| {
                Some(Codec::Other {
                    encoding: encoding_rs::Encoding::for_label(label.as_bytes())?,
                    python_name: aliases[0],
                    single_byte,
                })
            })
    }

    fn decode<'a>(self, bytes: &'a [u8], filename: &str) -> Result<Cow<'a, str>, SyntaxDiagnostic> {
        match self {
            Codec::Utf8 => decode_utf8(bytes, filename),
            Codec::Latin1 => Ok(Cow::Owned(bytes.iter().map(|&b| char::from(b)).collect())),
            Codec::Ascii => match bytes.iter().position(|b| !b.is_ascii()) {
                None => Ok(Cow::Owned(bytes.iter().map(|&b| char::from(b)).collect())),
                Some(pos) => Err(line_zero_error(
                    &format!(
                        "'ascii' codec can't decode byte 0x{:02x} in position {pos}: ordinal not in range(128)",
                        bytes[pos]
                    ),
                    filename,
                )),
            },
            Codec::Other {
                encoding,
                python_name,
                single_byte,
            } => {
                let mut decoder = encoding.new_decoder_without_bom_handling();
                let capacity = decoder
                    .max_utf8_buffer_length_without_replacement(bytes.len())
                    .unwrap_or(bytes.len() * 4);
                let mut out = String::with_capacity(capacity);
                let (result, read) =
                    decoder.decode_to_string_without_replacement(bytes, &mut out, true);
                match result {
                    encoding_rs::DecoderResult::InputEmpty => Ok(Cow::Owned(out)),
                    encoding_rs::DecoderResult::Malformed(bad, pending) => {
                        let pos = read - usize::from(bad) - usize::from(pending);
                        let pos = pos.min(bytes.len().saturating_sub(1));
                        let (codec, reason) = if single_byte {
                            ("charmap", "character maps to <undefined>")
                        } else {
                            (python_name, "illegal multibyte sequence")
                        };
                        Err(line_zero_error(
                            &format!(
                                "'{codec}' codec can't decode byte 0x{:02x} in position {pos}: {reason}",
                                bytes[pos]
                            ),
                            filename,
                        ))
                    }
                    // The output buffer was sized for the worst case, so this cannot happen;
                    // report it as an undecodable file rather than panicking.
                    encoding_rs::DecoderResult::OutputFull => Err(line_zero_error(
                        &format!("encoding problem: {python_name}"),
                        filename,
                    )),
                }
            }
        }
    }
}

/// Strict UTF-8 decoding with CPython's `(unicode error)` diagnostic on failure.
fn decode_utf8<'a>(bytes: &'a [u8], filename: &str) -> Result<Cow<'a, str>, SyntaxDiagnostic> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(error) => Err(utf8_error(bytes, &error, filename)),
    }
}

/// Builds the diagnostic CPython gives for invalid UTF-8. CPython notices the bad bytes
/// while decoding one token (an identifier or a string literal), so the reported
/// position is relative to that token's start.
fn utf8_error(bytes: &[u8], error: &std::str::Utf8Error, filename: &str) -> SyntaxDiagnostic {
    let bad = error.valid_up_to();
    let line_start = bytes[..bad]
        .iter()
        .rposition(|&b| b == b'\n' || b == b'\r')
        .map_or(0, |p| p + 1);
    let line_end = bytes[bad..]
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .map_or(bytes.len(), |p| bad + p);
    let line = &bytes[line_start..line_end];
    let column = bad - line_start;

    // Find the token the bad byte belongs to: a string literal's contents when an
    // unclosed quote precedes it on the line, otherwise a run of identifier bytes.
    let mut quote: Option<(usize, u8)> = None;
    for (i, &b) in line[..column].iter().enumerate() {
        match quote {
            None if b == b'"' || b == b'\'' => quote = Some((i, b)),
            Some((_, q)) if b == q => quote = None,
            _ => {}
        }
    }
    let (token_start, token_end, in_string) = match quote {
        Some((open, q)) => {
            let close = line[column..]
                .iter()
                .position(|&b| b == q)
                .map_or(line.len(), |p| column + p);
            (open + 1, close, true)
        }
        None => {
            let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80;
            let start = line[..column]
                .iter()
                .rposition(|&b| !is_ident(b))
                .map_or(0, |p| p + 1);
            let end = line[column..]
                .iter()
                .position(|&b| !is_ident(b))
                .map_or(line.len(), |p| column + p);
            (start, end, false)
        }
    };
    let token = &line[token_start..token_end];
    let position = column - token_start;
    let first = line[column];
    let rest_len = token.len() - position;
    let (description, reason) = match std::str::from_utf8(&token[position..]) {
        Err(e) if e.valid_up_to() == 0 && e.error_len().is_none() => (
            if rest_len > 1 {
                format!("bytes in position {position}-{}", position + rest_len - 1)
            } else {
                format!("byte 0x{first:02x} in position {position}")
            },
            "unexpected end of data",
        ),
        _ => (
            format!("byte 0x{first:02x} in position {position}"),
            if matches!(first, 0x80..=0xC1 | 0xF5..=0xFF) {
                "invalid start byte"
            } else {
                "invalid continuation byte"
            },
        ),
    };
    let text = String::from_utf8_lossy(line).into_owned();
    // CPython cannot convert byte columns of undecodable text to characters, so these
    // offsets count bytes: just past a string literal's closing quote, or the end of the
    // identifier-like run.
    let offset = if in_string {
        (token_end + 2).min(line.len() + 1) as u32
    } else {
        token_end.max(1) as u32
    };
    let lineno = 1 + count_line_breaks(&bytes[..line_start]);
    SyntaxDiagnostic {
        kind: SyntaxErrorKind::SyntaxError,
        message: format!("(unicode error) 'utf-8' codec can't decode {description}: {reason}"),
        filename: filename.to_string(),
        lineno,
        offset,
        end_lineno: lineno,
        end_offset: offset,
        text: Some(text),
    }
}

/// Counts line breaks (`\n`, `\r\n` or a lone `\r`) in `bytes`.
fn count_line_breaks(bytes: &[u8]) -> u32 {
    let mut count = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            count += 1;
        }
    }
    count
}

/// Maps byte offsets in a decoded source to lines and columns.
///
/// Lines end at `\n`, `\r\n` or a lone `\r` (CPython's universal newlines). A lookup
/// starts from the line holding the start of the offset's 32-byte block and steps forward
/// over the (usually zero or one) lines that start within the block before the offset:
/// lowering asks for the position of every instruction, out of source order whenever
/// an expression's operands come before it, and a binary search per miss of a last-line
/// hint was most of the cost. The character column of a line that is all ASCII costs
/// nothing extra.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset where each line starts; `line_starts[0] == 0`.
    line_starts: Vec<u32>,
    /// For each block of `1 << BLOCK_SHIFT` bytes (and the end of the source), the 0-based
    /// line holding the block's first byte.
    block_lines: Vec<u32>,
    /// Total length of the source in bytes.
    len: u32,
    /// See [`LineIndex::indentation_hazards`].
    indentation_hazards: Vec<u32>,
}

/// Calls `f` with the position of each `\n` in `bytes`, in order. A search stops about
/// every forty bytes, so the work around each search counts as much as the scanning:
/// memchr's AVX2 searcher, made once, spares every search the dispatch and setup that
/// each step of `memchr_iter` repeats (a fifth of [`LineIndex::new`]).
fn for_each_newline(bytes: &[u8], mut f: impl FnMut(usize)) {
    #[cfg(target_arch = "x86_64")]
    if let Some(searcher) = memchr::arch::x86_64::avx2::memchr::One::new(b'\n') {
        for at in searcher.iter(bytes) {
            f(at);
        }
        return;
    }
    for at in memchr::memchr_iter(b'\n', bytes) {
        f(at);
    }
}

/// The size of [`LineIndex`]'s blocks, as a power of two: Python lines average about
/// forty bytes, so a block seldom holds more than one line start, and the table costs an
/// eighth of the source's size.
const BLOCK_SHIFT: u32 = 5;

/// [`LineIndex::new`] makes all its searches of one stretch of this many bytes before it
/// moves on, so that every search after the first finds the stretch in the L1 data cache
/// (32 KiB): searching the whole source once per byte sought read a large file from
/// memory again each time.
const SCAN_STRETCH: usize = 8 << 10;

/// Appends to `hazards` the offsets (counted from `bytes`' start, the stretch starting at
/// `from`) of each tab, form feed and backslash ending its line in `stretch`.
fn push_indentation_hazards(bytes: &[u8], from: usize, stretch: &[u8], hazards: &mut Vec<u32>) {
    for at in memchr::memchr3_iter(b'\\', b'\t', b'\x0c', stretch) {
        let at = from + at;
        if bytes[at] != b'\\' || matches!(bytes.get(at + 1), Some(b'\n' | b'\r') | None) {
            hazards.push(at as u32);
        }
    }
}

impl LineIndex {
    /// Indexes `source`.
    pub fn new(source: &str) -> LineIndex {
        let bytes = source.as_bytes();
        let mut line_starts = Vec::with_capacity(bytes.len() / 32 + 1);
        line_starts.push(0);
        let len = bytes.len() as u32;
        let blocks = (len >> BLOCK_SHIFT) as usize + 1;
        let mut block_lines = vec![0; blocks];
        // The blocks whose line is known.
        let mut filled = 0;
        let mut new_line = |line_start: usize, line_starts: &mut Vec<u32>| {
            // The blocks starting before the new line belong to the line it ends.
            let ended = line_starts.len() as u32 - 1;
            let before = ((line_start + (1 << BLOCK_SHIFT) - 1) >> BLOCK_SHIFT).min(blocks);
            while filled < before {
                block_lines[filled] = ended;
                filled += 1;
            }
            line_starts.push(line_start as u32);
        };
        // `memchr` finds the breaks a word at a time; a byte-wise search was a twentieth of
        // the whole frontend's time. Most sources have no `\r` at all, which one quick
        // search of each stretch tells: until the first `\r`, every line ends at a `\n`,
        // and searching for one byte costs less per line than searching for two.
        let mut indentation_hazards = Vec::new();
        let mut any_cr = false;
        let mut line_start = 0;
        for from in (0..bytes.len()).step_by(SCAN_STRETCH) {
            let stretch = &bytes[from..(from + SCAN_STRETCH).min(bytes.len())];
            any_cr = any_cr || memchr::memchr(b'\r', stretch).is_some();
            if any_cr {
                // The `\n` of a `\r\n` pair is skipped, its line having started after it
                // already (the pair may straddle two stretches).
                for at in memchr::memchr2_iter(b'\n', b'\r', stretch) {
                    let at = from + at;
                    if at < line_start {
                        continue;
                    }
                    line_start = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                        at + 2
                    } else {
                        at + 1
                    };
                    new_line(line_start, &mut line_starts);
                }
            } else {
                for_each_newline(stretch, |at| new_line(from + at + 1, &mut line_starts));
            }
            push_indentation_hazards(bytes, from, stretch, &mut indentation_hazards);
        }
        block_lines[filled..].fill(line_starts.len() as u32 - 1);
        LineIndex {
            line_starts,
            block_lines,
            len,
            indentation_hazards,
        }
    }

    /// The byte offsets, in order, of every tab, form feed and backslash that ends its line
    /// (before a line break or the end of the source): the only characters that can make
    /// CPython's idea of indentation and logical lines differ from ruff's. The parser's
    /// token checks look at these alone (see `parse::tokens`), and finding them here,
    /// while [`LineIndex::new`] has each stretch of the source in cache, spares them a
    /// search of the whole source long after it left the cache.
    pub fn indentation_hazards(&self) -> &[u32] {
        &self.indentation_hazards
    }

    /// Number of lines; a final line without a newline counts, an empty one after the
    /// last newline counts too.
    pub fn line_count(&self) -> u32 {
        self.line_starts.len() as u32
    }

    /// The 1-based line containing byte `offset` (offsets past the end belong to the last
    /// line).
    pub fn line_number(&self, offset: TextSize) -> u32 {
        let offset = u32::from(offset).min(self.len);
        let mut line = self.block_lines[(offset >> BLOCK_SHIFT) as usize] as usize;
        while self
            .line_starts
            .get(line + 1)
            .is_some_and(|&next| next <= offset)
        {
            line += 1;
        }
        line as u32 + 1
    }

    /// Byte offset where 1-based `line` starts (clamped to the source).
    pub fn line_start(&self, line: u32) -> TextSize {
        let index = (line.max(1) - 1) as usize;
        TextSize::new(self.line_starts.get(index).copied().unwrap_or(self.len))
    }

    /// Byte offset just past 1-based `line`'s text, before its line break.
    pub fn line_end(&self, line: u32, source: &str) -> TextSize {
        let index = line.max(1) as usize;
        let mut end = self.line_starts.get(index).copied().unwrap_or(self.len) as usize;
        let bytes = source.as_bytes();
        if end > 0 && index < self.line_starts.len() {
            end -= 1;
            if bytes[end] == b'\n' && end > 0 && bytes[end - 1] == b'\r' {
                end -= 1;
            }
        }
        TextSize::new(end as u32)
    }

    /// 1-based line and 0-based byte column of `offset`.
    pub fn line_col(&self, offset: TextSize) -> (u32, u32) {
        let offset = u32::from(offset).min(self.len);
        let line = self.line_number(TextSize::new(offset));
        (line, offset - self.line_starts[(line - 1) as usize])
    }

    /// [`LineIndex::line_col`] of both ends of a range. The end usually lies on the
    /// start's line, which one comparison with the next line's start confirms.
    pub fn range_line_cols(&self, start: TextSize, end: TextSize) -> ((u32, u32), (u32, u32)) {
        let (line, col) = self.line_col(start);
        let end_offset = u32::from(end).min(self.len);
        let line_start = self.line_starts[(line - 1) as usize];
        let next_start = self.line_starts.get(line as usize).copied();
        if end_offset >= line_start && next_start.is_none_or(|next| end_offset < next) {
            return ((line, col), (line, end_offset - line_start));
        }
        ((line, col), self.line_col(end))
    }

    /// 1-based line and 1-based *character* column of `offset`, as CPython's
    /// `SyntaxError.offset` counts them.
    pub fn line_char_col(&self, offset: TextSize, source: &str) -> (u32, u32) {
        let (line, byte_col) = self.line_col(offset);
        let start = self.line_starts[(line - 1) as usize] as usize;
        let mut end = start + byte_col as usize;
        while !source.is_char_boundary(end) {
            end -= 1;
        }
        let prefix = &source[start..end];
        let chars = if prefix.is_ascii() {
            prefix.len()
        } else {
            prefix.chars().count()
        };
        (line, chars as u32 + 1)
    }

    /// The text of 1-based `line`, without its line break.
    pub fn line_text<'a>(&self, line: u32, source: &'a str) -> &'a str {
        let start = u32::from(self.line_start(line)) as usize;
        let end = u32::from(self.line_end(line, source)) as usize;
        source.get(start..end.max(start)).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> Result<String, String> {
        decode_source(bytes, "t.py")
            .map(Cow::into_owned)
            .map_err(|e| e.message)
    }

    #[test]
    fn cookies_and_bom() {
        assert_eq!(decode(b"x = 1\n").unwrap(), "x = 1\n");
        assert_eq!(decode(b"\xEF\xBB\xBFx = 1\n").unwrap(), "x = 1\n");
        assert_eq!(
            decode(b"# coding: latin-1\nx = '\xe9'\n").unwrap(),
            "# coding: latin-1\nx = '\u{e9}'\n"
        );
        assert_eq!(
            decode(b"#!/usr/bin/python\n# -*- coding: cp1252 -*-\nx = '\x80'\n").unwrap(),
            "#!/usr/bin/python\n# -*- coding: cp1252 -*-\nx = '\u{20ac}'\n"
        );
        assert_eq!(
            decode(b"#coding:\n#coding=latin1\n").unwrap(),
            "#coding:\n#coding=latin1\n"
        );
        assert_eq!(
            decode(b"x = 1\n# coding: foo\n").unwrap(),
            "x = 1\n# coding: foo\n"
        );
        assert_eq!(
            decode(b"# coding: foo\n").unwrap_err(),
            "unknown encoding: foo"
        );
        assert_eq!(
            decode(b"\n# coding: foo\n").unwrap_err(),
            "unknown encoding: foo"
        );
        assert_eq!(
            decode(b"\xEF\xBB\xBF# coding: latin-1\n").unwrap_err(),
            "encoding problem: iso-8859-1 with BOM"
        );
        assert_eq!(
            decode(b"# -*- coding: ascii -*-\nx=\"\xc3\xa9\"").unwrap_err(),
            "'ascii' codec can't decode byte 0xc3 in position 27: ordinal not in range(128)"
        );
        assert_eq!(
            decode(b"# coding: euc-jp\nx = '\xa4\xa2'\n").unwrap(),
            "# coding: euc-jp\nx = '\u{3042}'\n"
        );
    }

    #[test]
    fn utf8_errors() {
        let e = decode_source(b"x = 1\n\xff = 1", "t.py").unwrap_err();
        assert_eq!(
            e.message,
            "(unicode error) 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"
        );
        assert_eq!((e.lineno, e.offset), (2, 1));
        let e = decode_source(b"x = \"\xe2\x82\"\n", "t.py").unwrap_err();
        assert_eq!(
            e.message,
            "(unicode error) 'utf-8' codec can't decode bytes in position 0-1: unexpected end of data"
        );
        assert_eq!((e.lineno, e.offset), (1, 9));
    }

    #[test]
    fn line_index() {
        let src = "ab\r\ncé\rx\n\nlast";
        let index = LineIndex::new(src);
        assert_eq!(index.line_count(), 5);
        assert_eq!(index.line_col(TextSize::new(0)), (1, 0));
        assert_eq!(index.line_col(TextSize::new(4)), (2, 0));
        assert_eq!(index.line_char_col(TextSize::new(7), src), (2, 3));
        assert_eq!(index.line_text(2, src), "cé");
        assert_eq!(index.line_text(1, src), "ab");
        assert_eq!(index.line_text(3, src), "x");
        assert_eq!(index.line_text(4, src), "");
        assert_eq!(index.line_text(5, src), "last");
        assert_eq!(index.line_number(TextSize::new(100)), 5);
    }

    #[test]
    fn line_numbers_match_a_linear_count() {
        // Long and short lines, runs of empty lines and every line break, so that blocks
        // hold no line start, one, or many.
        // Sources without `\r` take a search of their own.
        for breaks in [&["\n", "\r\n", "\r", "\n\n\n\n"][..], &["\n", "\n\n\n"]] {
            let mut src = String::new();
            for i in 0..300 {
                src.push_str(&"x".repeat(i * 7 % 90));
                src.push_str(breaks[i % breaks.len()]);
            }
            check_line_numbers(&src);
        }
    }

    #[test]
    fn stretches_and_hazards() {
        // A `\r\n` pair straddling two stretches, a lone `\r` only in the second.
        let mut src = "x\n".repeat(SCAN_STRETCH / 2);
        src.insert(SCAN_STRETCH - 1, '\r');
        src.push_str("y\rz\n");
        check_line_numbers(&src);
        let src = "a = '\\t'\tb \\\n\x0cc \\";
        let hazards = LineIndex::new(src).indentation_hazards().to_vec();
        assert_eq!(hazards, [8, 11, 13, 16]);
    }

    fn check_line_numbers(src: &str) {
        let index = LineIndex::new(src);
        let mut line = 1;
        for (offset, byte) in src.bytes().enumerate() {
            let at = TextSize::new(offset as u32);
            assert_eq!(index.line_number(at), line, "{offset}");
            assert!(index.line_start(line) <= at);
            let next = src.as_bytes().get(offset + 1);
            if byte == b'\n' || (byte == b'\r' && next != Some(&b'\n')) {
                line += 1;
            }
        }
        assert_eq!(index.line_number(TextSize::new(src.len() as u32)), line);
        assert_eq!(index.line_count(), line);
    }
}
