//! `taipan bench`: runs the programs in `benchmarks/programs/` in every requested mode
//! (DESIGN.md §10), interleaved, and reports wall time, peak RSS, each mode's time as a
//! multiple of `python3`'s and the geometric mean, after checking that every mode printed
//! `python3`'s checksum. The Markdown report goes to stdout and to
//! `benchmarks/results/<date>-<commit>.md`, with an SVG chart beside it (also copied to
//! `latest.svg`, which README.md embeds).
//!
//! The steps, one file each: `programs` finds the programs, `modes` finds how to run each
//! mode here (skipping, with a note, what is missing), `runner` runs and measures them
//! (`wait` is the one `unsafe` call, for the child's peak RSS), `table` turns runs into
//! cells (`checksum` and `stats` do the checking and arithmetic), `report` writes the
//! Markdown and `chart` the SVG; `machine` collects the date, commit and machine facts.

#![deny(unsafe_code)]

mod chart;
mod checksum;
mod machine;
mod modes;
mod programs;
mod report;
mod runner;
mod stats;
mod table;
#[expect(
    unsafe_code,
    reason = "the single wait4 FFI call that reports a child's peak RSS"
)]
mod wait;

pub use modes::Mode;
pub use programs::Size;

use std::path::PathBuf;
use std::time::Duration;

/// The copy of the newest chart that README.md embeds.
const LATEST_CHART: &str = "latest.svg";

/// Exit status when a run failed or a checksum disagrees.
const EXIT_FAILED: u8 = 1;
/// Exit status for a bad program name or an unreadable programs directory.
const EXIT_USAGE: u8 = 2;

/// What `taipan bench` was asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Programs to run by name; empty means all of them.
    pub names: Vec<String>,
    pub modes: Vec<Mode>,
    pub runs: usize,
    pub size: Size,
    /// Where the results go; `benchmarks/results` when `None`.
    pub out: Option<PathBuf>,
    /// Limit for one run; a run past it is killed and flagged.
    pub timeout: Duration,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            names: Vec::new(),
            modes: Mode::ALL.to_vec(),
            runs: 5,
            size: Size::Default,
            out: None,
            timeout: Duration::from_secs(600),
        }
    }
}

impl Options {
    /// The command line that repeats this run.
    fn command_line(&self) -> String {
        let mut words = vec!["taipan".to_owned(), "bench".to_owned()];
        words.extend(self.names.iter().cloned());
        let modes: Vec<&str> = self.modes.iter().map(|m| m.name()).collect();
        words.push(format!("--modes {}", modes.join(",")));
        words.push(format!("--runs {}", self.runs));
        words.push(format!("--size {}", self.size));
        words.join(" ")
    }
}

/// Runs the benchmarks as `options` says, printing the report, and returns the exit
/// status: 0 when every run succeeded with the right checksum, 1 otherwise, 2 for a
/// usage error. The `interp` and `jit` modes run the current executable, which is
/// `taipan` itself.
pub fn main(options: &Options) -> u8 {
    let dir = programs::programs_dir();
    let all = match programs::discover(&dir) {
        Ok(all) => all,
        Err(error) => {
            eprintln!("taipan bench: can't read {}: {error}", dir.display());
            return EXIT_USAGE;
        }
    };
    let chosen = match programs::select(&all, &options.names) {
        Ok(chosen) if !chosen.is_empty() => chosen,
        Ok(_) => {
            eprintln!("taipan bench: no programs in {}", dir.display());
            return EXIT_USAGE;
        }
        Err(message) => {
            eprintln!("taipan bench: {message}");
            return EXIT_USAGE;
        }
    };
    let taipan = match std::env::current_exe() {
        Ok(path) => path,
        Err(error) => {
            eprintln!("taipan bench: can't find the taipan executable: {error}");
            return EXIT_USAGE;
        }
    };
    let resolutions: Vec<modes::Resolution> = options
        .modes
        .iter()
        .map(|&mode| modes::resolve(mode, &taipan))
        .collect();
    let ready: Vec<modes::Runnable> = resolutions
        .iter()
        .filter_map(|r| match r {
            modes::Resolution::Ready(runnable) => Some(runnable.clone()),
            modes::Resolution::Skipped { mode, note } => {
                eprintln!("taipan bench: skipping {mode}: {note}");
                None
            }
        })
        .collect();
    if ready.is_empty() {
        eprintln!("taipan bench: none of the requested modes can run here");
        return EXIT_FAILED;
    }
    // Without a timed python3 mode, python3 still supplies the reference checksum.
    let reference = if ready.iter().any(|r| r.mode == Mode::Python3) {
        None
    } else {
        match modes::resolve(Mode::Python3, &taipan) {
            modes::Resolution::Ready(python) => Some(python),
            modes::Resolution::Skipped { .. } => None,
        }
    };
    let results = runner::run_plan(&runner::Plan {
        programs: &chosen,
        modes: &ready,
        reference: reference.as_ref(),
        runs: options.runs.max(1),
        size: options.size,
        timeout: options.timeout,
    });
    let mode_list: Vec<Mode> = ready.iter().map(|r| r.mode).collect();
    let table = table::Table::build(&mode_list, &results);
    let facts = machine::Facts::collect(&dir);
    let out_dir = options.out.clone().unwrap_or_else(|| {
        dir.parent()
            .map_or_else(|| dir.join("results"), |b| b.join("results"))
    });
    let stem = facts.stem();
    let title = format!(
        "Taipan {}, commit {}: speed relative to python3",
        facts.date, facts.commit
    );
    let chart = chart::render(&table, &title);
    let text = report::render(&report::Report {
        facts: &facts,
        command: options.command_line(),
        runs: options.runs.max(1),
        size: options.size,
        modes: &resolutions,
        table: &table,
        chart: chart.as_ref().map(|_| format!("{stem}.svg")),
    });
    print!("{text}");
    let written = std::fs::create_dir_all(&out_dir).and_then(|()| {
        let report_path = out_dir.join(format!("{stem}.md"));
        std::fs::write(&report_path, &text)?;
        let mut paths = vec![report_path];
        if let Some(svg) = &chart {
            let chart_path = out_dir.join(format!("{stem}.svg"));
            std::fs::write(&chart_path, svg)?;
            paths.push(chart_path);
            // A stable name for README.md to embed; its title names the date and commit.
            let latest = out_dir.join(LATEST_CHART);
            std::fs::write(&latest, svg)?;
            paths.push(latest);
        }
        Ok(paths)
    });
    match written {
        Ok(paths) => {
            for path in paths {
                eprintln!("taipan bench: wrote {}", path.display());
            }
        }
        Err(error) => {
            eprintln!(
                "taipan bench: can't write results to {}: {error}",
                out_dir.display()
            );
            return EXIT_FAILED;
        }
    }
    if table.problems().is_empty() {
        0
    } else {
        EXIT_FAILED
    }
}
