//! Total ink: the sum of a colour's four inks, which printers limit (IngramSpark: 240%).

use std::fmt;
use std::num::NonZeroU32;

use crate::draw::Cmyk;

/// The sum of a colour's cyan, magenta, yellow and black, from 0% (paper) to 400% (every ink
/// solid).
///
/// Exact for 8-bit pixels and for whole percents: it counts in 1/255 of a percent, so
/// `TotalInk::of([255, 255, 100, 0])` (610/255 of one ink) and `TotalInk::from_percent(240)`
/// (612/255) compare without rounding.
///
/// ```
/// use podcover::color::TotalInk;
///
/// let rich_black = TotalInk::of([153, 102, 102, 255]); // 60/40/40/100
/// assert_eq!(rich_black, TotalInk::from_percent(240));
/// assert!(TotalInk::of([255, 255, 255, 255]) > TotalInk::from_percent(300));
/// assert_eq!(TotalInk::of([0, 128, 255, 0]).to_string(), "150.2%");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct TotalInk {
    /// In 1/255 of a percent: an 8-bit pixel's channel sum times 100.
    raw: u32,
}

impl TotalInk {
    /// No ink.
    pub const ZERO: TotalInk = TotalInk { raw: 0 };

    /// A total of whole percents, e.g. a vendor's limit.
    pub const fn from_percent(percent: u16) -> TotalInk {
        TotalInk {
            raw: percent as u32 * 255,
        }
    }

    /// The total ink of an 8-bit CMYK pixel (each ink from 0, none, to 255, solid).
    pub const fn of(cmyk: [u8; 4]) -> TotalInk {
        let [c, m, y, k] = cmyk;
        TotalInk {
            raw: (c as u32 + m as u32 + y as u32 + k as u32) * 100,
        }
    }

    /// The total ink of a vector colour, each ink clamped to 0..=1 (as PDF does), rounded to
    /// the nearest 1/255 of a percent.
    pub fn of_color(color: Cmyk) -> TotalInk {
        let ink = |v: f32| {
            if v.is_nan() {
                0.0
            } else {
                f64::from(v.clamp(0.0, 1.0))
            }
        };
        let sum = ink(color.c) + ink(color.m) + ink(color.y) + ink(color.k);
        TotalInk {
            // At most 4 x 25500: no overflow, and never negative.
            raw: (sum * 25_500.0).round() as u32,
        }
    }

    /// The total as a percentage, e.g. 240.0 for 60/40/40/100.
    pub fn percent(self) -> f64 {
        f64::from(self.raw) / 255.0
    }
}

impl fmt::Display for TotalInk {
    /// To a tenth of a percent, e.g. `238.0%`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.1}%", self.percent())
    }
}

impl fmt::Debug for TotalInk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TotalInk({self})")
    }
}

/// A vector colour brought within `limit`: cyan, magenta and yellow are scaled down together
/// (so black and the hue stay) until the four inks add up to at most the limit, each to a
/// thousandth (rounded down where the nearest would be over). A colour within the limit comes back as it is, its inks clamped to
/// 0..=1 as PDF clamps them.
///
/// ```
/// use podcover::{color::{within_ink, TotalInk}, draw::Cmyk};
///
/// let limit = TotalInk::from_percent(240);
/// let reduced = within_ink(Cmyk::new(1.0, 1.0, 1.0, 1.0), limit);
/// assert_eq!(reduced, Cmyk::new(0.466, 0.466, 0.466, 1.0));
/// assert!(TotalInk::of_color(reduced) <= limit);
/// let rich_black = Cmyk::new(0.6, 0.4, 0.4, 1.0);
/// assert_eq!(within_ink(rich_black, limit), rich_black);
/// ```
pub fn within_ink(color: Cmyk, limit: TotalInk) -> Cmyk {
    let ink = |v: f32| if v.is_nan() { 0.0 } else { v.clamp(0.0, 1.0) };
    let [c, m, y, k] = [color.c, color.m, color.y, color.k].map(ink);
    let clamped = Cmyk::new(c, m, y, k);
    if TotalInk::of_color(clamped) <= limit {
        return clamped;
    }
    let total = limit.percent() / 100.0;
    // Black stays, unless it alone is over the limit.
    let k = if f64::from(k) > total {
        ((total * 1000.0).floor() / 1000.0) as f32
    } else {
        k
    };
    let room = total - f64::from(k);
    let cmy = f64::from(c) + f64::from(m) + f64::from(y);
    // cmy > 0 here: a colour of black alone is within any limit of 100% or more, and one
    // under 100% has its black cut to the limit above.
    let scale = if cmy > 0.0 { room / cmy } else { 0.0 };
    // To the nearest thousandth where that stays within the limit, else rounded down.
    let to = |round: fn(f64) -> f64| {
        let ink = |v: f32| (round(f64::from(v) * scale * 1000.0) / 1000.0) as f32;
        Cmyk::new(ink(c), ink(m), ink(y), k)
    };
    let nearest = to(f64::round);
    if TotalInk::of_color(nearest) <= limit {
        nearest
    } else {
        to(f64::floor)
    }
}

/// Brings every 8-bit CMYK pixel within `limit` as [`within_ink`] does a vector colour
/// (cyan, magenta and yellow scaled down together, black kept, rounded down); returns how many
/// pixels it changed.
///
/// ```
/// use podcover::color::{limit_ink, TotalInk};
///
/// let mut pixels = [[255, 255, 255, 255], [153, 102, 102, 255]];
/// assert_eq!(limit_ink(&mut pixels, TotalInk::from_percent(240)), 1);
/// assert_eq!(pixels, [[119, 119, 119, 255], [153, 102, 102, 255]]);
/// ```
pub fn limit_ink(pixels: &mut [[u8; 4]], limit: TotalInk) -> usize {
    // The largest channel sum within the limit: its raw value counts a channel unit as 100.
    let most = limit.raw / 100;
    let mut changed = 0;
    for pixel in pixels.iter_mut() {
        let [c, m, y, k] = pixel.map(u32::from);
        if c + m + y + k <= most {
            continue;
        }
        let k = k.min(most);
        let room = most - k;
        let cmy = c + m + y;
        // Each ink at most 255 and the scale below 1: the results fit in a byte.
        let scaled = |v: u32| (v * room).checked_div(cmy).unwrap_or(0) as u8;
        *pixel = [scaled(c), scaled(m), scaled(y), k as u8];
        changed += 1;
    }
    changed
}

/// The pixel of an image with the most ink: the first one (row by row from the top-left) if
/// several have as much.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InkPeak {
    /// Its total ink.
    pub ink: TotalInk,
    /// Its column, from 0 at the image's left edge.
    pub x: u32,
    /// Its row, from 0 at the image's top edge.
    pub y: u32,
    /// Its four inks, 0 to 255 each.
    pub cmyk: [u8; 4],
}

/// The pixel with the most ink in an 8-bit CMYK image stored row by row from the top-left,
/// `width` pixels a row; `None` for an image of no pixels.
///
/// ```
/// use std::num::NonZeroU32;
/// use podcover::color::{max_ink, TotalInk};
///
/// let pixels = [[0, 0, 0, 0], [10, 0, 0, 0], [0, 0, 0, 0], [153, 102, 102, 255]];
/// let peak = max_ink(&pixels, NonZeroU32::new(2).unwrap()).unwrap();
/// assert_eq!((peak.x, peak.y), (1, 1));
/// assert_eq!(peak.ink, TotalInk::from_percent(240));
/// ```
pub fn max_ink(pixels: &[[u8; 4]], width: NonZeroU32) -> Option<InkPeak> {
    let sum = |p: &[u8; 4]| p.iter().map(|&v| u16::from(v)).sum::<u16>();
    let mut best: Option<(usize, u16)> = None;
    for (i, pixel) in pixels.iter().enumerate() {
        let s = sum(pixel);
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best.map(|(i, _)| peak_at(i, width, pixels[i]))
}

/// The darkest pixel of an 8-bit grey image (0 black, 255 white), stored as [`max_ink`]'s
/// pixels are, as the black-only ink it prints with ([`gray_to_cmyk`]); `None` for an image
/// of no pixels.
///
/// [`gray_to_cmyk`]: crate::color::gray_to_cmyk
pub fn max_ink_gray(pixels: &[u8], width: NonZeroU32) -> Option<InkPeak> {
    let mut best: Option<(usize, u8)> = None;
    for (i, &gray) in pixels.iter().enumerate() {
        if best.is_none_or(|(_, b)| gray < b) {
            best = Some((i, gray));
        }
    }
    best.map(|(i, gray)| peak_at(i, width, super::gray_to_cmyk(gray)))
}

/// The peak at the `index`th pixel of rows `width` long.
fn peak_at(index: usize, width: NonZeroU32, cmyk: [u8; 4]) -> InkPeak {
    let width = width.get() as usize;
    InkPeak {
        ink: TotalInk::of(cmyk),
        // An image in memory has at most u32::MAX rows of at most u32::MAX pixels each here:
        // `index / width` and `index % width` fit, saturating only if the caller's width lies.
        x: u32::try_from(index % width).unwrap_or(u32::MAX),
        y: u32::try_from(index / width).unwrap_or(u32::MAX),
        cmyk,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn width(w: u32) -> NonZeroU32 {
        NonZeroU32::new(w).unwrap()
    }

    #[test]
    fn limits_compare_exactly_with_pixels() {
        // 240% is 612/255 of one ink: 255 + 255 + 102 is exactly that, one more is over.
        assert_eq!(
            TotalInk::of([255, 255, 102, 0]),
            TotalInk::from_percent(240)
        );
        assert!(TotalInk::of([255, 255, 103, 0]) > TotalInk::from_percent(240));
        assert_eq!(TotalInk::of([255; 4]), TotalInk::from_percent(400));
        assert_eq!(TotalInk::of([0; 4]), TotalInk::ZERO);
        assert_eq!(TotalInk::from_percent(300).percent(), 300.0);
    }

    #[test]
    fn vector_colours_count_like_pixels() {
        let rich_black = Cmyk::new(0.6, 0.4, 0.4, 1.0);
        assert_eq!(TotalInk::of_color(rich_black), TotalInk::from_percent(240));
        assert_eq!(
            TotalInk::of_color(Cmyk::new(1.0, 1.0, 1.0, 1.0)),
            TotalInk::from_percent(400)
        );
        // Out of range and NaN inks count as PDF clamps them.
        assert_eq!(
            TotalInk::of_color(Cmyk::new(2.0, -1.0, f32::NAN, 0.5)),
            TotalInk::from_percent(150)
        );
    }

    #[test]
    fn displays_to_a_tenth_of_a_percent() {
        assert_eq!(TotalInk::from_percent(236).to_string(), "236.0%");
        assert_eq!(TotalInk::of([1, 0, 0, 0]).to_string(), "0.4%");
        assert_eq!(
            format!("{:?}", TotalInk::of([0, 0, 0, 255])),
            "TotalInk(100.0%)"
        );
    }

    #[test]
    fn peak_is_the_first_pixel_with_the_most_ink() {
        let pixels = [
            [0, 0, 0, 0],
            [200, 0, 0, 0],
            [0, 0, 0, 0],
            [0, 0, 0, 0],
            [0, 0, 0, 0],
            [0, 100, 101, 0],
        ];
        let peak = max_ink(&pixels, width(3)).unwrap();
        assert_eq!(
            peak,
            InkPeak {
                ink: TotalInk::of([0, 100, 101, 0]),
                x: 2,
                y: 1,
                cmyk: [0, 100, 101, 0],
            }
        );
        // A tie keeps the first.
        let peak = max_ink(&[[0, 0, 0, 9], [9, 0, 0, 0]], width(2)).unwrap();
        assert_eq!((peak.x, peak.y), (0, 0));
        assert_eq!(max_ink(&[], width(5)), None);
    }

    #[test]
    fn colours_over_the_limit_keep_their_black_and_hue() {
        let limit = TotalInk::from_percent(240);
        for color in [
            Cmyk::new(1.0, 1.0, 1.0, 1.0),
            Cmyk::new(0.9, 0.2, 0.8, 0.7),
            Cmyk::new(1.0, 0.0, 1.0, 0.5),
            Cmyk::new(0.75, 0.68, 0.67, 0.9),
        ] {
            let reduced = within_ink(color, limit);
            let ink = TotalInk::of_color(reduced);
            assert!(ink <= limit, "{color:?} -> {reduced:?}: {ink}");
            // Within a thousandth per ink of the limit: no more taken out than needed.
            assert!(ink.percent() > 239.6, "{color:?} -> {reduced:?}: {ink}");
            assert_eq!(reduced.k, color.k);
            // The proportions of cyan, magenta and yellow stay.
            assert!((reduced.c * color.m - reduced.m * color.c).abs() < 0.002);
            assert!((reduced.y * color.c - reduced.c * color.y).abs() < 0.002);
        }
        // Under 100%, black alone is cut to the limit.
        assert_eq!(
            within_ink(Cmyk::new(0.5, 0.5, 0.0, 1.0), TotalInk::from_percent(90)),
            Cmyk::new(0.0, 0.0, 0.0, 0.9)
        );
        // Out-of-range inks are clamped, as PDF clamps them.
        assert_eq!(
            within_ink(Cmyk::new(-1.0, f32::NAN, 2.0, 0.0), limit),
            Cmyk::new(0.0, 0.0, 1.0, 0.0)
        );
    }

    #[test]
    fn pixels_over_the_limit_are_brought_to_it() {
        let limit = TotalInk::from_percent(240);
        let mut pixels: Vec<[u8; 4]> = (0..=255u32)
            .step_by(5)
            .flat_map(|v| {
                let v = v as u8;
                [
                    [255, 255, v, 255],
                    [v, 255, 255, 0],
                    [255, v, 0, 255],
                    [v; 4],
                ]
            })
            .collect();
        let before = pixels.clone();
        let changed = limit_ink(&mut pixels, limit);
        assert!(changed > 0);
        for (p, q) in pixels.iter().zip(&before) {
            assert!(TotalInk::of(*p) <= limit, "{q:?} -> {p:?}");
            assert_eq!(p[3], q[3]);
            if TotalInk::of(*q) <= limit {
                assert_eq!(p, q);
            } else {
                // At most one unit short per ink from rounding down.
                let sum: u32 = p.iter().map(|&v| u32::from(v)).sum();
                assert!(sum + 3 >= 612, "{q:?} -> {p:?}");
            }
        }
    }

    #[test]
    fn grey_peak_is_the_darkest_pixel_on_black_alone() {
        let pixels = [255, 255, 128, 255, 40, 40];
        let peak = max_ink_gray(&pixels, width(2)).unwrap();
        assert_eq!((peak.x, peak.y), (0, 2));
        assert_eq!(peak.cmyk, [0, 0, 0, 215]);
        assert_eq!(peak.ink, TotalInk::of([0, 0, 0, 215]));
        assert_eq!(max_ink_gray(&[], width(1)), None);
    }
}
