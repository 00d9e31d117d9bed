//! The `time` module.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::args::Args;
use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::Gc;
use crate::ops;
use crate::types::module::ModuleBody;
use crate::value::Value;

fn now() -> Duration {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
}

fn time(_vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    Ok(Value::from_f64(now().as_secs_f64()))
}

fn time_ns(vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    Ok(vm.new_bigint(num_bigint::BigInt::from(now().as_nanos())))
}

fn monotonic_start() -> Instant {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    *START.get_or_init(Instant::now)
}

fn perf_counter(_vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    Ok(Value::from_f64(monotonic_start().elapsed().as_secs_f64()))
}

fn perf_counter_ns(vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    Ok(vm.new_bigint(num_bigint::BigInt::from(
        monotonic_start().elapsed().as_nanos(),
    )))
}

fn process_time(_vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    Ok(Value::from_f64(cpu_time()))
}

/// CPU time of the process, from `/proc/self/stat` on Linux (wall time elsewhere).
fn cpu_time() -> f64 {
    if let Ok(stat) = std::fs::read_to_string("/proc/self/stat")
        && let Some(rest) = stat.rsplit(')').next()
    {
        let fields: Vec<&str> = rest.split_whitespace().collect();
        if fields.len() > 13 {
            let utime: f64 = fields[11].parse().unwrap_or(0.0);
            let stime: f64 = fields[12].parse().unwrap_or(0.0);
            return (utime + stime) / 100.0;
        }
    }
    monotonic_start().elapsed().as_secs_f64()
}

fn sleep(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "sleep")?;
    // Floats are taken as they are; anything else must be an integer (`__index__`).
    let secs = if v.is_float() || ops::float_of(v).is_some() {
        crate::builtins::numbers::to_f64(vm, v)?
    } else {
        let i = ops::convert::index_bigint(vm, v)?;
        num_traits::ToPrimitive::to_f64(&i).unwrap_or(f64::INFINITY)
    };
    if secs < 0.0 {
        return Err(vm.value_error("sleep length must be non-negative"));
    }
    let mut duration = Duration::from_secs_f64(secs.min(1e9));
    if let Some(limit) = vm.sandbox_wait_limit() {
        duration = duration.min(limit.saturating_duration_since(std::time::Instant::now()));
    }
    vm.detached(|| std::thread::sleep(duration));
    Ok(Value::NONE)
}

/// Broken-down UTC time from a Unix timestamp (Howard Hinnant's civil-from-days).
fn civil(secs: i64) -> [i64; 9] {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    let wday = (days + 3).rem_euclid(7);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let cum = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let yday = cum[(m - 1) as usize] + d + i64::from(leap && m > 2);
    [
        y,
        m,
        d,
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        wday,
        yday,
        0,
    ]
}

/// The Unix timestamp of a broken-down UTC time (the inverse of [`civil`]).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The nine fields of a `struct_time` or 9-tuple argument.
fn time_tuple(vm: &mut Vm, v: Value, fname: &str) -> PyResult<[i64; 9]> {
    let items = ops::iter::collect(vm, v)?;
    if items.len() != 9 {
        return Err(vm.type_error(format!("{fname}(): illegal time tuple argument")));
    }
    let mut out = [0i64; 9];
    for (slot, item) in out.iter_mut().zip(items) {
        *slot = ops::convert::index_i64(vm, item)?;
    }
    Ok(out)
}

fn mktime(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "mktime")?;
    let f = time_tuple(vm, v, "mktime")?;
    // Months outside 1..=12 carry into the year, as C's mktime normalises them.
    let months = f[0] * 12 + (f[1] - 1);
    let (y, m) = (months.div_euclid(12), months.rem_euclid(12) + 1);
    let days = days_from_civil(y, m, 1) + f[2] - 1;
    let secs = days * 86_400 + f[3] * 3600 + f[4] * 60 + f[5];
    Ok(Value::from_f64(secs as f64))
}

fn asctime_text(f: &[i64; 9]) -> String {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let day = DAYS[f[6].rem_euclid(7) as usize];
    let month = MONTHS[(f[1] - 1).rem_euclid(12) as usize];
    format!(
        "{day} {month} {:2} {:02}:{:02}:{:02} {}",
        f[2], f[3], f[4], f[5], f[0]
    )
}

fn asctime(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "asctime", 0, 1)?;
    let f = match a.first() {
        Some(&t) => time_tuple(vm, t, "asctime")?,
        None => civil(now().as_secs() as i64),
    };
    Ok(vm.new_string(asctime_text(&f)))
}

fn ctime(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let t = timestamp_arg(vm, args, "ctime")?;
    Ok(vm.new_string(asctime_text(&civil(t))))
}

fn struct_time(vm: &mut Vm, fields: [i64; 9]) -> Value {
    let vals: Vec<Value> = fields.iter().map(|&f| Value::small_int(f)).collect();
    crate::modules::structseq::struct_seq(
        vm,
        "time.struct_time",
        &[
            "tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday", "tm_yday",
            "tm_isdst",
        ],
        vals,
    )
}

fn timestamp_arg(vm: &mut Vm, args: &Args, name: &str) -> PyResult<i64> {
    let a = args.range(vm, name, 0, 1)?;
    match a.first().filter(|v| !v.is_none()) {
        Some(&v) => Ok(crate::builtins::numbers::to_f64(vm, v)?.floor() as i64),
        None => Ok(now().as_secs() as i64),
    }
}

fn gmtime(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let t = timestamp_arg(vm, args, "gmtime")?;
    Ok(struct_time(vm, civil(t)))
}

fn localtime(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    // Without a timezone database the local time is UTC (TZ is normally unset in CI).
    let t = timestamp_arg(vm, args, "localtime")?;
    Ok(struct_time(vm, civil(t)))
}

fn strftime(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "strftime", 1, 2)?;
    let fmt = ops::str_of(a[0]).unwrap_or("").to_owned();
    let fields: Vec<i64> = match a.get(1) {
        Some(&t) => ops::iter::collect(vm, t)?
            .into_iter()
            .map(|v| v.as_small_int().unwrap_or(0))
            .collect(),
        None => civil(now().as_secs() as i64).to_vec(),
    };
    let f = |i: usize| fields.get(i).copied().unwrap_or(0);
    const DAYS: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let mut out = String::new();
    let mut cs = fmt.chars();
    while let Some(c) = cs.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match cs.next() {
            Some('Y') => out.push_str(&f(0).to_string()),
            Some('y') => out.push_str(&format!("{:02}", f(0) % 100)),
            Some('m') => out.push_str(&format!("{:02}", f(1))),
            Some('d') => out.push_str(&format!("{:02}", f(2))),
            Some('H') => out.push_str(&format!("{:02}", f(3))),
            Some('I') => out.push_str(&format!("{:02}", (f(3) + 11) % 12 + 1)),
            Some('p') => out.push_str(if f(3) < 12 { "AM" } else { "PM" }),
            Some('M') => out.push_str(&format!("{:02}", f(4))),
            Some('S') => out.push_str(&format!("{:02}", f(5))),
            Some('j') => out.push_str(&format!("{:03}", f(7))),
            Some('A') => out.push_str(DAYS[(f(6).rem_euclid(7)) as usize]),
            Some('a') => out.push_str(&DAYS[(f(6).rem_euclid(7)) as usize][..3]),
            Some('B') => out.push_str(MONTHS[((f(1) - 1).rem_euclid(12)) as usize]),
            Some('b') => out.push_str(&MONTHS[((f(1) - 1).rem_euclid(12)) as usize][..3]),
            Some('Z') => out.push_str("UTC"),
            Some('z') => out.push_str("+0000"),
            Some('%') => out.push('%'),
            Some(o) => {
                out.push('%');
                out.push(o);
            }
            None => out.push('%'),
        }
    }
    Ok(vm.new_string(out))
}

/// Builds `time`.
pub fn create(vm: &mut Vm) -> PyResult<Gc<ModuleBody>> {
    let m = super::new_module_with(
        vm,
        "time",
        &[
            ("time", time),
            ("time_ns", time_ns),
            ("perf_counter", perf_counter),
            ("perf_counter_ns", perf_counter_ns),
            ("monotonic", perf_counter),
            ("monotonic_ns", perf_counter_ns),
            ("process_time", process_time),
            ("sleep", sleep),
            ("gmtime", gmtime),
            ("localtime", localtime),
            ("strftime", strftime),
            ("mktime", mktime),
            ("asctime", asctime),
            ("ctime", ctime),
        ],
    );
    super::set(vm, m, "timezone", Value::small_int(0));
    Ok(m)
}
