//! Typed `u32` ids for IR entities. An id indexes an arena inside its [`super::Function`]
//! (or, for [`FuncId`], inside the [`super::Module`]); ids are never raw indices or pointers.

use std::fmt;

macro_rules! entity {
    ($(#[$meta:meta])* $name:ident, $prefix:literal) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u32);

        impl $name {
            /// The arena index this id names.
            #[inline]
            pub fn index(self) -> usize {
                self.0 as usize
            }

            /// The id naming arena slot `index`.
            #[inline]
            pub fn new(index: usize) -> Self {
                Self(u32::try_from(index).expect("IR arena exceeds u32::MAX entries"))
            }

            /// The text-form prefix, e.g. `v` for values.
            pub const PREFIX: &'static str = $prefix;
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}{}", $prefix, self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(self, f)
            }
        }
    };
}

entity!(
    /// An SSA value: the result of one instruction or one block parameter.
    Value,
    "v"
);
entity!(
    /// A basic block.
    Block,
    "block"
);
entity!(
    /// An instruction.
    Inst,
    "i"
);
entity!(
    /// A function (code object) inside a module; `f0` is the module body.
    FuncId,
    "f"
);
entity!(
    /// An entry of a function's constant pool.
    ConstId,
    "c"
);
entity!(
    /// An entry of a function's name table (attribute, global and import names).
    NameId,
    "n"
);
entity!(
    /// A fast local slot (`co_varnames`): parameters first, then other locals.
    LocalId,
    "l"
);
entity!(
    /// A cell or free variable slot: cells first (`co_cellvars`), then frees (`co_freevars`).
    DerefId,
    "d"
);
