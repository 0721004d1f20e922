//! Issue 6: the inputs archivists hold. `forms`: the same articles in every container
//! give the same records, duplicates across them one record each, dumps split into
//! articles. `bad` (damaged archives), `bombs` (decompression bombs, with memory measured)
//! and `disk` (links, loops, vanishing and special files, mangled bytes): one test per
//! bad input. This file holds the shared fixtures and helpers; `make` builds archives.

mod bad;
mod bombs;
mod disk;
mod forms;
pub mod make;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::util::{Workspace, repo_root};

/// The dumps of `input/` the WARC fixtures hold too (see scripts/make-warc.py).
pub const DUMPS: [&str; 3] = [
    "000_b3723bb827f40c3b.txt",
    "003_ttxvn-son-la-cay-an-qua.txt",
    "005_qno-hoi-an-don-tet.txt",
];

/// A good dump for tests that need one document beside a bad one.
pub const GOOD: &str = "Thứ hai, 03/02/2014\n\nTiêu đề bài báo\n\n(QNO) – Sáng 2/2, tỉnh tổ chức lễ hội.\n\nĐoạn thân bài thứ nhất.\n\nNGUYỄN VĂN AN\n";

pub fn dump(name: &str) -> Vec<u8> {
    fs::read(repo_root().join("input").join(name)).expect("input dump")
}

/// The folder of the warcio-made WARCs: fresh ones when scripts/test.sh made them
/// (`SALVAGE_WARC_DIR`), else the committed copies made by the same script.
pub fn warc_dir() -> PathBuf {
    std::env::var_os("SALVAGE_WARC_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("tests/data/warc"))
}

/// The records of a run, by `source_path`.
pub fn records(ws: &Workspace, out: &str) -> Vec<Value> {
    ws.json_lines(&format!("{out}/records.jsonl"))
}

/// Runs salvage with its output in files and returns its exit code and peak resident
/// memory (KiB), measured by the kernel for that process alone (`wait4`).
pub fn run_measured(dir: &Path, args: &[&str]) -> (i32, u64) {
    let stdout = fs::File::create(dir.join("stdout.txt")).expect("stdout file");
    let stderr = fs::File::create(dir.join("stderr.txt")).expect("stderr file");
    #[expect(
        clippy::zombie_processes,
        reason = "reaped by wait4 below, which gives its peak memory"
    )]
    let child = Command::new(env!("CARGO_BIN_EXE_salvage"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::from(stdout))
        .stderr(Stdio::from(stderr))
        .spawn()
        .expect("run salvage");
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain data; wait4 fills it for the child we just started, which
    // nothing else waits for.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait4");
    assert!(libc::WIFEXITED(status), "salvage exited normally");
    (libc::WEXITSTATUS(status), usage.ru_maxrss as u64)
}
