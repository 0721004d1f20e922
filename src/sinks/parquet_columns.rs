//! The Parquet side of the record: the message type built from the field table
//! ([`crate::schema::RECORD_FIELDS`]) and one row group's columns with their definition
//! and repetition levels. Used by [`super::parquet`]; it opens no file.

use std::io::Write;

use parquet::column::writer::ColumnWriter;
use parquet::data_type::ByteArray;
use parquet::errors::{ParquetError, Result};
use parquet::file::writer::SerializedFileWriter;

use crate::record::Article;
use crate::schema::{Kind, RECORD_FIELDS};

/// The Parquet message type of the record schema.
pub fn message_type() -> String {
    let mut text = String::from("message record {\n");
    for spec in &RECORD_FIELDS {
        let repetition = if spec.nullable {
            "optional"
        } else {
            "required"
        };
        let name = spec.name;
        let line = match spec.kind {
            Kind::Integer => format!("  {repetition} int64 {name};\n"),
            Kind::Number => format!("  {repetition} double {name};\n"),
            Kind::Text => format!("  {repetition} binary {name} (STRING);\n"),
            Kind::Date => format!("  {repetition} int32 {name} (DATE);\n"),
            Kind::TextList => format!(
                "  {repetition} group {name} (LIST) {{ repeated group list {{ required binary element (STRING); }} }}\n"
            ),
        };
        text.push_str(&line);
    }
    text.push('}');
    text
}

/// One field of one record, as the columns need it.
enum Value<'a> {
    Integer(i64),
    Number(f64),
    Text(Option<&'a str>),
    Date(Option<&'a str>),
    List(&'a [String]),
}

/// Field `index` (schema order) of `article`.
fn value(article: &Article, index: usize) -> Value<'_> {
    match index {
        0 => Value::Integer(i64::from(article.schema_version)),
        1 => Value::Text(Some(&article.id)),
        2 => Value::Text(Some(&article.source_path)),
        3 => Value::Text(Some(&article.source_sha256)),
        4 => Value::Text(Some(article.source_format.as_str())),
        5 => Value::Text(article.url.as_deref()),
        6 => Value::Text(Some(&article.encoding)),
        7 => Value::Number(article.encoding_confidence),
        8 => Value::List(&article.repairs),
        9 => Value::Text(article.language.as_deref()),
        10 => Value::Text(Some(&article.title)),
        11 => Value::Text(article.lead.as_deref()),
        12 => Value::Text(Some(&article.body)),
        13 => Value::List(&article.captions),
        14 => Value::Text(article.author.as_deref()),
        15 => Value::Text(article.dateline.as_deref()),
        16 => Value::Date(article.published.as_deref()),
        17 => Value::Text(article.published_from.map(|s| s.as_str())),
        18 => Value::Date(article.header_date.as_deref()),
        19 => Value::Date(article.dateline_date.as_deref()),
        20 => Value::Integer(i64::try_from(article.word_count).unwrap_or(i64::MAX)),
        21 => Value::List(&article.warnings),
        22 => Value::Text(article.captured.as_deref()),
        _ => Value::Text(article.duplicate_of.as_deref()),
    }
}

/// Days since 1970-01-01 of a `YYYY-MM-DD…` text; `None` when it is not a date.
fn epoch_days(text: &str) -> Option<i32> {
    let year = text.get(0..4)?.parse().ok()?;
    let month = text.get(5..7)?.parse().ok()?;
    let day = text.get(8..10)?.parse().ok()?;
    let date = crate::extract::date::Date::new(year, month, day)?;
    i32::try_from(date.days_since_epoch()).ok()
}

/// One column's data for a row group.
#[derive(Default)]
struct Column {
    ints: Vec<i64>,
    dates: Vec<i32>,
    numbers: Vec<f64>,
    bytes: Vec<ByteArray>,
    definition: Vec<i16>,
    repetition: Vec<i16>,
}

fn column(rows: &[Article], index: usize) -> Column {
    let mut column = Column::default();
    for article in rows {
        match value(article, index) {
            Value::Integer(n) => column.ints.push(n),
            Value::Number(x) => column.numbers.push(x),
            Value::Text(text) => {
                column.definition.push(i16::from(text.is_some()));
                if let Some(text) = text {
                    column.bytes.push(ByteArray::from(text.as_bytes()));
                }
            }
            Value::Date(text) => {
                let days = text.and_then(epoch_days);
                column.definition.push(i16::from(days.is_some()));
                column.dates.extend(days);
            }
            Value::List(items) => {
                if items.is_empty() {
                    column.definition.push(0);
                    column.repetition.push(0);
                }
                for (i, item) in items.iter().enumerate() {
                    column.definition.push(1);
                    column.repetition.push(i16::from(i > 0));
                    column.bytes.push(ByteArray::from(item.as_bytes()));
                }
            }
        }
    }
    column
}

/// Writes `rows` as one row group.
pub fn write_row_group<W: Write + Send>(
    writer: &mut SerializedFileWriter<W>,
    rows: &[Article],
) -> Result<()> {
    let mut group = writer.next_row_group()?;
    for (index, spec) in RECORD_FIELDS.iter().enumerate() {
        let data = column(rows, index);
        let has_levels = spec.nullable || spec.kind == Kind::TextList;
        let definition = has_levels.then_some(data.definition.as_slice());
        let repetition = (spec.kind == Kind::TextList).then_some(data.repetition.as_slice());
        let mut column_writer = group
            .next_column()?
            .ok_or_else(|| ParquetError::General(format!("no column for {}", spec.name)))?;
        match (column_writer.untyped(), spec.kind) {
            (ColumnWriter::Int64ColumnWriter(w), Kind::Integer) => {
                w.write_batch(&data.ints, None, None)?;
            }
            (ColumnWriter::DoubleColumnWriter(w), Kind::Number) => {
                w.write_batch(&data.numbers, None, None)?;
            }
            (ColumnWriter::Int32ColumnWriter(w), Kind::Date) => {
                w.write_batch(&data.dates, definition, None)?;
            }
            (ColumnWriter::ByteArrayColumnWriter(w), Kind::Text | Kind::TextList) => {
                w.write_batch(&data.bytes, definition, repetition)?;
            }
            _ => {
                return Err(ParquetError::General(format!(
                    "column {} has an unexpected physical type",
                    spec.name
                )));
            }
        }
        column_writer.close()?;
    }
    group.close()?;
    Ok(())
}
