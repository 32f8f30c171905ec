//! Templates as PDF, written directly: the marks as one content stream, the page with its
//! boxes, the "Guides" layer that shows on screen but does not print, document info, and a
//! content-derived /ID.

use crate::draw::{Bookland, Mark, Template};
use crate::error::Result;
use crate::layout::CoverLayout;
use crate::pdf::content::{Content, HELVETICA};
use crate::pdf::file::{self, reference, PdfFile};
use crate::units::{Length, Rect, Size, Unit};

/// The guides layer's resource name.
const GUIDES: &str = "OCGuides";

/// The template's object numbers.
const CATALOG: usize = 1;
const PAGES: usize = 2;
const PAGE: usize = 3;
const CONTENTS: usize = 4;
const OCG: usize = 5;
const FONT: usize = 6;
const INFO: usize = 7;

/// Helvetica, not embedded, in WinAnsi encoding.
pub(crate) const HELVETICA_DICT: &[u8] =
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";

impl Template {
    /// The template as a one-page PDF: MediaBox the full sheet, exact TrimBox and BleedBox, the
    /// barcode (if any) printed, and every guide and label on a "Guides" layer that shows on
    /// screen but does not print. The same template always gives the same bytes.
    ///
    /// ```
    /// use podcover::{BookSpec, Catalog, draw::{Template, TemplateOptions}};
    ///
    /// let spec = BookSpec::parse("kdp", "paperback", "white", "6x9", 120)?;
    /// let layout = Catalog::builtin().layout(&spec)?;
    /// let pdf = Template::new(&layout, &TemplateOptions::new())?.to_pdf()?;
    /// assert!(pdf.starts_with(b"%PDF-1.6"));
    /// # Ok::<(), podcover::Error>(())
    /// ```
    pub fn to_pdf(&self) -> Result<Vec<u8>> {
        let layout = &self.layout;
        let mut content = Content::with_capacity(128 * (self.artwork.len() + self.guides.len()));
        content.marks(&self.artwork);
        content.begin_layer(GUIDES);
        content.marks(&self.guides);
        content.end_layer();

        let mut file = PdfFile::new("1.6", content.bytes.len() / 3 + 4096);
        file.object(CATALOG, catalog);
        file.object(PAGES, |o| {
            o.extend_from_slice(b"<< /Type /Pages /Kids [");
            reference(o, PAGE);
            o.extend_from_slice(b"] /Count 1 >>");
        });
        file.object(PAGE, |o| page(o, layout, &content));
        file.stream(CONTENTS, b"", &content.bytes);
        file.object(OCG, |o| o.extend_from_slice(GUIDES_OCG));
        file.object(FONT, |o| o.extend_from_slice(HELVETICA_DICT));
        let subject = self.subject();
        file.object(INFO, |o| {
            o.extend_from_slice(b"<< /Title ");
            file::text_string(o, &format!("Cover template: {}", self.title));
            o.extend_from_slice(b"\n/Subject ");
            file::text_string(o, &subject);
            o.extend_from_slice(
                concat!(
                    "\n/Creator (podcover) /Producer (podcover ",
                    env!("CARGO_PKG_VERSION"),
                    ") /Trapped /False >>"
                )
                .as_bytes(),
            );
        });
        Ok(file.finish(CATALOG, Some(INFO)))
    }

    /// The document info's subject: what the template is for, no dates (so output is
    /// reproducible).
    fn subject(&self) -> String {
        let layout = &self.layout;
        let spec = &layout.spec;
        let mut subject = format!(
            "vendor={} binding={} paper={} trim={} pages={} spine={}in full={}x{}in",
            spec.vendor,
            spec.binding,
            spec.paper,
            spec.trim,
            spec.pages,
            layout.spine_width().rounded(Unit::In, 6),
            layout.sheet.width.rounded(Unit::In, 6),
            layout.sheet.height.rounded(Unit::In, 6),
        );
        if let Some(isbn) = &self.isbn {
            subject.push_str(" isbn=");
            subject.push_str(isbn);
        }
        if let Some(price) = &self.price {
            subject.push_str(" price=");
            subject.push_str(price);
        }
        subject
    }
}

/// The Guides layer: visible on screen, never printed or exported.
const GUIDES_OCG: &[u8] = b"<< /Type /OCG /Name (Guides) /Intent /View /Usage << \
      /CreatorInfo << /Creator (podcover) /Subtype /Technical >> \
      /View << /ViewState /ON >> /Print << /PrintState /OFF >> \
      /Export << /ExportState /OFF >> >> >>";

/// The catalog, with the Guides layer on for viewing and off for printing and export.
fn catalog(o: &mut Vec<u8>) {
    o.extend_from_slice(b"<< /Type /Catalog /Pages ");
    reference(o, PAGES);
    let ocgs = |o: &mut Vec<u8>| {
        o.push(b'[');
        reference(o, OCG);
        o.push(b']');
    };
    o.extend_from_slice(b"\n/OCProperties << /OCGs ");
    ocgs(o);
    o.extend_from_slice(b" /D << /Name (Default) /BaseState /ON /ON ");
    ocgs(o);
    o.extend_from_slice(b" /Order ");
    ocgs(o);
    o.extend_from_slice(b" /AS [");
    for event in ["View", "Print", "Export"] {
        o.extend_from_slice(b" << /Event /");
        o.extend_from_slice(event.as_bytes());
        o.extend_from_slice(b" /OCGs ");
        ocgs(o);
        o.extend_from_slice(b" /Category [/");
        o.extend_from_slice(event.as_bytes());
        o.extend_from_slice(b"] >>");
    }
    o.extend_from_slice(b" ] >> >> >>");
}

/// The page: the layout's boxes (measured from the top-left, written in PDF's coordinates) and
/// the resources `content` uses.
fn page(o: &mut Vec<u8>, layout: &CoverLayout, content: &Content) {
    o.extend_from_slice(b"<< /Type /Page /Parent ");
    reference(o, PAGES);
    let h = layout.sheet.height;
    o.extend_from_slice(b"\n/MediaBox ");
    file::rect(o, layout.sheet.flipped(h));
    o.extend_from_slice(b"\n/BleedBox ");
    file::rect(o, layout.bleed_box().flipped(h));
    o.extend_from_slice(b"\n/TrimBox ");
    file::rect(o, layout.trim_box.flipped(h));
    o.extend_from_slice(b"\n/Resources << /Properties << /");
    o.extend_from_slice(GUIDES.as_bytes());
    o.push(b' ');
    reference(o, OCG);
    o.extend_from_slice(b" >>");
    resources(o, content, FONT);
    o.extend_from_slice(b" >>\n/Contents ");
    reference(o, CONTENTS);
    o.extend_from_slice(b" >>");
}

/// Writes a page's `/Resources` entries for fonts and opacities that `content` used, the
/// Helvetica dictionary being object `font`.
fn resources(o: &mut Vec<u8>, content: &Content, font: usize) {
    if content.helvetica {
        o.extend_from_slice(b" /Font << /");
        o.extend_from_slice(HELVETICA.as_bytes());
        o.push(b' ');
        reference(o, font);
        o.extend_from_slice(b" >>");
    }
    if !content.opacities.0.is_empty() {
        o.extend_from_slice(b" /ExtGState << ");
        content.opacities.write_resources(o);
        o.extend_from_slice(b">>");
    }
}

impl Bookland {
    /// The barcode as a one-page PDF the size of its box, in 100% black (DeviceCMYK).
    pub fn to_pdf(&self) -> Result<Vec<u8>> {
        marks_pdf(self.size, &self.marks)
    }
}

/// A PDF of `marks` alone on a page of `size`, with no layers: printed artwork such as a
/// barcode. Text is set in Helvetica, which is not embedded.
fn marks_pdf(size: Size, marks: &[Mark]) -> Result<Vec<u8>> {
    let mut content = Content::with_capacity(128 * marks.len());
    content.marks(marks);
    let mut file = PdfFile::new("1.6", content.bytes.len() / 2 + 2048);
    file.object(CATALOG, |o| {
        o.extend_from_slice(b"<< /Type /Catalog /Pages ");
        reference(o, PAGES);
        o.extend_from_slice(b" >>");
    });
    file.object(PAGES, |o| {
        o.extend_from_slice(b"<< /Type /Pages /Kids [");
        reference(o, PAGE);
        o.extend_from_slice(b"] /Count 1 >>");
    });
    file.object(PAGE, |o| {
        o.extend_from_slice(b"<< /Type /Page /Parent ");
        reference(o, PAGES);
        o.extend_from_slice(b"\n/MediaBox ");
        file::rect(
            o,
            Rect::new(Length::ZERO, Length::ZERO, size.width, size.height),
        );
        o.extend_from_slice(b"\n/Resources <<");
        resources(o, &content, 5);
        o.extend_from_slice(b" >>\n/Contents ");
        reference(o, CONTENTS);
        o.extend_from_slice(b" >>");
    });
    file.stream(CONTENTS, b"", &content.bytes);
    if content.helvetica {
        file.object(5, |o| o.extend_from_slice(HELVETICA_DICT));
    }
    Ok(file.finish(CATALOG, None))
}
