//! Guards that keep pathological input from exhausting the native stack.
//!
//! The parser grows its own stack (it uses `stacker`), but everything after it — scope
//! analysis, lowering, even dropping the AST — recurses over the tree. CPython refuses
//! trees nested deeper than its compiler's recursion budget with `RecursionError:
//! maximum recursion depth exceeded during compilation` (about 3,000 levels in 3.11,
//! measured with `compile('-' * n + '1', …)`); Taipan applies the same limit, measured
//! here before any other pass runs, and every recursive walker calls [`deep`] so a
//! legal but deep tree never overflows a small thread stack.

use crate::diagnostics::{SyntaxDiagnostic, SyntaxErrorKind};
use ruff_python_ast::token::{Token, TokenKind};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{Expr, Mod, Pattern, Stmt};
use ruff_python_parser::Mode;
use ruff_python_parser::Parsed;
use ruff_python_parser::lexer::lex;

/// Deepest AST nesting (statements, expressions and patterns combined) compiled.
pub const MAX_AST_DEPTH: usize = 2990;

/// Stack reserved per source byte of the longest logical line. The parser recurses once per
/// prefix operator (`-x`, `not x`, `lambda: …`), which can be a single byte, and its frames
/// take up to about 2 KiB (measured: a 2 MiB thread overflows near 1,000 nested lambdas).
const STACK_PER_LINE_BYTE: usize = 2 * 1024;
/// The smallest compile stack: enough for [`MAX_AST_DEPTH`] levels of our own walkers.
const MIN_COMPILE_STACK: usize = 64 << 20;
/// The largest compile stack reserved. Pages are committed only when touched, so this is
/// address space, not memory.
const MAX_COMPILE_STACK: usize = 8 << 30;

/// Runs a whole compilation on a stack big enough for any tree [`check_nesting`] admits.
///
/// The size grows with the longest logical line of `source` (see
/// [`STACK_PER_LINE_BYTE`]), so even a legal line of thousands of nested operators parses
/// without overflowing; lines too long for [`MAX_COMPILE_STACK`] are screened token by
/// token in [`check_nesting`] first.
pub fn with_compile_stack<R>(source: &str, f: impl FnOnce() -> R) -> R {
    with_stack_for_line(longest_logical_line(source), f)
}

/// [`with_compile_stack`] given the source's [`longest_logical_line`] (the pipeline
/// measures it once for this and [`check_nesting_for_line`]). When the calling thread
/// already has that much stack left, `f` runs right there; a compile worker with a large
/// stack thus avoids reserving (and faulting in) a fresh stack for every file.
pub fn with_stack_for_line<R>(longest_line: usize, f: impl FnOnce() -> R) -> R {
    let size = stack_for_line(longest_line);
    stacker::maybe_grow(size, size, f)
}

/// The stack [`with_stack_for_line`] makes sure of for a longest line of `longest_line`
/// bytes.
fn stack_for_line(longest_line: usize) -> usize {
    longest_line
        .saturating_mul(STACK_PER_LINE_BYTE)
        .saturating_add(16 << 20)
        .clamp(MIN_COMPILE_STACK, MAX_COMPILE_STACK)
}

/// Rejects, before parsing, a line whose prefix operators or `**` chains nest deeper than
/// [`MAX_AST_DEPTH`] when that line is too long for the stack [`with_compile_stack`] can
/// reserve. Shorter lines are left to the parser and [`too_deep`].
pub fn check_nesting(source: &str, filename: &str) -> Result<(), SyntaxDiagnostic> {
    check_nesting_for_line(longest_logical_line(source), source, filename)
}

/// [`check_nesting`] given the source's [`longest_logical_line`].
pub fn check_nesting_for_line(
    longest_line: usize,
    source: &str,
    filename: &str,
) -> Result<(), SyntaxDiagnostic> {
    if longest_line.saturating_mul(STACK_PER_LINE_BYTE) < MAX_COMPILE_STACK - (16 << 20) {
        return Ok(());
    }
    let mut lexer = lex(source, Mode::Module);
    let mut prefix_run = 0usize;
    let mut power_run = 0usize;
    let mut in_lambda_parameters = false;
    loop {
        match lexer.next_token() {
            TokenKind::EndOfFile => return Ok(()),
            TokenKind::Minus
            | TokenKind::Plus
            | TokenKind::Tilde
            | TokenKind::Not
            | TokenKind::Await
            | TokenKind::Star
            | TokenKind::Lpar
            | TokenKind::Lsqb
            | TokenKind::Lbrace => prefix_run += 1,
            TokenKind::Lambda => {
                prefix_run += 1;
                in_lambda_parameters = true;
            }
            TokenKind::Colon => in_lambda_parameters = false,
            TokenKind::DoubleStar => {
                power_run += 1;
                prefix_run += 1;
            }
            TokenKind::Newline | TokenKind::Comma | TokenKind::Semi => {
                prefix_run = 0;
                power_run = 0;
            }
            // An operand ends a run of prefix operators, except a lambda's parameter names.
            _ if !in_lambda_parameters => prefix_run = 0,
            _ => {}
        }
        if prefix_run > MAX_AST_DEPTH || power_run > MAX_AST_DEPTH {
            return Err(recursion_error(filename));
        }
    }
}

/// CPython's error for a tree nested beyond the compiler's budget.
pub fn recursion_error(filename: &str) -> SyntaxDiagnostic {
    SyntaxDiagnostic {
        kind: SyntaxErrorKind::RecursionError,
        message: "maximum recursion depth exceeded during compilation".to_owned(),
        filename: filename.to_owned(),
        lineno: 0,
        offset: 0,
        end_lineno: 0,
        end_offset: 0,
        text: None,
    }
}

/// The line length [`with_stack_for_line`] and [`check_nesting_for_line`] need for
/// `source`: its [`longest_logical_line`], or simply its length (a line cannot be longer)
/// when even that asks for no more than the smallest compile stack, or for no more than
/// the calling thread has left. Most files are that short, and a compile worker with a
/// large stack (a compile server, `compileall`) runs nearly every file in place: then the
/// answer is the same without reading the source. Only a thread that must reserve a fresh
/// stack scans, to keep that stack as small as the source allows.
pub fn compile_stack_line_bound(source: &str) -> usize {
    const SHORT: usize = (MIN_COMPILE_STACK - (16 << 20)) / STACK_PER_LINE_BYTE;
    let len = source.len();
    if len <= SHORT || stacker::remaining_stack().is_some_and(|left| left >= stack_for_line(len)) {
        len
    } else {
        longest_logical_line(source)
    }
}

/// The length in bytes of the longest logical line, over-estimated: brackets and
/// backslash continuations are followed without regard to strings and comments, which
/// can only make a line look longer.
pub fn longest_logical_line(source: &str) -> usize {
    let bytes = source.as_bytes();
    let mut depth = 0usize;
    let mut start = 0usize;
    let mut longest = 0usize;
    // Only brackets and newlines matter. Each eight-byte word yields the exact set of such
    // bytes in it, which is then walked bit by bit: in Python source about one byte in ten
    // is special, so a test per byte (or a filter that re-tests the word after every hit,
    // as this scan once did) costs several times more.
    let mut visit = |i: usize| match bytes[i] {
        b'(' | b'[' | b'{' => depth += 1,
        b')' | b']' | b'}' => depth = depth.saturating_sub(1),
        b'\n' if depth == 0 && (i == 0 || bytes[i - 1] != b'\\') => {
            longest = longest.max(i - start);
            start = i + 1;
        }
        _ => {}
    };
    let words = bytes.chunks_exact(8);
    let tail = words.remainder().len();
    for (k, chunk) in words.enumerate() {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let mut special = special_bytes(u64::from_le_bytes(word));
        while special != 0 {
            visit(k * 8 + special.trailing_zeros() as usize / 8);
            special &= special - 1;
        }
    }
    for i in bytes.len() - tail..bytes.len() {
        visit(i);
    }
    longest.max(bytes.len() - start)
}

/// The high bit of each byte of `word` that is a newline or a bracket, and no other bit.
fn special_bytes(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // The high bit of each zero byte of `x`, exactly: adding 0x7f to a byte's low seven
    // bits sets its high bit unless they are all zero, and never carries into the next
    // byte (the usual `x - 0x01..` trick marks false positives above a zero byte).
    let zero_bytes = |x: u64| !(((x & LOW7) + LOW7) | x) & HIGHS;
    let newline = zero_bytes(word ^ (ONES * u64::from(b'\n')));
    // `(` and `)` differ only in the lowest bit; `[`/`{` and `]`/`}` only in bit 5.
    let paren = zero_bytes((word & (ONES * 0xfe)) ^ (ONES * u64::from(b'(')));
    let folded = word | (ONES * 0x20);
    let open = zero_bytes(folded ^ (ONES * u64::from(b'{')));
    let close = zero_bytes(folded ^ (ONES * u64::from(b'}')));
    newline | paren | open | close
}

/// Runs `f` with at least 128 KiB of stack available, growing onto the heap if needed;
/// the depth meter wraps each level in it.
#[inline]
fn deep<R>(f: impl FnOnce() -> R) -> R {
    stacker::maybe_grow(128 * 1024, 4 * 1024 * 1024, f)
}

/// Passes a fresh parse through when its tree is within [`MAX_AST_DEPTH`], and otherwise
/// returns CPython's compile-time `RecursionError`. This runs before any other walk of
/// the tree (the semantic checks included).
///
/// A rejected tree is deliberately leaked: its recursive `Drop` could overflow the stack,
/// and leaking costs memory only for a rejected, pathological input.
pub fn reject_too_deep(
    parsed: Parsed<Mod>,
    filename: &str,
) -> Result<Parsed<Mod>, SyntaxDiagnostic> {
    reject_too_deep_bounded(parsed, None, filename)
}

/// [`reject_too_deep`] given the tokens' [`depth_bound`] when a scan of them has computed
/// it already (the parser's token checks do, for a parse without errors).
pub(crate) fn reject_too_deep_bounded(
    parsed: Parsed<Mod>,
    bound: Option<usize>,
    filename: &str,
) -> Result<Parsed<Mod>, SyntaxDiagnostic> {
    if parsed.errors().is_empty()
        && bound.unwrap_or_else(|| depth_bound(parsed.tokens())) <= MAX_AST_DEPTH
    {
        return Ok(parsed);
    }
    let mut meter = DepthMeter {
        depth: 0,
        exceeded: false,
    };
    match parsed.syntax() {
        Mod::Module(module) => meter.visit_body(&module.body),
        Mod::Expression(expression) => meter.visit_expr(&expression.body),
    }
    if meter.exceeded {
        std::mem::forget(parsed);
        return Err(recursion_error(filename));
    }
    Ok(parsed)
}

/// An upper bound on the depth of a tree parsed without errors from `tokens`, found in one
/// pass over the tokens: it spares almost every file the walk of its whole tree.
///
/// A path from the root first descends through statements: one per indentation level,
/// plus one for a simple statement after a colon on its header's line. The rest of the
/// path lies within one logical line (a decorator is a line of its own), and every node
/// there but the last owns at least one token of that line (an operator, keyword, bracket,
/// comma or colon): expressions and patterns never nest without one. So the depth is at
/// most the indentation depth plus the longest logical line's token count plus a few
/// levels; the bound doubles that for margin.
pub(crate) fn depth_bound(tokens: &[Token]) -> usize {
    let (mut indent, mut max_indent) = (0usize, 0usize);
    // A logical line's tokens are those since the last `Newline` token: `line` counts
    // them (the `Newline` included), which costs less per token than tracking indices.
    let (mut line, mut max_line) = (0usize, 0usize);
    for token in tokens {
        line += 1;
        match token.kind() {
            TokenKind::Newline => {
                max_line = max_line.max(line - 1);
                line = 0;
            }
            TokenKind::Indent => {
                indent += 1;
                max_indent = max_indent.max(indent);
            }
            TokenKind::Dedent => indent = indent.saturating_sub(1),
            _ => {}
        }
    }
    max_line = max_line.max(line);
    depth_bound_from(max_indent, max_line)
}

/// [`depth_bound`] from the deepest indentation and the most tokens in one logical line
/// (its `Newline` token not counted).
pub(crate) fn depth_bound_from(max_indent: usize, max_line_tokens: usize) -> usize {
    2 * (max_indent + max_line_tokens + 4)
}

struct DepthMeter {
    depth: usize,
    exceeded: bool,
}

impl DepthMeter {
    fn nested(&mut self, f: impl FnOnce(&mut Self)) {
        if self.exceeded {
            return;
        }
        self.depth += 1;
        if self.depth > MAX_AST_DEPTH {
            self.exceeded = true;
        } else {
            deep(|| f(self));
        }
        self.depth -= 1;
    }
}

impl<'a> Visitor<'a> for DepthMeter {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        self.nested(|meter| visitor::walk_stmt(meter, stmt));
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        self.nested(|meter| visitor::walk_expr(meter, expr));
    }

    fn visit_pattern(&mut self, pattern: &'a Pattern) {
        self.nested(|meter| visitor::walk_pattern(meter, pattern));
    }
}

#[cfg(test)]
mod tests {
    use super::{compile_stack_line_bound, longest_logical_line};

    /// A byte at a time, as the scan must behave.
    fn reference(source: &str) -> usize {
        let bytes = source.as_bytes();
        let (mut depth, mut start, mut longest) = (0usize, 0usize, 0usize);
        for (i, &byte) in bytes.iter().enumerate() {
            match byte {
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => depth = depth.saturating_sub(1),
                b'\n' if depth == 0 && (i == 0 || bytes[i - 1] != b'\\') => {
                    longest = longest.max(i - start);
                    start = i + 1;
                }
                _ => {}
            }
        }
        longest.max(bytes.len() - start)
    }

    #[test]
    fn word_scan_matches_the_byte_scan() {
        // Every special byte, their neighbours in value, and non-ASCII text, in a
        // pseudo-random mix so that each lands at every offset of a word.
        let alphabet = [
            "(",
            ")",
            "[",
            "]",
            "{",
            "}",
            "\n",
            "\\",
            "'",
            ")",
            "Y",
            "_",
            "y",
            "\u{7f}",
            "\u{e9}",
            "\u{20ac}",
            "x",
            " ",
            "\t",
            ";",
            "Z",
            "|",
            "\r",
            "\u{1f600}",
        ];
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for length in 0..400 {
            let mut text = String::new();
            for _ in 0..length {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(alphabet[(state % alphabet.len() as u64) as usize]);
            }
            assert_eq!(longest_logical_line(&text), reference(&text), "{text:?}");
        }
    }

    #[test]
    fn short_sources_are_bounded_by_their_length() {
        assert_eq!(compile_stack_line_bound("x = 1\ny = 2\n"), 12);
        let long = format!("{}\n", "x = 1\n".repeat(10_000));
        assert_eq!(compile_stack_line_bound(&long), 5);
    }

    #[test]
    fn logical_lines_follow_brackets_and_continuations() {
        assert_eq!(longest_logical_line(""), 0);
        assert_eq!(longest_logical_line("ab\ncdef\n"), 4);
        assert_eq!(longest_logical_line("x = (1,\n     2)\ny"), 15);
        assert_eq!(longest_logical_line("x = 1 + \\\n 2\nz"), 12);
        let long = format!("a = [{}]\nb = 1\n", "1, ".repeat(1000));
        assert_eq!(longest_logical_line(&long), long.find(']').unwrap() + 1);
        // Brackets and newlines at every offset within a word.
        for pad in 0..9 {
            let text = format!("{}(\n)\n{}", "x".repeat(pad), "y".repeat(20));
            assert_eq!(longest_logical_line(&text), (pad + 3).max(20), "{pad}");
        }
    }
}
