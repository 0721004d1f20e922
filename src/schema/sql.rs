//! `CREATE TABLE` statements into which `records.csv` loads exactly as written, for
//! PostgreSQL, DuckDB and BigQuery, with each column's description as a comment.
//!
//! Types: integers as 64-bit, `encoding_confidence` as a double, dates as `DATE`, text as
//! text. A list is JSON array text in the CSV, so its column is `jsonb` (PostgreSQL) or
//! `JSON` (DuckDB, BigQuery): it loads without a cast and stays queryable as a list.
//! Non-null fields are `NOT NULL`. Table names are refused unless they are plain
//! identifiers, optionally qualified (`schema.table`, `dataset.table`).

use super::{Kind, RECORD_FIELDS};

/// The SQL dialects `salvage schema --sql` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Postgres,
    DuckDb,
    BigQuery,
}

/// Default table name.
pub const DEFAULT_TABLE: &str = "articles";

/// Whether `name` is accepted as a table name: identifiers of `[A-Za-z_][A-Za-z0-9_]*`,
/// joined by dots.
pub fn is_table_name(name: &str) -> bool {
    !name.is_empty()
        && name.split('.').all(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

fn column_type(dialect: Dialect, kind: Kind) -> &'static str {
    match (dialect, kind) {
        (Dialect::Postgres, Kind::Integer) => "bigint",
        (Dialect::Postgres, Kind::Number) => "double precision",
        (Dialect::Postgres, Kind::Text) => "text",
        (Dialect::Postgres, Kind::Date) => "date",
        (Dialect::Postgres, Kind::TextList) => "jsonb",
        (Dialect::DuckDb, Kind::Integer) => "BIGINT",
        (Dialect::DuckDb, Kind::Number) => "DOUBLE",
        (Dialect::DuckDb, Kind::Text) => "VARCHAR",
        (Dialect::DuckDb, Kind::Date) => "DATE",
        (Dialect::DuckDb, Kind::TextList) => "JSON",
        (Dialect::BigQuery, Kind::Integer) => "INT64",
        (Dialect::BigQuery, Kind::Number) => "FLOAT64",
        (Dialect::BigQuery, Kind::Text) => "STRING",
        (Dialect::BigQuery, Kind::Date) => "DATE",
        (Dialect::BigQuery, Kind::TextList) => "JSON",
    }
}

/// The `CREATE TABLE` statement (and column comments) for `table`, ending with a newline.
/// The caller checks `table` with [`is_table_name`].
pub fn create_table(dialect: Dialect, table: &str) -> String {
    let mut sql = format!(
        "-- salvage record schema v{}: records.csv loads into this table as written.\n",
        crate::record::SCHEMA_VERSION
    );
    sql.push_str(&format!("CREATE TABLE {table} (\n"));
    let width = RECORD_FIELDS
        .iter()
        .map(|f| f.name.len())
        .max()
        .unwrap_or(0);
    for (i, spec) in RECORD_FIELDS.iter().enumerate() {
        let mut line = format!(
            "    {:width$} {}",
            spec.name,
            column_type(dialect, spec.kind)
        );
        if !spec.nullable {
            line.push_str(" NOT NULL");
        }
        if dialect == Dialect::BigQuery {
            line.push_str(&format!(
                " OPTIONS(description = \"{}\")",
                spec.description.replace('\\', "\\\\").replace('"', "\\\"")
            ));
        }
        if i + 1 < RECORD_FIELDS.len() {
            line.push(',');
        }
        sql.push_str(line.trim_end_matches(' '));
        sql.push('\n');
    }
    sql.push_str(");\n");
    if dialect != Dialect::BigQuery {
        for spec in &RECORD_FIELDS {
            sql.push_str(&format!(
                "COMMENT ON COLUMN {table}.{} IS '{}';\n",
                spec.name,
                spec.description.replace('\'', "''")
            ));
        }
    }
    sql
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_names() {
        assert!(is_table_name("articles"));
        assert!(is_table_name("news.articles_2020"));
        assert!(!is_table_name("articles; DROP TABLE x"));
        assert!(!is_table_name("1st"));
        assert!(!is_table_name("a..b"));
    }

    #[test]
    fn postgres_lists_are_jsonb() {
        let sql = create_table(Dialect::Postgres, "articles");
        assert!(sql.contains("repairs             jsonb NOT NULL,"), "{sql}");
        assert!(sql.contains("lead                text,"), "{sql}");
        assert!(sql.contains("published           date,"), "{sql}");
    }
}
