//! `int`, `bool`, `float` and `complex`: arithmetic on builtin numbers, the constructors
//! and the types' methods. Every algorithm (parsing, correctly rounded conversions,
//! floor division, powers, rounding, hex, bytes) is in `crate::numeric`; this file
//! converts arguments, calls it and raises its errors.

use compiler::ir::ops::BinOp;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

use crate::args::Args;
use crate::builtins::{MethodDef, classmethod, method, staticmethod};
use crate::errors::{PyErr, PyResult};
use crate::interp::Vm;
use crate::numeric::complex::{self as cx, Complex};
use crate::numeric::{self, NumError, arith, int_float};
use crate::object::{Gc, ObjKind, kind_of};
use crate::ops::{self, IntRef, float_of, int_of, type_of};
use crate::types::misc::ComplexBody;
use crate::types::typeobj::TypeBody;
use crate::value::Value;

/// A [`NumError`] as a Python exception.
pub fn num_error(vm: &mut Vm, e: NumError) -> PyErr {
    crate::builtins::formatting::named_error(vm, e.kind.type_name(), &e.message)
}

/// `sys.get_int_max_str_digits()`.
pub fn max_str_digits(vm: &Vm) -> usize {
    vm.interp
        .int_max_str_digits
        .load(std::sync::atomic::Ordering::Relaxed)
}

fn big(i: &IntRef) -> BigInt {
    match i {
        IntRef::Small(i) => BigInt::from(*i),
        IntRef::Big(b) => (*b).clone(),
    }
}

/// An int result: inline when it fits.
fn int_value(vm: &mut Vm, b: BigInt) -> Value {
    vm.new_bigint(b)
}

/// The int as `f64`, correctly rounded, or OverflowError "int too large to convert to float".
pub fn int_to_f64(vm: &mut Vm, i: &IntRef) -> PyResult<f64> {
    match i {
        IntRef::Small(i) => Ok(int_float::i64_to_f64(*i)),
        IntRef::Big(b) => int_float::int_to_f64(b).map_err(|e| num_error(vm, e)),
    }
}

/// A number (int, bool or float) as `f64`; "must be real number, not X" otherwise.
pub fn to_f64(vm: &mut Vm, v: Value) -> PyResult<f64> {
    if let Some(f) = float_of(v) {
        return Ok(f);
    }
    match int_of(v) {
        Some(i) => int_to_f64(vm, &i),
        None => {
            let tn = ops::type_name(vm, v);
            Err(vm.type_error(format!("must be real number, not {tn}")))
        }
    }
}

/// CPython's `PyFloat_AsDouble`: floats, then `__float__` (which must return a float),
/// then `__index__`.
pub fn as_double(vm: &mut Vm, v: Value) -> PyResult<f64> {
    if let Some(f) = float_of(v) {
        return Ok(f);
    }
    if let Some(i) = int_of(v) {
        return int_to_f64(vm, &i);
    }
    if let Some(r) = ops::call::call_special(vm, v, "__float__", &[])? {
        return match float_of(r) {
            Some(f) => Ok(f),
            None => {
                let (tv, tr) = (ops::type_name(vm, v), ops::type_name(vm, r));
                Err(vm.type_error(format!("{tv}.__float__ returned non-float (type {tr})")))
            }
        };
    }
    let ty = type_of(vm, v);
    if crate::ops::attr::lookup_type(vm, ty, "__index__").is_some() {
        let b = ops::convert::index_bigint(vm, v)?;
        return int_float::int_to_f64(&b).map_err(|e| num_error(vm, e));
    }
    let tn = ops::type_name(vm, v);
    Err(vm.type_error(format!("must be real number, not {tn}")))
}

// ---- int arithmetic -----------------------------------------------------------------------

/// The operator on two ints.
pub fn int_op(vm: &mut Vm, x: &IntRef, y: &IntRef, op: BinOp) -> PyResult<Value> {
    if let (IntRef::Small(a), IntRef::Small(b)) = (x, y) {
        let (a, b) = (*a, *b);
        let fast = match op {
            BinOp::Add => a.checked_add(b),
            BinOp::Sub => a.checked_sub(b),
            BinOp::Mul => a.checked_mul(b),
            BinOp::And => Some(a & b),
            BinOp::Or => Some(a | b),
            BinOp::Xor => Some(a ^ b),
            BinOp::FloorDiv => arith::floor_div_i64(a, b),
            BinOp::Mod => arith::mod_i64(a, b),
            BinOp::Pow => arith::pow_i64(a, b),
            BinOp::LShift => arith::shl_i64(a, b),
            BinOp::RShift => arith::shr_i64(a, b),
            BinOp::TrueDiv => {
                if let Some(f) = int_float::i64_true_divide(a, b) {
                    return Ok(Value::from_f64(f));
                }
                None
            }
            BinOp::MatMul => None,
        };
        if let Some(r) = fast {
            return Ok(vm.new_int(r));
        }
    }
    let (a, b) = (big(x), big(y));
    let r = match op {
        BinOp::Add => Ok(a + b),
        BinOp::Sub => Ok(a - b),
        BinOp::Mul => Ok(a * b),
        BinOp::And => Ok(a & b),
        BinOp::Or => Ok(a | b),
        BinOp::Xor => Ok(a ^ b),
        BinOp::FloorDiv => arith::floor_div(&a, &b),
        BinOp::Mod => arith::floor_mod(&a, &b),
        BinOp::TrueDiv => {
            return int_float::int_true_divide(&a, &b)
                .map(Value::from_f64)
                .map_err(|e| num_error(vm, e));
        }
        BinOp::Pow => match arith::int_pow(&a, &b) {
            Ok(arith::IntPow::Int(r)) => Ok(r),
            Ok(arith::IntPow::Float(f)) => return Ok(Value::from_f64(f)),
            Err(e) => Err(e),
        },
        BinOp::LShift => arith::shl(&a, &b),
        BinOp::RShift => arith::shr(&a, &b),
        BinOp::MatMul => {
            return Err(vm.type_error("unsupported operand type(s) for @: 'int' and 'int'"));
        }
    };
    match r {
        Ok(r) => Ok(int_value(vm, r)),
        Err(e) => Err(num_error(vm, e)),
    }
}

/// `divmod(a, b)` for two ints.
pub fn int_divmod(vm: &mut Vm, x: &IntRef, y: &IntRef) -> PyResult<Value> {
    if let (IntRef::Small(a), IntRef::Small(b)) = (x, y)
        && let Some((q, r)) = arith::divmod_i64(*a, *b)
    {
        let (q, r) = (vm.new_int(q), vm.new_int(r));
        return Ok(vm.new_tuple(vec![q, r]));
    }
    let (q, r) = arith::divmod(&big(x), &big(y)).map_err(|e| num_error(vm, e))?;
    let (q, r) = (vm.new_bigint(q), vm.new_bigint(r));
    Ok(vm.new_tuple(vec![q, r]))
}

/// `pow(base, exp, mod)` for three ints.
pub fn int_pow_mod(vm: &mut Vm, base: &BigInt, exp: &BigInt, modulus: &BigInt) -> PyResult<Value> {
    match arith::int_pow_mod(base, exp, modulus) {
        Ok(r) => Ok(vm.new_bigint(r)),
        Err(e) => Err(num_error(vm, e)),
    }
}

// ---- float arithmetic ---------------------------------------------------------------------

/// The operator on two floats; `None` for operators floats do not have.
#[inline]
pub fn float_op(vm: &mut Vm, x: f64, y: f64, op: BinOp) -> PyResult<Option<Value>> {
    let r = match op {
        BinOp::Add => Ok(x + y),
        BinOp::Sub => Ok(x - y),
        BinOp::Mul => Ok(x * y),
        BinOp::TrueDiv => arith::float_div(x, y),
        BinOp::FloorDiv => arith::float_floor_div(x, y),
        BinOp::Mod => arith::float_mod(x, y),
        BinOp::Pow => return float_pow(vm, x, y).map(Some),
        _ => return Ok(None),
    };
    match r {
        Ok(r) => Ok(Some(Value::from_f64(r))),
        Err(e) => Err(num_error(vm, e)),
    }
}

/// `divmod(x, y)` for floats.
pub fn float_divmod_value(vm: &mut Vm, x: f64, y: f64) -> PyResult<Value> {
    let (q, r) = arith::float_divmod(x, y).map_err(|e| num_error(vm, e))?;
    Ok(vm.new_tuple(vec![Value::from_f64(q), Value::from_f64(r)]))
}

/// CPython's `float_divmod` for a non-zero divisor (the caller checks for zero).
pub fn float_divmod(x: f64, y: f64) -> (f64, f64) {
    arith::float_divmod(x, y).unwrap_or((f64::NAN, f64::NAN))
}

#[cold]
fn float_pow(vm: &mut Vm, x: f64, y: f64) -> PyResult<Value> {
    match arith::float_pow(x, y) {
        Ok(arith::FloatPow::Float(r)) => Ok(Value::from_f64(r)),
        // A negative base with a fractional exponent: the complex power.
        Ok(arith::FloatPow::Complex) => {
            let r = cx::pow(Complex::new(x, 0.0), Complex::new(y, 0.0))
                .map_err(|e| num_error(vm, e))?;
            Ok(new_complex(vm, r.re, r.im))
        }
        Err(e) => Err(num_error(vm, e)),
    }
}

// ---- complex ------------------------------------------------------------------------------

/// `(re, im)` of a complex, int, bool or float (an int too large for a float is `None`).
pub fn complex_parts(v: Value) -> Option<(f64, f64)> {
    let v = ops::unwrap_payload(v);
    if let Some(c) = Gc::<ComplexBody>::from_value(v) {
        return Some((c.re, c.im));
    }
    if let Some(f) = v.as_f64() {
        return Some((f, 0.0));
    }
    match int_of(v)? {
        IntRef::Small(i) => Some((i as f64, 0.0)),
        IntRef::Big(b) => int_float::int_to_f64(b).ok().map(|f| (f, 0.0)),
    }
}

pub fn new_complex(vm: &mut Vm, re: f64, im: f64) -> Value {
    let ty = vm.rt.types.complex;
    vm.alloc(ty, ComplexBody { re, im }).value()
}

/// One operand of complex arithmetic: complex, or a real that 3.14 no longer widens.
enum Operand {
    Complex(Complex),
    Real(f64),
}

fn operand(vm: &mut Vm, v: Value) -> PyResult<Option<Operand>> {
    let v = ops::unwrap_payload(v);
    if let Some(c) = Gc::<ComplexBody>::from_value(v) {
        return Ok(Some(Operand::Complex(Complex::new(c.re, c.im))));
    }
    if let Some(f) = v.as_f64() {
        return Ok(Some(Operand::Real(f)));
    }
    match int_of(v) {
        Some(i) => Ok(Some(Operand::Real(int_to_f64(vm, &i)?))),
        None => Ok(None),
    }
}

/// Complex arithmetic (either operand complex; ints and floats are real operands, with
/// 3.14's mixed-mode rules for `+ - * /`).
pub fn complex_op(vm: &mut Vm, a: Value, b: Value, op: BinOp) -> PyResult<Option<Value>> {
    let (Some(x), Some(y)) = (operand(vm, a)?, operand(vm, b)?) else {
        return Ok(None);
    };
    use Operand::{Complex as C, Real as R};
    let widen = |o: &Operand| match *o {
        C(c) => c,
        R(r) => Complex::new(r, 0.0),
    };
    let r = match (op, &x, &y) {
        (BinOp::Add, C(p), C(q)) => Ok(cx::add(*p, *q)),
        (BinOp::Add, C(p), R(r)) | (BinOp::Add, R(r), C(p)) => Ok(cx::add_real(*p, *r)),
        (BinOp::Sub, C(p), C(q)) => Ok(cx::sub(*p, *q)),
        (BinOp::Sub, C(p), R(r)) => Ok(cx::sub_real(*p, *r)),
        (BinOp::Sub, R(r), C(p)) => Ok(cx::real_sub(*r, *p)),
        (BinOp::Mul, C(p), C(q)) => Ok(cx::mul(*p, *q)),
        (BinOp::Mul, C(p), R(r)) | (BinOp::Mul, R(r), C(p)) => Ok(cx::mul_real(*p, *r)),
        (BinOp::TrueDiv, C(p), C(q)) => cx::div(*p, *q),
        (BinOp::TrueDiv, C(p), R(r)) => cx::div_real(*p, *r),
        (BinOp::TrueDiv, R(r), C(p)) => cx::real_div(*r, *p),
        (BinOp::Pow, _, _) => cx::pow(widen(&x), widen(&y)),
        _ => return Ok(None),
    };
    match r {
        Ok(c) => Ok(Some(new_complex(vm, c.re, c.im))),
        Err(e) => Err(num_error(vm, e)),
    }
}

// ---- int text -----------------------------------------------------------------------------

/// `str(int)`, honouring `sys.set_int_max_str_digits`.
pub fn int_to_decimal_string(vm: &mut Vm, b: &BigInt) -> PyResult<String> {
    let limit = max_str_digits(vm);
    numeric::int_text::int_to_decimal(b, limit).map_err(|e| num_error(vm, e))
}

/// `str(v)` for an int value (small or big).
pub fn int_to_decimal(vm: &mut Vm, v: Value) -> PyResult<String> {
    match int_of(v) {
        Some(IntRef::Small(i)) => Ok(numeric::int_text::i64_to_decimal(i)),
        Some(IntRef::Big(b)) => {
            let b = b.clone();
            int_to_decimal_string(vm, &b)
        }
        None => Ok(String::new()),
    }
}

// ---- constructors -------------------------------------------------------------------------

/// Allocates an instance of a user subclass of a builtin carrying `payload`.
pub fn wrap_payload(vm: &mut Vm, cls: Gc<TypeBody>, payload: Value) -> Value {
    crate::builtins::object::new_instance(vm, cls, payload)
}

/// `cls(result)` for a classmethod called on a subclass (`from_bytes`, `fromhex`…).
fn call_subclass(vm: &mut Vm, cls: Value, base: Gc<TypeBody>, result: Value) -> PyResult<Value> {
    if cls == base.value() {
        return Ok(result);
    }
    ops::call::call(vm, cls, &[result])
}

fn class_arg(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Gc<TypeBody>> {
    match args
        .pos()
        .first()
        .and_then(|v| Gc::<TypeBody>::from_value(*v))
    {
        Some(cls) => Ok(cls),
        None => Err(vm.type_error(format!("{name}.__new__(X): X is not a type object"))),
    }
}

fn int_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let cls = class_arg(vm, args, "int")?;
    let pos = &args.pos()[1..];
    args.only_kwargs(vm, "int", &["base"])?;
    if pos.len() > 2 {
        return Err(vm.type_error(format!(
            "int() takes at most 2 arguments ({} given)",
            pos.len()
        )));
    }
    let base = match (pos.get(1), args.kwarg("base")) {
        (Some(_), Some(_)) => {
            return Err(vm.type_error("argument for int() given by name ('base') and position (2)"));
        }
        (b, k) => b.copied().or(k),
    };
    let r = match (pos.first(), base) {
        (None, None) => Value::small_int(0),
        (None, Some(_)) => return Err(vm.type_error("int() missing string argument")),
        (Some(&x), base) => int_from(vm, x, base)?,
    };
    if cls == vm.rt.types.int {
        return Ok(r);
    }
    Ok(wrap_payload(vm, cls, r))
}

/// `int(text, base)` for str, bytes and bytearray; `None` for other objects.
fn parse_int_text(vm: &mut Vm, x: Value, base: i64) -> PyResult<Option<Value>> {
    let limit = max_str_digits(vm);
    let parsed = if let Some(s) = ops::str_of(x) {
        numeric::int_parse::parse_int(s, base, limit)
    } else if let Some(data) = crate::builtins::str::bytes_data(x) {
        numeric::int_parse::parse_int_bytes(&data, base, limit)
    } else {
        return Ok(None);
    };
    match parsed {
        Ok(b) => Ok(Some(vm.new_bigint(b))),
        Err(e) => Err(num_error(vm, with_surrogate_repr(x, e, 200))),
    }
}

/// A parse error about the str `x`: when `x` holds lone surrogates, its message quotes the
/// view (`types::str`); quote the real text instead (the repr cut to `max_chars`).
fn with_surrogate_repr(x: Value, mut e: numeric::NumError, max_chars: usize) -> numeric::NumError {
    let Some(body) = ops::str_body(x).filter(|b| b.has_surrogates()) else {
        return e;
    };
    let cut = |repr: String| match repr.char_indices().nth(max_chars) {
        Some((at, _)) => repr[..at].to_owned(),
        None => repr,
    };
    let shown = cut(compiler::pyrepr::repr_str(body.as_str()));
    let real = cut(ops::repr::repr_wtf8(body.wtf8_bytes()));
    e.message = e.message.replacen(&shown, &real, 1);
    e
}

/// `int(x)` / `int(x, base)` (`PyNumber_Long` and `long_new_impl`).
pub fn int_from(vm: &mut Vm, x: Value, base: Option<Value>) -> PyResult<Value> {
    if let Some(base) = base {
        let b = ops::convert::index_bigint(vm, base)?;
        let b = b.to_i64().unwrap_or(i64::MAX);
        if let Err(e) = numeric::int_parse::check_base(b) {
            return Err(num_error(vm, e));
        }
        return match parse_int_text(vm, x, b)? {
            Some(r) => Ok(r),
            None => Err(vm.type_error("int() can't convert non-string with explicit base")),
        };
    }
    if let Some(i) = int_of(x) {
        return Ok(match i {
            IntRef::Small(i) => vm.new_int(i),
            IntRef::Big(b) => {
                let b = b.clone();
                vm.new_bigint(b)
            }
        });
    }
    if let Some(f) = float_of(x) {
        return float_to_int_value(vm, f);
    }
    if let Some(r) = parse_int_text(vm, x, 10)? {
        return Ok(r);
    }
    for name in ["__int__", "__index__"] {
        if let Some(r) = ops::call::call_special(vm, x, name, &[])? {
            return match int_of(r) {
                Some(i) => Ok(match i {
                    IntRef::Small(i) => vm.new_int(i),
                    IntRef::Big(b) => {
                        let b = b.clone();
                        vm.new_bigint(b)
                    }
                }),
                None => {
                    let tn = ops::type_name(vm, r);
                    Err(vm.type_error(format!("{name} returned non-int (type {tn})")))
                }
            };
        }
    }
    if let Some(data) = crate::builtins::memoryview::memoryview_bytes(vm, x) {
        let limit = max_str_digits(vm);
        return match numeric::int_parse::parse_int_bytes(&data, 10, limit) {
            Ok(b) => Ok(vm.new_bigint(b)),
            Err(e) => Err(num_error(vm, e)),
        };
    }
    let tn = ops::type_name(vm, x);
    Err(vm.type_error(format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{tn}'"
    )))
}

/// `int(f)`: truncation, with the NaN and infinity errors.
fn float_to_int_value(vm: &mut Vm, f: f64) -> PyResult<Value> {
    if let Some(i) = int_float::f64_to_i64(f) {
        return Ok(vm.new_int(i));
    }
    match int_float::f64_to_int(f) {
        Ok(b) => Ok(vm.new_bigint(b)),
        Err(e) => Err(num_error(vm, e)),
    }
}

// ---- int methods --------------------------------------------------------------------------

fn self_int(vm: &mut Vm, args: &Args, name: &str) -> PyResult<BigInt> {
    let v = args.pos().first().copied().unwrap_or(Value::NONE);
    match int_of(v) {
        Some(i) => Ok(big(&i)),
        None => {
            let tn = ops::type_name(vm, v);
            Err(vm.type_error(format!(
                "descriptor '{name}' for 'int' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

/// A method without arguments: "int.bit_length() takes no arguments (1 given)".
fn no_args(vm: &mut Vm, args: &Args, qualname: &str) -> PyResult<()> {
    args.no_kwargs(vm, qualname)?;
    let extra = args.pos().len().saturating_sub(1);
    if extra > 0 {
        return Err(vm.type_error(format!("{qualname}() takes no arguments ({extra} given)")));
    }
    Ok(())
}

fn int_bit_length(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    no_args(vm, args, "int.bit_length")?;
    let b = self_int(vm, args, "bit_length")?;
    let n = numeric::bytes_conv::bit_length(&b);
    Ok(vm.new_bigint(BigInt::from(n)))
}

fn int_bit_count(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    no_args(vm, args, "int.bit_count")?;
    let b = self_int(vm, args, "bit_count")?;
    let n = numeric::bytes_conv::bit_count(&b);
    Ok(vm.new_bigint(BigInt::from(n)))
}

/// `__index__`, `__int__`, `__pos__`, `__trunc__`, `__floor__`, `__ceil__`, `conjugate`
/// and `real`: the int itself as an exact int.
fn int_identity(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let b = self_int(vm, args, "__index__")?;
    Ok(vm.new_bigint(b))
}

fn int_float(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let b = self_int(vm, args, "__float__")?;
    let f = int_to_f64(vm, &IntRef::Big(&b))?;
    Ok(Value::from_f64(f))
}

fn int_abs(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let b = self_int(vm, args, "__abs__")?;
    Ok(vm.new_bigint(b.abs()))
}

fn int_as_integer_ratio(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    no_args(vm, args, "int.as_integer_ratio")?;
    let b = self_int(vm, args, "as_integer_ratio")?;
    let n = vm.new_bigint(b);
    Ok(vm.new_tuple(vec![n, Value::small_int(1)]))
}

fn int_is_integer(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    no_args(vm, args, "int.is_integer")?;
    self_int(vm, args, "is_integer")?;
    Ok(Value::TRUE)
}

fn int_round(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.no_kwargs(vm, "__round__")?;
    if args.pos().len() > 2 {
        let n = args.pos().len() - 1;
        return Err(vm.type_error(format!("__round__ expected at most 1 argument, got {n}")));
    }
    let b = self_int(vm, args, "__round__")?;
    let nd = args.pos().get(1).copied().filter(|v| !v.is_none());
    let Some(nd) = nd else {
        return Ok(vm.new_bigint(b));
    };
    let nd = ops::convert::index_bigint(vm, nd)?;
    let r = numeric::round::round_int(&b, &nd);
    Ok(vm.new_bigint(r))
}

/// A `str` argument of a method ("to_bytes() argument 'byteorder' must be str, not int").
fn str_arg<'a>(vm: &mut Vm, v: Value, fname: &str, name: &str) -> PyResult<&'a str> {
    match ops::str_of(v) {
        Some(s) => Ok(s),
        None => {
            let tn = ops::type_name(vm, v);
            Err(vm.type_error(format!("{fname}() argument '{name}' must be str, not {tn}")))
        }
    }
}

/// Positional-or-keyword argument `index` (after self) named `name`.
fn param(
    vm: &mut Vm,
    args: &Args,
    fname: &str,
    index: usize,
    name: &str,
) -> PyResult<Option<Value>> {
    let pos = args.pos().get(index + 1).copied();
    match (pos, args.kwarg(name)) {
        (Some(_), Some(_)) => Err(vm.type_error(format!(
            "argument for {fname}() given by name ('{name}') and position ({})",
            index + 1
        ))),
        (p, k) => Ok(p.or(k)),
    }
}

fn check_max_positional(vm: &mut Vm, args: &Args, fname: &str, max: usize) -> PyResult<()> {
    let n = args.pos().len().saturating_sub(1);
    if n > max {
        return Err(vm.type_error(format!(
            "{fname}() takes at most {max} positional arguments ({n} given)"
        )));
    }
    Ok(())
}

fn byteorder_arg(
    vm: &mut Vm,
    v: Option<Value>,
    fname: &str,
) -> PyResult<numeric::bytes_conv::ByteOrder> {
    let Some(v) = v else {
        return Ok(numeric::bytes_conv::ByteOrder::Big);
    };
    let text = str_arg(vm, v, fname, "byteorder")?;
    numeric::bytes_conv::parse_byteorder(text).map_err(|e| num_error(vm, e))
}

fn int_to_bytes(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.only_kwargs(vm, "to_bytes", &["length", "byteorder", "signed"])?;
    check_max_positional(vm, args, "to_bytes", 2)?;
    let b = self_int(vm, args, "to_bytes")?;
    let length = match param(vm, args, "to_bytes", 0, "length")? {
        Some(l) => ops::convert::index_bigint(vm, l)?,
        None => BigInt::from(1),
    };
    let order = param(vm, args, "to_bytes", 1, "byteorder")?;
    let order = byteorder_arg(vm, order, "to_bytes")?;
    let signed = match args.kwarg("signed") {
        Some(s) => ops::truthy(vm, s)?,
        None => false,
    };
    let length = match length.to_i64() {
        Some(l) => numeric::bytes_conv::check_length(l).map_err(|e| num_error(vm, e))?,
        None if length.is_negative() => {
            return Err(vm.value_error("length argument must be non-negative"));
        }
        None => return Err(vm.overflow_error("Python int too large to convert to C ssize_t")),
    };
    if length > 1 << 40 {
        return Err(vm.memory_error(""));
    }
    let bytes = numeric::bytes_conv::int_to_bytes(&b, length, order, signed)
        .map_err(|e| num_error(vm, e))?;
    Ok(crate::builtins::str::new_bytes(vm, bytes))
}

fn int_from_bytes(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.only_kwargs(vm, "from_bytes", &["bytes", "byteorder", "signed"])?;
    check_max_positional(vm, args, "from_bytes", 2)?;
    let Some(data) = param(vm, args, "from_bytes", 0, "bytes")? else {
        return Err(vm.type_error("from_bytes() missing required argument 'bytes' (pos 1)"));
    };
    let order = param(vm, args, "from_bytes", 1, "byteorder")?;
    let order = byteorder_arg(vm, order, "from_bytes")?;
    let signed = match args.kwarg("signed") {
        Some(s) => ops::truthy(vm, s)?,
        None => false,
    };
    // `PyObject_Bytes`: bytes-like objects, `__bytes__`, or an iterable of ints.
    let bytes = if ops::str_of(data).is_some() || int_of(data).is_some() {
        let tn = ops::type_name(vm, data);
        return Err(vm.type_error(format!("cannot convert '{tn}' object to bytes")));
    } else if let Some(r) = ops::call::call_special(vm, data, "__bytes__", &[])? {
        match crate::builtins::str::bytes_data(r) {
            Some(d) => d,
            None => {
                let tn = ops::type_name(vm, r);
                return Err(vm.type_error(format!("__bytes__ returned non-bytes (type {tn})")));
            }
        }
    } else {
        crate::builtins::str::bytes_from(vm, Some(data), None)?
    };
    let b = numeric::bytes_conv::int_from_bytes(&bytes, order, signed);
    let r = vm.new_bigint(b);
    let cls = args.pos()[0];
    let int = vm.rt.types.int;
    call_subclass(vm, cls, int, r)
}

fn int_getnewargs(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let b = self_int(vm, args, "__getnewargs__")?;
    let v = vm.new_bigint(b);
    Ok(vm.new_tuple(vec![v]))
}

pub const INT_METHODS: &[MethodDef] = &[
    staticmethod("__new__", int_new),
    method("bit_length", int_bit_length),
    method("bit_count", int_bit_count),
    method("__index__", int_identity),
    method("__int__", int_identity),
    method("__float__", int_float),
    method("__abs__", int_abs),
    method("__pos__", int_identity),
    method("__trunc__", int_identity),
    method("__floor__", int_identity),
    method("__ceil__", int_identity),
    method("__round__", int_round),
    method("__getnewargs__", int_getnewargs),
    method("conjugate", int_identity),
    method("as_integer_ratio", int_as_integer_ratio),
    method("is_integer", int_is_integer),
    method("to_bytes", int_to_bytes),
    classmethod("from_bytes", int_from_bytes),
];

fn bool_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.no_kwargs(vm, "bool")?;
    match args.pos() {
        [_] => Ok(Value::FALSE),
        [_, x] => ops::truthy(vm, *x).map(Value::from_bool),
        other => Err(vm.type_error(format!(
            "bool expected at most 1 argument, got {}",
            other.len() - 1
        ))),
    }
}

pub const BOOL_METHODS: &[MethodDef] = &[staticmethod("__new__", bool_new)];

// ---- float --------------------------------------------------------------------------------

fn float_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let cls = class_arg(vm, args, "float")?;
    if args.has_kwargs() && cls == vm.rt.types.float {
        return Err(vm.type_error("float() takes no keyword arguments"));
    }
    let pos = &args.pos()[1..];
    if pos.len() > 1 {
        return Err(vm.type_error(format!(
            "float expected at most 1 argument, got {}",
            pos.len()
        )));
    }
    let r = match pos.first() {
        None => Value::from_f64(0.0),
        Some(&x) => float_from(vm, x)?,
    };
    if cls == vm.rt.types.float {
        return Ok(r);
    }
    Ok(wrap_payload(vm, cls, r))
}

/// `float(x)` (`PyNumber_Float`).
pub fn float_from(vm: &mut Vm, x: Value) -> PyResult<Value> {
    if let Some(f) = x.as_f64() {
        return Ok(Value::from_f64(f));
    }
    let parsed = match ops::str_of(x) {
        Some(s) => Some(numeric::float_parse::parse_float(s)),
        None => crate::builtins::str::bytes_data(x)
            .map(|data| numeric::float_parse::parse_float_bytes(&data)),
    };
    if let Some(parsed) = parsed {
        return match parsed {
            // Each parsed NaN is a distinct object, as in CPython (see `Value::fresh_nan`).
            Ok(f) if f.is_nan() && f.is_sign_positive() => Ok(Value::fresh_nan()),
            Ok(f) => Ok(Value::from_f64(f)),
            Err(e) => Err(num_error(vm, with_surrogate_repr(x, e, usize::MAX))),
        };
    }
    if let Some(i) = int_of(x) {
        return int_to_f64(vm, &i).map(Value::from_f64);
    }
    if let Some(r) = ops::call::call_special(vm, x, "__float__", &[])? {
        return match float_of(r) {
            Some(f) => Ok(Value::from_f64(f)),
            None => {
                let (tx, tr) = (ops::type_name(vm, x), ops::type_name(vm, r));
                Err(vm.type_error(format!("{tx}.__float__ returned non-float (type {tr})")))
            }
        };
    }
    if let Some(f) = float_of(x) {
        return Ok(Value::from_f64(f));
    }
    let ty = type_of(vm, x);
    if crate::ops::attr::lookup_type(vm, ty, "__index__").is_some() {
        let b = ops::convert::index_bigint(vm, x)?;
        return int_float::int_to_f64(&b)
            .map(Value::from_f64)
            .map_err(|e| num_error(vm, e));
    }
    if let Some(data) = crate::builtins::memoryview::memoryview_bytes(vm, x) {
        return numeric::float_parse::parse_float_bytes(&data)
            .map(Value::from_f64)
            .map_err(|e| num_error(vm, e));
    }
    let tn = ops::type_name(vm, x);
    Err(vm.type_error(format!(
        "float() argument must be a string or a real number, not '{tn}'"
    )))
}

fn self_float(vm: &mut Vm, args: &Args, name: &str) -> PyResult<f64> {
    let v = args.pos().first().copied().unwrap_or(Value::NONE);
    match float_of(v) {
        Some(f) => Ok(f),
        None => {
            let tn = ops::type_name(vm, v);
            Err(vm.type_error(format!(
                "descriptor '{name}' for 'float' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

fn int_result(vm: &mut Vm, r: numeric::NumResult<BigInt>) -> PyResult<Value> {
    match r {
        Ok(b) => Ok(vm.new_bigint(b)),
        Err(e) => Err(num_error(vm, e)),
    }
}

fn float_is_integer(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    no_args(vm, args, "float.is_integer")?;
    let f = self_float(vm, args, "is_integer")?;
    Ok(Value::from_bool(int_float::f64_is_integer(f)))
}

fn float_int(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let f = self_float(vm, args, "__int__")?;
    float_to_int_value(vm, f)
}

fn float_float(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    self_float(vm, args, "__float__").map(Value::from_f64)
}

fn float_abs(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    self_float(vm, args, "__abs__").map(|f| Value::from_f64(f.abs()))
}

fn float_floor(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let f = self_float(vm, args, "__floor__")?;
    int_result(vm, int_float::f64_floor(f))
}

fn float_ceil(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let f = self_float(vm, args, "__ceil__")?;
    int_result(vm, int_float::f64_ceil(f))
}

fn float_round(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.no_kwargs(vm, "__round__")?;
    if args.pos().len() > 2 {
        let n = args.pos().len() - 1;
        return Err(vm.type_error(format!("__round__ expected at most 1 argument, got {n}")));
    }
    let f = self_float(vm, args, "__round__")?;
    match args.pos().get(1).copied().filter(|v| !v.is_none()) {
        None => {
            if let Some(i) = numeric::round::round_f64_to_i64(f) {
                return Ok(vm.new_int(i));
            }
            int_result(vm, numeric::round::round_f64_to_int(f))
        }
        Some(nd) => {
            let nd = ops::convert::index_i64_clamped(vm, nd)?;
            numeric::round::round_f64(f, nd)
                .map(Value::from_f64)
                .map_err(|e| num_error(vm, e))
        }
    }
}

fn float_as_integer_ratio(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    no_args(vm, args, "float.as_integer_ratio")?;
    let f = self_float(vm, args, "as_integer_ratio")?;
    let (n, d) = int_float::f64_as_integer_ratio(f).map_err(|e| num_error(vm, e))?;
    let n = vm.new_bigint(n);
    let d = vm.new_bigint(d);
    Ok(vm.new_tuple(vec![n, d]))
}

fn float_hex(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    no_args(vm, args, "float.hex")?;
    let f = self_float(vm, args, "hex")?;
    Ok(vm.new_string(numeric::float_hex::float_to_hex(f)))
}

fn float_fromhex(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.no_kwargs(vm, "fromhex")?;
    let [cls, s] = args.pos() else {
        let n = args.pos().len().saturating_sub(1);
        return Err(vm.type_error(format!(
            "float.fromhex() takes exactly one argument ({n} given)"
        )));
    };
    let Some(text) = ops::str_of(*s) else {
        let tn = ops::type_name(vm, *s);
        return Err(vm.type_error(format!("fromhex() argument must be str, not {tn}")));
    };
    let f = numeric::float_hex::float_from_hex(text).map_err(|e| num_error(vm, e))?;
    let float = vm.rt.types.float;
    call_subclass(vm, *cls, float, Value::from_f64(f))
}

/// `float.from_number(x)` (3.14): any real number, never a string.
fn float_from_number(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.no_kwargs(vm, "from_number")?;
    let [cls, x] = args.pos() else {
        let n = args.pos().len().saturating_sub(1);
        return Err(vm.type_error(format!(
            "float.from_number() takes exactly one argument ({n} given)"
        )));
    };
    let f = as_double(vm, *x)?;
    let float = vm.rt.types.float;
    call_subclass(vm, *cls, float, Value::from_f64(f))
}

fn float_getnewargs(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let f = self_float(vm, args, "__getnewargs__")?;
    Ok(vm.new_tuple(vec![Value::from_f64(f)]))
}

pub const FLOAT_METHODS: &[MethodDef] = &[
    staticmethod("__new__", float_new),
    method("is_integer", float_is_integer),
    method("__int__", float_int),
    method("__trunc__", float_int),
    method("__float__", float_float),
    method("__abs__", float_abs),
    method("__pos__", float_float),
    method("__floor__", float_floor),
    method("__ceil__", float_ceil),
    method("__round__", float_round),
    method("__getnewargs__", float_getnewargs),
    method("as_integer_ratio", float_as_integer_ratio),
    method("conjugate", float_float),
    method("hex", float_hex),
    classmethod("fromhex", float_fromhex),
    classmethod("from_number", float_from_number),
];

// ---- complex ------------------------------------------------------------------------------

/// `__complex__` of `v`, checked to return a complex; `None` when there is none.
fn call_complex_dunder(vm: &mut Vm, v: Value) -> PyResult<Option<(f64, f64)>> {
    let Some(r) = ops::call::call_special(vm, v, "__complex__", &[])? else {
        return Ok(None);
    };
    match Gc::<ComplexBody>::from_value(ops::unwrap_payload(r)) {
        Some(c) => Ok(Some((c.re, c.im))),
        None => {
            let tn = ops::type_name(vm, r);
            Err(vm.type_error(format!("__complex__ returned non-complex (type {tn})")))
        }
    }
}

/// Whether `v` has `__float__` or `__index__` (CPython's check before `PyNumber_Float`).
fn has_real_conversion(vm: &mut Vm, v: Value) -> bool {
    if int_of(v).is_some() || float_of(v).is_some() {
        return true;
    }
    let ty = type_of(vm, v);
    ["__float__", "__index__"]
        .iter()
        .any(|n| crate::ops::attr::lookup_type(vm, ty, n).is_some())
}

fn complex_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let cls = class_arg(vm, args, "complex")?;
    args.only_kwargs(vm, "complex", &["real", "imag"])?;
    let pos = &args.pos()[1..];
    if pos.len() > 2 {
        return Err(vm.type_error(format!(
            "complex() takes at most 2 arguments ({} given)",
            pos.len()
        )));
    }
    let real = pos.first().copied().or(args.kwarg("real"));
    let imag = pos.get(1).copied().or(args.kwarg("imag"));
    let (re, im) = complex_from_args(vm, real, imag)?;
    if cls == vm.rt.types.complex {
        return Ok(new_complex(vm, re, im));
    }
    let c = new_complex(vm, re, im);
    Ok(wrap_payload(vm, cls, c))
}

/// `complex_new_impl`: the value of `complex(real, imag)`.
fn complex_from_args(
    vm: &mut Vm,
    real: Option<Value>,
    imag: Option<Value>,
) -> PyResult<(f64, f64)> {
    let Some(r) = real else {
        return match imag {
            None => Ok((0.0, 0.0)),
            Some(i) => complex_from_args(vm, Some(Value::small_int(0)), Some(i)),
        };
    };
    if let Some(s) = ops::str_of(r) {
        if imag.is_some() {
            return Err(vm.type_error("complex() can't take second arg if first is a string"));
        }
        let c = cx::parse_complex(s).map_err(|e| num_error(vm, e))?;
        return Ok((c.re, c.im));
    }
    if let Some(i) = imag
        && ops::str_of(i).is_some()
    {
        return Err(vm.type_error("complex() second arg can't be a string"));
    }
    // The real part: `__complex__`, a complex, or a real number.
    let (cr, cr_is_complex) = if let Some(c) = call_complex_dunder(vm, r)? {
        (c, true)
    } else if let Some(c) = Gc::<ComplexBody>::from_value(ops::unwrap_payload(r)) {
        ((c.re, c.im), true)
    } else if has_real_conversion(vm, r) {
        ((as_double(vm, r)?, 0.0), false)
    } else {
        let tn = ops::type_name(vm, r);
        return Err(vm.type_error(format!(
            "complex() first argument must be a string or a number, not '{tn}'"
        )));
    };
    let (ci, ci_is_complex) = match imag {
        None => ((cr.1, 0.0), false),
        Some(i) => {
            if let Some(c) = Gc::<ComplexBody>::from_value(ops::unwrap_payload(i)) {
                ((c.re, c.im), true)
            } else if has_real_conversion(vm, i) {
                ((as_double(vm, i)?, 0.0), false)
            } else {
                let tn = ops::type_name(vm, i);
                return Err(vm.type_error(format!(
                    "complex() second argument must be a number, not '{tn}'"
                )));
            }
        }
    };
    let mut re = cr.0;
    let mut im = ci.0;
    if ci_is_complex {
        re -= ci.1;
    }
    if cr_is_complex && imag.is_some() {
        im += cr.1;
    }
    Ok((re, im))
}

/// `PyComplex_AsCComplex`: a complex, `__complex__`, or a real number.
fn as_complex(vm: &mut Vm, v: Value) -> PyResult<(f64, f64)> {
    if let Some(c) = Gc::<ComplexBody>::from_value(ops::unwrap_payload(v)) {
        return Ok((c.re, c.im));
    }
    if let Some(c) = call_complex_dunder(vm, v)? {
        return Ok(c);
    }
    Ok((as_double(vm, v)?, 0.0))
}

fn self_complex(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Complex> {
    let v = args.pos().first().copied().unwrap_or(Value::NONE);
    match Gc::<ComplexBody>::from_value(ops::unwrap_payload(v)) {
        Some(c) => Ok(Complex::new(c.re, c.im)),
        None => {
            let tn = ops::type_name(vm, v);
            Err(vm.type_error(format!(
                "descriptor '{name}' for 'complex' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

fn complex_conjugate(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    no_args(vm, args, "complex.conjugate")?;
    let c = self_complex(vm, args, "conjugate")?;
    Ok(new_complex(vm, c.re, -c.im))
}

fn complex_abs(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let c = self_complex(vm, args, "__abs__")?;
    cx::abs(c)
        .map(Value::from_f64)
        .map_err(|e| num_error(vm, e))
}

fn complex_complex(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let c = self_complex(vm, args, "__complex__")?;
    Ok(new_complex(vm, c.re, c.im))
}

fn complex_getnewargs(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let c = self_complex(vm, args, "__getnewargs__")?;
    Ok(vm.new_tuple(vec![Value::from_f64(c.re), Value::from_f64(c.im)]))
}

/// `complex.from_number(x)` (3.14): any number, never a string.
fn complex_from_number(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.no_kwargs(vm, "from_number")?;
    let [cls, x] = args.pos() else {
        let n = args.pos().len().saturating_sub(1);
        return Err(vm.type_error(format!(
            "complex.from_number() takes exactly one argument ({n} given)"
        )));
    };
    let (re, im) = as_complex(vm, *x)?;
    let c = new_complex(vm, re, im);
    let complex = vm.rt.types.complex;
    call_subclass(vm, *cls, complex, c)
}

pub const COMPLEX_METHODS: &[MethodDef] = &[
    staticmethod("__new__", complex_new),
    method("conjugate", complex_conjugate),
    method("__abs__", complex_abs),
    method("__complex__", complex_complex),
    method("__getnewargs__", complex_getnewargs),
    classmethod("from_number", complex_from_number),
];

/// Whether `v` is a builtin number of any kind (for `abs()`, `round()`…).
pub fn is_number(v: Value) -> bool {
    int_of(v).is_some()
        || float_of(v).is_some()
        || kind_of(ops::unwrap_payload(v)) == Some(ObjKind::Complex)
}

/// The type of `v` is exactly `int` (not bool, not a subclass).
pub fn is_exact_int(vm: &Vm, v: Value) -> bool {
    v.is_small_int() || type_of(vm, v) == vm.rt.types.int
}
