//! Showing text that comes from documents nobody vetted: titles, authors, paths, reject
//! messages, excerpts. [`terminal`] makes it safe to print (no control character or escape
//! sequence reaches the terminal as it is), [`html`] safe to put in a page (no markup, no
//! attribute break-out), [`html_marked`] also shows invisible characters as marks.
//!
//! Characters that are escaped: C0 and C1 controls and DEL (terminal escapes start with
//! ESC or CSI), and the invisible format characters that hide or reorder text (zero-width
//! characters, bidirectional controls, the byte-order mark). It refuses nothing.

use std::fmt::Write;

/// Whether `c` is shown as an escape instead of as itself.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2069}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
        )
}

/// Characters that look like a space or nothing but are not one: shown as marks by
/// [`html_marked`] and escaped by [`terminal_marked`].
fn is_lookalike(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}' | '\u{00AD}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}'
    )
}

fn escape(c: char) -> String {
    match c {
        '\n' => "\\n".to_string(),
        '\t' => "\\t".to_string(),
        '\r' => "\\r".to_string(),
        c => format!("\\u{{{:x}}}", u32::from(c)),
    }
}

/// `text` safe for a terminal: hidden characters (newlines and tabs too) as `\n`, `\t`,
/// `\u{1b}`.
pub fn terminal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_hidden(c) {
            out.push_str(&escape(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// [`terminal`], with no-break and other lookalike spaces escaped too (`\u{a0}`), for
/// excerpts of repairs that change them.
pub fn terminal_marked(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_hidden(c) || is_lookalike(c) {
            out.push_str(&escape(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// `text` safe inside an HTML element or a quoted attribute value: `& < > " '` as
/// references, hidden characters but newlines and tabs as `\u{1b}` text.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        push_html(&mut out, c);
    }
    out
}

fn push_html(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        '\n' | '\t' => out.push(c),
        c if is_hidden(c) => out.push_str(&escape(c)),
        c => out.push(c),
    }
}

/// [`html`], with hidden and lookalike characters shown as marked code points
/// (`<span class="cp">U+00A0</span>`), so a repair of invisible characters can be seen.
pub fn html_marked(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        if c != '\n' && (is_hidden(c) || is_lookalike(c)) {
            let _ = write!(out, "<span class=\"cp\">U+{:04X}</span>", u32::from(c));
        } else {
            push_html(&mut out, c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_terminal_controls_and_bidi() {
        assert_eq!(terminal("a\u{1b}[31mb\u{9b}c"), "a\\u{1b}[31mb\\u{9b}c");
        assert_eq!(terminal("x\u{202e}y\nz"), "x\\u{202e}y\\nz");
        assert_eq!(terminal_marked("a\u{a0}b"), "a\\u{a0}b");
        assert_eq!(terminal("Đảng bộ"), "Đảng bộ");
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            html("<script>alert(1)</script>\"'&"),
            "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;"
        );
        assert_eq!(html("a\u{0}b"), "a\\u{0}b");
        assert_eq!(
            html_marked("a\u{a0}<b"),
            "a<span class=\"cp\">U+00A0</span>&lt;b"
        );
    }
}
