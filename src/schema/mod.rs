//! The record's fields described once, for every file that describes them, and
//! `salvage schema`'s outputs built from that table: [`json::record_schema`], the JSON
//! Schema (draft 2020-12) a validator checks `records.jsonl` lines against, and
//! [`sql::create_table`], the `CREATE TABLE` that `records.csv` loads into as written.
//! `datapackage.json` and the Parquet columns use the same table. Names and order are
//! those of [`crate::record::FIELDS`]; meanings are those of
//! `shared/design/record-schema.md`. Nothing here reads or writes files.

pub mod json;
pub mod sql;

/// What a field holds, independent of any file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A whole number (64-bit is enough for every count salvage makes).
    Integer,
    /// A floating-point number.
    Number,
    /// UTF-8 text, NFC.
    Text,
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// A list of texts (JSON array text in CSV).
    TextList,
}

/// One field of the record.
#[derive(Clone, Copy, Debug)]
pub struct FieldSpec {
    pub name: &'static str,
    pub kind: Kind,
    /// Whether the value may be null (lists are never null; they are empty).
    pub nullable: bool,
    /// The allowed values, when the field is a closed set; empty otherwise.
    pub values: &'static [&'static str],
    /// A regular expression every value matches, when there is one.
    pub pattern: Option<&'static str>,
    pub description: &'static str,
}

const fn field(
    name: &'static str,
    kind: Kind,
    nullable: bool,
    description: &'static str,
) -> FieldSpec {
    FieldSpec {
        name,
        kind,
        nullable,
        values: &[],
        pattern: None,
        description,
    }
}

const fn patterned(mut spec: FieldSpec, pattern: &'static str) -> FieldSpec {
    spec.pattern = Some(pattern);
    spec
}

const fn one_of(mut spec: FieldSpec, values: &'static [&'static str]) -> FieldSpec {
    spec.values = values;
    spec
}

use Kind::{Date, Integer, Number, Text, TextList};

/// The fields of schema v2, in schema order (v2 added `captured` and `duplicate_of`).
pub const RECORD_FIELDS: [FieldSpec; 24] = [
    field(
        "schema_version",
        Integer,
        false,
        "The record schema version: 2.",
    ),
    patterned(
        field(
            "id",
            Text,
            false,
            "Stable id: the first 16 hex digits of the SHA-256 of the document's raw bytes, followed by -N when one source file yields several articles.",
        ),
        "^[0-9a-f]{16}(-[1-9][0-9]*)?$",
    ),
    field(
        "source_path",
        Text,
        false,
        "Where the document was found, relative to the input root it was given under, /-separated.",
    ),
    patterned(
        field(
            "source_sha256",
            Text,
            false,
            "SHA-256 of the document's raw bytes as read, before any decoding (64 lowercase hex digits).",
        ),
        "^[0-9a-f]{64}$",
    ),
    one_of(
        field(
            "source_format",
            Text,
            false,
            "What the document was parsed as: text or html.",
        ),
        &["text", "html"],
    ),
    field(
        "url",
        Text,
        true,
        "The article's address when the source says it.",
    ),
    field(
        "encoding",
        Text,
        false,
        "The encoding the bytes were decoded from, lowercase (utf-8, utf-16le, windows-1258, tcvn3, vni, ...).",
    ),
    field(
        "encoding_confidence",
        Number,
        false,
        "How sure the encoding detector was, from 0 to 1.",
    ),
    field(
        "repairs",
        TextList,
        false,
        "Every change made to the text beyond plain decoding, in the order applied (nfc, nbsp, line-join, ...). Empty when the text was clean.",
    ),
    field(
        "language",
        Text,
        true,
        "ISO 639-1 code of the article's language, e.g. vi.",
    ),
    field("title", Text, false, "The headline."),
    field(
        "lead",
        Text,
        true,
        "The standfirst paragraph, without its dateline prefix.",
    ),
    field(
        "body",
        Text,
        false,
        "The article's paragraphs in order, joined by one blank line. No title, lead, captions or byline inside.",
    ),
    field(
        "captions",
        TextList,
        false,
        "Image captions, each on one line.",
    ),
    field("author", Text, true, "The byline as printed."),
    field(
        "dateline",
        Text,
        true,
        "The source or agency code that opens the lead, e.g. LSO or TTXVN.",
    ),
    field(
        "published",
        Date,
        true,
        "Best estimate of the publication date.",
    ),
    one_of(
        field(
            "published_from",
            Text,
            true,
            "Where published came from: metadata, byline, dateline, header or url.",
        ),
        &["metadata", "byline", "dateline", "header", "url"],
    ),
    field(
        "header_date",
        Date,
        true,
        "The date printed in the page header (often the day the page was saved).",
    ),
    field(
        "dateline_date",
        Date,
        true,
        "The date named in the dateline or first sentence.",
    ),
    field(
        "word_count",
        Integer,
        false,
        "Whitespace-separated words in lead and body.",
    ),
    field(
        "warnings",
        TextList,
        false,
        "What a reader of the record should know, e.g. weekday-mismatch, dateline-after-header.",
    ),
    patterned(
        field(
            "captured",
            Text,
            true,
            "When the document was captured, from a WARC record's WARC-Date: an RFC 3339 UTC timestamp.",
        ),
        "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z$",
    ),
    patterned(
        field(
            "duplicate_of",
            Text,
            true,
            "The id of the first record with the same article body (compared ignoring Unicode form, whitespace and tone placement), when this record repeats it from other bytes.",
        ),
        "^[0-9a-f]{16}(-[1-9][0-9]*)?$",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_names_and_order_as_the_record() {
        let names: Vec<&str> = RECORD_FIELDS.iter().map(|f| f.name).collect();
        assert_eq!(names, crate::record::FIELDS);
    }
}
