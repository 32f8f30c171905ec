//! Raster artwork: JPEG and PNG files, each decoded once through [`decode`] whatever becomes of
//! it. A JPEG's pixels prove its image data whole (a scan cut short or damaged is refused) and
//! the file then goes into the PDF as it is (DCTDecode, lossless and small); a PNG's pixels are
//! Flate-compressed, its alpha channel a soft mask. An EXIF orientation is honoured where the
//! image is placed ([`Orientation::place`]), so the pixels are kept as stored.

mod exif;
mod jpeg;
mod png;
mod predict;
mod separate;

pub(crate) use separate::{Conversion, ImageColor, ProofPixels};

use lopdf::{Dictionary, Object, Stream};

use crate::error::{ArtworkProblem, Error, Result};
use crate::pdf::name;
use crate::units::{Matrix, Pdf, Rect};

fn fail(file: &str, problem: ArtworkProblem, message: impl std::fmt::Display) -> Error {
    Error::artwork(file, problem, message)
}

/// Images with more pixels than this are refused (about 8,000 x 8,000: a 13 x 19 in jacket at
/// 600 ppi), so that a hostile file cannot make us, or a printer's RIP, allocate without bound.
pub(crate) const MAX_PIXELS: u64 = 64_000_000;

/// Bytes decoding one image may take at most (see [`Header::decode_bytes`]): the largest image
/// podcover reads, in the costliest form it comes in (a progressive CMYK JPEG, whose
/// coefficients are held whole, 12 bytes a pixel), and a little over.
pub(crate) const MAX_DECODE_BYTES: u64 = MAX_PIXELS * 12 + (64 << 20);

/// The kinds of file read, by their first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Pdf,
    Jpeg,
    Png,
}

impl Format {
    /// The format by the file's first bytes, or `None` for anything else.
    pub(crate) fn sniff(bytes: &[u8]) -> Option<Format> {
        if bytes.starts_with(b"\xFF\xD8\xFF") {
            Some(Format::Jpeg)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Format::Png)
        } else if bytes.len() >= 5
            && bytes[..bytes.len().min(1024)]
                .windows(5)
                .any(|w| w == b"%PDF-")
        {
            Some(Format::Pdf)
        } else {
            None
        }
    }

    /// `JPEG`, `PNG` or `PDF`, as messages name it.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Format::Pdf => "PDF",
            Format::Jpeg => "JPEG",
            Format::Png => "PNG",
        }
    }
}

/// The colour of decoded samples.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Space {
    Grey,
    Rgb,
    /// Ink amounts, 0 for none and 255 for full ink (an Adobe JPEG's inverted samples are turned
    /// back when decoded).
    Cmyk,
}

impl Space {
    /// Samples a pixel.
    pub(crate) fn components(self) -> usize {
        match self {
            Space::Grey => 1,
            Space::Rgb => 3,
            Space::Cmyk => 4,
        }
    }

    fn pdf_name(self) -> &'static str {
        match self {
            Space::Grey => "DeviceGray",
            Space::Rgb => "DeviceRGB",
            Space::Cmyk => "DeviceCMYK",
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Space::Grey => "greyscale",
            Space::Rgb => "RGB",
            Space::Cmyk => "CMYK",
        }
    }
}

/// How a stored image is turned and mirrored to be seen as viewers show it: the EXIF
/// orientation tag, 1 (as stored) to 8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Orientation(u8);

impl Orientation {
    /// As stored.
    pub(crate) const UPRIGHT: Orientation = Orientation(1);

    /// The EXIF tag value, 1 (as stored) to 8.
    pub(crate) fn exif(self) -> u8 {
        self.0
    }

    /// The orientation an EXIF tag value names; other values are taken as upright, as viewers
    /// take them.
    pub(crate) fn from_exif(value: u16) -> Orientation {
        match value {
            1..=8 => Orientation(value as u8),
            _ => Orientation::UPRIGHT,
        }
    }

    /// Whether rows become columns (a quarter turn): the image is seen `height` x `width`.
    pub(crate) fn swaps_axes(self) -> bool {
        self.0 >= 5
    }

    /// What is done to the stored image, for messages (empty when upright).
    pub(crate) fn describe(self) -> &'static str {
        match self.0 {
            2 => "mirrored left to right",
            3 => "turned upside down",
            4 => "mirrored top to bottom",
            5 => "turned a quarter anticlockwise and mirrored",
            6 => "turned a quarter clockwise",
            7 => "turned a quarter clockwise and mirrored",
            8 => "turned a quarter anticlockwise",
            _ => "",
        }
    }

    /// The stored pixel (column, row) of a `width` x `height` stored image that is seen at
    /// column `x`, row `y` (from the top left): the inverse of the map in [`Orientation::place`].
    pub(crate) fn stored_pixel(
        self,
        x: usize,
        y: usize,
        width: usize,
        height: usize,
    ) -> (usize, usize) {
        match self.0 {
            2 => (width - 1 - x, y),
            3 => (width - 1 - x, height - 1 - y),
            4 => (x, height - 1 - y),
            5 => (y, x),
            6 => (y, height - 1 - x),
            7 => (width - 1 - y, height - 1 - x),
            8 => (width - 1 - y, x),
            _ => (x, y),
        }
    }

    /// The matrix that draws a PDF image (the unit square, its first row at the top) into `rect`
    /// as viewers show it.
    ///
    /// With the stored pixel at column `c` and row `r` (from the top left) of a `w` x `h` image,
    /// EXIF puts it at (X, Y) from the top left of what is seen: 1 (c, r); 2 (w-c, r); 3 (w-c,
    /// h-r); 4 (c, h-r); 5 (r, c); 6 (h-r, c); 7 (h-r, w-c); 8 (r, w-c). In the unit square
    /// u = c/w and v = 1 - r/h; each matrix below is that map, scaled to `rect`.
    pub(crate) fn place(self, rect: Rect<Pdf>) -> Matrix {
        let (x, y) = (rect.x.to_pt(), rect.y.to_pt());
        let (w, h) = (rect.width.to_pt(), rect.height.to_pt());
        Matrix(match self.0 {
            2 => [-w, 0.0, 0.0, h, x + w, y],
            3 => [-w, 0.0, 0.0, -h, x + w, y + h],
            4 => [w, 0.0, 0.0, -h, x, y + h],
            5 => [0.0, -h, -w, 0.0, x + w, y + h],
            6 => [0.0, -h, w, 0.0, x, y + h],
            7 => [0.0, h, w, 0.0, x, y],
            8 => [0.0, h, -w, 0.0, x + w, y],
            _ => [w, 0.0, 0.0, h, x, y],
        })
    }
}

/// What an image file says before any pixel is decoded.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Header {
    pub(crate) format: Format,
    /// Pixels across and down, as stored (before [`Header::orientation`]).
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) space: Space,
    /// Whether the file has an alpha channel (or a transparent colour).
    pub(crate) alpha: bool,
    /// Pixels per inch across and down, as stored, where the file records them.
    pub(crate) density: Option<(f64, f64)>,
    pub(crate) orientation: Orientation,
    /// A JPEG that stores CMYK inverted (Adobe's), which a PDF reader must be told of.
    pub(crate) inverted: bool,
    /// A progressive JPEG: its coefficients are held whole while it is decoded.
    pub(crate) progressive: bool,
}

impl Header {
    /// The size as seen, after the orientation: pixels across and down.
    pub(crate) fn shown_pixels(&self) -> (u32, u32) {
        if self.orientation.swaps_axes() {
            (self.height, self.width)
        } else {
            (self.width, self.height)
        }
    }

    /// The recorded resolution as seen, across and down.
    pub(crate) fn shown_density(&self) -> Option<(f64, f64)> {
        let (x, y) = self.density?;
        Some(if self.orientation.swaps_axes() {
            (y, x)
        } else {
            (x, y)
        })
    }

    /// Bytes decoding the image takes at most: its samples and alpha (twice for a PNG, whose
    /// decoded rows are split into colour and alpha), and a progressive JPEG's coefficients
    /// (two bytes a sample, rounded up to whole 16-pixel blocks).
    pub(crate) fn decode_bytes(&self) -> u64 {
        let (w, h) = (u64::from(self.width), u64::from(self.height));
        let channels = self.space.components() as u64 + u64::from(self.alpha);
        let mut bytes = w * h * channels;
        if self.format == Format::Png {
            bytes *= 2;
        }
        if self.progressive {
            bytes += w.div_ceil(16) * 16 * h.div_ceil(16) * 16 * channels * 2;
        }
        bytes
    }

    /// The dictionary of an image XObject of this size with 8-bit samples in `space`.
    fn image_dict(&self, space: Space) -> Dictionary {
        Dictionary::from_iter(vec![
            ("Type", name("XObject")),
            ("Subtype", name("Image")),
            ("Width", Object::Integer(self.width.into())),
            ("Height", Object::Integer(self.height.into())),
            ("ColorSpace", name(space.pdf_name())),
            ("BitsPerComponent", Object::Integer(8)),
        ])
    }

    /// Refuses an image of no size, or one too large to decode, before it is decoded.
    fn check(&self, file: &str) -> Result<()> {
        let (width, height) = (self.width, self.height);
        if width == 0 || height == 0 {
            return Err(fail(
                file,
                ArtworkProblem::Malformed,
                format!("the image is {width} x {height} px"),
            ));
        }
        if u64::from(width) * u64::from(height) > MAX_PIXELS
            || self.decode_bytes() > MAX_DECODE_BYTES
        {
            return Err(fail(
                file,
                ArtworkProblem::TooLarge,
                format!(
                    "the image is {width} x {height} px, more than the {} million pixels read at \
                     most; export it at 300 to 600 ppi",
                    MAX_PIXELS / 1_000_000
                ),
            ));
        }
        Ok(())
    }
}

/// Decoded pixels: 8-bit samples, rows from the top, as stored (see [`Header::orientation`]).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Pixels {
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) space: Space,
    /// `width * height * space.components()` samples.
    pub(crate) samples: Vec<u8>,
    /// 8-bit alpha, where the image is not opaque.
    pub(crate) alpha: Option<Vec<u8>>,
    /// The ICC profile the file carries (PNG iCCP, JPEG APP2), as its bytes.
    pub(crate) icc: Option<Vec<u8>>,
}

/// Decodes a JPEG or PNG: its header, read and checked against [`MAX_PIXELS`] and
/// [`MAX_DECODE_BYTES`] before anything is decoded, and its pixels. The one way podcover reads
/// the pixels of an image.
///
/// A panic in a decoder (zune-jpeg 0.5.15 has one, on a baseline file whose components come in
/// scans of their own with unusual sampling; `fuzz/findings/`) is caught at the reader boundary
/// ([`untrusted`](crate::pdf::untrusted)) around each decoder call, and reported as an error of
/// kind [`Reader`](crate::ErrorKind::Reader) naming the file.
pub(crate) fn decode(file: &str, bytes: &[u8]) -> Result<(Header, Pixels)> {
    match Format::sniff(bytes) {
        Some(Format::Jpeg) => jpeg::decode(file, bytes, |h| h.check(file)),
        Some(Format::Png) => png::decode(file, bytes, |h| h.check(file)),
        _ => Err(fail(
            file,
            ArtworkProblem::UnknownFormat,
            "not a JPEG or PNG image",
        )),
    }
}

/// A part of an image as it is seen: its columns and rows (indices across and down, repeats
/// allowed), for [`Raster::picked`].
pub(crate) type Pick = (Vec<u32>, Vec<u32>);

/// An image ready to become a PDF image XObject.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Raster {
    pub(crate) header: Header,
    data: Data,
    /// The ICC profile the file carries, which says what its colour numbers mean.
    icc: Option<Vec<u8>>,
    /// Kept in colour even where every pixel is neutral: a part of an image that is not
    /// ([`Raster::picked`]), which must print in the same inks as the rest of it.
    never_gray: bool,
}

#[derive(Debug, Clone, PartialEq)]
enum Data {
    /// The JPEG file as it is.
    Jpeg(Vec<u8>),
    /// 8-bit samples, and 8-bit alpha where the image is not opaque.
    Samples {
        color: Vec<u8>,
        alpha: Option<Vec<u8>>,
    },
}

impl Raster {
    /// Reads a JPEG or PNG; both are decoded in full (see [`decode`]).
    pub(crate) fn read(file: &str, bytes: &[u8]) -> Result<Raster> {
        let (header, pixels) = decode(file, bytes)?;
        let data = match header.format {
            Format::Jpeg => Data::Jpeg(bytes.to_vec()),
            _ => Data::Samples {
                color: pixels.samples,
                alpha: pixels.alpha,
            },
        };
        Ok(Raster {
            header,
            data,
            icc: pixels.icc,
            never_gray: false,
        })
    }

    /// Images made of this one's pixels as it is seen (after its EXIF orientation): for each
    /// pair of `columns` and `rows` (indices across and down, repeats allowed), an upright image
    /// of the pixels where they cross, with this one's colour space, profile, transparency and
    /// resolution. An image is decoded once for all of them (a JPEG again). Edge extension
    /// makes its strips with this: the edge pixels repeated at the image's own resolution.
    ///
    /// # Errors
    /// A JPEG that fails to decode again.
    pub(crate) fn picked(&self, file: &str, picks: &[Pick]) -> Result<Vec<Raster>> {
        let samples = self.samples(file)?;
        let alpha = match &self.data {
            Data::Samples { alpha, .. } => alpha.as_deref(),
            Data::Jpeg(_) => None,
        };
        let h = &self.header;
        let n = h.space.components();
        let (w, ht) = (h.width as usize, h.height as usize);
        // The stored pixel seen at column x, row y.
        let stored = |x: usize, y: usize| -> usize {
            let (c, r) = h.orientation.stored_pixel(x, y, w, ht);
            r * w + c
        };
        let never_gray = self.never_gray
            || (h.space == Space::Rgb && !crate::color::is_gray(samples.as_chunks::<3>().0));
        let (shown_w, shown_h) = h.shown_pixels();
        let mut out = Vec::with_capacity(picks.len());
        for (columns, rows) in picks {
            let inside = |v: &[u32], most: u32| v.iter().all(|&i| i < most);
            if columns.is_empty()
                || rows.is_empty()
                || !inside(columns, shown_w)
                || !inside(rows, shown_h)
            {
                return Err(fail(
                    file,
                    ArtworkProblem::Malformed,
                    "a part of the image outside it was asked for",
                ));
            }
            let count = columns.len() * rows.len();
            let mut color = Vec::with_capacity(count * n);
            let mut mask = alpha.map(|_| Vec::with_capacity(count));
            for &y in rows {
                for &x in columns {
                    let at = stored(x as usize, y as usize);
                    color.extend_from_slice(&samples[at * n..at * n + n]);
                    if let (Some(mask), Some(alpha)) = (&mut mask, alpha) {
                        mask.push(alpha[at]);
                    }
                }
            }
            let header = Header {
                format: Format::Png,
                width: columns.len() as u32,
                height: rows.len() as u32,
                space: h.space,
                alpha: mask.is_some(),
                density: h.shown_density(),
                orientation: Orientation::UPRIGHT,
                inverted: false,
                progressive: false,
            };
            out.push(Raster {
                header,
                data: Data::Samples { color, alpha: mask },
                icc: self.icc.clone(),
                never_gray,
            });
        }
        Ok(out)
    }

    /// What the file is, for messages, e.g. `JPEG, CMYK, 1875 x 2775 px` (the size as seen).
    pub(crate) fn describe(&self) -> String {
        let h = &self.header;
        let alpha = match &self.data {
            Data::Samples { alpha: Some(_), .. } => " with transparency",
            _ => "",
        };
        let (w, ht) = h.shown_pixels();
        let turned = match h.orientation.describe() {
            "" => String::new(),
            how => format!(" ({how} by its EXIF orientation)"),
        };
        format!(
            "{}, {}{alpha}, {w} x {ht} px{turned}",
            h.format.as_str(),
            h.space.as_str()
        )
    }

    /// The image as a PDF image XObject, with its soft mask as a second stream. Decoded samples
    /// are row-predicted and Flate-compressed, as converted ones are: a few times smaller than
    /// the samples compressed as they are, for every cover that carries them.
    pub(crate) fn to_streams(&self) -> (Stream, Option<Stream>) {
        let h = &self.header;
        let image = |space: Space| h.image_dict(space);
        let mut dict = image(h.space);
        match &self.data {
            Data::Jpeg(bytes) => {
                dict.set("Filter", name("DCTDecode"));
                if h.inverted {
                    dict.set(
                        "Decode",
                        Object::Array([1, 0, 1, 0, 1, 0, 1, 0].map(Object::Integer).to_vec()),
                    );
                }
                (
                    Stream::new(dict, bytes.clone()).with_compression(false),
                    None,
                )
            }
            Data::Samples { color, alpha } => {
                let predicted = |dict, samples: &[u8], space: Space| {
                    predict::predicted_stream(dict, samples, space.components(), h.width)
                };
                let mask = alpha
                    .as_ref()
                    .map(|a| predicted(image(Space::Grey), a, Space::Grey));
                (predicted(dict, color, h.space), mask)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stored_pixel_is_the_one_exif_shows_there() {
        // EXIF's map from the stored pixel (c, r) of a w x h image to where it is seen (X, Y),
        // per orientation, on whole pixels.
        let (w, h) = (3usize, 2usize);
        let shown = |turn: u8, c: usize, r: usize| match turn {
            2 => (w - 1 - c, r),
            3 => (w - 1 - c, h - 1 - r),
            4 => (c, h - 1 - r),
            5 => (r, c),
            6 => (h - 1 - r, c),
            7 => (h - 1 - r, w - 1 - c),
            8 => (r, w - 1 - c),
            _ => (c, r),
        };
        for turn in 1..=8u8 {
            let orientation = Orientation::from_exif(u16::from(turn));
            for r in 0..h {
                for c in 0..w {
                    let (x, y) = shown(turn, c, r);
                    assert_eq!(orientation.stored_pixel(x, y, w, h), (c, r), "{turn}");
                }
            }
        }
    }
    use crate::units::Length;

    #[test]
    fn picked_pixels_are_taken_as_the_image_is_seen() {
        // A 3 x 2 px grey image whose pixel at column c, row r is r * 3 + c, turned a quarter
        // clockwise by its EXIF orientation: seen 2 x 3, its first row [3, 0].
        let header = Header {
            format: Format::Png,
            width: 3,
            height: 2,
            space: Space::Grey,
            alpha: false,
            density: Some((300.0, 150.0)),
            orientation: Orientation::from_exif(6),
            inverted: false,
            progressive: false,
        };
        let raster = Raster {
            header,
            data: Data::Samples {
                color: (0..6).collect(),
                alpha: None,
            },
            icc: None,
            never_gray: false,
        };
        let parts = raster
            .picked(
                "t.png",
                &[(vec![0, 1], vec![0, 1, 2]), (vec![0, 0, 1], vec![2])],
            )
            .unwrap();
        let samples = |r: &Raster| match &r.data {
            Data::Samples { color, .. } => color.clone(),
            Data::Jpeg(_) => unreachable!(),
        };
        assert_eq!(samples(&parts[0]), [3, 0, 4, 1, 5, 2]);
        assert_eq!(samples(&parts[1]), [5, 5, 2]);
        assert_eq!(parts[1].header.shown_pixels(), (3, 1));
        assert_eq!(parts[1].header.orientation, Orientation::UPRIGHT);
        assert_eq!(parts[1].header.shown_density(), Some((150.0, 300.0)));
        assert!(raster.picked("t.png", &[(vec![2], vec![0])]).is_err());
    }

    #[test]
    fn formats_are_told_by_their_first_bytes() {
        assert_eq!(Format::sniff(b"\xFF\xD8\xFF\xE0"), Some(Format::Jpeg));
        assert_eq!(Format::sniff(b"\x89PNG\r\n\x1a\nrest"), Some(Format::Png));
        assert_eq!(Format::sniff(b"%PDF-1.7\n"), Some(Format::Pdf));
        assert_eq!(Format::sniff(b"GIF89a"), None);
        assert_eq!(Format::sniff(b""), None);
    }

    #[test]
    fn each_orientation_puts_the_stored_top_left_pixel_where_exif_says() {
        // A 2 x 1 in box at (10, 20) pt. The stored image's top-left corner is (u, v) = (0, 1).
        let rect = Rect::new(
            Length::pt(10.0),
            Length::pt(20.0),
            Length::pt(144.0),
            Length::pt(72.0),
        );
        let (left, right, bottom, top) = (10.0, 154.0, 20.0, 92.0);
        let expected = [
            (1, (left, top)),
            (2, (right, top)),
            (3, (right, bottom)),
            (4, (left, bottom)),
            (5, (left, top)),
            (6, (right, top)),
            (7, (right, bottom)),
            (8, (left, bottom)),
        ];
        for (tag, corner) in expected {
            let m = Orientation::from_exif(tag).place(rect);
            assert_eq!(m.apply(0.0, 1.0), corner, "orientation {tag}");
            // The whole unit square lands on the box.
            let (xs, ys): (Vec<f64>, Vec<f64>) = [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)]
                .map(|(u, v)| m.apply(u, v))
                .into_iter()
                .unzip();
            let span = |v: &[f64]| {
                (
                    v.iter().copied().fold(f64::MAX, f64::min),
                    v.iter().copied().fold(f64::MIN, f64::max),
                )
            };
            assert_eq!(span(&xs), (left, right), "orientation {tag}");
            assert_eq!(span(&ys), (bottom, top), "orientation {tag}");
        }
        // The stored top row's right end: across the top when upright, down the right side
        // when turned a quarter clockwise.
        assert_eq!(
            Orientation::from_exif(6).place(rect).apply(1.0, 1.0),
            (right, bottom)
        );
        assert_eq!(
            Orientation::from_exif(8).place(rect).apply(1.0, 1.0),
            (left, top)
        );
        assert_eq!(Orientation::from_exif(0), Orientation::UPRIGHT);
        assert_eq!(Orientation::from_exif(9), Orientation::UPRIGHT);
    }

    fn jpeg(
        w: u16,
        h: u16,
        kind: jpeg_encoder::ColorType,
        pixel: &[u8],
        edit: impl FnOnce(&mut jpeg_encoder::Encoder<&mut Vec<u8>>),
    ) -> Vec<u8> {
        let mut out = Vec::new();
        let mut encoder = jpeg_encoder::Encoder::new(&mut out, 100);
        edit(&mut encoder);
        let data = pixel.repeat(usize::from(w) * usize::from(h));
        encoder.encode(&data, w, h, kind).unwrap();
        out
    }

    #[track_caller]
    fn near(samples: &[u8], expected: &[u8]) {
        for px in samples.chunks(expected.len()) {
            assert!(
                px.iter().zip(expected).all(|(a, e)| a.abs_diff(*e) <= 3),
                "{px:?} is not {expected:?}"
            );
        }
    }

    #[test]
    fn jpegs_decode_to_grey_rgb_and_cmyk_inks_with_their_profile() {
        use jpeg_encoder::ColorType;
        let (h, p) = decode("g.jpg", &jpeg(24, 16, ColorType::Luma, &[90], |_| {})).unwrap();
        assert_eq!((h.width, h.height, h.space), (24, 16, Space::Grey));
        assert_eq!((p.width, p.height, p.samples.len()), (24, 16, 24 * 16));
        near(&p.samples, &[90]);
        let rgb = jpeg(24, 16, ColorType::Rgb, &[200, 30, 60], |e| {
            e.set_progressive(true);
            e.add_icc_profile(b"a profile").unwrap();
        });
        let (h, p) = decode("c.jpg", &rgb).unwrap();
        assert!(h.progressive && !h.inverted);
        assert_eq!(p.space, Space::Rgb);
        near(&p.samples, &[200, 30, 60]);
        assert_eq!(p.icc.as_deref(), Some(&b"a profile"[..]));
        // Adobe CMYK is stored inverted, as CMYK or as YCCK: either way the inks come back.
        for kind in [ColorType::Cmyk, ColorType::CmykAsYcck] {
            let (h, p) = decode("k.jpg", &jpeg(16, 16, kind, &[255, 40, 0, 128], |_| {})).unwrap();
            assert!(h.inverted, "{kind:?}");
            assert_eq!(p.space, Space::Cmyk);
            near(&p.samples, &[255, 40, 0, 128]);
        }
    }

    #[test]
    fn pngs_decode_with_alpha_and_profile() {
        let mut info = ::png::Info::with_size(3, 2);
        info.color_type = ::png::ColorType::Rgba;
        info.bit_depth = ::png::BitDepth::Eight;
        info.icc_profile = Some(std::borrow::Cow::Borrowed(b"a profile"));
        let mut out = Vec::new();
        let mut writer = ::png::Encoder::with_info(&mut out, info)
            .unwrap()
            .write_header()
            .unwrap();
        writer
            .write_image_data(&[10, 20, 30, 128].repeat(6))
            .unwrap();
        writer.finish().unwrap();
        let (h, p) = decode("a.png", &out).unwrap();
        assert_eq!((h.space, h.alpha), (Space::Rgb, true));
        assert_eq!(p.samples, [10, 20, 30].repeat(6));
        assert_eq!(p.alpha, Some(vec![128; 6]));
        assert_eq!(p.icc.as_deref(), Some(&b"a profile"[..]));
    }

    #[test]
    fn decoding_memory_is_known_from_the_header() {
        let png = Header {
            format: Format::Png,
            width: 100,
            height: 10,
            space: Space::Rgb,
            alpha: true,
            density: None,
            orientation: Orientation::UPRIGHT,
            inverted: false,
            progressive: false,
        };
        assert_eq!(png.decode_bytes(), 100 * 10 * 4 * 2);
        let header = Header {
            format: Format::Jpeg,
            width: 8000,
            height: 8000,
            space: Space::Cmyk,
            alpha: false,
            density: None,
            orientation: Orientation::UPRIGHT,
            inverted: true,
            progressive: true,
        };
        assert_eq!(header.decode_bytes(), 64_000_000 * 12);
        assert!(header.decode_bytes() <= MAX_DECODE_BYTES);
        assert!(header.check("a.jpg").is_ok());
        let wide = Header {
            width: 8001,
            ..header
        };
        assert_eq!(
            wide.check("a.jpg").unwrap_err().to_string(),
            "cannot read artwork a.jpg: the image is 8001 x 8000 px, more than the 64 million \
             pixels read at most; export it at 300 to 600 ppi"
        );
    }
}
