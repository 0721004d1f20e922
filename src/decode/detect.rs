//! Chooses an encoding for bytes that are not valid UTF-8 and carry no BOM.
//!
//! Today: chardetng's guess. The Vietnamese legacy candidates (TCVN3, VNI, VISCII, VPS,
//! VIQR, windows-1258) scored by the syllable model come with the encoding work.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};

/// The chosen decoding.
pub struct Guess {
    pub text: String,
    pub encoding: String,
    pub confidence: f64,
}

/// Decodes `bytes` with the most likely encoding.
pub fn guess(bytes: &[u8]) -> Guess {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, Utf8Detection::Allow);
    let (text, _, had_errors) = encoding.decode(bytes);
    Guess {
        text: text.into_owned(),
        encoding: encoding.name().to_ascii_lowercase(),
        confidence: if had_errors { 0.3 } else { 0.5 },
    }
}
