//! The memory a batch's workers share: before a title reads its inputs, it takes from a budget
//! what it needs at most (estimated from its files' sizes and its images' headers, nothing
//! decoded), and waits while the titles being built hold too much of it, so that memory stays
//! bounded whatever the number of workers.

use std::path::PathBuf;
use std::sync::{Condvar, Mutex, PoisonError};

use crate::batch::input::{read_input_head, Input};
use crate::error::{Error, Result};
use crate::pdf;

/// The memory a batch's titles may take at once when none is given: 2 GiB, about two dust
/// jackets whose front and back are each 64-million-pixel images.
pub const DEFAULT_MEMORY: u64 = 2 << 30;

/// A memory size as people write it: bytes with an optional K, M, G or T (powers of 1024, also
/// written KiB or KB, ...), e.g. `2G`, `1.5G` or `512MiB`; for [`BatchOptions::memory`].
///
/// ```
/// assert_eq!(podcover::batch::parse_memory("1.5G").unwrap(), 3 << 29);
/// ```
///
/// [`BatchOptions::memory`]: crate::batch::BatchOptions::memory
pub fn parse_memory(text: &str) -> Result<u64> {
    let bad = || {
        Error::invalid(
            "memory size",
            text,
            "a size with K, M or G, e.g. 2G, 1.5G or 512M",
        )
    };
    let lower = text.trim().to_ascii_lowercase();
    let number = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let unit: u64 = match &lower[number.len()..] {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        "t" | "tb" | "tib" => 1 << 40,
        _ => return Err(bad()),
    };
    let value: f64 = number.trim().parse().map_err(|_| bad())?;
    let bytes = value * unit as f64;
    if !(1.0..=u64::MAX as f64).contains(&bytes) {
        return Err(bad());
    }
    Ok(bytes as u64)
}

/// Bytes of an image file read for its header: a JPEG's frame header follows its metadata
/// segments (EXIF, ICC profile), which seldom reach this far.
const HEAD: u64 = 1 << 20;

/// Copies of an image's decoded pixels a title holds at most: the decoded image, and its copy
/// in the cover being written (measured: a jacket's peak is twice its two images' pixels).
const IMAGE_COPIES: u64 = 2;

/// The same for a whole cover, which respine takes apart into back, spine and front, each a
/// copy placed on the new cover (measured: four times its pixels).
const WHOLE_COVER_COPIES: u64 = 4;

/// Copies of a file's own bytes: as read, as parsed (a PDF's objects) and as carried into the
/// cover.
const FILE_COPIES: u64 = 3;

/// What a title takes besides its files: layouts, the PDF being assembled, the report.
const TITLE: u64 = 16 << 20;

/// A budget of bytes shared by the workers.
pub(super) struct Budget {
    limit: u64,
    /// Bytes taken, and of them those reserved for the rest of the run.
    used: Mutex<(u64, u64)>,
    freed: Condvar,
}

/// What one title took of the [`Budget`]; given back when dropped.
pub(super) struct Share<'a> {
    budget: &'a Budget,
    bytes: u64,
}

impl Budget {
    pub(super) fn new(limit: u64) -> Budget {
        Budget {
            limit: limit.max(1),
            used: Mutex::new((0, 0)),
            freed: Condvar::new(),
        }
    }

    /// Takes `bytes`, waiting until the titles being built leave that much free. A title that
    /// needs more than the whole budget waits until it is alone, then takes it all: it is built
    /// by itself, never refused.
    pub(super) fn take(&self, bytes: u64) -> Share<'_> {
        let mut used = self.used.lock().unwrap_or_else(PoisonError::into_inner);
        let bytes = bytes.min(self.limit - used.1);
        while used.0 + bytes > self.limit {
            used = self
                .freed
                .wait(used)
                .unwrap_or_else(PoisonError::into_inner);
        }
        used.0 += bytes;
        Share {
            budget: self,
            bytes,
        }
    }
}

impl Budget {
    /// Takes `bytes` for the rest of the run (art shared by titles), if they are free now and
    /// what is so reserved stays within a quarter of the budget; never waits. A title that
    /// needs more than the rest then takes the rest.
    pub(super) fn reserve(&self, bytes: u64) -> bool {
        let mut used = self.used.lock().unwrap_or_else(PoisonError::into_inner);
        if used.0 + bytes > self.limit || used.1 + bytes > self.limit / 4 {
            return false;
        }
        used.0 += bytes;
        used.1 += bytes;
        true
    }
}

impl Drop for Share<'_> {
    fn drop(&mut self) {
        let mut used = self
            .budget
            .used
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        used.0 = used.0.saturating_sub(self.bytes);
        self.budget.freed.notify_all();
    }
}

/// The most memory a title takes while it is built, from its files (each with its manifest
/// field, as `book_files` lists them): their sizes, and their images' headers. A file that
/// cannot be read counts as nothing: reading it fails the title later.
pub(super) fn title_needs(files: &[(&str, PathBuf)]) -> u64 {
    files
        .iter()
        .map(|(field, path)| {
            let copies = match *field {
                "front" | "back" | "back_flap" | "front_flap" | "spine" => IMAGE_COPIES,
                "cover" => WHOLE_COVER_COPIES,
                _ => 0,
            };
            let pixels = match copies {
                0 => 0,
                _ => read_input_head(path, Input::Artwork, HEAD)
                    .map_or(0, |head| pdf::decoded_bytes(&head)),
            };
            let size = std::fs::metadata(path)
                .ok()
                .filter(std::fs::Metadata::is_file)
                .map_or(0, |m| m.len());
            pixels
                .saturating_mul(copies)
                .saturating_add(size.saturating_mul(FILE_COPIES))
        })
        .fold(TITLE, u64::saturating_add)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn shares_are_given_back_and_a_title_too_large_takes_the_whole_budget() {
        let budget = Budget::new(100);
        let first = budget.take(60);
        let second = budget.take(40);
        assert_eq!(budget.used.lock().unwrap().0, 100);
        drop((first, second));
        // More than the whole budget: taken whole, once nothing else holds any.
        let all = budget.take(1000);
        assert_eq!(all.bytes, 100);
        drop(all);
        assert_eq!(budget.used.lock().unwrap().0, 0);
    }

    #[test]
    fn shared_art_takes_at_most_a_quarter_and_a_large_title_the_rest() {
        let budget = Budget::new(100);
        assert!(budget.reserve(20));
        // Past a quarter of the budget: not reserved.
        assert!(!budget.reserve(10));
        assert!(budget.reserve(5));
        // Not free now: not reserved, and never waited for.
        let other = Budget::new(100);
        let title = other.take(90);
        assert!(!other.reserve(20));
        drop(title);
        assert!(other.reserve(20));
        // A title larger than the budget takes what the shared art leaves, and does not wait
        // for it.
        let all = budget.take(1000);
        assert_eq!(all.bytes, 75);
        assert_eq!(budget.used.lock().unwrap().0, 100);
    }

    #[test]
    fn memory_sizes_in_powers_of_1024() {
        assert_eq!(parse_memory("2G").unwrap(), 2 << 30);
        assert_eq!(parse_memory("1.5gib").unwrap(), 3 << 29);
        assert_eq!(parse_memory("512MB").unwrap(), 512 << 20);
        assert_eq!(parse_memory("4096").unwrap(), 4096);
        for bad in ["0", "", "-1G", "2Q", "G", "1e30G"] {
            let e = parse_memory(bad).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::InvalidValue);
            assert_eq!(
                e.to_string(),
                format!(
                    "invalid memory size {bad:?}: expected a size with K, M or G, e.g. 2G, 1.5G \
                     or 512M"
                )
            );
        }
    }
}
