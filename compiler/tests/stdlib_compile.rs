//! Conformance: our frontend must accept exactly the files CPython accepts, over every
//! `.py` file in the local CPython's stdlib directory (site-packages included, ~11,000
//! files).
//!
//! CPython's verdicts come from `support/compile_verdicts.py` (one run, in the background,
//! while we parse), and are cached in `CARGO_TARGET_TMPDIR` keyed by the files' sizes and
//! modification times. Each file's raw bytes go through `compiler::parse::check_source`,
//! the single entry point that later grows into the full compile pipeline, under
//! `catch_unwind` so a panic is reported with its file name.
//!
//! The local `python3` is 3.11 while we implement 3.14, so files whose verdict changed
//! between the two are listed in [`KNOWN_DIFFERENCES`] with the reason.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Instant, UNIX_EPOCH};

/// Files (relative to the stdlib directory) where CPython 3.14 and the local python3 (3.11)
/// disagree, with the reason. `true` means 3.14 accepts the file.
const KNOWN_DIFFERENCES: &[(&str, bool, &str)] = &[];

fn python3() -> String {
    std::env::var("TAIPAN_PYTHON3").unwrap_or_else(|_| "python3".to_string())
}

fn support_script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/support")
        .join(name)
}

fn stdlib_dir() -> Option<PathBuf> {
    let output = Command::new(python3())
        .args([
            "-c",
            "import sysconfig, sys; print(sysconfig.get_paths()['stdlib']); print(sys.version.split()[0])",
        ])
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8(output.stdout).ok()?;
    Some(PathBuf::from(text.lines().next()?.trim()))
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let Ok(file_type) = entry.file_type() else {
            continue;
        };
        if file_type.is_dir() {
            if entry.file_name() != "__pycache__" {
                collect_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "py") && file_type.is_file() {
            out.push(path);
        }
    }
}

/// A key that changes whenever any file is added, removed or modified.
fn cache_key(root: &Path, files: &[PathBuf]) -> String {
    let mut total = 0u64;
    let mut newest = 0u64;
    for file in files {
        if let Ok(meta) = std::fs::metadata(file) {
            total += meta.len();
            let modified = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_secs());
            newest = newest.max(modified);
        }
    }
    let script = std::fs::read(support_script("compile_verdicts.py")).unwrap_or_default();
    format!(
        "{} {} files={} bytes={total} newest={newest} script={}",
        python3(),
        root.display(),
        files.len(),
        script.len()
    )
}

/// CPython's rejections: relative path → message.
fn python_verdicts(
    root: &Path,
    files: &[PathBuf],
) -> std::thread::JoinHandle<BTreeMap<String, String>> {
    let key = cache_key(root, files);
    let cache = Path::new(env!("CARGO_TARGET_TMPDIR")).join("stdlib_verdicts.txt");
    let root = root.to_path_buf();
    std::thread::spawn(move || {
        if let Ok(cached) = std::fs::read_to_string(&cache)
            && let Some((first, rest)) = cached.split_once('\n')
            && first == key
        {
            return parse_verdicts(rest);
        }
        let output = Command::new(python3())
            .arg(support_script("compile_verdicts.py"))
            .arg(&root)
            .stderr(Stdio::inherit())
            .output()
            .expect("running compile_verdicts.py");
        assert!(output.status.success(), "compile_verdicts.py failed");
        let text = String::from_utf8_lossy(&output.stdout).into_owned();
        let _ = std::fs::write(&cache, format!("{key}\n{text}"));
        parse_verdicts(&text)
    })
}

fn parse_verdicts(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .filter_map(|line| {
            let mut parts = line.splitn(3, '\t');
            if parts.next() != Some("REJECT") {
                return None;
            }
            Some((parts.next()?.to_string(), parts.next()?.to_string()))
        })
        .collect()
}

enum Outcome {
    Accepted,
    Rejected(String),
    Panicked(String),
}

fn check_file(path: &Path) -> Outcome {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => return Outcome::Panicked(format!("unreadable: {e}")),
    };
    let filename = path.display().to_string();
    match std::panic::catch_unwind(|| compiler::parse::check_source(&bytes, &filename)) {
        Ok(Ok(())) => Outcome::Accepted,
        Ok(Err(diagnostic)) => Outcome::Rejected(format!(
            "{}: {} (line {})",
            diagnostic.kind.class_name(),
            diagnostic.message,
            diagnostic.lineno
        )),
        Err(payload) => Outcome::Panicked(
            payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default(),
        ),
    }
}

#[test]
fn stdlib_files_match_cpython_verdicts() {
    let Some(root) = stdlib_dir() else {
        println!("note: python3 not found; skipping the stdlib conformance test");
        return;
    };
    let started = Instant::now();
    let mut files = Vec::new();
    collect_files(&root, &mut files);
    let verdicts = python_verdicts(&root, &files);

    // Parse on every core while CPython works out its verdicts.
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let chunk = files.len().div_ceil(workers).max(1);
    let outcomes: Vec<(String, Outcome)> = std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|chunk| {
                let root = &root;
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|path| {
                            let relative = path
                                .strip_prefix(root)
                                .unwrap_or(path)
                                .display()
                                .to_string();
                            (relative, check_file(path))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("worker thread"))
            .collect()
    });
    let parse_time = started.elapsed();
    let rejected_by_python = verdicts.join().expect("verdict thread");

    let known: BTreeMap<&str, (bool, &str)> = KNOWN_DIFFERENCES
        .iter()
        .map(|&(path, accepts, reason)| (path, (accepts, reason)))
        .collect();
    let mut panics = Vec::new();
    let mut wrongly_rejected = Vec::new();
    let mut wrongly_accepted = Vec::new();
    let mut agree = 0usize;
    let mut message_differences = Vec::new();
    let mut known_seen = BTreeSet::new();
    for (relative, outcome) in &outcomes {
        let python_rejects = rejected_by_python.get(relative);
        // What CPython 3.14 does: the local verdict, unless the file is a known difference.
        let expect_accept = match known.get(relative.as_str()) {
            Some(&(accepts, _)) => {
                known_seen.insert(relative.as_str());
                accepts
            }
            None => python_rejects.is_none(),
        };
        match outcome {
            Outcome::Panicked(message) => panics.push(format!("{relative}: panic: {message}")),
            Outcome::Accepted if expect_accept => agree += 1,
            Outcome::Rejected(ours) if !expect_accept => {
                agree += 1;
                // Same verdict; note when the message differs (informational only).
                if let Some(theirs) = python_rejects {
                    let ours_message = ours.rsplit_once(" (line").map_or(ours.as_str(), |p| p.0);
                    if ours_message != theirs {
                        message_differences.push(format!(
                            "{relative}: ours: {ours_message} | python3: {theirs}"
                        ));
                    }
                }
            }
            Outcome::Accepted => wrongly_accepted.push(format!(
                "{relative}: CPython: {}",
                python_rejects.map_or("(known difference)", String::as_str)
            )),
            Outcome::Rejected(ours) => wrongly_rejected.push(format!("{relative}: ours: {ours}")),
        }
    }
    println!(
        "stdlib conformance: {} files under {}, {} rejected by python3, {agree} agree, \
         {} known 3.11/3.14 differences; parsed in {:.1?}, total {:.1?}",
        outcomes.len(),
        root.display(),
        rejected_by_python.len(),
        known_seen.len(),
        parse_time,
        started.elapsed()
    );
    for line in &message_differences {
        println!("  message differs (not a failure): {line}");
    }
    for line in panics
        .iter()
        .chain(&wrongly_rejected)
        .chain(&wrongly_accepted)
    {
        println!("  {line}");
    }
    assert!(panics.is_empty(), "{} files panicked", panics.len());
    assert!(
        wrongly_rejected.is_empty() && wrongly_accepted.is_empty(),
        "{} files python accepts were rejected, {} files python rejects were accepted",
        wrongly_rejected.len(),
        wrongly_accepted.len()
    );
}
