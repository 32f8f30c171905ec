//! A cover template as drawing marks: the guides a designer works to, and the barcode.
//!
//! [`Template::new`] turns a [`CoverLayout`] into marks (rectangles, lines, text) in sheet
//! coordinates; the PDF and SVG writers only translate those marks, so both show the same
//! guides. Marks are in PDF's space ([`Pdf`]: from the sheet's lower-left corner, `y`
//! upwards): the layout, measured from the top-left, is converted once where the template is
//! made ([`CoverLayout::to_pdf`]), so the functions below see a rectangle's upper edge as
//! `top()`, `y + height`.

use crate::barcode::{self, BarKind, BooklandLayout, Isbn, Price, TextRow};
use crate::draw::glyphs;
use crate::draw::marks::{Cmyk, Direction, Mark, Stroke};
use crate::error::{BarcodeProblem, Error, Result};
use crate::layout::{CoverKind, CoverLayout};
use crate::units::{Length, Pdf, Rect, Unit};

/// The lowest resolution, in pixels per inch, at which a PNG of a barcode at the standard's
/// nominal size scans: its 0.33 mm modules are then about two pixels wide. Read back with zbar,
/// every ISBN and price tried decodes from 150 ppi up; at 72 and 100 ppi none does.
pub(crate) const MIN_BARCODE_PPI: u32 = 150;

/// The lowest PNG resolution at which a barcode at `scale` of the nominal size (0.8 to 1)
/// scans: [`MIN_BARCODE_PPI`], higher as the bars get thinner (188 ppi at 80%).
pub(crate) fn min_barcode_ppi(scale: f64) -> u32 {
    // A hair of slack, so that 150 / 0.8 = 187.5 rounds up to 188 and 150 / 1 stays 150.
    (f64::from(MIN_BARCODE_PPI) / scale - 1e-9).ceil() as u32
}

/// Options for [`Template::new`], with defaults for everything.
///
/// ```
/// use podcover::draw::TemplateOptions;
///
/// let options = TemplateOptions::new().isbn("978-0-306-40615-7".parse()?).price("51699".parse()?);
/// # Ok::<(), podcover::Error>(())
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct TemplateOptions {
    isbn: Option<Isbn>,
    price: Price,
    barcode: bool,
}

impl Default for TemplateOptions {
    /// The same as [`TemplateOptions::new`].
    fn default() -> TemplateOptions {
        TemplateOptions::new()
    }
}

impl TemplateOptions {
    /// No ISBN, price 90000 (no price), barcode drawn when an ISBN is given.
    pub fn new() -> TemplateOptions {
        TemplateOptions {
            isbn: None,
            price: Price::default(),
            barcode: true,
        }
    }

    /// The book's ISBN, drawn as an EAN-13 barcode in the barcode box.
    pub fn isbn(mut self, isbn: Isbn) -> TemplateOptions {
        self.isbn = Some(isbn);
        self
    }

    /// The EAN-5 price add-on (default 90000, no price).
    pub fn price(mut self, price: Price) -> TemplateOptions {
        self.price = price;
        self
    }

    /// Whether to draw the barcode (default true); when false only the reserved box is shown,
    /// e.g. for KDP, which prints its own.
    pub fn barcode(mut self, draw: bool) -> TemplateOptions {
        self.barcode = draw;
        self
    }
}

/// A cover template: the layout, the printed artwork (the barcode) and the guides, written as
/// PDF, SVG or PNG. What it draws is private, so that the writers can change how they draw it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Template {
    /// The layout drawn.
    pub(crate) layout: CoverLayout,
    /// A title for the document, e.g. `kdp paperback cream 6x9in 318 pages`.
    pub(crate) title: String,
    /// What prints: the barcode, if any.
    pub(crate) artwork: Vec<Mark>,
    /// What does not print: tints, lines and labels, on the "Guides" layer.
    pub(crate) guides: Vec<Mark>,
    /// The ISBN shown, if any.
    pub(crate) isbn: Option<String>,
    /// The price add-on shown with the ISBN.
    pub(crate) price: Option<String>,
    /// The barcode's size against the standard's nominal size (0.8 to 1), if one is drawn.
    pub(crate) barcode_scale: Option<f64>,
}

// Guide colours: a designer's usual conventions, in CMYK.
const BLEED_TINT: Cmyk = Cmyk::new(0.0, 0.85, 0.85, 0.0);
const SPINE_TINT: Cmyk = Cmyk::new(0.0, 0.0, 0.0, 0.35);
const HINGE_TINT: Cmyk = Cmyk::new(0.0, 0.15, 0.9, 0.0);
const FLAP_TINT: Cmyk = Cmyk::new(0.35, 0.0, 0.0, 0.0);
const BARCODE_TINT: Cmyk = Cmyk::new(0.0, 0.4, 1.0, 0.0);
const TRIM_LINE: Cmyk = Cmyk::new(0.0, 1.0, 0.0, 0.0);
const FOLD_LINE: Cmyk = Cmyk::new(0.0, 1.0, 0.0, 0.3);
const SAFE_LINE: Cmyk = Cmyk::new(1.0, 0.0, 0.0, 0.0);
const LABEL: Cmyk = Cmyk::new(0.0, 0.0, 0.0, 0.8);
const PANEL_LABEL: Cmyk = Cmyk::new(0.0, 0.0, 0.0, 0.35);

impl Template {
    /// Draws the template of a layout.
    ///
    /// Fails only if the barcode does not fit the vendor's box at the smallest size the
    /// standard allows (80%).
    ///
    /// ```
    /// use podcover::{BookSpec, Catalog, draw::{Template, TemplateOptions}};
    ///
    /// let spec = BookSpec::parse("ingramspark", "paperback", "cream", "6x9", 318)?;
    /// let layout = Catalog::builtin().layout(&spec)?;
    /// let options = TemplateOptions::new().isbn("9780306406157".parse()?).price("51699".parse()?);
    /// let template = Template::new(&layout, &options)?;
    /// assert_eq!(template.isbn(), Some("9780306406157"));
    /// assert!(template.to_svg().contains("<g id=\"artwork\""));
    /// # Ok::<(), podcover::Error>(())
    /// ```
    pub fn new(layout: &CoverLayout, options: &TemplateOptions) -> Result<Template> {
        let spec = &layout.spec;
        let title = format!(
            "{} {} {} {} {} pages",
            spec.vendor, spec.binding, spec.paper, spec.trim, spec.pages
        );
        // The marks are drawn in PDF's coordinates.
        let pdf = &layout.to_pdf();
        let mut guides = Vec::with_capacity(64);
        zones(pdf, &mut guides);
        lines(pdf, &mut guides);
        labels(pdf, &mut guides);
        let mut artwork = Vec::new();
        let barcode_scale = match (&options.isbn, options.barcode) {
            (Some(isbn), true) => Some(bookland(pdf.barcode, isbn, options.price, &mut artwork)?),
            _ => None,
        };
        barcode_box(pdf, barcode_scale.is_some(), &mut guides);
        Ok(Template {
            layout: layout.clone(),
            title,
            artwork,
            guides,
            isbn: options.isbn.as_ref().map(|i| i.to_string()),
            price: options.isbn.as_ref().map(|_| options.price.to_string()),
            barcode_scale,
        })
    }

    /// The layout drawn.
    pub fn layout(&self) -> &CoverLayout {
        &self.layout
    }

    /// The ISBN-13 the barcode encodes (13 digits), if one was given.
    pub fn isbn(&self) -> Option<&str> {
        self.isbn.as_deref()
    }

    /// The price add-on drawn with the barcode (5 digits), if an ISBN was given.
    pub fn price(&self) -> Option<&str> {
        self.price.as_deref()
    }
}

/// The barcode alone, as printed in a barcode box given in PDF's space (the `barcode` of a
/// [`CoverLayout::to_pdf`]): an ISBN with its price add-on.
#[cfg(feature = "pdf")]
pub(crate) fn barcode_marks(area: Rect<Pdf>, isbn: &Isbn, price: Price) -> Result<Vec<Mark>> {
    let mut marks = Vec::with_capacity(80);
    bookland(area, isbn, price, &mut marks)?;
    Ok(marks)
}

fn tint(rect: Rect<Pdf>, color: Cmyk, opacity: f32) -> Mark {
    Mark::Rect {
        rect,
        fill: Some(color),
        opacity,
        stroke: None,
    }
}

fn outline(rect: Rect<Pdf>, stroke: Stroke) -> Mark {
    Mark::Rect {
        rect,
        fill: None,
        opacity: 1.0,
        stroke: Some(stroke),
    }
}

fn solid(color: Cmyk, width_pt: f64) -> Stroke {
    Stroke {
        color,
        width: Length::pt(width_pt),
        dash: None,
    }
}

fn dashed(color: Cmyk, width_pt: f64) -> Stroke {
    Stroke {
        color,
        width: Length::pt(width_pt),
        dash: Some((Length::pt(4.0), Length::pt(3.0))),
    }
}

fn text(s: impl Into<String>, x: Length, y: Length, size_pt: f64, color: Cmyk) -> Mark {
    Mark::Text {
        text: s.into(),
        center: (x, y),
        size: Length::pt(size_pt),
        color,
        direction: Direction::Horizontal,
    }
}

/// Tinted zones: bleed (or wrap), spine, hinges, flaps. The layout is in PDF's coordinates,
/// as in every function below.
fn zones(layout: &CoverLayout<Pdf>, out: &mut Vec<Mark>) {
    let (sheet, trim) = (layout.sheet, layout.trim_box);
    let bleed_strips = [
        Rect::new(sheet.x, sheet.y, sheet.width, trim.y - sheet.y),
        Rect::new(sheet.x, trim.top(), sheet.width, sheet.top() - trim.top()),
        Rect::new(sheet.x, trim.y, trim.x - sheet.x, trim.height),
        Rect::new(
            trim.right(),
            trim.y,
            sheet.right() - trim.right(),
            trim.height,
        ),
    ];
    out.extend(bleed_strips.into_iter().map(|r| tint(r, BLEED_TINT, 0.3)));
    if layout.spine.width > Length::ZERO {
        out.push(tint(layout.spine, SPINE_TINT, 0.35));
    }
    if let Some(case) = layout.case() {
        out.extend(case.hinges.iter().map(|h| tint(*h, HINGE_TINT, 0.35)));
    }
    if let Some(jacket) = layout.jacket() {
        out.extend(jacket.flaps.iter().map(|f| tint(*f, FLAP_TINT, 0.2)));
        out.extend(jacket.flap_folds.iter().map(|f| tint(*f, SPINE_TINT, 0.35)));
    }
}

/// Trim line, folds, board outlines, safe areas.
fn lines(layout: &CoverLayout<Pdf>, out: &mut Vec<Mark>) {
    out.push(outline(layout.trim_box, solid(TRIM_LINE, 0.6)));
    if let Some(case) = layout.case() {
        out.extend(
            case.boards
                .iter()
                .map(|b| outline(*b, solid(TRIM_LINE, 0.4))),
        );
    }
    for x in &layout.folds() {
        out.push(Mark::Line {
            from: (*x, layout.sheet.y),
            to: (*x, layout.sheet.top()),
            stroke: dashed(FOLD_LINE, 0.6),
        });
    }
    let mut safe = vec![layout.back_safe, layout.front_safe];
    safe.extend(layout.spine_safe);
    if let Some(jacket) = layout.jacket() {
        safe.extend(jacket.flap_safe);
    }
    out.extend(safe.into_iter().map(|r| outline(r, dashed(SAFE_LINE, 0.6))));
}

/// `0.795 in (20.19 mm)`.
fn in_mm(length: Length) -> String {
    format!(
        "{} in ({} mm)",
        length.rounded(Unit::In, 4),
        length.rounded(Unit::Mm, 2)
    )
}

/// Panel names, the spine label and the specification block.
fn labels(layout: &CoverLayout<Pdf>, out: &mut Vec<Mark>) {
    let spec = &layout.spec;
    let panel_size = |r: Rect<Pdf>| (r.width.to_pt() / 12.0).clamp(8.0, 28.0);
    let (back, front) = (layout.back, layout.front);
    out.push(text(
        "BACK COVER",
        back.center_x(),
        back.center_y(),
        panel_size(back),
        PANEL_LABEL,
    ));
    out.push(text(
        "FRONT COVER",
        front.center_x(),
        front.center_y(),
        panel_size(front),
        PANEL_LABEL,
    ));
    if let Some(jacket) = layout.jacket() {
        for (flap, name) in jacket.flaps.iter().zip(["BACK FLAP", "FRONT FLAP"]) {
            out.push(text(
                name,
                flap.center_x(),
                flap.center_y(),
                panel_size(*flap),
                PANEL_LABEL,
            ));
        }
    }
    if layout.kind() == CoverKind::Case {
        let wrap_label_y = layout.sheet.top() - layout.bleed / 2.0 - Length::pt(3.0);
        out.push(text("WRAP", back.center_x(), wrap_label_y, 8.0, LABEL));
        out.push(text("WRAP", front.center_x(), wrap_label_y, 8.0, LABEL));
    }

    // Along the spine, when spine text is allowed; otherwise a note on the back.
    let spine = layout.spine;
    if let Some(safe) = layout.spine_safe {
        let size = (safe.width.to_pt() * 0.6).clamp(3.0, 10.0);
        out.push(Mark::Text {
            text: format!("SPINE {}", in_mm(layout.spine_width())),
            // Read top to bottom, the letters stand towards +x: move the baseline left by
            // half the cap height to centre them across the spine.
            center: (
                spine.center_x() - Length::pt(size * CAP_HEIGHT_EM / 2.0),
                spine.center_y(),
            ),
            size: Length::pt(size),
            color: LABEL,
            direction: Direction::Down,
        });
    }

    // Specification block, top of the back cover inside the safe area.
    let safe = layout.back_safe;
    let size = (safe.width.to_pt() / 34.0).clamp(5.0, 9.0);
    let line_height = Length::pt(size * 1.35);
    let trim = spec.trim;
    let mut block = vec![
        format!("{} {} / {} paper", spec.vendor, spec.binding, spec.paper),
        format!(
            "trim {} x {} in ({} x {} mm), {} pages",
            trim.width.rounded(Unit::In, 4),
            trim.height.rounded(Unit::In, 4),
            trim.width.rounded(Unit::Mm, 1),
            trim.height.rounded(Unit::Mm, 1),
            spec.pages
        ),
        format!("spine {}", in_mm(layout.spine_width())),
        format!(
            "full cover {} x {} in ({} x {} mm)",
            layout.sheet.width.rounded(Unit::In, 4),
            layout.sheet.height.rounded(Unit::In, 4),
            layout.sheet.width.rounded(Unit::Mm, 2),
            layout.sheet.height.rounded(Unit::Mm, 2)
        ),
        format!(
            "{} {}",
            if layout.kind() == CoverKind::Case {
                "wrap"
            } else {
                "bleed"
            },
            in_mm(layout.bleed)
        ),
        format!("confidence of these sizes: {}", layout.confidence),
    ];
    if !layout.spine_text.is_allowed() {
        block.push(layout.spine_text.to_string());
    }
    block.push("guides do not print; hide this layer".to_string());
    let mut y = safe.top() - line_height;
    for line in block {
        out.push(text(line, safe.center_x(), y, size, LABEL));
        y -= line_height;
    }
}

/// The reserved barcode box: outlined, and tinted with a label when no barcode is drawn.
fn barcode_box(layout: &CoverLayout<Pdf>, drawn: bool, out: &mut Vec<Mark>) {
    let b = layout.barcode;
    out.push(outline(b, dashed(BARCODE_TINT, 0.6)));
    if !drawn {
        out.push(tint(b, BARCODE_TINT, 0.15));
        let size = (b.width.to_pt() / 16.0).clamp(5.0, 9.0);
        out.push(text(
            "BARCODE AREA",
            b.center_x(),
            b.center_y() + Length::pt(size * 0.2),
            size,
            LABEL,
        ));
        out.push(text(
            format!(
                "{} x {} in",
                b.width.rounded(Unit::In, 3),
                b.height.rounded(Unit::In, 3)
            ),
            b.center_x(),
            b.center_y() - Length::pt(size * 1.3),
            size,
            LABEL,
        ));
    }
}

/// Helvetica's cap height as a fraction of the font size.
const CAP_HEIGHT_EM: f64 = 0.718;

/// White kept around the symbol inside its box.
pub(super) const BARCODE_MARGIN: Length = Length::mm(1.0);
/// The band of the ISBN line above the bars.
const ISBN_TEXT: Length = Length::mm(2.8);

/// The symbol's nominal size (100%), without the margin.
pub(super) fn bookland_size(isbn: &Isbn, price: Price) -> crate::units::Size {
    let symbol = BooklandLayout::new(isbn, Some(price));
    // Nominal height: ISBN line, gap, bars, digits below the bars.
    crate::units::Size::new(
        Length::mm(barcode::MODULE_MM) * f64::from(symbol.width),
        ISBN_TEXT
            + Length::mm(1.0)
            + Length::mm(barcode::BAR_HEIGHT_MM)
            + Length::mm(barcode::DIGIT_HEIGHT_MM),
    )
}

/// The EAN-13 with its EAN-5 add-on in 100% black on a white box, scaled to fit the box
/// (from 80% to 100% of the nominal size); returns the scale (0.8 to 1).
pub(super) fn bookland(
    area: Rect<Pdf>,
    isbn: &Isbn,
    price: Price,
    out: &mut Vec<Mark>,
) -> Result<f64> {
    let symbol = BooklandLayout::new(isbn, Some(price));
    let margin = BARCODE_MARGIN;
    let isbn_text = ISBN_TEXT;
    let nominal = bookland_size(isbn, price);
    let (nominal_w, nominal_h) = (nominal.width, nominal.height);
    let fit =
        ((area.width - margin * 2.0) / nominal_w).min((area.height - margin * 2.0) / nominal_h);
    // A hair of slack, so that a box made for exactly 80% takes it.
    let scale = fit.min(1.0);
    if scale < 0.8 - 1e-9 {
        let (width, height) = (area.width.display(Unit::Mm), area.height.display(Unit::Mm));
        return Err(Error::barcode(
            BarcodeProblem::DoesNotFit,
            &format!("{width} x {height}"),
            format!(
                "the barcode box {width} x {height} is too small for an EAN-13 with its add-on \
                 at 80%, the smallest size allowed"
            ),
        ));
    }
    let module = Length::mm(barcode::MODULE_MM) * scale;
    let (w, h) = (nominal_w * scale, nominal_h * scale);
    // Centre the symbol in the box.
    let x0 = area.x + (area.width - w) / 2.0;
    let y0 = area.y + (area.height - h) / 2.0;
    out.push(tint(area, Cmyk::WHITE, 1.0));

    let digit_h = Length::mm(barcode::DIGIT_HEIGHT_MM) * scale;
    let bars_bottom = y0 + digit_h;
    let bar_h = Length::mm(barcode::BAR_HEIGHT_MM) * scale;
    let guard = module * f64::from(barcode::GUARD_EXTENSION_MODULES);
    let addon_h = Length::mm(barcode::ADDON_BAR_HEIGHT_MM) * scale;
    for bar in &symbol.bars {
        let x = x0 + module * f64::from(bar.start);
        let width = module * f64::from(bar.width);
        let rect = match bar.kind {
            BarKind::Normal => Rect::new(x, bars_bottom, width, bar_h),
            BarKind::Guard => Rect::new(x, bars_bottom - guard, width, bar_h + guard),
            BarKind::AddOn => Rect::new(x, bars_bottom, width, addon_h),
        };
        out.push(tint(rect, Cmyk::BLACK, 1.0));
    }
    // Human-readable digits as stroked vector glyphs, a little shorter than their band so they
    // clear the bars.
    let digit_cap = digit_h * 0.8;
    let ink = |cap: Length| Stroke {
        color: Cmyk::BLACK,
        width: cap * glyphs::STROKE,
        dash: None,
    };
    for item in &symbol.text {
        let cx = x0 + module * (f64::from(item.start) + f64::from(item.width) / 2.0);
        let baseline = match item.row {
            TextRow::BelowBars => y0 + digit_cap * glyphs::STROKE,
            TextRow::AboveAddOn => bars_bottom + addon_h + module,
        };
        out.push(Mark::Glyphs {
            text: item.digit.to_string(),
            center: (cx, baseline),
            cap: digit_cap,
            stroke: ink(digit_cap),
        });
    }
    // The ISBN line above the EAN-13: as tall as its band allows, no wider than the symbol.
    let line = isbn.display_text();
    let ean13_width = module * f64::from(barcode::EAN13_MODULES);
    let band = isbn_text * scale * 0.8;
    let cap = band.min(band * (ean13_width / glyphs::width(&line, band)));
    let ean13_center = x0 + module * (f64::from(symbol.ean13_start) + 47.5);
    out.push(Mark::Glyphs {
        text: line,
        center: (ean13_center, bars_bottom + bar_h + Length::mm(1.0) * scale),
        cap,
        stroke: ink(cap),
    });
    Ok(scale)
}
