//! `duplicates.jsonl`: the copies that gave no record because their bytes were already
//! seen. One line per kept record that has copies, in the order the first copy was met:
//! `{"id": <the kept record's id>, "source_paths": [<where each further copy was>]}`.
//! Written (possibly empty) on every run, so its absence never means "no duplicates".
//! Memory grows with the number of copies, not of records.

use std::collections::HashMap;
use std::path::Path;

use anyhow::Result;
use serde::Serialize;

use super::atomic::AtomicFile;
use super::jsonl::write_json_line;

pub const FILE_NAME: &str = "duplicates.jsonl";

#[derive(Serialize)]
struct Line<'a> {
    id: &'a str,
    source_paths: &'a [String],
}

/// Collects the copies of a run and writes `duplicates.jsonl` at the end.
pub struct DuplicatesFile {
    file: AtomicFile,
    order: Vec<(String, Vec<String>)>,
    index: HashMap<String, usize>,
}

impl DuplicatesFile {
    /// Starts the file `name` (normally [`FILE_NAME`]) in `dir`.
    pub fn create(dir: &Path, name: &str) -> Result<Self> {
        Ok(DuplicatesFile {
            file: AtomicFile::create(dir, name)?,
            order: Vec::new(),
            index: HashMap::new(),
        })
    }

    /// Notes that `source_path` held the same bytes as the record `id`.
    pub fn copy(&mut self, id: &str, source_path: &str) {
        let at = *self.index.entry(id.to_string()).or_insert_with(|| {
            self.order.push((id.to_string(), Vec::new()));
            self.order.len() - 1
        });
        self.order[at].1.push(source_path.to_string());
    }

    /// Writes the file and renames it into place; returns its name.
    pub fn finish(mut self) -> Result<String> {
        for (id, source_paths) in &self.order {
            write_json_line(&mut self.file, &Line { id, source_paths })?;
        }
        let name = self.file.name();
        self.file.commit()?;
        Ok(name)
    }
}
