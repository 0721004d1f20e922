//! HTML character references left in text: `&#7843;`, `&#x1EA3;`, `&amp;`, `&nbsp;` and
//! the other named references that old pages and exports leave behind, also when escaped
//! twice (`&amp;#7843;`). Runs after mojibake repair and before NFC.
//!
//! Refuses to touch an ampersand that does not start a known reference (`AT&T`, `a & b`),
//! a numeric reference to a surrogate, NUL or beyond U+10FFFF, and references without `;`.

/// Named references decoded (the HTML 4 Latin-1 set's common part and typographic marks).
const NAMED: [(&str, char); 52] = [
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{A0}'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("hellip", '…'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("bull", '•'),
    ("middot", '·'),
    ("deg", '°'),
    ("euro", '€'),
    ("times", '×'),
    ("shy", '\u{AD}'),
    ("agrave", 'à'),
    ("aacute", 'á'),
    ("acirc", 'â'),
    ("atilde", 'ã'),
    ("egrave", 'è'),
    ("eacute", 'é'),
    ("ecirc", 'ê'),
    ("igrave", 'ì'),
    ("iacute", 'í'),
    ("ograve", 'ò'),
    ("oacute", 'ó'),
    ("ocirc", 'ô'),
    ("otilde", 'õ'),
    ("ugrave", 'ù'),
    ("uacute", 'ú'),
    ("yacute", 'ý'),
    ("Agrave", 'À'),
    ("Aacute", 'Á'),
    ("Acirc", 'Â'),
    ("Atilde", 'Ã'),
    ("Egrave", 'È'),
    ("Eacute", 'É'),
    ("Ecirc", 'Ê'),
    ("Ograve", 'Ò'),
    ("Oacute", 'Ó'),
    ("Ocirc", 'Ô'),
    ("Uacute", 'Ú'),
    ("Iacute", 'Í'),
];

/// Decodes the references in `text`, twice at most (for double escaping). `None` when
/// there were none.
pub fn decode_references(text: &str) -> Option<String> {
    let once = decode_once(text)?;
    Some(decode_once(&once).unwrap_or(once))
}

fn decode_once(text: &str) -> Option<String> {
    // The first `&` that starts a reference; text with none (an `&` in prose, or none at
    // all) is not copied. (memchr finds `&` several times faster than `str::find`, and this
    // runs on every text.)
    let bytes = text.as_bytes();
    let mut from = 0;
    let (first, c, len) = loop {
        let at = from + memchr::memchr(b'&', &bytes[from..])?;
        if let Some((c, len)) = reference(&text[at + 1..]) {
            break (at, c, len);
        }
        from = at + 1;
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    out.push(c);
    let mut rest = &text[first + 1 + len..];
    while let Some(at) = memchr::memchr(b'&', rest.as_bytes()) {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        match reference(after) {
            Some((c, len)) => {
                out.push(c);
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Some(out)
}

/// The character a reference after `&` stands for, and the length consumed (with `;`).
fn reference(after: &str) -> Option<(char, usize)> {
    let end = after.char_indices().take(12).find(|&(_, c)| c == ';')?.0;
    let name = &after[..end];
    let c = if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse::<u32>().ok()?,
        };
        char::from_u32(code).filter(|&c| c != '\0')?
    } else {
        NAMED.iter().find(|(n, _)| *n == name)?.1
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::decode_references;

    #[test]
    fn references() {
        assert_eq!(
            decode_references("&#272;&#7843;ng").as_deref(),
            Some("Đảng")
        );
        assert_eq!(
            decode_references("&#x110;&#x1EA3;ng").as_deref(),
            Some("Đảng")
        );
        assert_eq!(
            decode_references("&amp;#7843; &amp;amp;").as_deref(),
            Some("ả &")
        );
        assert_eq!(
            decode_references("Tin &amp; ảnh&nbsp;x").as_deref(),
            Some("Tin & ảnh\u{A0}x")
        );
        assert_eq!(decode_references("AT&T & co; &#xD800; &bogus;"), None);
        assert_eq!(decode_references("no ampersand"), None);
    }
}
