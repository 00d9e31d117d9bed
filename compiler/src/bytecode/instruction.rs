//! One decoded instruction, and its encoding into / decoding from 16-bit code units, driven
//! by the operand layout in [`super::opcodes`].

use super::opcodes::{Opcode, OperandKind};

/// A decoded instruction: the opcode, its fixed operands in table order (a jump target as its
/// full `u32` pc) and, for opcodes ending in a register list, the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instruction {
    pub opcode: Opcode,
    pub operands: Vec<u32>,
    pub list: Vec<u32>,
}

/// Why a code unit sequence could not be decoded or encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeError {
    /// The unit at `pc` is not an opcode.
    BadOpcode { pc: usize, unit: u16 },
    /// The instruction at `pc` runs past the end of the code.
    Truncated { pc: usize },
    /// An operand does not fit its encoding.
    OperandTooLarge { opcode: Opcode, value: u64 },
    /// The instruction's operand count does not match its opcode.
    WrongOperandCount { opcode: Opcode },
}

impl std::fmt::Display for CodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CodeError::BadOpcode { pc, unit } => write!(f, "bad opcode {unit} at pc {pc}"),
            CodeError::Truncated { pc } => write!(f, "truncated instruction at pc {pc}"),
            CodeError::OperandTooLarge { opcode, value } => {
                write!(
                    f,
                    "operand {value} of {} does not fit in 16 bits",
                    opcode.name()
                )
            }
            CodeError::WrongOperandCount { opcode } => {
                write!(f, "wrong operand count for {}", opcode.name())
            }
        }
    }
}

impl Instruction {
    /// An instruction without a register list.
    pub fn new(opcode: Opcode, operands: Vec<u32>) -> Self {
        Instruction {
            opcode,
            operands,
            list: Vec::new(),
        }
    }

    /// An instruction whose last operand is the register list `list`.
    pub fn with_list(opcode: Opcode, operands: Vec<u32>, list: Vec<u32>) -> Self {
        Instruction {
            opcode,
            operands,
            list,
        }
    }

    /// The encoded size in code units.
    pub fn units(&self) -> usize {
        1 + self
            .opcode
            .operands()
            .iter()
            .map(|o| {
                if o.kind == OperandKind::Regs {
                    1 + self.list.len()
                } else {
                    o.kind.units()
                }
            })
            .sum::<usize>()
    }

    /// Appends the encoding to `code`.
    pub fn encode(&self, code: &mut Vec<u16>) -> Result<(), CodeError> {
        let specs = self.opcode.operands();
        let fixed = specs.iter().filter(|o| o.kind != OperandKind::Regs).count();
        if fixed != self.operands.len() {
            return Err(CodeError::WrongOperandCount {
                opcode: self.opcode,
            });
        }
        let unit = |value: u64| {
            u16::try_from(value).map_err(|_| CodeError::OperandTooLarge {
                opcode: self.opcode,
                value,
            })
        };
        code.push(self.opcode.unit());
        let mut values = self.operands.iter();
        for spec in specs {
            match spec.kind {
                OperandKind::Regs => {
                    code.push(unit(self.list.len() as u64)?);
                    for &reg in &self.list {
                        code.push(unit(reg.into())?);
                    }
                }
                OperandKind::Target => {
                    let value = *values.next().expect("counted above");
                    code.push(value as u16);
                    code.push((value >> 16) as u16);
                }
                _ => code.push(unit((*values.next().expect("counted above")).into())?),
            }
        }
        Ok(())
    }

    /// Decodes the instruction at `pc`, returning it and the pc of the next one.
    pub fn decode(code: &[u16], pc: usize) -> Result<(Instruction, usize), CodeError> {
        let &unit = code.get(pc).ok_or(CodeError::Truncated { pc })?;
        let opcode = Opcode::from_unit(unit).ok_or(CodeError::BadOpcode { pc, unit })?;
        let mut at = pc + 1;
        let mut next = || -> Result<u32, CodeError> {
            let value = *code.get(at).ok_or(CodeError::Truncated { pc })?;
            at += 1;
            Ok(value.into())
        };
        let mut operands = Vec::with_capacity(opcode.operands().len());
        let mut list = Vec::new();
        for spec in opcode.operands() {
            match spec.kind {
                OperandKind::Regs => {
                    let count = next()?;
                    for _ in 0..count {
                        list.push(next()?);
                    }
                }
                OperandKind::Target => {
                    let low = next()?;
                    let high = next()?;
                    operands.push(low | (high << 16));
                }
                _ => operands.push(next()?),
            }
        }
        Ok((
            Instruction {
                opcode,
                operands,
                list,
            },
            at,
        ))
    }
}

/// Decodes a whole code sequence into `(pc, instruction)` pairs.
pub fn decode_all(code: &[u16]) -> Result<Vec<(usize, Instruction)>, CodeError> {
    let mut out = Vec::new();
    let mut pc = 0;
    while pc < code.len() {
        let (inst, next) = Instruction::decode(code, pc)?;
        out.push((pc, inst));
        pc = next;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_opcode_round_trips() {
        for &op in Opcode::ALL {
            let specs = op.operands();
            let operands: Vec<u32> = specs
                .iter()
                .filter(|o| o.kind != OperandKind::Regs)
                .enumerate()
                .map(|(i, o)| {
                    if o.kind == OperandKind::Target {
                        70_000 + i as u32
                    } else {
                        i as u32 + 1
                    }
                })
                .collect();
            let list = if specs.iter().any(|o| o.kind == OperandKind::Regs) {
                vec![7, 8, 9]
            } else {
                vec![]
            };
            let inst = Instruction::with_list(op, operands, list);
            let mut code = Vec::new();
            inst.encode(&mut code).unwrap();
            assert_eq!(code.len(), inst.units());
            let (decoded, next) = Instruction::decode(&code, 0).unwrap();
            assert_eq!(decoded, inst);
            assert_eq!(next, code.len());
        }
    }

    #[test]
    fn truncated_and_bad_code_is_an_error() {
        assert!(matches!(
            Instruction::decode(&[Opcode::Move.unit(), 1], 0),
            Err(CodeError::Truncated { .. })
        ));
        assert!(matches!(
            Instruction::decode(&[u16::MAX], 0),
            Err(CodeError::BadOpcode { .. })
        ));
        let inst = Instruction::new(Opcode::Move, vec![70_000, 1]);
        assert!(inst.encode(&mut Vec::new()).is_err());
    }
}
