//! Re-fit a whole cover to a new spine: the panels move, the spine stretches.

use serde::Serialize;

use crate::barcode::{Isbn, Price};
use crate::catalog::Binding;
use crate::color::TotalInk;
use crate::cover::art::{CoverArt, SpineArt};
use crate::cover::colour;
use crate::cover::compose::{compose_cover, place_spine, Placements};
use crate::cover::options::{ComposeOptions, CoverColor, Extend};
use crate::cover::place::{extend_placed, Placed};
use crate::cover::sheet::{check_bleed, clips, refuse, same_size, size_text, Sheet};
use crate::draw::barcode_marks;
use crate::error::{ComposeProblem, Result};
use crate::layout::{CoverKind, CoverLayout};
use crate::pdf::sample::{ring, Paint};
use crate::pdf::{Artwork, PdfX, Sink};
use crate::units::{stretch, Length, Matrix, Pdf, Rect, Sides, Unit};

/// A spine's type stretched or squeezed by more than this (3%) across the spine, against its
/// height, no longer looks like the face it was set in: respine warns.
pub(crate) const SPINE_TYPE_NOTED: f64 = 0.03;

/// Beyond this (15%) the type is visibly another shape: respine refuses, unless the distortion
/// is allowed ([`RespineOptions::allow_distortion`]) or the spine is drawn anew
/// ([`RespineOptions::spine`]).
pub(crate) const SPINE_TYPE_REFUSED: f64 = 0.15;

/// Said of a barcode drawn on a respined cover.
const BARCODE_OVER: &str = "the barcode is drawn at the new layout's box, over the cover's own \
                            where they meet; check that the old one is covered";

/// A re-fitted cover and what was done to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Respined {
    /// The PDF.
    #[serde(skip)]
    pub pdf: Vec<u8>,
    /// Old and new sizes, stretch and warnings.
    pub report: RespineReport,
}

/// What [`respine`] did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct RespineReport {
    /// Spine width of the cover as it was.
    pub old_spine: Length,
    /// Spine width of the new cover.
    pub new_spine: Length,
    /// Full width of the cover as it was.
    pub old_width: Length,
    /// Full width of the new cover.
    pub new_width: Length,
    /// New spine width over old: how much the spine strip was stretched.
    pub spine_stretch: f64,
    /// Horizontal and vertical scale of the panels (1 unless scaling was allowed and needed).
    pub panel_scale: (f64, f64),
    /// Where the old barcode box shows on the new sheet, painted over in the colour around it
    /// (across bindings, when a new barcode is drawn): the box moved with the back panel and
    /// each copy of it mirrored into the wrap or bleed, in the sheet's space
    /// ([`Sheet`](crate::units::Sheet): from its top-left corner, `y` downwards).
    pub covered: Vec<Rect<crate::units::Sheet>>,
    /// Problems that did not stop the cover.
    pub warnings: Vec<String>,
}

/// How [`respine_with`] re-fits a cover, besides moving its panels and stretching its spine.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct RespineOptions {
    /// Scale each panel to its new size when the trim or panel size differs (within one
    /// binding; across bindings the panels are always scaled to the new boards or panels).
    pub allow_scaling: bool,
    /// How bleed or wrap the old cover does not reach is filled. `None` (the default): within
    /// one binding it stays blank, with a warning; across bindings it is mirrored.
    pub extend: Option<Extend>,
    /// The vendor's minimum image resolution, across bindings (see [`ComposeOptions`]).
    pub min_image_ppi: Option<u32>,
    /// An ISBN and price add-on drawn as a barcode at the new layout's box, over the cover's
    /// own where the two meet.
    pub barcode: Option<(Isbn, Price)>,
    /// A dust jacket's flaps, back then front, for a cover made into a jacket.
    pub flaps: Option<[Artwork; 2]>,
    /// The colour the new cover is made in (see [`ComposeOptions::color`]).
    pub color: CoverColor,
    /// The most total ink the vendor allows (see [`ComposeOptions::ink_limit`]).
    pub ink_limit: Option<TotalInk>,
    /// Refuse a colour over `ink_limit` instead of reducing it.
    pub strict_color: bool,
    /// Write the new cover as PDF/X-1a:2001 (see [`ComposeOptions::pdfx`]).
    pub pdfx: Option<PdfX>,
    /// Stretch or squeeze the old spine however far the new width asks. Without it, a spine
    /// whose type would change its proportions by more than 15% is refused (more than 3% is
    /// a warning).
    pub allow_distortion: bool,
    /// New spine art (text, a colour or artwork) drawn on the re-fitted cover instead of the
    /// old spine stretched: the way out of a distorted spine. A label without a background is
    /// set on blank paper; give it a spine colour.
    pub spine: Option<SpineArt>,
}

impl RespineOptions {
    /// The defaults: no scaling, missing bleed as the binding change decides, no minimum
    /// resolution, no barcode, no flaps, the cover's colour as it is.
    pub fn new() -> RespineOptions {
        RespineOptions::default()
    }

    /// The defaults with the new binding's rules from its stock file: its minimum image
    /// resolution, the colour it wants and its ink limit (see
    /// [`ComposeOptions::for_binding`]).
    pub fn for_binding(binding: &Binding) -> RespineOptions {
        let compose = ComposeOptions::for_binding(binding);
        RespineOptions {
            min_image_ppi: compose.min_image_ppi,
            color: compose.color,
            ink_limit: compose.ink_limit,
            pdfx: compose.pdfx,
            ..RespineOptions::default()
        }
    }

    /// When a PDF/X cover was made (see [`ComposeOptions::dated`]).
    pub fn dated(mut self, date: std::time::SystemTime) -> RespineOptions {
        if let Some(pdfx) = &mut self.pdfx {
            pdfx.date = date;
        }
        self
    }

    /// The colour the new cover is made in.
    pub fn color(mut self, color: CoverColor) -> RespineOptions {
        self.color = color;
        self
    }

    /// Refuse a colour over the ink limit instead of reducing it.
    pub fn strict_color(mut self, strict: bool) -> RespineOptions {
        self.strict_color = strict;
        self
    }

    /// The compose options these stand for, with `extend` as the binding change decides.
    fn compose(&self, extend: Extend) -> ComposeOptions {
        ComposeOptions {
            extend,
            min_image_ppi: self.min_image_ppi,
            color: self.color,
            ink_limit: self.ink_limit,
            strict_color: self.strict_color,
            pdfx: self.pdfx,
        }
    }

    /// Stretch or squeeze the old spine however far the new width asks.
    pub fn allow_distortion(mut self, allow: bool) -> RespineOptions {
        self.allow_distortion = allow;
        self
    }

    /// New spine art drawn on the re-fitted cover instead of the old spine stretched.
    pub fn spine(mut self, spine: SpineArt) -> RespineOptions {
        self.spine = Some(spine);
        self
    }

    /// Whether each panel may be scaled to its new size.
    pub fn allow_scaling(mut self, allow: bool) -> RespineOptions {
        self.allow_scaling = allow;
        self
    }

    /// How bleed or wrap the old cover does not reach is filled.
    pub fn extend(mut self, extend: Extend) -> RespineOptions {
        self.extend = Some(extend);
        self
    }

    /// The vendor's minimum image resolution, across bindings.
    pub fn min_image_ppi(mut self, ppi: Option<u32>) -> RespineOptions {
        self.min_image_ppi = ppi;
        self
    }

    /// An ISBN and price add-on drawn as a barcode at the new layout's box.
    pub fn barcode(mut self, isbn: Isbn, price: Price) -> RespineOptions {
        self.barcode = Some((isbn, price));
        self
    }

    /// A dust jacket's flaps, back then front, for a cover made into a jacket.
    pub fn flaps(mut self, back: Artwork, front: Artwork) -> RespineOptions {
        self.flaps = Some([back, front]);
        self
    }
}

/// Re-fits a whole cover made for layout `from` to layout `to`: back and front panels are
/// moved, never scaled; the spine strip is stretched to the new width.
///
/// A different trim is refused unless `allow_scaling`, which scales each panel to its new
/// size. A different binding (a paperback cover made into a hardcover) takes the back, spine
/// and front out of the cover and composes them anew, as [`compose`](crate::cover::compose) would
/// from panel art made for the book's trim: see [`respine_across`].
///
/// ```no_run
/// use podcover::{BookSpec, Catalog, cover::respine, pdf::Artwork};
///
/// let catalog = Catalog::builtin();
/// let old = catalog.layout(&BookSpec::parse("kdp", "paperback", "cream", "6x9", 300)?)?;
/// let new = catalog.layout(&BookSpec::parse("ingramspark", "paperback", "cream", "6x9", 318)?)?;
/// let cover = Artwork::from_pdf("cover.pdf", &std::fs::read("cover.pdf")?)?;
/// let respined = respine(&cover, &old, &new, false)?;
/// println!("spine {} -> {}", respined.report.old_spine, respined.report.new_spine);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn respine(
    cover: &Artwork,
    from: &CoverLayout,
    to: &CoverLayout,
    allow_scaling: bool,
) -> Result<Respined> {
    let options = RespineOptions {
        allow_scaling,
        ..RespineOptions::default()
    };
    respine_with(cover, from, to, options)
}

/// [`respine`] with options: within one binding, the bleed the old cover lacks filled as
/// `options.extend` says and a barcode drawn at the new layout's box; across bindings, as
/// [`respine_across`] with the same options.
///
/// ```no_run
/// use podcover::{BookSpec, Catalog, cover::{Extend, respine_with, RespineOptions}, pdf::Artwork};
///
/// let catalog = Catalog::builtin();
/// let old = catalog.layout(&BookSpec::parse("kdp", "paperback", "cream", "6x9", 300)?)?;
/// let new = catalog.layout(&BookSpec::parse("ingramspark", "paperback", "cream", "6x9", 318)?)?;
/// let cover = Artwork::from_pdf("cover.pdf", &std::fs::read("cover.pdf")?)?;
/// let options = RespineOptions::new()
///     .extend(Extend::Mirror)
///     .barcode("978-0-306-40615-7".parse()?, "51699".parse()?);
/// let respined = respine_with(&cover, &old, &new, options)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn respine_with(
    cover: &Artwork,
    from: &CoverLayout,
    to: &CoverLayout,
    options: RespineOptions,
) -> Result<Respined> {
    respine_into(cover, from, to, options, None)
}

/// [`respine_with`], the PDF written to `sink` if one is given (and then not returned).
fn respine_into(
    cover: &Artwork,
    from: &CoverLayout,
    to: &CoverLayout,
    options: RespineOptions,
    sink: Option<Sink<'_>>,
) -> Result<Respined> {
    to.check_printable()?;
    colour::check_pdf("cover", "the cover", cover, options.color)?;
    // A cover of another size than claimed, or one that cannot be taken apart, is refused as
    // such first.
    sheet_on_page(cover, &from.to_pdf())?;
    let distortion = |allow: bool| -> Result<Vec<String>> {
        Ok(match options.spine {
            Some(_) => Vec::new(),
            None => spine_distortion(from, to, allow)?.into_iter().collect(),
        })
    };
    if from.kind() != to.kind() {
        let compose = options.compose(options.extend.unwrap_or_default());
        let (mut art, old) = parts(cover, from, to, options.barcode)?;
        let distortion = distortion(options.allow_distortion)?;
        if let Some([back_flap, front_flap]) = options.flaps {
            art.back_flap = Some(back_flap);
            art.front_flap = Some(front_flap);
        }
        if let Some(spine) = options.spine {
            art.spine = spine;
        }
        let mut respined = finish_across(from, to, &art, old, &compose, sink)?;
        respined.report.warnings.splice(0..0, distortion);
        return Ok(respined);
    }
    let distortion = distortion(options.allow_distortion)?;
    let (pdf, mut report) = within_binding(cover, from, to, &options, sink)?;
    report.warnings.splice(0..0, distortion);
    Ok(Respined { pdf, report })
}

/// [`respine`], writing the PDF to `out` as it is made instead of returning it: the cover's
/// images go from `cover` straight into `out` (a file, say), so a large cover is never held in
/// memory twice. The bytes are those [`respine`] returns.
///
/// ```no_run
/// use podcover::{BookSpec, Catalog, cover::respine_to, pdf::Artwork};
///
/// let catalog = Catalog::builtin();
/// let old = catalog.layout(&BookSpec::parse("kdp", "paperback", "cream", "6x9", 300)?)?;
/// let new = catalog.layout(&BookSpec::parse("ingramspark", "paperback", "cream", "6x9", 318)?)?;
/// let cover = Artwork::from_pdf("cover.pdf", &std::fs::read("cover.pdf")?)?;
/// let report = respine_to(&cover, &old, &new, false, &mut std::fs::File::create("new.pdf")?)?;
/// println!("spine {} -> {}", report.old_spine, report.new_spine);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn respine_to(
    cover: &Artwork,
    from: &CoverLayout,
    to: &CoverLayout,
    allow_scaling: bool,
    out: &mut dyn std::io::Write,
) -> Result<RespineReport> {
    to.check_printable()?;
    sheet_on_page(cover, &from.to_pdf())?;
    let distortion = spine_distortion(from, to, false)?;
    if from.kind() != to.kind() {
        let sink = Some(Sink::Writer(out));
        let mut respined =
            across_bindings(cover, from, to, &ComposeOptions::default(), None, sink)?;
        respined.report.warnings.splice(0..0, distortion);
        return Ok(respined.report);
    }
    let options = RespineOptions {
        allow_scaling,
        ..RespineOptions::default()
    };
    let mut report = within_binding(cover, from, to, &options, Some(Sink::Writer(out)))?.1;
    report.warnings.splice(0..0, distortion);
    Ok(report)
}

/// [`respine_with`], writing the PDF to `out` as it is made, within one binding or across
/// bindings: the cover's streams go from `cover` straight into `out`, so that with
/// [`Artwork::from_vec`] a large cover is held in memory once (and with
/// [`files::read_artwork`](crate::files::read_artwork), its images not at all). The bytes are
/// those [`respine_with`] returns. Into a file, [`respine_to_file`] has the system copy them.
///
/// ```no_run
/// use podcover::{BookSpec, Catalog, cover::{respine_with_to, RespineOptions}, pdf::Artwork};
///
/// let catalog = Catalog::builtin();
/// let old = catalog.layout(&BookSpec::parse("kdp", "paperback", "cream", "6x9", 300)?)?;
/// let new = catalog.layout(&BookSpec::parse("kdp", "paperback", "cream", "6x9", 320)?)?;
/// let cover = Artwork::from_vec("cover.pdf", std::fs::read("cover.pdf")?)?;
/// let mut out = std::fs::File::create("new.pdf")?;
/// let report = respine_with_to(&cover, &old, &new, RespineOptions::new(), &mut out)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn respine_with_to(
    cover: &Artwork,
    from: &CoverLayout,
    to: &CoverLayout,
    options: RespineOptions,
    out: &mut dyn std::io::Write,
) -> Result<RespineReport> {
    respine_into(cover, from, to, options, Some(Sink::Writer(out))).map(|r| r.report)
}

/// [`respine_with_to`] into a file: with a cover read from a file by
/// [`files::read_artwork`](crate::files::read_artwork), the cover's streams are copied from
/// that file into `out` by the system (`copy_file_range` on Linux), never read into memory.
/// Written at `out`'s position; the bytes are those [`respine_with`] returns.
///
/// ```no_run
/// use podcover::{BookSpec, Catalog, cover::{respine_to_file, RespineOptions}, files};
///
/// let catalog = Catalog::builtin();
/// let old = catalog.layout(&BookSpec::parse("kdp", "paperback", "cream", "6x9", 300)?)?;
/// let new = catalog.layout(&BookSpec::parse("kdp", "paperback", "cream", "6x9", 320)?)?;
/// let cover = files::read_artwork(std::path::Path::new("cover.pdf"))?;
/// files::write_atomic_file(std::path::Path::new("new.pdf"), false, |file| {
///     respine_to_file(&cover, &old, &new, RespineOptions::new(), file)
///         .map(drop)
///         .map_err(std::io::Error::other)
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn respine_to_file(
    cover: &Artwork,
    from: &CoverLayout,
    to: &CoverLayout,
    options: RespineOptions,
    out: &mut std::fs::File,
) -> Result<RespineReport> {
    respine_into(cover, from, to, options, Some(Sink::File(out))).map(|r| r.report)
}

/// A respine within one binding: the PDF (empty if it went to `sink`) and the report.
fn within_binding(
    cover: &Artwork,
    from: &CoverLayout,
    to: &CoverLayout,
    options: &RespineOptions,
    sink: Option<Sink<'_>>,
) -> Result<(Vec<u8>, RespineReport)> {
    let allow_scaling = options.allow_scaling;
    if to.kind() == CoverKind::Jacket {
        return Err(refuse(
            ComposeProblem::Binding,
            "dust jackets cannot be respined: their flaps would move".into(),
        ));
    }
    // The cover's page is in PDF's coordinates; so are the layouts from here on.
    let (from, to) = (&from.to_pdf(), &to.to_pdf());
    // Where the old layout's sheet sits on the cover's page.
    let (page, expected) = sheet_on_page(cover, from)?;
    let (dx, dy) = (expected.x - page.x, expected.y - page.y);
    let panels_differ = !same_size(from.back, to.back);
    if panels_differ && !allow_scaling {
        return Err(refuse(
            ComposeProblem::ScalingNeeded,
            format!(
            "the panels change size from {} to {} ({} {} to {} {}); allow scaling to re-fit them",
            size_text(from.back.size()),
            size_text(to.back.size()),
            from.spec.vendor,
            from.spec.trim,
            to.spec.vendor,
            to.spec.trim
        ),
        ));
    }
    if from.spine.width <= Length::ZERO && to.spine.width > Length::ZERO {
        return Err(refuse(
            ComposeProblem::NoSpine,
            "the cover has no spine to stretch".into(),
        ));
    }
    let mut warnings = Vec::new();
    let mut notes = Vec::new();
    let on_page = |m: Matrix| -> Matrix {
        // Compose with the move from page space into the old layout's space.
        let [sx, b, c, sy, e, f] = m.0;
        Matrix([sx, b, c, sy, e + sx * dx.to_pt(), f + sy * dy.to_pt()])
    };
    let (back_clip, front_clip, spine_clip) = clips(to);
    let compose = options.compose(options.extend.unwrap_or_default());
    if let Some(Extend::Color(color)) = options.extend {
        colour::check_colors(&[("extend colour", color)], &compose, &mut warnings)?;
    }
    let panel = |old: Rect<Pdf>, new: Rect<Pdf>| {
        if panels_differ {
            Matrix::fit(old, new)
        } else {
            Matrix::shift(old, new)
        }
    };
    let mut sheet = Sheet::for_options(&compose);
    let back_m = panel(from.back, to.back);
    let front_m = panel(from.front, to.front);
    // The old cover's own bleed, in the old layout's coordinates, moved with each panel.
    let bleed = cover.bleed_box();
    let old_bleed = Rect::new(bleed.x + dx, bleed.y + dy, bleed.width, bleed.height);
    // The cover placed with `m`, clipped to `clip`: what it does not reach of `clip` is filled
    // as the options say, or (if `report`) reported.
    let mut place = |what: &str, m: Matrix, clip: Rect<Pdf>, report: bool| -> Result<()> {
        sheet.place("cover", cover, on_page(m), clip)?;
        let placed = Placed {
            art: cover,
            slot: "cover",
            matrix: on_page(m),
            extent: m.rect(old_bleed),
        };
        match options.extend {
            Some(how) => extend_placed(
                &mut sheet,
                placed,
                clip,
                how,
                what,
                &mut notes,
                &mut warnings,
            ),
            None if report => {
                check_bleed(what, placed.extent, clip, &mut warnings);
                Ok(())
            }
            None => Ok(()),
        }
    };
    place("the old cover's back", back_m, back_clip, true)?;
    place("the old cover's front", front_m, front_clip, true)?;
    let spine_stretch = if from.spine.width > Length::ZERO {
        to.spine.width / from.spine.width
    } else {
        1.0
    };
    if let Some(spine) = &options.spine {
        place_spine(
            &mut sheet,
            to,
            spine,
            spine_clip,
            &compose,
            &mut notes,
            &mut warnings,
        )?;
    } else if to.spine.width > Length::ZERO {
        let old_spine: Rect<Pdf> = Rect::new(
            from.spine.x,
            from.sheet.y,
            from.spine.width,
            from.sheet.height,
        );
        let new_spine = Rect::new(to.spine.x, to.sheet.y, to.spine.width, to.sheet.height);
        let mut m = Matrix::fit(old_spine, new_spine);
        if !panels_differ {
            // Keep the vertical position exactly as the panels'.
            m.0[3] = 1.0;
            m.0[5] = (to.back.y - from.back.y).to_pt();
        }
        place("the old cover's spine", m, spine_clip, false)?;
    }
    if let Some((isbn, price)) = &options.barcode {
        sheet.marks(&barcode_marks(to.barcode, isbn, *price)?);
        warnings.push(BARCODE_OVER.into());
    }
    warnings.append(&mut sheet.color_warnings);
    warnings.extend(notes);
    warnings.append(&mut sheet.color_notes);
    let title = format!(
        "Cover: {} {} {} {} {} pages",
        to.spec.vendor, to.spec.binding, to.spec.paper, to.spec.trim, to.spec.pages
    );
    let pdf = sheet.finish_to(to, &title, sink)?;
    let report = RespineReport {
        old_spine: from.spine_width(),
        new_spine: to.spine_width(),
        old_width: from.sheet.width,
        new_width: to.sheet.width,
        spine_stretch,
        panel_scale: (back_m.0[0], back_m.0[3]),
        covered: Vec::new(),
        warnings,
    };
    Ok((pdf, report))
}

/// Re-fits a whole cover made for one binding to another (a paperback cover as a hardcover's
/// case): the back panel, the spine strip and the front panel are taken out of the cover with
/// their bleed and composed onto the new layout as [`compose_with`](crate::cover::compose_with) does
/// (each panel scaled to the height of its board or jacket panel, what it does not reach filled
/// as `options.extend` says), with the barcode drawn at the new layout's box when one is given
/// (over the cover's own, where the two meet). A dust jacket needs flap artwork or colours,
/// given as `flaps` (back, then front). A spine whose type changes its proportions by more than
/// 3% is reported in the warnings, however far (see [`RespineOptions::allow_distortion`]).
pub fn respine_across(
    cover: &Artwork,
    from: &CoverLayout,
    to: &CoverLayout,
    options: &ComposeOptions,
    barcode: Option<(Isbn, Price)>,
    flaps: Option<[Artwork; 2]>,
) -> Result<Respined> {
    to.check_printable()?;
    // The spine's distortion is said, never refused: respine_with refuses it unless allowed.
    let distortion = spine_distortion(from, to, true)?;
    let (mut art, old) = parts(cover, from, to, barcode)?;
    if let Some([back_flap, front_flap]) = flaps {
        art.back_flap = Some(back_flap);
        art.front_flap = Some(front_flap);
    }
    let mut respined = finish_across(from, to, &art, old, options, None)?;
    respined.report.warnings.splice(0..0, distortion);
    Ok(respined)
}

fn across_bindings(
    cover: &Artwork,
    from: &CoverLayout,
    to: &CoverLayout,
    options: &ComposeOptions,
    barcode: Option<(Isbn, Price)>,
    sink: Option<Sink<'_>>,
) -> Result<Respined> {
    let (art, old) = parts(cover, from, to, barcode)?;
    finish_across(from, to, &art, old, options, sink)
}

/// The old barcode box painted over on the parts of a cover taken apart: where it is on the old
/// cover's page, the colour, and where that colour came from.
struct OldBarcode {
    on_page: Rect<Pdf>,
    paint: Paint,
    sampled: bool,
}

/// How far outside the old barcode box its surroundings are sampled: two rings, close in and a
/// little further, each [`ring`]'s points read from the cover's own paint.
const SAMPLE_GAPS: [Length; 2] = [Length::inches(0.04), Length::inches(0.08)];

/// The old barcode box grows by this on every side when painted over, so that no edge of its
/// white box or bars is left by rounding.
const COVER_MARGIN: Length = Length::pt(0.75);

/// The old cover's back, spine and front as panel art, in the cover page's own coordinates;
/// with a new barcode, the old barcode box is painted over in every part (so in every copy of
/// it that compose places, mirrored ones too) in the colour sampled around it.
fn parts(
    cover: &Artwork,
    from: &CoverLayout,
    to: &CoverLayout,
    barcode: Option<(Isbn, Price)>,
) -> Result<(CoverArt, Option<OldBarcode>)> {
    // The cover's page is in PDF's coordinates: so is the old layout here. (The new one goes
    // to compose as it is.)
    let from = &from.to_pdf();
    let (page, expected) = sheet_on_page(cover, from)?;
    if from.jacket().is_some() || from.case().is_some() {
        return Err(refuse(
            ComposeProblem::Binding,
            format!(
                "a {} cover cannot be taken apart for a {}: only a flat cover (a paperback's) can",
                from.spec.binding, to.spec.binding
            ),
        ));
    }
    // Old layout coordinates to the cover page's.
    let (dx, dy) = (page.x - expected.x, page.y - expected.y);
    let on_page = |r: Rect<Pdf>| -> Rect<Pdf> { Rect::new(r.x + dx, r.y + dy, r.width, r.height) };
    let old_barcode = match barcode {
        None => None,
        Some(_) => {
            let on_page = on_page(from.barcode).outset(Sides::uniform(COVER_MARGIN));
            let points: Vec<(f64, f64)> = SAMPLE_GAPS
                .iter()
                .flat_map(|gap| ring(on_page, *gap))
                .collect();
            Some(match cover.colour_at(&points)? {
                Some(paint) => OldBarcode {
                    on_page,
                    paint,
                    sampled: true,
                },
                None => OldBarcode {
                    on_page,
                    paint: Paint::Cmyk([0.0; 4]),
                    sampled: false,
                },
            })
        }
    };
    let part = |media: Rect<Pdf>, trim: Rect<Pdf>| {
        let part = cover.part(cover.name(), on_page(media), on_page(trim));
        match &old_barcode {
            Some(old) => part.covered(old.on_page, old.paint),
            None => part,
        }
    };
    let s = from.sheet;
    let back = part(Rect::new(s.x, s.y, from.spine.x - s.x, s.height), from.back);
    let front = part(
        Rect::new(
            from.spine.right(),
            s.y,
            s.right() - from.spine.right(),
            s.height,
        ),
        from.front,
    );
    let spine = if from.spine.width > Length::ZERO && to.spine.width > Length::ZERO {
        SpineArt::Artwork(Box::new(part(
            Rect::new(from.spine.x, s.y, from.spine.width, s.height),
            from.spine,
        )))
    } else {
        SpineArt::Blank
    };
    let art = CoverArt {
        spine,
        barcode,
        ..CoverArt::new(front, back)
    };
    Ok((art, old_barcode))
}

/// Where the painted-over old barcode box shows on the new sheet: each placement of a part of
/// the old cover carries it; as far as it shows inside that placement's clip, from the new
/// sheet's top-left corner.
fn covered_boxes(to: &CoverLayout, old: &OldBarcode, placed: &Placements) -> Vec<Rect> {
    let seen = Length::inches(0.01);
    let to_sheet = to.sheet_to_pdf().inverse();
    let mut boxes: Vec<Rect> = Vec::new();
    for (slot, m, clip) in placed {
        if !matches!(*slot, "back" | "front" | "spine") {
            continue;
        }
        // A mirrored copy has a negative width or height: its box is the same either way.
        let r = m.rect(old.on_page);
        let (x0, x1) = (r.x.min(r.x + r.width), r.x.max(r.x + r.width));
        let (y0, y1) = (r.y.min(r.y + r.height), r.y.max(r.y + r.height));
        let r = Rect::new(x0, y0, x1 - x0, y1 - y0);
        let Some(shown) = r.intersection(clip) else {
            continue;
        };
        if shown.width < seen || shown.height < seen {
            continue;
        }
        let r = to_sheet.rect(shown);
        if !boxes.iter().any(|b| b.approx_eq_within(&r, seen)) {
            boxes.push(r);
        }
    }
    boxes
}

/// `(5.79, 7.33) in, 2 x 1.2 in`.
fn box_text(r: Rect) -> String {
    format!(
        "({}, {}) in, {} x {} in",
        r.x.rounded(Unit::In, 3),
        r.y.rounded(Unit::In, 3),
        r.width.rounded(Unit::In, 3),
        r.height.rounded(Unit::In, 3)
    )
}

/// What was painted over, where, and in which colour, for the report.
fn covered_note(old: &OldBarcode, boxes: &[Rect], new_box: Rect) -> String {
    let whence = if old.sampled {
        format!(
            "{}, the mean of the old cover's own paint sampled {} and {} in outside the box",
            old.paint.describe(),
            SAMPLE_GAPS[0].rounded(Unit::In, 2),
            SAMPLE_GAPS[1].rounded(Unit::In, 2)
        )
    } else {
        "no ink: the colour around it could not be read from the cover (a shading, a pattern \
         or an image in an encoding podcover does not decode)"
            .to_string()
    };
    let listed: Vec<String> = boxes.iter().map(|b| box_text(*b)).collect();
    format!(
        "the old barcode box is painted over in {whence}, where it shows on the new sheet: {}; \
         the new barcode is drawn at {} (from the sheet's top-left corner)",
        if listed.is_empty() {
            "nowhere".to_string()
        } else {
            listed.join("; ")
        },
        box_text(new_box)
    )
}

fn finish_across(
    from: &CoverLayout,
    to: &CoverLayout,
    art: &CoverArt,
    old: Option<OldBarcode>,
    options: &ComposeOptions,
    sink: Option<Sink<'_>>,
) -> Result<Respined> {
    to.check_printable()?;
    let (cover, placed) = compose_cover(to, art, options, sink)?;
    let mut warnings = cover.warnings;
    warnings.extend(cover.notes);
    let covered = match &old {
        Some(old) => {
            let boxes = covered_boxes(to, old, &placed);
            warnings.push(covered_note(old, &boxes, to.barcode));
            boxes
        }
        None => Vec::new(),
    };
    let spine_stretch = if from.spine.width > Length::ZERO {
        to.spine.width / from.spine.width
    } else {
        1.0
    };
    let k = to.front.height / from.front.height;
    Ok(Respined {
        pdf: cover.pdf,
        report: RespineReport {
            old_spine: from.spine_width(),
            new_spine: to.spine_width(),
            old_width: from.sheet.width,
            new_width: to.sheet.width,
            spine_stretch,
            panel_scale: (k, k),
            covered,
            warnings,
        },
    })
}

/// How far the old spine's type changes its proportions when the spine strip is fitted to the
/// new spine (across by the widths, down by the heights): a warning past [`SPINE_TYPE_NOTED`],
/// a refusal past [`SPINE_TYPE_REFUSED`] unless `allow`ed.
fn spine_distortion(from: &CoverLayout, to: &CoverLayout, allow: bool) -> Result<Option<String>> {
    if from.spine.width <= Length::ZERO || to.spine.width <= Length::ZERO {
        return Ok(None);
    }
    let across = to.spine.width / from.spine.width;
    let down = to.spine.height / from.spine.height;
    let distortion = stretch(across, down) - 1.0;
    if distortion <= SPINE_TYPE_NOTED {
        return Ok(None);
    }
    let how = if across > down {
        "stretched"
    } else {
        "squeezed"
    };
    let said = format!(
        "the spine goes from {} in to {} in wide: its type is {how} to {:.1}% of its width against its \
         height",
        from.spine.width.rounded(Unit::In, 3),
        to.spine.width.rounded(Unit::In, 3),
        across / down * 100.0
    );
    let percent = |f: f64| format!("{:.0}%", f * 100.0);
    if distortion > SPINE_TYPE_REFUSED && !allow {
        return Err(refuse(
            ComposeProblem::SpineDistorted,
            format!(
                "{said}, past the {} respine allows; draw the spine anew (spine text on a spine \
                 colour, a colour or spine artwork) or allow the distortion",
                percent(SPINE_TYPE_REFUSED)
            ),
        ));
    }
    Ok(Some(format!(
        "{said}, past the {} at which type looks distorted; draw the spine anew (spine text on \
         a spine colour, a colour or spine artwork) to set it as it should be",
        percent(SPINE_TYPE_NOTED)
    )))
}

/// Where the old layout's sheet sits on the cover's page: the page's box and the layout's
/// rectangle it must match, or an error naming both sizes.
fn sheet_on_page(cover: &Artwork, from: &CoverLayout<Pdf>) -> Result<(Rect<Pdf>, Rect<Pdf>)> {
    let page = cover.trim_box();
    let expected = if cover.trim_box() == cover.media_box() {
        from.sheet
    } else {
        from.trim_box
    };
    if !same_size(page, expected) {
        return Err(refuse(
            ComposeProblem::WrongSize,
            format!(
                "{} is {}, but a cover for {} {} {} {} with a {} in spine is {}",
                cover.name(),
                size_text(page.size()),
                from.spec.vendor,
                from.spec.binding,
                from.spec.paper,
                from.spec.trim,
                from.spine_width().rounded(Unit::In, 4),
                size_text(expected.size())
            ),
        ));
    }
    Ok((page, expected))
}
