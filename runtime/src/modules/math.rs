//! The `math` module: argument conversion (`PyFloat_AsDouble`, `__index__`, `__floor__`,
//! `__ceil__`, `__trunc__`) around the pure functions of `crate::mathfns`, which carry
//! CPython 3.14's results and error texts. The only algorithms here are the ones that
//! interleave with Python calls: the type-switching accumulators of `sumprod` and `prod`
//! (CPython's `math_sumprod_impl` and `math_prod_impl`).

use compiler::ir::ops::BinOp;
use num_bigint::BigInt;
use num_traits::ToPrimitive;

use crate::args::Args;
use crate::builtins::numbers::as_double;
use crate::errors::{PyErr, PyResult};
use crate::interp::Vm;
use crate::mathfns::{self, LogArg, MathError, MathResult};
use crate::object::Gc;
use crate::ops::{self, arith::binary_op, float_of, int_of};
use crate::types::module::ModuleBody;
use crate::value::Value;

/// A [`MathError`] as a Python exception.
fn math_error(vm: &mut Vm, e: MathError) -> PyErr {
    crate::builtins::formatting::named_error(vm, e.type_name, &e.message)
}

fn float_result(vm: &mut Vm, r: MathResult<f64>) -> PyResult<Value> {
    r.map(Value::from_f64).map_err(|e| math_error(vm, e))
}

fn int_result(vm: &mut Vm, r: MathResult<BigInt>) -> PyResult<Value> {
    match r {
        Ok(b) => Ok(vm.new_bigint(b)),
        Err(e) => Err(math_error(vm, e)),
    }
}

/// The one argument of a `METH_O` function ("math.sqrt() takes exactly one argument").
fn one(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Value> {
    args.one(vm, &format!("math.{name}"))
}

fn one_float(vm: &mut Vm, args: &Args, name: &str) -> PyResult<f64> {
    let v = one(vm, args, name)?;
    as_double(vm, v)
}

fn two_floats(vm: &mut Vm, args: &Args, name: &str) -> PyResult<(f64, f64)> {
    let a = args.range(vm, name, 2, 2)?;
    Ok((as_double(vm, a[0])?, as_double(vm, a[1])?))
}

macro_rules! unary_result {
    ($($name:ident),* $(,)?) => {$(
        fn $name(vm: &mut Vm, args: &Args) -> PyResult<Value> {
            let x = one_float(vm, args, stringify!($name))?;
            float_result(vm, mathfns::$name(x))
        }
    )*};
}

macro_rules! unary_plain {
    ($($name:ident),* $(,)?) => {$(
        fn $name(vm: &mut Vm, args: &Args) -> PyResult<Value> {
            let x = one_float(vm, args, stringify!($name))?;
            Ok(Value::from_f64(mathfns::$name(x)))
        }
    )*};
}

macro_rules! binary_result {
    ($($name:ident),* $(,)?) => {$(
        fn $name(vm: &mut Vm, args: &Args) -> PyResult<Value> {
            let (x, y) = two_floats(vm, args, stringify!($name))?;
            float_result(vm, mathfns::$name(x, y))
        }
    )*};
}

macro_rules! predicate {
    ($($name:ident),* $(,)?) => {$(
        fn $name(vm: &mut Vm, args: &Args) -> PyResult<Value> {
            let x = one_float(vm, args, stringify!($name))?;
            Ok(Value::from_bool(mathfns::$name(x)))
        }
    )*};
}

unary_result!(
    acos, acosh, asin, asinh, atan, atanh, cbrt, cos, cosh, exp, exp2, expm1, log1p, sin, sinh,
    sqrt, tan, tanh, gamma, lgamma,
);
unary_plain!(fabs, erf, erfc, degrees, radians, ulp);
binary_result!(atan2, copysign, remainder, fmod, pow);
predicate!(isfinite, isinf, isnan);

// ---- logarithms ---------------------------------------------------------------------------

/// Calls `f` with the argument as CPython's `loghelper` sees it: ints exactly, anything
/// else through `PyFloat_AsDouble`.
fn with_log_arg<T>(vm: &mut Vm, v: Value, f: impl FnOnce(LogArg<'_>) -> T) -> PyResult<T> {
    if let Some(b) = ops::bigint_of(v) {
        return Ok(f(LogArg::Int(&b)));
    }
    let x = as_double(vm, v)?;
    Ok(f(LogArg::Float(x)))
}

fn log(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "log", 1, 2)?;
    let r = match a.get(1) {
        None => with_log_arg(vm, a[0], |x| mathfns::log(x, None))?,
        Some(&base) => {
            // Both arguments are converted before either logarithm is taken.
            let x = ops::bigint_of(a[0]);
            let xf = if x.is_none() {
                Some(as_double(vm, a[0])?)
            } else {
                None
            };
            let xa = match (&x, xf) {
                (Some(b), _) => LogArg::Int(b),
                (None, f) => LogArg::Float(f.unwrap_or(f64::NAN)),
            };
            with_log_arg(vm, base, |b| mathfns::log(xa, Some(b)))?
        }
    };
    float_result(vm, r)
}

fn log2(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = one(vm, args, "log2")?;
    let r = with_log_arg(vm, v, mathfns::log2)?;
    float_result(vm, r)
}

fn log10(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = one(vm, args, "log10")?;
    let r = with_log_arg(vm, v, mathfns::log10)?;
    float_result(vm, r)
}

// ---- rounding to ints ---------------------------------------------------------------------

/// `math.floor`/`math.ceil`: exact floats and ints directly, then the special method,
/// then `PyFloat_AsDouble`.
fn rounding(
    vm: &mut Vm,
    args: &Args,
    name: &str,
    dunder: &str,
    f: fn(f64) -> MathResult<BigInt>,
) -> PyResult<Value> {
    let v = one(vm, args, name)?;
    if let Some(x) = v.as_f64() {
        return int_result(vm, f(x));
    }
    if v.is_small_int() {
        return Ok(v);
    }
    if let Some(r) = ops::call::call_special(vm, v, dunder, &[])? {
        return Ok(r);
    }
    let x = as_double(vm, v)?;
    int_result(vm, f(x))
}

fn floor(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    rounding(vm, args, "floor", "__floor__", mathfns::floor)
}

fn ceil(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    rounding(vm, args, "ceil", "__ceil__", mathfns::ceil)
}

/// `math.trunc`: only `__trunc__`, with no float fallback.
fn trunc(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = one(vm, args, "trunc")?;
    if let Some(x) = v.as_f64() {
        return int_result(vm, mathfns::trunc(x));
    }
    match ops::call::call_special(vm, v, "__trunc__", &[])? {
        Some(r) => Ok(r),
        None => {
            let tn = ops::type_name(vm, v);
            Err(vm.type_error(format!("type {tn} doesn't define __trunc__ method")))
        }
    }
}

// ---- float decomposition ------------------------------------------------------------------

fn frexp(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let x = one_float(vm, args, "frexp")?;
    let (m, e) = mathfns::frexp(x);
    Ok(vm.new_tuple(vec![Value::from_f64(m), Value::small_int(i64::from(e))]))
}

fn ldexp(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "ldexp", 2, 2)?;
    let x = as_double(vm, a[0])?;
    let Some(i) = ops::bigint_of(a[1]) else {
        return Err(vm.type_error("Expected an int as second argument to ldexp."));
    };
    float_result(vm, mathfns::ldexp(x, &i))
}

fn modf(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let x = one_float(vm, args, "modf")?;
    let (frac, int) = mathfns::modf(x);
    Ok(vm.new_tuple(vec![Value::from_f64(frac), Value::from_f64(int)]))
}

fn fma(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "fma", 3, 3)?;
    let x = as_double(vm, a[0])?;
    let y = as_double(vm, a[1])?;
    let z = as_double(vm, a[2])?;
    float_result(vm, mathfns::fma(x, y, z))
}

fn nextafter(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.only_kwargs(vm, "nextafter", &["steps"])?;
    let pos = args.pos();
    if pos.len() != 2 {
        let n = pos.len();
        let msg = if n < 2 {
            format!("nextafter expected 2 arguments, got {n}")
        } else {
            format!("nextafter() takes exactly 2 positional arguments ({n} given)")
        };
        return Err(vm.type_error(msg));
    }
    let x = as_double(vm, pos[0])?;
    let y = as_double(vm, pos[1])?;
    let steps = match args.kwarg("steps").filter(|v| !v.is_none()) {
        Some(s) => Some(ops::convert::index_bigint(vm, s)?),
        None => None,
    };
    float_result(vm, mathfns::nextafter(x, y, steps.as_ref()))
}

fn isclose(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.only_kwargs(vm, "isclose", &["a", "b", "rel_tol", "abs_tol"])?;
    let pos = args.pos();
    if pos.len() > 2 {
        return Err(vm.type_error(format!(
            "isclose() takes exactly 2 positional arguments ({} given)",
            pos.len()
        )));
    }
    let mut values = [None, None];
    for (i, name) in ["a", "b"].iter().enumerate() {
        values[i] = match (pos.get(i), args.kwarg(name)) {
            (Some(_), Some(_)) => {
                return Err(vm.type_error(format!(
                    "argument for isclose() given by name ('{name}') and position ({})",
                    i + 1
                )));
            }
            (p, k) => p.copied().or(k),
        };
    }
    let [Some(a), Some(b)] = values else {
        let (name, index) = if values[0].is_none() {
            ("a", 1)
        } else {
            ("b", 2)
        };
        return Err(vm.type_error(format!(
            "isclose() missing required argument '{name}' (pos {index})"
        )));
    };
    let a = as_double(vm, a)?;
    let b = as_double(vm, b)?;
    let rel_tol = match args.kwarg("rel_tol") {
        Some(r) => as_double(vm, r)?,
        None => 1e-9,
    };
    let abs_tol = match args.kwarg("abs_tol") {
        Some(r) => as_double(vm, r)?,
        None => 0.0,
    };
    match mathfns::isclose(a, b, rel_tol, abs_tol) {
        Ok(r) => Ok(Value::from_bool(r)),
        Err(e) => Err(math_error(vm, e)),
    }
}

// ---- integer functions --------------------------------------------------------------------

fn index(vm: &mut Vm, v: Value) -> PyResult<BigInt> {
    ops::convert::index_bigint(vm, v)
}

fn factorial(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = one(vm, args, "factorial")?;
    let n = index(vm, v)?;
    int_result(vm, mathfns::factorial(&n))
}

fn isqrt(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = one(vm, args, "isqrt")?;
    let n = index(vm, v)?;
    int_result(vm, mathfns::isqrt(&n))
}

fn comb(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "comb", 2, 2)?;
    let n = index(vm, a[0])?;
    let k = index(vm, a[1])?;
    int_result(vm, mathfns::comb(&n, &k))
}

fn perm(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "perm", 1, 2)?;
    let n = index(vm, a[0])?;
    let k = match a.get(1).filter(|v| !v.is_none()) {
        Some(&k) => Some(index(vm, k)?),
        None => None,
    };
    int_result(vm, mathfns::perm(&n, k.as_ref()))
}

fn integers(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Vec<BigInt>> {
    args.no_kwargs(vm, name)?;
    let mut out = Vec::with_capacity(args.pos().len());
    for &v in args.pos() {
        out.push(index(vm, v)?);
    }
    Ok(out)
}

fn gcd(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let ints = integers(vm, args, "gcd")?;
    Ok(vm.new_bigint(mathfns::gcd(&ints)))
}

fn lcm(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let ints = integers(vm, args, "lcm")?;
    Ok(vm.new_bigint(mathfns::lcm(&ints)))
}

// ---- sums and products --------------------------------------------------------------------

fn fsum(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = one(vm, args, "fsum")?;
    let it = ops::iter::get_iter(vm, v)?;
    let mut sum = mathfns::Fsum::new();
    while let Some(item) = ops::iter::next(vm, it)? {
        let x = as_double(vm, item)?;
        if let Err(e) = sum.add(x) {
            return Err(math_error(vm, e));
        }
    }
    float_result(vm, sum.result())
}

/// The floats of a point argument of `dist` (any iterable; CPython makes it a tuple).
fn floats_of(vm: &mut Vm, v: Value) -> PyResult<Vec<f64>> {
    let it = ops::iter::get_iter(vm, v)?;
    let mut out = Vec::new();
    while let Some(item) = ops::iter::next(vm, it)? {
        out.push(as_double(vm, item)?);
    }
    Ok(out)
}

fn hypot(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.no_kwargs(vm, "hypot")?;
    let mut coords = Vec::with_capacity(args.pos().len());
    for &v in args.pos() {
        coords.push(as_double(vm, v)?);
    }
    Ok(Value::from_f64(mathfns::hypot(&coords)))
}

fn dist(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "dist", 2, 2)?;
    for &v in a {
        let is_sequence = ops::tuple_items(v).is_some()
            || ops::has_kind(ops::unwrap_payload(v), crate::object::ObjKind::List);
        if !is_sequence {
            let tn = ops::type_name(vm, v);
            return Err(vm.type_error(format!("dist(): argument must be tuple, not {tn}")));
        }
    }
    let p = floats_of(vm, a[0])?;
    let q = floats_of(vm, a[1])?;
    float_result(vm, mathfns::dist(&p, &q))
}

fn prod(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.only_kwargs(vm, "prod", &["start"])?;
    let pos = args.pos();
    if pos.len() != 1 {
        let msg = if pos.is_empty() {
            "prod() missing required argument 'iterable' (pos 1)".to_owned()
        } else {
            format!(
                "prod() takes exactly 1 positional argument ({} given)",
                pos.len()
            )
        };
        return Err(vm.type_error(msg));
    }
    let mut acc = args.kwarg("start").unwrap_or(Value::small_int(1));
    let it = ops::iter::get_iter(vm, pos[0])?;
    while let Some(item) = ops::iter::next(vm, it)? {
        acc = binary_op(vm, acc, item, BinOp::Mul)?;
    }
    Ok(acc)
}

/// An exact int (not a bool or subclass) that fits an `i64`.
fn exact_i64(vm: &Vm, v: Value) -> Option<i64> {
    if let Some(i) = v.as_small_int() {
        return Some(i);
    }
    if ops::type_of(vm, v) != vm.rt.types.int {
        return None;
    }
    match int_of(v)? {
        ops::IntRef::Small(i) => Some(i),
        ops::IntRef::Big(b) => b.to_i64(),
    }
}

/// An exact int or a bool (the float path's partner of a float), as a double; `None` when
/// it is neither or does not convert.
fn int_partner(vm: &Vm, v: Value) -> Option<f64> {
    if !(v.is_bool() || v.is_small_int() || ops::type_of(vm, v) == vm.rt.types.int) {
        return None;
    }
    match int_of(v)? {
        ops::IntRef::Small(i) => Some(i as f64),
        ops::IntRef::Big(b) => crate::numeric::int_float::int_to_f64(b).ok(),
    }
}

/// `math.sumprod(p, q)` following `math_sumprod_impl`: an `i64` accumulator while the
/// pairs are exact ints, a triple-length float accumulator while they are floats (or a
/// float and an int), and `*`/`+` on objects once either path is abandoned.
fn sumprod(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "sumprod", 2, 2)?;
    let p_it = ops::iter::get_iter(vm, a[0])?;
    let q_it = ops::iter::get_iter(vm, a[1])?;
    let mut total = Value::small_int(0);
    let mut int_path = true;
    let mut int_total: Option<i64> = None;
    let mut flt_path = true;
    let mut flt_total = mathfns::SumprodFloat::new();
    loop {
        let p = ops::iter::next(vm, p_it)?;
        let q = ops::iter::next(vm, q_it)?;
        let pair = match (p, q) {
            (Some(p), Some(q)) => Some((p, q)),
            (None, None) => None,
            _ => return Err(vm.value_error("Inputs are not the same length")),
        };
        if int_path {
            if let Some((p, q)) = pair
                && let (Some(x), Some(y)) = (exact_i64(vm, p), exact_i64(vm, q))
                && let Some(t) = mathfns::sumprod_int_step(int_total.unwrap_or(0), x, y)
            {
                int_total = Some(t);
                continue;
            }
            int_path = false;
            if let Some(t) = int_total.take() {
                let term = vm.new_int(t);
                total = binary_op(vm, total, term, BinOp::Add)?;
            }
        }
        if flt_path {
            if let Some((p, q)) = pair {
                let operands = match (float_exact(vm, p), float_exact(vm, q)) {
                    (Some(x), Some(y)) => Some((x, y)),
                    (Some(x), None) => int_partner(vm, q).map(|y| (x, y)),
                    (None, Some(y)) => int_partner(vm, p).map(|x| (x, y)),
                    (None, None) => None,
                };
                if let Some((x, y)) = operands
                    && flt_total.try_add(x, y)
                {
                    continue;
                }
            }
            flt_path = false;
            if flt_total.in_use() {
                let term = Value::from_f64(flt_total.value());
                flt_total = mathfns::SumprodFloat::new();
                total = binary_op(vm, total, term, BinOp::Add)?;
            }
        }
        let Some((p, q)) = pair else {
            return Ok(total);
        };
        let term = binary_op(vm, p, q, BinOp::Mul)?;
        total = binary_op(vm, total, term, BinOp::Add)?;
    }
}

/// An exact float (not a subclass).
fn float_exact(vm: &Vm, v: Value) -> Option<f64> {
    if let Some(f) = v.as_f64() {
        return Some(f);
    }
    if ops::type_of(vm, v) == vm.rt.types.float {
        float_of(v)
    } else {
        None
    }
}

/// Builds `math`.
pub fn create(vm: &mut Vm) -> PyResult<Gc<ModuleBody>> {
    let m = super::new_module_with(
        vm,
        "math",
        &[
            ("acos", acos),
            ("acosh", acosh),
            ("asin", asin),
            ("asinh", asinh),
            ("atan", atan),
            ("atan2", atan2),
            ("atanh", atanh),
            ("cbrt", cbrt),
            ("ceil", ceil),
            ("comb", comb),
            ("copysign", copysign),
            ("cos", cos),
            ("cosh", cosh),
            ("degrees", degrees),
            ("dist", dist),
            ("erf", erf),
            ("erfc", erfc),
            ("exp", exp),
            ("exp2", exp2),
            ("expm1", expm1),
            ("fabs", fabs),
            ("factorial", factorial),
            ("floor", floor),
            ("fma", fma),
            ("fmod", fmod),
            ("frexp", frexp),
            ("fsum", fsum),
            ("gamma", gamma),
            ("gcd", gcd),
            ("hypot", hypot),
            ("isclose", isclose),
            ("isfinite", isfinite),
            ("isinf", isinf),
            ("isnan", isnan),
            ("isqrt", isqrt),
            ("lcm", lcm),
            ("ldexp", ldexp),
            ("lgamma", lgamma),
            ("log", log),
            ("log10", log10),
            ("log1p", log1p),
            ("log2", log2),
            ("modf", modf),
            ("nextafter", nextafter),
            ("perm", perm),
            ("pow", pow),
            ("prod", prod),
            ("radians", radians),
            ("remainder", remainder),
            ("sin", sin),
            ("sinh", sinh),
            ("sqrt", sqrt),
            ("sumprod", sumprod),
            ("tan", tan),
            ("tanh", tanh),
            ("trunc", trunc),
            ("ulp", ulp),
        ],
    );
    for (name, v) in [
        ("pi", mathfns::PI),
        ("e", mathfns::E),
        ("tau", mathfns::TAU),
        ("inf", mathfns::INF),
        ("nan", mathfns::NAN),
    ] {
        super::set(vm, m, name, Value::from_f64(v));
    }
    Ok(m)
}
