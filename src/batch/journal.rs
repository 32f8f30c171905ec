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
    pub(super) fn record(&self, id: &str, report: &TargetReport) -> Result<()> {
        use std::io::Write;
        let fail = |e: &std::io::Error| Error::io("cannot write", &self.path, e);
        let entry = JournalEntry {
            id: id.to_string(),
            report: report.clone(),
        };
        let mut line = serde_json::to_vec(&entry).map_err(|e| fail(&e.into()))?;
        line.push(b'\n');
        let mut file = self
            .file
            .lock()
            .map_err(|_| fail(&std::io::Error::other("the journal is unusable")))?;
        file.write_all(&line)
            .and_then(|()| file.sync_data())
            .map_err(|e| fail(&e))
    }
}

/// Locks the output folder for this process; another batch on it is refused.
pub(super) fn lock_folder(out: &Path) -> Result<Option<std::fs::File>> {
    let Ok(folder) = std::fs::File::open(out) else {
        // Where a folder cannot be opened as a file, runs are not locked.
        return Ok(None);
    };
    match folder.try_lock() {
        Ok(()) => Ok(Some(folder)),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::Io {
            action: "cannot write to",
            path: out.display().to_string(),
            kind: std::io::ErrorKind::ResourceBusy,
            message: "another podcover batch is writing there; wait for it to finish".into(),
        }),
        Err(std::fs::TryLockError::Error(_)) => Ok(None),
    }
}

/// The previous run's report, if there is one. A `report.json` that is not a podcover report
/// is the user's, and is replaced only with `force`; one that is not a regular file never.
pub(super) fn previous_report(path: &Path, force: bool) -> Result<Report> {
    let fail = |kind, message: String| Error::Io {
        action: "cannot write",
        path: path.display().to_string(),
        kind,
        message,
    };
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
        serde_json::from_slice::<Report>(&bytes).map_err(|e| Error::Io {
            action: "cannot read",
            path: path.display().to_string(),
            kind: std::io::ErrorKind::InvalidData,
            message: e.to_string(),
        })
    });
    match parsed {
        Ok(report) if !report.podcover.is_empty() => Ok(report),
        _ if force => Ok(Report::default()),
        Ok(_) | Err(_) => Err(fail(
            std::io::ErrorKind::AlreadyExists,
            "it exists and is not a podcover report; use --force to replace it, or choose \
             another --out folder"
                .into(),
        )),
    }
}

/// The journal's entries; a line cut short by a stopped run is skipped.
pub(super) fn read_journal(path: &Path) -> Result<Vec<JournalEntry>> {
    match std::fs::symlink_metadata(path) {
        Err(_) => return Ok(Vec::new()),
        Ok(meta) if !meta.is_file() => {
            return Err(Error::Io {
                action: "cannot write",
                path: path.display().to_string(),
                kind: std::io::ErrorKind::InvalidInput,
                message: format!(
                    "it is {}, not the journal podcover keeps there",
                    file_type_text(meta.file_type())
                ),
            })
        }
        Ok(_) => {}
    }
    let bytes = read_input(path, Input::Report)?;
    Ok(bytes
        .split(|b| *b == b'\n')
        .filter_map(|line| serde_json::from_slice(line).ok())
        .collect())
}
