//! Checksums: every benchmark program prints `checksum: <value>` as its last line, so a
//! mode that computes something wrong is caught rather than timed. `python3`'s checksum is
//! the reference every other mode must match.

use std::fmt;

/// The value of the program's `checksum:` line, which must be the last non-empty line of
/// its output, with surrounding whitespace removed.
pub fn extract(stdout: &str) -> Option<&str> {
    let last = stdout.lines().rev().find(|line| !line.trim().is_empty())?;
    Some(last.trim().strip_prefix("checksum:")?.trim())
}

/// How one mode's checksums compare with the reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Every run printed the reference checksum (or there is no reference and every run
    /// printed the same one).
    Agrees,
    /// A run printed no `checksum:` line.
    Missing,
    /// The runs printed different checksums from each other.
    Unstable { values: Vec<String> },
    /// The runs agree with each other but not with the reference.
    Disagrees { got: String, expected: String },
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Verdict::Agrees => write!(f, "agrees"),
            Verdict::Missing => write!(f, "no checksum line"),
            Verdict::Unstable { values } => {
                write!(f, "checksum differs between runs: {}", values.join(", "))
            }
            Verdict::Disagrees { got, expected } => {
                write!(f, "checksum {got} disagrees with python3's {expected}")
            }
        }
    }
}

/// Compares the checksums of one mode's runs (`None` for a run that printed none) with
/// the reference.
pub fn compare(runs: &[Option<&str>], reference: Option<&str>) -> Verdict {
    let mut values: Vec<String> = Vec::new();
    for run in runs {
        let Some(value) = run else {
            return Verdict::Missing;
        };
        if !values.iter().any(|v| v == value) {
            values.push((*value).to_owned());
        }
    }
    match (values.as_slice(), reference) {
        ([], _) => Verdict::Missing,
        ([_, _, ..], _) => Verdict::Unstable { values },
        ([value], Some(expected)) if value != expected => Verdict::Disagrees {
            got: value.clone(),
            expected: expected.to_owned(),
        },
        ([_], _) => Verdict::Agrees,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracts_the_last_line_only() {
        assert_eq!(extract("energy: 1.5\nchecksum: 42\n"), Some("42"));
        assert_eq!(extract("checksum: -0.25  \n\n"), Some("-0.25"));
        assert_eq!(extract("checksum: 1\nmore output\n"), None);
        assert_eq!(extract(""), None);
        assert_eq!(extract("Checksum: 1\n"), None);
    }

    #[test]
    fn compares_with_the_reference() {
        assert_eq!(compare(&[Some("7"), Some("7")], Some("7")), Verdict::Agrees);
        assert_eq!(compare(&[Some("7")], None), Verdict::Agrees);
        assert_eq!(compare(&[Some("7"), None], Some("7")), Verdict::Missing);
        assert_eq!(compare(&[], Some("7")), Verdict::Missing);
        assert_eq!(
            compare(&[Some("8")], Some("7")),
            Verdict::Disagrees {
                got: "8".into(),
                expected: "7".into()
            }
        );
        assert_eq!(
            compare(&[Some("7"), Some("8"), Some("7")], Some("7")),
            Verdict::Unstable {
                values: vec!["7".into(), "8".into()]
            }
        );
        assert_eq!(
            Verdict::Disagrees {
                got: "8".into(),
                expected: "7".into()
            }
            .to_string(),
            "checksum 8 disagrees with python3's 7"
        );
    }
}
