//! Which characters the numeric constructors accept beyond ASCII: Unicode whitespace and
//! Unicode decimal digits, as CPython's `_PyUnicode_TransformDecimalAndSpaceToASCII`
//! (Objects/unicodeobject.c) sees them before `int()`, `float()` and `complex()` parse.
//!
//! The transformation keeps ASCII as it is, turns a non-ASCII `str.isspace()` character into
//! a space and a non-ASCII decimal digit (category Nd) into its ASCII digit. Any other
//! non-ASCII character becomes `?`, which no numeric grammar accepts. Note that the ASCII
//! separators `\x1c`..`\x1f` stay themselves, so `int('\x1c5')` is an error even though
//! `'\x1c'.isspace()` is true.

/// The code points of every Unicode digit zero: each starts a run of ten consecutive
/// decimal digits 0..9, which is how Unicode lays out all of category Nd.
///
/// Generated from Python 3.11's `unicodedata` (Unicode 14); the rows marked "Unicode 15/16"
/// were added by hand for Python 3.14 (Unicode 16).
const DIGIT_ZEROS: &[u32] = &[
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x10D40, // Unicode 16: Garay
    0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650, 0x116C0, 0x116D0,
    0x116DA, // Unicode 16: Myanmar Extended-C
    0x11730, 0x118E0, 0x11950, 0x11BF0, // Unicode 16: Sunuwar
    0x11C50, 0x11D50, 0x11DA0, 0x11F50, // Unicode 15: Kawi
    0x16130, // Unicode 16: Gurung Khema
    0x16A60, 0x16AC0, 0x16B50, 0x16D70, // Unicode 16: Kirat Rai
    0x1CCF0, // Unicode 16: outlined digits
    0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0,
    0x1E4F0, // Unicode 15: Nag Mundari
    0x1E950, 0x1FBF0,
];

/// The decimal value of `c` if it is a Unicode decimal digit (`str.isdecimal()`).
pub fn decimal_value(c: char) -> Option<u8> {
    let code = c as u32;
    if c.is_ascii() {
        return c.to_digit(10).and_then(|d| u8::try_from(d).ok());
    }
    // The table is sorted; find the last zero at or below `code`.
    let index = DIGIT_ZEROS.partition_point(|&zero| zero <= code);
    let zero = *DIGIT_ZEROS.get(index.checked_sub(1)?)?;
    let offset = code - zero;
    if offset < 10 {
        u8::try_from(offset).ok()
    } else {
        None
    }
}

/// Python's `str.isspace()`: bidirectional class WS, B or S, or category Zs.
pub fn is_python_space(c: char) -> bool {
    matches!(
        c as u32,
        0x09..=0x0d
            | 0x1c..=0x20
            | 0x85
            | 0xa0
            | 0x1680
            | 0x2000..=0x200a
            | 0x2028
            | 0x2029
            | 0x202f
            | 0x205f
            | 0x3000
    )
}

/// C's `isspace` in the "C" locale, which CPython's number parsers use once the text has
/// been transformed to ASCII (`Py_ISSPACE`).
pub fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// `_PyUnicode_TransformDecimalAndSpaceToASCII`: the ASCII text the numeric parsers read.
pub fn to_ascii_number_text(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| {
            if c.is_ascii() {
                c as u8
            } else if is_python_space(c) {
                b' '
            } else if let Some(d) = decimal_value(c) {
                b'0' + d
            } else {
                b'?'
            }
        })
        .collect()
}

/// Strips C-locale whitespace from both ends of ASCII text.
pub fn trim_ascii_space(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|&b| !is_ascii_space(b))
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|&b| !is_ascii_space(b))
        .map_or(start, |i| i + 1);
    bytes.get(start..end).unwrap_or(&[])
}

/// `%.200R` in `PyUnicode_FromFormat`: the repr cut to its first 200 characters, as the
/// `int()` error message shows it.
pub fn repr_truncated(text: &str, max_chars: usize) -> String {
    let repr = compiler::pyrepr::repr_str(text);
    match repr.char_indices().nth(max_chars) {
        Some((cut, _)) => repr.get(..cut).unwrap_or(&repr).to_string(),
        None => repr,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_values() {
        let rows: &[(char, Option<u8>)] = &[
            ('0', Some(0)),
            ('9', Some(9)),
            ('a', None),
            ('\u{663}', Some(3)),
            ('\u{ff19}', Some(9)),
            ('\u{1d7ff}', Some(9)),
            ('\u{1d7ce}', Some(0)),
            ('\u{65f}', None),
            ('\u{b2}', None), // superscript two is a digit but not decimal
            ('\u{2167}', None),
        ];
        for &(c, want) in rows {
            assert_eq!(decimal_value(c), want, "{c:?}");
        }
    }

    #[test]
    fn spaces_match_str_isspace() {
        // Every code point below 0x3001 whose str.isspace() is true (python3).
        let python: &[u32] = &[
            0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000,
            0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028,
            0x2029, 0x202f, 0x205f, 0x3000,
        ];
        let ours: Vec<u32> = (0..0x3001)
            .filter_map(char::from_u32)
            .filter(|&c| is_python_space(c))
            .map(|c| c as u32)
            .collect();
        assert_eq!(ours, python);
    }

    #[test]
    fn truncated_repr() {
        assert_eq!(repr_truncated("abc", 200), "'abc'");
        assert_eq!(repr_truncated("abcdef", 4), "'abc");
    }
}
