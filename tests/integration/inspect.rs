//! `salvage inspect`: the seed dump, a TCVN3 dump and a saved web page show the chosen
//! encoding, the candidates, the repairs and where each field came from; the record is the
//! one `convert` writes; text from a document never reaches the terminal as escapes.

use std::fs;
use std::process::Output;

use serde_json::Value;

use crate::util::{Workspace, repo_root};

const SEED: &str = "input/000_b3723bb827f40c3b.txt";
const PAGE: &str = "tests/data/html/vnexpress-kinh-doanh.html";

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("inspect prints UTF-8")
}

fn inspect_json(ws: &Workspace, args: &[&str]) -> Value {
    let mut all = vec!["inspect", "--json"];
    all.extend_from_slice(args);
    let output = ws.salvage(&all);
    serde_json::from_slice(&output.stdout).expect("--json prints one JSON object")
}

/// The `extract` section of the text output: the lines between `extract` and `record`.
fn extract_section(text: &str) -> String {
    text.lines()
        .skip_while(|l| *l != "extract")
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `field  source` pairs of the JSON output.
fn sources(json: &Value) -> Vec<(String, String)> {
    json["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| {
            (
                f["field"].as_str().unwrap_or("").to_string(),
                f["source"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn seed_dump_shows_utf8_the_nbsp_repair_and_the_lines_of_each_field() {
    let ws = Workspace::new();
    let seed = repo_root().join(SEED);
    let seed = seed.to_str().expect("UTF-8 path");
    let output = ws.salvage(&["inspect", seed]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(
        !text.contains('\u{1b}'),
        "no colour when stdout is not a terminal"
    );
    assert!(text.contains("route               utf-8: the bytes are valid UTF-8"));
    assert!(text.contains("encoding            utf-8 (confidence 1.00)"));
    assert!(
        text.contains("repair              nbsp\n    before            «Thứ ba,\\u{a0} 19/01/2021")
    );
    assert_eq!(
        extract_section(&text),
        "  title               line 3
  lead                line 5, after the dateline code LSO
  body                7 paragraphs, lines 11–23
  captions            lines 8–9 (joined)
  author              line 25
  header_date         line 1: Thứ ba, 19/01/2021
  dateline_date       the first sentence of the lead (line 5)
  published           the dateline date (the lead's)"
    );

    let json = inspect_json(&ws, &[seed]);
    assert_eq!(json["decode"]["encoding"], "utf-8");
    assert_eq!(
        json["decode"]["steps"][0]["repairs"],
        serde_json::json!(["nbsp"])
    );
    assert_eq!(json["outcome"], "record");
    ws.convert(std::path::Path::new(seed), "out", &[], 0);
    let records = ws.json_lines("out/records.jsonl");
    assert_eq!(json["record"], records[0], "inspect's record is convert's");
}

#[test]
fn tcvn3_dump_shows_every_candidate_and_what_the_bytes_looked_like() {
    let ws = Workspace::new();
    let sample =
        fs::read(repo_root().join("tests/data/vn-tables-samples/tcvn3.txt")).expect("sample");
    let end = sample
        .windows(2)
        .position(|w| w == b". ")
        .expect("a first sentence");
    let mut dump = sample[..end].to_vec();
    dump.extend_from_slice(b"\n\n");
    dump.extend_from_slice(&sample);
    dump.extend_from_slice(b"\n");
    ws.write("tcvn3.txt", &dump);

    let json = inspect_json(&ws, &["tcvn3.txt"]);
    let decode = &json["decode"];
    assert_eq!(decode["route"], "detected");
    assert_eq!(decode["encoding"], "tcvn3");
    let candidates = decode["candidates"].as_array().expect("candidates");
    let names: Vec<&str> = candidates
        .iter()
        .filter_map(|c| c["encoding"].as_str())
        .collect();
    assert_eq!(names, ["windows-1258", "tcvn3", "vni", "viscii", "vps"]);
    for candidate in candidates {
        let score = candidate["score"].as_f64().expect("score");
        if candidate["encoding"] == "tcvn3" {
            assert_eq!(score, 1.0);
        } else {
            assert!(score < 0.5, "{candidate}");
        }
    }
    let before = decode["as_seen"]["before"].as_str().expect("as seen");
    assert!(
        before.starts_with("S¸ng nay, §¶ng bé V¨n phßng"),
        "{before}"
    );
    let after = decode["as_seen"]["after"].as_str().expect("decoded");
    assert!(after.starts_with("Sáng nay, Đảng bộ Văn phòng"), "{after}");
    let fields = sources(&json);
    assert_eq!(fields[0], ("title".into(), "line 1".into()));
    assert_eq!(fields[2], ("body".into(), "1 paragraph, line 3".into()));

    let text = stdout(&ws.salvage(&["inspect", "tcvn3.txt"]));
    assert!(text.contains(
        "tcvn3         1.000  (107 of 107 non-ASCII words are Vietnamese syllables)  ← chosen"
    ));
    assert!(text.contains("as seen             «S¸ng nay, §¶ng bé"));
}

#[test]
fn web_page_shows_the_elements_each_field_came_from() {
    let ws = Workspace::new();
    let page = repo_root().join(PAGE);
    let page = page.to_str().expect("UTF-8 path");
    let output = ws.salvage(&["inspect", page]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.contains("format              html (the content is a web page)"));
    assert!(text.contains("declared            charset utf-8 (evidence, not truth)"));
    assert_eq!(
        extract_section(&text),
        "  title               div.container > div.sidebar-1 > h1.title-detail
  lead                div.container > div.sidebar-1 > p.description
  body                10 blocks; the first: div.sidebar-1 > article.fck_detail > p.Normal; the last: div.sidebar-1 > article.fck_detail > p.Normal
  captions            figure.tplCaption > figcaption > p.Image
  author              JSON-LD <script type=\"application/ld+json\">
  header_date         div.sidebar-1 > div.header-content.width_common > span.date
  dateline_date       none: the opening names no date
  published           metadata: <meta name=\"pubdate\">"
    );
    let json = inspect_json(&ws, &[page]);
    assert_eq!(
        json["record"]["title"],
        "Ông Hồ Đức Phớc: Sẽ nâng mức giảm trừ gia cảnh tính thuế cá nhân khi sửa luật"
    );
}

#[test]
fn escapes_from_a_document_are_shown_escaped() {
    let ws = Workspace::new();
    // Few enough control characters (under 2%) that the dump is still read as text.
    let filler = "Bà con trong xã phấn khởi vì mùa màng bội thu năm nay. ".repeat(20);
    let hostile = format!(
        "Tiêu đề \u{1b}[2J\u{1b}]0;pwned\u{7} có mã\n\nTTO - Ngày 5/6/2019, nội dung \u{9b}31m với \u{202e}đảo chiều.\n\n{filler}\n\nĐoạn hai \u{1b}[31m đỏ.\n\nNGUYỄN VĂN AN\n"
    );
    ws.write("hostile.txt", hostile.as_bytes());
    for args in [
        &["inspect", "hostile.txt"][..],
        &["inspect", "--json", "hostile.txt"][..],
    ] {
        let output = ws.salvage(args);
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert!(
            !output.stdout.contains(&0x1b),
            "{args:?} printed an ESC byte"
        );
        assert!(
            !output.stdout.contains(&0x07),
            "{args:?} printed a BEL byte"
        );
        let text = stdout(&output);
        assert!(
            !text.contains('\u{9b}') && !text.contains('\u{202e}'),
            "{args:?}"
        );
    }
    let text = stdout(&ws.salvage(&["inspect", "hostile.txt"]));
    assert!(text.contains("\\u{1b}[2J"), "the escape is shown as text");
}

#[test]
fn member_of_a_folder_and_refusals() {
    let ws = Workspace::new();
    ws.write(
        "corpus/sub/a.txt",
        b"Ti\xc3\xaau \xc4\x91\xe1\xbb\x81\n\nM\xe1\xbb\x99t \xc4\x91o\xe1\xba\xa1n v\xc4\x83n.\n",
    );
    ws.write("corpus/empty.txt", b"");
    let json = inspect_json(&ws, &["corpus", "--member", "sub/a.txt"]);
    assert_eq!(json["container"], "folder");
    assert_eq!(json["source_path"], "sub/a.txt");
    assert_eq!(json["record"]["source_path"], "sub/a.txt");
    let code = |args: &[&str]| ws.salvage(args).status.code();
    assert_eq!(
        code(&["inspect", "corpus"]),
        Some(2),
        "a folder needs --member"
    );
    assert_eq!(
        code(&["inspect", "corpus", "--member", "../corpus/sub/a.txt"]),
        Some(2)
    );
    assert_eq!(
        code(&["inspect", "corpus", "--member", "sub/none.txt"]),
        Some(66)
    );
    assert_eq!(code(&["inspect", "missing.txt"]), Some(66));
    let rejected = ws.salvage(&["inspect", "corpus", "--member", "empty.txt"]);
    assert_eq!(
        rejected.status.code(),
        Some(65),
        "a rejected document exits 65"
    );
    assert!(stdout(&rejected).contains("reason              empty"));
}
