//! The `sys` module.

use std::sync::atomic::Ordering;

use crate::args::Args;
use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::Gc;
use crate::ops::{self, dictops, str_of};
use crate::types::module::ModuleBody;
use crate::value::Value;

/// `sys.<name>`, or `None` when missing.
pub fn get(vm: &mut Vm, name: &str) -> Value {
    let sys = vm.interp.sys.get();
    match Gc::<ModuleBody>::from_value(sys) {
        Some(m) => dictops::get_str(&m.dict, name).unwrap_or(Value::NONE),
        None => Value::NONE,
    }
}

fn exit(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "exit", 0, 1)?;
    let ty = vm.rt.exc.system_exit;
    Err(crate::errors::new_exception(vm, ty, a.to_vec()))
}

fn getswitchinterval(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.range(vm, "getswitchinterval", 0, 0)?;
    Ok(Value::from_f64(*vm.interp.switch_interval.lock()))
}

fn setswitchinterval(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "setswitchinterval")?;
    let secs = crate::builtins::numbers::to_f64(vm, v)?;
    if secs <= 0.0 {
        return Err(vm.value_error("switch interval must be strictly positive"));
    }
    *vm.interp.switch_interval.lock() = secs;
    Ok(Value::NONE)
}

fn getrecursionlimit(vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    let n = vm.interp.recursion_limit.load(Ordering::Relaxed);
    Ok(vm.new_int(n as i64))
}

fn setrecursionlimit(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "setrecursionlimit")?;
    if v.is_float() {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let n = ops::convert::index_i64(vm, v)?;
    if n < 1 {
        return Err(vm.value_error("recursion limit must be greater or equal than 1"));
    }
    if (n as u64) <= vm.depth as u64 {
        return Err(vm.recursion_error(format!(
            "cannot set the recursion limit to {n} at the recursion depth {}: the limit is too low",
            vm.depth
        )));
    }
    vm.interp
        .recursion_limit
        .store(n.min(u32::MAX as i64) as u32, Ordering::Relaxed);
    Ok(Value::NONE)
}

fn intern(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "intern")?;
    match str_of(v) {
        Some(s) => {
            let s = s.to_owned();
            Ok(vm.intern(&s))
        }
        None => {
            let tn = ops::type_name(vm, v);
            Err(vm.type_error(format!("intern() argument must be str, not {tn}")))
        }
    }
}

fn exc_info(vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    let e = vm.exc_info;
    if e.is_none() || e.is_unset() {
        return Ok(vm.new_tuple(vec![Value::NONE, Value::NONE, Value::NONE]));
    }
    let ty = ops::type_of(vm, e).value();
    let tb = ops::attr::getattr_str(vm, e, "__traceback__")?;
    Ok(vm.new_tuple(vec![ty, e, tb]))
}

fn exception(vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    let e = vm.exc_info;
    Ok(if e.is_unset() { Value::NONE } else { e })
}

fn getframe(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "_getframe", 0, 1)?;
    let mut depth = match a.first() {
        Some(&d) => ops::convert::index_i64(vm, d)?,
        None => 0,
    };
    let mut f = vm.frame;
    while depth > 0 {
        let Some(fr) = Gc::<crate::vm::frame::FrameBody>::from_value(f) else {
            break;
        };
        f = fr.back.get();
        depth -= 1;
    }
    if Gc::<crate::vm::frame::FrameBody>::from_value(f).is_none() {
        return Err(vm.value_error("call stack is not deep enough"));
    }
    Ok(f)
}

fn getsizeof(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "getsizeof", 1, 2)?;
    let v = a[0];
    let base = 16
        + match crate::object::kind_of(v) {
            Some(crate::object::ObjKind::Str) => ops::str_of(v).map_or(0, str::len) + 33,
            Some(crate::object::ObjKind::List) => 40 + 8 * ops::len(vm, v).unwrap_or(0),
            Some(crate::object::ObjKind::Tuple) => 24 + 8 * ops::len(vm, v).unwrap_or(0),
            _ => 12,
        };
    Ok(vm.new_int(base as i64))
}

fn get_int_max_str_digits(vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    let n = vm.interp.int_max_str_digits.load(Ordering::Relaxed);
    Ok(vm.new_int(n as i64))
}

fn set_int_max_str_digits(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = match args.pos().first().copied().or(args.kwarg("maxdigits")) {
        Some(v) => v,
        None => {
            return Err(vm.type_error(
                "set_int_max_str_digits() missing required argument 'maxdigits' (pos 1)",
            ));
        }
    };
    let n = ops::convert::index_i64(vm, v)?;
    if n != 0 && n < 640 {
        return Err(vm.value_error("maxdigits must be >= 640 or 0 for unlimited"));
    }
    vm.interp
        .int_max_str_digits
        .store(n as usize, Ordering::Relaxed);
    Ok(Value::NONE)
}

fn is_gil_enabled(_vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    Ok(Value::FALSE)
}

fn getdefaultencoding(vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    Ok(vm.intern("utf-8"))
}

fn getfilesystemencodeerrors(vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    Ok(vm.intern("surrogateescape"))
}

/// `sys.excepthook(type, value, traceback)`: prints the report of an uncaught exception.
fn excepthook(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "excepthook", 3, 3)?;
    let exc = a[1];
    if crate::object::kind_of(exc) != Some(crate::object::ObjKind::Exception) {
        let tn = ops::type_name(vm, exc);
        let text =
            format!("TypeError: print_exception(): Exception expected for value, {tn} found\n");
        crate::modules::io::write_std(vm, 2, &text)?;
        return Ok(Value::NONE);
    }
    let report = crate::traceback::format_exception(vm, exc);
    crate::modules::io::write_std(vm, 2, &report)?;
    Ok(Value::NONE)
}

/// `sys.displayhook(value)`: prints the repr of a non-None value and stores it in
/// `builtins._`.
fn displayhook(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "displayhook")?;
    if v.is_none() {
        return Ok(Value::NONE);
    }
    let b = vm.interp.builtins;
    dictops::set_item_str(vm, b.dict, "_", Value::NONE);
    let text = ops::repr::repr_string(vm, v)?;
    crate::builtins::functions::write_stdout(vm, &format!("{text}\n"))?;
    dictops::set_item_str(vm, b.dict, "_", v);
    Ok(Value::NONE)
}

/// Builds `sys` for the interpreter (`argv` is filled by the embedder).
pub fn create(vm: &mut Vm) -> PyResult<Gc<ModuleBody>> {
    let existing = vm.interp.sys.get();
    if let Some(m) = Gc::<ModuleBody>::from_value(existing) {
        return Ok(m);
    }
    let m = super::new_module_with(
        vm,
        "sys",
        &[
            ("exit", exit),
            ("getrecursionlimit", getrecursionlimit),
            ("getswitchinterval", getswitchinterval),
            ("setswitchinterval", setswitchinterval),
            ("setrecursionlimit", setrecursionlimit),
            ("intern", intern),
            ("exc_info", exc_info),
            ("exception", exception),
            ("_getframe", getframe),
            ("getsizeof", getsizeof),
            ("get_int_max_str_digits", get_int_max_str_digits),
            ("set_int_max_str_digits", set_int_max_str_digits),
            ("_is_gil_enabled", is_gil_enabled),
            ("getdefaultencoding", getdefaultencoding),
            ("getfilesystemencoding", getdefaultencoding),
            ("getfilesystemencodeerrors", getfilesystemencodeerrors),
            ("excepthook", excepthook),
            ("displayhook", displayhook),
        ],
    );
    for (alias, name) in [
        ("__excepthook__", "excepthook"),
        ("__displayhook__", "displayhook"),
    ] {
        let f = dictops::get_str(&m.dict, name).unwrap_or(Value::NONE);
        super::set(vm, m, alias, f);
    }
    vm.interp.sys.set(m.value());
    let modules = vm.interp.modules.value();
    super::set(vm, m, "modules", modules);
    let fin = vm.intern("final");
    let vi: Vec<Value> = vec![
        Value::small_int(3),
        Value::small_int(14),
        Value::small_int(0),
        fin,
        Value::small_int(0),
    ];
    let vi = crate::modules::structseq::struct_seq(
        vm,
        "sys.version_info",
        &["major", "minor", "micro", "releaselevel", "serial"],
        vi,
    );
    super::set(vm, m, "version_info", vi);
    let version = vm.new_str("3.14.0 (Taipan 0.1.0) [Rust]");
    super::set(vm, m, "version", version);
    super::set(vm, m, "hexversion", Value::small_int(0x030E_00F0));
    let name = vm.intern("taipan");
    let cache_tag = vm.intern("taipan-314");
    let alpha = vm.intern("alpha");
    let impl_vi = vec![
        Value::small_int(0),
        Value::small_int(1),
        Value::small_int(0),
        alpha,
        Value::small_int(0),
    ];
    let impl_vi = crate::modules::structseq::struct_seq(
        vm,
        "sys.version_info",
        &["major", "minor", "micro", "releaselevel", "serial"],
        impl_vi,
    );
    let imp = crate::modules::structseq::namespace(
        vm,
        "namespace",
        &[
            ("name", name),
            ("cache_tag", cache_tag),
            ("version", impl_vi),
        ],
    );
    super::set(vm, m, "implementation", imp);
    let maxsize = vm.new_int(i64::MAX);
    super::set(vm, m, "maxsize", maxsize);
    let maxunicode = vm.new_int(0x10FFFF);
    super::set(vm, m, "maxunicode", maxunicode);
    let order = vm.intern(if cfg!(target_endian = "little") {
        "little"
    } else {
        "big"
    });
    super::set(vm, m, "byteorder", order);
    let platform = vm.intern(if cfg!(target_os = "linux") {
        "linux"
    } else if cfg!(target_os = "macos") {
        "darwin"
    } else {
        "unknown"
    });
    super::set(vm, m, "platform", platform);
    let flag_names = [
        "debug",
        "inspect",
        "interactive",
        "optimize",
        "dont_write_bytecode",
        "no_user_site",
        "no_site",
        "ignore_environment",
        "verbose",
        "bytes_warning",
        "quiet",
        "hash_randomization",
        "isolated",
        "dev_mode",
        "utf8_mode",
        "warn_default_encoding",
        "safe_path",
        "int_max_str_digits",
        "gil",
    ];
    let mut flag_values: Vec<Value> = flag_names.iter().map(|_| Value::small_int(0)).collect();
    flag_values[11] = Value::small_int(1);
    // `dev_mode` and `safe_path` are bools, the other flags ints.
    flag_values[13] = Value::FALSE;
    flag_values[16] = Value::FALSE;
    flag_values[17] = Value::small_int(4300);
    let flags = crate::modules::structseq::struct_seq(vm, "sys.flags", &flag_names, flag_values);
    super::set(vm, m, "flags", flags);
    let names: Vec<Value> = super::builtin_module_names()
        .into_iter()
        .map(|n| vm.intern(n))
        .collect();
    let names = vm.new_tuple(names);
    super::set(vm, m, "builtin_module_names", names);
    let path = vm.new_list(Vec::new());
    super::set(vm, m, "path", path);
    let argv = vm.new_list(Vec::new());
    super::set(vm, m, "argv", argv);
    let exe = std::env::current_exe()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    let exe = vm.new_string(exe);
    super::set(vm, m, "executable", exe);
    let prefix = vm.intern("/usr");
    super::set(vm, m, "prefix", prefix);
    let (stdin, stdout, stderr) = crate::modules::io::std_streams(vm);
    for (n, v) in [
        ("stdin", stdin),
        ("stdout", stdout),
        ("stderr", stderr),
        ("__stdin__", stdin),
        ("__stdout__", stdout),
        ("__stderr__", stderr),
    ] {
        super::set(vm, m, n, v);
    }
    let warnopts = vm.new_list(Vec::new());
    super::set(vm, m, "warnoptions", warnopts);
    let xopts = vm.new_dict_body().value();
    super::set(vm, m, "_xoptions", xopts);
    let float_info = crate::modules::structseq::struct_seq(
        vm,
        "sys.float_info",
        &[
            "max",
            "max_exp",
            "max_10_exp",
            "min",
            "min_exp",
            "min_10_exp",
            "dig",
            "mant_dig",
            "epsilon",
            "radix",
            "rounds",
        ],
        vec![
            Value::from_f64(f64::MAX),
            Value::small_int(1024),
            Value::small_int(308),
            Value::from_f64(f64::MIN_POSITIVE),
            Value::small_int(-1021),
            Value::small_int(-307),
            Value::small_int(15),
            Value::small_int(53),
            Value::from_f64(f64::EPSILON),
            Value::small_int(2),
            Value::small_int(1),
        ],
    );
    super::set(vm, m, "float_info", float_info);
    let siphash = vm.intern("siphash13");
    let modulus = vm.new_int((1i64 << 61) - 1);
    let hash_info = crate::modules::structseq::struct_seq(
        vm,
        "sys.hash_info",
        &[
            "width",
            "modulus",
            "inf",
            "nan",
            "imag",
            "algorithm",
            "hash_bits",
            "seed_bits",
            "cutoff",
        ],
        vec![
            Value::small_int(64),
            modulus,
            Value::small_int(314_159),
            Value::small_int(0),
            Value::small_int(1_000_003),
            siphash,
            Value::small_int(64),
            Value::small_int(128),
            Value::small_int(0),
        ],
    );
    super::set(vm, m, "hash_info", hash_info);
    Ok(m)
}

/// Sets `sys.argv` and `sys.path[0]` for running a script.
pub fn set_argv(vm: &mut Vm, argv: &[String], path0: &str) {
    let items: Vec<Value> = argv.iter().map(|a| vm.new_str(a)).collect();
    let l = vm.new_list(items);
    let m = Gc::<ModuleBody>::from_value(vm.interp.sys.get()).expect("sys");
    super::set(vm, m, "argv", l);
    let mut path = vec![vm.new_str(path0)];
    if let Ok(pp) = std::env::var("PYTHONPATH") {
        for p in pp.split(':').filter(|p| !p.is_empty()) {
            path.push(vm.new_str(p));
        }
    }
    let l = vm.new_list(path);
    super::set(vm, m, "path", l);
}
