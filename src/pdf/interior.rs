//! Page count and trim size read from a book's interior PDF.

use std::fmt;

use lopdf::Document;
use serde::Serialize;

use crate::catalog::Product;
use crate::error::{Error, ErrorKind, PdfProblem, Result};
use crate::pdf;
use crate::units::{Length, TrimSize};

/// The page box a trim size was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageBox {
    /// The first page's TrimBox.
    TrimBox,
    /// The first page's MediaBox, taken as the trim (no TrimBox).
    MediaBox,
}

impl fmt::Display for PageBox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PageBox::TrimBox => "TrimBox",
            PageBox::MediaBox => "MediaBox",
        })
    }
}

/// What an interior PDF says about the book: its page count and trim.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Interior {
    /// Number of pages in the PDF.
    pub pages: u32,
    /// The trim the first page implies.
    pub trim: TrimSize,
    /// The box the trim was read from.
    pub trim_from: PageBox,
}

impl Interior {
    /// Reads an interior PDF from memory. `name` is used in error messages only.
    ///
    /// Encrypted, truncated and malformed files give an error of kind
    /// [`ErrorKind::Pdf`](crate::ErrorKind::Pdf).
    ///
    /// ```no_run
    /// use podcover::{BookSpec, Catalog, pdf::Interior};
    ///
    /// let interior = Interior::from_pdf("book.pdf", &std::fs::read("book.pdf")?)?;
    /// let trim = interior.check_trim(&"6x9".parse()?)?;
    /// let spec = BookSpec::new("lulu".parse()?, "paperback".parse()?, "white".parse()?, trim, interior.pages);
    /// println!("spine {}", Catalog::builtin().spine_width(&spec)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_pdf(name: &str, bytes: &[u8]) -> Result<Interior> {
        let fail = |problem, message: String| pdf::fail(name, problem, message);
        let doc = pdf::load(name, bytes)?;
        let pages = doc.get_pages();
        let count = u32::try_from(pages.len())
            .map_err(|_| fail(PdfProblem::TooLarge, "too many pages".into()))?;
        let first = pages
            .values()
            .next()
            .copied()
            .ok_or_else(|| fail(PdfProblem::NoPages, "the file has no pages".into()))?;
        let page = doc
            .get_dictionary(first)
            .map_err(|e| fail(PdfProblem::Malformed, format!("first page: {e}")))?;
        let media = page_size(&doc, page, b"MediaBox").ok_or_else(|| {
            fail(
                PdfProblem::NoMediaBox,
                "the first page has no valid MediaBox".into(),
            )
        })?;
        let (trim, trim_from) = match page_size(&doc, page, b"TrimBox") {
            Some(trim) => (trim, PageBox::TrimBox),
            None => (media, PageBox::MediaBox),
        };
        Ok(Interior {
            pages: count,
            trim,
            trim_from,
        })
    }

    /// Checks a declared trim against the interior and returns the trim to use: it must match
    /// the first page's TrimBox, or its MediaBox when it has none.
    ///
    /// An interior printed with bleed is recognised only with the vendor's rule: see
    /// [`Interior::trim_for`].
    pub fn check_trim(&self, declared: &TrimSize) -> Result<TrimSize> {
        self.check_trim_with(declared, &[]).map(|(trim, _)| trim)
    }

    /// The book's trim for a product, from the interior and the trim declared, if any.
    ///
    /// A TrimBox is the trim. Without one, the MediaBox is the trim, unless the binding has an
    /// interior bleed rule (`interior_bleed`, e.g. KDP's 0.125 in) and the MediaBox less that
    /// bleed (once across, twice down) is the declared trim, or, with none declared, a trim the
    /// binding lists while the MediaBox is not: then the interior has bleed, and the trim is the
    /// smaller size.
    ///
    /// ```no_run
    /// use podcover::{Catalog, pdf::Interior};
    ///
    /// // A 6.125 x 9.25 in interior with bleed is a 6 x 9 in KDP book.
    /// let interior = Interior::from_pdf("book.pdf", &std::fs::read("book.pdf")?)?;
    /// let product = Catalog::builtin().product("kdp".parse()?, "paperback".parse()?, "cream".parse()?)?;
    /// assert_eq!(interior.trim_for(&product, None)?.to_string(), "6x9in");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn trim_for(&self, product: &Product, declared: Option<&TrimSize>) -> Result<TrimSize> {
        let bleed: Vec<Length> = product
            .binding
            .interior_bleed
            .iter()
            .map(|r| r.value)
            .collect();
        let listed = |t: &TrimSize| product.binding.trims.value.iter().any(|o| o.matches(t));
        self.trim_with(&bleed, &listed, declared)
            .map(|(trim, _)| trim)
    }

    /// The book's trim, from the interior and the trim declared, if any, with the interior
    /// bleeds to allow (once across, twice down) and the trims listed where the book is
    /// printed; with the bleed taken off the page, if one was.
    ///
    /// A TrimBox is the trim. Without one, the MediaBox is the trim, unless it less one of
    /// `bleeds` is the declared trim, or, with none declared, a `listed` trim while the
    /// MediaBox is not (a page with bleed is often a valid custom trim too).
    pub(crate) fn trim_with(
        &self,
        bleeds: &[Length],
        listed: &dyn Fn(&TrimSize) -> bool,
        declared: Option<&TrimSize>,
    ) -> Result<(TrimSize, Option<Length>)> {
        if let Some(declared) = declared {
            return self.check_trim_with(declared, bleeds);
        }
        if self.trim_from == PageBox::MediaBox && !listed(&self.trim) {
            for &bleed in bleeds {
                if let Some(inner) = self.without_bleed(bleed).filter(listed) {
                    return Ok((inner, Some(bleed)));
                }
            }
        }
        Ok((self.trim, None))
    }

    /// The MediaBox less an interior bleed.
    fn without_bleed(&self, bleed: Length) -> Option<TrimSize> {
        TrimSize::new(self.trim.width - bleed, self.trim.height - bleed * 2.0).ok()
    }

    fn check_trim_with(
        &self,
        declared: &TrimSize,
        bleeds: &[Length],
    ) -> Result<(TrimSize, Option<Length>)> {
        if declared.matches(&self.trim) {
            return Ok((*declared, None));
        }
        if self.trim_from == PageBox::MediaBox {
            let inner = |&bleed: &Length| {
                self.without_bleed(bleed)
                    .is_some_and(|inner| declared.matches(&inner))
            };
            if let Some(&bleed) = bleeds.iter().find(|b| inner(b)) {
                return Ok((*declared, Some(bleed)));
            }
        }
        let found_in = match self.trim_from {
            PageBox::TrimBox => "TrimBox",
            PageBox::MediaBox => "MediaBox",
        };
        Err(Error::new(
            ErrorKind::TrimMismatch,
            format!(
                "declared trim {declared} does not match the interior's {found_in} {} \
                 ({:.1}x{:.1}mm)",
                self.trim,
                self.trim.width.to_mm(),
                self.trim.height.to_mm()
            ),
        )
        .with_value(declared.to_string()))
    }
}

/// A page box's size as a trim size.
fn page_size(doc: &Document, page: &lopdf::Dictionary, key: &[u8]) -> Option<TrimSize> {
    let r = pdf::page_box(doc, page, key)?;
    TrimSize::new(r.width, r.height).ok()
}
