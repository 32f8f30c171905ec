//! JPEG: decoded by zune-jpeg (strict, so that a scan cut short or damaged is an error rather
//! than a grey or blank picture), after a walk over the segments before the scan for what the
//! decoder does not report: the JFIF density, the Adobe marker, and each frame header.

use zune_jpeg::errors::DecodeErrors;
use zune_jpeg::zune_core::bytestream::ZCursor;
use zune_jpeg::zune_core::colorspace::ColorSpace;
use zune_jpeg::zune_core::options::DecoderOptions;
use zune_jpeg::JpegDecoder;

use super::{exif, fail, Format, Header, Orientation, Pixels, Space};
use crate::error::{ArtworkProblem, Error, Result};
use crate::pdf::untrusted;

/// A frame header (SOF): its marker and sample precision in bits, the height it gives, and
/// the 8 x 8 blocks its components take (0 where the header is cut short).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Frame {
    marker: u8,
    bits: u8,
    height: u16,
    blocks: u64,
}

/// The 8 x 8 blocks a frame header's components take: each component's share of the size,
/// by its sampling factors, in whole blocks. 0 where the header is short or a factor is 0.
fn blocks(segment: &[u8]) -> u64 {
    let (Some(size), Some(&count)) = (segment.get(1..5), segment.get(5)) else {
        return 0;
    };
    let height = u64::from(u16::from_be_bytes([size[0], size[1]]));
    let width = u64::from(u16::from_be_bytes([size[2], size[3]]));
    let Some(factors) = segment.get(6..6 + 3 * usize::from(count)) else {
        return 0;
    };
    let factors: Vec<(u64, u64)> = factors
        .chunks_exact(3)
        .map(|c| (u64::from(c[1] >> 4), u64::from(c[1] & 15)))
        .collect();
    let h_max = factors.iter().map(|f| f.0).max().unwrap_or(0);
    let v_max = factors.iter().map(|f| f.1).max().unwrap_or(0);
    if factors.iter().any(|&(h, v)| h == 0 || v == 0) {
        return 0;
    }
    factors
        .iter()
        .map(|&(h, v)| {
            let w = (width * h).div_ceil(h_max);
            let ht = (height * v).div_ceil(v_max);
            w.div_ceil(8) * ht.div_ceil(8)
        })
        .sum()
}

/// What the decoder reads: the file with 64 one-bits before its closing end-of-image marker.
/// A complete scan never reads them (its last byte is padded with ones already); a scan that
/// stops short of its last block and was closed with the marker would otherwise be decoded on
/// as zeros, a grey picture. Sixteen ones in a row are no Huffman code, so the decoder fails.
fn padded(bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    match bytes.strip_suffix(&[0xFF, 0xD9]) {
        Some(body) => {
            let mut out = Vec::with_capacity(bytes.len() + 16);
            out.extend_from_slice(body);
            out.extend_from_slice(&[0xFF, 0x00].repeat(8));
            out.extend_from_slice(&[0xFF, 0xD9]);
            out.into()
        }
        None => bytes.into(),
    }
}

/// What the segments before the first scan say.
#[derive(Debug, Clone, Default, PartialEq)]
struct Segments {
    /// Pixels per inch from a JFIF APP0 segment.
    density: Option<(f64, f64)>,
    /// An Adobe APP14 segment: its CMYK is stored inverted.
    adobe: bool,
    frames: Vec<Frame>,
    /// Where the first scan's data starts, if the walk got there.
    scan: Option<usize>,
}

impl Segments {
    /// Walks the segments from the start of image to the first scan, stopping early (with what
    /// it has) where the file is cut short or broken: the decoder then says what is wrong.
    fn read(bytes: &[u8]) -> Segments {
        let mut out = Segments::default();
        let mut at = 2;
        loop {
            // Markers may be padded with any number of 0xFF bytes.
            while bytes.get(at) == Some(&0xFF) && bytes.get(at + 1) == Some(&0xFF) {
                at += 1;
            }
            let (Some(&0xFF), Some(&marker)) = (bytes.get(at), bytes.get(at + 1)) else {
                return out;
            };
            at += 2;
            if marker == 0x01 || (0xD0..=0xD8).contains(&marker) {
                continue;
            }
            if marker == 0xD9 {
                return out;
            }
            let Some(len) = bytes
                .get(at..at + 2)
                .map(|l| usize::from(u16::from_be_bytes([l[0], l[1]])))
            else {
                return out;
            };
            let Some(segment) = bytes.get(at + 2..at + len.max(2)) else {
                return out;
            };
            match marker {
                0xE0 if segment.starts_with(b"JFIF\0") && segment.len() >= 12 => {
                    let x = f64::from(u16::from_be_bytes([segment[8], segment[9]]));
                    let y = f64::from(u16::from_be_bytes([segment[10], segment[11]]));
                    out.density = match segment[7] {
                        1 if x > 0.0 && y > 0.0 => Some((x, y)),
                        2 if x > 0.0 && y > 0.0 => Some((x * 2.54, y * 2.54)),
                        _ => None,
                    };
                }
                0xEE if segment.starts_with(b"Adobe") => out.adobe = true,
                // Frame headers: every SOFn but DHT (C4), JPG (C8) and DAC (CC).
                0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) && segment.len() >= 3 => {
                    out.frames.push(Frame {
                        marker,
                        bits: segment[0],
                        height: u16::from_be_bytes([segment[1], segment[2]]),
                        blocks: blocks(segment),
                    });
                }
                0xDA => {
                    out.scan = Some(at + len);
                    return out;
                }
                _ => {}
            }
            if len < 2 {
                return out;
            }
            at += len;
        }
    }
}

/// Refuses what the frame headers show PDF or podcover cannot take, with a message naming it.
fn check_frames(file: &str, segments: &Segments) -> Result<()> {
    let unsupported = |message: String| fail(file, ArtworkProblem::Unsupported, message);
    match segments.frames.as_slice() {
        [] if segments.scan.is_none() => Err(fail(
            file,
            ArtworkProblem::Malformed,
            "not a valid JPEG: the file ends before its image data (it may not have finished \
             saving or downloading); export it again",
        )),
        [] => Err(fail(
            file,
            ArtworkProblem::Malformed,
            "not a valid JPEG: it has no frame header before its image data; export it again",
        )),
        [_, _, ..] => Err(fail(
            file,
            ArtworkProblem::Malformed,
            format!(
                "not a valid JPEG: it has {} frame headers where a JPEG has one, so it is \
                 damaged; export it again",
                segments.frames.len()
            ),
        )),
        [frame] if !matches!(frame.marker, 0xC0..=0xC2) => Err(unsupported(
            "the JPEG is lossless or arithmetic-coded, which PDF does not take; save it as a \
             baseline or progressive JPEG"
                .into(),
        )),
        [frame] if frame.bits != 8 => Err(unsupported(format!(
            "the JPEG has {}-bit samples; PDF takes 8-bit JPEGs: save it as 8-bit",
            frame.bits
        ))),
        [frame] if frame.height == 0 => Err(unsupported(
            "the JPEG gives its height after the image data, which PDF does not take".into(),
        )),
        [_] => Ok(()),
    }
}

/// Whether an end-of-image marker follows the start of the scan (it cannot occur inside scan
/// data): a file without one is cut short.
fn ends(bytes: &[u8], segments: &Segments) -> bool {
    segments
        .scan
        .and_then(|at| bytes.get(at..))
        .is_some_and(|scan| scan.windows(2).any(|w| w == [0xFF, 0xD9]))
}

/// The error for image data the decoder refuses: cut short where the file has no end, damaged
/// otherwise.
fn broken(file: &str, bytes: &[u8], segments: &Segments) -> Error {
    let message = if ends(bytes, segments) {
        "not a valid JPEG: its image data is damaged, so it would print wrong or blank; export \
         it again"
    } else {
        "not a valid JPEG: the file is cut short in its image data (it may not have finished \
         saving or downloading); export it again"
    };
    fail(file, ArtworkProblem::Malformed, message)
}

/// Decodes a JPEG; `check` sees its header before any pixel is decoded.
pub(super) fn decode(
    file: &str,
    bytes: &[u8],
    check: impl FnOnce(&Header) -> Result<()>,
) -> Result<(Header, Pixels)> {
    let segments = Segments::read(bytes);
    check_frames(file, &segments)?;
    // Strict: errors in the scan fail rather than leave grey blocks. The size limits are
    // podcover's own (`check`), so the decoder's are lifted to what a JPEG can say.
    let options = DecoderOptions::default()
        .set_strict_mode(true)
        .set_max_width(usize::from(u16::MAX))
        .set_max_height(usize::from(u16::MAX));
    let input = padded(bytes);
    let mut decoder = JpegDecoder::new_with_options(ZCursor::new(&input[..]), options);
    let headers = untrusted(file, "the JPEG decoder", || decoder.decode_headers())?;
    headers.map_err(|e| match e {
        DecodeErrors::Unsupported(_) => fail(
            file,
            ArtworkProblem::Unsupported,
            "the JPEG is lossless or arithmetic-coded, which PDF does not take; save it as a \
             baseline or progressive JPEG",
        ),
        _ => fail(
            file,
            ArtworkProblem::Malformed,
            "not a valid JPEG: its header is damaged; export it again",
        ),
    })?;
    let (Some(info), Some(color)) = (decoder.info(), decoder.input_colorspace()) else {
        return Err(broken(file, bytes, &segments));
    };
    let space = match info.components {
        1 => Space::Grey,
        3 => Space::Rgb,
        4 => Space::Cmyk,
        n => {
            return Err(fail(
                file,
                ArtworkProblem::Unsupported,
                format!(
                    "the JPEG has {n} colour components; expected 1 (grey), 3 (RGB) or 4 (CMYK)"
                ),
            ))
        }
    };
    let exif = decoder.exif().map(|e| exif::read(e)).unwrap_or_default();
    let header = Header {
        format: Format::Jpeg,
        width: u32::from(info.width),
        height: u32::from(info.height),
        space,
        alpha: false,
        density: segments.density.or(exif.density),
        orientation: exif
            .orientation
            .map_or(Orientation::UPRIGHT, Orientation::from_exif),
        inverted: segments.adobe && space == Space::Cmyk,
        progressive: segments.frames.first().is_some_and(|f| f.marker == 0xC2),
    };
    check(&header)?;
    // Each block takes at least one bit (its DC code), however well it compresses: a file
    // with less data cannot hold its picture.
    let data = segments
        .scan
        .map_or(0, |at| bytes.len().saturating_sub(at) as u64);
    let blocks = segments.frames.first().map_or(0, |f| f.blocks);
    if data * 8 < blocks && !ends(bytes, &segments) {
        return Err(broken(file, bytes, &segments));
    }
    if data * 8 < blocks {
        return Err(fail(
            file,
            ArtworkProblem::Malformed,
            format!(
                "not a valid JPEG: its {data} bytes of image data cannot hold a {} x {} px \
                 picture (most of it would print grey); export it again",
                header.width, header.height
            ),
        ));
    }
    let out = match (space, color) {
        (Space::Grey, _) => ColorSpace::Luma,
        (Space::Rgb, _) => ColorSpace::RGB,
        (Space::Cmyk, ColorSpace::YCCK) => ColorSpace::YCCK,
        (Space::Cmyk, _) => ColorSpace::CMYK,
    };
    decoder.set_options(decoder.options().jpeg_set_out_colorspace(out));
    let mut samples = untrusted(file, "the JPEG decoder", || decoder.decode())?
        .map_err(|_| broken(file, bytes, &segments))?;
    let expected = header.width as usize * header.height as usize * space.components();
    if samples.len() != expected {
        return Err(broken(file, bytes, &segments));
    }
    if out == ColorSpace::YCCK {
        ycck_to_cmyk(&mut samples);
    }
    if header.inverted {
        samples.iter_mut().for_each(|s| *s = 255 - *s);
    }
    let icc = decoder.icc_profile();
    Ok((
        header.clone(),
        Pixels {
            width: header.width,
            height: header.height,
            space,
            samples,
            alpha: None,
            icc,
        },
    ))
}

/// Adobe's YCCK to CMYK as stored (before any inversion): the first three samples are YCbCr of
/// the inverted C, M and Y (JFIF's full-range conversion), the fourth is K as it is.
fn ycck_to_cmyk(samples: &mut [u8]) {
    for px in samples.chunks_exact_mut(4) {
        let y = f64::from(px[0]);
        let cb = f64::from(px[1]) - 128.0;
        let cr = f64::from(px[2]) - 128.0;
        let rgb = [
            y + 1.402 * cr,
            y - 0.344_136 * cb - 0.714_136 * cr,
            y + 1.772 * cb,
        ];
        for (s, v) in px.iter_mut().zip(rgb) {
            *s = 255 - v.round().clamp(0.0, 255.0) as u8;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_give_density_adobe_and_frames_and_never_panic_when_cut() {
        let header = b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x01\x01\x2c\x01\x2c\x00\x00\
                       \xFF\xEE\x00\x0eAdobe\x00\x64\x00\x00\x00\x00\x02\
                       \xFF\xC0\x00\x11\x08\x00\x10\x00\x20\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01\
                       \xFF\xDA\x00\x0c\x03\x01\x00\x02\x11\x03\x11\x00\x3f\x00";
        let s = Segments::read(header);
        assert_eq!(s.density, Some((300.0, 300.0)));
        assert!(s.adobe);
        assert_eq!(
            s.frames,
            [Frame {
                marker: 0xC0,
                bits: 8,
                height: 16,
                // 32 x 16 px, luma sampled 2 x 2: 4 x 2 blocks of luma, 2 x 1 of each chroma.
                blocks: 12
            }]
        );
        assert_eq!(s.scan, Some(header.len()));
        for cut in 0..header.len() {
            let s = Segments::read(&header[..cut]);
            assert_eq!(s.scan, None, "{cut}");
            if s.frames.is_empty() {
                assert!(check_frames("a.jpg", &s).is_err(), "{cut}");
            }
        }
    }

    #[test]
    fn only_a_file_that_ends_with_its_marker_is_padded() {
        assert_eq!(
            &padded(b"\xFF\xD8data\xFF\xD9")[..],
            b"\xFF\xD8data\xFF\x00\xFF\x00\xFF\x00\xFF\x00\xFF\x00\xFF\x00\xFF\x00\xFF\x00\xFF\xD9"
        );
        assert_eq!(&padded(b"\xFF\xD8data")[..], b"\xFF\xD8data");
        assert_eq!(
            &padded(b"\xFF\xD8\xFF\xD9junk")[..],
            b"\xFF\xD8\xFF\xD9junk"
        );
    }

    #[test]
    fn ycck_turns_back_into_the_inks_it_was_made_from() {
        // As libjpeg converts it: C, M and Y are 255 less the RGB that YCbCr gives, K is kept.
        let mut px = [255, 128, 128, 77];
        ycck_to_cmyk(&mut px);
        assert_eq!(px, [0, 0, 0, 77]);
    }
}
