//! PNG-style row prediction before Flate: each row of samples is written as its difference
//! from a prediction (the pixel to its left, the one above, or Paeth's choice of left, above
//! and above-left), which turns smooth photographs and flat colour into runs of small numbers
//! that Flate compresses far better than the samples themselves.
//!
//! A PDF reader undoes it from the image's `/DecodeParms << /Predictor 15 ... >>`: with any
//! predictor of 10 or more, each row starts with a byte naming the filter it was written with
//! (PDF 1.3 section 3.3.3, the same five filters as PNG). PDF/X-1a allows it: it is part of
//! FlateDecode.

use lopdf::{Dictionary, Object, Stream};

use crate::pdf::deflate_predicted;

/// The PNG filter types, by the byte that tags a row.
const NONE: u8 = 0;
const SUB: u8 = 1;
const UP: u8 = 2;
const PAETH: u8 = 4;

/// 8-bit samples of `colors` per pixel, `columns` pixels a row, predicted row by row and
/// Flate-compressed: the stream's content with its `/Filter` and `/DecodeParms` set in `dict`.
///
/// Each row takes the filter whose output has the smallest sum of magnitudes (as signed bytes),
/// the choice PNG encoders make: flat areas pick Sub or Up (all zeros), photographs mostly
/// Paeth.
pub(crate) fn predicted_stream(
    mut dict: Dictionary,
    samples: &[u8],
    colors: usize,
    columns: u32,
) -> Stream {
    let bpp = colors;
    let row = bpp * columns as usize;
    let mut filtered = Vec::with_capacity(samples.len() + samples.len() / row.max(1) + 1);
    let zeros = vec![0; row];
    let mut candidates: [Vec<u8>; 3] = std::array::from_fn(|_| vec![0; row]);
    if row > 0 {
        let mut above: &[u8] = &zeros;
        for current in samples.chunks_exact(row) {
            let (tag, bytes) = best_filter(current, above, bpp, &mut candidates);
            filtered.push(tag);
            filtered.extend_from_slice(bytes.unwrap_or(current));
            above = current;
        }
    }
    let mut content = Vec::new();
    deflate_predicted(&filtered, &mut content);
    dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
    dict.set(
        "DecodeParms",
        Object::Dictionary(Dictionary::from_iter(vec![
            ("Predictor", Object::Integer(15)),
            ("Colors", Object::Integer(colors as i64)),
            ("BitsPerComponent", Object::Integer(8)),
            ("Columns", Object::Integer(columns.into())),
        ])),
    );
    Stream::new(dict, content).with_compression(false)
}

/// The filter that predicts `current` best, and its output (`None` for no filter: the row as
/// it is).
fn best_filter<'a>(
    current: &[u8],
    above: &[u8],
    bpp: usize,
    out: &'a mut [Vec<u8>; 3],
) -> (u8, Option<&'a [u8]>) {
    let [sub, up, paeth] = out;
    for (i, &x) in current.iter().enumerate() {
        let (a, b) = if i >= bpp {
            (current[i - bpp], above[i])
        } else {
            (0, above[i])
        };
        let c = if i >= bpp { above[i - bpp] } else { 0 };
        sub[i] = x.wrapping_sub(a);
        up[i] = x.wrapping_sub(b);
        paeth[i] = x.wrapping_sub(paeth_predictor(a, b, c));
    }
    let cost = |bytes: &[u8]| -> u64 {
        bytes
            .iter()
            .map(|&v| u64::from((v as i8).unsigned_abs()))
            .sum()
    };
    let mut best: (u64, u8, Option<&[u8]>) = (cost(current), NONE, None);
    for (tag, bytes) in [(SUB, &sub[..]), (UP, &up[..]), (PAETH, &paeth[..])] {
        let c = cost(bytes);
        if c < best.0 {
            best = (c, tag, Some(bytes));
        }
    }
    (best.1, best.2)
}

/// Paeth's predictor: of left, above and above-left, the one closest to left + above -
/// above-left (ties to left, then above).
fn paeth_predictor(a: u8, b: u8, c: u8) -> u8 {
    let p = i16::from(a) + i16::from(b) - i16::from(c);
    let (pa, pb, pc) = (
        (p - i16::from(a)).abs(),
        (p - i16::from(b)).abs(),
        (p - i16::from(c)).abs(),
    );
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(samples: &[u8], colors: usize, columns: u32) {
        let stream = predicted_stream(Dictionary::new(), samples, colors, columns);
        // lopdf undoes the predictor as any reader does.
        assert_eq!(stream.decompressed_content().unwrap(), samples);
    }

    #[test]
    fn predicted_samples_decode_to_themselves() {
        // A gradient, noise and a flat area: each row picks a different filter.
        let (w, h) = (37u32, 23usize);
        let mut cmyk = Vec::new();
        for y in 0..h {
            for x in 0..w as usize {
                let noise = ((x * 7919 + y * 104_729) % 251) as u8;
                cmyk.extend_from_slice(&match y % 3 {
                    0 => [x as u8 * 6, y as u8 * 11, 0, 255],
                    1 => [noise, noise / 2, 255 - noise, 3],
                    _ => [40, 40, 40, 40],
                });
            }
        }
        round_trip(&cmyk, 4, w);
        let gray: Vec<u8> = cmyk.iter().step_by(4).copied().collect();
        round_trip(&gray, 1, w);
        round_trip(&[9, 8, 7], 3, 1);
        round_trip(&[], 4, 5);
    }

    #[test]
    fn rows_take_the_filter_that_predicts_them() {
        let mut out: [Vec<u8>; 3] = std::array::from_fn(|_| vec![0; 8]);
        // A flat row under a different one: Sub leaves all but the first pixel zero.
        let flat = [5, 6, 5, 6, 5, 6, 5, 6];
        assert_eq!(best_filter(&flat, &[0; 8], 2, &mut out).0, SUB);
        // The same row again: Up leaves it all zero.
        assert_eq!(best_filter(&flat, &flat, 2, &mut out).0, UP);
        // Zeros under zeros: nothing to gain, written as they are.
        assert_eq!(best_filter(&[0; 8], &[0; 8], 2, &mut out), (NONE, None));
    }

    #[test]
    fn paeth_picks_the_closest_neighbour() {
        assert_eq!(paeth_predictor(10, 20, 10), 20);
        assert_eq!(paeth_predictor(10, 20, 20), 10);
        assert_eq!(paeth_predictor(10, 10, 10), 10);
        assert_eq!(paeth_predictor(200, 10, 100), 100);
    }
}
