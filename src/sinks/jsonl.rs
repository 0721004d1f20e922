//! `records.jsonl`: one record per line, every key present (explicit `null`), in schema
//! order, UTF-8 without BOM, `\n` line ends. Rejects go elsewhere.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

use super::atomic::AtomicFile;
use super::report::RunInfo;
use super::{Rendered, Sink};
use crate::RunFailure;
use crate::record::Article;
use crate::reject::Reject;

pub const FILE_NAME: &str = "records.jsonl";

/// Writes `records.jsonl`.
pub struct JsonlSink {
    file: AtomicFile,
}

impl JsonlSink {
    /// Starts the file `name` (normally [`FILE_NAME`]) in `dir`.
    pub fn create(dir: &Path, name: &str) -> Result<Self> {
        Ok(JsonlSink {
            file: AtomicFile::create(dir, name)?,
        })
    }
}

impl Sink for JsonlSink {
    fn article(&mut self, article: &Article, _original: Option<&[u8]>) -> Result<()> {
        self.file.append(&super::jsonl_article::json_line(article))
    }

    fn rendered_article(
        &mut self,
        article: &Article,
        rendered: &Rendered,
        original: Option<&[u8]>,
    ) -> Result<()> {
        match &rendered.json_line {
            Some(line) => self.file.append(line),
            None => self.article(article, original),
        }
    }

    fn reject(&mut self, _reject: &Reject) -> Result<()> {
        Ok(())
    }

    fn finish(self: Box<Self>, _run: &RunInfo) -> Result<Vec<String>> {
        let name = self.file.name();
        self.file.commit()?;
        Ok(vec![name])
    }
}

/// Writes `value` as one line of JSON, straight into the file's buffer (no line buffer
/// per record).
pub fn write_json_line<T: serde::Serialize>(file: &mut AtomicFile, value: &T) -> Result<()> {
    serde_json::to_writer(&mut *file, value)
        .map_err(std::io::Error::from)
        .and_then(|()| file.write_all(b"\n"))
        .with_context(|| {
            let path = file.final_path().display();
            RunFailure::Io(format!("cannot write {path}"))
        })
}
