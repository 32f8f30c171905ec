//! One target's file: where it goes, whether the file there is podcover's and up to date, and
//! writing it so that nothing a user owns is lost.

use std::io::Write;
use std::path::Path;

use crate::batch::input::file_type_text;
use crate::batch::journal::Journal;
use crate::batch::options::BatchOptions;
use crate::batch::report::{Status, TargetReport};
use crate::batch::write::{remove_stale_temporaries, stage, Staged};
use crate::error::{Error, Result};

/// Where a target's file goes, and what earlier runs recorded of it.
pub(super) struct Out<'a> {
    /// The title's id (its folder).
    pub(super) id: &'a str,
    pub(super) options: &'a BatchOptions,
    /// Earlier runs' records of the target, oldest first.
    pub(super) records: &'a [TargetReport],
}

/// Looks at the target's file on disk against the earlier runs' records, given the digest of
/// what it is made from (kept in `report`). `None` when it is up to date (the report then says
/// so, with the earlier run's findings); else whether the new file may replace the one there.
pub(super) fn previous_file(
    out: &Out,
    fingerprint: String,
    report: &mut TargetReport,
) -> Result<Option<bool>> {
    let (options, records) = (out.options, out.records);
    report.fingerprint = Some(fingerprint.clone());
    title_folder(&options.out.join(out.id))?;
    let path = options.out.join(&report.file);
    remove_stale_temporaries(&path);
    // The file on disk, if any, and whether it is one a previous run wrote.
    let on_disk = on_disk(&path, records)?;
    let ours = on_disk.as_ref().is_some_and(|d| {
        records
            .iter()
            .any(|r| r.written.as_ref() == Some(&d.digest) && sizes_match(r, d.size))
    });
    let before = on_disk
        .as_ref()
        .and_then(|d| {
            records
                .iter()
                .rev()
                .find(|r| r.written.as_ref() == Some(&d.digest))
        })
        .or(records.last());
    report.changes.extend(changes(before, report, &fingerprint));
    if on_disk.is_some() && !ours && !options.force {
        return Err(not_ours(&path));
    }
    if !options.force
        && ours
        && before.is_some_and(|b| {
            b.status != Status::Failed && b.fingerprint.as_deref() == Some(&fingerprint)
        })
    {
        report.status = Status::Unchanged;
        if let Some(d) = on_disk {
            report.written = Some(d.digest);
            report.written_size = Some(d.size);
            report.written_mtime = d.mtime;
        }
        report.warnings = before.map(|b| b.warnings.clone()).unwrap_or_default();
        report.notes = before.map(|b| b.notes.clone()).unwrap_or_default();
        report.check = before.and_then(|b| b.check.clone());
        return Ok(None);
    }
    Ok(Some(options.force || ours))
}

/// Makes sure the title's folder is a real folder inside the output folder, not a link out of
/// it.
fn title_folder(folder: &Path) -> Result<()> {
    match std::fs::symlink_metadata(folder) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(meta) => Err(Error::protected(
            folder,
            std::io::ErrorKind::InvalidInput,
            format!(
                "is {}, not a folder; podcover writes covers only into folders it can \
                 create inside the output folder",
                file_type_text(meta.file_type())
            ),
        )),
        Err(_) => std::fs::create_dir(folder).map_err(|e| Error::io("cannot create", folder, e)),
    }
}

/// What changed since the record `before` (sizes and fingerprint already in `report`).
fn changes(before: Option<&TargetReport>, report: &TargetReport, fingerprint: &str) -> Vec<String> {
    let Some(b) = before else {
        return vec!["new".into()];
    };
    let mut changes = Vec::new();
    if b.spine_width != report.spine_width {
        changes.push(format!(
            "spine {} in -> {} in",
            b.spine_width.unwrap_or(0.0),
            report.spine_width.unwrap_or(0.0)
        ));
    }
    if b.full_width != report.full_width || b.full_height != report.full_height {
        changes.push(format!(
            "full size {} x {} in -> {} x {} in",
            b.full_width.unwrap_or(0.0),
            b.full_height.unwrap_or(0.0),
            report.full_width.unwrap_or(0.0),
            report.full_height.unwrap_or(0.0)
        ));
    }
    if b.fingerprint.as_deref() != Some(fingerprint) && changes.is_empty() {
        changes.push("inputs changed".into());
    }
    if b.status == Status::Failed {
        changes.push("failed before".into());
    }
    changes
}

/// Writes the built file beside the target's path (its digest and size into `report`), to be
/// checked as written and then put in place by [`commit`].
pub(super) fn stage_cover(
    out: &Out,
    bytes: &[u8],
    warnings: Vec<String>,
    replace: bool,
    report: &mut TargetReport,
) -> Result<Staged> {
    use md5::Digest;
    let path = out.options.out.join(&report.file);
    report.written = Some(hex(&md5::Md5::digest(bytes)));
    report.written_size = Some(bytes.len() as u64);
    report.status = Status::Built;
    report.warnings = warnings;
    let staged = stage(&path, replace, |file| file.write_all(bytes))?;
    // A cover's path is a regular file or nothing (`previous_file` saw to it); should a stream
    // have taken its place meanwhile, the cover went into it.
    staged.ok_or_else(|| {
        Error::protected(
            &path,
            std::io::ErrorKind::InvalidInput,
            "is no longer a regular file; podcover replaces only regular files: remove it",
        )
    })
}

/// Puts staged covers in place, `(title id, report, file)`: flushed to disk, recorded in the
/// journal with one write, then each moved to its path in `out`, so that a run stopped at any
/// point leaves at each path the earlier file or the new one, both of which the next run
/// knows. A cover that cannot be put in place is reported failed.
pub(super) fn commit(
    out: &Path,
    journal: &Journal,
    covers: Vec<(&str, &mut TargetReport, Staged)>,
) {
    let flushed = flush(&covers);
    let mut synced = Vec::with_capacity(covers.len());
    for ((id, report, staged), flushed) in covers.into_iter().zip(flushed) {
        match flushed {
            Ok(()) => synced.push((id, report, staged)),
            Err(e) => failed(report, &e),
        }
    }
    let records: Vec<(&str, &TargetReport)> = synced.iter().map(|(id, r, _)| (*id, &**r)).collect();
    if let Err(e) = journal.record(&records) {
        for (_, report, _) in synced {
            failed(report, &e);
        }
        return;
    }
    for (_, report, staged) in synced {
        let path = out.join(&report.file);
        match staged.place() {
            Ok(()) => report.written_mtime = modified(&path),
            Err(e) if e.io_kind() == Some(std::io::ErrorKind::AlreadyExists) => {
                failed(report, &not_ours(&path));
            }
            Err(e) => failed(report, &e),
        }
    }
}

/// Files flushed to disk at once at most: a disk takes many requests at a time, and a file
/// flushed waits for the disk, not for the processor (on the disks measured, eight at a time
/// flush ten times as many files a second as one at a time).
const FLUSHED_AT_ONCE: usize = 8;

/// Flushes the staged files to disk, up to [`FLUSHED_AT_ONCE`] at a time: how each went.
fn flush(covers: &[(&str, &mut TargetReport, Staged)]) -> Vec<Result<()>> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Option<Result<()>>>> =
        covers.iter().map(|_| std::sync::Mutex::new(None)).collect();
    let flusher = || loop {
        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let (Some((_, _, staged)), Some(result)) = (covers.get(i), results.get(i)) else {
            break;
        };
        let flushed = staged.sync();
        *result
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(flushed);
    };
    std::thread::scope(|scope| {
        for _ in 1..covers.len().min(FLUSHED_AT_ONCE) {
            // A thread that cannot be started leaves its share to the others.
            let _ = std::thread::Builder::new().spawn_scoped(scope, flusher);
        }
        flusher();
    });
    results
        .into_iter()
        .zip(covers)
        .map(|(result, (_, _, staged))| {
            result
                .into_inner()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                // Left by a thread that stopped: flushed here.
                .unwrap_or_else(|| staged.sync())
        })
        .collect()
}

fn failed(report: &mut TargetReport, error: &Error) {
    report.status = Status::Failed;
    report.error = Some(error.to_string());
}

/// A file as found on disk.
struct OnDisk {
    digest: String,
    size: u64,
    mtime: Option<u64>,
}

fn sizes_match(record: &TargetReport, size: u64) -> bool {
    record.written_size.is_none_or(|s| s == size)
}

/// The error for a cover path that holds a file podcover did not write.
fn not_ours(path: &Path) -> Error {
    Error::protected(
        path,
        std::io::ErrorKind::AlreadyExists,
        "exists and is not the file podcover wrote there; a forced batch replaces it",
    )
}

/// The cover at `path`, if there is one: hashed whole (MD5 reads about 400 MiB/s, about as
/// fast as a disk), unless no record has its size. Anything but a regular file is refused.
fn on_disk(path: &Path, records: &[TargetReport]) -> Result<Option<OnDisk>> {
    use md5::Digest;
    use std::io::Read;
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io("cannot read", path, e)),
    };
    if !meta.is_file() {
        return Err(Error::protected(
            path,
            std::io::ErrorKind::InvalidInput,
            format!(
                "is {}, not a regular file; podcover replaces only regular files: remove it",
                file_type_text(meta.file_type())
            ),
        ));
    }
    let size = meta.len();
    let mtime = modified(path);
    if !records.iter().any(|r| sizes_match(r, size)) {
        return Ok(Some(OnDisk {
            digest: String::new(),
            size,
            mtime,
        }));
    }
    let mut file = std::fs::File::open(path).map_err(|e| Error::io("cannot read", path, e))?;
    let mut md5 = md5::Md5::new();
    let mut buffer = vec![0u8; 1 << 20];
    loop {
        let n = file
            .read(&mut buffer)
            .map_err(|e| Error::io("cannot read", path, e))?;
        if n == 0 {
            break;
        }
        md5.update(&buffer[..n]);
    }
    Ok(Some(OnDisk {
        digest: hex(&md5.finalize()),
        size,
        mtime,
    }))
}

fn modified(path: &Path) -> Option<u64> {
    let time = std::fs::metadata(path).ok()?.modified().ok()?;
    Some(time.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs())
}

pub(super) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
