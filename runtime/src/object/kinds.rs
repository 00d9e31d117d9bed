//! The table of Rust layouts. Every kind of heap object is listed exactly once here with
//! its body type; the `ObjKind` enum, each body's `Body` impl and the collector's
//! trace/drop dispatch derive from it. Part of the object-layout safety boundary.

use crate::gc::Tracer;
use crate::object::{Body, Obj, Trace, header_at};

macro_rules! define_kinds {
    ($($kind:ident => $body:ty,)*) => {
        /// The Rust layout of a heap object.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[repr(u8)]
        pub enum ObjKind {
            $($kind,)*
        }

        $(impl Body for $body {
            const KIND: ObjKind = ObjKind::$kind;
        })*

        /// Traces the object at `addr` (a live object found by the collector).
        pub(crate) fn trace_object(addr: usize, tracer: &mut Tracer) {
            match header_at(addr).kind() {
                $(ObjKind::$kind => {
                    // SAFETY: the header's kind says the object at `addr` is an
                    // `Obj<$body>`; it is live during marking.
                    let obj = unsafe { &*(addr as *const Obj<$body>) };
                    obj.body.trace(tracer);
                })*
            }
        }

        /// The out-of-line bytes (`Trace::external_bytes`) of the live object at `addr`.
        pub(crate) fn external_bytes_of(addr: usize) -> usize {
            match header_at(addr).kind() {
                $(ObjKind::$kind => {
                    // SAFETY: the header's kind says the object at `addr` is an
                    // `Obj<$body>`; the sweep calls this only on live objects.
                    let obj = unsafe { &*(addr as *const Obj<$body>) };
                    obj.body.external_bytes()
                })*
            }
        }

        /// Drops the object at `addr` in place.
        ///
        /// # Safety
        /// The object must be unreachable and never used or dropped again.
        pub(crate) unsafe fn drop_object(addr: usize) {
            match header_at(addr).kind() {
                $(ObjKind::$kind => {
                    // SAFETY: the header's kind names the layout, and the caller guarantees
                    // exclusive, final access.
                    unsafe { std::ptr::drop_in_place(addr as *mut Obj<$body>) };
                })*
            }
        }
    };
}

define_kinds! {
    Type => crate::types::typeobj::TypeBody,
    Instance => crate::types::instance::InstanceBody,
    BigInt => crate::types::int::IntBody,
    Str => crate::types::str::StrBody,
    Bytes => crate::types::bytes::BytesBody,
    ByteArray => crate::types::bytes::ByteArrayBody,
    Tuple => crate::types::tuple::TupleBody,
    List => crate::types::list::ListBody,
    Dict => crate::types::dict::DictBody,
    Set => crate::types::set::SetBody,
    Code => crate::types::function::CodeBody,
    Function => crate::types::function::FunctionBody,
    Cell => crate::types::function::CellBody,
    Builtin => crate::types::function::BuiltinBody,
    Method => crate::types::function::MethodBody,
    Module => crate::types::module::ModuleBody,
    Exception => crate::types::exception::ExceptionBody,
    Traceback => crate::types::exception::TracebackBody,
    Range => crate::types::misc::RangeBody,
    Slice => crate::types::misc::SliceBody,
    Complex => crate::types::misc::ComplexBody,
    RangeIter => crate::types::misc::RangeIterBody,
    SeqIter => crate::types::misc::SeqIterBody,
    Frame => crate::vm::frame::FrameBody,
    Generator => crate::vm::generator::GenBody,
    Native => crate::types::native::NativeBody,
}
