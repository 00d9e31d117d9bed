//! The interleaved runner: for each program, run 1 of every mode, then run 2 of every mode,
//! and so on (A B A B …), so that drift in the machine's speed (other jobs, thermal limits)
//! touches every mode alike instead of whichever happened to run last. Each run is a fresh
//! process whose wall time (spawn to exit) and peak RSS are recorded along with its output.

use super::modes::{CLEARED_ENV, Runnable};
use super::programs::{Program, Size};
use super::wait;
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How a run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exit {
    Code(i32),
    Signal(i32),
    /// Killed at the deadline.
    TimedOut(Duration),
    /// The process could not be started or waited for.
    NotRun(String),
}

/// One run of one program in one mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub exit: Exit,
    pub wall: Duration,
    /// Peak resident set size in bytes (0 when unknown).
    pub peak_rss: u64,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn succeeded(&self) -> bool {
        self.exit == Exit::Code(0)
    }

    fn not_run(why: String) -> Run {
        Run {
            exit: Exit::NotRun(why),
            wall: Duration::ZERO,
            peak_rss: 0,
            stdout: String::new(),
            stderr: String::new(),
        }
    }
}

/// The runs of one program: `runs[i]` belongs to the i-th mode of the plan, and
/// `reference` is the untimed `python3` run made for its checksum when `python3` is not
/// one of the timed modes.
#[derive(Debug, Clone)]
pub struct ProgramRuns {
    pub program: Program,
    pub runs: Vec<Vec<Run>>,
    pub reference: Option<Run>,
}

/// What to run.
pub struct Plan<'a> {
    pub programs: &'a [Program],
    pub modes: &'a [Runnable],
    /// Runs `python3` once per program, untimed, for the reference checksum.
    pub reference: Option<&'a Runnable>,
    pub runs: usize,
    pub size: Size,
    pub timeout: Duration,
}

/// Runs the plan, showing progress on stderr. A mode whose run fails is not run again on
/// that program: its cell is a failure whatever the other runs would do, and a timeout
/// would otherwise cost the full timeout every time.
pub fn run_plan(plan: &Plan<'_>) -> Vec<ProgramRuns> {
    let per_program = plan
        .runs
        .saturating_mul(plan.modes.len())
        .saturating_add(usize::from(plan.reference.is_some()));
    let mut progress = Progress::new(plan.programs.len().saturating_mul(per_program));
    let mut results = Vec::new();
    for program in plan.programs {
        let reference = plan.reference.map(|python| {
            progress.show(&format!(
                "{} · {} (reference checksum)",
                program.name, python.mode
            ));
            run_once(python, program, plan.size, plan.timeout)
        });
        let mut runs: Vec<Vec<Run>> = vec![Vec::new(); plan.modes.len()];
        for round in 1..=plan.runs {
            for (mode, mode_runs) in plan.modes.iter().zip(runs.iter_mut()) {
                if mode_runs.last().is_some_and(|r| !r.succeeded()) {
                    progress.skip();
                    continue;
                }
                progress.show(&format!(
                    "{} · {} · run {round}/{}",
                    program.name, mode.mode, plan.runs
                ));
                mode_runs.push(run_once(mode, program, plan.size, plan.timeout));
            }
        }
        results.push(ProgramRuns {
            program: program.clone(),
            runs,
            reference,
        });
    }
    progress.clear();
    results
}

/// Runs `program` once in `mode`.
pub fn run_once(mode: &Runnable, program: &Program, size: Size, timeout: Duration) -> Run {
    let mut command = Command::new(&mode.executable);
    command
        .arg(&program.path)
        .arg(size.to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(dir) = program.path.parent() {
        command.current_dir(dir);
    }
    for name in CLEARED_ENV {
        command.env_remove(name);
    }
    for (name, value) in &mode.env {
        command.env(name, value);
    }
    let start = Instant::now();
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(error) => {
            return Run::not_run(format!(
                "could not start {}: {error}",
                mode.executable.display()
            ));
        }
    };
    // Read both pipes while the child runs, so a chatty program cannot fill a pipe and block.
    let stdout = child.stdout.take().map(read_all);
    let stderr = child.stderr.take().map(read_all);
    let reaped = wait::wait_with_rusage(&mut child, start + timeout);
    let collect = |reader: Option<JoinHandle<Vec<u8>>>| {
        let bytes = reader.and_then(|r| r.join().ok()).unwrap_or_default();
        String::from_utf8_lossy(&bytes).into_owned()
    };
    let (stdout, stderr) = (collect(stdout), collect(stderr));
    let reaped = match reaped {
        Ok(reaped) => reaped,
        Err(error) => return Run::not_run(format!("waiting for the child failed: {error}")),
    };
    let exit = if reaped.timed_out {
        Exit::TimedOut(timeout)
    } else if let Some(code) = reaped.status.code() {
        Exit::Code(code)
    } else {
        use std::os::unix::process::ExitStatusExt;
        Exit::Signal(reaped.status.signal().unwrap_or(0))
    };
    Run {
        exit,
        wall: reaped.at.saturating_duration_since(start),
        peak_rss: reaped.peak_rss,
        stdout,
        stderr,
    }
}

fn read_all(mut pipe: impl Read + Send + 'static) -> JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        bytes
    })
}

/// The `\r`-updated progress line on stderr.
struct Progress {
    total: usize,
    done: usize,
    width: usize,
}

impl Progress {
    fn new(total: usize) -> Progress {
        Progress {
            total,
            done: 0,
            width: 0,
        }
    }

    fn show(&mut self, what: &str) {
        self.done += 1;
        let line = format!("[{}/{}] {what}", self.done, self.total);
        let pad = self.width.saturating_sub(line.chars().count());
        self.width = self.width.max(line.chars().count());
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{line}{}", " ".repeat(pad));
        let _ = err.flush();
    }

    fn skip(&mut self) {
        self.done += 1;
    }

    fn clear(&mut self) {
        if self.width > 0 {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r{}\r", " ".repeat(self.width));
            let _ = err.flush();
        }
    }
}
