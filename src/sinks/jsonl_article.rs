//! One record as a JSON line, written field by field: the bytes `serde_json::to_vec` gives
//! for an [`Article`] (same field order, same escapes, `null` for a missing value), made
//! without serde's string escaper, which looks up every byte of the text in a table; here
//! a block scan (see [`scan::next_byte`]) finds the few bytes a JSON string must escape
//! (`"`, `\`, controls). Every record of every run goes through it, once.
//!
//! It refuses nothing: any article has a JSON form. The test compares it with serde_json
//! on drawn articles, so a field added to [`Article`] and not here fails it.

use crate::decode::scan;
use crate::record::Article;

/// `serde_json::to_vec(article)` followed by a line feed.
pub fn json_line(article: &Article) -> Vec<u8> {
    let mut out = Vec::with_capacity(article.body.len() + article.title.len() + 1024);
    let mut object = Object::start(&mut out);
    object.number("schema_version", u64::from(article.schema_version));
    object.string("id", &article.id);
    object.string("source_path", &article.source_path);
    object.string("source_sha256", &article.source_sha256);
    object.string("source_format", article.source_format.as_str());
    object.optional("url", article.url.as_deref());
    object.string("encoding", &article.encoding);
    object.float("encoding_confidence", article.encoding_confidence);
    object.strings("repairs", &article.repairs);
    object.optional("language", article.language.as_deref());
    object.string("title", &article.title);
    object.optional("lead", article.lead.as_deref());
    object.string("body", &article.body);
    object.strings("captions", &article.captions);
    object.optional("author", article.author.as_deref());
    object.optional("dateline", article.dateline.as_deref());
    object.optional("published", article.published.as_deref());
    let published_from = article.published_from.map(|source| source.as_str());
    object.optional("published_from", published_from);
    object.optional("header_date", article.header_date.as_deref());
    object.optional("dateline_date", article.dateline_date.as_deref());
    object.number("word_count", article.word_count);
    object.strings("warnings", &article.warnings);
    object.optional("captured", article.captured.as_deref());
    object.optional("duplicate_of", article.duplicate_of.as_deref());
    out.extend_from_slice(b"}\n");
    out
}

/// A JSON object being written: each member after the first is preceded by a comma.
struct Object<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
}

impl<'a> Object<'a> {
    fn start(out: &'a mut Vec<u8>) -> Self {
        out.push(b'{');
        Object { out, first: true }
    }

    fn key(&mut self, key: &str) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        push_string(self.out, key);
        self.out.push(b':');
    }

    fn string(&mut self, key: &str, value: &str) {
        self.key(key);
        push_string(self.out, value);
    }

    fn optional(&mut self, key: &str, value: Option<&str>) {
        self.key(key);
        match value {
            Some(value) => push_string(self.out, value),
            None => self.out.extend_from_slice(b"null"),
        }
    }

    fn strings(&mut self, key: &str, values: &[String]) {
        self.key(key);
        self.out.push(b'[');
        for (i, value) in values.iter().enumerate() {
            if i > 0 {
                self.out.push(b',');
            }
            push_string(self.out, value);
        }
        self.out.push(b']');
    }

    fn number(&mut self, key: &str, value: u64) {
        self.key(key);
        self.out.extend_from_slice(value.to_string().as_bytes());
    }

    /// serde_json's own form of the number (shortest round trip; `null` when not finite).
    fn float(&mut self, key: &str, value: f64) {
        self.key(key);
        if serde_json::to_writer(&mut *self.out, &value).is_err() {
            self.out.extend_from_slice(b"null"); // never: writing to a Vec cannot fail
        }
    }
}

/// `value` as a JSON string, escaped as serde_json escapes it: `\"`, `\\`, the short forms
/// `\b \f \n \r \t`, and `\u00XX` (lowercase hex) for the other controls below U+0020.
fn push_string(out: &mut Vec<u8>, value: &str) {
    let bytes = value.as_bytes();
    out.push(b'"');
    let mut copied = 0;
    while let Some(at) = scan::next_byte(bytes, copied, |b| b < 0x20 || b == b'"' || b == b'\\') {
        out.extend_from_slice(&bytes[copied..at]);
        match bytes[at] {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0C => out.extend_from_slice(b"\\f"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            control => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(control >> 4)]);
                out.push(HEX[usize::from(control & 0x0F)]);
            }
        }
        copied = at + 1;
    }
    out.extend_from_slice(&bytes[copied..]);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{DateSource, SourceFormat};

    /// Articles drawn from pieces that need every kind of escape, with every optional
    /// field both missing and present, against serde_json.
    #[test]
    fn same_bytes_as_serde_json() {
        let pieces = [
            "a",
            "Đảng",
            " ",
            "\"",
            "\\",
            "\n",
            "\r",
            "\t",
            "\u{8}",
            "\u{c}",
            "\u{1}",
            "\u{1f}",
            "\u{7f}",
            "/",
            "é",
            "😀",
            "\u{2028}",
            "</script>",
            "",
        ];
        let mut next = scan::xorshift();
        let mut text = |n: usize| -> String {
            (0..next() % n)
                .map(|_| pieces[next() % pieces.len()])
                .collect()
        };
        let mut article = Article {
            schema_version: 2,
            id: "0123456789abcdef".to_string(),
            source_path: "a/b.txt".to_string(),
            source_sha256: "ab".repeat(32),
            source_format: SourceFormat::Text,
            url: None,
            encoding: "utf-8".to_string(),
            encoding_confidence: 0.97,
            repairs: Vec::new(),
            language: None,
            title: String::new(),
            lead: None,
            body: String::new(),
            captions: Vec::new(),
            author: None,
            dateline: None,
            published: None,
            published_from: None,
            header_date: None,
            dateline_date: None,
            word_count: 0,
            warnings: Vec::new(),
            captured: None,
            duplicate_of: None,
        };
        let confidences = [0.0, 1.0, 0.5, 0.97, 1e-7, 123.456, f64::NAN, f64::INFINITY];
        for round in 0..3000usize {
            let some = round % 2 == 1;
            let maybe = |text: String| some.then_some(text);
            article.source_format = [SourceFormat::Text, SourceFormat::Html][round % 2];
            article.source_path = text(6);
            article.url = maybe(text(4));
            article.encoding_confidence = confidences[round % confidences.len()];
            article.repairs = (0..round % 3).map(|_| text(3)).collect();
            article.language = maybe("vi".to_string());
            article.title = text(8);
            article.lead = maybe(text(30));
            article.body = text(400);
            article.captions = (0..round % 4).map(|_| text(5)).collect();
            article.author = maybe(text(4));
            article.dateline = maybe(text(3));
            article.published = maybe("2020-01-02".to_string());
            article.published_from = some.then_some(DateSource::Dateline);
            article.header_date = maybe(text(2));
            article.dateline_date = maybe(text(2));
            article.word_count = (round as u64) << (round % 40);
            article.warnings = (0..round % 2).map(|_| text(3)).collect();
            article.captured = maybe(text(2));
            article.duplicate_of = maybe(text(2));
            let mut expected = serde_json::to_vec(&article).unwrap();
            expected.push(b'\n');
            assert_eq!(
                String::from_utf8(json_line(&article)).unwrap(),
                String::from_utf8(expected).unwrap()
            );
        }
    }
}
