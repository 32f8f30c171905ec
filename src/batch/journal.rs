//! The batch's record of what it wrote: the journal appended as each cover is written, the
//! previous report, and the lock that keeps one batch at a time in an output folder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::batch::input::{file_type_text, read_input, Input};
use crate::batch::manifest::Target;
use crate::batch::report::{Report, TargetReport};
use crate::error::{Error, Result};

/// The journal in the output folder: one JSON line per cover, appended before the cover is
/// moved into place, so that a run that is stopped part way is recovered by the next.
pub(super) const JOURNAL: &str = "report.json.journal";

/// Every record of a target: the last report's, then the journal's, oldest first.
pub(super) type Records = BTreeMap<(String, Target), Vec<TargetReport>>;

pub(super) struct Journal {
    pub(super) file: Mutex<std::fs::File>,
    pub(super) path: PathBuf,
}

/// One line of the journal.
#[derive(Serialize, Deserialize)]
pub(super) struct JournalEntry {
    pub(super) id: String,
    pub(super) report: TargetReport,
}

impl Journal {
    /// Opens the journal at `path` to append to, with the entries a stopped run left in it.
    ///
    /// A last line cut short (the disk filled, or the run was killed, as it was written) is
    /// removed first, or ended if it is whole, so that the next record starts a line of its
    /// own instead of being glued to it and lost.
    pub(super) fn open(path: &Path) -> Result<(Journal, Vec<JournalEntry>)> {
        use std::io::Write;
        let fail = |e: std::io::Error| Error::io("cannot write", path, e);
        let bytes = match std::fs::symlink_metadata(path) {
            Err(_) => Vec::new(),
            Ok(meta) if !meta.is_file() => {
                return Err(Error::refused(
                    "cannot write",
                    path,
                    std::io::ErrorKind::InvalidInput,
                    format_args!(
                        "it is {}, not the journal podcover keeps there",
                        file_type_text(meta.file_type())
                    ),
                ));
            }
            Ok(_) => read_input(path, Input::Report)?,
        };
        // Lines that do not parse (cut short, or zeros a crash left) are skipped.
        let mut entries: Vec<JournalEntry> = bytes
            .split(|b| *b == b'\n')
            .filter_map(|line| serde_json::from_slice(line).ok())
            .collect();
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(fail)?;
        let whole = bytes.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        if let Some(tail) = bytes.get(whole..).filter(|t| !t.is_empty()) {
            if serde_json::from_slice::<JournalEntry>(tail).is_ok() {
                file.write_all(b"\n").map_err(fail)?;
            } else {
                file.set_len(whole as u64).map_err(fail)?;
            }
            file.sync_data().map_err(fail)?;
        }
        entries.shrink_to_fit();
        Ok((
            Journal {
                file: Mutex::new(file),
                path: path.to_path_buf(),
            },
            entries,
        ))
    }

    /// Appends records of covers about to be moved into place, `(title id, report)`, with one
    /// write and one flush to disk. Records that cannot be written whole are taken back, so the
    /// journal never holds half a line.
    pub(super) fn record(&self, covers: &[(&str, &TargetReport)]) -> Result<()> {
        use std::io::Write;
        let fail = |e: std::io::Error| Error::io("cannot write", &self.path, e);
        let mut lines = Vec::new();
        for &(id, report) in covers {
            let entry = JournalEntry {
                id: id.to_string(),
                report: report.clone(),
            };
            serde_json::to_writer(&mut lines, &entry).map_err(|e| fail(e.into()))?;
            lines.push(b'\n');
        }
        if lines.is_empty() {
            return Ok(());
        }
        let mut file = self
            .file
            .lock()
            .map_err(|_| fail(std::io::Error::other("the journal is unusable")))?;
        let before = file.metadata().map_err(fail)?.len();
        file.write_all(&lines)
            .and_then(|()| file.sync_data())
            .map_err(|e| {
                let _ = file.set_len(before);
                fail(e)
            })
    }
}

/// The lock on an output folder, released when dropped.
pub(super) struct FolderLock(std::fs::File);

impl Drop for FolderLock {
    fn drop(&mut self) {
        // Released explicitly, not only by closing the file: a child process that another
        // thread is starting holds a copy of the descriptor until it runs its program, and the
        // lock would last as long as that copy.
        let _ = self.0.unlock();
    }
}

/// Locks the output folder for this process; another batch on it is refused.
pub(super) fn lock_folder(out: &Path) -> Result<Option<FolderLock>> {
    let Ok(folder) = std::fs::File::open(out) else {
        // Where a folder cannot be opened as a file, runs are not locked.
        return Ok(None);
    };
    match folder.try_lock() {
        Ok(()) => Ok(Some(FolderLock(folder))),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::refused(
            "cannot write to",
            out,
            std::io::ErrorKind::ResourceBusy,
            "another podcover batch is writing there; wait for it to finish",
        )),
        Err(std::fs::TryLockError::Error(_)) => Ok(None),
    }
}

/// The previous run's report, if there is one. A `report.json` that is not a podcover report
/// is the user's, and is replaced only with `force`; one that is not a regular file never.
pub(super) fn previous_report(path: &Path, force: bool) -> Result<Report> {
    let fail = |kind, message: String| Error::refused("cannot write", path, kind, message);
    match std::fs::symlink_metadata(path) {
        Err(_) => return Ok(Report::default()),
        Ok(meta) if !meta.is_file() => {
            return Err(fail(
                std::io::ErrorKind::InvalidInput,
                format!(
                    "it is {}; podcover replaces only a regular report.json",
                    file_type_text(meta.file_type())
                ),
            ))
        }
        Ok(_) => {}
    }
    let parsed = read_input(path, Input::Report).and_then(|bytes| {
        serde_json::from_slice::<Report>(&bytes)
            .map_err(|e| Error::refused("cannot read", path, std::io::ErrorKind::InvalidData, e))
    });
    match parsed {
        Ok(report) if !report.podcover.is_empty() => Ok(report),
        _ if force => Ok(Report::default()),
        Ok(_) | Err(_) => Err(Error::protected(
            path,
            std::io::ErrorKind::AlreadyExists,
            "exists and is not a podcover report; a forced batch replaces it, or choose another \
             output folder",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::report::Status;
    use crate::batch::test_files::scratch;

    #[test]
    fn a_folder_lock_ends_with_the_batch_even_while_a_copy_of_its_descriptor_lives() {
        let dir = scratch("lock-copy");
        let lock = lock_folder(&dir)
            .unwrap()
            .expect("a folder opens as a file here");
        // What a child process being started holds until it runs its program.
        let copy = lock.0.try_clone().unwrap();
        let err = lock_folder(&dir).err().expect("a second batch is refused");
        assert_eq!(err.io_kind(), Some(std::io::ErrorKind::ResourceBusy));
        drop(lock);
        assert!(
            lock_folder(&dir).unwrap().is_some(),
            "the next batch may run"
        );
        drop(copy);
    }

    fn line(id: &str) -> Vec<u8> {
        let target = Target::Print {
            vendor: "kdp".parse().unwrap(),
            binding: "paperback".parse().unwrap(),
            paper: "white".parse().unwrap(),
        };
        let mut report = TargetReport::new(target, format!("{id}/kdp-paperback-white.pdf"));
        report.status = Status::Built;
        report.written = Some("0123".into());
        report.written_size = Some(4);
        serde_json::to_vec(&JournalEntry {
            id: id.into(),
            report,
        })
        .unwrap()
    }

    #[test]
    fn a_last_line_cut_short_is_removed_and_a_whole_one_ended() {
        let dir = scratch("journal-tail");
        let path = dir.join(JOURNAL);
        let mut first = line("a");
        first.push(b'\n');
        // Cut short: removed, and the next record starts its own line.
        std::fs::write(&path, [&first[..], &line("b")[..20]].concat()).unwrap();
        let (journal, entries) = Journal::open(&path).unwrap();
        assert_eq!(entries.len(), 1);
        assert_eq!(std::fs::read(&path).unwrap(), first);
        journal.record(&[("c", &entries[0].report)]).unwrap();
        drop(journal);
        let (_, entries) = Journal::open(&path).unwrap();
        let ids: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["a", "c"]);
        // Whole but for its line end: kept, and ended.
        std::fs::write(&path, [&first[..], &line("b")[..]].concat()).unwrap();
        let (_, entries) = Journal::open(&path).unwrap();
        assert_eq!(entries.len(), 2);
        assert!(std::fs::read(&path).unwrap().ends_with(b"}\n"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
