//! Delivering outcomes to the sinks, in input order, on one thread: duplicates are
//! decided here (so the result is the same for any `--jobs`), counts are kept, and
//! `--max-rejects` is enforced. A `merge` of shard outputs delivers through the same
//! code, so a merged output is what one run would have written.
//!
//! With a [`SourceLog`], it also remembers, per source file, how many records and rejects
//! it gave and the records' ids: incremental runs put the ids into their state, shard
//! runs write the counts into `shard.json` for `merge` to put shards back in order.

use anyhow::{Result, anyhow};
use serde::{Deserialize, Serialize};

use super::convert::Converted;
use crate::RunFailure;
use crate::dedup::Duplicates;
use crate::record::Outcome;
use crate::report_html::HtmlReportSink;
use crate::sinks::duplicates::DuplicatesFile;
use crate::sinks::report::Counts;
use crate::sinks::{Rendered, Sink};
use crate::sources::on_disk_path;

/// Who receives the outcomes: the format sinks (raw bytes only with `--keep-originals`),
/// the list of duplicate copies, and the report page (raw bytes of repaired records, for
/// its before-and-after samples).
pub struct Recipients {
    pub sinks: Vec<Box<dyn Sink>>,
    pub duplicates_file: DuplicatesFile,
    pub report_page: HtmlReportSink,
}

/// One source file's share of the outcomes, in delivery order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceGroup {
    /// Position of its input on the command line.
    pub input: usize,
    /// Its path under the input (`on_disk_path` of its documents' `source_path`).
    pub path: String,
    pub records: u64,
    pub rejects: u64,
    /// The ids of its records (kept for incremental runs only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ids: Vec<String>,
}

/// The per-file log, when a run needs one.
#[derive(Debug, Default)]
pub struct SourceLog {
    pub groups: Vec<SourceGroup>,
    /// Whether record ids are kept.
    pub keep_ids: bool,
}

impl SourceLog {
    fn group(&mut self, input: usize, source_path: &str) -> &mut SourceGroup {
        let path = on_disk_path(source_path);
        let same = self
            .groups
            .last()
            .is_some_and(|last| last.input == input && last.path == path);
        if !same {
            self.groups.push(SourceGroup {
                input,
                path: path.to_string(),
                records: 0,
                rejects: 0,
                ids: Vec::new(),
            });
        }
        let at = self.groups.len() - 1;
        &mut self.groups[at]
    }
}

/// The delivering thread's state.
pub struct Delivery {
    pub to: Recipients,
    pub counts: Counts,
    /// `None` when duplicates are left for later (shard runs: `merge` decides them).
    pub duplicates: Option<Duplicates>,
    pub log: Option<SourceLog>,
    /// `--max-rejects`.
    pub max_rejects: Option<u64>,
    /// Whether raw bytes go to the format sinks (`--keep-originals`).
    pub keep_originals: bool,
}

impl Delivery {
    /// Hands one outcome to the sinks, unless it is a copy of bytes already delivered.
    pub fn deliver(&mut self, converted: Converted) -> Result<()> {
        let Converted {
            input,
            outcome,
            keys,
            original,
            decoded_text,
            mut rendered,
        } = converted;
        match outcome {
            Outcome::Article(mut article) => {
                let duplicate_of = article.duplicate_of.clone();
                if let (Some(keys), Some(duplicates)) = (keys, self.duplicates.as_mut())
                    && duplicates.is_copy(&mut article, &keys)
                {
                    self.counts.add_duplicate();
                    let to = &mut self.to.duplicates_file;
                    to.copy(&article.id, &article.source_path);
                    return Ok(());
                }
                if article.duplicate_of != duplicate_of {
                    // Rendered before this was known: the sinks render it again.
                    rendered = Rendered::default();
                }
                if let Some(log) = self.log.as_mut() {
                    let keep_ids = log.keep_ids;
                    let group = log.group(input, &article.source_path);
                    group.records += 1;
                    if keep_ids {
                        group.ids.push(article.id.clone());
                    }
                }
                self.counts.add_article(&article);
                let kept = original.as_deref().filter(|_| self.keep_originals);
                for sink in self.to.sinks.iter_mut() {
                    sink.rendered_article(&article, &rendered, kept)?;
                }
                let report = &mut self.to.report_page;
                report.add_article(&article, original.as_deref(), decoded_text.as_deref());
            }
            Outcome::Reject(reject) => {
                tracing::debug!(
                    source_path = %crate::untrusted::terminal(&reject.source_path),
                    reason = reject.reason.as_str(),
                    "rejected"
                );
                if let Some(log) = self.log.as_mut() {
                    log.group(input, &reject.source_path).rejects += 1;
                }
                self.counts.add_reject(&reject);
                for sink in self.to.sinks.iter_mut() {
                    sink.reject(&reject)?;
                }
                self.to.report_page.reject(&reject)?;
                if let Some(max) = self.max_rejects
                    && self.counts.rejects > max
                {
                    return Err(anyhow!(RunFailure::Data(format!(
                        "more than {max} documents were rejected (--max-rejects {max}); the run stopped and wrote no output. Rejected so far: {}",
                        reasons(&self.counts)
                    ))));
                }
            }
        }
        Ok(())
    }
}

/// `not_text: 3, empty: 1`.
fn reasons(counts: &Counts) -> String {
    counts
        .rejects_by_reason
        .iter()
        .map(|(reason, n)| format!("{reason}: {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}
