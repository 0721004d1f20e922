//! The same three articles as loose files, in a zip, in a tar.gz, gzipped one by one (one
//! of them under an `.html` name), in WARCs written by PyPI warcio, and as one
//! multi-article dump give the same records; only where they were found differs. The same
//! bytes in several containers give one record; the same body from other bytes is marked.

use std::collections::BTreeMap;
use std::fs;

use serde_json::Value;

use super::{DUMPS, GOOD, dump, make, records, warc_dir};
use crate::util::{Workspace, summary};

/// The text fields that must agree whatever the container.
const TEXT_FIELDS: [&str; 14] = [
    "source_format",
    "encoding",
    "repairs",
    "language",
    "title",
    "lead",
    "body",
    "captions",
    "author",
    "dateline",
    "published",
    "header_date",
    "dateline_date",
    "word_count",
];

fn text_of(record: &Value) -> Vec<Value> {
    TEXT_FIELDS.iter().map(|f| record[*f].clone()).collect()
}

#[test]
fn the_same_articles_in_every_container_give_the_same_records() {
    let ws = Workspace::new();
    let bytes: Vec<Vec<u8>> = DUMPS.iter().map(|d| dump(d)).collect();
    let members: Vec<(String, &[u8])> = DUMPS
        .iter()
        .zip(&bytes)
        .map(|(name, b)| (format!("site/{name}"), b.as_slice()))
        .collect();
    let named: Vec<(&str, &[u8])> = members.iter().map(|(n, b)| (n.as_str(), *b)).collect();

    for (name, b) in DUMPS.iter().zip(&bytes) {
        ws.write(&format!("loose/{name}"), b);
    }
    ws.write("zip/archive.zip", &make::zip(&named));
    ws.write("tgz/backup.tar.gz", &make::gzip(&make::tar(&named)));
    ws.write(&format!("gz/{}.gz", DUMPS[0]), &make::gzip(&bytes[0]));
    ws.write(&format!("gz/{}.gz", DUMPS[1]), &make::gzip(&bytes[1]));
    // A crawler kept the gzip body under the page's name: sniffed, not trusted.
    ws.write("gz/005.html", &make::gzip(&bytes[2]));
    for warc in ["articles-1.1.warc.gz", "articles-1.0.warc"] {
        let copy = fs::read(warc_dir().join(warc)).expect("warcio fixture");
        ws.write(&format!("{warc}/{warc}"), &copy);
    }
    let joined: Vec<u8> = bytes.join(&b"\n==========\n"[..]);
    ws.write("dump/all.txt", &joined);

    let forms = [
        "loose",
        "zip",
        "tgz",
        "gz",
        "articles-1.1.warc.gz",
        "articles-1.0.warc",
        "dump",
    ];
    let mut runs = BTreeMap::new();
    for form in forms {
        let out = format!("out-{form}");
        ws.convert(&ws.path(form), &out, &["--format", "jsonl"], 0);
        assert_eq!(
            ws.json_lines(&format!("{out}/rejects.jsonl")),
            Vec::<Value>::new(),
            "{form}"
        );
        runs.insert(form, records(&ws, &out));
    }
    let loose = &runs["loose"];
    assert_eq!(loose.len(), 3);
    for form in forms {
        let got = &runs[form];
        assert_eq!(got.len(), 3, "{form}: three records");
        for (want, record) in loose.iter().zip(got) {
            assert_eq!(
                text_of(record),
                text_of(want),
                "{form}: {}",
                record["source_path"]
            );
            if form != "dump" {
                assert_eq!(record["id"], want["id"], "{form}: same bytes, same id");
                assert_eq!(record["source_sha256"], want["source_sha256"], "{form}");
            }
        }
    }
    let paths = |form: &str| -> Vec<String> {
        runs[form]
            .iter()
            .map(|r| r["source_path"].as_str().unwrap_or("").to_string())
            .collect()
    };
    assert_eq!(paths("loose"), DUMPS.to_vec());
    assert_eq!(paths("zip")[0], format!("archive.zip!site/{}", DUMPS[0]));
    assert_eq!(paths("tgz")[1], format!("backup.tar.gz!site/{}", DUMPS[1]));
    assert_eq!(
        paths("gz"),
        [
            format!("{}.gz", DUMPS[0]),
            format!("{}.gz", DUMPS[1]),
            "005.html".to_string()
        ]
    );
    assert_eq!(paths("dump"), ["all.txt", "all.txt", "all.txt"]);

    // A dump's articles: the dump's hash with -1, -2, -3.
    let dump_sha = &runs["dump"][0]["source_sha256"];
    for (n, record) in runs["dump"].iter().enumerate() {
        let prefix = &dump_sha.as_str().unwrap_or("")[..16];
        assert_eq!(record["id"], format!("{prefix}-{}", n + 1));
        assert_eq!(&record["source_sha256"], dump_sha);
    }

    // WARC records: named by the offsets warcio itself reports, url and capture date
    // from the record. Loose files know neither.
    for warc in ["articles-1.1.warc.gz", "articles-1.0.warc"] {
        let index = fs::read_to_string(warc_dir().join(format!("{warc}.index.jsonl")))
            .expect("warcio index");
        let pages: Vec<String> = DUMPS
            .iter()
            .map(|d| {
                format!(
                    "http://baolangson.vn/archive/{}",
                    d.replace(".txt", ".html")
                )
            })
            .collect();
        let offsets: Vec<String> = index
            .lines()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
            .filter(|e| {
                (e["warc-type"] == "response" || e["warc-type"] == "resource")
                    && pages.iter().any(|p| e["warc-target-uri"] == p.as_str())
            })
            .map(|e| format!("{warc}#{}", e["offset"]))
            .collect();
        assert_eq!(paths(warc), offsets, "offsets agree with warcio index");
        for (n, record) in runs[warc].iter().enumerate() {
            let page = DUMPS[n].replace(".txt", ".html");
            assert_eq!(
                record["url"],
                format!("http://baolangson.vn/archive/{page}")
            );
            assert_eq!(record["captured"], format!("2021-01-19T08:0{}:00Z", n + 1));
        }
    }
    assert_eq!(runs["loose"][0]["url"], Value::Null);
    assert_eq!(runs["loose"][0]["captured"], Value::Null);
}

#[test]
fn duplicates_across_containers_give_one_record_each() {
    let ws = Workspace::new();
    let bytes: Vec<Vec<u8>> = DUMPS.iter().map(|d| dump(d)).collect();
    for (name, b) in DUMPS.iter().zip(&bytes) {
        ws.write(&format!("in/a/{name}"), b);
    }
    let named: Vec<(&str, &[u8])> = DUMPS
        .iter()
        .zip(&bytes)
        .map(|(n, b)| (*n, b.as_slice()))
        .collect();
    ws.write("in/b.zip", &make::zip(&named));
    ws.write("in/c.txt.gz", &make::gzip(&bytes[0]));
    // The first article again, re-saved with Windows line ends and decomposed marks:
    // other bytes, the same body.
    let resaved: String = String::from_utf8(bytes[0].clone())
        .expect("UTF-8")
        .replace('\n', "\r\n");
    let resaved: String =
        unicode_normalization::UnicodeNormalization::nfd(resaved.as_str()).collect();
    ws.write("in/d/resaved.txt", resaved.as_bytes());

    let one = ws.convert(&ws.path("in"), "one", &["--jobs", "1"], 0);
    ws.convert(&ws.path("in"), "four", &["--jobs", "4"], 0);
    let line = summary(&one);
    assert_eq!(
        (
            line["documents"].as_u64(),
            line["records"].as_u64(),
            line["duplicates"].as_u64()
        ),
        (Some(8), Some(4), Some(4))
    );
    let recs = records(&ws, "one");
    let first = &recs[0];
    assert_eq!(first["source_path"], format!("a/{}", DUMPS[0]));
    let resaved_record = recs
        .iter()
        .find(|r| r["source_path"] == "d/resaved.txt")
        .expect("resaved");
    assert_eq!(resaved_record["duplicate_of"], first["id"]);
    assert_ne!(resaved_record["id"], first["id"]);
    assert!(recs.iter().filter(|r| r["duplicate_of"].is_null()).count() == 3);
    // The CSV row says so too (rows are rendered before duplicates are decided).
    let csv = fs::read_to_string(ws.path("one/records.csv")).expect("records.csv");
    let first_id = first["id"].as_str().expect("id");
    let resaved_row = csv
        .split("\r\n")
        .find(|row| row.contains("d/resaved.txt"))
        .expect("resaved row");
    assert!(resaved_row.contains(first_id), "{resaved_row:.200}");

    let duplicates = ws.json_lines("one/duplicates.jsonl");
    assert_eq!(duplicates.len(), 3);
    assert_eq!(duplicates[0]["id"], first["id"]);
    assert_eq!(
        duplicates[0]["source_paths"],
        serde_json::json!([format!("b.zip!{}", DUMPS[0]), "c.txt.gz"])
    );
    let report: Value =
        serde_json::from_slice(&fs::read(ws.path("one/report.json")).expect("report"))
            .expect("JSON");
    assert_eq!(report["duplicates"], 4);
    assert_eq!(report["records_with_duplicate_of"], 1);
    for file in [
        "records.jsonl",
        "records.csv",
        "rejects.jsonl",
        "duplicates.jsonl",
    ] {
        assert_eq!(
            fs::read(ws.path(&format!("one/{file}"))).expect("output"),
            fs::read(ws.path(&format!("four/{file}"))).expect("output"),
            "{file} is the same for any --jobs"
        );
    }
}

#[test]
fn dumps_split_on_a_chosen_separator_or_not_at_all() {
    let ws = Workspace::new();
    let two = format!("{GOOD}\n### \n{}", GOOD.replace("thứ nhất", "thứ hai"));
    ws.write("in/two.txt", two.as_bytes());
    ws.convert(&ws.path("in"), "default", &[], 0);
    assert_eq!(
        records(&ws, "default").len(),
        1,
        "no default separator in it"
    );
    ws.convert(&ws.path("in"), "custom", &["--split-on", r"^#{3}\s*$"], 0);
    let recs = records(&ws, "custom");
    assert_eq!(recs.len(), 2);
    assert!(recs[1]["id"].as_str().is_some_and(|id| id.ends_with("-2")));
    assert_eq!(recs[1]["body"], "Đoạn thân bài thứ hai.");
    ws.write(
        "in/three.txt",
        format!("{GOOD}\x0c{GOOD}-----\n{GOOD}").as_bytes(),
    );
    ws.convert(&ws.path("in/three.txt"), "ff", &["--format", "jsonl"], 0);
    // The same article thrice in one dump: three records (-1, -2, -3), the later two
    // marked as repeating the first.
    let thrice = records(&ws, "ff");
    let marks: Vec<&Value> = thrice.iter().map(|r| &r["duplicate_of"]).collect();
    assert_eq!(marks, [&Value::Null, &thrice[0]["id"], &thrice[0]["id"]]);
    ws.convert(
        &ws.path("in/three.txt"),
        "whole",
        &["--no-split", "--format", "jsonl"],
        0,
    );
    assert_eq!(records(&ws, "whole").len(), 1);
    assert!(
        !records(&ws, "whole")[0]["id"]
            .as_str()
            .unwrap_or("-")
            .contains('-')
    );
    let bad = ws.salvage(&["convert", "in", "--split-on", "("]);
    assert_eq!(bad.status.code(), Some(2));
}
