//! Hidden classes ("shapes") for instance attributes (DESIGN.md §3).
//!
//! A shape is an ordered list of attribute names. Every instance that added the same
//! names in the same order shares one shape and keeps only its values, in a slot vector
//! indexed the way the shape says. Adding a name moves an instance along a transition
//! from its shape to a child shape; the transitions form a tree rooted at the empty
//! shape, so `__init__` methods that assign the same attributes in the same order put all
//! their instances on one shape. Inline caches then remember `(shape, index)` and read
//! an attribute without hashing its name.
//!
//! Shapes live in the runtime's `ShapeTable` and are never freed: a shape is a handful
//! of names, and the table stops growing at `MAX_SHAPES`, after which new attribute
//! layouts fall back to a dict (as do instances with more than `MAX_KEYS` attributes,
//! deleted attributes or a `__dict__` that was asked for).

use parking_lot::RwLock;
use rustc_hash::FxHashMap;

/// A shape's index in the runtime's `ShapeTable`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ShapeId(pub u32);

impl ShapeId {
    /// The shape of an object with no attributes.
    pub const EMPTY: ShapeId = ShapeId(0);
    /// Not a shape: the object keeps its attributes in a dict.
    pub const DICT: ShapeId = ShapeId(u32::MAX);
}

/// Attributes past this many move an instance to a dict.
pub const MAX_KEYS: usize = 48;
/// The table stops creating shapes here; further layouts use dicts.
const MAX_SHAPES: usize = 1 << 18;

struct ShapeNode {
    /// The names in insertion order; a name's position is its slot index.
    keys: Box<[Box<str>]>,
    /// Name → slot index, for the lookups that inline caches do not answer.
    index: FxHashMap<Box<str>, u32>,
    /// The shape reached by adding a name.
    transitions: FxHashMap<Box<str>, ShapeId>,
}

/// Every shape of a runtime.
pub struct ShapeTable {
    nodes: RwLock<Vec<ShapeNode>>,
}

impl Default for ShapeTable {
    fn default() -> Self {
        let empty = ShapeNode {
            keys: Box::new([]),
            index: FxHashMap::default(),
            transitions: FxHashMap::default(),
        };
        ShapeTable {
            nodes: RwLock::new(vec![empty]),
        }
    }
}

impl ShapeTable {
    /// The slot index of `name` in `shape`.
    pub fn index_of(&self, shape: ShapeId, name: &str) -> Option<usize> {
        let nodes = self.nodes.read();
        nodes
            .get(shape.0 as usize)?
            .index
            .get(name)
            .map(|&i| i as usize)
    }

    /// The shape reached from `shape` by adding `name` (which `shape` must not hold), or
    /// `None` when the object should switch to a dict instead.
    pub fn add(&self, shape: ShapeId, name: &str) -> Option<ShapeId> {
        if let Some(&next) = self
            .nodes
            .read()
            .get(shape.0 as usize)?
            .transitions
            .get(name)
        {
            return Some(next);
        }
        let mut nodes = self.nodes.write();
        let parent = nodes.get(shape.0 as usize)?;
        if let Some(&next) = parent.transitions.get(name) {
            return Some(next);
        }
        if parent.keys.len() >= MAX_KEYS || nodes.len() >= MAX_SHAPES {
            return None;
        }
        let mut keys = parent.keys.to_vec();
        keys.push(name.into());
        let mut index = parent.index.clone();
        index.insert(name.into(), u32::try_from(keys.len() - 1).ok()?);
        let id = ShapeId(u32::try_from(nodes.len()).ok()?);
        nodes.push(ShapeNode {
            keys: keys.into_boxed_slice(),
            index,
            transitions: FxHashMap::default(),
        });
        nodes[shape.0 as usize].transitions.insert(name.into(), id);
        Some(id)
    }

    /// The names of `shape`, in slot order.
    pub fn keys(&self, shape: ShapeId) -> Vec<Box<str>> {
        self.nodes
            .read()
            .get(shape.0 as usize)
            .map(|n| n.keys.to_vec())
            .unwrap_or_default()
    }

    /// How many shapes exist (for tests and statistics).
    pub fn len(&self) -> usize {
        self.nodes.read().len()
    }

    /// Whether only the empty shape exists.
    pub fn is_empty(&self) -> bool {
        self.len() <= 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_order_shares_a_shape() {
        let t = ShapeTable::default();
        let a = t.add(ShapeId::EMPTY, "x").unwrap();
        let ab = t.add(a, "y").unwrap();
        assert_eq!(t.add(ShapeId::EMPTY, "x"), Some(a));
        assert_eq!(t.add(a, "y"), Some(ab));
        let b = t.add(ShapeId::EMPTY, "y").unwrap();
        assert_ne!(b, a);
        assert_eq!(t.index_of(ab, "x"), Some(0));
        assert_eq!(t.index_of(ab, "y"), Some(1));
        assert_eq!(t.index_of(a, "y"), None);
        assert_eq!(t.keys(ab), vec![Box::<str>::from("x"), "y".into()]);
    }

    #[test]
    fn too_many_keys_fall_back_to_a_dict() {
        let t = ShapeTable::default();
        let mut s = ShapeId::EMPTY;
        for i in 0..MAX_KEYS {
            s = t.add(s, &format!("a{i}")).unwrap();
        }
        assert_eq!(t.add(s, "one_more"), None);
    }
}
