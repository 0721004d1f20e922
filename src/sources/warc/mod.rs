//! WARC files (ISO 28500, WARC/1.0 and 1.1), plain (`.warc`) or gzipped record by record
//! (`.warc.gz`, as Heritrix, wget and warcio write them). `response` records with an HTML
//! or plain-text payload, and `resource` and `conversion` records, become documents
//! named `crawl.warc.gz#<offset>`: the byte offset of the record, in a `.warc.gz` the
//! offset of its gzip member in the compressed file (what CDX indexes and `warcio index`
//! print). A record that shares a gzip member with earlier ones is `#<member>+<offset in
//! the member>`. `WARC-Target-URI` becomes the url hint, `WARC-Date` the capture date, the
//! HTTP `Content-Type` charset the decoding hint.
//!
//! A small reader of our own, on `httparse` for the named fields: the `warc` crate reads
//! whole records without bounding the header block, gives no record offsets, and inflates
//! a `.warc.gz` as one stream, so it cannot name a record's gzip member.
//!
//! Refuses, at the record's offset: header blocks over 64 KiB or without a valid
//! `Content-Length` (`corrupt_archive`), records cut short (`truncated`), records larger
//! than `--max-doc-size` plus 1 MiB of HTTP headers (`too_large`), and payloads [`http`]
//! refuses. Other records (`request`, `warcinfo`, `metadata`, `revisit`), non-2xx
//! responses and payloads that are not text or HTML are skipped and counted. After a
//! damaged record, a `.warc.gz` goes on with the next gzip member; a plain WARC cannot
//! find its next record and stops.
//!
//! [`http`]: super::http

use std::io::{self, BufRead, BufReader, Read};

use flate2::bufread::GzDecoder;

use super::Hints;
mod head;

use head::{Head, Position, parse_head, read_head};

use super::http::{self, content_type};
use super::limits::{self, CapError, CountIn, CountOut, Meter};
use super::walker::Walker;
use crate::reject::Reason;

/// Room for HTTP headers above `--max-doc-size` in a response record.
const HTTP_HEADER_ROOM: u64 = 1 << 20;

/// Reads the WARC at `path` (`gzipped`: per-record gzip members). Records are documents,
/// never archives to open, so the depth does not matter here.
pub fn read(walker: &mut Walker, path: &str, reader: &mut dyn Read, gzipped: bool) {
    let mut input = Position::new(BufReader::with_capacity(64 * 1024, reader));
    if !gzipped {
        records(walker, &mut input, &|offset| format!("{path}#{offset}"));
        return;
    }
    while !walker.stopped() {
        let member = input.position;
        match input.fill_buf() {
            Ok([]) => return,
            Ok(_) => {}
            Err(err) => return walker.reject_io(&format!("{path}#{member}"), &err),
        }
        let meter = Meter::new(walker.options.max_ratio);
        let decoder = GzDecoder::new(CountIn::new(&mut input, meter.clone()));
        let mut inflated = Position::new(BufReader::new(CountOut::new(decoder, meter)));
        let name = |offset: u64| match offset {
            0 => format!("{path}#{member}"),
            _ => format!("{path}#{member}+{offset}"),
        };
        let clean = records(walker, &mut inflated, &name);
        // Reach the end of the member, where the next one starts.
        if let Err(err) = io::copy(&mut inflated, &mut io::sink()) {
            if clean {
                walker.reject_io(&name(0), &err);
            }
            return;
        }
    }
}

/// Reads the records of one stream; `name` makes a record's `source_path` from its
/// offset. Returns `false` when it stopped at a damaged record (already rejected).
fn records<R: BufRead>(
    walker: &mut Walker,
    input: &mut Position<R>,
    name: &dyn Fn(u64) -> String,
) -> bool {
    while !walker.stopped() {
        let (offset, head) = match read_head(input) {
            Ok(Some(found)) => found,
            Ok(None) => return true,
            Err((offset, err)) => {
                walker.reject_io(&name(offset), &err);
                return false;
            }
        };
        let here = name(offset);
        let Some(head) = parse_head(&head) else {
            walker.reject(
                &here,
                Reason::CorruptArchive,
                "no readable WARC record header (a `WARC/` line, named fields and a numeric Content-Length) starts here; the records after it could not be found",
            );
            return false;
        };
        let wanted = matches!(head.kind.as_str(), "response" | "resource" | "conversion");
        let cap = walker.options.max_doc_size + HTTP_HEADER_ROOM;
        if !wanted || head.length > cap {
            if !wanted {
                walker.skip_record(head.kind.clone());
            } else {
                walker.reject(
                    &here,
                    Reason::TooLarge,
                    format!("the record holds {} bytes, more than the limit of {cap} bytes (--max-doc-size and 1 MiB of HTTP headers)", head.length),
                );
            }
            match io::copy(&mut input.by_ref().take(head.length), &mut io::sink()) {
                Ok(n) if n == head.length => continue,
                Ok(n) => return truncated(walker, &here, head.length - n),
                Err(err) => {
                    walker.reject_io(&here, &err);
                    return false;
                }
            }
        }
        let block = match limits::read_capped(&mut input.by_ref().take(head.length), cap) {
            Ok(block) if block.len() as u64 == head.length => block,
            Ok(block) => return truncated(walker, &here, head.length - block.len() as u64),
            Err(CapError::Io(err)) => {
                walker.reject_io(&here, &err);
                return false;
            }
            Err(CapError::TooLarge) => return false, // cannot happen: the length was checked
        };
        document(walker, &here, &head, block);
    }
    true
}

fn truncated(walker: &mut Walker, here: &str, missing: u64) -> bool {
    walker.reject(
        here,
        Reason::Truncated,
        format!("the WARC record ends {missing} bytes before its Content-Length says (truncated)"),
    );
    false
}

/// Turns a wanted record's block into a document, or counts why it is not one.
fn document(walker: &mut Walker, here: &str, head: &Head, block: Vec<u8>) {
    let (mut media, mut charset) = content_type(head.content_type.as_deref().unwrap_or(""));
    let mut body = block;
    if head.kind == "response" {
        if !body.starts_with(b"HTTP/") {
            return walker.skip_record("response:not-http".into());
        }
        let options = walker.options;
        match http::parse_response(&body, options.max_doc_size, options.max_ratio) {
            Ok(payload) if !(200..300).contains(&payload.status) => {
                return walker.skip_record(format!("response:{}", payload.status));
            }
            Ok(payload) => {
                (media, charset, body) = (payload.media_type, payload.charset, payload.body)
            }
            Err((reason, message)) => return walker.reject(here, reason, message),
        }
    }
    let textual = media
        .as_deref()
        .is_none_or(|m| matches!(m, "text/html" | "application/xhtml+xml" | "text/plain"));
    if !textual {
        let kind = format!("{}:{}", head.kind, media.unwrap_or_default());
        return walker.skip_record(kind);
    }
    if body.len() as u64 > walker.options.max_doc_size {
        return walker.too_large(here);
    }
    let hints = Hints {
        charset,
        url: head.target.clone(),
        captured: head.date.clone(),
        media_type: media,
    };
    walker.whole_document(here, body, hints);
}
