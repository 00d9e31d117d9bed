//! Assignment and deletion targets: names, attributes, subscripts, and (starred) unpacking.
//!
//! The value is evaluated before the target's own sub-expressions (`a[i()] = v()` calls
//! `v` first), as in CPython, so callers lower the value and then call [`Lowerer::store_target`].

use super::{LowerResult, Lowerer};
use crate::ir::{Imm, Op, Value};
use ruff_python_ast::Expr;
use ruff_text_size::{Ranged, TextRange};

impl<'a> Lowerer<'a> {
    /// Stores `value` into an assignment target.
    pub(crate) fn store_target(&mut self, target: &'a Expr, value: Value) -> LowerResult<()> {
        match target {
            Expr::Name(name) => {
                self.set_loc(name.range);
                self.store_name(name.id.as_str(), value);
                Ok(())
            }
            Expr::Attribute(attr) => {
                let object = self.lower_expr(&attr.value)?;
                self.set_loc(attr.range);
                let id = self.attr_name(attr.attr.as_str());
                self.b()
                    .ins_void(Op::SetAttr, Imm::Name(id), [object, value]);
                Ok(())
            }
            Expr::Subscript(sub) => {
                let object = self.lower_expr(&sub.value)?;
                let key = self.lower_expr(&sub.slice)?;
                self.set_loc(sub.range);
                self.b()
                    .ins_void(Op::SetItem, Imm::None, [object, key, value]);
                Ok(())
            }
            Expr::Tuple(tuple) => self.store_unpacking(&tuple.elts, tuple.range, value),
            Expr::List(list) => self.store_unpacking(&list.elts, list.range, value),
            Expr::Starred(starred) => Err(self.error(
                starred.range,
                "starred assignment target must be in a list or tuple",
            )),
            other => Err(self.error(other.range(), "cannot assign to expression")),
        }
    }

    /// `a, *b, c = value`: `unpack_sequence` (or `unpack_ex` around one starred target),
    /// then each element stored left to right (CPython's `unpack_helper`).
    fn store_unpacking(
        &mut self,
        elts: &'a [Expr],
        range: TextRange,
        value: Value,
    ) -> LowerResult<()> {
        let mut star: Option<usize> = None;
        for (index, elt) in elts.iter().enumerate() {
            if elt.is_starred_expr() {
                if star.is_some() {
                    return Err(self.error(range, "multiple starred expressions in assignment"));
                }
                star = Some(index);
            }
        }
        self.set_loc(range);
        let unpacked = match star {
            None => {
                let count = i32::try_from(elts.len()).unwrap_or(i32::MAX);
                self.b().ins(Op::UnpackSequence, Imm::Int(count), [value])
            }
            Some(index) => {
                let before = index;
                let after = elts.len() - index - 1;
                // CPython packs both counts into one oparg: 8 bits before, the rest after.
                if before >= 1 << 8 || after >= (i32::MAX as usize) >> 8 {
                    return Err(self.error(
                        elts[index].range(),
                        "too many expressions in star-unpacking assignment",
                    ));
                }
                self.b().ins(
                    Op::UnpackEx,
                    Imm::Pair(before as u32, after as u32),
                    [value],
                )
            }
        };
        for (index, elt) in elts.iter().enumerate() {
            self.set_loc(range);
            let item = self
                .b()
                .ins(Op::TupleGet, Imm::Int(index as i32), [unpacked]);
            match elt {
                Expr::Starred(starred) => self.store_target(&starred.value, item)?,
                _ => self.store_target(elt, item)?,
            }
        }
        Ok(())
    }

    /// Deletes a `del` target.
    pub(crate) fn delete_target(&mut self, target: &'a Expr) -> LowerResult<()> {
        match target {
            Expr::Name(name) => {
                self.set_loc(name.range);
                self.delete_name(name.id.as_str());
                Ok(())
            }
            Expr::Attribute(attr) => {
                let object = self.lower_expr(&attr.value)?;
                self.set_loc(attr.range);
                let id = self.attr_name(attr.attr.as_str());
                self.b().ins_void(Op::DelAttr, Imm::Name(id), [object]);
                Ok(())
            }
            Expr::Subscript(sub) => {
                let object = self.lower_expr(&sub.value)?;
                let key = self.lower_expr(&sub.slice)?;
                self.set_loc(sub.range);
                self.b().ins_void(Op::DelItem, Imm::None, [object, key]);
                Ok(())
            }
            Expr::Tuple(tuple) => tuple
                .elts
                .iter()
                .try_for_each(|elt| self.delete_target(elt)),
            Expr::List(list) => list.elts.iter().try_for_each(|elt| self.delete_target(elt)),
            Expr::Starred(starred) => Err(self.error(starred.range, "cannot delete starred")),
            other => Err(self.error(other.range(), "cannot delete expression")),
        }
    }
}
