//! Instances of Python classes, and the attribute store they share with functions and
//! exceptions.
//!
//! An attribute store starts in *shaped* mode (DESIGN.md §3): a `ShapeId` naming the
//! attribute names in order, and the values in a slot vector. It switches for good to
//! *dict* mode, a real `dict` object, when the `__dict__` is asked for, an attribute is
//! deleted, a layout is too big for shapes, or a name is not an exact `str`. Functions
//! and exceptions only ever use dict mode (through `ops::attr::instance_dict`).
//!
//! The mode, the shape and the values change together under the store's lock, so a
//! reader on another thread sees either the old layout or the new one, never a mix.

use parking_lot::Mutex;

use crate::gc::Tracer;
use crate::object::Trace;
use crate::types::shape::{ShapeId, ShapeTable};
use crate::value::{AtomicValue, Value};

/// The shaped half of an attribute store.
struct Shaped {
    shape: ShapeId,
    values: Vec<Value>,
}

/// Per-object attribute storage.
pub struct AttrStore {
    /// The `__dict__` object once the store is in dict mode; `UNSET` before.
    pub dict: AtomicValue,
    shaped: Mutex<Shaped>,
}

impl Default for AttrStore {
    fn default() -> Self {
        AttrStore { dict: AtomicValue::default(), shaped: Mutex::new(Shaped { shape: ShapeId::EMPTY, values: Vec::new() }) }
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
        tracer.visit_all(&self.shaped.lock().values);
    }

    /// The store's shape (`ShapeId::DICT` in dict mode).
    #[inline]
    pub fn shape(&self) -> ShapeId {
        self.shaped.lock().shape
    }

    /// The value in slot `index` if the store still has `shape` (an inline cache's
    /// fast path).
    #[inline]
    pub fn get_cached(&self, shape: ShapeId, index: usize) -> Option<Value> {
        let s = self.shaped.lock();
        if s.shape != shape {
            return None;
        }
        s.values.get(index).copied()
    }

    /// Stores `value` in slot `index` if the store still has `shape`; false otherwise.
    /// The caller runs the write barrier.
    #[inline]
    pub fn set_cached(&self, shape: ShapeId, index: usize, value: Value) -> bool {
        let mut s = self.shaped.lock();
        if s.shape != shape {
            return false;
        }
        match s.values.get_mut(index) {
            Some(slot) => {
                *slot = value;
                true
            }
            None => false,
        }
    }

    /// Appends `value` as slot `index` if the store has `from`, moving it to `to` (a
    /// cached transition); false otherwise. The caller runs the write barrier.
    #[inline]
    pub fn add_cached(&self, from: ShapeId, to: ShapeId, index: usize, value: Value) -> bool {
        let mut s = self.shaped.lock();
        if s.shape != from || s.values.len() != index {
            return false;
        }
        s.values.push(value);
        s.shape = to;
        true
    }

    /// Reads `name` in shaped mode.
    pub fn get(&self, shapes: &ShapeTable, name: &str) -> ShapedGet {
        let s = self.shaped.lock();
        if s.shape == ShapeId::DICT {
            return ShapedGet::DictMode;
        }
        if s.shape == ShapeId::EMPTY {
            return ShapedGet::Missing;
        }
        match shapes.index_of(s.shape, name).and_then(|i| s.values.get(i)) {
            Some(&v) => ShapedGet::Found(v),
            None => ShapedGet::Missing,
        }
    }

    /// Writes `name` in shaped mode. Returns the slot written, or `None` when the store
    /// is (or must switch to) dict mode, in which case nothing was written. The caller
    /// runs the write barrier.
    pub fn set(&self, shapes: &ShapeTable, name: &str, value: Value) -> Option<SetOutcome> {
        let mut s = self.shaped.lock();
        if s.shape == ShapeId::DICT {
            return None;
        }
        if let Some(i) = shapes.index_of(s.shape, name) {
            *s.values.get_mut(i)? = value;
            return Some(SetOutcome::Replaced { shape: s.shape, index: i });
        }
        let from = s.shape;
        let to = shapes.add(from, name)?;
        s.values.push(value);
        s.shape = to;
        Some(SetOutcome::Added { from, to, index: s.values.len() - 1 })
    }

    /// Leaves shaped mode for good: `build` turns the names and values (in slot order)
    /// into the dict object, which becomes `dict`. It runs under the store's lock, so no
    /// thread sees dict mode without the dict; it must not touch this store or run
    /// Python code. Does nothing in dict mode.
    pub fn switch_to_dict(&self, shapes: &ShapeTable, build: impl FnOnce(Vec<Box<str>>, &[Value]) -> Value) {
        let mut s = self.shaped.lock();
        if s.shape == ShapeId::DICT {
            return;
        }
        let keys = shapes.keys(s.shape);
        let dict = build(keys, &s.values);
        self.dict.set(dict);
        s.values = Vec::new();
        s.shape = ShapeId::DICT;
    }
}

/// Where a shaped write went.
#[derive(Clone, Copy)]
pub enum SetOutcome {
    Replaced { shape: ShapeId, index: usize },
    Added { from: ShapeId, to: ShapeId, index: usize },
}

/// An instance of a class defined in Python.
pub struct InstanceBody {
    pub attrs: AttrStore,
    /// For instances of subclasses of builtins with a payload (int, str, list, dict…): the
    /// builtin object carrying the value; `UNSET` otherwise.
    pub payload: AtomicValue,
    /// `__slots__` storage, one value per declared slot (`UNSET` when unassigned).
    pub slots: Mutex<Vec<Value>>,
}

impl Trace for InstanceBody {
    fn trace(&self, tracer: &mut Tracer) {
        self.attrs.trace(tracer);
        tracer.visit(self.payload.get());
        tracer.visit_all(&self.slots.lock());
    }
}
