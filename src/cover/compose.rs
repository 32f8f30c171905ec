//! Print-ready covers from artwork: compose front, back and spine onto one sheet.

use std::io::Write;

use lopdf::{Dictionary, Object, Stream};
use serde::Serialize;

use crate::barcode::{Isbn, Price};
use crate::color::{within_ink, TotalInk};
use crate::cover::colour;
use crate::cover::place::{self, place_panel, ComposeOptions, Outer, Panel};
use crate::draw::{barcode_marks, Cmyk, Direction, Mark};
use crate::error::{ComposeProblem, Error, Result};
use crate::layout::{CoverLayout, JacketParts};
use crate::pdf::content::{Content, HELVETICA};
use crate::pdf::font::{embed_text, TextFont, USER_FONT};
use crate::pdf::raster::ImageColor;
use crate::pdf::{name, rect_array, Artwork, Assembly};
use crate::units::{
    number_apart, stretch, Length, Matrix, Rect, Resolution, Size, Unit, NOTED_STRETCH,
};

/// How far artwork may differ from its panel and still count as the same size (0.5 mm).
const SIZE_TOLERANCE: Length = Length::mm(0.5);

/// Spine text set along the spine.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SpineLabel {
    /// The book's title.
    pub title: String,
    /// The author, if shown.
    pub author: Option<String>,
    /// The imprint, if shown.
    pub imprint: Option<String>,
    /// Which way the text runs (default top to bottom).
    pub direction: Direction,
    /// Text colour (default 100% black).
    pub color: Cmyk,
    /// Spine background, if any.
    pub background: Option<Cmyk>,
    /// A TrueType or OpenType font to set the text in, embedded as a subset. Without one the
    /// text is set in Helvetica, a standard PDF font that is not embedded (which vendors that
    /// require embedded fonts refuse).
    pub font: Option<Vec<u8>>,
}

impl SpineLabel {
    /// A title alone, top to bottom, in black on no background.
    pub fn new(title: impl Into<String>) -> SpineLabel {
        SpineLabel {
            title: title.into(),
            author: None,
            imprint: None,
            direction: Direction::Down,
            color: Cmyk::BLACK,
            background: None,
            font: None,
        }
    }

    /// The words set on the spine, in order.
    fn text(&self) -> String {
        let mut parts = vec![self.title.trim()];
        parts.extend(self.author.as_deref().map(str::trim));
        parts.extend(self.imprint.as_deref().map(str::trim));
        parts.retain(|p| !p.is_empty());
        parts.join("   ")
    }
}

/// What goes on the spine.
#[derive(Debug, Clone)]
pub enum SpineArt {
    /// Nothing (the spine stays blank).
    Blank,
    /// A solid colour, into the top and bottom bleed.
    Color(Cmyk),
    /// Text, fitted to the spine's safe area.
    Label(SpineLabel),
    /// Artwork exported at the spine's height or with bleed top and bottom, fitted to the
    /// spine: its proportions may change by at most a factor of two.
    Artwork(Box<Artwork>),
}

/// The artwork of a cover: front, back, spine, a dust jacket's flaps and an optional barcode.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct CoverArt {
    /// Front cover artwork, sized to the front panel (with its own bleed if it has one), or to
    /// the book's trim for a hardcover or jacket made from paperback art.
    pub front: Artwork,
    /// Back cover artwork, sized like the front, or a flat colour ([`Artwork::color`]).
    pub back: Artwork,
    /// The spine.
    pub spine: SpineArt,
    /// An ISBN and price add-on to print as a barcode in the vendor's box.
    pub barcode: Option<(Isbn, Price)>,
    /// A dust jacket's back flap (the left one), artwork or a colour; required for a jacket,
    /// left out for other bindings (so one art set serves every binding).
    pub back_flap: Option<Artwork>,
    /// A dust jacket's front flap (the right one).
    pub front_flap: Option<Artwork>,
}

impl CoverArt {
    /// Front and back artwork, a blank spine, no barcode, no flaps.
    pub fn new(front: Artwork, back: Artwork) -> CoverArt {
        CoverArt {
            front,
            back,
            spine: SpineArt::Blank,
            barcode: None,
            back_flap: None,
            front_flap: None,
        }
    }

    /// The spine: blank, a colour, text or artwork.
    pub fn spine(mut self, spine: SpineArt) -> CoverArt {
        self.spine = spine;
        self
    }

    /// An ISBN and price add-on to print as a barcode in the vendor's box.
    pub fn barcode(mut self, isbn: Isbn, price: Price) -> CoverArt {
        self.barcode = Some((isbn, price));
        self
    }

    /// A dust jacket's flaps, back (left) then front (right).
    pub fn flaps(mut self, back: Artwork, front: Artwork) -> CoverArt {
        self.back_flap = Some(back);
        self.front_flap = Some(front);
        self
    }
}

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

/// A page under construction: placed artwork, fills, text and marks drawn into its one content
/// stream, then the cover's boxes.
pub(super) struct Sheet<'a> {
    doc: Assembly<'a>,
    xobjects: Dictionary,
    /// Embedded fonts, by resource name.
    fonts: Dictionary,
    content: Content,
    /// Artwork already copied in, by the caller's name for it, with its XObject name: placed
    /// again, it is referenced, not copied again.
    imported: Vec<(&'static str, String)>,
    /// The colour images are written in, and the ink limit of the colours filled.
    images: ImageColor,
    ink_limit: Option<TotalInk>,
    /// What was done to images' colour: notes, and warnings.
    pub(super) color_notes: Vec<String>,
    pub(super) color_warnings: Vec<String>,
}

impl<'a> Sheet<'a> {
    pub(super) fn new() -> Sheet<'a> {
        Sheet {
            doc: Assembly::new(),
            xobjects: Dictionary::new(),
            fonts: Dictionary::new(),
            content: Content::with_capacity(4096),
            imported: Vec::new(),
            images: ImageColor::AsIs,
            ink_limit: None,
            color_notes: Vec::new(),
            color_warnings: Vec::new(),
        }
    }

    /// An empty sheet that makes its images and colours as `options` say.
    pub(super) fn for_options(options: &ComposeOptions) -> Sheet<'a> {
        Sheet {
            images: options.color.images(options.ink_limit),
            ink_limit: options.ink_limit,
            ..Sheet::new()
        }
    }

    /// A colour within the sheet's ink limit ([`within_ink`]).
    fn ink(&self, color: Cmyk) -> Cmyk {
        match self.ink_limit {
            Some(limit) => within_ink(color, limit),
            None => color,
        }
    }

    /// Places artwork with `matrix`, clipped to `clip`; `slot` names the artwork, so that placing
    /// the same slot again reuses the copy.
    pub(super) fn place(
        &mut self,
        slot: &'static str,
        art: &'a Artwork,
        matrix: Matrix,
        clip: Rect,
    ) -> Result<()> {
        let key = match self.imported.iter().find(|(a, _)| *a == slot) {
            Some((_, key)) => key.clone(),
            None => {
                let doc = &mut self.doc;
                let (id, conversion) = art.import(doc, &self.images)?;
                let what = match slot {
                    "cover" => format!("the cover {}", art.name()),
                    _ => format!("{slot} artwork {}", art.name()),
                };
                match colour::conversion_message(&what, conversion, &self.images) {
                    Some((true, warning)) => self.color_warnings.push(warning),
                    Some((false, note)) => self.color_notes.push(note),
                    None => {}
                }
                let key = format!("Fx{}", self.xobjects.len());
                self.xobjects
                    .set(key.as_bytes().to_vec(), Object::Reference(id));
                self.imported.push((slot, key.clone()));
                key
            }
        };
        let [a, b, c, d, e, f] = matrix.0;
        let _ = writeln!(
            self.content.bytes,
            "q {} re W n {a:.6} {b:.6} {c:.6} {d:.6} {e:.4} {f:.4} cm /{key} Do Q",
            rect_ops(clip)
        );
        Ok(())
    }

    pub(super) fn fill(&mut self, rect: Rect, color: Cmyk) {
        let color = self.ink(color);
        self.content.fill(rect, color);
    }

    /// Draws marks straight into the page (text in Helvetica).
    pub(super) fn marks(&mut self, marks: &[Mark]) {
        self.content.marks(marks);
    }

    /// Sets `text` in `font` with the centre of its baseline at `center`.
    fn text(
        &mut self,
        font: &TextFont,
        text: String,
        center: (Length, Length),
        size: Length,
        color: Cmyk,
        direction: Direction,
    ) -> Result<()> {
        let half = font.width(&text, size) / 2.0;
        let color = self.ink(color);
        match font {
            TextFont::Helvetica => self.content.mark(&Mark::Text {
                text,
                center,
                size,
                color,
                direction,
            }),
            TextFont::Embedded { font, .. } => {
                let (x, y) = center;
                let origin = match direction {
                    Direction::Horizontal => (x - half, y),
                    Direction::Up => (x, y - half),
                    Direction::Down => (x, y + half),
                };
                let set = embed_text(
                    font,
                    &text,
                    size,
                    color,
                    direction,
                    origin,
                    &mut self.doc.doc,
                )?;
                self.content.bytes.extend_from_slice(b"q\n");
                self.content.bytes.extend_from_slice(&set.content);
                self.content.bytes.extend_from_slice(b"\nQ\n");
                self.fonts.set(USER_FONT, Object::Reference(set.font));
            }
        }
        Ok(())
    }

    /// The one-page PDF with the layout's boxes (the layout in PDF's coordinates, flipped) and
    /// document info.
    pub(super) fn finish(self, layout: &CoverLayout, title: &str) -> Result<Vec<u8>> {
        self.finish_to(layout, title, None)
    }

    /// [`Sheet::finish`], writing the PDF to `sink` (if given) as it is made; then nothing is
    /// returned.
    pub(super) fn finish_to(
        mut self,
        layout: &CoverLayout,
        title: &str,
        sink: Option<&mut dyn std::io::Write>,
    ) -> Result<Vec<u8>> {
        let mut resources = Dictionary::new();
        resources.set("XObject", Object::Dictionary(self.xobjects));
        if self.content.helvetica {
            let helvetica = self.doc.doc.add_object(Dictionary::from_iter(vec![
                ("Type", name("Font")),
                ("Subtype", name("Type1")),
                ("BaseFont", name("Helvetica")),
                ("Encoding", name("WinAnsiEncoding")),
            ]));
            self.fonts.set(HELVETICA, Object::Reference(helvetica));
        }
        if !self.fonts.is_empty() {
            resources.set("Font", Object::Dictionary(self.fonts));
        }
        if !self.content.opacities.0.is_empty() {
            let states = self.content.opacities.0.iter().enumerate().map(|(i, key)| {
                (
                    format!("GS{i}"),
                    Object::Dictionary(Dictionary::from_iter(vec![
                        ("Type", name("ExtGState")),
                        ("ca", Object::Real(f32::from(*key) / 1000.0)),
                    ])),
                )
            });
            resources.set(
                "ExtGState",
                Object::Dictionary(Dictionary::from_iter(states)),
            );
        }
        let contents = self
            .doc
            .doc
            .add_object(Stream::new(Dictionary::new(), self.content.bytes));
        let pages = self.doc.doc.new_object_id();
        let page = self.doc.doc.add_object(Dictionary::from_iter(vec![
            ("Type", name("Page")),
            ("Parent", Object::Reference(pages)),
            ("MediaBox", rect_array(layout.sheet)),
            ("BleedBox", rect_array(layout.bleed_box())),
            ("TrimBox", rect_array(layout.trim_box)),
            ("Resources", Object::Dictionary(resources)),
            ("Contents", Object::Reference(contents)),
        ]));
        self.doc.doc.objects.insert(
            pages,
            Object::Dictionary(Dictionary::from_iter(vec![
                ("Type", name("Pages")),
                ("Kids", Object::Array(vec![Object::Reference(page)])),
                ("Count", Object::Integer(1)),
            ])),
        );
        let catalog = self.doc.doc.add_object(Dictionary::from_iter(vec![
            ("Type", name("Catalog")),
            ("Pages", Object::Reference(pages)),
        ]));
        let spec = &layout.spec;
        let info = self.doc.doc.add_object(Dictionary::from_iter(vec![
            ("Title", Object::string_literal(title)),
            ("Creator", Object::string_literal("podcover")),
            (
                "Subject",
                Object::string_literal(format!(
                    "vendor={} binding={} paper={} trim={} pages={} spine={}in",
                    spec.vendor,
                    spec.binding,
                    spec.paper,
                    spec.trim,
                    spec.pages,
                    layout.spine_width().rounded(Unit::In, 6)
                )),
            ),
        ]));
        self.doc.doc.trailer.set("Root", Object::Reference(catalog));
        self.doc.doc.trailer.set("Info", Object::Reference(info));
        match sink {
            Some(sink) => self.doc.save_to("cover", sink).map(|()| Vec::new()),
            None => self.doc.save("cover"),
        }
    }
}

fn rect_ops(r: Rect) -> String {
    let n = |l: Length| (l.to_pt() * 1000.0).round() / 1000.0;
    format!("{} {} {} {}", n(r.x), n(r.y), n(r.width), n(r.height))
}

/// The parts of the sheet each panel's artwork may cover: back from the left edge to the
/// spine, front from the spine to the right edge, spine across the whole height. In the
/// layout's coordinates (PDF's, where compose and respine call it).
pub(super) fn clips(layout: &CoverLayout) -> (Rect, Rect, Rect) {
    let s = layout.sheet;
    let back = Rect::new(s.x, s.y, layout.spine.x - s.x, s.height);
    let front = Rect::new(
        layout.spine.right(),
        s.y,
        s.right() - layout.spine.right(),
        s.height,
    );
    let spine = Rect::new(layout.spine.x, s.y, layout.spine.width, s.height);
    (back, front, spine)
}

pub(super) fn same_size(a: Rect, b: Rect) -> bool {
    a.size().approx_eq_within(b.size(), SIZE_TOLERANCE)
}

pub(super) fn size_text(r: Rect) -> String {
    format!(
        "{}x{}in",
        r.width.rounded(Unit::In, 4),
        r.height.rounded(Unit::In, 4)
    )
}

/// Says which outer edges of placed artwork fall short of the area it must cover (both in PDF's
/// coordinates).
pub(super) fn check_bleed(what: &str, placed: Rect, needed: Rect, warnings: &mut Vec<String>) {
    let tol = Length::inches(0.001);
    let mut short = Vec::new();
    if placed.x > needed.x + tol {
        short.push(("left", placed.x - needed.x));
    }
    if placed.right() < needed.right() - tol {
        short.push(("right", needed.right() - placed.right()));
    }
    if placed.pdf_top() < needed.pdf_top() - tol {
        short.push(("top", needed.pdf_top() - placed.pdf_top()));
    }
    if placed.y > needed.y + tol {
        short.push(("bottom", placed.y - needed.y));
    }
    if !short.is_empty() {
        let edges: Vec<String> = short
            .iter()
            .map(|(edge, gap)| format!("{edge} {} in", gap.rounded(Unit::In, 4)))
            .collect();
        warnings.push(format!(
            "{what} has too little bleed: it stops short by {}; that strip stays blank",
            edges.join(", ")
        ));
    }
}

pub(super) fn refuse(problem: ComposeProblem, message: String) -> Error {
    Error::compose(problem, message)
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
    compose_cover(layout, art, options)
}

fn compose_cover(layout: &CoverLayout, art: &CoverArt, options: &ComposeOptions) -> Result<Cover> {
    // Artwork is placed in PDF's coordinates: the layout's rectangles are flipped here, once.
    let layout = &layout.flipped();
    let mut warnings = Vec::new();
    let mut notes = Vec::new();
    colour::check_art(art, options, &mut warnings)?;
    let mut sheet = Sheet::for_options(options);
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
    Ok(Cover {
        pdf: sheet.finish(layout, &title)?,
        warnings,
        notes,
    })
}

/// What lies beyond the panels and the spine at the sheet's edges: a case's wrap, else the
/// bleed.
fn outer_bleed(layout: &CoverLayout) -> Length {
    match layout.case() {
        Some(case) => case.wrap,
        None => layout.bleed,
    }
}

/// The book's trim, when it differs from the front panel (a hardcover's board or a jacket's
/// panel): art made for the trim is scaled to fill the panel.
fn book_trim(layout: &CoverLayout) -> Option<Size> {
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
    layout: &CoverLayout,
    jacket: &JacketParts,
    art: &'a CoverArt,
    options: &ComposeOptions,
    notes: &mut Vec<String>,
    warnings: &mut Vec<String>,
) -> Result<(Rect, Rect)> {
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
fn place_spine<'a>(
    sheet: &mut Sheet<'a>,
    layout: &CoverLayout,
    spine: &'a SpineArt,
    clip: Rect,
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
                    if label.font.is_none() {
                        warnings.push(
                            "spine text is set in Helvetica, a standard PDF font that is not embedded; give a font to embed"
                                .into(),
                        );
                    }
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
    layout: &CoverLayout,
    artwork: &'a Artwork,
    clip: Rect,
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
fn spine_label(sheet: &mut Sheet<'_>, safe: Rect, label: &SpineLabel) -> Result<()> {
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
                    "spine text {shown:?} is not in Helvetica, the standard PDF font used \
                     without a font file; give a font that covers it"
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
