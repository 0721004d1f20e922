//! `records.parquet` (with `--format parquet`): the records as typed columns, zstd
//! compressed. Integers are INT64, `encoding_confidence` a DOUBLE, dates (`published`,
//! `header_date`, `dateline_date`) are DATE, lists are LIST of UTF8 strings, and a null is
//! a null (Parquet, like JSONL, keeps null and empty apart). Column names and order are
//! the schema's.
//!
//! Records are buffered a row group at a time (at most [`ROW_GROUP_ROWS`] records or
//! about [`ROW_GROUP_BYTES`] of text), so memory does not grow with the corpus. A date
//! that is not `YYYY-MM-DD` (none today; a time would be RFC 3339) keeps its date part.

use std::path::Path;

use anyhow::{Context, Result, anyhow};
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;

use super::Sink;
use super::atomic::AtomicFile;
use super::parquet_columns::{message_type, write_row_group};
use super::report::RunInfo;
use crate::RunFailure;
use crate::record::Article;
use crate::reject::Reject;

pub const FILE_NAME: &str = "records.parquet";

/// Records per row group, at most.
pub const ROW_GROUP_ROWS: usize = 8192;
/// Text bytes per row group, about: a group is written once it holds this much.
pub const ROW_GROUP_BYTES: usize = 64 * 1024 * 1024;

/// Writes `records.parquet`.
pub struct ParquetSink {
    writer: SerializedFileWriter<AtomicFile>,
    rows: Vec<Article>,
    buffered_bytes: usize,
}

fn failure() -> RunFailure {
    RunFailure::Io(format!("cannot write {FILE_NAME}"))
}

impl ParquetSink {
    /// Starts the file `name` (normally [`FILE_NAME`]) in `dir`.
    pub fn create(dir: &Path, name: &str) -> Result<Self> {
        let file = AtomicFile::create(dir, name)?;
        let schema: Type = parquet::schema::parser::parse_message_type(&message_type())
            .map_err(|err| anyhow!("the Parquet schema does not parse: {err}"))?;
        let level = ZstdLevel::try_new(3).map_err(|err| anyhow!("zstd level: {err}"))?;
        let properties = WriterProperties::builder()
            .set_compression(Compression::ZSTD(level))
            .set_created_by(format!("salvage {}", env!("CARGO_PKG_VERSION")))
            .build();
        let writer = SerializedFileWriter::new(file, schema.into(), properties.into())
            .with_context(failure)?;
        Ok(ParquetSink {
            writer,
            rows: Vec::new(),
            buffered_bytes: 0,
        })
    }

    fn flush_row_group(&mut self) -> Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        write_row_group(&mut self.writer, &self.rows).with_context(failure)?;
        self.rows.clear();
        self.buffered_bytes = 0;
        Ok(())
    }
}

impl Sink for ParquetSink {
    fn article(&mut self, article: &Article, _original: Option<&[u8]>) -> Result<()> {
        self.buffered_bytes += article.body.len()
            + article.title.len()
            + article.lead.as_ref().map_or(0, String::len)
            + article.source_path.len();
        self.rows.push(article.clone());
        if self.rows.len() >= ROW_GROUP_ROWS || self.buffered_bytes >= ROW_GROUP_BYTES {
            self.flush_row_group()?;
        }
        Ok(())
    }

    fn reject(&mut self, _reject: &Reject) -> Result<()> {
        Ok(())
    }

    fn finish(mut self: Box<Self>, _run: &RunInfo) -> Result<Vec<String>> {
        self.flush_row_group()?;
        let file = self.writer.into_inner().with_context(failure)?;
        let name = file.name();
        file.commit()?;
        Ok(vec![name])
    }
}
