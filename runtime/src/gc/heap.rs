//! The GC heap: size-class pages, thread-local allocation and the sweep. **Safety
//! boundary** (DESIGN.md §11): this file hands out raw memory, writes objects into it and
//! drops them in place.
//!
//! Memory comes in 64 KiB pages aligned to their size, each split into equal cells of one
//! size class. A thread allocates from pages it has taken for its [`Tlab`] (a private free
//! list per class) without locking; it goes to the shared [`Heap`] only to take a page.
//! Objects larger than the biggest class get their own allocation ("large objects").
//!
//! Each page records which cells hold objects (`live`), which is what lets the
//! conservative stack scan turn any word into "the object containing this address", or
//! nothing ([`Heap::find_object`]). Objects never move.
//!
//! A collection bumps the heap's epoch; a `Tlab` from an older epoch is discarded before
//! its next allocation, because the sweep rebuilt every page's free list.

use std::alloc::{Layout, alloc, dealloc};
use std::collections::BTreeMap;
use std::ptr::NonNull;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};

use parking_lot::{Mutex, RwLock};
use rustc_hash::FxHashMap;

use crate::object::{Body, Gc, Header, Obj, drop_object, external_bytes_of, header_at};

const PAGE_SIZE: usize = 64 * 1024;
/// Pages per chunk of page memory (2 MiB).
const CHUNK_PAGES: usize = 32;

fn chunk_layout() -> Layout {
    Layout::from_size_align(PAGE_SIZE * CHUNK_PAGES, PAGE_SIZE).expect("chunk layout")
}
const SIZE_CLASSES: [usize; 22] = [
    16, 32, 48, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 448, 512, 640, 768, 1024, 1280,
    1536, 2048,
];
const NCLASSES: usize = SIZE_CLASSES.len();
/// Objects above this size are large objects.
const MAX_SMALL: usize = SIZE_CLASSES[NCLASSES - 1];

fn class_of(size: usize) -> usize {
    SIZE_CLASSES.partition_point(|&c| c < size)
}

/// One page of equal-sized cells.
struct Page {
    base: usize,
    cell_size: usize,
    ncells: usize,
    /// Whether each cell holds an object.
    live: Box<[AtomicBool]>,
    /// Free cell indices while no thread owns the page.
    free: Mutex<Vec<u32>>,
}

struct LargeObject {
    size: usize,
    layout: Layout,
}

/// What the heap's allocation statistics say (the `gc` module reports these).
#[derive(Debug, Clone, Copy, Default)]
pub struct HeapStats {
    pub pages: usize,
    pub large_objects: usize,
    pub live_objects: usize,
}

/// The process-wide object heap, shared by every interpreter and thread.
pub struct Heap {
    pages: RwLock<Vec<Arc<Page>>>,
    /// Page base address → index in `pages`, for `find_object`.
    page_index: RwLock<FxHashMap<usize, usize>>,
    /// Per size class, pages with free cells that no thread owns.
    available: Mutex<Vec<Vec<usize>>>,
    large: Mutex<BTreeMap<usize, LargeObject>>,
    /// Pages are carved out of chunks of `CHUNK_PAGES` pages: one aligned allocation per
    /// chunk instead of per page, since the allocator pads every 64 KiB-aligned request.
    /// The next unused page of the current chunk and how many remain, and every chunk's
    /// base (for `Drop`).
    chunk: Mutex<(usize, usize)>,
    chunks: Mutex<Vec<usize>>,
    /// Bytes allocated since the last collection.
    pub(crate) allocated: AtomicUsize,
    /// Objects allocated since the last collection (`gc.get_count()[0]`).
    pub(crate) allocations: AtomicUsize,
    /// Bytes of objects that survived the last collection.
    pub(crate) live_bytes: AtomicUsize,
    epoch: AtomicU64,
}

/// A thread's private allocation state: one page and its free list per size class.
pub struct Tlab {
    epoch: u64,
    /// Per size class: the page this thread allocates from, and its free cells.
    classes: [Option<(Arc<Page>, Vec<u32>)>; NCLASSES],
    /// Bytes and objects allocated since they were last added to the heap's shared
    /// counters; batching them keeps shared atomics off the allocation fast path.
    pending_bytes: usize,
    pending_objects: usize,
}

/// A thread adds its allocation counts to the heap's after this many bytes, so a
/// collection is at most this late.
const FLUSH_BYTES: usize = 32 * 1024;

impl Tlab {
    /// Whether this buffer allocated anything since its counts were last flushed.
    pub fn has_pending(&self) -> bool {
        self.pending_objects > 0
    }
}

impl Default for Tlab {
    fn default() -> Self {
        Tlab {
            epoch: u64::MAX,
            classes: std::array::from_fn(|_| None),
            pending_bytes: 0,
            pending_objects: 0,
        }
    }
}

impl Default for Heap {
    fn default() -> Self {
        Heap {
            pages: RwLock::new(Vec::new()),
            page_index: RwLock::new(FxHashMap::default()),
            available: Mutex::new(vec![Vec::new(); NCLASSES]),
            large: Mutex::new(BTreeMap::new()),
            chunk: Mutex::new((0, 0)),
            chunks: Mutex::new(Vec::new()),
            allocated: AtomicUsize::new(0),
            allocations: AtomicUsize::new(0),
            live_bytes: AtomicUsize::new(0),
            epoch: AtomicU64::new(0),
        }
    }
}

impl Heap {
    /// Allocates an object of layout `B` with Python type `ty` (an address of a type
    /// object, or 0 while bootstrapping the type of types).
    #[inline]
    pub fn alloc<B: Body>(&self, tlab: &mut Tlab, ty: usize, body: B) -> Gc<B> {
        self.alloc_with(tlab, ty, || body)
    }

    /// Like [`Heap::alloc`], with the body built by `make` once the cell is found, so a
    /// large body (a frame) can be written straight into the heap instead of being built
    /// on the stack and copied. `make` must not allocate on this heap.
    #[inline(always)]
    pub fn alloc_with<B: Body>(
        &self,
        tlab: &mut Tlab,
        ty: usize,
        make: impl FnOnce() -> B,
    ) -> Gc<B> {
        let size = std::mem::size_of::<Obj<B>>();
        debug_assert!(std::mem::align_of::<Obj<B>>() <= 16);
        let addr = if size <= MAX_SMALL {
            self.alloc_small(tlab, class_of(size))
        } else {
            self.alloc_large(size)
        };
        let ptr = addr as *mut Obj<B>;
        // SAFETY: `addr` is a fresh cell of at least `size` bytes, aligned to 16 (cells of
        // every class are multiples of 16 from a 64 KiB-aligned base; large objects use a
        // 16-aligned layout), not shared with anyone until this function returns.
        let obj = unsafe {
            ptr.write(Obj {
                header: Header::new(ty, B::KIND),
                body: make(),
            });
            Gc::from_raw(NonNull::new_unchecked(ptr))
        };
        tlab.pending_bytes += size + obj.external_bytes();
        tlab.pending_objects += 1;
        if tlab.pending_bytes >= FLUSH_BYTES {
            self.flush_counts(tlab);
        }
        obj
    }

    /// Adds `tlab`'s batched allocation counts to the heap's shared counters.
    pub fn flush_counts(&self, tlab: &mut Tlab) {
        self.allocated
            .fetch_add(std::mem::take(&mut tlab.pending_bytes), Ordering::Relaxed);
        self.allocations
            .fetch_add(std::mem::take(&mut tlab.pending_objects), Ordering::Relaxed);
    }

    fn alloc_small(&self, tlab: &mut Tlab, class: usize) -> usize {
        let epoch = self.epoch.load(Ordering::Acquire);
        if tlab.epoch != epoch {
            // The sweep rebuilt every free list: anything this Tlab holds is stale.
            tlab.classes = std::array::from_fn(|_| None);
            tlab.epoch = epoch;
        }
        loop {
            if let Some((page, free)) = &mut tlab.classes[class]
                && let Some(cell) = free.pop()
            {
                page.live[cell as usize].store(true, Ordering::Relaxed);
                return page.base + cell as usize * page.cell_size;
            }
            let index = self.take_page(class);
            let page = self.pages.read()[index].clone();
            let free = std::mem::take(&mut *page.free.lock());
            tlab.classes[class] = Some((page, free));
        }
    }

    /// A page of `class` with free cells, taken out of the shared pool or freshly made.
    fn take_page(&self, class: usize) -> usize {
        if let Some(index) = self.available.lock()[class].pop() {
            return index;
        }
        let cell_size = SIZE_CLASSES[class];
        let ncells = PAGE_SIZE / cell_size;
        let base = self.fresh_page_memory();
        let page = Page {
            base,
            cell_size,
            ncells,
            live: (0..ncells).map(|_| AtomicBool::new(false)).collect(),
            // Pop from the end hands out low addresses first.
            free: Mutex::new((0..ncells as u32).rev().collect()),
        };
        let mut pages = self.pages.write();
        pages.push(Arc::new(page));
        let index = pages.len() - 1;
        self.page_index.write().insert(base, index);
        index
    }

    /// The memory of a new page: the next page of the current chunk, taking a new chunk
    /// from the allocator when it is used up.
    fn fresh_page_memory(&self) -> usize {
        let mut chunk = self.chunk.lock();
        if chunk.1 == 0 {
            let layout = chunk_layout();
            // SAFETY: the layout has a non-zero size.
            let base = unsafe { alloc(layout) } as usize;
            if base == 0 {
                std::alloc::handle_alloc_error(layout);
            }
            self.chunks.lock().push(base);
            *chunk = (base, CHUNK_PAGES);
        }
        let base = chunk.0;
        *chunk = (base + PAGE_SIZE, chunk.1 - 1);
        base
    }

    fn alloc_large(&self, size: usize) -> usize {
        let layout = Layout::from_size_align(size, 16).expect("large object layout");
        // SAFETY: `size` is non-zero (every object has a header).
        let addr = unsafe { alloc(layout) } as usize;
        if addr == 0 {
            std::alloc::handle_alloc_error(layout);
        }
        self.large.lock().insert(addr, LargeObject { size, layout });
        addr
    }

    /// The address of the live object containing `addr`, if any. This is how conservative
    /// roots are recognised: raw pointers, interior pointers and boxed `Value`s alike.
    pub fn find_object(&self, addr: usize) -> Option<usize> {
        let base = addr & !(PAGE_SIZE - 1);
        if let Some(&index) = self.page_index.read().get(&base) {
            let pages = self.pages.read();
            let page = &pages[index];
            let cell = (addr - base) / page.cell_size;
            if cell < page.ncells && page.live[cell].load(Ordering::Relaxed) {
                return Some(base + cell * page.cell_size);
            }
            return None;
        }
        let large = self.large.lock();
        let (&start, object) = large.range(..=addr).next_back()?;
        (addr < start + object.size).then_some(start)
    }

    /// Every live object, for the sweep and for `gc.get_objects`-style walks.
    pub(crate) fn for_each_object(&self, mut f: impl FnMut(usize)) {
        for page in self.pages.read().iter() {
            for (cell, live) in page.live.iter().enumerate() {
                if live.load(Ordering::Relaxed) {
                    f(page.base + cell * page.cell_size);
                }
            }
        }
        for &addr in self.large.lock().keys() {
            f(addr);
        }
    }

    /// Frees every object whose mark bit is clear and clears the marks of the rest.
    /// Returns the number of objects freed. Runs with every mutator stopped.
    pub(crate) fn sweep(&self) -> usize {
        let mut freed = 0;
        let mut live_bytes = 0;
        let pages = self.pages.read();
        let mut available = self.available.lock();
        for list in available.iter_mut() {
            list.clear();
        }
        for (index, page) in pages.iter().enumerate() {
            let mut free = Vec::new();
            for cell in (0..page.ncells).rev() {
                let addr = page.base + cell * page.cell_size;
                if page.live[cell].load(Ordering::Relaxed) {
                    let header = header_at(addr);
                    if header.mark.load(Ordering::Relaxed) != 0 {
                        header.mark.store(0, Ordering::Relaxed);
                        live_bytes += page.cell_size + external_bytes_of(addr);
                        continue;
                    }
                    // SAFETY: the object is unreachable (unmarked after a complete mark),
                    // so nothing will read it again; it is dropped exactly once because
                    // its cell is marked free right after.
                    unsafe { drop_object(addr) };
                    page.live[cell].store(false, Ordering::Relaxed);
                    freed += 1;
                }
                free.push(cell as u32);
            }
            if !free.is_empty() {
                available[class_of(page.cell_size)].push(index);
            }
            *page.free.lock() = free;
        }
        let mut large = self.large.lock();
        let dead: Vec<usize> = large
            .keys()
            .copied()
            .filter(|&addr| {
                let header = header_at(addr);
                let marked = header.mark.load(Ordering::Relaxed) != 0;
                header.mark.store(0, Ordering::Relaxed);
                !marked
            })
            .collect();
        for addr in dead {
            let object = large.remove(&addr).expect("large object listed");
            // SAFETY: unreachable as above; removed from the table so it is dropped and
            // freed exactly once, with the layout it was allocated with.
            unsafe {
                drop_object(addr);
                dealloc(addr as *mut u8, object.layout);
            }
            freed += 1;
        }
        live_bytes += large.values().map(|o| o.size).sum::<usize>();
        self.live_bytes.store(live_bytes, Ordering::Relaxed);
        self.allocated.store(0, Ordering::Relaxed);
        self.allocations.store(0, Ordering::Relaxed);
        self.epoch.fetch_add(1, Ordering::Release);
        freed
    }

    /// The number of small-object pages (a cheap measure of the heap's size).
    pub fn page_count(&self) -> usize {
        self.pages.read().len()
    }

    pub fn stats(&self) -> HeapStats {
        let mut live = 0;
        self.for_each_object(|_| live += 1);
        HeapStats {
            pages: self.pages.read().len(),
            large_objects: self.large.lock().len(),
            live_objects: live,
        }
    }
}

impl Drop for Heap {
    fn drop(&mut self) {
        // Objects are not finalised at exit (CPython does not promise it either); only the
        // memory goes back.
        let layout = chunk_layout();
        for base in self.chunks.get_mut().drain(..) {
            // SAFETY: every chunk was allocated with this layout and nothing refers to the
            // heap any more (it is being dropped).
            unsafe { dealloc(base as *mut u8, layout) };
        }
        for (addr, object) in std::mem::take(self.large.get_mut()) {
            // SAFETY: as above, with the large object's own layout.
            unsafe { dealloc(addr as *mut u8, object.layout) };
        }
    }
}
