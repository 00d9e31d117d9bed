//! Text that may hold lone surrogates (U+D800..U+DFFF), as Python's `str` can.
//!
//! Such text is stored as *generalized UTF-8*: every code point, surrogates included, is
//! encoded on its own with the ordinary UTF-8 bit layout, so a surrogate is the three bytes
//! `ED A0..BF 80..BF`. Unlike WTF-8 proper, a high surrogate followed by a low one is *not*
//! joined into the astral character: Python keeps `"\ud83d" + "\ude00"` as two code points.
//! Byte order equals code-point order, and the encoding is self-synchronizing, so byte-wise
//! equality, ordering and substring search stay correct per code point.
//!
//! `to_stand_ins` gives the valid UTF-8 *view* of such bytes, in which surrogate U+D800+k
//! is the private-use character U+10F800+k (the last 2048 code points of plane 16), so the
//! view has one character per code point and `from_stand_ins` reverses it.

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

/// The private-use code point standing for surrogate U+D800 in views; U+D800+k maps to
/// `STAND_IN + k`, up to U+10FFFF.
pub const STAND_IN: u32 = 0x10F800;

/// The valid UTF-8 view of generalized UTF-8 `bytes`: each surrogate becomes its stand-in
/// (`STAND_IN`), any malformed byte U+FFFD.
pub fn to_stand_ins(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 3);
    let mut at = 0;
    while at < bytes.len() {
        let (code, len) = decode_at(bytes, at);
        let code = if is_surrogate(code) {
            code - 0xD800 + STAND_IN
        } else {
            code
        };
        out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
        at += len;
    }
    out
}

/// The character standing for code point `code` in views: itself, or for a surrogate its
/// stand-in (`code <= 0x10FFFF`).
pub fn view_char(code: u32) -> char {
    let code = if is_surrogate(code) {
        code - 0xD800 + STAND_IN
    } else {
        code
    };
    char::from_u32(code).unwrap_or('\u{FFFD}')
}

/// Whether `text` holds a stand-in character (U+10F800..U+10FFFF).
pub fn has_stand_in(text: &str) -> bool {
    // Their UTF-8 form starts F4 8F A0..BF.
    memchr::memmem::find_iter(text.as_bytes(), &[0xF4, 0x8F])
        .any(|at| text.as_bytes().get(at + 2).is_some_and(|&b| b >= 0xA0))
}

/// Generalized UTF-8 for `text` with every stand-in turned back into its surrogate.
pub fn from_stand_ins(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        let code = u32::from(c);
        if code >= STAND_IN {
            push_code(&mut out, code - STAND_IN + 0xD800);
        } else {
            let mut buf = [0u8; 4];
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
    }
    out
}

/// The sampled offset table (`text::index::build_samples`) of generalized UTF-8 `bytes`.
pub fn build_samples(bytes: &[u8]) -> Box<[u32]> {
    let step = super::index::SAMPLE_STEP;
    let mut offsets = Vec::with_capacity(bytes.len() / step + 1);
    let mut count = 0usize;
    for (at, &b) in bytes.iter().enumerate() {
        if b & 0xC0 != 0x80 {
            if count.is_multiple_of(step) {
                offsets.push(u32::try_from(at).unwrap_or(u32::MAX));
            }
            count += 1;
        }
    }
    offsets.into_boxed_slice()
}

/// The byte offset of code point `index` in generalized UTF-8 `bytes`, using their
/// sampled offset table, or `bytes.len()` past the end.
pub fn char_to_byte_sampled(bytes: &[u8], samples: &[u32], index: usize) -> usize {
    let step = super::index::SAMPLE_STEP;
    let (mut at, mut left) = match samples.get(index / step) {
        Some(&start) => (start as usize, index % step),
        None => (0, index),
    };
    while at < bytes.len() {
        if left == 0 {
            return at;
        }
        at += 1;
        while at < bytes.len() && bytes[at] & 0xC0 == 0x80 {
            at += 1;
        }
        left -= 1;
    }
    bytes.len()
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
        let view = to_stand_ins(&b);
        assert_eq!(view, "a\u{10F83D}\u{10FE00}\u{1F600}é");
        assert!(has_stand_in(&view));
        assert_eq!(from_stand_ins(&view), b);
        assert!(!has_surrogate("\u{D7FF}\u{E000}".as_bytes()));
        assert!(!has_stand_in("\u{10F7FF}"));
        let samples = build_samples(&b);
        assert_eq!(char_to_byte_sampled(&b, &samples, 2), 4);
        assert_eq!(char_to_byte_sampled(&b, &samples, 5), b.len());
    }
}
