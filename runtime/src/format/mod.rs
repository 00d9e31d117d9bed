//! Placeholder: filled in by the format work.
