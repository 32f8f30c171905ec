//! Page count and trim size read from a book's interior PDF.

use std::fmt;

use lopdf::{Dictionary, Document, LoadOptions, Object};
use serde::Serialize;

use crate::{Error, Length, Result, TrimSize};

/// Streams in an interior may decompress to at most this many bytes while loading (256 MiB), so a
/// hostile file cannot exhaust memory.
const MAX_DECOMPRESSED: usize = 256 << 20;

/// How many `/Parent` links are followed to find an inherited page box.
const MAX_PARENT_DEPTH: usize = 32;

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
    pub fn from_pdf(name: &str, bytes: &[u8]) -> Result<Interior> {
        let fail = |message: String| Error::Pdf {
            name: name.to_string(),
            message,
        };
        let options = LoadOptions {
            max_decompressed_size: Some(MAX_DECOMPRESSED),
            ..LoadOptions::default()
        };
        let doc = std::panic::catch_unwind(|| Document::load_mem_with_options(bytes, options))
            .map_err(|_| fail("the file is malformed".into()))?
            .map_err(|e| fail(e.to_string()))?;
        if doc.is_encrypted() || doc.was_encrypted() {
            return Err(fail(
                "the file is encrypted; save an unencrypted copy of the interior".into(),
            ));
        }
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
        let media = page_box(&doc, page, b"MediaBox")
            .ok_or_else(|| fail("the first page has no valid MediaBox".into()))?;
        let (trim, trim_from) = match page_box(&doc, page, b"TrimBox") {
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

/// A page box as a trim size, following `/Parent` for inherited boxes.
fn page_box(doc: &Document, page: &Dictionary, key: &[u8]) -> Option<TrimSize> {
    let mut dict = page;
    for _ in 0..MAX_PARENT_DEPTH {
        if let Ok(object) = dict.get(key) {
            let (_, object) = doc.dereference(object).ok()?;
            return rect_size(doc, object);
        }
        let parent = dict.get(b"Parent").ok()?.as_reference().ok()?;
        dict = doc.get_dictionary(parent).ok()?;
    }
    None
}

/// The size of a PDF rectangle `[llx lly urx ury]`.
fn rect_size(doc: &Document, object: &Object) -> Option<TrimSize> {
    let values: Vec<f64> = object
        .as_array()
        .ok()?
        .iter()
        .map(|o| {
            let (_, o) = doc.dereference(o).ok()?;
            o.as_float().ok().map(f64::from)
        })
        .collect::<Option<_>>()?;
    let [x0, y0, x1, y1] = values.as_slice() else {
        return None;
    };
    let width = Length::try_new((x1 - x0).abs(), crate::Unit::Pt).ok()?;
    let height = Length::try_new((y1 - y0).abs(), crate::Unit::Pt).ok()?;
    TrimSize::new(width, height).ok()
}
