//! A user's own spine readings: what a vendor's template said for one book, kept in a small TOML
//! file and applied on top of the catalog.

use std::fmt::Write;

use serde::{Deserialize, Serialize};

use crate::catalog::id::{BindingId, PaperId, VendorId};
use crate::catalog::model::Product;
use crate::catalog::stock::{reading_spine, reading_spine_range, toml_error};
use crate::catalog::{Catalog, Reading, Source};
use crate::error::{Error, Result};
use crate::units::{Length, TrimSize, Unit};

/// Spine readings a user recorded from their vendors' templates.
///
/// ```
/// use podcover::{BookSpec, Catalog, catalog::{Confidence, Readings, UserReading}, Length};
///
/// let catalog = Catalog::builtin();
/// let mut readings = Readings::default();
/// readings.add(catalog, UserReading {
///     vendor: "ingramspark".parse()?,
///     binding: "paperback".parse()?,
///     paper: "cream".parse()?,
///     pages: 400,
///     spine: Length::inches(0.889),
///     trim: None,
///     source: "my template, 2026-11-20".into(),
///     added: "2026-11-25".into(),
/// })?;
/// let catalog = catalog.with_readings("readings.toml", &readings)?;
/// let spec = BookSpec::parse("ingramspark", "paperback", "cream", "6x9", 400)?;
/// let layout = catalog.layout(&spec)?;
/// assert!(layout.spine_width().approx_eq(Length::inches(0.889)));
/// assert_eq!(layout.spine_basis.confidence(), Confidence::Reading);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
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

impl UserReading {
    /// The longest `source` or `added` text a new reading may have, in characters: room for a
    /// file name, a request number and a date, and small enough that thousands of readings
    /// stay within [`Readings::MAX_BYTES`].
    pub const MAX_TEXT_CHARS: usize = 200;

    /// `vendor binding paper N pages`, as messages name a reading.
    fn describe(&self) -> String {
        format!(
            "{} {} {} {} pages",
            self.vendor, self.binding, self.paper, self.pages
        )
    }
}

/// What a reading is for, as the catalog names it: the product's own ids (an alias such as
/// `lsi` becomes `ingramspark`) and the page count the vendor computes (IngramSpark computes
/// 317 pages as 318). Readings with the same key give the same spine, so a new one replaces
/// the old.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ReadingKey {
    /// The vendor's own id.
    pub vendor: VendorId,
    /// Binding id.
    pub binding: BindingId,
    /// Paper id.
    pub paper: PaperId,
    /// Pages as the vendor counts them.
    pub pages: u32,
}

/// A reading in a user's file that the catalog has no place for: a product it does not have
/// (say from a stock file not given this time), or a page count the paper does not take. It
/// stays in the file and is left out of layouts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct UnusedReading {
    /// The readings file.
    pub file: String,
    /// Its place among the file's readings, from 1.
    pub number: usize,
    /// The reading.
    pub reading: UserReading,
    /// Why it is left out, e.g. `unknown vendor "acme"; expected one of: kdp, ...`.
    pub reason: String,
}

impl std::fmt::Display for UnusedReading {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "reading {} ({}): {}",
            self.number,
            self.reading.describe(),
            self.reason
        )
    }
}

impl Readings {
    /// The largest readings file read, in bytes: 1 MiB, about 3,000 readings. A file is never
    /// written larger.
    pub const MAX_BYTES: usize = 1 << 20;

    /// The most readings a file may hold: far more than anyone records by hand.
    pub const MAX_READINGS: usize = 10_000;

    /// Parses a readings file; `name` is used in error messages only. A TOML error gives its
    /// line and column.
    pub fn parse(name: &str, text: &str) -> Result<Readings> {
        let fail = |message: String| Error::stock(name, "file", message);
        if text.len() > Self::MAX_BYTES {
            return Err(fail(format!(
                "{} bytes; a readings file may hold at most {} bytes (1 MiB)",
                text.len(),
                Self::MAX_BYTES
            )));
        }
        let readings: Readings = toml::from_str(text).map_err(|e| toml_error(name, text, &e))?;
        if readings.entries.len() > Self::MAX_READINGS {
            return Err(fail(format!(
                "{} readings; at most {} are accepted",
                readings.entries.len(),
                Self::MAX_READINGS
            )));
        }
        Ok(readings)
    }

    /// Adds a reading once [`Catalog::check_reading`] accepts it. Readings for the same spine
    /// (the same [`ReadingKey`]) are replaced: the new one takes the place of the first of them.
    /// Returns the readings replaced.
    pub fn add(&mut self, catalog: &Catalog, reading: UserReading) -> Result<Vec<UserReading>> {
        let key = catalog.check_reading(&reading)?;
        let same = self.same_spine(catalog, key);
        let at = same.first().copied().unwrap_or(self.entries.len());
        let mut replaced = Vec::with_capacity(same.len());
        for &i in same.iter().rev() {
            replaced.push(self.entries.remove(i));
        }
        replaced.reverse();
        self.entries.insert(at, reading);
        Ok(replaced)
    }

    /// The positions of the readings for this key, in file order. Readings the catalog has no
    /// product for match no key.
    pub fn same_spine(&self, catalog: &Catalog, key: ReadingKey) -> Vec<usize> {
        self.entries
            .iter()
            .enumerate()
            .filter(|(_, r)| catalog.reading_key(r).is_ok_and(|k| k == key))
            .map(|(i, _)| i)
            .collect()
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
#[non_exhaustive]
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

impl Product<'_> {
    /// The reading a layout uses at this page count (counted as the vendor counts it) beside the
    /// spine rule's width; none where there is no reading, or the rule gives no width there.
    pub fn reading_check(&self, pages: u32) -> Option<ReadingCheck> {
        let reading = self.paper.reading(self.paper.pages.counted(pages))?;
        self.check_against_model(reading)
    }

    /// `reading` beside the spine rule's width for its page count.
    fn check_against_model(&self, reading: &Reading) -> Option<ReadingCheck> {
        let model = self.paper.spine.width(reading.pages)?;
        let tolerance = self.binding.spine_tolerance.value;
        let difference = reading.spine - model;
        Some(ReadingCheck {
            vendor: self.vendor.id,
            binding: self.binding.id,
            paper: self.paper.id,
            reading: reading.clone(),
            model,
            difference,
            tolerance,
            flagged: difference.abs() > tolerance,
        })
    }
}

impl Catalog {
    /// This catalog with a user's readings added: a layout at a reading's page count uses it
    /// (replacing a built-in reading at the same count). `file` names the readings file.
    ///
    /// A reading for a product this catalog does not have, or for a page count its paper does
    /// not take, is left out and listed in [`Catalog::unused_readings`]: the file may hold
    /// readings for a stock file not given this time. A width outside the plausible range of a
    /// spine is an error.
    pub fn with_readings(&self, file: &str, readings: &Readings) -> Result<Catalog> {
        let mut catalog = self.clone();
        for (i, r) in readings.entries.iter().enumerate() {
            let at = format!("reading {} ({})", i + 1, r.describe());
            reading_spine(r.spine)
                .map_err(|message| Error::stock(file, &format!("{at} field \"spine\""), message))?;
            let product = match self
                .product(r.vendor, r.binding, r.paper)
                .and_then(|p| p.check_pages(None, r.pages).map(|()| p))
            {
                Ok(product) => product,
                Err(e) => {
                    catalog.unused_readings.push(UnusedReading {
                        file: file.to_string(),
                        number: i + 1,
                        reading: r.clone(),
                        reason: e.to_string(),
                    });
                    continue;
                }
            };
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

    /// The readings [`Catalog::with_readings`] left out, and why.
    pub fn unused_readings(&self) -> &[UnusedReading] {
        &self.unused_readings
    }

    /// What a reading is for, as this catalog names it; an error if the catalog has no such
    /// product.
    pub fn reading_key(&self, reading: &UserReading) -> Result<ReadingKey> {
        let product = self.product(reading.vendor, reading.binding, reading.paper)?;
        Ok(ReadingKey {
            vendor: product.vendor.id,
            binding: product.binding.id,
            paper: product.paper.id,
            pages: product.paper.pages.counted(reading.pages),
        })
    }

    /// Checks a reading before it is recorded: a product this catalog has, a page count its
    /// paper takes, a plausible width, and `source` and `added` of 1 to
    /// [`UserReading::MAX_TEXT_CHARS`] characters with no control characters. Returns what it
    /// is for.
    pub fn check_reading(&self, reading: &UserReading) -> Result<ReadingKey> {
        check_text("reading source", &reading.source)?;
        check_text("reading date", &reading.added)?;
        let (min, max) = reading_spine_range();
        if reading_spine(reading.spine).is_err() {
            return Err(Error::invalid(
                "spine width",
                // With the digits that set a value just past a limit apart from it.
                reading.spine.display_apart(Unit::In, &[min, max]),
                format_args!("a width from {min:.3} to {max:.3}"),
            ));
        }
        let product = self.product(reading.vendor, reading.binding, reading.paper)?;
        product.check_pages(None, reading.pages)?;
        self.reading_key(reading)
    }

    /// Every reading in the catalog beside the spine rule's width, flagged where the two differ
    /// by more than the vendor's spine tolerance.
    pub fn reading_checks(&self) -> Vec<ReadingCheck> {
        let mut checks = Vec::new();
        for vendor in self.vendors() {
            for binding in &vendor.bindings {
                for paper in &binding.papers {
                    let product = Product {
                        vendor,
                        binding,
                        paper,
                    };
                    checks.extend(
                        paper
                            .readings
                            .iter()
                            .filter_map(|r| product.check_against_model(r)),
                    );
                }
            }
        }
        checks
    }
}

/// A reading's text field: 1 to [`UserReading::MAX_TEXT_CHARS`] characters, none of them
/// control characters (a line break would split the listing's line).
fn check_text(what: &'static str, text: &str) -> Result<()> {
    let chars = text.chars().count();
    let problem = if text.trim().is_empty() {
        Some("some text, e.g. \"my template, 2026-11-20\"".to_string())
    } else if chars > UserReading::MAX_TEXT_CHARS {
        Some(format!(
            "at most {} characters; this has {chars}",
            UserReading::MAX_TEXT_CHARS
        ))
    } else if text.chars().any(char::is_control) {
        Some("text on one line, without control characters".to_string())
    } else {
        None
    };
    match problem {
        None => Ok(()),
        Some(expected) => Err(Error::invalid(what, preview(text), expected)),
    }
}

/// The first 40 characters of a text, with `...` where it goes on.
fn preview(text: &str) -> String {
    const SHOWN: usize = 40;
    match text.char_indices().nth(SHOWN) {
        Some((end, _)) => format!("{}...", &text[..end]),
        None => text.to_string(),
    }
}
