//! `posix`: the operating-system calls `os` (runtime/pylib/os.py) is built on, as in
//! CPython where `os.py` wraps the C module `posix`.
//!
//! Paths arrive as `str` (`os.py` applies `fspath` first). File descriptors are the real
//! descriptors of `std::fs::File`s kept open in the interpreter's descriptor table, so
//! `os.read`/`os.write`/`os.lseek` work without `unsafe`; descriptors 0, 1 and 2 are the
//! standard streams (standard output goes through the interpreter's buffer). Errors are
//! `OSError`s carrying the real errno, the C library's message and the file name, and
//! `OSError`'s constructor picks the subclass (`FileNotFoundError`, ...) from the errno.

use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::sync::atomic::Ordering;

use crate::args::Args;
use crate::errors::{PyErr, PyResult};
use crate::interp::Vm;
use crate::object::Gc;
use crate::ops::{self, str_of};
use crate::types::module::ModuleBody;
use crate::value::Value;

/// `errno` values used by name.
const EBADF: i32 = 9;
const EINVAL: i32 = 22;
const EACCES: i32 = 13;

/// The C library's message for `errno` (`os.strerror`).
pub fn strerror_text(errno: i32) -> String {
    let text = std::io::Error::from_raw_os_error(errno).to_string();
    // std appends " (os error N)" to the C library's message.
    match text.rfind(" (os error ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

/// `OSError(errno, strerror[, filename])`, whose constructor picks the subclass.
pub fn errno_error(vm: &mut Vm, errno: i32, filename: Option<&str>) -> PyErr {
    let msg = vm.new_string(strerror_text(errno));
    let mut args = vec![Value::small_int(errno as i64), msg];
    if let Some(f) = filename {
        args.push(vm.new_str(f));
    }
    let ty = vm.rt.exc.os_error.value();
    match ops::call::call(vm, ty, &args) {
        Ok(exc) => PyErr(exc),
        Err(e) => e,
    }
}

/// The `OSError` for a failed `std` I/O call on `filename`.
pub fn io_error(vm: &mut Vm, e: &std::io::Error, filename: Option<&str>) -> PyErr {
    let errno = e.raw_os_error().unwrap_or(match e.kind() {
        std::io::ErrorKind::NotFound => 2,
        std::io::ErrorKind::PermissionDenied => EACCES,
        std::io::ErrorKind::AlreadyExists => 17,
        std::io::ErrorKind::InvalidInput => EINVAL,
        _ => 5,
    });
    errno_error(vm, errno, filename)
}

fn path_arg(vm: &mut Vm, v: Value) -> PyResult<String> {
    if let Some(b) = crate::builtins::bytes::bytes_data(v) {
        return Ok(String::from_utf8_lossy(&b).into_owned());
    }
    match str_of(v) {
        Some(s) => Ok(s.to_owned()),
        None => {
            let tn = ops::type_name(vm, v);
            Err(vm.type_error(format!(
                "expected str, bytes or os.PathLike object, not {tn}"
            )))
        }
    }
}

fn int_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if v.is_float() {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    ops::convert::index_i64(vm, v)
}

fn fd_arg(vm: &mut Vm, v: Value) -> PyResult<i32> {
    let fd = int_arg(vm, v)?;
    i32::try_from(fd).map_err(|_| vm.overflow_error("fd is greater than maximum"))
}

/// Refuses file-system changes in a sandboxed run (`run::RunOptions::sandbox`).
fn sandbox_check(vm: &mut Vm) -> PyResult<()> {
    if vm.interp.sandboxed.load(Ordering::Relaxed) {
        return Err(vm.new_error(
            vm.rt.exc.permission_error,
            "file-system changes are disabled in the sandbox",
        ));
    }
    Ok(())
}

/// Runs `f` on the open file `fd` of the descriptor table.
fn with_file<T>(
    vm: &mut Vm,
    fd: i32,
    f: impl FnOnce(&mut std::fs::File) -> std::io::Result<T>,
) -> PyResult<T> {
    let mut table = vm.interp.files.lock();
    let Some(file) = table.get_mut(&fd) else {
        drop(table);
        return Err(errno_error(vm, EBADF, None));
    };
    let r = f(file);
    drop(table);
    r.map_err(|e| io_error(vm, &e, None))
}

/// Access-mode and creation flags, as Linux numbers them.
mod flags {
    pub const O_RDONLY: i64 = 0;
    pub const O_WRONLY: i64 = 1;
    pub const O_RDWR: i64 = 2;
    pub const O_ACCMODE: i64 = 3;
    pub const O_CREAT: i64 = 0o100;
    pub const O_EXCL: i64 = 0o200;
    pub const O_NOCTTY: i64 = 0o400;
    pub const O_TRUNC: i64 = 0o1000;
    pub const O_APPEND: i64 = 0o2000;
    pub const O_NONBLOCK: i64 = 0o4000;
    pub const O_DIRECTORY: i64 = 0o200000;
    pub const O_NOFOLLOW: i64 = 0o400000;
    pub const O_CLOEXEC: i64 = 0o2000000;
}

/// `os.open(path, flags, mode=0o777)`.
fn open(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "open", 2, 3)?;
    let path = path_arg(vm, a[0])?;
    let fl = int_arg(vm, a[1])?;
    let mode = match a.get(2) {
        Some(&m) => int_arg(vm, m)?,
        None => 0o777,
    };
    let acc = fl & flags::O_ACCMODE;
    if acc != flags::O_RDONLY || fl & (flags::O_CREAT | flags::O_TRUNC | flags::O_APPEND) != 0 {
        sandbox_check(vm)?;
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.read(acc == flags::O_RDONLY || acc == flags::O_RDWR);
    opts.write(acc == flags::O_WRONLY || acc == flags::O_RDWR);
    if fl & flags::O_APPEND != 0 {
        opts.append(true);
    }
    if fl & flags::O_CREAT != 0 {
        if fl & flags::O_EXCL != 0 {
            opts.create_new(true);
        } else {
            opts.create(true);
        }
    }
    // std refuses truncation without write access; the kernel allows it (and so does
    // CPython) only with a write mode, so the same EINVAL results either way.
    if fl & flags::O_TRUNC != 0 {
        opts.truncate(true);
    }
    let handled =
        flags::O_ACCMODE | flags::O_CREAT | flags::O_EXCL | flags::O_TRUNC | flags::O_APPEND;
    opts.custom_flags((fl & !handled) as i32);
    opts.mode((mode & 0o7777) as u32);
    match opts.open(&path) {
        Ok(file) => {
            use std::os::fd::AsRawFd;
            let fd = file.as_raw_fd();
            vm.interp.files.lock().insert(fd, file);
            Ok(Value::small_int(fd as i64))
        }
        Err(e) => Err(io_error(vm, &e, Some(&path))),
    }
}

/// `os.close(fd)`.
fn close(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "close")?;
    let fd = fd_arg(vm, v)?;
    let removed = vm.interp.files.lock().remove(&fd);
    match removed {
        Some(file) => {
            drop(file);
            Ok(Value::NONE)
        }
        // The standard streams stay open for the process.
        None if (0..=2).contains(&fd) => Ok(Value::NONE),
        None => Err(errno_error(vm, EBADF, None)),
    }
}

/// `os.read(fd, n)`.
fn read(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "read", 2, 2)?;
    let fd = fd_arg(vm, a[0])?;
    let n = int_arg(vm, a[1])?;
    if n < 0 {
        return Err(errno_error(vm, EINVAL, None));
    }
    let mut buf = vec![0u8; (n as usize).min(1 << 30)];
    let got = if fd == 0 {
        crate::modules::io::flush_std(vm);
        if vm.interp.sandboxed.load(Ordering::Relaxed) {
            0
        } else {
            vm.detached(|| std::io::stdin().read(&mut buf))
                .map_err(|e| io_error(vm, &e, None))?
        }
    } else {
        with_file(vm, fd, |f| f.read(&mut buf))?
    };
    buf.truncate(got);
    Ok(crate::builtins::bytes::new_bytes(vm, buf))
}

/// `os.write(fd, data)`.
fn write(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "write", 2, 2)?;
    let fd = fd_arg(vm, a[0])?;
    let Some(data) = crate::builtins::bytes::bytes_like(vm, a[1])? else {
        let tn = ops::type_name(vm, a[1]);
        return Err(vm.type_error(format!("a bytes-like object is required, not '{tn}'")));
    };
    let n = match fd {
        1 | 2 => {
            crate::modules::io::write_std_bytes(vm, fd as u8, &data)?;
            data.len()
        }
        _ => with_file(vm, fd, |f| f.write(&data))?,
    };
    Ok(vm.new_int(n as i64))
}

/// `os.lseek(fd, pos, how)`.
fn lseek(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "lseek", 3, 3)?;
    let fd = fd_arg(vm, a[0])?;
    let pos = int_arg(vm, a[1])?;
    let how = int_arg(vm, a[2])?;
    let target = match how {
        0 if pos >= 0 => SeekFrom::Start(pos as u64),
        1 => SeekFrom::Current(pos),
        2 => SeekFrom::End(pos),
        _ => return Err(errno_error(vm, EINVAL, None)),
    };
    let at = with_file(vm, fd, |f| f.seek(target))?;
    Ok(vm.new_int(at as i64))
}

/// `os.ftruncate(fd, length)`.
fn ftruncate(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "ftruncate", 2, 2)?;
    let fd = fd_arg(vm, a[0])?;
    let len = int_arg(vm, a[1])?;
    if len < 0 {
        return Err(errno_error(vm, EINVAL, None));
    }
    with_file(vm, fd, |f| f.set_len(len as u64))?;
    Ok(Value::NONE)
}

/// `os.fsync(fd)`.
fn fsync(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "fsync")?;
    let fd = fd_arg(vm, v)?;
    if (0..=2).contains(&fd) {
        crate::modules::io::flush_std(vm);
        return Ok(Value::NONE);
    }
    with_file(vm, fd, |f| f.sync_all())?;
    Ok(Value::NONE)
}

/// `os.isatty(fd)`.
fn isatty(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    use std::io::IsTerminal;
    let v = args.one(vm, "isatty")?;
    let fd = fd_arg(vm, v)?;
    let tty = match fd {
        0 => std::io::stdin().is_terminal(),
        1 => std::io::stdout().is_terminal(),
        2 => std::io::stderr().is_terminal(),
        _ => vm
            .interp
            .files
            .lock()
            .get(&fd)
            .is_some_and(|f| f.is_terminal()),
    };
    Ok(Value::from_bool(tty))
}

/// A `stat_result` from file metadata.
fn stat_result(vm: &mut Vm, m: &std::fs::Metadata) -> Value {
    let ints = [
        m.mode() as i64,
        m.ino() as i64,
        m.dev() as i64,
        m.nlink() as i64,
        m.uid() as i64,
        m.gid() as i64,
        m.size() as i64,
    ];
    let mut values: Vec<Value> = ints.iter().map(|&i| vm.new_int(i)).collect();
    let times = [
        (m.atime(), m.atime_nsec()),
        (m.mtime(), m.mtime_nsec()),
        (m.ctime(), m.ctime_nsec()),
    ];
    for (secs, _) in times {
        values.push(vm.new_int(secs));
    }
    let fields = [
        "st_mode", "st_ino", "st_dev", "st_nlink", "st_uid", "st_gid", "st_size", "st_atime",
        "st_mtime", "st_ctime",
    ];
    let r = super::structseq::struct_seq(vm, "os.stat_result", &fields, values);
    if let Some(d) = ops::attr::instance_dict(vm, r) {
        for ((secs, nsec), name) in times.into_iter().zip(["st_atime", "st_mtime", "st_ctime"]) {
            let f = Value::from_f64(secs as f64 + nsec as f64 * 1e-9);
            ops::dictops::set_item_str(vm, d, name, f);
            let ns = vm.new_bigint(num_bigint::BigInt::from(
                secs as i128 * 1_000_000_000 + nsec as i128,
            ));
            ops::dictops::set_item_str(vm, d, &format!("{name}_ns"), ns);
        }
        let extra = [
            ("st_blksize", m.blksize() as i64),
            ("st_blocks", m.blocks() as i64),
            ("st_rdev", m.rdev() as i64),
        ];
        for (name, v) in extra {
            let v = vm.new_int(v);
            ops::dictops::set_item_str(vm, d, name, v);
        }
    }
    r
}

fn stat_impl(vm: &mut Vm, args: &Args, name: &str, follow: bool) -> PyResult<Value> {
    let a = args.range(vm, name, 1, 1)?;
    if ops::int_of(a[0]).is_some() && !a[0].is_bool() {
        let fd = fd_arg(vm, a[0])?;
        let m = with_file(vm, fd, |f| f.metadata())?;
        return Ok(stat_result(vm, &m));
    }
    let path = path_arg(vm, a[0])?;
    let m = if follow {
        std::fs::metadata(&path)
    } else {
        std::fs::symlink_metadata(&path)
    };
    match m {
        Ok(m) => Ok(stat_result(vm, &m)),
        Err(e) => Err(io_error(vm, &e, Some(&path))),
    }
}

/// `os.stat(path_or_fd)`.
fn stat(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    stat_impl(vm, args, "stat", true)
}

/// `os.lstat(path)`.
fn lstat(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    stat_impl(vm, args, "lstat", false)
}

/// `os.fstat(fd)`.
fn fstat(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "fstat")?;
    let fd = fd_arg(vm, v)?;
    if (0..=2).contains(&fd) && !vm.interp.files.lock().contains_key(&fd) {
        // The standard streams: report a character device.
        let values: Vec<Value> = [0o20620i64, 0, 0, 1, 0, 0, 0, 0, 0, 0]
            .iter()
            .map(|&i| Value::small_int(i))
            .collect();
        let fields = [
            "st_mode", "st_ino", "st_dev", "st_nlink", "st_uid", "st_gid", "st_size", "st_atime",
            "st_mtime", "st_ctime",
        ];
        return Ok(super::structseq::struct_seq(
            vm,
            "os.stat_result",
            &fields,
            values,
        ));
    }
    let m = with_file(vm, fd, |f| f.metadata())?;
    Ok(stat_result(vm, &m))
}

fn getcwd(vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    match std::env::current_dir() {
        Ok(p) => Ok(vm.new_string(p.to_string_lossy().into_owned())),
        Err(e) => Err(io_error(vm, &e, None)),
    }
}

fn chdir(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "chdir")?;
    let p = path_arg(vm, v)?;
    std::env::set_current_dir(&p).map_err(|e| io_error(vm, &e, Some(&p)))?;
    Ok(Value::NONE)
}

fn listdir(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "listdir", 0, 1)?;
    let p = match a.first().filter(|v| !v.is_none()) {
        Some(&v) => path_arg(vm, v)?,
        None => ".".into(),
    };
    let rd = std::fs::read_dir(&p).map_err(|e| io_error(vm, &e, Some(&p)))?;
    let mut names = Vec::new();
    for entry in rd {
        let entry = entry.map_err(|e| io_error(vm, &e, Some(&p)))?;
        names.push(entry.file_name().to_string_lossy().into_owned());
    }
    let vals: Vec<Value> = names.into_iter().map(|n| vm.new_string(n)).collect();
    Ok(vm.new_list(vals))
}

/// One path argument, a file-system change, and the `std` call doing it.
fn path_op(
    vm: &mut Vm,
    args: &Args,
    name: &str,
    op: fn(&str) -> std::io::Result<()>,
) -> PyResult<Value> {
    let v = args.one(vm, name)?;
    let p = path_arg(vm, v)?;
    sandbox_check(vm)?;
    op(&p).map_err(|e| io_error(vm, &e, Some(&p)))?;
    Ok(Value::NONE)
}

fn unlink(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    path_op(vm, args, "unlink", |p| std::fs::remove_file(p))
}

fn rmdir(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    path_op(vm, args, "rmdir", |p| std::fs::remove_dir(p))
}

/// `os.mkdir(path, mode)`.
fn mkdir(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    use std::os::unix::fs::DirBuilderExt;
    let a = args.range(vm, "mkdir", 1, 2)?;
    let p = path_arg(vm, a[0])?;
    let mode = match a.get(1) {
        Some(&m) => int_arg(vm, m)?,
        None => 0o777,
    };
    sandbox_check(vm)?;
    std::fs::DirBuilder::new()
        .mode((mode & 0o7777) as u32)
        .create(&p)
        .map_err(|e| io_error(vm, &e, Some(&p)))?;
    Ok(Value::NONE)
}

/// `os.rename(src, dst)` (and `os.replace`, the same call on POSIX).
fn rename(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "rename", 2, 2)?;
    let (x, y) = (path_arg(vm, a[0])?, path_arg(vm, a[1])?);
    sandbox_check(vm)?;
    if let Err(e) = std::fs::rename(&x, &y) {
        let err = io_error(vm, &e, Some(&x));
        // OSError's filename2 is the destination.
        let dst = vm.new_str(&y);
        let name = vm.intern("filename2");
        let _ = ops::attr::setattr(vm, err.value(), name, dst);
        return Err(err);
    }
    Ok(Value::NONE)
}

/// `os.chmod(path, mode)`.
fn chmod(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "chmod", 2, 2)?;
    let p = path_arg(vm, a[0])?;
    let mode = int_arg(vm, a[1])?;
    sandbox_check(vm)?;
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode((mode & 0o7777) as u32))
        .map_err(|e| io_error(vm, &e, Some(&p)))?;
    Ok(Value::NONE)
}

/// `os.readlink(path)`.
fn readlink(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "readlink")?;
    let p = path_arg(vm, v)?;
    match std::fs::read_link(&p) {
        Ok(t) => Ok(vm.new_string(t.to_string_lossy().into_owned())),
        Err(e) => Err(io_error(vm, &e, Some(&p))),
    }
}

/// `os.symlink(src, dst)`.
fn symlink(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "symlink", 2, 2)?;
    let (x, y) = (path_arg(vm, a[0])?, path_arg(vm, a[1])?);
    sandbox_check(vm)?;
    std::os::unix::fs::symlink(&x, &y).map_err(|e| io_error(vm, &e, Some(&x)))?;
    Ok(Value::NONE)
}

/// `os.access(path, mode)`: existence and permission bits of the owner (an
/// approximation of access(2) that ignores the caller's uid).
fn access(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "access", 2, 2)?;
    let p = path_arg(vm, a[0])?;
    let mode = int_arg(vm, a[1])?;
    let Ok(m) = std::fs::metadata(&p) else {
        return Ok(Value::FALSE);
    };
    let bits = (m.mode() >> 6) & 7;
    let ok = (mode & 4 == 0 || bits & 4 != 0)
        && (mode & 2 == 0 || bits & 2 != 0)
        && (mode & 1 == 0 || bits & 1 != 0);
    Ok(Value::from_bool(ok))
}

fn getpid(vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    Ok(vm.new_int(std::process::id() as i64))
}

fn getppid(vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    Ok(vm.new_int(std::os::unix::process::parent_id() as i64))
}

fn cpu_count(vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    Ok(match std::thread::available_parallelism() {
        Ok(n) => vm.new_int(n.get() as i64),
        Err(_) => Value::NONE,
    })
}

/// `os.urandom(n)`, read from the kernel's generator.
fn urandom(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "urandom")?;
    let n = int_arg(vm, v)?;
    if n < 0 {
        return Err(vm.value_error("negative argument not allowed"));
    }
    // Refuse absurd sizes up front rather than abort on a failed allocation.
    if n > 1 << 32 {
        return Err(vm.memory_error(""));
    }
    let mut buf = vec![0u8; n as usize];
    let r = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut buf));
    r.map_err(|e| io_error(vm, &e, None))?;
    Ok(crate::builtins::bytes::new_bytes(vm, buf))
}

fn strerror(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "strerror")?;
    let n = int_arg(vm, v)?;
    let text = match i32::try_from(n) {
        Ok(n) => strerror_text(n),
        Err(_) => format!("Unknown error {n}"),
    };
    Ok(vm.new_string(text))
}

/// `os.get_terminal_size(fd)`: the `COLUMNS`/`LINES` variables, else 80×24.
fn get_terminal_size(vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    let get = |k: &str, d: i64| {
        std::env::var(k)
            .ok()
            .and_then(|v| v.parse::<i64>().ok())
            .filter(|&n| n > 0)
            .unwrap_or(d)
    };
    let values = vec![
        Value::small_int(get("COLUMNS", 80)),
        Value::small_int(get("LINES", 24)),
    ];
    Ok(super::structseq::struct_seq(
        vm,
        "os.terminal_size",
        &["columns", "lines"],
        values,
    ))
}

/// Builds `posix`.
pub fn create(vm: &mut Vm) -> PyResult<Gc<ModuleBody>> {
    let m = super::new_module_with(
        vm,
        "posix",
        &[
            ("open", open),
            ("close", close),
            ("read", read),
            ("write", write),
            ("lseek", lseek),
            ("ftruncate", ftruncate),
            ("fsync", fsync),
            ("isatty", isatty),
            ("stat", stat),
            ("lstat", lstat),
            ("fstat", fstat),
            ("getcwd", getcwd),
            ("chdir", chdir),
            ("listdir", listdir),
            ("unlink", unlink),
            ("remove", unlink),
            ("rmdir", rmdir),
            ("mkdir", mkdir),
            ("rename", rename),
            ("replace", rename),
            ("chmod", chmod),
            ("readlink", readlink),
            ("symlink", symlink),
            ("access", access),
            ("getpid", getpid),
            ("getppid", getppid),
            ("cpu_count", cpu_count),
            ("urandom", urandom),
            ("strerror", strerror),
            ("get_terminal_size", get_terminal_size),
        ],
    );
    let consts: &[(&str, i64)] = &[
        ("O_RDONLY", flags::O_RDONLY),
        ("O_WRONLY", flags::O_WRONLY),
        ("O_RDWR", flags::O_RDWR),
        ("O_ACCMODE", flags::O_ACCMODE),
        ("O_CREAT", flags::O_CREAT),
        ("O_EXCL", flags::O_EXCL),
        ("O_NOCTTY", flags::O_NOCTTY),
        ("O_TRUNC", flags::O_TRUNC),
        ("O_APPEND", flags::O_APPEND),
        ("O_NONBLOCK", flags::O_NONBLOCK),
        ("O_DIRECTORY", flags::O_DIRECTORY),
        ("O_NOFOLLOW", flags::O_NOFOLLOW),
        ("O_CLOEXEC", flags::O_CLOEXEC),
        ("SEEK_SET", 0),
        ("SEEK_CUR", 1),
        ("SEEK_END", 2),
        ("F_OK", 0),
        ("R_OK", 4),
        ("W_OK", 2),
        ("X_OK", 1),
    ];
    for &(name, v) in consts {
        super::set(vm, m, name, Value::small_int(v));
    }
    let environ = vm.new_dict_body();
    for (k, v) in std::env::vars() {
        let (k, v) = (vm.new_string(k), vm.new_string(v));
        ops::dictops::set(vm, environ, k, v)?;
    }
    super::set(vm, m, "environ", environ.value());
    Ok(m)
}
