//! The basic interactive loop: `>>>`/`...` prompts and the banner on stderr, expression
//! results shown with `repr` on stdout (and kept in `builtins._`), tracebacks for errors,
//! continuation lines until a statement is complete.
//!
//! A statement is complete when it compiles, or when it fails with an error that more
//! input cannot fix; an empty line ends a compound statement, as in CPython's REPL.

use std::io::{BufRead, Write};

use crate::interp::Vm;
use crate::ops::dictops;
use crate::value::Value;

/// Whether a compile error just means "the statement continues on the next line".
fn needs_more(message: &str) -> bool {
    message.contains("was never closed")
        || message.starts_with("expected an indented block")
        || message.contains("unexpected EOF")
        || message.contains("unterminated triple-quoted string")
}

/// Runs the loop on stdin until end of file or `exit()`; returns the exit status.
pub fn run(vm: &mut Vm) -> i32 {
    let banner = format!(
        "Taipan {} (Python 3.14) on {}\nType \"help\", \"copyright\", \"credits\" or \"license\" for more information.\n",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS
    );
    let _ = crate::modules::io::write_std(vm, 2, &banner);
    let main = crate::import::new_module(vm, "__main__");
    let modules = vm.interp.modules;
    dictops::set_item_str(vm, modules, "__main__", main.value());
    let b = vm.interp.builtins.value();
    dictops::set_item_str(vm, main.dict, "__builtins__", b);
    crate::modules::sys::set_argv(vm, &[String::new()], "");
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    loop {
        let mut source = String::new();
        let mut prompt = ">>> ";
        let mut in_block = false;
        let code = loop {
            crate::modules::io::flush_std(vm);
            let _ = write!(std::io::stderr(), "{prompt}");
            let _ = std::io::stderr().flush();
            let Some(Ok(line)) = lines.next() else {
                let _ = writeln!(std::io::stderr());
                if in_block && !source.trim().is_empty() {
                    break source.clone();
                }
                return 0;
            };
            let blank = line.trim().is_empty();
            if source.is_empty() && blank {
                continue;
            }
            source.push_str(&line);
            source.push('\n');
            if line.trim_end().ends_with(':') {
                in_block = true;
            }
            if in_block {
                // A compound statement ends with an empty line.
                if blank {
                    break source.clone();
                }
                prompt = "... ";
                continue;
            }
            match compiler::parse::parse_module(&source, "<stdin>") {
                Err(d) if needs_more(&d.message) => {
                    prompt = "... ";
                    continue;
                }
                _ => break source.clone(),
            }
        };
        if let Err(e) = run_one(vm, &code, main.dict) {
            if crate::ops::is_instance(vm, e.value(), vm.rt.exc.system_exit) {
                return crate::run::handle_uncaught(vm, e);
            }
            let report = crate::traceback::format_exception(vm, e.value());
            let _ = crate::modules::io::write_std(vm, 2, &report);
        }
    }
}

/// Runs one complete input: an expression is evaluated and displayed, anything else
/// executed.
fn run_one(
    vm: &mut Vm,
    code: &str,
    globals: crate::object::Gc<crate::types::dict::DictBody>,
) -> crate::errors::PyResult<()> {
    let is_expr = compiler::parse::parse_expression(code.trim(), "<stdin>").is_ok();
    if is_expr {
        let wrapped = format!("__taipan_repl_result__ = ({}\n)\n", code.trim());
        let c = crate::loader::compile_source(vm, wrapped.as_bytes(), "<stdin>")?;
        crate::vm::run_code(vm, c, globals, globals.value())?;
        let key = vm.intern("__taipan_repl_result__");
        let v = dictops::remove(vm, globals, key)?.unwrap_or(Value::NONE);
        if !v.is_none() {
            let r = crate::ops::repr::repr_string(vm, v)?;
            crate::modules::io::write_std(vm, 1, &format!("{r}\n"))?;
            let b = vm.interp.builtins.dict;
            dictops::set_item_str(vm, b, "_", v);
        }
        return Ok(());
    }
    let c = crate::loader::compile_source(vm, code.as_bytes(), "<stdin>")?;
    crate::vm::run_code(vm, c, globals, globals.value())?;
    Ok(())
}
