//! Print-ready covers from artwork: compose front, back and spine onto one sheet.

use serde::Serialize;

use crate::cover::art::{CoverArt, SpineArt, SpineLabel};
use crate::cover::colour;
use crate::cover::options::ComposeOptions;
use crate::cover::place::{self, place_panel, Outer, Panel};
use crate::cover::proof::{render, Proof};
use crate::cover::sheet::{clips, refuse, same_size, Sheet};
use crate::draw::{barcode_marks, Canvas, Cmyk, Direction};
use crate::error::{ComposeProblem, Error, Result};
use crate::layout::{CoverLayout, JacketParts};
use crate::pdf::font::TextFont;
use crate::pdf::{Artwork, Sink};
use crate::units::{
    number_apart, stretch, Length, Pdf, Rect, Resolution, Size, Unit, NOTED_STRETCH,
};

/// A finished cover PDF, with what the user should know about it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Cover {
    /// The PDF.
    #[serde(skip)]
    pub pdf: Vec<u8>,
    /// Problems that did not stop the cover: missing bleed, low resolution, stretched or
    /// omitted spine art.
    pub warnings: Vec<String>,
    /// What was done that the user should know: each image's placed resolution, bleed or wrap
    /// filled, art scaled to another binding's panel.
    pub notes: Vec<String>,
}

/// Builds a print-ready cover from front, back and spine artwork, with the default
/// [`ComposeOptions`] (missing bleed and wrap mirrored, no vendor minimum resolution).
///
/// Front and back artwork (PDF, JPEG or PNG) may be exported at the panel's trim, at the trim
/// plus bleed on the outer edges, or at the trim plus bleed all round; a PDF's TrimBox, where it
/// has one, says which. An image's size comes from its pixels' proportions (or the resolution it
/// records). Artwork is moved into place, never scaled, and clipped at the spine folds; only art
/// made for the book's trim that is placed on a larger hardcover board or jacket panel is scaled,
/// uniformly, to fill it. What it does not reach (bleed, wrap, a jacket's flap folds) is filled
/// as [`ComposeOptions::extend`] says, and reported in the notes.
///
/// ```no_run
/// use podcover::{BookSpec, Catalog, cover::{compose, CoverArt, SpineArt, SpineLabel}, pdf::Artwork};
///
/// let layout = Catalog::builtin().layout(&BookSpec::parse("kdp", "paperback", "cream", "6x9", 318)?)?;
/// let art = CoverArt::new(
///     Artwork::from_bytes("front.jpg", &std::fs::read("front.jpg")?)?,
///     Artwork::from_bytes("back.pdf", &std::fs::read("back.pdf")?)?,
/// )
/// .spine(SpineArt::Label(SpineLabel::new("Harbor Lights")))
/// .barcode("978-0-306-40615-7".parse()?, "51699".parse()?);
/// let cover = compose(&layout, &art)?;
/// std::fs::write("cover.pdf", &cover.pdf)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn compose(layout: &CoverLayout, art: &CoverArt) -> Result<Cover> {
    compose_with(layout, art, &ComposeOptions::default())
}

/// [`compose`] with options: how missing bleed and wrap are filled, and the vendor's minimum
/// image resolution.
pub fn compose_with(
    layout: &CoverLayout,
    art: &CoverArt,
    options: &ComposeOptions,
) -> Result<Cover> {
    layout.check_printable()?;
    compose_cover(layout, art, options, None).map(|(cover, _)| cover)
}

/// Where artwork went on a composed sheet: each placement's slot, matrix and clip, in the
/// layout converted to PDF's space.
pub(super) type Placements = Vec<(&'static str, crate::units::Matrix, Rect<Pdf>)>;

/// [`compose_with`] for a layout already checked, with where each artwork was placed.
pub(super) fn compose_cover(
    layout: &CoverLayout,
    art: &CoverArt,
    options: &ComposeOptions,
    sink: Option<Sink<'_>>,
) -> Result<(Cover, Placements)> {
    compose_sheet(layout, art, options, None, sink).map(|(cover, placed, _)| (cover, placed))
}

/// [`compose_with`], and a [`Proof`] of the cover at `ppi` pixels per inch (72 to 1200): the
/// cover drawn as it will print, in screen colours, from the converted pixels and the colours
/// compose drew, with where conversion moved colours most.
///
/// # Errors
/// As [`compose_with`]; a resolution out of range, or a proof of more than 120 million
/// pixels, is an error of kind [`InvalidValue`](crate::ErrorKind::InvalidValue).
pub fn compose_with_proof(
    layout: &CoverLayout,
    art: &CoverArt,
    options: &ComposeOptions,
    ppi: u32,
) -> Result<(Cover, Proof)> {
    layout.check_printable()?;
    let (cover, _, proof) = compose_sheet(layout, art, options, Some(ppi), None)?;
    let proof = proof.expect("a proof is drawn when one is asked for");
    Ok((cover, proof))
}

/// The cover, where each artwork was placed, and a proof at `proof` ppi if asked for; the PDF
/// written to `sink` as it is made if one is given (and then not returned).
fn compose_sheet(
    layout: &CoverLayout,
    art: &CoverArt,
    options: &ComposeOptions,
    proof: Option<u32>,
    sink: Option<Sink<'_>>,
) -> Result<(Cover, Placements, Option<Proof>)> {
    // Artwork is placed in PDF's coordinates: the layout is converted here, once.
    let layout = &layout.to_pdf();
    let mut warnings = Vec::new();
    let mut notes = Vec::new();
    colour::check_art(art, options, &mut warnings)?;
    let mut sheet = Sheet::for_options(options);
    if let Some(ppi) = proof {
        // Refused before the cover is made, not after.
        Canvas::new(layout.sheet.size(), ppi)?;
        sheet.drawn = Some(Vec::new());
    }
    let (mut back_clip, mut front_clip, spine_clip) = clips(layout);
    if let Some(jacket) = layout.jacket() {
        (back_clip, front_clip) = place_flaps(
            &mut sheet,
            layout,
            jacket,
            art,
            options,
            &mut notes,
            &mut warnings,
        )?;
    }
    let bleed = outer_bleed(layout);
    let trim = book_trim(layout);
    for (what, called, artwork, rect, outer, clip, slot) in [
        (
            "back artwork",
            "back panel",
            &art.back,
            layout.back,
            Outer::Left,
            back_clip,
            "back",
        ),
        (
            "front artwork",
            "front panel",
            &art.front,
            layout.front,
            Outer::Right,
            front_clip,
            "front",
        ),
    ] {
        let panel = Panel {
            what,
            called,
            art: artwork,
            rect,
            trim,
            bleed,
            outer,
            clip,
            slot,
        };
        place_panel(&mut sheet, &panel, options, &mut notes, &mut warnings)?;
    }
    place_spine(
        &mut sheet,
        layout,
        &art.spine,
        spine_clip,
        options,
        &mut notes,
        &mut warnings,
    )?;
    if let Some((isbn, price)) = &art.barcode {
        sheet.marks(&barcode_marks(layout.barcode, isbn, *price)?);
    }
    let title = format!(
        "Cover: {} {} {} {} {} pages",
        layout.spec.vendor,
        layout.spec.binding,
        layout.spec.paper,
        layout.spec.trim,
        layout.spec.pages
    );
    notes.append(&mut sheet.color_notes);
    warnings.append(&mut sheet.color_warnings);
    let placed = std::mem::take(&mut sheet.placed);
    let proof = match (proof, sheet.drawn.take()) {
        (Some(ppi), Some(drawn)) => Some(render(
            layout.sheet.size(),
            &drawn,
            sheet.image_color(),
            ppi,
        )?),
        _ => None,
    };
    let cover = Cover {
        pdf: sheet.finish_to(layout, &title, sink)?,
        warnings,
        notes,
    };
    Ok((cover, placed, proof))
}

/// What lies beyond the panels and the spine at the sheet's edges: a case's wrap, else the
/// bleed.
fn outer_bleed(layout: &CoverLayout<Pdf>) -> Length {
    match layout.case() {
        Some(case) => case.wrap,
        None => layout.bleed,
    }
}

/// The book's trim, when it differs from the front panel (a hardcover's board or a jacket's
/// panel): art made for the trim is scaled to fill the panel.
fn book_trim(layout: &CoverLayout<Pdf>) -> Option<Size> {
    let trim = Size::new(layout.spec.trim.width, layout.spec.trim.height);
    (!same_size(
        Rect::new(Length::ZERO, Length::ZERO, trim.width, trim.height),
        layout.front,
    ))
    .then_some(trim)
}

/// Places a dust jacket's flaps; returns the clips left for the back and front panels, between
/// the flap folds and the spine.
fn place_flaps<'a>(
    sheet: &mut Sheet<'a>,
    layout: &CoverLayout<Pdf>,
    jacket: &JacketParts<Pdf>,
    art: &'a CoverArt,
    options: &ComposeOptions,
    notes: &mut Vec<String>,
    warnings: &mut Vec<String>,
) -> Result<(Rect<Pdf>, Rect<Pdf>)> {
    let (Some(back_flap), Some(front_flap)) = (&art.back_flap, &art.front_flap) else {
        return Err(refuse(
            ComposeProblem::MissingArt,
            "a dust jacket needs artwork or a colour for both flaps (back flap and front flap)"
                .into(),
        ));
    };
    let s = layout.sheet;
    let [back, front] = jacket.flaps;
    let back_clip = Rect::new(back.right(), s.y, layout.spine.x - back.right(), s.height);
    let front_clip = Rect::new(
        layout.spine.right(),
        s.y,
        front.x - layout.spine.right(),
        s.height,
    );
    for (what, called, artwork, rect, outer, clip, slot) in [
        (
            "back flap artwork",
            "back flap",
            back_flap,
            back,
            Outer::Left,
            Rect::new(s.x, s.y, back.right() - s.x, s.height),
            "back flap",
        ),
        (
            "front flap artwork",
            "front flap",
            front_flap,
            front,
            Outer::Right,
            Rect::new(front.x, s.y, s.right() - front.x, s.height),
            "front flap",
        ),
    ] {
        let panel = Panel {
            what,
            called,
            art: artwork,
            rect,
            trim: None,
            bleed: layout.bleed,
            outer,
            clip,
            slot,
        };
        place_panel(sheet, &panel, options, notes, warnings)?;
    }
    Ok((back_clip, front_clip))
}

/// Fills the spine with its art: a colour, artwork, or a label.
pub(super) fn place_spine<'a>(
    sheet: &mut Sheet<'a>,
    layout: &CoverLayout<Pdf>,
    spine: &'a SpineArt,
    clip: Rect<Pdf>,
    options: &ComposeOptions,
    notes: &mut Vec<String>,
    warnings: &mut Vec<String>,
) -> Result<()> {
    match spine {
        SpineArt::Blank => {}
        _ if layout.spine.width <= Length::ZERO => {
            warnings.push("the binding has no spine; the spine art is left out".into());
        }
        SpineArt::Color(color) => sheet.fill(clip, *color),
        SpineArt::Artwork(artwork) if artwork.flat_color().is_some() => {
            sheet.fill(clip, artwork.flat_color().unwrap_or(Cmyk::WHITE));
        }
        SpineArt::Artwork(artwork) => {
            place_spine_artwork(sheet, layout, artwork, clip, options, notes, warnings)?;
        }
        SpineArt::Label(label) => {
            if let Some(bg) = label.background {
                sheet.fill(clip, bg);
            }
            match layout.spine_safe {
                Some(safe) if !label.text().is_empty() => {
                    spine_label(sheet, safe, label)?;
                }
                Some(_) => {}
                None => warnings.push(format!("spine text left out: {}", layout.spine_text)),
            }
        }
    }
    Ok(())
}

/// Fits spine artwork to the spine ([`place::fit_spine`]), reports its resolution and how far
/// its proportions change, and extends it over the spine's bleed or wrap.
fn place_spine_artwork<'a>(
    sheet: &mut Sheet<'a>,
    layout: &CoverLayout<Pdf>,
    artwork: &'a Artwork,
    clip: Rect<Pdf>,
    options: &ComposeOptions,
    notes: &mut Vec<String>,
    warnings: &mut Vec<String>,
) -> Result<()> {
    let fit = place::fit_spine(
        artwork,
        layout.spine,
        outer_bleed(layout),
        book_trim(layout),
    )?;
    let name = format!("spine artwork {}", artwork.name());
    if let Some(px) = artwork.pixels() {
        place::resolution(
            &name,
            Resolution::placed(px, fit.placed.size()),
            &format!("across the spine {}", fit.label),
            options,
            notes,
            warnings,
        )?;
    }
    if stretch(fit.across, fit.down) - 1.0 > NOTED_STRETCH {
        warnings.push(format!(
            "{name} is scaled {:.0}% across and {:.0}% down to fit the {} x {} in spine, out of \
             its proportions",
            fit.across * 100.0,
            fit.down * 100.0,
            layout.spine.width.rounded(Unit::In, 3),
            layout.spine.height.rounded(Unit::In, 3),
        ));
    }
    sheet.place("spine", artwork, fit.matrix, clip)?;
    place::extend_spine(sheet, artwork, fit.matrix, clip, options, notes, warnings)
}

/// The smallest size spine text is set at, in points: below it print is not legible.
pub(crate) const MIN_SPINE_TEXT_PT: f64 = 6.0;

/// Sets the spine label centred in the spine's safe area, as large as fits (at most 24 pt): its
/// capitals at most 80% of the safe width, its length at most the safe height, both measured
/// in the font it is set in.
fn spine_label(sheet: &mut Sheet<'_>, safe: Rect<Pdf>, label: &SpineLabel) -> Result<()> {
    let text = label.text();
    let font = TextFont::new(label.font.as_deref())?;
    let missing = font.missing(&text);
    if !missing.is_empty() {
        let shown: String = missing.iter().take(10).collect();
        return Err(Error::compose(
            ComposeProblem::GlyphMissing,
            match label.font {
                Some(_) => format!(
                    "the spine font has no glyph for {shown:?}; give a font that covers the \
                     spine text"
                ),
                None => format!(
                    "spine text {shown:?} is not in DejaVu Sans Latin, the font used without \
                     a font file; give a font that covers it"
                ),
            },
        ));
    }
    let cap = font.cap_height();
    let by_width = safe.width.to_pt() / cap * 0.8;
    // The text's length at 1 pt.
    let per_pt = font.width(&text, Length::pt(1.0)).to_pt();
    let by_length = if per_pt > 0.0 {
        safe.height.to_pt() / per_pt
    } else {
        f64::INFINITY
    };
    let size = by_width.min(by_length).min(24.0);
    if size < MIN_SPINE_TEXT_PT {
        let chars = text.chars().count().max(1);
        // Characters of this text's average advance that fit at the smallest size.
        let fits = (chars as f64 * safe.height.to_pt() / (per_pt * MIN_SPINE_TEXT_PT)).floor();
        let message = if by_width < MIN_SPINE_TEXT_PT {
            format!(
                "the spine's safe area is {} in wide: spine text would be set at {} pt, \
                 under the {MIN_SPINE_TEXT_PT} pt that prints legibly; leave the spine text out \
                 (or use spine artwork or a colour)",
                safe.width.rounded(Unit::In, 4),
                number_apart(size, &[MIN_SPINE_TEXT_PT], 1)
            )
        } else {
            format!(
                "spine text of {chars} characters would be set at {} pt, under the \
                 {MIN_SPINE_TEXT_PT} pt that prints legibly; shorten it to at most {fits} \
                 characters (title, author and imprint together)",
                number_apart(size, &[MIN_SPINE_TEXT_PT], 2)
            )
        };
        return Err(Error::compose(ComposeProblem::SpineTextTooSmall, message));
    }
    // Capitals stand towards +x when read top to bottom: move the baseline by half the cap
    // height to centre them across the spine.
    let shift = Length::pt(size * cap / 2.0);
    let x = match label.direction {
        Direction::Down => safe.center_x() - shift,
        Direction::Up | Direction::Horizontal => safe.center_x() + shift,
    };
    let direction = match label.direction {
        Direction::Horizontal => Direction::Down,
        d => d,
    };
    sheet.text(
        &font,
        text,
        (x, safe.center_y()),
        Length::pt(size),
        label.color,
        direction,
    )
}
