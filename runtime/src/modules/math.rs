//! The `math` module: argument conversion around the pure functions (`f64` methods
//! here; the complete set with CPython's exact error behaviour lives in `mathfns`).

use num_bigint::BigInt;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::args::Args;
use crate::builtins::numbers::to_f64;
use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::Gc;
use crate::ops;
use crate::types::module::ModuleBody;
use crate::value::Value;

fn arg_f(vm: &mut Vm, args: &Args, name: &str) -> PyResult<f64> {
    let v = args.one(vm, name)?;
    if let Some(b) = ops::bigint_of(v)
        && b.to_f64().is_none_or(f64::is_infinite)
    {
        return Err(vm.overflow_error("int too large to convert to float"));
    }
    to_f64(vm, v)
}

fn domain(vm: &mut Vm) -> crate::errors::PyErr {
    vm.value_error("math domain error")
}

fn check(vm: &mut Vm, x: f64, r: f64) -> PyResult<Value> {
    if r.is_nan() && !x.is_nan() {
        return Err(domain(vm));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(vm.overflow_error("math range error"));
    }
    Ok(Value::from_f64(r))
}

macro_rules! unary {
    ($name:ident, $f:expr) => {
        fn $name(vm: &mut Vm, args: &Args) -> PyResult<Value> {
            let x = arg_f(vm, args, stringify!($name))?;
            let f: fn(f64) -> f64 = $f;
            check(vm, x, f(x))
        }
    };
}

unary!(sin, f64::sin);
unary!(cos, f64::cos);
unary!(tan, f64::tan);
unary!(asin, f64::asin);
unary!(acos, f64::acos);
unary!(atan, f64::atan);
unary!(sinh, f64::sinh);
unary!(cosh, f64::cosh);
unary!(tanh, f64::tanh);
unary!(asinh, f64::asinh);
unary!(acosh, f64::acosh);
unary!(atanh, f64::atanh);
unary!(exp, f64::exp);
unary!(exp2, f64::exp2);
unary!(expm1, f64::exp_m1);
unary!(fabs, f64::abs);
unary!(cbrt, f64::cbrt);
unary!(degrees, f64::to_degrees);
unary!(radians, f64::to_radians);

fn sqrt(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let x = arg_f(vm, args, "sqrt")?;
    if x < 0.0 {
        return Err(vm.value_error(format!("expected a nonnegative input, got {}", ops::repr::float_repr(x))));
    }
    Ok(Value::from_f64(x.sqrt()))
}

fn log_of(vm: &mut Vm, v: Value) -> PyResult<f64> {
    if let Some(b) = ops::bigint_of(v).filter(|_| !v.is_float()) {
        if !b.is_positive() {
            return Err(vm.value_error("expected a positive input"));
        }
        // ln(b) = ln(mantissa) + shift * ln 2 for ints beyond f64.
        let bits = b.bits();
        if bits > 1000 {
            let shift = bits - 60;
            let top = (&b >> shift).to_f64().unwrap_or(1.0);
            return Ok(top.ln() + shift as f64 * std::f64::consts::LN_2);
        }
        return Ok(b.to_f64().unwrap_or(f64::INFINITY).ln());
    }
    let x = to_f64(vm, v)?;
    if x <= 0.0 {
        return Err(vm.value_error(format!("expected a positive input, got {}", ops::repr::float_repr(x))));
    }
    Ok(x.ln())
}

fn log(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "log", 1, 2)?;
    let num = log_of(vm, a[0])?;
    match a.get(1) {
        Some(&b) => {
            let den = log_of(vm, b)?;
            if den == 0.0 {
                return Err(vm.zero_division_error("division by zero"));
            }
            Ok(Value::from_f64(num / den))
        }
        None => Ok(Value::from_f64(num)),
    }
}

fn log2(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "log2")?;
    let l = log_of(vm, v)?;
    Ok(Value::from_f64(match ops::float_of(v) {
        Some(x) => x.log2(),
        None => l / std::f64::consts::LN_2,
    }))
}

fn log10(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "log10")?;
    let l = log_of(vm, v)?;
    Ok(Value::from_f64(match ops::float_of(v) {
        Some(x) => x.log10(),
        None => l / std::f64::consts::LN_10,
    }))
}

fn log1p(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let x = arg_f(vm, args, "log1p")?;
    if x <= -1.0 {
        return Err(domain(vm));
    }
    Ok(Value::from_f64(x.ln_1p()))
}

fn to_int_result(vm: &mut Vm, f: f64) -> PyResult<Value> {
    crate::builtins::numbers::int_from(vm, Value::from_f64(f), None)
}

fn rounding(vm: &mut Vm, args: &Args, name: &str, dunder: &str, f: fn(f64) -> f64) -> PyResult<Value> {
    let v = args.one(vm, name)?;
    if let Some(i) = ops::bigint_of(v).filter(|_| !v.is_float()) {
        return Ok(vm.new_bigint(i));
    }
    if let Some(x) = ops::float_of(v) {
        return to_int_result(vm, f(x));
    }
    if let Some(r) = ops::call::call_special(vm, v, dunder, &[])? {
        return Ok(r);
    }
    let x = to_f64(vm, v)?;
    to_int_result(vm, f(x))
}

fn floor(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    rounding(vm, args, "floor", "__floor__", f64::floor)
}

fn ceil(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    rounding(vm, args, "ceil", "__ceil__", f64::ceil)
}

fn trunc(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    rounding(vm, args, "trunc", "__trunc__", f64::trunc)
}

fn two_f(vm: &mut Vm, args: &Args, name: &str) -> PyResult<(f64, f64)> {
    let a = args.range(vm, name, 2, 2)?;
    Ok((to_f64(vm, a[0])?, to_f64(vm, a[1])?))
}

fn pow(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let (x, y) = two_f(vm, args, "pow")?;
    if x == 0.0 && y < 0.0 {
        return Err(domain(vm));
    }
    if x < 0.0 && y.fract() != 0.0 && y.is_finite() {
        return Err(domain(vm));
    }
    let r = x.powf(y);
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(vm.overflow_error("math range error"));
    }
    Ok(Value::from_f64(r))
}

fn atan2(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let (y, x) = two_f(vm, args, "atan2")?;
    Ok(Value::from_f64(y.atan2(x)))
}

fn copysign(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let (x, y) = two_f(vm, args, "copysign")?;
    Ok(Value::from_f64(x.copysign(y)))
}

fn fmod(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let (x, y) = two_f(vm, args, "fmod")?;
    if y == 0.0 || x.is_infinite() {
        return Err(domain(vm));
    }
    Ok(Value::from_f64(x % y))
}

fn hypot(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let mut acc = 0.0f64;
    for &v in args.pos() {
        let x = to_f64(vm, v)?;
        acc = acc.hypot(x);
    }
    Ok(Value::from_f64(acc))
}

fn pred(vm: &mut Vm, args: &Args, name: &str, f: fn(f64) -> bool) -> PyResult<Value> {
    let x = arg_f(vm, args, name)?;
    Ok(Value::from_bool(f(x)))
}

fn isnan(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    pred(vm, args, "isnan", f64::is_nan)
}

fn isinf(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    pred(vm, args, "isinf", f64::is_infinite)
}

fn isfinite(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    pred(vm, args, "isfinite", f64::is_finite)
}

fn int_arg(vm: &mut Vm, v: Value, fname: &str) -> PyResult<BigInt> {
    if v.is_float() {
        let _ = fname;
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    ops::convert::index_bigint(vm, v)
}

fn gcd(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let mut g = BigInt::zero();
    for &v in args.pos() {
        let b = int_arg(vm, v, "gcd")?;
        g = num_integer::Integer::gcd(&g, &b);
    }
    Ok(vm.new_bigint(g))
}

fn lcm(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let mut l = BigInt::one();
    for &v in args.pos() {
        let b = int_arg(vm, v, "lcm")?;
        if b.is_zero() {
            return Ok(Value::small_int(0));
        }
        l = num_integer::Integer::lcm(&l, &b);
    }
    Ok(vm.new_bigint(l))
}

fn factorial(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "factorial")?;
    let n = int_arg(vm, v, "factorial")?;
    if n.is_negative() {
        return Err(vm.value_error("factorial() not defined for negative values"));
    }
    let Some(n) = n.to_u64() else {
        return Err(vm.overflow_error("factorial() argument should not exceed 9223372036854775807"));
    };
    let mut acc = BigInt::one();
    for i in 2..=n {
        acc *= i;
    }
    Ok(vm.new_bigint(acc))
}

fn isqrt(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "isqrt")?;
    let n = int_arg(vm, v, "isqrt")?;
    if n.is_negative() {
        return Err(vm.value_error("isqrt() argument must be nonnegative"));
    }
    Ok(vm.new_bigint(n.sqrt()))
}

fn comb_perm(vm: &mut Vm, args: &Args, comb: bool) -> PyResult<Value> {
    let name = if comb { "comb" } else { "perm" };
    let a = args.range(vm, name, 1, 2)?;
    let n = int_arg(vm, a[0], name)?;
    let k = match a.get(1).filter(|v| !v.is_none()) {
        Some(&k) => int_arg(vm, k, name)?,
        None => n.clone(),
    };
    if n.is_negative() {
        return Err(vm.value_error("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(vm.value_error("k must be a non-negative integer"));
    }
    if k > n {
        return Ok(Value::small_int(0));
    }
    let k = if comb { std::cmp::min(k.clone(), &n - &k) } else { k };
    let Some(ku) = k.to_u64() else {
        return Err(vm.overflow_error("k too large"));
    };
    let mut acc = BigInt::one();
    for i in 0..ku {
        acc *= &n - BigInt::from(i);
        if comb {
            acc /= BigInt::from(i + 1);
        }
    }
    Ok(vm.new_bigint(acc))
}

fn comb(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    comb_perm(vm, args, true)
}

fn perm(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    comb_perm(vm, args, false)
}

fn fsum(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "fsum")?;
    let items = ops::iter::collect(vm, v)?;
    // Shewchuk's exact partial sums (CPython's msum).
    let mut partials: Vec<f64> = Vec::new();
    let mut special = 0.0f64;
    for it in items {
        let mut x = to_f64(vm, it)?;
        if !x.is_finite() {
            special += x;
            continue;
        }
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        partials.push(x);
    }
    if special != 0.0 || special.is_nan() {
        if special.is_nan() {
            return Err(vm.value_error("-inf + inf in fsum"));
        }
        return Ok(Value::from_f64(special));
    }
    let mut hi = 0.0;
    if let Some(mut n) = partials.len().checked_sub(1) {
        hi = partials[n];
        let mut lo = 0.0;
        while n > 0 {
            n -= 1;
            let x = hi;
            let y = partials[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(Value::from_f64(hi))
}

fn prod(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.only_kwargs(vm, "prod", &["start"])?;
    let v = args.range(vm, "prod", 1, 1).or_else(|_| Ok::<_, crate::errors::PyErr>(args.pos()))?[0];
    let mut acc = args.kwarg("start").unwrap_or(Value::small_int(1));
    let items = ops::iter::collect(vm, v)?;
    for it in items {
        acc = ops::arith::binary_op(vm, acc, it, compiler::ir::ops::BinOp::Mul)?;
    }
    Ok(acc)
}

fn isclose(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.only_kwargs(vm, "isclose", &["rel_tol", "abs_tol"])?;
    let a = args.pos();
    if a.len() != 2 {
        return Err(vm.type_error(format!("isclose() takes exactly 2 positional arguments ({} given)", a.len())));
    }
    let x = to_f64(vm, a[0])?;
    let y = to_f64(vm, a[1])?;
    let rel = match args.kwarg("rel_tol") {
        Some(r) => to_f64(vm, r)?,
        None => 1e-9,
    };
    let abs_tol = match args.kwarg("abs_tol") {
        Some(r) => to_f64(vm, r)?,
        None => 0.0,
    };
    if rel < 0.0 || abs_tol < 0.0 {
        return Err(vm.value_error("tolerances must be non-negative"));
    }
    if x == y {
        return Ok(Value::TRUE);
    }
    if x.is_infinite() || y.is_infinite() {
        return Ok(Value::FALSE);
    }
    let diff = (y - x).abs();
    Ok(Value::from_bool(diff <= (rel * y).abs() || diff <= (rel * x).abs() || diff <= abs_tol))
}

fn frexp_fn(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let x = arg_f(vm, args, "frexp")?;
    let (m, e) = crate::ops::hash::frexp(x);
    Ok(vm.new_tuple(vec![Value::from_f64(m), Value::small_int(e as i64)]))
}

fn ldexp(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "ldexp", 2, 2)?;
    let x = to_f64(vm, a[0])?;
    let e = ops::convert::index_i64_clamped(vm, a[1])?.clamp(-2200, 2200) as i32;
    let r = x * 2f64.powi(e / 2) * 2f64.powi(e - e / 2);
    if r.is_infinite() && x.is_finite() {
        return Err(vm.overflow_error("math range error"));
    }
    Ok(Value::from_f64(r))
}

fn modf(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let x = arg_f(vm, args, "modf")?;
    let i = x.trunc();
    let f = if x.is_infinite() { 0.0f64.copysign(x) } else { x - i };
    Ok(vm.new_tuple(vec![Value::from_f64(f), Value::from_f64(i)]))
}

fn dist(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "dist", 2, 2)?;
    let p = ops::iter::collect(vm, a[0])?;
    let q = ops::iter::collect(vm, a[1])?;
    if p.len() != q.len() {
        return Err(vm.value_error("both points must have the same number of dimensions"));
    }
    let mut acc = 0.0f64;
    for (x, y) in p.into_iter().zip(q) {
        let d = to_f64(vm, x)? - to_f64(vm, y)?;
        acc = acc.hypot(d);
    }
    Ok(Value::from_f64(acc))
}

/// Builds `math`.
pub fn create(vm: &mut Vm) -> PyResult<Gc<ModuleBody>> {
    let m = super::new_module_with(vm, "math", &[
        ("sqrt", sqrt),
        ("sin", sin),
        ("cos", cos),
        ("tan", tan),
        ("asin", asin),
        ("acos", acos),
        ("atan", atan),
        ("atan2", atan2),
        ("sinh", sinh),
        ("cosh", cosh),
        ("tanh", tanh),
        ("asinh", asinh),
        ("acosh", acosh),
        ("atanh", atanh),
        ("exp", exp),
        ("exp2", exp2),
        ("expm1", expm1),
        ("fabs", fabs),
        ("cbrt", cbrt),
        ("degrees", degrees),
        ("radians", radians),
        ("log", log),
        ("log2", log2),
        ("log10", log10),
        ("log1p", log1p),
        ("floor", floor),
        ("ceil", ceil),
        ("trunc", trunc),
        ("pow", pow),
        ("copysign", copysign),
        ("fmod", fmod),
        ("hypot", hypot),
        ("isnan", isnan),
        ("isinf", isinf),
        ("isfinite", isfinite),
        ("gcd", gcd),
        ("lcm", lcm),
        ("factorial", factorial),
        ("isqrt", isqrt),
        ("comb", comb),
        ("perm", perm),
        ("fsum", fsum),
        ("prod", prod),
        ("isclose", isclose),
        ("frexp", frexp_fn),
        ("ldexp", ldexp),
        ("modf", modf),
        ("dist", dist),
    ]);
    for (name, v) in [
        ("pi", std::f64::consts::PI),
        ("e", std::f64::consts::E),
        ("tau", std::f64::consts::TAU),
        ("inf", f64::INFINITY),
        ("nan", f64::NAN),
    ] {
        super::set(vm, m, name, Value::from_f64(v));
    }
    Ok(m)
}
