//! Parsed patterns to backtracking-machine programs.
//!
//! Alternation and repetition become `Split` instructions (the first target is tried
//! first); a repetition whose body can match the empty string records the position at
//! each iteration (`ProgressSet`) and refuses an iteration that consumed nothing
//! (`ProgressCheck`), so `(a*)*` terminates. Lookarounds and atomic groups run a separate
//! sub-program to completion; counted repetitions are unrolled.

use super::RegexError;
use super::parse::{ClassSet, Node};

/// One instruction.
#[derive(Debug, Clone)]
pub enum Inst {
    Char(char),
    /// A character compared case-insensitively (the operand is already folded).
    CharFold(char),
    Any,
    AnyButNewline,
    Class(Box<ClassSet>),
    LineStart,
    LineStartMulti,
    LineEnd,
    LineEndMulti,
    TextStart,
    TextEnd,
    WordBoundary {
        negated: bool,
        ascii: bool,
    },
    Split(usize, usize),
    Jmp(usize),
    Save(usize),
    Backref {
        group: usize,
        icase: bool,
    },
    Look {
        sub: usize,
        ahead: bool,
        negated: bool,
        width: usize,
    },
    Atomic(usize),
    ProgressSet(usize),
    ProgressCheck(usize),
    /// Continue when `group` matched, else jump to the second operand.
    IfGroup(usize, usize),
    Match,
}

/// A compiled program with its sub-programs (lookarounds, atomic groups).
#[derive(Debug)]
pub struct Program {
    pub insts: Vec<Inst>,
    pub subs: Vec<Vec<Inst>>,
    /// Capture slots (two per group, group 0 included), progress slots, and the slot of
    /// the group that closed last.
    pub nslots: usize,
    pub last_group_slot: usize,
    /// The pattern can only match at the start of the subject (`\A...`).
    pub anchored: bool,
    /// A character every match starts with, when there is one (a search prefilter).
    pub first_char: Option<char>,
}

/// The most instructions a pattern may compile to.
const MAX_INSTS: usize = 2_000_000;

struct Compiler {
    subs: Vec<Vec<Inst>>,
    nslots: usize,
    total: usize,
}

/// Compiles the tree of a pattern with `groups` capturing groups.
pub fn compile(node: &Node, groups: usize) -> Result<Program, RegexError> {
    let mut c = Compiler {
        subs: Vec::new(),
        nslots: 2 * (groups + 1),
        total: 0,
    };
    let mut insts = vec![Inst::Save(0)];
    c.emit(node, &mut insts)?;
    insts.push(Inst::Save(1));
    insts.push(Inst::Match);
    let anchored = starts_anchored(node);
    let first_char = first_char(node);
    let last_group_slot = c.nslots;
    Ok(Program {
        insts,
        subs: c.subs,
        nslots: c.nslots + 1,
        last_group_slot,
        anchored,
        first_char,
    })
}

fn starts_anchored(node: &Node) -> bool {
    match node {
        Node::TextStart => true,
        Node::Concat(items) => items.first().is_some_and(starts_anchored),
        Node::Group { node, .. } | Node::Atomic(node) => starts_anchored(node),
        _ => false,
    }
}

fn first_char(node: &Node) -> Option<char> {
    match node {
        Node::Char { c, icase: false } => Some(*c),
        Node::Concat(items) => items.first().and_then(first_char),
        Node::Group { node, .. } | Node::Atomic(node) => first_char(node),
        Node::Repeat { node, min, .. } if *min > 0 => first_char(node),
        _ => None,
    }
}

/// The number of characters every match of `node` has, if fixed.
pub fn fixed_width(node: &Node) -> Option<usize> {
    Some(match node {
        Node::Empty
        | Node::LineStart { .. }
        | Node::LineEnd { .. }
        | Node::TextStart
        | Node::TextEnd
        | Node::WordBoundary { .. }
        | Node::Look { .. } => 0,
        Node::Char { .. } | Node::Any { .. } | Node::Class(_) => 1,
        Node::Group { node, .. } | Node::Atomic(node) => fixed_width(node)?,
        Node::Concat(items) => items.iter().map(fixed_width).sum::<Option<usize>>()?,
        Node::Alt(branches) => {
            let w = fixed_width(branches.first()?)?;
            if branches.iter().all(|b| fixed_width(b) == Some(w)) {
                w
            } else {
                return None;
            }
        }
        Node::Repeat { node, min, max, .. } if Some(*min) == *max => {
            fixed_width(node)? * *min as usize
        }
        Node::Cond { yes, no, .. } => {
            let w = fixed_width(yes)?;
            if fixed_width(no) == Some(w) {
                w
            } else {
                return None;
            }
        }
        Node::Repeat { .. } | Node::Backref { .. } => return None,
    })
}

/// Whether `node` can match the empty string.
fn nullable(node: &Node) -> bool {
    match node {
        Node::Char { .. } | Node::Any { .. } | Node::Class(_) => false,
        Node::Group { node, .. } | Node::Atomic(node) => nullable(node),
        Node::Concat(items) => items.iter().all(nullable),
        Node::Alt(branches) => branches.iter().any(nullable),
        Node::Repeat { node, min, .. } => *min == 0 || nullable(node),
        _ => true,
    }
}

impl Compiler {
    fn push(&mut self, out: &mut Vec<Inst>, inst: Inst) -> Result<usize, RegexError> {
        self.total += 1;
        if self.total > MAX_INSTS {
            return Err(RegexError {
                msg: "pattern too large".into(),
                pos: 0,
            });
        }
        out.push(inst);
        Ok(out.len() - 1)
    }

    fn sub(&mut self, node: &Node) -> Result<usize, RegexError> {
        let mut insts = Vec::new();
        self.emit(node, &mut insts)?;
        self.push(&mut insts, Inst::Match)?;
        self.subs.push(insts);
        Ok(self.subs.len() - 1)
    }

    fn emit(&mut self, node: &Node, out: &mut Vec<Inst>) -> Result<(), RegexError> {
        match node {
            Node::Empty => {}
            Node::Char { c, icase } => {
                let inst = if *icase {
                    Inst::CharFold(fold(*c))
                } else {
                    Inst::Char(*c)
                };
                self.push(out, inst)?;
            }
            Node::Any { dotall } => {
                self.push(
                    out,
                    if *dotall {
                        Inst::Any
                    } else {
                        Inst::AnyButNewline
                    },
                )?;
            }
            Node::Class(set) => {
                self.push(out, Inst::Class(Box::new(set.clone())))?;
            }
            Node::LineStart { multiline } => {
                self.push(
                    out,
                    if *multiline {
                        Inst::LineStartMulti
                    } else {
                        Inst::LineStart
                    },
                )?;
            }
            Node::LineEnd { multiline } => {
                self.push(
                    out,
                    if *multiline {
                        Inst::LineEndMulti
                    } else {
                        Inst::LineEnd
                    },
                )?;
            }
            Node::TextStart => {
                self.push(out, Inst::TextStart)?;
            }
            Node::TextEnd => {
                self.push(out, Inst::TextEnd)?;
            }
            Node::WordBoundary { negated, ascii } => {
                self.push(
                    out,
                    Inst::WordBoundary {
                        negated: *negated,
                        ascii: *ascii,
                    },
                )?;
            }
            Node::Group { index, node } => match index {
                Some(g) => {
                    self.push(out, Inst::Save(2 * g))?;
                    self.emit(node, out)?;
                    self.push(out, Inst::Save(2 * g + 1))?;
                }
                None => self.emit(node, out)?,
            },
            Node::Concat(items) => {
                for item in items {
                    self.emit(item, out)?;
                }
            }
            Node::Alt(branches) => {
                let mut jumps = Vec::new();
                for (i, branch) in branches.iter().enumerate() {
                    if i + 1 < branches.len() {
                        let split = self.push(out, Inst::Split(0, 0))?;
                        self.emit(branch, out)?;
                        jumps.push(self.push(out, Inst::Jmp(0))?);
                        let next = out.len();
                        out[split] = Inst::Split(split + 1, next);
                    } else {
                        self.emit(branch, out)?;
                    }
                }
                let end = out.len();
                for j in jumps {
                    out[j] = Inst::Jmp(end);
                }
            }
            Node::Repeat {
                node,
                min,
                max,
                greedy,
                possessive,
            } => {
                if *possessive {
                    let inner = Node::Repeat {
                        node: node.clone(),
                        min: *min,
                        max: *max,
                        greedy: true,
                        possessive: false,
                    };
                    let sub = self.sub(&inner)?;
                    self.push(out, Inst::Atomic(sub))?;
                    return Ok(());
                }
                for _ in 0..*min {
                    self.emit(node, out)?;
                }
                match max {
                    None => self.star(node, *greedy, out)?,
                    Some(max) => {
                        // (x(x(x)?)?)? for the optional repetitions.
                        let optional = max - min;
                        let mut splits = Vec::new();
                        for _ in 0..optional {
                            splits.push(self.push(out, Inst::Split(0, 0))?);
                            self.emit(node, out)?;
                        }
                        let end = out.len();
                        for s in splits {
                            out[s] = if *greedy {
                                Inst::Split(s + 1, end)
                            } else {
                                Inst::Split(end, s + 1)
                            };
                        }
                    }
                }
            }
            Node::Backref { group, icase } => {
                self.push(
                    out,
                    Inst::Backref {
                        group: *group,
                        icase: *icase,
                    },
                )?;
            }
            Node::Look {
                node,
                ahead,
                negated,
            } => {
                let width = if *ahead {
                    0
                } else {
                    fixed_width(node).unwrap_or(0)
                };
                let sub = self.sub(node)?;
                self.push(
                    out,
                    Inst::Look {
                        sub,
                        ahead: *ahead,
                        negated: *negated,
                        width,
                    },
                )?;
            }
            Node::Atomic(node) => {
                let sub = self.sub(node)?;
                self.push(out, Inst::Atomic(sub))?;
            }
            Node::Cond { group, yes, no } => {
                let test = self.push(out, Inst::IfGroup(*group, 0))?;
                self.emit(yes, out)?;
                let jmp = self.push(out, Inst::Jmp(0))?;
                let no_start = out.len();
                self.emit(no, out)?;
                let end = out.len();
                out[test] = Inst::IfGroup(*group, no_start);
                out[jmp] = Inst::Jmp(end);
            }
        }
        Ok(())
    }

    /// `x*` (greedy or lazy).
    fn star(&mut self, node: &Node, greedy: bool, out: &mut Vec<Inst>) -> Result<(), RegexError> {
        let guard = nullable(node).then(|| {
            self.nslots += 1;
            self.nslots - 1
        });
        let split = self.push(out, Inst::Split(0, 0))?;
        if let Some(slot) = guard {
            self.push(out, Inst::ProgressSet(slot))?;
        }
        self.emit(node, out)?;
        if let Some(slot) = guard {
            self.push(out, Inst::ProgressCheck(slot))?;
        }
        self.push(out, Inst::Jmp(split))?;
        let end = out.len();
        out[split] = if greedy {
            Inst::Split(split + 1, end)
        } else {
            Inst::Split(end, split + 1)
        };
        Ok(())
    }
}

/// The simple case folding used for IGNORECASE comparisons.
pub fn fold(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}
