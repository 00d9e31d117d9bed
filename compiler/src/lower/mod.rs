//! Lowering: AST + [`SymbolTable`] → SSA IR [`Module`]. This is the one place Python
//! semantics are lowered (DESIGN.md §2).
//!
//! The [`Lowerer`] keeps a stack of [`Unit`]s, one per code object under construction (the
//! module, then each nested function, class body, lambda, generator expression, annotation
//! or type-parameter scope). Files split the work by concept:
//!
//! - `mod.rs` (this file): the entry points (with the [`FunctionSink`] that receives each
//!   finished function), the unit stack, source locations, closures and errors;
//!   `names.rs`: name resolution to load/store/delete operations.
//! - `stmt.rs`: simple statements, `if`, loops, `return`/`break`/`continue`, module bodies;
//!   `try_stmt.rs`: `try`/`except`/`except*`/`finally`; `with_stmt.rs`: `with`/`async with`;
//!   `import.rs`: imports and `__future__`; `unwind.rs`: leaving frame blocks early.
//! - `expr.rs`: expressions; `assign.rs`: assignment and deletion targets;
//!   `comprehension.rs`: comprehensions (PEP 709 inlining) and generator expressions;
//!   `fstring.rs`: f-strings and t-strings; `call.rs`: calls.
//! - `function.rs`: `def`, `lambda`, `class`, arguments, defaults, decorators;
//!   `annotations.rs`: PEP 649 `__annotate__`; `type_params.rs`: PEP 695 scopes and `type`
//!   aliases; `pattern.rs`: `match`; `size_hint.rs`: how big a code object's arrays start.

mod annotations;
mod assign;
mod call;
mod comprehension;
mod expr;
mod fstring;
mod function;
mod import;
mod names;
mod pattern;
mod pattern_literal;
mod size_hint;
mod spare;
mod stmt;
mod surrogates;
mod try_stmt;
mod type_params;
mod unwind;
mod with_stmt;

use crate::diagnostics::{CompileWarning, SyntaxDiagnostic, SyntaxErrorKind};
use crate::ir::builder::FunctionBuilder;
use crate::ir::{
    Block, DerefId, FuncId, Function, FunctionKind, Imm, Loc, LocalId, Module, NameId, Op, Value,
};
use crate::parse::SourceMap;
use crate::scope::{Scope, ScopeId, ScopeKind, SymbolScope, SymbolTable};
use crate::short_text::same_text;
use ruff_python_ast::ModModule;
use ruff_text_size::{TextRange, TextSize};

/// Lowering's result type: a rejection is a syntax diagnostic, boxed so that a result
/// fits in registers. Every expression and statement lowered returns one, and the
/// diagnostic itself (over a hundred bytes) made each of them a result written to memory
/// and read back by the caller.
pub type LowerResult<T> = Result<T, Box<SyntaxDiagnostic>>;

/// Lowers a parsed, scope-analysed module to IR.
pub fn lower_module<'a>(
    module: &'a ModModule,
    table: &'a SymbolTable<'a>,
    source: &'a str,
    filename: &'a str,
) -> Result<(Module, Vec<CompileWarning>), SyntaxDiagnostic> {
    let index = std::rc::Rc::new(crate::source::LineIndex::new(source));
    lower_module_indexed(module, table, source, filename, &index)
}

/// [`lower_module`] with the source's line index built by the caller.
pub fn lower_module_indexed<'a>(
    module: &'a ModModule,
    table: &'a SymbolTable<'a>,
    source: &'a str,
    filename: &'a str,
    index: &std::rc::Rc<crate::source::LineIndex>,
) -> Result<(Module, Vec<CompileWarning>), SyntaxDiagnostic> {
    lower_module_streaming(module, table, source, filename, index, None)
}

/// Receives each function the moment lowering finishes it (nested functions first, the
/// module body last); see [`lower_module_streaming`].
pub trait FunctionSink {
    /// Called once before lowering starts, with about how many functions are coming.
    fn reserve(&mut self, functions: usize);
    /// Takes the function: the module returned keeps none of the functions a sink was
    /// given, and lowering reads nothing of a function once it is finished (it keeps the
    /// free variables a closure needs apart, borrowed from the symbol table).
    fn finish(&mut self, func: &mut Function);
}

/// [`lower_module_indexed`], handing each function to `sink` as soon as it is complete,
/// while its IR is still in cache. A caller that optimises and compiles each function there
/// never holds the IR of a whole module at once; with a sink, the module returned has no
/// functions.
pub fn lower_module_streaming<'a>(
    module: &'a ModModule,
    table: &'a SymbolTable<'a>,
    source: &'a str,
    filename: &'a str,
    index: &std::rc::Rc<crate::source::LineIndex>,
    sink: Option<&'a mut dyn FunctionSink>,
) -> Result<(Module, Vec<CompileWarning>), SyntaxDiagnostic> {
    let mut lowerer = Lowerer::new(table, source, filename, std::rc::Rc::clone(index));
    // About one code object per scope (inlined comprehensions have none, a few scopes more
    // than one): the functions are large, so their array is sized once.
    lowerer.sink = sink;
    match lowerer.sink.as_mut() {
        Some(sink) => {
            sink.reserve(table.scopes.len());
            lowerer.finished_free_ends.reserve(table.scopes.len());
        }
        None => lowerer.module.functions.reserve(table.scopes.len()),
    }
    let lowered = lowerer.lower_module_body(module);
    let (module, warnings) = lowerer.finish();
    lowered.map_err(|error| *error)?;
    Ok((module, warnings))
}

/// What `break`/`continue`/`return` must unwind on the way out, innermost last
/// (CPython's "frame blocks"). `unwind.rs` emits the code leaving each kind; every variant
/// that changes the active exception handler records the handler that was active outside
/// it, so the unwinding code runs where CPython's `POP_BLOCK` would have put it.
#[derive(Debug, Clone)]
pub(crate) enum FrameBlock<'a> {
    /// A `for`, `async for` or `while` loop.
    Loop { continue_to: Block, break_to: Block },
    /// The body of a `try` with a `finally`: the final body is inlined on every exit.
    /// `handler` is the exception handler that was active outside the `try`.
    FinallyTry {
        body: &'a [ruff_python_ast::Stmt],
        handler: Option<Block>,
    },
    /// A copy of a `finally` body on a non-exceptional path. Leaving it needs no code; it
    /// only marks the region for PEP 765's warnings.
    FinallyBody,
    /// The `finally` body on the exceptional path: leaving it early (`return`, `break`)
    /// discards the pending exception and restores `previous` as the handled exception.
    FinallyEnd {
        previous: Value,
        handler: Option<Block>,
    },
    /// Inside `with`: leaving calls `__exit__(None, None, None)`, held in local `exit`,
    /// located at the context expression `range`.
    With {
        exit: LocalId,
        is_async: bool,
        handler: Option<Block>,
        range: TextRange,
    },
    /// Inside an `except` handler: leaving restores the previous exception `previous` and,
    /// when the handler binds a name, sets it to `None` and deletes it.
    ExceptHandler {
        previous: Value,
        name: Option<&'a str>,
        handler: Option<Block>,
    },
    /// Inside an `except*` handler, which `break`, `continue` and `return` may not leave.
    ExceptStarHandler,
}

/// One code object under construction.
pub(crate) struct Unit<'a> {
    /// Boxed so the unit stack moves a pointer rather than a whole function, and recycled
    /// (see `Lowerer::spare_builders`).
    pub b: Box<FunctionBuilder>,
    /// The scope the code object belongs to.
    pub scope: ScopeId,
    /// `scope`'s entry in the symbol table, at hand: every name lowered reads it.
    pub scope_info: &'a Scope<'a>,
    /// How each symbol of `scope` is accessed in this unit, by its position in the scope's
    /// symbol list, resolved once: resolution walks the symbol table, the locals and the
    /// name pool, and a body names the same few variables again and again. A function's
    /// fast locals are filled in as the unit is entered; otherwise it stays empty until the
    /// first name is resolved. Only used outside inlined comprehensions, which resolve
    /// names differently. See [`Lowerer::cached_access`].
    access_cache: Vec<Option<CachedAccess>>,
    /// Where this unit's free variables start in [`Lowerer::open_frees`].
    frees_start: u32,
    /// Where this unit's inlined comprehension scopes start in [`Lowerer::inlined_scopes`].
    inlined_start: u32,
    /// Where this unit's frame blocks start in [`Lowerer::frame_blocks`].
    frames_start: u32,
}

impl<'a> Unit<'a> {
    /// The stand-in for "no unit": an empty builder `b` (a spare one, or one that allocates
    /// nothing but its box), in the module's scope (which every symbol table has).
    fn placeholder(table: &'a SymbolTable<'a>, b: Box<FunctionBuilder>) -> Self {
        Unit {
            b,
            scope: ScopeId(0),
            scope_info: table.scope(ScopeId(0)),
            access_cache: Vec::new(),
            frees_start: 0,
            inlined_start: 0,
            frames_start: 0,
        }
    }
}

/// Lowers one module. See the module docs for how the work is split across files.
pub(crate) struct Lowerer<'a> {
    pub table: &'a SymbolTable<'a>,
    pub source: &'a str,
    pub filename: &'a str,
    map: SourceMap<'a>,
    /// The line of the last offset converted (see [`LineSpan`]).
    line_span: std::cell::Cell<LineSpan>,
    /// The line of the last range end [`Lowerer::set_loc`] found off its start's line.
    end_line_span: std::cell::Cell<LineSpan>,
    pub module: Module,
    pub warnings: Vec<CompileWarning>,
    /// The unit being built, outside the stack so that reaching its builder (hundreds of
    /// call sites, most instructions emitted) is a single load rather than a length check
    /// and an index. While no unit is being built it is a placeholder with no code.
    current: Unit<'a>,
    /// The units enclosing `current`, outermost first, under a placeholder at the bottom:
    /// its length is the number of units being built (see [`Lowerer::depth`]), and it is
    /// empty while none is.
    enclosing: Vec<Unit<'a>>,
    /// `from __future__ import annotations` is in effect.
    pub future_annotations: bool,
    /// Definition state: enclosing class names for private-name mangling and pending
    /// module/class annotations (see `function.rs`).
    pub(crate) defs: function::DefinitionState<'a>,
    /// The line of the last `from __future__ import` in the module's leading run of them
    /// (CPython's `ff_lineno`); 0 when there is none. Later ones are errors.
    pub future_line: u32,
    /// How many instructions the next [`Lowerer::enter_unit`] should make room for (see
    /// `size_hint.rs`); 0 for the default.
    unit_insts_hint: usize,
    /// The access caches of units already left, for the next units to reuse: allocating
    /// them afresh for every unit cost more than the rest of entering a small function.
    /// Kept for the thread's next module too (see `spare.rs`).
    spare_caches: Vec<Vec<Option<CachedAccess>>>,
    /// The scopes of the inlined comprehensions (PEP 709) being lowered, innermost last,
    /// each unit's from its [`Unit::inlined_start`]: names resolve in the innermost, or in
    /// the unit's own scope when the unit has none. One list for all units, as the frame
    /// blocks below, so that entering a unit allocates, recycles and moves no list of its
    /// own (a unit is 56 bytes rather than 104, and moves twice on entry and exit).
    inlined_scopes: Vec<ScopeId>,
    /// What `break`/`continue`/`return` must unwind, innermost last, each unit's from its
    /// [`Unit::frames_start`].
    frame_blocks: Vec<FrameBlock<'a>>,
    /// The builders of units already left, their functions taken, for the next units to
    /// [`restart`](FunctionBuilder::restart).
    #[expect(
        clippy::vec_box,
        reason = "the builders move between this list and `Unit::b` as boxes, each move a pointer"
    )]
    spare_builders: Vec<Box<FunctionBuilder>>,
    /// The operands of the calls being lowered, innermost last. A call pushes its operands
    /// (its arguments' own calls push and pop theirs above them) and emits its instruction
    /// from the top of the stack, so no call allocates a list for its operands.
    operand_stack: Vec<Value>,
    /// Receives each finished function (see [`lower_module_streaming`]).
    sink: Option<&'a mut dyn FunctionSink>,
    /// Working space for [`stmt::clean_docstring`], kept from one docstring to the next.
    docstring_lines: Vec<stmt::DocLine>,
    /// The frame blocks an early exit has left while its code is emitted, to be put back
    /// after (see `Lowerer::unwind_frames`).
    unwound_frames: Vec<FrameBlock<'a>>,
    /// With a sink, the free variables of the functions finished so far, one after the
    /// other in id order (see `finished_free_ends`): the sink takes the functions, and a
    /// closure needs no more of them. Keeping the rest of each function in the module (the
    /// struct is about 500 bytes) wrote it to fresh memory that nothing read again, and
    /// keeping the function's own names cost the sink a copy of them; these are borrowed
    /// from the symbol table. Without a sink the module's functions are read instead.
    finished_frees: Vec<&'a str>,
    /// Where each finished function's free variables end in `finished_frees`, by id.
    finished_free_ends: Vec<u32>,
    /// The free variables of the open units, outermost first, each unit's from its
    /// [`Unit::frees_start`]: its [`Function::frees`], borrowed from the symbol table as
    /// the unit is entered, while its symbols are in cache. A finished function's are
    /// moved to `finished_frees`.
    open_frees: Vec<&'a str>,
}

impl<'a> Lowerer<'a> {
    pub fn new(
        table: &'a SymbolTable<'a>,
        source: &'a str,
        filename: &'a str,
        index: std::rc::Rc<crate::source::LineIndex>,
    ) -> Self {
        let spares = spare::take();
        let mut spare_builders = spares.builders;
        let placeholder = spare_builders
            .pop()
            .unwrap_or_else(|| Box::new(FunctionBuilder::placeholder()));
        Lowerer {
            table,
            source,
            filename,
            map: SourceMap::with_index(source, filename, index),
            line_span: std::cell::Cell::new(LineSpan::EMPTY),
            end_line_span: std::cell::Cell::new(LineSpan::EMPTY),
            module: Module::new(filename),
            warnings: Vec::new(),
            current: Unit::placeholder(table, placeholder),
            enclosing: Vec::new(),
            future_annotations: false,
            defs: function::DefinitionState::default(),
            future_line: 0,
            unit_insts_hint: 0,
            spare_caches: spares.caches,
            inlined_scopes: Vec::new(),
            frame_blocks: Vec::new(),
            spare_builders,
            operand_stack: spares.operand_stack,
            sink: None,
            docstring_lines: Vec::new(),
            unwound_frames: Vec::new(),
            finished_frees: Vec::new(),
            finished_free_ends: Vec::new(),
            open_frees: Vec::new(),
        }
    }

    /// Pushes an operand for [`Lowerer::ins_from_stack`].
    pub(crate) fn push_operand(&mut self, value: Value) {
        self.operand_stack.push(value);
    }

    /// The height of the operand stack, to hand to [`Lowerer::ins_from_stack`] once the
    /// operands are pushed.
    pub(crate) fn operand_base(&self) -> usize {
        self.operand_stack.len()
    }

    /// Pops the operands pushed since the stack was `base` high, unused.
    pub(crate) fn drop_operands(&mut self, base: usize) {
        self.operand_stack.truncate(base);
    }

    /// Emits `op` with the operands pushed since the stack was `base` high, popping them.
    pub(crate) fn ins_from_stack(&mut self, op: Op, imm: Imm, base: usize) -> Value {
        // The unit stack and the operand stack are separate fields, so the builder reads
        // the operands in place.
        let value = self.current.b.ins(op, imm, &self.operand_stack[base..]);
        self.operand_stack.truncate(base);
        value
    }

    // ---- source positions -------------------------------------------------------------

    /// 1-based line and 0-based byte column of a source offset. The check against the
    /// cached line inlines into every caller (most offsets are on it); the rest is out of
    /// line.
    #[inline(always)]
    pub fn line_col(&self, offset: TextSize) -> (u32, u32) {
        let offset = u32::from(offset);
        let span = self.line_span.get();
        if let Some(col) = span.col(offset) {
            return (span.line, col);
        }
        self.line_col_off_span(offset)
    }

    /// [`Lowerer::line_col`] of an offset off the cached line.
    #[inline(never)]
    fn line_col_off_span(&self, offset: u32) -> (u32, u32) {
        let span = self.line_span.get();
        // Lowering moves on a statement at a time, so the next line is tried before the
        // index is searched.
        if offset >= span.end {
            let next = LineSpan::of_line(&self.map.index, span.line + 1);
            if let Some(col) = next.col(offset) {
                self.line_span.set(next);
                return (next.line, col);
            }
        }
        let (line, col) = self.map.index.line_col(TextSize::new(offset));
        self.line_span.set(LineSpan::of_line(&self.map.index, line));
        (line, col)
    }

    /// Sets the location of subsequently emitted instructions to that of a source range.
    /// Both ends usually lie on a line already at hand, so nothing else is cached: keeping
    /// the last range with its location, to answer a repeated range, cost more in checks
    /// and updates than it saved. The case of both ends on the cached line inlines into
    /// every caller (a call cost about as much as its work), and each path stores the
    /// location in the builder itself: computing it first and storing it after, the two
    /// paths met with the location in a temporary on the stack that was then copied over.
    #[inline(always)]
    pub fn set_loc(&mut self, range: TextRange) {
        let (start, end) = (u32::from(range.start()), u32::from(range.end()));
        let span = self.line_span.get();
        // A range never ends before it starts, so this puts both ends on the span's line.
        if start >= span.start && end < span.end {
            self.b().loc = Loc {
                line: span.line,
                col: start - span.start,
                end_line: span.line,
                end_col: end - span.start,
            };
            return;
        }
        self.set_loc_off_span(range);
    }

    /// [`Lowerer::set_loc`] of a range not lying on the cached line.
    #[inline(never)]
    fn set_loc_off_span(&mut self, range: TextRange) {
        let (line, col) = self.line_col(range.start());
        // The end is looked up without moving the cached line: a range ending on another
        // line (a compound statement) is usually followed by its first sub-expression,
        // which starts on the start's line again.
        let end = u32::from(range.end());
        let (end_line, end_col) = if let Some(end_col) = self.line_span.get().col(end) {
            (line, end_col)
        } else if let Some(end_col) = self.end_line_span.get().col(end) {
            (self.end_line_span.get().line, end_col)
        } else {
            // Such ends are kept apart: the statement's own location is set again after
            // each of its sub-expressions, so the same end comes back many times.
            let (end_line, end_col) = self.map.index.line_col(range.end());
            self.end_line_span
                .set(LineSpan::of_line(&self.map.index, end_line));
            (end_line, end_col)
        };
        self.b().loc = Loc {
            line,
            col,
            end_line,
            end_col,
        };
    }

    /// A `SyntaxError` at `range` with CPython's position fields.
    pub fn error(&self, range: TextRange, message: impl Into<String>) -> Box<SyntaxDiagnostic> {
        Box::new(self.map.at_range(
            SyntaxErrorKind::SyntaxError,
            &message.into(),
            range.start(),
            range.end(),
        ))
    }

    /// Records a compile-time warning (e.g. PEP 765's `SyntaxWarning`).
    pub fn warn(&mut self, category: &'static str, range: TextRange, message: impl Into<String>) {
        let (lineno, _) = self.line_col(range.start());
        self.warnings.push(CompileWarning {
            category,
            message: message.into(),
            filename: self.filename.to_owned(),
            lineno,
        });
    }

    // ---- the unit stack ---------------------------------------------------------------

    /// The unit being built.
    pub fn unit(&mut self) -> &mut Unit<'a> {
        debug_assert!(!self.enclosing.is_empty(), "no unit is being lowered");
        &mut self.current
    }

    /// The unit being built, for reading.
    pub(crate) fn unit_ref(&self) -> &Unit<'a> {
        debug_assert!(!self.enclosing.is_empty(), "no unit is being lowered");
        &self.current
    }

    /// The unit being built; `None` while none is.
    pub(crate) fn current_unit(&self) -> Option<&Unit<'a>> {
        (!self.enclosing.is_empty()).then_some(&self.current)
    }

    /// How many units are being built: 1 in a module body.
    pub(crate) fn depth(&self) -> usize {
        self.enclosing.len()
    }

    /// The unit at nesting `level`, 0 being the outermost, below [`Lowerer::depth`].
    pub(crate) fn unit_at(&self, level: usize) -> &Unit<'a> {
        if level + 1 == self.enclosing.len() {
            &self.current
        } else {
            // The bottom of `enclosing` is the placeholder, so level 0 is at index 1.
            &self.enclosing[level + 1]
        }
    }

    /// The current unit's builder.
    pub fn b(&mut self) -> &mut FunctionBuilder {
        &mut self.current.b
    }

    /// The scope names currently resolve in.
    pub fn current_scope(&self) -> ScopeId {
        let unit = self.unit_ref();
        self.inlined_scopes[unit.inlined_start as usize..]
            .last()
            .copied()
            .unwrap_or(unit.scope)
    }

    /// The scopes names resolve in, outermost first: the unit's own, then those of the
    /// inlined comprehensions being lowered in it. `depth` 0 is the unit's own.
    pub(crate) fn scope_at_depth(&self, depth: usize) -> ScopeId {
        let unit = self.unit_ref();
        match depth.checked_sub(1) {
            None => unit.scope,
            Some(index) => self.inlined_scopes[unit.inlined_start as usize + index],
        }
    }

    /// How many scopes names resolve through (see [`Lowerer::scope_at_depth`]): 1 outside
    /// inlined comprehensions.
    pub(crate) fn scope_depth(&self) -> usize {
        1 + self.inlined_scopes.len() - self.unit_ref().inlined_start as usize
    }

    /// Whether an inlined comprehension is being lowered in the current unit.
    #[inline]
    pub(crate) fn in_inlined_comprehension(&self) -> bool {
        self.inlined_scopes.len() != self.current.inlined_start as usize
    }

    /// The current unit's frame blocks, innermost last.
    pub(crate) fn unit_frames(&self) -> &[FrameBlock<'a>] {
        &self.frame_blocks[self.current.frames_start as usize..]
    }

    /// Starts a code object for `scope`. Locals, cells and frees are laid out from the
    /// symbol table: parameters first, then other locals in first-seen order; cells and
    /// frees sorted, then the implicit `__class__`, `__classdict__` and
    /// `__conditional_annotations__` cells of class and module bodies that need them.
    /// The qualified name is taken by value, so a caller that built it hands it over
    /// rather than having it copied.
    pub fn enter_unit(
        &mut self,
        scope: ScopeId,
        kind: FunctionKind,
        name: &str,
        qualname: impl Into<String>,
        first_line: u32,
    ) {
        let info = self.table.scope(scope);
        let insts = match std::mem::take(&mut self.unit_insts_hint) {
            0 => 32,
            hint => hint,
        };
        let mut b = match self.spare_builders.pop() {
            Some(mut b) => {
                b.func
                    .reset(name.to_owned(), qualname.into(), kind, first_line, insts);
                b.restart();
                b
            }
            None => Box::new(FunctionBuilder::new(Function::with_capacity(
                name, qualname, kind, first_line, insts,
            ))),
        };
        let func = &mut b.func;
        // Whether the scope may have cells or free variables (see below).
        let mut derefs = false;
        let mut access_cache = self.spare_caches.pop().unwrap_or_default();
        if matches!(
            info.kind,
            ScopeKind::Function
                | ScopeKind::Lambda
                | ScopeKind::Comprehension
                | ScopeKind::Annotation
                | ScopeKind::TypeParams
                | ScopeKind::TypeAlias
                | ScopeKind::TypeVarBound
        ) {
            // The slot each local gets here is what its first access would look up, so it
            // is recorded now (see `Unit::access_cache`): a parameter keeps its place (the
            // first, should a name repeat), and the other locals follow in symbol order.
            // The locals are laid out directly rather than through `ensure_local`, whose
            // index they would all enter whether or not anything looks a local up later.
            access_cache.resize(info.symbols.len(), None);
            let mut locals_added = 0;
            for (slot, param) in info.params().enumerate() {
                // The scope builder records the parameters first, so a parameter's symbol
                // is usually at its own slot: one comparison instead of a hash lookup.
                let position = match info.symbols.get(slot) {
                    Some(symbol) if same_text(&symbol.name, param) => Some(slot),
                    _ => info.position(param),
                };
                if let Some(position) = position
                    && info.symbols[position].scope == SymbolScope::Local
                    && access_cache[position].is_none()
                {
                    access_cache[position] = Some(CachedAccess {
                        access: NameAccess::Fast(LocalId::new(slot)),
                        name_id: None,
                    });
                    locals_added += 1;
                }
            }
            // Room for every local at once: the parameters are copied into a list that
            // the other locals would otherwise regrow. Every symbol not yet laid out is
            // counted, local or not, which spares a walk over the symbols to count them.
            func.locals = Vec::with_capacity(
                info.params().len() + info.symbols.len().saturating_sub(locals_added),
            );
            func.locals
                .extend(info.params().map(|param| param.to_string()));
            for (position, symbol) in info.symbols.iter().enumerate() {
                if symbol.scope == SymbolScope::Local {
                    if access_cache[position].is_none() {
                        let slot = LocalId::new(func.locals.len());
                        func.locals.push(symbol.name.to_string());
                        access_cache[position] = Some(CachedAccess {
                            access: NameAccess::Fast(slot),
                            name_id: None,
                        });
                    }
                } else {
                    derefs |= matches!(symbol.scope, SymbolScope::Cell | SymbolScope::Free);
                }
                derefs |= symbol.flags & DEREF_FLAGS != 0;
            }
        } else {
            func.locals = info.params().map(|param| param.to_string()).collect();
            derefs = true;
        }
        // As `_PyCompile_EnterScope`: the sorted cell variables, then the implicit cells a
        // class or module body provides, appended in this order unless already present.
        // Most functions have neither cells nor free variables, which the walk over their
        // symbols above found out: they skip the two walks that list them.
        let frees_start = self.open_frees.len();
        if derefs {
            func.cells = info.cellvars();
            // Borrowed from the symbol table (see `Lowerer::open_frees`).
            self.open_frees.extend(info.freevars());
            // Symbol names are unique, so the unstable sort orders them as a stable one.
            self.open_frees[frees_start..].sort_unstable();
            func.frees = self.open_frees[frees_start..]
                .iter()
                .map(|name| (*name).to_owned())
                .collect();
        }
        let implicit = [
            (info.needs_class_closure, "__class__"),
            (info.needs_classdict, "__classdict__"),
            (
                info.has_conditional_annotations,
                "__conditional_annotations__",
            ),
        ];
        if matches!(info.kind, ScopeKind::Class | ScopeKind::Module) {
            for (needed, cell) in implicit {
                if needed && !func.cells.iter().any(|c| c == cell) {
                    func.cells.push(cell.to_owned());
                }
            }
        }
        // A local that is also a cell or free variable is accessed through it instead
        // (`Lowerer::access_for`); those are resolved on first use. Most code objects have
        // neither, and skip the walk.
        if !(func.cells.is_empty() && func.frees.is_empty()) {
            for (position, symbol) in info.symbols.iter().enumerate() {
                if access_cache.get(position).is_some_and(Option::is_some)
                    && (func
                        .cells
                        .iter()
                        .chain(&func.frees)
                        .any(|c| same_text(c, &symbol.name)))
                {
                    access_cache[position] = None;
                }
            }
        }
        let enclosing = std::mem::replace(
            &mut self.current,
            Unit {
                b,
                scope,
                scope_info: info,
                access_cache,
                frees_start: u32::try_from(frees_start).expect("too many frees"),
                inlined_start: self.inlined_scopes.len() as u32,
                frames_start: self.frame_blocks.len() as u32,
            },
        );
        self.enclosing.push(enclosing);
    }

    /// Makes the next unit's arrays room for the code of `body`.
    pub(crate) fn size_next_unit(&mut self, body: &[ruff_python_ast::Stmt]) {
        self.unit_insts_hint = size_hint::insts_for(body);
    }

    /// [`Lowerer::size_next_unit`] for a `body` with no nested definitions (see
    /// [`size_hint::insts_for_flat`]).
    pub(crate) fn size_next_flat_unit(&mut self, body: &[ruff_python_ast::Stmt]) {
        self.unit_insts_hint = size_hint::insts_for_flat(body);
    }

    /// [`Lowerer::size_next_unit`] for a class body (see [`size_hint::insts_for_class`]).
    pub(crate) fn size_next_class_unit(&mut self, body: &[ruff_python_ast::Stmt]) {
        self.unit_insts_hint = size_hint::insts_for_class(body);
    }

    /// Finishes the current code object and adds it to the module.
    pub fn exit_unit(&mut self) -> FuncId {
        let frees_start = self.current.frees_start as usize;
        let mut b = self.leave_unit();
        let id = match self.sink.as_mut() {
            // The sink works on the function where the builder holds it.
            Some(sink) => {
                let func = b.finished_function();
                // Most functions have no free variables, and skip the drain's setup.
                if frees_start < self.open_frees.len() {
                    self.finished_frees
                        .extend(self.open_frees.drain(frees_start..));
                }
                let end = u32::try_from(self.finished_frees.len()).expect("too many frees");
                self.finished_free_ends.push(end);
                sink.finish(func);
                FuncId::new(self.finished_free_ends.len() - 1)
            }
            None => {
                let functions = &mut self.module.functions;
                // Taken straight into a new slot at the end of the module's list: pushing
                // it copied the whole function once more.
                functions.resize_with(functions.len() + 1, || b.take_function());
                self.open_frees.truncate(frees_start);
                FuncId::new(functions.len() - 1)
            }
        };
        self.spare_builders.push(b);
        id
    }

    /// Leaves the current unit, keeping its working arrays for the next unit, and returns
    /// its builder, whose function the caller takes before handing the builder to
    /// `spare_builders`.
    fn leave_unit(&mut self) -> Box<FunctionBuilder> {
        let Unit {
            b,
            mut access_cache,
            ..
        } = self.pop_unit();
        access_cache.clear();
        self.spare_caches.push(access_cache);
        b
    }

    /// Ends lowering: the module and the warnings, once the thread's spares are kept for
    /// its next module (see `spare.rs`).
    fn finish(self) -> (Module, Vec<CompileWarning>) {
        let Lowerer {
            module,
            warnings,
            current,
            enclosing,
            mut spare_builders,
            spare_caches,
            operand_stack,
            ..
        } = self;
        // After an error the units still open hold functions, and are dropped.
        if enclosing.is_empty() {
            spare_builders.push(current.b);
        }
        spare::keep(spare::Spares {
            builders: spare_builders,
            caches: spare_caches,
            operand_stack,
        });
        (module, warnings)
    }

    /// Leaves the current unit without finishing it, returning it.
    pub(crate) fn pop_unit(&mut self) -> Unit<'a> {
        let enclosing = self.enclosing.pop().expect("no unit to exit");
        std::mem::replace(&mut self.current, enclosing)
    }

    /// The qualified name for a definition called `name` inside the current unit, following
    /// CPython's rules (`outer.<locals>.inner`, `Class.method`, a bare name for globals).
    pub fn qualname_for(&self, name: &str) -> String {
        let Some(unit) = self.current_unit() else {
            return name.to_owned();
        };
        let scope = unit.scope_info;
        if scope.kind == ScopeKind::Module {
            return name.to_owned();
        }
        if self.table.scope(self.current_scope()).resolve(name) == SymbolScope::GlobalExplicit {
            return name.to_owned();
        }
        let parent = &unit.b.func.qualname;
        match scope.kind {
            ScopeKind::Class => function::join_qualname(parent, ".", name),
            _ => function::join_qualname(parent, ".<locals>.", name),
        }
    }

    /// Builds the closure tuple for code `func` (which must already be finished) from the
    /// current unit's cells and frees; `None` when it has no free variables.
    pub fn closure_for(&mut self, func: FuncId) -> Option<Value> {
        let count = self.free_count(func);
        if count == 0 {
            return None;
        }
        // The names are read in place and the loads gathered on the operand stack: copying
        // the list of names and collecting the loads allocated twice per closure.
        let base = self.operand_base();
        for index in 0..count {
            let name = self.free_name(func, index);
            let slot = self.closure_slot(name).unwrap_or_else(|| {
                panic!("free variable {name:?} of {func} has no cell in the enclosing unit")
            });
            let cell = self.b().ins(Op::LoadClosure, Imm::Deref(slot), []);
            self.push_operand(cell);
        }
        Some(self.ins_from_stack(Op::BuildTuple, Imm::None, base))
    }

    /// How many free variables finished function `func` has.
    fn free_count(&self, func: FuncId) -> usize {
        match self.sink {
            Some(_) => self.finished_free_range(func).len(),
            None => self.module.function(func).frees.len(),
        }
    }

    /// Free variable `index` of finished function `func`.
    fn free_name(&self, func: FuncId, index: usize) -> &str {
        match self.sink {
            Some(_) => self.finished_frees[self.finished_free_range(func).start + index],
            None => &self.module.function(func).frees[index],
        }
    }

    /// Where finished function `func`'s free variables are in `finished_frees`.
    fn finished_free_range(&self, func: FuncId) -> std::ops::Range<usize> {
        let end = |id: usize| self.finished_free_ends[id] as usize;
        let start = func.index().checked_sub(1).map_or(0, end);
        start..end(func.index())
    }

    // ---- module entry -----------------------------------------------------------------

    fn lower_module_body(&mut self, module: &'a ModModule) -> LowerResult<()> {
        let root = self.table.root();
        // `f0`, the entry, is held for the module body, which is finished last: the code
        // objects nested in it then get their final ids as they are added, and nothing
        // needs renumbering or moving once the body is done.
        match self.sink {
            Some(_) => self.finished_free_ends.push(0),
            None => {
                let placeholder = Function::with_capacity("", "", FunctionKind::Module, 1, 0);
                self.module.add_function(placeholder);
            }
        }
        self.size_next_unit(&module.body);
        self.enter_unit(root, FunctionKind::Module, "<module>", "<module>", 1);
        self.lower_module_statements(&module.body)?;
        let mut b = self.leave_unit();
        match self.sink.as_mut() {
            Some(sink) => {
                sink.finish(b.finished_function());
                // Whatever the sink left goes: a kept builder holds no function.
                drop(b.take_function());
            }
            None => self.module.functions[0] = b.take_function(),
        }
        self.spare_builders.push(b);
        Ok(())
    }
}

/// The source line lowering last converted an offset on: offsets in `start..end` are on
/// 1-based `line`. Lowering walks the source nearly in order and every instruction gets a
/// location, so most conversions land on the line of the previous one, where the column
/// is one subtraction; [`LineIndex::line_col`](crate::source::LineIndex::line_col) is
/// asked only when the line changes.
#[derive(Debug, Clone, Copy)]
struct LineSpan {
    start: u32,
    end: u32,
    line: u32,
}

impl LineSpan {
    /// A span no offset falls in.
    const EMPTY: LineSpan = LineSpan {
        start: 1,
        end: 0,
        line: 0,
    };

    /// The span of 1-based `line`. The last line's span stops short of the end of the
    /// source, whose clamping is left to the index.
    fn of_line(index: &crate::source::LineIndex, line: u32) -> LineSpan {
        LineSpan {
            start: u32::from(index.line_start(line)),
            end: u32::from(index.line_start(line + 1)),
            line,
        }
    }

    /// The 0-based column of `offset` if it lies on this span's line.
    #[inline]
    fn col(self, offset: u32) -> Option<u32> {
        (offset >= self.start && offset < self.end).then(|| offset - self.start)
    }
}

/// The symbol flags that put a name among the cells or free variables whatever its scope
/// (see [`Scope::cellvars`] and [`Scope::freevars`]).
const DEREF_FLAGS: u32 = crate::scope::flags::DEF_COMP_CELL | crate::scope::flags::DEF_FREE_CLASS;

/// The cells a class body provides to the scopes nested in it; a class's closures always
/// capture its own cell for these, even when the name is also free in the class.
const CLASS_IMPLICIT_CELLS: [&str; 3] =
    ["__class__", "__classdict__", "__conditional_annotations__"];

/// A name's resolution in a unit (see [`Lowerer::cached_access`]).
#[derive(Debug, Clone, Copy)]
struct CachedAccess {
    access: NameAccess,
    /// The name's pool id, for the accesses by name.
    name_id: Option<NameId>,
}

/// Which operation family serves a name (see [`Lowerer::name_access`]).
#[derive(Debug, Clone, Copy)]
enum NameAccess {
    Fast(LocalId),
    Deref(DerefId),
    Global,
    Name,
    /// A free variable read from a class body: the class namespace first, then the cell.
    ClassDeref(DerefId),
    /// A global read from an annotation scope that can see the class namespace.
    ClassDictGlobal(DerefId),
    /// A free variable read from such a scope.
    ClassDictDeref(DerefId, DerefId),
}
