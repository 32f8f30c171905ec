//! Batch regeneration: a manifest of titles, each built for several vendors, with a report.

mod digital;
pub(crate) mod input;
mod journal;
mod manifest;
mod memory;
mod options;
mod report;
mod run;
mod target;
#[cfg(test)]
mod test_files;
mod title;
pub(crate) mod write;

pub use manifest::{Book, MadeFor, Manifest, SpineTextEntry, Target};
pub use memory::{parse_memory, DEFAULT_MEMORY};
pub use options::BatchOptions;
pub use report::{CheckFinding, CheckReport, Report, Status, TargetReport, TitleReport};
pub use run::run;
