//! What the names in a report mean, in one sentence each, so a reader of `report.html`
//! needs no other document: encodings, repairs, warnings and reject reasons. A name this
//! table does not know (a future repair) is said to be undocumented, never hidden.

/// What reading a document's bytes in `encoding` means.
pub fn encoding_meaning(encoding: &str) -> String {
    let text = match encoding {
        "utf-8" => "Unicode (UTF-8): read as it is",
        "utf-16le" | "utf-16be" => "Unicode in two-byte units (UTF-16), as Windows tools save it",
        "windows-1258" => "Windows Vietnamese (code page 1258), tones as separate marks",
        "tcvn3" => "TCVN3 (ABC), the 1990s Vietnamese standard of the .VnTime fonts",
        "vni" => "VNI-Windows, the encoding of the VNI fonts (two bytes for most accented letters)",
        "viscii" => "VISCII (RFC 1456), an early Vietnamese standard",
        "vps" => "VPS, an early Vietnamese encoding",
        "viqr" => "VIQR: Vietnamese written in plain ASCII with marks after the letters (Vie^.t)",
        "windows-1252" => {
            "Windows Western (code page 1252), guessed for text that is not Vietnamese"
        }
        _ => "a character encoding chosen by detection (chardetng) for text that is not Vietnamese",
    };
    text.to_string()
}

/// What a repair did to a record's text.
pub fn repair_meaning(repair: &str) -> String {
    if let Some(encoding) = repair.strip_prefix("mojibake:utf-8-as-") {
        return format!(
            "UTF-8 text that had been opened as {encoding} and saved again (Ä‘Ã£ for đã) was restored"
        );
    }
    if let Some(encoding) = repair.strip_prefix("legacy-font:") {
        return format!("a paragraph typed in a {encoding} font inside Unicode text was converted");
    }
    if let Some(encoding) = repair.strip_prefix("mixed-encoding:") {
        return format!(
            "lines saved in {encoding} among UTF-8 lines were each decoded on their own"
        );
    }
    if let Some(style) = repair.strip_prefix("tone-marks:") {
        return format!("tone marks moved to the {style} placement (--tone-style)");
    }
    let text = match repair {
        "bom" => "a byte-order mark at the start of the file was removed",
        "nfc" => {
            "letters stored as a base letter plus a combining accent were joined into one character (they look the same; search and sorting need it)"
        }
        "nbsp" => "no-break spaces became ordinary spaces",
        "spaces" => "unusual space characters became ordinary spaces",
        "zero-width" => "invisible zero-width characters were removed",
        "soft-hyphen" => "invisible soft hyphens were removed",
        "control-chars" => "control characters (which display as nothing or garbage) were removed",
        "line-join" => {
            "a title, paragraph or caption broken over several lines was joined with spaces"
        }
        "c1-controls" => {
            "control codes that stood for windows-1252 punctuation (“ ” …) became that punctuation"
        }
        "html-entities" => {
            "HTML character references left in the text (&#7843;) became the characters"
        }
        "tcvn3-capitals" => {
            "capitals that TCVN3 cannot encode (typed in a capital font) were restored"
        }
        _ => "a repair this report does not describe yet",
    };
    text.to_string()
}

/// What a warning tells a reader of the record.
pub fn warning_meaning(warning: &str) -> String {
    let text = match warning {
        "weekday-mismatch" => "the weekday printed in the header is wrong for its date",
        "dateline-after-header" => {
            "the lead's date is later than the page's own date: the header date was used"
        }
        "low-confidence-encoding" => "the encoding was a guess: check the text",
        "ambiguous-repair" => {
            "a damaged letter had more than one valid reading; the usual one was chosen"
        }
        "truncated-html" => "the page stops before its end (a partial save)",
        _ => "a warning this report does not describe yet",
    };
    text.to_string()
}

/// Why a document gave no record.
pub fn reject_meaning(reason: &str) -> String {
    let text = match reason {
        "unreadable" => "the file could not be opened or read",
        "too_large" => "larger than --max-doc-size",
        "empty" => "zero bytes, or only whitespace",
        "not_text" => "binary data (an image, an archive, NUL bytes), not text",
        "no_title" => "the first block is a paragraph, not a headline",
        "empty_body" => "a headline with no article text after it",
        "not_article" => "a web page that holds no article (a home page, a section listing)",
        "internal_error" => "a bug in salvage; the run went on without this document",
        _ => "a reason this report does not describe yet",
    };
    text.to_string()
}
