//! `bytes % args` and `bytearray % args` (PEP 461), ported from CPython's
//! `Objects/bytesobject.c` (`_PyBytes_FormatEx`).
//!
//! The format is read as Latin-1 text so that `format::percent`'s parser and padding serve
//! bytes too; every produced character is below U+0100 and maps back to one byte. `%s`/`%b`
//! take bytes-like objects or `__bytes__`, `%r`/`%a` use `ascii()`, `%c` takes a byte value
//! or a one-byte bytes, and the numeric conversions are delegated to the `str` formatter,
//! whose output is ASCII and whose messages are the same.

use crate::builtins::bytes::{bytes_data, bytes_like, new_bytearray, new_bytes};
use crate::errors::{PyErr, PyResult};
use crate::format::{
    FormatError, PercentArgs, PercentParser, PercentPiece, PercentSpec, format_percent_str,
};
use crate::interp::Vm;
use crate::object::{ObjKind, kind_of};
use crate::ops::{self, str_of};
use crate::value::Value;

/// An error while formatting: from the parser, or an exception from Python code.
enum Failure {
    Format(FormatError),
    Py(PyErr),
}

impl From<FormatError> for Failure {
    fn from(e: FormatError) -> Self {
        Failure::Format(e)
    }
}

impl From<PyErr> for Failure {
    fn from(e: PyErr) -> Self {
        Failure::Py(e)
    }
}

/// The arguments as the parser consumes them.
struct State<'v> {
    vm: &'v mut Vm,
    items: Vec<Value>,
    next: usize,
    mapping: Option<Value>,
    selected: Option<Value>,
}

impl State<'_> {
    fn next_value(&mut self) -> Result<Value, Failure> {
        if let Some(v) = self.selected.take() {
            return Ok(v);
        }
        match self.items.get(self.next) {
            Some(&v) => {
                self.next += 1;
                Ok(v)
            }
            None => Err(Failure::Py(
                self.vm.type_error("not enough arguments for format string"),
            )),
        }
    }

    fn star(&mut self) -> Result<i64, Failure> {
        let v = self.next_value()?;
        if ops::int_of(v).is_none() {
            return Err(Failure::Py(self.vm.type_error("* wants int")));
        }
        Ok(crate::ops::convert::index_i64_clamped(self.vm, v)?)
    }
}

impl PercentArgs for State<'_> {
    type Error = Failure;

    fn select_key(&mut self, key: &str) -> Result<(), Failure> {
        let Some(m) = self.mapping else {
            return Err(Failure::Py(self.vm.type_error("format requires a mapping")));
        };
        let raw: Vec<u8> = key
            .chars()
            .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
            .collect();
        let k = new_bytes(self.vm, raw);
        let v = ops::subscript::getitem(self.vm, m, k)?;
        self.selected = Some(v);
        Ok(())
    }

    fn star_width(&mut self) -> Result<isize, Failure> {
        let w = self.star()?;
        Ok(isize::try_from(w).unwrap_or(isize::MAX))
    }

    fn star_precision(&mut self) -> Result<i32, Failure> {
        let p = self.star()?;
        Ok(i32::try_from(p).unwrap_or(i32::MAX))
    }
}

fn latin1(data: &[u8]) -> String {
    data.iter().map(|&b| char::from(b)).collect()
}

/// The spec written back as a `str` format with one conversion, for the numeric cases.
fn spec_text(spec: &PercentSpec) -> String {
    let mut s = String::from("%");
    let f = &spec.flags;
    for (on, c) in [
        (f.left_justify, '-'),
        (f.sign, '+'),
        (f.blank, ' '),
        (f.alternate, '#'),
        (f.zero, '0'),
    ] {
        if on {
            s.push(c);
        }
    }
    if let Some(w) = spec.width {
        s.push_str(&w.to_string());
    }
    if let Some(p) = spec.precision {
        s.push('.');
        s.push_str(&p.to_string());
    }
    s.push(spec.conversion);
    s
}

fn convert_one(st: &mut State<'_>, spec: &PercentSpec) -> Result<String, Failure> {
    let v = st.next_value()?;
    let vm = &mut *st.vm;
    match spec.conversion {
        's' | 'b' => {
            let data = match bytes_like(vm, v)? {
                Some(d) => d,
                None => match ops::call::call_special(vm, v, "__bytes__", &[])? {
                    Some(r) if kind_of(ops::unwrap_payload(r)) == Some(ObjKind::Bytes) => {
                        bytes_data(r).unwrap_or_default()
                    }
                    Some(r) => {
                        let tn = ops::type_name(vm, r);
                        return Err(Failure::Py(
                            vm.type_error(format!("__bytes__ returned non-bytes (type {tn})")),
                        ));
                    }
                    None => {
                        let tn = ops::type_name(vm, v);
                        return Err(Failure::Py(vm.type_error(format!(
                            "%b requires a bytes-like object, or an object that implements __bytes__, not '{tn}'"
                        ))));
                    }
                },
            };
            Ok(format_percent_str(&latin1(&data), spec)?)
        }
        'r' | 'a' => {
            let r = crate::builtins::functions::ascii_of(vm, v)?;
            Ok(format_percent_str(str_of(r).unwrap_or(""), spec)?)
        }
        'c' => {
            let byte = if let Some(d) = bytes_data(v).filter(|d| d.len() == 1) {
                d[0]
            } else if ops::int_of(v).is_some() {
                let i = crate::ops::convert::index_i64_clamped(vm, v)?;
                match u8::try_from(i) {
                    Ok(b) => b,
                    Err(_) => {
                        return Err(Failure::Py(vm.overflow_error("%c arg not in range(256)")));
                    }
                }
            } else {
                return Err(Failure::Py(vm.type_error(
                    "%c requires an integer in range(256) or a single byte",
                )));
            };
            Ok(format_percent_str(&char::from(byte).to_string(), spec)?)
        }
        _ => {
            // Validates the conversion letter with the parser's own message first.
            spec.kind()?;
            let fmt = vm.new_string(spec_text(spec));
            let one = vm.new_tuple(vec![v]);
            let r = crate::builtins::functions::percent_format(vm, fmt, one)?;
            Ok(str_of(r).unwrap_or("").to_owned())
        }
    }
}

/// `fmt % args` where `fmt` is the bytes-like receiver `recv` holding `data`.
pub fn bytes_percent(vm: &mut Vm, recv: Value, data: &[u8], args: Value) -> PyResult<Value> {
    let items = match ops::tuple_items(args) {
        Some(t) => t.to_vec(),
        None => vec![args],
    };
    let is_tuple = ops::tuple_items(args).is_some();
    let mapping = (!is_tuple
        && args.is_ptr()
        && !matches!(
            kind_of(args),
            Some(ObjKind::Str | ObjKind::Bytes | ObjKind::ByteArray)
        )
        && ops::attr::lookup_type(vm, ops::type_of(vm, args), "__getitem__").is_some())
    .then_some(args);
    let text = latin1(data);
    let mut parser = PercentParser::new(&text);
    let mut st = State {
        vm,
        items,
        next: 0,
        mapping,
        selected: None,
    };
    let mut out = String::new();
    let mut failure = None;
    while let Some(piece) = parser.next_piece(&mut st) {
        match piece {
            Ok(PercentPiece::Literal(l)) => out.push_str(l),
            Ok(PercentPiece::Spec(spec)) => match convert_one(&mut st, &spec) {
                Ok(s) => out.push_str(&s),
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            },
            Err(e) => {
                failure = Some(e);
                break;
            }
        }
    }
    let used_all = st.next >= st.items.len() || st.mapping.is_some();
    let vm = st.vm;
    match failure {
        Some(Failure::Py(e)) => return Err(e),
        Some(Failure::Format(e)) => {
            return Err(match e.exc_type {
                "TypeError" => vm.type_error(e.message),
                "OverflowError" => vm.overflow_error(e.message),
                "MemoryError" => vm.memory_error(e.message),
                _ => vm.value_error(e.message),
            });
        }
        None => {}
    }
    if !used_all {
        return Err(vm.type_error("not all arguments converted during bytes formatting"));
    }
    let bytes: Vec<u8> = out
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect();
    Ok(
        if kind_of(ops::unwrap_payload(recv)) == Some(ObjKind::ByteArray) {
            new_bytearray(vm, bytes)
        } else {
            new_bytes(vm, bytes)
        },
    )
}
