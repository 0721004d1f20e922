//! Zip archives, read with the `zip` crate: members in central-directory order, each
//! streamed through the walker (a member may itself be an archive). A member's inflated
//! bytes are metered against the compressed bytes read for it, so a bomb stops as soon
//! as it passes `--max-ratio` (past 1 MiB), whatever its headers declare; the crate
//! itself refuses a member that inflates past its declared size.
//!
//! Refuses symbolic links (`unsupported_entry`), encrypted members and compression
//! methods this build cannot inflate (`unsupported_entry`), and names with `../` or an
//! absolute path (`unsafe_path`); directories are passed over. When the central directory
//! cannot be read, the zip gets a `corrupt_archive` reject and its members are still read,
//! one after another, from their local headers.

use std::io::{Read, Seek, SeekFrom};

use ::zip::ZipArchive;
use ::zip::result::ZipError;

use super::limits::{CountIn, CountOut, Meter};
use super::walker::Walker;
use crate::reject::Reason;

/// Reads every member of the zip at `path`, opened at `level`.
pub fn read<R: Read + Seek>(walker: &mut Walker, path: &str, reader: R, level: u32) {
    let meter = Meter::new(walker.options.max_ratio);
    let mut reader = CountIn::new(reader, meter.clone());
    let mut archive = match ZipArchive::new(&mut reader) {
        Ok(archive) => archive,
        Err(err) => {
            walker.reject(
                path,
                Reason::CorruptArchive,
                format!(
                    "the zip's central directory cannot be read ({err}); its members were read from their local headers instead"
                ),
            );
            if reader.seek(SeekFrom::Start(0)).is_ok() {
                read_local_headers(walker, path, &mut reader, &meter, level);
            }
            return;
        }
    };
    for index in 0..archive.len() {
        if walker.stopped() {
            return;
        }
        let Ok(entry) = archive.by_index_data(index) else {
            continue;
        };
        let name = entry
            .name()
            .map(|n| n.into_owned())
            .unwrap_or_else(|_| String::from_utf8_lossy(entry.name_raw()).into_owned());
        if entry.is_dir() {
            continue;
        }
        let symlink = entry.is_symlink();
        let Some(member) = walker.member_path(path, &name) else {
            continue;
        };
        if symlink {
            walker.reject(
                &member,
                Reason::UnsupportedEntry,
                "a symbolic link, not a file (links are not followed inside archives); it was not read",
            );
            continue;
        }
        if !walker.wanted(&name) {
            continue;
        }
        meter.start_member();
        match archive.by_index(index) {
            Ok(file) => walker.stream(
                &member,
                &name,
                &mut CountOut::new(file, meter.clone()),
                level,
            ),
            Err(err) => reject_zip_error(walker, &member, &err),
        }
    }
}

/// Reads members one after another from their local headers (no central directory).
fn read_local_headers<R: Read>(
    walker: &mut Walker,
    path: &str,
    reader: &mut R,
    meter: &Meter,
    level: u32,
) {
    while !walker.stopped() {
        meter.start_member();
        // An error here is where the damage starts: the zip's reject already says so.
        let Ok(Some(mut file)) = ::zip::read::read_zipfile_from_stream(reader) else {
            return;
        };
        let name = file
            .name()
            .map(|n| n.into_owned())
            .unwrap_or_else(|_| String::from_utf8_lossy(file.name_raw()).into_owned());
        if file.is_dir() {
            continue;
        }
        let Some(member) = walker.member_path(path, &name) else {
            continue;
        };
        if walker.wanted(&name) {
            walker.stream(
                &member,
                &name,
                &mut CountOut::new(&mut file, meter.clone()),
                level,
            );
        }
    }
}

fn reject_zip_error(walker: &mut Walker, member: &str, err: &ZipError) {
    match err {
        ZipError::Io(io) => walker.reject_io(member, io),
        ZipError::InvalidArchive(_) => walker.reject(
            member,
            Reason::CorruptArchive,
            format!("the member's header is damaged: {err}"),
        ),
        _ => walker.reject(
            member,
            Reason::UnsupportedEntry,
            format!("the member cannot be read by this build (encrypted, or an unsupported compression method): {err}"),
        ),
    }
}
