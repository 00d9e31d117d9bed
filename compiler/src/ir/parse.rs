//! The IR's text form, parsing side: reads what [`super::print`] writes (see its module doc
//! for the format) back into a [`Module`] with the same ids. Used by pass tests (text in,
//! text out) and to check the round-trip invariant `print(parse(print(m))) == print(m)`.
//!
//! The parser checks only what it needs to build the data structures (syntax, known
//! operation and immediate names, symbols and constants present in their pools, each value
//! defined once); everything else is the verifier's job, so malformed-but-parsable IR can be
//! written down in tests.

use super::constant::Const;
use super::entities::{Block, ConstId, DerefId, FuncId, Inst, LocalId, NameId, Value};
use super::function::{
    BlockCall, BlockData, CodeFlags, Function, FunctionKind, Loc, Module, Terminator, ValueDef,
};
use super::ops::{BinOp, CmpOp, Common, Imm, ImmKind, Intrinsic, Op, UnaryOp};
use super::print::CANONICAL_NAN_BITS;
use num_bigint::BigInt;
use rustc_hash::FxHashMap;
use std::fmt;

/// A syntax error in IR text, with its 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IrParseError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for IrParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IR parse error on line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for IrParseError {}

/// The definition given to value ids that the text never defines (ids freed by passes).
/// Nothing may use such a value; the verifier reports any use.
pub const UNDEFINED_VALUE: ValueDef = ValueDef::Param(Block(u32::MAX), u32::MAX);

/// Parses a module from its text form.
pub fn parse_module(text: &str) -> Result<Module, IrParseError> {
    let mut lines = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let tokens = lex_line(raw).map_err(|message| IrParseError {
            line: index + 1,
            message,
        })?;
        if !tokens.is_empty() {
            lines.push(Line {
                number: index + 1,
                tokens,
                pos: 0,
            });
        }
    }
    let mut lines = lines.into_iter();
    let mut first = lines.next().ok_or(IrParseError {
        line: 1,
        message: "empty input: expected `module`".into(),
    })?;
    first.keyword("module")?;
    let filename = first.string()?;
    first.end()?;
    let mut module = Module::new(filename);
    while let Some(mut header) = lines.next() {
        let func_id = FunctionParser::header_id(&mut header)?;
        if func_id.index() != module.functions.len() {
            return Err(header.error(format!(
                "expected function f{}, found {func_id}",
                module.functions.len()
            )));
        }
        let mut parser = FunctionParser::new(&mut header)?;
        loop {
            let Some(mut line) = lines.next() else {
                return Err(IrParseError {
                    line: text.lines().count(),
                    message: "missing `}` at end of function".into(),
                });
            };
            if line.peek_punct('}') {
                line.pos += 1;
                line.end()?;
                break;
            }
            parser.line(&mut line)?;
        }
        module.add_function(parser.finish());
    }
    Ok(module)
}

// ---- lexer ------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ident(String),
    /// Digits as written, including `.`/exponent for floats and `0x` for hex.
    Number(String),
    Str(String),
    Bytes(Vec<u8>),
    Punct(char),
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Token::Ident(s) | Token::Number(s) => write!(f, "`{s}`"),
            Token::Str(s) => write!(f, "string {s:?}"),
            Token::Bytes(_) => write!(f, "bytes literal"),
            Token::Punct(c) => write!(f, "`{c}`"),
        }
    }
}

fn lex_line(line: &str) -> Result<Vec<Token>, String> {
    let mut tokens = Vec::new();
    let mut chars = line.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == ';' {
            break;
        } else if c == '_' || c.is_alphabetic() {
            let mut end = start;
            while let Some(&(i, c)) = chars.peek() {
                if c == '_' || c.is_alphanumeric() {
                    end = i + c.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let word = &line[start..end];
            if word == "b" && matches!(chars.peek(), Some((_, '\'' | '"'))) {
                let (_, quote) = chars.next().expect("peeked");
                tokens.push(Token::Bytes(
                    lex_quoted(&mut chars, quote, true)?.into_bytes(),
                ));
            } else {
                tokens.push(Token::Ident(word.to_owned()));
            }
        } else if c.is_ascii_digit() {
            let mut text = String::new();
            let mut prev = ' ';
            while let Some(&(_, c)) = chars.peek() {
                let hex = text.starts_with("0x");
                let accept = c.is_ascii_alphanumeric()
                    || c == '.'
                    || ((c == '-' || c == '+') && matches!(prev, 'e' | 'E') && !hex);
                if !accept {
                    break;
                }
                text.push(c);
                prev = c;
                chars.next();
            }
            tokens.push(Token::Number(text));
        } else if c == '\'' || c == '"' {
            chars.next();
            tokens.push(Token::Str(lex_quoted(&mut chars, c, false)?.into_string()));
        } else if "(){}[],:=@-|#".contains(c) {
            chars.next();
            tokens.push(Token::Punct(c));
        } else {
            return Err(format!("unexpected character {c:?}"));
        }
    }
    Ok(tokens)
}

/// The content of a quoted literal: text, or raw bytes for `b'…'` escapes.
enum Quoted {
    Text(String),
    Bytes(Vec<u8>),
}

impl Quoted {
    fn into_string(self) -> String {
        match self {
            Quoted::Text(s) => s,
            Quoted::Bytes(b) => String::from_utf8_lossy(&b).into_owned(),
        }
    }

    fn into_bytes(self) -> Vec<u8> {
        match self {
            Quoted::Bytes(b) => b,
            Quoted::Text(s) => s.into_bytes(),
        }
    }
}

fn lex_quoted(
    chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
    quote: char,
    bytes: bool,
) -> Result<Quoted, String> {
    let mut text = String::new();
    let mut raw = Vec::new();
    let push = |text: &mut String, raw: &mut Vec<u8>, c: char| {
        if bytes {
            let mut buf = [0; 4];
            raw.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        } else {
            text.push(c);
        }
    };
    loop {
        let Some((_, c)) = chars.next() else {
            return Err("unterminated string literal".into());
        };
        match c {
            c if c == quote => break,
            '\\' => {
                let Some((_, e)) = chars.next() else {
                    return Err("unterminated escape".into());
                };
                let hex_digits = match e {
                    'x' => 2,
                    'u' if !bytes => 4,
                    'U' if !bytes => 8,
                    _ => 0,
                };
                if hex_digits > 0 {
                    let mut code = 0u32;
                    for _ in 0..hex_digits {
                        let digit = chars
                            .next()
                            .and_then(|(_, d)| d.to_digit(16))
                            .ok_or("bad hex escape")?;
                        code = code * 16 + digit;
                    }
                    if bytes {
                        raw.push(code as u8);
                    } else {
                        text.push(
                            char::from_u32(code).ok_or("escape is not a Unicode scalar value")?,
                        );
                    }
                } else {
                    let c = match e {
                        'n' => '\n',
                        'r' => '\r',
                        't' => '\t',
                        '0' => '\0',
                        '\\' | '\'' | '"' => e,
                        other => return Err(format!("unknown escape \\{other}")),
                    };
                    push(&mut text, &mut raw, c);
                }
            }
            c => push(&mut text, &mut raw, c),
        }
    }
    Ok(if bytes {
        Quoted::Bytes(raw)
    } else {
        Quoted::Text(text)
    })
}

// ---- token cursor -----------------------------------------------------------------------

struct Line {
    number: usize,
    tokens: Vec<Token>,
    pos: usize,
}

impl Line {
    fn error(&self, message: impl Into<String>) -> IrParseError {
        IrParseError {
            line: self.number,
            message: message.into(),
        }
    }

    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn at_end(&self) -> bool {
        self.pos >= self.tokens.len()
    }

    fn next(&mut self, what: &str) -> Result<Token, IrParseError> {
        match self.tokens.get(self.pos) {
            Some(token) => {
                self.pos += 1;
                Ok(token.clone())
            }
            None => Err(self.error(format!("expected {what}, found end of line"))),
        }
    }

    fn unexpected<T>(&self, token: &Token, what: &str) -> Result<T, IrParseError> {
        Err(self.error(format!("expected {what}, found {token}")))
    }

    fn end(&self) -> Result<(), IrParseError> {
        match self.peek() {
            None => Ok(()),
            Some(token) => self.unexpected(token, "end of line"),
        }
    }

    fn peek_punct(&self, c: char) -> bool {
        self.peek() == Some(&Token::Punct(c))
    }

    fn eat_punct(&mut self, c: char) -> bool {
        let found = self.peek_punct(c);
        if found {
            self.pos += 1;
        }
        found
    }

    fn punct(&mut self, c: char) -> Result<(), IrParseError> {
        let token = self.next(&format!("`{c}`"))?;
        if token == Token::Punct(c) {
            Ok(())
        } else {
            self.unexpected(&token, &format!("`{c}`"))
        }
    }

    fn peek_ident(&self) -> Option<&str> {
        match self.peek() {
            Some(Token::Ident(s)) => Some(s),
            _ => None,
        }
    }

    fn ident(&mut self, what: &str) -> Result<String, IrParseError> {
        match self.next(what)? {
            Token::Ident(s) => Ok(s),
            token => self.unexpected(&token, what),
        }
    }

    fn keyword(&mut self, word: &str) -> Result<(), IrParseError> {
        let found = self.ident(&format!("`{word}`"))?;
        if found == word {
            Ok(())
        } else {
            Err(self.error(format!("expected `{word}`, found `{found}`")))
        }
    }

    fn string(&mut self) -> Result<String, IrParseError> {
        match self.next("a string")? {
            Token::Str(s) => Ok(s),
            token => self.unexpected(&token, "a string"),
        }
    }

    fn u32(&mut self) -> Result<u32, IrParseError> {
        match self.next("a number")? {
            Token::Number(n) => n
                .parse()
                .map_err(|_| self.error(format!("bad number `{n}`"))),
            token => self.unexpected(&token, "a number"),
        }
    }

    /// An id written as `prefix` followed by decimal digits (`v3`, `block2`, `f1`).
    fn prefixed_id(&mut self, prefix: &str, what: &str) -> Result<u32, IrParseError> {
        let word = self.ident(what)?;
        parse_prefixed(&word, prefix)
            .ok_or_else(|| self.error(format!("expected {what}, found `{word}`")))
    }

    fn value(&mut self) -> Result<Value, IrParseError> {
        self.prefixed_id(Value::PREFIX, "a value").map(Value)
    }

    fn block(&mut self) -> Result<Block, IrParseError> {
        self.prefixed_id(Block::PREFIX, "a block").map(Block)
    }

    /// `v1, v2, …` up to the end of the line or an `@` location.
    fn value_list_until_loc(&mut self) -> Result<Vec<Value>, IrParseError> {
        let mut values = Vec::new();
        if self.at_end() || self.peek_punct('@') {
            return Ok(values);
        }
        loop {
            values.push(self.value()?);
            if !self.eat_punct(',') {
                return Ok(values);
            }
        }
    }

    /// `block3` or `block3(v1, v2)`.
    fn block_call(&mut self) -> Result<BlockCall, IrParseError> {
        let block = self.block()?;
        let mut args = Vec::new();
        if self.eat_punct('(') && !self.eat_punct(')') {
            loop {
                args.push(self.value()?);
                if self.eat_punct(')') {
                    break;
                }
                self.punct(',')?;
            }
        }
        Ok(BlockCall { block, args })
    }

    /// An optional `@line:col-endline:endcol`; `None` means "same as the previous".
    fn loc(&mut self) -> Result<Option<Loc>, IrParseError> {
        if !self.eat_punct('@') {
            return Ok(None);
        }
        let line = self.u32()?;
        self.punct(':')?;
        let col = self.u32()?;
        self.punct('-')?;
        let end_line = self.u32()?;
        self.punct(':')?;
        let end_col = self.u32()?;
        Ok(Some(Loc {
            line,
            col,
            end_line,
            end_col,
        }))
    }

    /// A name, local or cell in a symbol list: an identifier or a quoted string.
    fn symbol(&mut self) -> Result<String, IrParseError> {
        match self.next("a symbol")? {
            Token::Ident(s) | Token::Str(s) => Ok(s),
            token => self.unexpected(&token, "a symbol"),
        }
    }

    fn symbol_list(&mut self) -> Result<Vec<String>, IrParseError> {
        let mut symbols = vec![self.symbol()?];
        while self.eat_punct(',') {
            symbols.push(self.symbol()?);
        }
        Ok(symbols)
    }

    // ---- constants ----

    fn constant(&mut self) -> Result<Const, IrParseError> {
        let token = self.next("a constant")?;
        match token {
            Token::Str(s) => Ok(Const::Str(s)),
            Token::Bytes(b) => Ok(Const::Bytes(b)),
            Token::Number(n) => self.number_const(&n, false),
            Token::Punct('-') => match self.next("a number")? {
                Token::Number(n) => self.number_const(&n, true),
                Token::Ident(word) if word == "inf" || word == "nan" => {
                    Ok(Const::Float(-self.float_word(&word)?))
                }
                token => self.unexpected(&token, "a number"),
            },
            Token::Punct('(') => {
                let mut items = Vec::new();
                if self.eat_punct(')') {
                    return Ok(Const::Tuple(items));
                }
                loop {
                    items.push(self.constant()?);
                    if self.eat_punct(')') {
                        if items.len() == 1 {
                            return Err(self.error("a one-item tuple needs a trailing comma"));
                        }
                        return Ok(Const::Tuple(items));
                    }
                    self.punct(',')?;
                    if self.eat_punct(')') {
                        return Ok(Const::Tuple(items));
                    }
                }
            }
            Token::Ident(word) => match word.as_str() {
                "None" => Ok(Const::None),
                "True" => Ok(Const::Bool(true)),
                "False" => Ok(Const::Bool(false)),
                "Ellipsis" => Ok(Const::Ellipsis),
                "inf" | "nan" => Ok(Const::Float(self.float_word(&word)?)),
                "complex" => {
                    self.punct('(')?;
                    let re = self.float()?;
                    self.punct(',')?;
                    let im = self.float()?;
                    self.punct(')')?;
                    Ok(Const::Complex { re, im })
                }
                "frozenset" => {
                    self.punct('(')?;
                    let mut items = Vec::new();
                    if self.eat_punct('{') {
                        loop {
                            items.push(self.constant()?);
                            if self.eat_punct('}') {
                                break;
                            }
                            self.punct(',')?;
                        }
                    }
                    self.punct(')')?;
                    Ok(Const::FrozenSet(items))
                }
                _ => Err(self.error(format!("expected a constant, found `{word}`"))),
            },
            token => self.unexpected(&token, "a constant"),
        }
    }

    fn number_const(&self, text: &str, negative: bool) -> Result<Const, IrParseError> {
        if text.contains(['.', 'e', 'E']) {
            let value =
                parse_float(text).ok_or_else(|| self.error(format!("bad float `{text}`")))?;
            Ok(Const::Float(if negative { -value } else { value }))
        } else {
            let value: BigInt = text
                .parse()
                .map_err(|_| self.error(format!("bad int `{text}`")))?;
            Ok(Const::Int(if negative { -value } else { value }))
        }
    }

    /// `inf`, `nan` or `nan(0x…)` after its word was consumed.
    fn float_word(&mut self, word: &str) -> Result<f64, IrParseError> {
        if word == "inf" {
            return Ok(f64::INFINITY);
        }
        if !self.eat_punct('(') {
            return Ok(f64::from_bits(CANONICAL_NAN_BITS));
        }
        let bits = match self.next("NaN bits")? {
            Token::Number(n) => n
                .strip_prefix("0x")
                .and_then(|hex| u64::from_str_radix(hex, 16).ok())
                .ok_or_else(|| self.error(format!("bad NaN bits `{n}`")))?,
            token => return self.unexpected(&token, "NaN bits"),
        };
        self.punct(')')?;
        let value = f64::from_bits(bits);
        if !value.is_nan() {
            return Err(self.error("nan(…) bits are not a NaN"));
        }
        Ok(value)
    }

    fn float(&mut self) -> Result<f64, IrParseError> {
        let negative = self.eat_punct('-');
        let value = match self.next("a float")? {
            Token::Number(n) => {
                parse_float(&n).ok_or_else(|| self.error(format!("bad float `{n}`")))?
            }
            Token::Ident(word) if word == "inf" || word == "nan" => self.float_word(&word)?,
            token => return self.unexpected(&token, "a float"),
        };
        Ok(if negative { -value } else { value })
    }
}

fn parse_float(text: &str) -> Option<f64> {
    if text.starts_with("0x") {
        return None;
    }
    text.parse().ok()
}

/// The largest value or block id the parser accepts. Arenas are sized by the largest id
/// seen, so a typo such as `v99999999999` must not allocate gigabytes.
const MAX_ID: u32 = 1 << 24;

fn parse_prefixed(word: &str, prefix: &str) -> Option<u32> {
    let digits = word.strip_prefix(prefix)?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|&id| id <= MAX_ID)
}

// ---- functions --------------------------------------------------------------------------

const TERMINATORS: &[&str] = &[
    "jump",
    "br",
    "for_iter",
    "return",
    "raise",
    "reraise",
    "unreachable",
];

struct FunctionParser {
    func: Function,
    defined: Vec<bool>,
    const_lookup: FxHashMap<Const, ConstId>,
    current: Option<Block>,
    previous_loc: Loc,
    seen_block: bool,
}

impl FunctionParser {
    /// Reads `function fN` at the start of a header line.
    fn header_id(line: &mut Line) -> Result<FuncId, IrParseError> {
        line.keyword("function")?;
        line.prefixed_id(FuncId::PREFIX, "a function id")
            .map(FuncId)
    }

    /// Reads the rest of the header: `name='…' [qualname='…'] kind=… line=N {`.
    fn new(line: &mut Line) -> Result<Self, IrParseError> {
        let mut name = None;
        let mut qualname = None;
        let mut kind = None;
        let mut first_line = None;
        while !line.peek_punct('{') {
            let key = line.ident("a header attribute")?;
            line.punct('=')?;
            match key.as_str() {
                "name" => name = Some(line.string()?),
                "qualname" => qualname = Some(line.string()?),
                "kind" => {
                    let word = line.ident("a function kind")?;
                    kind =
                        Some(FunctionKind::from_name(&word).ok_or_else(|| {
                            line.error(format!("unknown function kind `{word}`"))
                        })?);
                }
                "line" => first_line = Some(line.u32()?),
                _ => return Err(line.error(format!("unknown header attribute `{key}`"))),
            }
        }
        line.punct('{')?;
        line.end()?;
        let name = name.ok_or_else(|| line.error("missing name="))?;
        let qualname = qualname.unwrap_or_else(|| name.clone());
        let kind = kind.ok_or_else(|| line.error("missing kind="))?;
        let first_line = first_line.ok_or_else(|| line.error("missing line="))?;
        Ok(FunctionParser {
            func: Function::new(name, qualname, kind, first_line),
            defined: Vec::new(),
            const_lookup: FxHashMap::default(),
            current: None,
            previous_loc: Loc::default(),
            seen_block: false,
        })
    }

    fn finish(mut self) -> Function {
        for (slot, defined) in self.func.values.iter_mut().zip(&self.defined) {
            if !defined {
                *slot = UNDEFINED_VALUE;
            }
        }
        self.func.reindex_pools();
        self.func
    }

    fn line(&mut self, line: &mut Line) -> Result<(), IrParseError> {
        let Some(word) = line.peek_ident().map(str::to_owned) else {
            return Err(line.error("expected an instruction, a block or `}`"));
        };
        if parse_prefixed(&word, Block::PREFIX).is_some() {
            return self.block_header(line);
        }
        if !self.seen_block {
            return self.attribute(line, &word);
        }
        let Some(block) = self.current else {
            return Err(line.error("instruction outside a block"));
        };
        if self.func.blocks[block.index()].term.is_some() {
            return Err(line.error(format!("{block} continues after its terminator")));
        }
        if TERMINATORS.contains(&word.as_str()) {
            self.terminator(line, block)
        } else {
            self.instruction(line, block)
        }
    }

    fn attribute(&mut self, line: &mut Line, word: &str) -> Result<(), IrParseError> {
        line.pos += 1;
        let func = &mut self.func;
        match word {
            "flags" => loop {
                match line.next("a flag")? {
                    Token::Ident(name) => {
                        let &(bit, _) = CodeFlags::NAMES
                            .iter()
                            .find(|(_, n)| *n == name)
                            .ok_or_else(|| line.error(format!("unknown flag `{name}`")))?;
                        func.flags.insert(bit);
                    }
                    Token::Number(n) => {
                        let bits = n
                            .strip_prefix("0x")
                            .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                            .ok_or_else(|| line.error(format!("bad flag bits `{n}`")))?;
                        func.flags.insert(bits);
                    }
                    token => return line.unexpected(&token, "a flag"),
                }
                if !line.eat_punct('|') {
                    break;
                }
            },
            "args" => {
                func.argcount = line.u32()?;
                line.keyword("posonly")?;
                func.posonlyargcount = line.u32()?;
                line.keyword("kwonly")?;
                func.kwonlyargcount = line.u32()?;
            }
            "locals" => func.locals.extend(line.symbol_list()?),
            "cells" => func.cells.extend(line.symbol_list()?),
            "frees" => func.frees.extend(line.symbol_list()?),
            "names" => func.names.extend(line.symbol_list()?),
            "doc" => func.docstring = Some(line.string()?),
            "consts" => loop {
                let value = line.constant()?;
                let id = ConstId::new(func.consts.len());
                self.const_lookup.entry(value.clone()).or_insert(id);
                func.consts.push(value);
                if !line.eat_punct(',') {
                    break;
                }
            },
            _ => return Err(line.error(format!("unknown function attribute `{word}`"))),
        }
        line.end()
    }

    fn ensure_block(&mut self, block: Block) {
        if block.index() >= self.func.blocks.len() {
            self.func
                .blocks
                .resize_with(block.index() + 1, BlockData::default);
        }
    }

    fn ensure_value(&mut self, value: Value) {
        if value.index() >= self.func.values.len() {
            self.func.values.resize(value.index() + 1, UNDEFINED_VALUE);
            self.defined.resize(value.index() + 1, false);
        }
    }

    fn define(&mut self, line: &Line, value: Value, def: ValueDef) -> Result<(), IrParseError> {
        self.ensure_value(value);
        if std::mem::replace(&mut self.defined[value.index()], true) {
            return Err(line.error(format!("{value} is defined twice")));
        }
        self.func.values[value.index()] = def;
        Ok(())
    }

    fn use_values(&mut self, values: &[Value]) {
        if let Some(max) = values.iter().max() {
            self.ensure_value(*max);
        }
    }

    /// `blockN[(v…)] [handler blockM]:`
    fn block_header(&mut self, line: &mut Line) -> Result<(), IrParseError> {
        let block = line.block()?;
        self.ensure_block(block);
        if self.func.layout.contains(&block) {
            return Err(line.error(format!("{block} appears twice")));
        }
        let mut params = Vec::new();
        if line.eat_punct('(') {
            loop {
                params.push(line.value()?);
                if line.eat_punct(')') {
                    break;
                }
                line.punct(',')?;
            }
        }
        for (index, &param) in params.iter().enumerate() {
            self.define(line, param, ValueDef::Param(block, index as u32))?;
        }
        let handler = if line.peek_ident() == Some("handler") {
            line.pos += 1;
            let handler = line.block()?;
            self.ensure_block(handler);
            Some(handler)
        } else {
            None
        };
        line.punct(':')?;
        line.end()?;
        let data = &mut self.func.blocks[block.index()];
        data.params = params;
        data.handler = handler;
        self.func.layout.push(block);
        self.current = Some(block);
        self.previous_loc = Loc::default();
        self.seen_block = true;
        Ok(())
    }

    fn take_loc(&mut self, line: &mut Line) -> Result<Loc, IrParseError> {
        if let Some(loc) = line.loc()? {
            self.previous_loc = loc;
        }
        line.end()?;
        Ok(self.previous_loc)
    }

    fn terminator(&mut self, line: &mut Line, block: Block) -> Result<(), IrParseError> {
        let word = line.ident("a terminator")?;
        let term = match word.as_str() {
            "jump" => Terminator::Jump(line.block_call()?),
            "br" => {
                let cond = line.value()?;
                line.punct(',')?;
                let then_to = line.block_call()?;
                line.punct(',')?;
                let else_to = line.block_call()?;
                Terminator::Branch {
                    cond,
                    then_to,
                    else_to,
                }
            }
            "for_iter" => {
                let iter = line.value()?;
                line.punct(',')?;
                let body = line.block_call()?;
                line.punct(',')?;
                let exit = line.block_call()?;
                Terminator::ForIter { iter, body, exit }
            }
            "return" => Terminator::Return(line.value()?),
            "reraise" => Terminator::Reraise(line.value()?),
            "unreachable" => Terminator::Unreachable,
            "raise" => {
                let exc = match line.peek_ident() {
                    Some(word) if word != "from" => Some(line.value()?),
                    _ => None,
                };
                let cause = if line.peek_ident() == Some("from") {
                    line.pos += 1;
                    Some(line.value()?)
                } else {
                    None
                };
                Terminator::Raise { exc, cause }
            }
            _ => unreachable!("only called for terminator keywords"),
        };
        if let Some(max) = term.uses().max() {
            self.ensure_value(max);
        }
        let targets: Vec<Block> = term.successors().collect();
        for target in targets {
            self.ensure_block(target);
        }
        let loc = self.take_loc(line)?;
        let data = &mut self.func.blocks[block.index()];
        data.term = Some(term);
        data.term_loc = loc;
        Ok(())
    }

    fn instruction(&mut self, line: &mut Line, block: Block) -> Result<(), IrParseError> {
        let mut result = None;
        if line.tokens.get(line.pos + 1) == Some(&Token::Punct('=')) {
            result = Some(line.value()?);
            line.punct('=')?;
        }
        let name = line.ident("an operation")?;
        let op = Op::from_name(&name)
            .ok_or_else(|| line.error(format!("unknown operation `{name}`")))?;
        let imm = self.immediate(line, op.imm_kind())?;
        let args = line.value_list_until_loc()?;
        let loc = self.take_loc(line)?;
        let inst = Inst::new(self.func.insts.len());
        if let Some(result) = result {
            self.define(line, result, ValueDef::Inst(inst))?;
        }
        self.use_values(&args);
        self.func.add_inst_data(op, imm, &args, result, loc);
        self.func.blocks[block.index()].insts.push(inst);
        Ok(())
    }

    fn immediate(&mut self, line: &mut Line, kind: ImmKind) -> Result<Imm, IrParseError> {
        fn named<T>(
            line: &mut Line,
            what: &str,
            from_name: fn(&str) -> Option<T>,
        ) -> Result<T, IrParseError> {
            let word = line.ident(what)?;
            from_name(&word).ok_or_else(|| line.error(format!("unknown {what} `{word}`")))
        }
        let func = &self.func;
        Ok(match kind {
            ImmKind::None => Imm::None,
            ImmKind::Const => {
                if line.eat_punct('#') {
                    Imm::Const(ConstId(line.u32()?))
                } else {
                    let value = line.constant()?;
                    let id = self.const_lookup.get(&value).copied().ok_or_else(|| {
                        line.error(format!(
                            "constant {} is not in the pool",
                            super::print::const_text(&value)
                        ))
                    })?;
                    Imm::Const(id)
                }
            }
            ImmKind::Name => Imm::Name(NameId(symbol_ref(line, "name", func.names.iter())?)),
            ImmKind::Local => Imm::Local(LocalId(symbol_ref(line, "local", func.locals.iter())?)),
            ImmKind::Deref => Imm::Deref(DerefId(symbol_ref(
                line,
                "cell",
                func.cells.iter().chain(&func.frees),
            )?)),
            ImmKind::Int => {
                let negative = line.eat_punct('-');
                let text = match line.next("an integer")? {
                    Token::Number(n) => n,
                    token => return line.unexpected(&token, "an integer"),
                };
                let value: i32 = text
                    .parse()
                    .map_err(|_| line.error(format!("bad integer `{text}`")))?;
                Imm::Int(if negative { -value } else { value })
            }
            ImmKind::Pair => {
                let a = line.u32()?;
                line.punct(':')?;
                Imm::Pair(a, line.u32()?)
            }
            ImmKind::Func => Imm::Func(FuncId(line.prefixed_id(FuncId::PREFIX, "a function id")?)),
            ImmKind::BinOp => Imm::BinOp(named(line, "binary operator", BinOp::from_name)?),
            ImmKind::UnaryOp => Imm::UnaryOp(named(line, "unary operator", UnaryOp::from_name)?),
            ImmKind::CmpOp => Imm::CmpOp(named(line, "comparison", CmpOp::from_name)?),
            ImmKind::Intrinsic => Imm::Intrinsic(named(line, "intrinsic", Intrinsic::from_name)?),
            ImmKind::Common => Imm::Common(named(line, "common object", Common::from_name)?),
        })
    }
}

/// A pool reference: `#N`, or a symbol looked up by its text (the first match).
fn symbol_ref<'a>(
    line: &mut Line,
    what: &str,
    mut pool: impl Iterator<Item = &'a String>,
) -> Result<u32, IrParseError> {
    if line.eat_punct('#') {
        return line.u32();
    }
    let symbol = line.symbol()?;
    match pool.position(|s| *s == symbol) {
        Some(index) => Ok(index as u32),
        None => Err(line.error(format!("{what} {symbol:?} is not in the function's table"))),
    }
}
