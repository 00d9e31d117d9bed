//! Finding the benchmark programs (`benchmarks/programs/<name>.py`, see the README there)
//! and the size argument every one of them takes.

use std::fmt;
use std::path::{Path, PathBuf};

/// The workload size passed as the program's `sys.argv[1]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    /// Well under 0.2 s on CPython: what CI and the smoke tests run.
    Tiny,
    Small,
    /// About 1–3 s on CPython: what results are measured at.
    Default,
    /// An explicit workload parameter (steps, depth, `n`...), program-specific.
    Parameter(u64),
}

impl Size {
    /// Parses `tiny`, `small`, `default` or a positive integer.
    pub fn parse(text: &str) -> Option<Size> {
        match text {
            "tiny" => Some(Size::Tiny),
            "small" => Some(Size::Small),
            "default" => Some(Size::Default),
            _ => text.parse().ok().filter(|&n| n > 0).map(Size::Parameter),
        }
    }
}

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Size::Tiny => f.write_str("tiny"),
            Size::Small => f.write_str("small"),
            Size::Default => f.write_str("default"),
            Size::Parameter(n) => write!(f, "{n}"),
        }
    }
}

/// One benchmark program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Program {
    /// The file stem, which is what users name on the command line.
    pub name: String,
    pub path: PathBuf,
}

/// The `benchmarks/programs` directory: the first one found walking up from the current
/// directory (so `taipan bench` works anywhere inside a checkout, including a different
/// checkout than the one the binary was built from), else the one this crate was built
/// from.
pub fn programs_dir() -> PathBuf {
    let found = std::env::current_dir().ok().and_then(|cwd| {
        cwd.ancestors()
            .map(|dir| dir.join("benchmarks").join("programs"))
            .find(|dir| dir.join("README.md").is_file())
    });
    found.unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("programs"))
}

/// Every `<name>.py` directly in `dir`, sorted by name.
pub fn discover(dir: &Path) -> std::io::Result<Vec<Program>> {
    let mut programs = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_none_or(|e| e != "py") || !path.is_file() {
            continue;
        }
        if let Some(name) = path.file_stem().and_then(|s| s.to_str()) {
            programs.push(Program {
                name: name.to_owned(),
                path: path.clone(),
            });
        }
    }
    programs.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(programs)
}

/// The programs named in `names` (all of them when `names` is empty), in the order given;
/// an unknown name is an error listing the known ones.
pub fn select(all: &[Program], names: &[String]) -> Result<Vec<Program>, String> {
    if names.is_empty() {
        return Ok(all.to_vec());
    }
    let mut chosen: Vec<Program> = Vec::new();
    for name in names {
        let name = name.strip_suffix(".py").unwrap_or(name);
        let Some(program) = all.iter().find(|p| p.name == name) else {
            let known: Vec<&str> = all.iter().map(|p| p.name.as_str()).collect();
            return Err(format!(
                "unknown benchmark '{name}' (available: {})",
                known.join(", ")
            ));
        };
        if !chosen.contains(program) {
            chosen.push(program.clone());
        }
    }
    Ok(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(Size::parse("tiny"), Some(Size::Tiny));
        assert_eq!(Size::parse("500"), Some(Size::Parameter(500)));
        assert_eq!(Size::parse("0"), None);
        assert_eq!(Size::parse("-3"), None);
        assert_eq!(Size::parse("huge"), None);
        assert_eq!(Size::Parameter(12).to_string(), "12");
    }

    #[test]
    fn discovers_and_selects_the_real_programs() {
        let all = discover(&Path::new(env!("CARGO_MANIFEST_DIR")).join("programs"))
            .expect("benchmarks/programs is readable");
        assert!(all.len() >= 20, "{} programs", all.len());
        assert!(all.windows(2).all(|w| w[0].name < w[1].name));
        let names = [
            "startup.py".to_owned(),
            "nbody".to_owned(),
            "startup".to_owned(),
        ];
        let chosen = select(&all, &names).expect("known names");
        let chosen: Vec<&str> = chosen.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(chosen, ["startup", "nbody"]);
        let error = select(&all, &["nope".to_owned()]).expect_err("unknown name");
        assert!(
            error.starts_with("unknown benchmark 'nope' (available: attributes, "),
            "{error}"
        );
    }
}
