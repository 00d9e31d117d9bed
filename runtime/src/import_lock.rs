//! Per-module import locks, so that two threads importing the same module run its code
//! once: the second waits until the first has finished, then finds it in `sys.modules`
//! (after CPython's `importlib._bootstrap._ModuleLock`).
//!
//! A thread waiting for a module whose importer is itself waiting (directly or through
//! a chain) for a module this thread is importing would deadlock; as in CPython, the
//! wait is skipped then and the caller sees the partially initialized module.

use std::sync::Arc;

use parking_lot::{Condvar, Mutex};
use rustc_hash::FxHashMap;

use crate::interp::{Interpreter, Vm};

/// The import locks of one interpreter.
#[derive(Default)]
pub struct ImportLocks {
    state: Mutex<LockTable>,
    released: Condvar,
    /// How many module locks are held: imports of modules already in `sys.modules`
    /// check for a concurrent first import only when this is not zero.
    held: std::sync::atomic::AtomicUsize,
}

impl ImportLocks {
    /// Whether another thread than `me` is running `module`'s first import.
    pub fn busy_elsewhere(&self, me: u64, module: &str) -> bool {
        if self.held.load(std::sync::atomic::Ordering::Acquire) == 0 {
            return false;
        }
        self.state
            .lock()
            .owners
            .get(module)
            .is_some_and(|&(owner, _)| owner != me)
    }
}

#[derive(Default)]
struct LockTable {
    /// Module name → (importing thread, re-entry count).
    owners: FxHashMap<String, (u64, u32)>,
    /// Thread → the module it waits for.
    waiting: FxHashMap<u64, String>,
}

impl LockTable {
    /// Whether making `me` wait for `module` would close a cycle of waiting threads.
    fn would_deadlock(&self, me: u64, module: &str) -> bool {
        let mut current = module.to_owned();
        for _ in 0..=self.waiting.len() {
            let Some(&(owner, _)) = self.owners.get(&current) else {
                return false;
            };
            if owner == me {
                return true;
            }
            match self.waiting.get(&owner) {
                Some(next) => current = next.clone(),
                None => return false,
            }
        }
        false
    }
}

/// Holds the import lock of one module until dropped.
pub struct ModuleLockGuard {
    interp: Arc<Interpreter>,
    module: String,
    held: bool,
}

impl Drop for ModuleLockGuard {
    fn drop(&mut self) {
        if !self.held {
            return;
        }
        let locks = &self.interp.import_locks;
        let mut table = locks.state.lock();
        if let Some(entry) = table.owners.get_mut(&self.module) {
            entry.1 -= 1;
            if entry.1 == 0 {
                table.owners.remove(&self.module);
                locks
                    .held
                    .fetch_sub(1, std::sync::atomic::Ordering::Release);
                locks.released.notify_all();
            }
        }
    }
}

/// Takes the import lock of `module` for the current thread, waiting (detached) while
/// another thread imports it.
pub fn lock_module(vm: &mut Vm, module: &str) -> ModuleLockGuard {
    let me = vm.ident;
    let interp = vm.interp.clone();
    let mut guard = ModuleLockGuard {
        interp: interp.clone(),
        module: module.to_owned(),
        held: false,
    };
    let locks = &interp.import_locks;
    {
        let mut table = locks.state.lock();
        match table.owners.get(module).copied() {
            None => {
                table.owners.insert(module.to_owned(), (me, 1));
                locks
                    .held
                    .fetch_add(1, std::sync::atomic::Ordering::Release);
                guard.held = true;
                return guard;
            }
            Some((owner, count)) if owner == me => {
                table.owners.insert(module.to_owned(), (me, count + 1));
                guard.held = true;
                return guard;
            }
            Some(_) if table.would_deadlock(me, module) => return guard,
            Some(_) => {}
        }
    }
    let held = vm.detached(|| {
        let mut table = locks.state.lock();
        table.waiting.insert(me, module.to_owned());
        let held = loop {
            if !table.owners.contains_key(module) {
                table.owners.insert(module.to_owned(), (me, 1));
                locks
                    .held
                    .fetch_add(1, std::sync::atomic::Ordering::Release);
                break true;
            }
            if table.would_deadlock(me, module) {
                break false;
            }
            locks.released.wait(&mut table);
        };
        table.waiting.remove(&me);
        held
    });
    guard.held = held;
    guard
}
