//! `importlib` (basic): `import_module` with relative names, and `reload`.

use crate::args::Args;
use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::Gc;
use crate::ops::{self, str_of};
use crate::types::module::ModuleBody;
use crate::value::Value;

fn import_module(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.only_kwargs(vm, "import_module", &["name", "package"])?;
    let pos = args.pos();
    if pos.len() > 2 {
        return Err(vm.type_error(format!(
            "import_module() takes from 1 to 2 positional arguments but {} were given",
            pos.len()
        )));
    }
    let Some(name_v) = pos.first().copied().or(args.kwarg("name")) else {
        return Err(vm.type_error("import_module() missing 1 required positional argument: 'name'"));
    };
    let package = pos
        .get(1)
        .copied()
        .or(args.kwarg("package"))
        .filter(|p| !p.is_none());
    let Some(name) = str_of(name_v).map(str::to_owned) else {
        let tn = ops::type_name(vm, name_v);
        return Err(vm.type_error(format!("module name must be str, not {tn}")));
    };
    if name.starts_with('.') {
        let Some(pkg) = package.and_then(str_of).map(str::to_owned) else {
            return Err(vm.type_error(format!(
                "the 'package' argument is required to perform a relative import for '{name}'"
            )));
        };
        let level = name.len() - name.trim_start_matches('.').len();
        let parts: Vec<&str> = pkg.split('.').collect();
        if level > parts.len() {
            return Err(vm.import_error("attempted relative import beyond top-level package"));
        }
        let base = parts[..parts.len() + 1 - level].join(".");
        let rest = name.trim_start_matches('.');
        let full = if rest.is_empty() {
            base
        } else {
            format!("{base}.{rest}")
        };
        return crate::import::import_module(vm, &full);
    }
    crate::import::import_module(vm, &name)
}

fn reload(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let m = args.one(vm, "reload")?;
    crate::import::reload(vm, m)
}

fn invalidate_caches(_vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    Ok(Value::NONE)
}

/// Builds `importlib`.
pub fn create(vm: &mut Vm) -> PyResult<Gc<ModuleBody>> {
    Ok(super::new_module_with(
        vm,
        "importlib",
        &[
            ("import_module", import_module),
            ("invalidate_caches", invalidate_caches),
            ("reload", reload),
        ],
    ))
}
