//! Printing uncaught exceptions exactly as CPython 3.14's `traceback` module does:
//! chained exceptions (`__cause__`/`__context__`), the `File … line … in …` entries with
//! source lines and `~~~^^^` position markers, notes, SyntaxError excerpts and the
//! boxed layout of exception groups (Lib/traceback.py `TracebackException.format`).

use std::collections::HashMap;

use compiler::diagnostics::{SyntaxDiagnostic, SyntaxErrorKind};

use crate::interp::Vm;
use crate::object::Gc;
use crate::ops::{self, attr, dictops, str_of, type_of};
use crate::types::exception::{ExceptionBody, TracebackBody};
use crate::value::Value;
use crate::vm::frame::FrameBody;

/// Source files read while formatting, by name.
#[derive(Default)]
struct Sources {
    files: HashMap<String, Option<Vec<String>>>,
}

impl Sources {
    fn line(&mut self, file: &str, line: u32) -> Option<String> {
        let lines = self.files.entry(file.to_owned()).or_insert_with(|| {
            std::fs::read(file).ok().map(|b| {
                String::from_utf8_lossy(&b)
                    .lines()
                    .map(str::to_owned)
                    .collect()
            })
        });
        lines.as_ref()?.get(line.checked_sub(1)? as usize).cloned()
    }
}

/// The full report for an uncaught exception, ending with a newline.
pub fn format_exception(vm: &mut Vm, exc: Value) -> String {
    let mut ctx = PrintContext::default();
    let mut out = Vec::new();
    format_with_chain(vm, exc, &mut ctx, &mut out);
    out.concat()
}

/// The lines of `exc`'s traceback entries alone (`traceback.format_tb`), each ending
/// with a newline.
pub fn format_traceback_entries(tb: Value) -> Vec<String> {
    let mut sources = Sources::default();
    format_stack(tb, &mut sources)
}

fn exc_body(v: Value) -> Option<Gc<ExceptionBody>> {
    Gc::<ExceptionBody>::from_value(v)
}

/// Lib/traceback.py `_ExceptionPrintContext`: the nesting depth inside exception
/// groups (each level indents by two columns and adds a `| ` margin), the exceptions
/// already printed, and whether the innermost group still owes its closing rule.
#[derive(Default)]
struct PrintContext {
    seen: Vec<Value>,
    depth: usize,
    need_close: bool,
    sources: Sources,
}

impl PrintContext {
    fn indent(&self) -> String {
        " ".repeat(2 * self.depth)
    }

    /// `_ExceptionPrintContext.emit`: every line of `text` gets the indent and, inside a
    /// group, the margin character.
    fn emit(&self, out: &mut Vec<String>, text: &str, margin: char) {
        let mut prefix = self.indent();
        if self.depth > 0 {
            prefix.push(margin);
            prefix.push(' ');
        }
        for line in text.split_inclusive('\n') {
            out.push(format!("{prefix}{line}"));
        }
    }
}

const MAX_GROUP_WIDTH: usize = 15;
const MAX_GROUP_DEPTH: usize = 10;
const CAUSE_MESSAGE: &str =
    "\nThe above exception was the direct cause of the following exception:\n\n";
const CONTEXT_MESSAGE: &str =
    "\nDuring handling of the above exception, another exception occurred:\n\n";

/// `TracebackException.format(chain=True)`: the chain of causes and contexts, oldest
/// first, then `exc` itself; groups print their members in the boxed layout.
fn format_with_chain(vm: &mut Vm, exc: Value, ctx: &mut PrintContext, out: &mut Vec<String>) {
    // Walk the chain from `exc` back to its oldest ancestor, as CPython builds it; an
    // exception already printed (a cycle) ends the walk.
    let mut chain: Vec<(Option<&str>, Value)> = Vec::new();
    let mut cur = exc;
    let mut msg = None;
    ctx.seen.push(exc);
    loop {
        chain.push((msg, cur));
        let Some(b) = exc_body(cur) else { break };
        let cause = b.cause.get();
        let context = b.context.get();
        let suppress = b
            .suppress_context
            .load(std::sync::atomic::Ordering::Relaxed);
        let (next, m) = if exc_body(cause).is_some() {
            (cause, CAUSE_MESSAGE)
        } else if !suppress && exc_body(context).is_some() {
            (context, CONTEXT_MESSAGE)
        } else {
            break;
        };
        if ctx.seen.contains(&next) {
            break;
        }
        ctx.seen.push(next);
        msg = Some(m);
        cur = next;
    }
    // `chain[i].0` is the message printed *after* chain[i] (before its successor).
    for i in (0..chain.len()).rev() {
        let e = chain[i].1;
        if ops::is_instance(vm, e, vm.rt.exc.base_exception_group) {
            format_group(vm, e, ctx, out);
        } else {
            let tb = exc_body(e).map_or(Value::NONE, |b| b.traceback.get());
            if Gc::<TracebackBody>::from_value(tb).is_some() {
                ctx.emit(out, "Traceback (most recent call last):\n", '|');
                let lines = format_stack(tb, &mut ctx.sources);
                ctx.emit(out, &lines.concat(), '|');
            }
            let mut only = String::new();
            format_exception_only(vm, e, &mut only, "");
            ctx.emit(out, &only, '|');
        }
        if let Some(m) = chain[i].0 {
            ctx.emit(out, m, '|');
        }
    }
}

/// The exception-group branch of `TracebackException.format`.
fn format_group(vm: &mut Vm, exc: Value, ctx: &mut PrintContext, out: &mut Vec<String>) {
    if ctx.depth > MAX_GROUP_DEPTH {
        ctx.emit(
            out,
            &format!("... (max_group_depth is {MAX_GROUP_DEPTH})\n"),
            '|',
        );
        return;
    }
    let toplevel = ctx.depth == 0;
    if toplevel {
        ctx.depth += 1;
    }
    let tb = exc_body(exc).map_or(Value::NONE, |b| b.traceback.get());
    if Gc::<TracebackBody>::from_value(tb).is_some() {
        ctx.emit(
            out,
            "Exception Group Traceback (most recent call last):\n",
            if toplevel { '+' } else { '|' },
        );
        let lines = format_stack(tb, &mut ctx.sources);
        ctx.emit(out, &lines.concat(), '|');
    }
    let mut only = String::new();
    format_exception_only(vm, exc, &mut only, "");
    ctx.emit(out, &only, '|');
    let members: Vec<Value> = crate::builtins::exceptions::group_exceptions(exc)
        .into_iter()
        .filter(|e| !ctx.seen.contains(e))
        .collect();
    let total = members.len();
    let shown = if total <= MAX_GROUP_WIDTH {
        total
    } else {
        MAX_GROUP_WIDTH + 1
    };
    ctx.need_close = false;
    for i in 0..shown {
        let last = i + 1 == shown;
        if last {
            // The closing rule may be printed by a nested group instead.
            ctx.need_close = true;
        }
        let truncated = i >= MAX_GROUP_WIDTH;
        let title = if truncated {
            "...".to_owned()
        } else {
            (i + 1).to_string()
        };
        out.push(format!(
            "{}{}+---------------- {title} ----------------\n",
            ctx.indent(),
            if i == 0 { "+-" } else { "  " }
        ));
        ctx.depth += 1;
        if truncated {
            let remaining = total - MAX_GROUP_WIDTH;
            ctx.emit(
                out,
                &format!(
                    "and {remaining} more exception{}\n",
                    if remaining > 1 { "s" } else { "" }
                ),
                '|',
            );
        } else if let Some(&member) = members.get(i) {
            format_with_chain(vm, member, ctx, out);
        }
        if last && ctx.need_close {
            out.push(format!(
                "{}+------------------------------------\n",
                ctx.indent()
            ));
            ctx.need_close = false;
        }
        ctx.depth -= 1;
    }
    if toplevel {
        ctx.depth = 0;
    }
}

/// One traceback entry's position: file, line, function and instruction range.
struct FrameSummary {
    file: String,
    line: u32,
    name: String,
    loc: Option<compiler::ir::Loc>,
}

fn summaries(tb: Value) -> Vec<FrameSummary> {
    let mut entries = Vec::new();
    let mut cur = tb;
    while let Some(t) = Gc::<TracebackBody>::from_value(cur) {
        if let Some(f) = Gc::<FrameBody>::from_value(t.frame) {
            let code = f.code;
            let loc = code.code.location(t.pc as usize).filter(|l| l.line > 0);
            let line = loc.map_or(code.code.first_line, |l| l.line);
            let file = str_of(code.filename).unwrap_or("?").to_owned();
            let name = str_of(code.name).unwrap_or("?").to_owned();
            entries.push(FrameSummary {
                file,
                line,
                name,
                loc,
            });
        }
        cur = t.next.get();
    }
    entries
}

const RECURSIVE_CUTOFF: usize = 3;

/// `StackSummary.format`: the `File …` entries, collapsing runs of identical entries
/// after the third into "[Previous line repeated N more times]".
fn format_stack(tb: Value, sources: &mut Sources) -> Vec<String> {
    let mut result = Vec::new();
    let mut last: Option<(String, u32, String)> = None;
    let mut count = 0usize;
    let repeated = |count: usize| {
        let n = count - RECURSIVE_CUTOFF;
        format!(
            "  [Previous line repeated {n} more time{}]\n",
            if n > 1 { "s" } else { "" }
        )
    };
    for fs in summaries(tb) {
        let key = (fs.file.clone(), fs.line, fs.name.clone());
        if last.as_ref() != Some(&key) {
            if count > RECURSIVE_CUTOFF {
                result.push(repeated(count));
            }
            last = Some(key);
            count = 0;
        }
        count += 1;
        if count > RECURSIVE_CUTOFF {
            continue;
        }
        result.push(format_frame(&fs, sources));
    }
    if count > RECURSIVE_CUTOFF {
        result.push(repeated(count));
    }
    result
}

/// `textwrap.dedent`: removes the longest common leading whitespace of the lines that
/// are not blank; blank lines become empty.
fn dedent(lines: &[String]) -> Vec<String> {
    let margin = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    lines
        .iter()
        .map(|l| {
            if l.trim().is_empty() {
                String::new()
            } else {
                l.get(margin..).unwrap_or("").to_owned()
            }
        })
        .collect()
}

/// `_byte_offset_to_character_offset`: the character index of a UTF-8 byte offset.
fn char_offset(line: &str, byte: usize) -> usize {
    let mut end = byte.min(line.len());
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    line[..end].chars().count() + usize::from(end < byte.min(line.len()))
}

/// Whether a character takes two terminal columns (`unicodedata.east_asian_width` W/F).
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x1F300..=0x1F64F | 0x1F900..=0x1F9FF | 0x20000..=0x3FFFD)
}

/// `_display_width`: the terminal width of the first `offset` characters of `line`.
fn display_width(line: &str, offset: usize) -> usize {
    if line.is_ascii() {
        return offset;
    }
    line.chars()
        .take(offset)
        .map(|c| if is_wide(c) { 2 } else { 1 })
        .sum()
}

/// `StackSummary.format_frame_summary`: one entry with its source lines and, where
/// CPython shows them, the `~~~^^^` markers of the failing instruction.
fn format_frame(fs: &FrameSummary, sources: &mut Sources) -> String {
    let mut row = format!("  File \"{}\", line {}, in {}\n", fs.file, fs.line, fs.name);
    let end_line = match fs.loc {
        Some(l) if l.end_line >= l.line && l.end_line - l.line < 10_000 => l.end_line,
        _ => fs.line,
    };
    let original: Vec<String> = (fs.line..=end_line)
        .map(|n| {
            sources
                .line(&fs.file, n)
                .unwrap_or_default()
                .trim_end()
                .to_owned()
        })
        .collect();
    let dedented = dedent(&original);
    if dedented.iter().all(|l| l.trim().is_empty()) {
        return row;
    }
    let Some(loc) = fs.loc.filter(|l| l.end_line >= l.line) else {
        row.push_str(&format!("    {}\n", original[0].trim()));
        return row;
    };
    let first = &original[0];
    let last = &original[original.len() - 1];
    let dedent_chars = first.chars().count() - dedented[0].chars().count();
    let start_offset = char_offset(first, loc.col as usize).saturating_sub(dedent_chars);
    let end_offset = char_offset(last, loc.end_col as usize).saturating_sub(dedent_chars);
    let all_lines = &dedented;
    let n = all_lines.len();
    let dp_start = display_width(&all_lines[0], start_offset);
    let dp_end = display_width(&all_lines[n - 1], end_offset);
    // The exact source of the instruction.
    let joined: Vec<char> = all_lines.join("\n").chars().collect();
    let last_len = all_lines[n - 1].chars().count();
    let seg_end = joined
        .len()
        .saturating_sub(last_len.saturating_sub(end_offset));
    let segment: String = joined
        .get(start_offset.min(seg_end)..seg_end)
        .map(|s| s.iter().collect())
        .unwrap_or_default();
    let anchors = caret_anchors(&segment);
    let show = should_show_carets(start_offset, end_offset, all_lines, anchors.is_some());

    let mut significant: Vec<usize> = vec![0, n - 1];
    let (mut left_end, mut right_start) = (0usize, 0usize);
    if let Some(a) = anchors {
        left_end = a.left_end_offset
            + if a.left_end_line == 0 {
                start_offset
            } else {
                0
            };
        right_start = a.right_start_offset
            + if a.right_start_line == 0 {
                start_offset
            } else {
                0
            };
        left_end = display_width(
            all_lines.get(a.left_end_line).map_or("", String::as_str),
            left_end,
        );
        right_start = display_width(
            all_lines.get(a.right_start_line).map_or("", String::as_str),
            right_start,
        );
        for l in [a.left_end_line, a.right_start_line] {
            significant.extend([l.wrapping_sub(1), l, l + 1]);
        }
    }
    significant.retain(|&l| l < n);
    significant.sort_unstable();
    significant.dedup();

    let mut result: Vec<String> = Vec::new();
    let output_line = |lineno: usize, result: &mut Vec<String>| {
        let line = &all_lines[lineno];
        result.push(line.clone());
        if !show {
            return;
        }
        let spaces = line.chars().count() - line.trim_start().chars().count();
        let num = if lineno == n - 1 {
            dp_end
        } else {
            display_width(line, line.chars().count())
        };
        let mut carets = String::new();
        for col in 0..num {
            let c = if col < spaces || (lineno == 0 && col < dp_start) {
                ' '
            } else if let Some(a) = anchors
                && (lineno > a.left_end_line || (lineno == a.left_end_line && col >= left_end))
                && (lineno < a.right_start_line
                    || (lineno == a.right_start_line && col < right_start))
            {
                '^'
            } else if anchors.is_some() {
                '~'
            } else {
                '^'
            };
            carets.push(c);
        }
        result.push(carets);
    };
    for (i, &lineno) in significant.iter().enumerate() {
        if i > 0 {
            let diff = lineno - significant[i - 1];
            if diff == 2 {
                output_line(lineno - 1, &mut result);
            } else if diff > 2 {
                result.push(format!("...<{} lines>...", diff - 1));
            }
        }
        output_line(lineno, &mut result);
    }
    for line in dedent(&result) {
        row.push_str(&format!("    {line}\n"));
    }
    row
}

/// `_should_show_carets`: CPython omits the markers when they would underline the
/// whole (possibly multi-line) statement, unless the expression has anchors; a
/// `return f(…)` or `x = f(…)` whose call spans it all never gets them.
fn should_show_carets(start: usize, end: usize, all_lines: &[String], has_anchors: bool) -> bool {
    use ruff_python_ast::{Expr, Stmt};
    use ruff_text_size::Ranged;
    let text = all_lines.join("\n");
    if let Ok((module, _)) = compiler::parse::parse_module_deferring(&text, "<frame>") {
        let Some(statement) = module.body.first() else {
            return false;
        };
        let value = match statement {
            Stmt::Return(r) => r
                .value
                .as_deref()
                .filter(|v| matches!(v, Expr::Call(c) if matches!(*c.func, Expr::Name(_)))),
            Stmt::Assign(a) if a.targets.len() == 1 && matches!(a.targets[0], Expr::Name(_)) => {
                Some(&*a.value).filter(|v| matches!(v, Expr::Call(_)))
            }
            _ => None,
        };
        if let Some(v) = value {
            let pos = |o: ruff_text_size::TextSize| {
                let o = (u32::from(o) as usize).min(text.len());
                let before = text.get(..o).unwrap_or("");
                let line = before.matches('\n').count();
                // Like CPython, this compares the AST's byte column with the
                // character offsets.
                let col = before.rsplit('\n').next().unwrap_or("").len();
                (line, col)
            };
            let (l0, c0) = pos(v.range().start());
            let (l1, c1) = pos(v.range().end());
            if l0 == 0 && l1 + 1 == all_lines.len() && c0 == start && c1 == end {
                return false;
            }
        }
    }
    if has_anchors {
        return true;
    }
    let first: Vec<char> = all_lines[0].chars().collect();
    let last: Vec<char> = all_lines[all_lines.len() - 1].chars().collect();
    let before: String = first.iter().take(start).collect();
    let after: String = last.iter().skip(end).collect();
    !before.trim_start().is_empty() || !after.trim_end().is_empty()
}

/// Where the primary (`^`) markers start and end inside a segment: line index within
/// the segment and character column (`traceback._Anchors`).
#[derive(Clone, Copy)]
struct Anchors {
    left_end_line: usize,
    left_end_offset: usize,
    right_start_line: usize,
    right_start_offset: usize,
}

/// `_extract_caret_anchors_from_line_segment`: the operator of a binary operation, the
/// brackets of a subscript, the argument list of a call. `None` wherever CPython's
/// version fails (it swallows every exception).
fn caret_anchors(segment: &str) -> Option<Anchors> {
    use ruff_python_ast::{Expr, Stmt};
    use ruff_text_size::Ranged;
    let wrapped = format!("(\n{segment}\n)");
    let (module, _) = compiler::parse::parse_module_deferring(&wrapped, "<segment>").ok()?;
    let [Stmt::Expr(statement)] = module.body.as_slice() else {
        return None;
    };
    let lines: Vec<Vec<char>> = segment.split('\n').map(|l| l.chars().collect()).collect();
    // (line, char column) within `segment` of a byte offset within `wrapped`.
    let pos = |o: ruff_text_size::TextSize| -> Option<(usize, usize)> {
        let o = (u32::from(o) as usize).checked_sub(2)?;
        let before = segment.get(..o.min(segment.len()))?;
        let line = before.matches('\n').count();
        let col = before.rsplit('\n').next().unwrap_or("").chars().count();
        Some((line, col))
    };
    let valid = |mut line: usize, mut col: usize| -> Option<(usize, usize)> {
        while line < lines.len() && col >= lines[line].len() {
            col = 0;
            line += 1;
        }
        (line < lines.len()).then_some((line, col))
    };
    let until =
        |mut line: usize, mut col: usize, stop: &dyn Fn(char) -> bool| -> Option<(usize, usize)> {
            loop {
                let ch = *lines.get(line)?.get(col)?;
                if ch == '\\' || ch == '#' {
                    (line, col) = valid(line + 1, 0)?;
                } else if !stop(ch) {
                    (line, col) = valid(line, col + 1)?;
                } else {
                    return Some((line, col));
                }
            }
        };
    match &*statement.value {
        Expr::BinOp(b) => {
            let (l, c) = pos(b.left.range().end())?;
            let (l, c) = valid(l, c)?;
            let (line, col) = until(l, c, &|ch| !ch.is_whitespace() && ch != ')')?;
            let mut right_col = col + 1;
            let (rl, rc) = pos(b.right.range().start())?;
            if right_col < lines[line].len()
                && (rl > line || right_col < rc)
                && !lines[line][right_col].is_whitespace()
                && !matches!(lines[line][right_col], '\\' | '#')
            {
                right_col += 1;
            }
            Some(Anchors {
                left_end_line: line,
                left_end_offset: col,
                right_start_line: line,
                right_start_offset: right_col,
            })
        }
        Expr::Subscript(s) => {
            let (l, c) = pos(s.value.range().end())?;
            let (l, c) = valid(l, c)?;
            let (ll, lc) = until(l, c, &|ch| ch == '[')?;
            let (rl, rc) = pos(s.range().end())?;
            Some(Anchors {
                left_end_line: ll,
                left_end_offset: lc,
                right_start_line: rl,
                right_start_offset: rc,
            })
        }
        Expr::Call(call) => {
            let (l, c) = pos(call.func.range().end())?;
            let (l, c) = valid(l, c)?;
            let (ll, lc) = until(l, c, &|ch| ch == '(')?;
            let (rl, rc) = pos(call.range().end())?;
            Some(Anchors {
                left_end_line: ll,
                left_end_offset: lc,
                right_start_line: rl,
                right_start_offset: rc,
            })
        }
        _ => None,
    }
}

/// The qualified type name CPython prints for an exception.
fn type_display(vm: &mut Vm, exc: Value) -> String {
    let ty = type_of(vm, exc);
    let name = ty.qualname.lock().clone();
    match dictops::get_str(&ty.dict, "__module__").and_then(str_of) {
        Some(m) if m != "builtins" && m != "__main__" => format!("{m}.{name}"),
        _ => name,
    }
}

/// `TracebackException.format_exception_only` (depth 0): the `Type: message` line (or
/// the SyntaxError excerpt), then the notes.
pub fn format_exception_only(vm: &mut Vm, exc: Value, out: &mut String, prefix: &str) {
    let tn = type_display(vm, exc);
    if ops::is_instance(vm, exc, vm.rt.exc.syntax_error)
        && let Some(text) = syntax_error_text(vm, exc, &tn)
    {
        for line in text.lines() {
            out.push_str(&format!("{prefix}{line}\n"));
        }
    } else {
        let mut msg = match ops::repr::str_string(vm, exc) {
            Ok(s) => s,
            Err(_) => "<exception str() failed>".to_owned(),
        };
        if let Some(s) = suggestion(vm, exc) {
            // CPython appends the suggestion to the message itself.
            msg.push_str(&format!(". Did you mean: '{s}'?"));
        }
        let line = if msg.is_empty() {
            tn
        } else {
            format!("{tn}: {msg}")
        };
        out.push_str(&format!("{prefix}{line}\n"));
    }
    if let Some(d) = attr::instance_dict(vm, exc)
        && let Some(notes) = dictops::get_str(&d, "__notes__")
    {
        match ops::iter::collect(vm, notes) {
            Ok(items) => {
                for n in items {
                    let text = match str_of(n) {
                        Some(s) => s.to_owned(),
                        None => ops::repr::str_string(vm, n)
                            .unwrap_or_else(|_| "<note str() failed>".into()),
                    };
                    for line in text.split('\n') {
                        out.push_str(&format!("{prefix}{line}\n"));
                    }
                }
            }
            Err(_) => {
                let r = ops::repr::repr_string(vm, notes).unwrap_or_default();
                out.push_str(&format!("{prefix}{r}\n"));
            }
        }
    }
}

/// CPython's "Did you mean" suggestion for NameError and AttributeError (the closest
/// name by Levenshtein distance within the limits `traceback._compute_suggestion_error`
/// uses).
fn suggestion(vm: &mut Vm, exc: Value) -> Option<String> {
    let is_name = ops::is_instance(vm, exc, vm.rt.exc.name_error);
    let is_attr = ops::is_instance(vm, exc, vm.rt.exc.attribute_error);
    if !is_name && !is_attr {
        return None;
    }
    let d = attr::instance_dict(vm, exc)?;
    let wrong = str_of(dictops::get_str(&d, "name")?)?.to_owned();
    let mut candidates: Vec<String> = Vec::new();
    if is_attr {
        let obj = dictops::get_str(&d, "obj")?;
        let names = crate::builtins::functions::dir_of(vm, obj).ok()?;
        candidates = ops::iter::collect(vm, names)
            .ok()?
            .into_iter()
            .filter_map(|n| str_of(n).map(str::to_owned))
            .collect();
    } else {
        let tb = exc_body(exc)?.traceback.get();
        let mut last = None;
        let mut cur = tb;
        while let Some(t) = Gc::<TracebackBody>::from_value(cur) {
            last = Some(t.frame);
            cur = t.next.get();
        }
        let frame = Gc::<FrameBody>::from_value(last?)?;
        let co = &frame.code.code;
        candidates.extend(co.varnames.iter().cloned());
        for (k, _) in dictops::items(&frame.globals) {
            if let Some(s) = str_of(k) {
                candidates.push(s.to_owned());
            }
        }
        for (k, _) in dictops::items(&vm.interp.builtins.dict) {
            if let Some(s) = str_of(k) {
                candidates.push(s.to_owned());
            }
        }
    }
    best_match(&wrong, &candidates)
}

pub(crate) fn best_match(wrong: &str, candidates: &[String]) -> Option<String> {
    compiler::suggest::best_match(wrong, candidates).map(str::to_owned)
}

fn syntax_error_text(vm: &mut Vm, exc: Value, tn: &str) -> Option<String> {
    let get = |vm: &mut Vm, n: &str| attr::getattr_opt(vm, exc, n).ok().flatten();
    let msg = get(vm, "msg")
        .and_then(|m| str_of(m).map(str::to_owned))
        .unwrap_or_default();
    let filename = get(vm, "filename").and_then(|m| str_of(m).map(str::to_owned));
    let num = |v: Option<Value>| v.and_then(Value::as_small_int).unwrap_or(0) as u32;
    let lineno = num(get(vm, "lineno"));
    let offset = num(get(vm, "offset"));
    let end_lineno = num(get(vm, "end_lineno"));
    let end_offset = num(get(vm, "end_offset"));
    let text = get(vm, "text").and_then(|t| str_of(t).map(|s| s.trim_end_matches('\n').to_owned()));
    let kind = match tn {
        "IndentationError" => SyntaxErrorKind::IndentationError,
        "TabError" => SyntaxErrorKind::TabError,
        _ => SyntaxErrorKind::SyntaxError,
    };
    let filename = filename?;
    // CPython 3.14's keyword typo search (`_find_keyword_typos`) over the source kept in
    // `_metadata`, or else the file read back, where only the error's line is searched.
    let metadata_source = get(vm, "_metadata").and_then(|m| {
        crate::ops::tuple_items(m)
            .and_then(|items| items.get(2).copied())
            .and_then(|s| str_of(s).map(str::to_owned))
    });
    let d = SyntaxDiagnostic {
        kind,
        message: msg,
        filename,
        lineno,
        offset,
        end_lineno,
        end_offset,
        text,
    };
    let typo = if msg_allows_typo_search(&d.message) {
        match metadata_source {
            Some(source) => compiler::suggest::keyword_typo(&source, &d, false),
            None => std::fs::read_to_string(&d.filename)
                .ok()
                .and_then(|source| compiler::suggest::keyword_typo(&source, &d, true)),
        }
    } else {
        None
    };
    let d = typo.unwrap_or(d);
    let rendered = d.render();
    Some(
        if matches!(tn, "SyntaxError" | "IndentationError" | "TabError") {
            rendered
        } else {
            // A subclass: keep the excerpt, print the subclass name.
            let mut lines: Vec<String> = rendered.lines().map(str::to_owned).collect();
            if let Some(last) = lines.last_mut()
                && let Some((_, m)) = last.split_once(": ")
            {
                *last = format!("{tn}: {m}");
            }
            lines.join("\n") + "\n"
        },
    )
}

/// The messages `_find_keyword_typos` looks behind: the generic one and the missing comma.
fn msg_allows_typo_search(message: &str) -> bool {
    message == "invalid syntax" || message.contains("Perhaps you forgot a comma")
}
