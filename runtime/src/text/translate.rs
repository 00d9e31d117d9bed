//! `str.translate` with the mapping abstracted as a closure, because the table is an
//! arbitrary Python object whose `__getitem__` the caller must call (CPython
//! `Objects/unicodeobject.c`, `_PyUnicode_TranslateCharmap`).

/// What the translation table says about one character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// `LookupError` from the table: the character stays as it is.
    Keep,
    /// The table maps it to `None`: the character is deleted.
    Delete,
    /// The table maps it to an int: one replacement character.
    Char(char),
    /// The table maps it to a str.
    Replace(String),
}

/// `str.translate(table)`. `lookup` is called once per character (the caller may cache),
/// and its error — an exception raised by the table — stops the translation.
pub fn translate<E>(
    s: &str,
    mut lookup: impl FnMut(char) -> Result<Lookup, E>,
) -> Result<String, E> {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match lookup(c)? {
            Lookup::Keep => out.push(c),
            Lookup::Delete => {}
            Lookup::Char(r) => out.push(r),
            Lookup::Replace(r) => out.push_str(&r),
        }
    }
    Ok(out)
}
