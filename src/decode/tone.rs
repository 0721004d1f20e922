//! Tone placement, an orthographic choice rather than an encoding: `hoà`/`hòa`,
//! `khoẻ`/`khỏe`, `thuỷ`/`thủy`, `Uỷ`/`Ủy`. Both are in use (the seed has `Đảng ủy` and
//! `đảng uỷ`); salvage keeps the text as written unless asked.
//!
//! `new` puts the tone on the second vowel of a final `oa`, `oe`, `uy` (`hoà`, `thuỷ`),
//! `old` on the first (`hòa`, `thủy`). Only syllables that end in those pairs change:
//! `hoàng`, `quý`, `khuya` and `toán` are the same in both styles.

use unicode_normalization::UnicodeNormalization;

/// Where a tone mark goes in `oa`, `oe`, `uy` at the end of a syllable.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ToneStyle {
    /// Leave the text as written.
    #[default]
    Keep,
    /// `hoà`, `khoẻ`, `thuỷ`.
    New,
    /// `hòa`, `khỏe`, `thủy`.
    Old,
}

const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// Rewrites every affected syllable of `text` in `style`; `None` when nothing changed.
pub fn apply(text: &str, style: ToneStyle) -> Option<String> {
    if style == ToneStyle::Keep {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut word = String::new();
    let mut flush = |word: &mut String, out: &mut String| {
        if let Some(moved) = restyle(word, style) {
            out.push_str(&moved);
            changed = true;
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphabetic() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    changed.then_some(out)
}

/// One syllable in `style`, when it ends in `oa`, `oe` or `uy` with a tone to move.
fn restyle(word: &str, style: ToneStyle) -> Option<String> {
    let decomposed: Vec<char> = word.nfd().collect();
    let tone_at = decomposed.iter().position(|c| TONES.contains(c))?;
    let tone = decomposed[tone_at];
    let mut bases: Vec<char> = decomposed
        .iter()
        .copied()
        .filter(|c| !TONES.contains(c))
        .collect();
    let n = bases.len();
    if n < 2 || bases.iter().any(|c| ('\u{300}'..='\u{36F}').contains(c)) {
        return None; // a shape mark (ô, ư...) on a vowel: not a plain oa/oe/uy pair
    }
    let pair: String = bases[n - 2..]
        .iter()
        .flat_map(|c| c.to_lowercase())
        .collect();
    let before = n.checked_sub(3).map(|i| bases[i].to_ascii_lowercase());
    let pair_ok = match pair.as_str() {
        "oa" | "oe" => true,
        "uy" => before != Some('q'),
        _ => false,
    };
    // The pair must be the whole vowel group: a vowel before it makes another syllable shape.
    let vowel_before = before.is_some_and(|c| "aeiouy".contains(c));
    if !pair_ok || vowel_before {
        return None;
    }
    let target = match style {
        ToneStyle::New => n - 1,
        ToneStyle::Old => n - 2,
        ToneStyle::Keep => return None,
    };
    // Where the tone sits now, counted in base letters.
    let current = decomposed[..tone_at]
        .iter()
        .filter(|c| !TONES.contains(c))
        .count()
        - 1;
    if current == target {
        return None;
    }
    let mut out: Vec<char> = Vec::with_capacity(n + 1);
    for (i, c) in bases.drain(..).enumerate() {
        out.push(c);
        if i == target {
            out.push(tone);
        }
    }
    Some(out.into_iter().nfc().collect())
}

#[cfg(test)]
mod tests {
    use super::{ToneStyle, apply};

    #[test]
    fn moves_tones_both_ways() {
        let old = "hòa bình, khỏe, thủy lợi, Ủy ban, xóa";
        let new = "hoà bình, khoẻ, thuỷ lợi, Uỷ ban, xoá";
        assert_eq!(apply(old, ToneStyle::New).as_deref(), Some(new));
        assert_eq!(apply(new, ToneStyle::Old).as_deref(), Some(old));
        assert_eq!(apply(old, ToneStyle::Keep), None);
    }

    #[test]
    fn leaves_other_syllables() {
        let text = "hoàng quý khuya toán người Đảng ủy";
        assert_eq!(
            apply(text, ToneStyle::New).as_deref(),
            Some("hoàng quý khuya toán người Đảng uỷ")
        );
        assert_eq!(apply("hoàng quý khuya toán", ToneStyle::Old), None);
    }
}
