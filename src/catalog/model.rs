//! The model types of the catalog: vendors, bindings, papers, and a product (one of each) with
//! its rules. The stock-file parser builds them; the catalog holds them.

use serde::Serialize;

use crate::catalog::digital::DigitalProduct;
use crate::catalog::id::{BindingId, DigitalId, PaperId, VendorId};
use crate::catalog::source::{Confidence, RuleInfo, Source, Sourced, Support};
use crate::catalog::spine::SpineRule;
use crate::error::{Error, ErrorKind, Result};
use crate::units::{Length, Size, TrimSize};

/// A vendor and what it prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Vendor {
    /// Short id used on the command line, e.g. `kdp`.
    pub id: VendorId,
    /// Display name, e.g. `Amazon KDP`.
    pub name: String,
    /// The vendor's website.
    pub website: Option<String>,
    /// Other ids the vendor answers to (e.g. `lightning-source` for IngramSpark).
    pub also_known_as: Option<Sourced<Vec<VendorId>>>,
    /// The stock file the vendor was loaded from.
    pub file: String,
    /// Bindings offered (none for a store that sells only digital editions).
    pub bindings: Vec<Binding>,
    /// Digital editions' cover images the vendor takes (ebook, audiobook), kept apart from the
    /// print bindings: they have no paper, spine or page count.
    pub digital: Vec<DigitalProduct>,
}

impl Vendor {
    /// The binding with this id.
    pub fn binding(&self, id: BindingId) -> Result<&Binding> {
        self.bindings.iter().find(|b| b.id == id).ok_or_else(|| {
            if self.bindings.is_empty() {
                let products = ids(self.digital.iter().map(|d| d.id.as_str()));
                let message = format!(
                    "{} makes digital editions only ({}), no print binding such as {:?}",
                    self.id,
                    products.join(", "),
                    id.as_str()
                );
                return Error::unknown(ErrorKind::UnknownBinding, id.as_str(), Vec::new(), message);
            }
            let allowed = ids(self.bindings.iter().map(|b| b.id.as_str()));
            let mut message = format!(
                "unknown binding {:?} for {}; expected one of: {}",
                id.as_str(),
                self.id,
                allowed.join(", ")
            );
            if self.digital.iter().any(|d| d.id.as_str() == id.as_str()) {
                message.push_str(&format!(" ({} is a digital product)", id.as_str()));
            }
            Error::unknown(ErrorKind::UnknownBinding, id.as_str(), allowed, message)
        })
    }

    /// The digital product (ebook or audiobook cover image) with this id.
    pub fn digital_product(&self, id: DigitalId) -> Result<&DigitalProduct> {
        self.digital.iter().find(|d| d.id == id).ok_or_else(|| {
            let allowed = ids(self.digital.iter().map(|d| d.id.as_str()));
            let message = if allowed.is_empty() {
                format!(
                    "{} has no digital products (ebook or audiobook covers)",
                    self.id
                )
            } else {
                format!(
                    "unknown product {:?} for {}; expected one of: {}",
                    id.as_str(),
                    self.id,
                    allowed.join(", ")
                )
            };
            Error::unknown(ErrorKind::UnknownBinding, id.as_str(), allowed, message)
        })
    }
}

/// How a binding's cover is built, which decides the layout's shape.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
#[non_exhaustive]
pub enum Construction {
    /// One flat sheet: bleed, back, spine, front, bleed (paperback, coil, saddle stitch).
    Flat,
    /// A printed case: the sheet wraps around two boards (case laminate, casewrap).
    Case(CaseSpec),
    /// A dust jacket: back flap, back, spine, front, front flap.
    Jacket(JacketSpec),
}

/// The geometry of a printed case.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct CaseSpec {
    /// How far the sheet wraps around each board edge (it includes any bleed).
    pub wrap: Sourced<Length>,
    /// How much larger each board is than the trim (may be negative).
    pub board: Sourced<Size>,
    /// The hinge next to the spine.
    pub hinge: Sourced<Hinge>,
}

/// A hardcover hinge: the strip where the cover bends.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Hinge {
    /// Width of the hinge.
    pub width: Length,
    /// Where the hinge lies.
    pub placement: HingePlacement,
}

/// Where a hinge lies relative to the board.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HingePlacement {
    /// On the board, along its spine edge: it adds no width.
    InsideBoard,
    /// Between the board and the spine: it adds its width on each side.
    BesideSpine,
}

/// The geometry of a dust jacket.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct JacketSpec {
    /// Width of each flap.
    pub flap: Sourced<Length>,
    /// Width of the fold strip between each cover panel and its flap.
    pub flap_fold: Sourced<Length>,
    /// How much larger each cover panel is than the trim.
    pub panel: Sourced<Size>,
}

/// The edge a margin or position is measured from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Edge {
    /// The trim line (for a hardcover, the board edge).
    Trim,
    /// The outer edge of the sheet.
    Sheet,
}

/// A margin kept free of important content, and the edge it is measured from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Margin {
    /// Distance from the edge.
    pub inset: Length,
    /// The edge.
    pub from: Edge,
}

/// Where the vendor prints or wants the barcode, on the back cover.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct BarcodeBox {
    /// Width of the reserved box.
    pub width: Length,
    /// Height of the reserved box.
    pub height: Length,
    /// Distance of the box from the bottom edge named by `bottom_from`.
    pub from_bottom: Length,
    /// Distance of the box from the spine fold (a hardcover's hinge).
    pub from_spine: Length,
    /// The edge `from_bottom` is measured from.
    pub bottom_from: Edge,
}

/// The colour a vendor accepts in cover files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColorMode {
    /// CMYK (and grey) only: RGB and spot colours are refused.
    Cmyk,
    /// RGB or CMYK.
    Any,
    /// sRGB: the vendor prints in sRGB and converts other colour (CMYK, other RGB profiles) to
    /// it.
    Srgb,
}

/// The total ink a vendor asks covers to stay within, in whole percents of one solid ink (a
/// colour's cyan, magenta, yellow and black added up: 400% is every ink solid).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InkLimit {
    /// The most the vendor recommends, e.g. 240 (rich black 60/40/40/100).
    pub recommended: u16,
    /// Above this the vendor rejects the file, e.g. 300.
    pub rejected: u16,
}

/// A PDF/X version a vendor accepts for cover files.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
pub enum PdfxVersion {
    /// PDF/X-1a:2001 (ISO 15930-1): CMYK and spot colour only, no transparency.
    #[serde(rename = "PDF/X-1a:2001")]
    X1a2001,
    /// PDF/X-1a:2003 (ISO 15930-4).
    #[serde(rename = "PDF/X-1a:2003")]
    X1a2003,
    /// PDF/X-3:2002 (ISO 15930-3): colour-managed colour allowed, no transparency.
    #[serde(rename = "PDF/X-3:2002")]
    X3_2002,
    /// PDF/X-3:2003 (ISO 15930-6).
    #[serde(rename = "PDF/X-3:2003")]
    X3_2003,
    /// PDF/X-4 (ISO 15930-7): live transparency allowed.
    #[serde(rename = "PDF/X-4")]
    X4,
}

impl std::fmt::Display for PdfxVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            PdfxVersion::X1a2001 => "PDF/X-1a:2001",
            PdfxVersion::X1a2003 => "PDF/X-1a:2003",
            PdfxVersion::X3_2002 => "PDF/X-3:2002",
            PdfxVersion::X3_2003 => "PDF/X-3:2003",
            PdfxVersion::X4 => "PDF/X-4",
        })
    }
}

/// Whether a vendor takes live transparency (soft masks, blending, opacity below 1) in cover
/// files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Transparency {
    /// Transparency must be flattened before upload.
    Flattened,
    /// Live transparency is accepted.
    Allowed,
}

/// A range of custom trims a vendor accepts besides its list.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TrimRange {
    /// Smallest width and height.
    pub min: TrimSize,
    /// Largest width and height.
    pub max: TrimSize,
}

impl TrimRange {
    /// Whether the trim lies in the range.
    pub fn contains(&self, trim: &TrimSize) -> bool {
        trim.width >= self.min.width
            && trim.width <= self.max.width
            && trim.height >= self.min.height
            && trim.height <= self.max.height
    }
}

/// A binding (paperback, hardcover, jacket, coil ...) and its rules.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Binding {
    /// Id, e.g. `paperback`.
    pub id: BindingId,
    /// The vendor's id.
    pub vendor: VendorId,
    /// Display name.
    pub name: String,
    /// How the cover is built.
    pub construction: Construction,
    /// Bleed beyond the trim on every side (`None` for a case, whose wrap includes it).
    pub bleed: Option<Sourced<Length>>,
    /// Margin inside which text and important art must stay.
    pub safe_margin: Sourced<Margin>,
    /// Clearance from each spine fold for spine text.
    pub spine_margin: Sourced<Length>,
    /// How far a finished cover's spine may differ from the vendor's figure and still be
    /// accepted (the vendor's stated spine variance).
    pub spine_tolerance: Sourced<Length>,
    /// The fewest pages for which the vendor allows spine text.
    pub spine_text_min_pages: Sourced<u32>,
    /// The barcode box.
    pub barcode: Sourced<BarcodeBox>,
    /// Trim sizes offered.
    pub trims: Sourced<Vec<TrimSize>>,
    /// Custom trims accepted besides the list.
    pub custom_trim: Option<Sourced<TrimRange>>,
    /// The colour the vendor accepts (any, when the stock file says nothing).
    pub color: Option<Sourced<ColorMode>>,
    /// The total ink the vendor recommends and the most it accepts (no limit known, when the
    /// stock file says nothing).
    pub ink_limit: Option<Sourced<InkLimit>>,
    /// The PDF/X versions the vendor accepts for cover files (none required, when the stock file
    /// says nothing).
    pub pdfx: Option<Sourced<Vec<PdfxVersion>>>,
    /// Whether live transparency is accepted (not known, when the stock file says nothing).
    pub transparency: Option<Sourced<Transparency>>,
    /// Whether the vendor requires a barcode on the back cover (no, when the stock file says
    /// nothing).
    pub barcode_required: Option<Sourced<bool>>,
    /// The lowest image resolution, in pixels per inch where placed, the vendor asks for.
    pub min_image_ppi: Option<Sourced<u32>>,
    /// The bleed of an interior printed with bleed, on its outside edge and at top and bottom:
    /// such a page is the trim plus this once across and twice down (KDP: 0.125 in, so a 6 x 9
    /// in book's pages are 6.125 x 9.25 in).
    pub interior_bleed: Option<Sourced<Length>>,
    /// Papers offered.
    pub papers: Vec<Paper>,
}

impl Binding {
    /// The lowest image resolution the vendor refuses art under: its `min_image_ppi` where the
    /// vendor publishes it (confidence `published`). An estimated minimum (e.g. the paperback's
    /// figure taken for a hardcover whose own the vendor does not give) refuses nothing: art
    /// under it is a warning, as art under the resolution print needs is.
    pub fn enforced_min_image_ppi(&self) -> Option<u32> {
        self.min_image_ppi
            .as_ref()
            .filter(|r| r.confidence == Confidence::Published)
            .map(|r| r.value)
    }

    /// The paper with this id.
    pub fn paper(&self, id: PaperId) -> Result<&Paper> {
        self.papers.iter().find(|p| p.id == id).ok_or_else(|| {
            let allowed = ids(self.papers.iter().map(|p| p.id.as_str()));
            let message = format!(
                "unknown paper {:?} for {} {}; expected one of: {}",
                id.as_str(),
                self.vendor,
                self.id,
                allowed.join(", ")
            );
            Error::unknown(ErrorKind::UnknownPaper, id.as_str(), allowed, message)
        })
    }
}

/// Page-count limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PageLimits {
    /// Fewest printed pages.
    pub min: u32,
    /// Most printed pages.
    pub max: u32,
    /// Page counts must be a multiple of this (1 for any count).
    pub multiple: u32,
    /// Whether the vendor rounds a page count that is not a multiple up to the next multiple
    /// (and computes the cover for that count) instead of refusing it.
    pub round_up: bool,
}

impl PageLimits {
    /// The page count the vendor computes the cover for: `pages` itself, or the next multiple
    /// where the vendor rounds up.
    pub fn counted(&self, pages: u32) -> u32 {
        if self.round_up {
            pages.div_ceil(self.multiple).saturating_mul(self.multiple)
        } else {
            pages
        }
    }
}

/// A range of page counts, e.g. what a vendor's spine calculator covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageRange {
    /// Fewest printed pages.
    pub min: u32,
    /// Most printed pages.
    pub max: u32,
}

impl PageRange {
    /// Whether `pages` lies in the range.
    pub fn contains(&self, pages: u32) -> bool {
        (self.min..=self.max).contains(&pages)
    }
}

/// Trims a paper is restricted to, or excluded from, within its binding's list.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct TrimFilter {
    /// If not empty, the only trims the paper is offered on.
    #[serde(default)]
    pub only: Vec<TrimSize>,
    /// Trims the paper is not offered on.
    #[serde(default)]
    pub except: Vec<TrimSize>,
}

/// A lower page maximum on some trims.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct TrimPageLimit {
    /// The trims the limit applies to.
    pub trims: Vec<TrimSize>,
    /// The maximum page count on them.
    pub max: u32,
}

/// A paper stock for one binding, with its spine rule and page limits.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Paper {
    /// Id, e.g. `cream`.
    pub id: PaperId,
    /// Display name.
    pub name: String,
    /// How pages become a spine width.
    pub spine: Sourced<SpineRule>,
    /// Page-count limits: what the vendor prints.
    pub pages: Sourced<PageLimits>,
    /// The page counts the vendor's spine calculator or cover templates cover, where that is
    /// wider than what it prints: layouts and templates are made there, with a warning
    /// ([`CoverLayout::beyond_print_range`](crate::CoverLayout::beyond_print_range)), while
    /// compose and batch refuse them.
    pub template_pages: Option<Sourced<PageRange>>,
    /// Trim restrictions within the binding's list.
    pub trims: Option<Sourced<TrimFilter>>,
    /// Lower maxima on some trims.
    pub trim_page_limits: Vec<Sourced<TrimPageLimit>>,
    /// Spine widths read off the vendor's templates or calculator: the stock file's sorted by
    /// page count, then a user's in the order given. Where one exists for a page count, layouts
    /// use it instead of the spine rule.
    pub readings: Vec<Reading>,
}

impl Paper {
    /// The fewest and most pages that have a spine width: what the vendor prints and what its
    /// calculator covers, together.
    pub fn page_span(&self) -> (u32, u32) {
        let print = self.pages.value;
        match &self.template_pages {
            Some(t) => (print.min.min(t.value.min), print.max.max(t.value.max)),
            None => (print.min, print.max),
        }
    }

    /// The reading for exactly this page count, if there is one: the one most recently added,
    /// so that a user's reading replaces a built-in one.
    pub fn reading(&self, pages: u32) -> Option<&Reading> {
        self.readings.iter().rev().find(|r| r.pages == pages)
    }
}

/// A spine width read off a vendor's own template or spine calculator for one page count.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Reading {
    /// Printed pages.
    pub pages: u32,
    /// The spine width the vendor gave.
    pub spine: Length,
    /// The trim the template was for, if known (spine widths do not depend on it).
    pub trim: Option<TrimSize>,
    /// Where the reading was taken from.
    pub source: Source,
    /// Context, e.g. the template's request number or a conflict with another source.
    pub note: Option<String>,
    /// The stock or readings file the reading was loaded from.
    pub file: String,
}

/// A vendor, binding and paper: one thing that can be ordered.
#[derive(Debug, Clone, Copy)]
pub struct Product<'a> {
    /// The vendor.
    pub vendor: &'a Vendor,
    /// The binding.
    pub binding: &'a Binding,
    /// The paper.
    pub paper: &'a Paper,
}

impl<'a> Product<'a> {
    /// `vendor binding paper`, as used in messages.
    pub fn name(&self) -> String {
        format!("{} {} {}", self.vendor.id, self.binding.id, self.paper.id)
    }

    /// The catalog's trim that `trim` matches (within half a millimetre), or a custom trim in the
    /// vendor's range; an error lists what is offered.
    pub fn trim(&self, trim: &TrimSize) -> Result<TrimSize> {
        let filter = self.paper.trims.as_ref().map(|f| &f.value);
        let excluded = |t: &TrimSize| filter.is_some_and(|f| f.except.iter().any(|e| e.matches(t)));
        let restricted = filter.is_some_and(|f| !f.only.is_empty());
        let allowed = |t: &TrimSize| {
            !excluded(t)
                && filter.is_none_or(|f| f.only.is_empty() || f.only.iter().any(|o| o.matches(t)))
        };
        if let Some(found) = self
            .binding
            .trims
            .iter()
            .find(|t| t.matches(trim) && allowed(t))
        {
            return Ok(*found);
        }
        let offered: Vec<&TrimSize> = self.binding.trims.iter().filter(|t| allowed(t)).collect();
        // Custom trims, where the vendor takes them and the paper is not limited to a list.
        let custom = self
            .binding
            .custom_trim
            .as_ref()
            .map(|c| c.value)
            .filter(|_| !restricted);
        if let Some(range) = custom
            && range.contains(trim)
            && !excluded(trim)
        {
            return Ok(*trim);
        }
        let allowed = ids(offered.iter().map(|t| t.to_string()));
        let mut expected = allowed.join(", ");
        // Beside a custom range, the trim shows enough decimals to differ from its ends.
        let mut limits = Vec::new();
        if let Some(range) = custom {
            expected.push_str(&format!(
                "; or a custom trim from {} to {}",
                range.min, range.max
            ));
            limits.extend([range.min, range.max]);
        }
        let shown = trim.display_apart(&limits);
        let message = format!(
            "trim {shown} is not offered for {}; offered: {expected}",
            self.name()
        );
        Err(Error::unknown(
            ErrorKind::TrimNotOffered,
            &shown,
            allowed,
            message,
        ))
    }

    /// Checks that a cover can be computed for a page count: one the vendor prints (within the
    /// trim's lower maximum if a trim is given), or one its spine calculator covers. For the
    /// latter, [`Product::beyond_print_range`] says why it will not print.
    pub fn check_pages(&self, trim: Option<&TrimSize>, pages: u32) -> Result<()> {
        let printable = self.check_printable(trim, pages);
        let Some(template) = &self.paper.template_pages else {
            return printable;
        };
        let limits = self.paper.pages.value;
        match printable {
            Err(e)
                if e.kind() == ErrorKind::PagesOutOfRange
                    && pages >= template.value.min
                    && template.value.contains(limits.counted(pages)) =>
            {
                Ok(())
            }
            Err(e) if e.kind() == ErrorKind::PagesOutOfRange => {
                let (min, max) = self.paper.page_span();
                let print = self.print_range(trim);
                Err(Error::pages_out_of_range(
                    &self.name(),
                    pages,
                    min,
                    max,
                    &format!(
                        " (the vendor's calculator covers {} to {}; it prints {} to {}{})",
                        template.value.min,
                        template.value.max,
                        print.min,
                        print.max,
                        self.on_trim(trim)
                    ),
                ))
            }
            other => other,
        }
    }

    /// Checks a page count against what the vendor prints: the paper's limits, and the trim's
    /// lower maximum if a trim is given. Compose and batch hold covers to this.
    pub fn check_printable(&self, trim: Option<&TrimSize>, pages: u32) -> Result<()> {
        let limits = self.paper.pages.value;
        let print = self.print_range(trim);
        let counted = limits.counted(pages);
        if pages < print.min || counted > print.max {
            let detail = if pages > print.max {
                self.on_trim(trim)
            } else {
                String::new()
            };
            return Err(Error::pages_out_of_range(
                &self.name(),
                pages,
                print.min,
                print.max,
                &detail,
            ));
        }
        if !pages.is_multiple_of(limits.multiple) && !limits.round_up {
            let suggestion = pages
                .div_ceil(limits.multiple)
                .saturating_mul(limits.multiple);
            return Err(Error::pages_not_multiple(
                pages,
                limits.multiple,
                format!(
                    "{pages} pages is not a multiple of {} for {}; use {suggestion}",
                    limits.multiple,
                    self.name()
                ),
            ));
        }
        Ok(())
    }

    /// Why a page count that [`Product::check_pages`] accepts will not print, if it will not:
    /// it lies in the vendor's calculator range but outside what the vendor prints.
    pub fn beyond_print_range(
        &self,
        trim: Option<&TrimSize>,
        pages: u32,
    ) -> Option<BeyondPrintRange> {
        let template = self.paper.template_pages.as_ref()?;
        match self.check_printable(trim, pages) {
            Err(e) if e.kind() == ErrorKind::PagesOutOfRange => Some(BeyondPrintRange {
                product: self.name(),
                pages,
                printed: self.print_range(trim),
                trim: self.trim_limit(trim).map(|(trim, _)| *trim),
                template: template.value,
            }),
            _ => None,
        }
    }

    /// The page counts the vendor prints, on `trim` if one is given.
    fn print_range(&self, trim: Option<&TrimSize>) -> PageRange {
        let limits = self.paper.pages.value;
        let max = self
            .trim_limit(trim)
            .map_or(limits.max, |(_, l)| l.max.min(limits.max));
        PageRange {
            min: limits.min,
            max,
        }
    }

    /// The lower maximum that applies to `trim`, if any.
    fn trim_limit<'t>(&self, trim: Option<&'t TrimSize>) -> Option<(&'t TrimSize, &TrimPageLimit)> {
        let trim = trim?;
        self.paper
            .trim_page_limits
            .iter()
            .find(|l| l.trims.iter().any(|t| t.matches(trim)))
            .map(|l| (trim, &l.value))
    }

    /// ` on the 6x9 trim` where the trim lowers the maximum, else nothing.
    fn on_trim(&self, trim: Option<&TrimSize>) -> String {
        self.trim_limit(trim)
            .map(|(trim, _)| format!(" on the {trim} trim"))
            .unwrap_or_default()
    }
}

/// A page count the vendor's spine calculator and templates cover but that the vendor does not
/// print: a layout or template can be made, a cover to upload cannot.
///
/// ```
/// use podcover::{BookSpec, Catalog};
///
/// // IngramSpark's spine table runs to 1200 pages of premium colour paper; it prints 900.
/// let spec = BookSpec::parse("ingramspark", "paperback", "premium-color", "6x9", 1200)?;
/// let layout = Catalog::builtin().layout(&spec)?;
/// let warning = layout.beyond_print_range.as_ref().expect("beyond what is printed");
/// assert_eq!(
///     warning.to_string(),
///     "ingramspark's calculator covers 18 to 1200 pages of paperback premium-color, but its \
///      printing limit is 18 to 900: 1200 pages gives a template, not a book it will print"
/// );
/// # Ok::<(), podcover::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct BeyondPrintRange {
    /// Vendor, binding and paper, e.g. `ingramspark paperback white`.
    pub product: String,
    /// The page count asked for.
    pub pages: u32,
    /// What the vendor prints (on the trim, where the trim lowers the maximum).
    pub printed: PageRange,
    /// The trim that lowers the maximum, if one does.
    pub trim: Option<TrimSize>,
    /// What the vendor's spine calculator or templates cover.
    pub template: PageRange,
}

impl std::fmt::Display for BeyondPrintRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (vendor, rest) = self.product.split_once(' ').unwrap_or((&self.product, ""));
        let trim = self
            .trim
            .map(|t| format!(" on the {t} trim"))
            .unwrap_or_default();
        write!(
            f,
            "{vendor}'s calculator covers {} to {} pages of {rest}, but its printing limit is {} to {}{trim}: \
             {} pages gives a template, not a book it will print",
            self.template.min, self.template.max, self.printed.min, self.printed.max, self.pages
        )
    }
}

impl Paper {
    /// The readings behind this paper's spine rule, and their distinct sources.
    pub fn support(&self) -> Support {
        let mut sources: Vec<&str> = self
            .readings
            .iter()
            .map(|r| r.source.title.as_str())
            .collect();
        sources.sort_unstable();
        sources.dedup();
        Support {
            readings: self.readings.len(),
            sources: sources.len(),
        }
    }
}

impl<'a> Product<'a> {
    /// Every rule this product's layouts use, with source and confidence.
    ///
    /// ```
    /// let catalog = podcover::Catalog::builtin();
    /// let product = catalog.product("kdp".parse()?, "hardcover".parse()?, "cream".parse()?)?;
    /// let spine = product.rules().into_iter().find(|r| r.rule == "spine").unwrap();
    /// assert_eq!(spine.confidence, podcover::catalog::Confidence::Calculator);
    /// assert_eq!(spine.support.unwrap().to_string(), "3 readings from 2 sources");
    /// # Ok::<(), podcover::Error>(())
    /// ```
    pub fn rules(&self) -> Vec<RuleInfo<'a>> {
        fn info<'a, T>(rule: &'static str, s: &'a Sourced<T>) -> RuleInfo<'a> {
            const SIZE_RULES: [&str; 8] = [
                "spine",
                "bleed",
                "wrap",
                "board",
                "hinge",
                "flap",
                "flap_fold",
                "panel",
            ];
            RuleInfo {
                rule,
                confidence: s.confidence,
                source: &s.source,
                note: s.note.as_deref(),
                sets_size: SIZE_RULES.contains(&rule),
                support: None,
            }
        }
        let (p, b) = (self.paper, self.binding);
        let spine = RuleInfo {
            support: Some(p.support()),
            ..info("spine", &p.spine)
        };
        let mut rules = vec![spine, info("pages", &p.pages)];
        if let Some(t) = &p.template_pages {
            rules.push(info("template_pages", t));
        }
        if let Some(t) = &p.trims {
            rules.push(info("paper trims", t));
        }
        rules.extend(
            p.trim_page_limits
                .iter()
                .map(|l| info("trim_page_limit", l)),
        );
        rules.push(info("trims", &b.trims));
        if let Some(c) = &b.custom_trim {
            rules.push(info("custom_trim", c));
        }
        if let Some(bleed) = &b.bleed {
            rules.push(info("bleed", bleed));
        }
        match &b.construction {
            Construction::Flat => {}
            Construction::Case(c) => {
                rules.push(info("wrap", &c.wrap));
                rules.push(info("board", &c.board));
                rules.push(info("hinge", &c.hinge));
            }
            Construction::Jacket(j) => {
                rules.push(info("flap", &j.flap));
                rules.push(info("flap_fold", &j.flap_fold));
                rules.push(info("panel", &j.panel));
            }
        }
        rules.push(info("safe_margin", &b.safe_margin));
        rules.push(info("spine_margin", &b.spine_margin));
        rules.push(info("spine_tolerance", &b.spine_tolerance));
        rules.push(info("spine_text_min_pages", &b.spine_text_min_pages));
        rules.push(info("barcode", &b.barcode));
        if let Some(color) = &b.color {
            rules.push(info("color", color));
        }
        if let Some(ink) = &b.ink_limit {
            rules.push(info("ink_limit", ink));
        }
        if let Some(pdfx) = &b.pdfx {
            rules.push(info("pdfx", pdfx));
        }
        if let Some(transparency) = &b.transparency {
            rules.push(info("transparency", transparency));
        }
        if let Some(required) = &b.barcode_required {
            rules.push(info("barcode_required", required));
        }
        if let Some(ppi) = &b.min_image_ppi {
            rules.push(info("min_image_ppi", ppi));
        }
        if let Some(bleed) = &b.interior_bleed {
            rules.push(info("interior_bleed", bleed));
        }
        rules
    }

    /// The weakest confidence among the rules that set the spine width and sheet size.
    pub fn size_confidence(&self) -> Confidence {
        self.size_confidence_with(self.paper.spine.confidence)
    }

    /// As [`Product::size_confidence`], with the spine width's confidence given (a reading's
    /// instead of the rule's).
    ///
    /// A reading is the vendor's own figure for this very book: where the other rules are the
    /// vendor's published figures, the size is as sure as the reading, and its confidence is
    /// `reading`; a weaker rule (a calculator record or an estimate) still gives its own.
    ///
    /// The rules that set the size (those [`Product::rules`] marks `sets_size`), read directly:
    /// a layout needs this on every call.
    pub(crate) fn size_confidence_with(&self, spine: Confidence) -> Confidence {
        let others = self.size_confidence_without_spine();
        if spine == Confidence::Reading && others >= Confidence::Published {
            Confidence::Reading
        } else {
            spine.min(others)
        }
    }

    /// The weakest confidence among the rules other than the spine's that set the size.
    fn size_confidence_without_spine(&self) -> Confidence {
        let b = self.binding;
        let mut weakest = Confidence::Reading;
        if let Some(bleed) = &b.bleed {
            weakest = weakest.min(bleed.confidence);
        }
        match &b.construction {
            Construction::Flat => {}
            Construction::Case(c) => {
                for confidence in [c.wrap.confidence, c.board.confidence, c.hinge.confidence] {
                    weakest = weakest.min(confidence);
                }
            }
            Construction::Jacket(j) => {
                for confidence in [
                    j.flap.confidence,
                    j.flap_fold.confidence,
                    j.panel.confidence,
                ] {
                    weakest = weakest.min(confidence);
                }
            }
        }
        weakest
    }
}

/// Ids (or trims) as the owned list an error keeps.
pub(crate) fn ids<I: IntoIterator<Item = S>, S: AsRef<str>>(items: I) -> Vec<String> {
    items.into_iter().map(|s| s.as_ref().to_string()).collect()
}
