//! Stroke glyphs for a barcode's human-readable line, drawn as vector paths so that a printed
//! barcode needs no font (vendors reject covers with fonts that are not embedded).
//!
//! Each glyph is a few polylines on a grid 4 units wide and 6 units tall (the cap height),
//! advanced by 5 units, drawn with round caps and joins.

use crate::units::Length;

/// Width of the grid the glyphs are drawn on.
const GLYPH_WIDTH: f64 = 4.0;
/// Cap height of the grid.
const CAP: f64 = 6.0;
/// Advance from one glyph to the next.
const ADVANCE: f64 = 5.0;
/// Stroke width as a fraction of the cap height.
pub(crate) const STROKE: f64 = 0.11;

type Polyline = &'static [(f64, f64)];

fn glyph(c: char) -> &'static [Polyline] {
    match c {
        '0' => &[&[
            (1.0, 0.0),
            (3.0, 0.0),
            (4.0, 1.2),
            (4.0, 4.8),
            (3.0, 6.0),
            (1.0, 6.0),
            (0.0, 4.8),
            (0.0, 1.2),
            (1.0, 0.0),
        ]],
        '1' => &[
            &[(0.8, 4.8), (2.2, 6.0), (2.2, 0.0)],
            &[(0.8, 0.0), (3.6, 0.0)],
        ],
        '2' => &[&[
            (0.0, 4.9),
            (1.0, 6.0),
            (3.0, 6.0),
            (4.0, 4.9),
            (4.0, 3.9),
            (0.0, 0.0),
            (4.0, 0.0),
        ]],
        '3' => &[
            &[
                (0.0, 5.0),
                (1.0, 6.0),
                (3.0, 6.0),
                (4.0, 5.0),
                (4.0, 4.0),
                (3.0, 3.1),
                (1.6, 3.1),
            ],
            &[
                (3.0, 3.1),
                (4.0, 2.1),
                (4.0, 1.0),
                (3.0, 0.0),
                (1.0, 0.0),
                (0.0, 1.0),
            ],
        ],
        '4' => &[&[(3.0, 0.0), (3.0, 6.0), (0.0, 1.8), (4.0, 1.8)]],
        '5' => &[&[
            (3.8, 6.0),
            (0.3, 6.0),
            (0.0, 3.4),
            (3.0, 3.6),
            (4.0, 2.5),
            (4.0, 1.0),
            (3.0, 0.0),
            (1.0, 0.0),
            (0.0, 1.0),
        ]],
        '6' => &[&[
            (3.4, 6.0),
            (1.6, 6.0),
            (0.0, 4.2),
            (0.0, 1.0),
            (1.0, 0.0),
            (3.0, 0.0),
            (4.0, 1.0),
            (4.0, 2.6),
            (3.0, 3.6),
            (1.0, 3.6),
            (0.0, 2.6),
        ]],
        '7' => &[&[(0.0, 6.0), (4.0, 6.0), (1.4, 0.0)]],
        '8' => &[
            &[
                (1.0, 3.2),
                (0.2, 4.1),
                (0.2, 5.1),
                (1.1, 6.0),
                (2.9, 6.0),
                (3.8, 5.1),
                (3.8, 4.1),
                (3.0, 3.2),
                (1.0, 3.2),
            ],
            &[
                (1.0, 3.2),
                (0.0, 2.2),
                (0.0, 1.0),
                (1.0, 0.0),
                (3.0, 0.0),
                (4.0, 1.0),
                (4.0, 2.2),
                (3.0, 3.2),
            ],
        ],
        '9' => &[&[
            (0.6, 0.0),
            (2.4, 0.0),
            (4.0, 1.8),
            (4.0, 5.0),
            (3.0, 6.0),
            (1.0, 6.0),
            (0.0, 5.0),
            (0.0, 3.4),
            (1.0, 2.4),
            (3.0, 2.4),
            (4.0, 3.4),
        ]],
        '-' => &[&[(0.6, 2.8), (3.4, 2.8)]],
        'X' | 'x' => &[&[(0.0, 0.0), (4.0, 6.0)], &[(0.0, 6.0), (4.0, 0.0)]],
        'I' => &[
            &[(2.0, 0.0), (2.0, 6.0)],
            &[(1.0, 6.0), (3.0, 6.0)],
            &[(1.0, 0.0), (3.0, 0.0)],
        ],
        'S' => &[&[
            (4.0, 5.0),
            (3.0, 6.0),
            (1.0, 6.0),
            (0.0, 5.0),
            (0.0, 4.1),
            (1.0, 3.1),
            (3.0, 3.1),
            (4.0, 2.1),
            (4.0, 1.0),
            (3.0, 0.0),
            (1.0, 0.0),
            (0.0, 1.0),
        ]],
        'B' => &[
            &[
                (0.0, 0.0),
                (0.0, 6.0),
                (2.9, 6.0),
                (3.8, 5.1),
                (3.8, 4.1),
                (2.9, 3.2),
                (0.0, 3.2),
            ],
            &[(2.9, 3.2), (4.0, 2.2), (4.0, 1.0), (3.0, 0.0), (0.0, 0.0)],
        ],
        'N' => &[&[(0.0, 0.0), (0.0, 6.0), (4.0, 0.0), (4.0, 6.0)]],
        _ => &[],
    }
}

/// Whether `c` has a glyph (a space has none but still advances).
#[cfg(test)]
fn has_glyph(c: char) -> bool {
    c == ' ' || !glyph(c).is_empty()
}

/// Width of `text` set with cap height `cap`.
pub(crate) fn width(text: &str, cap: Length) -> Length {
    let n = text.chars().count() as f64;
    if n == 0.0 {
        return Length::ZERO;
    }
    cap * ((n * ADVANCE - (ADVANCE - GLYPH_WIDTH)) / CAP)
}

/// The polylines of `text` centred on `center_x`, standing on `baseline`, with cap height `cap`.
pub(crate) fn polylines(
    text: &str,
    center_x: Length,
    baseline: Length,
    cap: Length,
) -> Vec<Vec<(Length, Length)>> {
    let unit = cap / CAP;
    let mut x = center_x - width(text, cap) / 2.0;
    let mut lines = Vec::new();
    for c in text.chars() {
        for line in glyph(c) {
            lines.push(
                line.iter()
                    .map(|&(gx, gy)| (x + unit * gx, baseline + unit * gy))
                    .collect(),
            );
        }
        x += unit * ADVANCE;
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_isbn_character_has_a_glyph_inside_its_cell() {
        for c in "0123456789-XISBN ".chars() {
            assert!(has_glyph(c), "{c}");
            for line in glyph(c) {
                assert!(line.len() >= 2, "{c}");
                for &(x, y) in line.iter() {
                    assert!(
                        (0.0..=GLYPH_WIDTH).contains(&x) && (0.0..=CAP).contains(&y),
                        "{c}"
                    );
                }
            }
        }
        assert!(!has_glyph('Q'));
    }

    #[test]
    fn text_is_centred() {
        let cap = Length::pt(6.0);
        let lines = polylines("88", Length::pt(100.0), Length::ZERO, cap);
        let xs: Vec<f64> = lines.iter().flatten().map(|p| p.0.to_pt()).collect();
        let (min, max) = xs
            .iter()
            .fold((f64::MAX, f64::MIN), |(a, b), x| (a.min(*x), b.max(*x)));
        // Two 4-unit glyphs 1 unit apart: 9 units = 9 pt wide at 1 pt per unit, centred.
        assert!(
            (min - 95.5).abs() < 1e-9 && (max - 104.5).abs() < 1e-9,
            "{min} {max}"
        );
        assert!((width("88", cap).to_pt() - 9.0).abs() < 1e-9);
    }
}
