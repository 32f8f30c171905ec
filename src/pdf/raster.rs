//! Raster artwork: JPEG embedded as it is (only its header is read), PNG decoded once and
//! Flate-compressed, with its alpha channel as a soft mask.

use std::io::Cursor;

use lopdf::{Dictionary, Object, Stream};

use crate::error::{ArtworkProblem, Error, Result};
use crate::pdf::name;

fn fail(file: &str, problem: ArtworkProblem, message: impl std::fmt::Display) -> Error {
    Error::Artwork {
        name: file.to_string(),
        problem,
        message: message.to_string(),
    }
}

/// Images with more pixels than this are refused (about 8,000 x 8,000: a 13 x 19 in jacket at
/// 600 ppi), so that a hostile file cannot make us, or a printer's RIP, allocate without bound.
pub(crate) const MAX_PIXELS: u64 = 64_000_000;

/// Bytes the PNG decoder may allocate at most: the largest image in RGBA, and its working rows.
const PNG_MEMORY: usize = (MAX_PIXELS as usize) * 4 + (16 << 20);

/// The kinds of image file read, by their first bytes.
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
}

/// A decoded or header-read image, ready to become a PDF image XObject.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Raster {
    pub(crate) width: u32,
    pub(crate) height: u32,
    /// Pixels per inch across and down, where the file records them.
    pub(crate) density: Option<(f64, f64)>,
    /// 1 (grey), 3 (RGB) or 4 (CMYK).
    pub(crate) components: u8,
    pub(crate) data: Data,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Data {
    /// The JPEG file as it is; `inverted` for Adobe CMYK, which stores inks inverted.
    Jpeg { bytes: Vec<u8>, inverted: bool },
    /// 8-bit samples, and 8-bit alpha where the image is not opaque.
    Samples {
        color: Vec<u8>,
        alpha: Option<Vec<u8>>,
    },
}

impl Raster {
    /// What the file is, for messages, e.g. `JPEG, CMYK, 1875 x 2775 px`.
    pub(crate) fn describe(&self) -> String {
        let kind = match self.data {
            Data::Jpeg { .. } => "JPEG",
            Data::Samples { .. } => "PNG",
        };
        let color = match self.components {
            1 => "greyscale",
            3 => "RGB",
            _ => "CMYK",
        };
        let alpha = match &self.data {
            Data::Samples { alpha: Some(_), .. } => " with transparency",
            _ => "",
        };
        format!(
            "{kind}, {color}{alpha}, {} x {} px",
            self.width, self.height
        )
    }

    /// The image as a PDF image XObject, with its soft mask as a second stream.
    pub(crate) fn to_streams(&self) -> (Stream, Option<Stream>) {
        let space = match self.components {
            1 => "DeviceGray",
            3 => "DeviceRGB",
            _ => "DeviceCMYK",
        };
        let mut dict = Dictionary::from_iter(vec![
            ("Type", name("XObject")),
            ("Subtype", name("Image")),
            ("Width", Object::Integer(self.width.into())),
            ("Height", Object::Integer(self.height.into())),
            ("ColorSpace", name(space)),
            ("BitsPerComponent", Object::Integer(8)),
        ]);
        match &self.data {
            Data::Jpeg { bytes, inverted } => {
                dict.set("Filter", name("DCTDecode"));
                if *inverted {
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
                let mask = alpha.as_ref().map(|a| {
                    let mask = Dictionary::from_iter(vec![
                        ("Type", name("XObject")),
                        ("Subtype", name("Image")),
                        ("Width", Object::Integer(self.width.into())),
                        ("Height", Object::Integer(self.height.into())),
                        ("ColorSpace", name("DeviceGray")),
                        ("BitsPerComponent", Object::Integer(8)),
                    ]);
                    Stream::new(mask, a.clone())
                });
                (Stream::new(dict, color.clone()), mask)
            }
        }
    }
}

fn check_pixels(file: &str, width: u32, height: u32) -> Result<()> {
    if width == 0 || height == 0 {
        return Err(fail(
            file,
            ArtworkProblem::Malformed,
            format!("the image is {width} x {height} px"),
        ));
    }
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(fail(
            file,
            ArtworkProblem::TooLarge,
            format!(
                "the image is {width} x {height} px, more than the {} million pixels read at most; \
                 export it at 300 to 600 ppi",
                MAX_PIXELS / 1_000_000
            ),
        ));
    }
    Ok(())
}

/// Reads a JPEG's header (size, components, density, Adobe marker); the file is kept as it is.
pub(crate) fn jpeg(file: &str, bytes: &[u8]) -> Result<Raster> {
    let bad = |what: &str| {
        fail(
            file,
            ArtworkProblem::Malformed,
            format!("not a valid JPEG: {what}"),
        )
    };
    let mut at = 2;
    let mut density = None;
    let mut adobe = false;
    let mut frame: Option<(u8, u32, u32, u8)> = None;
    loop {
        // Markers may be padded with any number of 0xFF bytes.
        while bytes.get(at) == Some(&0xFF) && bytes.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        let (Some(&0xFF), Some(&marker)) = (bytes.get(at), bytes.get(at + 1)) else {
            return Err(bad("the header is cut short or damaged"));
        };
        at += 2;
        if marker == 0xD8 || marker == 0x01 || (0xD0..=0xD7).contains(&marker) {
            continue;
        }
        if marker == 0xD9 {
            return Err(bad("the file ends before any image data"));
        }
        let len = match bytes.get(at..at + 2) {
            Some(l) => usize::from(u16::from_be_bytes([l[0], l[1]])),
            None => return Err(bad("the header is cut short")),
        };
        let Some(segment) = bytes.get(at + 2..at + len.max(2)) else {
            return Err(bad("the header is cut short"));
        };
        if len < 2 {
            return Err(bad("a header segment has an impossible length"));
        }
        match marker {
            0xE0 if segment.starts_with(b"JFIF\0") && segment.len() >= 12 => {
                let unit = segment[7];
                let x = f64::from(u16::from_be_bytes([segment[8], segment[9]]));
                let y = f64::from(u16::from_be_bytes([segment[10], segment[11]]));
                density = match unit {
                    1 if x > 0.0 && y > 0.0 => Some((x, y)),
                    2 if x > 0.0 && y > 0.0 => Some((x * 2.54, y * 2.54)),
                    _ => None,
                };
            }
            0xEE if segment.starts_with(b"Adobe") => adobe = true,
            0xC0..=0xCF if marker != 0xC4 && marker != 0xC8 && marker != 0xCC => {
                if segment.len() < 6 {
                    return Err(bad("the frame header is cut short"));
                }
                let height = u32::from(u16::from_be_bytes([segment[1], segment[2]]));
                let width = u32::from(u16::from_be_bytes([segment[3], segment[4]]));
                frame = Some((marker, width, height, segment[5]));
                if segment[0] != 8 {
                    return Err(fail(
                        file,
                        ArtworkProblem::Unsupported,
                        format!(
                            "the JPEG has {}-bit samples; PDF takes 8-bit JPEGs: save it as 8-bit",
                            segment[0]
                        ),
                    ));
                }
            }
            0xDA => break,
            _ => {}
        }
        at += len;
    }
    let Some((marker, width, height, components)) = frame else {
        return Err(bad("no frame header before the image data"));
    };
    if !matches!(marker, 0xC0..=0xC2) {
        return Err(fail(
            file,
            ArtworkProblem::Unsupported,
            "the JPEG is lossless or arithmetic-coded, which PDF does not take; save it as a \
             baseline or progressive JPEG",
        ));
    }
    if height == 0 {
        return Err(fail(
            file,
            ArtworkProblem::Unsupported,
            "the JPEG gives its height after the image data, which PDF does not take",
        ));
    }
    check_pixels(file, width, height)?;
    if !matches!(components, 1 | 3 | 4) {
        return Err(fail(
            file,
            ArtworkProblem::Unsupported,
            format!("the JPEG has {components} colour components; expected 1 (grey), 3 (RGB) or 4 (CMYK)"),
        ));
    }
    Ok(Raster {
        width,
        height,
        density,
        components,
        data: Data::Jpeg {
            bytes: bytes.to_vec(),
            inverted: adobe && components == 4,
        },
    })
}

/// Decodes a PNG to 8-bit grey or RGB samples and an alpha channel (dropped where opaque).
pub(crate) fn png(file: &str, bytes: &[u8]) -> Result<Raster> {
    let bad = |e: png::DecodingError| {
        fail(
            file,
            ArtworkProblem::Malformed,
            format!("not a valid PNG: {e}"),
        )
    };
    let mut decoder =
        png::Decoder::new_with_limits(Cursor::new(bytes), png::Limits { bytes: PNG_MEMORY });
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let header = decoder.read_header_info().map_err(bad)?;
    check_pixels(file, header.width, header.height)?;
    let mut reader = decoder.read_info().map_err(bad)?;
    let info = reader.info();
    let (width, height) = (info.width, info.height);
    let density = info.pixel_dims.and_then(|d| match d.unit {
        png::Unit::Meter if d.xppu > 0 && d.yppu > 0 => {
            Some((f64::from(d.xppu) * 0.0254, f64::from(d.yppu) * 0.0254))
        }
        _ => None,
    });
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| fail(file, ArtworkProblem::TooLarge, "the image is too large"))?;
    let mut buf = vec![0; size];
    let frame = reader.next_frame(&mut buf).map_err(bad)?;
    buf.truncate(frame.buffer_size());
    let (channels, has_alpha) = match frame.color_type {
        png::ColorType::Grayscale => (1, false),
        png::ColorType::GrayscaleAlpha => (2, true),
        png::ColorType::Rgb => (3, false),
        png::ColorType::Rgba => (4, true),
        png::ColorType::Indexed => {
            return Err(fail(
                file,
                ArtworkProblem::Unsupported,
                "the palette was not expanded",
            ))
        }
    };
    let stride = frame.line_size;
    let row_bytes = width as usize * channels;
    let components = if channels >= 3 { 3 } else { 1 };
    let mut color = Vec::with_capacity(width as usize * height as usize * components);
    let mut alpha = Vec::with_capacity(if has_alpha {
        width as usize * height as usize
    } else {
        0
    });
    for row in buf.chunks(stride).take(height as usize) {
        let row = &row[..row_bytes.min(row.len())];
        if has_alpha {
            for px in row.chunks_exact(channels) {
                color.extend_from_slice(&px[..components]);
                alpha.push(px[components]);
            }
        } else {
            color.extend_from_slice(row);
        }
    }
    drop(buf);
    let alpha = (has_alpha && alpha.iter().any(|&a| a != 255)).then_some(alpha);
    Ok(Raster {
        width,
        height,
        density,
        components: components as u8,
        data: Data::Samples { color, alpha },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_their_first_bytes() {
        assert_eq!(Format::sniff(b"\xFF\xD8\xFF\xE0"), Some(Format::Jpeg));
        assert_eq!(Format::sniff(b"\x89PNG\r\n\x1a\nrest"), Some(Format::Png));
        assert_eq!(Format::sniff(b"%PDF-1.7\n"), Some(Format::Pdf));
        assert_eq!(Format::sniff(b"GIF89a"), None);
        assert_eq!(Format::sniff(b""), None);
    }

    #[test]
    fn jpeg_headers_cut_short_are_errors_not_panics() {
        let header = b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x01\x01\x2c\x01\x2c\x00\x00\
                       \xFF\xC0\x00\x11\x08\x00\x10\x00\x20\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01\
                       \xFF\xDA\x00\x0c\x03\x01\x00\x02\x11\x03\x11\x00\x3f\x00";
        let raster = jpeg("a.jpg", header).unwrap();
        assert_eq!(
            (raster.width, raster.height, raster.components),
            (32, 16, 3)
        );
        assert_eq!(raster.density, Some((300.0, 300.0)));
        for cut in 0..header.len() - 14 {
            assert!(jpeg("a.jpg", &header[..cut]).is_err(), "{cut}");
        }
    }
}
