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
/// output row summed from whole rows of the first pass.
pub(crate) fn resample(image: &Rgb8, w: u32, h: u32) -> Rgb8 {
    if (image.width, image.height) == (w, h) {
        return image.clone();
    }
    let linear: Vec<f32> = (0..=255u8).map(to_linear).collect();
    let (iw, ih, w) = (image.width as usize, image.height as usize, w as usize);
    // Across: ih rows of w samples, three channels each.
    let across = weights(image.width, w as u32);
    let mut rows = vec![0f32; w * 3 * ih];
    let mut src = vec![0f32; iw * 3];
    for (y, out) in rows.chunks_exact_mut(w * 3).enumerate() {
        let pixels = &image.pixels[y * iw..(y + 1) * iw];
        for (s, p) in src.chunks_exact_mut(3).zip(pixels) {
            s.copy_from_slice(&[
                linear[usize::from(p[0])],
                linear[usize::from(p[1])],
                linear[usize::from(p[2])],
            ]);
        }
        for (o, (first, ws)) in out.chunks_exact_mut(3).zip(&across) {
            let taps = &src[first * 3..(first + ws.len()) * 3];
            let mut acc = [0f32; 3];
            for (wt, p) in ws.iter().zip(taps.chunks_exact(3)) {
                acc[0] += wt * p[0];
                acc[1] += wt * p[1];
                acc[2] += wt * p[2];
            }
            o.copy_from_slice(&acc);
        }
    }
    // Down: h rows, each a weighted sum of whole rows from the first pass.
    let down = weights(image.height, h);
    let table = encode_table();
    let mut pixels = Vec::with_capacity(w * h as usize);
    let mut acc = vec![0f32; w * 3];
    for (first, ws) in &down {
        acc.fill(0.0);
        for (k, wt) in ws.iter().enumerate() {
            let row = &rows[(first + k) * w * 3..(first + k + 1) * w * 3];
            for (a, v) in acc.iter_mut().zip(row) {
                *a += wt * v;
            }
        }
        pixels.extend(acc.chunks_exact(3).map(|c| {
            [
                encode(&table, c[0]),
                encode(&table, c[1]),
                encode(&table, c[2]),
            ]
        }));
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
