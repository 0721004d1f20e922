//! The output folder's housekeeping: one run at a time (a lock), no `_SUCCESS` while a
//! run is under way, temporary files of killed runs removed, and at the end no stale
//! outputs beside the new ones. Only names salvage itself writes are ever removed.

use std::fs::{self, File, TryLockError};
use std::path::Path;

use anyhow::{Context, Result, anyhow};

use super::checkpoint::WORK_DIR;
use super::state;
use crate::RunFailure;
use crate::sinks::{self, atomic, bundle};

/// Marker written last in the output folder when a run completed.
pub const SUCCESS_MARKER: &str = "_SUCCESS";

/// The lock file; held (an advisory `flock`) for the whole run, released by the system
/// even when the run is killed.
pub const LOCK_FILE: &str = ".salvage-lock";

/// Holds the output folder for one run.
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

/// Creates the output folder and locks it; another run holding it is a temporary failure.
pub fn lock(dir: &Path) -> Result<Lock> {
    fs::create_dir_all(dir).with_context(|| {
        RunFailure::CannotCreateOutput(format!("cannot create the output folder {}", dir.display()))
    })?;
    let path = dir.join(LOCK_FILE);
    let file = File::create(&path).with_context(|| {
        RunFailure::CannotCreateOutput(format!("cannot create {}", path.display()))
    })?;
    match file.try_lock() {
        Ok(()) => Ok(Lock { _file: file }),
        Err(TryLockError::WouldBlock) => Err(anyhow!(RunFailure::Temporary(format!(
            "another salvage run is writing into {}; try again when it has finished",
            dir.display()
        )))),
        Err(TryLockError::Error(err)) => Err(anyhow!(err)).with_context(|| {
            RunFailure::CannotCreateOutput(format!("cannot lock {}", path.display()))
        }),
    }
}

/// Clears a previous run's success marker and the temporary files of killed runs.
pub fn prepare(dir: &Path) -> Result<()> {
    atomic::remove_stale_temporaries(dir);
    let marker = dir.join(SUCCESS_MARKER);
    if marker.exists() {
        fs::remove_file(&marker).with_context(|| {
            RunFailure::CannotCreateOutput(format!("cannot remove the old {}", marker.display()))
        })?;
    }
    Ok(())
}

/// Removes record files and bundles in `dir` that this run did not write (`written`), so
/// no stale format or bundle of an earlier run sits beside this run's `_SUCCESS`. An
/// incremental run (`keep_parts`) keeps the parts and bundles of earlier runs and removes
/// only whole-run files (`records.jsonl`); any other run also removes parts and the state.
pub fn remove_other_outputs(dir: &Path, written: &[String], keep_parts: bool) -> Result<()> {
    let entries = fs::read_dir(dir)
        .with_context(|| RunFailure::Io(format!("cannot list {}", dir.display())))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if written.contains(&name) {
            continue;
        }
        let is_part = sinks::is_record_file_name(&name) && name.contains('-');
        let stale = if keep_parts {
            sinks::is_record_file_name(&name) && !is_part
        } else {
            sinks::is_record_file_name(&name)
                || bundle::is_bundle_name(&name)
                || name == state::FILE_NAME
        };
        if stale {
            fs::remove_file(entry.path()).with_context(|| {
                RunFailure::Io(format!(
                    "cannot remove the stale {}",
                    entry.path().display()
                ))
            })?;
        }
    }
    Ok(())
}

/// Whether `dir` holds the checkpoints of an unfinished run.
pub fn has_checkpoints(dir: &Path) -> bool {
    dir.join(WORK_DIR).is_dir()
}
