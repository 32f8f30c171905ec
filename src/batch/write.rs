//! Writing files so that nothing a user owns is lost: atomically, never over an existing file
//! unless asked, and never in place of anything but a regular file.
//!
//! A batch writes its covers and report this way. [`write_atomic`] is public (at the crate
//! root) because the command-line tool, a separate crate, writes its templates and covers the
//! same way, and a Rust tool writing covers wants the same guarantee. Its errors say what
//! happened and leave what to do to the caller: the tool's `--force` is the tool's to mention.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::batch::input::{file_type_text, unix_kind};
use crate::error::{Error, Result};

/// What is at an output path, and so how it is written.
enum Destination {
    /// Nothing: the file is created.
    Missing,
    /// A regular file: replaced atomically, if asked.
    Regular,
    /// A stream the user named (a FIFO, a character device such as `/dev/null`): written into,
    /// as a shell's `>` would, replacing nothing.
    Stream,
    /// The process's own standard output or error, named as `/dev/stdout`, `/dev/fd/1`, ...
    Stdout,
    /// The process's standard error.
    Stderr,
}

fn destination(path: &Path) -> Result<Destination> {
    let refuse = |what: &str, advice: &str| {
        Error::protected(
            path,
            io::ErrorKind::InvalidInput,
            format!("is {what}; {advice}"),
        )
    };
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Destination::Missing),
        Err(e) => return Err(Error::io("cannot write", path, e)),
    };
    let kind = meta.file_type();
    if kind.is_file() {
        return Ok(Destination::Regular);
    }
    let text = path.as_os_str().to_string_lossy();
    match text.as_ref() {
        "/dev/stdout" | "/dev/fd/1" | "/proc/self/fd/1" => return Ok(Destination::Stdout),
        "/dev/stderr" | "/dev/fd/2" | "/proc/self/fd/2" => return Ok(Destination::Stderr),
        _ => {}
    }
    // Links are followed only to a stream (as `/dev/tty` may be); a link is never replaced.
    let target = if kind.is_symlink() {
        std::fs::metadata(path).ok().map(|m| m.file_type())
    } else {
        Some(kind)
    };
    match target {
        Some(t) if unix_kind(t).fifo || unix_kind(t).char_device => Ok(Destination::Stream),
        _ if kind.is_symlink() => Err(refuse(
            "a symbolic link",
            "podcover does not replace links or write through them to files: give the path of \
             the file itself",
        )),
        _ => Err(refuse(
            file_type_text(kind),
            "podcover writes only regular files, FIFOs and character devices",
        )),
    }
}

/// Refuses an output that is one of the files a command reads: the same file by another path
/// (`./front.png` for `front.png`), through a symbolic link, or a hard link to it. Written
/// over, the input would be lost with what was made from it, so this holds whether or not
/// replacing files was asked for.
///
/// `inputs` pairs what each input is, for the message, with its path: `("--front", path)`.
/// A refusal is an error of kind [`ErrorKind::Protected`](crate::ErrorKind::Protected), with an
/// [`io_kind`](crate::Error::io_kind) of [`io::ErrorKind::InvalidInput`]; an output
/// or input that does not exist (or is not a regular file) is no refusal.
///
/// ```
/// use std::io::ErrorKind;
///
/// let dir = std::env::temp_dir().join(format!("podcover-doc-input-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// std::fs::write(dir.join("front.png"), b"art")?;
/// let output = dir.join(".").join("front.png");
/// let err = podcover::files::refuse_input_as_output(&output, &[("--front", &dir.join("front.png"))])
///     .unwrap_err();
/// assert_eq!(err.io_kind(), Some(ErrorKind::InvalidInput));
/// assert!(podcover::files::refuse_input_as_output(&dir.join("cover.pdf"), &[("--front", &dir.join("front.png"))]).is_ok());
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn refuse_input_as_output(output: &Path, inputs: &[(&str, &Path)]) -> Result<()> {
    let Some(out) = std::fs::metadata(output).ok().filter(|m| m.is_file()) else {
        return Ok(());
    };
    match inputs
        .iter()
        .find(|(_, input)| same_file(output, &out, input))
    {
        Some((what, input)) => Err(Error::protected(
            output,
            io::ErrorKind::InvalidInput,
            format!(
                "is the file given as {what} ({}); podcover never writes over a file it reads, \
                 even when told to replace files: write the output elsewhere",
                input.display()
            ),
        )),
        None => Ok(()),
    }
}

/// Whether `input` is the file at `output` (whose metadata, links followed, is `out`).
fn same_file(output: &Path, out: &std::fs::Metadata, input: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(input) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = output;
        meta.dev() == out.dev() && meta.ino() == out.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (out, meta);
        match (std::fs::canonicalize(output), std::fs::canonicalize(input)) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        }
    }
}

/// Writes `bytes` to `path` atomically: to a temporary file in the same folder, flushed to disk,
/// then moved into place, so a reader never sees half a file.
///
/// This is how podcover writes every file it makes (batch covers and reports, and the
/// command-line tool's templates and covers), so that a run stopped part way never leaves half
/// a file and never loses one the user did not ask to replace.
///
/// Without `overwrite`, an existing `path` is left alone: an error of kind
/// [`ErrorKind::Protected`](crate::ErrorKind::Protected) whose
/// [`io_kind`](crate::Error::io_kind) is [`io::ErrorKind::AlreadyExists`]. Only a regular file is ever replaced: a FIFO or a
/// character device (such as `/dev/null`, or a terminal), or a link to one, is written into
/// as a stream, with or without `overwrite`, since nothing is replaced; `/dev/stdout` and
/// `/dev/stderr` (and `/dev/fd/1`, `/dev/fd/2`) are the process's own; a folder, a block
/// device, a socket or a link to anything else is protected too, with
/// [`io::ErrorKind::InvalidInput`]. What the system refuses is an
/// [`ErrorKind::Io`](crate::ErrorKind::Io) with the system's kind, and the system's error as its
/// [`source`](std::error::Error::source).
///
/// ```
/// use std::io::ErrorKind;
///
/// let path = std::env::temp_dir().join(format!("podcover-doc-{}.pdf", std::process::id()));
/// podcover::files::write_atomic(&path, b"first", false)?;
/// let err = podcover::files::write_atomic(&path, b"second", false).unwrap_err();
/// assert_eq!(err.io_kind(), Some(ErrorKind::AlreadyExists));
/// assert_eq!(err.to_string(), format!("{} exists", path.display()));
/// assert_eq!(std::fs::read(&path)?, b"first");
/// # std::fs::remove_file(&path)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_atomic(path: &Path, bytes: &[u8], overwrite: bool) -> Result<()> {
    write_atomic_file(path, overwrite, |file| file.write_all(bytes))
}

/// Like [`write_atomic`], with the content written by `write` (so it need not be in memory):
/// a large cover goes to the file as it is made. If `write` fails, nothing takes the path's
/// place.
pub fn write_atomic_with(
    path: &Path,
    overwrite: bool,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    write_atomic_file(path, overwrite, |file| {
        let mut writer = io::BufWriter::new(file);
        write(&mut writer)?;
        writer.flush()
    })
}

/// Like [`write_atomic_with`], with `write` given the file itself (unbuffered): what it copies
/// from another file with [`std::io::copy`] is copied by the system, never passing through
/// memory (`copy_file_range` on Linux). A FIFO, a device or the process's own standard output
/// or error is given as a file too.
pub fn write_atomic_file(
    path: &Path,
    overwrite: bool,
    write: impl FnOnce(&mut std::fs::File) -> io::Result<()>,
) -> Result<()> {
    match stage(path, overwrite, write)? {
        Some(staged) => staged.sync().and_then(|()| staged.place()),
        None => Ok(()),
    }
}

/// A file written whole beside the path it is for (`.NAME.PID.tmp`), not yet in its place: it
/// is synced to disk and moved there when asked ([`Staged::sync`], [`Staged::place`]), or
/// removed when dropped. Writing a batch's covers this way lets many be made durable together.
pub(crate) struct Staged {
    /// The file, closed once written: a batch stages many at a time, more than a process may
    /// keep open.
    tmp: PathBuf,
    path: PathBuf,
    overwrite: bool,
}

/// Writes what `write` writes to a temporary file beside `path`, checking first what is at
/// `path` as [`write_atomic`] does. `None` when `path` is a stream, written into already.
pub(crate) fn stage(
    path: &Path,
    overwrite: bool,
    write: impl FnOnce(&mut std::fs::File) -> io::Result<()>,
) -> Result<Option<Staged>> {
    let fail = |e: io::Error| Error::io("cannot write", path, e);
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().ok_or_else(|| {
        fail(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the path names no file",
        ))
    })?;
    let streamed = match destination(path)? {
        Destination::Missing => return stage_file(path, &dir, name, overwrite, write),
        Destination::Regular if overwrite => {
            return stage_file(path, &dir, name, overwrite, write);
        }
        Destination::Regular => return Err(exists(path)),
        Destination::Stdout => write_stdio(true, write),
        Destination::Stderr => write_stdio(false, write),
        Destination::Stream => std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|mut file| write(&mut file)),
    };
    streamed.map(|()| None).map_err(fail)
}

fn stage_file(
    path: &Path,
    dir: &Path,
    name: &std::ffi::OsStr,
    overwrite: bool,
    write: impl FnOnce(&mut std::fs::File) -> io::Result<()>,
) -> Result<Option<Staged>> {
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    // Closed once written: a batch stages many files at a time, more than a process may keep
    // open.
    let written = {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .map_err(|e| Error::io("cannot write", path, e))?;
        write(&mut file)
    };
    // Dropped on failure, which removes the temporary file.
    let staged = Staged {
        tmp,
        path: path.to_path_buf(),
        overwrite,
    };
    written.map_err(|e| Error::io("cannot write", path, e))?;
    Ok(Some(staged))
}

impl Staged {
    /// The temporary file, as written.
    pub(crate) fn written(&self) -> Result<Vec<u8>> {
        std::fs::read(&self.tmp).map_err(|e| Error::io("cannot read", &self.tmp, e))
    }

    /// Flushes the file's content to disk.
    pub(crate) fn sync(&self) -> Result<()> {
        // Flushing any descriptor of a file flushes the file.
        std::fs::OpenOptions::new()
            .write(true)
            .open(&self.tmp)
            .and_then(|file| file.sync_all())
            .map_err(|e| Error::io("cannot write", &self.path, e))
    }

    /// Moves the file into its place; without `overwrite`, only if nothing appeared there
    /// meanwhile (an error of kind `Protected` with `AlreadyExists`).
    pub(crate) fn place(self) -> Result<()> {
        let placed = if self.overwrite {
            std::fs::rename(&self.tmp, &self.path)
        } else {
            // A hard link fails if the target appeared meanwhile: no silent overwrite.
            std::fs::hard_link(&self.tmp, &self.path)
        };
        // Dropped: the temporary file (or its second name) is removed.
        match placed {
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(exists(&self.path)),
            Err(e) => Err(Error::io("cannot write", &self.path, e)),
            Ok(()) => Ok(()),
        }
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.tmp);
    }
}

/// Writes into the process's standard output (or error) as into a file: a handle of its own
/// onto the same stream, after what the process buffered there.
fn write_stdio(
    stdout: bool,
    write: impl FnOnce(&mut std::fs::File) -> io::Result<()>,
) -> io::Result<()> {
    if stdout {
        let mut lock = io::stdout().lock();
        lock.flush()?;
        write(&mut stdio_file(&lock)?)
    } else {
        let lock = io::stderr().lock();
        write(&mut stdio_file(&lock)?)
    }
}

#[cfg(unix)]
fn stdio_file(stream: &impl std::os::fd::AsFd) -> io::Result<std::fs::File> {
    Ok(std::fs::File::from(stream.as_fd().try_clone_to_owned()?))
}

#[cfg(windows)]
fn stdio_file(stream: &impl std::os::windows::io::AsHandle) -> io::Result<std::fs::File> {
    Ok(std::fs::File::from(
        stream.as_handle().try_clone_to_owned()?,
    ))
}

#[cfg(not(any(unix, windows)))]
fn stdio_file<T>(_: &T) -> io::Result<std::fs::File> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "this system has no standard output to write to",
    ))
}

/// Removes temporary files that an interrupted [`write_atomic`] to `path` left beside it
/// (`.NAME.PID.tmp`), unless the process that made them is still running.
pub(crate) fn remove_stale_temporaries(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let Some(pid) = file_name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        let running = pid == std::process::id()
            || (Path::new("/proc/self").exists() && Path::new(&format!("/proc/{pid}")).exists());
        let regular = entry.file_type().is_ok_and(|t| t.is_file());
        if !running && regular {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn exists(path: &Path) -> Error {
    Error::protected(path, io::ErrorKind::AlreadyExists, "exists")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::test_files::{mkfifo, scratch};

    #[test]
    fn never_overwrites_without_being_asked() {
        let dir = std::env::temp_dir().join(format!("podcover-output-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("cover.pdf");
        write_atomic(&path, b"first", false).unwrap();
        let err = write_atomic(&path, b"second", false).unwrap_err();
        assert_eq!(err.io_kind(), Some(io::ErrorKind::AlreadyExists));
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

    #[test]
    fn force_never_replaces_anything_but_a_regular_file() {
        let dir = scratch("force");
        let target = dir.join("mine.pdf");
        std::fs::write(&target, b"mine").unwrap();
        let link = dir.join("link.pdf");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let folder = dir.join("folder.pdf");
        std::fs::create_dir(&folder).unwrap();
        for overwrite in [false, true] {
            let err = write_atomic(&link, b"new", overwrite).unwrap_err();
            assert_eq!(err.io_kind(), Some(io::ErrorKind::InvalidInput));
            assert!(err.to_string().ends_with(
                "link.pdf is a symbolic link; podcover does not replace links or write through \
                 them to files: give the path of the file itself"
            ));
            let err = write_atomic(&folder, b"new", overwrite).unwrap_err();
            assert!(err.to_string().ends_with(
                "folder.pdf is a folder; podcover writes only regular files, FIFOs and \
                 character devices"
            ));
        }
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(std::fs::read(&target).unwrap(), b"mine");
        assert!(folder.is_dir());
        // A FIFO is written into, not replaced.
        let fifo = dir.join("pipe.pdf");
        mkfifo(&fifo);
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(fifo).unwrap())
        };
        write_atomic(&fifo, b"through the pipe", true).unwrap();
        assert_eq!(reader.join().unwrap(), b"through the pipe");
        use std::os::unix::fs::FileTypeExt;
        assert!(std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo());
        // So is a character device, without being asked to replace anything.
        write_atomic(Path::new("/dev/null"), b"nothing", false).unwrap();
        assert!(std::fs::symlink_metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device());
        // Writing into a device that refuses is an error.
        assert!(write_atomic(Path::new("/dev/full"), b"x", true).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn stale_temporaries_of_finished_processes_are_removed() {
        let dir = scratch("stale");
        let path = dir.join("cover.pdf");
        // A pid far above any that is running.
        let stale = dir.join(".cover.pdf.4000000000.tmp");
        let mine = dir.join(format!(".cover.pdf.{}.tmp", std::process::id()));
        let other = dir.join(".other.pdf.4000000000.tmp");
        for p in [&stale, &mine, &other] {
            std::fs::write(p, b"half").unwrap();
        }
        remove_stale_temporaries(&path);
        assert!(!stale.exists());
        assert!(mine.exists() && other.exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
