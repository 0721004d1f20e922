//! Vietnamese syllable model: tells whether a word is a well-formed Vietnamese syllable, and
//! scores text by the share of its non-ASCII words that are.
//!
//! A syllable is an optional onset (`b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t
//! th tr v x`), a vowel group from a closed list (1–3 vowels, glides included: `oa`, `ươi`,
//! `uyê`, ...), an optional final consonant (`c ch m n ng nh p t`) allowed for that group, and
//! at most one tone mark. It also checks spelling rules (`k gh ngh` only before `i e ê y`,
//! `c ng` never before them), entering tones (after `c ch p t` only sắc or nặng) and where the
//! tone sits: on the last vowel with a shape mark (`ươ` → ơ), else on the last vowel before a
//! final consonant, else on the first vowel (the middle one of three), with both the old and the
//! new style accepted for `oa oe uy` (`hòa`/`hoà`) and the common `qúy` tolerated. Three
//! syllables of province names that break the spelling rules (Đắk, Lắk, Kạn) are let through.
//!
//! It refuses (answers `false` for) anything else: foreign letters (`f j w z`, `ß`, `Ø`, ...),
//! two tones, a tone on a glide (`đâủ`), digits and punctuation. It knows shapes, not words: a
//! well-formed syllable that Vietnamese does not use still passes. The score is the signal the
//! decoder uses to choose among legacy encodings: a right decoding scores about 1.0, a wrong
//! one clearly less (see the tests). Words are runs of letters and combining marks, so a
//! symbol splits a word: `§¶ng` counts as the ASCII word `ng`. Abbreviations (`HĐND`) and
//! loanwords written solid (`ôtô`) are not syllables and count as invalid: real Vietnamese news
//! text scores about 0.995, not 1.

use std::borrow::Cow;

use std::cell::RefCell;

use unicode_normalization::char::{compose, decompose_canonical};

/// How Vietnamese a text looks: counts of its words (runs of letters and combining marks).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct VietScore {
    pub words: usize,
    pub non_ascii_words: usize,
    pub valid_non_ascii: usize,
    pub invalid_non_ascii: usize,
}

impl VietScore {
    /// Share of non-ASCII words that are valid syllables; 0 when there are none.
    pub fn ratio(&self) -> f32 {
        if self.non_ascii_words == 0 {
            return 0.0;
        }
        self.valid_non_ascii as f32 / self.non_ascii_words as f32
    }
}

/// Scores `text` (any normalisation form) word by word. Words are judged as they stand
/// and remembered by their bytes; only a word not seen before is put in NFC (scoring
/// candidate decodings is most of the time of converting a legacy dump, so the text itself
/// is never normalised here).
pub fn vietnamese_score(text: &str) -> VietScore {
    let mut score = VietScore::default();
    JUDGED.with(|judged| {
        let mut judged = judged.borrow_mut();
        for word in text.split(|c| !is_word_char(c)).filter(|w| !w.is_empty()) {
            score.words += 1;
            if !word.is_ascii() {
                score.non_ascii_words += 1;
                if judge(&mut judged, word) {
                    score.valid_non_ascii += 1;
                } else {
                    score.invalid_non_ascii += 1;
                }
            }
        }
    });
    score
}

const ONSETS: [&str; 28] = [
    "ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
];
const CODAS: [&str; 9] = ["ch", "ng", "nh", "c", "m", "n", "p", "t", ""];
const STOPS: [&str; 4] = ["c", "ch", "p", "t"];

/// The final consonants a vowel group (glides included) takes; `-`: none (an open syllable).
fn codas_of(group: &str) -> &'static str {
    match group {
        "a" | "oa" => "- c ch m n ng nh p t",
        "e" | "o" | "ô" | "u" => "- c m n ng p t",
        "ê" | "i" => "- ch m n nh p t",
        "ă" | "â" | "iê" | "ươ" => "c m n ng p t",
        "uô" | "oă" => "c m n ng t",
        "ư" => "- c m n ng t",
        "ơ" => "- m n p t",
        "uy" => "- ch n nh p t",
        "uê" => "- ch n nh",
        "yê" => "m n ng t",
        "uâ" => "n ng t",
        "oe" => "- n t",
        "uyê" => "n t",
        "oo" => "c ng",
        "y" | "ai" | "ao" | "au" | "ay" | "âu" | "ây" | "eo" | "êu" | "ia" | "iu" | "oi" | "ôi"
        | "ơi" | "ua" | "ui" | "ưa" | "ưi" | "ưu" | "uơ" | "iêu" | "yêu" | "oai" | "oay"
        | "oao" | "oeo" | "uây" | "uôi" | "ươi" | "ươu" | "uya" | "uyu" => "-",
        _ => "",
    }
}

/// Is `word` one well-formed Vietnamese syllable? Case-insensitive, any normalisation form.
pub fn is_vietnamese_syllable(word: &str) -> bool {
    JUDGED.with(|judged| judge(&mut judged.borrow_mut(), word))
}

/// Letters and combining marks, with the scripts Vietnamese text uses answered without
/// the general Unicode table (this runs on every character of every candidate decoding).
fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\u{7F}' | '×' | '÷' => false,
        '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' | '\u{300}'..='\u{36F}' => true,
        c => c.is_alphabetic(),
    }
}

thread_local! {
    /// Words already judged on this thread: a text repeats the same few thousand syllables.
    static JUDGED: RefCell<Judged> = RefCell::default();
}

/// Words already judged, by their bytes as they stand, in a direct-mapped cache of
/// [`SLOTS`] entries: a word's slot is fixed by its hash and a newcomer takes it over. Words
/// of up to 15 bytes (nearly every syllable) are packed with their length into a `u128`.
/// The table stays small enough for the CPU's cache (a growing map of every word ever seen,
/// wrong decodings' garbage included, spent its time waiting for memory), and the common
/// syllables, seen again and again, keep their slots.
struct Judged {
    keys: Vec<u128>,
    /// 0: empty; 1: not a syllable; 2: a syllable.
    verdicts: Vec<u8>,
}

/// Slots of the cache (a power of two): 1 MB of keys. Scoring the five candidate decodings
/// of a legacy dump judges each wrong decoding's garbage words too; with a quarter of this,
/// they evicted each other (on the 3,000 make-corpus dumps, 2.4% more instructions in all,
/// and no fewer cache misses in cachegrind's model).
const SLOTS: usize = 1 << 16;

impl Default for Judged {
    fn default() -> Self {
        Judged {
            keys: vec![0; SLOTS],
            verdicts: vec![0; SLOTS],
        }
    }
}

/// `word`'s bytes and length as one number, when it has at most 15 bytes.
fn packed(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    let mut key = [0u8; 16];
    key.get_mut(..bytes.len())?.copy_from_slice(bytes);
    key[15] = u8::try_from(bytes.len()).ok().filter(|&len| len < 16)?;
    Some(u128::from_le_bytes(key))
}

/// The slot of a packed key: its halves folded, then mixed by SplitMix64's finaliser so
/// that words sharing their first letters spread over the table.
fn slot(key: u128) -> usize {
    let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(31);
    let z = (folded ^ (folded >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    let z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    (z ^ (z >> 31)) as usize & (SLOTS - 1)
}

/// The verdict on `word` (any normalisation form), from `judged` when it is there.
fn judge(judged: &mut Judged, word: &str) -> bool {
    if word.len() > MAX_WORD_BYTES {
        return false;
    }
    let Some(key) = packed(word) else {
        return judge_uncached(word);
    };
    let at = slot(key);
    if judged.verdicts[at] != 0 && judged.keys[at] == key {
        return judged.verdicts[at] == 2;
    }
    let verdict = judge_uncached(word);
    judged.keys[at] = key;
    judged.verdicts[at] = if verdict { 2 } else { 1 };
    verdict
}

fn judge_uncached(word: &str) -> bool {
    let nfc = nfc(word);
    // Longer than any syllable: 7 letters of at most 4 bytes.
    nfc.len() <= 28 && is_syllable_nfc(&nfc)
}

/// Longer than any syllable in any normalisation form (7 letters, each a base and two
/// marks of 2 bytes).
const MAX_WORD_BYTES: usize = 7 * 5;

fn nfc(text: &str) -> Cow<'_, str> {
    super::nfc::nfc(text)
}

fn is_syllable_nfc(word: &str) -> bool {
    // The letters without tone marks (at most 7, 3 bytes each), and the tone with the index
    // of the letter carrying it.
    let (mut buf, mut len, mut tone) = ([0u8; 21], 0, None);
    for (index, c) in word.chars().enumerate() {
        // Decomposed, every Vietnamese letter is an ASCII letter (or đ) and combining marks.
        let (mut base, mut ok) = (None, true);
        decompose_canonical(c, |d| match (d, base) {
            (_, None) => {
                base = Some(if d == 'Đ' {
                    'đ'
                } else {
                    d.to_ascii_lowercase()
                })
            }
            ('\u{300}' | '\u{301}' | '\u{309}' | '\u{303}' | '\u{323}', Some(_))
                if tone.is_none() =>
            {
                tone = Some((d, index));
            }
            (_, Some(b)) => match compose(b, d) {
                Some(composed) => base = Some(composed),
                None => ok = false,
            },
        });
        match base {
            Some(b) if ok && index < 7 && (is_vowel(b) || is_consonant(b)) => {
                len += b.encode_utf8(&mut buf[len..]).len();
            }
            _ => return false,
        }
    }
    let Ok(bare) = std::str::from_utf8(&buf[..len]) else {
        return false;
    };
    if PLACE_NAMES.contains(&bare) {
        // `Đăk Hà`, `Đăk Tô` (Kon Tum) are spelled without a tone too.
        return tone.is_none_or(|(mark, _)| mark == '\u{301}' || mark == '\u{323}');
    }
    // The onset is the consonants before the first vowel, with `gi` (or `g` before `i`) and `qu`.
    let Some(first_vowel) = bare.find(is_vowel) else {
        return false;
    };
    let onsets = match (&bare[..first_vowel], bare[first_vowel..].chars().next()) {
        ("g", Some('i')) => ["gi", "g"],
        ("q", Some('u')) => ["qu", "qu"],
        (consonants, _) => [consonants, consonants],
    };
    onsets
        .iter()
        .any(|onset| ONSETS.contains(onset) && parses(bare, onset, tone))
}

/// Syllables of place names that break the spelling rules: Đắk Lắk, Đắk Nông, Đăk Hà, Bắc Kạn.
const PLACE_NAMES: [&str; 3] = ["đăk", "lăk", "kan"];

fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'ă' | 'â' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y'
    )
}

fn is_consonant(c: char) -> bool {
    matches!(c, 'b'..='d' | 'đ' | 'g' | 'h' | 'k'..='n' | 'p'..='t' | 'v' | 'x')
}

fn parses(bare: &str, onset: &str, tone: Option<(char, usize)>) -> bool {
    let Some(rest) = bare.strip_prefix(onset) else {
        return false;
    };
    let (group, coda) = rest.split_at(rest.trim_end_matches(|c| !is_vowel(c)).len());
    let tone = tone.map(|(t, at)| (t, at as isize - onset.chars().count() as isize));
    !group.is_empty()
        && group.chars().all(is_vowel)
        && CODAS.contains(&coda)
        && (rhyme_allows(group, coda) || onset == "qu" && rhyme_allows_after_qu(group, coda))
        && spelling_ok(onset, group)
        && tone_ok(onset, group, coda, tone)
}

fn rhyme_allows(group: &str, coda: &str) -> bool {
    let coda = if coda.is_empty() { "-" } else { coda };
    codas_of(group).split(' ').any(|c| c == coda)
}

/// After `qu` the `u` is a glide: `quan` rhymes like `oan`, `quyết` like `uyết`.
fn rhyme_allows_after_qu(group: &str, coda: &str) -> bool {
    let glide = if matches!(group.chars().next(), Some('a' | 'ă' | 'e')) {
        'o'
    } else {
        'u'
    };
    rhyme_allows(&format!("{glide}{group}"), coda)
}

fn spelling_ok(onset: &str, group: &str) -> bool {
    let first = group.chars().next().unwrap_or(' ');
    let front = matches!(first, 'i' | 'e' | 'ê' | 'y');
    match onset {
        "k" | "gh" | "ngh" => front,
        "c" | "ng" => !front,
        "g" => !matches!(first, 'e' | 'ê' | 'y'),
        "qu" => !matches!(first, 'o' | 'u'),
        "gi" => first != 'i',
        "" => true,
        _ => !group.starts_with("yê"),
    }
}

/// `tone` is the mark with its index counted from the first vowel (negative: on the onset).
fn tone_ok(onset: &str, group: &str, coda: &str, tone: Option<(char, isize)>) -> bool {
    let stop = STOPS.contains(&coda);
    let Some((mark, at)) = tone else {
        return !stop;
    };
    if stop && !matches!(mark, '\u{301}' | '\u{323}') {
        return false; // entering tones: only sắc or nặng after c ch p t
    }
    if at < 0 {
        return onset == "qu" && at == -1; // `qúy`, `qùa`: misplaced, but common
    }
    let at = at as usize;
    let (mut vowels, mut count) = (['\0'; 3], 0);
    for (slot, v) in vowels.iter_mut().zip(group.chars()) {
        (*slot, count) = (v, count + 1);
    }
    let vowels = &vowels[..count];
    if let Some(marked) = vowels.iter().rposition(|v| "ăâêôơư".contains(*v)) {
        return at == marked;
    }
    if !coda.is_empty() {
        return at + 1 == vowels.len();
    }
    match vowels {
        [_] => at == 0,
        ['o', 'a'] | ['o', 'e'] | ['u', 'y'] => at <= 1,
        [_, _] => at == 0,
        [_, _, _] => at == 1,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::legacy::{LegacyEncoding, decode};

    #[test]
    fn packed_keys_tell_every_short_word_apart() {
        assert_ne!(packed("a"), packed("a\0"));
        assert_ne!(packed("ab"), packed("ba"));
        assert!(packed("nghiêng").is_some());
        assert!(packed(&"x".repeat(15)).is_some());
        assert_eq!(packed(&"x".repeat(16)), None);
        // Long words are judged without the cache, the same way.
        let long = "nghiêngnghiêng"; // 16 bytes
        assert_eq!(packed(long), None);
        assert!(!is_vietnamese_syllable(long));
        assert!(!is_vietnamese_syllable(long));
        assert!(is_vietnamese_syllable("nghiêng"));
        assert!(is_vietnamese_syllable("nghiêng"));
    }

    const SAMPLE: &str = include_str!("../../tests/data/vn-tables-samples/utf-8.txt");
    const SAMPLE_NFD: &str = include_str!("../../tests/data/vn-tables-samples/utf-8-nfd.txt");

    #[test]
    fn accepts_every_word_of_the_sample() {
        for text in [SAMPLE, SAMPLE_NFD] {
            for word in
                text.split(|c: char| !c.is_alphabetic() && !('\u{300}'..='\u{36F}').contains(&c))
            {
                if !word.is_empty() && word != "UBND" {
                    assert!(is_vietnamese_syllable(word), "{word}");
                }
            }
        }
        let score = vietnamese_score(SAMPLE);
        assert_eq!(score, vietnamese_score(SAMPLE_NFD));
        assert_eq!((score.invalid_non_ascii, score.ratio()), (0, 1.0));
    }

    #[test]
    fn accepts_hard_syllables() {
        for word in [
            "nghiêng", "khuỷu", "người", "rượu", "hoà", "hòa", "thuỷ", "thủy", "Uỷ", "quý", "qúy",
            "quỳnh", "quyết", "quốc", "quạt", "gì", "giữa", "giếng", "xoong", "ở", "yêu", "ngoáy",
            "khuấy", "Đắk", "Lắk", "KHÔNG", "Việt", "tỷ", "kỳ", "oái", "hoạch", "thuở", "khuya",
        ] {
            assert!(is_vietnamese_syllable(word), "{word}");
        }
    }

    #[test]
    fn rejects_mojibake_and_misspellings() {
        for word in [
            "Äáº£ng",
            "§¶ng",
            "Ñaûng",
            "ÐaÒng",
            "bôò",
            "Ðäng",
            "bµ",
            "ñäng",
            "phßng",
            "tØnh",
            "kú",
            "đâủ",
            "hòan",
            "càc",
            "ac",
            "ká",
            "cí",
            "ngé",
            "ghá",
            "ắ",
            "xyz",
            "café",
            "đb",
            "áá",
            "UBND",
            "",
            "a-b",
            "2020",
        ] {
            assert!(!is_vietnamese_syllable(word), "{word}");
        }
    }

    #[test]
    fn score_counts_words() {
        let score = vietnamese_score("Hà Nội, 2020: the §¶ng café.");
        let expected = VietScore {
            words: 5,
            non_ascii_words: 3,
            valid_non_ascii: 2,
            invalid_non_ascii: 1,
        };
        assert_eq!(score, expected);
        assert_eq!(vietnamese_score("plain ASCII").ratio(), 0.0);
    }

    /// Every legacy sample decoded with every candidate: the right one scores 1.0, the wrong
    /// ones at most 0.7 (run with `--nocapture` to see the matrix).
    #[test]
    fn right_decoding_scores_clearly_higher() {
        let samples: [(&str, &[u8]); 5] = [
            (
                "tcvn3",
                include_bytes!("../../tests/data/vn-tables-samples/tcvn3.txt"),
            ),
            (
                "vni",
                include_bytes!("../../tests/data/vn-tables-samples/vni.txt"),
            ),
            (
                "viscii",
                include_bytes!("../../tests/data/vn-tables-samples/viscii.txt"),
            ),
            (
                "vps",
                include_bytes!("../../tests/data/vn-tables-samples/vps.txt"),
            ),
            (
                "windows-1258",
                include_bytes!("../../tests/data/vn-tables-samples/windows-1258.txt"),
            ),
        ];
        let decoders = [
            "tcvn3",
            "vni",
            "viscii",
            "vps",
            "viqr",
            "windows-1252",
            "windows-1258",
        ];
        println!(
            "{:14}{}",
            "bytes \\ read as",
            decoders.map(|d| format!("{d:>13}")).concat()
        );
        for (name, bytes) in samples {
            let mut row = format!("{name:14}");
            for decoder in decoders {
                let text = match LegacyEncoding::from_label(decoder) {
                    Some(encoding) => decode(encoding, bytes),
                    None => encoding_rs::Encoding::for_label(decoder.as_bytes())
                        .map(|e| e.decode_without_bom_handling(bytes).0.into_owned())
                        .unwrap_or_default(),
                };
                let ratio = vietnamese_score(&text).ratio();
                row.push_str(&format!("{ratio:>13.3}"));
                if decoder == name {
                    assert!(ratio > 0.99, "{name} read as {decoder}: {ratio}");
                } else {
                    assert!(ratio < 0.7, "{name} read as {decoder}: {ratio}");
                }
            }
            println!("{row}");
        }
    }
}
