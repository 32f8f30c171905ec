//! A title's inputs, read once for all its targets, and each target's layout.

use std::path::Path;

use crate::barcode::{Isbn, Price};
use crate::batch::input::{read_input, Input};
use crate::batch::manifest::{MadeFor, Target};
use crate::catalog::Catalog;
use crate::cover::{CoverArt, Extend};
use crate::error::{Error, Result};
use crate::layout::{BookSpec, CoverLayout};
use crate::pdf::Artwork;
use crate::units::TrimSize;

/// The inputs of a title, read once for all its targets.
pub(super) struct Inputs {
    pub(super) trim: TrimSize,
    /// Said of every target where the trim was read off an interior with bleed.
    pub(super) trim_note: Option<String>,
    pub(super) pages: u32,
    pub(super) extend: Extend,
    pub(super) strict_color: bool,
    pub(super) art: Art,
    pub(super) barcode: Option<(Isbn, Price)>,
    pub(super) digest: md5::Md5,
    /// The newest input's date (or `SOURCE_DATE_EPOCH`), for a PDF/X cover's dates.
    pub(super) date: std::time::SystemTime,
}

pub(super) enum Art {
    Parts(Box<CoverArt>),
    Whole(Box<Artwork>, MadeFor),
}

pub(super) fn read(
    base: &Path,
    path: &Path,
    input: Input,
    digest: &mut md5::Md5,
) -> Result<Vec<u8>> {
    read_digested(base, path, input, digest).map(|(bytes, _)| bytes)
}

/// [`read`], with the file's own digest.
pub(super) fn read_digested(
    base: &Path,
    path: &Path,
    input: Input,
    digest: &mut md5::Md5,
) -> Result<(Vec<u8>, [u8; 16])> {
    use md5::Digest;
    let full = base.join(path);
    let bytes = read_input(&full, input)?;
    let own: [u8; 16] = md5::Md5::digest(&bytes).into();
    digest.update(path.to_string_lossy().as_bytes());
    digest.update(own);
    Ok((bytes, own))
}

/// An error of kind [`ErrorKind::Book`](crate::ErrorKind::Book).
pub(super) fn incomplete(message: &str) -> Error {
    Error::book(message)
}

/// The target's layout.
pub(super) fn target_layout(
    catalog: &Catalog,
    target: &Target,
    inputs: &Inputs,
) -> Result<CoverLayout> {
    let Target::Print {
        vendor,
        binding,
        paper,
    } = *target
    else {
        return Err(incomplete("a digital edition has no print layout"));
    };
    catalog.layout(&BookSpec::new(
        vendor,
        binding,
        paper,
        inputs.trim,
        inputs.pages,
    ))
}
