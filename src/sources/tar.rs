//! Tar archives (plain, or inside a gzip layer for `.tar.gz`/`.tgz`), read with the `tar`
//! crate as a stream: members in archive order, each handed to the walker (a member may
//! itself be an archive). GNU long names and PAX headers are the crate's business.
//!
//! Refuses symbolic and hard links, devices and named pipes (`unsupported_entry`: salvage
//! reads files, not what they point at), names with `../` or an absolute path
//! (`unsafe_path`), and members shorter than their header says (`truncated`). A damaged
//! header or a cut-off archive ends the walk of that archive with a reject, because a tar
//! has no index to find the next member by; members before it are kept. Inside a gzip
//! layer the inflation ratio is measured per member, so one bomb member stops the archive
//! at once instead of being inflated to be skipped.

use std::io::{self, Read};

use super::limits::{self, Meter};
use super::walker::Walker;
use crate::reject::Reason;

/// Reads every member of the tar at `path`, opened at `level`; `meter` is the gzip
/// layer's, when there is one.
pub fn read(
    walker: &mut Walker,
    path: &str,
    reader: &mut dyn Read,
    level: u32,
    meter: Option<&Meter>,
) {
    let mut archive = ::tar::Archive::new(reader);
    let mut entries = match archive.entries() {
        Ok(entries) => entries,
        Err(err) => return walker.reject_io(path, &err),
    };
    loop {
        if walker.stopped() {
            return;
        }
        if let Some(meter) = meter {
            meter.start_member();
        }
        let mut entry = match entries.next() {
            None => return,
            Some(Ok(entry)) => entry,
            Some(Err(err)) => {
                let (reason, message) = limits::classify(&err, "the archive");
                return walker.reject(
                    path,
                    reason,
                    format!("{message}; the members after this point could not be read"),
                );
            }
        };
        let name = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        let kind = entry.header().entry_type();
        if kind.is_dir() || kind.is_pax_global_extensions() || kind.is_pax_local_extensions() {
            continue;
        }
        let Some(member) = walker.member_path(path, &name) else {
            continue;
        };
        let refused = if kind.is_symlink() {
            Some("a symbolic link, not a file (links are not followed inside archives)")
        } else if kind.is_hard_link() {
            Some("a hard link to another member, not a file of its own")
        } else if kind.is_character_special() || kind.is_block_special() {
            Some("a device, not a file")
        } else if kind.is_fifo() {
            Some("a named pipe, not a file")
        } else if !(kind.is_file() || kind.is_contiguous() || kind.is_gnu_sparse()) {
            Some("an entry of a kind that is not a regular file")
        } else {
            None
        };
        if let Some(what) = refused {
            walker.reject(
                &member,
                Reason::UnsupportedEntry,
                format!("{what}; it was not read"),
            );
            continue;
        }
        if !walker.wanted(&name) {
            continue;
        }
        let declared = entry.size();
        let mut exact = Exact {
            inner: &mut entry,
            remaining: declared,
        };
        walker.stream(&member, &name, &mut exact, level);
    }
}

/// A member's bytes that must be as many as its header declares: ending early is an
/// `UnexpectedEof` error instead of a short document.
struct Exact<R> {
    inner: R,
    remaining: u64,
}

impl<R: Read> Read for Exact<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && !buf.is_empty() && self.remaining > 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!(
                    "the member ends {} bytes before the size its header declares",
                    self.remaining
                ),
            ));
        }
        self.remaining = self.remaining.saturating_sub(n as u64);
        Ok(n)
    }
}
