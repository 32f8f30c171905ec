//! Reading what a user gives podcover so that nothing hangs and nothing reads without end:
//! every input is checked to be a regular file before it is opened, and read up to a limit
//! suited to what it is. Public (at the crate root) for the command-line tool, which reads
//! its inputs the same way.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};
use crate::pdf::raster::Format;
use crate::pdf::Artwork;

/// What podcover reads from a path, each with the most bytes it reads of it.
///
/// Every input must be a regular file (or a link to one): a FIFO, a device or a folder is
/// refused before it is opened, so that reading never waits for a writer or reads without end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Input {
    /// A stock file, at most 1 MiB (the built-in ones are about 12 KiB).
    Stock,
    /// A batch manifest, at most 64 MiB (20,000 titles take about 6 MiB).
    Manifest,
    /// A TrueType or OpenType font for spine text, at most 128 MiB (a whole CJK collection).
    Font,
    /// Artwork (PDF, JPEG or PNG) or a whole cover to respine, at most 1 GiB.
    Artwork,
    /// A cover PDF to check, at most 1 GiB.
    Pdf,
    /// An interior PDF, at most 4 GiB.
    Interior,
    /// A batch's `report.json` or journal, at most 256 MiB.
    Report,
    /// A readings file (spine widths read off vendors' templates), at most 1 MiB (about
    /// 3,000 readings).
    Readings,
}

impl Input {
    /// The most bytes read of this input.
    pub(crate) fn limit(self) -> u64 {
        match self {
            Input::Stock => 1 << 20,
            Input::Readings => crate::catalog::Readings::MAX_BYTES as u64,
            Input::Manifest => 64 << 20,
            Input::Font => 128 << 20,
            Input::Artwork | Input::Pdf => 1 << 30,
            Input::Interior => 4 << 30,
            Input::Report => 256 << 20,
        }
    }

    /// How an error reading it begins: `cannot read stock file`, ...
    fn action(self) -> &'static str {
        match self {
            Input::Stock => "cannot read stock file",
            Input::Manifest => "cannot read manifest",
            Input::Font => "cannot read font",
            Input::Artwork => "cannot read artwork",
            Input::Pdf => "cannot read PDF",
            Input::Interior => "cannot read interior PDF",
            Input::Report => "cannot read batch report",
            Input::Readings => "cannot read readings file",
        }
    }

    fn article(self) -> &'static str {
        match self {
            Input::Artwork | Input::Interior => "an",
            _ => "a",
        }
    }

    /// What the input is, as messages name it: `stock file`, `manifest`, `font`, ...
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Input::Stock => "stock file",
            Input::Manifest => "manifest",
            Input::Font => "font",
            Input::Artwork => "artwork file",
            Input::Pdf => "PDF",
            Input::Interior => "interior PDF",
            Input::Report => "batch report",
            Input::Readings => "readings file",
        }
    }
}

/// A byte count as `1 MiB`, `64 MiB`, `1 GiB`.
fn size_text(bytes: u64) -> String {
    if bytes >= 1 << 30 && bytes.is_multiple_of(1 << 30) {
        format!("{} GiB", bytes >> 30)
    } else if bytes >= 1 << 20 && bytes.is_multiple_of(1 << 20) {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{bytes} bytes")
    }
}

/// The kinds of file only Unix has; elsewhere (Windows, WebAssembly) a file is none of them.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct UnixKind {
    pub(crate) fifo: bool,
    pub(crate) char_device: bool,
    pub(crate) block_device: bool,
    pub(crate) socket: bool,
}

pub(crate) fn unix_kind(kind: std::fs::FileType) -> UnixKind {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        UnixKind {
            fifo: kind.is_fifo(),
            char_device: kind.is_char_device(),
            block_device: kind.is_block_device(),
            socket: kind.is_socket(),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = kind;
        UnixKind::default()
    }
}

/// What a file that is not a regular file is, for messages: `a FIFO`, `a folder`, ...
pub(crate) fn file_type_text(kind: std::fs::FileType) -> &'static str {
    let unix = unix_kind(kind);
    if kind.is_dir() {
        "a folder"
    } else if unix.fifo {
        "a FIFO (named pipe)"
    } else if unix.char_device {
        "a character device"
    } else if unix.block_device {
        "a block device"
    } else if unix.socket {
        "a socket"
    } else if kind.is_symlink() {
        "a symbolic link"
    } else if kind.is_file() {
        "a regular file"
    } else {
        "not a regular file"
    }
}

/// Reads a whole input, refusing anything but a regular file (checked before it is opened)
/// and anything larger than its [`Input`]'s limit.
///
/// ```
/// use podcover::files::{Input, read_input};
/// let err = read_input("/dev/zero".as_ref(), Input::Stock).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "cannot read stock file /dev/zero: a character device, not a regular file; give a stock \
///      file"
/// );
/// ```
pub fn read_input(path: &Path, input: Input) -> Result<Vec<u8>> {
    read(path, input, None)
}

/// The first `n` bytes of an input (all of it if it is shorter), with [`read_input`]'s checks
/// but for its size: to read a header without reading the file.
pub(crate) fn read_input_head(path: &Path, input: Input, n: u64) -> Result<Vec<u8>> {
    read(path, input, Some(n))
}

/// Reads artwork (a PDF, a JPEG or a PNG) or a whole cover to respine, with [`read_input`]'s
/// checks. A well-formed PDF is read no further than its structure: its images stay in the
/// file (kept open as long as the artwork), read from it when they are needed and, when a cover
/// made from it goes to a file with [`respine_to_file`](crate::cover::respine_to_file), copied
/// into that file by the system. Named in messages by its path.
///
/// ```no_run
/// let cover = podcover::files::read_artwork("cover.pdf".as_ref())?;
/// # Ok::<(), podcover::Error>(())
/// ```
pub fn read_artwork(path: &Path) -> Result<Artwork> {
    let input = Input::Artwork;
    let (file, len) = open(path, input, None)?;
    let name = path.display().to_string();
    let mut head = [0u8; 1024];
    let mut first = &file;
    let n = first
        .read(&mut head)
        .map_err(|e| Error::io(input.action(), path, e))?;
    if Format::sniff(&head[..n]) == Some(Format::Pdf) {
        return Artwork::from_pdf_file(&name, file, len as usize);
    }
    let bytes = read_rest(path, input, file, len, None, head[..n].to_vec())?;
    Artwork::from_vec(&name, bytes)
}

/// An input opened, with its length, after the checks [`read_input`] makes (with `head`, all
/// but its size).
fn open(path: &Path, input: Input, head: Option<u64>) -> Result<(std::fs::File, u64)> {
    let fail = |kind, message: String| Error::refused(input.action(), path, kind, message);
    let system = |e: std::io::Error| Error::io(input.action(), path, e);
    let too_large = |size: String| {
        fail(
            std::io::ErrorKind::FileTooLarge,
            too_large_text(input, &size),
        )
    };
    let not_regular = |kind: std::fs::FileType| {
        fail(
            std::io::ErrorKind::InvalidInput,
            format!(
                "{}, not a regular file; give {} {}",
                file_type_text(kind),
                input.article(),
                input.as_str()
            ),
        )
    };
    let meta = std::fs::metadata(path).map_err(system)?;
    if !meta.is_file() {
        return Err(not_regular(meta.file_type()));
    }
    if meta.len() > input.limit() && head.is_none() {
        return Err(too_large(format!("{} bytes", meta.len())));
    }
    let file = std::fs::File::open(path).map_err(system)?;
    // The path may have been replaced between the check and the open.
    let meta = file.metadata().map_err(system)?;
    if !meta.is_file() {
        return Err(not_regular(meta.file_type()));
    }
    if meta.len() > input.limit() && head.is_none() {
        return Err(too_large(format!("{} bytes", meta.len())));
    }
    Ok((file, meta.len()))
}

/// `the artwork file is larger than 1 GiB (SIZE), the limit for an artwork file`.
fn too_large_text(input: Input, size: &str) -> String {
    format!(
        "the {} is larger than {} ({size}), the limit for {} {}",
        input.as_str(),
        size_text(input.limit()),
        input.article(),
        input.as_str()
    )
}

fn read(path: &Path, input: Input, head: Option<u64>) -> Result<Vec<u8>> {
    let (file, len) = open(path, input, head)?;
    read_rest(path, input, file, len, head, Vec::new())
}

/// The rest of an input opened (`len` bytes long when opened), after the bytes already read
/// from it (`read`): up to `head` bytes in all, or its [`Input`]'s limit.
fn read_rest(
    path: &Path,
    input: Input,
    file: std::fs::File,
    len: u64,
    head: Option<u64>,
    read: Vec<u8>,
) -> Result<Vec<u8>> {
    let limit = head.unwrap_or(input.limit());
    let mut bytes = read;
    bytes.reserve((len.min(limit) as usize).saturating_sub(bytes.len()));
    let more = head.unwrap_or(limit + 1).saturating_sub(bytes.len() as u64);
    file.take(more)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(input.action(), path, e))?;
    if bytes.len() as u64 > limit {
        return Err(Error::refused(
            input.action(),
            path,
            std::io::ErrorKind::FileTooLarge,
            too_large_text(input, "and growing"),
        ));
    }
    Ok(bytes)
}

/// When a file made from `inputs` was made, for its dates: `SOURCE_DATE_EPOCH` (seconds since
/// 1970, the reproducible-builds convention) when it is set, else the newest modification time
/// of the inputs that exist, else 1970. The same inputs give the same date, and so the same bytes.
///
/// ```
/// let date = podcover::files::source_date(&[])?;
/// # Ok::<(), podcover::Error>(())
/// ```
pub fn source_date(inputs: &[&Path]) -> Result<std::time::SystemTime> {
    use std::time::{Duration, UNIX_EPOCH};
    if let Some(value) = std::env::var_os("SOURCE_DATE_EPOCH") {
        let text = value.to_string_lossy();
        return text
            .trim()
            .parse::<u64>()
            .map(|secs| UNIX_EPOCH + Duration::from_secs(secs))
            .map_err(|_| {
                Error::invalid(
                    "SOURCE_DATE_EPOCH",
                    &text,
                    "a whole number of seconds since 1970-01-01 UTC",
                )
            });
    }
    let mut newest = UNIX_EPOCH;
    for path in inputs {
        let modified = match std::fs::metadata(path).and_then(|m| m.modified()) {
            Ok(modified) => modified,
            // An optional input that is not there (a readings file never made) has no date.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => {
                return Err(Error::io_named(
                    "cannot read the date of",
                    &path.display().to_string(),
                    e,
                ));
            }
        };
        newest = newest.max(modified);
    }
    Ok(newest)
}

/// Like [`read_input`], for text inputs (stock files, manifests), which must be UTF-8.
pub fn read_input_text(path: &Path, input: Input) -> Result<String> {
    let bytes = read_input(path, input)?;
    String::from_utf8(bytes).map_err(|e| {
        Error::refused(
            input.action(),
            path,
            std::io::ErrorKind::InvalidData,
            format_args!(
                "the {} is not UTF-8 text (invalid byte at offset {})",
                input.as_str(),
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::batch::test_files::{mkfifo, scratch};

    #[test]
    fn inputs_must_be_regular_files_within_their_limit() {
        let dir = scratch("inputs");
        let fifo = dir.join("stock.toml");
        mkfifo(&fifo);
        let err = read_input(&fifo, Input::Stock).unwrap_err().to_string();
        assert!(
            err.ends_with("stock.toml: a FIFO (named pipe), not a regular file; give a stock file")
        );
        let err = read_input(&dir, Input::Manifest).unwrap_err().to_string();
        assert!(err.ends_with(": a folder, not a regular file; give a manifest"));
        let big = dir.join("big.toml");
        std::fs::write(&big, vec![b'#'; (1 << 20) + 1]).unwrap();
        let err = read_input(&big, Input::Stock).unwrap_err().to_string();
        assert!(err.ends_with(
            "big.toml: the stock file is larger than 1 MiB (1048577 bytes), the limit for a \
             stock file"
        ));
        std::fs::write(&big, vec![b'#'; 1 << 20]).unwrap();
        assert_eq!(read_input(&big, Input::Stock).unwrap().len(), 1 << 20);
        std::fs::write(&big, b"\xff").unwrap();
        let err = read_input_text(&big, Input::Stock).unwrap_err().to_string();
        assert!(err.ends_with("the stock file is not UTF-8 text (invalid byte at offset 0)"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
