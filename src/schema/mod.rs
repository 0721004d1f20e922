//! `salvage schema`: the record's shape for other tools. [`json::record_schema`] gives the
//! JSON Schema (draft 2020-12) a validator checks `records.jsonl` lines against;
//! [`sql::create_table`] gives the `CREATE TABLE` that `records.csv` loads into as written.
//! Both are built from [`fields::RECORD_FIELDS`]; neither reads or writes files.

pub mod fields;
pub mod json;
pub mod sql;

pub use fields::{FieldSpec, Kind, RECORD_FIELDS};
