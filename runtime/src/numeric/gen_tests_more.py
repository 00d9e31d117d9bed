"""Second half of gen_tests.py: arithmetic, rounding, hashing, hex, bytes and complex
tables. Run gen_tests.py, which calls `main` here."""
import math

INF = float('inf')
NAN = float('nan')


def main(g):
    gen_int_float(g)
    gen_arith(g)
    gen_round(g)
    gen_hash(g)
    gen_float_hex(g)
    gen_bytes(g)
    gen_complex(g)


COMMON = '''use super::*;

#[allow(dead_code, reason = "a helper shared by every generated test file")]
fn same(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

#[allow(dead_code, reason = "a helper shared by every generated test file")]
fn big(text: &str) -> BigInt {
    text.parse().unwrap()
}

#[allow(dead_code, reason = "a helper shared by every generated test file")]
fn check<T: std::fmt::Debug, W: std::fmt::Debug>(
    row: usize,
    got: NumResult<T>,
    want: Result<W, (&str, &str)>,
    eq: impl Fn(&T, &W) -> bool,
) {
    match (&got, &want) {
        (Ok(v), Ok(w)) => assert!(eq(v, w), "row {row}: got {v:?}, want {w:?}"),
        (Err(e), Err((kind, msg))) => {
            assert_eq!((e.kind.type_name(), e.message.as_str()), (*kind, *msg), "row {row}")
        }
        _ => panic!("row {row}: got {got:?}, want {want:?}"),
    }
}
'''

BIGS = [0, 1, -1, 7, -7, 2**53 + 1, 2**53 + 3, 2**54 + 2, 2**54 + 6, -(2**63), 2**63 - 1, 2**64,
        12345678901234567891234, -(2**60 + 1), 2**1024 - 2**970 - 1, 2**1024 - 2**970, 10**400,
        -(10**400), 2**1023 * 3 // 2 + 1]


def gen_int_float(g):
    to_f = ['(%s, %s)' % (g.rs_str(str(v)), g.outcome(lambda: float(v), g.fl)) for v in BIGS]
    floats = [0.0, -0.0, 0.9, -1.5, 1e308, -1e300, 2.0**63, -2.0**63, 5e-324, 123456789.75, INF, -INF, NAN]
    to_i = ['(%s, %s)' % (g.fl(x), g.outcome(lambda: int(x), lambda v: g.rs_str(str(v)))) for x in floats]
    pairs = [(1, 3), (-1, 3), (0, -5), (0, 5), (7, 0), (10**400, 1), (2**2000, 3), (1, 10**400),
             (2**1100 + 1, 2**1100), (1, 2**1074), (3, 2**1075), (1, 3 * 2**1070), (-(10**30), 7),
             (2**1024 - 2**970, 1), (2**1024 - 2**970 - 1, 1), (2**1025 - 2**971, 2),
             (10**300 + 1, 10**299), (-(2**60) - 1, 2**60 + 3), (2**53 + 1, 1), (5, 2**1076),
             (3, 2**1076), (10**500, 10**499), (1, -(2**1075) - 1), (2**2000 + 1, 2**976)]
    div = ['(%s, %s, %s)' % (g.rs_str(str(a)), g.rs_str(str(b)), g.outcome(lambda: a / b, g.fl)) for a, b in pairs]
    cmps = [(2**53 + 1, 2.0**53), (2**53, 2.0**53), (2**53 - 1, 2.0**53), (-(2**53) - 1, -2.0**53),
            (10**400, INF), (-(10**400), -INF), (10**400, 1e308), (5, 5.5), (-5, -5.5), (6, 5.5),
            (0, -0.0), (3, NAN), (2**64, 2.0**64), (2**64 + 1, 2.0**64), (2**63, 2.0**63),
            (-(2**63), -2.0**63), (-(2**63) - 1, -2.0**63), (2**63 - 1, 2.0**63), (2**100, 1.5 * 2**99)]

    def c(a, b):
        if math.isnan(b):
            return '2'
        return '-1' if a < b else ('0' if a == b else '1')
    cmp_rows = ['(%s, %s, %s)' % (g.rs_str(str(a)), g.fl(b), c(a, b)) for a, b in cmps]
    ratio_in = [0.0, -0.0, 0.5, -0.75, 1e300, 5e-324, 0.1, 3.0, INF, NAN]
    ratio = ['(%s, %s)' % (g.fl(x), g.outcome(lambda: x.as_integer_ratio(), lambda v: '(%s, %s)' % (g.rs_str(str(v[0])), g.rs_str(str(v[1]))))) for x in ratio_in]
    g.write('int_float_tests.rs', COMMON + '''
#[rustfmt::skip]
const TO_FLOAT: &[(&str, Result<f64, (&str, &str)>)] = &[
%s];

#[rustfmt::skip]
const TO_INT: &[(f64, Result<&str, (&str, &str)>)] = &[
%s];

#[rustfmt::skip]
const TRUE_DIV: &[(&str, &str, Result<f64, (&str, &str)>)] = &[
%s];

/// -1, 0, 1 for <, ==, >; 2 when unordered (NaN).
#[rustfmt::skip]
const COMPARE: &[(&str, f64, i8)] = &[
%s];

type Ratio = (&'static str, &'static str);

#[rustfmt::skip]
const RATIO: &[(f64, Result<Ratio, PyErr>)] = &[
%s];

#[test]
fn int_to_float() {
    for (i, &(v, want)) in TO_FLOAT.iter().enumerate() {
        check(i, int_to_f64(&big(v)), want, |a, b| same(*a, *b));
    }
}

#[test]
fn float_to_int() {
    for (i, &(x, want)) in TO_INT.iter().enumerate() {
        check(i, f64_to_int(x), want, |a, b| a.to_string() == *b);
        if let Ok(w) = want {
            assert_eq!(f64_to_i64(x).map(|v| v.to_string()), w.parse::<i64>().ok().map(|v| v.to_string()));
        }
    }
}

#[test]
fn true_division() {
    for (i, &(a, b, want)) in TRUE_DIV.iter().enumerate() {
        check(i, int_true_divide(&big(a), &big(b)), want, |x, y| same(*x, *y));
    }
}

#[test]
fn exact_comparison() {
    for (i, &(a, b, want)) in COMPARE.iter().enumerate() {
        let want = match want {
            -1 => Some(Ordering::Less),
            0 => Some(Ordering::Equal),
            1 => Some(Ordering::Greater),
            _ => None,
        };
        assert_eq!(compare_int_f64(&big(a), b), want, "row {i}");
        if let Ok(small) = a.parse::<i64>() {
            assert_eq!(compare_i64_f64(small, b), want, "row {i} (i64)");
        }
    }
}

#[test]
fn as_integer_ratio() {
    for (i, &(x, want)) in RATIO.iter().enumerate() {
        check(i, f64_as_integer_ratio(x), want, |(n, d), (wn, wd)| n.to_string() == *wn && d.to_string() == *wd);
    }
    assert!(f64_is_integer(3.0) && !f64_is_integer(3.5) && !f64_is_integer(f64::INFINITY));
}
''' % tuple(g.rows(r) for r in (to_f, to_i, div, cmp_rows, ratio)))


def gen_arith(g):
    ints = [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 5), (5, 0), (-(2**63), -1), (-(2**63), 1),
            (2**100 + 5, 7), (-(2**100), 3), (10**40, -(10**20) - 1), (6, 3), (-6, 3)]
    idiv = ['(%s, %s, %s)' % (g.rs_str(str(a)), g.rs_str(str(b)), g.outcome(lambda: divmod(a, b), lambda v: '(%s, %s)' % (g.rs_str(str(v[0])), g.rs_str(str(v[1]))))) for a, b in ints]
    fpairs = [(7.0, 2.0), (-7.0, 2.0), (7.0, -2.0), (-0.0, 5.0), (0.0, -5.0), (5.0, INF), (-5.0, INF),
              (5.0, -INF), (INF, 1.0), (1.0, 0.0), (7.0, -0.0), (NAN, 1.0), (1.0, NAN), (0.3, 0.1),
              (-1e-300, 1e300), (1e300, 1e-300), (-0.0, -5.0)]
    fdiv = ['(%s, %s, %s)' % (g.fl(a), g.fl(b), g.outcome(lambda: divmod(a, b), lambda v: '(%s, %s)' % (g.fl(v[0]), g.fl(v[1])))) for a, b in fpairs]
    fmod = ['(%s, %s, %s)' % (g.fl(a), g.fl(b), g.outcome(lambda: a % b, g.fl)) for a, b in fpairs]
    ipows = [(2, 10), (-3, 3), (2, 100), (0, 0), (0, 5), (-1, 10**30), (-1, 10**30 + 1), (1, 10**30),
             (2, -1), (-2, -1), (0, -1), (10, -400), (10**400, -1), (3, 0), (-2, -2)]

    def pw(v):
        return 'P::F(%s)' % g.fl(v) if isinstance(v, float) else 'P::I(%s)' % g.rs_str(str(v))
    ipow = ['(%s, %s, %s)' % (g.rs_str(str(a)), g.rs_str(str(b)), g.outcome(lambda: a ** b, pw)) for a, b in ipows]
    mods = [(2, 10, 1000), (2, -1, 5), (3, -2, 7), (2, -1, 4), (0, -1, 5), (2, -1, 1), (0, -1, 1),
            (5, 3, -7), (-5, 3, 7), (-5, 3, -7), (2, 3, 0), (7, 0, 13), (7, 0, -13), (2**100, 2**100, 10**9 + 7),
            (6, -1, -35)]
    pmod = ['(%s, %s, %s, %s)' % tuple([g.rs_str(str(x)) for x in m] + [g.outcome(lambda: pow(*m), lambda v: g.rs_str(str(v)))]) for m in mods]
    fpows = [(2.0, 10.0), (2.0, 0.5), (-8.0, 1.0 / 3), (-2.0, 3.0), (-2.0, 2.0), (0.0, -1.0), (-0.0, -1.0),
             (0.0, -1.5), (0.0, 3.0), (-0.0, 3.0), (-0.0, 2.0), (NAN, 0.0), (NAN, 1.0), (1.0, NAN),
             (0.5, INF), (2.0, INF), (-1.0, INF), (0.5, -INF), (INF, 3.0), (-INF, 3.0), (-INF, 2.0),
             (-INF, -3.0), (-INF, -2.0), (10.0, 400.0), (-10.0, 401.0), (10.0, -400.0), (-1.0, 1e300),
             (-1.0, 3.0), (1e-300, 2.0), (2.0, -1074.0), (2.0, -1080.0)]

    def fp(v):
        return 'FloatPow::Complex' if isinstance(v, complex) else 'FloatPow::Float(%s)' % g.fl(v)
    fpow = ['(%s, %s, %s)' % (g.fl(a), g.fl(b), g.outcome(lambda: a ** b, fp)) for a, b in fpows]
    shifts = [(1, 10, '<<'), (-1, 10, '<<'), (5, 0, '<<'), (0, 10**30, '<<'), (1, -1, '<<'), (1, -1, '>>'),
              (1024, 3, '>>'), (-1024, 3, '>>'), (-5, 1, '>>'), (-1, 1000, '>>'), (1, 1000, '>>'),
              (-(2**100) + 1, 99, '>>'), (5, 10**30, '>>'), (-5, 10**30, '>>'), (2**63 - 1, 1, '<<'),
              (-(2**62), 1, '<<'), (-(2**62) - 1, 1, '<<')]
    sh = ['(%s, %s, %s, %s)' % (g.rs_str(str(a)), g.rs_str(str(n)), 'true' if op == '<<' else 'false', g.outcome(lambda: a << n if op == '<<' else a >> n, lambda v: g.rs_str(str(v)))) for a, n, op in shifts]
    bits = [(-5, 3), (-(2**70), 2**65 + 7), (-1, -(2**80)), (12, -13), (0, -1)]
    bit_rows = ['(%s, %s, %s, %s, %s, %s)' % tuple(g.rs_str(str(x)) for x in (a, b, a & b, a | b, a ^ b, ~a)) for a, b in bits]
    g.write('arith_tests.rs', COMMON + '''
#[derive(Debug, Clone, Copy)]
enum P {
    I(&'static str),
    F(f64),
}

type Pair<T> = Result<(T, T), (&'static str, &'static str)>;

#[rustfmt::skip]
const INT_DIVMOD: &[(&str, &str, Pair<&str>)] = &[
%s];

#[rustfmt::skip]
const FLOAT_DIVMOD: &[(f64, f64, Pair<f64>)] = &[
%s];

#[rustfmt::skip]
const FLOAT_MOD: &[(f64, f64, Result<f64, (&str, &str)>)] = &[
%s];

#[rustfmt::skip]
const INT_POW: &[(&str, &str, Result<P, (&str, &str)>)] = &[
%s];

#[rustfmt::skip]
const POW_MOD: &[(&str, &str, &str, Result<&str, (&str, &str)>)] = &[
%s];

#[rustfmt::skip]
const FLOAT_POW: &[(f64, f64, Result<FloatPow, (&str, &str)>)] = &[
%s];

/// (value, count, left?, result)
#[rustfmt::skip]
const SHIFTS: &[(&str, &str, bool, Result<&str, (&str, &str)>)] = &[
%s];

/// (a, b, a & b, a | b, a ^ b, ~a)
#[rustfmt::skip]
const BITS: &[(&str, &str, &str, &str, &str, &str)] = &[
%s];

#[test]
fn int_divmod() {
    for (i, &(a, b, want)) in INT_DIVMOD.iter().enumerate() {
        let (a, b) = (big(a), big(b));
        check(i, divmod(&a, &b), want, |(q, r), (wq, wr)| q.to_string() == *wq && r.to_string() == *wr);
        check(i, floor_div(&a, &b), want.map(|w| w.0), |q, w| q.to_string() == *w);
        check(i, floor_mod(&a, &b), want.map(|w| w.1), |r, w| r.to_string() == *w);
        if let (Ok(x), Ok(y)) = (i64::try_from(&a), i64::try_from(&b)) {
            let fast = divmod_i64(x, y).map(|(q, r)| (q.to_string(), r.to_string()));
            let want = want.ok().map(|(q, r)| (q.to_string(), r.to_string()));
            let want = want.filter(|(q, r)| q.parse::<i64>().is_ok() && r.parse::<i64>().is_ok());
            assert_eq!(fast, want, "row {i} (i64)");
        }
    }
}

#[test]
fn float_divmod_and_mod() {
    for (i, &(a, b, want)) in FLOAT_DIVMOD.iter().enumerate() {
        check(i, float_divmod(a, b), want, |(q, r), (wq, wr)| same(*q, *wq) && same(*r, *wr));
        check(i, float_floor_div(a, b), want.map(|w| w.0), |q, w| same(*q, *w));
    }
    for (i, &(a, b, want)) in FLOAT_MOD.iter().enumerate() {
        check(i, float_mod(a, b), want, |r, w| same(*r, *w));
    }
}

#[test]
fn int_powers() {
    for (i, &(a, b, want)) in INT_POW.iter().enumerate() {
        check(i, int_pow(&big(a), &big(b)), want, |got, w| match (got, w) {
            (IntPow::Int(v), P::I(s)) => v.to_string() == *s,
            (IntPow::Float(x), P::F(y)) => same(*x, *y),
            _ => false,
        });
    }
}

#[test]
fn modular_powers() {
    for (i, &(a, b, m, want)) in POW_MOD.iter().enumerate() {
        check(i, int_pow_mod(&big(a), &big(b), &big(m)), want, |v, w| v.to_string() == *w);
    }
}

#[test]
fn float_powers() {
    for (i, &(a, b, want)) in FLOAT_POW.iter().enumerate() {
        check(i, float_pow(a, b), want, |got, w| match (got, w) {
            (FloatPow::Float(x), FloatPow::Float(y)) => same(*x, *y),
            (FloatPow::Complex, FloatPow::Complex) => true,
            _ => false,
        });
    }
}

#[test]
fn shifts() {
    for (i, &(a, n, left, want)) in SHIFTS.iter().enumerate() {
        let (a, n) = (big(a), big(n));
        let got = if left { shl(&a, &n) } else { shr(&a, &n) };
        check(i, got, want, |v, w| v.to_string() == *w);
        if let (Ok(x), Ok(c)) = (i64::try_from(&a), i64::try_from(&n)) {
            let fast = if left { shl_i64(x, c) } else { shr_i64(x, c) };
            let want = want.ok().and_then(|w| w.parse::<i64>().ok());
            assert_eq!(fast, want, "row {i} (i64)");
        }
    }
}

#[test]
fn bitwise_on_negative_ints() {
    for (i, &(a, b, and, or, xor, not)) in BITS.iter().enumerate() {
        let (a, b) = (big(a), big(b));
        assert_eq!((&a & &b).to_string(), and, "row {i} &");
        assert_eq!((&a | &b).to_string(), or, "row {i} |");
        assert_eq!((&a ^ &b).to_string(), xor, "row {i} ^");
        assert_eq!(invert(&a).to_string(), not, "row {i} ~");
    }
}

#[test]
fn i64_edge_cases() {
    assert_eq!(floor_div_i64(i64::MIN, -1), None);
    assert_eq!(mod_i64(i64::MIN, -1), Some(0));
    assert_eq!(pow_i64(2, 63), None);
    assert_eq!(pow_i64(-2, 63), Some(i64::MIN));
    assert_eq!(pow_i64(3, -1), None);
    assert_eq!(shl_i64(1, 63), None);
    assert_eq!(shl_i64(-1, 63), Some(i64::MIN));
    assert_eq!(shr_i64(i64::MIN, 1000), Some(-1));
}

#[test]
fn absurd_sizes_are_memory_errors() {
    let huge = BigInt::from(1) << 70u32;
    assert_eq!(shl(&BigInt::from(1), &huge).unwrap_err().kind, crate::numeric::ErrorKind::MemoryError);
    assert_eq!(int_pow(&BigInt::from(2), &huge).unwrap_err().kind, crate::numeric::ErrorKind::MemoryError);
}
''' % tuple(g.rows(r) for r in (idiv, fdiv, fmod, ipow, pmod, fpow, sh, bit_rows)))


def gen_round(g):
    cases = [(2.675, 2), (0.125, 2), (0.375, 2), (2.5, 0), (3.5, 0), (-0.4, 0), (-0.5, 0), (123.456, -2),
             (150.0, -2), (250.0, -2), (-250.0, -2), (123.456, -400), (-123.456, -400), (1e300, 300),
             (1.7976931348623157e308, -308), (1.7976931348623157e308, -307), (5e-324, 323), (5e-324, 324),
             (0.1, 1), (0.15, 1), (0.25, 1), (0.35, 1), (1.0000000000000002, 15), (INF, 2), (NAN, 0),
             (-0.0, 1), (1e22, -22), (5e22, -23), (0.5e-5, 5), (2.5e-5, 5), (1234.5678, 10**6),
             (1234.5678, -(10**6)), (-1.5, 0), (9.995, 2), (1e-320, 322)]
    rf = ['(%s, %s, %s)' % (g.fl(x), nd, g.outcome(lambda: round(x, nd), g.fl)) for x, nd in cases]
    to_int = [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4999999999999996, 1e20, -1e300, 0.49999999999999994, INF, -INF, NAN, 4503599627370497.0]
    ri = ['(%s, %s)' % (g.fl(x), g.outcome(lambda: round(x), lambda v: g.rs_str(str(v)))) for x in to_int]
    icases = [(5, -1), (15, -1), (25, -1), (-25, -1), (-35, -1), (12345, -2), (12350, -2), (12450, -2),
              (123, 2), (-123, 0), (10**50 + 5 * 10**29, -30), (999, -3), (500, -3), (1500, -3),
              (-7, -1)]
    rint = ['(%s, %s, %s)' % (g.rs_str(str(v)), g.rs_str(str(nd)), g.rs_str(str(round(v, nd)))) for v, nd in icases]
    g.write('round_tests.rs', COMMON + '''
#[rustfmt::skip]
const FLOAT_NDIGITS: &[(f64, i64, Result<f64, (&str, &str)>)] = &[
%s];

#[rustfmt::skip]
const FLOAT_TO_INT: &[(f64, Result<&str, (&str, &str)>)] = &[
%s];

#[rustfmt::skip]
const INT_NDIGITS: &[(&str, &str, &str)] = &[
%s];

#[test]
fn round_float_ndigits() {
    for (i, &(x, nd, want)) in FLOAT_NDIGITS.iter().enumerate() {
        check(i, round_f64(x, nd), want, |a, b| same(*a, *b));
    }
}

#[test]
fn round_float_to_int() {
    for (i, &(x, want)) in FLOAT_TO_INT.iter().enumerate() {
        check(i, round_f64_to_int(x), want, |a, b| a.to_string() == *b);
        let fast = round_f64_to_i64(x).map(|v| v.to_string());
        let want = want.ok().filter(|w| w.parse::<i64>().is_ok()).map(str::to_string);
        assert_eq!(fast, want, "row {i} (i64)");
    }
}

#[test]
fn round_int_ndigits() {
    for (i, &(v, nd, want)) in INT_NDIGITS.iter().enumerate() {
        assert_eq!(round_int(&big(v), &big(nd)).to_string(), want, "row {i}");
    }
}
''' % tuple(g.rows(r) for r in (rf, ri, rint)))


def gen_hash(g):
    ints = [0, 1, -1, -2, 2**61 - 2, 2**61 - 1, 2**61, -(2**61) + 1, 2**64, -(2**64), 10**100, -(10**100), 2**63 - 1, -(2**63)]
    hi = ['(%s, %d)' % (g.rs_str(str(v)), hash(v)) for v in ints]
    floats = [0.0, -0.0, 1.0, -1.0, 1.5, -0.5, 0.1, 1e300, -1e-300, 5e-324, 2.0**61, 2.0**62, INF, -INF, 123456789.125]
    hf = ['(%s, %d)' % (g.fl(x), hash(x)) for x in floats]
    cs = [(1.0, 2.0), (0.0, 0.0), (-1.0, 0.0), (1.5, -2.5), (INF, 1.0), (0.0, -1.0), (1e300, 1e-300)]
    hc = ['(%s, %s, %d)' % (g.fl(a), g.fl(b), hash(complex(a, b))) for a, b in cs]
    g.write('hash_tests.rs', COMMON.replace('use super::*;', 'use super::*;\nuse crate::numeric::NumResult;') + '''
#[rustfmt::skip]
const INTS: &[(&str, i64)] = &[
%s];

#[rustfmt::skip]
const FLOATS: &[(f64, i64)] = &[
%s];

#[rustfmt::skip]
const COMPLEXES: &[(f64, f64, i64)] = &[
%s];

#[test]
fn int_hashes() {
    for (i, &(v, want)) in INTS.iter().enumerate() {
        assert_eq!(hash_int(&big(v)), want, "row {i}");
    }
}

#[test]
fn float_hashes() {
    for (i, &(x, want)) in FLOATS.iter().enumerate() {
        assert_eq!(hash_f64(x), Some(want), "row {i}");
    }
    assert_eq!(hash_f64(f64::NAN), None);
}

#[test]
fn complex_hashes() {
    for (i, &(re, im, want)) in COMPLEXES.iter().enumerate() {
        assert_eq!(hash_complex(re, im), Some(want), "row {i}");
    }
    assert_eq!(hash_complex(1.0, f64::NAN), None);
}
''' % tuple(g.rows(r) for r in (hi, hf, hc)))


def gen_float_hex(g):
    xs = [0.0, -0.0, 1.0, -1.5, 0.1, 1e300, 5e-324, 2.2250738585072014e-308, 2.225073858507201e-308, 1.7976931348623157e308, INF, -INF, NAN, 3.14159]
    th = ['(%s, %s)' % (g.fl(x), g.rs_str(x.hex())) for x in xs]
    ins = ['0x1.8p1', '-0x1.8p-1074', '0x1p-1075', '0x3p-1076', '0x1.0000000000000fp0', '0x1.00000000000008p0',
           '0x1.00000000000018p0', '0x1.fffffffffffff8p1023', '0x1.fffffffffffff7p1023', '0x1p1024', '0x1p99999',
           '0x1p-99999', 'x', '', '0x', '0x.', '0x.8', '1', '1.', '.8', ' 0X1P+2 ', 'inf', '-Infinity', 'nan',
           '+nan', '0x1p', '0x1p+', '0xp1', '0x1.8p1x', '0x0p99999999999999999999', 'ff', '0x1_0',
           '0x' + '0' * 400 + '1p0', '0x1' + '0' * 300 + 'p-1200']
    fh = ['(%s, %s)' % (g.rs_str(s), g.outcome(lambda: float.fromhex(s), g.fl)) for s in ins]
    g.write('float_hex_tests.rs', COMMON.replace('use super::*;', 'use super::*;\nuse num_bigint::BigInt;') + '''
#[rustfmt::skip]
const TO_HEX: &[(f64, &str)] = &[
%s];

#[rustfmt::skip]
const FROM_HEX: &[(&str, Result<f64, (&str, &str)>)] = &[
%s];

#[test]
fn to_hex() {
    for (i, &(x, want)) in TO_HEX.iter().enumerate() {
        assert_eq!(float_to_hex(x), want, "row {i}");
    }
}

#[test]
fn from_hex() {
    for (i, &(text, want)) in FROM_HEX.iter().enumerate() {
        check(i, float_from_hex(text), want, |a, b| same(*a, *b));
    }
}
''' % tuple(g.rows(r) for r in (th, fh)))


def gen_bytes(g):
    cases = [(0, 0, 'big', False), (0, 1, 'little', True), (255, 1, 'big', False), (255, 1, 'big', True),
             (-1, 1, 'big', False), (-1, 2, 'big', True), (-128, 1, 'little', True), (-129, 1, 'little', True),
             (128, 1, 'big', True), (1000, 1, 'big', False), (1000, 4, 'little', False), (2**64, 9, 'big', False),
             (-(2**63), 8, 'big', True), (1, 0, 'big', False), (-1, 0, 'big', True)]

    def bl(b):
        return '&[%s]' % ', '.join(str(x) for x in b)
    tb = ['(%s, %d, %s, %s, %s)' % (g.rs_str(str(v)), n, 'true' if o == 'big' else 'false', 'true' if s else 'false',
                                    g.outcome(lambda: v.to_bytes(n, o, signed=s), bl)) for v, n, o, s in cases]
    datas = [(b'', 'big', False), (b'\xff', 'big', True), (b'\xff', 'big', False), (b'\x00\x80', 'little', True),
             (b'\x00\x80', 'big', True), (b'\x01\x02\x03', 'little', False), (b'\xff' * 9, 'big', True)]
    fb = ['(%s, %s, %s, %s)' % (bl(d), 'true' if o == 'big' else 'false', 'true' if s else 'false', g.rs_str(str(int.from_bytes(d, o, signed=s)))) for d, o, s in datas]
    vals = [0, 1, -1, 255, -256, 2**100 - 1, -(2**100)]
    bits = ['(%s, %d, %d)' % (g.rs_str(str(v)), v.bit_length(), v.bit_count()) for v in vals]
    g.write('bytes_conv_tests.rs', COMMON + '''
/// (value, length, big?, signed, bytes)
type ToBytesRow = (&'static str, usize, bool, bool, Result<&'static [u8], PyErr>);

#[rustfmt::skip]
const TO_BYTES: &[ToBytesRow] = &[
%s];

#[rustfmt::skip]
const FROM_BYTES: &[(&[u8], bool, bool, &str)] = &[
%s];

#[rustfmt::skip]
const BITS: &[(&str, u64, u64)] = &[
%s];

fn order(big_endian: bool) -> ByteOrder {
    if big_endian { ByteOrder::Big } else { ByteOrder::Little }
}

#[test]
fn to_bytes() {
    for (i, &(v, n, be, signed, want)) in TO_BYTES.iter().enumerate() {
        check(i, int_to_bytes(&big(v), n, order(be), signed), want, |a, b| a.as_slice() == *b);
    }
}

#[test]
fn from_bytes() {
    for (i, &(data, be, signed, want)) in FROM_BYTES.iter().enumerate() {
        assert_eq!(int_from_bytes(data, order(be), signed).to_string(), want, "row {i}");
    }
}

#[test]
fn bit_counts() {
    for (i, &(v, length, count)) in BITS.iter().enumerate() {
        let v = big(v);
        assert_eq!((bit_length(&v), bit_count(&v)), (length, count), "row {i}");
        if let Ok(small) = i64::try_from(&v) {
            assert_eq!((u64::from(bit_length_i64(small)), u64::from(bit_count_i64(small))), (length, count));
        }
    }
}

#[test]
fn argument_errors() {
    assert_eq!(parse_byteorder("mid").unwrap_err().message, "byteorder must be either 'little' or 'big'");
    assert_eq!(check_length(-1).unwrap_err().message, "length argument must be non-negative");
    assert_eq!(parse_byteorder("little").unwrap(), ByteOrder::Little);
}
''' % tuple(g.rows(r) for r in (tb, fb, bits)))


def gen_complex(g):
    def cx(v):
        return '(%s, %s)' % (g.fl(v.real), g.fl(v.imag))
    divs = [(1 + 2j, 3 - 4j), (1 + 0j, 0j), (1e300 + 1e300j, 1e-300 + 1e-300j), (5j, 2j), (-1 - 1j, 0.5 + 0j),
            (1 + 1j, 1e308 + 1e308j), (3 + 0j, 0 + 1j), (1 + 2j, complex(NAN, 0))]
    dv = ['(%s, %s, %s)' % (cx(a), cx(b), g.outcome(lambda: a / b, cx)) for a, b in divs]
    pows = [(1 + 2j, 2 + 0j), (1 + 2j, -2 + 0j), (0j, 0j), (0j, 2 + 0j), (0j, -1 + 0j), (0j, 1j), (0j, 0.5 + 0j),
            (2 + 0j, 0.5j), (1j, 1j), (-8 + 0j, 1 / 3 + 0j), (1e200 + 1e200j, 2 + 0j), (10 + 0j, 400.5 + 0j),
            (1.5 - 0.5j, 101 + 0j), (1 + 1j, 100 + 0j), (2 + 0j, -3 + 0j)]
    pw = ['(%s, %s, %s)' % (cx(a), cx(b), g.outcome(lambda: a ** b, cx)) for a, b in pows]
    abss = [3 + 4j, complex(INF, NAN), complex(NAN, -INF), complex(NAN, 1), complex(1e308, 1e308), complex(1.5e308, 1e308), -0j]
    ab = ['(%s, %s)' % (cx(z), g.outcome(lambda: abs(z), g.fl)) for z in abss]
    texts = ['1+2j', ' (1+2j) ', '( 1+2j )', '(1+2j', '1 +2j', 'j', '-j', '+J', '1e3J', 'infj', '-infinityj', 'nanj',
             'inf+nanj', '1e5+1e-5j', '+1.5-j', '1+', '1j+1', '(j)', '()', '', ' ', '1e+j', '0x1j', '1_0+1_0j',
             '1__0j', '1_j', '\u0661+2j', '3', '-3.5', '1+2', '1+2jj', '1-2.5e-3j', '.5j', 'j1']
    pc = ['(%s, %s)' % (g.rs_str(t), g.outcome(lambda: complex(t), cx)) for t in texts]
    g.write('complex_tests.rs', COMMON.replace('fn big(text: &str) -> BigInt {\n    text.parse().unwrap()\n}\n', 'fn big(text: &str) -> num_bigint::BigInt {\n    text.parse().unwrap()\n}\n') + '''
type C = (f64, f64);

fn c((re, im): C) -> Complex {
    Complex::new(re, im)
}

fn same_c(a: &Complex, b: &C) -> bool {
    same(a.re, b.0) && same(a.im, b.1)
}

#[rustfmt::skip]
const DIV: &[(C, C, Result<C, (&str, &str)>)] = &[
%s];

#[rustfmt::skip]
const POW: &[(C, C, Result<C, (&str, &str)>)] = &[
%s];

#[rustfmt::skip]
const ABS: &[(C, Result<f64, (&str, &str)>)] = &[
%s];

#[rustfmt::skip]
const PARSE: &[(&str, Result<C, (&str, &str)>)] = &[
%s];

#[test]
fn division() {
    for (i, &(a, b, want)) in DIV.iter().enumerate() {
        check(i, div(c(a), c(b)), want, same_c);
    }
}

#[test]
fn powers() {
    for (i, &(a, b, want)) in POW.iter().enumerate() {
        check(i, pow(c(a), c(b)), want, same_c);
    }
}

#[test]
fn absolute_values() {
    for (i, &(z, want)) in ABS.iter().enumerate() {
        check(i, abs(c(z)), want, |a, b| same(*a, *b));
    }
}

#[test]
fn parse() {
    for (i, &(text, want)) in PARSE.iter().enumerate() {
        check(i, parse_complex(text), want, same_c);
    }
}

/// Python 3.14 only (written by hand): a real operand is no longer widened to `x+0j`, and
/// division recovers infinities (C11 Annex G).
#[test]
fn mixed_mode_and_infinities_314() {
    // complex(-0.0, 1) + 0.0 keeps the real part's sum and the imaginary part as is.
    let z = add_real(Complex::new(-0.0, -0.0), -0.0);
    assert!(z.re.is_sign_negative() && z.im.is_sign_negative());
    // 2 * complex(inf, 1) is (inf+2j), not (inf+nanj).
    let z = mul_real(Complex::new(f64::INFINITY, 1.0), 2.0);
    assert_eq!((z.re, z.im), (f64::INFINITY, 2.0));
    let z = real_sub(1.0, Complex::new(0.0, 0.0));
    assert!(z.im.is_sign_negative());
    assert_eq!(div_real(Complex::new(1.0, 1.0), 0.0).unwrap_err().message, "division by zero");
    let z = div(Complex::new(f64::INFINITY, 0.0), Complex::new(1.0, 1.0)).unwrap();
    assert_eq!((z.re, z.im), (f64::INFINITY, f64::NEG_INFINITY));
    let z = div(Complex::new(1.0, 1.0), Complex::new(f64::INFINITY, 0.0)).unwrap();
    assert_eq!((z.re, z.im), (0.0, 0.0));
    let z = real_div(2.0, Complex::new(0.0, 2.0)).unwrap();
    assert_eq!((z.re, z.im), (0.0, -1.0));
    assert_eq!(real_div(2.0, Complex::new(0.0, 0.0)).unwrap_err().message, "division by zero");
    assert_eq!(sub_real(Complex::new(1.0, 2.0), 1.0), Complex::new(0.0, 2.0));
    assert_eq!(add(Complex::new(1.0, 2.0), Complex::new(1.0, 2.0)), Complex::new(2.0, 4.0));
    assert_eq!(sub(Complex::new(1.0, 2.0), Complex::new(1.0, 2.0)), Complex::new(0.0, 0.0));
}
''' % tuple(g.rows(r) for r in (dv, pw, ab, pc)))
