//! Python exceptions as Rust errors: [`PyErr`] (a raised exception object), the table of
//! builtin exception types (the 3.14 hierarchy, listed once), and the constructors every
//! runtime error goes through, so messages match CPython's (DESIGN.md §8).

use crate::builtins_types::BuiltinTypes;
use crate::gc::Tracer;
use crate::gc::heap::{Heap, Tlab};
use crate::interp::Vm;
use crate::object::{Gc, ObjKind};
use crate::types::dict::DictBody;
use crate::types::exception::ExceptionBody;
use crate::types::typeobj::{TypeBody, tflags};
use crate::value::{AtomicValue, Value};

/// A raised exception: the exception instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PyErr(pub Value);

impl PyErr {
    pub fn value(self) -> Value {
        self.0
    }

    /// The exception object's body.
    pub fn body(self) -> Option<Gc<ExceptionBody>> {
        Gc::from_value(self.0)
    }
}

pub type PyResult<T> = Result<T, PyErr>;

macro_rules! exception_types {
    (root $root:ident; $($field:ident = $name:literal : $base:ident $(+ $base2:ident)?;)*) => {
        /// Every builtin exception type.
        pub struct ExcTypes {
            $(pub $field: Gc<TypeBody>,)*
        }

        impl ExcTypes {
            pub(crate) fn create(heap: &Heap, tlab: &mut Tlab, types: &BuiltinTypes) -> ExcTypes {
                let $root = types.object;
                $(
                    let $field = {
                        let dict = heap.alloc(tlab, types.dict.addr(), DictBody::default());
                        let ty = heap.alloc(
                            tlab,
                            types.type_.addr(),
                            TypeBody::new($name, dict, ObjKind::Exception, tflags::BASETYPE | tflags::EXCEPTION),
                        );
                        let bases = vec![$base $(, $base2)?];
                        set_bases(ty, &bases);
                        ty
                    };
                )*
                ExcTypes { $($field,)* }
            }

            pub(crate) fn trace(&self, tracer: &mut Tracer) {
                $(tracer.visit(self.$field.value());)*
            }

            /// Every builtin exception type with its name.
            pub fn all(&self) -> Vec<(&'static str, Gc<TypeBody>)> {
                vec![$(($name, self.$field),)*]
            }
        }
    };
}

fn set_bases(ty: Gc<TypeBody>, bases: &[Gc<TypeBody>]) {
    let with_mros: Vec<(Value, Vec<Value>)> = bases.iter().map(|b| (b.value(), b.mro())).collect();
    let mro =
        crate::types::typeobj::c3_linearize(ty.value(), &with_mros).expect("builtin exception MRO");
    *ty.bases.lock() = bases.iter().map(|b| b.value()).collect();
    *ty.mro.lock() = mro;
}

exception_types! {
    root object;
    base_exception = "BaseException": object;
    base_exception_group = "BaseExceptionGroup": base_exception;
    generator_exit = "GeneratorExit": base_exception;
    keyboard_interrupt = "KeyboardInterrupt": base_exception;
    system_exit = "SystemExit": base_exception;
    exception = "Exception": base_exception;
    arithmetic_error = "ArithmeticError": exception;
    floating_point_error = "FloatingPointError": arithmetic_error;
    overflow_error = "OverflowError": arithmetic_error;
    zero_division_error = "ZeroDivisionError": arithmetic_error;
    assertion_error = "AssertionError": exception;
    attribute_error = "AttributeError": exception;
    buffer_error = "BufferError": exception;
    eof_error = "EOFError": exception;
    exception_group = "ExceptionGroup": base_exception_group + exception;
    import_error = "ImportError": exception;
    module_not_found_error = "ModuleNotFoundError": import_error;
    lookup_error = "LookupError": exception;
    index_error = "IndexError": lookup_error;
    key_error = "KeyError": lookup_error;
    memory_error = "MemoryError": exception;
    name_error = "NameError": exception;
    unbound_local_error = "UnboundLocalError": name_error;
    os_error = "OSError": exception;
    blocking_io_error = "BlockingIOError": os_error;
    child_process_error = "ChildProcessError": os_error;
    connection_error = "ConnectionError": os_error;
    broken_pipe_error = "BrokenPipeError": connection_error;
    connection_aborted_error = "ConnectionAbortedError": connection_error;
    connection_refused_error = "ConnectionRefusedError": connection_error;
    connection_reset_error = "ConnectionResetError": connection_error;
    file_exists_error = "FileExistsError": os_error;
    file_not_found_error = "FileNotFoundError": os_error;
    interrupted_error = "InterruptedError": os_error;
    is_a_directory_error = "IsADirectoryError": os_error;
    not_a_directory_error = "NotADirectoryError": os_error;
    permission_error = "PermissionError": os_error;
    process_lookup_error = "ProcessLookupError": os_error;
    timeout_error = "TimeoutError": os_error;
    reference_error = "ReferenceError": exception;
    runtime_error = "RuntimeError": exception;
    not_implemented_error = "NotImplementedError": runtime_error;
    python_finalization_error = "PythonFinalizationError": runtime_error;
    recursion_error = "RecursionError": runtime_error;
    stop_async_iteration = "StopAsyncIteration": exception;
    stop_iteration = "StopIteration": exception;
    syntax_error = "SyntaxError": exception;
    indentation_error = "IndentationError": syntax_error;
    tab_error = "TabError": indentation_error;
    system_error = "SystemError": exception;
    type_error = "TypeError": exception;
    value_error = "ValueError": exception;
    unicode_error = "UnicodeError": value_error;
    unicode_decode_error = "UnicodeDecodeError": unicode_error;
    unicode_encode_error = "UnicodeEncodeError": unicode_error;
    unicode_translate_error = "UnicodeTranslateError": unicode_error;
    warning = "Warning": exception;
    bytes_warning = "BytesWarning": warning;
    deprecation_warning = "DeprecationWarning": warning;
    encoding_warning = "EncodingWarning": warning;
    future_warning = "FutureWarning": warning;
    import_warning = "ImportWarning": warning;
    pending_deprecation_warning = "PendingDeprecationWarning": warning;
    resource_warning = "ResourceWarning": warning;
    runtime_warning = "RuntimeWarning": warning;
    syntax_warning = "SyntaxWarning": warning;
    unicode_warning = "UnicodeWarning": warning;
    user_warning = "UserWarning": warning;
}

/// A new exception instance of `ty` with `args`, not yet raised.
pub fn new_exception(vm: &mut Vm, ty: Gc<TypeBody>, args: Vec<Value>) -> PyErr {
    let args = vm.new_tuple(args);
    let body = ExceptionBody {
        args: AtomicValue::new(args),
        ..ExceptionBody::default()
    };
    for field in [&body.traceback, &body.cause, &body.context] {
        field.set(Value::NONE);
    }
    PyErr(vm.alloc(ty, body).value())
}

macro_rules! error_constructors {
    ($($method:ident => $field:ident,)*) => {
        impl Vm {
            $(
                #[doc = concat!("A new `", stringify!($field), "` with message `msg`.")]
                pub fn $method(&mut self, msg: impl AsRef<str>) -> PyErr {
                    let ty = self.rt.exc.$field;
                    self.new_error(ty, msg)
                }
            )*
        }
    };
}

error_constructors! {
    type_error => type_error,
    value_error => value_error,
    index_error => index_error,
    attribute_error => attribute_error,
    name_error => name_error,
    unbound_local_error => unbound_local_error,
    zero_division_error => zero_division_error,
    overflow_error => overflow_error,
    runtime_error => runtime_error,
    recursion_error => recursion_error,
    import_error => import_error,
    module_not_found_error => module_not_found_error,
    memory_error => memory_error,
    not_implemented_error => not_implemented_error,
    system_error => system_error,
    assertion_error => assertion_error,
    os_error => os_error,
    eof_error => eof_error,
    lookup_error => lookup_error,
}

impl Vm {
    /// `KeyError(key)`: the key itself is the argument, so `str()` shows its repr.
    pub fn key_error(&mut self, key: Value) -> PyErr {
        let ty = self.rt.exc.key_error;
        new_exception(self, ty, vec![key])
    }

    /// `StopIteration(value)` (no args when `value` is `None`, as CPython).
    pub fn stop_iteration(&mut self, value: Value) -> PyErr {
        let ty = self.rt.exc.stop_iteration;
        let args = if value.is_none() { vec![] } else { vec![value] };
        new_exception(self, ty, args)
    }

    /// An exception of type `ty` with no arguments.
    pub fn new_error_noargs(&mut self, ty: Gc<TypeBody>) -> PyErr {
        new_exception(self, ty, vec![])
    }
}
