//! The catalog of vendors, bindings, papers and trims, loaded from `paper-stocks/`.

use std::sync::OnceLock;

use serde::Serialize;

use crate::error::{Error, ErrorKind, Result};
use crate::units::{Length, TrimSize};

mod digital;
mod id;
mod model;
mod readings;
mod source;
mod spine;
mod stock;

pub use digital::{
    file_size_text, DigitalKind, DigitalProduct, ImageColor, ImageFormat, PixelSize,
};
pub use id::{BindingId, DigitalId, PaperId, VendorId};
pub use model::{
    BarcodeBox, BeyondPrintRange, Binding, CaseSpec, ColorMode, Construction, Edge, Hinge,
    HingePlacement, InkLimit, JacketSpec, Margin, PageLimits, PageRange, Paper, PdfxVersion,
    Product, Reading, Transparency, TrimFilter, TrimPageLimit, TrimRange, Vendor,
};
pub use readings::{ReadingCheck, ReadingKey, Readings, UnusedReading, UserReading};
pub use source::{Confidence, RuleInfo, Source, Sourced, Support};
pub use spine::{SpinePoint, SpineRounding, SpineRule, SpineShape, SpineStep};

/// The stock files built into the crate, sorted by name.
///
/// Each is `paper-stocks/<name>`; a test checks that every `.toml` file in the folder is listed.
pub const BUILTIN_STOCKS: &[(&str, &str)] = &[
    ("acx.toml", include_str!("../../paper-stocks/acx.toml")),
    (
        "generic.toml",
        include_str!("../../paper-stocks/generic.toml"),
    ),
    (
        "ingramspark.toml",
        include_str!("../../paper-stocks/ingramspark.toml"),
    ),
    ("kdp.toml", include_str!("../../paper-stocks/kdp.toml")),
    ("lulu.toml", include_str!("../../paper-stocks/lulu.toml")),
];

/// Every vendor podcover knows, with their bindings, papers and trims.
///
/// ```
/// use podcover::Catalog;
///
/// let catalog = Catalog::builtin();
/// let kdp = catalog.vendor("kdp".parse()?)?;
/// let white = kdp.binding("paperback".parse()?)?.paper("white".parse()?)?;
/// assert_eq!(white.pages.min, 24);
/// assert_eq!(white.spine.confidence, podcover::catalog::Confidence::Published);
/// # Ok::<(), podcover::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Catalog {
    vendors: Vec<Vendor>,
    /// The user's readings that name no product here, or a page count its paper does not take:
    /// kept in their file, left out of layouts.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    unused_readings: Vec<UnusedReading>,
}

impl Catalog {
    /// The catalog built from the stock files embedded in the crate, validated once.
    pub fn builtin() -> &'static Catalog {
        static BUILTIN: OnceLock<Catalog> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            let mut catalog = Catalog::empty();
            for (name, text) in BUILTIN_STOCKS {
                // The embedded files are checked by the test suite; failing here is a bug.
                #[allow(clippy::expect_used)]
                catalog
                    .add_stock(name, text)
                    .expect("embedded stock files are valid");
            }
            catalog
        })
    }

    /// A catalog with no vendors.
    pub fn empty() -> Catalog {
        Catalog {
            vendors: Vec::new(),
            unused_readings: Vec::new(),
        }
    }

    /// Parses and validates a stock file, then adds its vendor, replacing any vendor with the
    /// same id (so a user's file can correct a built-in vendor).
    ///
    /// `name` is used in error messages only.
    ///
    /// ```
    /// use podcover::Catalog;
    ///
    /// let mut catalog = Catalog::builtin().clone();
    /// let err = catalog.add_stock("mine.toml", "[vendor]\nid = 'x'").unwrap_err();
    /// assert!(err.to_string().starts_with("mine.toml: "));
    /// ```
    pub fn add_stock(&mut self, name: &str, text: &str) -> Result<&Vendor> {
        let vendor = stock::parse(name, text)?;
        let index = match self.vendors.iter().position(|v| v.id == vendor.id) {
            Some(i) => {
                self.vendors[i] = vendor;
                i
            }
            None => {
                self.vendors.push(vendor);
                self.vendors.len() - 1
            }
        };
        Ok(&self.vendors[index])
    }

    /// The paper to add readings to; the caller has looked it up already.
    pub(crate) fn paper_mut(
        &mut self,
        vendor: VendorId,
        binding: BindingId,
        paper: PaperId,
    ) -> &mut Paper {
        #[allow(clippy::expect_used)]
        self.vendors
            .iter_mut()
            .find(|v| v.id == vendor)
            .and_then(|v| v.bindings.iter_mut().find(|b| b.id == binding))
            .and_then(|b| b.papers.iter_mut().find(|p| p.id == paper))
            .expect("the product was looked up in this catalog")
    }

    /// The bleed most of the catalogue's print bindings ask for (a case's wrap is not bleed):
    /// what art made for no binding in particular is taken to have. The first of the most
    /// common, so that a tie is settled the same way every time.
    pub fn usual_bleed(&self) -> Length {
        let mut counts: Vec<(Length, usize)> = Vec::new();
        let bleeds = self
            .vendors()
            .iter()
            .flat_map(|v| &v.bindings)
            .filter_map(|b| b.bleed.as_ref().map(|b| b.value));
        for bleed in bleeds {
            match counts.iter_mut().find(|(b, _)| b.approx_eq(bleed)) {
                Some((_, n)) => *n += 1,
                None => counts.push((bleed, 1)),
            }
        }
        let most = counts.iter().map(|(_, n)| *n).max().unwrap_or(0);
        counts
            .into_iter()
            .find(|(_, n)| *n == most)
            .map_or(Length::ZERO, |(b, _)| b)
    }

    /// All vendors, in the order they were added.
    pub fn vendors(&self) -> &[Vendor] {
        &self.vendors
    }

    /// The vendor with this id, or with this among its other names.
    pub fn vendor(&self, id: VendorId) -> Result<&Vendor> {
        self.vendors
            .iter()
            .find(|v| v.id == id)
            .or_else(|| {
                self.vendors
                    .iter()
                    .find(|v| v.also_known_as.as_ref().is_some_and(|a| a.contains(&id)))
            })
            .ok_or_else(|| {
                let allowed = model::ids(self.vendors.iter().map(|v| v.id.as_str()));
                let message = format!(
                    "unknown vendor {:?}; expected one of: {}",
                    id.as_str(),
                    allowed.join(", ")
                );
                Error::unknown(ErrorKind::UnknownVendor, id.as_str(), allowed, message)
            })
    }

    /// The vendor, binding and paper with these ids.
    ///
    /// ```
    /// use podcover::Catalog;
    ///
    /// // IngramSpark also answers to its older name.
    /// let product = Catalog::builtin().product("lsi".parse()?, "paperback".parse()?, "cream".parse()?)?;
    /// assert_eq!(product.vendor.id, "ingramspark");
    /// # Ok::<(), podcover::Error>(())
    /// ```
    pub fn product(
        &self,
        vendor: VendorId,
        binding: BindingId,
        paper: PaperId,
    ) -> Result<Product<'_>> {
        let vendor = self.vendor(vendor)?;
        let binding = vendor.binding(binding)?;
        let paper = binding.paper(paper)?;
        Ok(Product {
            vendor,
            binding,
            paper,
        })
    }

    /// A vendor's digital product (an ebook or audiobook cover image).
    ///
    /// ```
    /// let audiobook = podcover::Catalog::builtin().digital("acx".parse()?, "audiobook".parse()?)?;
    /// assert_eq!(audiobook.size.value.aspect(), 1.0);
    /// # Ok::<(), podcover::Error>(())
    /// ```
    pub fn digital(&self, vendor: VendorId, product: DigitalId) -> Result<&DigitalProduct> {
        self.vendor(vendor)?.digital_product(product)
    }

    /// Every trim size in the catalog with the vendors and bindings that print it, most widely
    /// offered first.
    ///
    /// ```
    /// let trims = podcover::Catalog::builtin().trims();
    /// let six_by_nine = trims.iter().find(|t| t.trim.to_string() == "6x9in").unwrap();
    /// assert!(six_by_nine.vendors().len() >= 3);
    /// ```
    pub fn trims(&self) -> Vec<TrimOffers> {
        let mut offers: Vec<TrimOffers> = Vec::new();
        for vendor in &self.vendors {
            for binding in &vendor.bindings {
                for trim in binding.trims.value.iter() {
                    let entry = (vendor.id, binding.id);
                    match offers.iter_mut().find(|o| o.trim.matches(trim)) {
                        Some(o) => o.offered_by.push(entry),
                        None => offers.push(TrimOffers {
                            trim: *trim,
                            offered_by: vec![entry],
                        }),
                    }
                }
            }
        }
        offers.sort_by(|a, b| {
            b.vendors()
                .len()
                .cmp(&a.vendors().len())
                .then(a.trim.width.total_cmp(&b.trim.width))
                .then(a.trim.height.total_cmp(&b.trim.height))
        });
        offers
    }
}

/// A trim size and who prints it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct TrimOffers {
    /// The trim.
    pub trim: TrimSize,
    /// `(vendor, binding)` pairs that offer it.
    pub offered_by: Vec<(VendorId, BindingId)>,
}

impl TrimOffers {
    /// The distinct vendors that offer the trim.
    pub fn vendors(&self) -> Vec<VendorId> {
        let mut ids: Vec<VendorId> = self.offered_by.iter().map(|(v, _)| *v).collect();
        ids.dedup();
        ids
    }
}
