//! The `os` and `os.path` modules (the common subset), plus the struct-sequence and
//! namespace object helpers other modules use for `sys.version_info` and friends.

use crate::args::Args;
use crate::builtins::{add_methods, method};
use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::Gc;
use crate::ops::{self, attr, dictops, str_of};
use crate::types::module::ModuleBody;
use crate::types::typeobj::{TypeBody, tflags};
use crate::value::Value;

fn make_type(vm: &mut Vm, name: &str, payload: Option<Gc<TypeBody>>) -> Gc<TypeBody> {
    let dict = vm.new_dict_body();
    let meta = vm.rt.types.type_;
    let ty = vm.alloc(meta, TypeBody::new(name.rsplit('.').next().unwrap_or(name), dict, crate::object::ObjKind::Instance, tflags::HEAPTYPE | tflags::HAS_ATTRS));
    let object = vm.rt.types.object.value();
    match payload {
        Some(p) => {
            *ty.payload_base.lock() = p.value();
            *ty.bases.lock() = vec![p.value()];
            *ty.mro.lock() = vec![ty.value(), p.value(), object];
        }
        None => {
            *ty.bases.lock() = vec![object];
            *ty.mro.lock() = vec![ty.value(), object];
        }
    }
    if let Some((module, _)) = name.rsplit_once('.') {
        let m = vm.new_str(module);
        dictops::set_item_str(vm, dict, "__module__", m);
    }
    ty
}

fn named_repr(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "__repr__")?;
    let ty = ops::type_of(vm, v);
    let fields = dictops::get_str(&ty.dict, "_fields").map(|f| ops::tuple_items(f).unwrap_or(&[]).to_vec()).unwrap_or_default();
    let full = dictops::get_str(&ty.dict, "__taipan_name__").and_then(str_of).map(str::to_owned).unwrap_or_else(|| ty.name());
    let mut parts = Vec::new();
    let names: Vec<String> = if fields.is_empty() {
        match attr::instance_dict(vm, v) {
            Some(d) => dictops::items(&d).into_iter().filter_map(|(k, _)| str_of(k).map(str::to_owned)).collect(),
            None => Vec::new(),
        }
    } else {
        fields.iter().filter_map(|f| str_of(*f).map(str::to_owned)).collect()
    };
    for n in names {
        let val = attr::getattr_str(vm, v, &n)?;
        let r = ops::repr::repr_string(vm, val)?;
        parts.push(format!("{n}={r}"));
    }
    Ok(vm.new_string(format!("{full}({})", parts.join(", "))))
}

/// A struct sequence (`sys.version_info`, `time.struct_time`): a tuple with named fields.
pub fn struct_seq(vm: &mut Vm, name: &'static str, fields: &[&str], values: Vec<Value>) -> Value {
    let existing = vm.rt.extra_types.lock().get(name).copied();
    let ty = match existing {
        Some(t) => t,
        None => {
            let tuple = vm.rt.types.tuple;
            let t = make_type(vm, name, Some(tuple));
            let names: Vec<Value> = fields.iter().map(|f| vm.intern(f)).collect();
            let names = vm.new_tuple(names);
            dictops::set_item_str(vm, t.dict, "_fields", names);
            let full = vm.new_str(name);
            dictops::set_item_str(vm, t.dict, "__taipan_name__", full);
            add_methods(vm, t, &[method("__repr__", named_repr)]);
            vm.rt.extra_types.lock().insert(name, t);
            t
        }
    };
    let payload = vm.new_tuple(values.clone());
    let inst = crate::builtins::object::new_instance(vm, ty, payload);
    if let Some(d) = attr::instance_dict(vm, inst) {
        for (f, v) in fields.iter().zip(values) {
            dictops::set_item_str(vm, d, f, v);
        }
    }
    inst
}

/// A simple namespace object with the given attributes.
pub fn namespace(vm: &mut Vm, name: &'static str, fields: &[(&str, Value)]) -> Value {
    let existing = vm.rt.extra_types.lock().get(name).copied();
    let ty = match existing {
        Some(t) => t,
        None => {
            let t = make_type(vm, name, None);
            add_methods(vm, t, &[method("__repr__", named_repr)]);
            vm.rt.extra_types.lock().insert(name, t);
            t
        }
    };
    let inst = crate::builtins::object::new_instance(vm, ty, Value::UNSET);
    if let Some(d) = attr::instance_dict(vm, inst) {
        for (f, v) in fields {
            dictops::set_item_str(vm, d, f, *v);
        }
    }
    inst
}

fn path_arg<'a>(vm: &mut Vm, v: Value) -> PyResult<&'a str> {
    match str_of(v) {
        Some(s) => Ok(s),
        None => {
            let tn = ops::type_name(vm, v);
            Err(vm.type_error(format!("expected str, bytes or os.PathLike object, not {tn}")))
        }
    }
}

/// Refuses file-system changes in a sandboxed run (`run::RunOptions::sandbox`).
fn sandbox_check(vm: &mut Vm) -> PyResult<()> {
    if vm.interp.sandboxed.load(std::sync::atomic::Ordering::Relaxed) {
        return Err(vm.new_error(vm.rt.exc.permission_error, "file-system changes are disabled in the sandbox"));
    }
    Ok(())
}

fn getcwd(vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    let d = std::env::current_dir().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(vm.new_string(d))
}

fn listdir(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "listdir", 0, 1)?;
    let p = match a.first() {
        Some(&v) => path_arg(vm, v)?.to_owned(),
        None => ".".into(),
    };
    match std::fs::read_dir(&p) {
        Ok(rd) => {
            let names: Vec<String> = rd.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect();
            let vals: Vec<Value> = names.into_iter().map(|n| vm.new_string(n)).collect();
            Ok(vm.new_list(vals))
        }
        Err(e) => Err(crate::modules::io::os_error_for(vm, &e, &p)),
    }
}

fn remove(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    sandbox_check(vm)?;
    let v = args.one(vm, "remove")?;
    let p = path_arg(vm, v)?.to_owned();
    std::fs::remove_file(&p).map_err(|e| crate::modules::io::os_error_for(vm, &e, &p))?;
    Ok(Value::NONE)
}

fn rmdir(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    sandbox_check(vm)?;
    let v = args.one(vm, "rmdir")?;
    let p = path_arg(vm, v)?.to_owned();
    std::fs::remove_dir(&p).map_err(|e| crate::modules::io::os_error_for(vm, &e, &p))?;
    Ok(Value::NONE)
}

fn mkdir(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    sandbox_check(vm)?;
    let a = args.range(vm, "mkdir", 1, 2)?;
    let p = path_arg(vm, a[0])?.to_owned();
    std::fs::create_dir(&p).map_err(|e| crate::modules::io::os_error_for(vm, &e, &p))?;
    Ok(Value::NONE)
}

fn makedirs(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    sandbox_check(vm)?;
    let p = path_arg(vm, args.pos()[0])?.to_owned();
    let exist_ok = match args.kwarg("exist_ok").or(args.pos().get(2).copied()) {
        Some(v) => ops::truthy(vm, v)?,
        None => false,
    };
    if std::path::Path::new(&p).is_dir() && !exist_ok {
        let e = std::io::Error::from(std::io::ErrorKind::AlreadyExists);
        return Err(crate::modules::io::os_error_for(vm, &e, &p));
    }
    std::fs::create_dir_all(&p).map_err(|e| crate::modules::io::os_error_for(vm, &e, &p))?;
    Ok(Value::NONE)
}

fn rename(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    sandbox_check(vm)?;
    let a = args.range(vm, "rename", 2, 2)?;
    let (x, y) = (path_arg(vm, a[0])?.to_owned(), path_arg(vm, a[1])?.to_owned());
    std::fs::rename(&x, &y).map_err(|e| crate::modules::io::os_error_for(vm, &e, &x))?;
    Ok(Value::NONE)
}

fn getpid(vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    Ok(vm.new_int(std::process::id() as i64))
}

fn getenv(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "getenv", 1, 2)?;
    let k = path_arg(vm, a[0])?.to_owned();
    match std::env::var(&k) {
        Ok(v) => Ok(vm.new_string(v)),
        Err(_) => Ok(a.get(1).copied().unwrap_or(Value::NONE)),
    }
}

fn fspath(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "fspath")?;
    if str_of(v).is_some() {
        return Ok(v);
    }
    match ops::call::call_special(vm, v, "__fspath__", &[])? {
        Some(r) => Ok(r),
        None => {
            let tn = ops::type_name(vm, v);
            Err(vm.type_error(format!("expected str, bytes or os.PathLike object, not {tn}")))
        }
    }
}

fn p_join(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let mut out = String::new();
    for (i, &v) in args.pos().iter().enumerate() {
        let s = path_arg(vm, v)?;
        if s.starts_with('/') {
            out = s.to_owned();
        } else if i == 0 || out.is_empty() || out.ends_with('/') {
            out.push_str(s);
        } else {
            out.push('/');
            out.push_str(s);
        }
    }
    Ok(vm.new_string(out))
}

fn p_test(vm: &mut Vm, args: &Args, f: fn(&std::path::Path) -> bool) -> PyResult<Value> {
    let v = args.one(vm, "path")?;
    let Some(p) = str_of(v) else {
        return Ok(Value::FALSE);
    };
    Ok(Value::from_bool(f(std::path::Path::new(p))))
}

fn p_exists(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    p_test(vm, args, |p| p.exists())
}
fn p_isfile(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    p_test(vm, args, |p| p.is_file())
}
fn p_isdir(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    p_test(vm, args, |p| p.is_dir())
}
fn p_isabs(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    p_test(vm, args, |p| p.to_string_lossy().starts_with('/'))
}

fn split_path(p: &str) -> (&str, &str) {
    match p.rfind('/') {
        Some(i) => {
            let head = &p[..=i];
            let trimmed = head.trim_end_matches('/');
            (if trimmed.is_empty() { head } else { trimmed }, &p[i + 1..])
        }
        None => ("", p),
    }
}

fn p_basename(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "basename")?;
    let p = path_arg(vm, v)?;
    let b = split_path(p).1.to_owned();
    Ok(vm.new_string(b))
}

fn p_dirname(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "dirname")?;
    let p = path_arg(vm, v)?;
    let d = split_path(p).0.to_owned();
    Ok(vm.new_string(d))
}

fn p_split(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "split")?;
    let p = path_arg(vm, v)?;
    let (d, b) = split_path(p);
    let (d, b) = (vm.new_str(d), vm.new_str(b));
    Ok(vm.new_tuple(vec![d, b]))
}

fn p_splitext(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "splitext")?;
    let p = path_arg(vm, v)?;
    let base_start = p.rfind('/').map_or(0, |i| i + 1);
    let base = &p[base_start..];
    let dot = base.rfind('.').filter(|&i| base[..i].chars().any(|c| c != '.'));
    let (a, b) = match dot {
        Some(i) => (&p[..base_start + i], &p[base_start + i..]),
        None => (p, ""),
    };
    let (a, b) = (vm.new_str(a), vm.new_str(b));
    Ok(vm.new_tuple(vec![a, b]))
}

/// `os.path.normpath` on POSIX paths.
fn normpath(p: &str) -> String {
    if p.is_empty() {
        return ".".into();
    }
    let abs = p.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for comp in p.split('/') {
        match comp {
            "" | "." => {}
            ".." if parts.last().is_some_and(|l| *l != "..") => {
                parts.pop();
            }
            ".." if abs => {}
            c => parts.push(c),
        }
    }
    let body = parts.join("/");
    match (abs, body.is_empty()) {
        (true, _) => format!("/{body}"),
        (false, true) => ".".into(),
        (false, false) => body,
    }
}

fn p_normpath(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "normpath")?;
    let p = normpath(path_arg(vm, v)?);
    Ok(vm.new_string(p))
}

fn p_abspath(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "abspath")?;
    let p = path_arg(vm, v)?;
    let full = if p.starts_with('/') {
        p.to_owned()
    } else {
        let cwd = std::env::current_dir().map(|c| c.to_string_lossy().into_owned()).unwrap_or_default();
        format!("{cwd}/{p}")
    };
    Ok(vm.new_string(normpath(&full)))
}

fn p_getsize(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "getsize")?;
    let p = path_arg(vm, v)?.to_owned();
    match std::fs::metadata(&p) {
        Ok(m) => Ok(vm.new_int(m.len() as i64)),
        Err(e) => Err(crate::modules::io::os_error_for(vm, &e, &p)),
    }
}

/// Builds `os` with its `path` submodule.
pub fn create(vm: &mut Vm) -> PyResult<Gc<ModuleBody>> {
    let m = super::new_module_with(vm, "os", &[
        ("getcwd", getcwd),
        ("listdir", listdir),
        ("remove", remove),
        ("unlink", remove),
        ("rmdir", rmdir),
        ("mkdir", mkdir),
        ("makedirs", makedirs),
        ("rename", rename),
        ("getpid", getpid),
        ("getenv", getenv),
        ("fspath", fspath),
    ]);
    let path = super::new_module_with(vm, "posixpath", &[
        ("join", p_join),
        ("exists", p_exists),
        ("isfile", p_isfile),
        ("isdir", p_isdir),
        ("isabs", p_isabs),
        ("basename", p_basename),
        ("dirname", p_dirname),
        ("split", p_split),
        ("splitext", p_splitext),
        ("normpath", p_normpath),
        ("abspath", p_abspath),
        ("getsize", p_getsize),
    ]);
    let sep = vm.intern("/");
    super::set(vm, path, "sep", sep);
    super::set(vm, m, "path", path.value());
    super::set(vm, m, "sep", sep);
    let name = vm.intern("posix");
    super::set(vm, m, "name", name);
    let linesep = vm.intern("\n");
    super::set(vm, m, "linesep", linesep);
    let environ = vm.new_dict_body();
    for (k, v) in std::env::vars() {
        let (k, v) = (vm.new_string(k), vm.new_string(v));
        dictops::set(vm, environ, k, v)?;
    }
    super::set(vm, m, "environ", environ.value());
    let modules = vm.interp.modules;
    dictops::set_item_str(vm, modules, "os.path", path.value());
    Ok(m)
}
