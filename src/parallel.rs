//! Spreading independent pieces of work over the machine's cores.
//!
//! A check takes a few milliseconds, so a pool that outlives it would cost more to start than
//! it saves: scoped threads, as many as there are cores (the calling thread is one of them),
//! take items off a shared counter.
//!
//! Linux starts a new thread on its parent's core and moves it to an idle one only at a
//! later load balance, often a millisecond or two on: as long as the whole job. Until then
//! the two take turns on one core. So every helper thread first moves itself off the core
//! of the thread that started it ([`Placement`]), and then lets the scheduler move it again:
//! when another program holds that other core, the helper must not stay stuck there while
//! its parent's core idles.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// How many threads work may use. Asked once: on Linux the answer reads cgroup files.
pub fn cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, usize::from))
}

/// `f` over every item, on up to [`cores`] threads. Results keep the order of `items`, so
/// nothing downstream depends on scheduling.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = cores().min(items.len());
    if workers <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let done = Mutex::new(Vec::with_capacity(items.len()));
    let placement = Placement::here();
    std::thread::scope(|scope| {
        let run = || {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                let result = f(item);
                done.lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push((i, result));
            }
        };
        for _ in 1..workers {
            let placement = &placement;
            scope.spawn(move || {
                placement.enter();
                run()
            });
        }
        run();
    });
    let mut done = done.into_inner().unwrap_or_else(|e| e.into_inner());
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// Work needed later (compiling templates) started now on a thread that yields its core to
/// the process's other threads, so that it fills the gaps the work needed now leaves.
///
/// A thread at the lowest priority can wait behind another program for tens of
/// milliseconds, so [`HeadStart::finish`] never waits for it: unless the result is ready,
/// the caller does the work itself.
pub struct HeadStart<R> {
    work: std::sync::Arc<dyn Fn() -> R + Send + Sync>,
    thread: std::thread::JoinHandle<R>,
}

impl<R: Send + 'static> HeadStart<R> {
    pub fn new(work: impl Fn() -> R + Send + Sync + 'static) -> HeadStart<R> {
        let work = std::sync::Arc::new(work);
        let early = std::sync::Arc::clone(&work);
        let thread = spawn(move || {
            lower_priority();
            early()
        });
        HeadStart { work, thread }
    }

    /// Whether the background thread has its result.
    pub fn is_ready(&self) -> bool {
        self.thread.is_finished()
    }

    /// The background thread's result if it has one, else the work done here (the thread
    /// is left to finish unheeded).
    pub fn finish(self) -> R {
        if !self.is_ready() {
            return (self.work)();
        }
        match self.thread.join() {
            Ok(result) => result,
            Err(panic) => std::panic::resume_unwind(panic),
        }
    }
}

/// The lowest scheduling priority for the calling thread (Linux keeps one per thread).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn lower_priority() {
    // SAFETY: plain system calls on the calling thread; a failure leaves its priority as is.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t, 19);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn lower_priority() {}

/// Runs `f` on a new thread on another core than the calling thread's (see the module docs).
pub fn spawn<R: Send + 'static>(
    f: impl FnOnce() -> R + Send + 'static,
) -> std::thread::JoinHandle<R> {
    let placement = Placement::here();
    std::thread::spawn(move || {
        placement.enter();
        f()
    })
}

/// Where a helper thread starts: on the cores the process may use but the spawning
/// thread's (`others`), and then free to go anywhere in `all`.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
struct Placement(Option<Cores>);

#[cfg(all(target_os = "linux", target_env = "gnu"))]
struct Cores {
    others: libc::cpu_set_t,
    all: libc::cpu_set_t,
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
impl Placement {
    fn here() -> Placement {
        // SAFETY: plain syscalls on a zeroed set of the size they are told.
        unsafe {
            let mut all: libc::cpu_set_t = std::mem::zeroed();
            let size = std::mem::size_of::<libc::cpu_set_t>();
            let current = libc::sched_getcpu();
            if current < 0 || libc::sched_getaffinity(0, size, &mut all) != 0 {
                return Placement(None);
            }
            let mut others = all;
            libc::CPU_CLR(current as usize, &mut others);
            Placement((libc::CPU_COUNT(&others) > 0).then_some(Cores { others, all }))
        }
    }

    /// Moves the calling thread onto another core now, then allows it every core again: it
    /// stays where it is unless the scheduler finds it a better one (nothing to do with a
    /// single core).
    fn enter(&self) {
        if let Some(cores) = &self.0 {
            let size = std::mem::size_of::<libc::cpu_set_t>();
            // SAFETY: sets the calling thread's affinity from valid sets; a failure leaves
            // the thread where the scheduler put it, which is only slower.
            unsafe {
                libc::sched_setaffinity(0, size, &cores.others);
                libc::sched_setaffinity(0, size, &cores.all);
            }
        }
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
struct Placement;

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
impl Placement {
    fn here() -> Placement {
        Placement
    }

    fn enter(&self) {}
}

/// [`map`], starting with the costliest items so that no core is left alone with a big one
/// at the end. Results still keep the order of `items`.
pub fn map_costliest_first<T: Sync, R: Send>(
    items: &[T],
    cost: impl Fn(&T) -> u64,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(cost(&items[i])));
    let mut done = map(&order, |&i| (i, f(&items[i])));
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_start_does_the_work_itself_rather_than_wait() {
        let caller = std::thread::current().id();
        let (release, held) = std::sync::mpsc::channel::<()>();
        let held = Mutex::new(held);
        let early = HeadStart::new(move || {
            if std::thread::current().id() == caller {
                return "here";
            }
            let _ = held.lock().unwrap().recv();
            "background"
        });
        assert_eq!(early.finish(), "here");
        let _ = release.send(());
    }

    #[test]
    fn head_start_takes_a_finished_result() {
        let caller = std::thread::current().id();
        let early = HeadStart::new(move || std::thread::current().id() != caller);
        while !early.is_ready() {
            std::thread::yield_now();
        }
        assert!(early.finish(), "the background thread's result");
    }

    #[test]
    fn costliest_first_keeps_the_order_of_items() {
        let items = [1u64, 5, 3, 9, 2];
        assert_eq!(
            map_costliest_first(&items, |&c| c, |&c| c * 10),
            vec![10, 50, 30, 90, 20]
        );
    }
}
