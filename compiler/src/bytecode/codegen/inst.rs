//! Code generation of one IR instruction: its operands' registers, the opcode it becomes,
//! that opcode's fixed operands in table order and the code units they encode to (a part
//! of [`super::Codegen`], kept apart because the operation table is long).

use super::{Codegen, Result};
use crate::bytecode::opcodes::Opcode;
use crate::ir::{BinOp, CmpOp, Common, Imm, Inst, InstData, Intrinsic, Op, UnaryOp, Value};

/// Up to six fixed operands, without allocating. The slots past `len` hold zeros, so
/// [`Codegen::encode_row`] can narrow all six at once instead of looping over `len`.
#[derive(Clone, Copy)]
struct Operands {
    values: [u32; 6],
    len: usize,
}

impl Operands {
    fn as_slice(&self) -> &[u32] {
        &self.values[..self.len]
    }
}

impl<const N: usize> From<[u32; N]> for Operands {
    fn from(array: [u32; N]) -> Self {
        let mut values = [0; 6];
        values[..N].copy_from_slice(&array);
        Operands { values, len: N }
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

/// `ops![a, b]`: fixed operands as an [`Operands`].
macro_rules! ops {
    ($($operand:expr),* $(,)?) => {
        Operands::from([$($operand),*])
    };
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
        for &inst in insts {
            if self.skip.get(inst.index()).copied().unwrap_or(false) {
                continue;
            }
            let inst = func
                .insts
                .get(inst.index())
                .ok_or_else(|| self.error("bad instruction"))?;
            self.loc = inst.loc;
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
        let mut long = std::mem::take(&mut self.arg_regs);
        long.clear();
        for &value in values {
            long.push(self.reg(value)?);
        }
        let result = self.emit_inst_with(inst, &long);
        self.arg_regs = long;
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
            Op::Const => (O::LoadConst, ops![need_dst()?, imm], None),
            Op::LoadFast => (O::LoadFast, ops![need_dst()?, imm], None),
            Op::LoadFastAndClear => (O::LoadFastAndClear, ops![need_dst()?, imm], None),
            Op::StoreFast => (O::Move, ops![imm, arg(0)?], None),
            Op::DeleteFast => (O::DeleteFast, ops![imm], None),
            Op::Release => (O::Release, ops![arg(0)?], None),
            Op::LoadDeref => (O::LoadDeref, ops![need_dst()?, imm], None),
            Op::StoreDeref => (O::StoreDeref, ops![imm, arg(0)?], None),
            Op::DeleteDeref => (O::DeleteDeref, ops![imm], None),
            Op::LoadClosure => (O::LoadClosure, ops![need_dst()?, imm], None),
            Op::LoadGlobal => (
                O::LoadGlobal,
                ops![need_dst()?, imm, self.next_cache()],
                None,
            ),
            Op::StoreGlobal => (O::StoreGlobal, ops![imm, arg(0)?], None),
            Op::DeleteGlobal => (O::DeleteGlobal, ops![imm], None),
            Op::LoadName => (O::LoadName, ops![need_dst()?, imm], None),
            Op::StoreName => (O::StoreName, ops![imm, arg(0)?], None),
            Op::DeleteName => (O::DeleteName, ops![imm], None),
            Op::LoadFromDictOrDeref => (
                O::LoadFromDictOrDeref,
                ops![need_dst()?, arg(0)?, imm],
                None,
            ),
            Op::LoadFromDictOrGlobals => (
                O::LoadFromDictOrGlobals,
                ops![need_dst()?, arg(0)?, imm],
                None,
            ),
            Op::LoadLocals => (O::LoadLocals, ops![need_dst()?], None),
            Op::LoadBuildClass => (O::LoadBuildClass, ops![need_dst()?], None),
            Op::LoadCommon => (O::LoadCommon, ops![need_dst()?, imm], None),
            Op::LoadSpecial => (O::LoadSpecial, ops![need_dst()?, arg(0)?, imm], None),
            Op::GetAttr => (
                O::GetAttr,
                ops![need_dst()?, arg(0)?, imm, self.next_cache()],
                None,
            ),
            Op::SetAttr => (
                O::SetAttr,
                ops![arg(0)?, imm, arg(1)?, self.next_cache()],
                None,
            ),
            Op::DelAttr => (O::DelAttr, ops![arg(0)?, imm], None),
            Op::GetItem => (
                O::GetItem,
                ops![need_dst()?, arg(0)?, arg(1)?, self.next_cache()],
                None,
            ),
            Op::SetItem => (
                O::SetItem,
                ops![arg(0)?, arg(1)?, arg(2)?, self.next_cache()],
                None,
            ),
            Op::DelItem => (O::DelItem, ops![arg(0)?, arg(1)?], None),
            Op::BuildSlice if args.len() == 3 => (
                O::BuildSlice3,
                ops![need_dst()?, arg(0)?, arg(1)?, arg(2)?],
                None,
            ),
            Op::BuildSlice => (O::BuildSlice, ops![need_dst()?, arg(0)?, arg(1)?], None),
            Op::Binary => (
                O::BinaryOp,
                ops![need_dst()?, arg(0)?, arg(1)?, imm, self.next_cache()],
                None,
            ),
            Op::Inplace => (
                O::InplaceOp,
                ops![need_dst()?, arg(0)?, arg(1)?, imm, self.next_cache()],
                None,
            ),
            Op::Unary => (O::UnaryOp, ops![need_dst()?, arg(0)?, imm], None),
            Op::Not => (O::Not, ops![need_dst()?, arg(0)?], None),
            Op::ToBool => (O::ToBool, ops![need_dst()?, arg(0)?], None),
            Op::Compare => (
                O::CompareOp,
                ops![need_dst()?, arg(0)?, arg(1)?, imm, self.next_cache()],
                None,
            ),
            Op::ExcMatch => (O::ExcMatch, ops![need_dst()?, arg(0)?, arg(1)?], None),
            Op::BuildTuple => (O::BuildTuple, ops![need_dst()?], Some(0)),
            Op::BuildList => (O::BuildList, ops![need_dst()?], Some(0)),
            Op::BuildSet => (O::BuildSet, ops![need_dst()?], Some(0)),
            Op::BuildMap => (O::BuildMap, ops![need_dst()?], Some(0)),
            Op::BuildString => (O::BuildString, ops![need_dst()?], Some(0)),
            Op::ListAppend => (O::ListAppend, ops![arg(0)?, arg(1)?], None),
            Op::ListExtend => (O::ListExtend, ops![arg(0)?, arg(1)?], None),
            Op::SetAdd => (O::SetAdd, ops![arg(0)?, arg(1)?], None),
            Op::SetUpdate => (O::SetUpdate, ops![arg(0)?, arg(1)?], None),
            Op::DictSet => (O::DictSet, ops![arg(0)?, arg(1)?, arg(2)?], None),
            Op::DictUpdate => (O::DictUpdate, ops![arg(0)?, arg(1)?], None),
            Op::DictMerge => (O::DictMerge, ops![arg(0)?, arg(1)?, arg(2)?], None),
            Op::FormatValue if args.len() == 2 => (
                O::FormatWithSpec,
                ops![need_dst()?, arg(0)?, arg(1)?, imm],
                None,
            ),
            Op::FormatValue => (O::FormatValue, ops![need_dst()?, arg(0)?, imm], None),
            Op::BuildInterpolation if args.len() == 3 => (
                O::BuildInterpolationSpec,
                ops![need_dst()?, arg(0)?, arg(1)?, arg(2)?, imm],
                None,
            ),
            Op::BuildInterpolation => (
                O::BuildInterpolation,
                ops![need_dst()?, arg(0)?, arg(1)?, imm],
                None,
            ),
            Op::BuildTemplate => (O::BuildTemplate, ops![need_dst()?, arg(0)?, arg(1)?], None),
            Op::UnpackSequence => (O::UnpackSequence, ops![need_dst()?, arg(0)?, imm], None),
            Op::UnpackEx => {
                let Imm::Pair(before, after) = inst.imm else {
                    return Err(bad_imm());
                };
                (O::UnpackEx, ops![need_dst()?, arg(0)?, before, after], None)
            }
            Op::TupleGet => (O::TupleGet, ops![need_dst()?, arg(0)?, imm], None),
            Op::Call => (
                O::Call,
                ops![need_dst()?, arg(0)?, self.next_cache()],
                Some(1),
            ),
            Op::LoadMethod => (
                O::LoadMethod,
                ops![need_dst()?, arg(0)?, imm, self.next_cache()],
                None,
            ),
            Op::CallMethod => (
                O::CallMethod,
                ops![need_dst()?, arg(0)?, arg(1)?, self.next_cache()],
                Some(2),
            ),
            Op::CallKw => (
                O::CallKw,
                ops![need_dst()?, arg(0)?, imm, self.next_cache()],
                Some(1),
            ),
            Op::CallEx if args.len() == 3 => (
                O::CallExKw,
                ops![need_dst()?, arg(0)?, arg(1)?, arg(2)?],
                None,
            ),
            Op::CallEx => (O::CallEx, ops![need_dst()?, arg(0)?, arg(1)?], None),
            Op::CallIntrinsic => (O::CallIntrinsic, ops![need_dst()?, imm], Some(0)),
            Op::MakeFunction => (
                O::MakeFunction,
                ops![need_dst()?, imm, arg(0)?, arg(1)?, arg(2)?, arg(3)?],
                None,
            ),
            Op::ImportName => (
                O::ImportName,
                ops![need_dst()?, imm, arg(0)?, arg(1)?],
                None,
            ),
            Op::ImportFrom => (O::ImportFrom, ops![need_dst()?, arg(0)?, imm], None),
            Op::GetIter => (O::GetIter, ops![need_dst()?, arg(0)?], None),
            Op::GetAIter => (O::GetAIter, ops![need_dst()?, arg(0)?], None),
            Op::GetANext => (O::GetANext, ops![need_dst()?, arg(0)?], None),
            Op::GetYieldFromIter => (O::GetYieldFromIter, ops![need_dst()?, arg(0)?], None),
            Op::GetAwaitable => (O::GetAwaitable, ops![need_dst()?, arg(0)?, imm], None),
            Op::Yield => (O::Yield, ops![need_dst()?, arg(0)?], None),
            Op::YieldFrom => (O::YieldFrom, ops![need_dst()?, arg(0)?], None),
            Op::PushExcInfo => (O::PushExcInfo, ops![need_dst()?, arg(0)?], None),
            Op::PopExcInfo => (O::PopExcInfo, ops![arg(0)?], None),
            Op::CheckEgMatch => (O::CheckEgMatch, ops![need_dst()?, arg(0)?, arg(1)?], None),
            Op::PrepReraiseStar => (
                O::PrepReraiseStar,
                ops![need_dst()?, arg(0)?, arg(1)?],
                None,
            ),
            Op::WithExit => (O::WithExit, ops![need_dst()?, arg(0)?, arg(1)?], None),
            Op::SetupAnnotations => (O::SetupAnnotations, ops![], None),
            Op::GetLen => (O::GetLen, ops![need_dst()?, arg(0)?], None),
            Op::MatchMapping => (O::MatchMapping, ops![need_dst()?, arg(0)?], None),
            Op::MatchSequence => (O::MatchSequence, ops![need_dst()?, arg(0)?], None),
            Op::MatchKeys => (O::MatchKeys, ops![need_dst()?, arg(0)?, arg(1)?], None),
            Op::MatchClass => (
                O::MatchClass,
                ops![need_dst()?, arg(0)?, arg(1)?, arg(2)?, imm],
                None,
            ),
            Op::CopyDictWithoutKeys => (
                O::CopyDictWithoutKeys,
                ops![need_dst()?, arg(0)?, arg(1)?],
                None,
            ),
        };
        let list = match list {
            Some(skip) => args.get(skip..).unwrap_or_default(),
            None => &[],
        };
        self.encode_row(opcode, operands, list);
        Ok(())
    }

    /// [`Codegen::encode`] for a row of the operation table: the code units are written
    /// straight from the fixed-size operand buffer (every slot narrowed and range-checked
    /// with no loop of run-time length), then the register list. Anything unusual (a
    /// value past 16 bits, an operand count the opcode table disagrees with) goes through
    /// [`Codegen::encode`], which reports it.
    #[inline(always)]
    fn encode_row(&mut self, opcode: Opcode, operands: Operands, list: &[u32]) {
        let shape = ROW_SHAPES[opcode.unit() as usize];
        // The fixed operands that are not a register list's count.
        let nfixed = usize::from(shape & ROW_FIXED);
        let has_list = shape & ROW_LIST != 0;
        let mut units = [0u16; 8];
        units[0] = opcode.unit();
        let mut high = 0;
        for (unit, &value) in units[1..].iter_mut().zip(&operands.values) {
            *unit = value as u16;
            high |= value;
        }
        // Most instructions have no register list: skip the loop's set-up for them.
        if !list.is_empty() {
            high |= list.iter().fold(0, |high, &reg| high | reg);
        }
        let plain = high <= u32::from(u16::MAX)
            && operands.len == nfixed
            && shape != ROW_TARGET
            && (if has_list {
                list.len() <= usize::from(u16::MAX)
            } else {
                list.is_empty()
            });
        if !plain {
            self.encode_unusual_row(opcode, operands, list);
            return;
        }
        let start = self.code.len();
        self.push_narrow(&units, nfixed, has_list.then_some(list));
        self.note_ranges(start as u32);
    }

    /// [`Codegen::encode_row`]'s rare case, kept out of line and taking the operands by
    /// value: the operands then only go to memory on this path, where a reference would
    /// make every instruction store them to the stack before the check.
    #[cold]
    #[inline(never)]
    fn encode_unusual_row(&mut self, opcode: Opcode, operands: Operands, list: &[u32]) {
        self.encode(opcode, operands.as_slice(), list, None);
    }
}
