//! Code generation of one IR instruction: its operands' registers, the opcode it becomes,
//! that opcode's fixed operands in table order and the code units they encode to (a part
//! of [`super::Codegen`], kept apart because the operation table is long).

use super::{Codegen, Result};
use crate::bytecode::opcodes::Opcode;
use crate::ir::{BinOp, CmpOp, Common, Imm, Inst, InstData, Intrinsic, Op, UnaryOp, Value};

/// Up to six fixed operands, without allocating. The slots past the opcode's count (its
/// [`ROW_SHAPES`] entry, which [`row!`] checks at compile time) hold zeros, so
/// [`Codegen::encode_row`] can narrow all six at once without looping over the count.
#[derive(Clone, Copy)]
struct Operands {
    values: [u32; 6],
}

impl<const N: usize> From<[u32; N]> for Operands {
    fn from(array: [u32; N]) -> Self {
        let mut values = [0; 6];
        values[..N].copy_from_slice(&array);
        Operands { values }
    }
}

/// [`ROW_SHAPES`]: the number of fixed operands that are not a register list's count.
const ROW_FIXED: u8 = 0x0f;
/// [`ROW_SHAPES`]: the opcode ends with a register list.
const ROW_LIST: u8 = 0x10;
/// [`ROW_SHAPES`]: the opcode has a jump target, which the operation table never emits.
const ROW_TARGET: u8 = 0xff;

/// What [`Codegen::encode_row`] needs of each opcode (by code unit), in one byte, so one
/// table lookup answers it: [`ROW_TARGET`], or the count of fixed operands with
/// [`ROW_LIST`] when a register list follows them.
const ROW_SHAPES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < Opcode::ALL.len() {
        let unit = Opcode::ALL[i] as usize;
        let (len, has_list) = Opcode::FIXED_LENGTHS[unit];
        assert!(len <= ROW_FIXED);
        table[unit] = if super::HAS_TARGET[unit] {
            ROW_TARGET
        } else if has_list {
            (len - 2) | ROW_LIST
        } else {
            len - 1
        };
        i += 1;
    }
    table
};

/// Whether the opcode table agrees with a row of the operation table: `nfixed` fixed
/// operands that are not a register list's count, then a register list when `has_list`,
/// and no jump target.
const fn row_agrees(opcode: Opcode, nfixed: usize, has_list: bool) -> bool {
    let shape = ROW_SHAPES[opcode as usize];
    shape != ROW_TARGET
        && (shape & ROW_FIXED) as usize == nfixed
        && (shape & ROW_LIST != 0) == has_list
}

/// `1`, whatever the operand: [`row!`] counts its operands with it.
macro_rules! one {
    ($operand:expr) => {
        1
    };
}

/// `row!(opcode, [a, b])`: a row of the operation table, the opcode and its fixed operands
/// as an [`Operands`]; `row!(opcode, [a, b], skip)` when the opcode ends with a register
/// list, the IR operands from `skip` on. The operand count and the list are checked
/// against the opcode table at compile time, so [`Codegen::encode_row`] need not check
/// them for every instruction.
macro_rules! row {
    ($opcode:expr, [$($operand:expr),* $(,)?]) => {{
        const { assert!(row_agrees($opcode, 0 $(+ one!($operand))*, false)) };
        ($opcode, Operands::from([$($operand),*]), None)
    }};
    ($opcode:expr, [$($operand:expr),* $(,)?], $skip:expr) => {{
        const { assert!(row_agrees($opcode, 0 $(+ one!($operand))*, true)) };
        ($opcode, Operands::from([$($operand),*]), Some($skip))
    }};
}

/// Every operator enum lists its variants in `ALL` in declaration order, so a variant's
/// discriminant is its index there (the operand the VM decodes by that index).
const ALL_IN_ORDER: () = {
    macro_rules! check {
        ($($enum:ident),*) => {$(
            let mut i = 0;
            while i < $enum::ALL.len() {
                assert!($enum::ALL[i] as usize == i);
                i += 1;
            }
        )*};
    }
    check!(BinOp, UnaryOp, CmpOp, Intrinsic, Common);
};

impl Codegen<'_> {
    /// Emits a block's instructions (not its terminator), leaving out those
    /// `forward_locals` dropped. The loop lives here so that [`Codegen::emit_inst`] is
    /// inlined into it: a call per instruction, with the large frame the operation table
    /// needs, costs more than the rest of a typical instruction's encoding.
    pub(super) fn emit_insts(&mut self, insts: &[Inst]) -> Result<()> {
        let func = self.func;
        for &id in insts {
            if self.bufs.skip.get(id.index()).copied().unwrap_or(false) {
                continue;
            }
            let inst = func
                .insts
                .get(id.index())
                .ok_or_else(|| self.error("bad instruction"))?;
            self.loc = func.inst_loc(id);
            self.emit_inst(inst)?;
        }
        Ok(())
    }

    /// Emits `inst` (not a terminator).
    #[inline(always)]
    fn emit_inst(&mut self, inst: &InstData) -> Result<()> {
        // Nearly every instruction has a few operands: their registers go in a buffer on
        // the stack; only long operand lists (calls, displays) use the reusable vector.
        let values = self.func.args_of(inst);
        let mut small = [0u32; 6];
        let Some(regs) = small.get_mut(..values.len()) else {
            return self.emit_inst_long(inst, values);
        };
        for (reg, &value) in regs.iter_mut().zip(values) {
            *reg = self.reg(value)?;
        }
        self.emit_inst_with(inst, regs)
    }

    /// [`Codegen::emit_inst`] for an instruction with more operands than its buffer holds.
    /// Kept out of line: the vector's bookkeeping would otherwise cost every instruction.
    #[inline(never)]
    fn emit_inst_long(&mut self, inst: &InstData, values: &[Value]) -> Result<()> {
        let mut long = std::mem::take(&mut self.bufs.arg_regs);
        long.clear();
        for &value in values {
            long.push(self.reg(value)?);
        }
        let result = self.emit_inst_with(inst, &long);
        self.bufs.arg_regs = long;
        result
    }

    /// [`Codegen::emit_inst`] once the operands' registers are known. Inlined into its one
    /// caller: a call per instruction costs more than the duplicated code saves.
    #[inline(always)]
    fn emit_inst_with(&mut self, inst: &InstData, args: &[u32]) -> Result<()> {
        let dst = inst.result.map(|v| self.reg(v)).transpose()?;
        let need_dst =
            || dst.ok_or_else(|| self.error(format!("{} lacks a result", inst.op.name())));
        let arg = |i: usize| {
            args.get(i)
                .copied()
                .ok_or_else(|| self.error(format!("{} lacks operand {i}", inst.op.name())))
        };
        let bad_imm = || {
            self.error(format!(
                "{} has a bad immediate {:?}",
                inst.op.name(),
                inst.imm
            ))
        };
        let imm = match inst.imm {
            Imm::Const(c) => c.0,
            Imm::Name(n) => n.0,
            Imm::Local(l) => l.0,
            Imm::Deref(d) => d.0,
            Imm::Func(f) => f.0,
            Imm::Int(i) => u32::try_from(i).map_err(|_| bad_imm())?,
            // An operator's operand is its index in the enum's `ALL`, which is its
            // discriminant (checked by `ALL_IN_ORDER` at compile time).
            Imm::BinOp(op) => op as u32,
            Imm::UnaryOp(op) => op as u32,
            Imm::CmpOp(op) => op as u32,
            Imm::Intrinsic(op) => op as u32,
            Imm::Common(op) => op as u32,
            Imm::Pair(a, _) => a,
            Imm::None => 0,
        };
        let () = ALL_IN_ORDER;
        use Opcode as O;
        // The fixed operands (at most six), and how many leading IR operands to drop to get
        // the register list, when the opcode has one.
        let (opcode, operands, list): (Opcode, Operands, Option<usize>) = match inst.op {
            Op::Const => row!(O::LoadConst, [need_dst()?, imm]),
            Op::LoadFast => row!(O::LoadFast, [need_dst()?, imm]),
            Op::LoadFastAndClear => row!(O::LoadFastAndClear, [need_dst()?, imm]),
            Op::StoreFast => row!(O::Move, [imm, arg(0)?]),
            Op::DeleteFast => row!(O::DeleteFast, [imm]),
            Op::Release => row!(O::Release, [arg(0)?]),
            Op::LoadDeref => row!(O::LoadDeref, [need_dst()?, imm]),
            Op::StoreDeref => row!(O::StoreDeref, [imm, arg(0)?]),
            Op::DeleteDeref => row!(O::DeleteDeref, [imm]),
            Op::LoadClosure => row!(O::LoadClosure, [need_dst()?, imm]),
            Op::LoadGlobal => row!(O::LoadGlobal, [need_dst()?, imm, self.next_cache()]),
            Op::StoreGlobal => row!(O::StoreGlobal, [imm, arg(0)?]),
            Op::DeleteGlobal => row!(O::DeleteGlobal, [imm]),
            Op::LoadName => row!(O::LoadName, [need_dst()?, imm]),
            Op::StoreName => row!(O::StoreName, [imm, arg(0)?]),
            Op::DeleteName => row!(O::DeleteName, [imm]),
            Op::LoadFromDictOrDeref => row!(O::LoadFromDictOrDeref, [need_dst()?, arg(0)?, imm]),
            Op::LoadFromDictOrGlobals => {
                row!(O::LoadFromDictOrGlobals, [need_dst()?, arg(0)?, imm])
            }
            Op::LoadLocals => row!(O::LoadLocals, [need_dst()?]),
            Op::LoadBuildClass => row!(O::LoadBuildClass, [need_dst()?]),
            Op::LoadCommon => row!(O::LoadCommon, [need_dst()?, imm]),
            Op::LoadSpecial => row!(O::LoadSpecial, [need_dst()?, arg(0)?, imm]),
            Op::GetAttr => row!(O::GetAttr, [need_dst()?, arg(0)?, imm, self.next_cache()]),
            Op::SetAttr => row!(O::SetAttr, [arg(0)?, imm, arg(1)?, self.next_cache()]),
            Op::DelAttr => row!(O::DelAttr, [arg(0)?, imm]),
            Op::GetItem => row!(
                O::GetItem,
                [need_dst()?, arg(0)?, arg(1)?, self.next_cache()]
            ),
            Op::SetItem => row!(O::SetItem, [arg(0)?, arg(1)?, arg(2)?, self.next_cache()]),
            Op::DelItem => row!(O::DelItem, [arg(0)?, arg(1)?]),
            Op::BuildSlice if args.len() == 3 => {
                row!(O::BuildSlice3, [need_dst()?, arg(0)?, arg(1)?, arg(2)?])
            }
            Op::BuildSlice => row!(O::BuildSlice, [need_dst()?, arg(0)?, arg(1)?]),
            Op::Binary => row!(
                O::BinaryOp,
                [need_dst()?, arg(0)?, arg(1)?, imm, self.next_cache()]
            ),
            Op::Inplace => row!(
                O::InplaceOp,
                [need_dst()?, arg(0)?, arg(1)?, imm, self.next_cache()]
            ),
            Op::Unary => row!(O::UnaryOp, [need_dst()?, arg(0)?, imm]),
            Op::Not => row!(O::Not, [need_dst()?, arg(0)?]),
            Op::ToBool => row!(O::ToBool, [need_dst()?, arg(0)?]),
            Op::Compare => row!(
                O::CompareOp,
                [need_dst()?, arg(0)?, arg(1)?, imm, self.next_cache()]
            ),
            Op::ExcMatch => row!(O::ExcMatch, [need_dst()?, arg(0)?, arg(1)?]),
            Op::BuildTuple => row!(O::BuildTuple, [need_dst()?], 0),
            Op::BuildList => row!(O::BuildList, [need_dst()?], 0),
            Op::BuildSet => row!(O::BuildSet, [need_dst()?], 0),
            Op::BuildMap => row!(O::BuildMap, [need_dst()?], 0),
            Op::BuildString => row!(O::BuildString, [need_dst()?], 0),
            Op::ListAppend => row!(O::ListAppend, [arg(0)?, arg(1)?]),
            Op::ListExtend => row!(O::ListExtend, [arg(0)?, arg(1)?]),
            Op::SetAdd => row!(O::SetAdd, [arg(0)?, arg(1)?]),
            Op::SetUpdate => row!(O::SetUpdate, [arg(0)?, arg(1)?]),
            Op::DictSet => row!(O::DictSet, [arg(0)?, arg(1)?, arg(2)?]),
            Op::DictUpdate => row!(O::DictUpdate, [arg(0)?, arg(1)?]),
            Op::DictMerge => row!(O::DictMerge, [arg(0)?, arg(1)?, arg(2)?]),
            Op::FormatValue if args.len() == 2 => {
                row!(O::FormatWithSpec, [need_dst()?, arg(0)?, arg(1)?, imm])
            }
            Op::FormatValue => row!(O::FormatValue, [need_dst()?, arg(0)?, imm]),
            Op::BuildInterpolation if args.len() == 3 => row!(
                O::BuildInterpolationSpec,
                [need_dst()?, arg(0)?, arg(1)?, arg(2)?, imm]
            ),
            Op::BuildInterpolation => {
                row!(O::BuildInterpolation, [need_dst()?, arg(0)?, arg(1)?, imm])
            }
            Op::BuildTemplate => row!(O::BuildTemplate, [need_dst()?, arg(0)?, arg(1)?]),
            Op::UnpackSequence => row!(O::UnpackSequence, [need_dst()?, arg(0)?, imm]),
            Op::UnpackEx => {
                let Imm::Pair(before, after) = inst.imm else {
                    return Err(bad_imm());
                };
                row!(O::UnpackEx, [need_dst()?, arg(0)?, before, after])
            }
            Op::TupleGet => row!(O::TupleGet, [need_dst()?, arg(0)?, imm]),
            Op::Call => row!(O::Call, [need_dst()?, arg(0)?, self.next_cache()], 1),
            Op::LoadMethod => row!(
                O::LoadMethod,
                [need_dst()?, arg(0)?, imm, self.next_cache()]
            ),
            Op::CallMethod => row!(
                O::CallMethod,
                [need_dst()?, arg(0)?, arg(1)?, self.next_cache()],
                2
            ),
            Op::CallKw => row!(O::CallKw, [need_dst()?, arg(0)?, imm, self.next_cache()], 1),
            Op::CallEx if args.len() == 3 => {
                row!(O::CallExKw, [need_dst()?, arg(0)?, arg(1)?, arg(2)?])
            }
            Op::CallEx => row!(O::CallEx, [need_dst()?, arg(0)?, arg(1)?]),
            Op::CallIntrinsic => row!(O::CallIntrinsic, [need_dst()?, imm], 0),
            Op::MakeFunction => row!(
                O::MakeFunction,
                [need_dst()?, imm, arg(0)?, arg(1)?, arg(2)?, arg(3)?]
            ),
            Op::ImportName => row!(O::ImportName, [need_dst()?, imm, arg(0)?, arg(1)?]),
            Op::ImportFrom => row!(O::ImportFrom, [need_dst()?, arg(0)?, imm]),
            Op::GetIter => row!(O::GetIter, [need_dst()?, arg(0)?]),
            Op::GetAIter => row!(O::GetAIter, [need_dst()?, arg(0)?]),
            Op::GetANext => row!(O::GetANext, [need_dst()?, arg(0)?]),
            Op::GetYieldFromIter => row!(O::GetYieldFromIter, [need_dst()?, arg(0)?]),
            Op::GetAwaitable => row!(O::GetAwaitable, [need_dst()?, arg(0)?, imm]),
            Op::Yield => row!(O::Yield, [need_dst()?, arg(0)?]),
            Op::YieldFrom => row!(O::YieldFrom, [need_dst()?, arg(0)?]),
            Op::PushExcInfo => row!(O::PushExcInfo, [need_dst()?, arg(0)?]),
            Op::PopExcInfo => row!(O::PopExcInfo, [arg(0)?]),
            Op::CheckEgMatch => row!(O::CheckEgMatch, [need_dst()?, arg(0)?, arg(1)?]),
            Op::PrepReraiseStar => row!(O::PrepReraiseStar, [need_dst()?, arg(0)?, arg(1)?]),
            Op::WithExit => row!(O::WithExit, [need_dst()?, arg(0)?, arg(1)?]),
            Op::SetupAnnotations => row!(O::SetupAnnotations, []),
            Op::GetLen => row!(O::GetLen, [need_dst()?, arg(0)?]),
            Op::MatchMapping => row!(O::MatchMapping, [need_dst()?, arg(0)?]),
            Op::MatchSequence => row!(O::MatchSequence, [need_dst()?, arg(0)?]),
            Op::MatchKeys => row!(O::MatchKeys, [need_dst()?, arg(0)?, arg(1)?]),
            Op::MatchClass => row!(O::MatchClass, [need_dst()?, arg(0)?, arg(1)?, arg(2)?, imm]),
            Op::CopyDictWithoutKeys => {
                row!(O::CopyDictWithoutKeys, [need_dst()?, arg(0)?, arg(1)?])
            }
        };
        let list = list.map(|skip| args.get(skip..).unwrap_or_default());
        self.encode_row(opcode, operands, list);
        Ok(())
    }

    /// [`Codegen::encode`] for a row of the operation table: the code units are written
    /// straight from the fixed-size operand buffer (every slot narrowed and range-checked
    /// with no loop of run-time length), then the register list, if the opcode has one.
    /// The row agrees with the opcode table (checked by [`row!`] at compile time); a
    /// value past 16 bits goes through [`Codegen::encode`], which reports it.
    #[inline(always)]
    fn encode_row(&mut self, opcode: Opcode, operands: Operands, list: Option<&[u32]>) {
        let mut units = [0u16; 8];
        units[0] = opcode.unit();
        let mut high = 0;
        for (unit, &value) in units[1..].iter_mut().zip(&operands.values) {
            *unit = value as u16;
            high |= value;
        }
        // Most instructions have no register list: skip the loop's set-up for them.
        if let Some(list) = list
            && !list.is_empty()
        {
            high |= list.iter().fold(0, |high, &reg| high | reg);
        }
        let plain = high <= u32::from(u16::MAX)
            && list.is_none_or(|list| list.len() <= usize::from(u16::MAX));
        if !plain {
            self.encode_unusual_row(opcode, operands, list.unwrap_or_default());
            return;
        }
        let start = self.code.len();
        let nfixed = usize::from(ROW_SHAPES[opcode.unit() as usize] & ROW_FIXED);
        self.push_narrow(&units, nfixed, list);
        self.note_ranges(start as u32);
    }

    /// [`Codegen::encode_row`]'s rare case, kept out of line and taking the operands by
    /// value: the operands then only go to memory on this path, where a reference would
    /// make every instruction store them to the stack before the check.
    #[cold]
    #[inline(never)]
    fn encode_unusual_row(&mut self, opcode: Opcode, operands: Operands, list: &[u32]) {
        let nfixed = usize::from(ROW_SHAPES[opcode.unit() as usize] & ROW_FIXED);
        self.encode(opcode, &operands.values[..nfixed], list, None);
    }
}
