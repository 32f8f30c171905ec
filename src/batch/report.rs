//! The batch report (`report.json`): what was built, left unchanged or failed, and the digests
//! that let the next run rebuild only what changed.

use serde::{Deserialize, Serialize};

use crate::batch::manifest::Target;
use crate::catalog::PixelSize;
use crate::preflight::{Preflight, Verdict};

/// Whether a target was built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Written in this run.
    Built,
    /// Inputs and geometry as in the previous report, and the file is there: not rebuilt.
    Unchanged,
    /// Not written; see the error.
    Failed,
}

/// One target of one title in a [`Report`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TargetReport {
    /// Vendor, binding and paper; or vendor, product and format.
    #[serde(flatten)]
    pub target: Target,
    /// The output file, relative to the output folder.
    pub file: String,
    /// What happened.
    pub status: Status,
    /// Spine width in inches.
    pub spine_width: Option<f64>,
    /// Full cover width in inches.
    pub full_width: Option<f64>,
    /// Full cover height in inches.
    pub full_height: Option<f64>,
    /// A digital edition's image size in pixels (none for a print cover).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_size: Option<PixelSize>,
    /// Why the cover was not built, or why it fails `check`.
    pub error: Option<String>,
    /// What `check` found on the cover built (none when it was not built in this run or an
    /// earlier one): a cover that fails it is counted as failed, though it is written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<CheckReport>,
    /// Warnings about the cover (missing bleed, stretched spine art, ...).
    #[serde(default)]
    pub warnings: Vec<String>,
    /// What was done that the user should know (resolution of images, bleed filled).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// What changed since the previous report.
    #[serde(default)]
    pub changes: Vec<String>,
    /// Digest of everything the cover is made from.
    pub fingerprint: Option<String>,
    /// MD5 of the whole file as written, so that a later run replaces only its own files.
    #[serde(default)]
    pub written: Option<String>,
    /// Size of the file as written, in bytes.
    #[serde(default)]
    pub written_size: Option<u64>,
    /// Modification time of the file as written, in seconds since 1970 (for information: a
    /// copied or restored cover keeps being recognised by its size and digest).
    #[serde(default)]
    pub written_mtime: Option<u64>,
}

/// What `check` found on a built cover: its verdict and every finding that does not pass.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CheckReport {
    /// The worst status among the findings.
    pub status: Verdict,
    /// The findings that warn or fail.
    pub findings: Vec<CheckFinding>,
}

/// One finding of a [`CheckReport`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CheckFinding {
    /// The check, e.g. `ink` or `pdfx-info`.
    pub check: String,
    /// Warn or fail.
    pub status: Verdict,
    /// What was found, in words.
    pub message: String,
}

impl TargetReport {
    /// A report of `target` written to `file` (relative to the output folder), failed until
    /// the target is built, with nothing else known yet.
    pub(crate) fn new(target: Target, file: String) -> TargetReport {
        TargetReport {
            target,
            file,
            status: Status::Failed,
            spine_width: None,
            full_width: None,
            full_height: None,
            image_size: None,
            error: None,
            check: None,
            warnings: Vec::new(),
            notes: Vec::new(),
            changes: Vec::new(),
            fingerprint: None,
            written: None,
            written_size: None,
            written_mtime: None,
        }
    }
}

impl CheckReport {
    /// The findings of `preflight` that do not pass.
    pub fn of(preflight: &Preflight) -> CheckReport {
        CheckReport {
            status: preflight.status,
            findings: preflight
                .findings
                .iter()
                .filter(|f| f.status != Verdict::Pass)
                .map(|f| CheckFinding {
                    check: f.check.to_string(),
                    status: f.status,
                    message: f.message.clone(),
                })
                .collect(),
        }
    }

    /// The failures, as one line: `ink: ...; color: ...`.
    pub fn failures(&self) -> String {
        self.findings
            .iter()
            .filter(|f| f.status == Verdict::Fail)
            .map(|f| format!("{}: {}", f.check, f.message))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// One title in a [`Report`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TitleReport {
    /// The title's id.
    pub id: String,
    /// Each target.
    pub targets: Vec<TargetReport>,
}

/// What a batch run did, written as `report.json` in the output folder.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Report {
    /// podcover's version.
    pub podcover: String,
    /// Every title, in manifest order.
    pub titles: Vec<TitleReport>,
    /// What earlier runs recorded of covers in the folder that `titles` does not account for:
    /// titles and targets not in this run (another manifest's, or left out of this one), and
    /// the last cover of a target that failed in it. Kept, while the file is there, so that a
    /// later run knows those covers as podcover's; counted by neither [`Report::counts`] nor
    /// [`Report::failures`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kept: Vec<TitleReport>,
}

impl Report {
    /// Targets that failed.
    pub fn failures(&self) -> impl Iterator<Item = (&str, &TargetReport)> {
        self.titles.iter().flat_map(|t| {
            t.targets
                .iter()
                .filter(|r| r.status == Status::Failed)
                .map(move |r| (t.id.as_str(), r))
        })
    }

    /// Counts of built, unchanged and failed targets.
    pub fn counts(&self) -> (usize, usize, usize) {
        let mut counts = (0, 0, 0);
        for t in self.titles.iter().flat_map(|t| &t.targets) {
            match t.status {
                Status::Built => counts.0 += 1,
                Status::Unchanged => counts.1 += 1,
                Status::Failed => counts.2 += 1,
            }
        }
        counts
    }
}
