//! One document, start to finish: raw bytes → [`decode`](crate::decode) →
//! [`extract`](crate::extract) → an [`Article`], or a [`Reject`] naming the stage that
//! gave up. Runs on worker threads; owns all its data and shares nothing mutable.
//!
//! A document is a web page when its content says so (whatever its name): it is decoded
//! with its declared charset as evidence, parsed, and each extracted field is repaired
//! on its own. Anything else is read as a text dump.
//!
//! A panic inside this work is a bug in salvage, but it must not take the run down: it is
//! caught and becomes a reject with reason `internal_error`, naming the stage it hit.

use std::cell::RefCell;
use std::panic::{self, AssertUnwindSafe};

use sha2::{Digest, Sha256};

use crate::decode::run_check::RunTally;
use crate::decode::trace::{DecodeTrace, RepairStep};
use crate::decode::{self, DecodeOptions, Decoded, markup};
use crate::extract::html::{self, sniff};
use crate::extract::{ExtractRefusal, Fields, language, text};
use crate::record::{Article, Outcome, SCHEMA_VERSION, SourceFormat};
use crate::reject::{Reason, Reject, Stage};
use crate::sources::RawDoc;

/// Converts one document with the default decoding options; never panics.
pub fn process(doc: &RawDoc) -> Outcome {
    process_with(doc, &DecodeOptions::default())
}

/// Converts one document; never panics.
pub fn process_with(doc: &RawDoc, options: &DecodeOptions) -> Outcome {
    process_traced(doc, options, None)
}

/// [`process_with`], also giving back a text dump's decoded text (all of it, before
/// extraction), which the report page shows beside the raw bytes: decoding it again there
/// took the delivering thread's time. With a `run` whose encodings have been tallied, a
/// text dump whose encoding was a weak guess is decoded again with the run's encoding when
/// that reads better (see [`RunTally::recheck`]). Never panics.
pub fn process_keeping_text(
    doc: &RawDoc,
    options: &DecodeOptions,
    run: Option<&RunTally>,
) -> (Outcome, Option<String>) {
    let mut stage = Stage::Decode;
    let mut text = None;
    let outcome = catch_panics(doc, &mut stage, |stage| {
        convert(doc, options, stage, None, run, &mut text)
    });
    (outcome, text)
}

/// What converting one document saw and decided (for `salvage inspect`).
#[derive(Clone, Debug, Default)]
pub struct ProcessTrace {
    /// Whether the content was read as a web page.
    pub is_html: bool,
    /// The charset the container or the page declares.
    pub declared: Option<String>,
    pub decode: DecodeTrace,
    /// The decoded text (a page's markup, unrepaired), when decoding succeeded.
    pub decoded: Option<Decoded>,
    /// A web page's repairs, made on each piece of text: the first step of each kind,
    /// with the number of pieces it changed.
    pub field_steps: Vec<(RepairStep, u64)>,
}

/// [`process_with`], recording each stage's decisions in `trace` when given (the outcome
/// is the same either way).
pub fn process_traced(
    doc: &RawDoc,
    options: &DecodeOptions,
    trace: Option<&mut ProcessTrace>,
) -> Outcome {
    let mut stage = Stage::Decode;
    catch_panics(doc, &mut stage, |stage| {
        convert(doc, options, stage, trace, None, &mut None)
    })
}

/// Runs `work`, turning a panic into an `internal_error` reject at the stage it reached.
fn catch_panics(
    doc: &RawDoc,
    stage: &mut Stage,
    work: impl FnOnce(&mut Stage) -> Outcome,
) -> Outcome {
    let converted = panic::catch_unwind(AssertUnwindSafe(|| work(stage)));
    match converted {
        Ok(outcome) => outcome,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            Outcome::Reject(Reject::new(
                &doc.source_path,
                *stage,
                Reason::InternalError,
                format!(
                    "salvage failed on this document because of a bug ({what}); please report it with the file"
                ),
            ))
        }
    }
}

/// Converts one document; a text dump's decoded text is left in `decoded_text`.
fn convert(
    doc: &RawDoc,
    options: &DecodeOptions,
    stage: &mut Stage,
    mut trace: Option<&mut ProcessTrace>,
    run: Option<&RunTally>,
    decoded_text: &mut Option<String>,
) -> Outcome {
    let reject = |stage, reason, message| {
        Outcome::Reject(Reject::new(&doc.source_path, stage, reason, message))
    };
    *stage = Stage::Decode;
    let is_html = sniff::looks_like_html(&doc.bytes);
    let declared = is_html
        .then(|| {
            doc.hints
                .charset
                .clone()
                .or_else(|| sniff::declared_charset(&doc.bytes))
        })
        .flatten();
    let decode_trace = trace.as_deref_mut().map(|t| &mut t.decode);
    let decoded = if is_html {
        markup::decode_markup_traced(&doc.bytes, options, declared.as_deref(), decode_trace)
    } else {
        decode::decode_traced(&doc.bytes, options, decode_trace)
    };
    if let Some(trace) = trace.as_deref_mut() {
        trace.is_html = is_html;
        trace.declared = declared;
        trace.decoded = decoded.as_ref().ok().cloned();
    }
    let mut decoded = match decoded {
        Ok(decoded) => decoded,
        Err(refusal) => return reject(Stage::Decode, refusal.reason, refusal.message),
    };
    if let Some(again) = run
        .filter(|_| !is_html)
        .and_then(|run| run.recheck(&doc.bytes, &decoded, options))
    {
        decoded = again;
    }
    *stage = Stage::Extract;
    let fields = if is_html {
        let steps = trace.map(|t| &mut t.field_steps);
        extract_page(&decoded, doc, options, steps)
    } else {
        text::extract(&decoded.text)
    };
    let fields = match fields {
        Ok(fields) => fields,
        Err(refusal) => return reject(Stage::Extract, refusal.reason, refusal.message),
    };
    let sha256 = sha256_hex(&doc.bytes);
    let mut repairs = decoded.repairs;
    repairs.extend(fields.repairs.iter().cloned());
    let mut warnings = decoded.warnings;
    warnings.extend(fields.warnings.iter().cloned());
    let language = language::detect_parts(&[&fields.title, &fields.body]).map(str::to_string);
    let published = fields.published();
    if !is_html {
        *decoded_text = Some(decoded.text);
    }
    Outcome::Article(Box::new(Article {
        schema_version: SCHEMA_VERSION,
        id: sha256[..16].to_string(),
        source_path: doc.source_path.clone(),
        source_sha256: sha256,
        source_format: if is_html {
            SourceFormat::Html
        } else {
            SourceFormat::Text
        },
        url: fields.url.clone(),
        encoding: decoded.encoding,
        encoding_confidence: decoded.confidence,
        repairs,
        language,
        word_count: fields.word_count(),
        published: published.map(|(date, _)| date.to_string()),
        published_from: published.map(|(_, source)| source),
        header_date: fields.header_date.map(|d| d.to_string()),
        dateline_date: fields.dateline_date.map(|d| d.to_string()),
        title: fields.title,
        lead: fields.lead,
        body: fields.body,
        captions: fields.captions,
        author: fields.author,
        dateline: fields.dateline,
        warnings,
        captured: None,
        duplicate_of: None,
    }))
}

/// Extracts a web page's article, repairing each field as the decode stage would, and
/// warns `truncated-html` when the page stops before its closing tags.
fn extract_page(
    decoded: &decode::Decoded,
    doc: &RawDoc,
    options: &DecodeOptions,
    steps: Option<&mut Vec<(RepairStep, u64)>>,
) -> Result<Fields, ExtractRefusal> {
    let tracing = steps.is_some();
    let seen = RefCell::new(Vec::<(RepairStep, u64)>::new());
    let clean = |text: &str, repairs: &mut Vec<String>, warnings: &mut Vec<String>| {
        if !tracing {
            return markup::clean_text(text, &decoded.encoding, options, repairs, warnings);
        }
        let mut piece = Vec::new();
        let cleaned = markup::clean_text_traced(
            text,
            &decoded.encoding,
            options,
            (repairs, warnings),
            Some(&mut piece),
        );
        let mut seen = seen.borrow_mut();
        for step in piece {
            match seen.iter_mut().find(|(s, _)| s.repairs == step.repairs) {
                Some((_, pieces)) => *pieces += 1,
                None => seen.push((step, 1)),
            }
        }
        cleaned
    };
    let fields = html::extract(&decoded.text, doc.hints.url.as_deref(), &clean);
    if let Some(steps) = steps {
        *steps = seen.into_inner();
    }
    let mut fields = fields?;
    if html::sniff::is_truncated(&decoded.text) {
        fields.warnings.push("truncated-html".to_string());
    }
    Ok(fields)
}

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// `bytes` as lowercase hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    let mut hex = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        hex.push(char::from(b"0123456789abcdef"[usize::from(byte >> 4)]));
        hex.push(char::from(b"0123456789abcdef"[usize::from(byte & 0xF)]));
    }
    hex
}
