//! Stroke glyphs for a barcode's human-readable line, drawn as vector paths so that a printed
//! barcode needs no font (vendors reject covers with fonts that are not embedded).
//!
//! Each glyph is a few polylines on a grid 4 units wide and 6 units tall (the cap height),
//! advanced by 5 units, drawn with round caps and joins. The PDF and SVG writers draw a line of
//! glyphs in grid units, scaled once to the cap height, so each glyph's path is the same text
//! wherever it stands (written once, and repeated verbatim, which compresses well).

use std::sync::OnceLock;

use crate::draw::decimal::num;
use crate::units::Length;

/// Width of the grid the glyphs are drawn on.
const GLYPH_WIDTH: f64 = 4.0;
/// Cap height of the grid.
pub(crate) const CAP: f64 = 6.0;
/// Advance from one glyph to the next, in grid units.
pub(crate) const ADVANCE: f64 = 5.0;
/// Stroke width as a fraction of the cap height.
pub(crate) const STROKE: f64 = 0.11;

type Polyline = &'static [(f64, f64)];

fn glyph(c: char) -> &'static [Polyline] {
    match c.to_ascii_uppercase() {
        '0' | 'O' => &[&[
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
        'A' => &[
            &[(0.0, 0.0), (2.0, 6.0), (4.0, 0.0)],
            &[(0.67, 2.0), (3.33, 2.0)],
        ],
        'C' => &[&[
            (4.0, 1.0),
            (3.0, 0.0),
            (1.0, 0.0),
            (0.0, 1.2),
            (0.0, 4.8),
            (1.0, 6.0),
            (3.0, 6.0),
            (4.0, 5.0),
        ]],
        'D' => &[&[
            (0.0, 0.0),
            (0.0, 6.0),
            (2.5, 6.0),
            (4.0, 4.5),
            (4.0, 1.5),
            (2.5, 0.0),
            (0.0, 0.0),
        ]],
        'E' => &[
            &[(4.0, 0.0), (0.0, 0.0), (0.0, 6.0), (4.0, 6.0)],
            &[(0.0, 3.0), (3.0, 3.0)],
        ],
        'F' => &[
            &[(0.0, 0.0), (0.0, 6.0), (4.0, 6.0)],
            &[(0.0, 3.0), (3.0, 3.0)],
        ],
        'G' => &[&[
            (4.0, 5.0),
            (3.0, 6.0),
            (1.0, 6.0),
            (0.0, 4.8),
            (0.0, 1.2),
            (1.0, 0.0),
            (3.0, 0.0),
            (4.0, 1.0),
            (4.0, 3.0),
            (2.2, 3.0),
        ]],
        'H' => &[
            &[(0.0, 0.0), (0.0, 6.0)],
            &[(4.0, 0.0), (4.0, 6.0)],
            &[(0.0, 3.0), (4.0, 3.0)],
        ],
        'J' => &[&[(0.0, 1.0), (1.0, 0.0), (2.5, 0.0), (3.5, 1.0), (3.5, 6.0)]],
        'K' => &[
            &[(0.0, 0.0), (0.0, 6.0)],
            &[(4.0, 6.0), (0.0, 2.0)],
            &[(1.3, 3.3), (4.0, 0.0)],
        ],
        'L' => &[&[(0.0, 6.0), (0.0, 0.0), (4.0, 0.0)]],
        'M' => &[&[(0.0, 0.0), (0.0, 6.0), (2.0, 2.5), (4.0, 6.0), (4.0, 0.0)]],
        'P' => &[&[
            (0.0, 0.0),
            (0.0, 6.0),
            (3.0, 6.0),
            (4.0, 5.0),
            (4.0, 3.8),
            (3.0, 2.8),
            (0.0, 2.8),
        ]],
        'Q' => &[
            &[
                (1.0, 0.0),
                (3.0, 0.0),
                (4.0, 1.2),
                (4.0, 4.8),
                (3.0, 6.0),
                (1.0, 6.0),
                (0.0, 4.8),
                (0.0, 1.2),
                (1.0, 0.0),
            ],
            &[(2.5, 1.5), (4.0, 0.0)],
        ],
        'R' => &[
            &[
                (0.0, 0.0),
                (0.0, 6.0),
                (3.0, 6.0),
                (4.0, 5.0),
                (4.0, 3.8),
                (3.0, 2.8),
                (0.0, 2.8),
            ],
            &[(2.0, 2.8), (4.0, 0.0)],
        ],
        'T' => &[&[(0.0, 6.0), (4.0, 6.0)], &[(2.0, 6.0), (2.0, 0.0)]],
        'U' => &[&[
            (0.0, 6.0),
            (0.0, 1.2),
            (1.0, 0.0),
            (3.0, 0.0),
            (4.0, 1.2),
            (4.0, 6.0),
        ]],
        'V' => &[&[(0.0, 6.0), (2.0, 0.0), (4.0, 6.0)]],
        'W' => &[&[(0.0, 6.0), (1.0, 0.0), (2.0, 4.0), (3.0, 0.0), (4.0, 6.0)]],
        'Y' => &[
            &[(0.0, 6.0), (2.0, 3.0), (4.0, 6.0)],
            &[(2.0, 3.0), (2.0, 0.0)],
        ],
        'Z' => &[&[(0.0, 6.0), (4.0, 6.0), (0.0, 0.0), (4.0, 0.0)]],
        '.' => &[&[(2.0, 0.0), (2.0, 0.2)]],
        ',' => &[&[(2.2, 0.4), (1.6, -1.0)]],
        ':' => &[&[(2.0, 1.0), (2.0, 1.2)], &[(2.0, 4.0), (2.0, 4.2)]],
        ';' => &[&[(2.2, 0.4), (1.6, -1.0)], &[(2.0, 4.0), (2.0, 4.2)]],
        '!' => &[&[(2.0, 6.0), (2.0, 1.8)], &[(2.0, 0.0), (2.0, 0.2)]],
        '\u{2013}' | '\u{2014}' => &[&[(0.0, 2.8), (4.0, 2.8)]],
        '/' => &[&[(0.5, 0.0), (3.5, 6.0)]],
        '(' => &[&[(2.8, -0.5), (1.6, 1.0), (1.2, 3.0), (1.6, 5.0), (2.8, 6.5)]],
        ')' => &[&[(1.2, -0.5), (2.4, 1.0), (2.8, 3.0), (2.4, 5.0), (1.2, 6.5)]],
        '\'' => &[&[(2.0, 6.0), (2.0, 4.6)]],
        '"' => &[&[(1.3, 6.0), (1.3, 4.6)], &[(2.7, 6.0), (2.7, 4.6)]],
        '+' => &[&[(0.5, 3.0), (3.5, 3.0)], &[(2.0, 1.5), (2.0, 4.5)]],
        '=' => &[&[(0.5, 2.0), (3.5, 2.0)], &[(0.5, 4.0), (3.5, 4.0)]],
        '%' => &[
            &[(0.0, 0.0), (4.0, 6.0)],
            &[(0.4, 4.4), (1.4, 4.4), (1.4, 5.4), (0.4, 5.4), (0.4, 4.4)],
            &[(2.6, 0.6), (3.6, 0.6), (3.6, 1.6), (2.6, 1.6), (2.6, 0.6)],
        ],
        '?' => &[
            &[
                (0.0, 5.0),
                (1.0, 6.0),
                (3.0, 6.0),
                (4.0, 5.0),
                (4.0, 4.0),
                (2.0, 2.8),
                (2.0, 1.8),
            ],
            &[(2.0, 0.0), (2.0, 0.2)],
        ],
        _ => &[],
    }
}

/// The path of `c` on its grid (x right, y up, the origin at the left end of the baseline) as
/// PDF operators, each polyline `x y m x y l ...`, then `S`; nothing for a character without a
/// glyph.
#[cfg_attr(not(feature = "pdf"), allow(dead_code))]
pub(crate) fn write_pdf(c: char, out: &mut Vec<u8>) {
    static ASCII: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    let pdf = |c: char, out: &mut Vec<u8>| {
        let lines = glyph(c);
        for line in lines {
            let mut op: &[u8] = b" m ";
            for &(x, y) in line.iter() {
                num(out, x);
                out.push(b' ');
                num(out, y);
                out.extend_from_slice(op);
                op = b" l ";
            }
        }
        if !lines.is_empty() {
            out.extend_from_slice(b"S\n");
        }
    };
    cached(&ASCII, pdf, c, out);
}

/// The path of `c` on its grid (as in [`write_pdf`]) as SVG path data, `M x y L x y ...`;
/// nothing for a character without a glyph.
pub(crate) fn write_svg(c: char, out: &mut Vec<u8>) {
    static ASCII: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    let svg = |c: char, out: &mut Vec<u8>| {
        for line in glyph(c) {
            let mut op = b'M';
            for &(x, y) in line.iter() {
                out.push(op);
                num(out, x);
                out.push(b' ');
                num(out, y);
                op = b'L';
            }
        }
    };
    cached(&ASCII, svg, c, out);
}

/// `write(c, out)`, from a table made on first use for ASCII characters.
fn cached(
    table: &OnceLock<Vec<Vec<u8>>>,
    write: impl Fn(char, &mut Vec<u8>),
    c: char,
    out: &mut Vec<u8>,
) {
    if !c.is_ascii() {
        return write(c, out);
    }
    let table = table.get_or_init(|| {
        (0..128u8)
            .map(|b| {
                let mut bytes = Vec::new();
                write(char::from(b), &mut bytes);
                bytes
            })
            .collect()
    });
    out.extend_from_slice(&table[c as usize]);
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
#[cfg_attr(not(feature = "pdf"), allow(dead_code))]
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
        assert!(!has_glyph('~'));
        // Every letter, upper and lower case, for labels drawn without a font.
        for c in ('A'..='Z').chain('a'..='z').chain("./()%:;,'!".chars()) {
            assert!(has_glyph(c), "{c}");
        }
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
