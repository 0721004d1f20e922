//! `data/datapackage.json`: a Frictionless Data Package (Table Schema) describing the
//! bundle's `records.csv`, `records.jsonl`, `rejects.jsonl` and, with originals,
//! `originals.csv`: field types and descriptions from the record schema, `missingValues`,
//! the CSV dialect, each file's size and SHA-256, and the licence, source and publisher
//! when the run was given them. It is written after the files it describes, from their
//! sizes and hashes as the bag computed them; it reads nothing.
//!
//! An empty JSON Lines file has no rows to describe and Frictionless cannot open one, so
//! `records.jsonl` and `rejects.jsonl` are listed only when they hold at least one line
//! (the files are in the bag either way).

use serde_json::{Value, json};

use super::bag::PayloadFile;
use crate::config::{CsvOptions, PackageInfo};
use crate::record::SCHEMA_VERSION;
use crate::schema::{FieldSpec, Kind, RECORD_FIELDS};

/// What the description needs to know about one bundle.
pub struct PackageFacts<'a> {
    /// The bag name; the package name is its lower-case form.
    pub bag_name: &'a str,
    /// The bundle's group (`2020`, `2020-05`, a folder name), or `None` for the whole run.
    pub group: Option<&'a str>,
    pub records: u64,
    pub rejects: u64,
    pub csv: CsvOptions,
    pub info: &'a PackageInfo,
    /// The payload files written so far (the resources' sizes and hashes).
    pub files: &'a [PayloadFile],
}

const CSV_CAVEAT: &str = "A null is an unquoted empty field and every non-null text is quoted; lists are JSON array text. CSV cannot carry empty-versus-null to every reader (DuckDB reads a quoted empty text as NULL unless allow_quoted_nulls=false); records.jsonl carries exact nulls.";

/// The `datapackage.json` text, pretty-printed, ending with a newline.
pub fn datapackage(facts: &PackageFacts<'_>) -> String {
    let mut resources = Vec::new();
    let record_fields: Vec<Value> = RECORD_FIELDS.iter().map(table_field).collect();
    let record_schema = json!({"fields": record_fields, "missingValues": [""]});
    let mut csv_description = CSV_CAVEAT.to_string();
    if facts.csv.formula_guard {
        csv_description.push_str(" Written with --csv-formula-guard: a text that starts with = + - @, tab or CR has a ' prepended.");
    }
    resources.push(resource(
        facts,
        "records",
        "records.csv",
        "csv",
        &csv_description,
        record_schema.clone(),
    ));
    if has_rows(facts, "records.jsonl") {
        resources.push(resource(
            facts,
            "records-jsonl",
            "records.jsonl",
            "jsonl",
            "The same records as records.csv, one JSON object per line, every key present, exact nulls and lists.",
            record_schema,
        ));
    }
    let reject_fields = json!([
        text_field("source_path", "Where the document was found, relative to its input root."),
        {"name": "stage", "type": "string", "description": "The stage that gave up: read, decode or extract.",
         "constraints": {"required": true, "enum": ["read", "decode", "extract"]}},
        text_field("reason", "A stable reason code, e.g. not_text, no_title, too_large."),
        text_field("message", "What went wrong, as a sentence."),
    ]);
    if has_rows(facts, "rejects.jsonl") {
        resources.push(resource(
            facts,
            "rejects",
            "rejects.jsonl",
            "jsonl",
            "One line per document that gave no record.",
            json!({"fields": reject_fields}),
        ));
    }
    if file(facts, "originals.csv").is_some() {
        let original_fields = json!([
            text_field("id", "The record's id."),
            text_field(
                "source_path",
                "The record's source_path: where the original was found."
            ),
            text_field(
                "original",
                "The original's path inside data/, a name made safe for every file system."
            ),
        ]);
        resources.push(resource(
            facts,
            "originals",
            "originals.csv",
            "csv",
            "Maps each record to the copy of its source bytes under originals/.",
            json!({"fields": original_fields, "missingValues": [""]}),
        ));
    }

    let mut package = json!({
        "profile": "tabular-data-package",
        "name": facts.bag_name.to_lowercase(),
        "title": match facts.group {
            Some(group) => format!("salvage records: {group}"),
            None => "salvage records".to_string(),
        },
        "description": facts.info.description.clone().unwrap_or_else(|| default_description(facts)),
        "keywords": ["news", "articles", "salvage", format!("schema-v{SCHEMA_VERSION}")],
        "resources": resources,
    });
    if let Value::Object(map) = &mut package {
        if let Some(license) = &facts.info.license {
            map.insert(
                "licenses".into(),
                json!([{"name": license, "path": format!("https://spdx.org/licenses/{license}.html")}]),
            );
        }
        if let Some(source) = facts
            .info
            .source
            .as_ref()
            .or(facts.info.source_url.as_ref())
        {
            let mut entry = json!({"title": source});
            if let (Some(url), Value::Object(entry)) = (&facts.info.source_url, &mut entry) {
                entry.insert("path".into(), Value::from(url.as_str()));
            }
            map.insert("sources".into(), json!([entry]));
        }
        if let Some(organization) = &facts.info.organization {
            map.insert(
                "contributors".into(),
                json!([{"title": organization, "role": "publisher"}]),
            );
        }
    }
    let mut text = serde_json::to_string_pretty(&package).unwrap_or_default();
    text.push('\n');
    text
}

/// The description used when `--description` is not given.
pub fn default_description(facts: &PackageFacts<'_>) -> String {
    let scope = facts
        .group
        .map_or(String::new(), |group| format!(" (bundle {group})"));
    format!(
        "News articles converted by salvage {} into schema v{SCHEMA_VERSION} records{scope}: {} records, {} rejected documents.",
        env!("CARGO_PKG_VERSION"),
        facts.records,
        facts.rejects
    )
}

fn resource(
    facts: &PackageFacts<'_>,
    name: &str,
    path: &str,
    format: &str,
    description: &str,
    schema: Value,
) -> Value {
    let mut resource = json!({
        "name": name,
        "path": path,
        "profile": "tabular-data-resource",
        "format": format,
        "mediatype": if format == "csv" { "text/csv" } else { "application/jsonl" },
        "encoding": if format == "csv" && facts.csv.bom { "utf-8-sig" } else { "utf-8" },
        "description": description,
        "schema": schema,
    });
    if let Value::Object(map) = &mut resource {
        if format == "csv" {
            map.insert(
                "dialect".into(),
                json!({"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": "\"", "doubleQuote": true, "header": true}),
            );
        }
        if let Some(file) = file(facts, path) {
            map.insert("bytes".into(), Value::from(file.bytes));
            map.insert(
                "hash".into(),
                Value::from(format!("sha256:{}", file.sha256)),
            );
        }
    }
    resource
}

fn file<'a>(facts: &'a PackageFacts<'_>, name: &str) -> Option<&'a PayloadFile> {
    facts.files.iter().find(|f| f.name == name)
}

/// Whether the payload file `name` exists and is not empty.
fn has_rows(facts: &PackageFacts<'_>, name: &str) -> bool {
    file(facts, name).is_some_and(|f| f.bytes > 0)
}

fn text_field(name: &str, description: &str) -> Value {
    json!({"name": name, "type": "string", "description": description, "constraints": {"required": true}})
}

fn table_field(spec: &FieldSpec) -> Value {
    let kind = match spec.kind {
        Kind::Integer => "integer",
        Kind::Number => "number",
        Kind::Text => "string",
        Kind::Date => "date",
        Kind::TextList => "array",
    };
    let mut constraints = serde_json::Map::new();
    if !spec.nullable {
        constraints.insert("required".into(), Value::Bool(true));
    }
    if let Some(pattern) = spec.pattern {
        constraints.insert(
            "pattern".into(),
            Value::from(pattern.trim_start_matches('^').trim_end_matches('$')),
        );
    }
    if !spec.values.is_empty() {
        constraints.insert("enum".into(), json!(spec.values));
    }
    let mut field = json!({"name": spec.name, "type": kind, "description": spec.description});
    if let (Value::Object(map), false) = (&mut field, constraints.is_empty()) {
        map.insert("constraints".into(), Value::Object(constraints));
    }
    field
}
