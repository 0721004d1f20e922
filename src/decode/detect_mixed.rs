//! Documents whose lines are partly valid UTF-8 and partly a legacy encoding (a TCVN3
//! paragraph pasted into a UTF-8 file): each line decoded on its own, the UTF-8 ones as
//! UTF-8, the others with the legacy candidate that reads best over all of them. A short
//! legacy line can be valid UTF-8 by chance (the VISCII byline `ĐỨC ANH` is the bytes of
//! `кC ANH`): such a line is decoded with the legacy candidate when that reads as more
//! Vietnamese. Part of [`detect`](super); it refuses (returns `None`) any document with no
//! non-ASCII UTF-8 line left, which is then judged as a whole.

use super::{Guess, best_vietnamese, decode_with};
use crate::decode::scan::lines_inclusive;
use crate::decode::syllable::vietnamese_score;

/// Whether a line that is valid UTF-8 (`utf8`) reads as more Vietnamese through `label`:
/// a short legacy line can be valid UTF-8 by chance (VISCII `ĐỨC ANH` is `кC ANH`).
fn reads_better_in(label: &str, line: &[u8], utf8: &str) -> bool {
    if utf8.is_ascii() {
        return false;
    }
    let Some(legacy) = decode_with(label, line) else {
        return false;
    };
    let (as_utf8, as_legacy) = (vietnamese_score(utf8), vietnamese_score(&legacy));
    as_legacy.valid_non_ascii > as_utf8.valid_non_ascii && as_legacy.ratio() > as_utf8.ratio()
}

/// A document of valid UTF-8 lines and lines in a legacy encoding.
pub(super) fn guess_mixed(bytes: &[u8]) -> Option<Guess> {
    // (Most documents that come here have no such line: looked for without gathering lines.)
    if !lines_inclusive(bytes).any(|l| !l.is_ascii() && std::str::from_utf8(l).is_ok()) {
        return None;
    }
    let lines: Vec<&[u8]> = lines_inclusive(bytes).collect();
    let legacy: Vec<u8> = lines
        .iter()
        .filter(|l| std::str::from_utf8(l).is_err())
        .flat_map(|l| l.iter().copied())
        .collect();
    let (Some((label, _, confidence)), candidates) = best_vietnamese(&legacy) else {
        return None;
    };
    // Each line as UTF-8 when it is, unless it reads better in the legacy encoding.
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut any_utf8 = false;
    for line in &lines {
        match std::str::from_utf8(line) {
            Ok(utf8) if !reads_better_in(label, line, utf8) => {
                any_utf8 |= !utf8.is_ascii();
                text.push_str(utf8);
            }
            _ => text.push_str(&decode_with(label, line)?),
        }
    }
    if !any_utf8 {
        return None; // one legacy encoding throughout: judged as a whole
    }
    Some(Guess {
        text,
        encoding: "utf-8".to_string(),
        confidence: confidence.min(0.9),
        repairs: vec![format!("mixed-encoding:{label}")],
        candidates,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::legacy::{self, LegacyEncoding};

    const PARAGRAPH: &str = "Sáng nay, tại hội trường của tỉnh, đại biểu các huyện đã họp \
        bàn về việc trồng rừng, làm đường và xây trường học cho con em đồng bào ở vùng cao. \
        Nhiều ý kiến được nêu ra, và mọi người đều đồng ý rằng việc này cần làm sớm.\n";

    #[test]
    fn a_legacy_line_that_is_valid_utf8_by_chance_stays_legacy() {
        let clean = format!("{PARAGRAPH}{PARAGRAPH}\nĐỨC ANH\n");
        let bytes = legacy::encode(LegacyEncoding::Viscii, &clean).expect("VISCII");
        assert!(
            std::str::from_utf8(b"\xD0\xBAC ANH").is_ok(),
            "the byline is valid UTF-8"
        );
        assert!(guess_mixed(&bytes).is_none(), "not a mixed document");
        let guess = super::super::guess(&bytes);
        assert_eq!(
            (guess.encoding.as_str(), guess.text.as_str()),
            ("viscii", clean.as_str())
        );
    }

    #[test]
    fn utf8_lines_among_legacy_lines_stay_utf8() {
        let tcvn3 = legacy::encode(LegacyEncoding::Tcvn3, PARAGRAPH).expect("TCVN3");
        let mut bytes = PARAGRAPH.as_bytes().to_vec();
        bytes.extend_from_slice(&tcvn3);
        bytes.extend_from_slice("Đức Anh\n".as_bytes());
        let guess = guess_mixed(&bytes).expect("mixed");
        assert_eq!(guess.text, format!("{PARAGRAPH}{PARAGRAPH}Đức Anh\n"));
        assert_eq!(guess.repairs, ["mixed-encoding:tcvn3"]);
    }
}
