//! How a batch runs: where it reads and writes, and with how many workers and how much memory.

use std::path::PathBuf;

/// Where a batch reads and writes, and how.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct BatchOptions {
    /// The manifest's folder: relative paths in it start here.
    pub base: PathBuf,
    /// The output folder.
    pub out: PathBuf,
    /// Rebuild everything, and replace files the previous report does not list.
    pub force: bool,
    /// Worker threads (at least 1).
    pub threads: usize,
    /// Bytes of memory the titles being built may take at once (the tool's default is
    /// [`DEFAULT_MEMORY`](crate::batch::DEFAULT_MEMORY), 2 GiB).
    /// Before a title reads its inputs, what it needs at most is estimated from its files'
    /// sizes and its images' headers (pixels decoded, copies held), and it waits while the
    /// titles being built leave too little; a title that needs more than this is built alone.
    pub memory: u64,
}

impl BatchOptions {
    /// Reads relative paths from `base` (the manifest's folder) and writes into `out`: without
    /// replacing files the previous report does not list, on as many threads as the machine
    /// has, within [`DEFAULT_MEMORY`](crate::batch::DEFAULT_MEMORY).
    pub fn new(base: impl Into<PathBuf>, out: impl Into<PathBuf>) -> BatchOptions {
        BatchOptions {
            base: base.into(),
            out: out.into(),
            force: false,
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            memory: crate::batch::DEFAULT_MEMORY,
        }
    }

    /// Rebuild everything, and replace files the previous report does not list.
    pub fn force(mut self, force: bool) -> BatchOptions {
        self.force = force;
        self
    }

    /// Worker threads (at least 1).
    pub fn threads(mut self, threads: usize) -> BatchOptions {
        self.threads = threads;
        self
    }

    /// The memory budget the titles share, in bytes.
    pub fn memory(mut self, bytes: u64) -> BatchOptions {
        self.memory = bytes;
        self
    }
}
