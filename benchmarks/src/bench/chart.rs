//! The SVG bar chart written next to each results file: for every program (and the
//! geometric mean) one horizontal bar per mode, the mode's speed relative to `python3`
//! on a logarithmic axis, starting at 1× so faster modes point right and slower ones left.
//!
//! Drawn with `plotters`' SVG backend only: text stays SVG `<text>`, so no fonts or image
//! libraries are needed to build or draw it.

use super::modes::Mode;
use super::table::Table;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Each mode's bar colour (python3 is the 1× line, not a bar).
fn colour(mode: Mode) -> RGBColor {
    match mode {
        Mode::Interp => RGBColor(0x1f, 0x77, 0xb4),
        Mode::Jit => RGBColor(0xff, 0x7f, 0x0e),
        Mode::Aot => RGBColor(0x2c, 0xa0, 0x2c),
        Mode::Python3 => RGBColor(0x7f, 0x7f, 0x7f),
        Mode::Pypy3 => RGBColor(0x94, 0x67, 0xbd),
    }
}

const WIDTH: u32 = 960;
const BAR: u32 = 14;
const GROUP_GAP: u32 = 10;
const LABEL_AREA: u32 = 150;
/// Height of the title and legend band above the plot.
const HEADER: u32 = 62;

/// One group of bars: a label and each drawn mode's speed (`python3`'s time over the
/// mode's), `None` where the mode failed.
struct Group {
    label: String,
    speeds: Vec<Option<f64>>,
}

/// The chart as an SVG document, or `None` when there is nothing to draw (no `python3`
/// mode, or no mode besides it with a result).
pub fn render(table: &Table, title: &str) -> Option<String> {
    let columns: Vec<usize> = (0..table.modes.len())
        .filter(|&c| table.modes[c] != Mode::Python3)
        .filter(|&c| {
            table
                .rows
                .iter()
                .any(|r| r.cells.get(c).is_some_and(|cell| cell.ratio.is_some()))
        })
        .collect();
    if columns.is_empty() {
        return None;
    }
    let speed = |ratio: Option<f64>| ratio.filter(|r| *r > 0.0).map(|r| 1.0 / r);
    let mut groups: Vec<Group> = table
        .rows
        .iter()
        .map(|row| Group {
            label: row.program.clone(),
            speeds: columns
                .iter()
                .map(|&c| speed(row.cells.get(c).and_then(|cell| cell.ratio)))
                .collect(),
        })
        .collect();
    let means = table.means();
    groups.push(Group {
        label: "geometric mean".to_owned(),
        speeds: columns
            .iter()
            .map(|&c| speed(means.get(c).and_then(|m| m.ratio)))
            .collect(),
    });
    let modes: Vec<Mode> = columns.iter().map(|&c| table.modes[c]).collect();
    let mut svg = String::new();
    let group_height = BAR * modes.len() as u32 + GROUP_GAP;
    let height = HEADER + 60 + group_height * groups.len() as u32;
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        draw(&root, &groups, &modes, title).ok()?;
        root.present().ok()?;
    }
    Some(svg)
}

fn draw(
    root: &DrawingArea<SVGBackend<'_>, Shift>,
    groups: &[Group],
    modes: &[Mode],
    title: &str,
) -> Result<(), DrawingAreaErrorKind<std::io::Error>> {
    root.fill(&WHITE)?;
    // `chart.backend_coord` gives pixels of the whole image, so the labels placed with it
    // are drawn on `root`, not on `body`.
    let (header, body) = root.split_vertically(HEADER);
    draw_header(&header, modes, title)?;
    let values = groups
        .iter()
        .flat_map(|g| g.speeds.iter().flatten().copied());
    let (low, high) = values.fold((1.0f64, 1.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    // Room on both sides for the value labels at the bar ends.
    let (low, high) = (low / 1.6, high * 1.6);
    let rows = groups.len() as f64;
    let mut chart = ChartBuilder::on(&body)
        .margin(12)
        .x_label_area_size(36)
        .y_label_area_size(LABEL_AREA)
        .build_cartesian_2d((low..high).log_scale(), 0.0..rows)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(0)
        .x_labels(12)
        .x_desc("speed relative to python3 (higher is faster, log scale)")
        .x_label_formatter(&|v| format!("{}×", short_number(*v)))
        .draw()?;
    let small = |anchor: HPos| {
        ("sans-serif", 10)
            .into_font()
            .into_text_style(&body)
            .pos(Pos::new(anchor, VPos::Center))
    };
    let bar_height = 1.0 / (modes.len() as f64 + GROUP_GAP as f64 / BAR as f64);
    for (index, group) in groups.iter().enumerate() {
        // Row 0 at the top: plotters' y grows upwards.
        let top = rows - index as f64 - bar_height * GROUP_GAP as f64 / BAR as f64 / 2.0;
        let (label_x, label_y) = chart.backend_coord(&(low, rows - index as f64 - 0.5));
        root.draw(&Text::new(
            group.label.clone(),
            (label_x - 8, label_y),
            ("sans-serif", 13)
                .into_font()
                .into_text_style(&body)
                .pos(Pos::new(HPos::Right, VPos::Center)),
        ))?;
        for (slot, (mode, value)) in modes.iter().zip(&group.speeds).enumerate() {
            let y1 = top - slot as f64 * bar_height;
            let y0 = y1 - bar_height;
            let Some(value) = *value else {
                // A failed run or a wrong checksum has no speed; say so where the bar goes.
                let (x, y) = chart.backend_coord(&(1.0, (y0 + y1) / 2.0));
                root.draw(&Text::new(
                    format!("{mode}: failed"),
                    (x + 3, y),
                    small(HPos::Left),
                ))?;
                continue;
            };
            chart.draw_series(std::iter::once(Rectangle::new(
                [(1.0, y0), (value, y1)],
                colour(*mode).filled(),
            )))?;
            let (anchor, dx) = if value >= 1.0 {
                (HPos::Left, 3)
            } else {
                (HPos::Right, -3)
            };
            let (x, y) = chart.backend_coord(&(value, (y0 + y1) / 2.0));
            root.draw(&Text::new(
                format!("{}×", short_number(value)),
                (x + dx, y),
                small(anchor),
            ))?;
        }
    }
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(1.0, 0.0), (1.0, rows)],
        BLACK,
    )))?;
    Ok(())
}

/// The title and, under it, the legend: one swatch per mode and the 1× line. Drawn by hand
/// above the plot so it never covers a bar.
fn draw_header(
    header: &DrawingArea<SVGBackend<'_>, Shift>,
    modes: &[Mode],
    title: &str,
) -> Result<(), DrawingAreaErrorKind<std::io::Error>> {
    let centre = i32::try_from(WIDTH / 2).unwrap_or(0);
    header.draw(&Text::new(
        title.to_owned(),
        (centre, 10),
        ("sans-serif", 18)
            .into_font()
            .into_text_style(header)
            .pos(Pos::new(HPos::Center, VPos::Top)),
    ))?;
    let text = |x: i32, label: String| {
        Text::new(
            label,
            (x, 44),
            ("sans-serif", 13)
                .into_font()
                .into_text_style(header)
                .pos(Pos::new(HPos::Left, VPos::Center)),
        )
    };
    let mut x = i32::try_from(LABEL_AREA).unwrap_or(0);
    for mode in modes {
        header.draw(&Rectangle::new(
            [(x, 38), (x + 12, 50)],
            colour(*mode).filled(),
        ))?;
        header.draw(&text(x + 17, mode.name().to_owned()))?;
        x += 100;
    }
    header.draw(&PathElement::new(vec![(x, 36), (x, 52)], BLACK))?;
    header.draw(&text(x + 6, "python3 = 1×".to_owned()))?;
    Ok(())
}

/// Three significant digits without trailing zeros: 12.5, 3.1, 0.042.
fn short_number(value: f64) -> String {
    let decimals = if value >= 100.0 {
        0
    } else if value >= 10.0 {
        1
    } else if value >= 1.0 {
        2
    } else {
        3
    };
    let text = format!("{value:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::stats::Summary;
    use crate::bench::table::{Cell, Row};
    use std::time::Duration;

    fn cell(ratio: Option<f64>) -> Cell {
        let median = Duration::from_millis(10);
        Cell {
            summary: Some(Summary {
                median,
                min: median,
                max: median,
            }),
            peak_rss: None,
            ratio,
            problem: None,
        }
    }

    #[test]
    fn draws_an_svg_with_every_program_and_mode() {
        let table = Table {
            modes: vec![Mode::Interp, Mode::Python3, Mode::Pypy3],
            rows: vec![
                Row {
                    program: "nbody".into(),
                    cells: vec![cell(Some(2.0)), cell(Some(1.0)), cell(Some(0.25))],
                },
                Row {
                    program: "startup".into(),
                    cells: vec![cell(Some(0.5)), cell(Some(1.0)), cell(None)],
                },
            ],
        };
        let svg = render(&table, "Taipan benchmarks").expect("a chart");
        assert!(svg.starts_with("<svg"), "{}", &svg[..svg.len().min(80)]);
        for text in [
            "nbody",
            "startup",
            "geometric mean",
            "interp",
            "pypy3",
            "python3 = 1×",
            "4×",
            "0.5×",
        ] {
            assert!(svg.contains(text), "missing {text:?}");
        }
        let python_only = Table {
            modes: vec![Mode::Python3],
            rows: Vec::new(),
        };
        assert_eq!(render(&python_only, "t"), None);
    }

    #[test]
    fn short_numbers() {
        assert_eq!(short_number(1.0), "1");
        assert_eq!(short_number(2.345), "2.35");
        assert_eq!(short_number(12.04), "12");
        assert_eq!(short_number(0.0421), "0.042");
        assert_eq!(short_number(250.0), "250");
    }
}
