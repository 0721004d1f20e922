//! Every broken form through the command line: `salvage repair` gives back the clean text,
//! and `salvage convert` gives the same record from a dump in any form as from its UTF-8.

use std::fs;

use serde_json::Value;

use crate::forms::{FORMS, Form, break_text};
use crate::util::{Workspace, repo_root};

/// The forms whose every document must come back exactly (lossy ones are measured by the
/// round-trip test instead).
fn exact_forms() -> impl Iterator<Item = Form> {
    FORMS
        .iter()
        .copied()
        .filter(|f| !matches!(f, Form::LossyQuestionMarks | Form::LossyDropped))
}

#[test]
fn repair_gives_back_the_clean_text_from_every_form() {
    let ws = Workspace::new();
    let clean = fs::read_to_string(repo_root().join("tests/data/vn-tables-samples/utf-8.txt"))
        .expect("sample");
    for form in exact_forms() {
        let Some(bytes) = break_text(&clean, form) else {
            continue;
        };
        let path = ws.write(&format!("{form:?}.txt"), &bytes);
        let output = ws.salvage(&["repair", path.to_str().expect("path")]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{form:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(String::from_utf8_lossy(&output.stdout), clean, "{form:?}");
    }
}

/// Decomposed text (NFD, as Mac and some Vietnamese keyboards wrote it) misread as
/// windows-1252 or Latin-1, once or twice: a lone mark becomes `Ì` and a symbol after its
/// vowel (`baÌ‰y`). It comes back as NFC. A mark that fits no letter before it stays.
#[test]
fn repair_gives_back_decomposed_text_misread() {
    let ws = Workspace::new();
    let clean = fs::read_to_string(repo_root().join("tests/data/vn-tables-samples/utf-8.txt"))
        .expect("sample");
    let decomposed = break_text(&clean, Form::Utf8Nfd).expect("NFD");
    let decomposed = String::from_utf8(decomposed).expect("UTF-8");
    assert!(
        decomposed.contains('\u{309}'),
        "the sample has a hook above"
    );
    for form in [
        Form::MojibakeWindows1252,
        Form::MojibakeLatin1,
        Form::MojibakeDouble,
    ] {
        let bytes = break_text(&decomposed, form).expect("form");
        let path = ws.write(&format!("nfd-{form:?}.txt"), &bytes);
        let output = ws.salvage(&["repair", path.to_str().expect("path")]);
        assert_eq!(String::from_utf8_lossy(&output.stdout), clean, "{form:?}");
    }
    // `Ì‰` after a digit or a space is no mark of that letter: left as it is.
    for line in ["Model 9Ì‰ x\n", "Tên: Ì‰ ổn\n"] {
        let path = ws.write("stray.txt", line.as_bytes());
        let output = ws.salvage(&["repair", path.to_str().expect("path")]);
        assert_eq!(String::from_utf8_lossy(&output.stdout), line);
    }
}

#[test]
fn convert_gives_the_same_record_from_every_form() {
    let ws = Workspace::new();
    let dumps = [
        "000_b3723bb827f40c3b",
        "004_baonghean-on-thi-lop-10",
        "015_ttxvn-dai-hoi-the-thao-kon-tum",
    ];
    for stem in dumps {
        let original =
            fs::read_to_string(repo_root().join(format!("input/{stem}.txt"))).expect("dump");
        // Typographic punctuation has no code in VISCII, VPS or VIQR: plain ASCII instead,
        // so that every form can hold the dump.
        let clean = original
            .replace(['“', '”'], "\"")
            .replace('…', "...")
            .replace('–', "-")
            .replace('’', "'");
        for form in exact_forms() {
            if let Some(bytes) = break_text(&clean, form) {
                ws.write(&format!("in/{stem}/{form:?}.txt"), &bytes);
            }
        }
        ws.write(&format!("in/{stem}/utf8.txt"), clean.as_bytes());
    }
    ws.convert(&ws.path("in"), "out", &[], 0);
    assert!(ws.json_lines("out/rejects.jsonl").is_empty());
    let records = ws.json_lines("out/records.jsonl");
    let fields = [
        "title",
        "lead",
        "body",
        "captions",
        "author",
        "dateline",
        "published",
        "header_date",
        "dateline_date",
    ];
    for stem in dumps {
        let reference = records
            .iter()
            .find(|r| r["source_path"] == format!("{stem}/utf8.txt"))
            .expect("the UTF-8 record");
        for record in records.iter().filter(|r| {
            r["source_path"]
                .as_str()
                .is_some_and(|p| p.starts_with(stem))
        }) {
            for field in fields {
                assert_eq!(
                    record[field], reference[field],
                    "{} {field}",
                    record["source_path"]
                );
            }
        }
    }
    // Each legacy form is detected as what it is (where the dump could be written in it).
    for (form, label) in [
        (Form::Tcvn3, "tcvn3"),
        (Form::Vni, "vni"),
        (Form::Viscii, "viscii"),
        (Form::Vps, "vps"),
        (Form::Viqr, "viqr"),
        (Form::Windows1258, "windows-1258"),
        (Form::Utf16Le, "utf-16le"),
        (Form::Utf16Be, "utf-16be"),
    ] {
        for record in records.iter().filter(|r| {
            r["source_path"]
                .as_str()
                .is_some_and(|p| p.ends_with(&format!("/{form:?}.txt")))
        }) {
            assert_eq!(record["encoding"], label, "{}", record["source_path"]);
        }
    }
}

#[test]
fn repair_lines_json_and_options() {
    let ws = Workspace::new();
    let path = ws.write(
        "lines.txt",
        "Tiáº¿ng Viá»‡t\nhello\n\nthuỷ lợi, hoà bình\n".as_bytes(),
    );
    let file = path.to_str().expect("path");
    let output = ws.salvage(&["repair", "--lines", "--tone-style", "old", file]);
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "Tiếng Việt\nhello\n\nthủy lợi, hòa bình\n"
    );

    let output = ws.salvage(&["repair", "--lines", "--json", file]);
    let lines: Vec<Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["text"], "Tiếng Việt");
    assert_eq!(
        lines[0]["repairs"],
        serde_json::json!(["mojibake:utf-8-as-windows-1252"])
    );
    assert_eq!(lines[1]["repairs"], serde_json::json!([]));

    // Forced encoding: TCVN3 bytes read as VNI on purpose give what VNI says.
    let tcvn3 = ws.write("forced.txt", b"\xa7\xb6ng b\xe9");
    let forced = ws.salvage(&[
        "repair",
        "--json",
        "--encoding",
        "tcvn3",
        tcvn3.to_str().expect("path"),
    ]);
    let forced: Value = serde_json::from_slice(&forced.stdout).expect("JSON");
    assert_eq!(
        (forced["encoding"].as_str(), forced["text"].as_str()),
        (Some("tcvn3"), Some("Đảng bộ"))
    );

    let png = ws.write("image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    assert_eq!(
        ws.salvage(&["repair", png.to_str().expect("path")])
            .status
            .code(),
        Some(65)
    );
    assert_eq!(
        ws.salvage(&["repair", "missing.txt"]).status.code(),
        Some(66)
    );
    assert_eq!(
        ws.salvage(&["repair", "--encoding", "klingon", file])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn repair_lines_checks_weak_lines_against_the_file() {
    // A file of VPS lines; the short last line reads as VNI when alone (`nỉm` for `năm`).
    let lines = [
        "Đảng bộ Văn phòng UBND tỉnh đại hội nhiệm kỳ 2020-2025, thống nhất lãnh đạo",
        "Trong nhiệm kỳ qua, tập thể Ban Chấp hành đã đoàn kết, chỉ đạo thực hiện tốt",
        "Lãnh đạo tỉnh tặng hoa chúc mừng Ban Chấp hành Đảng bộ nhiệm kỳ mới",
        "Báo cáo tài chính bán niên năm 2021",
    ];
    let mut bytes = Vec::new();
    for line in lines {
        bytes.extend(break_text(line, Form::Vps).expect("VPS holds the text"));
        bytes.push(b'\n');
    }
    let ws = Workspace::new();
    let path = ws.write("vps-lines.txt", &bytes);
    let file = path.to_str().expect("path");
    let output = ws.salvage(&["repair", "--lines", file]);
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        format!("{}\n", lines.join("\n"))
    );
    let output = ws.salvage(&["repair", "--lines", "--json", file]);
    let last_line: Value = String::from_utf8_lossy(&output.stdout)
        .lines()
        .last()
        .and_then(|l| serde_json::from_str(l).ok())
        .expect("JSON");
    assert_eq!(last_line["encoding"], "vps");
    assert_eq!(
        last_line["warnings"],
        serde_json::json!(["encoding-from-run"])
    );
}
