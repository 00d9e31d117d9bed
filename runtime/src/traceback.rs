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
            std::fs::read(file).ok().map(|b| String::from_utf8_lossy(&b).lines().map(str::to_owned).collect())
        });
        lines.as_ref()?.get(line.checked_sub(1)? as usize).cloned()
    }
}

/// The full report for an uncaught exception, ending with a newline.
pub fn format_exception(vm: &mut Vm, exc: Value) -> String {
    let mut out = String::new();
    let mut sources = Sources::default();
    let mut seen = Vec::new();
    format_chain(vm, exc, &mut out, &mut sources, &mut seen, "");
    out
}

fn exc_body(v: Value) -> Option<Gc<ExceptionBody>> {
    Gc::<ExceptionBody>::from_value(v)
}

fn format_chain(vm: &mut Vm, exc: Value, out: &mut String, sources: &mut Sources, seen: &mut Vec<Value>, prefix: &str) {
    seen.push(exc);
    if let Some(b) = exc_body(exc) {
        let cause = b.cause.get();
        let context = b.context.get();
        let suppress = b.suppress_context.load(std::sync::atomic::Ordering::Relaxed);
        if exc_body(cause).is_some() && !seen.contains(&cause) {
            format_chain(vm, cause, out, sources, seen, prefix);
            out.push_str(&format!("{prefix}\n{prefix}The above exception was the direct cause of the following exception:\n{prefix}\n"));
        } else if !suppress && exc_body(context).is_some() && !seen.contains(&context) {
            format_chain(vm, context, out, sources, seen, prefix);
            out.push_str(&format!("{prefix}\n{prefix}During handling of the above exception, another exception occurred:\n{prefix}\n"));
        }
    }
    if ops::is_instance(vm, exc, vm.rt.exc.base_exception_group) {
        format_group(vm, exc, out, sources, prefix, 0);
    } else {
        format_single(vm, exc, out, sources, prefix);
    }
}

fn format_single(vm: &mut Vm, exc: Value, out: &mut String, sources: &mut Sources, prefix: &str) {
    let tb = exc_body(exc).map_or(Value::NONE, |b| b.traceback.get());
    if Gc::<TracebackBody>::from_value(tb).is_some() {
        out.push_str(&format!("{prefix}Traceback (most recent call last):\n"));
        format_tb(vm, tb, out, sources, prefix);
    }
    format_exception_only(vm, exc, out, prefix);
}

/// The `File …` entries of a traceback chain, with CPython's collapsing of repeated
/// identical entries ("[Previous line repeated N more times]").
fn format_tb(_vm: &mut Vm, tb: Value, out: &mut String, sources: &mut Sources, prefix: &str) {
    let mut entries: Vec<(String, u32, String, Option<compiler::ir::Loc>)> = Vec::new();
    let mut cur = tb;
    while let Some(t) = Gc::<TracebackBody>::from_value(cur) {
        if let Some(f) = Gc::<FrameBody>::from_value(t.frame) {
            let code = f.code;
            let loc = code.code.location(t.pc as usize);
            let line = loc.map_or(code.code.first_line, |l| l.line);
            let file = str_of(code.filename).unwrap_or("?").to_owned();
            let name = str_of(code.name).unwrap_or("?").to_owned();
            entries.push((file, line, name, loc));
        }
        cur = t.next.get();
    }
    let mut last: Option<(String, u32, String)> = None;
    let mut repeat = 0usize;
    let flush_repeat = |out: &mut String, repeat: usize| {
        if repeat > 3 {
            let n = repeat - 3;
            out.push_str(&format!("{prefix}  [Previous line repeated {n} more time{}]\n", if n == 1 { "" } else { "s" }));
        }
    };
    for (file, line, name, loc) in entries {
        let key = (file.clone(), line, name.clone());
        if last.as_ref() == Some(&key) {
            repeat += 1;
            if repeat >= 3 {
                continue;
            }
        } else {
            flush_repeat(out, repeat);
            repeat = 0;
            last = Some(key);
        }
        out.push_str(&format!("{prefix}  File \"{file}\", line {line}, in {name}\n"));
        if let Some(src) = sources.line(&file, line) {
            let stripped = src.trim_start();
            if stripped.is_empty() {
                continue;
            }
            let indent = src.len() - stripped.len();
            out.push_str(&format!("{prefix}    {}\n", stripped.trim_end()));
            if let Some(loc) = loc
                && let Some(markers) = markers(&src, indent, loc)
            {
                out.push_str(&format!("{prefix}    {markers}\n"));
            }
        }
    }
    flush_repeat(out, repeat);
}

/// The `~~~^^^` line under a source line, or `None` when CPython would print none
/// (the marked range covers the whole line, or spans lines).
fn markers(src: &str, indent: usize, loc: compiler::ir::Loc) -> Option<String> {
    if loc.end_line != loc.line || loc.col >= loc.end_col {
        return None;
    }
    let (start, end) = (loc.col as usize, (loc.end_col as usize).min(src.len()));
    if start < indent || end <= start || !src.is_char_boundary(start) || !src.is_char_boundary(end) {
        return None;
    }
    let trimmed_end = src.trim_end().len();
    if start == indent && end >= trimmed_end {
        return None;
    }
    let segment = &src[start..end];
    let width = |s: &str| s.chars().count();
    let lead = " ".repeat(width(&src[indent..start]));
    let marks = match anchors(segment) {
        Some((a, b)) if a < b && b <= segment.len() => {
            format!("{}{}{}", "~".repeat(width(&segment[..a])), "^".repeat(width(&segment[a..b])), "~".repeat(width(&segment[b..])))
        }
        _ => "^".repeat(width(segment)),
    };
    Some(format!("{lead}{marks}"))
}

/// The primary range inside an expression segment (CPython's
/// `_extract_caret_anchors_from_line_segment`): the operator of a binary operation, the
/// subscript of `a[b]`, the argument list of a call.
fn anchors(segment: &str) -> Option<(usize, usize)> {
    use ruff_python_ast::Expr;
    use ruff_text_size::Ranged;
    let wrapped = format!("(\n{segment}\n)");
    let parsed = compiler::parse::parse_expression(&wrapped, "<segment>").ok()?;
    let shift = 2usize;
    let expr = &*parsed.body;
    let off = |r: ruff_text_size::TextSize| (u32::from(r) as usize).checked_sub(shift);
    match expr {
        Expr::BinOp(b) => {
            let left_end = off(b.left.range().end())?;
            let right_start = off(b.right.range().start())?;
            let between = segment.get(left_end..right_start)?;
            // The operator is the first non-space, non-paren run between the operands.
            let rel = between.find(|c: char| !c.is_whitespace() && c != ')')?;
            let op_start = left_end + rel;
            let op_len = between[rel..].find(|c: char| c.is_whitespace() || c == '(').unwrap_or(between.len() - rel);
            Some((op_start, op_start + op_len.max(1)))
        }
        Expr::Subscript(s) => {
            let value_end = off(s.value.range().end())?;
            let open = value_end + segment.get(value_end..)?.find('[')?;
            let close = off(s.range().end())?;
            Some((open, close))
        }
        Expr::Call(c) => {
            let func_end = off(c.func.range().end())?;
            let open = func_end + segment.get(func_end..)?.find('(')?;
            let close = off(c.range().end())?;
            Some((open, close))
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

fn format_exception_only(vm: &mut Vm, exc: Value, out: &mut String, prefix: &str) {
    let tn = type_display(vm, exc);
    if ops::is_instance(vm, exc, vm.rt.exc.syntax_error)
        && let Some(text) = syntax_error_text(vm, exc, &tn)
    {
        for line in text.lines() {
            out.push_str(&format!("{prefix}{line}\n"));
        }
    } else {
        let msg = match ops::repr::str_string(vm, exc) {
            Ok(s) => s,
            Err(_) => "<exception str() failed>".to_owned(),
        };
        if msg.is_empty() {
            out.push_str(&format!("{prefix}{tn}\n"));
        } else {
            for (i, line) in format!("{tn}: {msg}").split('\n').enumerate() {
                let _ = i;
                out.push_str(&format!("{prefix}{line}\n"));
            }
        }
        if let Some(s) = suggestion(vm, exc) {
            // CPython appends the suggestion to the message line.
            if out.ends_with('\n') {
                out.pop();
            }
            out.push_str(&format!(". Did you mean: '{s}'?\n"));
        }
    }
    if let Some(d) = attr::instance_dict(vm, exc)
        && let Some(notes) = dictops::get_str(&d, "__notes__")
    {
        match ops::iter::collect(vm, notes) {
            Ok(items) => {
                for n in items {
                    let text = match str_of(n) {
                        Some(s) => s.to_owned(),
                        None => ops::repr::str_string(vm, n).unwrap_or_else(|_| "<note str() failed>".into()),
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
        candidates = ops::iter::collect(vm, names).ok()?.into_iter().filter_map(|n| str_of(n).map(str::to_owned)).collect();
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
    if candidates.len() > 750 || wrong.len() > 40 {
        return None;
    }
    let mut best: Option<(usize, &String)> = None;
    for c in candidates {
        if c == wrong {
            continue;
        }
        let max = (wrong.len() + c.len() + 3) * 2 / 6;
        let dist = levenshtein(wrong, c);
        if dist > max {
            continue;
        }
        if best.is_none_or(|(d, _)| dist < d) {
            best = Some((dist, c));
        }
    }
    best.map(|(_, c)| c.clone())
}

/// CPython's substitution-cost-2 edit distance (case changes cost 1).
fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).map(|j| j * 2).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i * 2; b.len() + 1];
        for j in 1..=b.len() {
            let sub = if a[i - 1] == b[j - 1] {
                0
            } else if a[i - 1].to_lowercase().eq(b[j - 1].to_lowercase()) {
                1
            } else {
                2
            };
            cur[j] = (prev[j] + 2).min(cur[j - 1] + 2).min(prev[j - 1] + sub);
        }
        prev = cur;
    }
    prev[b.len()]
}

fn syntax_error_text(vm: &mut Vm, exc: Value, tn: &str) -> Option<String> {
    let get = |vm: &mut Vm, n: &str| attr::getattr_opt(vm, exc, n).ok().flatten();
    let msg = get(vm, "msg").and_then(|m| str_of(m).map(str::to_owned)).unwrap_or_default();
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
    let d = SyntaxDiagnostic { kind, message: msg, filename, lineno, offset, end_lineno, end_offset, text };
    let rendered = d.render();
    Some(if matches!(tn, "SyntaxError" | "IndentationError" | "TabError") {
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
    })
}

const MAX_GROUP_WIDTH: usize = 15;
const MAX_GROUP_DEPTH: usize = 10;

fn format_group(vm: &mut Vm, exc: Value, out: &mut String, sources: &mut Sources, prefix: &str, depth: usize) {
    let tb = exc_body(exc).map_or(Value::NONE, |b| b.traceback.get());
    let head = if depth == 0 { "  + " } else { "+ " };
    let _ = head;
    let bar = format!("{prefix}  | ");
    if depth == 0 {
        out.push_str(&format!("{prefix}  + Exception Group Traceback (most recent call last):\n"));
    } else {
        out.push_str(&format!("{prefix}Exception Group Traceback (most recent call last):\n"));
    }
    let inner_prefix = if depth == 0 { bar.clone() } else { prefix.to_owned() };
    if Gc::<TracebackBody>::from_value(tb).is_some() {
        format_tb(vm, tb, out, sources, &inner_prefix);
    }
    format_exception_only(vm, exc, out, &inner_prefix);
    let excs = crate::builtins::exceptions::args_of(exc)
        .get(1)
        .and_then(|e| ops::tuple_items(*e))
        .map(<[Value]>::to_vec)
        .unwrap_or_default();
    let n = excs.len();
    let shown = n.min(MAX_GROUP_WIDTH);
    let base = if depth == 0 { format!("{prefix}  ") } else { prefix.to_owned() };
    for (i, e) in excs.iter().take(shown).enumerate() {
        let first = i == 0;
        let title = format!("{}", i + 1);
        let line = format!("+---------------- {title} ----------------");
        if first {
            out.push_str(&format!("{base}+-{line}\n"));
        } else {
            out.push_str(&format!("{base}  {line}\n"));
        }
        let child_prefix = format!("{base}    | ");
        if depth + 1 >= MAX_GROUP_DEPTH {
            out.push_str(&format!("{child_prefix}... (max_group_depth is {MAX_GROUP_DEPTH})\n"));
            continue;
        }
        let mut seen = vec![exc];
        let mut buf = String::new();
        if ops::is_instance(vm, *e, vm.rt.exc.base_exception_group) {
            format_group_nested(vm, *e, &mut buf, sources, &child_prefix, depth + 1, &mut seen);
        } else {
            format_chain(vm, *e, &mut buf, sources, &mut seen, &child_prefix);
        }
        out.push_str(&buf);
    }
    if n > shown {
        out.push_str(&format!("{base}  +---------------- ... ----------------\n"));
        out.push_str(&format!("{base}    | and {} more exception{}\n", n - shown, if n - shown == 1 { "" } else { "s" }));
    }
    out.push_str(&format!("{base}  +------------------------------------\n"));
}

fn format_group_nested(vm: &mut Vm, exc: Value, out: &mut String, sources: &mut Sources, prefix: &str, depth: usize, _seen: &mut Vec<Value>) {
    format_group(vm, exc, out, sources, prefix, depth);
}
