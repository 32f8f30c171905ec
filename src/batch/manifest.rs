//! The batch manifest: titles, each with the targets to build it for.
//!
//! The file's text is read into private raw structs, then every value is parsed into its type
//! (trim, ISBN, price, extend, ids) with the book and field it came from, so a bad value fails
//! when the manifest is read, not when its title is built.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::barcode::{Isbn, Price};
use crate::catalog::{BindingId, DigitalId, ImageFormat, PaperId, VendorId};
use crate::cover::{parse_rgb, Anchor, DigitalOptions, Extend, Fit};
use crate::error::{Error, Result};
use crate::units::{Length, TrimSize};

/// A batch manifest: `[[book]]` entries, each with `[[book.target]]`s.
///
/// ```
/// let manifest = podcover::batch::Manifest::parse("catalogue.toml", r#"
/// [[book]]
/// id = "harbor-lights"
/// trim = "6x9"
/// pages = 318
/// front = "art/front.pdf"
/// back = "art/back.pdf"
/// spine_text = { title = "Harbor Lights", author = "A. Writer", font = "fonts/Serif.ttf" }
/// [[book.target]]
/// vendor = "kdp"
/// binding = "paperback"
/// paper = "cream"
/// [[book.target]]
/// vendor = "kdp"
/// product = "ebook"
/// fit = "crop"
/// anchor = "top"
/// "#)?;
/// assert_eq!(manifest.book[0].target.len(), 2);
/// assert_eq!(manifest.book[0].target[1].file_name(), "kdp-ebook.jpg");
/// # Ok::<(), podcover::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Manifest {
    /// The titles.
    pub book: Vec<Book>,
}

/// One title in a manifest. Paths are relative to the manifest's folder.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Book {
    /// Output folder name: lowercase letters, digits, `-` and `_`.
    pub id: String,
    /// Trim size, e.g. `6x9` (optional with `interior`).
    pub trim: Option<TrimSize>,
    /// Printed pages (or give `interior`).
    pub pages: Option<u32>,
    /// Interior PDF, for the page count and trim.
    pub interior: Option<PathBuf>,
    /// ISBN for the barcode.
    pub isbn: Option<Isbn>,
    /// EAN-5 price add-on (default 90000).
    pub price: Option<Price>,
    /// Front cover artwork: PDF, JPEG or PNG.
    pub front: Option<PathBuf>,
    /// Back cover artwork: PDF, JPEG or PNG.
    pub back: Option<PathBuf>,
    /// Without `back`: the back cover's colour as CMYK from 0 to 1.
    pub back_color: Option<[f32; 4]>,
    /// How bleed, wrap and flap folds the artwork does not reach are filled: `mirror` (the
    /// default), `edge`, `none`, `color` or `color:C,M,Y,K`.
    pub extend: Option<Extend>,
    /// A dust jacket's back flap artwork.
    pub back_flap: Option<PathBuf>,
    /// A dust jacket's front flap artwork.
    pub front_flap: Option<PathBuf>,
    /// A dust jacket's flap colour as CMYK, for a flap without artwork.
    pub flap_color: Option<[f32; 4]>,
    /// Spine artwork: PDF, JPEG or PNG.
    pub spine: Option<PathBuf>,
    /// Spine text.
    pub spine_text: Option<SpineTextEntry>,
    /// Spine colour as CMYK from 0 to 1, e.g. `[0, 0, 0, 1]`: the whole spine, or the
    /// background of `spine_text`.
    pub spine_color: Option<[f32; 4]>,
    /// Refuse a colour given for the cover (`spine_color`, `back_color`, `flap_color`, spine
    /// text colour) that is over a vendor's ink limit, instead of reducing it with a warning
    /// (default false).
    pub strict_color: bool,
    /// A whole cover PDF, to respine (instead of front and back).
    pub cover: Option<PathBuf>,
    /// What `cover` was made for.
    pub made_for: Option<MadeFor>,
    /// Vendors to build for: print covers and digital editions.
    pub target: Vec<Target>,
    /// How each digital edition's image is made (every [`Target::Digital`] has an entry): its
    /// fit, anchor, background and JPEG quality, as `compose --product` takes them.
    pub images: BTreeMap<Target, DigitalOptions>,
}

/// Spine text in a manifest.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SpineTextEntry {
    /// Title.
    pub title: String,
    /// Author.
    pub author: Option<String>,
    /// Imprint.
    pub imprint: Option<String>,
    /// Bottom to top instead of top to bottom.
    #[serde(default)]
    pub bottom_to_top: bool,
    /// TrueType or OpenType font to embed as a subset (default: DejaVu Sans, Latin letters,
    /// built in).
    pub font: Option<PathBuf>,
    /// Text colour as CMYK from 0 to 1 (default `[0, 0, 0, 1]`, black ink alone); the book's
    /// `spine_color`, if any, is the background it is set on.
    pub color: Option<[f32; 4]>,
}

/// The vendor, binding, paper and page count (or spine width) a whole cover was made for.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct MadeFor {
    /// Vendor id.
    pub vendor: VendorId,
    /// Binding id.
    pub binding: BindingId,
    /// Paper id.
    pub paper: PaperId,
    /// Page count it was made for.
    pub pages: Option<u32>,
    /// Or its spine width, e.g. `"0.75in"`.
    pub spine: Option<Length>,
}

/// What a title is built as: a vendor's print cover, or a store's digital edition image.
///
/// In a report it is written as its fields: `vendor`, `binding` and `paper`, or `vendor`,
/// `product` and `format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum Target {
    /// A print cover, written as a PDF.
    Print {
        /// Vendor id.
        vendor: VendorId,
        /// Binding id.
        binding: BindingId,
        /// Paper id.
        paper: PaperId,
    },
    /// A digital edition's cover image (an ebook or audiobook), made from the front art.
    Digital {
        /// Vendor id.
        vendor: VendorId,
        /// The vendor's digital product, e.g. `ebook`.
        product: DigitalId,
        /// The image's format: JPEG (the default) or PNG.
        format: ImageFormat,
    },
}

impl Target {
    /// The vendor.
    pub fn vendor(&self) -> VendorId {
        match self {
            Target::Print { vendor, .. } | Target::Digital { vendor, .. } => *vendor,
        }
    }

    /// The output file's name without its extension: `<vendor>-<binding>-<paper>` or
    /// `<vendor>-<product>`.
    pub fn stem(&self) -> String {
        match self {
            Target::Print {
                vendor,
                binding,
                paper,
            } => format!("{vendor}-{binding}-{paper}"),
            Target::Digital {
                vendor, product, ..
            } => format!("{vendor}-{product}"),
        }
    }

    /// The output file name: `<vendor>-<binding>-<paper>.pdf`, or `<vendor>-<product>.jpg`
    /// (`.png`) for a digital edition.
    pub fn file_name(&self) -> String {
        let extension = match self {
            Target::Print { .. } => "pdf",
            Target::Digital {
                format: ImageFormat::Png,
                ..
            } => "png",
            Target::Digital {
                format: ImageFormat::Tiff,
                ..
            } => "tif",
            Target::Digital { .. } => "jpg",
        };
        format!("{}.{extension}", self.stem())
    }
}

impl fmt::Display for Target {
    /// `kdp paperback cream`, or `kdp ebook (JPEG)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Print {
                vendor,
                binding,
                paper,
            } => write!(f, "{vendor} {binding} {paper}"),
            Target::Digital {
                vendor,
                product,
                format,
            } => write!(f, "{vendor} {product} ({format})"),
        }
    }
}

/// The file as written: values as text, parsed with their book and field by [`Manifest::parse`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawManifest {
    #[serde(default)]
    book: Vec<RawBook>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBook {
    id: String,
    trim: Option<String>,
    pages: Option<u32>,
    interior: Option<PathBuf>,
    isbn: Option<String>,
    price: Option<String>,
    front: Option<PathBuf>,
    back: Option<PathBuf>,
    back_color: Option<Vec<f32>>,
    extend: Option<String>,
    back_flap: Option<PathBuf>,
    front_flap: Option<PathBuf>,
    flap_color: Option<Vec<f32>>,
    spine: Option<PathBuf>,
    spine_text: Option<SpineTextEntry>,
    spine_color: Option<Vec<f32>>,
    #[serde(default)]
    strict_color: bool,
    cover: Option<PathBuf>,
    made_for: Option<RawMadeFor>,
    target: Vec<RawTarget>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMadeFor {
    vendor: String,
    binding: String,
    paper: String,
    pages: Option<u32>,
    spine: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTarget {
    vendor: String,
    binding: Option<String>,
    paper: Option<String>,
    product: Option<String>,
    format: Option<String>,
    fit: Option<String>,
    anchor: Option<String>,
    background: Option<String>,
    quality: Option<i64>,
}

impl RawTarget {
    /// The target, and for a digital edition how its image is made; `at` names it in errors.
    fn parse(
        &self,
        at: &str,
        fail: &dyn Fn(String, String) -> Error,
    ) -> Result<(Target, Option<DigitalOptions>)> {
        let vendor = field(at, "vendor", &self.vendor, fail)?;
        let product =
            match (&self.binding, &self.paper, &self.product) {
                (Some(binding), Some(paper), None) => {
                    let image_fields = [
                        ("format", self.format.is_some()),
                        ("fit", self.fit.is_some()),
                        ("anchor", self.anchor.is_some()),
                        ("background", self.background.is_some()),
                        ("quality", self.quality.is_some()),
                    ];
                    if let Some((name, _)) = image_fields.iter().find(|(_, given)| *given) {
                        return Err(fail(
                            format!("{at} field {name:?}"),
                            "only a digital edition (product) takes it; a print cover is a PDF"
                                .into(),
                        ));
                    }
                    let target = Target::Print {
                        vendor,
                        binding: field(at, "binding", binding, fail)?,
                        paper: field(at, "paper", paper, fail)?,
                    };
                    return Ok((target, None));
                }
                (None, None, Some(product)) => field(at, "product", product, fail)?,
                (_, _, Some(_)) => return Err(fail(
                    at.into(),
                    "give binding and paper (a print cover) or product (a digital edition), not \
                     both"
                        .into(),
                )),
                _ => return Err(fail(
                    at.into(),
                    "give binding and paper for a print cover, or product for a digital edition"
                        .into(),
                )),
            };
        let format = match self.format.as_deref().map(str::trim) {
            None | Some("jpeg" | "jpg") => ImageFormat::Jpeg,
            Some("png") => ImageFormat::Png,
            Some(other) => {
                return Err(fail(
                    format!("{at} field \"format\""),
                    format!("invalid image format {other:?}: expected jpeg or png"),
                ))
            }
        };
        let mut options = DigitalOptions::new().format(format);
        if let Some(quality) = self.quality {
            if format == ImageFormat::Png {
                return Err(fail(
                    format!("{at} field \"quality\""),
                    "quality sets a JPEG's compression; a PNG has none: remove it".into(),
                ));
            }
            match u8::try_from(quality) {
                Ok(q) if (1..=100).contains(&q) => options = options.quality(q),
                _ => {
                    return Err(fail(
                        format!("{at} field \"quality\""),
                        format!(
                            "invalid JPEG quality {quality}: expected a whole number from 1 to 100"
                        ),
                    ))
                }
            }
        }
        let fit: Option<Fit> = optional(at, "fit", &self.fit, fail)?;
        let anchor: Option<Anchor> = optional(at, "anchor", &self.anchor, fail)?;
        match (fit, anchor) {
            (Some(fit), anchor) => options = options.fit(fit, anchor.unwrap_or_default()),
            (None, Some(_)) => {
                return Err(fail(
                    format!("{at} field \"anchor\""),
                    "anchor places the art of a fit: give fit too (crop, extend or color)".into(),
                ))
            }
            (None, None) => {}
        }
        if let Some(text) = &self.background {
            let rgb = parse_rgb(text)
                .map_err(|e| fail(format!("{at} field \"background\""), e.to_string()))?;
            options = options.background(rgb);
        }
        let target = Target::Digital {
            vendor,
            product,
            format,
        };
        Ok((target, Some(options)))
    }
}

/// Parses one field's text, naming the field in the error: `field "trim": invalid trim ...`.
fn field<T>(at: &str, name: &str, text: &str, fail: &dyn Fn(String, String) -> Error) -> Result<T>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    text.parse()
        .map_err(|e: T::Err| fail(format!("{at} field {name:?}"), e.to_string()))
}

/// Parses an optional field.
fn optional<T>(
    at: &str,
    name: &str,
    text: &Option<String>,
    fail: &dyn Fn(String, String) -> Error,
) -> Result<Option<T>>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    text.as_deref()
        .map(|text| field(at, name, text, fail))
        .transpose()
}

/// Checks a colour has four inks, each from 0 to 1, naming the field in the error.
fn inks(
    at: &str,
    name: &str,
    color: Option<Vec<f32>>,
    fail: &dyn Fn(String, String) -> Error,
) -> Result<Option<[f32; 4]>> {
    let Some(color) = color else {
        return Ok(None);
    };
    match <[f32; 4]>::try_from(color.as_slice()) {
        Ok(inks) if inks.iter().all(|v| (0.0..=1.0).contains(v)) => Ok(Some(inks)),
        _ => {
            // A long list is named by its length, not repeated.
            let values = if color.len() <= 8 {
                let values: Vec<String> = color.iter().map(f32::to_string).collect();
                format!("[{}]", values.join(", "))
            } else {
                format!("of {} values", color.len())
            };
            Err(fail(
                format!("{at} field {name:?}"),
                format!("invalid CMYK colour {values}: expected four inks from 0 to 1"),
            ))
        }
    }
}

impl RawBook {
    /// The book with every value parsed; `at` names it in errors.
    fn parse(self, at: &str, fail: &dyn Fn(String, String) -> Error) -> Result<Book> {
        let made_for = match &self.made_for {
            Some(m) => {
                let at = format!("{at} made_for");
                Some(MadeFor {
                    vendor: field(&at, "vendor", &m.vendor, fail)?,
                    binding: field(&at, "binding", &m.binding, fail)?,
                    paper: field(&at, "paper", &m.paper, fail)?,
                    pages: m.pages,
                    spine: optional(&at, "spine", &m.spine, fail)?,
                })
            }
            None => None,
        };
        let mut target = Vec::with_capacity(self.target.len());
        let mut images = BTreeMap::new();
        for (i, t) in self.target.iter().enumerate() {
            let at = format!("{at} target {}", i + 1);
            let (t, image) = t.parse(&at, fail)?;
            if let Some(image) = image {
                images.insert(t, image);
            }
            target.push(t);
        }
        Ok(Book {
            trim: optional(at, "trim", &self.trim, fail)?,
            isbn: optional(at, "isbn", &self.isbn, fail)?,
            price: optional(at, "price", &self.price, fail)?,
            extend: optional(at, "extend", &self.extend, fail)?,
            made_for,
            target,
            images,
            id: self.id,
            pages: self.pages,
            interior: self.interior,
            front: self.front,
            back: self.back,
            back_color: inks(at, "back_color", self.back_color, fail)?,
            back_flap: self.back_flap,
            front_flap: self.front_flap,
            flap_color: inks(at, "flap_color", self.flap_color, fail)?,
            spine: self.spine,
            spine_text: self.spine_text,
            spine_color: inks(at, "spine_color", self.spine_color, fail)?,
            strict_color: self.strict_color,
            cover: self.cover,
        })
    }
}
impl Manifest {
    /// Parses and checks a manifest; `name` is used in messages only.
    pub fn parse(name: &str, text: &str) -> Result<Manifest> {
        let fail = |location: String, message: String| Error::manifest(name, &location, message);
        // Parsed whole by the TOML parser: a line that looks like a header inside a multi-line
        // string is text, not a header.
        let raw: RawManifest = toml::from_str(text).map_err(|e| {
            let location = e
                .span()
                .map(|s| {
                    let before = text.get(..s.start).unwrap_or(text);
                    format!("line {}", 1 + before.matches('\n').count())
                })
                .unwrap_or_else(|| "file".into());
            fail(location, e.message().trim().to_string())
        })?;
        if raw.book.is_empty() {
            return Err(fail("file".into(), "no [[book]] entries".into()));
        }
        let mut seen = std::collections::HashSet::new();
        let mut books = Vec::with_capacity(raw.book.len());
        for book in raw.book {
            let at = format!("book {:?}", book.id);
            let id_ok = !book.id.is_empty()
                && book
                    .id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
            if !id_ok {
                return Err(fail(
                    at,
                    "id must be lowercase letters, digits, - and _".into(),
                ));
            }
            if !seen.insert(book.id.clone()) {
                return Err(fail(at, "id is used twice".into()));
            }
            let book = book.parse(&at, &fail)?;
            if book.target.is_empty() {
                return Err(fail(at, "no [[book.target]] entries".into()));
            }
            for (i, target) in book.target.iter().enumerate() {
                if book.target[..i].contains(target) {
                    return Err(fail(
                        at,
                        format!("[[book.target]] {target} is listed twice"),
                    ));
                }
            }
            let print = book
                .target
                .iter()
                .any(|t| matches!(t, Target::Print { .. }));
            let digital = book
                .target
                .iter()
                .any(|t| matches!(t, Target::Digital { .. }));
            let whole = book.cover.is_some() || book.made_for.is_some();
            let parts = book.front.is_some() || book.back.is_some() || book.back_color.is_some();
            // Spine text may stand on the spine colour; artwork replaces both.
            let spines = [
                book.spine.is_some(),
                book.spine_text.is_some() || book.spine_color.is_some(),
            ];
            let message = if whole && parts {
                Some(
                    "give either cover with made_for, or front and back, not \
                     both",
                )
            } else if whole && (book.cover.is_none() || book.made_for.is_none()) {
                Some("cover needs made_for, and made_for needs cover")
            } else if digital && book.front.is_none() {
                Some("a digital edition is made from the front art: give front")
            } else if book.back.is_some() && book.back_color.is_some() {
                Some(
                    "give back or back_color, not \
                     both",
                )
            } else if print
                && parts
                && (book.front.is_none() || (book.back.is_none() && book.back_color.is_none()))
            {
                Some("give both front and back (or back_color)")
            } else if !whole && !parts {
                Some("give front and back artwork, or cover with made_for")
            } else if spines.iter().filter(|s| **s).count() > 1 {
                Some(
                    "give spine artwork, or spine_text and spine_color, not \
                     both",
                )
            } else if whole && spines.iter().any(|s| *s) {
                Some("a whole cover keeps its own spine; remove spine, spine_text and spine_color")
            } else if print && book.pages.is_some() == book.interior.is_some() {
                Some("give pages or interior (one of them)")
            } else if print && book.trim.is_none() && book.interior.is_none() {
                Some("give trim (or interior to read it)")
            } else if !print && book.trim.is_none() {
                // Only digital editions: the interior is not read.
                Some("give trim: the front art of a digital edition is cut to it")
            } else {
                None
            };
            if let Some(m) = message {
                return Err(fail(at, m.into()));
            }
            if let Some(made_for) = &book.made_for
                && made_for.pages.is_some() == made_for.spine.is_some()
            {
                return Err(fail(
                    format!("{at} made_for"),
                    "give pages or spine (one of them)".into(),
                ));
            }
            books.push(book);
        }
        Ok(Manifest { book: books })
    }
}
