//! Adapters between Python values and the text formatting algorithms: `format(value,
//! spec)` for builtin types, `str % args` and `str.format`. The mini-language itself is
//! parsed and applied here in a compact form until `crate::format` takes it over.

use num_bigint::BigInt;
use num_traits::Signed;

use crate::args::Args;
use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::{ObjKind, kind_of};
use crate::ops::{self, attr, float_of, int_of, str_of};
use crate::value::Value;

/// A parsed format spec.
#[derive(Default, Debug)]
struct Spec {
    fill: Option<char>,
    align: Option<char>,
    sign: Option<char>,
    alt: bool,
    zero: bool,
    width: usize,
    grouping: Option<char>,
    precision: Option<usize>,
    ty: Option<char>,
}

fn parse_spec(spec: &str) -> Option<Spec> {
    let cs: Vec<char> = spec.chars().collect();
    let mut i = 0;
    let mut s = Spec::default();
    let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
    if cs.len() >= 2 && is_align(cs[1]) {
        s.fill = Some(cs[0]);
        s.align = Some(cs[1]);
        i = 2;
    } else if !cs.is_empty() && is_align(cs[0]) {
        s.align = Some(cs[0]);
        i = 1;
    }
    if i < cs.len() && matches!(cs[i], '+' | '-' | ' ') {
        s.sign = Some(cs[i]);
        i += 1;
    }
    if i < cs.len() && cs[i] == 'z' {
        i += 1;
    }
    if i < cs.len() && cs[i] == '#' {
        s.alt = true;
        i += 1;
    }
    if i < cs.len() && cs[i] == '0' {
        s.zero = true;
        i += 1;
    }
    let start = i;
    while i < cs.len() && cs[i].is_ascii_digit() {
        i += 1;
    }
    s.width = cs[start..i].iter().collect::<String>().parse().unwrap_or(0);
    if i < cs.len() && matches!(cs[i], ',' | '_') {
        s.grouping = Some(cs[i]);
        i += 1;
    }
    if i < cs.len() && cs[i] == '.' {
        i += 1;
        let start = i;
        while i < cs.len() && cs[i].is_ascii_digit() {
            i += 1;
        }
        if start == i {
            return None;
        }
        s.precision = cs[start..i].iter().collect::<String>().parse().ok();
    }
    if i < cs.len() {
        s.ty = Some(cs[i]);
        i += 1;
    }
    (i == cs.len()).then_some(s)
}

fn group_digits(digits: &str, sep: char, every: usize) -> String {
    let mut out = String::new();
    let n = digits.len();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i) % every == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// Pads `body` (with `sign_prefix` kept in front for `=` alignment) to the spec's width.
fn pad(s: &Spec, sign_prefix: &str, body: &str, default_align: char) -> String {
    let len = sign_prefix.chars().count() + body.chars().count();
    let (fill, align) = if s.zero && s.align.is_none() { ('0', '=') } else { (s.fill.unwrap_or(' '), s.align.unwrap_or(default_align)) };
    if len >= s.width {
        return format!("{sign_prefix}{body}");
    }
    let n = s.width - len;
    let fills = |k: usize| std::iter::repeat_n(fill, k).collect::<String>();
    match align {
        '<' => format!("{sign_prefix}{body}{}", fills(n)),
        '^' => format!("{}{sign_prefix}{body}{}", fills(n / 2), fills(n - n / 2)),
        '=' => format!("{sign_prefix}{}{body}", fills(n)),
        _ => format!("{}{sign_prefix}{body}", fills(n)),
    }
}

fn sign_str(negative: bool, sign: Option<char>) -> &'static str {
    match (negative, sign) {
        (true, _) => "-",
        (false, Some('+')) => "+",
        (false, Some(' ')) => " ",
        _ => "",
    }
}

fn format_int(vm: &mut Vm, b: &BigInt, s: &Spec, tn: &str) -> PyResult<String> {
    let ty = s.ty.unwrap_or('d');
    if matches!(ty, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') {
        let f = num_traits::ToPrimitive::to_f64(b).unwrap_or(f64::INFINITY);
        return format_float(vm, f, s, tn);
    }
    if s.precision.is_some() {
        return Err(vm.value_error("Precision not allowed in integer format specifier"));
    }
    let (radix, prefix) = match ty {
        'd' | 'n' => (10, ""),
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        'c' => {
            let c = num_traits::ToPrimitive::to_u32(b).and_then(char::from_u32);
            return match c {
                Some(c) => Ok(pad(s, "", &c.to_string(), '<')),
                None => Err(vm.overflow_error("%c arg not in range(0x110000)")),
            };
        }
        other => {
            return Err(vm.value_error(format!("Unknown format code '{other}' for object of type '{tn}'")));
        }
    };
    let mut digits = b.abs().to_str_radix(radix);
    if ty == 'X' {
        digits = digits.to_uppercase();
    }
    if let Some(g) = s.grouping {
        digits = group_digits(&digits, g, if radix == 10 { 3 } else { 4 });
    }
    let sign = sign_str(b.is_negative(), s.sign);
    let prefix = if s.alt { prefix } else { "" };
    Ok(pad(s, &format!("{sign}{prefix}"), &digits, '>'))
}

fn format_float(vm: &mut Vm, f: f64, s: &Spec, tn: &str) -> PyResult<String> {
    let ty = s.ty;
    let neg = f.is_sign_negative() && !f.is_nan();
    let a = f.abs();
    let body = if !a.is_finite() {
        let t = if a.is_nan() { "nan" } else { "inf" };
        if matches!(ty, Some('E' | 'F' | 'G')) { t.to_uppercase() } else { t.to_owned() }
    } else {
        match ty {
            Some('f' | 'F') => format!("{:.*}", s.precision.unwrap_or(6), a),
            Some('e' | 'E') => {
                let t = sci(a, s.precision.unwrap_or(6));
                if ty == Some('E') { t.to_uppercase() } else { t }
            }
            Some('%') => format!("{:.*}%", s.precision.unwrap_or(6), a * 100.0),
            Some('g' | 'G') | None => {
                let p = s.precision.unwrap_or(if ty.is_none() { 17 } else { 6 }).max(1);
                if ty.is_none() && s.precision.is_none() {
                    ops::repr::float_repr(a)
                } else {
                    let t = general(a, p, s.alt);
                    let t = if ty.is_none() && !t.contains(['.', 'e', 'n', 'i']) { format!("{t}.0") } else { t };
                    if ty == Some('G') { t.to_uppercase() } else { t }
                }
            }
            Some('n') => general(a, s.precision.unwrap_or(6).max(1), s.alt),
            Some(other) => {
                return Err(vm.value_error(format!("Unknown format code '{other}' for object of type '{tn}'")));
            }
        }
    };
    let body = match s.grouping {
        Some(g) if a.is_finite() => {
            let (int_part, rest) = body.split_at(body.find(|c: char| !c.is_ascii_digit()).unwrap_or(body.len()));
            format!("{}{rest}", group_digits(int_part, g, 3))
        }
        _ => body,
    };
    Ok(pad(s, sign_str(neg, s.sign), &body, '>'))
}

/// `%e`-style text with `p` digits after the point and a two-digit exponent.
fn sci(a: f64, p: usize) -> String {
    let t = format!("{a:.p$e}");
    let (m, e) = t.split_once('e').unwrap_or((&t, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
}

/// `%g`: `p` significant digits, scientific when the exponent is < -4 or >= p.
fn general(a: f64, p: usize, alt: bool) -> String {
    if a == 0.0 {
        return if alt { format!("{:.*}", p - 1, 0.0) } else { "0".into() };
    }
    let t = format!("{a:.*e}", p - 1);
    let e: i32 = t.split_once('e').map_or(0, |(_, e)| e.parse().unwrap_or(0));
    let out = if e < -4 || e >= p as i32 {
        sci(a, p - 1)
    } else {
        format!("{:.*}", (p as i32 - 1 - e).max(0) as usize, a)
    };
    if alt {
        return out;
    }
    match out.split_once('e') {
        Some((m, e)) if m.contains('.') => format!("{}e{e}", m.trim_end_matches('0').trim_end_matches('.')),
        Some(_) => out,
        None if out.contains('.') => out.trim_end_matches('0').trim_end_matches('.').to_owned(),
        None => out,
    }
}

/// `format(value, spec)` for builtin values.
pub fn format_builtin(vm: &mut Vm, value: Value, spec: &str) -> PyResult<Value> {
    if spec.is_empty() {
        return ops::repr::str(vm, value);
    }
    let tn = ops::type_name(vm, value);
    let Some(s) = parse_spec(spec) else {
        return Err(vm.value_error(format!("Invalid format specifier '{spec}' for object of type '{tn}'")));
    };
    let out = if let Some(text) = str_of(value) {
        if let Some(t) = s.ty.filter(|&t| t != 's') {
            return Err(vm.value_error(format!("Unknown format code '{t}' for object of type 'str'")));
        }
        if s.sign.is_some() {
            return Err(vm.value_error("Sign not allowed in string format specifier"));
        }
        if s.alt {
            return Err(vm.value_error("Alternate form (#) not allowed in string format specifier"));
        }
        if s.align == Some('=') {
            return Err(vm.value_error("'=' alignment not allowed in string format specifier"));
        }
        let t: String = match s.precision {
            Some(p) => text.chars().take(p).collect(),
            None => text.to_owned(),
        };
        pad(&s, "", &t, '<')
    } else if value.is_bool() || int_of(value).is_some() && float_of(value).is_none() {
        let b = ops::bigint_of(value).unwrap_or_default();
        if value.is_bool() && s.ty.is_none() {
            let t = if value == Value::TRUE { "True" } else { "False" };
            pad(&s, "", t, '<')
        } else {
            format_int(vm, &b, &s, &tn)?
        }
    } else if let Some(f) = float_of(value) {
        format_float(vm, f, &s, &tn)?
    } else if kind_of(value) == Some(ObjKind::Complex) {
        let r = ops::repr::str_string(vm, value)?;
        pad(&s, "", &r, '>')
    } else {
        if !spec.is_empty() {
            return Err(vm.type_error(format!("unsupported format string passed to {tn}.__format__")));
        }
        ops::repr::str_string(vm, value)?
    };
    Ok(vm.new_string(out))
}

/// `fmt % args` for str.
pub fn percent_format(vm: &mut Vm, fmt: Value, args: Value) -> PyResult<Value> {
    let text = str_of(fmt).unwrap_or("").to_owned();
    let mapping = kind_of(args) == Some(ObjKind::Dict) || (args.is_ptr() && kind_of(args) != Some(ObjKind::Tuple) && kind_of(args) != Some(ObjKind::Str) && attr::lookup_type(vm, ops::type_of(vm, args), "__getitem__").is_some() && kind_of(args) != Some(ObjKind::List));
    let items: Vec<Value> = match ops::tuple_items(args) {
        Some(t) => t.to_vec(),
        None => vec![args],
    };
    let mut next = 0;
    let mut out = String::new();
    let cs: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < cs.len() {
        if cs[i] != '%' {
            out.push(cs[i]);
            i += 1;
            continue;
        }
        i += 1;
        if i >= cs.len() {
            return Err(vm.value_error("incomplete format"));
        }
        let mut key: Option<String> = None;
        if cs[i] == '(' {
            let start = i + 1;
            let mut depth = 1;
            i += 1;
            while i < cs.len() && depth > 0 {
                if cs[i] == '(' {
                    depth += 1;
                } else if cs[i] == ')' {
                    depth -= 1;
                }
                i += 1;
            }
            if depth > 0 {
                return Err(vm.value_error("incomplete format key"));
            }
            key = Some(cs[start..i - 1].iter().collect());
        }
        let mut spec = Spec::default();
        while i < cs.len() && matches!(cs[i], '-' | '+' | ' ' | '#' | '0') {
            match cs[i] {
                '-' => spec.align = Some('<'),
                '+' => spec.sign = Some('+'),
                ' ' => {
                    if spec.sign.is_none() {
                        spec.sign = Some(' ');
                    }
                }
                '#' => spec.alt = true,
                _ => spec.zero = true,
            }
            i += 1;
        }
        let mut take_arg = |vm: &mut Vm| -> PyResult<Value> {
            if let Some(k) = &key {
                let kv = vm.new_str(k);
                return ops::subscript::getitem(vm, args, kv);
            }
            match items.get(next) {
                Some(&v) => {
                    next += 1;
                    Ok(v)
                }
                None => Err(vm.type_error("not enough arguments for format string")),
            }
        };
        if i < cs.len() && cs[i] == '*' {
            let w = take_arg(vm)?;
            let w = ops::convert::index_i64(vm, w)?;
            if w < 0 {
                spec.align = Some('<');
            }
            spec.width = w.unsigned_abs() as usize;
            i += 1;
        } else {
            let start = i;
            while i < cs.len() && cs[i].is_ascii_digit() {
                i += 1;
            }
            spec.width = cs[start..i].iter().collect::<String>().parse().unwrap_or(0);
        }
        if i < cs.len() && cs[i] == '.' {
            i += 1;
            if i < cs.len() && cs[i] == '*' {
                let p = take_arg(vm)?;
                spec.precision = Some(ops::convert::index_i64(vm, p)?.max(0) as usize);
                i += 1;
            } else {
                let start = i;
                while i < cs.len() && cs[i].is_ascii_digit() {
                    i += 1;
                }
                spec.precision = Some(cs[start..i].iter().collect::<String>().parse().unwrap_or(0));
            }
        }
        while i < cs.len() && matches!(cs[i], 'h' | 'l' | 'L') {
            i += 1;
        }
        if i >= cs.len() {
            return Err(vm.value_error("incomplete format"));
        }
        let conv = cs[i];
        i += 1;
        if spec.align == Some('<') {
            spec.zero = false;
        }
        let piece = match conv {
            '%' => "%".to_owned(),
            's' | 'r' | 'a' => {
                let v = take_arg(vm)?;
                let t = match conv {
                    's' => ops::repr::str_string(vm, v)?,
                    'r' => ops::repr::repr_string(vm, v)?,
                    _ => {
                        let a = crate::builtins::functions::ascii_of(vm, v)?;
                        str_of(a).unwrap_or("").to_owned()
                    }
                };
                let t: String = match spec.precision {
                    Some(p) => t.chars().take(p).collect(),
                    None => t,
                };
                spec.zero = false;
                pad(&spec, "", &t, '>')
            }
            'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
                let v = take_arg(vm)?;
                let b = match ops::bigint_of(v) {
                    Some(b) => b,
                    None => match float_of(v) {
                        Some(f) if matches!(conv, 'd' | 'i' | 'u') => crate::ops::convert::f64_to_bigint(f).unwrap_or_default(),
                        _ => {
                            let tn = ops::type_name(vm, v);
                            return Err(vm.type_error(if matches!(conv, 'd' | 'i' | 'u') {
                                format!("%{conv} format: a real number is required, not {tn}")
                            } else {
                                format!("%{conv} format: an integer is required, not {tn}")
                            }));
                        }
                    },
                };
                let (radix, prefix) = match conv {
                    'x' => (16, "0x"),
                    'X' => (16, "0X"),
                    'o' => (8, "0o"),
                    _ => (10, ""),
                };
                let mut digits = b.abs().to_str_radix(radix);
                if conv == 'X' {
                    digits = digits.to_uppercase();
                }
                if let Some(p) = spec.precision
                    && digits.len() < p
                {
                    digits = format!("{}{digits}", "0".repeat(p - digits.len()));
                }
                let sign = sign_str(b.is_negative(), spec.sign);
                let prefix = if spec.alt { prefix } else { "" };
                pad(&spec, &format!("{sign}{prefix}"), &digits, '>')
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let v = take_arg(vm)?;
                let f = match float_of(v).or_else(|| ops::bigint_of(v).and_then(|b| num_traits::ToPrimitive::to_f64(&b))) {
                    Some(f) => f,
                    None => {
                        let tn = ops::type_name(vm, v);
                        return Err(vm.type_error(format!("must be real number, not {tn}")));
                    }
                };
                spec.ty = Some(conv);
                if spec.precision.is_none() {
                    spec.precision = Some(6);
                }
                format_float(vm, f, &spec, "float")?
            }
            'c' => {
                let v = take_arg(vm)?;
                let c = if let Some(s) = str_of(v).filter(|s| s.chars().count() == 1) {
                    s.to_owned()
                } else if let Some(ops::IntRef::Small(i)) = int_of(v) {
                    match char::from_u32(i as u32) {
                        Some(c) => c.to_string(),
                        None => return Err(vm.overflow_error("%c arg not in range(0x110000)")),
                    }
                } else {
                    return Err(vm.type_error("%c requires an int or a unicode character"));
                };
                pad(&spec, "", &c, '>')
            }
            other => {
                return Err(vm.value_error(format!(
                    "unsupported format character '{other}' ({:#x}) at index {}",
                    other as u32,
                    i - 1
                )));
            }
        };
        out.push_str(&piece);
    }
    if !mapping && next < items.len() {
        return Err(vm.type_error("not all arguments converted during string formatting"));
    }
    Ok(vm.new_string(out))
}

/// `str.format` / `format_map`.
pub fn str_format(vm: &mut Vm, fmt: &str, positional: &[Value], args: &Args, mapping: Option<Value>) -> PyResult<Value> {
    let holder = vm.new_tuple(positional.to_vec());
    let mut out = String::new();
    let cs: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    let mut auto = 0usize;
    let mut manual = false;
    let mut used_auto = false;
    while i < cs.len() {
        let c = cs[i];
        if c == '}' {
            if cs.get(i + 1) == Some(&'}') {
                out.push('}');
                i += 2;
                continue;
            }
            return Err(vm.value_error("Single '}' encountered in format string"));
        }
        if c != '{' {
            out.push(c);
            i += 1;
            continue;
        }
        if cs.get(i + 1) == Some(&'{') {
            out.push('{');
            i += 2;
            continue;
        }
        // Find the matching close brace, allowing nested fields in the spec.
        let start = i + 1;
        let mut depth = 1;
        i += 1;
        while i < cs.len() && depth > 0 {
            match cs[i] {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            i += 1;
        }
        if depth > 0 {
            return Err(vm.value_error("expected '}' before end of string"));
        }
        let field: String = cs[start..i - 1].iter().collect();
        let (name_part, spec) = match field.find(':') {
            Some(p) => (field[..p].to_owned(), field[p + 1..].to_owned()),
            None => (field.clone(), String::new()),
        };
        let (name, conv) = match name_part.rfind('!') {
            Some(p) => (name_part[..p].to_owned(), name_part[p + 1..].chars().next()),
            None => (name_part, None),
        };
        let first_end = name.find(['.', '[']).unwrap_or(name.len());
        let first = &name[..first_end];
        let mut value = if first.is_empty() {
            if manual {
                return Err(vm.value_error("cannot switch from manual field specification to automatic field numbering"));
            }
            used_auto = true;
            let v = positional.get(auto).copied();
            auto += 1;
            match v {
                Some(v) => v,
                None => return Err(vm.index_error(format!("Replacement index {} out of range for positional args tuple", auto - 1))),
            }
        } else if let Ok(n) = first.parse::<usize>() {
            if used_auto {
                return Err(vm.value_error("cannot switch from automatic field numbering to manual field specification"));
            }
            manual = true;
            match positional.get(n) {
                Some(&v) => v,
                None => return Err(vm.index_error(format!("Replacement index {n} out of range for positional args tuple"))),
            }
        } else {
            match mapping {
                Some(m) => {
                    let k = vm.new_str(first);
                    ops::subscript::getitem(vm, m, k)?
                }
                None => match args.kwarg(first) {
                    Some(v) => v,
                    None => {
                        let k = vm.new_str(first);
                        return Err(vm.key_error(k));
                    }
                },
            }
        };
        let mut rest = &name[first_end..];
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('.') {
                let end = r.find(['.', '[']).unwrap_or(r.len());
                value = attr::getattr_str(vm, value, &r[..end])?;
                rest = &r[end..];
            } else if let Some(r) = rest.strip_prefix('[') {
                let end = r.find(']').unwrap_or(r.len());
                let key_text = &r[..end];
                let key = match key_text.parse::<i64>() {
                    Ok(n) => vm.new_int(n),
                    Err(_) => vm.new_str(key_text),
                };
                value = ops::subscript::getitem(vm, value, key)?;
                rest = r.get(end + 1..).unwrap_or("");
            } else {
                return Err(vm.value_error("Only '.' or '[' may follow ']' in format field specifier"));
            }
        }
        let value = match conv {
            Some('r') => ops::repr::repr(vm, value)?,
            Some('s') => ops::repr::str(vm, value)?,
            Some('a') => crate::builtins::functions::ascii_of(vm, value)?,
            None => value,
            Some(_) => return Err(vm.value_error("Unknown conversion specifier")),
        };
        let spec = if spec.contains('{') {
            let inner = str_format(vm, &spec, positional, args, mapping)?;
            str_of(inner).unwrap_or("").to_owned()
        } else {
            spec
        };
        let spec_v = vm.new_string(spec);
        let r = crate::builtins::functions::format(vm, value, spec_v)?;
        out.push_str(str_of(r).unwrap_or(""));
    }
    std::hint::black_box(holder);
    Ok(vm.new_string(out))
}
