//! Reading a bag's tag files: `Label: value` lines (`bagit.txt`, `bag-info.txt`) and
//! manifests (`<checksum>  <path>` lines, RFC 8493 percent-encoding undone). Malformed
//! lines, duplicate entries and paths that leave the bag are problems in the [`Verdict`];
//! nothing is hashed here.

use std::collections::BTreeMap;
use std::io::Read;

use super::Verdict;
use super::files::BagFiles;

/// One manifest: algorithm and `path → checksum`.
pub struct Manifest {
    pub file: String,
    pub algorithm: String,
    pub entries: BTreeMap<String, String>,
}

/// The text of tag file `path`, or `None` (with a problem noted) when it cannot be read.
pub fn read_text(bag: &mut dyn BagFiles, path: &str, verdict: &mut Verdict) -> Option<String> {
    let mut text = String::new();
    match bag.open(path).and_then(|mut r| {
        r.read_to_string(&mut text)
            .map_err(|err| format!("cannot read {path} as UTF-8 text: {err}"))
    }) {
        Ok(_) => Some(text),
        Err(problem) => {
            verdict.problems.push(problem);
            None
        }
    }
}

/// `Label: value` lines (continuation lines, which start with whitespace, are joined).
pub fn tag_lines(text: &str) -> Vec<(String, String)> {
    let mut lines: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some(last) = lines.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
        } else if let Some((label, value)) = line.split_once(':') {
            lines.push((label.trim().to_string(), value.trim().to_string()));
        }
    }
    lines
}

pub fn read_manifests(
    bag: &mut dyn BagFiles,
    files: &[String],
    prefix: &str,
    verdict: &mut Verdict,
) -> Vec<Manifest> {
    let mut manifests = Vec::new();
    for file in files {
        let Some(algorithm) = file
            .strip_prefix(prefix)
            .and_then(|rest| rest.strip_suffix(".txt"))
            .filter(|a| !a.contains('/'))
        else {
            continue;
        };
        let Some(text) = read_text(bag, file, verdict) else {
            continue;
        };
        let mut entries = BTreeMap::new();
        for (number, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let parsed = line
                .split_once([' ', '\t'])
                .map(|(sum, path)| (sum, decode_path(path.trim_start_matches([' ', '\t']))));
            match parsed {
                Some((sum, path))
                    if !sum.is_empty()
                        && sum.bytes().all(|b| b.is_ascii_hexdigit())
                        && !path.is_empty() =>
                {
                    if path.split('/').any(|part| part == "..") || path.starts_with('/') {
                        verdict
                            .problems
                            .push(format!("{file}: {path} points outside the bag"));
                    } else if entries
                        .insert(path.clone(), sum.to_ascii_lowercase())
                        .is_some()
                    {
                        verdict
                            .problems
                            .push(format!("{file}: {path} is listed twice"));
                    }
                }
                _ => verdict.problems.push(format!(
                    "{file}: line {} is not `checksum  path`",
                    number + 1
                )),
            }
        }
        manifests.push(Manifest {
            file: file.clone(),
            algorithm: algorithm.to_ascii_lowercase(),
            entries,
        });
    }
    manifests
}

/// Undoes RFC 8493's percent-encoding of CR, LF and `%` in manifest paths.
fn decode_path(path: &str) -> String {
    path.replace("%0A", "\n")
        .replace("%0a", "\n")
        .replace("%0D", "\r")
        .replace("%0d", "\r")
        .replace("%25", "%")
}
