//! ftfy's own test cases (`tests/data/ftfy-cases/`, Apache-2.0): every case goes through
//! salvage's text repair, and the result is compared with ftfy's `fixed-encoding` (or
//! `fixed` where the encoding fix is all there is). Prints the pass rate per file beside
//! ftfy's; `negative.json` (text that must not change) must pass entirely.

use std::fs;

use salvage::decode::repair::repair;
use salvage::decode::tone::ToneStyle;
use serde_json::Value;

use crate::util::repo_root;

#[test]
fn ftfy_cases_pass_rates() {
    let dir = repo_root().join("tests/data/ftfy-cases");
    let mut lines = Vec::new();
    let mut negative_failures = Vec::new();
    let mut totals = (0, 0);
    for file in [
        "negative.json",
        "synthetic.json",
        "language-names.json",
        "known-failures.json",
    ] {
        let cases: Vec<Value> =
            serde_json::from_slice(&fs::read(dir.join(file)).expect("fixture")).expect("JSON");
        let (mut passed, mut ftfy_passed) = (0, 0);
        for case in &cases {
            let original = case["original"].as_str().expect("original");
            let expected = case
                .get("fixed-encoding")
                .or_else(|| case.get("fixed"))
                .and_then(Value::as_str)
                .expect("fixed");
            let got = repair(original, "utf-8", ToneStyle::Keep).text.into_owned();
            if got == expected {
                passed += 1;
            } else if file == "negative.json" {
                negative_failures.push(format!("{original:?} became {got:?}"));
            }
            ftfy_passed += usize::from(case["expect"] == "pass");
        }
        totals.0 += passed;
        totals.1 += cases.len();
        lines.push(format!(
            "{file:<22} salvage {passed:>2}/{:<2}   ftfy {ftfy_passed:>2}/{}",
            cases.len(),
            cases.len()
        ));
    }
    println!(
        "ftfy test cases, salvage's repair beside ftfy 6.3.1:\n{}\nsalvage total {}/{}",
        lines.join("\n"),
        totals.0,
        totals.1
    );
    assert!(
        negative_failures.is_empty(),
        "clean text was changed:\n{}",
        negative_failures.join("\n")
    );
    // What passes today, so that a regression fails (see the README for the cases missed).
    assert!(totals.0 >= 45, "{}", lines.join("\n"));
}
