//! The pattern parser: Python's `re` syntax to a [`Node`] tree, with CPython's error
//! messages and positions.

use super::RegexError;
use super::flags::{ASCII, DOTALL, IGNORECASE, LOCALE, MULTILINE, UNICODE, VERBOSE};

/// A character class item.
#[derive(Debug, Clone, PartialEq)]
pub enum ClassItem {
    Range(char, char),
    Digit(bool),
    Word(bool),
    Space(bool),
}

/// A character set `[...]` (or a category escape outside one).
#[derive(Debug, Clone, PartialEq)]
pub struct ClassSet {
    pub items: Vec<ClassItem>,
    pub negated: bool,
    pub icase: bool,
    pub ascii: bool,
}

/// A parsed pattern.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Empty,
    Char {
        c: char,
        icase: bool,
    },
    Any {
        dotall: bool,
    },
    Class(ClassSet),
    /// `^`: start of the subject, or of a line with MULTILINE.
    LineStart {
        multiline: bool,
    },
    /// `$`: end of the subject (or before a final newline), or of a line with MULTILINE.
    LineEnd {
        multiline: bool,
    },
    /// `\A`.
    TextStart,
    /// `\Z`.
    TextEnd,
    WordBoundary {
        negated: bool,
        ascii: bool,
    },
    Group {
        index: Option<usize>,
        node: Box<Node>,
    },
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat {
        node: Box<Node>,
        min: u32,
        max: Option<u32>,
        greedy: bool,
        possessive: bool,
    },
    Backref {
        group: usize,
        icase: bool,
    },
    Look {
        node: Box<Node>,
        ahead: bool,
        negated: bool,
    },
    Atomic(Box<Node>),
    Cond {
        group: usize,
        yes: Box<Node>,
        no: Box<Node>,
    },
}

/// The result of parsing.
pub struct Parsed {
    pub node: Node,
    pub groups: usize,
    pub names: Vec<(String, usize)>,
    pub flags: u32,
}

/// The most repetitions `{m,n}` allows (CPython's MAXREPEAT - 1). Counted repeats are
/// unrolled, so huge counts fail later with "pattern too large".
const MAX_REPEAT: u32 = u32::MAX - 1;

/// The deepest nesting of groups accepted (CPython's parser hits its recursion limit
/// somewhat deeper; this keeps the native stack safe).
const MAX_NESTING: usize = 500;

struct Parser<'a> {
    p: &'a [char],
    i: usize,
    flags: u32,
    is_bytes: bool,
    groups: usize,
    names: Vec<(String, usize)>,
    /// Groups whose closing parenthesis has been seen (back references need them).
    closed: Vec<bool>,
    /// Parenthesis nesting depth (bounded: the parser, compiler and matcher recurse on it).
    depth: usize,
}

fn err<T>(msg: impl Into<String>, pos: usize) -> Result<T, RegexError> {
    Err(RegexError {
        msg: msg.into(),
        pos,
    })
}

/// Parses `pattern` with the initial `flags`.
pub fn parse(pattern: &[char], flags: u32, is_bytes: bool) -> Result<Parsed, RegexError> {
    if is_bytes && flags & UNICODE != 0 {
        return err("cannot use UNICODE flag with a bytes pattern", 0);
    }
    if !is_bytes && flags & LOCALE != 0 {
        return err("cannot use LOCALE flag with a str pattern", 0);
    }
    if flags & ASCII != 0 && flags & (UNICODE | LOCALE) != 0 {
        return err("ASCII and UNICODE flags are incompatible", 0);
    }
    let mut flags = flags;
    if is_bytes {
        flags |= ASCII;
    }
    let mut parser = Parser {
        p: pattern,
        i: 0,
        flags,
        is_bytes,
        groups: 0,
        names: Vec::new(),
        closed: vec![true],
        depth: 0,
    };
    let node = parser.alternation()?;
    if parser.i < pattern.len() {
        // Only an unmatched `)` stops the top-level alternation early.
        return err("unbalanced parenthesis", parser.i);
    }
    Ok(Parsed {
        node,
        groups: parser.groups,
        names: parser.names,
        flags: parser.flags,
    })
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.p.get(self.i).copied()
    }

    fn at(&self, s: &str) -> bool {
        (self.i..)
            .zip(s.chars())
            .all(|(j, c)| self.p.get(j) == Some(&c))
    }

    fn verbose(&self) -> bool {
        self.flags & VERBOSE != 0
    }

    fn icase(&self) -> bool {
        self.flags & IGNORECASE != 0
    }

    fn ascii(&self) -> bool {
        self.flags & ASCII != 0
    }

    /// Skips whitespace and comments in VERBOSE mode.
    fn skip_verbose(&mut self) {
        if !self.verbose() {
            return;
        }
        while let Some(c) = self.peek() {
            if c.is_whitespace() {
                self.i += 1;
            } else if c == '#' {
                while let Some(c) = self.peek() {
                    self.i += 1;
                    if c == '\n' {
                        break;
                    }
                }
            } else {
                break;
            }
        }
    }

    fn alternation(&mut self) -> Result<Node, RegexError> {
        let mut branches = vec![self.sequence()?];
        while self.peek() == Some('|') {
            self.i += 1;
            branches.push(self.sequence()?);
        }
        Ok(if branches.len() == 1 {
            branches.pop().unwrap_or(Node::Empty)
        } else {
            Node::Alt(branches)
        })
    }

    fn sequence(&mut self) -> Result<Node, RegexError> {
        let mut items: Vec<Node> = Vec::new();
        loop {
            self.skip_verbose();
            let Some(c) = self.peek() else { break };
            if c == '|' || c == ')' {
                break;
            }
            let start = self.i;
            if matches!(c, '*' | '+' | '?') || (c == '{' && self.repeat_bounds().is_some()) {
                return err("nothing to repeat", start);
            }
            let atom = self.atom()?;
            let atom = self.quantifiers(atom)?;
            items.push(atom);
        }
        Ok(match items.len() {
            0 => Node::Empty,
            1 => items.pop().unwrap_or(Node::Empty),
            _ => Node::Concat(items),
        })
    }

    /// `{m}`, `{m,}`, `{,n}`, `{m,n}` at the cursor, without consuming it.
    fn repeat_bounds(&self) -> Option<(u32, Option<u32>, usize)> {
        let mut j = self.i + 1;
        let num = |j: &mut usize| {
            let s = *j;
            while self.p.get(*j).is_some_and(char::is_ascii_digit) {
                *j += 1;
            }
            let text: String = self.p[s..*j].iter().collect();
            (s != *j).then(|| text.parse::<u64>().unwrap_or(u64::MAX))
        };
        let lo = num(&mut j);
        let hi = if self.p.get(j) == Some(&',') {
            j += 1;
            num(&mut j)
        } else {
            Some(lo?)
        };
        if self.p.get(j) != Some(&'}') {
            return None;
        }
        let lo = lo.unwrap_or(0).min(u64::from(u32::MAX)) as u32;
        let hi = hi.map(|h| h.min(u64::from(u32::MAX)) as u32);
        Some((lo, hi, j + 1))
    }

    fn quantifiers(&mut self, mut atom: Node) -> Result<Node, RegexError> {
        let mut repeated = false;
        loop {
            self.skip_verbose();
            let start = self.i;
            let (min, max) = match self.peek() {
                Some('*') => {
                    self.i += 1;
                    (0, None)
                }
                Some('+') => {
                    self.i += 1;
                    (1, None)
                }
                Some('?') => {
                    self.i += 1;
                    (0, Some(1))
                }
                Some('{') => match self.repeat_bounds() {
                    Some((lo, hi, next)) => {
                        if let Some(h) = hi {
                            if h < lo {
                                return err("min repeat greater than max repeat", start + 1);
                            }
                            if h > MAX_REPEAT {
                                return err("the repetition number is too large", start + 1);
                            }
                        }
                        if lo > MAX_REPEAT {
                            return err("the repetition number is too large", start + 1);
                        }
                        self.i = next;
                        (lo, hi)
                    }
                    None => return Ok(atom),
                },
                _ => return Ok(atom),
            };
            if repeated {
                return err("multiple repeat", start);
            }
            if matches!(
                atom,
                Node::LineStart { .. }
                    | Node::LineEnd { .. }
                    | Node::TextStart
                    | Node::TextEnd
                    | Node::WordBoundary { .. }
            ) {
                return err("nothing to repeat", start);
            }
            let (greedy, possessive) = match self.peek() {
                Some('?') => {
                    self.i += 1;
                    (false, false)
                }
                Some('+') => {
                    self.i += 1;
                    (true, true)
                }
                _ => (true, false),
            };
            atom = Node::Repeat {
                node: Box::new(atom),
                min,
                max,
                greedy,
                possessive,
            };
            repeated = true;
        }
    }

    fn atom(&mut self) -> Result<Node, RegexError> {
        let start = self.i;
        let c = self.p[self.i];
        self.i += 1;
        Ok(match c {
            '.' => Node::Any {
                dotall: self.flags & DOTALL != 0,
            },
            '^' => Node::LineStart {
                multiline: self.flags & MULTILINE != 0,
            },
            '$' => Node::LineEnd {
                multiline: self.flags & MULTILINE != 0,
            },
            '[' => Node::Class(self.class(start)?),
            '(' => self.group(start)?,
            '\\' => self.escape(start)?,
            c => Node::Char {
                c,
                icase: self.icase(),
            },
        })
    }

    fn group(&mut self, start: usize) -> Result<Node, RegexError> {
        if self.depth >= MAX_NESTING {
            return err("too many nested groups", start);
        }
        self.depth += 1;
        let node = self.group_inner(start);
        self.depth -= 1;
        node
    }

    fn group_inner(&mut self, start: usize) -> Result<Node, RegexError> {
        if self.peek() != Some('?') {
            self.groups += 1;
            let index = self.groups;
            self.closed.push(false);
            let node = self.group_body(start)?;
            self.closed[index] = true;
            return Ok(Node::Group {
                index: Some(index),
                node: Box::new(node),
            });
        }
        self.i += 1;
        let Some(c) = self.peek() else {
            return err("unexpected end of pattern", self.i);
        };
        self.i += 1;
        match c {
            ':' => {
                let node = self.group_body(start)?;
                Ok(Node::Group {
                    index: None,
                    node: Box::new(node),
                })
            }
            'P' => match self.peek() {
                Some('<') => {
                    self.i += 1;
                    let name = self.group_name('>')?;
                    if self.names.iter().any(|(n, _)| *n == name) {
                        return err(
                            format!(
                                "redefinition of group name '{name}' as group {}; was group {}",
                                self.groups + 1,
                                self.names
                                    .iter()
                                    .find(|(n, _)| *n == name)
                                    .map_or(0, |(_, g)| *g)
                            ),
                            start + 4,
                        );
                    }
                    self.groups += 1;
                    let index = self.groups;
                    self.names.push((name, index));
                    self.closed.push(false);
                    let node = self.group_body(start)?;
                    self.closed[index] = true;
                    Ok(Node::Group {
                        index: Some(index),
                        node: Box::new(node),
                    })
                }
                Some('=') => {
                    self.i += 1;
                    let name_start = self.i;
                    let name = self.group_name(')')?;
                    match self.names.iter().find(|(n, _)| *n == name) {
                        Some(&(_, g)) => {
                            if !self.closed[g] {
                                return err("cannot refer to an open group", name_start - 4);
                            }
                            Ok(Node::Backref {
                                group: g,
                                icase: self.icase(),
                            })
                        }
                        None => err(format!("unknown group name '{name}'"), name_start),
                    }
                }
                Some(other) => err(format!("unknown extension ?P{other}"), start + 1),
                None => err("unexpected end of pattern", self.i),
            },
            '#' => {
                while let Some(c) = self.peek() {
                    self.i += 1;
                    if c == ')' {
                        return Ok(Node::Empty);
                    }
                }
                err("missing ), unterminated comment", start)
            }
            '=' | '!' => {
                let node = self.group_body(start)?;
                Ok(Node::Look {
                    node: Box::new(node),
                    ahead: true,
                    negated: c == '!',
                })
            }
            '<' => match self.peek() {
                Some(d @ ('=' | '!')) => {
                    self.i += 1;
                    let node = self.group_body(start)?;
                    if super::compile::fixed_width(&node).is_none() {
                        return err(
                            "look-behind requires fixed-width pattern",
                            super::NO_POSITION,
                        );
                    }
                    Ok(Node::Look {
                        node: Box::new(node),
                        ahead: false,
                        negated: d == '!',
                    })
                }
                Some(other) => err(format!("unknown extension ?<{other}"), start + 1),
                None => err("unexpected end of pattern", self.i),
            },
            '>' => {
                let node = self.group_body(start)?;
                Ok(Node::Atomic(Box::new(node)))
            }
            '(' => {
                let ref_start = self.i;
                let name = self.group_name(')')?;
                let group = if let Ok(n) = name.parse::<usize>() {
                    if n == 0 {
                        return err("bad group number", ref_start);
                    }
                    if n > self.groups {
                        return err(format!("invalid group reference {n}"), ref_start);
                    }
                    n
                } else {
                    match self.names.iter().find(|(n, _)| *n == name) {
                        Some(&(_, g)) => g,
                        None => return err(format!("unknown group name '{name}'"), ref_start),
                    }
                };
                let yes = self.sequence()?;
                let no = if self.peek() == Some('|') {
                    self.i += 1;
                    let no = self.sequence()?;
                    if self.peek() == Some('|') {
                        return err("conditional backref with more than two branches", self.i);
                    }
                    no
                } else {
                    Node::Empty
                };
                if self.peek() != Some(')') {
                    return err("missing ), unterminated subpattern", start);
                }
                self.i += 1;
                Ok(Node::Cond {
                    group,
                    yes: Box::new(yes),
                    no: Box::new(no),
                })
            }
            c if "aiLmsux-".contains(c) => {
                self.i -= 1;
                self.inline_flags(start)
            }
            other => err(format!("unknown extension ?{other}"), start + 1),
        }
    }

    /// `(?flags)` or `(?flags-flags:...)`.
    fn inline_flags(&mut self, start: usize) -> Result<Node, RegexError> {
        let flag_of = |c: char| match c {
            'a' => Some(ASCII),
            'i' => Some(IGNORECASE),
            'L' => Some(LOCALE),
            'm' => Some(MULTILINE),
            's' => Some(DOTALL),
            'u' => Some(UNICODE),
            'x' => Some(VERBOSE),
            _ => None,
        };
        let mut add = 0;
        let mut remove = 0;
        while let Some(f) = self.peek().and_then(flag_of) {
            add |= f;
            self.i += 1;
        }
        if self.peek() == Some('-') {
            self.i += 1;
            while let Some(f) = self.peek().and_then(flag_of) {
                remove |= f;
                self.i += 1;
            }
            if remove == 0 {
                return err("missing flag", self.i);
            }
        }
        match self.peek() {
            Some(')') if remove == 0 => {
                self.i += 1;
                if start != 0 {
                    return err("global flags not at the start of the expression", start);
                }
                if self.is_bytes && add & UNICODE != 0 {
                    return err(
                        "bad inline flags: cannot use 'u' flag with a bytes pattern",
                        start,
                    );
                }
                self.flags |= add;
                Ok(Node::Empty)
            }
            Some(':') => {
                self.i += 1;
                let saved = self.flags;
                self.flags = (self.flags | add) & !remove;
                let node = self.group_body(start);
                self.flags = saved;
                Ok(Node::Group {
                    index: None,
                    node: Box::new(node?),
                })
            }
            Some(')') => err("missing :", self.i),
            Some(c) if c.is_ascii_alphabetic() => err("unknown flag", self.i),
            Some(_) => err("missing -, : or )", self.i),
            None => err("missing -, : or )", self.i),
        }
    }

    /// The rest of a group after its opening syntax, through the `)`.
    fn group_body(&mut self, start: usize) -> Result<Node, RegexError> {
        let node = self.alternation()?;
        if self.peek() != Some(')') {
            return err("missing ), unterminated subpattern", start);
        }
        self.i += 1;
        Ok(node)
    }

    fn group_name(&mut self, terminator: char) -> Result<String, RegexError> {
        let start = self.i;
        while let Some(c) = self.peek() {
            if c == terminator {
                let name: String = self.p[start..self.i].iter().collect();
                self.i += 1;
                if name.is_empty() {
                    return err("missing group name", start);
                }
                let ident = name
                    .chars()
                    .next()
                    .is_some_and(|c| c == '_' || crate::text::unicode::is_xid_start(c))
                    && name
                        .chars()
                        .all(|c| c == '_' || crate::text::unicode::is_xid_continue(c));
                let number = name.chars().all(|c| c.is_ascii_digit());
                if !(ident || (terminator == ')' && number)) {
                    return err(format!("bad character in group name '{name}'"), start);
                }
                return Ok(name);
            }
            self.i += 1;
        }
        if start == self.i {
            return err("missing group name", start);
        }
        err(format!("missing {terminator}, unterminated name"), start)
    }

    fn category(&self, c: char) -> Option<ClassItem> {
        Some(match c {
            'd' => ClassItem::Digit(false),
            'D' => ClassItem::Digit(true),
            'w' => ClassItem::Word(false),
            'W' => ClassItem::Word(true),
            's' => ClassItem::Space(false),
            'S' => ClassItem::Space(true),
            _ => return None,
        })
    }

    /// A character escape shared by patterns and sets: `\n`, `\x41`, octal, ...
    fn char_escape(
        &mut self,
        c: char,
        start: usize,
        in_class: bool,
    ) -> Result<Option<char>, RegexError> {
        let hex = |this: &mut Self, n: usize| -> Result<char, RegexError> {
            let digits: String = this.p[this.i..(this.i + n).min(this.p.len())]
                .iter()
                .collect();
            if digits.len() != n || !digits.chars().all(|d| d.is_ascii_hexdigit()) {
                let shown: String = this.p[start..(this.i + n).min(this.p.len())]
                    .iter()
                    .collect();
                return err(format!("incomplete escape {shown}"), start);
            }
            this.i += n;
            let v = u32::from_str_radix(&digits, 16).unwrap_or(u32::MAX);
            match char::from_u32(v) {
                Some(ch) => Ok(ch),
                None => {
                    let shown: String = this.p[start..this.i].iter().collect();
                    err(format!("bad escape {shown}"), start)
                }
            }
        };
        Ok(Some(match c {
            'a' => '\x07',
            'f' => '\x0c',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'v' => '\x0b',
            'b' if in_class => '\x08',
            'x' => hex(self, 2)?,
            'u' if !self.is_bytes => hex(self, 4)?,
            'U' if !self.is_bytes => hex(self, 8)?,
            '0'..='7' if c == '0' || in_class => {
                // Up to three octal digits.
                let mut v = c.to_digit(8).unwrap_or(0);
                let mut n = 1;
                while n < 3 && self.peek().is_some_and(|d| d.is_digit(8)) {
                    v = v * 8 + self.peek().and_then(|d| d.to_digit(8)).unwrap_or(0);
                    self.i += 1;
                    n += 1;
                }
                if v > 0o377 {
                    let shown: String = self.p[start..self.i].iter().collect();
                    return err(
                        format!("octal escape value {shown} outside of range 0-0o377"),
                        start,
                    );
                }
                char::from_u32(v).unwrap_or('\0')
            }
            c if c.is_ascii_alphanumeric() => return Ok(None),
            c => c,
        }))
    }

    fn escape(&mut self, start: usize) -> Result<Node, RegexError> {
        let Some(c) = self.peek() else {
            return err("bad escape (end of pattern)", start);
        };
        self.i += 1;
        if let Some(item) = self.category(c) {
            return Ok(Node::Class(ClassSet {
                items: vec![item],
                negated: false,
                icase: false,
                ascii: self.ascii(),
            }));
        }
        match c {
            'A' => return Ok(Node::TextStart),
            'Z' => return Ok(Node::TextEnd),
            'b' => {
                return Ok(Node::WordBoundary {
                    negated: false,
                    ascii: self.ascii(),
                });
            }
            'B' => {
                return Ok(Node::WordBoundary {
                    negated: true,
                    ascii: self.ascii(),
                });
            }
            '1'..='9' => {
                // A back reference, or an octal escape of three digits.
                let mut end = self.i;
                if self.p.get(end).is_some_and(char::is_ascii_digit) {
                    end += 1;
                }
                let digits: String = self.p[self.i - 1..end].iter().collect();
                if end - (self.i - 1) == 2
                    && self.p.get(end).is_some_and(|d| d.is_digit(8))
                    && digits.chars().all(|d| d.is_digit(8))
                {
                    let v =
                        u32::from_str_radix(&format!("{digits}{}", self.p[end]), 8).unwrap_or(0);
                    if v > 0o377 {
                        let shown: String = self.p[start..end + 1].iter().collect();
                        return err(
                            format!("octal escape value {shown} outside of range 0-0o377"),
                            start,
                        );
                    }
                    self.i = end + 1;
                    return Ok(Node::Char {
                        c: char::from_u32(v).unwrap_or('\0'),
                        icase: self.icase(),
                    });
                }
                self.i = end;
                let group: usize = digits.parse().unwrap_or(usize::MAX);
                if group > self.groups {
                    return err(format!("invalid group reference {group}"), start + 1);
                }
                if !self.closed[group] {
                    return err("cannot refer to an open group", start);
                }
                return Ok(Node::Backref {
                    group,
                    icase: self.icase(),
                });
            }
            _ => {}
        }
        match self.char_escape(c, start, false)? {
            Some(ch) => Ok(Node::Char {
                c: ch,
                icase: self.icase(),
            }),
            None => err(format!("bad escape \\{c}"), start),
        }
    }

    fn class(&mut self, start: usize) -> Result<ClassSet, RegexError> {
        let mut set = ClassSet {
            items: Vec::new(),
            negated: false,
            icase: self.icase(),
            ascii: self.ascii(),
        };
        if self.peek() == Some('^') {
            self.i += 1;
            set.negated = true;
        }
        let mut first = true;
        loop {
            let item_start = self.i;
            let Some(c) = self.peek() else {
                return err("unterminated character set", start);
            };
            if c == ']' && !first {
                self.i += 1;
                break;
            }
            first = false;
            self.i += 1;
            let lo = if c == '\\' {
                let Some(e) = self.peek() else {
                    return err("unterminated character set", start);
                };
                self.i += 1;
                if let Some(item) = self.category(e) {
                    set.items.push(item);
                    if self.at("-") && self.p.get(self.i + 1).is_some_and(|&n| n != ']') {
                        let shown: String = self.p[item_start..self.i + 2].iter().collect();
                        return err(format!("bad character range {shown}"), item_start);
                    }
                    continue;
                }
                match self.char_escape(e, item_start, true)? {
                    Some(ch) => ch,
                    None => return err(format!("bad escape \\{e}"), item_start),
                }
            } else {
                c
            };
            if self.peek() == Some('-') && self.p.get(self.i + 1).is_some_and(|&n| n != ']') {
                self.i += 1;
                let hi_start = self.i;
                let Some(h) = self.peek() else {
                    return err("unterminated character set", start);
                };
                self.i += 1;
                let hi = if h == '\\' {
                    let Some(e) = self.peek() else {
                        return err("unterminated character set", start);
                    };
                    self.i += 1;
                    if self.category(e).is_some() {
                        let shown: String = self.p[item_start..self.i].iter().collect();
                        return err(format!("bad character range {shown}"), item_start);
                    }
                    match self.char_escape(e, hi_start, true)? {
                        Some(ch) => ch,
                        None => return err(format!("bad escape \\{e}"), hi_start),
                    }
                } else {
                    h
                };
                if hi < lo {
                    let shown: String = self.p[item_start..self.i].iter().collect();
                    return err(format!("bad character range {shown}"), item_start);
                }
                set.items.push(ClassItem::Range(lo, hi));
            } else {
                set.items.push(ClassItem::Range(lo, lo));
            }
        }
        Ok(set)
    }
}
