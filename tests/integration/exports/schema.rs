//! `salvage schema`: the JSON Schema matches every record salvage writes, and the
//! `CREATE TABLE`s name the types the README promises.

use serde_json::Value;

use super::run;
use crate::util::{Workspace, repo_root};

#[test]
fn schema_prints_json_schema_and_create_table() {
    let ws = Workspace::new();
    let output = run(&ws, &["schema"], 0);
    let schema: Value = serde_json::from_slice(&output.stdout).expect("JSON Schema");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["required"].as_array().map(Vec::len), Some(24));
    assert_eq!(schema["additionalProperties"], false);

    // Every record of input/ has exactly the schema's keys, with the schema's types.
    run(
        &ws,
        &[
            "convert",
            repo_root().join("input").to_str().unwrap(),
            "-o",
            "out",
            "--format",
            "jsonl",
        ],
        0,
    );
    for record in ws.json_lines("out/records.jsonl") {
        let object = record.as_object().expect("object");
        assert_eq!(object.len(), 24);
        for (key, value) in object {
            let property = &schema["properties"][key];
            let allowed: Vec<&str> = match &property["type"] {
                Value::String(t) => vec![t.as_str()],
                Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                _ => vec!["integer"],
            };
            let actual = match value {
                Value::Null => "null",
                Value::String(_) => "string",
                Value::Array(_) => "array",
                Value::Number(n) if n.is_u64() => "integer",
                Value::Number(_) => "number",
                _ => "other",
            };
            assert!(
                allowed.contains(&actual),
                "{key}: {actual} not in {allowed:?}"
            );
        }
    }

    let sql = String::from_utf8(
        run(
            &ws,
            &["schema", "--sql", "postgres", "--table", "news.articles"],
            0,
        )
        .stdout,
    )
    .unwrap();
    assert!(sql.contains("CREATE TABLE news.articles ("), "{sql}");
    assert!(sql.contains("jsonb NOT NULL"), "{sql}");
    let sql = String::from_utf8(run(&ws, &["schema", "--sql", "bigquery"], 0).stdout).unwrap();
    assert!(
        sql.contains("captions") && sql.contains("JSON NOT NULL OPTIONS(description"),
        "{sql}"
    );
    run(
        &ws,
        &["schema", "--sql", "duckdb", "--table", "x; DROP TABLE y"],
        2,
    );
}
