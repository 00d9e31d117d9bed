//! Builtin types' methods and the `builtins` module, one file per type or family, and
//! the registration that fills type namespaces at interpreter start.
//!
//! Each type file exports a `METHODS` table of [`MethodDef`]s; [`install`] turns them into
//! builtin function objects in the types' `__dict__`s. Operations the VM reaches through
//! `ops` (item access, `in`, sequence arithmetic) dispatch here by layout.

pub mod asyncgen;
pub mod bytes;
pub mod codecs;
pub mod descriptors;
pub mod dict;
pub mod exceptions;
pub mod formatting;
pub mod function;
pub mod functions;
pub mod genericalias;
pub mod iterators;
pub mod list;
pub mod mappingproxy;
pub mod memoryview;
pub mod module;
pub mod numbers;
pub mod object;
pub mod range;
pub mod set;
pub mod slice;
pub mod special;
pub mod str;
pub mod templatelib;
pub mod typeobj;
pub mod typing;

use compiler::ir::ops::BinOp;

use crate::args::NativeFn;
use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::{Gc, ObjKind, kind_of};
use crate::ops::{self, dictops};
use crate::types::function::{Binding, BuiltinBody, FunctionBody};
use crate::types::misc::SliceBody;
use crate::types::typeobj::TypeBody;
use crate::value::Value;

/// One builtin method of a type's table.
#[derive(Clone, Copy)]
pub struct MethodDef {
    pub name: &'static str,
    pub func: NativeFn,
    pub binding: Binding,
}

/// A method descriptor entry.
pub const fn method(name: &'static str, func: NativeFn) -> MethodDef {
    MethodDef {
        name,
        func,
        binding: Binding::Method,
    }
}

/// A class method entry (`dict.fromkeys`).
pub const fn classmethod(name: &'static str, func: NativeFn) -> MethodDef {
    MethodDef {
        name,
        func,
        binding: Binding::ClassMethod,
    }
}

/// A static method entry (`__new__`, `str.maketrans`).
pub const fn staticmethod(name: &'static str, func: NativeFn) -> MethodDef {
    MethodDef {
        name,
        func,
        binding: Binding::StaticMethod,
    }
}

/// A new builtin function object.
pub fn new_builtin(
    vm: &mut Vm,
    name: &'static str,
    func: NativeFn,
    binding: Binding,
    owner: Value,
) -> Value {
    let ty = vm.rt.types.builtin_function;
    vm.alloc(
        ty,
        BuiltinBody {
            name,
            func,
            binding,
            bound: Value::UNSET,
            owner,
            doc: None,
        },
    )
    .value()
}

/// Adds `methods` to the namespace of `ty`.
pub fn add_methods(vm: &mut Vm, ty: Gc<TypeBody>, methods: &[MethodDef]) {
    for m in methods {
        let f = new_builtin(vm, m.name, m.func, m.binding, ty.value());
        dictops::set_item_str(vm, ty.dict, m.name, f);
    }
}

/// Fills every builtin type's namespace and the `builtins` module of `vm`'s interpreter.
pub fn install(vm: &mut Vm) {
    let rt = vm.rt.clone();
    let t = &rt.types;
    let (object, type_, int, float, complex, str_, list, tuple, dict, set, frozenset, range) = (
        t.object,
        t.type_,
        t.int,
        t.float,
        t.complex,
        t.str,
        t.list,
        t.tuple,
        t.dict,
        t.set,
        t.frozenset,
        t.range,
    );
    let (bool_, bytes) = (t.bool_, t.bytes);
    add_methods(vm, object, object::METHODS);
    add_methods(vm, type_, typeobj::METHODS);
    add_methods(vm, int, numbers::INT_METHODS);
    add_methods(vm, bool_, numbers::BOOL_METHODS);
    add_methods(vm, float, numbers::FLOAT_METHODS);
    add_methods(vm, complex, numbers::COMPLEX_METHODS);
    add_methods(vm, str_, str::METHODS);
    add_methods(vm, list, list::METHODS);
    add_methods(vm, tuple, list::TUPLE_METHODS);
    add_methods(vm, dict, dict::METHODS);
    add_methods(vm, set, set::SET_METHODS);
    add_methods(vm, frozenset, set::FROZENSET_METHODS);
    add_methods(vm, range, range::METHODS);
    add_methods(vm, bytes, self::bytes::BYTES_METHODS);
    let module_ty = vm.rt.types.module;
    add_methods(vm, module_ty, module::METHODS);
    let function_ty = vm.rt.types.function;
    add_methods(vm, function_ty, function::FUNCTION_METHODS);
    let cell_ty = vm.rt.types.cell;
    add_methods(vm, cell_ty, function::CELL_METHODS);
    let slice_ty = vm.rt.types.slice;
    add_methods(vm, slice_ty, self::slice::METHODS);
    let bytearray = vm.rt.types.bytearray;
    add_methods(vm, bytearray, self::bytes::BYTEARRAY_METHODS);
    let generator = vm.rt.types.generator;
    add_methods(vm, generator, iterators::GENERATOR_METHODS);
    let coro = vm.rt.types.coroutine;
    add_methods(vm, coro, iterators::COROUTINE_METHODS);
    asyncgen::install(vm);
    for it in [
        vm.rt.types.range_iterator,
        vm.rt.types.list_iterator,
        vm.rt.types.tuple_iterator,
        vm.rt.types.str_iterator,
    ] {
        add_methods(vm, it, iterators::SEQ_ITER_METHODS);
    }
    descriptors::install(vm);
    exceptions::install(vm);
    slot_wrappers::install(vm);
    let all_types = vm.rt.types.all();
    for ty in all_types {
        let m = vm.intern("builtins");
        dictops::set_item_str(vm, ty.dict, "__module__", m);
    }
    for (_, ty) in vm.rt.exc.all() {
        let m = vm.intern("builtins");
        dictops::set_item_str(vm, ty.dict, "__module__", m);
    }
    functions::install(vm);
    memoryview::install(vm);
    templatelib::install(vm);
    genericalias::install(vm);
    mappingproxy::install(vm);
}

mod slot_wrappers {
    //! `__eq__`, `__add__`, `__len__`… on builtin types, for code that calls them
    //! explicitly or reaches them through a user subclass. Each wraps the one `ops`
    //! function for that operation.

    use compiler::ir::ops::{BinOp, CmpOp};

    use super::{add_methods, method};
    use crate::args::Args;
    use crate::errors::PyResult;
    use crate::interp::Vm;
    use crate::ops::{self, arith, compare};
    use crate::value::Value;

    macro_rules! cmp_slot {
        ($name:ident, $op:expr) => {
            fn $name(vm: &mut Vm, args: &Args) -> PyResult<Value> {
                let a = args.range(vm, stringify!($name), 2, 2)?;
                Ok(match compare::builtin_compare(vm, a[0], a[1], $op)? {
                    Some(r) => Value::from_bool(r),
                    None => Value::NOT_IMPLEMENTED,
                })
            }
        };
    }
    cmp_slot!(slot_eq, CmpOp::Eq);
    cmp_slot!(slot_ne, CmpOp::Ne);
    cmp_slot!(slot_lt, CmpOp::Lt);
    cmp_slot!(slot_le, CmpOp::Le);
    cmp_slot!(slot_gt, CmpOp::Gt);
    cmp_slot!(slot_ge, CmpOp::Ge);

    macro_rules! bin_slot {
        ($name:ident, $rname:ident, $op:expr) => {
            fn $name(vm: &mut Vm, args: &Args) -> PyResult<Value> {
                let a = args.range(vm, stringify!($name), 2, 2)?;
                Ok(arith::builtin_binary(vm, a[0], a[1], $op)?.unwrap_or(Value::NOT_IMPLEMENTED))
            }
            fn $rname(vm: &mut Vm, args: &Args) -> PyResult<Value> {
                let a = args.range(vm, stringify!($rname), 2, 2)?;
                Ok(arith::builtin_binary(vm, a[1], a[0], $op)?.unwrap_or(Value::NOT_IMPLEMENTED))
            }
        };
    }
    bin_slot!(slot_add, slot_radd, BinOp::Add);
    bin_slot!(slot_sub, slot_rsub, BinOp::Sub);
    bin_slot!(slot_mul, slot_rmul, BinOp::Mul);
    bin_slot!(slot_truediv, slot_rtruediv, BinOp::TrueDiv);
    bin_slot!(slot_floordiv, slot_rfloordiv, BinOp::FloorDiv);
    bin_slot!(slot_mod, slot_rmod, BinOp::Mod);
    bin_slot!(slot_pow, slot_rpow, BinOp::Pow);
    bin_slot!(slot_lshift, slot_rlshift, BinOp::LShift);
    bin_slot!(slot_rshift, slot_rrshift, BinOp::RShift);
    bin_slot!(slot_and, slot_rand, BinOp::And);
    bin_slot!(slot_or, slot_ror, BinOp::Or);
    bin_slot!(slot_xor, slot_rxor, BinOp::Xor);

    fn slot_hash(vm: &mut Vm, args: &Args) -> PyResult<Value> {
        let a = args.one(vm, "__hash__")?;
        let inner = ops::unwrap_payload(a);
        // Builtin hashable values (str, bytes, numbers, tuples) hash by value; everything
        // else reaching `object.__hash__` hashes by identity.
        let by_value = inner != a
            || !a.is_ptr()
            || matches!(
                crate::object::kind_of(a),
                Some(
                    crate::object::ObjKind::Str
                        | crate::object::ObjKind::Bytes
                        | crate::object::ObjKind::BigInt
                        | crate::object::ObjKind::Tuple
                        | crate::object::ObjKind::Complex
                )
            );
        let h = if by_value {
            ops::hash::hash(vm, inner)?
        } else {
            ops::hash::identity_hash(a)
        };
        Ok(vm.new_int(h))
    }

    fn slot_len(vm: &mut Vm, args: &Args) -> PyResult<Value> {
        let a = args.one(vm, "__len__")?;
        let n = ops::len(vm, ops::unwrap_payload(a))?;
        Ok(vm.new_int(n as i64))
    }

    fn slot_bool(vm: &mut Vm, args: &Args) -> PyResult<Value> {
        let a = args.one(vm, "__bool__")?;
        let b = ops::truthy(vm, ops::unwrap_payload(a))?;
        Ok(Value::from_bool(b))
    }

    fn slot_repr(vm: &mut Vm, args: &Args) -> PyResult<Value> {
        let a = args.one(vm, "__repr__")?;
        let s = ops::repr::builtin_repr(vm, a)?;
        Ok(vm.new_string(s))
    }

    fn slot_str(vm: &mut Vm, args: &Args) -> PyResult<Value> {
        let a = args.one(vm, "__str__")?;
        let inner = ops::unwrap_payload(a);
        if inner == a && crate::object::kind_of(a) == Some(crate::object::ObjKind::Str) {
            // `str.__str__` of an exact str is the str itself.
            return Ok(a);
        }
        if inner != a {
            // Like CPython's object.__str__, a subclass of a builtin without its own
            // `__str__` (tuple, int, list, ...) is shown by its type's `__repr__`.
            if matches!(
                crate::object::kind_of(inner),
                Some(crate::object::ObjKind::Str)
                    | Some(crate::object::ObjKind::Bytes)
                    | Some(crate::object::ObjKind::Exception)
            ) {
                return ops::repr::str(vm, inner);
            }
            return ops::repr::repr(vm, a);
        }
        let s = ops::repr::builtin_repr(vm, a)?;
        Ok(vm.new_string(s))
    }

    fn slot_getitem(vm: &mut Vm, args: &Args) -> PyResult<Value> {
        let a = args.range(vm, "__getitem__", 2, 2)?;
        let inner = ops::unwrap_payload(a[0]);
        if inner != a[0] && crate::object::kind_of(inner) == Some(crate::object::ObjKind::Dict) {
            // A dict subclass keeps its type here so `__missing__` is honoured.
            return super::dict::dict_getitem(vm, a[0], a[1]);
        }
        ops::subscript::getitem(vm, inner, a[1])
    }

    fn slot_setitem(vm: &mut Vm, args: &Args) -> PyResult<Value> {
        let a = args.range(vm, "__setitem__", 3, 3)?;
        ops::subscript::setitem(vm, ops::unwrap_payload(a[0]), a[1], a[2])?;
        Ok(Value::NONE)
    }

    fn slot_delitem(vm: &mut Vm, args: &Args) -> PyResult<Value> {
        let a = args.range(vm, "__delitem__", 2, 2)?;
        ops::subscript::delitem(vm, ops::unwrap_payload(a[0]), a[1])?;
        Ok(Value::NONE)
    }

    fn slot_contains(vm: &mut Vm, args: &Args) -> PyResult<Value> {
        let a = args.range(vm, "__contains__", 2, 2)?;
        let r = ops::compare::contains(vm, ops::unwrap_payload(a[0]), a[1])?;
        Ok(Value::from_bool(r))
    }

    fn slot_iter(vm: &mut Vm, args: &Args) -> PyResult<Value> {
        let a = args.one(vm, "__iter__")?;
        ops::iter::get_iter(vm, ops::unwrap_payload(a))
    }

    fn slot_neg(vm: &mut Vm, args: &Args) -> PyResult<Value> {
        let a = args.one(vm, "__neg__")?;
        arith::unary_op(vm, ops::unwrap_payload(a), compiler::ir::ops::UnaryOp::Neg)
    }

    fn slot_format(vm: &mut Vm, args: &Args) -> PyResult<Value> {
        let a = args.range(vm, "__format__", 2, 2)?;
        super::functions::builtin_format(vm, ops::unwrap_payload(a[0]), a[1])
    }

    pub fn install(vm: &mut Vm) {
        let rt = vm.rt.clone();
        let t = &rt.types;
        let compare_types = [
            t.int,
            t.bool_,
            t.float,
            t.complex,
            t.str,
            t.bytes,
            t.bytearray,
            t.tuple,
            t.list,
            t.dict,
            t.set,
            t.frozenset,
        ];
        let number_types = [t.int, t.bool_, t.float, t.complex];
        let seq_types = [t.str, t.list, t.tuple, t.bytes, t.bytearray];
        let container_types = [
            t.str,
            t.list,
            t.tuple,
            t.dict,
            t.set,
            t.frozenset,
            t.bytes,
            t.bytearray,
            t.range,
        ];
        for ty in compare_types {
            add_methods(
                vm,
                ty,
                &[
                    method("__eq__", slot_eq),
                    method("__ne__", slot_ne),
                    method("__lt__", slot_lt),
                    method("__le__", slot_le),
                    method("__gt__", slot_gt),
                    method("__ge__", slot_ge),
                ],
            );
        }
        for ty in number_types {
            add_methods(
                vm,
                ty,
                &[
                    method("__add__", slot_add),
                    method("__radd__", slot_radd),
                    method("__sub__", slot_sub),
                    method("__rsub__", slot_rsub),
                    method("__mul__", slot_mul),
                    method("__rmul__", slot_rmul),
                    method("__truediv__", slot_truediv),
                    method("__rtruediv__", slot_rtruediv),
                    method("__pow__", slot_pow),
                    method("__rpow__", slot_rpow),
                    method("__neg__", slot_neg),
                    method("__bool__", slot_bool),
                ],
            );
        }
        for ty in [t.int, t.bool_, t.float] {
            add_methods(
                vm,
                ty,
                &[
                    method("__floordiv__", slot_floordiv),
                    method("__rfloordiv__", slot_rfloordiv),
                    method("__mod__", slot_mod),
                    method("__rmod__", slot_rmod),
                ],
            );
        }
        for ty in [t.int, t.bool_] {
            add_methods(
                vm,
                ty,
                &[
                    method("__lshift__", slot_lshift),
                    method("__rlshift__", slot_rlshift),
                    method("__rshift__", slot_rshift),
                    method("__rrshift__", slot_rrshift),
                    method("__and__", slot_and),
                    method("__rand__", slot_rand),
                    method("__or__", slot_or),
                    method("__ror__", slot_ror),
                    method("__xor__", slot_xor),
                    method("__rxor__", slot_rxor),
                ],
            );
        }
        for ty in [t.set, t.frozenset, t.dict] {
            add_methods(
                vm,
                ty,
                &[method("__or__", slot_or), method("__ror__", slot_ror)],
            );
        }
        for ty in [t.set, t.frozenset] {
            add_methods(
                vm,
                ty,
                &[
                    method("__and__", slot_and),
                    method("__rand__", slot_rand),
                    method("__xor__", slot_xor),
                    method("__rxor__", slot_rxor),
                    method("__sub__", slot_sub),
                    method("__rsub__", slot_rsub),
                ],
            );
        }
        for ty in seq_types {
            add_methods(
                vm,
                ty,
                &[
                    method("__add__", slot_add),
                    method("__mul__", slot_mul),
                    method("__rmul__", slot_rmul),
                    method("__getitem__", slot_getitem),
                ],
            );
        }
        add_methods(vm, t.str, &[method("__mod__", slot_mod)]);
        add_methods(vm, t.bytes, &[method("__mod__", slot_mod)]);
        add_methods(vm, t.bytearray, &[method("__mod__", slot_mod)]);
        for ty in container_types {
            add_methods(
                vm,
                ty,
                &[
                    method("__len__", slot_len),
                    method("__contains__", slot_contains),
                    method("__iter__", slot_iter),
                ],
            );
        }
        for ty in [t.dict, t.range] {
            add_methods(vm, ty, &[method("__getitem__", slot_getitem)]);
        }
        for ty in [t.list, t.dict] {
            add_methods(
                vm,
                ty,
                &[
                    method("__setitem__", slot_setitem),
                    method("__delitem__", slot_delitem),
                ],
            );
        }
        {
            let ty = t.object;
            add_methods(
                vm,
                ty,
                &[
                    method("__repr__", slot_repr),
                    method("__str__", slot_str),
                    method("__hash__", slot_hash),
                    method("__format__", slot_format),
                    method("__eq__", slot_eq),
                    method("__ne__", slot_ne),
                ],
            );
        }
        let unhashable = [t.list, t.dict, t.set, t.bytearray];
        for ty in unhashable {
            crate::ops::dictops::set_item_str(vm, ty.dict, "__hash__", Value::NONE);
        }
    }
}

/// A new `slice` object.
pub fn new_slice(vm: &mut Vm, start: Value, stop: Value, step: Value) -> Value {
    let ty = vm.rt.types.slice;
    vm.alloc(ty, SliceBody { start, stop, step }).value()
}

/// The name of a callable as TypeErrors about its arguments show it (`f()`, `C.m()`).
pub fn callable_name(vm: &mut Vm, callee: Value) -> String {
    match kind_of(callee) {
        Some(ObjKind::Function) => {
            // CPython's `_PyObject_FunctionStr`: `module.qualname()` unless the module is
            // `builtins`.
            let f = Gc::<FunctionBody>::from_value(callee).expect("function");
            let q = ops::str_of(f.qualname.get()).unwrap_or("?");
            match ops::str_of(f.module.get()) {
                Some(m) if m != "builtins" => format!("{m}.{q}()"),
                _ => format!("{q}()"),
            }
        }
        Some(ObjKind::Builtin) => format!(
            "{}()",
            Gc::<BuiltinBody>::from_value(callee).expect("builtin").name
        ),
        Some(ObjKind::Method) => {
            let m = Gc::<crate::types::function::MethodBody>::from_value(callee).expect("method");
            callable_name(vm, m.func)
        }
        Some(ObjKind::Type) => format!(
            "{}()",
            Gc::<TypeBody>::from_value(callee).expect("type").name()
        ),
        _ => format!("{} object", ops::type_name(vm, callee)),
    }
}

/// `obj[key]` for builtin containers; `None` when `obj` is not one.
pub fn getitem_builtin(vm: &mut Vm, obj: Value, key: Value) -> PyResult<Option<Value>> {
    match kind_of(obj) {
        Some(ObjKind::List) | Some(ObjKind::Tuple) => list::seq_getitem(vm, obj, key).map(Some),
        Some(ObjKind::Str) => str::str_getitem(vm, obj, key).map(Some),
        Some(ObjKind::Bytes) | Some(ObjKind::ByteArray) => {
            str::bytes_getitem(vm, obj, key).map(Some)
        }
        Some(ObjKind::Dict) => dict::dict_getitem(vm, obj, key).map(Some),
        Some(ObjKind::Range) => range::range_getitem(vm, obj, key).map(Some),
        Some(ObjKind::Native) => memoryview::native_getitem(vm, obj, key),
        _ => Ok(None),
    }
}

/// `obj[key] = value` for builtin containers; `false` when `obj` is not one.
pub fn setitem_builtin(vm: &mut Vm, obj: Value, key: Value, value: Value) -> PyResult<bool> {
    match kind_of(obj) {
        Some(ObjKind::List) => list::list_setitem(vm, obj, key, value).map(|()| true),
        Some(ObjKind::Dict) => {
            let d = Gc::from_value(obj).expect("dict");
            dictops::set(vm, d, key, value).map(|()| true)
        }
        Some(ObjKind::ByteArray) => str::bytearray_setitem(vm, obj, key, value).map(|()| true),
        _ => Ok(false),
    }
}

/// `del obj[key]` for builtin containers; `false` when `obj` is not one.
pub fn delitem_builtin(vm: &mut Vm, obj: Value, key: Value) -> PyResult<bool> {
    match kind_of(obj) {
        Some(ObjKind::List) => list::list_delitem(vm, obj, key).map(|()| true),
        Some(ObjKind::ByteArray) => self::bytes::bytearray_delitem(vm, obj, key).map(|()| true),
        Some(ObjKind::Dict) => {
            let d = Gc::from_value(obj).expect("dict");
            if dictops::remove(vm, d, key)?.is_none() {
                return Err(vm.key_error(key));
            }
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// `item in obj` for builtin containers; `None` when `obj` is not one.
pub fn contains_builtin(vm: &mut Vm, obj: Value, item: Value) -> PyResult<Option<bool>> {
    match kind_of(obj) {
        Some(ObjKind::Str) => {
            let Some(needle) = ops::str_of(item) else {
                let tn = ops::type_name(vm, item);
                return Err(vm.type_error(format!(
                    "'in <string>' requires string as left operand, not {tn}"
                )));
            };
            if ops::str_has_surrogates(item) || ops::str_has_surrogates(obj) {
                // Generalized UTF-8 is self-synchronizing: a byte match is a code-point match.
                let (hay, needle) = (ops::str_wtf8(obj), ops::str_wtf8(item));
                let (hay, needle) = (hay.unwrap_or(b""), needle.unwrap_or(b""));
                return Ok(Some(memchr::memmem::find(hay, needle).is_some()));
            }
            Ok(Some(ops::str_of(obj).unwrap_or("").contains(needle)))
        }
        Some(ObjKind::List) | Some(ObjKind::Tuple) => {
            let items = match Gc::<crate::types::list::ListBody>::from_value(obj) {
                Some(l) => l.snapshot(),
                None => ops::tuple_items(obj).unwrap_or(&[]).to_vec(),
            };
            let holder = vm.new_tuple(items.clone());
            for x in items {
                if ops::compare::eq(vm, x, item)? {
                    return Ok(Some(true));
                }
            }
            std::hint::black_box(holder);
            Ok(Some(false))
        }
        Some(ObjKind::Dict) => {
            let d = Gc::from_value(obj).expect("dict");
            Ok(Some(dictops::get(vm, d, item)?.is_some()))
        }
        Some(ObjKind::Set) => set::set_contains(vm, obj, item).map(Some),
        Some(ObjKind::Range) => range::range_contains(vm, obj, item).map(Some),
        Some(ObjKind::Bytes) | Some(ObjKind::ByteArray) => {
            str::bytes_contains(vm, obj, item).map(Some)
        }
        _ => Ok(None),
    }
}

/// `+`, `*`, `%`, `|`… on builtin sequences, sets and dicts; `None` means
/// `NotImplemented`.
pub fn sequence_binary(vm: &mut Vm, a: Value, b: Value, op: BinOp) -> PyResult<Option<Value>> {
    match (kind_of(a), op) {
        (Some(ObjKind::Str), _) | (Some(ObjKind::Bytes), _) | (Some(ObjKind::ByteArray), _) => {
            str::str_binary(vm, a, b, op)
        }
        (Some(ObjKind::List), _) | (Some(ObjKind::Tuple), _) => list::seq_binary(vm, a, b, op),
        (Some(ObjKind::Set), _) => set::set_binary(vm, a, b, op),
        (Some(ObjKind::Dict), BinOp::Or) => dict::dict_or(vm, a, b),
        // `deque * seq` is the deque's repeat (which rejects `seq`), not `seq`'s.
        (_, BinOp::Mul)
            if matches!(
                kind_of(b),
                Some(ObjKind::Str)
                    | Some(ObjKind::Bytes)
                    | Some(ObjKind::List)
                    | Some(ObjKind::Tuple)
                    | Some(ObjKind::ByteArray)
            ) && !crate::modules::collections::is_deque(a) =>
        {
            sequence_binary(vm, b, a, op)
        }
        _ => Ok(None),
    }
}

/// In-place operators of mutable builtins (`list +=`, `set |=`, `dict |=`); `None` when
/// the binary operator applies instead.
pub fn inplace_builtin(vm: &mut Vm, a: Value, b: Value, op: BinOp) -> PyResult<Option<Value>> {
    match (kind_of(a), op) {
        (Some(ObjKind::List), BinOp::Add) => {
            crate::vm::misc::list_extend(vm, a, b)?;
            Ok(Some(a))
        }
        (Some(ObjKind::List), BinOp::Mul) => list::list_imul(vm, a, b).map(Some),
        (Some(ObjKind::Set), _) if ops::type_of(vm, a) == vm.rt.types.set => {
            set::set_inplace(vm, a, b, op)
        }
        (Some(ObjKind::Dict), BinOp::Or) => {
            dict::dict_update_from(vm, a, b)?;
            Ok(Some(a))
        }
        (Some(ObjKind::ByteArray), BinOp::Add | BinOp::Mul) => str::bytearray_inplace(vm, a, b, op),
        _ => Ok(None),
    }
}

/// The repr of native objects that define one.
pub fn native_repr(vm: &mut Vm, v: Value) -> PyResult<Option<String>> {
    descriptors::native_repr(vm, v)
}
