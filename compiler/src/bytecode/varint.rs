//! The variable-length unsigned integers the line and exception tables are made of: seven
//! bits a byte, least significant group first, the high bit set on every byte but the last
//! (LEB128).

/// Appends `value`.
pub(crate) fn push(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// Reads the integer at `*at` and advances past it; `None` when the bytes end early or the
/// value does not fit in 64 bits (a corrupt table, never a panic).
pub(crate) fn read(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut value = 0u64;
    let mut shift = 0u32;
    loop {
        let byte = *bytes.get(*at)?;
        *at += 1;
        let bits = u64::from(byte & 0x7f);
        if shift >= 64 || (shift > 0 && bits >> (64 - shift) != 0) {
            return None;
        }
        value |= bits << shift;
        if byte & 0x80 == 0 {
            return Some(value);
        }
        shift += 7;
    }
}

#[cfg(test)]
mod tests {
    use super::{push, read};

    #[test]
    fn round_trips_and_rejects_overflow() {
        for value in [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            let mut bytes = Vec::new();
            push(&mut bytes, value);
            let mut at = 0;
            assert_eq!(read(&bytes, &mut at), Some(value));
            assert_eq!(at, bytes.len());
        }
        let mut at = 0;
        assert_eq!(read(&[0xff; 11], &mut at), None);
        let mut at = 0;
        assert_eq!(read(&[0x80], &mut at), None);
    }
}
