//! The exception table: which handler catches an exception raised at a given pc, and which
//! register receives the exception (the handler block's parameter).
//!
//! Entries are sorted, non-overlapping half-open ranges `[start, end) → handler, exc_reg`,
//! built from the IR blocks' `handler` and merged when adjacent ranges share a handler.
//! The VM consults it only when something raises (zero-cost exceptions, as CPython 3.11+).
//! The byte encoding, for embedding in AOT images, is four LEB128 varints per entry:
//! `start` as a delta from the previous entry's end, the length, the handler pc and the
//! register.

/// One protected range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExcEntry {
    pub start: u32,
    pub end: u32,
    pub handler: u32,
    pub exc_reg: u32,
}

/// Protected ranges sorted by `start`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExceptionTable {
    pub entries: Vec<ExcEntry>,
}

fn push_varint(out: &mut Vec<u8>, value: u32) {
    super::varint::push(out, u64::from(value));
}

fn read_varint(bytes: &[u8], at: &mut usize) -> Option<u32> {
    super::varint::read(bytes, at).and_then(|value| u32::try_from(value).ok())
}

impl ExceptionTable {
    /// Builds the table from per-instruction coverage, in pc order: each item is an
    /// instruction's `[start, end)` and its `(handler pc, exc register)`, if protected.
    pub fn build(coverage: impl IntoIterator<Item = (u32, u32, Option<(u32, u32)>)>) -> Self {
        let mut entries: Vec<ExcEntry> = Vec::new();
        for (start, end, handler) in coverage {
            let Some((handler, exc_reg)) = handler else {
                continue;
            };
            match entries.last_mut() {
                Some(last)
                    if last.end == start && last.handler == handler && last.exc_reg == exc_reg =>
                {
                    last.end = end;
                }
                _ => entries.push(ExcEntry {
                    start,
                    end,
                    handler,
                    exc_reg,
                }),
            }
        }
        ExceptionTable { entries }
    }

    /// The handler covering `pc`, if any.
    pub fn lookup(&self, pc: u32) -> Option<&ExcEntry> {
        let index = self.entries.partition_point(|e| e.end <= pc);
        self.entries.get(index).filter(|e| e.start <= pc)
    }

    /// The compact byte encoding.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut previous_end = 0;
        for entry in &self.entries {
            push_varint(&mut out, entry.start.wrapping_sub(previous_end));
            push_varint(&mut out, entry.end.wrapping_sub(entry.start));
            push_varint(&mut out, entry.handler);
            push_varint(&mut out, entry.exc_reg);
            previous_end = entry.end;
        }
        out
    }

    /// Decodes [`ExceptionTable::encode`]'s output; `None` when malformed.
    pub fn decode(bytes: &[u8]) -> Option<Self> {
        let mut entries = Vec::new();
        let mut at = 0;
        let mut previous_end = 0u32;
        while at < bytes.len() {
            let start = previous_end.checked_add(read_varint(bytes, &mut at)?)?;
            let end = start.checked_add(read_varint(bytes, &mut at)?)?;
            let handler = read_varint(bytes, &mut at)?;
            let exc_reg = read_varint(bytes, &mut at)?;
            entries.push(ExcEntry {
                start,
                end,
                handler,
                exc_reg,
            });
            previous_end = end;
        }
        Some(ExceptionTable { entries })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_adjacent_ranges_and_looks_up() {
        let table = ExceptionTable::build([
            (0, 3, None),
            (3, 5, Some((40, 7))),
            (5, 9, Some((40, 7))),
            (9, 10, Some((50, 7))),
            (10, 12, None),
            (12, 14, Some((40, 7))),
        ]);
        assert_eq!(
            table.entries,
            vec![
                ExcEntry {
                    start: 3,
                    end: 9,
                    handler: 40,
                    exc_reg: 7
                },
                ExcEntry {
                    start: 9,
                    end: 10,
                    handler: 50,
                    exc_reg: 7
                },
                ExcEntry {
                    start: 12,
                    end: 14,
                    handler: 40,
                    exc_reg: 7
                },
            ]
        );
        assert_eq!(table.lookup(2), None);
        assert_eq!(table.lookup(3).map(|e| e.handler), Some(40));
        assert_eq!(table.lookup(8).map(|e| e.handler), Some(40));
        assert_eq!(table.lookup(9).map(|e| e.handler), Some(50));
        assert_eq!(table.lookup(11), None);
        assert_eq!(table.lookup(13).map(|e| e.handler), Some(40));
        assert_eq!(table.lookup(14), None);
    }

    #[test]
    fn encoding_round_trips() {
        let table = ExceptionTable {
            entries: vec![
                ExcEntry {
                    start: 0,
                    end: 300,
                    handler: 100_000,
                    exc_reg: 3,
                },
                ExcEntry {
                    start: 300,
                    end: 301,
                    handler: 2,
                    exc_reg: 65_535,
                },
                ExcEntry {
                    start: 1_000,
                    end: 5_000_000,
                    handler: 0,
                    exc_reg: 0,
                },
            ],
        };
        assert_eq!(ExceptionTable::decode(&table.encode()), Some(table));
        assert_eq!(ExceptionTable::decode(&[0x80]), None);
        assert_eq!(
            ExceptionTable::decode(&[0xff, 0xff, 0xff, 0xff, 0x7f]),
            None
        );
    }
}
