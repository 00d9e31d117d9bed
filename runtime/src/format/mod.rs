//! Python's text formatting algorithms over plain Rust values: `repr(float)`, the
//! format-spec mini-language (`format()`, f-strings), printf-style `%` formatting, and
//! the template parsing of `str.format`.
//!
//! Everything here is pure: values come in as `&str`, `BigInt`, `f64` or `(f64, f64)`,
//! and errors come out as [`FormatError`] carrying CPython 3.14's exception type and
//! text. Where a Python object must be fetched or converted (an argument of `%`, a field
//! of `str.format`), the caller does it through a small trait or a piece-by-piece parser,
//! in the order CPython does it, so error precedence matches too.
//!
//! | file | what |
//! |---|---|
//! | `float_repr` | shortest and fixed-precision float digits, CPython's layout |
//! | `spec` | parsing `[[fill]align][sign][z][#][0][width][,_][.prec[,_]][type]` |
//! | `layout` | sign, prefix, padding and digit grouping of numbers |
//! | `int_fmt`, `float_fmt`, `str_fmt` | `format()` per type (float also does complex) |
//! | `percent`, `percent_fmt` | `%` parsing and per-conversion formatting |
//! | `template` | `str.format` field parsing and the nested-spec driver |

mod error;
mod float_fmt;
mod float_repr;
mod int_fmt;
mod layout;
mod percent;
mod percent_fmt;
mod spec;
mod str_fmt;
mod template;

#[cfg(test)]
mod testdata;
#[cfg(test)]
mod tests;

pub use error::FormatError;
pub use float_fmt::{format_complex, format_complex_spec, format_float, format_float_spec};
pub use float_repr::{FloatFlags, FloatMode, complex_repr, double_to_string, float_repr};
pub use int_fmt::{format_int, format_int_spec, format_int_typed, int_to_float};
pub use percent::{
    PercentArgs, PercentFlags, PercentKind, PercentParser, PercentPiece, PercentSpec,
};
pub use percent_fmt::{
    format_percent_char, format_percent_float, format_percent_int, format_percent_str,
    percent_char_from_int, percent_char_from_str,
};
pub use spec::{Align, FormatSpec, Grouping, Sign};
pub use str_fmt::{format_str, format_str_spec, format_str_typed};
pub use template::{
    AutoNumber, FieldAccessor, FieldAccessors, FieldKey, FieldSource, RawField, TemplateChunk,
    TemplateParser, render_template, split_field_name,
};
