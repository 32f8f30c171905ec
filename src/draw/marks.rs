//! Marks: the one list of drawing operations (rectangles, lines, stroke glyphs, text) in sheet
//! coordinates, with their colours and strokes. The template makes them; compose adds its own;
//! the PDF, SVG and PNG writers only translate them, each as a [`MarkSink`] that
//! [`draw_marks`] drives.
//!
//! Unlike the layout's, the marks' coordinates are PDF's ([`Pdf`]): from the sheet's
//! lower-left corner, `y` upwards. The template and compose convert the layout once where they
//! start ([`CoverLayout::to_pdf`]); the SVG and PNG writers measure the marks from the top
//! again.
//!
//! [`CoverLayout::to_pdf`]: crate::CoverLayout::to_pdf

use serde::Serialize;

use crate::error::Error;
use crate::units::{Length, Pdf, Rect};

/// A process colour, each ink from 0 to 1.
///
/// Public because a cover's colours are the caller's: a spine colour ([`SpineArt::Color`]), a
/// flat back or flap ([`Artwork::color`]), spine text's colour ([`SpineLabel::color`]).
///
/// [`SpineArt::Color`]: crate::cover::SpineArt::Color
/// [`Artwork::color`]: crate::pdf::Artwork::color
/// [`SpineLabel::color`]: crate::cover::SpineLabel::color
#[cfg_attr(not(feature = "pdf"), allow(rustdoc::broken_intra_doc_links))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Cmyk {
    /// Cyan.
    pub c: f32,
    /// Magenta.
    pub m: f32,
    /// Yellow.
    pub y: f32,
    /// Black.
    pub k: f32,
}

impl Cmyk {
    /// A colour from its four inks.
    pub const fn new(c: f32, m: f32, y: f32, k: f32) -> Cmyk {
        Cmyk { c, m, y, k }
    }

    /// 100% black and no other ink, as barcodes need.
    pub const BLACK: Cmyk = Cmyk::new(0.0, 0.0, 0.0, 1.0);
    /// No ink.
    pub const WHITE: Cmyk = Cmyk::new(0.0, 0.0, 0.0, 0.0);

    /// A naive conversion to 8-bit RGB, for screen formats.
    pub(crate) fn to_rgb(self) -> [u8; 3] {
        let channel = |ink: f32| {
            ((1.0 - ink) * (1.0 - self.k) * 255.0)
                .round()
                .clamp(0.0, 255.0) as u8
        };
        [channel(self.c), channel(self.m), channel(self.y)]
    }
}

impl std::str::FromStr for Cmyk {
    type Err = Error;

    /// Four inks from 0 to 1, written `C,M,Y,K` (e.g. `0,0,0,1`).
    fn from_str(text: &str) -> Result<Cmyk, Error> {
        let bad = || Error::invalid("colour", text, "four inks from 0 to 1, C,M,Y,K");
        let inks: Vec<f32> = text
            .split(',')
            .map(|v| v.trim().parse::<f32>().ok())
            .collect::<Option<_>>()
            .ok_or_else(bad)?;
        match inks.as_slice() {
            [c, m, y, k] if inks.iter().all(|v| (0.0..=1.0).contains(v)) => {
                Ok(Cmyk::new(*c, *m, *y, *k))
            }
            _ => Err(bad()),
        }
    }
}

/// How a line is stroked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Stroke {
    /// Line colour.
    pub(crate) color: Cmyk,
    /// Line width.
    pub(crate) width: Length,
    /// Dash and gap lengths, for a dashed line.
    pub(crate) dash: Option<(Length, Length)>,
}

/// Which way text runs.
///
/// Public for [`SpineLabel::direction`], which way the spine text reads.
///
/// [`SpineLabel::direction`]: crate::cover::SpineLabel::direction
#[cfg_attr(not(feature = "pdf"), allow(rustdoc::broken_intra_doc_links))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// Left to right.
    Horizontal,
    /// Bottom to top (rotated 90 degrees anticlockwise).
    Up,
    /// Top to bottom (rotated 90 degrees clockwise), the usual spine direction in English.
    Down,
}

/// One drawing instruction. Private: the writers ([`Template::to_pdf`], `to_svg`, `to_png`,
/// and [`Bookland`]'s) are the public way to draw, so the list can change as they do.
///
/// [`Template::to_pdf`]: crate::draw::Template
/// [`Bookland`]: crate::draw::Bookland
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Mark {
    /// A rectangle, filled and/or stroked.
    Rect {
        /// Where.
        rect: Rect<Pdf>,
        /// Fill colour.
        fill: Option<Cmyk>,
        /// Fill opacity, from 0 to 1.
        opacity: f32,
        /// Outline.
        stroke: Option<Stroke>,
    },
    /// A straight line.
    Line {
        /// Start point (x, y).
        from: (Length, Length),
        /// End point (x, y).
        to: (Length, Length),
        /// How it is drawn.
        stroke: Stroke,
    },
    /// A line of stroke glyphs (the barcode's digits and ISBN line), centred on `center` with
    /// its baseline through it: each glyph a few polylines stroked with round caps and joins,
    /// so that no font is needed.
    Glyphs {
        /// The characters: digits, letters, `-` and a few other signs.
        text: String,
        /// Centre of the baseline.
        center: (Length, Length),
        /// Cap height.
        cap: Length,
        /// How they are drawn.
        stroke: Stroke,
    },
    /// A line of text in Helvetica, centred along its direction on `center`, with its
    /// baseline through `center`.
    Text {
        /// The text (printable ASCII and Latin-1).
        text: String,
        /// Centre of the text's baseline.
        center: (Length, Length),
        /// Font size.
        size: Length,
        /// Colour.
        color: Cmyk,
        /// Which way it runs.
        direction: Direction,
    },
}

/// A point (`x`, `y`) in the marks' coordinates.
pub(crate) type Point = (Length, Length);

/// A writer of marks: one method per kind of mark. [`draw_marks`] walks a list of marks and
/// calls these, so the kinds are matched in one place and each output format (PDF content,
/// SVG, PNG) only says how it draws each kind.
pub(crate) trait MarkSink {
    /// A rectangle, filled (at `opacity`) and/or outlined.
    fn rect(&mut self, rect: Rect<Pdf>, fill: Option<Cmyk>, opacity: f32, stroke: Option<&Stroke>);

    /// A straight line.
    fn line(&mut self, from: Point, to: Point, stroke: &Stroke);

    /// A line of stroke glyphs centred on `center`, its baseline through it.
    fn glyphs(&mut self, text: &str, center: Point, cap: Length, stroke: &Stroke);

    /// A line of Helvetica text centred along its direction on `center`.
    fn text(&mut self, text: &str, center: Point, size: Length, color: Cmyk, direction: Direction);

    /// Two or more rectangles filled alike without an outline, in order (a barcode's bars): a
    /// writer may set their state once. By default each is drawn as [`MarkSink::rect`] draws it.
    fn fills(&mut self, fill: Cmyk, opacity: f32, rects: &[Rect<Pdf>]) {
        for rect in rects {
            self.rect(*rect, Some(fill), opacity, None);
        }
    }

    /// Two or more lines of glyphs with one stroke and cap height, in order (a barcode's
    /// digits): a writer may set their state once. By default each is drawn as
    /// [`MarkSink::glyphs`] draws it.
    fn glyph_lines(&mut self, stroke: &Stroke, cap: Length, lines: &[(&str, Point)]) {
        for (text, center) in lines {
            self.glyphs(text, *center, cap, stroke);
        }
    }
}

/// Whether `b` can share `a`'s graphics state: lines of glyphs with one stroke and cap height,
/// or rectangles filled alike without an outline (a barcode's bars, each still its own fill).
fn same_state(a: &Mark, b: &Mark) -> bool {
    match (a, b) {
        (
            Mark::Glyphs {
                stroke: s1,
                cap: c1,
                ..
            },
            Mark::Glyphs {
                stroke: s2,
                cap: c2,
                ..
            },
        ) => s1 == s2 && c1 == c2,
        (
            Mark::Rect {
                fill: Some(f1),
                opacity: o1,
                stroke: None,
                ..
            },
            Mark::Rect {
                fill: Some(f2),
                opacity: o2,
                stroke: None,
                ..
            },
        ) => f1 == f2 && o1 == o2,
        _ => false,
    }
}

/// Draws one mark with `sink`.
pub(crate) fn draw_mark(mark: &Mark, sink: &mut impl MarkSink) {
    match mark {
        Mark::Rect {
            rect,
            fill,
            opacity,
            stroke,
        } => sink.rect(*rect, *fill, *opacity, stroke.as_ref()),
        Mark::Line { from, to, stroke } => sink.line(*from, *to, stroke),
        Mark::Glyphs {
            text,
            center,
            cap,
            stroke,
        } => sink.glyphs(text, *center, *cap, stroke),
        Mark::Text {
            text,
            center,
            size,
            color,
            direction,
        } => sink.text(text, *center, *size, *color, *direction),
    }
}

/// Draws `marks` in order with `sink`; runs of marks that share their graphics state (a
/// barcode's bars, its digits) go to [`MarkSink::fills`] and [`MarkSink::glyph_lines`].
pub(crate) fn draw_marks(marks: &[Mark], sink: &mut impl MarkSink) {
    let mut rest = marks;
    while let Some(first) = rest.first() {
        let run = rest
            .iter()
            .skip(1)
            .take_while(|m| same_state(first, m))
            .count()
            + 1;
        let (group, after) = rest.split_at(run);
        match first {
            _ if run == 1 => draw_mark(first, sink),
            Mark::Glyphs { stroke, cap, .. } => {
                let lines: Vec<(&str, Point)> = group
                    .iter()
                    .filter_map(|m| match m {
                        Mark::Glyphs { text, center, .. } => Some((text.as_str(), *center)),
                        _ => None,
                    })
                    .collect();
                sink.glyph_lines(stroke, *cap, &lines);
            }
            Mark::Rect {
                fill: Some(fill),
                opacity,
                ..
            } => {
                let rects: Vec<Rect<Pdf>> = group
                    .iter()
                    .filter_map(|m| match m {
                        Mark::Rect { rect, .. } => Some(*rect),
                        _ => None,
                    })
                    .collect();
                sink.fills(*fill, *opacity, &rects);
            }
            // `same_state` groups only glyphs and filled rectangles.
            _ => group.iter().for_each(|m| draw_mark(m, sink)),
        }
        rest = after;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse_as_four_inks() {
        assert_eq!(
            " 0, 0.5,1,0 ".parse::<Cmyk>().unwrap(),
            Cmyk::new(0.0, 0.5, 1.0, 0.0)
        );
        for bad in ["0,0,2,1", "0,0,0", "a,b,c,d", "0,0,0,0,0"] {
            assert_eq!(
                bad.parse::<Cmyk>().unwrap_err().to_string(),
                format!("invalid colour {bad:?}: expected four inks from 0 to 1, C,M,Y,K")
            );
        }
    }
}
