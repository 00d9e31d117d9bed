//! The backtracking matcher: runs a [`Program`] over a subject with an explicit stack of
//! alternatives to retry and slot values to restore.

use super::compile::{Inst, Program, fold};
use super::parse::{ClassItem, ClassSet};
use super::{Regex, Spans};
use crate::text::unicode;

/// How a match must be placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// At the start position (`Pattern.match`).
    Match,
    /// At the start position, through the end (`Pattern.fullmatch`).
    FullMatch,
    /// At the first position where one exists (`Pattern.search`).
    Search,
}

const UNSET: usize = usize::MAX;

enum Frame {
    Retry { pc: usize, pos: usize },
    Restore { slot: usize, old: usize },
}

struct Machine<'a> {
    prog: &'a Program,
    text: &'a [char],
    slots: Vec<usize>,
    fullmatch: bool,
    /// A match of the main program may not be empty at this position (see [`scan`]).
    no_empty_at: usize,
}

fn is_word(c: char, ascii: bool) -> bool {
    if ascii {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        c == '_' || unicode::is_alnum(c)
    }
}

fn item_hit(item: &ClassItem, c: char, ascii: bool) -> bool {
    match *item {
        ClassItem::Range(lo, hi) => lo <= c && c <= hi,
        ClassItem::Digit(neg) => {
            (if ascii {
                c.is_ascii_digit()
            } else {
                unicode::is_decimal(c)
            }) != neg
        }
        ClassItem::Word(neg) => is_word(c, ascii) != neg,
        ClassItem::Space(neg) => {
            (if ascii {
                matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c')
            } else {
                unicode::is_space(c)
            }) != neg
        }
    }
}

fn class_matches(set: &ClassSet, c: char) -> bool {
    let hit = |c: char| set.items.iter().any(|item| item_hit(item, c, set.ascii));
    let mut found = hit(c);
    if !found && set.icase {
        let lower = fold(c);
        let upper = c.to_uppercase().next().unwrap_or(c);
        found = (lower != c && hit(lower)) || (upper != c && hit(upper));
    }
    found != set.negated
}

impl Machine<'_> {
    fn at_word(&self, pos: usize, ascii: bool) -> bool {
        self.text.get(pos).is_some_and(|&c| is_word(c, ascii))
    }

    /// Runs `insts` from `start`; the end position of the first match found, with the
    /// slots as that match left them, or `None` with the slots unchanged.
    fn run(&mut self, insts: &[Inst], start: usize, top: bool) -> Option<usize> {
        let text = self.text;
        let mut stack: Vec<Frame> = Vec::new();
        let mut pc = 0;
        let mut pos = start;
        loop {
            let ok = match &insts[pc] {
                Inst::Char(c) => {
                    if text.get(pos) == Some(c) {
                        pos += 1;
                        pc += 1;
                        true
                    } else {
                        false
                    }
                }
                Inst::CharFold(c) => {
                    if text.get(pos).is_some_and(|&t| fold(t) == *c) {
                        pos += 1;
                        pc += 1;
                        true
                    } else {
                        false
                    }
                }
                Inst::Any => {
                    if pos < text.len() {
                        pos += 1;
                        pc += 1;
                        true
                    } else {
                        false
                    }
                }
                Inst::AnyButNewline => {
                    if text.get(pos).is_some_and(|&c| c != '\n') {
                        pos += 1;
                        pc += 1;
                        true
                    } else {
                        false
                    }
                }
                Inst::Class(set) => {
                    if text.get(pos).is_some_and(|&c| class_matches(set, c)) {
                        pos += 1;
                        pc += 1;
                        true
                    } else {
                        false
                    }
                }
                Inst::LineStart | Inst::TextStart => {
                    pc += 1;
                    pos == 0
                }
                Inst::LineStartMulti => {
                    pc += 1;
                    pos == 0 || text[pos - 1] == '\n'
                }
                Inst::LineEnd => {
                    pc += 1;
                    pos == text.len() || (pos + 1 == text.len() && text[pos] == '\n')
                }
                Inst::LineEndMulti => {
                    pc += 1;
                    pos == text.len() || text[pos] == '\n'
                }
                Inst::TextEnd => {
                    pc += 1;
                    pos == text.len()
                }
                Inst::WordBoundary { negated, ascii } => {
                    pc += 1;
                    let before = pos > 0 && self.at_word(pos - 1, *ascii);
                    let after = self.at_word(pos, *ascii);
                    // CPython: no boundary in an empty subject (so `\B` matches there).
                    let boundary = !text.is_empty() && before != after;
                    boundary != *negated
                }
                Inst::Split(a, b) => {
                    stack.push(Frame::Retry { pc: *b, pos });
                    pc = *a;
                    true
                }
                Inst::Jmp(t) => {
                    pc = *t;
                    true
                }
                Inst::Save(slot) => {
                    stack.push(Frame::Restore {
                        slot: *slot,
                        old: self.slots[*slot],
                    });
                    self.slots[*slot] = pos;
                    if *slot > 1 && slot % 2 == 1 {
                        // A group closed: it is now `lastindex`.
                        let last = self.prog.last_group_slot;
                        stack.push(Frame::Restore {
                            slot: last,
                            old: self.slots[last],
                        });
                        self.slots[last] = slot / 2;
                    }
                    pc += 1;
                    true
                }
                Inst::ProgressSet(slot) => {
                    stack.push(Frame::Restore {
                        slot: *slot,
                        old: self.slots[*slot],
                    });
                    self.slots[*slot] = pos;
                    pc += 1;
                    true
                }
                Inst::ProgressCheck(slot) => {
                    pc += 1;
                    self.slots[*slot] != pos
                }
                Inst::Backref { group, icase } => {
                    let (s, e) = (self.slots[2 * group], self.slots[2 * group + 1]);
                    if s == UNSET || e == UNSET || s > e {
                        false
                    } else {
                        let n = e - s;
                        let same = pos + n <= text.len()
                            && (0..n).all(|k| {
                                let (a, b) = (text[s + k], text[pos + k]);
                                a == b || (*icase && fold(a) == fold(b))
                            });
                        if same {
                            pos += n;
                            pc += 1;
                        }
                        same
                    }
                }
                Inst::Look {
                    sub,
                    ahead,
                    negated,
                    width,
                } => {
                    pc += 1;
                    let at = if *ahead {
                        Some(pos)
                    } else {
                        pos.checked_sub(*width)
                    };
                    let before = self.slots.clone();
                    let found = match at {
                        Some(at) => self.run(&self.prog.subs[*sub], at, false).is_some(),
                        None => false,
                    };
                    if found && !*negated {
                        self.keep_changes(&before, &mut stack);
                        true
                    } else {
                        if found {
                            self.slots = before;
                        }
                        found != *negated
                    }
                }
                Inst::Atomic(sub) => {
                    let before = self.slots.clone();
                    match self.run(&self.prog.subs[*sub], pos, false) {
                        Some(end) => {
                            self.keep_changes(&before, &mut stack);
                            pos = end;
                            pc += 1;
                            true
                        }
                        None => false,
                    }
                }
                Inst::IfGroup(group, no) => {
                    let set = self.slots[2 * group] != UNSET && self.slots[2 * group + 1] != UNSET;
                    pc = if set { pc + 1 } else { *no };
                    true
                }
                Inst::Match => {
                    let rejected = top
                        && ((self.fullmatch && pos != text.len())
                            || (pos == start && start == self.no_empty_at));
                    if !rejected {
                        return Some(pos);
                    }
                    false
                }
            };
            if !ok {
                loop {
                    match stack.pop() {
                        None => return None,
                        Some(Frame::Retry { pc: p, pos: q }) => {
                            pc = p;
                            pos = q;
                            break;
                        }
                        Some(Frame::Restore { slot, old }) => self.slots[slot] = old,
                    }
                }
            }
        }
    }

    /// After a sub-program succeeded: makes the slot values it set undoable by the
    /// enclosing program's backtracking.
    fn keep_changes(&self, before: &[usize], stack: &mut Vec<Frame>) {
        for (slot, (&old, &new)) in before.iter().zip(&self.slots).enumerate() {
            if old != new {
                stack.push(Frame::Restore { slot, old });
            }
        }
    }

    fn spans(&self, groups: usize) -> Spans {
        let mut spans: Spans = self.slots[..2 * (groups + 1)]
            .iter()
            .map(|&s| (s != UNSET).then_some(s))
            .collect();
        let last = self.slots[self.prog.last_group_slot];
        spans.push((last != UNSET).then_some(last));
        spans
    }
}

/// Matches `re` against `text` (already cut at `endpos`) from `pos`.
pub fn exec(re: &Regex, text: &[char], pos: usize, mode: Mode) -> Option<Spans> {
    search_from(re, text, pos, mode, UNSET)
}

fn search_from(
    re: &Regex,
    text: &[char],
    pos: usize,
    mode: Mode,
    no_empty_at: usize,
) -> Option<Spans> {
    if pos > text.len() {
        return None;
    }
    let prog = &re.prog;
    let mut m = Machine {
        prog,
        text,
        slots: vec![UNSET; prog.nslots],
        fullmatch: mode == Mode::FullMatch,
        no_empty_at,
    };
    if mode != Mode::Search || prog.anchored {
        return m.run(&prog.insts, pos, true).map(|_| m.spans(re.groups));
    }
    let mut start = pos;
    loop {
        if let Some(c) = prog.first_char {
            match text[start..].iter().position(|&t| t == c) {
                Some(k) => start += k,
                None => return None,
            }
        }
        if m.run(&prog.insts, start, true).is_some() {
            return Some(m.spans(re.groups));
        }
        if start >= text.len() {
            return None;
        }
        start += 1;
    }
}

/// Successive non-overlapping matches from `pos` (for `findall`, `finditer`, `sub` and
/// `split`), at most `limit` of them when `limit > 0`. As in CPython 3.7+, an empty match
/// may follow a non-empty one directly, but not another empty match at the same place.
pub fn scan(re: &Regex, text: &[char], pos: usize, limit: usize) -> Vec<Spans> {
    let mut out = Vec::new();
    let mut at = pos;
    let mut no_empty_at = UNSET;
    while at <= text.len() && (limit == 0 || out.len() < limit) {
        let Some(spans) = search_from(re, text, at, Mode::Search, no_empty_at) else {
            break;
        };
        let (s, e) = (spans[0].unwrap_or(at), spans[1].unwrap_or(at));
        out.push(spans);
        at = e;
        no_empty_at = if s == e { e } else { UNSET };
        if s == e && e == text.len() {
            break;
        }
    }
    out
}
