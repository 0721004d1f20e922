//! The files of a bag, wherever it is: inside a zip (exactly one top-level folder, the
//! bag) or in a folder on disk. Paths are relative to the bag, `/`-separated. Entries a
//! zip should not have (absolute paths, `..`, backslashes, a second top-level folder,
//! duplicates) are layout problems, and such entries are left out of the bag. In a folder,
//! links to files are read; links to folders are a problem and are not followed.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{BufReader, Read};
use std::path::Path;

use zip::ZipArchive;

/// Read access to a bag's files.
pub trait BagFiles {
    /// Every file in the bag (no folders), sorted.
    fn files(&self) -> Vec<String>;
    /// Problems found while listing the bag.
    fn layout_problems(&self) -> &[String];
    /// A reader for `path`, or why it cannot be read.
    fn open(&mut self, path: &str) -> Result<Box<dyn Read + '_>, String>;
}

/// A bag serialised as a zip.
pub struct ZipBag {
    archive: ZipArchive<BufReader<File>>,
    entries: BTreeMap<String, usize>,
    problems: Vec<String>,
}

impl ZipBag {
    pub fn open(path: &Path) -> Result<Self, String> {
        let file = File::open(path).map_err(|err| format!("cannot open: {err}"))?;
        let mut archive = ZipArchive::new(BufReader::new(file))
            .map_err(|err| format!("not a readable zip file: {err}"))?;
        let mut entries = BTreeMap::new();
        let mut problems = Vec::new();
        let mut root: Option<String> = None;
        for index in 0..archive.len() {
            let name = match archive.by_index_raw(index) {
                Ok(entry) => entry.name().map(|n| n.to_string()).unwrap_or_default(),
                Err(err) => {
                    problems.push(format!("zip entry {index} cannot be read: {err}"));
                    continue;
                }
            };
            if name.ends_with('/') {
                continue;
            }
            let unsafe_name = name.starts_with('/')
                || name.contains('\\')
                || name.split('/').any(|part| part == ".." || part.is_empty());
            let Some((top, rest)) = name.split_once('/').filter(|_| !unsafe_name) else {
                problems.push(format!("zip entry {name:?} is not inside one bag folder"));
                continue;
            };
            match &root {
                None => root = Some(top.to_string()),
                Some(root) if root != top => {
                    problems.push(format!(
                        "zip holds more than one top-level folder ({root}, {top})"
                    ));
                    continue;
                }
                Some(_) => {}
            }
            if entries.insert(rest.to_string(), index).is_some() {
                problems.push(format!("zip holds {name} twice"));
            }
        }
        if root.is_none() {
            problems.push("zip holds no bag folder".into());
        }
        Ok(ZipBag {
            archive,
            entries,
            problems,
        })
    }
}

impl BagFiles for ZipBag {
    fn files(&self) -> Vec<String> {
        self.entries.keys().cloned().collect()
    }

    fn layout_problems(&self) -> &[String] {
        &self.problems
    }

    fn open(&mut self, path: &str) -> Result<Box<dyn Read + '_>, String> {
        let index = *self
            .entries
            .get(path)
            .ok_or_else(|| format!("{path} is missing"))?;
        self.archive
            .by_index(index)
            .map(|entry| Box::new(entry) as Box<dyn Read + '_>)
            .map_err(|err| format!("cannot read {path}: {err}"))
    }
}

/// A bag in a folder.
pub struct DirBag {
    root: std::path::PathBuf,
    files: Vec<String>,
    problems: Vec<String>,
}

impl DirBag {
    pub fn open(path: &Path) -> Result<Self, String> {
        let mut bag = DirBag {
            root: path.to_path_buf(),
            files: Vec::new(),
            problems: Vec::new(),
        };
        bag.walk(path, "")?;
        bag.files.sort();
        Ok(bag)
    }

    fn walk(&mut self, dir: &Path, prefix: &str) -> Result<(), String> {
        let entries =
            fs::read_dir(dir).map_err(|err| format!("cannot list {}: {err}", dir.display()))?;
        for entry in entries.flatten() {
            let Some(name) = entry.file_name().to_str().map(str::to_string) else {
                self.problems.push(format!(
                    "{prefix}{} has a name that is not UTF-8",
                    entry.file_name().to_string_lossy()
                ));
                continue;
            };
            let relative = format!("{prefix}{name}");
            let linked = entry.file_type().is_ok_and(|t| t.is_symlink());
            match fs::metadata(entry.path()) {
                // A linked folder is not followed: it could lead back up the tree.
                Ok(meta) if meta.is_dir() && linked => self.problems.push(format!(
                    "{relative} is a link to a folder; it is not followed"
                )),
                Ok(meta) if meta.is_dir() => self.walk(&entry.path(), &format!("{relative}/"))?,
                Ok(_) => self.files.push(relative),
                Err(err) => self.problems.push(format!("cannot read {relative}: {err}")),
            }
        }
        Ok(())
    }
}

impl BagFiles for DirBag {
    fn files(&self) -> Vec<String> {
        self.files.clone()
    }

    fn layout_problems(&self) -> &[String] {
        &self.problems
    }

    fn open(&mut self, path: &str) -> Result<Box<dyn Read + '_>, String> {
        File::open(self.root.join(path))
            .map(|file| Box::new(BufReader::new(file)) as Box<dyn Read + '_>)
            .map_err(|err| format!("cannot read {path}: {err}"))
    }
}
