//! Gzip layers, inflated with `flate2`: a `.gz` file, a `.tgz`/`.tar.gz`, a `.warc.gz`, or
//! gzip bytes saved under another name (crawlers kept compressed bodies as `.html`: the
//! walker sniffs the magic bytes, not the name). Several gzip members in a row are one
//! stream, as the format says.
//!
//! What the layer holds decides what happens: a tar is read as one archive with it, a WARC
//! is handed to the WARC reader still compressed (it needs each record's compressed
//! offset), and anything else is opened by the walker as the layer's content: a document
//! (its `source_path` is the `.gz` file's own) or a nested archive. Inflation is metered:
//! past `--max-ratio` times the compressed bytes the stream stops with `too_large`; a cut-off
//! stream is `truncated`, a damaged one `corrupt_archive`.

use std::io::{BufReader, Cursor, Read};

use flate2::bufread::MultiGzDecoder;

use super::limits::{self, CountIn, CountOut, Meter};
use super::walker::{HEAD, Kind, Walker, sniff};

/// Compressed bytes looked at to see whether the layer holds a WARC.
const RAW_HEAD: usize = 4096;

/// Reads the gzip layer at `path` (named `name`), opened at `level`.
pub fn read(walker: &mut Walker, path: &str, name: &str, reader: &mut dyn Read, level: u32) {
    let mut raw_head = vec![0u8; RAW_HEAD];
    match limits::read_full(reader, &mut raw_head) {
        Ok(n) => raw_head.truncate(n),
        Err(err) => return walker.reject_io(path, &err),
    }
    let holds_warc = inflate_start(&raw_head).starts_with(b"WARC/");
    let mut raw = Cursor::new(raw_head).chain(reader);
    if holds_warc {
        return super::warc::read(walker, path, &mut raw, true);
    }
    let meter = Meter::new(walker.options.max_ratio);
    let decoder = MultiGzDecoder::new(CountIn::new(BufReader::new(raw), meter.clone()));
    let mut inflated = CountOut::new(decoder, meter.clone());
    let inner_name = inner_name(name);
    let mut head = vec![0u8; HEAD];
    match limits::read_full(&mut inflated, &mut head) {
        Ok(n) => head.truncate(n),
        Err(err) => return walker.reject_io(path, &err),
    }
    match sniff(&head, &inner_name) {
        Kind::Tar => {
            let mut tar = Cursor::new(head).chain(inflated);
            super::tar::read(walker, path, &mut tar, level, Some(&meter));
        }
        Kind::Warc => {
            // Only when the first member was too long to peek into: offsets are then
            // positions in the inflated stream.
            let mut warc = Cursor::new(head).chain(inflated);
            super::warc::read(walker, path, &mut warc, false);
        }
        _ => walker.open(path, &inner_name, head, &mut inflated, level),
    }
}

/// The first inflated bytes of a gzip stream's first member, from its first bytes alone
/// (errors, such as the input ending, just end the peek).
fn inflate_start(raw: &[u8]) -> Vec<u8> {
    let mut decoder = flate2::read::GzDecoder::new(raw);
    let mut out = vec![0u8; 16];
    let mut filled = 0;
    while filled < out.len() {
        match decoder.read(&mut out[filled..]) {
            Ok(0) | Err(_) => break,
            Ok(n) => filled += n,
        }
    }
    out.truncate(filled);
    out
}

/// The name of what a gzip layer holds: `a.html.gz` → `a.html`, `b.tgz` → `b.tar`.
fn inner_name(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".tgz") {
        format!("{}.tar", &name[..name.len() - 4])
    } else if lower.ends_with(".gz") {
        name[..name.len() - 3].to_string()
    } else {
        name.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::inner_name;

    #[test]
    fn names_inside() {
        assert_eq!(inner_name("a/b.html.gz"), "a/b.html");
        assert_eq!(inner_name("x.TGZ"), "x.tar");
        assert_eq!(inner_name("page.html"), "page.html");
    }
}
