//! The line table: for every code unit, the source range `(line, col, end_line, end_col)`
//! its instruction came from, precise enough for CPython-style tracebacks with `^^^^`
//! column markers (CPython's `co_positions()`).
//!
//! Encoding (a byte string, like CPython's `co_linetable` but simpler): consecutive
//! instructions with the same location form one *run*; each run is five LEB128 varints:
//! the run length in code units, the line as a zig-zag delta from the previous run's line,
//! `end_line - line` zig-zagged, `col` and `end_col`. A line of 0 means "no location".
//! Lookup decodes runs from the start; tracebacks are rare, so compactness wins over
//! random access.

use crate::ir::Loc;
use std::ops::Range;

/// A run-length encoded pc → location map.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineTable {
    bytes: Vec<u8>,
}

fn zigzag(value: i64) -> u64 {
    ((value << 1) ^ (value >> 63)) as u64
}

/// The bits of a [`packed`] location that must be clear for both columns to fit one
/// byte: everything of `col` and `end_col` above their low seven bits.
const WIDE_COLUMNS: u128 = (0xffff_ff80 << 32) | (0xffff_ff80 << 96);

/// Appends one run's five fields, its location [`packed`] as the builder keeps it.
/// Inlined into both of [`LineTableBuilder`]'s calls: it runs once per run, and the call
/// costs about as much as the common one-byte-fields case.
#[inline(always)]
fn push_run(bytes: &mut Vec<u8>, length: usize, bits: u128, previous_line: &mut i64) {
    let loc = unpacked(bits);
    let line_delta = i64::from(loc.line) - *previous_line;
    *previous_line = loc.line.into();
    let end_delta = loc.end_line.wrapping_sub(loc.line);
    // Nearly every run (one instruction or a few, on a line near the previous one, at a
    // column under 128) is five one-byte fields, appended in one go. Each field is tested
    // before its encoding: a line delta in -64..64 and an end-line delta in 0..64 zig-zag
    // to under 128, and one mask tests both columns in the packed location.
    if (length as u64 | line_delta.wrapping_add(64) as u64 | u64::from(end_delta) << 1) < 0x80
        && bits & WIDE_COLUMNS == 0
    {
        bytes.extend_from_slice(&[
            length as u8,
            zigzag(line_delta) as u8,
            (end_delta << 1) as u8,
            loc.col as u8,
            loc.end_col as u8,
        ]);
        return;
    }
    let fields = [
        length as u64,
        zigzag(line_delta),
        zigzag(i64::from(loc.end_line) - i64::from(loc.line)),
        loc.col.into(),
        loc.end_col.into(),
    ];
    for field in fields {
        super::varint::push(bytes, field);
    }
}

/// `loc` as one 128-bit number, so that comparing two locations (once per instruction) is
/// a wide comparison rather than four.
#[inline(always)]
fn packed(loc: Loc) -> u128 {
    u128::from(loc.line)
        | u128::from(loc.col) << 32
        | u128::from(loc.end_line) << 64
        | u128::from(loc.end_col) << 96
}

/// The location [`packed`] into `bits`.
#[inline(always)]
fn unpacked(bits: u128) -> Loc {
    Loc {
        line: bits as u32,
        col: (bits >> 32) as u32,
        end_line: (bits >> 64) as u32,
        end_col: (bits >> 96) as u32,
    }
}

/// Builds a [`LineTable`] while the code is emitted: each instruction is added as it is
/// encoded, and a run is encoded as soon as an instruction from another place ends it, so
/// code generation keeps no list of locations. The runs are encoded straight into the
/// table's own vector, which [`LineTableBuilder::finish`] hands over: a buffer reused
/// from one code object to the next would be written and then copied, bringing twice the
/// memory into the cache.
#[derive(Debug, Default)]
pub struct LineTableBuilder {
    bytes: Vec<u8>,
    previous_line: i64,
    /// The open run: `length` code units from the location packed in `loc` (packed once
    /// per run, not once per instruction compared with it); none when `length` is 0. No
    /// flag says whether a run is open: an instruction from `loc` joins the run either
    /// way (opening it when empty), and an empty run is never encoded.
    length: usize,
    loc: u128,
}

impl LineTableBuilder {
    /// Adds an instruction of `units` code units from `loc`, after the ones added so far
    /// (an instruction of no units adds nothing). Inlined into the emitter: consecutive
    /// instructions from one place (most of them) only lengthen the open run.
    #[inline(always)]
    pub fn add(&mut self, units: usize, loc: Loc) {
        let loc = packed(loc);
        if self.loc == loc {
            self.length += units;
        } else {
            self.start_run(units, loc);
        }
    }

    /// Encodes the open run, if any, and opens one for `units` code units from `loc`.
    /// Inlined too: nearly every instruction starts a run (each subexpression has its own
    /// columns), so this runs about as often as `add`.
    #[inline(always)]
    fn start_run(&mut self, units: usize, loc: u128) {
        // The new run is stored first and the old one encoded from the values it replaced,
        // so that the new location need not be kept (in the emitter's crowded registers,
        // on the stack) while the old run is encoded.
        let length = std::mem::replace(&mut self.length, units);
        let previous = std::mem::replace(&mut self.loc, loc);
        if length != 0 {
            push_run(&mut self.bytes, length, previous, &mut self.previous_line);
        }
    }

    /// Encodes the open run, if any.
    #[inline(always)]
    fn close_run(&mut self) {
        if self.length != 0 {
            push_run(
                &mut self.bytes,
                self.length,
                self.loc,
                &mut self.previous_line,
            );
        }
    }

    /// An empty builder whose table has room for `bytes` bytes of runs: code generation
    /// estimates the table's size from the number of instructions, so that it rarely
    /// grows.
    pub fn with_capacity(bytes: usize) -> Self {
        LineTableBuilder {
            bytes: Vec::with_capacity(bytes),
            ..LineTableBuilder::default()
        }
    }

    /// Forgets every instruction added, keeping the buffer.
    pub fn clear(&mut self) {
        self.bytes.clear();
        self.previous_line = 0;
        self.length = 0;
    }

    /// The table of the instructions added since the last `finish` or `clear`; the
    /// builder is then empty again, without a buffer.
    pub fn finish(&mut self) -> LineTable {
        self.close_run();
        let table = LineTable {
            bytes: std::mem::take(&mut self.bytes),
        };
        self.clear();
        table
    }
}

fn unzigzag(value: u64) -> i64 {
    ((value >> 1) as i64) ^ -((value & 1) as i64)
}

impl LineTable {
    /// Builds the table from each instruction's size in code units and location, in pc order.
    pub fn build(instructions: impl IntoIterator<Item = (usize, Loc)>) -> Self {
        let mut builder = LineTableBuilder::default();
        for (units, loc) in instructions {
            builder.add(units, loc);
        }
        builder.finish()
    }

    /// The encoded bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// A table from encoded bytes (see [`LineTable::runs`] for validation).
    pub fn from_bytes(bytes: Vec<u8>) -> Self {
        LineTable { bytes }
    }

    /// Every run as a pc range and its location; `None` when the bytes are malformed.
    pub fn runs(&self) -> Option<Vec<(Range<usize>, Loc)>> {
        let mut out = Vec::new();
        let mut at = 0;
        let mut pc = 0usize;
        let mut line = 0i64;
        while at < self.bytes.len() {
            let length = usize::try_from(super::varint::read(&self.bytes, &mut at)?).ok()?;
            line += unzigzag(super::varint::read(&self.bytes, &mut at)?);
            let end_line = line + unzigzag(super::varint::read(&self.bytes, &mut at)?);
            let col = super::varint::read(&self.bytes, &mut at)?;
            let end_col = super::varint::read(&self.bytes, &mut at)?;
            let loc = Loc {
                line: u32::try_from(line).ok()?,
                col: u32::try_from(col).ok()?,
                end_line: u32::try_from(end_line).ok()?,
                end_col: u32::try_from(end_col).ok()?,
            };
            out.push((pc..pc + length, loc));
            pc += length;
        }
        Some(out)
    }

    /// The location of the instruction covering code unit `pc`, if the table has one.
    /// Decodes runs in order and stops at the one covering `pc`, so a lookup costs the
    /// runs before `pc` and allocates nothing (tracebacks ask on every raise).
    pub fn location(&self, pc: usize) -> Option<Loc> {
        let mut at = 0;
        let mut start = 0usize;
        let mut line = 0i64;
        while at < self.bytes.len() {
            let length = usize::try_from(super::varint::read(&self.bytes, &mut at)?).ok()?;
            line += unzigzag(super::varint::read(&self.bytes, &mut at)?);
            let end_delta = super::varint::read(&self.bytes, &mut at)?;
            let col = super::varint::read(&self.bytes, &mut at)?;
            let end_col = super::varint::read(&self.bytes, &mut at)?;
            if (start..start + length).contains(&pc) {
                return Some(Loc {
                    line: u32::try_from(line).ok()?,
                    col: u32::try_from(col).ok()?,
                    end_line: u32::try_from(line + unzigzag(end_delta)).ok()?,
                    end_col: u32::try_from(end_col).ok()?,
                });
            }
            start += length;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc(line: u32, col: u32, end_line: u32, end_col: u32) -> Loc {
        Loc {
            line,
            col,
            end_line,
            end_col,
        }
    }

    #[test]
    fn round_trips_and_merges_runs() {
        let instructions = vec![
            (3, loc(1, 0, 1, 5)),
            (2, loc(1, 0, 1, 5)),
            (4, loc(3, 4, 5, 100)),
            (1, loc(0, 0, 0, 0)),
            (2, loc(2, 8, 2, 9)),
            (5, loc(70_000, 300, 70_001, 2)),
        ];
        let table = LineTable::build(instructions.iter().copied());
        let runs = table.runs().unwrap();
        assert_eq!(runs.len(), 5);
        assert_eq!(runs[0], (0..5, loc(1, 0, 1, 5)));
        let mut pc = 0;
        for (units, expected) in instructions {
            for offset in 0..units {
                assert_eq!(table.location(pc + offset), Some(expected));
            }
            pc += units;
        }
        assert_eq!(table.location(pc), None);
        assert_eq!(LineTable::from_bytes(table.bytes().to_vec()), table);
    }

    #[test]
    fn malformed_bytes_do_not_panic() {
        assert_eq!(LineTable::from_bytes(vec![0x80]).runs(), None);
        assert_eq!(LineTable::from_bytes(vec![0xff; 20]).runs(), None);
        assert_eq!(LineTable::from_bytes(vec![1, 1]).location(0), None);
    }
}
