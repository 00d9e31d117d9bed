//! CPython's number-literal scanner, used only to find the tokenizer errors CPython reports
//! for malformed numbers (`1abc`, `0777`, `0x`, `1_`, `0b12`, `1.5j2` ...).
//!
//! This follows the number branch of `tok_get` and its helpers `tok_decimal_tail` and
//! `verify_end_of_number` in CPython's `Parser/tokenizer.c` (3.12+ wording). Ruff's lexer
//! splits such input into several tokens instead of failing, so we rescan from each number
//! token's start to get CPython's message and caret position.

/// A malformed number: the message, and the byte range CPython reports (`start..end`, where
/// the caret starts at the character *before* `cursor`, per `syntaxerror`'s convention).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NumberError {
    pub message: String,
    /// CPython's `tok->cur` when it raised: the error offset counts the characters from the
    /// line start up to here.
    pub cursor: usize,
    /// For `syntaxerror_known_range`: explicit 0-based start and end byte columns.
    pub known_range: Option<(usize, usize)>,
}

/// Scans the number starting at `start` in `text` and returns where it ends, or the error
/// CPython's tokenizer raises for it.
pub(crate) fn scan_number(text: &str, start: usize) -> Result<usize, NumberError> {
    let mut scanner = Scanner {
        text,
        bytes: text.as_bytes(),
        pos: start,
        start,
    };
    scanner.number()
}

const EOF: u8 = 0;

struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    start: usize,
}

fn is_potential_identifier_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 128
}

impl Scanner<'_> {
    fn next(&mut self) -> u8 {
        match self.bytes.get(self.pos) {
            Some(&c) => {
                self.pos += 1;
                c
            }
            None => EOF,
        }
    }

    fn backup(&mut self, c: u8) {
        if c != EOF {
            self.pos -= 1;
        }
    }

    fn error(&self, message: impl Into<String>) -> NumberError {
        NumberError {
            message: message.into(),
            cursor: self.pos,
            known_range: None,
        }
    }

    /// `verify_end_of_number`: a number may be directly followed by a keyword that can
    /// legally follow it (a SyntaxWarning in CPython), but not by any other name character.
    fn verify_end(&mut self, c: u8, kind: &str) -> Result<(), NumberError> {
        let rest = &self.bytes[self.pos..];
        let keyword_follows = match c {
            b'a' => rest.starts_with(b"nd"),
            b'e' => rest.starts_with(b"lse"),
            b'f' => rest.starts_with(b"or"),
            b'i' => matches!(rest.first(), Some(b'f' | b'n' | b's')),
            b'o' => rest.starts_with(b"r"),
            b'n' => rest.starts_with(b"ot"),
            _ => false,
        };
        // A non-ASCII character only continues the number if it could continue a name;
        // anything else is left for the tokenizer's invalid-character error.
        let continues_name = if c >= 128 {
            self.text
                .get(self.pos - 1..)
                .and_then(|rest| rest.chars().next())
                .is_some_and(char::is_alphanumeric)
        } else {
            is_potential_identifier_char(c)
        };
        if !keyword_follows && continues_name {
            self.backup(c);
            return Err(self.error(format!("invalid {kind} literal")));
        }
        Ok(())
    }

    /// `tok_decimal_tail`: digits with single underscores between them. Returns the first
    /// character after the digits.
    fn decimal_tail(&mut self) -> Result<u8, NumberError> {
        loop {
            let mut c = self.next();
            while c.is_ascii_digit() {
                c = self.next();
            }
            if c != b'_' {
                return Ok(c);
            }
            c = self.next();
            if !c.is_ascii_digit() {
                self.backup(c);
                return Err(self.error("invalid decimal literal"));
            }
        }
    }

    fn number(&mut self) -> Result<usize, NumberError> {
        let mut c = self.next();
        if c == b'.' {
            c = self.next();
            return self.fraction(c);
        }
        if c == b'0' {
            c = self.next();
            match c {
                b'x' | b'X' => {
                    c = self.next();
                    loop {
                        if c == b'_' {
                            c = self.next();
                        }
                        if !c.is_ascii_hexdigit() {
                            self.backup(c);
                            return Err(self.error("invalid hexadecimal literal"));
                        }
                        c = self.next();
                        while c.is_ascii_hexdigit() {
                            c = self.next();
                        }
                        if c != b'_' {
                            break;
                        }
                    }
                    self.verify_end(c, "hexadecimal")?;
                }
                b'o' | b'O' => {
                    c = self.next();
                    loop {
                        if c == b'_' {
                            c = self.next();
                        }
                        if !(b'0'..b'8').contains(&c) {
                            if c.is_ascii_digit() {
                                return Err(self.error(format!(
                                    "invalid digit '{}' in octal literal",
                                    char::from(c)
                                )));
                            }
                            self.backup(c);
                            return Err(self.error("invalid octal literal"));
                        }
                        c = self.next();
                        while (b'0'..b'8').contains(&c) {
                            c = self.next();
                        }
                        if c != b'_' {
                            break;
                        }
                    }
                    if c.is_ascii_digit() {
                        return Err(self.error(format!(
                            "invalid digit '{}' in octal literal",
                            char::from(c)
                        )));
                    }
                    self.verify_end(c, "octal")?;
                }
                b'b' | b'B' => {
                    c = self.next();
                    loop {
                        if c == b'_' {
                            c = self.next();
                        }
                        if c != b'0' && c != b'1' {
                            if c.is_ascii_digit() {
                                return Err(self.error(format!(
                                    "invalid digit '{}' in binary literal",
                                    char::from(c)
                                )));
                            }
                            self.backup(c);
                            return Err(self.error("invalid binary literal"));
                        }
                        c = self.next();
                        while c == b'0' || c == b'1' {
                            c = self.next();
                        }
                        if c != b'_' {
                            break;
                        }
                    }
                    if c.is_ascii_digit() {
                        return Err(self.error(format!(
                            "invalid digit '{}' in binary literal",
                            char::from(c)
                        )));
                    }
                    self.verify_end(c, "binary")?;
                }
                _ => {
                    let mut nonzero = false;
                    loop {
                        if c == b'_' {
                            c = self.next();
                            if !c.is_ascii_digit() {
                                self.backup(c);
                                return Err(self.error("invalid decimal literal"));
                            }
                        }
                        if c != b'0' {
                            break;
                        }
                        c = self.next();
                    }
                    let zeros_end = self.pos;
                    if c.is_ascii_digit() {
                        nonzero = true;
                        c = self.decimal_tail()?;
                    }
                    match c {
                        b'.' => {
                            c = self.next();
                            return self.fraction(c);
                        }
                        b'e' | b'E' => return self.exponent(c),
                        b'j' | b'J' => return self.imaginary(),
                        _ if nonzero => {
                            self.backup(c);
                            let line_start = self.line_start();
                            return Err(NumberError {
                                message: "leading zeros in decimal integer literals are not \
                                          permitted; use an 0o prefix for octal integers"
                                    .to_string(),
                                cursor: self.pos,
                                known_range: Some((
                                    self.start + 1 - line_start,
                                    zeros_end - line_start,
                                )),
                            });
                        }
                        _ => self.verify_end(c, "decimal")?,
                    }
                }
            }
            self.backup(c);
            return Ok(self.pos);
        }
        // A decimal number.
        self.backup(c);
        c = self.decimal_tail()?;
        if c == b'.' {
            c = self.next();
            return self.fraction(c);
        }
        self.after_fraction(c)
    }

    fn line_start(&self) -> usize {
        self.bytes[..self.start]
            .iter()
            .rposition(|&b| b == b'\n' || b == b'\r')
            .map_or(0, |p| p + 1)
    }

    fn fraction(&mut self, mut c: u8) -> Result<usize, NumberError> {
        if c.is_ascii_digit() {
            c = self.decimal_tail()?;
        }
        self.after_fraction(c)
    }

    fn after_fraction(&mut self, c: u8) -> Result<usize, NumberError> {
        match c {
            b'e' | b'E' => self.exponent(c),
            b'j' | b'J' => self.imaginary(),
            _ => {
                self.verify_end(c, "decimal")?;
                self.backup(c);
                Ok(self.pos)
            }
        }
    }

    fn exponent(&mut self, e: u8) -> Result<usize, NumberError> {
        let mut c = self.next();
        if c == b'+' || c == b'-' {
            c = self.next();
            if !c.is_ascii_digit() {
                self.backup(c);
                return Err(self.error("invalid decimal literal"));
            }
        } else if !c.is_ascii_digit() {
            self.backup(c);
            self.verify_end(e, "decimal")?;
            self.backup(e);
            return Ok(self.pos);
        }
        self.backup(c);
        c = self.decimal_tail()?;
        if c == b'j' || c == b'J' {
            return self.imaginary();
        }
        self.verify_end(c, "decimal")?;
        self.backup(c);
        Ok(self.pos)
    }

    fn imaginary(&mut self) -> Result<usize, NumberError> {
        let c = self.next();
        self.verify_end(c, "imaginary")?;
        self.backup(c);
        Ok(self.pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> (String, usize) {
        let e = scan_number(text, 0).unwrap_err();
        (e.message, e.cursor)
    }

    #[test]
    fn valid_numbers() {
        for (text, len) in [
            ("123", 3),
            ("1_000 ", 5),
            ("0x_ff", 5),
            ("0o17", 4),
            ("0b1_0", 5),
            ("1.5e-3j", 7),
            (".5", 2),
            ("1.", 2),
            ("1e5", 3),
            ("00", 2),
            ("0_0", 3),
            ("1if", 1),
            ("0x1for", 4),
            ("1.e5", 4),
        ] {
            assert_eq!(scan_number(text, 0), Ok(len), "{text}");
        }
    }

    #[test]
    fn invalid_numbers() {
        assert_eq!(err("1abc"), ("invalid decimal literal".into(), 1));
        assert_eq!(err("1_"), ("invalid decimal literal".into(), 2));
        assert_eq!(err("0x"), ("invalid hexadecimal literal".into(), 2));
        assert_eq!(err("1e"), ("invalid decimal literal".into(), 1));
        assert_eq!(
            err("0b12"),
            ("invalid digit '2' in binary literal".into(), 4)
        );
        assert_eq!(err("1.5j2"), ("invalid imaginary literal".into(), 4));
        assert_eq!(err("1__0"), ("invalid decimal literal".into(), 2));
        assert_eq!(err("1.real"), ("invalid decimal literal".into(), 2));
        let e = scan_number("0777", 0).unwrap_err();
        assert!(e.message.starts_with("leading zeros"));
        assert_eq!(e.known_range, Some((1, 2)));
    }
}
