//! One repaired document shown before and after: the first lines that repairs changed, as
//! a person opening the file saw them ([`as_seen`]: UTF-8, the declared charset, or
//! windows-1252) beside the repaired text. A web page's lines are shown without their
//! tags and with character references read once, as a browser shows them.
//!
//! Lines are compared one to one: decoding keeps lines where they were. It gives nothing
//! when the two sides do not line up (UTF-16 seen as bytes, say) or when no line changed
//! visibly; the caller then keeps looking.

use crate::decode::trace::{as_seen, excerpt_pair_sized};
use crate::decode::{self, DecodeOptions, markup};
use crate::extract::html::sniff;

/// Changed lines shown at most.
const MAX_LINES: usize = 4;
/// Characters of context before a line's first change, and from it.
const CONTEXT: usize = 60;
const SPAN: usize = 200;

/// Lines before and after repair.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BeforeAfter {
    /// How the "before" side is shown (`UTF-8`, `windows-1252`).
    pub seen_as: String,
    pub lines: Vec<(String, String)>,
}

/// A record's raw bytes, with its whole decoded text when the worker that converted it
/// kept it (a text dump's; otherwise the bytes are decoded again).
#[derive(Clone, Copy, Debug)]
pub struct Original<'a> {
    pub bytes: &'a [u8],
    pub decoded_text: Option<&'a str>,
}

impl<'a> Original<'a> {
    /// Raw bytes alone.
    pub fn bytes(bytes: &'a [u8]) -> Self {
        Original {
            bytes,
            decoded_text: None,
        }
    }
}

/// The first changed lines of a document, or `None`.
pub fn before_after(
    original: Original<'_>,
    is_html: bool,
    options: &DecodeOptions,
) -> Option<BeforeAfter> {
    let bytes = original.bytes;
    let declared = is_html.then(|| sniff::declared_charset(bytes)).flatten();
    let seen = as_seen(bytes, declared.as_deref());
    let seen_as = if std::str::from_utf8(bytes).is_ok() {
        "UTF-8".to_string()
    } else {
        declared
            .as_deref()
            .and_then(|l| encoding_rs::Encoding::for_label(l.trim().as_bytes()))
            .filter(|e| e.is_single_byte())
            .map_or("windows-1252", |e| e.name())
            .to_string()
    };
    let lines = if is_html {
        let decoded = markup::decode_markup(bytes, options, declared.as_deref()).ok()?;
        let clean = |text: &str| {
            let (mut repairs, mut warnings) = (Vec::new(), Vec::new());
            markup::clean_text(
                text,
                &decoded.encoding,
                options,
                &mut repairs,
                &mut warnings,
            )
        };
        let seen_lines = visible_lines(&seen);
        let decoded_lines = visible_lines(&decoded.text);
        let after: Vec<String> = decoded_lines.iter().map(|l| clean(l)).collect();
        if seen_lines.len() != after.len() {
            return None;
        }
        changed_lines(
            seen_lines.iter().map(String::as_str),
            after.iter().map(String::as_str),
        )?
    } else {
        let decoded_again;
        let decoded = match original.decoded_text {
            Some(text) => text,
            None => {
                decoded_again = decode::decode_with_options(bytes, options).ok()?.text;
                &decoded_again
            }
        };
        if line_count(&seen) != line_count(decoded) {
            return None;
        }
        changed_lines(lines_of(&seen), lines_of(decoded))?
    };
    Some(BeforeAfter { seen_as, lines })
}

/// The first [`MAX_LINES`] lines that differ visibly, as excerpts (the two sides have
/// as many lines); `None` when no line changed.
fn changed_lines<'a>(
    before: impl Iterator<Item = &'a str>,
    after: impl Iterator<Item = &'a str>,
) -> Option<Vec<(String, String)>> {
    let lines: Vec<(String, String)> = before
        .zip(after)
        .filter(|(b, a)| b.trim() != a.trim() && a.chars().any(char::is_alphabetic))
        .take(MAX_LINES)
        .map(|(b, a)| excerpt_pair_sized(b.trim(), a.trim(), CONTEXT, SPAN))
        .collect();
    (!lines.is_empty()).then_some(lines)
}

/// How many lines [`lines_of`] finds.
fn line_count(text: &str) -> usize {
    let bytes = text.as_bytes();
    let breaks = memchr::memchr2_iter(b'\n', b'\r', bytes).count();
    breaks + 1 - memchr::memmem::find_iter(bytes, b"\r\n").count()
}

/// Lines split at LF, CRLF or CR (decoding turns all three into LF), without copying.
fn lines_of(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let current = rest?;
        match current.find(['\n', '\r']) {
            Some(at) => {
                let separator = if current[at..].starts_with("\r\n") {
                    2
                } else {
                    1
                };
                rest = current.get(at + separator..);
                current.get(..at)
            }
            None => {
                rest = None;
                Some(current)
            }
        }
    })
}

/// A page's lines without tags, comments, scripts and styles, references read once.
fn visible_lines(page: &str) -> Vec<String> {
    let mut state = State::Text;
    lines_of(page)
        .map(|line| read_references(&strip_line(line, &mut state)))
        .collect()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Text,
    /// Inside a tag; `raw` is the end tag of a script or style it opens, `quote` the
    /// quote of an attribute value being read.
    Tag {
        raw: Option<&'static str>,
        quote: Option<char>,
    },
    Comment,
    Raw(&'static str),
}

fn tag(raw: Option<&'static str>) -> State {
    State::Tag { raw, quote: None }
}

/// The text of one line of markup; `state` carries tags and comments across lines.
fn strip_line(line: &str, state: &mut State) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        let lower = |n: usize| rest.get(..n).map(str::to_ascii_lowercase);
        let mut step = c.len_utf8();
        match *state {
            State::Text if c == '<' => {
                *state = if rest.starts_with("<!--") {
                    step = 4;
                    State::Comment
                } else if lower(7).as_deref() == Some("<script") {
                    tag(Some("</script"))
                } else if lower(6).as_deref() == Some("<style") {
                    tag(Some("</style"))
                } else {
                    tag(None)
                };
            }
            State::Text => out.push(c),
            State::Tag { raw, quote: None } if c == '>' => {
                *state = raw.map_or(State::Text, State::Raw);
            }
            State::Tag { raw, quote: None } if c == '"' || c == '\'' => {
                *state = State::Tag {
                    raw,
                    quote: Some(c),
                };
            }
            State::Tag {
                raw,
                quote: Some(q),
            } if c == q => {
                *state = State::Tag { raw, quote: None };
            }
            State::Tag { .. } => {}
            State::Comment if rest.starts_with("-->") => {
                step = 3;
                *state = State::Text;
            }
            State::Comment => {}
            State::Raw(end) if lower(end.len()).as_deref() == Some(end) => {
                *state = tag(None);
            }
            State::Raw(_) => {}
        }
        rest = &rest[step.min(rest.len())..];
    }
    out
}

/// Character references read once, as a browser does (`&amp;#7843;` stays `&#7843;`).
fn read_references(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| reference(&rest[1..e]).map(|c| (c, e)));
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn reference(name: &str) -> Option<char> {
    let number = |digits: &str, radix| {
        u32::from_str_radix(digits, radix)
            .ok()
            .and_then(char::from_u32)
    };
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some('\u{a0}'),
        _ => match name.strip_prefix('#')? {
            hex if hex.starts_with(['x', 'X']) => number(&hex[1..], 16),
            decimal => number(decimal, 10),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_split_at_lf_crlf_and_cr() {
        // Every string of up to 6 characters from `a`, CR and LF, against copying splits.
        for n in 0..6u32 {
            for code in 0..3usize.pow(n) {
                let text: String = (0..n)
                    .map(|i| ['a', '\r', '\n'][code / 3usize.pow(i) % 3])
                    .collect();
                let copied = text.replace("\r\n", "\n");
                let expected: Vec<&str> = copied.split(['\n', '\r']).collect();
                assert_eq!(lines_of(&text).collect::<Vec<_>>(), expected, "{text:?}");
                assert_eq!(line_count(&text), expected.len(), "{text:?}");
            }
        }
    }

    #[test]
    fn tcvn3_dump_is_shown_as_windows_1252_beside_the_text() {
        let sample = include_bytes!("../../tests/data/vn-tables-samples/tcvn3.txt");
        let shown =
            before_after(Original::bytes(sample), false, &DecodeOptions::default()).unwrap();
        assert_eq!(shown.seen_as, "windows-1252");
        assert!(shown.lines[0].0.starts_with("S¸ng nay, §¶ng bé"));
        assert!(shown.lines[0].1.starts_with("Sáng nay, Đảng bộ"));
        // The text the worker decoded gives the same sample as decoding again.
        let options = DecodeOptions::default();
        let decoded = decode::decode_with_options(sample, &options).unwrap().text;
        let given = Original {
            bytes: sample,
            decoded_text: Some(&decoded),
        };
        assert_eq!(before_after(given, false, &options), Some(shown));
    }

    #[test]
    fn page_lines_lose_their_tags_and_read_references_once() {
        let mut state = State::Text;
        let line = strip_line("<p class=\"a>b\">Tin <b>mới</b><!-- x", &mut state);
        assert_eq!(line, "Tin mới");
        assert_eq!(
            strip_line("--> sau <script>if(a<b)</script> hết", &mut state),
            " sau  hết"
        );
        assert_eq!(
            read_references("a &amp;#7843; &lt;b&gt; &#273;"),
            "a &#7843; <b> đ"
        );
    }

    #[test]
    fn clean_text_gives_nothing() {
        assert_eq!(
            before_after(
                Original::bytes(b"Tin\n\nBai"),
                false,
                &DecodeOptions::default()
            ),
            None
        );
    }
}
