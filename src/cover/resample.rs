//! Resizing an 8-bit sRGB image with a Lanczos filter (three lobes), in linear light.
//!
//! Written here rather than taken from a crate: it is some eighty lines, the crates that do it
//! (fast_image_resize, resize, image) bring SIMD paths, pixel-format generics or a whole image
//! library, and working in linear light (sRGB decoded before the filter, encoded after) is the
//! one thing that matters for covers: dark type on a light ground keeps its weight when it is
//! made smaller.

/// An 8-bit sRGB image, rows from the top.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Rgb8 {
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) pixels: Vec<[u8; 3]>,
}

impl Rgb8 {
    /// The `w` x `h` pixels from (`x`, `y`); the caller keeps them inside the image.
    pub(crate) fn crop(&self, x: u32, y: u32, w: u32, h: u32) -> Rgb8 {
        let mut pixels = Vec::with_capacity(w as usize * h as usize);
        for row in y..y + h {
            let start = row as usize * self.width as usize + x as usize;
            pixels.extend_from_slice(&self.pixels[start..start + w as usize]);
        }
        Rgb8 {
            width: w,
            height: h,
            pixels,
        }
    }

    /// The image on a `w` x `h` canvas at (`x`, `y`): the rest `background`, or, without one,
    /// the image mirrored across its edges (again and again where the canvas is more than
    /// twice as large).
    pub(crate) fn pad(&self, w: u32, h: u32, x: u32, y: u32, background: Option<[u8; 3]>) -> Rgb8 {
        let (iw, ih) = (i64::from(self.width), i64::from(self.height));
        let mirror = |v: i64, n: i64| {
            let period = 2 * n;
            let m = v.rem_euclid(period);
            if m < n {
                m
            } else {
                period - 1 - m
            }
        };
        let mut pixels = Vec::with_capacity(w as usize * h as usize);
        for cy in 0..i64::from(h) {
            for cx in 0..i64::from(w) {
                let (sx, sy) = (cx - i64::from(x), cy - i64::from(y));
                let inside = (0..iw).contains(&sx) && (0..ih).contains(&sy);
                let p = match background {
                    Some(color) if !inside => color,
                    _ => {
                        let (mx, my) = (mirror(sx, iw), mirror(sy, ih));
                        self.pixels[(my * iw + mx) as usize]
                    }
                };
                pixels.push(p);
            }
        }
        Rgb8 {
            width: w,
            height: h,
            pixels,
        }
    }
}

/// The Lanczos kernel with three lobes.
fn lanczos3(x: f64) -> f64 {
    let x = x.abs();
    if x < 1e-9 {
        1.0
    } else if x < 3.0 {
        let px = std::f64::consts::PI * x;
        3.0 * px.sin() * (px / 3.0).sin() / (px * px)
    } else {
        0.0
    }
}

/// For each of `to` output samples, the first input sample it reads and the weights (summing
/// to 1) of the samples from there, resizing `from` samples.
fn weights(from: u32, to: u32) -> Vec<(usize, Vec<f32>)> {
    let scale = f64::from(from) / f64::from(to);
    // Shrinking widens the filter to cover every input sample; enlarging keeps it at 3.
    let stretch = scale.max(1.0);
    let support = 3.0 * stretch;
    (0..to)
        .map(|i| {
            let center = (f64::from(i) + 0.5) * scale;
            let first = ((center - support).floor().max(0.0)) as usize;
            let last = ((center + support).ceil() as usize).min(from as usize);
            let mut w: Vec<f64> = (first..last)
                .map(|j| lanczos3((j as f64 + 0.5 - center) / stretch))
                .collect();
            let sum: f64 = w.iter().sum();
            if sum.abs() > 1e-12 {
                w.iter_mut().for_each(|v| *v /= sum);
            }
            (first, w.into_iter().map(|v| v as f32).collect())
        })
        .collect()
}

fn to_linear(v: u8) -> f32 {
    let c = f32::from(v) / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

fn to_srgb(l: f32) -> u8 {
    let l = l.clamp(0.0, 1.0);
    let c = if l <= 0.003_130_8 {
        l * 12.92
    } else {
        1.055 * l.powf(1.0 / 2.4) - 0.055
    };
    (c * 255.0).round() as u8
}

/// Linear light back to 8-bit sRGB by table: `ENCODE_STEPS` steps between 0 and 1 are fine
/// enough that a value is off by at most one step in 20 of an 8-bit code, where the curve is
/// steepest (near black).
const ENCODE_STEPS: usize = 1 << 16;

fn encode_table() -> Vec<u8> {
    (0..=ENCODE_STEPS)
        .map(|i| to_srgb(i as f32 / ENCODE_STEPS as f32))
        .collect()
}

fn encode(table: &[u8], l: f32) -> u8 {
    table[(l.clamp(0.0, 1.0) * ENCODE_STEPS as f32 + 0.5) as usize]
}

/// `image` resized to `w` x `h` (Lanczos, three lobes, in linear light): rows first, then
/// columns. Each pass runs along memory: a source row decoded to linear light once, and each
/// output row summed from whole rows of the first pass. The inner loops index slices: as fast
/// as iterators when optimised, and faster in unoptimised (test) builds, where each iterator
/// step is a function call.
#[allow(clippy::needless_range_loop)]
pub(crate) fn resample(image: &Rgb8, w: u32, h: u32) -> Rgb8 {
    if (image.width, image.height) == (w, h) {
        return image.clone();
    }
    let mut linear = [0f32; 256];
    for v in 0..=255u8 {
        linear[usize::from(v)] = to_linear(v);
    }
    let (iw, ih, w) = (image.width as usize, image.height as usize, w as usize);
    let pixels: &[[u8; 3]] = &image.pixels;
    // Across: ih rows of w samples, three channels each.
    let across = weights(image.width, w as u32);
    let mut rows = vec![0f32; w * 3 * ih];
    let mut decoded = vec![0f32; iw * 3];
    let src: &mut [f32] = &mut decoded;
    for y in 0..ih {
        let row = &pixels[y * iw..(y + 1) * iw];
        for x in 0..iw {
            let p = row[x];
            src[3 * x] = linear[usize::from(p[0])];
            src[3 * x + 1] = linear[usize::from(p[1])];
            src[3 * x + 2] = linear[usize::from(p[2])];
        }
        let out = &mut rows[y * w * 3..(y + 1) * w * 3];
        for x in 0..w {
            let (first, ws) = &across[x];
            let ws: &[f32] = ws;
            let (mut r, mut g, mut b) = (0f32, 0f32, 0f32);
            let mut j = first * 3;
            for k in 0..ws.len() {
                let wt = ws[k];
                r += wt * src[j];
                g += wt * src[j + 1];
                b += wt * src[j + 2];
                j += 3;
            }
            out[3 * x] = r;
            out[3 * x + 1] = g;
            out[3 * x + 2] = b;
        }
    }
    // Down: h rows, each a weighted sum of whole rows from the first pass.
    let down = weights(image.height, h);
    let table = encode_table();
    let table: &[u8] = &table;
    let mut pixels = Vec::with_capacity(w * h as usize);
    let mut sums = vec![0f32; w * 3];
    let acc: &mut [f32] = &mut sums;
    let n = w * 3;
    for (first, ws) in &down {
        acc.fill(0.0);
        let ws: &[f32] = ws;
        for k in 0..ws.len() {
            let wt = ws[k];
            let row = &rows[(first + k) * n..(first + k + 1) * n];
            for i in 0..n {
                acc[i] += wt * row[i];
            }
        }
        for x in 0..w {
            pixels.push([
                encode(table, acc[3 * x]),
                encode(table, acc[3 * x + 1]),
                encode(table, acc[3 * x + 2]),
            ]);
        }
    }
    Rgb8 {
        width: w as u32,
        height: h,
        pixels,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flat_colour_stays_flat_at_any_size() {
        let flat = Rgb8 {
            width: 7,
            height: 5,
            pixels: vec![[200, 30, 90]; 35],
        };
        for (w, h) in [(3, 2), (16, 11), (7, 13)] {
            let out = resample(&flat, w, h);
            assert_eq!((out.width, out.height), (w, h));
            assert!(out.pixels.iter().all(|p| *p == [200, 30, 90]), "{w}x{h}");
        }
    }

    #[test]
    fn halving_averages_in_linear_light() {
        // Black and white columns halved: the mean of the light, 188 in sRGB, not 128.
        let stripes = Rgb8 {
            width: 64,
            height: 4,
            pixels: (0..256)
                .map(|i| if i % 2 == 0 { [0; 3] } else { [255; 3] })
                .collect(),
        };
        let out = resample(&stripes, 32, 4);
        let middle = out.pixels[2 * 32 + 16];
        assert!((186..=190).contains(&middle[0]), "{middle:?}");
    }

    #[test]
    fn the_encoding_table_is_within_one_code_of_the_curve_and_exact_at_the_codes() {
        let table = encode_table();
        for v in 0..=255u8 {
            assert_eq!(encode(&table, to_linear(v)), v);
        }
        for i in 0..=10_000 {
            let l = i as f32 / 10_000.0;
            assert!(encode(&table, l).abs_diff(to_srgb(l)) <= 1, "{l}");
        }
        assert_eq!((encode(&table, -0.5), encode(&table, 1.5)), (0, 255));
    }

    #[test]
    fn padding_mirrors_or_fills() {
        let img = Rgb8 {
            width: 2,
            height: 1,
            pixels: vec![[1; 3], [2; 3]],
        };
        let m = img.pad(6, 1, 2, 0, None);
        let row: Vec<u8> = m.pixels.iter().map(|p| p[0]).collect();
        assert_eq!(row, [2, 1, 1, 2, 2, 1]);
        let c = img.pad(4, 1, 1, 0, Some([9; 3]));
        let row: Vec<u8> = c.pixels.iter().map(|p| p[0]).collect();
        assert_eq!(row, [9, 1, 2, 9]);
    }
}
