//! `salvage verify`: checks that a bundle zip or an unzipped bag folder is a complete,
//! intact BagIt bag (RFC 8493): `bagit.txt` is right, every payload file is listed in every
//! manifest and every listed file exists, every SHA-256/SHA-512 checksum matches (payload
//! and tag manifests), and `Payload-Oxum` adds up. Manifests in other algorithms (MD5,
//! SHA-1) are checked for completeness only, and say so.
//!
//! It reads; it never repairs or extracts anything to disk. A problem is a sentence in the
//! [`Verdict`]; only the caller decides what a problem means for the exit status.

mod checks;
mod files;
mod manifest;

use std::path::Path;

use serde::Serialize;

/// What checking one path found.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Verdict {
    /// The path as given.
    pub path: String,
    /// Payload files (under `data/`) found.
    pub payload_files: u64,
    /// Payload bytes read.
    pub payload_bytes: u64,
    /// What is wrong; empty when the bag is valid.
    pub problems: Vec<String>,
    /// What could not be checked, though it is not wrong.
    pub notes: Vec<String>,
}

impl Verdict {
    pub fn is_valid(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Checks the bag at `path`: a `.zip` file (or any file, read as a zip) or a folder.
pub fn verify(path: &Path) -> Verdict {
    let mut verdict = Verdict {
        path: path.display().to_string(),
        ..Verdict::default()
    };
    let opened = if path.is_dir() {
        files::DirBag::open(path).map(|bag| Box::new(bag) as Box<dyn files::BagFiles>)
    } else {
        files::ZipBag::open(path).map(|bag| Box::new(bag) as Box<dyn files::BagFiles>)
    };
    match opened {
        Ok(mut bag) => {
            verdict
                .problems
                .extend(bag.layout_problems().iter().cloned());
            checks::check(bag.as_mut(), &mut verdict);
        }
        Err(problem) => verdict.problems.push(problem),
    }
    verdict
}
