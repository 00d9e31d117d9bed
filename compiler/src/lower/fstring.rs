//! f-strings (PEP 701) and t-strings (PEP 750).
//!
//! An f-string becomes its literal text and one `format_value` per interpolation, joined
//! by `build_string` (a lone interpolation needs no join). A t-string becomes
//! `build_template(strings, interpolations)`: a constant tuple of the literal strings
//! (always one more than the interpolations, empty ones included) and a tuple of
//! `build_interpolation`s. Mixing t-strings with other literals is rejected by the parser.

use super::{LowerResult, Lowerer};
use crate::ir::{Const, Imm, Op, Value};
use ruff_python_ast::{
    ConversionFlag, ExprFString, ExprTString, FStringPart, InterpolatedElement,
    InterpolatedStringElement, InterpolatedStringElements,
};
use ruff_text_size::{Ranged, TextRange};

/// The pieces of an f-string being assembled: pending literal text and finished values.
#[derive(Default)]
struct Pieces {
    text: String,
    values: Vec<Value>,
    /// What each U+FFFD of `text` stands for (`surrogates::body_origins`).
    origins: Vec<Option<u32>>,
    /// Set when a literal's U+FFFD characters could not be traced to their source.
    untraced: bool,
    /// Whether the f-string being lowered is raw.
    raw: bool,
}

impl Pieces {
    /// Appends literal text decoded by ruff from the source `source`, a whole string token
    /// when `token`, else the body of an f-string's literal part.
    fn push_literal(&mut self, value: &str, source: Option<&str>, token: bool) {
        if super::surrogates::has_replacement_char(value) {
            let traced = source.and_then(|src| {
                if token {
                    super::surrogates::replacement_origins(src, &mut self.origins)
                } else {
                    super::surrogates::body_origins(src, self.raw, &mut self.origins)
                }
            });
            self.untraced |= traced.is_none();
        }
        self.text.push_str(value);
    }

    /// The pending literal text as a constant (lone surrogates put back), emptying it.
    fn take_text(&mut self) -> Const {
        let text = std::mem::take(&mut self.text);
        let origins = std::mem::take(&mut self.origins);
        let untraced = std::mem::take(&mut self.untraced);
        match super::surrogates::apply_origins(&text, &origins) {
            Some(bytes) if !untraced => Const::Wtf8Str(bytes),
            _ => Const::Str(text),
        }
    }
}

impl<'a> Lowerer<'a> {
    /// Lowers an f-string, including implicitly concatenated plain-string parts.
    pub(crate) fn lower_fstring(&mut self, fstring: &'a ExprFString) -> LowerResult<Value> {
        let mut pieces = Pieces::default();
        for part in fstring.value.iter() {
            let source = self
                .source
                .get(usize::from(part.start())..usize::from(part.end()));
            match part {
                FStringPart::Literal(literal) => pieces.push_literal(&literal.value, source, true),
                FStringPart::FString(f) => {
                    let prefix = source.map_or("", |s| &s[..s.find(['\'', '"']).unwrap_or(0)]);
                    pieces.raw = prefix.contains(['r', 'R']);
                    self.lower_fstring_elements(&f.elements, &mut pieces)?;
                }
            }
        }
        Ok(self.finish_pieces(pieces, fstring.range))
    }

    /// Appends the literal text and formatted interpolations of `elements` to `pieces`.
    fn lower_fstring_elements(
        &mut self,
        elements: &'a InterpolatedStringElements,
        pieces: &mut Pieces,
    ) -> LowerResult<()> {
        for element in elements.iter() {
            match element {
                InterpolatedStringElement::Literal(literal) => {
                    let source = self
                        .source
                        .get(usize::from(literal.start())..usize::from(literal.end()));
                    pieces.push_literal(&literal.value, source, false);
                }
                InterpolatedStringElement::Interpolation(interpolation) => {
                    if let Some(debug) = &interpolation.debug_text {
                        // `f"{x = }"` prints its own source text, `=` and spacing included.
                        pieces.push_literal(debug.as_str(), None, false);
                    }
                    if !pieces.text.is_empty() {
                        self.set_loc(interpolation.range);
                        let text = pieces.take_text();
                        let value = self.b().constant(text);
                        pieces.values.push(value);
                    }
                    let value = self.lower_expr(&interpolation.expression)?;
                    let spec = self.lower_format_spec(interpolation)?;
                    self.set_loc(interpolation.expression.range());
                    let conversion = Imm::Int(conversion_code(interpolation));
                    let formatted = match spec {
                        Some(spec) => self.b().ins(Op::FormatValue, conversion, [value, spec]),
                        None => self.b().ins(Op::FormatValue, conversion, [value]),
                    };
                    pieces.values.push(formatted);
                }
            }
        }
        Ok(())
    }

    /// The format spec of an interpolation as a string value (it may itself interpolate,
    /// as in `f"{x:{width}}"`), or `None` when there is none.
    fn lower_format_spec(
        &mut self,
        interpolation: &'a InterpolatedElement,
    ) -> LowerResult<Option<Value>> {
        let Some(spec) = &interpolation.format_spec else {
            return Ok(None);
        };
        let mut pieces = Pieces::default();
        self.lower_fstring_elements(&spec.elements, &mut pieces)?;
        Ok(Some(self.finish_pieces(pieces, spec.range)))
    }

    /// Joins the pieces into one string value.
    fn finish_pieces(&mut self, mut pieces: Pieces, range: TextRange) -> Value {
        self.set_loc(range);
        if !pieces.text.is_empty() || pieces.values.is_empty() {
            let text = pieces.take_text();
            let value = self.b().constant(text);
            pieces.values.push(value);
        }
        if pieces.values.len() == 1 {
            return pieces.values[0];
        }
        self.b().ins(Op::BuildString, Imm::None, pieces.values)
    }

    /// Lowers a t-string (PEP 750) to a `string.templatelib.Template`.
    pub(crate) fn lower_tstring(&mut self, tstring: &'a ExprTString) -> LowerResult<Value> {
        let mut strings = Vec::new();
        let mut current = String::new();
        let mut interpolations = Vec::new();
        for element in tstring.value.elements() {
            match element {
                InterpolatedStringElement::Literal(literal) => current.push_str(&literal.value),
                InterpolatedStringElement::Interpolation(interpolation) => {
                    if let Some(debug) = &interpolation.debug_text {
                        current.push_str(debug.as_str());
                    }
                    strings.push(Const::Str(std::mem::take(&mut current)));
                    let value = self.lower_expr(&interpolation.expression)?;
                    self.set_loc(interpolation.range);
                    let text = self.interpolation_source(interpolation);
                    let text = self.b().constant(Const::Str(text));
                    let spec = self.lower_format_spec(interpolation)?;
                    self.set_loc(interpolation.expression.range());
                    let conversion = Imm::Int(conversion_code(interpolation));
                    let op = Op::BuildInterpolation;
                    let built = match spec {
                        Some(spec) => self.b().ins(op, conversion, [value, text, spec]),
                        None => self.b().ins(op, conversion, [value, text]),
                    };
                    interpolations.push(built);
                }
            }
        }
        strings.push(Const::Str(current));
        self.set_loc(tstring.range);
        let strings = self.b().constant(Const::Tuple(strings));
        let interpolations = self.b().ins(Op::BuildTuple, Imm::None, interpolations);
        Ok(self
            .b()
            .ins(Op::BuildTemplate, Imm::None, [strings, interpolations]))
    }

    /// The source text of an interpolation's expression, as `Interpolation.expression`
    /// reports it: everything between the `{` and the `=`, `!`, `:` or `}` that ends it.
    fn interpolation_source(&self, interpolation: &InterpolatedElement) -> String {
        let start = interpolation.range.start().to_usize() + 1;
        let bytes = self.source.as_bytes();
        let mut end = interpolation.expression.range().end().to_usize();
        // Only closing brackets, whitespace and comments can follow the expression node.
        while end < bytes.len() && !matches!(bytes[end], b'=' | b'!' | b':' | b'}') {
            if bytes[end] == b'#' {
                while end < bytes.len() && bytes[end] != b'\n' {
                    end += 1;
                }
            } else {
                end += 1;
            }
        }
        self.source.get(start..end).unwrap_or_default().to_owned()
    }
}

/// The `format_value`/`build_interpolation` conversion immediate: 0 none, 1 `!s`, 2 `!r`,
/// 3 `!a`. A self-documenting `{x=}` without conversion or spec defaults to `!r`.
fn conversion_code(interpolation: &InterpolatedElement) -> i32 {
    match interpolation.conversion {
        ConversionFlag::None
            if interpolation.debug_text.is_some() && interpolation.format_spec.is_none() =>
        {
            2
        }
        ConversionFlag::None => 0,
        ConversionFlag::Str => 1,
        ConversionFlag::Repr => 2,
        ConversionFlag::Ascii => 3,
    }
}
