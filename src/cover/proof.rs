//! A proof of a composed cover: what compose drew, redrawn in screen colours as the press will
//! print it, and where converting the art to the press's colours moved them most.

use std::collections::HashMap;

use crate::color::{Intent, OutputProfile, ProofConverter};
use crate::cover::sheet::Drawn;
use crate::draw::{Canvas, Cmyk};
use crate::error::Result;
use crate::pdf::raster::{ImageColor, ProofPixels, Space};
use crate::units::{Length, Matrix, Pdf, Rect, Size};

/// A cover drawn as it will print, in sRGB, to look at before uploading it (a soft proof).
///
/// Made by [`compose_with_proof`](crate::cover::compose_with_proof) from the pixels and colours
/// compose put into the PDF, after conversion: inks are shown through the printing condition's
/// profile (paper white, black ink alone a dark grey). PDF artwork is not drawn (the proof shows
/// paper where it is), and text is drawn in a stroke alphabet, not its font.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Proof {
    /// The proof as an sRGB PNG, its resolution recorded in the file.
    pub png: Vec<u8>,
    /// Pixels per inch it is drawn at.
    pub ppi: u32,
    /// Where converting RGB art moved colours most, the largest first: at most
    /// [`Proof::MOST_MOVED`], each the largest within its half-inch square of the sheet, and
    /// each colour of the art once.
    pub moved: Vec<ColorMove>,
    /// Artwork the proof could not draw (PDF art), by its file name.
    pub not_drawn: Vec<String>,
}

impl Proof {
    /// How many places [`Proof::moved`] lists at most.
    pub const MOST_MOVED: usize = 5;
}

/// A place where converting art moved its colour: the colour the art had, the ink it prints
/// with, and how that ink looks.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ColorMove {
    /// The artwork's panel: `front`, `back`, `spine`, `back flap`, `front flap`.
    pub panel: String,
    /// From the sheet's left edge.
    pub x: Length,
    /// From the sheet's top edge.
    pub y: Length,
    /// The art's RGB there.
    pub rgb: [u8; 3],
    /// The ink it was separated into (0 to 255 each).
    pub cmyk: [u8; 4],
    /// How the ink prints, in sRGB.
    pub proof: [u8; 3],
    /// How far apart `rgb` (read as sRGB) and `proof` are: CIE 1976 ΔE*ab, where 2 is about
    /// what an eye notices side by side.
    pub delta_e: f64,
}

/// Redraws `drawn` on a sheet of `size` at `ppi`, images in `color`.
pub(super) fn render(
    size: Size,
    drawn: &[Drawn<'_>],
    color: &ImageColor,
    ppi: u32,
) -> Result<Proof> {
    let output = match *color {
        ImageColor::Cmyk { output, .. } | ImageColor::Srgb { output } => output,
        ImageColor::AsIs => OutputProfile::swop_grade3(),
    };
    let proof = ProofConverter::new(&output, Intent::RelativeColorimetric);
    let ink = |c: Cmyk| proof.convert(&[eight_bit(c)])[0];
    let mut canvas = Canvas::new(size, ppi)?;
    let mut moved = Moved {
        cells: HashMap::new(),
        cell: (ppi as usize / 2).max(1),
    };
    let mut not_drawn = Vec::new();
    for item in drawn {
        match item {
            Drawn::Fill { rect, color } => canvas.fill(*rect, ink(*color)),
            Drawn::Mark(mark) => canvas.marks_in(std::slice::from_ref(mark), &ink),
            Drawn::Art {
                slot,
                art,
                matrix,
                clip,
            } => match art.proof_pixels(color)? {
                Some((pixels, place)) => {
                    let cmyk_print = matches!(color, ImageColor::Cmyk { .. });
                    let image = Image {
                        pixels: &pixels,
                        to_sheet: place.then(*matrix),
                        cmyk_print,
                    };
                    image.draw(&mut canvas, *clip, &proof, slot, &mut moved, size);
                }
                None if art.flat_color().is_none() => not_drawn.push(art.name().to_string()),
                None => {}
            },
        }
    }
    let mut moved: Vec<ColorMove> = moved.cells.into_values().collect();
    moved.sort_by(|a, b| {
        b.delta_e
            .total_cmp(&a.delta_e)
            .then(a.y.to_pt().total_cmp(&b.y.to_pt()))
            .then(a.x.to_pt().total_cmp(&b.x.to_pt()))
    });
    // Each colour of the art once, where it moved most: flat art would otherwise list its one
    // colour again and again.
    let mut seen = Vec::new();
    moved.retain(|m| {
        let new = !seen.contains(&m.rgb);
        seen.push(m.rgb);
        new
    });
    moved.truncate(Proof::MOST_MOVED);
    not_drawn.dedup();
    Ok(Proof {
        png: canvas.to_png(ppi)?,
        ppi,
        moved,
        not_drawn,
    })
}

/// The largest move within each square of `cell` pixels.
struct Moved {
    cells: HashMap<(usize, usize), ColorMove>,
    cell: usize,
}

/// An image to draw: its pixels and the map from its unit square onto the sheet.
struct Image<'a> {
    pixels: &'a ProofPixels,
    to_sheet: Matrix,
    /// Whether grey prints as black ink (a CMYK cover), rather than showing as it is.
    cmyk_print: bool,
}

impl Image<'_> {
    /// Draws the image where it shows inside `clip`, each proof pixel the image pixel under its
    /// centre, and notes how far conversion moved colours.
    fn draw(
        &self,
        canvas: &mut Canvas,
        clip: Rect<Pdf>,
        proof: &ProofConverter,
        slot: &str,
        moved: &mut Moved,
        size: Size,
    ) {
        let Some(from_sheet) = invert(self.to_sheet) else {
            return;
        };
        let (width, height) = canvas.size_px();
        let scale = width as f64 / size.width.to_pt();
        let (w, h) = (self.pixels.width as usize, self.pixels.height as usize);
        let n = self.pixels.space.components();
        // The clip in pixels, from the top-left.
        let x0 = (clip.x.to_pt() * scale).floor().max(0.0) as usize;
        let x1 = ((clip.right().to_pt() * scale).ceil().max(0.0) as usize).min(width);
        let top = height as f64 - clip.top().to_pt() * scale;
        let bottom = height as f64 - clip.y.to_pt() * scale;
        let y0 = top.floor().max(0.0) as usize;
        let y1 = (bottom.ceil().max(0.0) as usize).min(height);
        let mut row: Vec<(usize, usize)> = Vec::new();
        let mut inks: Vec<[u8; 4]> = Vec::new();
        let mut shown: Vec<[u8; 3]> = Vec::new();
        for py in y0..y1 {
            row.clear();
            inks.clear();
            shown.clear();
            for px in x0..x1 {
                let (x, y) = canvas.centre(px, py);
                if x < clip.x.to_pt()
                    || x > clip.right().to_pt()
                    || y < clip.y.to_pt()
                    || y > clip.top().to_pt()
                {
                    continue;
                }
                let (u, v) = from_sheet.apply(x, y);
                if !(0.0..1.0).contains(&u) || !(0.0..1.0).contains(&(1.0 - v)) {
                    continue;
                }
                let col = ((u * w as f64) as usize).min(w - 1);
                let line = (((1.0 - v) * h as f64) as usize).min(h - 1);
                let index = line * w + col;
                let s = &self.pixels.samples[index * n..][..n];
                match (self.pixels.space, self.cmyk_print) {
                    (Space::Cmyk, _) => inks.push([s[0], s[1], s[2], s[3]]),
                    (Space::Grey, true) => inks.push([0, 0, 0, 255 - s[0]]),
                    (Space::Grey, false) => {
                        canvas.put(px, py, [s[0]; 3]);
                        continue;
                    }
                    (Space::Rgb, _) => {
                        canvas.put(px, py, [s[0], s[1], s[2]]);
                        continue;
                    }
                }
                row.push((px, index));
            }
            proof.convert_into(&inks, &mut shown);
            for ((&(px, index), &rgb), &cmyk) in row.iter().zip(&shown).zip(&inks) {
                canvas.put(px, py, rgb);
                let Some(source) = &self.pixels.source else {
                    continue;
                };
                let old = [
                    source[index * 3],
                    source[index * 3 + 1],
                    source[index * 3 + 2],
                ];
                let delta_e = delta_e(old, rgb);
                let key = (px / moved.cell, py / moved.cell);
                if moved.cells.get(&key).is_some_and(|m| m.delta_e >= delta_e) {
                    continue;
                }
                let (x, y) = canvas.centre(px, py);
                moved.cells.insert(
                    key,
                    ColorMove {
                        panel: slot.to_string(),
                        x: Length::pt(x),
                        y: size.height - Length::pt(y),
                        rgb: old,
                        cmyk,
                        proof: rgb,
                        delta_e,
                    },
                );
            }
        }
    }
}

/// The inverse of an affine map, if it has one.
fn invert(m: Matrix) -> Option<Matrix> {
    let [a, b, c, d, e, f] = m.0;
    let det = a * d - b * c;
    if det.abs() < 1e-12 {
        return None;
    }
    let (ia, ib, ic, id) = (d / det, -b / det, -c / det, a / det);
    Some(Matrix([
        ia,
        ib,
        ic,
        id,
        -(e * ia + f * ic),
        -(e * ib + f * id),
    ]))
}

/// A vector colour's inks as 8-bit samples, each clamped to 0..=1 first.
fn eight_bit(c: Cmyk) -> [u8; 4] {
    [c.c, c.m, c.y, c.k].map(|v| {
        let v = if v.is_nan() { 0.0 } else { v.clamp(0.0, 1.0) };
        (v * 255.0).round() as u8
    })
}

/// CIE 1976 ΔE*ab between two sRGB colours (D65).
fn delta_e(a: [u8; 3], b: [u8; 3]) -> f64 {
    let [l1, a1, b1] = lab(a);
    let [l2, a2, b2] = lab(b);
    ((l1 - l2).powi(2) + (a1 - a2).powi(2) + (b1 - b2).powi(2)).sqrt()
}

/// CIE L*a*b* of an sRGB colour, D65 white.
fn lab(rgb: [u8; 3]) -> [f64; 3] {
    let linear = rgb.map(|v| {
        let v = f64::from(v) / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    });
    let [r, g, b] = linear;
    // sRGB to XYZ (IEC 61966-2-1), divided by D65's white.
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.950_47;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.088_83;
    let f = |t: f64| {
        if t > 216.0 / 24_389.0 {
            t.cbrt()
        } else {
            (24_389.0 / 27.0 * t + 16.0) / 116.0
        }
    };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lab_of_white_black_and_red() {
        let near = |a: [f64; 3], b: [f64; 3]| a.iter().zip(b).all(|(x, y)| (x - y).abs() < 0.1);
        assert!(
            near(lab([255; 3]), [100.0, 0.0, 0.0]),
            "{:?}",
            lab([255; 3])
        );
        assert!(near(lab([0; 3]), [0.0, 0.0, 0.0]));
        // sRGB red is L* 53.24, a* 80.09, b* 67.20.
        assert!(
            near(lab([255, 0, 0]), [53.24, 80.09, 67.20]),
            "{:?}",
            lab([255, 0, 0])
        );
        assert_eq!(delta_e([10, 200, 30], [10, 200, 30]), 0.0);
        assert!((delta_e([255; 3], [0; 3]) - 100.0).abs() < 0.1);
    }

    #[test]
    fn inverse_undoes_the_map() {
        let m = Matrix([0.0, -300.0, 200.0, 0.0, 50.0, 400.0]);
        let inv = invert(m).unwrap();
        let (x, y) = m.apply(0.25, 0.75);
        let (u, v) = inv.apply(x, y);
        assert!((u - 0.25).abs() < 1e-9 && (v - 0.75).abs() < 1e-9);
        assert!(invert(Matrix([0.0; 6])).is_none());
    }
}
