//! Command-line parsing for `taipan`, following `python3`'s conventions: options before the
//! program, everything after the program (or `-c CODE`) belongs to the program's `sys.argv`,
//! and usage errors print python3's three-line usage message and exit with status 2.

/// What the user asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// `taipan -V` / `--version`.
    Version,
    /// `taipan -h` / `--help`.
    Help,
    /// `taipan FILE [args]`, `taipan -c CODE [args]` or `taipan - [args]`.
    Run { program: Program, args: Vec<String> },
    /// `taipan -m MODULE [args]`.
    RunModule { module: String, args: Vec<String> },
    /// `taipan` alone: the REPL when stdin is a terminal.
    Repl,
    /// `taipan -i`: the REPL even when stdin is not a terminal.
    Interactive,
    /// `taipan ir FILE [--raw | --after PASS]`.
    Ir {
        file: String,
        raw: bool,
        after: Option<String>,
    },
    /// `taipan dis FILE`.
    Dis { file: String },
    /// `taipan bench [NAME...] [--modes M,...] [--runs N] [--size S] [--out DIR]
    /// [--timeout SECS]`.
    Bench(benchmarks::bench::Options),
}

/// Where a program's source comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Program {
    File(String),
    Code(String),
    Stdin,
}

/// A usage error: the first line of the message (the usage lines follow it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError(pub String);

/// The usage line python3 prints, with our program name.
pub fn usage_line() -> String {
    "usage: taipan [option] ... [-c cmd | -m mod | file | -] [arg] ...".to_owned()
}

/// The full `--help` text.
pub fn help_text() -> String {
    format!(
        "{}\n\
         Options:\n\
         -c cmd : program passed in as string (terminates option list)\n\
         -h     : print this help message and exit (also -? or --help)\n\
         -i     : start the interactive loop even if stdin is not a terminal\n\
         -m mod : run library module as a script (terminates option list)\n\
         -V     : print the Taipan version number and exit (also --version)\n\
         file   : program read from script file\n\
         -      : program read from stdin (default; interactive mode if a tty)\n\
         arg ...: arguments passed to program in sys.argv[1:]\n\
         \n\
         Developer commands:\n\
         taipan ir FILE [--raw | --after PASS]  print the SSA IR (after all passes by default)\n\
         taipan dis FILE                        print the bytecode disassembly\n\
         \n\
         Benchmarks (see README.md, \"Performance\"):\n\
         taipan bench [NAME...] [--modes interp,jit,aot,python3,pypy3] [--runs N]\n\
         \x20            [--size tiny|small|default|N] [--out DIR] [--timeout SECS]\n",
        usage_line()
    )
}

/// Parses `argv` without the program name.
pub fn parse(args: &[String]) -> Result<Command, UsageError> {
    match args.first().map(String::as_str) {
        Some("ir") if args.len() > 1 => return parse_ir(&args[1..]),
        Some("dis") if args.len() > 1 => return parse_dis(&args[1..]),
        // `taipan bench` alone runs every benchmark, so unlike `ir` and `dis` it needs no
        // further argument to be the subcommand.
        Some("bench") => return parse_bench(&args[1..]),
        _ => {}
    }
    let Some(arg) = args.first() else {
        return Ok(Command::Repl);
    };
    let rest = || args[1..].to_vec();
    match arg.as_str() {
        "-V" | "--version" => Ok(Command::Version),
        "-i" if args.len() == 1 => Ok(Command::Interactive),
        "-h" | "-?" | "--help" => Ok(Command::Help),
        "-" => Ok(Command::Run {
            program: Program::Stdin,
            args: rest(),
        }),
        "-c" | "-m" => {
            let Some(value) = args.get(1) else {
                return Err(UsageError(format!(
                    "Argument expected for the {arg} option"
                )));
            };
            let args = args[2..].to_vec();
            Ok(if arg == "-c" {
                Command::Run {
                    program: Program::Code(value.clone()),
                    args,
                }
            } else {
                Command::RunModule {
                    module: value.clone(),
                    args,
                }
            })
        }
        _ if arg.starts_with("--") => Err(UsageError(format!("unknown option {arg}"))),
        _ if arg.starts_with('-') && arg.len() > 1 => {
            // `-cCODE` and `-mMOD` are accepted as python3 accepts them.
            if let Some(code) = arg.strip_prefix("-c") {
                return Ok(Command::Run {
                    program: Program::Code(code.to_owned()),
                    args: rest(),
                });
            }
            if let Some(module) = arg.strip_prefix("-m") {
                return Ok(Command::RunModule {
                    module: module.to_owned(),
                    args: rest(),
                });
            }
            let option = arg.chars().nth(1).unwrap_or('-');
            Err(UsageError(format!("Unknown option: -{option}")))
        }
        _ => Ok(Command::Run {
            program: Program::File(arg.clone()),
            args: rest(),
        }),
    }
}

fn parse_ir(args: &[String]) -> Result<Command, UsageError> {
    let mut file = None;
    let mut raw = false;
    let mut after = None;
    let mut i = 0;
    while let Some(arg) = args.get(i) {
        match arg.as_str() {
            "--raw" => raw = true,
            "--after" => {
                i += 1;
                let Some(pass) = args.get(i) else {
                    return Err(UsageError(
                        "Argument expected for the --after option".into(),
                    ));
                };
                if !compiler::passes::is_pass_name(pass) {
                    let names: Vec<&str> =
                        compiler::passes::PASSES.iter().map(|(n, _)| *n).collect();
                    return Err(UsageError(format!(
                        "unknown pass {pass} (passes: {})",
                        names.join(", ")
                    )));
                }
                after = Some(pass.clone());
            }
            _ if arg.starts_with('-') && arg != "-" => {
                return Err(UsageError(format!("unknown option {arg}")));
            }
            _ if file.is_none() => file = Some(arg.clone()),
            _ => return Err(UsageError(format!("unexpected argument {arg}"))),
        }
        i += 1;
    }
    let file = file.ok_or_else(|| UsageError("taipan ir: a file is required".into()))?;
    Ok(Command::Ir { file, raw, after })
}

fn parse_dis(args: &[String]) -> Result<Command, UsageError> {
    match args {
        [file] if !file.starts_with('-') || file == "-" => Ok(Command::Dis { file: file.clone() }),
        [option, ..] if option.starts_with('-') && option != "-" => {
            Err(UsageError(format!("unknown option {option}")))
        }
        _ => Err(UsageError(
            "taipan dis: exactly one file is required".into(),
        )),
    }
}

fn parse_bench(args: &[String]) -> Result<Command, UsageError> {
    use benchmarks::bench::{Mode, Options, Size};
    let mut options = Options::default();
    let mut i = 0;
    while let Some(arg) = args.get(i) {
        // Both `--runs 3` and `--runs=3`.
        let (option, inline_value) = match arg.split_once('=') {
            Some((option, value)) if arg.starts_with("--") => (option, Some(value.to_owned())),
            _ => (arg.as_str(), None),
        };
        let mut value = || -> Result<String, UsageError> {
            if let Some(value) = &inline_value {
                return Ok(value.clone());
            }
            i += 1;
            args.get(i)
                .cloned()
                .ok_or_else(|| UsageError(format!("Argument expected for the {option} option")))
        };
        match option {
            "--modes" => options.modes = Mode::parse_list(&value()?).map_err(UsageError)?,
            "--runs" => {
                let text = value()?;
                options.runs = text
                    .parse()
                    .ok()
                    .filter(|&n: &usize| n > 0)
                    .ok_or_else(|| {
                        UsageError(format!("--runs needs a positive integer, not {text:?}"))
                    })?;
            }
            "--size" => {
                let text = value()?;
                options.size = Size::parse(&text).ok_or_else(|| {
                    UsageError(format!(
                        "--size needs tiny, small, default or a positive integer, not {text:?}"
                    ))
                })?;
            }
            "--out" => options.out = Some(value()?.into()),
            "--timeout" => {
                let text = value()?;
                let seconds: u64 = text.parse().ok().filter(|&n: &u64| n > 0).ok_or_else(|| {
                    UsageError(format!(
                        "--timeout needs a positive number of seconds, not {text:?}"
                    ))
                })?;
                options.timeout = std::time::Duration::from_secs(seconds);
            }
            _ if option.starts_with('-') => {
                return Err(UsageError(format!("unknown option {arg}")));
            }
            _ => options.names.push(arg.clone()),
        }
        i += 1;
    }
    Ok(Command::Bench(options))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(args: &[&str]) -> Result<Command, UsageError> {
        parse(&args.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn parses_like_python() {
        assert_eq!(parse_str(&["-V"]), Ok(Command::Version));
        assert_eq!(parse_str(&[]), Ok(Command::Repl));
        assert_eq!(
            parse_str(&["-c", "pass", "-V"]),
            Ok(Command::Run {
                program: Program::Code("pass".into()),
                args: vec!["-V".into()]
            })
        );
        assert_eq!(
            parse_str(&["a.py", "x"]),
            Ok(Command::Run {
                program: Program::File("a.py".into()),
                args: vec!["x".into()]
            })
        );
        assert_eq!(
            parse_str(&["-c"]),
            Err(UsageError("Argument expected for the -c option".into()))
        );
        assert_eq!(
            parse_str(&["-Z"]),
            Err(UsageError("Unknown option: -Z".into()))
        );
        assert_eq!(
            parse_str(&["--bogus"]),
            Err(UsageError("unknown option --bogus".into()))
        );
        assert_eq!(
            parse_str(&["dis", "a.py"]),
            Ok(Command::Dis {
                file: "a.py".into()
            })
        );
        assert_eq!(
            parse_str(&["ir", "--raw", "a.py"]),
            Ok(Command::Ir {
                file: "a.py".into(),
                raw: true,
                after: None
            })
        );
        let bench = |args: &[&str]| match parse_str(args) {
            Ok(Command::Bench(options)) => Ok(options),
            Ok(other) => panic!("not bench: {other:?}"),
            Err(error) => Err(error),
        };
        let all = bench(&["bench"]).expect("bench alone");
        assert_eq!(all, benchmarks::bench::Options::default());
        let some = bench(&[
            "bench",
            "startup",
            "--runs",
            "1",
            "--size=tiny",
            "--modes",
            "interp,python3",
            "nbody",
            "--out",
            "/tmp/r",
        ])
        .expect("bench with options");
        assert_eq!(some.names, ["startup", "nbody"]);
        assert_eq!(some.runs, 1);
        assert_eq!(some.size, benchmarks::bench::Size::Tiny);
        assert_eq!(
            some.modes,
            [
                benchmarks::bench::Mode::Interp,
                benchmarks::bench::Mode::Python3
            ]
        );
        assert_eq!(some.out, Some("/tmp/r".into()));
        assert_eq!(
            bench(&["bench", "--runs", "0"]),
            Err(UsageError(
                "--runs needs a positive integer, not \"0\"".into()
            ))
        );
        assert_eq!(
            bench(&["bench", "--size"]),
            Err(UsageError("Argument expected for the --size option".into()))
        );
        assert_eq!(
            bench(&["bench", "--modes", "jython"]),
            Err(UsageError(
                "unknown mode 'jython' (modes: interp, jit, aot, python3, pypy3)".into()
            ))
        );
        assert_eq!(
            bench(&["bench", "--fast"]),
            Err(UsageError("unknown option --fast".into()))
        );
        // A script named `ir` with no further arguments is a program.
        assert_eq!(
            parse_str(&["ir"]),
            Ok(Command::Run {
                program: Program::File("ir".into()),
                args: vec![]
            })
        );
    }
}
