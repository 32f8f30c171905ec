//! Writing files so that nothing a user owns is lost: atomically, and never over an existing
//! file unless asked.
//!
//! A batch writes its covers and report this way. [`write_atomic`] and [`write_atomic_with`] are
//! public (at the crate root) because the command-line tool, a separate crate, writes its
//! templates and covers the same way, and a Rust tool writing covers wants the same guarantee.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically: to a temporary file in the same folder, flushed to disk,
/// then moved into place, so a reader never sees half a file.
///
/// Without `overwrite`, an existing `path` is left alone and the error's kind is
/// [`io::ErrorKind::AlreadyExists`].
///
/// ```
/// let path = std::env::temp_dir().join(format!("podcover-doc-{}.pdf", std::process::id()));
/// podcover::write_atomic(&path, b"first", false)?;
/// assert!(podcover::write_atomic(&path, b"second", false).is_err());
/// assert_eq!(std::fs::read(&path)?, b"first");
/// # std::fs::remove_file(&path)?;
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn write_atomic(path: &Path, bytes: &[u8], overwrite: bool) -> io::Result<()> {
    write_atomic_with(path, overwrite, |file| file.write_all(bytes))
}

/// Like [`write_atomic`], with the content written by `write` (so it need not be in memory).
pub fn write_atomic_with(
    path: &Path,
    overwrite: bool,
    write: impl FnOnce(&mut io::BufWriter<std::fs::File>) -> io::Result<()>,
) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path names no file"))?;
    if !overwrite && path.exists() {
        return Err(exists(path));
    }
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        let mut writer = io::BufWriter::new(file);
        write(&mut writer)?;
        let file = writer
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?;
        file.sync_all()?;
        drop(file);
        if overwrite {
            std::fs::rename(&tmp, path)
        } else {
            // A hard link fails if the target appeared meanwhile: no silent overwrite.
            std::fs::hard_link(&tmp, path).map_err(|e| {
                if e.kind() == io::ErrorKind::AlreadyExists {
                    exists(path)
                } else {
                    e
                }
            })
        }
    })();
    let _ = std::fs::remove_file(&tmp);
    result
}

fn exists(path: &Path) -> io::Error {
    io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("{} exists; use --force to replace it", path.display()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_overwrites_without_being_asked() {
        let dir = std::env::temp_dir().join(format!("podcover-output-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("cover.pdf");
        write_atomic(&path, b"first", false).unwrap();
        let err = write_atomic(&path, b"second", false).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        write_atomic(&path, b"third", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"third");
        // No temporary files are left behind.
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["cover.pdf"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
