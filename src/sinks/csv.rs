//! `records.csv`: the dialect every warehouse loads without options (PostgreSQL `COPY …
//! CSV HEADER`, DuckDB, ClickHouse, BigQuery, Snowflake): UTF-8 without BOM, a header row,
//! CRLF record ends, every non-null string quoted with inner quotes doubled, a null as an
//! unquoted empty field, numbers bare, a list as its JSON array text (quoted).
//!
//! The `csv` crate's quoting is one setting for the whole writer and cannot tell null from
//! empty, so the fields are written here by a field-level rule. Caveat: DuckDB reads a
//! quoted empty string as NULL unless told `allow_quoted_nulls=false`; JSONL and Parquet
//! carry exact nulls for everyone.
//!
//! Two options change the bytes, both off by default: `--csv-bom` starts the file with a
//! byte-order mark for spreadsheets, and `--csv-formula-guard` prefixes text cells that a
//! spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) with `'`.

use std::path::Path;

use anyhow::Result;

use super::atomic::AtomicFile;
use super::report::RunInfo;
use super::{Rendered, Sink};
use crate::config::CsvOptions;
use crate::record::{Article, FIELDS};
use crate::reject::Reject;

pub const FILE_NAME: &str = "records.csv";

/// One field's value, as CSV needs to know it.
#[derive(Debug, PartialEq)]
pub enum Cell<'a> {
    Null,
    Text(&'a str),
    Owned(String),
    Number(String),
}

/// The record's fields in schema order.
pub fn cells(article: &Article) -> Vec<Cell<'_>> {
    vec![
        Cell::Number(article.schema_version.to_string()),
        Cell::Text(&article.id),
        Cell::Text(&article.source_path),
        Cell::Text(&article.source_sha256),
        Cell::Text(article.source_format.as_str()),
        text(&article.url),
        Cell::Text(&article.encoding),
        Cell::Number(serde_json::to_string(&article.encoding_confidence).unwrap_or_default()),
        list(&article.repairs),
        text(&article.language),
        Cell::Text(&article.title),
        text(&article.lead),
        Cell::Text(&article.body),
        list(&article.captions),
        text(&article.author),
        text(&article.dateline),
        text(&article.published),
        article
            .published_from
            .map_or(Cell::Null, |s| Cell::Text(s.as_str())),
        text(&article.header_date),
        text(&article.dateline_date),
        Cell::Number(article.word_count.to_string()),
        list(&article.warnings),
        text(&article.captured),
        text(&article.duplicate_of),
    ]
}

fn text(value: &Option<String>) -> Cell<'_> {
    value.as_deref().map_or(Cell::Null, Cell::Text)
}

fn list(items: &[String]) -> Cell<'static> {
    Cell::Owned(serde_json::to_string(items).unwrap_or_else(|_| "[]".into()))
}

/// The byte-order mark `--csv-bom` writes first.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The start of the file: the BOM when asked for, and the header row.
pub fn header(options: CsvOptions) -> Vec<u8> {
    let mut out = Vec::new();
    if options.bom {
        out.extend_from_slice(BOM);
    }
    out.extend_from_slice(FIELDS.join(",").as_bytes());
    out.extend_from_slice(b"\r\n");
    out
}

/// Appends `article`'s row (with its CRLF) to `out`.
pub fn write_article(out: &mut Vec<u8>, article: &Article, options: CsvOptions) {
    write_row(out, &cells(article), options.formula_guard);
}

/// Appends one CSV row (with its CRLF) to `out`; `guard` defuses spreadsheet formulas.
pub fn write_row(out: &mut Vec<u8>, cells: &[Cell<'_>], guard: bool) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        match cell {
            Cell::Null => {}
            Cell::Number(n) => out.extend_from_slice(n.as_bytes()),
            Cell::Text(s) => quote(out, s, guard),
            Cell::Owned(s) => quote(out, s, guard),
        }
    }
    out.extend_from_slice(b"\r\n");
}

/// Whether a spreadsheet would read a cell starting like `text` as a formula.
fn looks_like_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

fn quote(out: &mut Vec<u8>, text: &str, guard: bool) {
    out.push(b'"');
    if guard && looks_like_formula(text) {
        out.push(b'\'');
    }
    for part in text.split('"').enumerate() {
        if part.0 > 0 {
            out.extend_from_slice(b"\"\"");
        }
        out.extend_from_slice(part.1.as_bytes());
    }
    out.push(b'"');
}

/// Writes `records.csv`.
pub struct CsvSink {
    file: AtomicFile,
    options: CsvOptions,
    row: Vec<u8>,
}

impl CsvSink {
    /// Starts the file `name` (normally [`FILE_NAME`]) in `dir`.
    pub fn create(dir: &Path, name: &str, options: CsvOptions) -> Result<Self> {
        let mut file = AtomicFile::create(dir, name)?;
        file.append(&header(options))?;
        Ok(CsvSink {
            file,
            options,
            row: Vec::new(),
        })
    }
}

impl Sink for CsvSink {
    fn article(&mut self, article: &Article, _original: Option<&[u8]>) -> Result<()> {
        self.row.clear();
        write_article(&mut self.row, article, self.options);
        self.file.append(&self.row)
    }

    fn rendered_article(
        &mut self,
        article: &Article,
        rendered: &Rendered,
        original: Option<&[u8]>,
    ) -> Result<()> {
        match &rendered.csv_row {
            Some(row) => self.file.append(row),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_rule() {
        let mut out = Vec::new();
        write_row(
            &mut out,
            &[
                Cell::Null,
                Cell::Text(""),
                Cell::Text("a \"b\", c\nd"),
                Cell::Number("3".into()),
            ],
            false,
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            ",\"\",\"a \"\"b\"\", c\nd\",3\r\n"
        );
    }

    #[test]
    fn formula_guard_defuses_only_formula_starts() {
        let mut out = Vec::new();
        write_row(
            &mut out,
            &[
                Cell::Text("=SUM(A1)"),
                Cell::Text("-5 độ"),
                Cell::Text("ok"),
                Cell::Number("-3".into()),
            ],
            true,
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\"'=SUM(A1)\",\"'-5 độ\",\"ok\",-3\r\n"
        );
    }
}
