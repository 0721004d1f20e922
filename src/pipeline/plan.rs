//! `--dry-run`: the walk a run would make, with the selection's decision for every source
//! file (convert, unchanged since the incremental state, another shard's) and the files
//! the state holds that are gone. Reads no document (an incremental run hashes a file
//! whose size or time changed) and writes nothing, not even the output folder.

use anyhow::Result;

use super::select::{Decision, Selection};
use super::state::{self, State};
use super::{check_inputs, conversion_fingerprint, finish};
use crate::config::Config;
use crate::sources;

/// What a run would do, without writing anything (`--dry-run`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    /// Every source file found, with what would happen to it, per input.
    pub files: Vec<(Decision, String, String)>,
    pub convert: u64,
    pub unchanged: u64,
    pub other_shard: u64,
    /// Files an incremental state holds that are gone.
    pub deleted: Vec<(String, String)>,
}

/// Walks the inputs as [`run`] would and says which files it would convert; reads no
/// document and writes nothing.
pub fn plan(config: &Config) -> Result<Plan> {
    check_inputs(config)?;
    let previous = match config.incremental {
        true => Some(
            State::load(&config.output_dir)?
                .unwrap_or_else(|| State::new(&conversion_fingerprint(config))),
        ),
        false => None,
    };
    let mut selection = Selection {
        shard: config.shard,
        previous: previous.as_ref(),
        decisions: Some(Vec::new()),
        ..Selection::default()
    };
    let options = config.source_options();
    let mut plan = Plan::default();
    for input in &config.inputs {
        let key = state::input_key(input);
        let name = input.display().to_string();
        // Refusing every file: the selection notes its decision, nothing is read.
        let mut select = |file: &sources::FileCandidate| {
            selection.decide(&key, file);
            false
        };
        sources::walk_selected(input, &options, &mut select, &mut |_| true);
        let decisions = selection.decisions.replace(Vec::new()).unwrap_or_default();
        plan.files.extend(
            decisions
                .into_iter()
                .map(|(decision, path)| (decision, name.clone(), path)),
        );
    }
    plan.convert = selection.converted_files;
    plan.unchanged = selection.unchanged_files;
    plan.other_shard = selection.other_shard_files;
    if let Some(previous) = &previous {
        let as_given = |key: &str| {
            let input = config.inputs.iter().find(|i| state::input_key(i) == key);
            input.map_or(key.to_string(), |i| i.display().to_string())
        };
        plan.deleted = finish::deleted(previous, &config.inputs, &selection)
            .into_iter()
            .map(|gone| (as_given(&gone.input), gone.path))
            .collect();
    }
    Ok(plan)
}
