//! `bytes` and `bytearray` objects.

use parking_lot::Mutex;

use crate::gc::Tracer;
use crate::object::Trace;

/// A `bytes` object.
pub struct BytesBody {
    pub data: Box<[u8]>,
}

impl Trace for BytesBody {
    fn trace(&self, _tracer: &mut Tracer) {}

    fn external_bytes(&self) -> usize {
        self.data.len()
    }
}

/// A `bytearray` object.
pub struct ByteArrayBody {
    pub data: Mutex<Vec<u8>>,
}

impl Trace for ByteArrayBody {
    fn trace(&self, _tracer: &mut Tracer) {}
}
