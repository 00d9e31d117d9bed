//! Adapters between Python values and `crate::format`: `format(value, spec)` for the
//! builtin types, `str % args`, `bytes % args` and `str.format`/`format_map`.
//!
//! The algorithms (spec parsing, digit layout, `%` parsing, template parsing) are pure
//! and live in `crate::format`; this file fetches and converts the Python objects they
//! need, in CPython's order, and turns their errors into Python exceptions.

use num_bigint::BigInt;

use crate::args::Args;
use crate::builtins::numbers;
use crate::errors::{PyErr, PyResult};
use crate::format::{
    self, FieldAccessor, FieldAccessors, FieldKey, FieldSource, FormatError, PercentArgs,
    PercentKind, PercentParser, PercentPiece, PercentSpec,
};
use crate::interp::Vm;
use crate::object::{ObjKind, kind_of};
use crate::ops::{self, attr, float_of, int_of, str_of};
use crate::value::Value;

/// A Python exception of the builtin type named `exc_type` (as the pure modules name
/// them) with `message`; an empty MemoryError message means no arguments, as CPython's.
pub fn named_error(vm: &mut Vm, exc_type: &str, message: &str) -> PyErr {
    let exc = &vm.rt.exc;
    let ty = match exc_type {
        "TypeError" => exc.type_error,
        "OverflowError" => exc.overflow_error,
        "MemoryError" => exc.memory_error,
        "IndexError" => exc.index_error,
        "ZeroDivisionError" => exc.zero_division_error,
        _ => exc.value_error,
    };
    if message.is_empty() && exc_type == "MemoryError" {
        return vm.new_error_noargs(ty);
    }
    vm.new_error(ty, message)
}

/// A [`FormatError`] as a Python exception.
pub fn format_error(vm: &mut Vm, e: FormatError) -> PyErr {
    named_error(vm, e.exc_type, &e.message)
}

/// The error of the driver traits: either a Python exception raised while fetching or
/// converting a value, or a formatting error still to be raised.
enum DriverError {
    Py(PyErr),
    Format(FormatError),
}

impl From<FormatError> for DriverError {
    fn from(e: FormatError) -> Self {
        DriverError::Format(e)
    }
}

impl From<PyErr> for DriverError {
    fn from(e: PyErr) -> Self {
        DriverError::Py(e)
    }
}

impl DriverError {
    fn raise(self, vm: &mut Vm) -> PyErr {
        match self {
            DriverError::Py(e) => e,
            DriverError::Format(e) => format_error(vm, e),
        }
    }
}

// ---- format(value, spec) ------------------------------------------------------------------

/// `format(value, spec)` for builtin values (`int.__format__`, `float.__format__`,
/// `complex.__format__`, `str.__format__` and `object.__format__`).
pub fn format_builtin(vm: &mut Vm, value: Value, spec: &str) -> PyResult<Value> {
    match format_builtin_string(vm, value, spec)? {
        Some(text) => {
            // `format(0xd800, "c")` gives a lone surrogate too.
            let surrogates = ops::str_has_surrogates(value)
                || (spec.ends_with('c')
                    && ops::bigint_of(value).is_some_and(|b| surrogate_int(&b)));
            Ok(crate::builtins::str::new_str_from_views(
                vm, text, surrogates,
            ))
        }
        None => ops::repr::str(vm, value),
    }
}

/// Whether `b` is the code point of a lone surrogate.
fn surrogate_int(b: &BigInt) -> bool {
    num_traits::ToPrimitive::to_u32(b).is_some_and(crate::text::wtf8::is_surrogate)
}

/// The text of `format(value, spec)`, or `None` when the result is `str(value)`.
fn format_builtin_string(vm: &mut Vm, value: Value, spec: &str) -> PyResult<Option<String>> {
    let result = if let Some(text) = str_of(value) {
        if spec.is_empty() {
            return Ok(None);
        }
        format::format_str(text, spec)
    } else if let Some(i) = int_of(value) {
        // Empty spec: `str(value)`, which is "True" for a bool and honours the digit limit.
        if spec.is_empty() {
            return Ok(None);
        }
        let tn = if value.is_bool() { "bool" } else { "int" };
        let b = match i {
            ops::IntRef::Small(i) => BigInt::from(i),
            ops::IntRef::Big(b) => b.clone(),
        };
        check_decimal_limit(vm, &b, spec)?;
        format::format_int_typed(&b, spec, tn)
    } else if let Some(x) = float_of(value) {
        format::format_float(x, spec)
    } else if kind_of(value) == Some(ObjKind::Complex) {
        let (re, im) = numbers::complex_parts(value).unwrap_or((0.0, 0.0));
        if spec.is_empty() {
            return Ok(None);
        }
        format::format_complex(re, im, spec)
    } else {
        if !spec.is_empty() {
            let tn = ops::type_name(vm, value);
            return Err(vm.type_error(format!(
                "unsupported format string passed to {tn}.__format__"
            )));
        }
        return Ok(None);
    };
    result.map(Some).map_err(|e| format_error(vm, e))
}

/// Decimal presentation of a huge int obeys `sys.set_int_max_str_digits` as `str()` does.
fn check_decimal_limit(vm: &mut Vm, b: &BigInt, spec: &str) -> PyResult<()> {
    if b.bits() < 2000 {
        return Ok(());
    }
    let decimal = matches!(spec.chars().last(), Some('d' | 'n'))
        || spec
            .chars()
            .last()
            .is_none_or(|c| c.is_ascii_digit() || matches!(c, ',' | '_' | '<' | '>' | '^' | '='));
    if decimal {
        numbers::int_to_decimal_string(vm, b)?;
    }
    Ok(())
}

// ---- str % args and bytes % args ------------------------------------------------------------

/// The argument state of `PyUnicode_Format`/`_PyBytes_FormatEx`: a tuple walked item by
/// item, or one value, or a mapping for `%(key)s`.
struct PercentState<'v> {
    vm: &'v mut Vm,
    /// The right operand.
    args: Value,
    /// The tuple's items, when the right operand is a tuple.
    items: Option<&'v [Value]>,
    /// `arglen` / `argidx` of CPython: `-1`/`-2` means one value not yet used.
    arglen: isize,
    argidx: isize,
    /// The mapping, when the right operand is one (anything subscriptable but a tuple or
    /// a str, as `PyMapping_Check`).
    dict: Option<Value>,
    /// The value `mapping[key]` selected by the last `%(key)`.
    selected: Option<Value>,
    bytes_mode: bool,
    /// Whether a str put into the result held lone surrogates (as stand-ins).
    surrogates: bool,
}

impl<'v> PercentState<'v> {
    fn new(vm: &'v mut Vm, args: Value, bytes_mode: bool) -> Self {
        let items = ops::tuple_items(args);
        let is_tuple = items.is_some();
        let is_str = str_of(args).is_some();
        let ty = ops::type_of(vm, args);
        let dict = (!is_tuple && !is_str && attr::lookup_type(vm, ty, "__getitem__").is_some())
            .then_some(args);
        let (arglen, argidx) = match items {
            Some(items) => (items.len() as isize, 0),
            None => (-1, -2),
        };
        PercentState {
            vm,
            args,
            items,
            arglen,
            argidx,
            dict,
            selected: None,
            bytes_mode,
            surrogates: false,
        }
    }

    /// `getnextarg`.
    fn next_arg(&mut self) -> Result<Value, DriverError> {
        let argidx = self.argidx;
        if argidx < self.arglen {
            self.argidx += 1;
            if self.arglen < 0 {
                return Ok(self.selected.unwrap_or(self.args));
            }
            let index = usize::try_from(argidx).unwrap_or(0);
            return match self.items.and_then(|items| items.get(index)) {
                Some(&v) => Ok(v),
                None => Err(FormatError::not_enough_arguments().into()),
            };
        }
        Err(FormatError::not_enough_arguments().into())
    }

    /// A `*` argument: an exact int (no `__index__`), as CPython's `PyLong_Check`.
    fn star_arg(&mut self) -> Result<BigInt, DriverError> {
        let v = self.next_arg()?;
        match ops::bigint_of(v) {
            Some(b) => Ok(b),
            None => Err(FormatError::star_wants_int().into()),
        }
    }
}

impl PercentArgs for PercentState<'_> {
    type Error = DriverError;

    fn select_key(&mut self, key: &str) -> Result<(), DriverError> {
        let Some(dict) = self.dict else {
            return Err(FormatError::format_requires_mapping().into());
        };
        let key = if self.bytes_mode {
            let data: Vec<u8> = key.chars().map(|c| c as u32 as u8).collect();
            crate::builtins::str::new_bytes(self.vm, data)
        } else {
            self.vm.new_str(key)
        };
        let value = ops::subscript::getitem(self.vm, dict, key)?;
        self.selected = Some(value);
        self.arglen = -1;
        self.argidx = -2;
        Ok(())
    }

    fn star_width(&mut self) -> Result<isize, DriverError> {
        let b = self.star_arg()?;
        num_traits::ToPrimitive::to_isize(&b).ok_or_else(|| {
            FormatError::overflow_error("Python int too large to convert to C ssize_t").into()
        })
    }

    fn star_precision(&mut self) -> Result<i32, DriverError> {
        let b = self.star_arg()?;
        num_traits::ToPrimitive::to_i32(&b).ok_or_else(|| {
            FormatError::overflow_error("Python int too large to convert to C int").into()
        })
    }
}

/// The int for `%d %i %u` (`int(v)`) or `%o %x %X` (`__index__`), with CPython's
/// "wrong type" errors (`mainformatlong`).
fn percent_int_arg(vm: &mut Vm, v: Value, spec: &PercentSpec) -> Result<BigInt, DriverError> {
    let conversion = spec.conversion;
    let radix = matches!(conversion, 'o' | 'x' | 'X');
    let wrong_type = |vm: &mut Vm| -> DriverError {
        let tn = ops::type_name(vm, v);
        if radix {
            FormatError::percent_needs_integer(conversion, &tn).into()
        } else {
            FormatError::percent_needs_real(conversion, &tn).into()
        }
    };
    if let Some(b) = ops::bigint_of(v) {
        return Ok(b);
    }
    // PyNumber_Check: the type has __index__, __int__ or __float__, or is complex.
    let ty = ops::type_of(vm, v);
    let is_number = float_of(v).is_some()
        || kind_of(ops::unwrap_payload(v)) == Some(ObjKind::Complex)
        || ["__index__", "__int__", "__float__"]
            .iter()
            .any(|n| attr::lookup_type(vm, ty, n).is_some());
    if !is_number {
        return Err(wrong_type(vm));
    }
    let converted = if radix {
        ops::convert::index_bigint(vm, v)
    } else {
        numbers::int_from(vm, v, None).map(|r| ops::bigint_of(r).unwrap_or_default())
    };
    match converted {
        Ok(b) => Ok(b),
        Err(e) if ops::is_instance(vm, e.value(), vm.rt.exc.type_error) => Err(wrong_type(vm)),
        Err(e) => Err(e.into()),
    }
}

/// One `%` conversion of `str % args`.
fn percent_str_piece(
    state: &mut PercentState<'_>,
    spec: &PercentSpec,
) -> Result<String, DriverError> {
    if spec.conversion == '%' {
        return Ok("%".to_owned());
    }
    let v = state.next_arg()?;
    let vm = &mut *state.vm;
    Ok(match spec.kind()? {
        PercentKind::Str => {
            let text = match spec.conversion {
                's' => {
                    let s = ops::repr::str(vm, v)?;
                    state.surrogates |= ops::str_has_surrogates(s);
                    str_of(s).unwrap_or("").to_owned()
                }
                'r' => ops::repr::repr_string(vm, v)?,
                _ => {
                    let a = crate::builtins::functions::ascii_of(vm, v)?;
                    str_of(a).unwrap_or("").to_owned()
                }
            };
            format::format_percent_str(&text, spec)?
        }
        PercentKind::Decimal | PercentKind::Radix => {
            let b = percent_int_arg(vm, v, spec)?;
            format::format_percent_int(&b, spec)?
        }
        PercentKind::Float => {
            let x = numbers::as_double(vm, v)?;
            format::format_percent_float(x, spec)?
        }
        PercentKind::Char => {
            let c = if let Some(s) = str_of(v) {
                state.surrogates |= ops::str_has_surrogates(v);
                format::percent_char_from_str(s)?
            } else if let Some(b) = ops::bigint_of(v) {
                state.surrogates |= surrogate_int(&b);
                format::percent_char_from_int(&b)?
            } else {
                let tn = ops::type_name(vm, v);
                return Err(FormatError::percent_c_wrong_type(&tn).into());
            };
            format::format_percent_char(c, spec)?
        }
    })
}

/// `fmt % args` for str.
pub fn percent_format(vm: &mut Vm, fmt: Value, args: Value) -> PyResult<Value> {
    let text = str_of(fmt).unwrap_or("");
    let mut state = PercentState::new(vm, args, false);
    state.surrogates = ops::str_has_surrogates(fmt);
    match percent_loop(&mut state, text, percent_str_piece) {
        Ok(out) => {
            let surrogates = state.surrogates;
            Ok(crate::builtins::str::new_str_from_views(
                vm, out, surrogates,
            ))
        }
        Err(e) => Err(e.raise(vm)),
    }
}

/// The loop of `PyUnicode_Format`: literal pieces, conversions, and the leftover check.
fn percent_loop(
    state: &mut PercentState<'_>,
    text: &str,
    piece: fn(&mut PercentState<'_>, &PercentSpec) -> Result<String, DriverError>,
) -> Result<String, DriverError> {
    let mut out = String::with_capacity(text.len());
    let mut parser = PercentParser::new(text);
    while let Some(next) = parser.next_piece(state) {
        match next? {
            PercentPiece::Literal(lit) => out.push_str(lit),
            PercentPiece::Spec(spec) => out.push_str(&piece(state, &spec)?),
        }
    }
    if state.argidx < state.arglen && state.dict.is_none() {
        if state.bytes_mode {
            return Err(DriverError::Py(
                state
                    .vm
                    .type_error("not all arguments converted during bytes formatting"),
            ));
        }
        return Err(FormatError::not_all_converted().into());
    }
    Ok(out)
}

/// Bytes as the latin-1 text the `%` parser walks (each byte one char below 256).
fn latin1(data: &[u8]) -> String {
    data.iter().map(|&b| char::from(b)).collect()
}

/// One `%` conversion of `bytes % args` (`_PyBytes_FormatEx`), as latin-1 text.
fn percent_bytes_piece(
    state: &mut PercentState<'_>,
    spec: &PercentSpec,
) -> Result<String, DriverError> {
    if spec.conversion == '%' {
        return Ok("%".to_owned());
    }
    let v = state.next_arg()?;
    let vm = &mut *state.vm;
    match spec.conversion {
        's' | 'b' => {
            let data = match crate::builtins::str::bytes_like(vm, v)? {
                Some(d) => d,
                None => match ops::call::call_special(vm, v, "__bytes__", &[])? {
                    Some(r) => match crate::builtins::str::bytes_data(r) {
                        Some(d) => d,
                        None => {
                            let tn = ops::type_name(vm, r);
                            return Err(DriverError::Py(
                                vm.type_error(format!("__bytes__ returned non-bytes (type {tn})")),
                            ));
                        }
                    },
                    None => {
                        let tn = ops::type_name(vm, v);
                        return Err(DriverError::Py(vm.type_error(format!(
                            "%b requires a bytes-like object, or an object that implements __bytes__, not '{tn}'"
                        ))));
                    }
                },
            };
            Ok(format::format_percent_str(&latin1(&data), spec)?)
        }
        'r' | 'a' => {
            let a = crate::builtins::functions::ascii_of(vm, v)?;
            let text = str_of(a).unwrap_or("").to_owned();
            Ok(format::format_percent_str(&text, spec)?)
        }
        'c' => {
            let byte = if let Some(d) = crate::builtins::str::bytes_data(v).filter(|d| d.len() == 1)
            {
                d[0]
            } else if let Some(b) = ops::bigint_of(v) {
                match num_traits::ToPrimitive::to_u8(&b) {
                    Some(byte) => byte,
                    None => {
                        return Err(FormatError::overflow_error("%c arg not in range(256)").into());
                    }
                }
            } else {
                return Err(FormatError::type_error(
                    "%c requires an integer in range(256) or a single byte",
                )
                .into());
            };
            Ok(format::format_percent_char(char::from(byte), spec)?)
        }
        _ => percent_str_piece_numeric(vm, v, spec),
    }
}

/// The number conversions, shared by str and bytes (their output is ASCII).
fn percent_str_piece_numeric(
    vm: &mut Vm,
    v: Value,
    spec: &PercentSpec,
) -> Result<String, DriverError> {
    Ok(match spec.kind()? {
        PercentKind::Decimal | PercentKind::Radix => {
            let b = percent_int_arg(vm, v, spec)?;
            format::format_percent_int(&b, spec)?
        }
        PercentKind::Float => {
            let x = numbers::as_double(vm, v)?;
            format::format_percent_float(x, spec)?
        }
        // `%s %r %a %c` are handled by the caller; anything else is unsupported.
        _ => {
            return Err(FormatError::value_error(format!(
                "unsupported format character '{}' ({:#x}) at index {}",
                spec.conversion, spec.conversion as u32, spec.index
            ))
            .into());
        }
    })
}

/// `fmt % args` for bytes and bytearray: the formatted bytes.
pub fn bytes_percent_format(vm: &mut Vm, fmt: &[u8], args: Value) -> PyResult<Vec<u8>> {
    let text = latin1(fmt);
    let mut state = PercentState::new(vm, args, true);
    match percent_loop(&mut state, &text, percent_bytes_piece) {
        // Every char is below 256: literal bytes, bytes arguments and ASCII numbers.
        Ok(out) => Ok(out.chars().map(|c| c as u32 as u8).collect()),
        Err(e) => Err(e.raise(vm)),
    }
}

// ---- str.format -------------------------------------------------------------------------------

/// Fields of `str.format(*args, **kwargs)` or `format_map(mapping)`.
struct FormatArgs<'v, 'a> {
    vm: &'v mut Vm,
    positional: &'v [Value],
    args: &'v Args<'a>,
    mapping: Option<Value>,
    /// Whether a str put into the result held lone surrogates (as stand-ins).
    surrogates: bool,
}

impl FieldSource for FormatArgs<'_, '_> {
    type Value = Value;
    type Error = DriverError;

    fn resolve(
        &mut self,
        key: FieldKey<'_>,
        accessors: FieldAccessors<'_>,
    ) -> Result<Value, DriverError> {
        let vm = &mut *self.vm;
        let mut value = match key {
            FieldKey::Index(index) => {
                if self.mapping.is_some() {
                    return Err(FormatError::positional_in_format_map().into());
                }
                match self.positional.get(index) {
                    Some(&v) => v,
                    None => return Err(FormatError::replacement_index_out_of_range(index).into()),
                }
            }
            FieldKey::Name(name) => match self.mapping {
                Some(m) => {
                    let k = vm.new_str(name);
                    ops::subscript::getitem(vm, m, k)?
                }
                None => match self.args.kwarg(name) {
                    Some(v) => v,
                    None => {
                        let k = vm.new_str(name);
                        return Err(vm.key_error(k).into());
                    }
                },
            },
        };
        for accessor in accessors {
            value = match accessor? {
                FieldAccessor::Attribute(name) => attr::getattr_str(vm, value, name)?,
                FieldAccessor::Index(index) => {
                    let k = match i64::try_from(index) {
                        Ok(i) => vm.new_int(i),
                        Err(_) => vm.new_bigint(BigInt::from(index)),
                    };
                    ops::subscript::getitem(vm, value, k)?
                }
                FieldAccessor::Key(key) => {
                    let k = vm.new_str(key);
                    ops::subscript::getitem(vm, value, k)?
                }
            };
        }
        Ok(value)
    }

    fn convert(&mut self, value: Value, conversion: char) -> Result<Value, DriverError> {
        let vm = &mut *self.vm;
        Ok(match conversion {
            'r' => ops::repr::repr(vm, value)?,
            's' => ops::repr::str(vm, value)?,
            _ => crate::builtins::functions::ascii_of(vm, value)?,
        })
    }

    fn format(&mut self, value: Value, spec: &str) -> Result<String, DriverError> {
        let vm = &mut *self.vm;
        let spec = vm.new_str(spec);
        let r = crate::builtins::functions::format(vm, value, spec)?;
        self.surrogates |= ops::str_has_surrogates(r);
        Ok(str_of(r).unwrap_or("").to_owned())
    }
}

/// `str.format` / `format_map`.
pub fn str_format(
    vm: &mut Vm,
    fmt: &str,
    positional: &[Value],
    args: &Args,
    mapping: Option<Value>,
) -> PyResult<Value> {
    let mut source = FormatArgs {
        vm,
        positional,
        args,
        mapping,
        surrogates: false,
    };
    match format::render_template(fmt, &mut source) {
        Ok(out) => {
            let surrogates = source.surrogates;
            Ok(crate::builtins::str::new_str_from_views(
                vm, out, surrogates,
            ))
        }
        Err(e) => Err(e.raise(vm)),
    }
}
