//! `salvage inspect`: one document, start to finish, with what each stage saw and decided:
//! the container and size, the container's hints, the format sniffed, every candidate
//! encoding with its score and the one chosen, each repair with a short excerpt before
//! and after, where each field of the record came from ([`lines`] for text dumps,
//! [`elements`] for web pages), and the final record or the reject.
//!
//! The document is converted by the same code as `convert` ([`process_traced`]); tracing
//! only records. It refuses a path that does not exist, a folder without `--member`, and a
//! member that leaves its folder (`..`, an absolute path). Text it returns comes from the
//! document unvetted: [`render`] escapes it for terminals.

pub mod elements;
pub mod lines;
mod page_text;
pub mod render;

use std::panic::{self, AssertUnwindSafe};
use std::path::{Component, Path};

use serde::Serialize;

use crate::config::DEFAULT_MAX_RATIO;
use crate::decode::DecodeOptions;
use crate::decode::trace::{CandidateScore, RepairStep, as_seen, excerpt_pair};
use crate::process::{ProcessTrace, process_traced, sha256_hex};
use crate::record::{Article, Outcome};
use crate::reject::Reject;
use crate::sources::{self, SourceItem, SourceOptions};

/// What to inspect.
#[derive(Clone, Debug)]
pub struct InspectRequest<'a> {
    /// A file, or a folder holding `member`.
    pub path: &'a Path,
    /// The document's path inside `path` (a folder today; an archive once sources read them).
    pub member: Option<&'a str>,
    pub options: DecodeOptions,
    pub max_doc_size: u64,
}

/// Why nothing could be inspected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InspectError {
    /// The path or member does not exist.
    NotFound(String),
    /// The request makes no sense (a folder without a member, a member escaping it).
    Usage(String),
}

/// Everything `inspect` found out about one document.
#[derive(Clone, Debug, Serialize)]
pub struct Inspection {
    pub path: String,
    /// `file`, or `folder` when the document is a member of a folder.
    pub container: &'static str,
    pub member: Option<String>,
    /// The document's `source_path`, as `convert` would write it.
    pub source_path: String,
    pub size_bytes: u64,
    pub sha256: Option<String>,
    pub hints: Hints,
    /// `html` or `text`, when the bytes were read.
    pub format: Option<&'static str>,
    pub declared_charset: Option<String>,
    pub decode: Option<DecodeView>,
    /// Where each field of the record came from.
    pub fields: Vec<FieldSource>,
    /// `record` or `reject`.
    pub outcome: &'static str,
    pub record: Option<Article>,
    pub reject: Option<Reject>,
}

/// The container's hints about the document.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Hints {
    pub charset: Option<String>,
    pub url: Option<String>,
    pub captured: Option<String>,
}

/// What decoding saw and decided.
#[derive(Clone, Debug, Serialize)]
pub struct DecodeView {
    pub route: &'static str,
    pub candidates: Vec<CandidateScore>,
    pub encoding: String,
    pub confidence: f64,
    /// The first lines as a person opening the file saw them, beside the decoded text,
    /// when decoding changed what they saw.
    pub as_seen: Option<SeenExcerpt>,
    pub steps: Vec<StepView>,
}

/// The document as seen in an editor or browser, and as decoded.
#[derive(Clone, Debug, Serialize)]
pub struct SeenExcerpt {
    pub before: String,
    pub after: String,
}

/// One repair step; `pieces` counts the pieces of a web page's text it changed.
#[derive(Clone, Debug, Serialize)]
pub struct StepView {
    pub repairs: Vec<String>,
    pub before: String,
    pub after: String,
    pub pieces: Option<u64>,
}

/// One field of the record and where it came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldSource {
    pub field: &'static str,
    pub source: String,
}

/// Inspects one document.
pub fn inspect(request: &InspectRequest) -> Result<Inspection, InspectError> {
    let (file, member) = locate(request)?;
    let size_bytes = std::fs::metadata(&file).map_or(0, |m| m.len());
    let mut inspection = Inspection {
        path: request.path.display().to_string(),
        container: if member.is_some() { "folder" } else { "file" },
        member: member.clone(),
        source_path: String::new(),
        size_bytes,
        sha256: None,
        hints: Hints::default(),
        format: None,
        declared_charset: None,
        decode: None,
        fields: Vec::new(),
        outcome: "reject",
        record: None,
        reject: None,
    };
    // The file's first document, as `convert` reads it (archives are not opened here).
    let options = SourceOptions {
        max_doc_size: request.max_doc_size,
        max_ratio: DEFAULT_MAX_RATIO,
        max_depth: 0,
        split: None,
    };
    let mut first: Option<SourceItem> = None;
    sources::walk(&file, &options, &mut |item| {
        first = Some(item);
        false
    });
    let doc = match first {
        Some(Ok(mut doc)) => {
            if let Some(member) = &member {
                doc.source_path = member.clone();
            }
            doc
        }
        Some(Err(reject)) => {
            inspection.source_path = member.unwrap_or(reject.source_path.clone());
            inspection.reject = Some(reject);
            return Ok(inspection);
        }
        None => {
            return Err(InspectError::NotFound(format!(
                "{} is gone",
                file.display()
            )));
        }
    };
    inspection.source_path = doc.source_path.clone();
    inspection.sha256 = Some(sha256_hex(&doc.bytes));
    inspection.hints = Hints {
        charset: doc.hints.charset.clone(),
        url: doc.hints.url.clone(),
        captured: doc.hints.captured.clone(),
    };
    let mut trace = ProcessTrace::default();
    let outcome = process_traced(&doc, &request.options, Some(&mut trace));
    inspection.format = Some(if trace.is_html { "html" } else { "text" });
    inspection.declared_charset = trace.declared.clone();
    inspection.decode = decode_view(&doc.bytes, &trace, &outcome);
    match outcome {
        Outcome::Article(article) => {
            let sources = AssertUnwindSafe(|| match &trace.decoded {
                Some(decoded) if trace.is_html => elements::page_sources(
                    &decoded.text,
                    &decoded.encoding,
                    &request.options,
                    &article,
                ),
                Some(decoded) => lines::text_sources(&decoded.text, &article),
                None => Vec::new(),
            });
            // Finding the sources helps a reader; it is not the conversion: a bug there
            // must not hide the record.
            inspection.fields = panic::catch_unwind(sources).unwrap_or_else(|_| {
                vec![FieldSource {
                    field: "sources",
                    source: "not found: salvage failed while looking them up (a bug)".into(),
                }]
            });
            inspection.outcome = "record";
            inspection.record = Some(*article);
        }
        Outcome::Reject(reject) => inspection.reject = Some(reject),
    }
    Ok(inspection)
}

/// The file to read and the member name, checked.
fn locate(request: &InspectRequest) -> Result<(std::path::PathBuf, Option<String>), InspectError> {
    let path = request.path;
    if std::fs::symlink_metadata(path).is_err() {
        return Err(InspectError::NotFound(format!(
            "not found: {}",
            path.display()
        )));
    }
    let Some(member) = request.member else {
        if path.is_dir() {
            return Err(InspectError::Usage(format!(
                "{} is a folder: name one document in it with --member PATH",
                path.display()
            )));
        }
        return Ok((path.to_path_buf(), None));
    };
    if !path.is_dir() {
        return Err(InspectError::Usage(format!(
            "--member needs a folder, and {} is not one (archives are not read yet)",
            path.display()
        )));
    }
    let relative = Path::new(member);
    if member.is_empty()
        || !relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
    {
        return Err(InspectError::Usage(format!(
            "--member {member:?} must be a path inside the folder, without `..`"
        )));
    }
    let file = path.join(relative);
    if !file.is_file() {
        return Err(InspectError::NotFound(format!(
            "no file {member} in {}",
            path.display()
        )));
    }
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Ok((file, Some(parts.join("/"))))
}

fn decode_view(bytes: &[u8], trace: &ProcessTrace, outcome: &Outcome) -> Option<DecodeView> {
    let decoded = trace.decoded.as_ref()?;
    let seen = as_seen(bytes, trace.declared.as_deref());
    let as_seen = (decoded.encoding != "utf-8" && seen != decoded.text).then(|| {
        let (before, after) = excerpt_pair(&seen, &decoded.text);
        SeenExcerpt { before, after }
    });
    let view = |step: &RepairStep, pieces| StepView {
        repairs: step.repairs.clone(),
        before: step.before.clone(),
        after: step.after.clone(),
        pieces,
    };
    let mut steps: Vec<StepView> = trace.decode.steps.iter().map(|s| view(s, None)).collect();
    // A page's pieces outside the article (menus, footers) are repaired too, but only the
    // repairs of the text kept reach the record: show those.
    let kept = match outcome {
        Outcome::Article(article) => article.repairs.as_slice(),
        Outcome::Reject(_) => &[],
    };
    steps.extend(
        trace
            .field_steps
            .iter()
            .filter(|(step, _)| step.repairs.iter().any(|r| kept.contains(r)))
            .map(|(step, pieces)| view(step, Some(*pieces))),
    );
    Some(DecodeView {
        route: trace.decode.route,
        candidates: trace.decode.candidates.clone(),
        encoding: decoded.encoding.clone(),
        confidence: decoded.confidence,
        as_seen,
        steps,
    })
}

/// Whitespace collapsed to single spaces, for comparing text across layouts.
pub(crate) fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first `max` characters of `text`.
pub(crate) fn prefix(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        Some((at, _)) => &text[..at],
        None => text,
    }
}
