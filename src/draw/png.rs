//! Templates and barcodes as PNG, for Canva, Photoshop and Procreate: the marks rasterised with
//! smoothed edges, text in the stroke alphabet (no font needed), the resolution recorded in the
//! file's pHYs chunk.

use crate::draw::glyphs;
use crate::draw::template::min_barcode_ppi;
use crate::draw::{draw_marks, Cmyk, Direction, Mark, MarkSink, Point, Stroke, Template};
use crate::error::{Error, Result};
use crate::units::{Length, Pdf, Rect, Size};

/// Resolutions a PNG may be drawn at.
pub(crate) const PNG_PPI: std::ops::RangeInclusive<u32> = 72..=1200;

/// Pixels a PNG may have at most (a 21 x 10 in jacket at 1200 ppi is 302 million; 600 ppi, 76).
const MAX_PIXELS: u64 = 120_000_000;

/// How a canvas shows an ink colour on screen.
pub(crate) type Rgb<'a> = &'a dyn Fn(Cmyk) -> [u8; 3];

/// An RGB canvas in sheet points, `y` upwards: the marks' coordinates, which are PDF's.
pub(crate) struct Canvas {
    width: usize,
    height: usize,
    scale: f64,
    pixels: Vec<u8>,
}

impl Canvas {
    /// A white canvas for a sheet of `size` at `ppi`.
    pub(crate) fn new(size: Size, ppi: u32) -> Result<Canvas> {
        if !PNG_PPI.contains(&ppi) {
            return Err(Error::invalid(
                "resolution",
                ppi,
                format_args!("{} to {} pixels per inch", PNG_PPI.start(), PNG_PPI.end()),
            ));
        }
        let scale = f64::from(ppi) / 72.0;
        let width = (size.width.to_pt() * scale).ceil().max(1.0);
        let height = (size.height.to_pt() * scale).ceil().max(1.0);
        if width * height > MAX_PIXELS as f64 {
            return Err(Error::invalid(
                "resolution",
                ppi,
                format_args!(
                    "a lower one: {width} x {height} px is more than the {} million pixels drawn \
                     at most",
                    MAX_PIXELS / 1_000_000
                ),
            ));
        }
        let (width, height) = (width as usize, height as usize);
        Ok(Canvas {
            width,
            height,
            scale,
            pixels: vec![255; width * height * 3],
        })
    }

    /// Pixels across and down.
    pub(crate) fn size_px(&self) -> (usize, usize) {
        (self.width, self.height)
    }

    /// The centre of pixel (`px`, `py`) (from the top-left) in sheet points, `y` upwards.
    pub(crate) fn centre(&self, px: usize, py: usize) -> (f64, f64) {
        (
            (px as f64 + 0.5) / self.scale,
            (self.height as f64 - py as f64 - 0.5) / self.scale,
        )
    }

    /// Sets pixel (`px`, `py`) (from the top-left).
    pub(crate) fn put(&mut self, px: usize, py: usize, rgb: [u8; 3]) {
        let i = (py * self.width + px) * 3;
        self.pixels[i..i + 3].copy_from_slice(&rgb);
    }

    /// Fills `rect` (in sheet points, `y` upwards), its edges smoothed by their coverage.
    pub(crate) fn fill(&mut self, rect: Rect<Pdf>, rgb: [u8; 3]) {
        let (x0, y0) = self.at(rect.x, rect.y);
        let (x1, y1) = self.at(rect.right(), rect.top());
        self.fill_px(x0, y0, x1, y1, rgb, 1.0);
    }

    /// Sheet point to pixel space (x right, y down).
    fn at(&self, x: Length, y: Length) -> (f64, f64) {
        (
            x.to_pt() * self.scale,
            self.height as f64 - y.to_pt() * self.scale,
        )
    }

    fn blend(&mut self, x: usize, y: usize, rgb: [u8; 3], alpha: f64) {
        let i = (y * self.width + x) * 3;
        for (k, c) in rgb.iter().enumerate() {
            let old = f64::from(self.pixels[i + k]);
            self.pixels[i + k] = (old + (f64::from(*c) - old) * alpha).round() as u8;
        }
    }

    /// Fills an axis-aligned rectangle given in pixels, edges smoothed by their coverage.
    fn fill_px(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, rgb: [u8; 3], opacity: f64) {
        let (x0, x1) = (x0.min(x1).max(0.0), x0.max(x1).min(self.width as f64));
        let (y0, y1) = (y0.min(y1).max(0.0), y0.max(y1).min(self.height as f64));
        if x1 <= x0 || y1 <= y0 {
            return;
        }
        for py in y0.floor() as usize..(y1.ceil() as usize).min(self.height) {
            let cy = (y1.min(py as f64 + 1.0) - y0.max(py as f64)).clamp(0.0, 1.0);
            for px in x0.floor() as usize..(x1.ceil() as usize).min(self.width) {
                let cx = (x1.min(px as f64 + 1.0) - x0.max(px as f64)).clamp(0.0, 1.0);
                self.blend(px, py, rgb, cx * cy * opacity);
            }
        }
    }

    /// A straight stroke with round caps, `width` pixels wide.
    fn segment(&mut self, a: (f64, f64), b: (f64, f64), width: f64, rgb: [u8; 3]) {
        let r = width / 2.0;
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len2 = dx * dx + dy * dy;
        let lo_x = (a.0.min(b.0) - r - 1.0).floor().max(0.0) as usize;
        let hi_x = ((a.0.max(b.0) + r + 1.0).ceil().max(0.0) as usize).min(self.width);
        let lo_y = (a.1.min(b.1) - r - 1.0).floor().max(0.0) as usize;
        let hi_y = ((a.1.max(b.1) + r + 1.0).ceil().max(0.0) as usize).min(self.height);
        for py in lo_y..hi_y {
            for px in lo_x..hi_x {
                let (x, y) = (px as f64 + 0.5, py as f64 + 0.5);
                let t = if len2 > 0.0 {
                    (((x - a.0) * dx + (y - a.1) * dy) / len2).clamp(0.0, 1.0)
                } else {
                    0.0
                };
                let (qx, qy) = (a.0 + t * dx - x, a.1 + t * dy - y);
                let d = (qx * qx + qy * qy).sqrt();
                let coverage = (r - d + 0.5).clamp(0.0, 1.0);
                if coverage > 0.0 {
                    self.blend(px, py, rgb, coverage);
                }
            }
        }
    }

    /// A line with the stroke's width (at least a pixel) and dashes.
    fn line(&mut self, from: Point, to: Point, stroke: &Stroke, rgb: Rgb) {
        let a = self.at(from.0, from.1);
        let b = self.at(to.0, to.1);
        let width = (stroke.width.to_pt() * self.scale).max(1.0);
        let rgb = rgb(stroke.color);
        let Some((on, off)) = stroke.dash else {
            return self.segment(a, b, width, rgb);
        };
        let (on, off) = (on.to_pt() * self.scale, off.to_pt() * self.scale);
        let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
        if len == 0.0 || on <= 0.0 {
            return;
        }
        let (ux, uy) = ((b.0 - a.0) / len, (b.1 - a.1) / len);
        let mut s = 0.0;
        while s < len {
            let e = (s + on).min(len);
            // Butt ends: shorten by the round cap's radius.
            let (s1, e1) = (s + width / 2.0, (e - width / 2.0).max(s + width / 2.0));
            self.segment(
                (a.0 + ux * s1, a.1 + uy * s1),
                (a.0 + ux * e1, a.1 + uy * e1),
                width,
                rgb,
            );
            s = e + off.max(0.0);
        }
    }

    /// Draws `marks` in order.
    pub(crate) fn marks(&mut self, marks: &[Mark]) {
        self.marks_in(marks, &Cmyk::to_rgb);
    }

    /// Draws `marks` with their colours shown as `rgb` gives them (e.g. a proof's).
    pub(crate) fn marks_in(&mut self, marks: &[Mark], rgb: Rgb) {
        draw_marks(marks, &mut Paint { canvas: self, rgb });
    }

    /// Text in the stroke alphabet, sized to Helvetica's capitals at `size`, rotated as
    /// `direction` says about its baseline's centre.
    fn text(
        &mut self,
        text: &str,
        center: Point,
        size: Length,
        color: [u8; 3],
        direction: Direction,
    ) {
        let cap = size * 0.718;
        let width = (cap.to_pt() * glyphs::STROKE * 1.2 * self.scale).max(1.0);
        let lines = glyphs::polylines(text, Length::ZERO, Length::ZERO, cap);
        let (cx, cy) = (center.0.to_pt(), center.1.to_pt());
        let (scale, height) = (self.scale, self.height as f64);
        let turn = |(x, y): (Length, Length)| {
            let (x, y) = (x.to_pt(), y.to_pt());
            let (x, y) = match direction {
                Direction::Horizontal => (x, y),
                // Reading upwards: (x, y) -> (-y, x); downwards: (x, y) -> (y, -x).
                Direction::Up => (-y, x),
                Direction::Down => (y, -x),
            };
            ((cx + x) * scale, height - (cy + y) * scale)
        };
        for line in &lines {
            let points: Vec<(f64, f64)> = line.iter().map(|p| turn(*p)).collect();
            for pair in points.windows(2) {
                self.segment(pair[0], pair[1], width, color);
            }
        }
    }

    /// The canvas as a PNG with its resolution in a pHYs chunk. A canvas without colour (a
    /// barcode: black bars on white) is written as greyscale, which layout programs place on
    /// the black plate only, never as rich black.
    pub(crate) fn to_png(&self, ppi: u32) -> Result<Vec<u8>> {
        let fail = |e: png::EncodingError| Error::encode("the PNG", e);
        let grey = self
            .pixels
            .chunks_exact(3)
            .all(|p| p[0] == p[1] && p[1] == p[2]);
        let grey_pixels: Vec<u8>;
        let (color, data) = if grey {
            grey_pixels = self.pixels.chunks_exact(3).map(|p| p[0]).collect();
            (png::ColorType::Grayscale, grey_pixels.as_slice())
        } else {
            (png::ColorType::Rgb, self.pixels.as_slice())
        };
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, self.width as u32, self.height as u32);
        encoder.set_color(color);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::Fast);
        let per_metre = (f64::from(ppi) / 0.0254).round() as u32;
        encoder.set_pixel_dims(Some(png::PixelDimensions {
            xppu: per_metre,
            yppu: per_metre,
            unit: png::Unit::Meter,
        }));
        let mut writer = encoder.write_header().map_err(fail)?;
        writer.write_image_data(data).map_err(fail)?;
        writer.finish().map_err(fail)?;
        Ok(out)
    }
}

/// Marks painted on a canvas, their colours shown as `rgb` gives them.
struct Paint<'a> {
    canvas: &'a mut Canvas,
    rgb: Rgb<'a>,
}

impl MarkSink for Paint<'_> {
    fn rect(&mut self, rect: Rect<Pdf>, fill: Option<Cmyk>, opacity: f32, stroke: Option<&Stroke>) {
        let canvas = &mut *self.canvas;
        if let Some(fill) = fill {
            let (x0, y0) = canvas.at(rect.x, rect.y);
            let (x1, y1) = canvas.at(rect.right(), rect.top());
            canvas.fill_px(x0, y0, x1, y1, (self.rgb)(fill), f64::from(opacity));
        }
        if let Some(stroke) = stroke {
            let (l, b, r, t) = (rect.x, rect.y, rect.right(), rect.top());
            for (p, q) in [
                ((l, b), (r, b)),
                ((r, b), (r, t)),
                ((r, t), (l, t)),
                ((l, t), (l, b)),
            ] {
                canvas.line(p, q, stroke, self.rgb);
            }
        }
    }

    fn line(&mut self, from: Point, to: Point, stroke: &Stroke) {
        self.canvas.line(from, to, stroke, self.rgb);
    }

    fn glyphs(&mut self, text: &str, center: Point, cap: Length, stroke: &Stroke) {
        let canvas = &mut *self.canvas;
        let width = (stroke.width.to_pt() * canvas.scale).max(1.0);
        for line in &glyphs::polylines(text, center.0, center.1, cap) {
            for pair in line.windows(2) {
                let a = canvas.at(pair[0].0, pair[0].1);
                let b = canvas.at(pair[1].0, pair[1].1);
                canvas.segment(a, b, width, (self.rgb)(stroke.color));
            }
        }
    }

    fn text(&mut self, text: &str, center: Point, size: Length, color: Cmyk, direction: Direction) {
        self.canvas
            .text(text, center, size, (self.rgb)(color), direction);
    }
}

impl Template {
    /// The template as a PNG at `ppi` pixels per inch (72 to 1200; 300 is what print needs),
    /// for tools that take images rather than PDF: white paper, the guides and labels drawn
    /// as in the PDF (text in a stroke alphabet, so no font is needed) and the barcode on
    /// top. The resolution is recorded in the file, so that image editors open it at the
    /// sheet's size. With a barcode, a resolution at which its bars are too thin to scan
    /// (under 150 ppi at the standard size, more where the vendor's box shrinks it) is
    /// refused.
    ///
    /// ```
    /// use podcover::{BookSpec, Catalog, draw::{Template, TemplateOptions}};
    ///
    /// let spec = BookSpec::parse("kdp", "paperback", "white", "6x9", 120)?;
    /// let layout = Catalog::builtin().layout(&spec)?;
    /// let png = Template::new(&layout, &TemplateOptions::new())?.to_png(72)?;
    /// assert!(png.starts_with(b"\x89PNG"));
    /// # Ok::<(), podcover::Error>(())
    /// ```
    pub fn to_png(&self, ppi: u32) -> Result<Vec<u8>> {
        if let Some(scale) = self.barcode_scale {
            let min = min_barcode_ppi(scale);
            if ppi < min {
                return Err(Error::invalid(
                    "resolution",
                    ppi,
                    format_args!(
                        "{min} to {} pixels per inch for a template with a barcode at {:.0}%: \
                         below {min} its bars are too thin to scan (or leave the barcode out)",
                        PNG_PPI.end(),
                        scale * 100.0
                    ),
                ));
            }
        }
        let mut canvas = Canvas::new(self.layout.sheet.size(), ppi)?;
        canvas.marks(&self.guides);
        canvas.marks(&self.artwork);
        canvas.to_png(ppi)
    }
}
