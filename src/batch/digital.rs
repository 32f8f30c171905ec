//! Digital editions in a batch: a store's ebook or audiobook image made from the title's
//! front art, beside its print covers.
//!
//! The front is read once per title, with the print front it was made for: the first print
//! target's layout at the title's trim, or a flat front of the trim when the title has no
//! print target. An image is rebuilt when the front art, that print front, the store's
//! product or the target's options change.

use std::path::Path;

use crate::batch::input::Input;
use crate::batch::manifest::{Book, Target};
use crate::batch::report::TargetReport;
use crate::batch::target::{hex, previous_file, stage_cover, Out};
use crate::batch::title::{incomplete, read, target_layout, Inputs};
use crate::batch::write::Staged;
use crate::catalog::Catalog;
use crate::cover::{compose_digital, DigitalOptions, PrintFront};
use crate::error::{ComposeProblem, Error, ErrorKind, Result};

/// Said of every image built: `check` reads print PDFs only.
const NOT_CHECKED: &str = "not checked: check is for print PDFs; the image's size, format and \
                           colour are the store's as the catalogue gives them";

/// A title's front art, read for its digital editions.
pub(super) struct Front {
    /// The file as the manifest names it, for messages.
    name: String,
    bytes: Vec<u8>,
    /// The print front the art was made for: where its trim is.
    print: PrintFront,
    /// Digest of the art and the print front.
    digest: md5::Md5,
}

impl Front {
    /// Reads `book`'s front art; `inputs` are the title's print inputs (an error when the
    /// title has no print target, or they could not be read).
    pub(super) fn read(
        catalog: &Catalog,
        book: &Book,
        base: &Path,
        inputs: std::result::Result<&Inputs, &Error>,
    ) -> Result<Front> {
        use md5::Digest;
        let Some(path) = &book.front else {
            return Err(incomplete(
                "a digital edition is made from the front art: give front",
            ));
        };
        let print = print_front(catalog, book, inputs)?;
        let mut digest = md5::Md5::new();
        digest.update(env!("CARGO_PKG_VERSION").as_bytes());
        digest.update(format!("{print:?}"));
        let bytes = read(base, path, Input::Artwork, &mut digest)?;
        Ok(Front {
            name: path.display().to_string(),
            bytes,
            print,
            digest,
        })
    }
}

/// The print front the art was made for: the first print target's, or a flat front of the
/// trim with the bleed most print bindings ask for.
fn print_front(
    catalog: &Catalog,
    book: &Book,
    inputs: std::result::Result<&Inputs, &Error>,
) -> Result<PrintFront> {
    let Some(first) = book
        .target
        .iter()
        .find(|t| matches!(t, Target::Print { .. }))
    else {
        let trim = book.trim.ok_or_else(|| {
            incomplete("give trim: the front art of a digital edition is cut to it")
        })?;
        return Ok(PrintFront::flat(trim, catalog.usual_bleed()));
    };
    let inputs = inputs.map_err(Clone::clone)?;
    let layout = target_layout(catalog, first, inputs).map_err(|e| {
        Error::book(format!(
            "the front art is cut to its trim as for the {first} cover, which has no layout: {e}"
        ))
    })?;
    Ok(PrintFront::of(&layout))
}

/// Builds a digital target's image from `front`, as `compose --product` would, and stages it
/// beside its path (unless the one there is up to date).
pub(super) fn build(
    catalog: &Catalog,
    target: &Target,
    front: &Front,
    options: &DigitalOptions,
    out: &Out,
    report: &mut TargetReport,
) -> Result<Option<Staged>> {
    use md5::Digest;
    let Target::Digital {
        vendor, product, ..
    } = *target
    else {
        return Err(incomplete("a print cover is not a digital edition"));
    };
    let product = catalog.digital(vendor, product)?;
    report.image_size = Some(product.size.value);
    let mut digest = front.digest.clone();
    digest.update(format!("{product:?} {options:?}"));
    let Some(replace) = previous_file(out, hex(&digest.finalize()), report)? else {
        return Ok(None);
    };
    let cover = compose_digital(
        &front.name,
        &front.bytes,
        product,
        Some(&front.print),
        options,
    )
    .map_err(|e| {
        // The library names the fits; the manifest's fields choose them.
        if e.kind() == ErrorKind::Compose(ComposeProblem::WrongSize) && options.fit.is_none() {
            Error::compose(
                ComposeProblem::WrongSize,
                format!(
                    "{e} (fit in the target, with anchor where the middle is not the part to keep)"
                ),
            )
        } else {
            e
        }
    })?;
    report.notes = cover.notes;
    report.notes.push(NOT_CHECKED.into());
    stage_cover(out, &cover.image, cover.warnings, replace, report).map(Some)
}
