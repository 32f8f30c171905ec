//! The one writer of the PDF structures podcover makes: every file it writes (templates,
//! barcodes, composed and respined covers) is one page described by a [`OnePage`], whose
//! catalog, page tree, page, fonts, graphics states, output intent and document info are
//! written here and nowhere else. The page's content comes from [`Content`]; objects imported
//! from artwork are written by the assembly around these.

use std::time::SystemTime;

use crate::color::OutputProfile;
use crate::draw::{Bookland, Mark, Template, TemplateFormat};
use crate::error::{ComposeProblem, Error, Result};
use crate::pdf::content::{fixed, int, Content, GUIDES, HELVETICA, USER_FONT};
use crate::pdf::file::{self, reference, PdfFile};
use crate::units::{Length, Pdf, Rect, Size, Unit};

/// A file written to PDF/X-1a:2001, the standard printers such as IngramSpark ask for: PDF 1.3,
/// an output intent that embeds the printing condition's ICC profile, document info with dates
/// and the PDF/X keys, page boxes nested MediaBox, BleedBox, TrimBox, and nothing PDF/X-1a
/// forbids (transparency, fonts that are not embedded, LZW, JBIG2 or JPEG 2000 compression).
///
/// The same inputs and the same `date` give the same bytes.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use podcover::pdf::PdfX;
///
/// let pdfx = PdfX::new(UNIX_EPOCH + Duration::from_secs(1_700_000_000));
/// assert_eq!(pdfx.profile.identifier(), "CGATS TR 003");
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct PdfX {
    /// The printing condition the file is made for: its ICC profile is the output intent's
    /// destination profile, its identifier the OutputConditionIdentifier.
    pub profile: OutputProfile,
    /// When the file was made: its CreationDate and ModDate (in UTC). For reproducible files
    /// take it from the inputs ([`files::source_date`](crate::files::source_date)), not the
    /// clock.
    pub date: SystemTime,
}

impl PdfX {
    /// PDF/X-1a:2001 for the crate's printing condition ([`OutputProfile::swop_grade3`]), dated
    /// `date`.
    pub fn new(date: SystemTime) -> PdfX {
        PdfX {
            profile: OutputProfile::swop_grade3(),
            date,
        }
    }

    /// PDF/X-1a:2001 dated `date` if the binding's stock file lists it among the versions the
    /// vendor takes (`pdfx`, e.g. IngramSpark's), else `None`.
    pub fn for_binding(binding: &crate::catalog::Binding, date: SystemTime) -> Option<PdfX> {
        let versions = &binding.pdfx.as_ref()?.value;
        versions
            .contains(&crate::catalog::PdfxVersion::X1a2001)
            .then(|| PdfX::new(date))
    }
}

/// A document's info: what it is, in words.
pub(crate) struct Info {
    pub(crate) title: String,
    pub(crate) subject: String,
}

/// A one-page PDF: its boxes (in PDF's coordinates), its content, its info and the standard it
/// is written to.
pub(crate) struct OnePage<'c> {
    /// The MediaBox.
    pub(crate) media: Rect<Pdf>,
    /// The BleedBox and TrimBox, if the page has them.
    pub(crate) boxes: Option<(Rect<Pdf>, Rect<Pdf>)>,
    pub(crate) content: &'c Content,
    pub(crate) info: Option<Info>,
    pub(crate) pdfx: Option<PdfX>,
}

/// Where the trailer points: the catalog's and the info's object numbers.
pub(crate) struct Written {
    pub(crate) root: usize,
    pub(crate) info: Option<usize>,
}

/// What PDF/X-1a does not allow, as an error saying so.
pub(crate) fn not_pdfx(message: impl Into<String>) -> Error {
    Error::compose(ComposeProblem::NotPdfX, message.into())
}

impl OnePage<'_> {
    /// The PDF version in the header: 1.3 for PDF/X-1a:2001, else 1.6 (optional content).
    pub(crate) fn version(&self) -> &'static str {
        if self.pdfx.is_some() {
            "1.3"
        } else {
            "1.6"
        }
    }

    /// Refuses, for a PDF/X file, what the page itself would write that PDF/X-1a forbids.
    pub(crate) fn check(&self) -> Result<()> {
        if self.pdfx.is_none() {
            return Ok(());
        }
        if self.content.helvetica {
            return Err(not_pdfx(
                "text is set in Helvetica, which is not embedded, and PDF/X-1a needs every \
                 font embedded; give a font file for the text",
            ));
        }
        if !self.content.opacities.0.is_empty() {
            return Err(not_pdfx(
                "marks are drawn partly transparent, which PDF/X-1a does not allow",
            ));
        }
        if self.content.guides {
            return Err(not_pdfx(
                "a layer (optional content) is drawn, which PDF/X-1a does not allow",
            ));
        }
        let Some((bleed, trim)) = self.boxes else {
            return Err(Error::encode("the page", "a PDF/X page needs a TrimBox"));
        };
        if !contains(self.media, bleed) || !contains(bleed, trim) {
            return Err(Error::encode(
                "the page",
                "the BleedBox is not within the MediaBox, or the TrimBox not within the BleedBox",
            ));
        }
        Ok(())
    }

    /// Writes the page's objects into `file`, numbered from `first`: catalog, page tree, page,
    /// content, then the guides layer, Helvetica, the info and the output profile where the
    /// page has them. Returns where the trailer points.
    pub(crate) fn write(&self, file: &mut PdfFile<'_>, first: usize) -> Written {
        let mut next = first;
        let mut take = || {
            next += 1;
            next - 1
        };
        let catalog = take();
        let pages = take();
        let page = take();
        let contents = take();
        let ocg = self.content.guides.then(&mut take);
        let helvetica = self.content.helvetica.then(&mut take);
        let info = self.info.as_ref().map(|_| take());
        let profile = self.pdfx.map(|_| take());

        file.object(catalog, |o| {
            o.extend_from_slice(b"<< /Type /Catalog /Pages ");
            reference(o, pages);
            if let Some(ocg) = ocg {
                guides_properties(o, ocg);
            }
            if let (Some(pdfx), Some(profile)) = (&self.pdfx, profile) {
                output_intents(o, &pdfx.profile, profile);
            }
            o.extend_from_slice(b" >>");
        });
        file.object(pages, |o| {
            o.extend_from_slice(b"<< /Type /Pages /Kids [");
            reference(o, page);
            o.extend_from_slice(b"] /Count 1 >>");
        });
        file.object(page, |o| {
            o.extend_from_slice(b"<< /Type /Page /Parent ");
            reference(o, pages);
            o.extend_from_slice(b"\n/MediaBox ");
            file::rect(o, self.media);
            if let Some((bleed, trim)) = self.boxes {
                o.extend_from_slice(b"\n/BleedBox ");
                file::rect(o, bleed);
                o.extend_from_slice(b"\n/TrimBox ");
                file::rect(o, trim);
            }
            o.extend_from_slice(b"\n/Resources <<");
            self.resources(o, ocg, helvetica);
            o.extend_from_slice(b" >>\n/Contents ");
            reference(o, contents);
            o.extend_from_slice(b" >>");
        });
        file.stream(contents, b"", self.content.bytes());
        if let Some(ocg) = ocg {
            file.object(ocg, |o| o.extend_from_slice(GUIDES_OCG));
        }
        if let Some(helvetica) = helvetica {
            file.object(helvetica, |o| o.extend_from_slice(HELVETICA_DICT));
        }
        if let (Some(n), Some(info)) = (info, &self.info) {
            file.object(n, |o| self.info(o, info));
        }
        if let (Some(n), Some(pdfx)) = (profile, &self.pdfx) {
            file.static_stream(n, b"/N 4 ", pdfx.profile.icc());
        }
        Written {
            root: catalog,
            info,
        }
    }

    /// The page's resource entries: the guides layer, XObjects, fonts and graphics states the
    /// content names.
    fn resources(&self, o: &mut Vec<u8>, ocg: Option<usize>, helvetica: Option<usize>) {
        let content = self.content;
        if let Some(ocg) = ocg {
            o.extend_from_slice(b" /Properties << /");
            o.extend_from_slice(GUIDES.as_bytes());
            o.push(b' ');
            reference(o, ocg);
            o.extend_from_slice(b" >>");
        }
        if !content.xobjects.is_empty() {
            o.extend_from_slice(b" /XObject <<");
            for (i, xobject) in content.xobjects.iter().enumerate() {
                o.extend_from_slice(b" /Fx");
                int(o, i as i64);
                o.push(b' ');
                reference(o, *xobject);
            }
            o.extend_from_slice(b" >>");
        }
        if helvetica.is_some() || content.user_font.is_some() {
            o.extend_from_slice(b" /Font <<");
            for (name, font) in [(HELVETICA, helvetica), (USER_FONT, content.user_font)] {
                if let Some(font) = font {
                    o.extend_from_slice(b" /");
                    o.extend_from_slice(name.as_bytes());
                    o.push(b' ');
                    reference(o, font);
                }
            }
            o.extend_from_slice(b" >>");
        }
        if !content.opacities.0.is_empty() {
            o.extend_from_slice(b" /ExtGState << ");
            for (i, key) in content.opacities.0.iter().enumerate() {
                o.extend_from_slice(b"/GS");
                int(o, i as i64);
                o.extend_from_slice(b" << /Type /ExtGState /ca ");
                fixed(o, i64::from(*key));
                o.extend_from_slice(b" >> ");
            }
            o.extend_from_slice(b">>");
        }
    }

    /// The document info: title, subject, who made it, trapping unknown to be done; for PDF/X
    /// the dates and the standard's keys.
    fn info(&self, o: &mut Vec<u8>, info: &Info) {
        o.extend_from_slice(b"<< /Title ");
        file::text_string(o, &info.title);
        o.extend_from_slice(b"\n/Subject ");
        file::text_string(o, &info.subject);
        o.extend_from_slice(
            concat!(
                "\n/Creator (podcover) /Producer (podcover ",
                env!("CARGO_PKG_VERSION"),
                ") /Trapped /False"
            )
            .as_bytes(),
        );
        if let Some(pdfx) = &self.pdfx {
            let date = file::date(pdfx.date);
            o.extend_from_slice(b"\n/CreationDate ");
            file::text_string(o, &date);
            o.extend_from_slice(b" /ModDate ");
            file::text_string(o, &date);
            o.extend_from_slice(
                b"\n/GTS_PDFXVersion (PDF/X-1:2001) /GTS_PDFXConformance (PDF/X-1a:2001)",
            );
        }
        o.extend_from_slice(b" >>");
    }
}

/// Whether `inner` lies within `outer` (to a thousandth of a point, as they are written).
fn contains(outer: Rect<Pdf>, inner: Rect<Pdf>) -> bool {
    let tol = Length::pt(0.001);
    inner.x >= outer.x - tol
        && inner.y >= outer.y - tol
        && inner.right() <= outer.right() + tol
        && inner.top() <= outer.top() + tol
}

/// Helvetica, not embedded, in WinAnsi encoding.
const HELVETICA_DICT: &[u8] =
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";

/// The Guides layer: visible on screen, never printed or exported.
const GUIDES_OCG: &[u8] = b"<< /Type /OCG /Name (Guides) /Intent /View /Usage << \
      /CreatorInfo << /Creator (podcover) /Subtype /Technical >> \
      /View << /ViewState /ON >> /Print << /PrintState /OFF >> \
      /Export << /ExportState /OFF >> >> >>";

/// The catalog's optional content: the guides layer (object `ocg`) on for viewing and off for
/// printing and export.
fn guides_properties(o: &mut Vec<u8>, ocg: usize) {
    let ocgs = |o: &mut Vec<u8>| {
        o.push(b'[');
        reference(o, ocg);
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
    o.extend_from_slice(b" ] >> >>");
}

/// The catalog's one PDF/X output intent, its destination profile object `icc`.
fn output_intents(o: &mut Vec<u8>, output: &OutputProfile, icc: usize) {
    o.extend_from_slice(
        b"\n/OutputIntents [<< /Type /OutputIntent /S /GTS_PDFX /OutputConditionIdentifier ",
    );
    file::text_string(o, output.identifier());
    o.extend_from_slice(b"\n/OutputCondition ");
    file::text_string(o, output.condition());
    o.extend_from_slice(b" /RegistryName ");
    file::text_string(o, output.registry());
    o.extend_from_slice(b" /Info ");
    file::text_string(o, output.condition());
    o.extend_from_slice(b" /DestOutputProfile ");
    reference(o, icc);
    o.extend_from_slice(b" >>]");
}

impl Template {
    /// The template in `format`: [`to_pdf`](Template::to_pdf), [`to_svg`](Template::to_svg) or
    /// [`to_png`](Template::to_png) at `ppi` pixels per inch (used by raster formats only).
    ///
    /// ```
    /// use podcover::{BookSpec, Catalog, draw::{Template, TemplateFormat, TemplateOptions}};
    ///
    /// let spec = BookSpec::parse("kdp", "paperback", "white", "6x9", 120)?;
    /// let template = Template::new(&Catalog::builtin().layout(&spec)?, &TemplateOptions::new())?;
    /// let svg = template.write("svg".parse()?, 300)?;
    /// assert!(svg.starts_with(b"<?xml"));
    /// # Ok::<(), podcover::Error>(())
    /// ```
    pub fn write(&self, format: TemplateFormat, ppi: u32) -> Result<Vec<u8>> {
        match format {
            TemplateFormat::Pdf => self.to_pdf(),
            TemplateFormat::Svg => Ok(self.to_svg().into_bytes()),
            TemplateFormat::Png => self.to_png(ppi),
        }
    }

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
        content.begin_guides();
        content.marks(&self.guides);
        content.end_layer();
        let to_pdf = layout.sheet_to_pdf();
        let page = OnePage {
            media: to_pdf.rect(layout.sheet),
            boxes: Some((
                to_pdf.rect(layout.bleed_box()),
                to_pdf.rect(layout.trim_box),
            )),
            content: &content,
            info: Some(Info {
                title: format!("Cover template: {}", self.title),
                subject: self.subject(),
            }),
            pdfx: None,
        };
        let mut file = PdfFile::new(page.version(), content.bytes().len() / 3 + 4096);
        let written = page.write(&mut file, 1);
        Ok(file.finish(written.root, written.info))
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

impl Bookland {
    /// The barcode in `format`: [`to_pdf`](Bookland::to_pdf), [`to_svg`](Bookland::to_svg) or
    /// [`to_png`](Bookland::to_png) at `ppi` pixels per inch (used by raster formats only).
    pub fn write(&self, format: TemplateFormat, ppi: u32) -> Result<Vec<u8>> {
        match format {
            TemplateFormat::Pdf => self.to_pdf(),
            TemplateFormat::Svg => Ok(self.to_svg().into_bytes()),
            TemplateFormat::Png => self.to_png(ppi),
        }
    }

    /// The barcode as a one-page PDF the size of its box, in 100% black (DeviceCMYK).
    pub fn to_pdf(&self) -> Result<Vec<u8>> {
        marks_pdf(self.size, &self.marks)
    }
}

/// A PDF of `marks` alone on a page of `size`, with no layers and no info: printed artwork
/// such as a barcode. Text is set in Helvetica, which is not embedded.
fn marks_pdf(size: Size, marks: &[Mark]) -> Result<Vec<u8>> {
    let mut content = Content::with_capacity(128 * marks.len());
    content.marks(marks);
    let page = OnePage {
        media: Rect::new(Length::ZERO, Length::ZERO, size.width, size.height),
        boxes: None,
        content: &content,
        info: None,
        pdfx: None,
    };
    let mut file = PdfFile::new(page.version(), content.bytes().len() / 2 + 2048);
    let written = page.write(&mut file, 1);
    Ok(file.finish(written.root, written.info))
}
