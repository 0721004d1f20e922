//! Names inside and of bundles, kept to `[A-Za-z0-9._-]` (and `/` between folders), the
//! characters every BagIt tool and file system handles: bagit-python mishandles `%`, a
//! newline breaks manifest lines, and non-ASCII names change form between file systems.
//!
//! Vietnamese letters lose their marks (`Lạng Sơn` → `Lang_Son`), anything else unsafe
//! becomes `_`, a leading `.` becomes `_`, and long parts are cut. [`OriginalNames`]
//! keeps the names of one bundle's originals unique, even on case-insensitive file
//! systems and when a file and a folder would share a name. It never touches the disk.

use std::collections::HashSet;

use unicode_normalization::UnicodeNormalization;

/// Longest part of a path, in bytes, once made safe.
const MAX_PART: usize = 120;

/// `text` made safe for a file name part: transliterated, unsafe characters as `_`,
/// never empty, never hidden, at most `max` bytes.
pub fn safe_part(text: &str, max: usize) -> String {
    let mut out = String::new();
    for c in text.nfd() {
        match c {
            'đ' => out.push('d'),
            'Đ' => out.push('D'),
            c if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') => out.push(c),
            c if unicode_normalization::char::is_combining_mark(c) => {}
            _ => out.push('_'),
        }
    }
    if out.starts_with('.') || out.is_empty() {
        out.insert(0, '_');
    }
    if out.len() > max {
        // Keep the extension, if short, so the file still opens with the right program.
        let extension = out
            .rfind('.')
            .map(|i| out[i..].to_string())
            .filter(|e| e.len() <= 10)
            .unwrap_or_default();
        out.truncate(max - extension.len());
        out.push_str(&extension);
    }
    out
}

/// The file names of one bundle's originals, handed out unique.
#[derive(Debug, Default)]
pub struct OriginalNames {
    /// Lower-cased file paths taken.
    files: HashSet<String>,
    /// Lower-cased folder paths implied by the files taken.
    folders: HashSet<String>,
}

impl OriginalNames {
    /// A unique payload name (relative to `data/`) for the document at `source_path` with
    /// record `id`: `originals/<safe source_path>`, or with `-<id>` before the extension
    /// when that is taken, or `originals/<id>-<name>` when a folder is in the way.
    pub fn assign(&mut self, source_path: &str, id: &str) -> String {
        let parts: Vec<String> = source_path
            .split('/')
            .filter(|p| !p.is_empty())
            .map(|p| safe_part(p, MAX_PART))
            .collect();
        let natural = if parts.is_empty() {
            "_".to_string()
        } else {
            parts.join("/")
        };
        let base = parts.last().cloned().unwrap_or_else(|| "_".into());
        let (stem, extension) = split_extension(&natural);
        let mut candidates = vec![
            format!("originals/{natural}"),
            format!("originals/{stem}-{id}{extension}"),
        ];
        candidates.push(format!("originals/{id}-{base}"));
        for candidate in candidates {
            if self.take(&candidate) {
                return candidate;
            }
        }
        (2u64..)
            .map(|n| format!("originals/{id}-{n}-{base}"))
            .find(|candidate| self.take(candidate))
            .unwrap_or_default()
    }

    /// Takes `path` when neither it nor a folder on its way clashes with a taken name.
    fn take(&mut self, path: &str) -> bool {
        let lower = path.to_lowercase();
        let ancestors: Vec<&str> = lower.match_indices('/').map(|(i, _)| &lower[..i]).collect();
        if self.files.contains(&lower)
            || self.folders.contains(&lower)
            || ancestors.iter().any(|a| self.files.contains(*a))
        {
            return false;
        }
        for ancestor in ancestors {
            self.folders.insert(ancestor.to_string());
        }
        self.files.insert(lower);
        true
    }
}

/// `("a/b", ".txt")` from `"a/b.txt"`; the extension is empty when there is none.
fn split_extension(path: &str) -> (&str, &str) {
    let name_start = path.rfind('/').map_or(0, |i| i + 1);
    match path[name_start..].rfind('.') {
        Some(dot) if dot > 0 => path.split_at(name_start + dot),
        _ => (path, ""),
    }
}

/// Whether `name` has only the characters allowed in a payload path.
pub fn is_safe_path(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b'/'))
        && name
            .split('/')
            .all(|p| !p.is_empty() && !p.starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names_become_safe() {
        assert_eq!(safe_part("Báo Lạng Sơn", 120), "Bao_Lang_Son");
        assert_eq!(safe_part("100%\nđúng.txt", 120), "100__dung.txt");
        assert_eq!(safe_part(".hidden", 120), "_.hidden");
        assert_eq!(safe_part("", 120), "_");
        let long = safe_part(&format!("{}.txt", "a".repeat(300)), 120);
        assert_eq!(long.len(), 120);
        assert!(long.ends_with(".txt"));
    }

    #[test]
    fn originals_stay_unique() {
        let mut names = OriginalNames::default();
        assert_eq!(names.assign("a b.txt", "1111"), "originals/a_b.txt");
        assert_eq!(names.assign("a_b.txt", "2222"), "originals/a_b-2222.txt");
        assert_eq!(names.assign("A_B.TXT", "3333"), "originals/A_B-3333.TXT");
        assert_eq!(names.assign("x", "4444"), "originals/x");
        assert_eq!(names.assign("x/y.txt", "5555"), "originals/5555-y.txt");
        assert_eq!(names.assign("dir/z", "6666"), "originals/dir/z");
        assert_eq!(names.assign("dir", "7777"), "originals/dir-7777");
        for name in ["originals/a_b.txt", "originals/dir-7777"] {
            assert!(is_safe_path(name));
        }
        assert!(!is_safe_path("originals/%41"));
        assert!(!is_safe_path("originals/.x"));
    }
}
