//! The codecs `str.encode`, `bytes.decode` and `str(b, encoding)` know natively: UTF-8,
//! Latin-1, ASCII, cp1252, UTF-16 and UTF-32 (with and without an explicit byte order),
//! with the error handlers `strict`, `ignore`, `replace`, `backslashreplace` and
//! `xmlcharrefreplace` (encoding only). Errors are `UnicodeEncodeError` /
//! `UnicodeDecodeError` instances carrying CPython's five arguments (encoding, object,
//! start, end, reason), so their attributes and text match CPython's
//! (`Objects/exceptions.c`, `UnicodeDecodeError_str`).
//!
//! Text is UTF-8 without lone surrogates, so `surrogatepass`/`surrogateescape` cannot be
//! represented and are reported as unknown handlers.

use crate::errors::{PyErr, PyResult, new_exception};
use crate::interp::Vm;
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
}

fn handler(vm: &mut Vm, errors: &str, encoding: bool) -> PyResult<Handler> {
    Ok(match errors {
        "strict" => Handler::Strict,
        "ignore" => Handler::Ignore,
        "replace" => Handler::Replace,
        "backslashreplace" => Handler::BackslashReplace,
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

fn cp1252_encode_char(c: char) -> Option<u8> {
    let code = u32::from(c);
    if code < 0x80 || (0xA0..0x100).contains(&code) {
        return u8::try_from(code).ok();
    }
    CP1252_HIGH
        .iter()
        .position(|&m| m == Some(c))
        .and_then(|i| u8::try_from(0x80 + i).ok())
}

/// `UnicodeEncodeError(encoding, object, start, end, reason)`.
fn encode_error(
    vm: &mut Vm,
    codec: Codec,
    text: &str,
    start: usize,
    end: usize,
    reason: &str,
) -> PyErr {
    let enc = vm.new_str(codec.name());
    let obj = vm.new_str(text);
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

/// `text.encode(encoding, errors)`.
pub fn encode(vm: &mut Vm, text: &str, encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    let codec = lookup(vm, encoding)?;
    let native = if cfg!(target_endian = "big") {
        Endian::Big
    } else {
        Endian::Little
    };
    let mut out = Vec::with_capacity(text.len());
    match codec {
        Codec::Utf8 => out.extend_from_slice(text.as_bytes()),
        Codec::Utf16(order) => {
            let endian = order.unwrap_or(native);
            if order.is_none() {
                push_unit16(&mut out, 0xFEFF, endian);
            }
            for unit in text.encode_utf16() {
                push_unit16(&mut out, unit, endian);
            }
        }
        Codec::Utf32(order) => {
            let endian = order.unwrap_or(native);
            if order.is_none() {
                push_unit32(&mut out, 0xFEFF, endian);
            }
            for c in text.chars() {
                push_unit32(&mut out, u32::from(c), endian);
            }
        }
        Codec::Latin1 | Codec::Ascii | Codec::Cp1252 => {
            let limit = if codec == Codec::Ascii { 128 } else { 256 };
            let reason = match codec {
                Codec::Ascii => "ordinal not in range(128)",
                Codec::Latin1 => "ordinal not in range(256)",
                _ => "character maps to <undefined>",
            };
            let mapped = |c: char| -> Option<u8> {
                if codec == Codec::Cp1252 {
                    cp1252_encode_char(c)
                } else {
                    u8::try_from(u32::from(c))
                        .ok()
                        .filter(|&b| u32::from(b) < limit)
                }
            };
            let chars: Vec<char> = text.chars().collect();
            let mut i = 0;
            let mut checked: Option<Handler> = None;
            while i < chars.len() {
                if let Some(b) = mapped(chars[i]) {
                    out.push(b);
                    i += 1;
                    continue;
                }
                // A run of unencodable characters is reported (and handled) as one.
                let mut end = i + 1;
                while end < chars.len() && mapped(chars[end]).is_none() {
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
                match h {
                    Handler::Strict => return Err(encode_error(vm, codec, text, i, end, reason)),
                    Handler::Ignore => {}
                    Handler::Replace => out.extend(std::iter::repeat_n(b'?', end - i)),
                    Handler::BackslashReplace => {
                        for &c in &chars[i..end] {
                            let code = u32::from(c);
                            let esc = if code < 0x100 {
                                format!("\\x{code:02x}")
                            } else if code < 0x10000 {
                                format!("\\u{code:04x}")
                            } else {
                                format!("\\U{code:08x}")
                            };
                            out.extend_from_slice(esc.as_bytes());
                        }
                    }
                    Handler::XmlCharRefReplace => {
                        for &c in &chars[i..end] {
                            out.extend_from_slice(format!("&#{};", u32::from(c)).as_bytes());
                        }
                    }
                }
                i = end;
            }
        }
    }
    // CPython checks the handler name only when an error occurs (outside dev mode), so an
    // unknown name passes silently here too.
    Ok(out)
}

/// What a decoder does with one undecodable range.
fn handle_decode(
    vm: &mut Vm,
    h: Handler,
    codec: Codec,
    data: &[u8],
    (start, end): (usize, usize),
    reason: &str,
    out: &mut String,
) -> PyResult<()> {
    match h {
        Handler::Strict | Handler::XmlCharRefReplace => {
            Err(decode_error(vm, codec, data, start, end, reason))
        }
        Handler::Ignore => Ok(()),
        Handler::Replace => {
            out.push('\u{FFFD}');
            Ok(())
        }
        Handler::BackslashReplace => {
            for b in &data[start..end] {
                out.push_str(&format!("\\x{b:02x}"));
            }
            Ok(())
        }
    }
}

/// `data.decode(encoding, errors)` as Rust text.
pub fn decode_text(vm: &mut Vm, data: &[u8], encoding: &str, errors: &str) -> PyResult<String> {
    let codec = lookup(vm, encoding)?;
    let mut out = String::with_capacity(data.len());
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
                        out.push_str(s);
                        break;
                    }
                    Err(e) => {
                        let good = e.valid_up_to();
                        out.push_str(std::str::from_utf8(&data[pos..pos + good]).unwrap_or(""));
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
                        handle_decode(vm, hd, codec, data, (start, end), reason, &mut out)?;
                        pos = end;
                    }
                }
            }
        }
        Codec::Latin1 => out.extend(data.iter().map(|&b| char::from(b))),
        Codec::Ascii | Codec::Cp1252 => {
            for (i, &b) in data.iter().enumerate() {
                let c = if codec == Codec::Ascii {
                    b.is_ascii().then_some(char::from(b))
                } else {
                    cp1252_decode_byte(b)
                };
                match c {
                    Some(c) => out.push(c),
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
                    out.push(char::from_u32(u32::from(u)).unwrap_or('\u{FFFD}'));
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
                out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
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
                    Some(c) => out.push(c),
                    None => {
                        let reason = if code > 0x10FFFF {
                            "code point not in range(0x110000)"
                        } else {
                            "code point in surrogate character range"
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
    Ok(vm.new_string(text))
}
