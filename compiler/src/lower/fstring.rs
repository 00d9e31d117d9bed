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
}

impl<'a> Lowerer<'a> {
    /// Lowers an f-string, including implicitly concatenated plain-string parts.
    pub(crate) fn lower_fstring(&mut self, fstring: &'a ExprFString) -> LowerResult<Value> {
        let mut pieces = Pieces::default();
        for part in fstring.value.iter() {
            match part {
                FStringPart::Literal(literal) => pieces.text.push_str(&literal.value),
                FStringPart::FString(f) => self.lower_fstring_elements(&f.elements, &mut pieces)?,
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
                InterpolatedStringElement::Literal(literal) => pieces.text.push_str(&literal.value),
                InterpolatedStringElement::Interpolation(interpolation) => {
                    if let Some(debug) = &interpolation.debug_text {
                        // `f"{x = }"` prints its own source text, `=` and spacing included.
                        pieces.text.push_str(debug.as_str());
                    }
                    if !pieces.text.is_empty() {
                        self.set_loc(interpolation.range);
                        let text = std::mem::take(&mut pieces.text);
                        let value = self.b().constant(Const::Str(text));
                        pieces.values.push(value);
                    }
                    let value = self.lower_expr(&interpolation.expression)?;
                    let spec = self.lower_format_spec(interpolation)?;
                    self.set_loc(interpolation.expression.range());
                    let mut operands = vec![value];
                    operands.extend(spec);
                    let formatted = self.b().ins(
                        Op::FormatValue,
                        Imm::Int(conversion_code(interpolation)),
                        operands,
                    );
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
            let text = std::mem::take(&mut pieces.text);
            let value = self.b().constant(Const::Str(text));
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
                    let mut operands = vec![value, text];
                    operands.extend(spec);
                    let built = self.b().ins(
                        Op::BuildInterpolation,
                        Imm::Int(conversion_code(interpolation)),
                        operands,
                    );
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
            .ins(Op::BuildTemplate, Imm::None, vec![strings, interpolations]))
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
fn conversion_code(interpolation: &InterpolatedElement) -> i64 {
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
