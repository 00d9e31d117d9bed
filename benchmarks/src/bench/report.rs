//! The Markdown report: printed by `taipan bench` and written to
//! `benchmarks/results/<date>-<commit>.md`. It leads with the summary table (each mode's
//! time as a multiple of `python3`'s, and the geometric mean), then the raw figures and
//! anything that went wrong.

use super::machine::Facts;
use super::modes::{Mode, Resolution};
use super::programs::Size;
use super::table::Table;
use std::fmt::Write;
use std::time::Duration;

/// Everything the report says.
pub struct Report<'a> {
    pub facts: &'a Facts,
    /// The command line that reproduces the run.
    pub command: String,
    pub runs: usize,
    pub size: Size,
    /// How each requested mode was resolved, in the order requested.
    pub modes: &'a [Resolution],
    pub table: &'a Table,
    /// The chart's file name, relative to the report, if one was drawn.
    pub chart: Option<String>,
}

pub fn render(report: &Report<'_>) -> String {
    let mut out = String::new();
    let facts = report.facts;
    let dirty = if facts.dirty {
        " (with uncommitted changes)"
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "# Benchmarks {}, commit {}{dirty}\n",
        facts.date, facts.commit
    );
    let _ = writeln!(
        out,
        "- machine: {}, {} cores, {}",
        facts.cpu, facts.cores, facts.os
    );
    let _ = writeln!(out, "- command: `{}`", report.command);
    let _ = writeln!(
        out,
        "- size `{}`, {} run{} per mode, modes interleaved (A B A B …); wall time from spawn to exit, peak RSS of the process",
        report.size,
        report.runs,
        if report.runs == 1 { "" } else { "s" }
    );
    let _ = writeln!(out, "- modes:");
    for resolution in report.modes {
        match resolution {
            Resolution::Ready(runnable) => {
                let _ = writeln!(out, "  - {}: {}", runnable.mode, runnable.description);
            }
            Resolution::Skipped { mode, note } => {
                let _ = writeln!(out, "  - {mode}: skipped, {note}");
            }
        }
    }
    let table = report.table;
    let has_python = table.modes.contains(&Mode::Python3);
    if !has_python {
        let _ = writeln!(
            out,
            "\nNo `python3` mode ran, so there are no ratios; checksums are compared with the reference run or between modes."
        );
    }
    summary_table(&mut out, table);
    if let Some(chart) = &report.chart {
        let _ = writeln!(out, "\n![Speed relative to python3]({chart})");
    }
    details_table(&mut out, table);
    let problems = table.problems();
    let _ = writeln!(out, "\n## Problems\n");
    if problems.is_empty() {
        let _ = writeln!(out, "None: every run exited 0 and every checksum agrees.");
    }
    for (program, mode, what) in problems {
        let _ = writeln!(out, "- `{program}` in {mode}: {}", escape_cell(what));
    }
    out
}

fn summary_table(out: &mut String, table: &Table) {
    let _ = writeln!(out, "\n## Time relative to python3 (lower is faster)\n");
    let _ = write!(out, "| program |");
    for mode in &table.modes {
        let _ = write!(out, " {mode} |");
    }
    let _ = write!(out, "\n|---|");
    for _ in &table.modes {
        let _ = write!(out, "---:|");
    }
    out.push('\n');
    for row in &table.rows {
        let _ = write!(out, "| {} |", row.program);
        for cell in &row.cells {
            let text = match (cell.ratio, cell.summary, &cell.problem) {
                (_, _, Some(_)) => "**FAIL**".to_owned(),
                (Some(ratio), Some(summary), None) => {
                    format!("{} ({})", ratio_text(ratio), duration_text(summary.median))
                }
                (None, Some(summary), None) => duration_text(summary.median),
                (_, None, None) => "–".to_owned(),
            };
            let _ = write!(out, " {text} |");
        }
        out.push('\n');
    }
    let _ = write!(out, "| **geometric mean** |");
    let programs = table.rows.len();
    for mean in table.means() {
        let text = match mean.ratio {
            Some(ratio) if mean.programs == programs => format!("**{}**", ratio_text(ratio)),
            Some(ratio) => format!(
                "**{}** ({} of {programs})",
                ratio_text(ratio),
                mean.programs
            ),
            None => "–".to_owned(),
        };
        let _ = write!(out, " {text} |");
    }
    out.push('\n');
}

fn details_table(out: &mut String, table: &Table) {
    let _ = writeln!(out, "\n## Details\n");
    let _ = writeln!(
        out,
        "| program | mode | median | min | max | peak RSS | × python3 | checksum |"
    );
    let _ = writeln!(out, "|---|---|---:|---:|---:|---:|---:|---|");
    for row in &table.rows {
        for (mode, cell) in table.modes.iter().zip(&row.cells) {
            let (median, min, max) = match cell.summary {
                Some(s) => (
                    duration_text(s.median),
                    duration_text(s.min),
                    duration_text(s.max),
                ),
                None => ("–".into(), "–".into(), "–".into()),
            };
            let rss = cell.peak_rss.map_or_else(|| "–".to_owned(), bytes_text);
            let ratio = cell.ratio.map_or_else(|| "–".to_owned(), ratio_text);
            let verdict = if cell.problem.is_some() {
                "**FAIL**"
            } else {
                "ok"
            };
            let _ = writeln!(
                out,
                "| {} | {mode} | {median} | {min} | {max} | {rss} | {ratio} | {verdict} |",
                row.program
            );
        }
    }
}

/// Milliseconds below a second, seconds from there on.
pub fn duration_text(time: Duration) -> String {
    let seconds = time.as_secs_f64();
    if seconds < 1.0 {
        format!("{:.1} ms", seconds * 1000.0)
    } else {
        format!("{seconds:.2} s")
    }
}

pub fn bytes_text(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

pub fn ratio_text(ratio: f64) -> String {
    format!("{ratio:.2}×")
}

/// Keeps a free-text message from breaking the Markdown list item it sits in.
fn escape_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::modes::Runnable;
    use crate::bench::stats::Summary;
    use crate::bench::table::{Cell, Row};
    use expect_test::expect;

    fn ms(v: u64) -> Duration {
        Duration::from_millis(v)
    }

    fn ok(median: u64, ratio: Option<f64>) -> Cell {
        Cell {
            summary: Some(Summary {
                median: ms(median),
                min: ms(median - 2),
                max: ms(median + 3),
            }),
            peak_rss: Some(12 << 20),
            ratio,
            problem: None,
        }
    }

    #[test]
    fn report_snapshot() {
        let facts = Facts {
            date: "2026-01-02".into(),
            commit: "abc1234".into(),
            dirty: false,
            cpu: "Example CPU @ 3.0GHz".into(),
            cores: 2,
            os: "Debian GNU/Linux 12 (bookworm), kernel 6.1.0, x86_64".into(),
        };
        let modes = [
            Resolution::Ready(Runnable {
                mode: Mode::Interp,
                executable: "/bin/taipan".into(),
                env: Vec::new(),
                description: "/bin/taipan (Taipan 0.1.0 (Python 3.14))".into(),
            }),
            Resolution::Skipped {
                mode: Mode::Jit,
                note: "the JIT is not built yet".into(),
            },
            Resolution::Ready(Runnable {
                mode: Mode::Python3,
                executable: "/usr/bin/python3.11".into(),
                env: Vec::new(),
                description: "/usr/bin/python3.11 (cpython 3.11.7)".into(),
            }),
        ];
        let table = Table {
            modes: vec![Mode::Interp, Mode::Python3],
            rows: vec![
                Row {
                    program: "nbody".into(),
                    cells: vec![ok(200, Some(2.0)), ok(100, Some(1.0))],
                },
                Row {
                    program: "startup".into(),
                    cells: vec![ok(5, Some(0.5)), ok(10, Some(1.0))],
                },
                Row {
                    program: "sieve".into(),
                    cells: vec![
                        Cell {
                            summary: None,
                            peak_rss: Some(3 << 20),
                            ratio: None,
                            problem: Some("exit status 1: a | b".into()),
                        },
                        ok(12_000, Some(1.0)),
                    ],
                },
            ],
        };
        let text = render(&Report {
            facts: &facts,
            command: "taipan bench --modes interp,jit,python3".into(),
            runs: 5,
            size: Size::Default,
            modes: &modes,
            table: &table,
            chart: Some("2026-01-02-abc1234.svg".into()),
        });
        expect![[r#"
            # Benchmarks 2026-01-02, commit abc1234

            - machine: Example CPU @ 3.0GHz, 2 cores, Debian GNU/Linux 12 (bookworm), kernel 6.1.0, x86_64
            - command: `taipan bench --modes interp,jit,python3`
            - size `default`, 5 runs per mode, modes interleaved (A B A B …); wall time from spawn to exit, peak RSS of the process
            - modes:
              - interp: /bin/taipan (Taipan 0.1.0 (Python 3.14))
              - jit: skipped, the JIT is not built yet
              - python3: /usr/bin/python3.11 (cpython 3.11.7)

            ## Time relative to python3 (lower is faster)

            | program | interp | python3 |
            |---|---:|---:|
            | nbody | 2.00× (200.0 ms) | 1.00× (100.0 ms) |
            | startup | 0.50× (5.0 ms) | 1.00× (10.0 ms) |
            | sieve | **FAIL** | 1.00× (12.00 s) |
            | **geometric mean** | **1.00×** (2 of 3) | **1.00×** |

            ![Speed relative to python3](2026-01-02-abc1234.svg)

            ## Details

            | program | mode | median | min | max | peak RSS | × python3 | checksum |
            |---|---|---:|---:|---:|---:|---:|---|
            | nbody | interp | 200.0 ms | 198.0 ms | 203.0 ms | 12.0 MiB | 2.00× | ok |
            | nbody | python3 | 100.0 ms | 98.0 ms | 103.0 ms | 12.0 MiB | 1.00× | ok |
            | startup | interp | 5.0 ms | 3.0 ms | 8.0 ms | 12.0 MiB | 0.50× | ok |
            | startup | python3 | 10.0 ms | 8.0 ms | 13.0 ms | 12.0 MiB | 1.00× | ok |
            | sieve | interp | – | – | – | 3.0 MiB | – | **FAIL** |
            | sieve | python3 | 12.00 s | 12.00 s | 12.00 s | 12.0 MiB | 1.00× | ok |

            ## Problems

            - `sieve` in interp: exit status 1: a \| b
        "#]].assert_eq(&text);
    }
}
