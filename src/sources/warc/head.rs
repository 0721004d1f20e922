//! The framing of WARC records: reading one header block (bounded to 64 KiB, blank lines
//! before it skipped) with its offset, parsing its named fields with `httparse`, and a
//! reader that counts the bytes consumed, for offsets. Refuses (as errors for the caller
//! to reject) header blocks that are too long, cut short, or lack a numeric
//! `Content-Length`.

use std::io::{self, BufRead, Read};

/// Longest WARC header block read.
const MAX_HEADER: u64 = 64 * 1024;

/// A record's named fields that salvage uses.
pub struct Head {
    pub kind: String,
    pub length: u64,
    pub target: Option<String>,
    pub date: Option<String>,
    pub content_type: Option<String>,
}

pub fn parse_head(block: &[u8]) -> Option<Head> {
    let line_end = block.iter().position(|&b| b == b'\n')?;
    if !block.starts_with(b"WARC/") {
        return None;
    }
    let mut fields = [httparse::EMPTY_HEADER; 128];
    let Ok(httparse::Status::Complete((_, fields))) =
        httparse::parse_headers(&block[line_end + 1..], &mut fields)
    else {
        return None;
    };
    let field = |name: &str| {
        fields
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(name))
            .map(|f| String::from_utf8_lossy(f.value).trim().to_string())
    };
    Some(Head {
        kind: field("WARC-Type").unwrap_or_default().to_ascii_lowercase(),
        length: field("Content-Length")?.parse().ok()?,
        target: field("WARC-Target-URI")
            .map(|uri| {
                uri.trim_start_matches('<')
                    .trim_end_matches('>')
                    .to_string()
            })
            .filter(|uri| !uri.is_empty()),
        date: field("WARC-Date").filter(|d| is_timestamp(d)),
        content_type: field("Content-Type"),
    })
}

/// Whether `value` is a full W3C/RFC 3339 UTC timestamp, `2009-06-01T12:00:00Z` (with
/// optional fractions of a second), as WARC-Date is.
fn is_timestamp(value: &str) -> bool {
    let b = value.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b.get(range)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    };
    b.len() >= 20
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
        && value.ends_with('Z')
}

/// A header block and the offset it starts at.
pub type HeadBlock = (u64, Vec<u8>);

/// Reads the next header block (skipping blank lines before it) and its offset; `None`
/// at the end of the stream.
pub fn read_head<R: BufRead>(
    input: &mut Position<R>,
) -> Result<Option<HeadBlock>, (u64, io::Error)> {
    loop {
        let at = input.position;
        let buf = input.fill_buf().map_err(|err| (at, err))?;
        if buf.is_empty() {
            return Ok(None);
        }
        let blank = buf
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count();
        if blank == 0 {
            break;
        }
        input.consume(blank);
    }
    let offset = input.position;
    let mut block = Vec::new();
    loop {
        let line_start = block.len();
        let n = input
            .by_ref()
            .take(MAX_HEADER + 1 - block.len() as u64)
            .read_until(b'\n', &mut block)
            .map_err(|err| (offset, err))?;
        let line = &block[line_start..];
        if n == 0 || !line.ends_with(b"\n") {
            let err = if block.len() as u64 > MAX_HEADER {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    "the WARC header is longer than 64 KiB",
                )
            } else {
                io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the WARC header ends before its blank line",
                )
            };
            return Err((offset, err));
        }
        if line == b"\r\n" || line == b"\n" {
            return Ok(Some((offset, block)));
        }
    }
}

/// A buffered reader that knows how many bytes were consumed from it.
pub struct Position<R> {
    inner: R,
    pub position: u64,
}

impl<R> Position<R> {
    pub fn new(inner: R) -> Self {
        Position { inner, position: 0 }
    }
}

impl<R: BufRead> Read for Position<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.position += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Position<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        self.position += amount as u64;
        self.inner.consume(amount);
    }
}
