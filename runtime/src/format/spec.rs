//! The format-spec mini-language: `[[fill]align][sign][z][#][0][width][grouping]
//! [.precision[grouping]][type]`, as `format()`, `str.format` and f-strings use it.
//!
//! Port of `parse_internal_render_format_spec` in `Python/formatter_unicode.c`,
//! including 3.14's grouping of the fractional part (`.3_f`, `._`, `.,`).

use super::error::FormatError;

/// Where padding goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// `<`
    Left,
    /// `>`
    Right,
    /// `^`
    Center,
    /// `=`: padding between the sign (and prefix) and the digits.
    AfterSign,
}

impl Align {
    fn from_char(c: char) -> Option<Self> {
        match c {
            '<' => Some(Self::Left),
            '>' => Some(Self::Right),
            '^' => Some(Self::Center),
            '=' => Some(Self::AfterSign),
            _ => None,
        }
    }
}

/// The sign option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sign {
    /// No sign option given.
    Default,
    /// `-`: only negative numbers get a sign (the same output as `Default`).
    Minus,
    /// `+`: every number gets a sign.
    Plus,
    /// ` `: positive numbers get a space.
    Space,
}

/// The digit-grouping option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    /// `,` every three digits.
    Comma,
    /// `_` every three decimal digits.
    Underscore,
    /// `_` with `b`, `o`, `x`, `X`: every four digits.
    UnderscoreFour,
}

impl Grouping {
    pub(crate) fn separator(self) -> char {
        match self {
            Self::Comma => ',',
            Self::Underscore | Self::UnderscoreFour => '_',
        }
    }

    pub(crate) fn group_len(self) -> usize {
        match self {
            Self::UnderscoreFour => 4,
            Self::Comma | Self::Underscore => 3,
        }
    }
}

/// A parsed format spec (`InternalFormatSpec`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatSpec {
    pub fill: char,
    pub align: Align,
    pub sign: Sign,
    /// `z`: coerce negative zero to zero (floats only).
    pub no_neg_0: bool,
    /// `#`
    pub alternate: bool,
    pub width: Option<usize>,
    pub grouping: Option<Grouping>,
    pub precision: Option<usize>,
    /// 3.14: grouping of the digits after the decimal point.
    pub frac_grouping: Option<Grouping>,
    /// The presentation type; the type's default when none was given, `None` for the
    /// types whose default is "no type" (float, complex).
    pub type_code: Option<char>,
}

impl FormatSpec {
    /// Parses `spec` for an object whose type is called `type_name` (used in the error
    /// texts), with that type's default presentation type and alignment.
    pub fn parse(
        spec: &str,
        type_name: &str,
        default_type: Option<char>,
        default_align: Align,
    ) -> Result<Self, FormatError> {
        let chars: Vec<char> = spec.chars().collect();
        let mut parsed = Self {
            fill: ' ',
            align: default_align,
            sign: Sign::Default,
            no_neg_0: false,
            alternate: false,
            width: None,
            grouping: None,
            precision: None,
            frac_grouping: None,
            type_code: default_type,
        };
        let at = |pos: usize| chars.get(pos).copied();
        let mut pos = 0;
        let mut fill_specified = false;
        let mut align_specified = false;

        if let Some(align) = at(1).and_then(Align::from_char) {
            parsed.align = align;
            parsed.fill = chars[0];
            fill_specified = true;
            align_specified = true;
            pos = 2;
        } else if let Some(align) = at(0).and_then(Align::from_char) {
            parsed.align = align;
            align_specified = true;
            pos = 1;
        }
        parsed.sign = match at(pos) {
            Some('+') => Sign::Plus,
            Some('-') => Sign::Minus,
            Some(' ') => Sign::Space,
            _ => Sign::Default,
        };
        if parsed.sign != Sign::Default {
            pos += 1;
        }
        if at(pos) == Some('z') {
            parsed.no_neg_0 = true;
            pos += 1;
        }
        if at(pos) == Some('#') {
            parsed.alternate = true;
            pos += 1;
        }
        // The '0' shortcut is zero fill, and '=' alignment for types that align right.
        if !fill_specified && at(pos) == Some('0') {
            parsed.fill = '0';
            if !align_specified && default_align == Align::Right {
                parsed.align = Align::AfterSign;
            }
            pos += 1;
        }
        let (width, consumed) = parse_integer(&chars, &mut pos)?;
        if consumed > 0 {
            parsed.width = Some(width);
        }
        parsed.grouping = parse_grouping(&chars, &mut pos)?;

        if at(pos) == Some('.') {
            pos += 1;
            let (precision, mut consumed) = parse_integer(&chars, &mut pos)?;
            if consumed > 0 {
                parsed.precision = Some(precision);
            }
            parsed.frac_grouping = parse_grouping(&chars, &mut pos)?;
            if parsed.frac_grouping.is_some() {
                consumed += 1;
            }
            if consumed == 0 {
                return Err(FormatError::value_error(
                    "Format specifier missing precision",
                ));
            }
        }

        match chars.len().saturating_sub(pos) {
            0 => {}
            1 => parsed.type_code = Some(chars[pos]),
            _ => return Err(FormatError::invalid_format_specifier(spec, type_name)),
        }

        if let Some(grouping) = parsed.grouping {
            match parsed.type_code {
                None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => {}
                Some('b' | 'o' | 'x' | 'X') if grouping == Grouping::Underscore => {
                    parsed.grouping = Some(Grouping::UnderscoreFour);
                }
                Some(code) => return Err(invalid_separator_for_type(grouping, code)),
            }
        }
        if let (Some(grouping), Some('n')) = (parsed.frac_grouping, parsed.type_code) {
            return Err(invalid_separator_for_type(grouping, 'n'));
        }
        Ok(parsed)
    }

    /// The type letter, or `'\0'` when there is none (CPython's convention).
    pub(crate) fn type_char(&self) -> char {
        self.type_code.unwrap_or('\0')
    }
}

/// `Cannot specify ',' with 'x'.`
fn invalid_separator_for_type(grouping: Grouping, code: char) -> FormatError {
    FormatError::value_error(format!(
        "Cannot specify '{}' with '{}'.",
        grouping.separator(),
        super::error::printable_code(code)
    ))
}

fn comma_and_underscore() -> FormatError {
    FormatError::value_error("Cannot specify both ',' and '_'.")
}

/// `[,|_]` with CPython's checks: a comma after an underscore, or an underscore after
/// a comma, is an error (a second comma is left for the type field to reject).
fn parse_grouping(chars: &[char], pos: &mut usize) -> Result<Option<Grouping>, FormatError> {
    let mut grouping = None;
    if chars.get(*pos) == Some(&',') {
        grouping = Some(Grouping::Comma);
        *pos += 1;
    }
    if chars.get(*pos) == Some(&'_') {
        if grouping.is_some() {
            return Err(comma_and_underscore());
        }
        grouping = Some(Grouping::Underscore);
        *pos += 1;
    }
    if chars.get(*pos) == Some(&',') && grouping == Some(Grouping::Underscore) {
        return Err(comma_and_underscore());
    }
    Ok(grouping)
}

/// `get_integer`: a run of decimal digits, refusing values past `Py_ssize_t`. Returns the
/// value and how many digits were read.
fn parse_integer(chars: &[char], pos: &mut usize) -> Result<(usize, usize), FormatError> {
    let mut value: usize = 0;
    let mut consumed = 0;
    while let Some(digit) = chars.get(*pos).and_then(|c| c.to_digit(10)) {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(digit as usize))
            .filter(|v| isize::try_from(*v).is_ok())
            .ok_or_else(|| FormatError::value_error("Too many decimal digits in format string"))?;
        *pos += 1;
        consumed += 1;
    }
    Ok((value, consumed))
}
