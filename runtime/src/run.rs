//! Running a program: the embedding API the CLI (and tests) use. It creates the runtime,
//! an interpreter and the main thread's VM on a thread with a large native stack, runs
//! `__main__`, and turns the outcome into a process exit status the way CPython does
//! (uncaught exception → traceback on stderr and status 1; `SystemExit` → its code).

use std::sync::Arc;

use crate::errors::PyErr;
use crate::interp::{Runtime, Vm};
use crate::ops::{self, attr, dictops};
use crate::value::Value;

/// What to run as `__main__`.
pub enum MainSource {
    /// A script path (as given on the command line) and its bytes.
    File { path: String, bytes: Vec<u8> },
    /// `-c CODE`.
    Command(String),
    /// Source read from standard input (`-` or a pipe).
    Stdin(Vec<u8>),
    /// `-m MODULE`.
    Module(String),
    /// The interactive loop.
    Repl,
}

/// Options of a run.
#[derive(Default)]
pub struct RunOptions {
    /// `sys.argv`.
    pub argv: Vec<String>,
    /// `TAIPAN_GC_STRESS=1`.
    pub gc_stress: bool,
    /// Stop the program after this many safepoints (calls and loop back-edges): the fuzz
    /// tests run arbitrary programs, which may loop forever.
    pub step_limit: Option<u64>,
    /// Discard everything the program writes to stdout/stderr and give it an empty stdin
    /// (for running untrusted programs inside the test process).
    pub sandbox: bool,
}

/// Native stack for the thread that runs Python code: deep Rust re-entry (recursive
/// `__repr__`, comparisons) needs room before `RecursionError` triggers.
const MAIN_STACK: usize = 512 << 20;

/// Runs `source` and returns the process exit status.
pub fn run_main(source: MainSource, options: RunOptions) -> i32 {
    let handle = std::thread::Builder::new()
        .name("taipan-main".into())
        .stack_size(MAIN_STACK)
        .spawn(move || {
            let base = crate::gc::stack::current_stack_address();
            run_on_this_thread(base, source, options)
        });
    match handle.map(|h| h.join()) {
        Ok(Ok(code)) => code,
        Ok(Err(panic)) => std::panic::resume_unwind(panic),
        Err(e) => {
            eprintln!("taipan: cannot start the interpreter thread: {e}");
            70
        }
    }
}

#[inline(never)]
fn run_on_this_thread(stack_base: usize, source: MainSource, options: RunOptions) -> i32 {
    let rt = Runtime::new(options.gc_stress);
    let interp = Vm::new_interpreter(&rt);
    if options.sandbox {
        interp
            .sandboxed
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }
    let mut vm = Vm::new(Arc::clone(&rt), interp, stack_base);
    if let Some(limit) = options.step_limit {
        vm.set_step_limit(limit);
        vm.interp
            .step_limit
            .store(limit, std::sync::atomic::Ordering::Relaxed);
    }
    if let MainSource::Repl = source {
        if let Err(e) = init_interpreter(&mut vm) {
            return handle_uncaught(&mut vm, e);
        }
        let mut status = crate::repl::run(&mut vm);
        if let Err(e) = wait_for_threads(&mut vm) {
            status = handle_uncaught(&mut vm, e);
        }
        crate::modules::io::flush_std(&mut vm);
        return status;
    }
    let code = match init_interpreter(&mut vm) {
        Ok(()) => run_source(&mut vm, source, &options),
        Err(e) => Err(e),
    };
    let mut status = match code {
        Ok(()) => 0,
        Err(e) => handle_uncaught(&mut vm, e),
    };
    if let Err(e) = wait_for_threads(&mut vm) {
        status = handle_uncaught(&mut vm, e);
    }
    crate::modules::io::flush_std(&mut vm);
    status
}

/// Waits for the non-daemon threads at exit: calls `threading._shutdown()` when the
/// program imported `threading`, as CPython does before finalizing.
pub fn wait_for_threads(vm: &mut Vm) -> Result<(), PyErr> {
    let Some(threading) = dictops::get_str(&vm.interp.modules, "threading") else {
        return Ok(());
    };
    match attr::getattr_opt(vm, threading, "_shutdown")? {
        Some(shutdown) => ops::call::call(vm, shutdown, &[]).map(|_| ()),
        None => Ok(()),
    }
}

/// Fills `builtins`, creates `sys` and `_io` and registers them.
pub fn init_interpreter(vm: &mut Vm) -> Result<(), PyErr> {
    crate::builtins::install(vm);
    let sys = crate::modules::sys::create(vm)?;
    let modules = vm.interp.modules;
    dictops::set_item_str(vm, modules, "sys", sys.value());
    let b = vm.interp.builtins.value();
    dictops::set_item_str(vm, modules, "builtins", b);
    let io = crate::modules::io::create(vm)?;
    dictops::set_item_str(vm, modules, "_io", io.value());
    Ok(())
}

fn run_source(vm: &mut Vm, source: MainSource, options: &RunOptions) -> Result<(), PyErr> {
    let main = crate::import::new_module(vm, "__main__");
    let modules = vm.interp.modules;
    dictops::set_item_str(vm, modules, "__main__", main.value());
    let b = vm.interp.builtins.value();
    dictops::set_item_str(vm, main.dict, "__builtins__", b);
    let (bytes, filename, path0) = match source {
        MainSource::File { path, bytes } => {
            let abs = std::path::absolute(&path)
                .map(|p| p.to_string_lossy().into_owned())
                .unwrap_or(path.clone());
            let dir = std::path::Path::new(&abs)
                .parent()
                .map(|p| p.to_string_lossy().into_owned())
                .unwrap_or_default();
            let f = vm.new_str(&abs);
            dictops::set_item_str(vm, main.dict, "__file__", f);
            (bytes, abs, dir)
        }
        MainSource::Command(code) => (code.into_bytes(), "<string>".to_owned(), String::new()),
        MainSource::Stdin(bytes) => (bytes, "<stdin>".to_owned(), String::new()),
        MainSource::Repl => return Ok(()),
        MainSource::Module(name) => {
            crate::modules::sys::set_argv(
                vm,
                &options.argv,
                &std::env::current_dir()
                    .map(|p| p.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            );
            return run_module_as_main(vm, &name);
        }
    };
    crate::modules::sys::set_argv(vm, &options.argv, &path0);
    // CPython compiles `-c` code as a string, but a script or stdin as a file.
    let code = if filename == "<string>" {
        crate::loader::compile_source(vm, &bytes, &filename)?
    } else {
        crate::loader::compile_file_source(vm, &bytes, &filename)?
    };
    crate::vm::run_code(vm, code, main.dict, main.dict.value())?;
    Ok(())
}

fn run_module_as_main(vm: &mut Vm, name: &str) -> Result<(), PyErr> {
    // Find the module's file through the normal search, then run it as `__main__`.
    let path = crate::modules::sys::get(vm, "path");
    let dirs: Vec<String> = ops::iter::collect(vm, path)?
        .into_iter()
        .filter_map(|p| ops::str_of(p).map(str::to_owned))
        .collect();
    let rel = name.replace('.', "/");
    for dir in dirs {
        for candidate in [
            format!("{dir}/{rel}.py"),
            format!("{dir}/{rel}/__main__.py"),
        ] {
            if let Ok(bytes) = std::fs::read(&candidate) {
                let main = dictops::get_str(&vm.interp.modules, "__main__").expect("__main__");
                let main = crate::object::Gc::<crate::types::module::ModuleBody>::from_value(main)
                    .expect("module");
                let f = vm.new_str(&candidate);
                dictops::set_item_str(vm, main.dict, "__file__", f);
                let code = crate::loader::compile_file_source(vm, &bytes, &candidate)?;
                crate::vm::run_code(vm, code, main.dict, main.dict.value())?;
                return Ok(());
            }
        }
    }
    let exe = std::env::args().next().unwrap_or_else(|| "taipan".into());
    let msg = format!("{exe}: No module named {name}\n");
    crate::modules::io::write_std(vm, 2, &msg)?;
    Err(PyErr(Value::small_int(1)))
}

/// Prints an uncaught exception (or handles `SystemExit`) and returns the exit status.
pub fn handle_uncaught(vm: &mut Vm, e: PyErr) -> i32 {
    if let Some(code) = e.value().as_small_int() {
        // Internal signal: an exit status already reported.
        return code as i32;
    }
    let exc = e.value();
    crate::modules::io::flush_std(vm);
    if ops::is_instance(vm, exc, vm.rt.exc.system_exit) {
        let code = attr::getattr_opt(vm, exc, "code")
            .ok()
            .flatten()
            .unwrap_or(Value::NONE);
        if code.is_none() {
            return 0;
        }
        if let Some(i) = ops::int_of(code) {
            return match i {
                ops::IntRef::Small(i) => i as i32,
                ops::IntRef::Big(_) => -1,
            };
        }
        let text = ops::repr::str_string(vm, code).unwrap_or_default();
        let _ = crate::modules::io::write_std(vm, 2, &format!("{text}\n"));
        return 1;
    }
    let hook = crate::modules::sys::get(vm, "excepthook");
    let default_hook = crate::modules::sys::get(vm, "__excepthook__");
    if hook != default_hook && !hook.is_none() {
        let ty = ops::type_of(vm, exc).value();
        let tb = attr::getattr_opt(vm, exc, "__traceback__")
            .ok()
            .flatten()
            .unwrap_or(Value::NONE);
        if let Err(hook_err) = ops::call::call(vm, hook, &[ty, exc, tb]) {
            crate::modules::io::flush_std(vm);
            let _ = crate::modules::io::write_std(vm, 2, "Error in sys.excepthook:\n");
            let report = crate::traceback::format_exception(vm, hook_err.value());
            let _ = crate::modules::io::write_std(vm, 2, &report);
            let _ = crate::modules::io::write_std(vm, 2, "\nOriginal exception was:\n");
            let report = crate::traceback::format_exception(vm, exc);
            let _ = crate::modules::io::write_std(vm, 2, &report);
        }
    } else {
        let report = crate::traceback::format_exception(vm, exc);
        let _ = crate::modules::io::write_std(vm, 2, &report);
    }
    crate::modules::io::flush_std(vm);
    if ops::is_instance(vm, exc, vm.rt.exc.keyboard_interrupt) {
        130
    } else {
        1
    }
}
