//! Multi-article text dumps: one file holding many articles, cut apart at separators. The
//! default separator is a line of five or more `=` or `-` (spaces around allowed) or a
//! form feed; `--split-on REGEX` replaces it. The regular expression runs on the raw
//! bytes in multi-line, CRLF-aware mode (`^` and `$` match at line starts and ends); what
//! it matches belongs to no article.
//!
//! Each non-blank piece is an article: the walker gives it the dump's `source_path` and
//! an id with `-N`, its 1-based position among the pieces. A dump with no separator, or
//! with one non-blank piece, stays one document with a plain id. UTF-16 files are never
//! cut (their separators are not these bytes). Refuses nothing.

use std::ops::Range;

use regex::bytes::Regex;

/// The default separator: a line of 5+ `=` or 5+ `-`, or a form feed.
pub const DEFAULT_SEPARATOR: &str = r"^[ \t]*(?:={5,}|-{5,})[ \t]*$|\x0C";

/// What every match of [`DEFAULT_SEPARATOR`] contains: a file without it has no separator.
/// Literals are found by a vectorised search, where the separator's `^[ \t]*` makes the
/// regex look at every byte (a visible share of the reading thread's time).
const DEFAULT_SEPARATOR_LITERALS: &str = r"=====|-----|\x0C";

/// Cuts dumps at a separator.
#[derive(Clone, Debug)]
pub struct Splitter {
    separator: Regex,
    /// A cheaper pattern that every separator matches, when there is one.
    required: Option<Regex>,
}

impl Splitter {
    /// A splitter for `pattern` (multi-line and CRLF-aware); an error for a bad pattern.
    pub fn new(pattern: &str) -> Result<Self, regex::Error> {
        let separator = Regex::new(&format!("(?mR){pattern}"))?;
        Ok(Splitter {
            separator,
            required: None,
        })
    }

    /// The default separator's splitter.
    pub fn default_separator() -> Self {
        // Constant patterns, checked by the unit tests: no input reaches these expects.
        Splitter {
            required: Some(
                Regex::new(DEFAULT_SEPARATOR_LITERALS).expect("the separator literals compile"),
            ),
            ..Splitter::new(DEFAULT_SEPARATOR).expect("the default separator compiles")
        }
    }

    /// The byte ranges of the non-blank pieces of `bytes` between separators.
    pub fn split(&self, bytes: &[u8]) -> Vec<Range<usize>> {
        if is_utf16(bytes) {
            return std::iter::once(0..bytes.len()).collect();
        }
        let has_separators = self.required.as_ref().is_none_or(|r| r.is_match(bytes));
        let mut pieces = Vec::new();
        let mut start = 0;
        let mut push = |range: Range<usize>| {
            if !bytes[range.clone()].iter().all(u8::is_ascii_whitespace) {
                pieces.push(range);
            }
        };
        let separators = has_separators.then(|| self.separator.find_iter(bytes));
        for found in separators.into_iter().flatten() {
            if found.is_empty() {
                continue;
            }
            push(start..found.start());
            start = found.end();
        }
        push(start..bytes.len());
        pieces
    }
}

/// UTF-16 by its byte-order mark, or by NUL bytes in the first kilobyte.
fn is_utf16(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF")
        || bytes.iter().take(1024).any(|&b| b == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces<'a>(splitter: &Splitter, text: &'a str) -> Vec<&'a str> {
        splitter
            .split(text.as_bytes())
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn default_separators() {
        let s = Splitter::default_separator();
        let dump = "A\n\nbody a\n=====\nB\n\nbody b\r\n  -------  \r\nC\x0cD\n-----\n";
        assert_eq!(
            pieces(&s, dump),
            ["A\n\nbody a\n", "\nB\n\nbody b\r\n", "\r\nC", "D\n"]
        );
        // Shorter rules, and dashes inside a line, are text.
        let one = "Tiêu đề\n\n---- a -----b\n====\n";
        assert_eq!(pieces(&s, one), [one]);
    }

    #[test]
    fn custom_separator_and_utf16() {
        let s = Splitter::new(r"^#{3}$").unwrap();
        assert_eq!(pieces(&s, "a\n###\nb\n###\n \n"), ["a\n", "\nb\n"]);
        let utf16 = b"\xFF\xFEa\x00\n\x00=\x00=\x00=\x00=\x00=\x00";
        assert_eq!(s.split(utf16).len(), 1);
        assert!(Splitter::new("(").is_err());
    }
}
