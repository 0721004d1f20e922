//! Helpers: a temporary work folder per test, a command builder for the `salvage`
//! binary, and readers for its outputs.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// The repository root (where `input/` and `tests/data/` live).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A test's own temporary folder, removed when dropped.
pub struct Workspace {
    pub dir: tempfile::TempDir,
}

impl Workspace {
    pub fn new() -> Self {
        Workspace {
            dir: tempfile::tempdir().expect("create a temporary folder"),
        }
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    /// Writes `bytes` to `relative`, creating folders.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> PathBuf {
        let path = self.path(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("create folders");
        }
        fs::write(&path, bytes).expect("write fixture");
        path
    }

    /// Runs `salvage` with `args` in this folder.
    pub fn salvage(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_salvage"))
            .args(args)
            .current_dir(self.dir.path())
            .output()
            .expect("run salvage")
    }

    /// Runs `salvage convert INPUT -o OUT` and checks it exited with `code`.
    pub fn convert(&self, input: &Path, out: &str, extra: &[&str], code: i32) -> Output {
        let input = input.to_str().expect("UTF-8 path");
        let mut args = vec!["convert", input, "-o", out];
        args.extend_from_slice(extra);
        let output = self.salvage(&args);
        assert_eq!(
            output.status.code(),
            Some(code),
            "exit status; stderr: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        output
    }

    /// The JSON lines of an output file.
    pub fn json_lines(&self, relative: &str) -> Vec<Value> {
        let text = fs::read_to_string(self.path(relative)).expect("read output");
        text.lines()
            .map(|line| serde_json::from_str(line).expect("each line is JSON"))
            .collect()
    }
}

/// The last line of standard output, parsed: the run summary.
pub fn summary(output: &Output) -> Value {
    let stdout = String::from_utf8_lossy(&output.stdout);
    let last = stdout.lines().last().expect("a summary line");
    serde_json::from_str(last).expect("the summary is JSON")
}
