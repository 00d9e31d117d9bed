//! Placeholder: filled in by the numeric work.
