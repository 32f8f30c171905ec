//! Page count and trim size read from a book's interior PDF.

use std::fmt;

use lopdf::Document;
use serde::Serialize;

use crate::error::{Error, Result};
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
    /// Encrypted, truncated and malformed files give an [`Error::Pdf`].
    ///
    /// ```no_run
    /// use podcover::{BookSpec, Catalog, Interior};
    ///
    /// let interior = Interior::from_pdf("book.pdf", &std::fs::read("book.pdf")?)?;
    /// let trim = interior.check_trim(&"6x9".parse()?)?;
    /// let spec = BookSpec::new("lulu", "paperback", "white", trim, interior.pages);
    /// println!("spine {}", Catalog::builtin().spine_width(&spec)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_pdf(name: &str, bytes: &[u8]) -> Result<Interior> {
        let fail = |message: String| Error::Pdf {
            name: name.to_string(),
            message,
        };
        let doc = pdf::load(name, bytes)?;
        let pages = doc.get_pages();
        let count = u32::try_from(pages.len()).map_err(|_| fail("too many pages".into()))?;
        let first = pages
            .values()
            .next()
            .copied()
            .ok_or_else(|| fail("the file has no pages".into()))?;
        let page = doc
            .get_dictionary(first)
            .map_err(|e| fail(format!("first page: {e}")))?;
        let media = page_size(&doc, page, b"MediaBox")
            .ok_or_else(|| fail("the first page has no valid MediaBox".into()))?;
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

    /// Checks a declared trim against the interior and returns the trim to use.
    ///
    /// The declared trim must match the first page's TrimBox; without a TrimBox, it must match the
    /// MediaBox, or the MediaBox less a KDP-style interior bleed (0.125 in wider and 0.25 in
    /// taller than the trim).
    pub fn check_trim(&self, declared: &TrimSize) -> Result<TrimSize> {
        if declared.matches(&self.trim) {
            return Ok(*declared);
        }
        if self.trim_from == PageBox::MediaBox {
            let bleed = TrimSize {
                width: self.trim.width - Length::inches(0.125),
                height: self.trim.height - Length::inches(0.25),
            };
            if declared.matches(&bleed) {
                return Ok(*declared);
            }
        }
        Err(Error::TrimMismatch {
            declared: declared.to_string(),
            found_in: match self.trim_from {
                PageBox::TrimBox => "TrimBox",
                PageBox::MediaBox => "MediaBox",
            },
            found: self.trim.to_string(),
            found_mm: format!(
                "{:.1}x{:.1}mm",
                self.trim.width.to_mm(),
                self.trim.height.to_mm()
            ),
        })
    }
}

/// A page box's size as a trim size.
fn page_size(doc: &Document, page: &lopdf::Dictionary, key: &[u8]) -> Option<TrimSize> {
    let r = pdf::page_box(doc, page, key)?;
    TrimSize::new(r.width, r.height).ok()
}
