//! How many bytes an image file's pixels take once decoded, read from its header alone, so that
//! a batch can tell how much memory a title needs before it decodes anything.

use crate::pdf::raster::{Format, MAX_PIXELS};

/// The bytes a JPEG's or PNG's pixels take decoded (8 bits a sample, alpha included), from the
/// file's first bytes (`head`, e.g. its first MiB); zero for a PDF or anything else, which is
/// not decoded. A JPEG or PNG whose header is not within `head`, or is damaged, counts as the
/// largest image read (so an estimate is never too small; decoding refuses it later).
pub(crate) fn decoded_bytes(head: &[u8]) -> u64 {
    let largest = MAX_PIXELS * 4;
    match Format::sniff(head) {
        Some(Format::Png) => png(head).unwrap_or(largest),
        Some(Format::Jpeg) => jpeg(head).unwrap_or(largest),
        Some(Format::Pdf) | None => 0,
    }
}

fn be32(bytes: &[u8]) -> Option<u64> {
    Some(u32::from_be_bytes(bytes.try_into().ok()?).into())
}

fn be16(bytes: &[u8]) -> Option<u64> {
    Some(u16::from_be_bytes(bytes.try_into().ok()?).into())
}

/// IHDR's size and colour type, and a tRNS chunk (an alpha channel once decoded) before the
/// image data; a head that ends first may have one.
fn png(head: &[u8]) -> Option<u64> {
    let ihdr = head.get(16..26)?;
    if head.get(12..16)? != b"IHDR" {
        return None;
    }
    let pixels = be32(&ihdr[0..4])? * be32(&ihdr[4..8])?;
    let (channels, alpha) = match ihdr[9] {
        0 => (1, false),
        2 | 3 => (3, false),
        4 => (1, true),
        6 => (3, true),
        _ => return None,
    };
    let mut transparent = true;
    let mut at = 8usize;
    while let (Some(len), Some(kind)) = (head.get(at..at + 4), head.get(at + 4..at + 8)) {
        match kind {
            b"tRNS" => break,
            b"IDAT" => {
                transparent = false;
                break;
            }
            _ => at = at.checked_add(12 + usize::try_from(be32(len)?).ok()?)?,
        }
    }
    Some(pixels * (channels + u64::from(alpha || transparent)))
}

/// The frame header's size and components.
fn jpeg(head: &[u8]) -> Option<u64> {
    let mut at = 2;
    loop {
        // Markers may be padded with any number of 0xFF bytes.
        while head.get(at..at + 2) == Some(&[0xFF, 0xFF]) {
            at += 1;
        }
        let marker = match head.get(at..at + 2)? {
            [0xFF, marker] => *marker,
            _ => return None,
        };
        at += 2;
        match marker {
            0x01 | 0xD0..=0xD8 => continue,
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                let frame = head.get(at + 2..at + 8)?;
                let pixels = be16(&frame[1..3])? * be16(&frame[3..5])?;
                return Some(pixels * u64::from(frame[5]));
            }
            0xD9 | 0xDA => return None,
            _ => at += usize::try_from(be16(head.get(at..at + 2)?)?).ok()?.max(2),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png_head(color: u8, chunks: &[&[u8]]) -> Vec<u8> {
        let mut head = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        head.extend_from_slice(&8000u32.to_be_bytes());
        head.extend_from_slice(&6000u32.to_be_bytes());
        head.extend_from_slice(&[8, color, 0, 0, 0, 0, 0, 0, 0]);
        for chunk in chunks {
            head.extend_from_slice(&[0, 0, 0, 0]);
            head.extend_from_slice(chunk);
            head.extend_from_slice(&[0, 0, 0, 0]);
        }
        head
    }

    #[test]
    fn png_pixels_with_their_alpha() {
        let px = 8000 * 6000;
        assert_eq!(decoded_bytes(&png_head(2, &[b"IDAT"])), px * 3);
        assert_eq!(decoded_bytes(&png_head(2, &[b"tRNS", b"IDAT"])), px * 4);
        assert_eq!(decoded_bytes(&png_head(6, &[b"IDAT"])), px * 4);
        assert_eq!(decoded_bytes(&png_head(0, &[b"IDAT"])), px);
        assert_eq!(decoded_bytes(&png_head(4, &[b"IDAT"])), px * 2);
        assert_eq!(decoded_bytes(&png_head(3, &[b"gAMA", b"IDAT"])), px * 3);
        // The head ends before the image data: a tRNS may follow.
        assert_eq!(decoded_bytes(&png_head(2, &[])), px * 4);
        // A damaged header counts as the largest image.
        assert_eq!(decoded_bytes(&png_head(9, &[b"IDAT"])), MAX_PIXELS * 4);
    }

    #[test]
    fn jpeg_frame_after_other_segments() {
        let mut head = vec![
            0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xFF, 0xC2, 0, 11, 8,
        ];
        head.extend_from_slice(&[0x1F, 0x40, 0x17, 0x70, 4]); // 8000 x 6000, CMYK
        assert_eq!(decoded_bytes(&head), 8000 * 6000 * 4);
        assert_eq!(decoded_bytes(&head[..10]), MAX_PIXELS * 4);
        assert_eq!(decoded_bytes(b"%PDF-1.7\n"), 0);
    }
}
