//! Placeholder: filled by the encoding work.
