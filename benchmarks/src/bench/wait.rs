//! Safety boundary: waiting for a benchmark child with `wait4`, which returns the child's
//! own resource usage (its peak RSS, `ru_maxrss`) when it reaps it. The standard library's
//! `Child::wait` uses `waitpid` and discards that, and `getrusage(RUSAGE_CHILDREN)` only
//! gives the maximum over every child so far. This file holds the crate's only `unsafe`:
//! the one `libc::wait4` call in `try_wait4`.
//!
//! The child is polled with `WNOHANG` so that a run can time out: the wait ends within one
//! poll interval (a fraction of a millisecond) of the child's exit, which is what the wall
//! time then includes.

use std::io;
use std::os::unix::process::ExitStatusExt;
use std::process::{Child, ExitStatus};
use std::time::{Duration, Instant};

/// How often the child is polled.
const POLL_INTERVAL: Duration = Duration::from_micros(200);

/// How a waited-for child ended.
#[derive(Debug)]
pub struct Reaped {
    pub status: ExitStatus,
    /// When the wait saw the exit.
    pub at: Instant,
    /// The child's peak resident set size in bytes.
    pub peak_rss: u64,
    /// Whether the child was killed for running past the deadline.
    pub timed_out: bool,
}

/// Waits for `child` to exit, killing it at `deadline`. The child is reaped here, so its
/// `Child` must not be waited for (or killed) again.
pub fn wait_with_rusage(child: &mut Child, deadline: Instant) -> io::Result<Reaped> {
    let pid = libc::pid_t::try_from(child.id())
        .map_err(|_| io::Error::other("child process id out of range"))?;
    let mut timed_out = false;
    loop {
        if let Some((status, usage)) = try_wait4(pid)? {
            // Linux reports ru_maxrss in KiB.
            let peak_rss = u64::try_from(usage.ru_maxrss)
                .unwrap_or(0)
                .saturating_mul(1024);
            return Ok(Reaped {
                status: ExitStatus::from_raw(status),
                at: Instant::now(),
                peak_rss,
                timed_out,
            });
        }
        if !timed_out && Instant::now() >= deadline {
            // Not reaped yet (try_wait4 said so), so the pid is still this child's.
            child.kill()?;
            timed_out = true;
        }
        std::thread::sleep(POLL_INTERVAL);
    }
}

/// One non-blocking `wait4` on `pid`: its raw wait status and resource usage once it has
/// exited, `None` while it runs.
fn try_wait4(pid: libc::pid_t) -> io::Result<Option<(libc::c_int, libc::rusage)>> {
    loop {
        let mut status: libc::c_int = 0;
        let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
        // SAFETY: `status` and `usage` are valid, writable and live for the call; wait4
        // writes at most one `c_int` and one `rusage` through them. `rusage` is plain
        // integers, so the zeroed value is initialised whether or not wait4 wrote it.
        let (result, usage) = unsafe {
            let result = libc::wait4(pid, &mut status, libc::WNOHANG, usage.as_mut_ptr());
            (result, usage.assume_init())
        };
        match result {
            0 => return Ok(None),
            r if r == pid => return Ok(Some((status, usage))),
            _ => {
                let error = io::Error::last_os_error();
                if error.kind() != io::ErrorKind::Interrupted {
                    return Err(error);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    #[test]
    fn reports_status_and_peak_rss() {
        let mut child = Command::new("sh")
            .args(["-c", "exit 3"])
            .spawn()
            .expect("spawn sh");
        let reaped = wait_with_rusage(&mut child, Instant::now() + Duration::from_secs(60))
            .expect("wait for sh");
        assert_eq!(reaped.status.code(), Some(3));
        assert!(!reaped.timed_out);
        assert!(reaped.peak_rss > 0);
    }

    #[test]
    fn kills_at_the_deadline() {
        let mut child = Command::new("sleep")
            .arg("30")
            .spawn()
            .expect("spawn sleep");
        let start = Instant::now();
        let reaped = wait_with_rusage(&mut child, start + Duration::from_millis(50))
            .expect("wait for sleep");
        assert!(reaped.timed_out);
        assert_eq!(reaped.status.code(), None);
        assert!(start.elapsed() < Duration::from_secs(20));
    }
}
