//! The progress bar of `convert` (indicatif): bytes of source files read against the
//! total found by a quick walk of the inputs (names and sizes only), documents written
//! and documents per second, and an ETA. Shown only when standard error is a terminal
//! and neither `--quiet` nor `--log-format json` is given; silent otherwise.

use std::fs;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use salvage::pipeline::Progress;

use crate::cli::{LogArgs, LogFormat};

/// The bar and the counts behind its message.
pub struct Bar {
    pub bar: ProgressBar,
    documents: AtomicU64,
    started: Instant,
}

impl Bar {
    /// A bar for converting `inputs`, when one should be shown.
    pub fn for_run(inputs: &[PathBuf], log: &LogArgs) -> Option<Bar> {
        let shown =
            std::io::stderr().is_terminal() && !log.quiet && log.log_format == LogFormat::Text;
        if !shown {
            return None;
        }
        let total: u64 = inputs.iter().map(|input| total_size(input)).sum();
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template(
            "{spinner} {elapsed_precise} [{wide_bar}] {bytes}/{total_bytes} {msg} ETA {eta}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
        bar.set_style(style);
        bar.enable_steady_tick(Duration::from_millis(200));
        Some(Bar {
            bar,
            documents: AtomicU64::new(0),
            started: Instant::now(),
        })
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Progress for Bar {
    fn reading(&self, path: &Path) {
        if let Ok(metadata) = fs::metadata(path) {
            self.bar.inc(metadata.len());
        }
    }

    fn delivered(&self, documents: u64) {
        let done = self.documents.fetch_add(documents, Ordering::Relaxed) + documents;
        let seconds = self.started.elapsed().as_secs_f64().max(0.001);
        self.bar
            .set_message(format!("{done} documents, {:.0}/s", done as f64 / seconds));
    }
}

/// The bytes of the files under `path` (not following links, skipping hidden names).
fn total_size(path: &Path) -> u64 {
    let Ok(metadata) = fs::metadata(path) else {
        return 0;
    };
    if metadata.is_file() {
        return metadata.len();
    }
    let mut total = 0;
    let mut folders = vec![path.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => folders.push(entry.path()),
                Ok(kind) if kind.is_file() => {
                    total += entry.metadata().map_or(0, |m| m.len());
                }
                _ => {}
            }
        }
    }
    total
}
