//! Interning into a function's constant and name pools: the id of an equal entry already
//! there, or else of the entry appended. Lowering interns every constant and name it
//! emits, so the common entries take shortcuts past the hash index.

use super::{Function, NO_CONST, SMALL_INTS, ValueDef};
use crate::ir::constant::Const;
use crate::ir::entities::{ConstId, Inst, NameId, Value};
use crate::ir::ops::Imm;
use crate::ir::pool_index::PoolIndex;
use crate::short_text::same_text;
use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;
use std::hash::Hash;

/// The discriminant [`Const::Str`] hashes under, for hashing a str constant that has not
/// been built. Found at compile time, so no `Const` is built and dropped for it.
const STR_DISCRIMINANT: std::mem::Discriminant<Const> = {
    let probe = Const::Str(String::new());
    let discriminant = std::mem::discriminant(&probe);
    std::mem::forget(probe);
    discriminant
};

/// The discriminant [`Const::Int`] hashes under, for hashing an int constant that has not
/// been built (see [`STR_DISCRIMINANT`]).
const INT_DISCRIMINANT: std::mem::Discriminant<Const> = {
    let probe = Const::Int(BigInt::ZERO);
    let discriminant = std::mem::discriminant(&probe);
    std::mem::forget(probe);
    discriminant
};

/// The discriminant [`Const::Tuple`] hashes under, for hashing a tuple that has not
/// been built (see [`STR_DISCRIMINANT`]).
const TUPLE_DISCRIMINANT: std::mem::Discriminant<Const> = {
    let probe = Const::Tuple(Vec::new());
    let discriminant = std::mem::discriminant(&probe);
    std::mem::forget(probe);
    discriminant
};

/// The [`Function::simple_consts`] entry of `value`, if it has one.
#[inline]
fn simple_slot(value: &Const) -> Option<usize> {
    match value {
        Const::None => Some(0),
        Const::Bool(false) => Some(1),
        Const::Bool(true) => Some(2),
        Const::Ellipsis => Some(3),
        _ => None,
    }
}

/// Whether two constants are equal, their kinds compared first in line: a short pool is
/// searched by comparing the new constant with each entry, mostly of another kind, and
/// `Const`'s equality is an out-of-line call.
#[inline]
fn same_const(a: &Const, b: &Const) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b) && a == b
}

impl Function {
    /// Interns a constant, returning the existing id for an equal one.
    pub fn add_const(&mut self, value: Const) -> ConstId {
        if let Some(slot) = simple_slot(&value) {
            self.rebuild_pool_indexes();
            if self.simple_consts[slot] != NO_CONST {
                // These constants own no memory: forgetting this one skips the call to
                // `Const`'s out-of-line drop glue, which dropping it would make.
                std::mem::forget(value);
                return ConstId(self.simple_consts[slot]);
            }
            return self.add_simple_const(slot, || value);
        }
        self.rebuild_pool_indexes();
        ConstId(
            self.const_index
                .intern_owned(&mut self.consts, value, same_const),
        )
    }

    /// Interns `None` (what lowering loads most), building the constant only when the
    /// pool lacks it.
    pub fn add_none(&mut self) -> ConstId {
        self.add_simple_const(0, || Const::None)
    }

    /// Interns the constant `make` builds, which is [`Function::simple_consts`] entry
    /// `slot`. A slot not filled in means the pool lacks the constant (every interning of
    /// one fills its slot, and rebuilding the indexes fills the slots from the pool), so
    /// it is appended without a search.
    fn add_simple_const(&mut self, slot: usize, make: impl FnOnce() -> Const) -> ConstId {
        self.rebuild_pool_indexes();
        if self.simple_consts[slot] == NO_CONST {
            self.simple_consts[slot] = self.const_index.push_new(&mut self.consts, make());
        }
        ConstId(self.simple_consts[slot])
    }

    /// Interns the int constant `value`, building its `BigInt` only when the pool lacks
    /// it: the smallest ints, which most int literals are, are found by value, and the
    /// others are compared by value and hashed as their `BigInt` would be.
    pub fn add_small_int(&mut self, value: u64) -> ConstId {
        self.rebuild_pool_indexes();
        let slot = usize::try_from(value)
            .ok()
            .filter(|&slot| slot < SMALL_INTS);
        if let Some(slot) = slot
            && self.small_ints[slot] != NO_CONST
        {
            return ConstId(self.small_ints[slot]);
        }
        // The hash `Const::Int(BigInt::from(value))` has: `BigInt` hashes its sign, then,
        // unless it is zero, its digits as a slice (one 64-bit digit for a `u64`).
        let hash = || {
            PoolIndex::hash_with(|state| {
                INT_DISCRIMINANT.hash(state);
                if value == 0 {
                    Sign::NoSign.hash(state);
                } else {
                    Sign::Plus.hash(state);
                    [value][..].hash(state);
                }
            })
        };
        let id = ConstId(self.const_index.intern(
            &mut self.consts,
            hash,
            |c| matches!(c, Const::Int(int) if int.to_u64() == Some(value)),
            || Const::Int(BigInt::from(value)),
        ));
        if let Some(slot) = slot {
            self.small_ints[slot] = id.0;
        }
        id
    }

    /// Interns the str constant `text`, copying it only when the pool lacks it.
    pub fn add_str_const(&mut self, text: &str) -> ConstId {
        self.rebuild_pool_indexes();
        // The hash `Const::Str(text.to_owned())` has.
        let hash = || {
            PoolIndex::hash_with(|state| {
                STR_DISCRIMINANT.hash(state);
                text.hash(state);
            })
        };
        let id = self.const_index.intern(
            &mut self.consts,
            hash,
            |c| matches!(c, Const::Str(s) if s == text),
            || Const::Str(text.to_owned()),
        );
        ConstId(id)
    }

    /// Interns the tuple of str constants `items` (a call's keyword names), building it
    /// only when the pool lacks it: calls with the same keywords share one tuple, and
    /// building it to find that out allocated the tuple and each of its strings.
    pub fn add_str_tuple<'s>(&mut self, items: impl Iterator<Item = &'s str> + Clone) -> ConstId {
        self.rebuild_pool_indexes();
        let count = items.clone().count();
        // The hash `Const::Tuple` of the built strs has: a slice hashes its length, then
        // each item.
        let hash = || {
            PoolIndex::hash_with(|state| {
                TUPLE_DISCRIMINANT.hash(state);
                count.hash(state);
                for item in items.clone() {
                    STR_DISCRIMINANT.hash(state);
                    item.hash(state);
                }
            })
        };
        let is_equal = |c: &Const| {
            matches!(c, Const::Tuple(entries) if entries.len() == count
                && entries
                    .iter()
                    .zip(items.clone())
                    .all(|(entry, item)| matches!(entry, Const::Str(s) if s == item)))
        };
        let make = || {
            Const::Tuple(
                items
                    .clone()
                    .map(|item| Const::Str(item.to_owned()))
                    .collect(),
            )
        };
        ConstId(
            self.const_index
                .intern(&mut self.consts, hash, is_equal, make),
        )
    }

    /// Interns the tuple of the constants that `inst`'s operands, all results of `const`
    /// instructions, load (the fold of a `build_tuple` of constants), cloning the items only
    /// when the pool lacks the tuple: building it first to look it up cost an allocation
    /// for the tuple and one for each str or tuple item, and a nested tuple clones all of
    /// its own items.
    pub fn add_tuple_of_consts(&mut self, inst: Inst) -> ConstId {
        self.rebuild_pool_indexes();
        let args = &self.arg_pool[self.insts[inst.index()].args.range()];
        let (insts, values, consts) = (&self.insts, &self.values, &self.consts);
        let item = |value: &Value| match values[value.index()] {
            ValueDef::Inst(def) => match insts[def.index()].imm {
                Imm::Const(id) => &consts[id.index()],
                _ => unreachable!("a tuple operand that is not a constant"),
            },
            ValueDef::Param(..) => unreachable!("a tuple operand that is not a constant"),
        };
        // The hash the built `Const::Tuple` has: a slice hashes its length, then each item.
        let hash = || {
            PoolIndex::hash_with(|state| {
                TUPLE_DISCRIMINANT.hash(state);
                args.len().hash(state);
                for value in args {
                    item(value).hash(state);
                }
            })
        };
        let is_equal = |c: &Const| {
            matches!(c, Const::Tuple(entries) if entries.len() == args.len()
                && entries.iter().zip(args).all(|(entry, value)| entry == item(value)))
        };
        match self.const_index.find_or_file(consts, hash, is_equal) {
            Ok(id) => ConstId(id),
            Err(id) => {
                let tuple = Const::Tuple(args.iter().map(|value| item(value).clone()).collect());
                self.consts.push(tuple);
                ConstId(id)
            }
        }
    }

    /// Interns a name.
    pub fn add_name(&mut self, name: &str) -> NameId {
        self.rebuild_pool_indexes();
        let hash = || PoolIndex::hash(name);
        let id = self.name_index.intern(
            &mut self.names,
            hash,
            |n| same_text(n, name),
            || name.to_owned(),
        );
        NameId(id)
    }

    /// Notes that `consts` or `names` were edited directly (for example by the text parser
    /// or when `dce` drops unused entries): the interning indexes are rebuilt the next time
    /// something is interned, which after the last pass never happens.
    pub fn reindex_pools(&mut self) {
        self.pools_dirty = true;
    }

    /// Rebuilds the interning indexes if [`Function::reindex_pools`] asked for it. Every
    /// interning checks, and lowering interns far more often than anything edits the pools:
    /// the check inlines and the rebuild stays out of line.
    #[inline]
    fn rebuild_pool_indexes(&mut self) {
        if self.pools_dirty {
            self.rebuild_pool_indexes_now();
        }
    }

    #[cold]
    #[inline(never)]
    fn rebuild_pool_indexes_now(&mut self) {
        self.pools_dirty = false;
        self.simple_consts = [NO_CONST; 4];
        // Of equal entries the last one is found, as the rebuilt indexes find it.
        for (id, value) in self.consts.iter().enumerate() {
            if let Some(slot) = simple_slot(value) {
                self.simple_consts[slot] = id as u32;
            }
        }
        self.small_ints = [NO_CONST; SMALL_INTS];
        self.const_index.rebuild(&self.consts);
        self.name_index.rebuild(&self.names);
    }
}

#[cfg(test)]
mod tests {
    use crate::ir::constant::Const;
    use crate::ir::{Function, FunctionKind};
    use num_bigint::BigInt;

    #[test]
    fn small_ints_share_ids_with_their_constants() {
        let mut func = Function::new("f", "f", FunctionKind::Function, 1);
        let three = func.add_const(Const::Int(BigInt::from(3)));
        assert_eq!(func.add_small_int(3), three);
        let seven = func.add_small_int(7);
        assert_eq!(func.add_const(Const::Int(BigInt::from(7))), seven);
        assert_eq!(func.add_small_int(7), seven);
        let big = func.add_small_int(1 << 40);
        assert_eq!(func.add_const(Const::Int(BigInt::from(1u64 << 40))), big);
        assert_ne!(func.add_small_int(0), func.add_const(Const::Bool(false)));
    }

    #[test]
    fn small_ints_are_forgotten_when_the_pool_is_edited() {
        let mut func = Function::new("f", "f", FunctionKind::Function, 1);
        func.add_const(Const::None);
        func.add_small_int(1);
        // A pass drops the constants and says so.
        func.consts.clear();
        func.reindex_pools();
        let one = func.add_small_int(1);
        assert_eq!(func.consts[one.index()], Const::Int(BigInt::from(1)));
    }

    #[test]
    fn ints_hash_as_built_ones() {
        let mut func = Function::new("f", "f", FunctionKind::Function, 1);
        // Enough entries for the pool to be searched through its hash index.
        for text in 0..40 {
            func.add_str_const(&text.to_string());
        }
        for value in [0, 1, 7, 8, 255, 1 << 40, u64::MAX] {
            let built = func.add_const(Const::Int(BigInt::from(value)));
            assert_eq!(func.add_small_int(value), built, "{value}");
        }
        let fresh = func.add_small_int(12345);
        assert_eq!(func.add_const(Const::Int(BigInt::from(12345))), fresh);
    }

    #[test]
    fn str_tuples_hash_as_built_ones() {
        let mut func = Function::new("f", "f", FunctionKind::Function, 1);
        let tuple = |items: &[&str]| {
            Const::Tuple(items.iter().map(|s| Const::Str((*s).to_owned())).collect())
        };
        let short = func.add_const(tuple(&["a", "bc"]));
        assert_eq!(func.add_str_tuple(["a", "bc"].into_iter()), short);
        assert_ne!(func.add_str_tuple(["a"].into_iter()), short);
        // Enough entries for the pool to be searched through its hash index.
        for text in 0..40 {
            func.add_str_const(&text.to_string());
        }
        for items in [&["a", "bc"][..], &["key", "reverse"], &[]] {
            let built = func.add_const(tuple(items));
            assert_eq!(func.add_str_tuple(items.iter().copied()), built);
        }
        let fresh = func.add_str_tuple(["sep", "end"].into_iter());
        assert_eq!(func.add_const(tuple(&["sep", "end"])), fresh);
    }

    #[test]
    fn str_constants_hash_as_built_ones() {
        let mut func = Function::new("f", "f", FunctionKind::Function, 1);
        let built = func.add_const(Const::Str("text".to_owned()));
        assert_eq!(func.add_str_const("text"), built);
    }
}
