//! Before decoding: is this file a web page, and which charset does it declare?
//!
//! A file is HTML by its content, not its name: its first markup (after a byte-order mark,
//! spaces and comments) is a doctype, `<html>`, `<head>`, `<body>`, or another element
//! old pages start with (`<meta>`, `<table>`, `<font>`, `<p>`), or it holds `<html`,
//! `<body` or `<!doctype html` within its first 4 KB. UTF-16 pages are read through their
//! NUL bytes. The declared charset is the `<meta charset>` or `<meta http-equiv
//! content="…; charset=…">` in the first 4 KB: evidence for decoding, never truth.

/// How much of the file the sniffers look at.
const PREFIX: usize = 4096;

/// Openings that make a file HTML.
const OPENINGS: [&str; 16] = [
    "<!doctype html",
    "<html",
    "<head",
    "<body",
    "<meta",
    "<title",
    "<table",
    "<div",
    "<p>",
    "<p ",
    "<font",
    "<center",
    "<h1",
    "<br",
    "<link",
    "<script",
];

/// Lowercase ASCII view of the file's start, without NUL bytes (UTF-16) and BOM bytes.
fn prefix(bytes: &[u8]) -> String {
    bytes
        .iter()
        .take(PREFIX * 2)
        .filter(|&&b| b != 0 && b < 0x80)
        .take(PREFIX)
        .map(|&b| char::from(b.to_ascii_lowercase()))
        .collect()
}

/// Whether the bytes are a web page.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    // Every rule below needs a `<`; most text dumps have none.
    let start = &bytes[..bytes.len().min(PREFIX * 2)];
    if memchr::memchr(b'<', start).is_none() {
        return false;
    }
    let head = prefix(bytes);
    let mut rest = head.trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("<!--") {
            match after.find("-->") {
                Some(end) => rest = after[end + 3..].trim_start(),
                None => break,
            }
        } else if rest.starts_with("<?xml") {
            match rest.find("?>") {
                Some(end) => rest = rest[end + 2..].trim_start(),
                None => break,
            }
        } else {
            break;
        }
    }
    OPENINGS.iter().any(|o| rest.starts_with(o))
        || ["<html", "<body", "<!doctype html"]
            .iter()
            .any(|marker| head.contains(marker))
}

/// The charset the page declares in a `<meta>` tag, lowercase.
pub fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = prefix(bytes);
    let mut from = 0;
    while let Some(at) = head[from..].find("<meta") {
        let start = from + at;
        let end = head[start..].find('>').map_or(head.len(), |e| start + e);
        let tag = &head[start..end];
        if let Some(pos) = tag.find("charset") {
            let value = tag[pos + "charset".len()..]
                .trim_start()
                .strip_prefix('=')
                .map(|v| v.trim_start().trim_start_matches(['"', '\'']))
                .unwrap_or("");
            let label: String = value
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
                .collect();
            if !label.is_empty() {
                return Some(label);
            }
        }
        from = end.max(start + 1);
    }
    None
}

/// Whether a decoded page stops before its end: it opened `<html>` or `<body>` but
/// closes neither in its last 16 KB.
pub fn is_truncated(page: &str) -> bool {
    let contains = |haystack: &[u8], needle: &[u8]| {
        haystack
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
    };
    let bytes = page.as_bytes();
    let head = &bytes[..bytes.len().min(PREFIX)];
    let tail = &bytes[bytes.len().saturating_sub(16 * 1024)..];
    let opened = contains(head, b"<html") || contains(head, b"<body");
    opened && !contains(tail, b"</html") && !contains(tail, b"</body")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_by_content() {
        assert!(looks_like_html(b"\xEF\xBB\xBF<!DOCTYPE html><html>"));
        assert!(looks_like_html(b"  <!-- saved --> <HTML><BODY>x"));
        assert!(looks_like_html(
            b"<table width=600><tr><td><font face=Arial>"
        ));
        assert!(looks_like_html(
            b"<?xml version=\"1.0\"?>\n<html xmlns=\"x\">"
        ));
        let utf16: Vec<u8> = "<html><body>x"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(looks_like_html(&utf16));
        assert!(!looks_like_html("Thứ ba, 19/01/2021\n\nTiêu đề".as_bytes()));
        assert!(!looks_like_html(b"a < b and c > d"));
    }

    #[test]
    fn truncation() {
        assert!(is_truncated("<html><body><p>Cut off in the mid"));
        assert!(!is_truncated("<html><body><p>Whole</p></body></html>\n"));
        assert!(!is_truncated("<p>A fragment</p>"));
    }

    #[test]
    fn declared_charsets() {
        let page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\">";
        assert_eq!(declared_charset(page).as_deref(), Some("windows-1258"));
        assert_eq!(
            declared_charset(b"<meta charset='UTF-8'>").as_deref(),
            Some("utf-8")
        );
        assert_eq!(declared_charset(b"<meta name=x content=y>"), None);
    }
}
