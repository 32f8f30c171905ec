//! Print-ready covers from artwork: compose front, back and spine, or re-fit a whole cover to a
//! new spine.

use std::fmt::Write;

use lopdf::{Dictionary, Document, Object, Stream};
use serde::Serialize;

use crate::barcode::{Isbn, Price};
use crate::draw::{Cmyk, Direction, Mark, Template, TemplateOptions};
use crate::error::{Error, Result};
use crate::layout::{CoverKind, CoverLayout};
use crate::pdf::{self, fit_matrix, move_matrix, name, rect_array, Artwork};
use crate::units::{Length, Rect, Size, Unit};

/// How far artwork may differ from its panel and still count as the same size (0.5 mm).
const SIZE_TOLERANCE: Length = Length::mm(0.5);

/// Spine text set along the spine.
#[derive(Debug, Clone, PartialEq)]
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
    /// Artwork, stretched to the spine width.
    Artwork(Box<Artwork>),
}

/// The artwork of a cover: front, back, spine and an optional barcode.
#[derive(Debug, Clone)]
pub struct CoverArt {
    /// Front cover artwork, sized to the front panel (with its own bleed if it has one).
    pub front: Artwork,
    /// Back cover artwork, sized to the back panel.
    pub back: Artwork,
    /// The spine.
    pub spine: SpineArt,
    /// An ISBN and price add-on to print as a barcode in the vendor's box.
    pub barcode: Option<(Isbn, Price)>,
}

/// A finished cover PDF, with what the user should know about it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cover {
    /// The PDF.
    #[serde(skip)]
    pub pdf: Vec<u8>,
    /// Problems that did not stop the cover: missing bleed, stretched or omitted spine art.
    pub warnings: Vec<String>,
}

/// A page under construction: placed artwork and fills, then the cover's boxes.
struct Sheet {
    doc: Document,
    xobjects: Dictionary,
    content: String,
    /// Artwork already copied in, by the caller's name for it, with its XObject name: placed
    /// again, it is referenced, not copied again.
    imported: Vec<(&'static str, String)>,
}

impl Sheet {
    fn new() -> Sheet {
        Sheet {
            doc: Document::with_version("1.6"),
            xobjects: Dictionary::new(),
            content: String::new(),
            imported: Vec::new(),
        }
    }

    /// Places artwork with `matrix`, clipped to `clip`; `slot` names the artwork, so that placing
    /// the same slot again reuses the copy.
    fn place(
        &mut self,
        slot: &'static str,
        art: &Artwork,
        matrix: [f64; 6],
        clip: Rect,
    ) -> Result<()> {
        let key = match self.imported.iter().find(|(a, _)| *a == slot) {
            Some((_, key)) => key.clone(),
            None => {
                let doc = &mut self.doc;
                let id = pdf::guarded(|| art.import(doc))
                    .ok_or_else(|| pdf::fail(art.name(), "the file is malformed"))??;
                let key = format!("Fx{}", self.xobjects.len());
                self.xobjects
                    .set(key.as_bytes().to_vec(), Object::Reference(id));
                self.imported.push((slot, key.clone()));
                key
            }
        };
        let [a, b, c, d, e, f] = matrix;
        let _ = writeln!(
            self.content,
            "q {} re W n {a:.6} {b:.6} {c:.6} {d:.6} {e:.4} {f:.4} cm /{key} Do Q",
            rect_ops(clip)
        );
        Ok(())
    }

    fn fill(&mut self, rect: Rect, color: Cmyk) {
        let _ = writeln!(
            self.content,
            "q {} {} {} {} k {} re f Q",
            color.c,
            color.m,
            color.y,
            color.k,
            rect_ops(rect)
        );
    }

    /// The one-page PDF with the layout's boxes and document info.
    fn finish(mut self, layout: &CoverLayout, title: &str) -> Result<Vec<u8>> {
        let contents = self
            .doc
            .add_object(Stream::new(Dictionary::new(), self.content.into_bytes()));
        let pages = self.doc.new_object_id();
        let page = self.doc.add_object(Dictionary::from_iter(vec![
            ("Type", name("Page")),
            ("Parent", Object::Reference(pages)),
            ("MediaBox", rect_array(layout.sheet)),
            ("BleedBox", rect_array(layout.bleed_box)),
            ("TrimBox", rect_array(layout.trim_box)),
            (
                "Resources",
                Object::Dictionary(Dictionary::from_iter(vec![(
                    "XObject",
                    Object::Dictionary(self.xobjects),
                )])),
            ),
            ("Contents", Object::Reference(contents)),
        ]));
        self.doc.objects.insert(
            pages,
            Object::Dictionary(Dictionary::from_iter(vec![
                ("Type", name("Pages")),
                ("Kids", Object::Array(vec![Object::Reference(page)])),
                ("Count", Object::Integer(1)),
            ])),
        );
        let catalog = self.doc.add_object(Dictionary::from_iter(vec![
            ("Type", name("Catalog")),
            ("Pages", Object::Reference(pages)),
        ]));
        let spec = &layout.spec;
        let info = self.doc.add_object(Dictionary::from_iter(vec![
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
                    layout.spine_width.rounded(Unit::In, 6)
                )),
            ),
        ]));
        self.doc.trailer.set("Root", Object::Reference(catalog));
        self.doc.trailer.set("Info", Object::Reference(info));
        pdf::save(self.doc, "cover")
    }
}

fn rect_ops(r: Rect) -> String {
    let n = |l: Length| (l.to_pt() * 1000.0).round() / 1000.0;
    format!("{} {} {} {}", n(r.x), n(r.y), n(r.width), n(r.height))
}

/// The parts of the sheet each panel's artwork may cover: back from the left edge to the
/// spine, front from the spine to the right edge, spine across the whole height.
fn clips(layout: &CoverLayout) -> (Rect, Rect, Rect) {
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

fn same_size(a: Rect, b: Rect) -> bool {
    a.size().approx_eq_within(b.size(), SIZE_TOLERANCE)
}

fn size_text(r: Rect) -> String {
    format!(
        "{}x{}in",
        r.width.rounded(Unit::In, 4),
        r.height.rounded(Unit::In, 4)
    )
}

/// Says which outer edges of placed artwork fall short of the area it must cover.
fn check_bleed(what: &str, placed: Rect, needed: Rect, warnings: &mut Vec<String>) {
    let tol = Length::inches(0.001);
    let mut short = Vec::new();
    if placed.x > needed.x + tol {
        short.push(("left", placed.x - needed.x));
    }
    if placed.right() < needed.right() - tol {
        short.push(("right", needed.right() - placed.right()));
    }
    if placed.top() < needed.top() - tol {
        short.push(("top", needed.top() - placed.top()));
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

/// Where artwork lands under a matrix of the form `[sx 0 0 sy e f]`.
fn transformed(r: Rect, m: [f64; 6]) -> Rect {
    let [sx, _, _, sy, e, f] = m;
    Rect::new(
        r.x * sx + Length::pt(e),
        r.y * sy + Length::pt(f),
        r.width * sx,
        r.height * sy,
    )
}

fn refuse(message: String) -> Error {
    Error::Compose { message }
}

/// Builds a print-ready cover from front, back and spine artwork.
///
/// Front and back artwork must have the panel's size (their TrimBox, or MediaBox without one);
/// they are moved into place, never scaled, and clipped at the spine folds. Artwork that does not
/// reach the sheet's edge (missing bleed or wrap) is reported in the warnings.
///
/// ```no_run
/// use podcover::{compose, Artwork, BookSpec, Catalog, CoverArt, SpineArt, SpineLabel};
///
/// let layout = Catalog::builtin().layout(&BookSpec::new("kdp", "paperback", "cream", "6x9".parse()?, 318))?;
/// let art = CoverArt {
///     front: Artwork::from_pdf("front.pdf", &std::fs::read("front.pdf")?)?,
///     back: Artwork::from_pdf("back.pdf", &std::fs::read("back.pdf")?)?,
///     spine: SpineArt::Label(SpineLabel::new("Harbor Lights")),
///     barcode: Some(("978-0-306-40615-7".parse()?, "51699".parse()?)),
/// };
/// let cover = compose(&layout, &art)?;
/// std::fs::write("cover.pdf", &cover.pdf)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn compose(layout: &CoverLayout, art: &CoverArt) -> Result<Cover> {
    pdf::guarded(|| compose_cover(layout, art))
        .unwrap_or_else(|| Err(refuse("the artwork is malformed".into())))
}

fn compose_cover(layout: &CoverLayout, art: &CoverArt) -> Result<Cover> {
    if layout.kind == CoverKind::Jacket {
        return Err(refuse(
            "dust jackets need flap artwork, which compose does not place; use a template".into(),
        ));
    }
    let mut warnings = Vec::new();
    let mut sheet = Sheet::new();
    let (back_clip, front_clip, spine_clip) = clips(layout);
    for (what, artwork, panel, clip) in [
        ("back artwork", &art.back, layout.back, back_clip),
        ("front artwork", &art.front, layout.front, front_clip),
    ] {
        let trim = artwork.trim_box();
        if !same_size(trim, panel) {
            return Err(refuse(format!(
                "{what} {} is {}, but the {} panel is {}",
                artwork.name(),
                size_text(trim),
                what.trim_end_matches(" artwork"),
                size_text(panel)
            )));
        }
        let m = move_matrix(trim, panel);
        let placed = transformed(artwork.bleed_box(), m);
        // The artwork must cover its whole side of the sheet: bleed or wrap on the outer edges,
        // and a hardcover's hinge between board and spine.
        check_bleed(
            &format!("{what} {}", artwork.name()),
            placed,
            clip,
            &mut warnings,
        );
        let slot = if panel == layout.back {
            "back"
        } else {
            "front"
        };
        sheet.place(slot, artwork, m, clip)?;
    }
    match &art.spine {
        SpineArt::Blank => {}
        _ if layout.spine.width <= Length::ZERO => {
            warnings.push("the binding has no spine; the spine art is left out".into());
        }
        SpineArt::Color(color) => sheet.fill(spine_clip, *color),
        SpineArt::Artwork(artwork) => {
            let trim = artwork.trim_box();
            let stretch = layout.spine.width / trim.width;
            if (stretch - 1.0).abs() > 0.01 {
                warnings.push(format!(
                    "spine artwork {} is {} in wide, stretched to {} in ({:.0}%)",
                    artwork.name(),
                    trim.width.rounded(Unit::In, 4),
                    layout.spine_width.rounded(Unit::In, 4),
                    stretch * 100.0
                ));
            }
            sheet.place("spine", artwork, fit_matrix(trim, layout.spine), spine_clip)?;
        }
        SpineArt::Label(label) => {
            if let Some(bg) = label.background {
                sheet.fill(spine_clip, bg);
            }
            match layout.spine_safe {
                Some(safe) if !label.text().is_empty() => {
                    let strip = spine_label_pdf(layout, safe, label)?;
                    let art = Artwork::from_pdf("spine text", &strip)?;
                    sheet.place(
                        "spine text",
                        &art,
                        move_matrix(art.media_box(), layout.sheet),
                        spine_clip,
                    )?;
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
    if let Some((isbn, price)) = &art.barcode {
        let options = TemplateOptions::new().isbn(isbn.clone()).price(*price);
        let template = Template::new(layout, &options)?;
        let bytes = pdf::marks_pdf(layout.sheet.size(), &template.artwork, None)?;
        let art = Artwork::from_pdf("barcode", &bytes)?;
        sheet.place(
            "barcode",
            &art,
            move_matrix(art.media_box(), layout.sheet),
            layout.sheet,
        )?;
    }
    let title = format!(
        "Cover: {} {} {} {} {} pages",
        layout.spec.vendor,
        layout.spec.binding,
        layout.spec.paper,
        layout.spec.trim,
        layout.spec.pages
    );
    Ok(Cover {
        pdf: sheet.finish(layout, &title)?,
        warnings,
    })
}

/// The spine label as a sheet-sized PDF with the text centred in the spine's safe area.
fn spine_label_pdf(layout: &CoverLayout, safe: Rect, label: &SpineLabel) -> Result<Vec<u8>> {
    let text = label.text();
    // Helvetica: capitals 0.718 em tall; an average advance of about 0.6 em.
    let by_width = safe.width.to_pt() / 0.718 * 0.8;
    let by_length = safe.height.to_pt() / (0.6 * text.chars().count().max(1) as f64);
    let size = by_width.min(by_length).min(24.0);
    let shift = Length::pt(size * 0.718 / 2.0);
    let x = match label.direction {
        Direction::Down => safe.center_x() - shift,
        Direction::Up | Direction::Horizontal => safe.center_x() + shift,
    };
    let mark = Mark::Text {
        text,
        center: (x, safe.center_y()),
        size: Length::pt(size),
        color: label.color,
        direction: match label.direction {
            Direction::Horizontal => Direction::Down,
            d => d,
        },
    };
    pdf::marks_pdf(
        Size::new(layout.sheet.width, layout.sheet.height),
        &[mark],
        label.font.as_deref(),
    )
}

/// A re-fitted cover and what was done to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Respined {
    /// The PDF.
    #[serde(skip)]
    pub pdf: Vec<u8>,
    /// Old and new sizes, stretch and warnings.
    pub report: RespineReport,
}

/// What [`respine`] did.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    /// Problems that did not stop the cover.
    pub warnings: Vec<String>,
}

/// Re-fits a whole cover made for layout `from` to layout `to`: back and front panels are
/// moved, never scaled; the spine strip is stretched to the new width.
///
/// A different trim or binding is refused unless `allow_scaling`, which scales each panel to
/// its new size.
///
/// ```no_run
/// use podcover::{respine, Artwork, BookSpec, Catalog};
///
/// let catalog = Catalog::builtin();
/// let old = catalog.layout(&BookSpec::new("kdp", "paperback", "cream", "6x9".parse()?, 300))?;
/// let new = catalog.layout(&BookSpec::new("ingramspark", "paperback", "cream", "6x9".parse()?, 318))?;
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
    if from.kind != to.kind {
        return Err(refuse(format!(
            "the cover was made for a {} {} and cannot become a {} {}",
            from.spec.vendor, from.spec.binding, to.spec.vendor, to.spec.binding
        )));
    }
    if to.kind == CoverKind::Jacket {
        return Err(refuse(
            "dust jackets cannot be respined: their flaps would move".into(),
        ));
    }
    // Where the old layout's sheet sits on the cover's page.
    let page = cover.trim_box();
    let expected = if cover.trim_box() == cover.media_box() {
        from.sheet
    } else {
        from.trim_box
    };
    if !same_size(page, expected) {
        return Err(refuse(format!(
            "{} is {}, but a cover for {} {} {} {} with a {} in spine is {}",
            cover.name(),
            size_text(page),
            from.spec.vendor,
            from.spec.binding,
            from.spec.paper,
            from.spec.trim,
            from.spine_width.rounded(Unit::In, 4),
            size_text(expected)
        )));
    }
    let (dx, dy) = (expected.x - page.x, expected.y - page.y);
    let panels_differ = !same_size(from.back, to.back);
    if panels_differ && !allow_scaling {
        return Err(refuse(format!(
            "the panels change size from {} to {} ({} {} to {} {}); allow scaling to re-fit them",
            size_text(from.back),
            size_text(to.back),
            from.spec.vendor,
            from.spec.trim,
            to.spec.vendor,
            to.spec.trim
        )));
    }
    if from.spine.width <= Length::ZERO && to.spine.width > Length::ZERO {
        return Err(refuse("the cover has no spine to stretch".into()));
    }
    let mut warnings = Vec::new();
    let on_page = |m: [f64; 6]| -> [f64; 6] {
        // Compose with the move from page space into the old layout's space.
        let [sx, b, c, sy, e, f] = m;
        [sx, b, c, sy, e + sx * dx.to_pt(), f + sy * dy.to_pt()]
    };
    let (back_clip, front_clip, spine_clip) = clips(to);
    let panel = |old: Rect, new: Rect| {
        if panels_differ {
            fit_matrix(old, new)
        } else {
            move_matrix(old, new)
        }
    };
    let mut sheet = Sheet::new();
    let back_m = panel(from.back, to.back);
    let front_m = panel(from.front, to.front);
    // The old cover's own bleed, in the old layout's coordinates, moved with each panel.
    let bleed = cover.bleed_box();
    let old_bleed = Rect::new(bleed.x + dx, bleed.y + dy, bleed.width, bleed.height);
    check_bleed(
        "the old cover's back",
        transformed(old_bleed, back_m),
        back_clip,
        &mut warnings,
    );
    check_bleed(
        "the old cover's front",
        transformed(old_bleed, front_m),
        front_clip,
        &mut warnings,
    );
    sheet.place("cover", cover, on_page(back_m), back_clip)?;
    sheet.place("cover", cover, on_page(front_m), front_clip)?;
    let spine_stretch = if from.spine.width > Length::ZERO {
        to.spine.width / from.spine.width
    } else {
        1.0
    };
    if to.spine.width > Length::ZERO {
        let old_spine = Rect::new(
            from.spine.x,
            from.sheet.y,
            from.spine.width,
            from.sheet.height,
        );
        let new_spine = Rect::new(to.spine.x, to.sheet.y, to.spine.width, to.sheet.height);
        let mut m = fit_matrix(old_spine, new_spine);
        if !panels_differ {
            // Keep the vertical position exactly as the panels'.
            m[3] = 1.0;
            m[5] = (to.back.y - from.back.y).to_pt();
        }
        sheet.place("cover", cover, on_page(m), spine_clip)?;
    }
    let title = format!(
        "Cover: {} {} {} {} {} pages",
        to.spec.vendor, to.spec.binding, to.spec.paper, to.spec.trim, to.spec.pages
    );
    let pdf = sheet.finish(to, &title)?;
    let report = RespineReport {
        old_spine: from.spine_width,
        new_spine: to.spine_width,
        old_width: from.sheet.width,
        new_width: to.sheet.width,
        spine_stretch,
        panel_scale: (back_m[0], back_m[3]),
        warnings,
    };
    Ok(Respined { pdf, report })
}
