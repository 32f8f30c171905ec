//! The two facts podcover takes from an EXIF block (a TIFF structure, as a JPEG's APP1 segment
//! carries it): the orientation and the resolution recorded in its first directory.

/// What an EXIF block records, where it does.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct Exif {
    /// The orientation tag (274), 1 to 8 where valid.
    pub(super) orientation: Option<u16>,
    /// Pixels per inch across and down (tags 282, 283 and 296).
    pub(super) density: Option<(f64, f64)>,
}

const ORIENTATION: u16 = 0x0112;
const X_RESOLUTION: u16 = 0x011A;
const Y_RESOLUTION: u16 = 0x011B;
const RESOLUTION_UNIT: u16 = 0x0128;
const SHORT: u16 = 3;
const RATIONAL: u16 = 5;

/// Reads the first directory of `tiff` (the block from its `II`/`MM` byte order on). Anything
/// malformed is left out: a broken EXIF block does not make a broken image.
pub(super) fn read(tiff: &[u8]) -> Exif {
    let big = match tiff.get(..4) {
        Some(b"MM\0*") => true,
        Some(b"II*\0") => false,
        _ => return Exif::default(),
    };
    let u16_at = |at: usize| -> Option<u16> {
        let b = tiff.get(at..at.checked_add(2)?)?;
        Some(if big {
            u16::from_be_bytes([b[0], b[1]])
        } else {
            u16::from_le_bytes([b[0], b[1]])
        })
    };
    let u32_at = |at: usize| -> Option<u32> {
        let b = tiff.get(at..at.checked_add(4)?)?;
        let b = [b[0], b[1], b[2], b[3]];
        Some(if big {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        })
    };
    let rational = |at: usize| -> Option<f64> {
        let at = u32_at(at)? as usize;
        let (num, den) = (u32_at(at)?, u32_at(at.checked_add(4)?)?);
        (num > 0 && den > 0).then(|| f64::from(num) / f64::from(den))
    };
    let mut exif = Exif::default();
    let Some(ifd) = u32_at(4).map(|o| o as usize) else {
        return exif;
    };
    let Some(count) = u16_at(ifd) else {
        return exif;
    };
    let (mut x, mut y, mut unit) = (None, None, 2);
    for i in 0..usize::from(count) {
        let entry = ifd + 2 + i * 12;
        let (Some(tag), Some(kind), Some(n)) =
            (u16_at(entry), u16_at(entry + 2), u32_at(entry + 4))
        else {
            break;
        };
        let value = entry + 8;
        match (tag, kind, n) {
            (ORIENTATION, SHORT, 1) => exif.orientation = u16_at(value),
            (RESOLUTION_UNIT, SHORT, 1) => unit = u16_at(value).unwrap_or(2),
            (X_RESOLUTION, RATIONAL, 1) => x = rational(value),
            (Y_RESOLUTION, RATIONAL, 1) => y = rational(value),
            _ => {}
        }
    }
    exif.density = match (x, y, unit) {
        (Some(x), Some(y), 2) => Some((x, y)),
        (Some(x), Some(y), 3) => Some((x * 2.54, y * 2.54)),
        _ => None,
    };
    exif
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A little- or big-endian EXIF block with the given orientation and resolution (pixels per
    /// `unit`: 2 inch, 3 cm).
    pub(crate) fn block(
        big: bool,
        orientation: u16,
        resolution: Option<(u32, u32, u16)>,
    ) -> Vec<u8> {
        let u16b = |v: u16| {
            if big {
                v.to_be_bytes()
            } else {
                v.to_le_bytes()
            }
        };
        let u32b = |v: u32| {
            if big {
                v.to_be_bytes()
            } else {
                v.to_le_bytes()
            }
        };
        let mut out: Vec<u8> = if big {
            b"MM\0*".to_vec()
        } else {
            b"II*\0".to_vec()
        };
        out.extend(u32b(8));
        let entries = if resolution.is_some() { 4 } else { 1 };
        out.extend(u16b(entries));
        let data = 8 + 2 + 12 * u32::from(entries) + 4;
        let mut entry = |tag: u16, kind: u16, value: [u8; 4]| {
            out.extend(u16b(tag));
            out.extend(u16b(kind));
            out.extend(u32b(1));
            out.extend(value);
        };
        let short = |v: u16| {
            let b = u16b(v);
            [b[0], b[1], 0, 0]
        };
        entry(ORIENTATION, SHORT, short(orientation));
        if let Some((x, y, unit)) = resolution {
            entry(X_RESOLUTION, RATIONAL, u32b(data));
            entry(Y_RESOLUTION, RATIONAL, u32b(data + 8));
            entry(RESOLUTION_UNIT, SHORT, short(unit));
            out.extend(u32b(0));
            for v in [x, 1, y, 1] {
                out.extend(u32b(v));
            }
        } else {
            out.extend(u32b(0));
        }
        out
    }

    #[test]
    fn orientation_and_resolution_are_read_in_either_byte_order() {
        for big in [false, true] {
            assert_eq!(
                read(&block(big, 6, Some((300, 100, 2)))),
                Exif {
                    orientation: Some(6),
                    density: Some((300.0, 100.0))
                }
            );
            let cm = read(&block(big, 1, Some((100, 100, 3))));
            assert_eq!(cm.density.map(|d| d.0.round()), Some(254.0));
            assert_eq!(read(&block(big, 3, None)).orientation, Some(3));
        }
    }

    #[test]
    fn a_broken_block_records_nothing_and_never_panics() {
        let good = block(false, 6, Some((300, 300, 2)));
        for cut in 0..good.len() {
            let _ = read(&good[..cut]);
        }
        assert_eq!(read(b"II*\0\xff\xff\xff\xff"), Exif::default());
        assert_eq!(read(b"XX"), Exif::default());
        // A count of entries far past the end stops at the end.
        let mut long = good.clone();
        long[8..10].copy_from_slice(&u16::MAX.to_le_bytes());
        assert_eq!(read(&long).orientation, Some(6));
    }
}
