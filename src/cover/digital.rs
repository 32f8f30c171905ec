//! Digital editions: an ebook or audiobook cover image made from the print front art.
//!
//! The front art is decoded once ([`raster::decode`](crate::pdf::raster)), turned as its EXIF
//! orientation says, brought to sRGB (CMYK through the proof converter, an embedded RGB profile
//! through moxcms), cut to its trim (bleed, wrap and a case's board overhang removed, by the
//! layout of the print binding it was made for), fitted to the store's proportions as the
//! caller chooses, resampled to the store's size ([`resample`](crate::cover::resample)) and
//! written as a JPEG or PNG that says it is sRGB.

use std::fmt;
use std::str::FromStr;

use crate::catalog::{DigitalProduct, ImageFormat, PixelSize};
use crate::color::{Intent, OutputProfile, ProofConverter};
use crate::cover::place::{front_image_sizes, front_image_trim};
use crate::cover::resample::{resample, Rgb8};
use crate::error::{ArtworkProblem, ComposeProblem, Error, Result};
use crate::layout::CoverLayout;
use crate::pdf::raster::{self, Format, Space};
use crate::units::{Length, Size, TrimSize};

/// How far the art's proportions may differ from the store's (1%) and still be resized to
/// them without a fit: a stretch no one sees.
const ASPECT_TOLERANCE: f64 = 0.01;

/// Enlarging the art by more than this (10%) to reach the store's size warns: enlarged art is
/// soft, and stores ask for art that is not stretched.
pub const MAX_UPSCALE: f64 = 1.1;

/// The JPEG quality written unless the caller sets one: 90 of 100 leaves no artefact visible
/// at the stores' sizes, with colour at full resolution (4:4:4) so that small type stays
/// sharp; KDP asks for covers with as little compression as possible.
pub const DEFAULT_QUALITY: u8 = 90;

/// The resolution written into the file: stores ask for at least 72 ppi, some for 300.
const PPI: u16 = 300;

/// How the art is fitted where its proportions are not the store's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Cut to the store's proportions; [`Anchor`] says which part is kept.
    Crop,
    /// Widened or heightened with the art's edges mirrored outwards; the art sits at the
    /// anchor.
    Extend,
    /// Widened or heightened with a flat colour ([`DigitalOptions::background`]); the art sits
    /// at the anchor.
    Color,
}

impl FromStr for Fit {
    type Err = Error;

    /// `crop`, `extend` or `color`.
    fn from_str(text: &str) -> Result<Fit> {
        match text.trim() {
            "crop" => Ok(Fit::Crop),
            "extend" => Ok(Fit::Extend),
            "color" | "colour" => Ok(Fit::Color),
            _ => Err(Error::invalid("fit", text, "crop, extend or color")),
        }
    }
}

impl fmt::Display for Fit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Fit::Crop => "crop",
            Fit::Extend => "extend",
            Fit::Color => "color",
        })
    }
}

/// Where the art is kept (a crop) or placed (extend, color): the middle, an edge or a corner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Anchor {
    /// -1 left, 0 centre, 1 right.
    x: i8,
    /// -1 top, 0 middle, 1 bottom.
    y: i8,
}

impl Anchor {
    /// The middle (the default).
    pub const CENTER: Anchor = Anchor { x: 0, y: 0 };

    /// Where along `free` pixels of slack the art starts.
    fn offset(along: i8, free: u32) -> u32 {
        match along {
            -1 => 0,
            1 => free,
            _ => free / 2,
        }
    }
}

impl FromStr for Anchor {
    type Err = Error;

    /// `center`, `top`, `bottom`, `left`, `right`, `top-left`, `top-right`, `bottom-left` or
    /// `bottom-right`.
    fn from_str(text: &str) -> Result<Anchor> {
        let (x, y) = match text.trim() {
            "center" | "centre" => (0, 0),
            "top" => (0, -1),
            "bottom" => (0, 1),
            "left" => (-1, 0),
            "right" => (1, 0),
            "top-left" => (-1, -1),
            "top-right" => (1, -1),
            "bottom-left" => (-1, 1),
            "bottom-right" => (1, 1),
            _ => {
                return Err(Error::invalid(
                    "anchor",
                    text,
                    "center, top, bottom, left, right, top-left, top-right, bottom-left or \
                     bottom-right",
                ))
            }
        };
        Ok(Anchor { x, y })
    }
}

impl fmt::Display for Anchor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = match self.y {
            -1 => "top",
            1 => "bottom",
            _ => "",
        };
        let h = match self.x {
            -1 => "left",
            1 => "right",
            _ => "",
        };
        match (v, h) {
            ("", "") => f.write_str("center"),
            ("", h) => f.write_str(h),
            (v, "") => f.write_str(v),
            (v, h) => write!(f, "{v}-{h}"),
        }
    }
}

/// The print cover's front that art was made for: its panel (a case's board, a jacket's
/// panel, else the trim), what lies beyond it (bleed, or a case's wrap) and the book's trim.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct PrintFront {
    /// The front panel.
    pub panel: Size,
    /// Bleed (a case's wrap) beyond the panel.
    pub bleed: Length,
    /// The book's trim.
    pub trim: Size,
    /// What it is, for messages, e.g. `kdp hardcover 6x9in cover`.
    pub what: String,
}

impl PrintFront {
    /// The front of a print cover's layout.
    pub fn of(layout: &CoverLayout) -> PrintFront {
        let s = &layout.spec;
        PrintFront {
            panel: layout.front.size(),
            bleed: layout.bleed,
            trim: Size::new(s.trim.width, s.trim.height),
            what: format!("{} {} {} cover", s.vendor, s.binding, s.trim),
        }
    }

    /// A flat front of `trim` with `bleed` (a paperback's, as most design tools make it).
    pub fn flat(trim: TrimSize, bleed: Length) -> PrintFront {
        let size = Size::new(trim.width, trim.height);
        PrintFront {
            panel: size,
            bleed,
            trim: size,
            what: format!(
                "{trim} front with {} in bleed",
                bleed.rounded(crate::Unit::In, 4)
            ),
        }
    }
}

/// An sRGB colour written `RRGGBB` (with or without `#`), e.g. `ffffff` or `1a2b3c`, as
/// [`DigitalOptions::background`] takes it.
///
/// ```
/// assert_eq!(podcover::cover::parse_rgb("#1a2b3c")?, [0x1a, 0x2b, 0x3c]);
/// assert_eq!(
///     podcover::cover::parse_rgb("white").unwrap_err().to_string(),
///     "invalid colour \"white\": expected RRGGBB, e.g. ffffff or 1a2b3c"
/// );
/// # Ok::<(), podcover::Error>(())
/// ```
pub fn parse_rgb(text: &str) -> Result<[u8; 3]> {
    let hex = text.trim().trim_start_matches('#');
    let bad = || Error::invalid("colour", text, "RRGGBB, e.g. ffffff or 1a2b3c");
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(bad());
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| bad());
    Ok([byte(0)?, byte(2)?, byte(4)?])
}

/// How [`compose_digital`] makes the image.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct DigitalOptions {
    /// The file format written (default JPEG); it must be one the store takes.
    pub format: ImageFormat,
    /// JPEG quality from 1 to 100 (default [`DEFAULT_QUALITY`]).
    pub quality: u8,
    /// How art of other proportions than the store's is fitted; `None` (the default) refuses
    /// such art, naming the choices.
    pub fit: Option<Fit>,
    /// Where the art is kept or placed by the fit (default: the middle).
    pub anchor: Anchor,
    /// The sRGB colour behind transparent art and around art fitted with [`Fit::Color`]
    /// (default white).
    pub background: [u8; 3],
}

impl Default for DigitalOptions {
    fn default() -> DigitalOptions {
        DigitalOptions {
            format: ImageFormat::Jpeg,
            quality: DEFAULT_QUALITY,
            fit: None,
            anchor: Anchor::CENTER,
            background: [255, 255, 255],
        }
    }
}

impl DigitalOptions {
    /// The defaults: a JPEG at quality 90, art of other proportions refused, white behind.
    pub fn new() -> DigitalOptions {
        DigitalOptions::default()
    }

    /// The file format written.
    pub fn format(mut self, format: ImageFormat) -> DigitalOptions {
        self.format = format;
        self
    }

    /// JPEG quality from 1 to 100.
    pub fn quality(mut self, quality: u8) -> DigitalOptions {
        self.quality = quality;
        self
    }

    /// How art of other proportions is fitted, and where it is anchored.
    pub fn fit(mut self, fit: Fit, anchor: Anchor) -> DigitalOptions {
        self.fit = Some(fit);
        self.anchor = anchor;
        self
    }

    /// The colour behind transparent art and around art fitted with [`Fit::Color`].
    pub fn background(mut self, rgb: [u8; 3]) -> DigitalOptions {
        self.background = rgb;
        self
    }
}

/// A digital edition's cover image, ready to upload.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct DigitalCover {
    /// The file's bytes.
    pub image: Vec<u8>,
    /// Its format.
    pub format: ImageFormat,
    /// Its size: the store's.
    pub size: PixelSize,
    /// What was done that the user should know (the trim taken, the fit, the scale).
    pub notes: Vec<String>,
    /// What may make the store refuse the image or show it poorly (art enlarged, a file over
    /// the store's limit).
    pub warnings: Vec<String>,
}

/// Makes `product`'s cover image from the front art's file (`name` is used in messages).
///
/// `print` is the front of the print cover the art was made for ([`PrintFront::of`] a
/// layout): the art is then one of the sizes compose takes for its front panel, and its bleed or wrap (and a case's board
/// overhang, or a jacket panel's margin beyond the trim) is cut off. Without it, the art is
/// taken as a plain front, its whole area the trim.
///
/// PNG and JPEG art is read; a PDF is refused (podcover does not render PDF): export its front
/// as an image. CMYK art is converted to sRGB through the embedded printing condition's
/// profile ([`OutputProfile::swop_grade3`], perceptual), RGB art with an embedded ICC profile
/// through that profile, other RGB and grey art is taken as sRGB.
///
/// ```
/// use podcover::catalog::PixelSize;
/// use podcover::cover::{compose_digital, DigitalOptions};
/// use podcover::Catalog;
///
/// // A plain 2:3 front, 600 x 900 px, for the generic 1600 x 2400 px ebook.
/// let mut png = Vec::new();
/// let mut encoder = png::Encoder::new(&mut png, 600, 900);
/// encoder.set_color(png::ColorType::Rgb);
/// encoder.write_header()?.write_image_data(&vec![200u8; 600 * 900 * 3])?;
/// let ebook = Catalog::builtin().digital("generic".parse()?, "ebook".parse()?)?;
/// let cover = compose_digital("front.png", &png, ebook, None, &DigitalOptions::new())?;
/// assert_eq!(cover.size, PixelSize { width: 1600, height: 2400 });
/// assert!(cover.image.starts_with(b"\xFF\xD8\xFF"));
/// // Enlarged 2.67 times: stores ask for art that is not stretched.
/// assert!(cover.warnings[0].contains("enlarged"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn compose_digital(
    name: &str,
    front: &[u8],
    product: &DigitalProduct,
    print: Option<&PrintFront>,
    options: &DigitalOptions,
) -> Result<DigitalCover> {
    let what = format!("{} {}", product.vendor, product.id);
    if !product.formats.value.contains(&options.format) {
        return Err(Error::invalid(
            "image format",
            options.format,
            format_args!("a format {what} takes: {}", product.formats_text()),
        ));
    }
    if options.format == ImageFormat::Tiff {
        return Err(Error::invalid(
            "image format",
            options.format,
            "JPEG or PNG: podcover does not write TIFF",
        ));
    }
    if !(1..=100).contains(&options.quality) {
        return Err(Error::invalid(
            "JPEG quality",
            options.quality,
            "a whole number from 1 to 100",
        ));
    }
    if Format::sniff(front) == Some(Format::Pdf) {
        return Err(Error::artwork(
            name,
            ArtworkProblem::NotAnImage,
            "a PDF front cannot be made into an image (podcover does not render PDF pages); \
             export the front cover from your design program as a PNG or JPEG at 300 ppi, the \
             size of the print front, and give that",
        ));
    }
    let (header, pixels) = raster::decode(name, front)?;
    let mut notes = Vec::new();
    let mut warnings = Vec::new();
    let mut image = upright_srgb(name, &header, pixels, options.background, &mut notes)?;
    if let Some(front) = print {
        let (w, h) = (image.width, image.height);
        let (x0, y0, x1, y1) = trim_area(name, front, (w, h), header.shown_density())?;
        if (x0, y0, x1, y1) != (0, 0, w, h) {
            notes.push(format!(
                "took the trim of the front, {} x {} px of its {w} x {h} px (bleed, wrap and \
                 overhang removed, as for the {})",
                x1 - x0,
                y1 - y0,
                front.what
            ));
            image = image.crop(x0, y0, x1 - x0, y1 - y0);
        }
    }
    let target = product.size.value;
    image = fit_aspect(image, target, options, &what, &mut notes)?;
    let scale = f64::from(target.width) / f64::from(image.width);
    if scale > MAX_UPSCALE {
        warnings.push(format!(
            "the front's trim was enlarged {scale:.2} times, from {} x {} px to {target} \
             (more than {MAX_UPSCALE} times): enlarged art looks soft and stores ask for art \
             that is not stretched; export the front at a higher resolution",
            image.width, image.height,
        ));
    }
    let resized = resample(&image, target.width, target.height);
    let bytes = match options.format {
        ImageFormat::Png => encode_png(&resized)?,
        _ => encode_jpeg(&resized, options.quality)?,
    };
    if let Some(limit) = &product.file_size
        && bytes.len() as u64 > limit.value
    {
        warnings.push(format!(
            "the file is {}, over the {} {what} takes ({}){}",
            crate::catalog::file_size_text(bytes.len() as u64),
            crate::catalog::file_size_text(limit.value),
            limit.confidence,
            match options.format {
                ImageFormat::Jpeg => "; a lower quality makes it smaller",
                _ => "; a JPEG is smaller",
            }
        ));
    }
    Ok(DigitalCover {
        image: bytes,
        format: options.format,
        size: target,
        notes,
        warnings,
    })
}

/// The decoded art as seen (its EXIF orientation applied), in 8-bit sRGB, transparency over
/// `background`.
fn upright_srgb(
    name: &str,
    header: &raster::Header,
    pixels: raster::Pixels,
    background: [u8; 3],
    notes: &mut Vec<String>,
) -> Result<Rgb8> {
    let n = (pixels.width as usize) * (pixels.height as usize);
    let mut rgb: Vec<[u8; 3]> = match pixels.space {
        Space::Grey => pixels.samples.iter().map(|&g| [g, g, g]).collect(),
        Space::Rgb => {
            let stored: Vec<[u8; 3]> = pixels
                .samples
                .chunks_exact(3)
                .map(|c| [c[0], c[1], c[2]])
                .collect();
            match &pixels.icc {
                Some(icc) => from_profile(name, icc, stored, notes),
                None => stored,
            }
        }
        Space::Cmyk => {
            let cmyk: Vec<[u8; 4]> = pixels
                .samples
                .chunks_exact(4)
                .map(|c| [c[0], c[1], c[2], c[3]])
                .collect();
            notes.push(format!(
                "converted the CMYK front to sRGB as {} prints it",
                OutputProfile::swop_grade3().condition()
            ));
            ProofConverter::new(&OutputProfile::swop_grade3(), Intent::Perceptual).convert(&cmyk)
        }
    };
    if rgb.len() != n {
        return Err(Error::artwork(
            name,
            ArtworkProblem::Malformed,
            "the decoded image has fewer samples than its size",
        ));
    }
    if let Some(alpha) = &pixels.alpha {
        for (p, &a) in rgb.iter_mut().zip(alpha) {
            for (c, b) in p.iter_mut().zip(background) {
                let v = u16::from(*c) * u16::from(a) + u16::from(b) * (255 - u16::from(a));
                *c = ((v + 127) / 255) as u8;
            }
        }
    }
    let (w, h) = (pixels.width, pixels.height);
    let turn = header.orientation.exif();
    if turn <= 1 {
        return Ok(Rgb8 {
            width: w,
            height: h,
            pixels: rgb,
        });
    }
    let (sw, sh) = header.shown_pixels();
    let (sw_, sh_) = (sw as usize, sh as usize);
    let mut out = Vec::with_capacity(n);
    for y in 0..sh_ {
        for x in 0..sw_ {
            let (sx, sy) = header
                .orientation
                .stored_pixel(x, y, w as usize, h as usize);
            out.push(rgb[sy * w as usize + sx]);
        }
    }
    rgb = out;
    Ok(Rgb8 {
        width: sw,
        height: sh,
        pixels: rgb,
    })
}

/// RGB in the art's embedded ICC profile, converted to sRGB; a profile that cannot be used is
/// noted and the numbers taken as sRGB.
fn from_profile(
    name: &str,
    icc: &[u8],
    rgb: Vec<[u8; 3]>,
    notes: &mut Vec<String>,
) -> Vec<[u8; 3]> {
    use moxcms::{ColorProfile, DataColorSpace, Layout, TransformOptions};
    let srgb = ColorProfile::new_srgb();
    let transform = ColorProfile::new_from_slice(icc)
        .ok()
        .filter(|p| p.color_space == DataColorSpace::Rgb)
        .and_then(|p| {
            p.create_transform_8bit(Layout::Rgb, &srgb, Layout::Rgb, TransformOptions::default())
                .ok()
        });
    let Some(transform) = transform else {
        notes.push(format!(
            "{name}'s embedded colour profile is not an RGB profile podcover can use; its \
             colours were taken as sRGB"
        ));
        return rgb;
    };
    let mut out = vec![[0u8; 3]; rgb.len()];
    match transform.transform(rgb.as_flattened(), out.as_flattened_mut()) {
        Ok(()) => out,
        Err(_) => rgb,
    }
}

/// The trim of front art made for `layout`, in pixels of the upright image: left, top, right,
/// bottom.
fn trim_area(
    name: &str,
    front: &PrintFront,
    (w, h): (u32, u32),
    recorded: Option<(f64, f64)>,
) -> Result<(u32, u32, u32, u32)> {
    let (panel, book) = (front.panel, front.trim);
    let Some((trim, sides, own)) = front_image_trim(panel, front.bleed, book, (w, h), recorded)
    else {
        return Err(Error::compose(
            ComposeProblem::WrongSize,
            format!(
                "front artwork {name} is {w} x {h} px, whose proportions fit none of the sizes \
                 the {} front takes: {}",
                front.what,
                front_image_sizes(panel, front.bleed, book).join("; ")
            ),
        ));
    };
    // A case's board and a jacket's panel are larger than the book's trim: the overhang lies
    // beyond the trim at the top and bottom (half each) and on the outer edge (the spine side
    // of the board meets the hinge).
    let (over_x, over_y) = if own {
        (
            (panel.width - book.width).max(Length::ZERO),
            (panel.height - book.height).max(Length::ZERO),
        )
    } else {
        (Length::ZERO, Length::ZERO)
    };
    let full_w = trim.width + sides.left + sides.right;
    let full_h = trim.height + sides.top + sides.bottom;
    // Edges that fall inside a pixel keep it out: no sliver of bleed colour at the edge.
    let at = |l: Length, full: Length, n: u32| (l / full * f64::from(n)).clamp(0.0, f64::from(n));
    let start = |v: f64| (v - 1e-6).ceil() as u32;
    let end = |v: f64| (v + 1e-6).floor() as u32;
    let x0 = start(at(sides.left, full_w, w));
    let x1 = end(at(sides.left + trim.width - over_x, full_w, w));
    let y0 = start(at(sides.top + over_y / 2.0, full_h, h));
    let y1 = end(at(sides.top + trim.height - over_y / 2.0, full_h, h));
    if x1 <= x0 || y1 <= y0 {
        return Err(Error::compose(
            ComposeProblem::WrongSize,
            format!("front artwork {name} is {w} x {h} px: too small to hold a trim"),
        ));
    }
    Ok((x0, y0, x1, y1))
}

/// The art brought to `target`'s proportions as `options` say; art within
/// [`ASPECT_TOLERANCE`] of them is left as it is.
fn fit_aspect(
    image: Rgb8,
    target: PixelSize,
    options: &DigitalOptions,
    what: &str,
    notes: &mut Vec<String>,
) -> Result<Rgb8> {
    let (w, h) = (image.width, image.height);
    let have = f64::from(h) / f64::from(w);
    let want = target.aspect();
    if (have / want - 1.0).abs() <= ASPECT_TOLERANCE {
        return Ok(image);
    }
    let Some(fit) = options.fit else {
        return Err(Error::compose(
            ComposeProblem::WrongSize,
            format!(
                "the front's trim is {w} x {h} px (height {have:.3} times the width), and \
                 {what} is {target} (height {want:.3} times the width); choose a fit: crop \
                 (cut to the store's proportions), extend (the edges mirrored outwards) or \
                 color (a flat colour around it)"
            ),
        ));
    };
    let taller = have > want;
    let fitted = match fit {
        Fit::Crop => {
            let (cw, ch) = if taller {
                (w, ((f64::from(w) * want).round() as u32).clamp(1, h))
            } else {
                (((f64::from(h) / want).round() as u32).clamp(1, w), h)
            };
            let x = Anchor::offset(options.anchor.x, w - cw);
            let y = Anchor::offset(options.anchor.y, h - ch);
            image.crop(x, y, cw, ch)
        }
        Fit::Extend | Fit::Color => {
            let (cw, ch) = if taller {
                (((f64::from(h) / want).round() as u32).max(w), h)
            } else {
                (w, ((f64::from(w) * want).round() as u32).max(h))
            };
            let x = Anchor::offset(options.anchor.x, cw - w);
            let y = Anchor::offset(options.anchor.y, ch - h);
            let background = (fit == Fit::Color).then_some(options.background);
            image.pad(cw, ch, x, y, background)
        }
    };
    notes.push(format!(
        "fitted the {w} x {h} px trim to {what}'s proportions by {fit} at the {}: {} x {} px",
        options.anchor, fitted.width, fitted.height
    ));
    Ok(fitted)
}

/// A baseline JPEG at `quality`, colour at full resolution, with the sRGB ICC profile and
/// 300 ppi.
fn encode_jpeg(image: &Rgb8, quality: u8) -> Result<Vec<u8>> {
    use jpeg_encoder::{ColorType, Encoder, PixelDensity, PixelDensityUnit, SamplingFactor};
    let mut out = Vec::new();
    let mut encoder = Encoder::new(&mut out, quality);
    encoder.set_sampling_factor(SamplingFactor::F_1_1);
    encoder.set_density(PixelDensity {
        density: (PPI, PPI),
        unit: PixelDensityUnit::Inches,
    });
    encoder
        .add_icc_profile(&srgb_icc())
        .map_err(|e| encode_failed("JPEG", e))?;
    let (w, h) = (dimension(image.width)?, dimension(image.height)?);
    encoder
        .encode(image.pixels.as_flattened(), w, h, ColorType::Rgb)
        .map_err(|e| encode_failed("JPEG", e))?;
    Ok(out)
}

/// An 8-bit RGB PNG marked sRGB (its `sRGB` chunk, with `gAMA` and `cHRM` for older readers)
/// at 300 ppi.
fn encode_png(image: &Rgb8) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, image.width, image.height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_source_srgb(png::SrgbRenderingIntent::Perceptual);
    // 300 ppi in pixels per metre.
    let per_metre = (f64::from(PPI) / 0.0254).round() as u32;
    encoder.set_pixel_dims(Some(png::PixelDimensions {
        xppu: per_metre,
        yppu: per_metre,
        unit: png::Unit::Meter,
    }));
    let mut writer = encoder
        .write_header()
        .map_err(|e| encode_failed("PNG", e))?;
    writer
        .write_image_data(image.pixels.as_flattened())
        .map_err(|e| encode_failed("PNG", e))?;
    writer.finish().map_err(|e| encode_failed("PNG", e))?;
    Ok(out)
}

/// The sRGB ICC profile that tags a JPEG (moxcms writes it; about 600 bytes), dated
/// 2026-01-01 rather than the moment it is written, so that the same art makes the same file.
fn srgb_icc() -> Vec<u8> {
    // moxcms encodes its own built-in sRGB profile; failing here is a bug.
    #[allow(clippy::expect_used)]
    let mut icc = moxcms::ColorProfile::new_srgb()
        .encode()
        .expect("moxcms encodes its sRGB profile");
    // The header's creation date: six big-endian numbers from byte 24 (the profile ID, which
    // would cover it, is left zero by moxcms).
    if let Some(date) = icc.get_mut(24..36) {
        for (i, v) in [2026u16, 1, 1, 0, 0, 0].iter().enumerate() {
            date[2 * i..2 * i + 2].copy_from_slice(&v.to_be_bytes());
        }
    }
    icc
}

fn dimension(side: u32) -> Result<u16> {
    u16::try_from(side).map_err(|_| {
        Error::invalid(
            "image side",
            side,
            "at most 65535 px, the most a JPEG holds",
        )
    })
}

fn encode_failed(format: &str, e: impl fmt::Display) -> Error {
    Error::encode(format, e)
}
