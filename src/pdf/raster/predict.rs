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
/// the choice PNG encoders make, judged on every [`SAMPLED_EVERY`]th pixel of a long row: flat
/// areas pick Sub or Up (all zeros), photographs mostly Paeth. A row the same as the one above
/// is written as Up without being looked at further.
pub(crate) fn predicted_stream(
    mut dict: Dictionary,
    samples: &[u8],
    colors: usize,
    columns: u32,
) -> Stream {
    let bpp = colors;
    let row = bpp * columns as usize;
    let mut filtered = Vec::with_capacity(samples.len() + samples.len() / row.max(1) + 1);
    if row > 0 {
        let zeros = vec![0; row];
        let mut above: &[u8] = &zeros;
        for current in samples.chunks_exact(row) {
            if current == above {
                filtered.push(UP);
                filtered.extend_from_slice(&zeros);
            } else {
                let tag = best_filter(current, above, bpp);
                filtered.push(tag);
                apply(tag, current, above, bpp, &mut filtered);
            }
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

/// Rows of more than this many pixels are judged on every this-many'th pixel: the filter that
/// predicts a sample of a row best predicts the row about as well, at an eighth of the work.
const SAMPLED_EVERY: usize = 8;

/// The left, above and above-left neighbours of byte `i` (zero outside the image).
fn neighbours(current: &[u8], above: &[u8], bpp: usize, i: usize) -> (u8, u8, u8) {
    if i >= bpp {
        (current[i - bpp], above[i], above[i - bpp])
    } else {
        (0, above[i], 0)
    }
}

/// The filter that predicts `current` (under `above`) best, by the sum of the magnitudes of
/// its output over the sampled pixels.
fn best_filter(current: &[u8], above: &[u8], bpp: usize) -> u8 {
    let step = if current.len() / bpp > 8 * SAMPLED_EVERY {
        SAMPLED_EVERY
    } else {
        1
    };
    let mut costs = [0u64; 4];
    for pixel in (0..current.len() / bpp).step_by(step) {
        for i in pixel * bpp..(pixel + 1) * bpp {
            let x = current[i];
            let (a, b, c) = neighbours(current, above, bpp, i);
            let magnitude = |v: u8| u64::from((v as i8).unsigned_abs());
            costs[0] += magnitude(x);
            costs[1] += magnitude(x.wrapping_sub(a));
            costs[2] += magnitude(x.wrapping_sub(b));
            costs[3] += magnitude(x.wrapping_sub(paeth_predictor(a, b, c)));
        }
    }
    let mut best = (costs[0], NONE);
    for (cost, tag) in costs[1..].iter().zip([SUB, UP, PAETH]) {
        if *cost < best.0 {
            best = (*cost, tag);
        }
    }
    best.1
}

/// Appends `current` filtered with `tag` to `out`.
fn apply(tag: u8, current: &[u8], above: &[u8], bpp: usize, out: &mut Vec<u8>) {
    match tag {
        NONE => out.extend_from_slice(current),
        UP => out.extend(current.iter().zip(above).map(|(x, b)| x.wrapping_sub(*b))),
        _ => out.extend((0..current.len()).map(|i| {
            let (a, b, c) = neighbours(current, above, bpp, i);
            let prediction = if tag == SUB {
                a
            } else {
                paeth_predictor(a, b, c)
            };
            current[i].wrapping_sub(prediction)
        })),
    }
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
        // A flat row under a different one: Sub leaves all but the first pixel zero.
        let flat = [5, 6, 5, 6, 5, 6, 5, 6];
        assert_eq!(best_filter(&flat, &[0; 8], 2), SUB);
        // The same row again: Up leaves it all zero.
        assert_eq!(best_filter(&flat, &flat, 2), UP);
        // Zeros under zeros: nothing to gain, written as they are.
        assert_eq!(best_filter(&[0; 8], &[0; 8], 2), NONE);
        // A long row is judged on a sample: a ramp across 1000 grey pixels is Sub's.
        let ramp: Vec<u8> = (0..1000).map(|x| (x / 4) as u8).collect();
        assert_eq!(best_filter(&ramp, &[0; 1000], 1), SUB);
    }

    #[test]
    fn each_filter_writes_what_a_reader_undoes() {
        // Rows of a noisy image written with each filter in turn (not only the best), then
        // read back by lopdf: every filter is undone to the samples.
        let (w, h, bpp) = (19usize, 6usize, 3usize);
        let samples: Vec<u8> = (0..w * h * bpp).map(|i| ((i * 7919) % 253) as u8).collect();
        for tag in [NONE, SUB, UP, PAETH] {
            let mut filtered = Vec::new();
            let zeros = vec![0; w * bpp];
            let mut above: &[u8] = &zeros;
            for current in samples.chunks_exact(w * bpp) {
                filtered.push(tag);
                apply(tag, current, above, bpp, &mut filtered);
                above = current;
            }
            let mut content = Vec::new();
            deflate_predicted(&filtered, &mut content);
            let dict = Dictionary::from_iter(vec![
                ("Filter", Object::Name(b"FlateDecode".to_vec())),
                (
                    "DecodeParms",
                    Object::Dictionary(Dictionary::from_iter(vec![
                        ("Predictor", Object::Integer(15)),
                        ("Colors", Object::Integer(bpp as i64)),
                        ("BitsPerComponent", Object::Integer(8)),
                        ("Columns", Object::Integer(w as i64)),
                    ])),
                ),
            ]);
            let stream = Stream::new(dict, content).with_compression(false);
            assert_eq!(
                stream.decompressed_content().unwrap(),
                samples,
                "filter {tag}"
            );
        }
    }

    #[test]
    fn paeth_picks_the_closest_neighbour() {
        assert_eq!(paeth_predictor(10, 20, 10), 20);
        assert_eq!(paeth_predictor(10, 20, 20), 10);
        assert_eq!(paeth_predictor(10, 10, 10), 10);
        assert_eq!(paeth_predictor(200, 10, 100), 100);
    }
}
