//! The results table: one cell per program and mode, holding the wall-time summary, the
//! peak RSS, the ratio to `python3` and whatever went wrong (a failed run, a timeout, a
//! checksum that disagrees). The report and the chart are both drawn from it.

use super::checksum::{self, Verdict};
use super::modes::Mode;
use super::runner::{Exit, ProgramRuns, Run};
use super::stats::{self, Summary};

/// One program in one mode.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The timing, present only when every run succeeded with the right checksum: the time
    /// of a wrong answer is not a result.
    pub summary: Option<Summary>,
    /// The largest peak RSS of the runs, in bytes.
    pub peak_rss: Option<u64>,
    /// Median time over `python3`'s median time.
    pub ratio: Option<f64>,
    /// What went wrong, for the report.
    pub problem: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub program: String,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The timed modes, one per column.
    pub modes: Vec<Mode>,
    pub rows: Vec<Row>,
}

/// A mode's geometric mean of ratios and over how many programs it was taken.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mean {
    pub ratio: Option<f64>,
    pub programs: usize,
}

impl Table {
    /// Builds the table from the runs. The reference checksum is `python3`'s: from its
    /// timed runs, else from its untimed reference run, else (no `python3` at all) from
    /// the first mode that printed one, so the modes are at least compared with each other.
    pub fn build(modes: &[Mode], results: &[ProgramRuns]) -> Table {
        let python = modes.iter().position(|&m| m == Mode::Python3);
        let rows = results
            .iter()
            .map(|program| {
                let reference = reference_checksum(program, python);
                let mut cells: Vec<Cell> = program
                    .runs
                    .iter()
                    .map(|runs| cell(runs, reference.as_deref()))
                    .collect();
                let python_median = python.and_then(|i| cells.get(i)?.summary).map(|s| s.median);
                for cell in &mut cells {
                    cell.ratio = match (cell.summary, python_median) {
                        (Some(summary), Some(reference)) => stats::ratio(summary.median, reference),
                        _ => None,
                    };
                }
                Row {
                    program: program.program.name.clone(),
                    cells,
                }
            })
            .collect();
        Table {
            modes: modes.to_vec(),
            rows,
        }
    }

    /// Each mode's geometric mean over the programs that have a ratio in that mode.
    pub fn means(&self) -> Vec<Mean> {
        (0..self.modes.len())
            .map(|column| {
                let ratios: Vec<f64> = self
                    .rows
                    .iter()
                    .filter_map(|row| row.cells.get(column)?.ratio)
                    .collect();
                Mean {
                    ratio: stats::geometric_mean(&ratios),
                    programs: ratios.len(),
                }
            })
            .collect()
    }

    /// Every problem as `(program, mode, what)`.
    pub fn problems(&self) -> Vec<(&str, Mode, &str)> {
        let mut out = Vec::new();
        for row in &self.rows {
            for (mode, cell) in self.modes.iter().zip(&row.cells) {
                if let Some(problem) = &cell.problem {
                    out.push((row.program.as_str(), *mode, problem.as_str()));
                }
            }
        }
        out
    }
}

fn reference_checksum(program: &ProgramRuns, python: Option<usize>) -> Option<String> {
    let first_good = |runs: &[Run]| {
        runs.iter()
            .filter(|r| r.succeeded())
            .find_map(|r| checksum::extract(&r.stdout).map(str::to_owned))
    };
    if let Some(runs) = python.and_then(|i| program.runs.get(i)) {
        return first_good(runs);
    }
    if let Some(run) = &program.reference {
        return first_good(std::slice::from_ref(run));
    }
    program.runs.iter().find_map(|runs| first_good(runs))
}

fn cell(runs: &[Run], reference: Option<&str>) -> Cell {
    let peak_rss = runs.iter().map(|r| r.peak_rss).filter(|&b| b > 0).max();
    let problem = if let Some(failed) = runs.iter().find(|r| !r.succeeded()) {
        Some(describe_failure(failed))
    } else {
        let checksums: Vec<Option<&str>> =
            runs.iter().map(|r| checksum::extract(&r.stdout)).collect();
        match checksum::compare(&checksums, reference) {
            Verdict::Agrees => None,
            verdict => Some(verdict.to_string()),
        }
    };
    let summary = if problem.is_none() {
        Summary::of(&runs.iter().map(|r| r.wall).collect::<Vec<_>>())
    } else {
        None
    };
    Cell {
        summary,
        peak_rss,
        ratio: None,
        problem,
    }
}

/// A failed run in one line: how it ended and the last line of its stderr, which for
/// Python is the exception.
pub fn describe_failure(run: &Run) -> String {
    let how = match &run.exit {
        Exit::Code(code) => format!("exit status {code}"),
        Exit::Signal(signal) => format!("killed by signal {signal}"),
        Exit::TimedOut(limit) => format!("timed out after {} s", limit.as_secs()),
        Exit::NotRun(why) => return why.clone(),
    };
    match run
        .stderr
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| !l.is_empty())
    {
        Some(last) => {
            let shown: String = last.chars().take(160).collect();
            format!("{how}: {shown}")
        }
        None => how,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::programs::Program;
    use std::time::Duration;

    pub(crate) fn run(ms: u64, stdout: &str) -> Run {
        Run {
            exit: Exit::Code(0),
            wall: Duration::from_millis(ms),
            peak_rss: 10 << 20,
            stdout: stdout.to_owned(),
            stderr: String::new(),
        }
    }

    fn program(name: &str, runs: Vec<Vec<Run>>) -> ProgramRuns {
        ProgramRuns {
            program: Program {
                name: name.to_owned(),
                path: name.into(),
            },
            runs,
            reference: None,
        }
    }

    #[test]
    fn ratios_checksums_and_failures() {
        let modes = [Mode::Interp, Mode::Python3];
        let results = [
            program(
                "fast",
                vec![
                    vec![run(50, "checksum: 1\n"), run(70, "checksum: 1\n")],
                    vec![run(100, "checksum: 1\n"), run(100, "checksum: 1\n")],
                ],
            ),
            program(
                "wrong",
                vec![
                    vec![run(50, "checksum: 2\n")],
                    vec![run(100, "checksum: 1\n")],
                ],
            ),
            program(
                "crash",
                vec![
                    vec![Run {
                        exit: Exit::Code(1),
                        stderr: "Traceback\nZeroDivisionError: division by zero\n".into(),
                        ..run(5, "")
                    }],
                    vec![run(400, "checksum: 1\n")],
                ],
            ),
        ];
        let table = Table::build(&modes, &results);
        let fast = &table.rows[0].cells;
        assert_eq!(fast[0].ratio, Some(0.6));
        assert_eq!(fast[1].ratio, Some(1.0));
        assert_eq!(
            fast[0].summary.map(|s| s.median),
            Some(Duration::from_millis(60))
        );
        assert_eq!(
            table.rows[1].cells[0].problem.as_deref(),
            Some("checksum 2 disagrees with python3's 1")
        );
        assert_eq!(table.rows[1].cells[0].ratio, None);
        assert_eq!(
            table.rows[2].cells[0].problem.as_deref(),
            Some("exit status 1: ZeroDivisionError: division by zero")
        );
        let means = table.means();
        assert_eq!(
            means[0],
            Mean {
                ratio: Some(0.6),
                programs: 1
            }
        );
        assert_eq!(means[1].programs, 3);
        assert_eq!(table.problems().len(), 2);
    }

    #[test]
    fn without_python3_modes_are_compared_with_each_other() {
        let results = [program(
            "p",
            vec![vec![run(1, "checksum: 5\n")], vec![run(1, "checksum: 6\n")]],
        )];
        let table = Table::build(&[Mode::Interp, Mode::Pypy3], &results);
        assert_eq!(table.rows[0].cells[0].problem, None);
        assert!(table.rows[0].cells[1].problem.is_some());
        assert_eq!(table.rows[0].cells[0].ratio, None);
        let timeout = Run {
            exit: Exit::TimedOut(Duration::from_secs(600)),
            ..run(1, "")
        };
        assert_eq!(describe_failure(&timeout), "timed out after 600 s");
    }
}
