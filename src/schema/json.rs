//! The JSON Schema (draft 2020-12) of one `records.jsonl` line: every key required, no
//! other key allowed, nulls only where the record schema allows them, properties listed
//! in schema order. It describes; it validates nothing itself.

use serde::Serialize;
use serde::ser::SerializeMap;
use serde_json::{Value, json};

use super::{FieldSpec, Kind, RECORD_FIELDS};
use crate::record::SCHEMA_VERSION;

/// The schema's identifier; a URN, so no one expects to fetch it.
pub const SCHEMA_ID: &str = "urn:salvage:record:v1";

#[derive(Serialize)]
struct Document {
    #[serde(rename = "$schema")]
    dialect: &'static str,
    #[serde(rename = "$id")]
    id: &'static str,
    title: String,
    description: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    required: Vec<&'static str>,
    #[serde(rename = "additionalProperties")]
    additional_properties: bool,
    properties: Properties,
}

/// The properties in schema order (a JSON map would sort them).
struct Properties;

impl Serialize for Properties {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(RECORD_FIELDS.len()))?;
        for spec in &RECORD_FIELDS {
            map.serialize_entry(spec.name, &property(spec))?;
        }
        map.end()
    }
}

/// The JSON Schema of a record, pretty-printed, ending with a newline.
pub fn record_schema() -> String {
    let document = Document {
        dialect: "https://json-schema.org/draft/2020-12/schema",
        id: SCHEMA_ID,
        title: format!("salvage record, schema v{SCHEMA_VERSION}"),
        description: "One article converted by salvage: one line of records.jsonl, one row of records.csv.",
        kind: "object",
        required: RECORD_FIELDS.iter().map(|f| f.name).collect(),
        additional_properties: false,
        properties: Properties,
    };
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

fn property(spec: &FieldSpec) -> Value {
    let mut value = match spec.kind {
        Kind::Integer if spec.name == "schema_version" => json!({"const": SCHEMA_VERSION}),
        Kind::Integer => json!({"type": "integer", "minimum": 0}),
        Kind::Number => json!({"type": "number", "minimum": 0, "maximum": 1}),
        Kind::Text => json!({"type": nullable("string", spec.nullable)}),
        Kind::Date => json!({"type": nullable("string", spec.nullable), "format": "date"}),
        Kind::TextList => json!({"type": "array", "items": {"type": "string"}}),
    };
    if let Value::Object(map) = &mut value {
        map.insert("description".into(), Value::from(spec.description));
        if let Some(pattern) = spec.pattern {
            map.insert("pattern".into(), Value::from(pattern));
        }
        if !spec.values.is_empty() {
            let mut values: Vec<Value> = spec.values.iter().map(|v| Value::from(*v)).collect();
            if spec.nullable {
                values.push(Value::Null);
            }
            map.insert("enum".into(), Value::Array(values));
        }
    }
    value
}

fn nullable(kind: &str, nullable: bool) -> Value {
    if nullable {
        json!([kind, "null"])
    } else {
        Value::from(kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_every_field_in_order_and_requires_them() {
        let text = record_schema();
        let parsed: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(parsed["required"].as_array().map(Vec::len), Some(24));
        assert_eq!(
            parsed["properties"]["lead"]["type"],
            json!(["string", "null"])
        );
        assert_eq!(parsed["properties"]["captions"]["type"], "array");
        let title = text.find("\"title\": {").unwrap();
        let body = text.find("\"body\": {").unwrap();
        assert!(title < body, "properties in schema order");
    }
}
