//! printf-style `str % args`: parsing the format string into literal text and
//! conversion specs, one piece at a time.
//!
//! Port of the parsing half of `PyUnicode_Format` in `Objects/unicodeobject.c`
//! (`unicode_format_arg` and `unicode_format_arg_parse`). Arguments are Python objects,
//! so the caller fetches them: a mapping key and `*` widths are asked for through
//! [`PercentArgs`] at the moment CPython fetches them, so errors come in CPython's order.
//! The formatters for the fetched values are in `percent_fmt`.
//!
//! A caller's loop:
//!
//! ```text
//! let mut parser = PercentParser::new(fmt);
//! while let Some(piece) = parser.next_piece(&mut args) {
//!     match piece? {
//!         PercentPiece::Literal(text) => out.push_str(text),
//!         PercentPiece::Spec(spec) => {
//!             let value = args.next_arg()?;          // not_enough_arguments()
//!             match spec.kind()? { ... }             // unsupported format character
//!         }
//!     }
//! }
//! // leftover tuple items: not_all_converted()
//! ```

use super::error::FormatError;

/// Where the parser needs an argument.
pub trait PercentArgs {
    type Error: From<FormatError>;

    /// `%(key)`: from now on, the arguments are `mapping[key]` (one value). Without a
    /// mapping the caller raises [`FormatError::format_requires_mapping`].
    fn select_key(&mut self, key: &str) -> Result<(), Self::Error>;

    /// `%*d`: the next argument as a width (`* wants int` if it is no int, OverflowError
    /// "Python int too large to convert to C ssize_t").
    fn star_width(&mut self) -> Result<isize, Self::Error>;

    /// `%.*f`: the next argument as a precision (`* wants int`, OverflowError "Python
    /// int too large to convert to C int").
    fn star_precision(&mut self) -> Result<i32, Self::Error>;
}

/// The flags `-`, `+`, ` `, `#`, `0`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PercentFlags {
    /// `-` (also set by a negative `*` width).
    pub left_justify: bool,
    /// `+`
    pub sign: bool,
    /// ` `
    pub blank: bool,
    /// `#`
    pub alternate: bool,
    /// `0`
    pub zero: bool,
}

/// One `%...c` conversion, with `*` values already filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PercentSpec {
    pub flags: PercentFlags,
    pub width: Option<usize>,
    pub precision: Option<usize>,
    /// The conversion character (any character: check it with [`PercentSpec::kind`]
    /// after fetching the argument, as CPython does).
    pub conversion: char,
    /// Index (in characters) of the conversion character, for the error text.
    pub index: usize,
}

/// What kind of value a conversion wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PercentKind {
    /// `s` (str()), `r` (repr()), `a` (ascii()): then [`super::format_percent_str`].
    Str,
    /// `d i u`: any real number, truncated to int (`percent_needs_real` otherwise).
    Decimal,
    /// `o x X`: an integer via `__index__` (`percent_needs_integer` otherwise).
    Radix,
    /// `e E f F g G`: a float via `__float__`.
    Float,
    /// `c`: an int code point or a one-character str.
    Char,
}

impl PercentSpec {
    /// The kind of conversion; an unknown character raises CPython's ValueError.
    pub fn kind(&self) -> Result<PercentKind, FormatError> {
        Ok(match self.conversion {
            's' | 'r' | 'a' => PercentKind::Str,
            'd' | 'i' | 'u' => PercentKind::Decimal,
            'o' | 'x' | 'X' => PercentKind::Radix,
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => PercentKind::Float,
            'c' => PercentKind::Char,
            other => {
                let code = u32::from(other);
                let shown = if (31..=126).contains(&code) {
                    other
                } else {
                    '?'
                };
                return Err(FormatError::value_error(format!(
                    "unsupported format character '{shown}' ({code:#x}) at index {}",
                    self.index
                )));
            }
        })
    }
}

/// A piece of a printf-style format string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PercentPiece<'a> {
    /// Text to copy; `%%` gives `"%"`.
    Literal(&'a str),
    /// A conversion that consumes one argument.
    Spec(PercentSpec),
}

/// Walks a format string piece by piece.
#[derive(Debug, Clone)]
pub struct PercentParser<'a> {
    fmt: &'a str,
    /// Byte offset of the next unread character.
    pos: usize,
    /// Character index of the next unread character.
    char_index: usize,
}

impl<'a> PercentParser<'a> {
    pub fn new(fmt: &'a str) -> Self {
        Self {
            fmt,
            pos: 0,
            char_index: 0,
        }
    }

    fn peek(&self) -> Option<char> {
        self.fmt[self.pos..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        self.char_index += 1;
        Some(c)
    }

    /// The next piece, or `None` at the end of the string.
    pub fn next_piece<A: PercentArgs>(
        &mut self,
        args: &mut A,
    ) -> Option<Result<PercentPiece<'a>, A::Error>> {
        let rest = &self.fmt[self.pos..];
        if rest.is_empty() {
            return None;
        }
        if !rest.starts_with('%') {
            let len = rest.find('%').unwrap_or(rest.len());
            self.char_index += rest[..len].chars().count();
            self.pos += len;
            return Some(Ok(PercentPiece::Literal(&rest[..len])));
        }
        if rest.starts_with("%%") {
            self.pos += 2;
            self.char_index += 2;
            return Some(Ok(PercentPiece::Literal("%")));
        }
        self.bump();
        Some(self.parse_spec(args).map(PercentPiece::Spec))
    }

    fn parse_spec<A: PercentArgs>(&mut self, args: &mut A) -> Result<PercentSpec, A::Error> {
        let incomplete = || FormatError::value_error("incomplete format");
        if self.peek() == Some('(') {
            self.bump();
            let key_start = self.pos;
            let mut depth = 1usize;
            let mut key_end = None;
            while let Some(c) = self.bump() {
                match c {
                    '(' => depth += 1,
                    ')' => {
                        depth -= 1;
                        if depth == 0 {
                            key_end = Some(self.pos - 1);
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let key_end =
                key_end.ok_or_else(|| FormatError::value_error("incomplete format key"))?;
            args.select_key(&self.fmt[key_start..key_end])?;
        }

        let mut flags = PercentFlags::default();
        let mut ch = self.bump().ok_or_else(incomplete)?;
        loop {
            match ch {
                '-' => flags.left_justify = true,
                '+' => flags.sign = true,
                ' ' => flags.blank = true,
                '#' => flags.alternate = true,
                '0' => flags.zero = true,
                _ => break,
            }
            ch = self.bump().ok_or_else(incomplete)?;
        }

        // After each field CPython reads the next character; running out of characters
        // is reported as "incomplete format" once the whole spec has been looked at.
        let mut ended = false;

        let mut width = None;
        if ch == '*' {
            let value = args.star_width()?;
            if value < 0 {
                flags.left_justify = true;
            }
            width = Some(value.unsigned_abs());
            ended = !self.advance(&mut ch);
        } else if let Some(first) = ch.to_digit(10) {
            let (value, at_end) =
                self.read_number(first, &mut ch, isize::MAX as usize, "width too big")?;
            width = Some(value);
            ended = at_end;
        }

        let mut precision = None;
        if !ended && ch == '.' {
            precision = Some(0);
            ended = !self.advance(&mut ch);
            if !ended && ch == '*' {
                let value = args.star_precision()?;
                precision = Some(usize::try_from(value).unwrap_or(0));
                ended = !self.advance(&mut ch);
            } else if let Some(first) = ch.to_digit(10).filter(|_| !ended) {
                let (value, at_end) =
                    self.read_number(first, &mut ch, i32::MAX as usize, "precision too big")?;
                precision = Some(value);
                ended = at_end;
            }
        }

        // Length modifiers are accepted and ignored.
        if !ended && matches!(ch, 'h' | 'l' | 'L') {
            ended = !self.advance(&mut ch);
        }
        if ended {
            return Err(incomplete().into());
        }
        Ok(PercentSpec {
            flags,
            width,
            precision,
            conversion: ch,
            index: self.char_index - 1,
        })
    }

    /// Reads the next character into `ch`; false at the end of the string.
    fn advance(&mut self, ch: &mut char) -> bool {
        match self.bump() {
            Some(next) => {
                *ch = next;
                true
            }
            None => false,
        }
    }

    /// The rest of a decimal number whose first digit was `first`; returns it and whether
    /// the string ended inside it.
    fn read_number(
        &mut self,
        first: u32,
        ch: &mut char,
        max: usize,
        too_big: &str,
    ) -> Result<(usize, bool), FormatError> {
        let mut value = first as usize;
        loop {
            if !self.advance(ch) {
                return Ok((value, true));
            }
            let Some(digit) = ch.to_digit(10) else {
                return Ok((value, false));
            };
            value = value
                .checked_mul(10)
                .and_then(|v| v.checked_add(digit as usize))
                .filter(|v| *v <= max)
                .ok_or_else(|| FormatError::value_error(too_big))?;
        }
    }
}
