//! What each command does, from parsed arguments to an exit status.

use crate::args::{self, Command, Program, UsageError};
use compiler::diagnostics::{CompileWarning, SyntaxDiagnostic};
use std::io::{Read, Write};

/// Exit status of a usage error or a missing file, as python3.
const EXIT_USAGE: u8 = 2;
/// Exit status when a program fails to compile (an uncaught `SyntaxError`).
const EXIT_ERROR: u8 = 1;

/// Runs the command line `argv` (without the program name) and returns the exit status.
pub fn main(argv: &[String]) -> u8 {
    let command = match args::parse(argv) {
        Ok(command) => command,
        Err(UsageError(message)) => {
            eprintln!(
                "{message}\n{}\nTry `taipan -h' for more information.",
                args::usage_line()
            );
            return EXIT_USAGE;
        }
    };
    match command {
        Command::Version => {
            println!("Taipan {} (Python 3.14)", env!("CARGO_PKG_VERSION"));
            0
        }
        Command::Help => {
            print!("{}", args::help_text());
            0
        }
        Command::Interactive => run(runtime::run::MainSource::Repl, vec![String::new()]),
        Command::Repl => {
            use std::io::IsTerminal;
            if std::io::stdin().is_terminal() {
                run(runtime::run::MainSource::Repl, vec![String::new()])
            } else {
                // Like python3: with no arguments and a non-terminal stdin, the program is
                // read from stdin.
                let mut bytes = Vec::new();
                if let Err(error) = std::io::stdin().read_to_end(&mut bytes) {
                    eprintln!("taipan: can't read <stdin>: {error}");
                    return EXIT_USAGE;
                }
                run(runtime::run::MainSource::Stdin(bytes), vec![String::new()])
            }
        }
        Command::Bench(options) => benchmarks::bench::main(&options),
        Command::RunModule { module, args } => {
            let mut argv = vec![module.clone()];
            argv.extend(args);
            run(runtime::run::MainSource::Module(module), argv)
        }
        Command::Run { program, args } => {
            let (source, argv0) = match &program {
                Program::Code(code) => (
                    runtime::run::MainSource::Command(code.clone()),
                    "-c".to_owned(),
                ),
                Program::Stdin => {
                    let mut bytes = Vec::new();
                    if let Err(error) = std::io::stdin().read_to_end(&mut bytes) {
                        eprintln!("taipan: can't read <stdin>: {error}");
                        return EXIT_USAGE;
                    }
                    (runtime::run::MainSource::Stdin(bytes), "-".to_owned())
                }
                Program::File(path) => match read_file(path) {
                    Ok(bytes) => (
                        runtime::run::MainSource::File {
                            path: path.clone(),
                            bytes,
                        },
                        path.clone(),
                    ),
                    Err(status) => return status,
                },
            };
            let mut argv = vec![argv0];
            argv.extend(args);
            run(source, argv)
        }
        Command::Dis { file } => {
            let (source, filename) = match read_program(&program_of(&file)) {
                Ok(found) => found,
                Err(status) => return status,
            };
            match compiler::pipeline::compile_to_bytecode(&source, &filename) {
                Ok((code, warnings)) => {
                    print_warnings(&warnings, &source);
                    print!("{}", compiler::bytecode::disassemble_module(&code));
                    0
                }
                Err(diagnostic) => syntax_error_in(&diagnostic, &source),
            }
        }
        Command::Ir { file, raw, after } => {
            let (source, filename) = match read_program(&program_of(&file)) {
                Ok(found) => found,
                Err(status) => return status,
            };
            match compiler::pipeline::compile_to_ir(&source, &filename) {
                Ok(mut output) => {
                    print_warnings(&output.warnings, &source);
                    if !raw {
                        let options = compiler::passes::PassOptions {
                            skip: Vec::new(),
                            stop_after: after,
                        };
                        if let Err(error) =
                            compiler::passes::run_passes(&mut output.module, &options)
                        {
                            panic!("{error}");
                        }
                    }
                    print!("{}", compiler::ir::print::print_module(&output.module));
                    0
                }
                Err(diagnostic) => syntax_error_in(&diagnostic, &source),
            }
        }
    }
}

fn program_of(file: &str) -> Program {
    if file == "-" {
        Program::Stdin
    } else {
        Program::File(file.to_owned())
    }
}

/// Runs a program with the runtime; `TAIPAN_GC_STRESS=1` collects at every safepoint.
fn run(source: runtime::run::MainSource, argv: Vec<String>) -> u8 {
    let gc_stress = std::env::var("TAIPAN_GC_STRESS").is_ok_and(|v| v == "1");
    let status = runtime::run::run_main(
        source,
        runtime::run::RunOptions {
            argv,
            gc_stress,
            ..Default::default()
        },
    );
    // Python exit statuses are taken modulo 256 by the OS, as CPython's are.
    (status & 0xFF) as u8
}

/// Reads a script, printing python3's message and returning status 2 when it cannot.
fn read_file(path: &str) -> Result<Vec<u8>, u8> {
    std::fs::read(path).map_err(|error| {
        let shown = std::path::absolute(path)
            .map(|p| p.display().to_string())
            .unwrap_or_else(|_| path.to_owned());
        let errno = error.raw_os_error().unwrap_or(0);
        let reason = match error.kind() {
            std::io::ErrorKind::NotFound => "No such file or directory".to_owned(),
            std::io::ErrorKind::PermissionDenied => "Permission denied".to_owned(),
            std::io::ErrorKind::IsADirectory => "Is a directory".to_owned(),
            _ => error.to_string(),
        };
        eprintln!("taipan: can't open file '{shown}': [Errno {errno}] {reason}");
        EXIT_USAGE
    })
}

fn syntax_error(diagnostic: &SyntaxDiagnostic) -> u8 {
    let _ = std::io::stdout().flush();
    eprint!("{}", diagnostic.render());
    EXIT_ERROR
}

/// [`syntax_error`] for a file's source, with CPython 3.14's keyword typo suggestion
/// (searched on the error's line, as CPython does for a file).
fn syntax_error_in(diagnostic: &SyntaxDiagnostic, source: &str) -> u8 {
    match compiler::suggest::keyword_typo(source, diagnostic, true) {
        Some(suggested) => syntax_error(&suggested),
        None => syntax_error(diagnostic),
    }
}

fn print_warnings(warnings: &[CompileWarning], source: &str) {
    for warning in warnings {
        eprint!("{}", warning.render_with_source(source));
    }
}

/// Reads a program's source as bytes and decodes it, returning it with the filename the
/// compiler reports; on failure the error is already printed and the exit status returned.
fn read_program(program: &Program) -> Result<(String, String), u8> {
    let (bytes, filename) = match program {
        Program::Code(code) => (code.clone().into_bytes(), "<string>".to_owned()),
        Program::Stdin => {
            let mut bytes = Vec::new();
            if let Err(error) = std::io::stdin().read_to_end(&mut bytes) {
                eprintln!("taipan: can't read <stdin>: {error}");
                return Err(EXIT_USAGE);
            }
            (bytes, "<stdin>".to_owned())
        }
        // CPython reports a script's errors under its absolute path.
        Program::File(path) => match std::fs::read(path) {
            Ok(bytes) => (
                bytes,
                std::path::absolute(path)
                    .map_or_else(|_| path.clone(), |p| p.display().to_string()),
            ),
            Err(error) => {
                let shown = std::path::absolute(path)
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|_| path.clone());
                let errno = error.raw_os_error().unwrap_or(0);
                let reason = match error.kind() {
                    std::io::ErrorKind::NotFound => "No such file or directory".to_owned(),
                    std::io::ErrorKind::PermissionDenied => "Permission denied".to_owned(),
                    std::io::ErrorKind::IsADirectory => "Is a directory".to_owned(),
                    _ => error.to_string(),
                };
                eprintln!("taipan: can't open file '{shown}': [Errno {errno}] {reason}");
                return Err(EXIT_USAGE);
            }
        },
    };
    compiler::source::decode_source(&bytes, &filename)
        .map(|source| (source.into_owned(), filename))
        .map_err(|diagnostic| syntax_error(&diagnostic))
}
