//! `report.html`: every section is there, every figure equals `report.json`'s or what the
//! records say ([`figures`]), the page parses back with no script, event handler or
//! external reference, the bundle carries a copy without times, and a hostile document
//! shows as text ([`safety`]). Here: the helpers that read a page back.

mod figures;
mod safety;

use std::collections::BTreeMap;
use std::fs;

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use crate::util::{Workspace, repo_root};

pub const SECTIONS: [&str; 9] = [
    "summary",
    "encodings",
    "repairs",
    "reject-reasons",
    "timeline",
    "coverage",
    "people",
    "samples",
    "rejects",
];

pub fn select<'a>(page: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    let selector = Selector::parse(css).expect("valid selector");
    page.select(&selector).collect()
}

/// `data-label` → `data-value` of a chart's bars.
pub fn chart(page: &Html, id: &str) -> BTreeMap<String, u64> {
    select(page, &format!("svg#{id} g.bar"))
        .iter()
        .map(|bar| {
            let label = bar.value().attr("data-label").expect("label").to_string();
            let value = bar
                .value()
                .attr("data-value")
                .expect("value")
                .parse()
                .expect("number");
            (label, value)
        })
        .collect()
}

pub fn figure(page: &Html, id: &str) -> u64 {
    let found = select(page, &format!("#{id}"));
    let element = found.first().unwrap_or_else(|| panic!("#{id} in the page"));
    element
        .value()
        .attr("data-value")
        .expect("data-value")
        .parse()
        .expect("number")
}

pub fn counts(json: &Value) -> BTreeMap<String, u64> {
    json.as_object()
        .expect("an object of counts")
        .iter()
        .map(|(k, v)| (k.clone(), v.as_u64().expect("count")))
        .collect()
}

/// No script, no event handler, nothing fetched from anywhere.
pub fn assert_inert(page: &Html, source: &str) {
    assert!(select(page, "script").is_empty(), "a <script> element");
    for tag in [
        "iframe", "object", "embed", "img", "link", "base", "form", "image", "use",
    ] {
        assert!(select(page, tag).is_empty(), "a <{tag}> element");
    }
    for element in select(page, "*") {
        for (name, value) in element.value().attrs() {
            assert!(
                !name.to_ascii_lowercase().starts_with("on"),
                "event handler {name}={value}"
            );
            assert!(
                !matches!(name, "src" | "srcset" | "xlink:href" | "action"),
                "{name}={value}"
            );
            assert!(name != "href" || value.starts_with('#'), "href={value}");
            assert!(
                !value.contains("://") && !value.contains("javascript:"),
                "{name}={value}"
            );
        }
    }
    let style: String = select(page, "style")
        .iter()
        .flat_map(|s| s.text())
        .collect();
    assert!(!style.contains("url(") && !style.contains("@import") && !style.contains("@font-face"));
    assert!(
        !source.contains("http://") && !source.contains("https://"),
        "an address in the page"
    );
}

pub fn corpus(ws: &Workspace) -> String {
    let input = ws.path("corpus");
    fs::create_dir_all(&input).expect("corpus folder");
    for entry in fs::read_dir(repo_root().join("input")).expect("input/") {
        let path = entry.expect("entry").path();
        fs::copy(&path, input.join(path.file_name().expect("name"))).expect("copy");
    }
    ws.write("corpus/bad/empty.txt", b"");
    ws.write(
        "corpus/bad/image.txt",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01",
    );
    ws.write("corpus/bad/paragraph.txt", "Một đoạn văn dài không có tiêu đề, nói về nhiều chuyện trong tỉnh, kể lại từ đầu đến cuối những việc người dân làm trong năm qua để đón Tết cổ truyền của dân tộc và chuẩn bị cho mùa vụ mới sắp tới.\n\nĐoạn hai.\n".as_bytes());
    let home = fs::read(repo_root().join("tests/data/html/vn10-home-page.html")).expect("page");
    ws.write("corpus/bad/home.html", &home);
    let tcvn3 =
        fs::read(repo_root().join("tests/data/vn-tables-samples/tcvn3.txt")).expect("sample");
    let mut dump = b"Tin TCVN3\n\n".to_vec();
    dump.extend_from_slice(&tcvn3);
    ws.write("corpus/tcvn3.txt", &dump);
    input.to_str().expect("UTF-8 path").to_string()
}
