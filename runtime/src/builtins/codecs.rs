//! The codecs `str.encode`, `bytes.decode` and `str(b, encoding)` know natively: UTF-8,
//! Latin-1, ASCII, cp1252, UTF-16 and UTF-32 (with and without an explicit byte order),
//! with the error handlers `strict`, `ignore`, `replace`, `backslashreplace`,
//! `surrogateescape`, `surrogatepass` and `xmlcharrefreplace` (encoding only). Errors are `UnicodeEncodeError` /
//! `UnicodeDecodeError` instances carrying CPython's five arguments (encoding, object,
//! start, end, reason), so their attributes and text match CPython's
//! (`Objects/exceptions.c`, `UnicodeDecodeError_str`).
//!
//! Text is handled as generalized UTF-8 (`text::wtf8`), so lone surrogates decode into a
//! `str` and encode (or fail to, with CPython's "surrogates not allowed") from one.

use crate::errors::{PyErr, PyResult, new_exception};
use crate::interp::Vm;
use crate::text::wtf8;
use crate::value::Value;

/// A codec the runtime implements.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Codec {
    Utf8,
    Latin1,
    Ascii,
    Cp1252,
    /// UTF-16; `None` = native order with a BOM.
    Utf16(Option<Endian>),
    Utf32(Option<Endian>),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Endian {
    Little,
    Big,
}

impl Codec {
    /// The name CPython uses in error messages.
    fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Latin1 => "latin-1",
            Codec::Ascii => "ascii",
            Codec::Cp1252 => "charmap",
            Codec::Utf16(None) => "utf-16",
            Codec::Utf16(Some(Endian::Little)) => "utf-16-le",
            Codec::Utf16(Some(Endian::Big)) => "utf-16-be",
            Codec::Utf32(None) => "utf-32",
            Codec::Utf32(Some(Endian::Little)) => "utf-32-le",
            Codec::Utf32(Some(Endian::Big)) => "utf-32-be",
        }
    }
}

/// CPython's `encodings.normalize_encoding` followed by the alias lookup, for the codecs
/// implemented here.
fn lookup(vm: &mut Vm, encoding: &str) -> PyResult<Codec> {
    let norm: String = encoding
        .trim()
        .chars()
        .map(|c| {
            if c == '_' || c == ' ' {
                '-'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    let codec = match norm.as_str() {
        "utf-8" | "utf8" | "u8" | "utf" | "cp65001" | "utf8-ucs2" | "utf8-ucs4" => Codec::Utf8,
        "latin-1" | "latin1" | "latin" | "l1" | "iso-8859-1" | "iso8859-1" | "8859" | "cp819"
        | "iso-ir-100" => Codec::Latin1,
        "ascii" | "us-ascii" | "646" | "us" | "ansi-x3.4-1968" => Codec::Ascii,
        "cp1252" | "windows-1252" | "1252" => Codec::Cp1252,
        "utf-16" | "utf16" | "u16" => Codec::Utf16(None),
        "utf-16-le" | "utf-16le" | "utf16le" => Codec::Utf16(Some(Endian::Little)),
        "utf-16-be" | "utf-16be" | "utf16be" => Codec::Utf16(Some(Endian::Big)),
        "utf-32" | "utf32" | "u32" => Codec::Utf32(None),
        "utf-32-le" | "utf-32le" | "utf32le" => Codec::Utf32(Some(Endian::Little)),
        "utf-32-be" | "utf-32be" | "utf32be" => Codec::Utf32(Some(Endian::Big)),
        _ => return Err(vm.lookup_error(format!("unknown encoding: {encoding}"))),
    };
    Ok(codec)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Handler {
    Strict,
    Ignore,
    Replace,
    BackslashReplace,
    XmlCharRefReplace,
    SurrogateEscape,
    SurrogatePass,
}

fn handler(vm: &mut Vm, errors: &str, encoding: bool) -> PyResult<Handler> {
    Ok(match errors {
        "strict" => Handler::Strict,
        "ignore" => Handler::Ignore,
        "replace" => Handler::Replace,
        "backslashreplace" => Handler::BackslashReplace,
        "surrogateescape" => Handler::SurrogateEscape,
        "surrogatepass" => Handler::SurrogatePass,
        "xmlcharrefreplace" if encoding => Handler::XmlCharRefReplace,
        "xmlcharrefreplace" => {
            return Err(
                vm.type_error("don't know how to handle UnicodeDecodeError in error callback")
            );
        }
        _ => return Err(vm.lookup_error(format!("unknown error handler name '{errors}'"))),
    })
}

/// The cp1252 characters of bytes 0x80..=0x9F (`None` = undefined), from CPython's
/// `encodings/cp1252.py`.
const CP1252_HIGH: [Option<char>; 32] = [
    Some('\u{20AC}'),
    None,
    Some('\u{201A}'),
    Some('\u{0192}'),
    Some('\u{201E}'),
    Some('\u{2026}'),
    Some('\u{2020}'),
    Some('\u{2021}'),
    Some('\u{02C6}'),
    Some('\u{2030}'),
    Some('\u{0160}'),
    Some('\u{2039}'),
    Some('\u{0152}'),
    None,
    Some('\u{017D}'),
    None,
    None,
    Some('\u{2018}'),
    Some('\u{2019}'),
    Some('\u{201C}'),
    Some('\u{201D}'),
    Some('\u{2022}'),
    Some('\u{2013}'),
    Some('\u{2014}'),
    Some('\u{02DC}'),
    Some('\u{2122}'),
    Some('\u{0161}'),
    Some('\u{203A}'),
    Some('\u{0153}'),
    None,
    Some('\u{017E}'),
    Some('\u{0178}'),
];

fn cp1252_decode_byte(b: u8) -> Option<char> {
    match b {
        0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
        _ => Some(char::from(b)),
    }
}

fn cp1252_encode_char(code: u32) -> Option<u8> {
    if code < 0x80 || (0xA0..0x100).contains(&code) {
        return u8::try_from(code).ok();
    }
    let c = char::from_u32(code)?;
    CP1252_HIGH
        .iter()
        .position(|&m| m == Some(c))
        .and_then(|i| u8::try_from(0x80 + i).ok())
}

/// `UnicodeEncodeError(encoding, object, start, end, reason)`.
fn encode_error(
    vm: &mut Vm,
    codec: Codec,
    text: &[u8],
    start: usize,
    end: usize,
    reason: &str,
) -> PyErr {
    let enc = vm.new_str(codec.name());
    let obj = vm.new_str_wtf8(text.to_vec());
    let (s, e) = (vm.new_int(start as i64), vm.new_int(end as i64));
    let r = vm.new_str(reason);
    let ty = vm.rt.exc.unicode_encode_error;
    new_exception(vm, ty, vec![enc, obj, s, e, r])
}

/// `UnicodeDecodeError(encoding, object, start, end, reason)`.
fn decode_error(
    vm: &mut Vm,
    codec: Codec,
    data: &[u8],
    start: usize,
    end: usize,
    reason: &str,
) -> PyErr {
    let enc = vm.new_str(codec.name());
    let obj = crate::builtins::bytes::new_bytes(vm, data.to_vec());
    let (s, e) = (vm.new_int(start as i64), vm.new_int(end as i64));
    let r = vm.new_str(reason);
    let ty = vm.rt.exc.unicode_decode_error;
    new_exception(vm, ty, vec![enc, obj, s, e, r])
}

/// The text of a `UnicodeEncodeError`/`UnicodeDecodeError` built from its five arguments
/// (CPython `UnicodeEncodeError_str`, `UnicodeDecodeError_str`).
pub fn unicode_error_str(
    encoding: &str,
    object: Value,
    start: i64,
    end: i64,
    reason: &str,
    decode: bool,
) -> String {
    if decode {
        let data = crate::builtins::bytes::bytes_data(object).unwrap_or_default();
        let byte = usize::try_from(start)
            .ok()
            .and_then(|i| data.get(i).copied());
        match byte {
            Some(b) if end == start + 1 => {
                format!(
                    "'{encoding}' codec can't decode byte 0x{b:02x} in position {start}: {reason}"
                )
            }
            _ => format!(
                "'{encoding}' codec can't decode bytes in position {start}-{}: {reason}",
                end - 1
            ),
        }
    } else {
        let text = crate::ops::str_of(object).unwrap_or("");
        let c = usize::try_from(start)
            .ok()
            .and_then(|i| text.chars().nth(i));
        match c {
            Some(c) if end == start + 1 => {
                let code = u32::from(c);
                let shown = if code < 0x100 {
                    format!("\\x{code:02x}")
                } else if code < 0x10000 {
                    format!("\\u{code:04x}")
                } else {
                    format!("\\U{code:08x}")
                };
                format!(
                    "'{encoding}' codec can't encode character '{shown}' in position {start}: {reason}"
                )
            }
            _ => format!(
                "'{encoding}' codec can't encode characters in position {start}-{}: {reason}",
                end - 1
            ),
        }
    }
}

fn push_unit16(out: &mut Vec<u8>, unit: u16, endian: Endian) {
    out.extend_from_slice(&match endian {
        Endian::Little => unit.to_le_bytes(),
        Endian::Big => unit.to_be_bytes(),
    });
}

fn push_unit32(out: &mut Vec<u8>, unit: u32, endian: Endian) {
    out.extend_from_slice(&match endian {
        Endian::Little => unit.to_le_bytes(),
        Endian::Big => unit.to_be_bytes(),
    });
}

/// Appends code point `code` in `codec`'s encoding (which must be able to encode it).
fn emit(out: &mut Vec<u8>, codec: Codec, code: u32, endian: Endian) {
    match codec {
        Codec::Utf8 => wtf8::push_code(out, code),
        Codec::Utf16(_) => {
            if code >= 0x10000 {
                let v = code - 0x10000;
                push_unit16(out, 0xD800 | (v >> 10) as u16, endian);
                push_unit16(out, 0xDC00 | (v & 0x3FF) as u16, endian);
            } else {
                push_unit16(out, code as u16, endian);
            }
        }
        Codec::Utf32(_) => push_unit32(out, code, endian),
        Codec::Cp1252 => out.extend(cp1252_encode_char(code)),
        Codec::Latin1 | Codec::Ascii => out.extend(u8::try_from(code).ok()),
    }
}

/// `text.encode(encoding, errors)`, for text given as generalized UTF-8 (`text::wtf8`).
pub fn encode(vm: &mut Vm, text: &[u8], encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    let codec = lookup(vm, encoding)?;
    if codec == Codec::Utf8 && !wtf8::has_surrogate(text) {
        return Ok(text.to_vec());
    }
    let native = if cfg!(target_endian = "big") {
        Endian::Big
    } else {
        Endian::Little
    };
    let mut out = Vec::with_capacity(text.len());
    let endian = match codec {
        Codec::Utf16(order) => {
            let endian = order.unwrap_or(native);
            if order.is_none() {
                push_unit16(&mut out, 0xFEFF, endian);
            }
            endian
        }
        Codec::Utf32(order) => {
            let endian = order.unwrap_or(native);
            if order.is_none() {
                push_unit32(&mut out, 0xFEFF, endian);
            }
            endian
        }
        _ => native,
    };
    let (limit, reason) = match codec {
        Codec::Ascii => (0x80, "ordinal not in range(128)"),
        Codec::Latin1 => (0x100, "ordinal not in range(256)"),
        Codec::Cp1252 => (0x100, "character maps to <undefined>"),
        _ => (0x110000, "surrogates not allowed"),
    };
    let encodable = |code: u32| -> bool {
        if codec == Codec::Cp1252 {
            cp1252_encode_char(code).is_some()
        } else {
            code < limit && !wtf8::is_surrogate(code)
        }
    };
    let codes: Vec<u32> = wtf8::code_points(text).collect();
    let mut i = 0;
    let mut checked: Option<Handler> = None;
    while i < codes.len() {
        if encodable(codes[i]) {
            emit(&mut out, codec, codes[i], endian);
            i += 1;
            continue;
        }
        // A run of unencodable characters is reported (and handled) as one, except by the
        // UTF-16 and UTF-32 encoders, which go one character at a time.
        let mut end = i + 1;
        let single = matches!(codec, Codec::Utf16(_) | Codec::Utf32(_));
        while !single && end < codes.len() && !encodable(codes[end]) {
            end += 1;
        }
        let h = match checked {
            Some(h) => h,
            None => {
                let h = handler(vm, errors, true)?;
                checked = Some(h);
                h
            }
        };
        let ascii = |out: &mut Vec<u8>, s: &str| {
            for b in s.bytes() {
                emit(out, codec, u32::from(b), endian);
            }
        };
        match h {
            Handler::Strict => return Err(encode_error(vm, codec, text, i, end, reason)),
            Handler::Ignore => {}
            Handler::Replace => {
                for _ in i..end {
                    emit(&mut out, codec, u32::from(b'?'), endian);
                }
            }
            Handler::BackslashReplace => {
                for &code in &codes[i..end] {
                    let esc = if code < 0x100 {
                        format!("\\x{code:02x}")
                    } else if code < 0x10000 {
                        format!("\\u{code:04x}")
                    } else {
                        format!("\\U{code:08x}")
                    };
                    ascii(&mut out, &esc);
                }
            }
            Handler::XmlCharRefReplace => {
                for &code in &codes[i..end] {
                    ascii(&mut out, &format!("&#{code};"));
                }
            }
            Handler::SurrogateEscape => {
                let byte_codec = !matches!(codec, Codec::Utf16(_) | Codec::Utf32(_));
                for (k, &code) in codes.iter().enumerate().take(end).skip(i) {
                    match code {
                        code @ 0xDC80..=0xDCFF if byte_codec => out.push((code & 0xFF) as u8),
                        // UTF-8's encoder reports from the first character it cannot
                        // escape; the generic handler re-raises the whole run.
                        _ if codec == Codec::Utf8 => {
                            return Err(encode_error(vm, codec, text, k, end, reason));
                        }
                        _ => return Err(encode_error(vm, codec, text, i, end, reason)),
                    }
                }
            }
            Handler::SurrogatePass => {
                let unit_codec = matches!(codec, Codec::Utf8 | Codec::Utf16(_) | Codec::Utf32(_));
                for &code in &codes[i..end] {
                    if !(unit_codec && wtf8::is_surrogate(code)) {
                        return Err(encode_error(vm, codec, text, i, end, reason));
                    }
                    match codec {
                        Codec::Utf16(_) => push_unit16(&mut out, code as u16, endian),
                        _ => emit(&mut out, codec, code, endian),
                    }
                }
            }
        }
        i = end;
    }
    // CPython checks the handler name only when an error occurs (outside dev mode), so an
    // unknown name passes silently here too.
    Ok(out)
}

/// What a decoder does with one undecodable range: appends the replacement (as
/// generalized UTF-8) and returns where decoding resumes, normally `end`.
fn handle_decode(
    vm: &mut Vm,
    h: Handler,
    codec: Codec,
    data: &[u8],
    (start, end): (usize, usize),
    reason: &str,
    out: &mut Vec<u8>,
) -> PyResult<usize> {
    match h {
        Handler::Strict | Handler::XmlCharRefReplace => {
            Err(decode_error(vm, codec, data, start, end, reason))
        }
        Handler::Ignore => Ok(end),
        Handler::Replace => {
            out.extend_from_slice("\u{FFFD}".as_bytes());
            Ok(end)
        }
        Handler::BackslashReplace => {
            for b in &data[start..end] {
                out.extend_from_slice(format!("\\x{b:02x}").as_bytes());
            }
            Ok(end)
        }
        Handler::SurrogateEscape => {
            // Only bytes 0x80..=0xFF have an escape (U+DC80..U+DCFF).
            if data[start..end].iter().any(|&b| b < 0x80) {
                return Err(decode_error(vm, codec, data, start, end, reason));
            }
            for &b in &data[start..end] {
                wtf8::push_code(out, 0xDC00 | u32::from(b));
            }
            Ok(end)
        }
        Handler::SurrogatePass => {
            // An encoded surrogate at `start` decodes to itself.
            let found = match codec {
                Codec::Utf8 => match data.get(start..start + 3) {
                    Some(&[0xED, b1 @ 0xA0..=0xBF, b2 @ 0x80..=0xBF]) => Some((
                        0xD000 | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F),
                        3,
                    )),
                    _ => None,
                },
                Codec::Utf16(order) => data.get(start..start + 2).map(|p| {
                    let pair = [p[0], p[1]];
                    let unit = match order {
                        Some(Endian::Big) => u16::from_be_bytes(pair),
                        _ => u16::from_le_bytes(pair),
                    };
                    (u32::from(unit), 2)
                }),
                Codec::Utf32(order) => data.get(start..start + 4).map(|p| {
                    let quad = [p[0], p[1], p[2], p[3]];
                    let code = match order {
                        Some(Endian::Big) => u32::from_be_bytes(quad),
                        _ => u32::from_le_bytes(quad),
                    };
                    (code, 4)
                }),
                _ => None,
            };
            match found {
                Some((code, len)) if wtf8::is_surrogate(code) => {
                    wtf8::push_code(out, code);
                    Ok(start + len)
                }
                _ => Err(decode_error(vm, codec, data, start, end, reason)),
            }
        }
    }
}

/// `data.decode(encoding, errors)` as generalized UTF-8 (`text::wtf8`): the error handlers
/// `surrogateescape` and `surrogatepass` produce lone surrogates.
pub fn decode_text(vm: &mut Vm, data: &[u8], encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    let codec = lookup(vm, encoding)?;
    let mut out = Vec::with_capacity(data.len());
    let mut h: Option<Handler> = None;
    let mut get_handler = |vm: &mut Vm| -> PyResult<Handler> {
        if let Some(h) = h {
            return Ok(h);
        }
        let got = handler(vm, errors, false)?;
        h = Some(got);
        Ok(got)
    };
    match codec {
        Codec::Utf8 => {
            let mut pos = 0;
            while pos < data.len() {
                match std::str::from_utf8(&data[pos..]) {
                    Ok(s) => {
                        out.extend_from_slice(s.as_bytes());
                        break;
                    }
                    Err(e) => {
                        let good = e.valid_up_to();
                        out.extend_from_slice(&data[pos..pos + good]);
                        let start = pos + good;
                        // Rust reports the maximal invalid subpart, as CPython's decoder does.
                        let (end, reason) = match e.error_len() {
                            None => (data.len(), "unexpected end of data"),
                            Some(n) => {
                                let first = data[start];
                                let reason = if (0xC2..=0xF4).contains(&first) {
                                    "invalid continuation byte"
                                } else {
                                    "invalid start byte"
                                };
                                (start + n, reason)
                            }
                        };
                        let hd = get_handler(vm)?;
                        pos = handle_decode(vm, hd, codec, data, (start, end), reason, &mut out)?;
                    }
                }
            }
        }
        Codec::Latin1 => {
            for &b in data {
                wtf8::push_code(&mut out, u32::from(b));
            }
        }
        Codec::Ascii | Codec::Cp1252 => {
            for (i, &b) in data.iter().enumerate() {
                let c = if codec == Codec::Ascii {
                    b.is_ascii().then_some(char::from(b))
                } else {
                    cp1252_decode_byte(b)
                };
                match c {
                    Some(c) => wtf8::push_code(&mut out, u32::from(c)),
                    None => {
                        let reason = if codec == Codec::Ascii {
                            "ordinal not in range(128)"
                        } else {
                            "character maps to <undefined>"
                        };
                        let hd = get_handler(vm)?;
                        handle_decode(vm, hd, codec, data, (i, i + 1), reason, &mut out)?;
                    }
                }
            }
        }
        Codec::Utf16(order) => {
            let mut pos = 0;
            let mut endian = order.unwrap_or(Endian::Little);
            if order.is_none() && data.len() >= 2 {
                match (data[0], data[1]) {
                    (0xFF, 0xFE) => pos = 2,
                    (0xFE, 0xFF) => {
                        endian = Endian::Big;
                        pos = 2;
                    }
                    _ => {}
                }
            }
            let unit_at = |i: usize| -> u16 {
                let pair = [data[i], data[i + 1]];
                match endian {
                    Endian::Little => u16::from_le_bytes(pair),
                    Endian::Big => u16::from_be_bytes(pair),
                }
            };
            while pos < data.len() {
                if pos + 2 > data.len() {
                    let hd = get_handler(vm)?;
                    handle_decode(
                        vm,
                        hd,
                        codec,
                        data,
                        (pos, data.len()),
                        "truncated data",
                        &mut out,
                    )?;
                    break;
                }
                let u = unit_at(pos);
                if !(0xD800..0xE000).contains(&u) {
                    wtf8::push_code(&mut out, u32::from(u));
                    pos += 2;
                    continue;
                }
                if u >= 0xDC00 {
                    let hd = get_handler(vm)?;
                    handle_decode(
                        vm,
                        hd,
                        codec,
                        data,
                        (pos, pos + 2),
                        "illegal encoding",
                        &mut out,
                    )?;
                    pos += 2;
                    continue;
                }
                if pos + 4 > data.len() {
                    let hd = get_handler(vm)?;
                    let reason = if pos + 2 == data.len() {
                        "unexpected end of data"
                    } else {
                        "truncated data"
                    };
                    handle_decode(vm, hd, codec, data, (pos, data.len()), reason, &mut out)?;
                    break;
                }
                let low = unit_at(pos + 2);
                if !(0xDC00..0xE000).contains(&low) {
                    let hd = get_handler(vm)?;
                    handle_decode(
                        vm,
                        hd,
                        codec,
                        data,
                        (pos, pos + 2),
                        "illegal UTF-16 surrogate",
                        &mut out,
                    )?;
                    pos += 2;
                    continue;
                }
                let code = 0x10000 + ((u32::from(u) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
                wtf8::push_code(&mut out, code);
                pos += 4;
            }
        }
        Codec::Utf32(order) => {
            let mut pos = 0;
            let mut endian = order.unwrap_or(Endian::Little);
            if order.is_none() && data.len() >= 4 {
                match data[..4] {
                    [0xFF, 0xFE, 0, 0] => pos = 4,
                    [0, 0, 0xFE, 0xFF] => {
                        endian = Endian::Big;
                        pos = 4;
                    }
                    _ => {}
                }
            }
            while pos < data.len() {
                if pos + 4 > data.len() {
                    let hd = get_handler(vm)?;
                    handle_decode(
                        vm,
                        hd,
                        codec,
                        data,
                        (pos, data.len()),
                        "truncated data",
                        &mut out,
                    )?;
                    break;
                }
                let quad = [data[pos], data[pos + 1], data[pos + 2], data[pos + 3]];
                let code = match endian {
                    Endian::Little => u32::from_le_bytes(quad),
                    Endian::Big => u32::from_be_bytes(quad),
                };
                match char::from_u32(code) {
                    Some(c) => wtf8::push_code(&mut out, u32::from(c)),
                    None => {
                        let reason = if code > 0x10FFFF {
                            "code point not in range(0x110000)"
                        } else {
                            "code point in surrogate code point range(0xd800, 0xe000)"
                        };
                        let hd = get_handler(vm)?;
                        handle_decode(vm, hd, codec, data, (pos, pos + 4), reason, &mut out)?;
                    }
                }
                pos += 4;
            }
        }
    }
    Ok(out)
}

/// `data.decode(encoding, errors)` as a str object.
pub fn decode(vm: &mut Vm, data: &[u8], encoding: &str, errors: &str) -> PyResult<Value> {
    let text = decode_text(vm, data, encoding, errors)?;
    Ok(vm.new_str_wtf8(text))
}
