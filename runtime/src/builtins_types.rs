//! The table of builtin types. Each is listed once with its Python name, the layout of its
//! instances, its base and flags; [`BuiltinTypes`] and its bootstrap derive from the
//! table. Methods are added to the types' namespaces later, by `builtins::install`.

use crate::gc::Tracer;
use crate::gc::heap::{Heap, Tlab};
use crate::object::{Gc, ObjKind};
use crate::types::dict::DictBody;
use crate::types::typeobj::{TypeBody, tflags};
use crate::value::Value;

macro_rules! builtin_types {
    ($($field:ident = $name:literal, $layout:ident, base $base:ident, $flags:expr;)*) => {
        /// Every builtin type object (shared by all interpreters; immutable from Python).
        pub struct BuiltinTypes {
            $(pub $field: Gc<TypeBody>,)*
        }

        impl BuiltinTypes {
            /// Allocates the type objects and wires `type`, `dict`, bases and MROs.
            pub(crate) fn bootstrap(heap: &Heap, tlab: &mut Tlab) -> BuiltinTypes {
                let types = BuiltinTypes {
                    $($field: {
                        let dict = heap.alloc(tlab, 0, DictBody::default());
                        heap.alloc(tlab, 0, TypeBody::new($name, dict, ObjKind::$layout, $flags))
                    },)*
                };
                let type_addr = types.type_.addr();
                let dict_addr = types.dict.addr();
                $(
                    types.$field.header().set_type_addr(type_addr);
                    types.$field.dict.header().set_type_addr(dict_addr);
                )*
                $(types.set_base(types.$field, types.$base);)*
                types
            }

            /// Every builtin type, in table order.
            pub fn all(&self) -> Vec<Gc<TypeBody>> {
                vec![$(self.$field,)*]
            }

            pub(crate) fn trace(&self, tracer: &mut Tracer) {
                $(tracer.visit(self.$field.value());)*
            }
        }
    };
}

const B: u32 = tflags::BASETYPE;

builtin_types! {
    object = "object", Instance, base object, B;
    type_ = "type", Type, base object, B;
    int = "int", BigInt, base object, B;
    bool_ = "bool", BigInt, base int, 0;
    float = "float", Instance, base object, B;
    complex = "complex", Complex, base object, B;
    str = "str", Str, base object, B;
    bytes = "bytes", Bytes, base object, B;
    bytearray = "bytearray", ByteArray, base object, B;
    tuple = "tuple", Tuple, base object, B;
    list = "list", List, base object, B;
    dict = "dict", Dict, base object, B;
    set = "set", Set, base object, B;
    frozenset = "frozenset", Set, base object, B;
    none = "NoneType", Instance, base object, 0;
    not_implemented = "NotImplementedType", Instance, base object, 0;
    ellipsis = "ellipsis", Instance, base object, 0;
    function = "function", Function, base object, 0;
    builtin_function = "builtin_function_or_method", Builtin, base object, 0;
    method = "method", Method, base object, 0;
    code = "code", Code, base object, 0;
    cell = "cell", Cell, base object, 0;
    module = "module", Module, base object, B;
    range = "range", Range, base object, 0;
    slice = "slice", Slice, base object, 0;
    range_iterator = "range_iterator", RangeIter, base object, 0;
    list_iterator = "list_iterator", SeqIter, base object, 0;
    tuple_iterator = "tuple_iterator", SeqIter, base object, 0;
    str_iterator = "str_ascii_iterator", SeqIter, base object, 0;
    generator = "generator", Generator, base object, 0;
    coroutine = "coroutine", Generator, base object, 0;
    async_generator = "async_generator", Generator, base object, 0;
    frame = "frame", Frame, base object, 0;
    traceback = "traceback", Traceback, base object, 0;
    property = "property", Native, base object, B;
    classmethod = "classmethod", Native, base object, B;
    staticmethod = "staticmethod", Native, base object, B;
    super_ = "super", Native, base object, B;
}

impl BuiltinTypes {
    fn set_base(&self, ty: Gc<TypeBody>, base: Gc<TypeBody>) {
        if ty == base {
            // `object` itself.
            *ty.mro.lock() = vec![ty.value()];
            return;
        }
        *ty.bases.lock() = vec![base.value()];
        let mut mro = vec![ty.value()];
        mro.extend(base.mro());
        *ty.mro.lock() = mro;
    }

    /// The type of a value that is not a heap reference.
    #[inline]
    pub fn of_immediate(&self, v: Value) -> Gc<TypeBody> {
        if v.is_small_int() {
            self.int
        } else if v.is_float() {
            self.float
        } else if v.is_bool() {
            self.bool_
        } else if v == Value::NONE {
            self.none
        } else if v == Value::NOT_IMPLEMENTED {
            self.not_implemented
        } else {
            self.ellipsis
        }
    }
}
