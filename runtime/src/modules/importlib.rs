//! `importlib` (basic): `import_module` with relative names.

use crate::args::Args;
use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::Gc;
use crate::ops::{self, str_of};
use crate::types::module::ModuleBody;
use crate::value::Value;

fn import_module(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "import_module", 1, 2)?;
    let Some(name) = str_of(a[0]).map(str::to_owned) else {
        let tn = ops::type_name(vm, a[0]);
        return Err(vm.type_error(format!("module name must be str, not {tn}")));
    };
    if name.starts_with('.') {
        let Some(pkg) = a.get(1).and_then(|p| str_of(*p)).map(str::to_owned) else {
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
        let full = if rest.is_empty() { base } else { format!("{base}.{rest}") };
        return crate::import::import_module(vm, &full);
    }
    crate::import::import_module(vm, &name)
}

fn invalidate_caches(_vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    Ok(Value::NONE)
}

/// Builds `importlib`.
pub fn create(vm: &mut Vm) -> PyResult<Gc<ModuleBody>> {
    Ok(super::new_module_with(vm, "importlib", &[("import_module", import_module), ("invalidate_caches", invalidate_caches)]))
}
