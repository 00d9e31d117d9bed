//! `str.format` and `str.format_map`: splitting a template into literal text and
//! replacement fields `{field_name!conversion:format_spec}`, parsing field names
//! (`0`, `name`, `0.attr`, `name[key]`, `[0]`, auto-numbering), and a driver that
//! expands nested fields in specs (`{0:{1}}`, at most two levels).
//!
//! Port of `Objects/stringlib/unicode_format.h` (`MarkupIterator_next`, `parse_field`,
//! `field_name_split`, `FieldNameIterator_next`, `build_string`, `output_markup`).
//! Field values are Python objects, so the caller resolves them through [`FieldSource`].

use super::error::{FormatError, printable_code};

/// One step of a template: literal text, then possibly a replacement field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateChunk<'a> {
    /// Text to copy (escaped braces already reduced to one).
    pub literal: &'a str,
    pub field: Option<RawField<'a>>,
}

/// A replacement field as written, before its name is interpreted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawField<'a> {
    pub field_name: &'a str,
    /// The character after `!`, if any (checked when the field is used).
    pub conversion: Option<char>,
    pub format_spec: &'a str,
    /// The spec contains `{`: it is itself a template to expand first.
    pub spec_needs_expanding: bool,
}

/// Iterates over the chunks of a template (`MarkupIterator`).
#[derive(Debug, Clone)]
pub struct TemplateParser<'a> {
    rest: &'a str,
}

impl<'a> TemplateParser<'a> {
    pub fn new(template: &'a str) -> Self {
        Self { rest: template }
    }
}

impl<'a> Iterator for TemplateParser<'a> {
    type Item = Result<TemplateChunk<'a>, FormatError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.rest.is_empty() {
            return None;
        }
        let result = self.next_chunk();
        if result.is_err() {
            // CPython stops at the first error.
            self.rest = "";
        }
        Some(result)
    }
}

impl<'a> TemplateParser<'a> {
    fn next_chunk(&mut self) -> Result<TemplateChunk<'a>, FormatError> {
        let text = self.rest;
        let Some(brace_at) = text.find(['{', '}']) else {
            self.rest = "";
            return Ok(TemplateChunk {
                literal: text,
                field: None,
            });
        };
        let brace = if text[brace_at..].starts_with('{') {
            '{'
        } else {
            '}'
        };
        let after = &text[brace_at + 1..];
        if after.starts_with(brace) {
            // "{{" or "}}": the literal ends with one brace and no field follows.
            self.rest = &after[1..];
            return Ok(TemplateChunk {
                literal: &text[..=brace_at],
                field: None,
            });
        }
        if brace == '}' {
            return Err(FormatError::value_error(
                "Single '}' encountered in format string",
            ));
        }
        if after.is_empty() {
            return Err(FormatError::value_error(
                "Single '{' encountered in format string",
            ));
        }
        let literal = &text[..brace_at];
        let (field, rest) = parse_field(after)?;
        self.rest = rest;
        Ok(TemplateChunk {
            literal,
            field: Some(field),
        })
    }
}

/// Parses the inside of a field, just after its `{`; returns the field and what follows
/// its closing `}`.
fn parse_field(text: &str) -> Result<(RawField<'_>, &str), FormatError> {
    // The name ends at ':', '!' or '}', except inside brackets.
    let mut name_end = None;
    let mut terminator = None;
    let mut chars = text.char_indices();
    while let Some((index, c)) = chars.next() {
        match c {
            '{' => return Err(FormatError::value_error("unexpected '{' in field name")),
            '[' => {
                for (_, inner) in chars.by_ref() {
                    if inner == ']' {
                        break;
                    }
                }
            }
            '}' | ':' | '!' => {
                name_end = Some(index);
                terminator = Some(c);
                break;
            }
            _ => {}
        }
    }
    let Some(name_end) = name_end else {
        return Err(FormatError::value_error(
            "expected '}' before end of string",
        ));
    };
    let field_name = &text[..name_end];
    let mut rest = &text[name_end + 1..];
    let mut field = RawField {
        field_name,
        conversion: None,
        format_spec: "",
        spec_needs_expanding: false,
    };
    if terminator == Some('}') {
        return Ok((field, rest));
    }
    if terminator == Some('!') {
        let mut rest_chars = rest.chars();
        let Some(conversion) = rest_chars.next() else {
            return Err(FormatError::value_error(
                "end of string while looking for conversion specifier",
            ));
        };
        field.conversion = Some(conversion);
        rest = rest_chars.as_str();
        let mut rest_chars = rest.chars();
        match rest_chars.next() {
            Some('}') => return Ok((field, rest_chars.as_str())),
            Some(':') => rest = rest_chars.as_str(),
            Some(_) => {
                return Err(FormatError::value_error(
                    "expected ':' after conversion specifier",
                ));
            }
            None => {}
        }
    }
    // The spec runs to the matching '}', counting nested braces.
    let mut depth = 1usize;
    for (index, c) in rest.char_indices() {
        match c {
            '{' => {
                field.spec_needs_expanding = true;
                depth += 1;
            }
            '}' => {
                depth -= 1;
                if depth == 0 {
                    field.format_spec = &rest[..index];
                    return Ok((field, &rest[index + 1..]));
                }
            }
            _ => {}
        }
    }
    Err(FormatError::value_error("unmatched '{' in format spec"))
}

/// The first part of a field name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKey<'a> {
    /// A positional argument (given as digits, or numbered automatically).
    Index(usize),
    /// A keyword argument (or `format_map` key).
    Name(&'a str),
}

/// One `.attr` or `[key]` after the first part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldAccessor<'a> {
    Attribute(&'a str),
    /// `[3]`: an all-digit key is an index.
    Index(usize),
    /// `[key]`: any other key is a str.
    Key(&'a str),
}

/// The state of automatic field numbering, shared by a template and its nested specs.
#[derive(Debug, Clone, Default)]
pub struct AutoNumber {
    state: AutoState,
    next: usize,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum AutoState {
    #[default]
    Init,
    Auto,
    Manual,
}

/// `get_integer` of `unicode_format.h`: `Some` for an all-digit string.
fn parse_index(text: &str) -> Result<Option<usize>, FormatError> {
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit()) {
        return Ok(None);
    }
    let mut value: usize = 0;
    for c in text.chars() {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(c.to_digit(10).unwrap_or(0) as usize))
            .filter(|v| isize::try_from(*v).is_ok())
            .ok_or_else(|| FormatError::value_error("Too many decimal digits in format string"))?;
    }
    Ok(Some(value))
}

/// Splits a field name into its first part and the rest (`field_name_split`), numbering
/// an empty first part automatically. The rest is parsed lazily, as CPython looks each
/// accessor up before parsing the next.
pub fn split_field_name<'a>(
    name: &'a str,
    auto: &mut AutoNumber,
) -> Result<(FieldKey<'a>, FieldAccessors<'a>), FormatError> {
    let first_end = name.find(['.', '[']).unwrap_or(name.len());
    let first = &name[..first_end];
    let index = parse_index(first)?;
    let is_empty = first.is_empty();
    if is_empty || index.is_some() {
        if auto.state == AutoState::Init {
            auto.state = if is_empty {
                AutoState::Auto
            } else {
                AutoState::Manual
            };
        }
        if auto.state == AutoState::Manual && is_empty {
            return Err(FormatError::value_error(
                "cannot switch from manual field specification to automatic field numbering",
            ));
        }
        if auto.state == AutoState::Auto && !is_empty {
            return Err(FormatError::value_error(
                "cannot switch from automatic field numbering to manual field specification",
            ));
        }
    }
    let key = match index {
        Some(index) => FieldKey::Index(index),
        None if is_empty => {
            let index = auto.next;
            auto.next += 1;
            FieldKey::Index(index)
        }
        None => FieldKey::Name(first),
    };
    Ok((
        key,
        FieldAccessors {
            rest: &name[first_end..],
        },
    ))
}

/// The `.attr` and `[key]` parts of a field name (`FieldNameIterator`).
#[derive(Debug, Clone)]
pub struct FieldAccessors<'a> {
    rest: &'a str,
}

impl<'a> Iterator for FieldAccessors<'a> {
    type Item = Result<FieldAccessor<'a>, FormatError>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut chars = self.rest.chars();
        let first = chars.next()?;
        let after = chars.as_str();
        let result = match first {
            '.' => {
                let end = after.find(['.', '[']).unwrap_or(after.len());
                self.rest = &after[end..];
                non_empty(&after[..end]).map(FieldAccessor::Attribute)
            }
            '[' => self.item(after),
            _ => Err(FormatError::value_error(
                "Only '.' or '[' may follow ']' in format field specifier",
            )),
        };
        if result.is_err() {
            self.rest = "";
        }
        Some(result)
    }
}

impl<'a> FieldAccessors<'a> {
    fn item(&mut self, after: &'a str) -> Result<FieldAccessor<'a>, FormatError> {
        let Some(end) = after.find([']', '{']) else {
            return Err(FormatError::value_error("Missing ']' in format string"));
        };
        if after[end..].starts_with('{') {
            return Err(FormatError::value_error("unexpected '{' in field name"));
        }
        let key = &after[..end];
        self.rest = &after[end + 1..];
        match parse_index(key)? {
            Some(index) => Ok(FieldAccessor::Index(index)),
            None => non_empty(key).map(FieldAccessor::Key),
        }
    }
}

fn non_empty(name: &str) -> Result<&str, FormatError> {
    if name.is_empty() {
        Err(FormatError::value_error("Empty attribute in format string"))
    } else {
        Ok(name)
    }
}

/// What the [`render_template`] driver needs from the caller.
pub trait FieldSource {
    /// The caller's value type (a Python object).
    type Value;
    type Error: From<FormatError>;

    /// Looks up the field: the argument for `key`, then each accessor in turn
    /// (`getattr`, or `getitem` with an int or str key). Keyword lookups without
    /// keywords raise KeyError; see also [`FormatError::positional_in_format_map`] and
    /// [`FormatError::replacement_index_out_of_range`].
    fn resolve(
        &mut self,
        key: FieldKey<'_>,
        accessors: FieldAccessors<'_>,
    ) -> Result<Self::Value, Self::Error>;

    /// `!r` (repr), `!s` (str) or `!a` (ascii): only those three are passed.
    fn convert(&mut self, value: Self::Value, conversion: char)
    -> Result<Self::Value, Self::Error>;

    /// `format(value, spec)`.
    fn format(&mut self, value: Self::Value, spec: &str) -> Result<String, Self::Error>;
}

/// `str.format`: renders `template`, expanding nested fields in specs (`build_string`).
pub fn render_template<S: FieldSource>(template: &str, source: &mut S) -> Result<String, S::Error> {
    let mut auto = AutoNumber::default();
    render_level(template, source, &mut auto, 2)
}

fn render_level<S: FieldSource>(
    template: &str,
    source: &mut S,
    auto: &mut AutoNumber,
    depth: u32,
) -> Result<String, S::Error> {
    if depth == 0 {
        return Err(FormatError::value_error("Max string recursion exceeded").into());
    }
    let mut out = String::with_capacity(template.len());
    for chunk in TemplateParser::new(template) {
        let chunk = chunk?;
        out.push_str(chunk.literal);
        let Some(field) = chunk.field else { continue };
        let (key, accessors) = split_field_name(field.field_name, auto)?;
        let mut value = source.resolve(key, accessors)?;
        if let Some(conversion) = field.conversion {
            if !matches!(conversion, 'r' | 's' | 'a') {
                return Err(FormatError::value_error(format!(
                    "Unknown conversion specifier {}",
                    printable_conversion(conversion)
                ))
                .into());
            }
            value = source.convert(value, conversion)?;
        }
        let formatted = if field.spec_needs_expanding {
            let spec = render_level(field.format_spec, source, auto, depth - 1)?;
            source.format(value, &spec)?
        } else {
            source.format(value, field.format_spec)?
        };
        out.push_str(&formatted);
    }
    Ok(out)
}

/// `do_conversion` prints printable ASCII (33..=126) as is, anything else as `\x..`.
fn printable_conversion(c: char) -> String {
    if c == '\x7f' {
        "\\x7f".to_owned()
    } else {
        printable_code(c)
    }
}
