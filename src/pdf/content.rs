//! Content streams written directly: marks as PDF operators into one growing buffer, numbers as
//! fixed decimals (thousandths of a point, hundred-thousandths for scale factors), no
//! intermediate operation list. Every content stream podcover writes (templates, barcodes,
//! covers, the forms that draw images) is made by [`Content`], whose buffer no one else
//! writes into; it also records the resources its operators name, for the page's writer.

pub(crate) use crate::draw::decimal::{fine, fixed, int, num};
use crate::draw::{draw_marks, glyphs, Cmyk, Direction, Mark, MarkSink, Point, Stroke};
use crate::units::{Length, Matrix, Pdf, Rect};

/// The resource name of Helvetica in every page podcover writes.
pub(crate) const HELVETICA: &str = "FHelv";

/// The resource name of a font given by the user, embedded.
pub(crate) const USER_FONT: &str = "FUser";

/// The resource name of the guides layer.
pub(crate) const GUIDES: &str = "OCGuides";

/// Helvetica's advance widths in thousandths of an em (Adobe's AFM, the same as the metric
/// clones Ghostscript ships), for the WinAnsi codes 32 to 255; 0 where the encoding has no
/// character.
#[rustfmt::skip]
const HELVETICA_WIDTHS: [u16; 224] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 0,
    556, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
    0, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500, 667,
    278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,
];

/// WinAnsi's characters at codes 128 to 159 (`\0` where it has none).
const WIN_ANSI_80: [char; 32] = [
    '€', '\0', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\0', 'Ž', '\0', '\0', '‘',
    '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\0', 'ž', 'Ÿ',
];

/// `c` in Helvetica's standard (WinAnsi) encoding, if it has it.
pub(crate) fn win_ansi(c: char) -> Option<u8> {
    match c {
        ' '..='~' | '\u{a0}'..='\u{ff}' => Some(c as u8),
        '\0' => None,
        _ => WIN_ANSI_80
            .iter()
            .position(|&w| w == c)
            .map(|i| 0x80 + i as u8),
    }
}

/// The width of `text` in Helvetica at `size` (characters it lacks count as nothing).
pub(crate) fn helvetica_width(text: &str, size: Length) -> Length {
    let units: u32 = text
        .chars()
        .filter_map(win_ansi)
        .map(|b| u32::from(HELVETICA_WIDTHS[usize::from(b - 32)]))
        .sum();
    size * (f64::from(units) / 1000.0)
}

/// Fill-opacity graphics states, named `GS0`, `GS1`, ... in order of first use, keyed by the
/// opacity in thousandths.
#[derive(Default)]
pub(crate) struct Opacities(pub(super) Vec<u16>);

impl Opacities {
    fn index(&mut self, opacity: f32) -> usize {
        let key = (opacity.clamp(0.0, 1.0) * 1000.0).round() as u16;
        match self.0.iter().position(|k| *k == key) {
            Some(i) => i,
            None => {
                self.0.push(key);
                self.0.len() - 1
            }
        }
    }
}

/// A content stream under construction, and the resources it names.
#[derive(Default)]
pub(crate) struct Content {
    /// The operators written so far.
    bytes: Vec<u8>,
    /// The opacities the marks used, for the page's `/ExtGState` resources.
    pub(super) opacities: Opacities,
    /// Whether any text used Helvetica (so the page needs it as a resource).
    pub(super) helvetica: bool,
    /// Whether anything was drawn on the guides layer.
    pub(super) guides: bool,
    /// The form and image XObjects drawn, by object number: the `n`th is named `Fx{n}`.
    pub(super) xobjects: Vec<usize>,
    /// The embedded font's object number, if text was set in one ([`USER_FONT`]).
    pub(super) user_font: Option<usize>,
}

impl Content {
    pub(crate) fn with_capacity(capacity: usize) -> Content {
        Content {
            bytes: Vec::with_capacity(capacity),
            ..Content::default()
        }
    }

    /// The operators written so far.
    pub(crate) fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The operators, for a stream of their own.
    pub(crate) fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    /// Draws the XObject that is object `xobject`, with `matrix`, clipped to `clip`; the page's
    /// resources name it.
    pub(crate) fn place(&mut self, xobject: usize, matrix: Matrix, clip: Rect<Pdf>) {
        let index = match self.xobjects.iter().position(|&x| x == xobject) {
            Some(i) => i,
            None => {
                self.xobjects.push(xobject);
                self.xobjects.len() - 1
            }
        };
        let mut name = Vec::with_capacity(8);
        name.extend_from_slice(b"Fx");
        int(&mut name, index as i64);
        self.draw_xobject(&name, matrix, Some(clip));
    }

    /// `q [clip re W n] matrix cm /name Do Q`: draws the XObject the resources name `name`.
    pub(crate) fn draw_xobject(&mut self, name: &[u8], matrix: Matrix, clip: Option<Rect<Pdf>>) {
        self.raw(b"q ");
        if let Some(clip) = clip {
            self.re(clip);
            self.raw(b"W n ");
        }
        self.matrix(matrix);
        self.raw(b"cm /");
        self.raw(name);
        self.raw(b" Do Q\n");
    }

    /// A matrix's six numbers, each then a space: scale and turn to five decimals, the move in
    /// points to three.
    fn matrix(&mut self, Matrix([a, b, c, d, e, f]): Matrix) {
        for v in [a, b, c, d] {
            fine(&mut self.bytes, v);
            self.bytes.push(b' ');
        }
        for v in [e, f] {
            num(&mut self.bytes, v);
            self.bytes.push(b' ');
        }
    }

    /// Text already set in the embedded font that is object `font` (its operators, naming it
    /// [`USER_FONT`]), between `q` and `Q`.
    pub(crate) fn embedded_text(&mut self, font: usize, operators: &[u8]) {
        self.user_font = Some(font);
        self.raw(b"q\n");
        self.raw(operators);
        self.raw(b"\nQ\n");
    }

    /// A length in points, then a space.
    #[inline]
    fn pt(&mut self, l: Length) {
        num(&mut self.bytes, l.to_pt());
        self.bytes.push(b' ');
    }

    #[inline]
    fn raw(&mut self, s: &[u8]) {
        self.bytes.extend_from_slice(s);
    }

    fn color(&mut self, c: Cmyk, op: &[u8]) {
        for ink in [c.c, c.m, c.y, c.k] {
            num(&mut self.bytes, f64::from(ink));
            self.bytes.push(b' ');
        }
        self.raw(op);
    }

    /// Fills `rect` in `color` (between `q` and `Q`).
    pub(crate) fn fill(&mut self, rect: Rect<Pdf>, color: Cmyk) {
        self.raw(b"q ");
        self.color(color, b"k ");
        self.re(rect);
        self.raw(b"f Q\n");
    }

    /// `x y w h re`: a rectangle as a path.
    fn re(&mut self, r: Rect<Pdf>) {
        self.pt(r.x);
        self.pt(r.y);
        self.pt(r.width);
        self.pt(r.height);
        self.raw(b"re ");
    }

    fn stroke(&mut self, stroke: &Stroke) {
        self.color(stroke.color, b"K ");
        self.pt(stroke.width);
        self.raw(b"w ");
        match stroke.dash {
            Some((on, off)) => {
                self.raw(b"[");
                self.pt(on);
                self.pt(off);
                self.raw(b"] 0 d ");
            }
            None => self.raw(b"[] 0 d "),
        }
    }

    fn point(&mut self, (x, y): (Length, Length), op: &[u8]) {
        self.pt(x);
        self.pt(y);
        self.raw(op);
    }

    /// Begins marked content on the guides layer, which shows on screen and does not print.
    pub(crate) fn begin_guides(&mut self) {
        self.guides = true;
        self.raw(b"/OC /");
        self.raw(GUIDES.as_bytes());
        self.raw(b" BDC\n");
    }

    pub(crate) fn end_layer(&mut self) {
        self.raw(b"EMC\n");
    }

    /// Draws marks in order; runs of marks that share their graphics state (a barcode's bars,
    /// its digits) set it once. Text is set in Helvetica.
    pub(crate) fn marks(&mut self, marks: &[Mark]) {
        draw_marks(marks, self);
    }

    /// The fill colour and opacity of a rectangle.
    fn fill_state(&mut self, fill: Cmyk, opacity: f32) {
        if opacity < 1.0 {
            let i = self.opacities.index(opacity);
            self.raw(b"/GS");
            int(&mut self.bytes, i as i64);
            self.raw(b" gs ");
        }
        self.color(fill, b"k ");
    }

    /// The stroke of glyphs with cap height `cap`, in the units of their grid (which
    /// [`Content::glyph_paths`] scales to the cap height before stroking), with round caps and joins.
    fn glyph_state(&mut self, stroke: &Stroke, cap: Length) {
        let unit = cap / glyphs::CAP;
        self.color(stroke.color, b"K ");
        num(&mut self.bytes, stroke.width / unit);
        self.raw(b" w ");
        match stroke.dash {
            Some((on, off)) => {
                self.raw(b"[");
                num(&mut self.bytes, on / unit);
                self.raw(b" ");
                num(&mut self.bytes, off / unit);
                self.raw(b"] 0 d ");
            }
            None => self.raw(b"[] 0 d "),
        }
        self.raw(b"1 J 1 j\n");
    }

    /// A line of glyphs centred on `center`: scaled from grid units to the cap height and moved
    /// to its start once, then each glyph's path as it is on its grid, moved along by the
    /// advance.
    fn glyph_paths(&mut self, text: &str, center: Point, cap: Length) {
        let unit = cap.to_pt() / glyphs::CAP;
        let x = center.0 - glyphs::width(text, cap) / 2.0;
        self.raw(b"q ");
        fine(&mut self.bytes, unit);
        self.raw(b" 0 0 ");
        fine(&mut self.bytes, unit);
        self.raw(b" ");
        self.point((x, center.1), b"cm\n");
        let mut advance = 0.0;
        for c in text.chars() {
            let at = self.bytes.len();
            if advance > 0.0 {
                self.raw(b"1 0 0 1 ");
                num(&mut self.bytes, advance);
                self.raw(b" 0 cm ");
            }
            let path = self.bytes.len();
            glyphs::write_pdf(c, &mut self.bytes);
            if self.bytes.len() == path {
                // Nothing drawn (a space): move on further before the next glyph.
                self.bytes.truncate(at);
            } else {
                advance = 0.0;
            }
            advance += glyphs::ADVANCE;
        }
        self.raw(b"Q\n");
    }

    /// `Tm` for text running in `direction` whose baseline's centre is `center`, `half` its
    /// half length.
    fn text_matrix(&mut self, direction: Direction, (x, y): (Length, Length), half: Length) {
        match direction {
            Direction::Horizontal => {
                self.raw(b"1 0 0 1 ");
                self.point((x - half, y), b"Tm ");
            }
            Direction::Up => {
                self.raw(b"0 1 -1 0 ");
                self.point((x, y - half), b"Tm ");
            }
            Direction::Down => {
                self.raw(b"0 -1 1 0 ");
                self.point((x, y + half), b"Tm ");
            }
        }
    }
}

/// Marks as PDF operators, each between `q` and `Q`; text in Helvetica.
impl MarkSink for Content {
    fn rect(&mut self, rect: Rect<Pdf>, fill: Option<Cmyk>, opacity: f32, stroke: Option<&Stroke>) {
        self.raw(b"q ");
        if let Some(fill) = fill {
            self.fill_state(fill, opacity);
            self.re(rect);
            self.raw(b"f ");
        }
        if let Some(stroke) = stroke {
            self.stroke(stroke);
            self.re(rect);
            self.raw(b"S ");
        }
        self.raw(b"Q\n");
    }

    fn line(&mut self, from: Point, to: Point, stroke: &Stroke) {
        self.raw(b"q ");
        self.stroke(stroke);
        self.point(from, b"m ");
        self.point(to, b"l ");
        self.raw(b"S Q\n");
    }

    fn glyphs(&mut self, text: &str, center: Point, cap: Length, stroke: &Stroke) {
        self.raw(b"q ");
        self.glyph_state(stroke, cap);
        self.glyph_paths(text, center, cap);
        self.raw(b"Q\n");
    }

    fn text(&mut self, text: &str, center: Point, size: Length, color: Cmyk, direction: Direction) {
        self.helvetica = true;
        let half = helvetica_width(text, size) / 2.0;
        self.raw(b"q BT /");
        self.raw(HELVETICA.as_bytes());
        self.raw(b" ");
        self.pt(size);
        self.raw(b"Tf ");
        self.color(color, b"k ");
        self.text_matrix(direction, center, half);
        self.raw(b"(");
        for b in text.chars().filter_map(win_ansi) {
            if matches!(b, b'(' | b')' | b'\\') {
                self.bytes.push(b'\\');
            }
            self.bytes.push(b);
        }
        self.raw(b") Tj ET Q\n");
    }

    /// The fill colour and opacity set once, then each rectangle filled.
    fn fills(&mut self, fill: Cmyk, opacity: f32, rects: &[Rect<Pdf>]) {
        self.raw(b"q ");
        self.fill_state(fill, opacity);
        self.raw(b"\n");
        for rect in rects {
            self.re(*rect);
            self.raw(b"f\n");
        }
        self.raw(b"Q\n");
    }

    /// The stroke set once, then each line of glyphs.
    fn glyph_lines(&mut self, stroke: &Stroke, cap: Length, lines: &[(&str, Point)]) {
        self.raw(b"q ");
        self.glyph_state(stroke, cap);
        for (text, center) in lines {
            self.glyph_paths(text, *center, cap);
        }
        self.raw(b"Q\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helvetica_widths_follow_the_afm() {
        // "MEMOIRS": M 833, E 667, M 833, O 778, I 278, R 722, S 667.
        let w = helvetica_width("MEMOIRS", Length::pt(1000.0));
        assert!(w.approx_eq(Length::pt(4778.0)), "{}", w.to_pt());
        assert_eq!(win_ansi('€'), Some(0x80));
        assert_eq!(win_ansi('—'), Some(0x97));
        assert_eq!(win_ansi('é'), Some(0xe9));
        assert_eq!(win_ansi('港'), None);
    }
}
