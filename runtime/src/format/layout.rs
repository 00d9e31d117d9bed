//! Laying out a number: sign, prefix, padding, grouped digits, decimal point, fraction
//! and remainder, and the plain padding that strings and complex numbers use.
//!
//! Port of `calc_number_widths`, `fill_number`, `_PyUnicode_InsertThousandsGrouping`
//! and `calc_padding` in `Python/formatter_unicode.c`. The locale is always CPython's
//! built-in one ('.' as the point, no grouping for 'n'), as in the C locale.

use super::error::FormatError;
use super::float_repr::MAX_OUTPUT_LEN;
use super::spec::{Align, FormatSpec, Grouping, Sign};

/// The pieces of a number before padding: `-0x1,234.567_8e+05`.
#[derive(Debug, Default)]
pub(crate) struct NumberParts<'a> {
    pub negative: bool,
    /// `0x`, `0o`, `0b` in alternate form.
    pub prefix: &'a str,
    /// The digits before the decimal point (empty for `c`), grouped and zero-padded.
    pub digits: &'a str,
    pub has_decimal: bool,
    /// The digits after the point; grouped only with 3.14's fractional grouping.
    pub frac: &'a str,
    /// Whatever follows: an exponent, `%`, or the character of `c`.
    pub remainder: &'a str,
}

impl<'a> NumberParts<'a> {
    /// Splits the unsigned text of a float (`1234.5e+06`, `inf`) after its sign.
    pub fn split_float(text: &'a str) -> Self {
        let (negative, body) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let int_end = body
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(body.len());
        let (digits, rest) = body.split_at(int_end);
        let (has_decimal, rest) = match rest.strip_prefix('.') {
            Some(after) => (true, after),
            None => (false, rest),
        };
        let frac_end = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        let (frac, remainder) = rest.split_at(frac_end);
        Self {
            negative,
            prefix: "",
            digits,
            has_decimal,
            frac,
            remainder,
        }
    }
}

/// Formats the parts with the spec's sign, width, fill, alignment and grouping.
pub(crate) fn format_number(
    parts: &NumberParts<'_>,
    spec: &FormatSpec,
) -> Result<String, FormatError> {
    check_width(spec.width)?;
    let sign = match (parts.negative, spec.sign) {
        (true, _) => Some('-'),
        (false, Sign::Plus) => Some('+'),
        (false, Sign::Space) => Some(' '),
        (false, Sign::Default | Sign::Minus) => None,
    };
    let frac = match spec.frac_grouping {
        Some(grouping) => group_fraction(parts.frac, grouping.separator()),
        None => parts.frac.to_owned(),
    };
    let fixed_len = usize::from(sign.is_some())
        + parts.prefix.chars().count()
        + usize::from(parts.has_decimal)
        + frac.len()
        + parts.remainder.chars().count();
    let width = spec.width.unwrap_or(0);
    let min_width = if spec.fill == '0' && spec.align == Align::AfterSign {
        width.saturating_sub(fixed_len)
    } else {
        0
    };
    let grouped = if parts.digits.is_empty() {
        String::new()
    } else {
        group_digits(parts.digits, spec.grouping, min_width)
    };
    let body_len = fixed_len + grouped.chars().count();
    let padding = width.saturating_sub(body_len);
    let (left, middle, right) = match spec.align {
        Align::Left => (0, 0, padding),
        Align::Right => (padding, 0, 0),
        Align::Center => (padding / 2, 0, padding - padding / 2),
        Align::AfterSign => (0, padding, 0),
    };

    let mut out = String::with_capacity(body_len + padding);
    push_fill(&mut out, spec.fill, left);
    if let Some(sign) = sign {
        out.push(sign);
    }
    out.push_str(parts.prefix);
    push_fill(&mut out, spec.fill, middle);
    out.push_str(&grouped);
    if parts.has_decimal {
        out.push('.');
    }
    out.push_str(&frac);
    out.push_str(parts.remainder);
    push_fill(&mut out, spec.fill, right);
    Ok(out)
}

/// Pads `body` (already truncated) to the spec's width with its fill and alignment.
pub(crate) fn pad(body: &str, spec: &FormatSpec) -> Result<String, FormatError> {
    check_width(spec.width)?;
    let len = body.chars().count();
    let total = spec.width.unwrap_or(0).max(len);
    let padding = total - len;
    let left = match spec.align {
        Align::Right => padding,
        Align::Center => padding / 2,
        Align::Left | Align::AfterSign => 0,
    };
    let mut out = String::with_capacity(body.len() + padding);
    push_fill(&mut out, spec.fill, left);
    out.push_str(body);
    push_fill(&mut out, spec.fill, padding - left);
    Ok(out)
}

fn check_width(width: Option<usize>) -> Result<(), FormatError> {
    match width {
        Some(width) if width > MAX_OUTPUT_LEN => Err(FormatError::memory_error()),
        _ => Ok(()),
    }
}

pub(crate) fn push_fill(out: &mut String, fill: char, count: usize) {
    out.extend(std::iter::repeat_n(fill, count));
}

/// Inserts separators into `digits` from the right and zero-pads them until the result
/// (separators included) is at least `min_width` long, as `_PyUnicode_InsertThousandsGrouping`
/// does: `group_digits("1234", Some(Comma), 10) == "00,001,234"`.
pub(crate) fn group_digits(digits: &str, grouping: Option<Grouping>, min_width: usize) -> String {
    let Some(grouping) = grouping else {
        let mut out = String::with_capacity(digits.len().max(min_width));
        push_fill(&mut out, '0', min_width.saturating_sub(digits.len()));
        out.push_str(digits);
        return out;
    };
    let group = grouping.group_len();
    let separator = grouping.separator();
    // Chunks are collected right to left, then reversed.
    let mut chunks: Vec<String> = Vec::new();
    let mut remaining = digits.len();
    let mut min_width = isize::try_from(min_width).unwrap_or(isize::MAX);
    loop {
        let wanted = usize::try_from(min_width.max(1)).unwrap_or(1);
        let len = group.min(remaining.max(wanted));
        let n_chars = remaining.min(len);
        let n_zeros = len - n_chars;
        let mut chunk = String::with_capacity(len);
        push_fill(&mut chunk, '0', n_zeros);
        chunk.push_str(&digits[remaining - n_chars..remaining]);
        chunks.push(chunk);
        remaining -= n_chars;
        min_width = min_width.saturating_sub(isize::try_from(len).unwrap_or(isize::MAX));
        if remaining == 0 && min_width <= 0 {
            break;
        }
        // The separator is part of the width too.
        min_width = min_width.saturating_sub(1);
    }
    let mut out = String::new();
    for (index, chunk) in chunks.iter().rev().enumerate() {
        if index > 0 {
            out.push(separator);
        }
        out.push_str(chunk);
    }
    out
}

/// 3.14's fractional grouping: separators every three digits from the point on.
fn group_fraction(frac: &str, separator: char) -> String {
    let mut out = String::with_capacity(frac.len() + frac.len() / 3);
    for (index, digit) in frac.chars().enumerate() {
        if index > 0 && index % 3 == 0 {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}
