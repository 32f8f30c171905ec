//! A Bookland barcode on its own, for designers who lay out covers in their own tools.

use std::fmt::Write;

use crate::barcode::{Isbn, Price};
use crate::draw::marks::Mark;
use crate::draw::template::{bookland, bookland_size, min_barcode_ppi, BARCODE_MARGIN};
use crate::error::{Error, Result};
use crate::units::{Length, Rect, Size, Unit};

/// The EAN-13 of an ISBN with its EAN-5 price add-on, 100% black on a white box, at the
/// standard size or scaled down to 80%: as PDF, SVG or PNG.
///
/// ```
/// use podcover::draw::Bookland;
///
/// let barcode = Bookland::new(&"978-0-306-40615-7".parse()?, "51699".parse()?, 100)?;
/// assert!(barcode.to_svg().contains("<rect"));
/// // EAN-13 and add-on 55.77 mm wide at 100%, with 1 mm of white around.
/// assert_eq!(format!("{:.2}", barcode.size.width.to_mm()), "57.77");
/// # Ok::<(), podcover::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Bookland {
    /// The box, white, with the symbol centred in it.
    pub size: Size,
    /// Size against the standard's nominal size, in percent (80 to 100).
    pub scale: u32,
    /// The marks, from the box's lower-left corner.
    pub(crate) marks: Vec<Mark>,
}

impl Bookland {
    /// The barcode at `scale` percent of the nominal size (80 to 100, as the standard allows).
    pub fn new(isbn: &Isbn, price: Price, scale: u32) -> Result<Bookland> {
        if !(80..=100).contains(&scale) {
            return Err(Error::invalid(
                "barcode scale",
                scale,
                "80 to 100 (percent of the standard size)",
            ));
        }
        let nominal = bookland_size(isbn, price);
        let s = f64::from(scale) / 100.0;
        let size = Size::new(
            nominal.width * s + BARCODE_MARGIN * 2.0,
            nominal.height * s + BARCODE_MARGIN * 2.0,
        );
        let mut marks = Vec::new();
        let area = Rect::new(Length::ZERO, Length::ZERO, size.width, size.height);
        bookland(area, isbn, price, &mut marks)?;
        Ok(Bookland { size, scale, marks })
    }

    /// The barcode as SVG, in points, sized in millimetres.
    pub fn to_svg(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        let _ = writeln!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}mm\" height=\"{}mm\" viewBox=\"0 0 {} {}\">",
            self.size.width.rounded(Unit::Mm, 3),
            self.size.height.rounded(Unit::Mm, 3),
            (self.size.width.to_pt() * 1000.0).round() / 1000.0,
            (self.size.height.to_pt() * 1000.0).round() / 1000.0,
        );
        let _ = writeln!(
            out,
            "<title>ISBN barcode</title>\n<desc>{}</desc>",
            crate::draw::svg::K_BLACK_NOTE
        );
        crate::draw::svg::write_marks(&mut out, &self.marks, self.size.height);
        out.push_str("</svg>\n");
        out
    }

    /// The lowest resolution at which a PNG of this barcode scans: 150 pixels per inch at the
    /// standard size, more as `scale` makes the bars thinner (188 at 80%).
    ///
    /// ```
    /// use podcover::draw::Bookland;
    ///
    /// let isbn = "978-0-306-40615-7".parse()?;
    /// assert_eq!(Bookland::new(&isbn, "51699".parse()?, 100)?.min_png_ppi(), 150);
    /// assert_eq!(Bookland::new(&isbn, "51699".parse()?, 80)?.min_png_ppi(), 188);
    /// # Ok::<(), podcover::Error>(())
    /// ```
    pub fn min_png_ppi(&self) -> u32 {
        min_barcode_ppi(f64::from(self.scale) / 100.0)
    }

    /// The barcode as a PNG at `ppi` pixels per inch, the resolution in the file: from
    /// [`min_png_ppi`](Bookland::min_png_ppi), below which its bars are too thin to scan, to
    /// 1200.
    #[cfg(feature = "pdf")]
    pub fn to_png(&self, ppi: u32) -> Result<Vec<u8>> {
        let min = self.min_png_ppi();
        if ppi < min {
            return Err(Error::invalid(
                "resolution",
                ppi,
                format_args!(
                    "{min} to {} pixels per inch for a barcode at {}%: below {min} its bars are \
                     too thin to scan",
                    crate::draw::png::PNG_PPI.end(),
                    self.scale
                ),
            ));
        }
        let mut canvas = crate::draw::png::Canvas::new(self.size, ppi)?;
        canvas.marks(&self.marks);
        canvas.to_png(ppi)
    }
}
