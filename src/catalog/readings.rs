//! A user's own spine readings: what a vendor's template said for one book, kept in a small TOML
//! file and applied on top of the catalog.

use std::fmt::Write;

use serde::{Deserialize, Serialize};

use crate::catalog::id::{BindingId, PaperId, VendorId};
use crate::catalog::{Catalog, Reading, Source};
use crate::error::{Error, Result};
use crate::units::{Length, TrimSize};

/// Spine readings a user recorded from their vendors' templates.
///
/// ```
/// use podcover::{BookSpec, Catalog, Confidence, Length, Readings, UserReading};
///
/// let mut readings = Readings::default();
/// readings.add(UserReading {
///     vendor: "ingramspark".parse()?,
///     binding: "paperback".parse()?,
///     paper: "cream".parse()?,
///     pages: 400,
///     spine: Length::inches(0.889),
///     trim: None,
///     source: "my template, 2026-11-20".into(),
///     added: "2026-11-25".into(),
/// });
/// let catalog = Catalog::builtin().with_readings("readings.toml", &readings)?;
/// let spec = BookSpec::parse("ingramspark", "paperback", "cream", "6x9", 400)?;
/// let layout = catalog.layout(&spec)?;
/// assert!(layout.spine_width().approx_eq(Length::inches(0.889)));
/// assert_eq!(layout.spine_basis.confidence(), Confidence::Reading);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Readings {
    /// The readings, in the order they were added.
    #[serde(default, rename = "reading")]
    pub entries: Vec<UserReading>,
}

/// One spine width read off a vendor's template or calculator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserReading {
    /// Vendor id (or another id the vendor answers to).
    pub vendor: VendorId,
    /// Binding id.
    pub binding: BindingId,
    /// Paper id.
    pub paper: PaperId,
    /// Printed pages the template was made for.
    pub pages: u32,
    /// The spine width the template gave.
    pub spine: Length,
    /// The trim the template was for, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trim: Option<TrimSize>,
    /// Where the figure comes from, e.g. `my template, 2026-11-20`.
    pub source: String,
    /// When the reading was recorded, `YYYY-MM-DD`.
    pub added: String,
}

/// The most readings a file may hold: far more than anyone records by hand.
const MAX_READINGS: usize = 10_000;

impl Readings {
    /// Parses a readings file; `name` is used in error messages only.
    pub fn parse(name: &str, text: &str) -> Result<Readings> {
        let fail = |location: String, message: String| Error::Stock {
            file: name.to_string(),
            location,
            message,
        };
        let readings: Readings = toml::from_str(text)
            .map_err(|e| fail("file".into(), e.message().trim().to_string()))?;
        if readings.entries.len() > MAX_READINGS {
            return Err(fail(
                "file".into(),
                format!(
                    "{} readings; at most {MAX_READINGS} are accepted",
                    readings.entries.len()
                ),
            ));
        }
        Ok(readings)
    }

    /// Adds a reading, replacing one for the same vendor, binding, paper and page count.
    pub fn add(&mut self, reading: UserReading) {
        self.entries.retain(|r| {
            !(r.vendor == reading.vendor
                && r.binding == reading.binding
                && r.paper == reading.paper
                && r.pages == reading.pages)
        });
        self.entries.push(reading);
    }

    /// The file's text, as [`Readings::parse`] reads it.
    pub fn to_toml(&self) -> String {
        let mut out = String::from(
            "# Spine widths read off vendors' templates, recorded with `podcover reading add`.\n",
        );
        for r in &self.entries {
            let _ = write!(
                out,
                "\n[[reading]]\nvendor = {}\nbinding = {}\npaper = {}\npages = {}\nspine = {}\n",
                quote(r.vendor.as_str()),
                quote(r.binding.as_str()),
                quote(r.paper.as_str()),
                r.pages,
                quote(&r.spine.to_string()),
            );
            if let Some(trim) = &r.trim {
                let _ = writeln!(out, "trim = {}", quote(&trim.to_string()));
            }
            let _ = write!(
                out,
                "source = {}\nadded = {}\n",
                quote(&r.source),
                quote(&r.added)
            );
        }
        out
    }
}

/// A TOML basic string.
fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A reading beside the spine rule's width for the same page count.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadingCheck {
    /// Vendor id.
    pub vendor: VendorId,
    /// Binding id.
    pub binding: BindingId,
    /// Paper id.
    pub paper: PaperId,
    /// The reading.
    pub reading: Reading,
    /// The spine rule's width for the reading's page count.
    pub model: Length,
    /// The reading less the model.
    pub difference: Length,
    /// The vendor's spine tolerance for the binding.
    pub tolerance: Length,
    /// Whether the reading is farther from the model than the tolerance: worth a second look
    /// (it is used all the same).
    pub flagged: bool,
}

impl Catalog {
    /// This catalog with a user's readings added: a layout at a reading's page count uses it
    /// (replacing a built-in reading at the same count). Every reading must name a product the
    /// catalog has, a page count the paper allows and a plausible width; `file` names the
    /// readings file in errors.
    pub fn with_readings(&self, file: &str, readings: &Readings) -> Result<Catalog> {
        let mut catalog = self.clone();
        for (i, r) in readings.entries.iter().enumerate() {
            let at = format!(
                "reading {} ({} {} {} {} pages)",
                i + 1,
                r.vendor,
                r.binding,
                r.paper,
                r.pages
            );
            let fail = |message: String| Error::Stock {
                file: file.to_string(),
                location: at.clone(),
                message,
            };
            let product = self
                .product(r.vendor, r.binding, r.paper)
                .map_err(|e| fail(e.to_string()))?;
            product
                .check_pages(None, r.pages)
                .map_err(|e| fail(e.to_string()))?;
            let (min, max) = (Length::inches(0.001), Length::inches(6.0));
            if !(r.spine.is_finite() && r.spine >= min && r.spine <= max) {
                return Err(fail(format!(
                    "spine {} must lie between {min} and {max}",
                    r.spine
                )));
            }
            let pages = product.paper.pages.counted(r.pages);
            let reading = Reading {
                pages,
                spine: r.spine,
                trim: r.trim,
                source: Source {
                    id: "readings".into(),
                    title: r.source.clone(),
                    url: None,
                    date: r.added.clone(),
                },
                note: (pages != r.pages).then(|| {
                    format!(
                        "recorded for {} pages, which the vendor counts as {pages}",
                        r.pages
                    )
                }),
                file: file.to_string(),
            };
            let (vendor, binding, paper) =
                (product.vendor.id, product.binding.id, product.paper.id);
            catalog
                .paper_mut(vendor, binding, paper)
                .readings
                .push(reading);
        }
        Ok(catalog)
    }

    /// Every reading in the catalog beside the spine rule's width, flagged where the two differ
    /// by more than the vendor's spine tolerance.
    pub fn reading_checks(&self) -> Vec<ReadingCheck> {
        let mut checks = Vec::new();
        for vendor in self.vendors() {
            for binding in &vendor.bindings {
                let tolerance = binding.spine_tolerance.value;
                for paper in &binding.papers {
                    for reading in &paper.readings {
                        let Some(model) = paper.spine.width(reading.pages) else {
                            continue;
                        };
                        let difference = reading.spine - model;
                        checks.push(ReadingCheck {
                            vendor: vendor.id,
                            binding: binding.id,
                            paper: paper.id,
                            reading: reading.clone(),
                            model,
                            difference,
                            tolerance,
                            flagged: difference.abs() > tolerance,
                        });
                    }
                }
            }
        }
        checks
    }
}
