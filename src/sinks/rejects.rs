//! `rejects.jsonl`: one line per document that gave no record, with `source_path`,
//! `stage`, `reason` (a stable snake_case code) and `message` (a sentence for people).
//! Written (possibly empty) on every run, so its absence never means "no rejects".

use std::path::Path;

use anyhow::Result;

use super::Sink;
use super::atomic::AtomicFile;
use super::jsonl::write_json_line;
use super::report::RunInfo;
use crate::record::Article;
use crate::reject::Reject;

pub const FILE_NAME: &str = "rejects.jsonl";

/// Writes `rejects.jsonl`.
pub struct RejectsSink {
    file: AtomicFile,
}

impl RejectsSink {
    /// Starts the file `name` (normally [`FILE_NAME`]) in `dir`.
    pub fn create(dir: &Path, name: &str) -> Result<Self> {
        Ok(RejectsSink {
            file: AtomicFile::create(dir, name)?,
        })
    }
}

impl Sink for RejectsSink {
    fn article(&mut self, _article: &Article, _original: Option<&[u8]>) -> Result<()> {
        Ok(())
    }

    fn reject(&mut self, reject: &Reject) -> Result<()> {
        write_json_line(&mut self.file, reject)
    }

    fn finish(self: Box<Self>, _run: &RunInfo) -> Result<Vec<String>> {
        let name = self.file.name();
        self.file.commit()?;
        Ok(vec![name])
    }
}
