//! `type`: type objects, their MRO (C3) and attribute lookup along it.
//!
//! A type's namespace is an ordinary dict object (`__dict__`); lookups walk the MRO's
//! dicts. Any mutation of a type's namespace or bases bumps its version tag, which inline
//! caches and JIT guards compare against (DESIGN.md §3).

use std::sync::atomic::{AtomicU64, Ordering};

use parking_lot::Mutex;

use crate::gc::Tracer;
use crate::object::{Gc, ObjKind, Trace};
use crate::types::dict::DictBody;
use crate::value::{AtomicValue, Value};

/// Bits of [`TypeBody::flags`].
pub mod tflags {
    /// Created by a `class` statement (attributes may be set on it).
    pub const HEAPTYPE: u32 = 1;
    /// May be subclassed.
    pub const BASETYPE: u32 = 2;
    /// Instances carry an attribute store (`__dict__` or shape slots).
    pub const HAS_ATTRS: u32 = 4;
    /// Some class in the MRO defines `__del__`.
    pub const HAS_FINALIZER: u32 = 8;
    /// A subclass of `BaseException`.
    pub const EXCEPTION: u32 = 16;
    /// Has `__slots__` storage (`slot_names` is set; `nslots` counts it).
    pub const HAS_SLOTS: u32 = 32;
}

static NEXT_VERSION: AtomicU64 = AtomicU64::new(1);

/// A type object.
pub struct TypeBody {
    pub name: Mutex<String>,
    pub qualname: Mutex<String>,
    pub bases: Mutex<Vec<Value>>,
    pub mro: Mutex<Vec<Value>>,
    /// The namespace: a dict object.
    pub dict: Gc<DictBody>,
    /// The Rust layout of instances created by `object.__new__`-style allocation.
    pub layout: ObjKind,
    /// For user subclasses of payload-carrying builtins (int, str, tuple, list, dict…):
    /// the builtin whose value instances wrap.
    pub payload_base: AtomicValue,
    /// The length of `slot_names`, readable without its lock (every instance creation
    /// needs it, from every thread).
    pub nslots: std::sync::atomic::AtomicU32,
    pub flags: std::sync::atomic::AtomicU32,
    version: AtomicU64,
    /// `__slots__` names when the class defines them (no `__dict__` then).
    pub slot_names: Mutex<Option<Vec<String>>>,
}

impl Trace for TypeBody {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.visit_all(&self.bases.lock());
        tracer.visit_all(&self.mro.lock());
        tracer.visit(self.dict.value());
        tracer.visit(self.payload_base.get());
    }
}

impl TypeBody {
    pub fn new(name: &str, dict: Gc<DictBody>, layout: ObjKind, flags: u32) -> TypeBody {
        TypeBody {
            name: Mutex::new(name.to_owned()),
            qualname: Mutex::new(name.to_owned()),
            bases: Mutex::new(Vec::new()),
            mro: Mutex::new(Vec::new()),
            dict,
            layout,
            payload_base: AtomicValue::new(Value::NONE),
            nslots: std::sync::atomic::AtomicU32::new(0),
            flags: std::sync::atomic::AtomicU32::new(flags),
            version: AtomicU64::new(NEXT_VERSION.fetch_add(1, Ordering::Relaxed)),
            slot_names: Mutex::new(None),
        }
    }

    pub fn name(&self) -> String {
        self.name.lock().clone()
    }

    pub fn has_flag(&self, flag: u32) -> bool {
        self.flags.load(Ordering::Relaxed) & flag != 0
    }

    pub fn set_flag(&self, flag: u32) {
        self.flags.fetch_or(flag, Ordering::Relaxed);
    }

    /// The version tag caches compare against.
    pub fn version(&self) -> u64 {
        self.version.load(Ordering::Acquire)
    }

    /// Invalidates caches keyed on this type (call after any namespace or MRO change of
    /// this type; subclasses are invalidated by the caller walking them).
    pub fn bump_version(&self) {
        self.version.store(
            NEXT_VERSION.fetch_add(1, Ordering::Relaxed),
            Ordering::Release,
        );
    }

    pub fn mro(&self) -> Vec<Value> {
        self.mro.lock().clone()
    }
}

/// C3 linearisation of `ty` with direct `bases`, each given with its own MRO. Returns
/// `Err(remaining heads)` when no consistent order exists (CPython's
/// `mro_implementation`/`pmerge` in Objects/typeobject.c).
pub fn c3_linearize(ty: Value, bases: &[(Value, Vec<Value>)]) -> Result<Vec<Value>, Vec<Value>> {
    let mut sequences: Vec<Vec<Value>> = bases.iter().map(|(_, mro)| mro.clone()).collect();
    sequences.push(bases.iter().map(|(b, _)| *b).collect());
    let mut result = vec![ty];
    loop {
        sequences.retain(|s| !s.is_empty());
        if sequences.is_empty() {
            return Ok(result);
        }
        let candidate = sequences
            .iter()
            .map(|s| s[0])
            .find(|&head| !sequences.iter().any(|s| s[1..].contains(&head)));
        let Some(head) = candidate else {
            let mut heads: Vec<Value> = Vec::new();
            for s in &sequences {
                if !heads.contains(&s[0]) {
                    heads.push(s[0]);
                }
            }
            return Err(heads);
        };
        result.push(head);
        for s in &mut sequences {
            if s[0] == head {
                s.remove(0);
            }
        }
    }
}
