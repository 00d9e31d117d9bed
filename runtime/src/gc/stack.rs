//! Conservative scanning of a thread's native stack. **Safety boundary** (DESIGN.md §11):
//! it reads raw stack memory and spills registers with inline assembly.
//!
//! Rust locals, JIT frames and AOT frames hold object references in stack slots and
//! callee-saved registers the compiler chooses freely. Rather than register each one, the
//! collector treats every aligned word between the current stack pointer and the thread's
//! recorded stack base as a possible reference: [`Heap::find_object`] decides whether it
//! points into a live object. A word that merely looks like a pointer keeps garbage alive
//! a little longer, which is harmless; objects never move, so nothing needs updating.

use super::heap::Heap;

/// The callee-saved registers of the current thread, written into a buffer on the stack
/// so the scan sees references that live only in registers. Caller-saved registers need
/// no spilling: any live value in them was saved by the callers before they called into
/// the collector.
#[inline(never)]
fn spill_callee_saved(buffer: &mut [usize; 12]) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: only stores six registers into the 12-word buffer the pointer designates;
    // no register is modified and the stack is not touched.
    unsafe {
        std::arch::asm!(
            "mov [{b}], rbx",
            "mov [{b} + 8], rbp",
            "mov [{b} + 16], r12",
            "mov [{b} + 24], r13",
            "mov [{b} + 32], r14",
            "mov [{b} + 40], r15",
            b = in(reg) buffer.as_mut_ptr(),
            options(nostack, preserves_flags),
        );
    }
    #[cfg(target_arch = "aarch64")]
    // SAFETY: only stores eleven registers (x19–x29) into the 12-word buffer; nothing else
    // is modified.
    unsafe {
        std::arch::asm!(
            "stp x19, x20, [{b}]",
            "stp x21, x22, [{b}, #16]",
            "stp x23, x24, [{b}, #32]",
            "stp x25, x26, [{b}, #48]",
            "stp x27, x28, [{b}, #64]",
            "str x29, [{b}, #80]",
            b = in(reg) buffer.as_mut_ptr(),
            options(nostack, preserves_flags),
        );
    }
    std::hint::black_box(&buffer);
}

/// Reports every heap object that a word of the current thread's stack, from here up to
/// `stack_base` (exclusive, the highest address), or a callee-saved register refers to.
#[inline(never)]
pub(crate) fn scan_current_stack(heap: &Heap, stack_base: usize, mut found: impl FnMut(usize)) {
    let mut registers = [0usize; 12];
    spill_callee_saved(&mut registers);
    for &word in &registers {
        if let Some(object) = heap.find_object(word) {
            found(object);
        }
    }
    let here = std::hint::black_box(&registers) as *const _ as usize;
    scan_words(heap, here, stack_base, found);
}

/// Reports every heap object a word in `[low, high)` refers to.
fn scan_words(heap: &Heap, low: usize, high: usize, mut found: impl FnMut(usize)) {
    let mut addr = low & !(std::mem::size_of::<usize>() - 1);
    while addr < high {
        // SAFETY: callers pass a range of one live thread's stack, which is mapped and
        // readable: either the current thread's (from a local of the scanning frame up to
        // a local of an older frame), or a stopped thread's, which cannot return from the
        // frame that recorded `low` (and so cannot unmap or reuse its stack) before the
        // collector lets it resume. Volatile reads keep the compiler from assuming
        // anything about the words' contents (some are uninitialised padding; they are
        // only compared, never dereferenced).
        let word = unsafe { std::ptr::read_volatile(addr as *const usize) };
        if let Some(object) = heap.find_object(word) {
            found(object);
        }
        addr += std::mem::size_of::<usize>();
    }
}

/// Reports every heap object that a word of a *stopped* thread's stack refers to, from
/// `low` (recorded by [`with_spilled_registers`], so it covers the spilled registers) up
/// to its `stack_base`. The thread must stay inside that call until the scan ends.
pub(crate) fn scan_stopped_stack(
    heap: &Heap,
    low: usize,
    stack_base: usize,
    found: impl FnMut(usize),
) {
    scan_words(heap, low, stack_base, found);
}

/// Spills the callee-saved registers into a buffer in this frame and runs `f` with the
/// buffer's address: while `f` runs, everything the thread's older frames and registers
/// hold lies in `[address, stack_base)`, which another thread may then scan
/// ([`scan_stopped_stack`]). This is how a thread stops at a safepoint or detaches.
#[inline(never)]
pub(crate) fn with_spilled_registers<R>(f: impl FnOnce(usize) -> R) -> R {
    let mut registers = [0usize; 12];
    spill_callee_saved(&mut registers);
    let low = std::hint::black_box(&registers) as *const _ as usize;
    let result = f(low);
    std::hint::black_box(&registers);
    result
}

/// An address in the calling function's own frame, for a thread to record as its stack
/// base. Every function the caller calls afterwards has its frame below it, so a thread
/// records the base first and then calls the code that creates its VM state.
#[inline(always)]
pub fn current_stack_address() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}
