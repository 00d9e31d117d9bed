//! Instances of Python classes, and the attribute store they share with functions and
//! exceptions.
//!
//! An attribute store starts in *shaped* mode (DESIGN.md §3): a `ShapeId` naming the
//! attribute names in order, and the values in slots (the first `INLINE` in the store
//! itself, the rest in an overflow vector). It switches for good to *dict* mode, a real
//! `dict` object, when the `__dict__` is asked for, an attribute is deleted, a layout is
//! too big for shapes, or a name is not an exact `str`. Functions and exceptions only
//! ever use dict mode (through `ops::attr::instance_dict`).
//!
//! Concurrency: every change (a slot write, a new attribute, the switch to dict mode)
//! happens under the store's lock. Reads of inline slots take no lock: a slot index
//! means the same name in a shape and in every shape reached from it, and a new slot is
//! written before the new shape is published (release/acquire), so a reader that saw a
//! shape finds its slots filled. The switch to dict mode empties the inline slots after
//! publishing `DICT`; a reader that raced with it sees `UNSET` and takes the slow path,
//! which reads the dict.

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use parking_lot::Mutex;

use crate::gc::Tracer;
use crate::object::Trace;
use crate::types::shape::{ShapeId, ShapeTable};
use crate::value::{AtomicValue, Value};

/// Slots kept in the store itself, readable without a lock.
const INLINE: usize = 6;

/// Slots `INLINE..`, behind one thin pointer: most objects never have any, and a bare
/// `Vec` would add 16 bytes to every instance.
type Overflow = Option<Box<Vec<Value>>>;

/// Per-object attribute storage.
pub struct AttrStore {
    /// The `__dict__` object once the store is in dict mode; `UNSET` before.
    pub dict: AtomicValue,
    shape: AtomicU32,
    /// Whether `overflow` was ever created, so tracing skips its lock otherwise.
    has_overflow: AtomicBool,
    inline: [AtomicValue; INLINE],
    /// Slots `INLINE..` (boxed: most objects never need it, and the store stays small);
    /// its lock also serialises every change to the store.
    overflow: Mutex<Overflow>,
}

impl Default for AttrStore {
    fn default() -> Self {
        AttrStore {
            dict: AtomicValue::default(),
            shape: AtomicU32::new(ShapeId::EMPTY.0),
            has_overflow: AtomicBool::new(false),
            inline: Default::default(),
            overflow: Mutex::new(None),
        }
    }
}

/// What a shaped read found.
pub enum ShapedGet {
    Found(Value),
    Missing,
    /// The store is in dict mode: look in `dict`.
    DictMode,
}

impl AttrStore {
    pub fn trace(&self, tracer: &mut Tracer) {
        tracer.visit(self.dict.get());
        for slot in &self.inline {
            tracer.visit(slot.get());
        }
        if self.has_overflow.load(Ordering::Acquire)
            && let Some(overflow) = self.overflow.lock().as_deref()
        {
            tracer.visit_all(overflow);
        }
    }

    /// The store's shape (`ShapeId::DICT` in dict mode).
    #[inline]
    pub fn shape(&self) -> ShapeId {
        ShapeId(self.shape.load(Ordering::Acquire))
    }

    /// Slot `index` while holding the lock (`overflow` is the locked vector).
    fn slot_locked(&self, overflow: &Overflow, index: usize) -> Option<Value> {
        if index < INLINE {
            Some(self.inline[index].get())
        } else {
            overflow.as_deref()?.get(index - INLINE).copied()
        }
    }

    /// Writes slot `index` while holding the lock; `index` may be the next free slot.
    fn write_locked(&self, overflow: &mut Overflow, index: usize, value: Value) {
        if index < INLINE {
            self.inline[index].set(value);
            return;
        }
        let overflow = overflow.get_or_insert_with(|| {
            self.has_overflow.store(true, Ordering::Release);
            Default::default()
        });
        if let Some(slot) = overflow.get_mut(index - INLINE) {
            *slot = value;
        } else {
            overflow.push(value);
        }
    }

    /// The value in slot `index` if the store still has `shape` (an inline cache's
    /// fast path; lock-free for inline slots).
    #[inline]
    pub fn get_cached(&self, shape: ShapeId, index: usize) -> Option<Value> {
        if self.shape() != shape {
            return None;
        }
        let v = if index < INLINE {
            self.inline[index].get()
        } else {
            let overflow = self.overflow.lock();
            if self.shape() != shape {
                return None;
            }
            overflow.as_deref()?.get(index - INLINE).copied()?
        };
        Some(v).filter(|v| !v.is_unset())
    }

    /// Stores `value` in slot `index` if the store still has `shape`; false otherwise.
    /// The caller runs the write barrier.
    #[inline]
    pub fn set_cached(&self, shape: ShapeId, index: usize, value: Value) -> bool {
        let mut overflow = self.overflow.lock();
        if self.shape() != shape {
            return false;
        }
        self.write_locked(&mut overflow, index, value);
        true
    }

    /// Appends `value` as slot `index` if the store has `from`, moving it to `to` (a
    /// cached transition, so `index` is `from`'s length); false otherwise. The caller
    /// runs the write barrier.
    #[inline]
    pub fn add_cached(&self, from: ShapeId, to: ShapeId, index: usize, value: Value) -> bool {
        let mut overflow = self.overflow.lock();
        let overflow_len = overflow.as_deref().map_or(0, Vec::len);
        if self.shape() != from || (index >= INLINE && overflow_len != index - INLINE) {
            return false;
        }
        self.write_locked(&mut overflow, index, value);
        self.shape.store(to.0, Ordering::Release);
        true
    }

    /// Reads `name` in shaped mode.
    pub fn get(&self, shapes: &ShapeTable, name: &str) -> ShapedGet {
        let overflow = self.overflow.lock();
        let shape = self.shape();
        if shape == ShapeId::DICT {
            return ShapedGet::DictMode;
        }
        if shape == ShapeId::EMPTY {
            return ShapedGet::Missing;
        }
        match shapes
            .index_of(shape, name)
            .and_then(|i| self.slot_locked(&overflow, i))
        {
            Some(v) => ShapedGet::Found(v),
            None => ShapedGet::Missing,
        }
    }

    /// Writes `name` in shaped mode. Returns the slot written, or `None` when the store
    /// is (or must switch to) dict mode, in which case nothing was written. The caller
    /// runs the write barrier.
    pub fn set(&self, shapes: &ShapeTable, name: &str, value: Value) -> Option<SetOutcome> {
        let mut overflow = self.overflow.lock();
        let shape = self.shape();
        if shape == ShapeId::DICT {
            return None;
        }
        if let Some(index) = shapes.index_of(shape, name) {
            self.write_locked(&mut overflow, index, value);
            return Some(SetOutcome::Replaced { shape, index });
        }
        let to = shapes.add(shape, name)?;
        let index = shapes.index_of(to, name)?;
        self.write_locked(&mut overflow, index, value);
        self.shape.store(to.0, Ordering::Release);
        Some(SetOutcome::Added {
            from: shape,
            to,
            index,
        })
    }

    /// Leaves shaped mode for good: `build` turns the names and values (in slot order)
    /// into the dict object, which becomes `dict`. It runs under the store's lock, so no
    /// writer interleaves; it must not touch this store or run Python code. Does
    /// nothing in dict mode.
    pub fn switch_to_dict(
        &self,
        shapes: &ShapeTable,
        build: impl FnOnce(Vec<Box<str>>, &[Value]) -> Value,
    ) {
        let mut overflow = self.overflow.lock();
        let shape = self.shape();
        if shape == ShapeId::DICT {
            return;
        }
        let keys = shapes.keys(shape);
        let values: Vec<Value> = (0..keys.len())
            .map(|i| self.slot_locked(&overflow, i).unwrap_or(Value::NONE))
            .collect();
        let dict = build(keys, &values);
        self.dict.set(dict);
        self.shape.store(ShapeId::DICT.0, Ordering::Release);
        for slot in &self.inline {
            slot.set(Value::UNSET);
        }
        *overflow = None;
    }
}

/// Where a shaped write went.
#[derive(Clone, Copy)]
pub enum SetOutcome {
    Replaced {
        shape: ShapeId,
        index: usize,
    },
    Added {
        from: ShapeId,
        to: ShapeId,
        index: usize,
    },
}

/// An instance of a class defined in Python.
pub struct InstanceBody {
    pub attrs: AttrStore,
    /// For instances of subclasses of builtins with a payload (int, str, list, dict…): the
    /// builtin object carrying the value; `UNSET` otherwise.
    pub payload: AtomicValue,
    /// `__slots__` storage, one value per declared slot (`UNSET` when unassigned). Its
    /// size is fixed: `__class__` assignment requires the same slots.
    pub slots: Box<[AtomicValue]>,
}

impl InstanceBody {
    /// Stores `value` (`UNSET` to delete) in `__slots__` storage `index`; false when the
    /// instance has no such slot. The caller runs the write barrier.
    pub fn set_slot(&self, index: usize, value: Value) -> bool {
        match self.slots.get(index) {
            Some(slot) => {
                slot.set(value);
                true
            }
            None => false,
        }
    }

    /// The value in `__slots__` storage `index` (`UNSET` when unassigned).
    pub fn slot(&self, index: usize) -> Value {
        self.slots.get(index).map_or(Value::UNSET, AtomicValue::get)
    }
}

impl Trace for InstanceBody {
    fn trace(&self, tracer: &mut Tracer) {
        self.attrs.trace(tracer);
        tracer.visit(self.payload.get());
        for slot in &self.slots {
            tracer.visit(slot.get());
        }
    }
}

#[cfg(test)]
mod tests {
    /// An instance of a plain class fits a 128-byte cell (header included), so a million
    /// two-attribute objects stay near CPython's footprint.
    #[test]
    fn instance_fits_128_bytes() {
        let size = std::mem::size_of::<crate::object::Obj<super::InstanceBody>>();
        assert!(size <= 128, "Obj<InstanceBody> is {size} bytes");
    }
}
