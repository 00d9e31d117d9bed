//! "Did you mean" suggestions: the closest name by CPython's edit distance
//! (`Python/suggestions.c`, `_Py_CalculateSuggestions`), `difflib.get_close_matches`, and
//! CPython 3.14's keyword typo search for syntax errors
//! (`traceback.TracebackException._find_keyword_typos`).
//!
//! The keyword search runs when an error is displayed, as in CPython: `compile()` still
//! raises `invalid syntax`, and the traceback printer asks [`keyword_typo`] whether
//! replacing one name near the error with a keyword makes the statement parse.

use crate::diagnostics::SyntaxDiagnostic;
use ruff_python_ast::token::TokenKind;
use ruff_python_ast::visitor::source_order::{self, SourceOrderVisitor, TraversalSignal};
use ruff_python_ast::{AnyNodeRef, Stmt};
use ruff_text_size::{Ranged, TextSize};

/// Python's keywords in `keyword.kwlist` order, which decides ties.
const KEYWORDS: [&str; 35] = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// Edit costs of `Python/suggestions.c`: a substitution, insertion or deletion costs 2, a
/// change of case only 1.
const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;

/// CPython's edit distance between two names (`levenshtein_distance` in
/// `Python/suggestions.c`, without its early exits, which do not change the result).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).map(|j| j * MOVE_COST).collect();
    for i in 1..=a.len() {
        let mut current = vec![i * MOVE_COST; b.len() + 1];
        for j in 1..=b.len() {
            let substitute = if a[i - 1] == b[j - 1] {
                0
            } else if a[i - 1].to_lowercase().eq(b[j - 1].to_lowercase()) {
                CASE_COST
            } else {
                MOVE_COST
            };
            current[j] = (previous[j] + MOVE_COST)
                .min(current[j - 1] + MOVE_COST)
                .min(previous[j - 1] + substitute);
        }
        previous = current;
    }
    previous[b.len()]
}

/// `_Py_CalculateSuggestions`: the candidate closest to `wrong`, if any is close enough
/// (no more than a third of the characters involved changed); ties go to the earlier one.
pub fn best_match<'c, S: AsRef<str>>(wrong: &str, candidates: &'c [S]) -> Option<&'c str> {
    if candidates.len() >= 750 || wrong.len() > 40 {
        return None;
    }
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let candidate = candidate.as_ref();
        if candidate == wrong {
            continue;
        }
        let max = (wrong.len() + candidate.len() + 3) * MOVE_COST / 6;
        let distance = edit_distance(wrong, candidate);
        if distance > max {
            continue;
        }
        if best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// `difflib.SequenceMatcher(None, a, b).ratio()`: twice the matched characters over the
/// total length, with matches found as Ratcliff/Obershelp's longest common blocks.
fn similarity(a: &[char], b: &[char]) -> f64 {
    fn matched(a: &[char], b: &[char]) -> usize {
        // The longest common block, earliest in `a`, then earliest in `b`.
        let mut best = (0, 0, 0);
        let mut lengths = vec![0usize; b.len() + 1];
        for (i, &x) in a.iter().enumerate() {
            let mut next = vec![0usize; b.len() + 1];
            for (j, &y) in b.iter().enumerate() {
                if x == y {
                    let k = lengths[j] + 1;
                    next[j + 1] = k;
                    if k > best.2 {
                        best = (i + 1 - k, j + 1 - k, k);
                    }
                }
            }
            lengths = next;
        }
        let (i, j, k) = best;
        if k == 0 {
            return 0;
        }
        k + matched(&a[..i], &b[..j]) + matched(&a[i + k..], &b[j + k..])
    }
    let total = a.len() + b.len();
    if total == 0 {
        return 1.0;
    }
    2.0 * matched(a, b) as f64 / total as f64
}

/// `difflib.get_close_matches(word, possibilities, n, cutoff)`: the best `n` candidates
/// with a similarity of at least `cutoff`, best first (ties: the larger string first).
pub fn close_matches<'c>(
    word: &str,
    possibilities: &[&'c str],
    n: usize,
    cutoff: f64,
) -> Vec<&'c str> {
    let word: Vec<char> = word.chars().collect();
    let mut scored: Vec<(f64, &str)> = possibilities
        .iter()
        .filter_map(|&p| {
            let score = similarity(&p.chars().collect::<Vec<_>>(), &word);
            (score >= cutoff).then_some((score, p))
        })
        .collect();
    scored.sort_by(|x, y| y.0.total_cmp(&x.0).then_with(|| y.1.cmp(x.1)));
    scored.into_iter().take(n).map(|(_, p)| p).collect()
}

/// CPython 3.14's keyword typo search for an `invalid syntax` error in `source`: each
/// name near the error (the error's line only when the source came from a file, as
/// CPython reads it back; otherwise every name of the statement) is replaced by the
/// closest keywords, and the first replacement that makes the statement parse (or leaves
/// it merely unfinished) becomes `invalid syntax. Did you mean 'KEYWORD'?` pointing at the
/// name.
pub fn keyword_typo(
    source: &str,
    error: &SyntaxDiagnostic,
    error_line_only: bool,
) -> Option<SyntaxDiagnostic> {
    if error.message != "invalid syntax" && !error.message.contains("Perhaps you forgot a comma") {
        return None;
    }
    let lines: Vec<&str> = source.split_inclusive('\n').collect();
    let end_line = error.lineno as usize;
    if end_line == 0 || end_line > lines.len() {
        return None;
    }
    let first_line = last_statement_line(source, &lines, end_line).max(1);
    // `textwrap.dedent`: the statement may sit in a block.
    let (snippet, indent) = dedent(&lines[first_line - 1..end_line]);
    if snippet.len() > 1024 {
        return None;
    }
    let parsed = ruff_python_parser::parse_unchecked(
        &snippet,
        ruff_python_parser::ParseOptions::from(ruff_python_parser::Mode::Module)
            .with_target_version(crate::parse::TARGET_VERSION),
    );
    let snippet_index = crate::source::LineIndex::new(&snippet);
    let mut names_left = 10;
    for token in parsed.tokens() {
        if token.kind() != TokenKind::Name {
            continue;
        }
        let line = snippet_index.line_number(token.start()) as usize + first_line - 1;
        if error_line_only && line != end_line {
            continue;
        }
        let wrong = &snippet[token.range()];
        names_left -= 1;
        if names_left < 0 {
            break;
        }
        let mut candidates: Vec<&str> = Vec::new();
        if let Some(best) = best_match(wrong, &KEYWORDS) {
            candidates.push(best);
        }
        candidates.extend(close_matches(wrong, &KEYWORDS, 3, 0.5));
        candidates.truncate(3);
        for keyword in candidates {
            if keyword == wrong {
                continue;
            }
            let fixed = format!(
                "{}{keyword}{}",
                &snippet[..usize::from(token.start())],
                &snippet[usize::from(token.end())..]
            );
            if !parses_or_unfinished(&fixed) {
                continue;
            }
            let line_text = lines[line - 1].trim_end_matches(['\n', '\r']);
            let line_start = snippet_index.line_start((line - first_line + 1) as u32);
            let column = |at: TextSize| {
                (indent
                    + snippet[usize::from(line_start)..usize::from(at)]
                        .chars()
                        .count()) as u32
                    + 1
            };
            return Some(SyntaxDiagnostic {
                kind: error.kind,
                message: format!("invalid syntax. Did you mean '{keyword}'?"),
                filename: error.filename.clone(),
                lineno: line as u32,
                offset: column(token.start()),
                end_lineno: line as u32,
                end_offset: column(token.end()),
                text: Some(line_text.to_string()),
            });
        }
    }
    None
}

/// The first line of the last statement CPython's parser completed before the error on
/// `end_line` (`last_stmt_location`, which it registers after each statement, a compound
/// statement after its body): the statement ending last before the error's line, the
/// outermost on a tie. 0 when none did.
fn last_statement_line(source: &str, lines: &[&str], end_line: usize) -> usize {
    let error_start =
        TextSize::new(lines[..end_line - 1].iter().map(|l| l.len()).sum::<usize>() as u32);
    let parsed = ruff_python_parser::parse_unchecked(
        source,
        ruff_python_parser::ParseOptions::from(ruff_python_parser::Mode::Module)
            .with_target_version(crate::parse::TARGET_VERSION),
    );
    struct Finder {
        before: TextSize,
        best: Option<(TextSize, TextSize)>,
    }
    impl<'a> SourceOrderVisitor<'a> for Finder {
        fn enter_node(&mut self, node: AnyNodeRef<'a>) -> TraversalSignal {
            if node.start() >= self.before {
                return TraversalSignal::Skip;
            }
            TraversalSignal::Traverse
        }
        fn visit_stmt(&mut self, stmt: &'a Stmt) {
            let range = stmt.range();
            if range.end() <= self.before
                && self.best.is_none_or(|(start, end)| {
                    range.end() > end || (range.end() == end && range.start() < start)
                })
            {
                self.best = Some((range.start(), range.end()));
            }
            source_order::walk_stmt(self, stmt);
        }
    }
    let mut finder = Finder {
        before: error_start,
        best: None,
    };
    if let Some(module) = parsed.syntax().as_module() {
        for stmt in &module.body {
            finder.visit_stmt(stmt);
        }
    }
    match finder.best {
        Some((start, _)) => crate::source::LineIndex::new(source).line_number(start) as usize,
        None => 0,
    }
}

/// How `codeop.compile_command(code, "exec")` judges `code`: it compiles, or its parse
/// only failed on reaching the end of the input (an open bracket or string, or a block
/// still to come), which `compile_command` reports as incomplete rather than invalid.
fn parses_or_unfinished(code: &str) -> bool {
    let error = match crate::pipeline::compile_bytes(code.as_bytes(), "<input>") {
        Ok(_) => return true,
        Err(error) => error,
    };
    if error.message.starts_with("unterminated triple-quoted") {
        return true;
    }
    let parsed = ruff_python_parser::parse_unchecked(
        code,
        ruff_python_parser::ParseOptions::from(ruff_python_parser::Mode::Module)
            .with_target_version(crate::parse::TARGET_VERSION),
    );
    let end = TextSize::new(code.trim_end().len() as u32);
    parsed
        .errors()
        .iter()
        .map(|e| e.location.start())
        .min()
        .is_some_and(|first| first >= end)
}

/// `textwrap.dedent` of the lines (each with its line break): the common leading
/// whitespace removed from every line that has text, blank lines emptied. Also returns how
/// many characters were removed from the lines with text.
fn dedent(lines: &[&str]) -> (String, usize) {
    let margin = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| &l[..l.len() - l.trim_start_matches([' ', '\t']).len()])
        .reduce(|a, b| {
            let common = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
            &a[..common]
        })
        .unwrap_or("");
    let text = lines
        .iter()
        .map(|l| {
            if l.trim().is_empty() {
                if l.ends_with('\n') { "\n" } else { "" }
            } else {
                &l[margin.len()..]
            }
        })
        .collect();
    (text, margin.chars().count())
}

#[cfg(test)]
mod tests {
    use super::{KEYWORDS, best_match, close_matches, edit_distance};

    /// `difflib.get_close_matches(word, keyword.kwlist, n=3, cutoff=0.5)` from CPython.
    const DIFFLIB: &[(&str, &[&str])] = &[
        ("of", &["or", "if"]),
        ("mat", &["await"]),
        ("elso", &["else", "del", "elif"]),
        ("impor", &["import", "or", "for"]),
        ("awaid", &["await", "and"]),
        ("ad", &["and", "lambda", "as"]),
        ("frum", &["from", "for", "True"]),
        ("range", &["raise", "and"]),
        ("x", &[]),
        ("elseif", &["else", "elif", "False"]),
        ("raisee", &["raise", "False", "is"]),
    ];

    #[test]
    fn close_matches_agree_with_difflib() {
        for (word, expected) in DIFFLIB {
            assert_eq!(close_matches(word, &KEYWORDS, 3, 0.5), *expected, "{word}");
        }
    }

    #[test]
    fn edit_distance_follows_cpython_costs() {
        assert_eq!(edit_distance("whille", "while"), 2);
        assert_eq!(edit_distance("Foo", "foo"), 1);
        assert_eq!(edit_distance("of", "if"), 2);
        assert_eq!(best_match("of", &KEYWORDS), Some("if"));
        assert_eq!(best_match("mat", &KEYWORDS), None);
    }
}
