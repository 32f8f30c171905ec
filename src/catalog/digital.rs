//! Digital editions: the cover images ebook and audiobook stores take, as catalog data.
//!
//! A digital product has no paper, spine or page count: it is one image of a size in pixels,
//! in a colour space and file format the store accepts. The stock files list them as
//! `[[digital]]` entries beside the vendor's print bindings (a store that sells only digital
//! editions, such as ACX, has no bindings at all).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::catalog::id::{DigitalId, VendorId};
use crate::catalog::source::{RuleInfo, Sourced};
use crate::error::{Error, Result};

/// A size in pixels: `1600x2560px` in a stock file, shown `1600 x 2560 px`.
///
/// ```
/// use podcover::catalog::PixelSize;
///
/// let size: PixelSize = "1600x2560px".parse()?;
/// assert_eq!((size.width, size.height), (1600, 2560));
/// assert_eq!(size.to_string(), "1600 x 2560 px");
/// assert!("1600x0".parse::<PixelSize>().is_err());
/// # Ok::<(), podcover::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PixelSize {
    /// Pixels across.
    pub width: u32,
    /// Pixels down.
    pub height: u32,
}

impl PixelSize {
    /// Height over width: 1.6 for 1600 x 2560, 1 for a square.
    pub fn aspect(self) -> f64 {
        f64::from(self.height) / f64::from(self.width)
    }

    /// Pixels in all.
    pub fn area(self) -> u64 {
        u64::from(self.width) * u64::from(self.height)
    }

    /// Whether both sides are at least those of `other`.
    pub fn covers(self, other: PixelSize) -> bool {
        self.width >= other.width && self.height >= other.height
    }
}

impl FromStr for PixelSize {
    type Err = Error;

    /// `WIDTHxHEIGHT`, optionally followed by `px`: `1600x2560px`, `3000x3000`.
    fn from_str(text: &str) -> Result<PixelSize> {
        let bad = || {
            Error::invalid(
                "pixel size",
                text,
                "WIDTHxHEIGHT in whole pixels from 1, e.g. 1600x2560px",
            )
        };
        let t = text.trim();
        let t = t.strip_suffix("px").unwrap_or(t);
        let (w, h) = t.split_once('x').ok_or_else(bad)?;
        let side = |s: &str| s.trim().parse::<u32>().ok().filter(|v| *v > 0);
        match (side(w), side(h)) {
            (Some(width), Some(height)) => Ok(PixelSize { width, height }),
            _ => Err(bad()),
        }
    }
}

impl fmt::Display for PixelSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} x {} px", self.width, self.height)
    }
}

/// What a digital product's cover is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DigitalKind {
    /// An ebook's cover image (portrait).
    Ebook,
    /// An audiobook's cover image (square).
    Audiobook,
}

impl DigitalKind {
    /// `ebook` or `audiobook`.
    pub fn as_str(self) -> &'static str {
        match self {
            DigitalKind::Ebook => "ebook",
            DigitalKind::Audiobook => "audiobook",
        }
    }
}

/// An image file format a store accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ImageFormat {
    /// JPEG (`.jpg`, `.jpeg`).
    Jpeg,
    /// PNG (`.png`).
    Png,
    /// TIFF (`.tif`, `.tiff`); accepted by some stores, not written by podcover.
    Tiff,
}

impl ImageFormat {
    /// `JPEG`, `PNG` or `TIFF`.
    pub fn as_str(self) -> &'static str {
        match self {
            ImageFormat::Jpeg => "JPEG",
            ImageFormat::Png => "PNG",
            ImageFormat::Tiff => "TIFF",
        }
    }

    /// The format a file name's extension names (case does not matter), if any.
    pub fn from_extension(name: &str) -> Option<ImageFormat> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "jpg" | "jpeg" => Some(ImageFormat::Jpeg),
            "png" => Some(ImageFormat::Png),
            "tif" | "tiff" => Some(ImageFormat::Tiff),
            _ => None,
        }
    }
}

impl fmt::Display for ImageFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The colour a store wants cover images in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ImageColor {
    /// RGB (not CMYK); podcover writes sRGB and says so in the file.
    Rgb,
}

/// A digital edition's cover image, as a store asks for it.
///
/// ```
/// use podcover::Catalog;
///
/// let ebook = Catalog::builtin().digital("kdp".parse()?, "ebook".parse()?)?;
/// assert_eq!(ebook.size.value.to_string(), "1600 x 2560 px");
/// assert_eq!(ebook.size.value.aspect(), 1.6);
/// # Ok::<(), podcover::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct DigitalProduct {
    /// The product's id, e.g. `ebook`.
    pub id: DigitalId,
    /// The vendor that sells it.
    pub vendor: VendorId,
    /// Display name, e.g. `Kindle eBook cover`.
    pub name: String,
    /// Ebook or audiobook.
    pub kind: DigitalKind,
    /// The size podcover writes: the store's ideal or most common size.
    pub size: Sourced<PixelSize>,
    /// The smallest image the store takes.
    pub min_size: Sourced<PixelSize>,
    /// The largest image the store takes, if it says.
    pub max_size: Option<Sourced<PixelSize>>,
    /// The most pixels in all the store takes, if it says.
    pub max_pixels: Option<Sourced<u64>>,
    /// The file formats the store takes.
    pub formats: Sourced<Vec<ImageFormat>>,
    /// The colour the store takes.
    pub color: Sourced<ImageColor>,
    /// The largest file the store takes, in bytes, if it says.
    pub file_size: Option<Sourced<u64>>,
}

impl DigitalProduct {
    /// Every rule of the product with its provenance, in stock-file order.
    pub fn rules(&self) -> Vec<RuleInfo<'_>> {
        fn info<'a, T>(rule: &'static str, s: &'a Sourced<T>, sets_size: bool) -> RuleInfo<'a> {
            RuleInfo {
                rule,
                confidence: s.confidence,
                source: &s.source,
                note: s.note.as_deref(),
                sets_size,
                support: None,
            }
        }
        let mut rules = vec![
            info("size", &self.size, true),
            info("min_size", &self.min_size, false),
        ];
        rules.extend(self.max_size.as_ref().map(|r| info("max_size", r, false)));
        rules.extend(
            self.max_pixels
                .as_ref()
                .map(|r| info("max_pixels", r, false)),
        );
        rules.push(info("formats", &self.formats, false));
        rules.push(info("color", &self.color, false));
        rules.extend(self.file_size.as_ref().map(|r| info("file_size", r, false)));
        rules
    }

    /// `JPEG or TIFF`: the formats in words.
    pub fn formats_text(&self) -> String {
        let names: Vec<&str> = self.formats.value.iter().map(|f| f.as_str()).collect();
        match names.as_slice() {
            [] => String::new(),
            [one] => (*one).to_string(),
            [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
        }
    }
}

/// A file size in a stock file: a number and `kB`, `MB` or `GB` (powers of 1000, the smaller
/// reading of a store's "MB"), e.g. `50MB`.
pub(crate) fn parse_file_size(text: &str) -> std::result::Result<u64, String> {
    let t = text.trim();
    let (number, scale) = [("GB", 1e9), ("MB", 1e6), ("kB", 1e3)]
        .iter()
        .find_map(|(unit, scale)| t.strip_suffix(unit).map(|n| (n.trim(), *scale)))
        .ok_or_else(|| format!("file size {text:?} needs a unit: kB, MB or GB, e.g. 50MB"))?;
    let value: f64 = number
        .parse()
        .map_err(|_| format!("file size {text:?} is not a number and a unit, e.g. 50MB"))?;
    let bytes = value * scale;
    if !(bytes.is_finite() && (1e5..=4e9).contains(&bytes)) {
        return Err(format!(
            "file size {text} is outside the plausible range 100kB to 4GB"
        ));
    }
    Ok(bytes.round() as u64)
}

/// `50 MB`, `5 MB`, `2 GB`: a byte count in the units stores give.
pub fn file_size_text(bytes: u64) -> String {
    let b = bytes as f64;
    if b >= 1e9 {
        format!("{} GB", trim_number(b / 1e9))
    } else if b >= 1e6 {
        format!("{} MB", trim_number(b / 1e6))
    } else {
        format!("{} kB", trim_number(b / 1e3))
    }
}

fn trim_number(v: f64) -> String {
    let text = format!("{v:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The plausible range of each side of a digital cover, in pixels: wider than any store's rule,
/// so only a typo is refused.
pub(crate) const PIXEL_SIDE: (u32, u32) = (100, 20_000);

/// A size whose sides are plausible.
pub(crate) fn plausible_pixels(name: &str, size: PixelSize) -> std::result::Result<(), String> {
    let (min, max) = PIXEL_SIDE;
    for side in [size.width, size.height] {
        if !(min..=max).contains(&side) {
            return Err(format!(
                "{name} {size} is outside the plausible range {min} to {max} px a side"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_sizes_read_in_powers_of_a_thousand() {
        assert_eq!(parse_file_size("50MB"), Ok(50_000_000));
        assert_eq!(parse_file_size("2 GB"), Ok(2_000_000_000));
        assert_eq!(
            parse_file_size("50"),
            Err("file size \"50\" needs a unit: kB, MB or GB, e.g. 50MB".into())
        );
        assert_eq!(
            parse_file_size("9GB"),
            Err("file size 9GB is outside the plausible range 100kB to 4GB".into())
        );
        assert_eq!(file_size_text(50_000_000), "50 MB");
        assert_eq!(file_size_text(2_500_000), "2.5 MB");
    }

    #[test]
    fn pixel_sizes_parse_and_refuse() {
        let s: PixelSize = "3000x3000".parse().unwrap();
        assert_eq!(s.aspect(), 1.0);
        let e = "1600 by 2560".parse::<PixelSize>().unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid pixel size \"1600 by 2560\": expected WIDTHxHEIGHT in whole pixels from 1, e.g. 1600x2560px"
        );
        assert_eq!(
            ImageFormat::from_extension("a/b.JPG"),
            Some(ImageFormat::Jpeg)
        );
        assert_eq!(ImageFormat::from_extension("cover.webp"), None);
    }
}
