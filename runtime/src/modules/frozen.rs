//! Frozen modules: the pure-Python part of the standard library (`runtime/pylib/`),
//! embedded in the binary as source text and compiled on first import.
//!
//! The import system consults [`find`] after `sys.modules` and the Rust builtin-module
//! registry and before searching `sys.path`, as CPython consults its frozen-module table.
//! Like CPython's frozen modules, a frozen module has no real `__file__` on disk; ours is
//! `<frozen NAME>` so tracebacks through library code stay readable.

/// One embedded module: its import name, whether it is a package, and its source text.
pub struct FrozenModule {
    pub name: &'static str,
    pub is_package: bool,
    pub source: &'static str,
}

macro_rules! frozen {
    ($( $name:literal, $pkg:literal, $path:literal; )*) => {
        /// Every embedded module, by import name.
        pub const FROZEN_MODULES: &[FrozenModule] = &[
            $( FrozenModule { name: $name, is_package: $pkg, source: include_str!(concat!("../../pylib/", $path)) }, )*
        ];
    };
}

frozen! {
    "_collections_abc", false, "_collections_abc.py";
    "_sha2", false, "_sha2.py";
    "annotationlib", false, "annotationlib.py";
    "_textio", false, "_textio.py";
    "abc", false, "abc.py";
    "asyncio", true, "asyncio/__init__.py";
    "asyncio.events", false, "asyncio/events.py";
    "asyncio.exceptions", false, "asyncio/exceptions.py";
    "asyncio.futures", false, "asyncio/futures.py";
    "asyncio.locks", false, "asyncio/locks.py";
    "asyncio.queues", false, "asyncio/queues.py";
    "asyncio.runners", false, "asyncio/runners.py";
    "asyncio.tasks", false, "asyncio/tasks.py";
    "asyncio.timeouts", false, "asyncio/timeouts.py";
    "bisect", false, "bisect.py";
    "cmath", false, "cmath.py";
    "collections", true, "collections/__init__.py";
    "collections.abc", false, "collections/abc.py";
    "contextlib", false, "contextlib.py";
    "concurrent", true, "concurrent/__init__.py";
    "concurrent.futures", true, "concurrent/futures/__init__.py";
    "concurrent.futures._base", false, "concurrent/futures/_base.py";
    "concurrent.futures.thread", false, "concurrent/futures/thread.py";
    "copy", false, "copy.py";
    "dataclasses", false, "dataclasses.py";
    "enum", false, "enum.py";
    "functools", false, "functools.py";
    "heapq", false, "heapq.py";
    "inspect", false, "inspect.py";
    "io", false, "io.py";
    "itertools", false, "itertools.py";
    "json", true, "json/__init__.py";
    "json.decoder", false, "json/decoder.py";
    "json.encoder", false, "json/encoder.py";
    "keyword", false, "keyword.py";
    "linecache", false, "linecache.py";
    "operator", false, "operator.py";
    "os", false, "os.py";
    "posixpath", false, "posixpath.py";
    "queue", false, "queue.py";
    "random", false, "random.py";
    "re", false, "re.py";
    "shutil", false, "shutil.py";
    "stat", false, "stat.py";
    "string", true, "string/__init__.py";
    "string.templatelib", false, "string/templatelib.py";
    "struct", false, "struct.py";
    "tempfile", false, "tempfile.py";
    "textwrap", false, "textwrap.py";
    "threading", false, "threading.py";
    "types", false, "types.py";
    "warnings", false, "warnings.py";
    "traceback", false, "traceback.py";
    "weakref", false, "weakref.py";
}

/// The embedded module `name`, if there is one.
pub fn find(name: &str) -> Option<&'static FrozenModule> {
    FROZEN_MODULES.iter().find(|m| m.name == name)
}

/// The names of every embedded module.
pub fn names() -> impl Iterator<Item = &'static str> {
    FROZEN_MODULES.iter().map(|m| m.name)
}
