//! Text that may hold lone surrogates (U+D800..U+DFFF), as Python's `str` can.
//!
//! Such text is stored as *generalized UTF-8*: every code point, surrogates included, is
//! encoded on its own with the ordinary UTF-8 bit layout, so a surrogate is the three bytes
//! `ED A0..BF 80..BF`. Unlike WTF-8 proper, a high surrogate followed by a low one is *not*
//! joined into the astral character: Python keeps `"\ud83d" + "\ude00"` as two code points.
//! Byte order equals code-point order, and the encoding is self-synchronizing, so byte-wise
//! equality, ordering and substring search stay correct per code point.
//!
//! `lossy` gives the valid UTF-8 *view* of such bytes, each surrogate replaced by U+FFFD.
//! Both are three bytes long, so byte offsets (and character counts) of the view and the
//! generalized UTF-8 bytes are the same.

/// Whether `code` is a surrogate code point.
#[inline]
pub fn is_surrogate(code: u32) -> bool {
    (0xD800..0xE000).contains(&code)
}

/// Appends code point `code` (`<= 0x10FFFF`, surrogates allowed) to `out`.
pub fn push_code(out: &mut Vec<u8>, code: u32) {
    if let Some(c) = char::from_u32(code) {
        let mut buf = [0u8; 4];
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    } else {
        // A surrogate: the three-byte form `char` refuses to produce. `code < 0x10000`,
        // so every shifted value fits in a byte.
        out.extend_from_slice(&[
            0xE0 | ((code >> 12) & 0x0F) as u8,
            0x80 | ((code >> 6) & 0x3F) as u8,
            0x80 | (code & 0x3F) as u8,
        ]);
    }
}

/// The code point starting at byte `at` of generalized UTF-8 `bytes`, and its length in
/// bytes. Malformed input (which the runtime never builds) yields U+FFFD for one byte.
#[inline]
pub fn decode_at(bytes: &[u8], at: usize) -> (u32, usize) {
    let b0 = bytes[at];
    if b0 < 0x80 {
        return (u32::from(b0), 1);
    }
    let (len, init) = match b0 {
        0xC0..=0xDF => (2, u32::from(b0 & 0x1F)),
        0xE0..=0xEF => (3, u32::from(b0 & 0x0F)),
        0xF0..=0xF7 => (4, u32::from(b0 & 0x07)),
        _ => return (0xFFFD, 1),
    };
    let Some(tail) = bytes.get(at + 1..at + len) else {
        return (0xFFFD, 1);
    };
    let mut code = init;
    for &b in tail {
        if b & 0xC0 != 0x80 {
            return (0xFFFD, 1);
        }
        code = (code << 6) | u32::from(b & 0x3F);
    }
    (code, len)
}

/// The code points of generalized UTF-8 `bytes`.
pub fn code_points(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        if at >= bytes.len() {
            return None;
        }
        let (code, len) = decode_at(bytes, at);
        at += len;
        Some(code)
    })
}

/// Whether generalized UTF-8 `bytes` hold a surrogate (`ED` followed by `A0..=BF`).
pub fn has_surrogate(bytes: &[u8]) -> bool {
    memchr::memchr_iter(0xED, bytes).any(|at| bytes.get(at + 1).is_some_and(|&b| b >= 0xA0))
}

/// The valid UTF-8 view of generalized UTF-8 `bytes`: each surrogate becomes U+FFFD
/// (same byte length), and so does any malformed byte.
pub fn lossy(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => {
            let mut out = String::with_capacity(bytes.len());
            let mut at = 0;
            while at < bytes.len() {
                let (code, len) = decode_at(bytes, at);
                out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                at += len;
            }
            out
        }
    }
}

/// The number of code points in generalized UTF-8 `bytes`.
pub fn char_count(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surrogates_round_trip_unjoined() {
        let mut b = Vec::new();
        for code in [0x61, 0xD83D, 0xDE00, 0x1F600, 0xE9] {
            push_code(&mut b, code);
        }
        assert_eq!(
            code_points(&b).collect::<Vec<_>>(),
            [0x61, 0xD83D, 0xDE00, 0x1F600, 0xE9]
        );
        assert!(has_surrogate(&b));
        assert_eq!(char_count(&b), 5);
        let view = lossy(&b);
        assert_eq!(view.len(), b.len());
        assert_eq!(view, "a\u{FFFD}\u{FFFD}\u{1F600}é");
        assert!(!has_surrogate("\u{D7FF}\u{E000}".as_bytes()));
    }
}
