//! Templates as SVG, for Inkscape, Affinity and Figma.

use crate::draw::decimal::{fine, num};
use crate::draw::{draw_marks, glyphs, Cmyk, Direction, Mark, MarkSink, Point, Stroke, Template};
use crate::units::{Length, Pdf, Rect, Unit};

/// SVG text written into one byte buffer. The marks are in PDF's space, so their y is measured
/// from the top again (SVG's axis points down, as the layout's does).
struct Svg {
    out: Vec<u8>,
    height: Length,
}

impl Svg {
    fn s(&mut self, s: &str) {
        self.out.extend_from_slice(s.as_bytes());
    }

    /// Points with at most three decimals.
    fn n(&mut self, length: Length) {
        num(&mut self.out, length.to_pt());
    }

    /// A mark's y coordinate (from the bottom, PDF's), from the top.
    fn y(&mut self, y: Length) {
        self.n(self.height - y);
    }

    fn rgb(&mut self, c: Cmyk) {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        if c == Cmyk::BLACK {
            // Black ink alone: see `K_BLACK_NOTE`.
            self.out.extend_from_slice(b"#000");
            return;
        }
        self.out.push(b'#');
        for v in c.to_rgb() {
            self.out.push(DIGITS[usize::from(v >> 4)]);
            self.out.push(DIGITS[usize::from(v & 15)]);
        }
    }

    fn escaped(&mut self, text: &str) {
        for c in text.chars() {
            match c {
                '&' => self.s("&amp;"),
                '<' => self.s("&lt;"),
                '>' => self.s("&gt;"),
                '"' => self.s("&quot;"),
                c => {
                    let mut buf = [0u8; 4];
                    self.s(c.encode_utf8(&mut buf));
                }
            }
        }
    }

    fn stroke(&mut self, stroke: &Stroke) {
        self.s(" stroke=\"");
        self.rgb(stroke.color);
        self.s("\" stroke-width=\"");
        self.n(stroke.width);
        self.s("\"");
        if let Some((on, off)) = stroke.dash {
            self.s(" stroke-dasharray=\"");
            self.n(on);
            self.s(" ");
            self.n(off);
            self.s("\"");
        }
    }

    /// `x y w h` of a layout's rectangle, which is measured from the top-left corner as SVG's
    /// are.
    fn box_attr(&mut self, r: Rect) {
        self.n(r.x);
        self.s(" ");
        self.n(r.y);
        self.s(" ");
        self.n(r.width);
        self.s(" ");
        self.n(r.height);
    }
}

/// Marks as SVG elements.
impl MarkSink for Svg {
    /// A `<rect>`, filled (at an opacity) or not, stroked or not.
    fn rect(&mut self, rect: Rect<Pdf>, fill: Option<Cmyk>, opacity: f32, stroke: Option<&Stroke>) {
        self.s("<rect x=\"");
        self.n(rect.x);
        self.s("\" y=\"");
        // A mark's upper edge in PDF's coordinates, the SVG rectangle's top.
        self.y(rect.top());
        self.s("\" width=\"");
        self.n(rect.width);
        self.s("\" height=\"");
        self.n(rect.height);
        match fill {
            Some(c) => {
                self.s("\" fill=\"");
                self.rgb(c);
                if opacity < 1.0 {
                    self.s("\" fill-opacity=\"");
                    num(&mut self.out, f64::from(opacity));
                }
                self.s("\"");
            }
            None => self.s("\" fill=\"none\""),
        }
        if let Some(stroke) = stroke {
            self.stroke(stroke);
        }
        self.s("/>\n");
    }

    /// Stroked glyphs: a group in grid units, scaled to the cap height and turned upright,
    /// then each glyph's path as it is on its grid, moved along by the advance.
    fn glyphs(&mut self, text: &str, center: Point, cap: Length, stroke: &Stroke) {
        let unit = cap / glyphs::CAP;
        self.s("<g transform=\"matrix(");
        fine(&mut self.out, unit.to_pt());
        self.s(" 0 0 -");
        fine(&mut self.out, unit.to_pt());
        self.s(" ");
        self.n(center.0 - glyphs::width(text, cap) / 2.0);
        self.s(" ");
        self.y(center.1);
        self.s(")\" fill=\"none\" stroke-linecap=\"round\" stroke-linejoin=\"round\"");
        self.stroke(&Stroke {
            color: stroke.color,
            width: Length::pt(stroke.width / unit),
            dash: stroke
                .dash
                .map(|(on, off)| (Length::pt(on / unit), Length::pt(off / unit))),
        });
        self.s(">\n");
        let mut advance = 0.0;
        for c in text.chars() {
            let at = self.out.len();
            self.s("<path");
            if advance > 0.0 {
                self.s(" transform=\"translate(");
                num(&mut self.out, advance);
                self.s(")\"");
            }
            self.s(" d=\"");
            let path = self.out.len();
            glyphs::write_svg(c, &mut self.out);
            if self.out.len() == path {
                // Nothing drawn (a space).
                self.out.truncate(at);
            } else {
                self.s("\"/>\n");
            }
            advance += glyphs::ADVANCE;
        }
        self.s("</g>\n");
    }

    /// A stroked `<line>`.
    fn line(&mut self, from: Point, to: Point, stroke: &Stroke) {
        self.s("<line x1=\"");
        self.n(from.0);
        self.s("\" y1=\"");
        self.y(from.1);
        self.s("\" x2=\"");
        self.n(to.0);
        self.s("\" y2=\"");
        self.y(to.1);
        self.s("\"");
        self.stroke(stroke);
        self.s("/>\n");
    }

    /// A `<text>` centred on `center`, turned for spine text.
    fn text(&mut self, text: &str, center: Point, size: Length, color: Cmyk, direction: Direction) {
        let at = |svg: &mut Svg| {
            svg.n(center.0);
            svg.s(" ");
            svg.y(center.1);
        };
        self.s("<text x=\"");
        self.n(center.0);
        self.s("\" y=\"");
        self.y(center.1);
        self.s("\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"");
        self.n(size);
        self.s("\" text-anchor=\"middle\" fill=\"");
        self.rgb(color);
        self.s("\"");
        match direction {
            Direction::Horizontal => {}
            Direction::Down => {
                self.s(" transform=\"rotate(90 ");
                at(self);
                self.s(")\"");
            }
            Direction::Up => {
                self.s(" transform=\"rotate(-90 ");
                at(self);
                self.s(")\"");
            }
        }
        self.s(">");
        self.escaped(text);
        self.s("</text>\n");
    }
}

impl Template {
    /// The template as SVG, in points, with the same marks as the PDF: the barcode in a group
    /// `artwork`, everything else in a group `guides` (an Inkscape layer named "Guides", locked
    /// so that art placed over it does not move it).
    /// Colours are converted naively from CMYK to RGB; the page boxes are given in a
    /// `<metadata>` element.
    ///
    /// ```
    /// use podcover::{BookSpec, Catalog, draw::{Template, TemplateOptions}};
    ///
    /// let spec = BookSpec::parse("lulu", "paperback", "white", "6x9", 210)?;
    /// let layout = Catalog::builtin().layout(&spec)?;
    /// let svg = Template::new(&layout, &TemplateOptions::new())?.to_svg();
    /// assert!(svg.contains("width=\"12.78297in\""));
    /// # Ok::<(), podcover::Error>(())
    /// ```
    pub fn to_svg(&self) -> String {
        let layout = &self.layout;
        let (w, h) = (layout.sheet.width, layout.sheet.height);
        let mut svg = Svg {
            out: Vec::with_capacity(1024 + 200 * (self.artwork.len() + self.guides.len())),
            height: h,
        };
        svg.s("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.s("<svg xmlns=\"http://www.w3.org/2000/svg\" \
             xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\" \
             xmlns:sodipodi=\"http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd\" width=\"");
        svg.s(&w.rounded(Unit::In, 5).to_string());
        svg.s("in\" height=\"");
        svg.s(&h.rounded(Unit::In, 5).to_string());
        svg.s("in\" viewBox=\"0 0 ");
        svg.n(w);
        svg.s(" ");
        svg.n(h);
        svg.s("\">\n<title>Cover template: ");
        svg.escaped(&self.title);
        svg.s("</title>\n<metadata>trim-box: ");
        svg.box_attr(layout.trim_box);
        svg.s("; bleed-box: ");
        svg.box_attr(layout.bleed_box());
        svg.s("; units: pt from the top-left corner</metadata>\n<desc>");
        svg.s(K_BLACK_NOTE);
        svg.s("</desc>\n");
        for (id, label, lock, marks) in [
            ("artwork", "Artwork", "", &self.artwork),
            (
                "guides",
                "Guides",
                " sodipodi:insensitive=\"true\"",
                &self.guides,
            ),
        ] {
            svg.s("<g id=\"");
            svg.s(id);
            svg.s("\" inkscape:groupmode=\"layer\" inkscape:label=\"");
            svg.s(label);
            svg.s("\"");
            svg.s(lock);
            svg.s(">\n");
            draw_marks(marks, &mut svg);
            svg.s("</g>\n");
        }
        svg.s("</svg>\n");
        String::from_utf8(svg.out).unwrap_or_default()
    }
}

/// What every SVG says of its black: SVG has no CMYK, and a layout program may turn `#000`
/// into rich black (all four inks) unless told.
pub(super) const K_BLACK_NOTE: &str = "Black (#000) is meant as 100% K, black ink alone: in a \
    layout program set it to C0 M0 Y0 K100, or place the PDF, which is 100% K.";

/// Writes `marks` as SVG elements into `out`, flipping y within `height`.
pub(super) fn write_marks(out: &mut String, marks: &[Mark], height: Length) {
    let mut svg = Svg {
        out: std::mem::take(out).into_bytes(),
        height,
    };
    draw_marks(marks, &mut svg);
    *out = String::from_utf8(svg.out).unwrap_or_default();
}
