//! PNG: decoded by the `png` crate to 8-bit grey or RGB and an alpha channel, after a walk over
//! its chunks that says in words what is wrong with a broken file (the decoder's own errors are
//! written for programmers).

use std::io::Cursor;

use super::{fail, Format, Header, Orientation, Pixels, Space, MAX_DECODE_BYTES};
use crate::error::{ArtworkProblem, Error, Result};
use crate::pdf::untrusted;

/// Whether chunk checksums are checked: not in fuzzing builds (cargo-fuzz sets `--cfg fuzzing`,
/// as the `png` crate does), where a mutated chunk would otherwise never get past them.
const CHECKSUMS: bool = !cfg!(fuzzing);

/// The critical chunks PNG defines; any other chunk whose name starts with a capital must be
/// understood to read the image.
const CRITICAL: [&[u8; 4]; 4] = [b"IHDR", b"PLTE", b"IDAT", b"IEND"];

fn malformed(file: &str, what: impl std::fmt::Display) -> Error {
    fail(
        file,
        ArtworkProblem::Malformed,
        format!("not a valid PNG: {what}"),
    )
}

/// A chunk's name for messages: its four letters, or its bytes where they are not letters.
fn chunk_name(kind: &[u8]) -> String {
    if kind.iter().all(u8::is_ascii_alphabetic) {
        String::from_utf8_lossy(kind).into_owned()
    } else {
        kind.iter().map(|b| format!("{b:02X}")).collect()
    }
}

/// Walks the chunks from the signature to IEND: each whole, its checksum right, the image
/// header first and once, no critical chunk podcover does not know, some image data. A file
/// that ends cleanly after its image data without IEND is left to the decoder.
fn check_chunks(file: &str, bytes: &[u8]) -> Result<()> {
    let cut = |at: usize| {
        malformed(
            file,
            format!(
                "the file is cut short at byte {at} (it may not have finished saving or \
                 downloading); export it again"
            ),
        )
    };
    let mut at = 8;
    let (mut header, mut data) = (false, false);
    while at < bytes.len() {
        let Some(head) = bytes.get(at..at + 8) else {
            return Err(cut(bytes.len()));
        };
        let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]);
        let kind = &head[4..8];
        let name = chunk_name(kind);
        if len > i32::MAX as u32 || !kind.iter().all(u8::is_ascii_alphabetic) {
            return Err(malformed(
                file,
                format!("the chunk at byte {at} ({name}) is damaged; export the image again"),
            ));
        }
        let end = at + 12 + len as usize;
        let Some(chunk) = bytes.get(at + 4..end) else {
            return Err(cut(bytes.len()));
        };
        let (body, crc) = chunk.split_at(chunk.len() - 4);
        let mut sum = flate2::Crc::new();
        sum.update(body);
        if CHECKSUMS && sum.sum().to_be_bytes() != crc {
            return Err(malformed(
                file,
                format!(
                    "its {name} chunk at byte {at} is damaged (its checksum does not match); \
                     export the image again"
                ),
            ));
        }
        let first = at == 8;
        match kind {
            b"IHDR" if !first => {
                return Err(malformed(
                    file,
                    "it has two image headers (IHDR) where a PNG has one; export it again",
                ))
            }
            b"IHDR" => header = true,
            b"IDAT" if first => {
                return Err(malformed(
                    file,
                    "its image data (IDAT) comes before its image header (IHDR); export it again",
                ))
            }
            _ if first => {
                return Err(malformed(
                    file,
                    format!(
                        "it starts with a {name} chunk, not the image header (IHDR); export it \
                         again"
                    ),
                ))
            }
            b"IDAT" => data = true,
            b"IEND" => break,
            _ if kind[0].is_ascii_uppercase() && !CRITICAL.iter().any(|c| &c[..] == kind) => {
                return Err(malformed(
                    file,
                    format!(
                        "it has a {name} chunk, which a PNG reader must understand and podcover \
                         does not; save it as a plain PNG"
                    ),
                ))
            }
            _ => {}
        }
        at = end;
    }
    if !header {
        return Err(cut(bytes.len()));
    }
    if !data {
        return Err(malformed(
            file,
            "it has no image data (IDAT); export it again",
        ));
    }
    Ok(())
}

/// The decoder's error, once the chunks are known to be sound: the image data is cut short,
/// damaged, or too large to decode. `before` is true for errors in the chunks before the image
/// data (a header value PNG does not allow, a broken profile).
fn decoding(file: &str, e: png::DecodingError, before: bool) -> Error {
    match e {
        png::DecodingError::LimitsExceeded => fail(
            file,
            ArtworkProblem::TooLarge,
            "the image is too large to decode; export it at 300 to 600 ppi",
        ),
        png::DecodingError::IoError(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            malformed(
                file,
                "its image data is cut short (it may not have finished saving or downloading); \
                 export it again",
            )
        }
        _ if before => malformed(
            file,
            "its header or a chunk before its image data holds values PNG does not allow; \
             export it again",
        ),
        _ => malformed(
            file,
            "its image data is damaged, so it would print wrong or blank; export it again",
        ),
    }
}

/// Decodes a PNG to 8-bit grey or RGB and an alpha channel (dropped where opaque); `check`
/// sees its header before the image data is decoded.
pub(super) fn decode(
    file: &str,
    bytes: &[u8],
    check: impl FnOnce(&Header) -> Result<()>,
) -> Result<(Header, Pixels)> {
    check_chunks(file, bytes)?;
    let limits = png::Limits {
        bytes: MAX_DECODE_BYTES as usize,
    };
    let mut decoder = png::Decoder::new_with_limits(Cursor::new(bytes), limits);
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = untrusted(file, "the PNG decoder", || decoder.read_info())?
        .map_err(|e| decoding(file, e, true))?;
    let (color, _) = reader.output_color_type();
    let (channels, alpha) = match color {
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
    let info = reader.info();
    let header = Header {
        format: Format::Png,
        width: info.width,
        height: info.height,
        space: if channels >= 3 {
            Space::Rgb
        } else {
            Space::Grey
        },
        alpha,
        density: info.pixel_dims.and_then(|d| match d.unit {
            png::Unit::Meter if d.xppu > 0 && d.yppu > 0 => {
                Some((f64::from(d.xppu) * 0.0254, f64::from(d.yppu) * 0.0254))
            }
            _ => None,
        }),
        orientation: Orientation::UPRIGHT,
        inverted: false,
        progressive: false,
    };
    let icc = info.icc_profile.as_ref().map(|p| p.to_vec());
    check(&header)?;
    let (width, height) = (header.width as usize, header.height as usize);
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| fail(file, ArtworkProblem::TooLarge, "the image is too large"))?;
    let mut buf = vec![0; size];
    let frame = untrusted(file, "the PNG decoder", || reader.next_frame(&mut buf))?
        .map_err(|e| decoding(file, e, false))?;
    buf.truncate(frame.buffer_size());
    let stride = frame.line_size;
    let row_bytes = width * channels;
    let components = header.space.components();
    let mut color = Vec::with_capacity(width * height * components);
    let mut alpha = Vec::with_capacity(if header.alpha { width * height } else { 0 });
    for row in buf.chunks(stride).take(height) {
        let row = &row[..row_bytes.min(row.len())];
        if header.alpha {
            for px in row.chunks_exact(channels) {
                color.extend_from_slice(&px[..components]);
                alpha.push(px[components]);
            }
        } else {
            color.extend_from_slice(row);
        }
    }
    drop(buf);
    let alpha = (header.alpha && alpha.iter().any(|&a| a != 255)).then_some(alpha);
    Ok((
        header.clone(),
        Pixels {
            width: header.width,
            height: header.height,
            space: header.space,
            samples: color,
            alpha,
            icc,
        },
    ))
}
