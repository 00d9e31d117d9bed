//! Constants in a function's pool: the immutable values `const` loads.

use num_bigint::BigInt;

/// A compile-time constant. Equality is structural and distinguishes `0`, `0.0`,
/// `-0.0`, `False` and NaN payloads, so deduplicating the pool never merges values
/// Python tells apart.
#[derive(Debug, Clone)]
pub enum Const {
    None,
    Bool(bool),
    Ellipsis,
    Int(BigInt),
    Float(f64),
    Complex {
        re: f64,
        im: f64,
    },
    Str(String),
    /// A str holding a lone surrogate, which `String` cannot: its code points as
    /// generalized UTF-8 (each surrogate its own three-byte sequence `ED A0..BF xx`).
    Wtf8Str(Vec<u8>),
    Bytes(Vec<u8>),
    Tuple(Vec<Const>),
    FrozenSet(Vec<Const>),
}

impl PartialEq for Const {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Const::None, Const::None) | (Const::Ellipsis, Const::Ellipsis) => true,
            (Const::Bool(a), Const::Bool(b)) => a == b,
            (Const::Int(a), Const::Int(b)) => a == b,
            (Const::Float(a), Const::Float(b)) => a.to_bits() == b.to_bits(),
            (Const::Complex { re: a, im: b }, Const::Complex { re: c, im: d }) => {
                a.to_bits() == c.to_bits() && b.to_bits() == d.to_bits()
            }
            (Const::Str(a), Const::Str(b)) => a == b,
            (Const::Bytes(a), Const::Bytes(b)) | (Const::Wtf8Str(a), Const::Wtf8Str(b)) => a == b,
            (Const::Tuple(a), Const::Tuple(b)) | (Const::FrozenSet(a), Const::FrozenSet(b)) => {
                a == b
            }
            _ => false,
        }
    }
}

impl Eq for Const {}

impl std::hash::Hash for Const {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        std::mem::discriminant(self).hash(state);
        match self {
            Const::None | Const::Ellipsis => {}
            Const::Bool(b) => b.hash(state),
            Const::Int(i) => i.hash(state),
            Const::Float(f) => f.to_bits().hash(state),
            Const::Complex { re, im } => {
                re.to_bits().hash(state);
                im.to_bits().hash(state);
            }
            Const::Str(s) => s.hash(state),
            Const::Bytes(b) | Const::Wtf8Str(b) => b.hash(state),
            Const::Tuple(items) | Const::FrozenSet(items) => items.hash(state),
        }
    }
}

impl Const {
    /// Python truthiness of the constant.
    pub fn is_truthy(&self) -> bool {
        match self {
            Const::None => false,
            Const::Bool(b) => *b,
            Const::Ellipsis => true,
            Const::Int(i) => i.sign() != num_bigint::Sign::NoSign,
            Const::Float(f) => *f != 0.0,
            Const::Complex { re, im } => *re != 0.0 || *im != 0.0,
            Const::Str(s) => !s.is_empty(),
            Const::Bytes(b) | Const::Wtf8Str(b) => !b.is_empty(),
            Const::Tuple(items) | Const::FrozenSet(items) => !items.is_empty(),
        }
    }
}
