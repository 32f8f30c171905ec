//! The bytes of a PDF whose streams' contents were left where they lie (read by
//! [`lazy`](super::lazy)): all of the file in memory, or the file itself, of which only its
//! structure was read. A stream's content is read from the file when first asked for, and is
//! copied from it into another file by the system, never passing through memory.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::ops::Range;
use std::sync::{Mutex, OnceLock, PoisonError};
use std::time::SystemTime;

/// A PDF's bytes, as long as the file.
pub(crate) struct Source {
    /// Every byte of the file, or (read from a file) the parts read, zeros elsewhere.
    bytes: Vec<u8>,
    from: Option<FromFile>,
}

/// The file a PDF was read from in part.
struct FromFile {
    /// Named in messages.
    name: String,
    file: Mutex<File>,
    /// The parts of the file in `bytes`, in order, none touching another.
    read: Vec<Range<usize>>,
    /// The contents of streams not read with the structure, by where each starts: read when
    /// first asked for.
    later: HashMap<usize, OnceLock<Vec<u8>>>,
    /// The file's length and modification time when it was read: a file changed since is
    /// refused, not read or copied.
    seen: (u64, Option<SystemTime>),
}

impl std::fmt::Debug for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Source")
            .field("len", &self.bytes.len())
            .field("from_file", &self.from.is_some())
            .finish()
    }
}

impl Source {
    /// A file read whole into memory.
    pub(crate) fn memory(bytes: Vec<u8>) -> Source {
        Source { bytes, from: None }
    }

    /// A file read in part: `bytes` holds the `read` parts, and each stream starting at one of
    /// `streams` whose content is not among them is read later.
    pub(crate) fn partial(
        name: &str,
        file: File,
        bytes: Vec<u8>,
        read: Vec<Range<usize>>,
        streams: impl IntoIterator<Item = Range<usize>>,
    ) -> io::Result<Source> {
        let meta = file.metadata()?;
        let later = streams
            .into_iter()
            .filter(|r| !covered(&read, r))
            .map(|r| (r.start, OnceLock::new()))
            .collect();
        Ok(Source {
            bytes,
            from: Some(FromFile {
                name: name.to_string(),
                file: Mutex::new(file),
                read,
                later,
                seen: (meta.len(), meta.modified().ok()),
            }),
        })
    }

    /// The file's bytes: all of them in memory, else its structure (and zeros where the
    /// contents of large streams lie).
    pub(crate) fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// `range` of the file, if it is in memory.
    pub(crate) fn in_memory(&self, range: Range<usize>) -> Option<&[u8]> {
        let Some(from) = &self.from else {
            return self.bytes.get(range);
        };
        if covered(&from.read, &range) {
            return self.bytes.get(range);
        }
        let later = from.later.get(&range.start)?.get()?;
        (later.len() == range.len()).then_some(&later[..])
    }

    /// A stream's content at `range`: from memory, or read from the file now (once).
    pub(crate) fn content(&self, range: Range<usize>) -> io::Result<&[u8]> {
        if let Some(bytes) = self.in_memory(range.clone()) {
            return Ok(bytes);
        }
        let Some(from) = &self.from else {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "a stream lies past the end of the file",
            ));
        };
        let Some(cell) = from.later.get(&range.start) else {
            return Err(io::Error::other(format!(
                "{} has no stream at byte {}",
                from.name, range.start
            )));
        };
        let mut content = vec![0; range.len()];
        from.read_at(range.start, &mut content)?;
        // Another thread may have read it meanwhile: the first kept.
        let _ = cell.set(content);
        match cell.get() {
            Some(bytes) if bytes.len() == range.len() => Ok(bytes),
            _ => Err(io::Error::other("a stream was read at two lengths")),
        }
    }

    /// A copy of `range` of the file: from memory if it is there, else read from the file
    /// without keeping it.
    pub(crate) fn copied(&self, range: Range<usize>) -> io::Result<Vec<u8>> {
        match (&self.from, self.in_memory(range.clone())) {
            (_, Some(bytes)) => Ok(bytes.to_vec()),
            (Some(from), None) if from.later.contains_key(&range.start) => {
                let mut content = vec![0; range.len()];
                from.read_at(range.start, &mut content)?;
                Ok(content)
            }
            _ => self.content(range).map(<[u8]>::to_vec),
        }
    }

    /// Writes `range` of the file to `out`: from memory if it is there, else from the file,
    /// which into a [`File`] is copied by the system (`copy_file_range` on Linux) at its
    /// position, which it moves on.
    pub(crate) fn copy_to<W: Write + ?Sized>(
        &self,
        range: Range<usize>,
        out: &mut W,
    ) -> io::Result<()> {
        let from = match (&self.from, self.in_memory(range.clone())) {
            (_, Some(bytes)) => return out.write_all(bytes),
            (None, None) => return out.write_all(self.content(range)?),
            (Some(from), None) => from,
        };
        let mut file = from.lock();
        from.unchanged(&file)?;
        file.seek(SeekFrom::Start(range.start as u64))?;
        let len = range.len() as u64;
        let copied = io::copy(&mut (&*file).take(len), out)?;
        if copied != len {
            return Err(from.changed());
        }
        Ok(())
    }

    /// The [`digest`](super::digest) of `range`, reading from the file no more than it samples.
    pub(crate) fn digest(&self, range: Range<usize>) -> io::Result<[u8; 16]> {
        if let Some(bytes) = self.in_memory(range.clone()) {
            return Ok(super::digest(bytes));
        }
        match (&self.from, super::digest_samples(range.len())) {
            (Some(from), Some(samples)) => {
                let mut sample = (range.len() as u64).to_le_bytes().to_vec();
                let mut file = from.lock();
                from.unchanged(&file)?;
                for part in samples {
                    let at = sample.len();
                    sample.resize(at + part.len(), 0);
                    read_exact_at(&mut file, &mut sample[at..], range.start + part.start)
                        .map_err(|e| from.eof_is_change(e))?;
                }
                Ok(super::file::hash128(&sample))
            }
            _ => self.content(range).map(super::digest),
        }
    }
}

impl FromFile {
    fn lock(&self) -> std::sync::MutexGuard<'_, File> {
        self.file.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Fills `buf` from `at` in the file.
    fn read_at(&self, at: usize, buf: &mut [u8]) -> io::Result<()> {
        let mut file = self.lock();
        self.unchanged(&file)?;
        read_exact_at(&mut file, buf, at).map_err(|e| self.eof_is_change(e))
    }

    /// A file that ends before what was read of it changed meanwhile.
    fn eof_is_change(&self, e: io::Error) -> io::Error {
        match e.kind() {
            io::ErrorKind::UnexpectedEof => self.changed(),
            _ => e,
        }
    }

    /// Refuses a file whose length or modification time is not what it was when read.
    fn unchanged(&self, file: &File) -> io::Result<()> {
        let meta = file.metadata()?;
        match (meta.len(), meta.modified().ok()) == self.seen {
            true => Ok(()),
            false => Err(self.changed()),
        }
    }

    fn changed(&self) -> io::Error {
        io::Error::other(format!(
            "{} changed while it was being read; give it again once it is written",
            self.name
        ))
    }
}

/// Whether `range` lies within one of `parts` (in order, none touching another).
pub(crate) fn covered(parts: &[Range<usize>], range: &Range<usize>) -> bool {
    let i = parts.partition_point(|p| p.end < range.end);
    parts
        .get(i)
        .is_some_and(|p| p.start <= range.start && range.end <= p.end)
}

/// Fills `buf` from `at` in `file`: one system call where positional reads exist.
#[cfg(unix)]
fn read_exact_at(file: &mut File, buf: &mut [u8], at: usize) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, at as u64)
}

#[cfg(not(unix))]
fn read_exact_at(file: &mut File, buf: &mut [u8], at: usize) -> io::Result<()> {
    file.seek(SeekFrom::Start(at as u64))?;
    file.read_exact(buf)
}
