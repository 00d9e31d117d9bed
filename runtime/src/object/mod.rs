//! Object layout: the header every heap object starts with, typed references to objects,
//! and the table of Rust layouts (kinds). **Safety boundary** (DESIGN.md §11): this file
//! turns addresses into references, relying on the GC's invariants.
//!
//! A heap object is an [`Obj<B>`]: a [`Header`] followed by a body `B`. The header names
//! the object's Python type and its Rust layout ([`ObjKind`]); the kind table in
//! `kinds.rs` maps each kind to its body type, which is how the collector traces and
//! drops objects it knows only by address. Python subclasses share their base's layout:
//! `header.ty` can be any subclass, `header.kind` is fixed at allocation.
//!
//! Bodies are plain Rust structs whose mutable parts sit behind a per-object lock or in
//! atomics, so a [`Gc<B>`] is `Send + Sync` and threads share objects freely (§5). No body
//! is ever moved or freed while reachable: `Gc` is a `Copy` address whose validity is the
//! GC's rooting rule (see `gc`).

mod kinds;

pub use kinds::ObjKind;
pub(crate) use kinds::{drop_object, external_bytes_of, trace_object};

use std::marker::PhantomData;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};

use crate::gc::Tracer;
use crate::value::Value;

/// The word every heap object starts with.
#[repr(C)]
pub struct Header {
    /// Address of the object's type (an `Obj<TypeBody>`); changes on `__class__` assignment.
    ty: AtomicUsize,
    kind: ObjKind,
    /// The collector's mark bit (see `gc`).
    pub(crate) mark: AtomicU8,
    /// [`flags`] bits.
    pub(crate) flags: AtomicU8,
    _reserved: u8,
}

/// Bits of [`Header::flags`].
pub mod flags {
    /// The object's `__del__` has run (it runs at most once, as in CPython since PEP 442).
    pub const FINALIZED: u8 = 1;
    /// The object survives collections without being traced from roots (`gc.freeze`).
    pub const FROZEN: u8 = 2;
}

impl Header {
    pub(crate) fn new(ty: usize, kind: ObjKind) -> Header {
        Header {
            ty: AtomicUsize::new(ty),
            kind,
            mark: AtomicU8::new(0),
            flags: AtomicU8::new(0),
            _reserved: 0,
        }
    }

    /// The address of the type object.
    #[inline]
    pub fn type_addr(&self) -> usize {
        self.ty.load(Ordering::Relaxed)
    }

    pub(crate) fn set_type_addr(&self, ty: usize) {
        self.ty.store(ty, Ordering::Relaxed)
    }

    #[inline]
    pub fn kind(&self) -> ObjKind {
        self.kind
    }

    pub fn has_flag(&self, flag: u8) -> bool {
        self.flags.load(Ordering::Relaxed) & flag != 0
    }

    pub fn set_flag(&self, flag: u8) {
        self.flags.fetch_or(flag, Ordering::Relaxed);
    }

    pub fn clear_flag(&self, flag: u8) {
        self.flags.fetch_and(!flag, Ordering::Relaxed);
    }
}

/// Something the collector can trace: it reports every `Value` it holds.
pub trait Trace {
    fn trace(&self, tracer: &mut Tracer);

    /// The bytes the body owns outside its cell (a `str`'s text, a tuple's items, a
    /// frame's registers; for a list, its capacity when asked). They count toward the
    /// collector's allocation budget when the object is made and in the live size the
    /// sweep measures, so a program that churns big strings or deep call chains collects
    /// as often as one that churns many cells instead of growing the process.
    fn external_bytes(&self) -> usize {
        0
    }
}

/// A Rust layout of heap objects. Implemented by the body types listed in `kinds.rs`.
pub trait Body: Trace + Send + Sync + Sized + 'static {
    const KIND: ObjKind;
}

/// A heap object: header, then body.
#[repr(C)]
pub struct Obj<B> {
    pub header: Header,
    pub body: B,
}

/// A reference to a heap object of layout `B`. `Copy`; valid while the object is
/// reachable (the GC's rooting rule).
pub struct Gc<B: Body> {
    ptr: NonNull<Obj<B>>,
    _marker: PhantomData<B>,
}

impl<B: Body> Clone for Gc<B> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<B: Body> Copy for Gc<B> {}

impl<B: Body> PartialEq for Gc<B> {
    fn eq(&self, other: &Self) -> bool {
        self.ptr == other.ptr
    }
}

impl<B: Body> Eq for Gc<B> {}

// SAFETY: bodies are `Send + Sync` (the `Body` bound), and the header is atomics only, so
// sharing the address between threads shares only thread-safe data.
unsafe impl<B: Body> Send for Gc<B> {}
// SAFETY: as above.
unsafe impl<B: Body> Sync for Gc<B> {}

impl<B: Body> Gc<B> {
    /// Wraps a freshly initialised object (used by the heap after writing it).
    ///
    /// # Safety
    /// `ptr` must point to an initialised `Obj<B>` owned by the GC heap.
    pub(crate) unsafe fn from_raw(ptr: NonNull<Obj<B>>) -> Gc<B> {
        Gc {
            ptr,
            _marker: PhantomData,
        }
    }

    /// The object's header.
    #[inline]
    pub fn header(&self) -> &Header {
        // SAFETY: a `Gc` only exists for an initialised object the GC keeps alive while it
        // is reachable, and the caller holds this reference on its stack or in a traced
        // object (the rooting rule), so the object is live for the borrow.
        unsafe { &self.ptr.as_ref().header }
    }

    /// The object's address (its `id()`).
    #[inline]
    pub fn addr(self) -> usize {
        self.ptr.as_ptr() as usize
    }

    /// The object as a `Value`.
    #[inline]
    pub fn value(self) -> Value {
        Value::from_addr(self.addr())
    }

    /// A typed reference to the object `v` denotes, if it has layout `B`.
    #[inline]
    pub fn from_value(v: Value) -> Option<Gc<B>> {
        let addr = v.as_addr()?;
        let header = header_at(addr);
        if header.kind == B::KIND {
            // SAFETY: the header says the object at `addr` has layout `B`, and objects are
            // never re-laid-out, so `addr` points to an `Obj<B>`.
            Some(unsafe { Gc::from_raw(NonNull::new_unchecked(addr as *mut Obj<B>)) })
        } else {
            None
        }
    }

    /// The body with an unbounded lifetime. Sound under the rooting rule as long as the
    /// reference stays in Rust locals: a reference into the object is an interior pointer,
    /// which the conservative stack scan recognises, so the object outlives it. Never keep
    /// it in a heap allocation across a call into Python code.
    #[inline]
    pub fn body<'a>(self) -> &'a B {
        // SAFETY: the object is initialised and kept alive by the caller's reachable
        // reference, or by this very reference while it lives on the stack (see above).
        unsafe { &(*self.ptr.as_ptr()).body }
    }

    /// The object's Python type, as a `Value`.
    #[inline]
    pub fn type_value(self) -> Value {
        Value::from_addr(self.header().type_addr())
    }
}

impl<B: Body> std::ops::Deref for Gc<B> {
    type Target = B;

    #[inline]
    fn deref(&self) -> &B {
        // SAFETY: see `header`: the object is initialised and alive for the borrow.
        unsafe { &self.ptr.as_ref().body }
    }
}

impl<B: Body> std::fmt::Debug for Gc<B> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Gc<{:?}>({:#x})", B::KIND, self.addr())
    }
}

/// The header of the heap object at `addr`.
///
/// `addr` must come from a `Value` reference (`Value::as_addr`) or from the heap's own
/// object lists; both denote live, initialised objects under the rooting rule.
#[inline]
pub fn header_at<'a>(addr: usize) -> &'a Header {
    debug_assert!(addr.is_multiple_of(8));
    // SAFETY: every heap reference points at an object that starts with a `Header`
    // (`Obj<B>` is `repr(C)` with the header first) and that the GC keeps alive while the
    // reference is reachable; the caller's `Value` is such a reachable reference.
    unsafe { &*(addr as *const Header) }
}

/// The kind of the heap object `v` refers to, if it is one.
#[inline]
pub fn kind_of(v: Value) -> Option<ObjKind> {
    v.as_addr().map(|addr| header_at(addr).kind)
}
