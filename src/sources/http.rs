//! The HTTP response inside a WARC `response` record, parsed with `httparse`: the status,
//! the `Content-Type` (media type and charset, the decoding hint), and the payload as the
//! server meant it: chunked transfer coding undone (`httparse::parse_chunk_size`) and a
//! `gzip` or `deflate` content coding inflated (flate2), under the same caps as archives.
//!
//! Refuses damaged headers or chunks (`corrupt_archive`), a body cut short (`truncated`),
//! content codings this build does not inflate, such as `br` (`unsupported_entry`), and
//! payloads past `--max-doc-size` or `--max-ratio` (`too_large`).

use std::io::Read;

use flate2::read::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};

use super::limits::{self, CapError, CountOut, Meter};
use crate::reject::Reason;

/// Most headers one response may have.
const MAX_HEADERS: usize = 128;

/// An HTTP response's payload and what its headers say about it.
#[derive(Debug, PartialEq, Eq)]
pub struct Payload {
    pub status: u16,
    pub media_type: Option<String>,
    pub charset: Option<String>,
    pub body: Vec<u8>,
}

/// Why a response yields no payload.
pub type Refusal = (Reason, String);

/// Parses the response `block`; the payload is at most `max_size` bytes and inflates at
/// most `max_ratio` times.
pub fn parse_response(block: &[u8], max_size: u64, max_ratio: u64) -> Result<Payload, Refusal> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut response = httparse::Response::new(&mut headers);
    let body_start = match response.parse(block) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => {
            return Err((
                Reason::Truncated,
                "the HTTP response ends inside its headers".into(),
            ));
        }
        Err(err) => {
            return Err((
                Reason::CorruptArchive,
                format!("the HTTP response headers are damaged: {err}"),
            ));
        }
    };
    let header = |name: &str| {
        response
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_ascii_lowercase())
    };
    let (media_type, charset) = content_type(header("content-type").as_deref().unwrap_or(""));
    let mut body = block.get(body_start..).unwrap_or_default().to_vec();
    if header("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
        body = dechunk(&body)?;
    }
    let coding = header("content-encoding").unwrap_or_default();
    let body = inflate(body, &coding, max_size, max_ratio)?;
    Ok(Payload {
        status: response.code.unwrap_or(0),
        media_type,
        charset,
        body,
    })
}

/// The media type and charset of a `Content-Type` value, lowercase.
pub fn content_type(value: &str) -> (Option<String>, Option<String>) {
    let mut parts = value.split(';');
    let media = parts
        .next()
        .map(|m| m.trim().to_ascii_lowercase())
        .filter(|m| !m.is_empty());
    let charset = parts.find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim().eq_ignore_ascii_case("charset").then(|| {
            value
                .trim()
                .trim_matches(|c| c == '"' || c == '\'')
                .to_ascii_lowercase()
        })
    });
    (media, charset.filter(|c| !c.is_empty()))
}

/// Undoes chunked transfer coding.
fn dechunk(body: &[u8]) -> Result<Vec<u8>, Refusal> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let (consumed, size) = match httparse::parse_chunk_size(rest) {
            Ok(httparse::Status::Complete(found)) => found,
            Ok(httparse::Status::Partial) => {
                return Err((
                    Reason::Truncated,
                    "the chunked body ends inside a chunk size".into(),
                ));
            }
            Err(_) => {
                return Err((
                    Reason::CorruptArchive,
                    "the chunked body has a damaged chunk size".into(),
                ));
            }
        };
        rest = &rest[consumed..];
        if size == 0 {
            return Ok(out);
        }
        let size = usize::try_from(size).unwrap_or(usize::MAX);
        let Some(chunk) = rest.get(..size) else {
            return Err((
                Reason::Truncated,
                "the chunked body ends inside a chunk".into(),
            ));
        };
        out.extend_from_slice(chunk);
        rest = &rest[size..];
        rest = rest.strip_prefix(b"\r\n").unwrap_or(rest);
    }
}

/// Undoes a content coding.
fn inflate(body: Vec<u8>, coding: &str, max_size: u64, max_ratio: u64) -> Result<Vec<u8>, Refusal> {
    let meter = Meter::fixed(body.len() as u64, max_ratio);
    let result = match coding {
        "" | "identity" => return Ok(body),
        "gzip" | "x-gzip" => capped(MultiGzDecoder::new(&body[..]), meter, max_size),
        "deflate" => {
            // Servers send zlib-wrapped deflate as the standard says, or raw deflate.
            capped(ZlibDecoder::new(&body[..]), meter.clone(), max_size)
                .or_else(|_| capped(DeflateDecoder::new(&body[..]), meter, max_size))
        }
        other => {
            return Err((
                Reason::UnsupportedEntry,
                format!(
                    "the payload's content coding `{other}` is not one salvage inflates (gzip, deflate)"
                ),
            ));
        }
    };
    result.map_err(|err| match err {
        CapError::TooLarge => (
            Reason::TooLarge,
            format!("the inflated payload holds more than the limit of {max_size} bytes (--max-doc-size)"),
        ),
        CapError::Io(err) => limits::classify(&err, "the compressed payload"),
    })
}

fn capped(decoder: impl Read, meter: Meter, max_size: u64) -> Result<Vec<u8>, CapError> {
    limits::read_capped(&mut CountOut::new(decoder, meter), max_size)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_gzip_response_with_charset() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut gz, b"<p>xin ch\xe0o</p>").unwrap();
        let body = gz.finish().unwrap();
        let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; Charset=\"Windows-1258\"\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
        let (a, b) = body.split_at(10);
        for chunk in [a, b] {
            block.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
            block.extend_from_slice(chunk);
            block.extend_from_slice(b"\r\n");
        }
        block.extend_from_slice(b"0\r\n\r\n");
        let payload = parse_response(&block, 1 << 20, 100).unwrap();
        assert_eq!(payload.status, 200);
        assert_eq!(payload.media_type.as_deref(), Some("text/html"));
        assert_eq!(payload.charset.as_deref(), Some("windows-1258"));
        assert_eq!(payload.body, b"<p>xin ch\xe0o</p>");

        let cut = &block[..block.len() - 12];
        assert_eq!(
            parse_response(cut, 1 << 20, 100).unwrap_err().0,
            Reason::Truncated
        );
    }
}
