//! The sheet a cover is drawn on, and what compose, placing and respine share: the page under
//! construction ([`Sheet`]), where each panel's art may go, how sizes are compared and said, and
//! the warning for art that stops short of its bleed.

use crate::color::{within_ink, TotalInk};
use crate::cover::colour;
use crate::cover::options::ComposeOptions;
use crate::draw::{Cmyk, Direction, Mark};
use crate::error::{ComposeProblem, Error, Result};
use crate::layout::CoverLayout;
use crate::pdf::content::Content;
use crate::pdf::font::{embed_text, TextFont};
use crate::pdf::raster::ImageColor;
use crate::pdf::{Artwork, Assembly, Info, OnePage, PdfX, Sink};
use crate::units::{Length, Matrix, Pdf, Rect, Size, Space, Unit, PRINT_PPI};

/// How far artwork may differ from a size it is meant to be (its panel, a size designers
/// export) and still count as that size (0.5 mm).
pub(crate) const SIZE_TOLERANCE: Length = Length::mm(0.5);

/// How far an edge may fall short of where it should be and still count as reaching it.
const EDGE_TOLERANCE: Length = Length::inches(0.001);

/// A page under construction: placed artwork, fills, text and marks drawn into its one content
/// stream, then the cover's boxes.
pub(super) struct Sheet<'a> {
    doc: Assembly<'a>,
    content: Content,
    /// Artwork already copied in, by the caller's name for it, with its XObject's object
    /// number: placed again, it is referenced, not copied again.
    imported: Vec<(&'static str, usize)>,
    pdfx: Option<PdfX>,
    /// The colour images are written in, and the ink limit of the colours filled.
    images: ImageColor,
    ink_limit: Option<TotalInk>,
    /// What was done to images' colour: notes, and warnings.
    pub(super) color_notes: Vec<String>,
    pub(super) color_warnings: Vec<String>,
    /// Every placement of artwork: its slot, matrix and clip, in order.
    pub(super) placed: Vec<(&'static str, Matrix, Rect<Pdf>)>,
    /// What is drawn, in order, for a proof; `None` when no proof is wanted.
    pub(super) drawn: Option<Vec<Drawn<'a>>>,
}

/// One thing drawn on the sheet, as a proof redraws it.
pub(super) enum Drawn<'a> {
    /// Artwork placed with `matrix` (from its own box) and clipped to `clip`; `slot` names it.
    Art {
        slot: &'static str,
        art: &'a Artwork,
        matrix: Matrix,
        clip: Rect<Pdf>,
    },
    /// A rectangle filled with a colour (within the ink limit).
    Fill { rect: Rect<Pdf>, color: Cmyk },
    /// Marks: the barcode, and spine text (in the stroke alphabet, whatever its font).
    Mark(Mark),
}

impl<'a> Sheet<'a> {
    /// An empty sheet that makes its images and colours as `options` say, written as PDF/X if
    /// they ask for it.
    pub(super) fn for_options(options: &ComposeOptions) -> Sheet<'a> {
        let mut doc = Assembly::new();
        doc.pdfx = options.pdfx.is_some();
        Sheet {
            doc,
            content: Content::with_capacity(4096),
            imported: Vec::new(),
            pdfx: options.pdfx,
            images: options.color.images(options.ink_limit),
            ink_limit: options.ink_limit,
            color_notes: Vec::new(),
            color_warnings: Vec::new(),
            placed: Vec::new(),
            drawn: None,
        }
    }

    /// The colour images are written in.
    pub(super) fn image_color(&self) -> &ImageColor {
        &self.images
    }

    fn draw(&mut self, drawn: impl FnOnce() -> Drawn<'a>) {
        if let Some(list) = &mut self.drawn {
            list.push(drawn());
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
        clip: Rect<Pdf>,
    ) -> Result<()> {
        let xobject = match self.imported.iter().find(|(a, _)| *a == slot) {
            Some((_, xobject)) => *xobject,
            None => {
                let ((n, _), conversion) = art.import(&mut self.doc, &self.images)?;
                let what = match slot {
                    "cover" => format!("the cover {}", art.name()),
                    _ => format!("{slot} artwork {}", art.name()),
                };
                match colour::conversion_message(&what, conversion, &self.images) {
                    Some((true, warning)) => self.color_warnings.push(warning),
                    Some((false, note)) => self.color_notes.push(note),
                    None => {}
                }
                self.imported.push((slot, n as usize));
                n as usize
            }
        };
        self.content.place(xobject, matrix, clip);
        self.placed.push((slot, matrix, clip));
        self.draw(|| Drawn::Art {
            slot,
            art,
            matrix,
            clip,
        });
        Ok(())
    }

    /// Places a part of an image artwork ([`Artwork::image_parts`]) with `matrix`, clipped to
    /// `clip`, its colour made as the whole image's is.
    pub(super) fn place_part(
        &mut self,
        part: &Artwork,
        matrix: Matrix,
        clip: Rect<Pdf>,
    ) -> Result<()> {
        let xobject = part.import_image_part(&mut self.doc, &self.images)?;
        self.content.place(xobject.0 as usize, matrix, clip);
        Ok(())
    }

    pub(super) fn fill(&mut self, rect: Rect<Pdf>, color: Cmyk) {
        let color = self.ink(color);
        self.content.fill(rect, color);
        self.draw(|| Drawn::Fill { rect, color });
    }

    /// Draws marks straight into the page (text in Helvetica).
    pub(super) fn marks(&mut self, marks: &[Mark]) {
        self.content.marks(marks);
        for mark in marks {
            self.draw(|| Drawn::Mark(mark.clone()));
        }
    }

    /// Sets `text` in `font` with the centre of its baseline at `center`.
    pub(super) fn text(
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
        self.draw(|| {
            Drawn::Mark(Mark::Text {
                text: text.clone(),
                center,
                size,
                color,
                direction,
            })
        });
        let (x, y) = center;
        let origin = match direction {
            Direction::Horizontal => (x - half, y),
            Direction::Up => (x, y - half),
            Direction::Down => (x, y + half),
        };
        let set = embed_text(
            font.parsed(),
            &text,
            size,
            color,
            direction,
            origin,
            &mut self.doc.doc,
        )?;
        self.content
            .embedded_text(set.font.0 as usize, &set.content);
        Ok(())
    }

    /// The one-page PDF with the layout's boxes (the layout in PDF's space) and document info;
    /// written to `sink` (if given) as it is made, and then not returned.
    pub(super) fn finish_to(
        self,
        layout: &CoverLayout<Pdf>,
        title: &str,
        sink: Option<Sink<'_>>,
    ) -> Result<Vec<u8>> {
        let spec = &layout.spec;
        let page = OnePage {
            media: layout.sheet,
            boxes: Some((layout.bleed_box(), layout.trim_box)),
            content: &self.content,
            info: Some(Info {
                title: title.to_string(),
                subject: format!(
                    "vendor={} binding={} paper={} trim={} pages={} spine={}in",
                    spec.vendor,
                    spec.binding,
                    spec.paper,
                    spec.trim,
                    spec.pages,
                    layout.spine_width().rounded(Unit::In, 6)
                ),
            }),
            pdfx: self.pdfx,
        };
        match sink {
            Some(sink) => self.doc.save_to(&page, "cover", sink).map(|()| Vec::new()),
            None => self.doc.save(&page, "cover"),
        }
    }
}

/// The parts of the sheet each panel's artwork may cover: back from the left edge to the
/// spine, front from the spine to the right edge, spine across the whole height, in PDF's
/// space.
pub(super) fn clips(layout: &CoverLayout<Pdf>) -> (Rect<Pdf>, Rect<Pdf>, Rect<Pdf>) {
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

/// Whether two rectangles are the same size, to [`SIZE_TOLERANCE`].
pub(super) fn same_size<S: Space>(a: Rect<S>, b: Rect<S>) -> bool {
    a.size().approx_eq_within(b.size(), SIZE_TOLERANCE)
}

/// `6.125 x 9.25 in (155.58 x 234.95 mm, 1838 x 2775 px at 300 ppi)`.
pub(crate) fn size_text(s: Size) -> String {
    let px = |l: Length| (l.to_inches() * f64::from(PRINT_PPI)).round();
    format!(
        "{} x {} in ({} x {} mm, {} x {} px at {PRINT_PPI} ppi)",
        s.width.rounded(Unit::In, 3),
        s.height.rounded(Unit::In, 3),
        format_args!("{:.2}", mm2(s.width)),
        format_args!("{:.2}", mm2(s.height)),
        px(s.width),
        px(s.height)
    )
}

/// Millimetres to two decimals, halves rounded up (6.125 in is 155.575 mm, shown 155.58).
fn mm2(l: Length) -> f64 {
    (l.to_mm() * 100.0 + 1e-6).round() / 100.0
}

/// The edges of `placed` that fall short of `needed` (both in PDF's coordinates), each with
/// how far, in the order left, right, top, bottom.
pub(crate) fn short_edges(placed: Rect<Pdf>, needed: Rect<Pdf>) -> Vec<(&'static str, Length)> {
    [
        ("left", placed.x - needed.x),
        ("right", needed.right() - placed.right()),
        ("top", needed.top() - placed.top()),
        ("bottom", placed.y - needed.y),
    ]
    .into_iter()
    .filter(|(_, gap)| *gap > EDGE_TOLERANCE)
    .collect()
}

/// `left 0.125 in, top 0.125 in`.
pub(crate) fn edges_text(edges: &[(&str, Length)]) -> String {
    let listed: Vec<String> = edges
        .iter()
        .map(|(edge, gap)| format!("{edge} {} in", gap.rounded(Unit::In, 4)))
        .collect();
    listed.join(", ")
}

/// The warning for art that stops short of the area it must cover by `edges`.
pub(crate) fn too_little_bleed(what: &str, edges: &[(&str, Length)]) -> String {
    format!(
        "{what} has too little bleed: it stops short by {}; that strip stays blank",
        edges_text(edges)
    )
}

/// Says which outer edges of placed artwork fall short of the area it must cover (both in PDF's
/// coordinates).
pub(super) fn check_bleed(
    what: &str,
    placed: Rect<Pdf>,
    needed: Rect<Pdf>,
    warnings: &mut Vec<String>,
) {
    let short = short_edges(placed, needed);
    if !short.is_empty() {
        warnings.push(too_little_bleed(what, &short));
    }
}

pub(super) fn refuse(problem: ComposeProblem, message: String) -> Error {
    Error::compose(problem, message)
}
