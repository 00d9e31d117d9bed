//! The threads attached to the runtime and the stop-the-world handshake of the collector
//! (DESIGN.md §4–5).
//!
//! Every thread that runs Python code has a [`ThreadRecord`] in the runtime's
//! [`Threads`] registry. A thread is in one of four states:
//! - `Running`: it may touch heap objects at any moment;
//! - `Stopped`: it is waiting at a safepoint for a collection to end;
//! - `Detached`: it is blocked outside Python (a lock wait, `sleep`, I/O, `join`) and
//!   promises not to touch heap objects until it attaches again;
//! - `Starting`: `_thread.start_new_thread` created it, but its OS thread has not attached
//!   yet; the record holds the function and arguments as roots meanwhile.
//!
//! A collection is stop-the-world:
//! 1. the collecting thread sets `collecting` and the `stop` flag that every safepoint
//!    polls ([`Threads::begin_stop`]);
//! 2. it waits until no other thread is `Running` ([`Threads::wait_stopped`]): each
//!    running thread stops at its next safepoint ([`Threads::park`]);
//! 3. it marks from every thread's precise roots and conservatively from every stack
//!    (a stopped or detached thread recorded the low end of its stack after spilling its
//!    callee-saved registers there, `gc::stack::with_spilled_registers`), then sweeps;
//! 4. it clears the flags and wakes everyone ([`Threads::resume`]).
//!
//! A thread that attaches or registers while a collection runs waits for it to end first,
//! so the collector never scans a stack that is changing. A running thread that exits
//! leaves at once: the collector only scans stacks of threads it saw stopped. Two
//! threads that want to collect at once do not both collect: the second one stops like
//! any other thread and skips its own collection.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use parking_lot::{Condvar, Mutex};

use crate::gc::Tracer;
use crate::value::Value;

/// What a thread is doing, as far as the collector is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RunState {
    Running,
    /// Waiting at a safepoint; the stack below `low` is not in use.
    Stopped {
        low: usize,
    },
    /// Outside Python code; the stack below `low` holds no references.
    Detached {
        low: usize,
    },
    /// Not yet running on its own OS thread.
    Starting,
}

/// One attached (or starting) thread.
struct ThreadRecord {
    ident: u64,
    /// The highest address of its stack the collector scans (0 while starting).
    stack_base: usize,
    state: RunState,
    /// Precise roots published while not running: a VM's registered-roots list, handled
    /// exception and innermost frame, or a starting thread's function and arguments.
    roots: [Value; 3],
}

struct Registry {
    /// A collection is in progress (from `begin_stop` to `resume`).
    collecting: bool,
    threads: Vec<ThreadRecord>,
}

/// The registry of threads, owned by the `Runtime`.
pub struct Threads {
    registry: Mutex<Registry>,
    /// Signalled when a thread stops, detaches or leaves, and when a collection ends.
    changed: Condvar,
    /// Polled by every safepoint: a collection wants this thread to stop.
    pub stop: AtomicBool,
    next_ident: AtomicU64,
}

impl Default for Threads {
    fn default() -> Self {
        Threads {
            registry: Mutex::new(Registry {
                collecting: false,
                threads: Vec::new(),
            }),
            changed: Condvar::new(),
            stop: AtomicBool::new(false),
            next_ident: AtomicU64::new(1),
        }
    }
}

/// The stacks and roots of the other threads while the world is stopped.
pub struct StoppedWorld {
    /// `(low, stack_base)` of every stopped or detached thread.
    pub stacks: Vec<(usize, usize)>,
    /// Their published precise roots.
    pub roots: Vec<Value>,
}

impl Threads {
    /// Registers the calling thread as running (waiting out a collection in progress);
    /// returns its identifier.
    pub fn register(&self, stack_base: usize) -> u64 {
        let ident = self.next_ident.fetch_add(1, Ordering::Relaxed);
        let mut reg = self.registry.lock();
        while reg.collecting {
            self.changed.wait(&mut reg);
        }
        reg.threads.push(ThreadRecord {
            ident,
            stack_base,
            state: RunState::Running,
            roots: [Value::NONE; 3],
        });
        ident
    }

    /// Reserves a record for a thread about to be started, holding `roots` (its function
    /// and arguments) alive until it attaches with [`Threads::attach_started`].
    pub fn reserve(&self, roots: [Value; 3]) -> u64 {
        let ident = self.next_ident.fetch_add(1, Ordering::Relaxed);
        self.registry.lock().threads.push(ThreadRecord {
            ident,
            stack_base: 0,
            state: RunState::Starting,
            roots,
        });
        ident
    }

    /// The started thread `ident`, now on its own OS thread, begins running.
    pub fn attach_started(&self, ident: u64, stack_base: usize) {
        let mut reg = self.registry.lock();
        while reg.collecting {
            self.changed.wait(&mut reg);
        }
        if let Some(t) = reg.threads.iter_mut().find(|t| t.ident == ident) {
            t.stack_base = stack_base;
            t.state = RunState::Running;
        }
    }

    /// Removes thread `ident` (its OS thread is about to end, or never started). This
    /// never waits: the caller is running (or the record is still starting), so a
    /// collection in progress is still waiting for it and has not looked at its stack.
    pub fn unregister(&self, ident: u64) {
        let mut reg = self.registry.lock();
        reg.threads.retain(|t| t.ident != ident);
        self.changed.notify_all();
    }

    /// The number of registered threads (`_thread._count()` adds the ones it started).
    pub fn count(&self) -> usize {
        self.registry.lock().threads.len()
    }

    /// Starts a collection by thread `me`. Returns false when another thread's collection
    /// is in progress (the caller should stop at a safepoint instead).
    pub fn begin_stop(&self) -> bool {
        let mut reg = self.registry.lock();
        if reg.collecting {
            return false;
        }
        reg.collecting = true;
        self.stop.store(true, Ordering::SeqCst);
        true
    }

    /// Waits until every thread but `me` is stopped, detached or starting, and returns
    /// their stacks and roots.
    pub fn wait_stopped(&self, me: u64) -> StoppedWorld {
        let mut reg = self.registry.lock();
        loop {
            let busy = reg
                .threads
                .iter()
                .any(|t| t.ident != me && t.state == RunState::Running);
            if !busy {
                break;
            }
            self.changed.wait(&mut reg);
        }
        let mut world = StoppedWorld {
            stacks: Vec::new(),
            roots: Vec::new(),
        };
        for t in reg.threads.iter().filter(|t| t.ident != me) {
            match t.state {
                RunState::Stopped { low } | RunState::Detached { low } => {
                    world.stacks.push((low, t.stack_base))
                }
                RunState::Starting | RunState::Running => {}
            }
            world.roots.extend_from_slice(&t.roots);
        }
        world
    }

    /// Ends the collection and lets every stopped thread go on.
    pub fn resume(&self) {
        let mut reg = self.registry.lock();
        reg.collecting = false;
        self.stop.store(false, Ordering::SeqCst);
        self.changed.notify_all();
    }

    /// Thread `me` stops at a safepoint until the collection in progress ends. `roots`
    /// are its VM's precise roots.
    pub fn park(&self, me: u64, roots: [Value; 3]) {
        crate::gc::stack::with_spilled_registers(|low| {
            let mut reg = self.registry.lock();
            if !reg.collecting {
                return;
            }
            self.set_state(&mut reg, me, RunState::Stopped { low }, roots);
            self.changed.notify_all();
            while reg.collecting {
                self.changed.wait(&mut reg);
            }
            self.set_state(&mut reg, me, RunState::Running, [Value::NONE; 3]);
        })
    }

    /// Runs `f` with thread `me` detached: collections proceed without waiting for it, so
    /// `f` may block for as long as it likes, but it must not touch any heap object.
    pub fn detached<R>(&self, me: u64, roots: [Value; 3], f: impl FnOnce() -> R) -> R {
        crate::gc::stack::with_spilled_registers(|low| {
            {
                let mut reg = self.registry.lock();
                self.set_state(&mut reg, me, RunState::Detached { low }, roots);
                self.changed.notify_all();
            }
            let result = f();
            let mut reg = self.registry.lock();
            while reg.collecting {
                self.changed.wait(&mut reg);
            }
            self.set_state(&mut reg, me, RunState::Running, [Value::NONE; 3]);
            result
        })
    }

    fn set_state(&self, reg: &mut Registry, me: u64, state: RunState, roots: [Value; 3]) {
        if let Some(t) = reg.threads.iter_mut().find(|t| t.ident == me) {
            t.state = state;
            t.roots = roots;
        }
    }
}

impl StoppedWorld {
    pub fn trace(&self, tracer: &mut Tracer) {
        tracer.visit_all(&self.roots);
    }
}
