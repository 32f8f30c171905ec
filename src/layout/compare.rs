//! One book across every vendor: who can print it, and at what size.

use serde::Serialize;

use crate::catalog::{BindingId, Catalog, PaperId, Product, VendorId};
use crate::error::Error;
use crate::layout::CoverLayout;
use crate::units::TrimSize;

/// One vendor, binding and paper for a book, with its layout or the reason it cannot be
/// printed.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct Offer {
    /// Vendor id.
    pub vendor: VendorId,
    /// Binding id.
    pub binding: BindingId,
    /// Paper id (as asked, when the binding lacks it).
    pub paper: PaperId,
    /// The layout, or why the vendor cannot print the book this way.
    #[serde(serialize_with = "serialize_result")]
    pub result: Result<CoverLayout, Error>,
}

fn serialize_result<S: serde::Serializer>(
    result: &Result<CoverLayout, Error>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = serializer.serialize_map(Some(1))?;
    match result {
        Ok(layout) => map.serialize_entry("layout", layout)?,
        Err(e) => map.serialize_entry("error", &e.to_string())?,
    }
    map.end()
}

impl Catalog {
    /// Every vendor, binding and paper for a book of this trim and page count, with its layout
    /// or the reason it cannot be printed. With `paper`, only that paper is considered; a
    /// binding that lacks it gets one offer saying so.
    ///
    /// ```
    /// use podcover::Catalog;
    ///
    /// let offers = Catalog::builtin().compare(&"6x9".parse()?, 318, Some("cream".parse()?));
    /// let kdp = offers.iter().find(|o| o.vendor == "kdp" && o.binding == "paperback").unwrap();
    /// // 318 x 0.0025 in (KDP Help G201953020).
    /// assert!(kdp.result.as_ref().unwrap().spine_width().approx_eq(podcover::Length::inches(0.795)));
    /// # Ok::<(), podcover::Error>(())
    /// ```
    pub fn compare(&self, trim: &TrimSize, pages: u32, paper: Option<PaperId>) -> Vec<Offer> {
        let mut offers = Vec::new();
        for vendor in self.vendors() {
            for binding in &vendor.bindings {
                let mut offer = |paper: PaperId, result: Result<CoverLayout, Error>| {
                    offers.push(Offer {
                        vendor: vendor.id,
                        binding: binding.id,
                        paper,
                        result,
                    });
                };
                match paper {
                    Some(id) => {
                        let result = binding.paper(id).and_then(|paper| {
                            Product {
                                vendor,
                                binding,
                                paper,
                            }
                            .layout(trim, pages)
                        });
                        offer(id, result);
                    }
                    None => {
                        for paper in &binding.papers {
                            let result = Product {
                                vendor,
                                binding,
                                paper,
                            }
                            .layout(trim, pages);
                            offer(paper.id, result);
                        }
                    }
                }
            }
        }
        offers
    }
}
