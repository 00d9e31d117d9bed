//! The import system: `import a.b.c`, `from . import x`, `__import__`,
//! `importlib.import_module`, packages and `sys.path` search, builtin (Rust) modules, and
//! CPython's ImportError/ModuleNotFoundError texts.

use crate::args::Args;
use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::Gc;
use crate::ops::{self, attr, dictops, str_of};
use crate::types::dict::DictBody;
use crate::types::module::ModuleBody;
use crate::value::Value;
use crate::vm::frame::FrameBody;

/// A new, empty module object named `name`.
pub fn new_module(vm: &mut Vm, name: &str) -> Gc<ModuleBody> {
    let d = vm.new_dict_body();
    let n = vm.new_str(name);
    dictops::set_item_str(vm, d, "__name__", n);
    for key in ["__doc__", "__package__", "__loader__", "__spec__"] {
        dictops::set_item_str(vm, d, key, Value::NONE);
    }
    let ty = vm.rt.types.module;
    vm.alloc(ty, ModuleBody { dict: d })
}

fn sys_modules(vm: &Vm) -> Gc<DictBody> {
    vm.interp.modules
}

/// The absolute name for a relative import from a module with `globals`.
fn resolve_name(
    vm: &mut Vm,
    name: &str,
    globals: Option<Gc<DictBody>>,
    level: usize,
) -> PyResult<String> {
    if level == 0 {
        return Ok(name.to_owned());
    }
    let package = globals.and_then(|g| {
        dictops::get_str(&g, "__package__")
            .and_then(str_of)
            .map(str::to_owned)
            .or_else(|| {
                let modname = dictops::get_str(&g, "__name__")
                    .and_then(str_of)?
                    .to_owned();
                if dictops::get_str(&g, "__path__").is_some() {
                    Some(modname)
                } else {
                    Some(
                        modname
                            .rsplit_once('.')
                            .map(|(p, _)| p.to_owned())
                            .unwrap_or_default(),
                    )
                }
            })
    });
    let package = match package {
        Some(p) if !p.is_empty() => p,
        _ => return Err(vm.import_error("attempted relative import with no known parent package")),
    };
    let parts: Vec<&str> = package.split('.').collect();
    if level > parts.len() {
        return Err(vm.import_error("attempted relative import beyond top-level package"));
    }
    let base = parts[..parts.len() - (level - 1)].join(".");
    Ok(if name.is_empty() {
        base
    } else {
        format!("{base}.{name}")
    })
}

/// Imports `fullname` (every parent first) and returns the module.
/// The module `fullname` already in `sys.modules` (`None` there means "not found").
fn already_imported(vm: &mut Vm, fullname: &str) -> Option<PyResult<Value>> {
    let m = dictops::get_str(&sys_modules(vm), fullname)?;
    Some(if m.is_none() {
        Err(not_found(vm, fullname, true))
    } else {
        Ok(m)
    })
}

pub fn import_module(vm: &mut Vm, fullname: &str) -> PyResult<Value> {
    if !vm.interp.import_locks.busy_elsewhere(vm.ident, fullname)
        && let Some(found) = already_imported(vm, fullname)
    {
        return found;
    }
    // Another thread may be importing it: wait, then look again.
    let _lock = crate::import_lock::lock_module(vm, fullname);
    if let Some(found) = already_imported(vm, fullname) {
        return found;
    }
    let (parent, child) = match fullname.rsplit_once('.') {
        Some((p, c)) => (Some(p), c),
        None => (None, fullname),
    };
    // The embedded pure-Python standard library (modules::frozen): after sys.modules and
    // the Rust builtin modules, before sys.path.
    if let Some(frozen) = crate::modules::frozen::find(fullname) {
        if let Some(p) = parent {
            import_module(vm, p)?;
            if let Some(m) = dictops::get_str(&sys_modules(vm), fullname) {
                return Ok(m);
            }
        } else if let Some(m) = crate::modules::create_builtin(vm, fullname)? {
            let key = vm.new_str(fullname);
            dictops::set(vm, sys_modules(vm), key, m)?;
            return Ok(m);
        }
        let file = format!("<frozen {fullname}>");
        let pkg_dir = frozen.is_package.then(|| std::path::PathBuf::from(&file));
        return load_code(
            vm,
            fullname,
            frozen.source.as_bytes(),
            &file,
            pkg_dir.as_deref(),
            parent,
        );
    }
    let search: Vec<String> = match parent {
        Some(p) => {
            let pm = import_module(vm, p)?;
            if let Some(m) = dictops::get_str(&sys_modules(vm), fullname) {
                return Ok(m);
            }
            match attr::getattr_opt(vm, pm, "__path__")? {
                Some(path) => ops::iter::collect(vm, path)?
                    .into_iter()
                    .filter_map(|p| str_of(p).map(str::to_owned))
                    .collect(),
                None => {
                    let err = vm.module_not_found_error(format!(
                        "No module named '{fullname}'; '{p}' is not a package"
                    ));
                    set_name(vm, err.value(), fullname);
                    return Err(err);
                }
            }
        }
        None => {
            if let Some(m) = crate::modules::create_builtin(vm, fullname)? {
                let key = vm.new_str(fullname);
                dictops::set(vm, sys_modules(vm), key, m)?;
                return Ok(m);
            }
            let path = crate::modules::sys::get(vm, "path");
            ops::iter::collect(vm, path)?
                .into_iter()
                .filter_map(|p| str_of(p).map(str::to_owned))
                .collect()
        }
    };
    // Directories without `__init__.py` make a namespace package (PEP 420) when no
    // regular package or module of the name is found anywhere on the path.
    let mut namespace_dirs = Vec::new();
    for dir in &search {
        let base = if dir.is_empty() {
            std::path::PathBuf::from(".")
        } else {
            std::path::PathBuf::from(dir)
        };
        let pkg_dir = base.join(child);
        let pkg_init = pkg_dir.join("__init__.py");
        let file = base.join(format!("{child}.py"));
        if pkg_init.is_file() {
            return load_source_module(vm, fullname, &pkg_init, Some(&pkg_dir), parent);
        }
        if file.is_file() {
            return load_source_module(vm, fullname, &file, None, parent);
        }
        if pkg_dir.is_dir() {
            let abs = std::path::absolute(&pkg_dir).unwrap_or(pkg_dir);
            namespace_dirs.push(abs.to_string_lossy().into_owned());
        }
    }
    if !namespace_dirs.is_empty() {
        return namespace_package(vm, fullname, namespace_dirs, parent);
    }
    Err(not_found(vm, fullname, false))
}

/// Creates the namespace package `fullname` spanning `dirs`.
fn namespace_package(
    vm: &mut Vm,
    fullname: &str,
    dirs: Vec<String>,
    parent: Option<&str>,
) -> PyResult<Value> {
    let module = new_module(vm, fullname);
    let d = module.dict;
    dictops::set_item_str(vm, d, "__file__", Value::NONE);
    let paths: Vec<Value> = dirs.into_iter().map(|p| vm.new_string(p)).collect();
    let l = vm.new_list(paths);
    dictops::set_item_str(vm, d, "__path__", l);
    let pv = vm.new_str(fullname);
    dictops::set_item_str(vm, d, "__package__", pv);
    let key = vm.new_str(fullname);
    dictops::set(vm, sys_modules(vm), key, module.value())?;
    bind_in_parent(vm, fullname, parent, module.value());
    Ok(module.value())
}

/// Sets `child` in the parent package of `fullname` to the module `m`.
fn bind_in_parent(vm: &mut Vm, fullname: &str, parent: Option<&str>, m: Value) {
    if let Some(p) = parent
        && let Some(pm) = dictops::get_str(&sys_modules(vm), p)
    {
        let child = fullname.rsplit_once('.').map_or(fullname, |(_, c)| c);
        let cn = vm.intern(child);
        let _ = attr::setattr(vm, pm, cn, m);
    }
}

/// `importlib.reload(module)`: runs the module's code again in its namespace.
pub fn reload(vm: &mut Vm, module: Value) -> PyResult<Value> {
    let Some(m) = Gc::<ModuleBody>::from_value(module) else {
        return Err(vm.type_error("reload() argument must be a module"));
    };
    let name = dictops::get_str(&m.dict, "__name__")
        .and_then(str_of)
        .map(str::to_owned)
        .unwrap_or_default();
    if dictops::get_str(&sys_modules(vm), &name) != Some(module) {
        let err = vm.import_error(format!("module {name} not in sys.modules"));
        set_name(vm, err.value(), &name);
        return Err(err);
    }
    let file = dictops::get_str(&m.dict, "__file__")
        .and_then(str_of)
        .map(str::to_owned);
    let (bytes, filename) = match (file, crate::modules::frozen::find(&name)) {
        (Some(f), _) => match std::fs::read(&f) {
            Ok(b) => (b, f),
            Err(e) => return Err(crate::modules::posix::io_error(vm, &e, Some(&f))),
        },
        (None, Some(frozen)) => (
            frozen.source.as_bytes().to_vec(),
            format!("<frozen {name}>"),
        ),
        // Builtin and namespace modules have no code to run again.
        (None, None) => return Ok(module),
    };
    let code = crate::loader::compile_source(vm, &bytes, &filename)?;
    crate::vm::run_code(vm, code, m.dict, m.dict.value())?;
    Ok(dictops::get_str(&sys_modules(vm), &name).unwrap_or(module))
}

fn set_name(vm: &mut Vm, err: Value, name: &str) {
    if let Some(d) = attr::instance_dict(vm, err) {
        let n = vm.new_str(name);
        dictops::set_item_str(vm, d, "name", n);
    }
}

fn not_found(vm: &mut Vm, name: &str, halted: bool) -> crate::errors::PyErr {
    let msg = if halted {
        format!("import of {name} halted; None in sys.modules")
    } else {
        format!("No module named '{name}'")
    };
    let err = vm.module_not_found_error(msg);
    set_name(vm, err.value(), name);
    err
}

fn load_source_module(
    vm: &mut Vm,
    fullname: &str,
    path: &std::path::Path,
    pkg_dir: Option<&std::path::Path>,
    parent: Option<&str>,
) -> PyResult<Value> {
    let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let file = abs.to_string_lossy().into_owned();
    let bytes = match std::fs::read(&abs) {
        Ok(b) => b,
        Err(e) => return Err(vm.os_error(e.to_string())),
    };
    load_code(vm, fullname, &bytes, &file, pkg_dir, parent)
}

/// Creates module `fullname` from `bytes` (Python source), registers it in `sys.modules`
/// while it runs (removing it again if it fails), and binds it in its parent package.
fn load_code(
    vm: &mut Vm,
    fullname: &str,
    bytes: &[u8],
    file: &str,
    pkg_dir: Option<&std::path::Path>,
    parent: Option<&str>,
) -> PyResult<Value> {
    let module = new_module(vm, fullname);
    let d = module.dict;
    if !file.starts_with("<frozen") {
        let f = vm.new_str(file);
        dictops::set_item_str(vm, d, "__file__", f);
    }
    let package = match pkg_dir {
        Some(dir) => {
            let dir_abs = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
            let p = vm.new_string(dir_abs.to_string_lossy().into_owned());
            let l = vm.new_list(vec![p]);
            dictops::set_item_str(vm, d, "__path__", l);
            fullname.to_owned()
        }
        None => parent.unwrap_or("").to_owned(),
    };
    let pv = vm.new_string(package);
    dictops::set_item_str(vm, d, "__package__", pv);
    let b = vm.interp.builtins.value();
    dictops::set_item_str(vm, d, "__builtins__", b);
    let key = vm.new_str(fullname);
    dictops::set(vm, sys_modules(vm), key, module.value())?;
    vm.interp.initializing.lock().push(fullname.to_owned());
    let result = crate::loader::compile_source(vm, bytes, file)
        .and_then(|code| crate::vm::run_code(vm, code, d, d.value()));
    {
        let mut init = vm.interp.initializing.lock();
        if let Some(i) = init.iter().rposition(|n| n == fullname) {
            init.remove(i);
        }
    }
    if let Err(e) = result {
        dictops::remove(vm, sys_modules(vm), key)?;
        return Err(e);
    }
    let m = dictops::get_str(&sys_modules(vm), fullname).unwrap_or(module.value());
    bind_in_parent(vm, fullname, parent, m);
    Ok(m)
}

/// The `ImportName` opcode: `__import__(name, globals, None, fromlist, level)`.
pub fn import_name(
    vm: &mut Vm,
    frame: &FrameBody,
    name: Value,
    fromlist: Value,
    level: Value,
) -> PyResult<Value> {
    let override_import = dictops::get_str(
        &Gc::<DictBody>::from_value(frame.builtins).expect("builtins dict"),
        "__import__",
    );
    if let Some(f) = override_import
        && Gc::<crate::types::function::BuiltinBody>::from_value(f).is_none()
    {
        return ops::call::call(
            vm,
            f,
            &[name, frame.globals.value(), Value::NONE, fromlist, level],
        );
    }
    let level = level.as_small_int().unwrap_or(0).max(0) as usize;
    import_impl(
        vm,
        str_of(name).unwrap_or(""),
        Some(frame.globals),
        fromlist,
        level,
    )
}

fn import_impl(
    vm: &mut Vm,
    name: &str,
    globals: Option<Gc<DictBody>>,
    fromlist: Value,
    level: usize,
) -> PyResult<Value> {
    if name.is_empty() && level == 0 {
        return Err(vm.value_error("Empty module name"));
    }
    let fullname = resolve_name(vm, name, globals, level)?;
    let module = import_module(vm, &fullname)?;
    let has_fromlist = !fromlist.is_none() && ops::truthy(vm, fromlist)?;
    if !has_fromlist {
        if level == 0 || name.is_empty() {
            let top = name.split('.').next().unwrap_or(name);
            if level == 0 {
                return import_module(vm, top);
            }
            return Ok(module);
        }
        // `from . import` never reaches here; `import .a.b` is not valid syntax.
        let top_len = fullname.len() - name.len() + name.split('.').next().map_or(0, str::len);
        return import_module(vm, &fullname[..top_len]);
    }
    if attr::getattr_opt(vm, module, "__path__")?.is_some() {
        for item in ops::iter::collect(vm, fromlist)? {
            let Some(n) = str_of(item) else { continue };
            if n == "*" {
                if let Some(all) = attr::getattr_opt(vm, module, "__all__")? {
                    for sub in ops::iter::collect(vm, all)? {
                        if let Some(s) = str_of(sub)
                            && attr::getattr_opt(vm, module, s)?.is_none()
                        {
                            let full = format!("{fullname}.{s}");
                            let _ = import_module(vm, &full);
                        }
                    }
                }
                continue;
            }
            if attr::getattr_opt(vm, module, n)?.is_none() {
                let full = format!("{fullname}.{n}");
                match import_module(vm, &full) {
                    Ok(_) => {}
                    Err(e) if ops::is_instance(vm, e.value(), vm.rt.exc.module_not_found_error) => {
                        let missing = attr::getattr_opt(vm, e.value(), "name")?.and_then(str_of);
                        if missing != Some(full.as_str()) {
                            return Err(e);
                        }
                    }
                    Err(e) => return Err(e),
                }
            }
        }
    }
    Ok(module)
}

/// `from module import name`.
pub fn import_from(vm: &mut Vm, module: Value, name: Value) -> PyResult<Value> {
    let n = str_of(name).unwrap_or("").to_owned();
    if let Some(v) = attr::getattr_opt(vm, module, &n)? {
        return Ok(v);
    }
    let modname = attr::getattr_opt(vm, module, "__name__")?
        .and_then(str_of)
        .map(str::to_owned);
    if let Some(m) = &modname {
        let full = format!("{m}.{n}");
        if let Some(v) = dictops::get_str(&sys_modules(vm), &full) {
            return Ok(v);
        }
    }
    let modname = modname.unwrap_or_else(|| "<unknown module name>".into());
    let file = attr::getattr_opt(vm, module, "__file__")?
        .and_then(str_of)
        .map(str::to_owned);
    let initializing = vm.interp.initializing.lock().contains(&modname);
    let msg = match file {
        Some(f) if initializing => format!(
            "cannot import name '{n}' from partially initialized module '{modname}' (most likely due to a circular import) ({f})"
        ),
        Some(f) => format!("cannot import name '{n}' from '{modname}' ({f})"),
        None => format!("cannot import name '{n}' from '{modname}' (unknown location)"),
    };
    let err = vm.import_error(msg);
    if let Some(d) = attr::instance_dict(vm, err.value()) {
        let mn = vm.new_string(modname);
        dictops::set_item_str(vm, d, "name", mn);
    }
    Err(err)
}

/// `from module import *`.
pub fn import_star(vm: &mut Vm, frame: &FrameBody, module: Value) -> PyResult<()> {
    let names: Vec<Value> = match attr::getattr_opt(vm, module, "__all__")? {
        Some(all) => ops::iter::collect(vm, all)?,
        None => {
            let d = attr::getattr_str(vm, module, "__dict__")?;
            crate::builtins::dict::mapping_items(vm, d)?
                .into_iter()
                .map(|(k, _)| k)
                .filter(|k| str_of(*k).is_some_and(|s| !s.starts_with('_')))
                .collect()
        }
    };
    for name in names {
        let v = attr::getattr(vm, module, name)?;
        crate::vm::misc::store_name(vm, frame, name, v)?;
    }
    Ok(())
}

/// `__import__(name, globals=None, locals=None, fromlist=(), level=0)`.
pub fn import_builtin(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.only_kwargs(
        vm,
        "__import__",
        &["name", "globals", "locals", "fromlist", "level"],
    )?;
    let pos = args.pos();
    let get = |i: usize, n: &str| pos.get(i).copied().or(args.kwarg(n));
    let Some(name) = get(0, "name") else {
        return Err(vm.type_error("__import__() missing required argument 'name' (pos 1)"));
    };
    let Some(name_s) = str_of(name).map(str::to_owned) else {
        let tn = ops::type_name(vm, name);
        return Err(vm.type_error(format!("module name must be str, not {tn}")));
    };
    let globals = get(1, "globals").and_then(Gc::<DictBody>::from_value);
    let fromlist = get(3, "fromlist").unwrap_or(Value::NONE);
    let level = match get(4, "level") {
        Some(l) => ops::convert::index_i64(vm, l)?,
        None => 0,
    };
    if level < 0 {
        return Err(vm.value_error("level must be >= 0"));
    }
    import_impl(vm, &name_s, globals, fromlist, level as usize)
}
