//! Spine rules: how a vendor turns a page count into a spine width.

use serde::{Deserialize, Serialize};

use crate::units::{Length, Rounding};

/// The shape of a vendor's spine rule, as vendors publish them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "shape", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum SpineShape {
    /// No spine (coil, saddle stitch): the width is zero.
    None,
    /// A fixed thickness per printed page, e.g. KDP's 0.002252 in for white paper.
    PerPage {
        /// Thickness of one printed page (half a leaf).
        per_page: Length,
    },
    /// Pages per inch plus an offset, e.g. Lulu's `pages / 444 + 0.06 in`.
    PagesPerInch {
        /// Printed pages per inch of spine.
        pages_per_inch: f64,
        /// Added to every spine.
        offset: Length,
    },
    /// Straight lines between measured points, e.g. calculator readings.
    Piecewise {
        /// Readings sorted by page count.
        points: Vec<SpinePoint>,
    },
    /// A stepped table of page ranges, e.g. Lulu's hardcover spines.
    Table {
        /// Ranges sorted by page count.
        steps: Vec<SpineStep>,
    },
    /// A vendor's table with a width for every `step`-th page count from `first`, e.g.
    /// Lightning Source's spine table (18, 20, 22, ... pages); counts between two rows are
    /// interpolated.
    Series {
        /// The page count of the first width.
        first: u32,
        /// Pages from one width to the next.
        step: u32,
        /// The widths, for `first`, `first + step`, ...
        widths: Vec<Length>,
    },
}

/// One reading of a piecewise spine rule.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpinePoint {
    /// Page count.
    pub pages: u32,
    /// Spine width at that page count.
    pub spine: Length,
}

/// One row of a stepped spine table.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpineStep {
    /// First page count of the range.
    pub from: u32,
    /// Last page count of the range (inclusive).
    pub to: u32,
    /// Spine width for the whole range.
    pub spine: Length,
}

/// Rounding to a whole increment, e.g. IngramSpark hardcovers down to 1/16 in.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SpineRounding {
    /// The step the width is a multiple of.
    pub increment: Length,
    /// Which way to round.
    pub mode: Rounding,
}

/// A spine rule: a shape, an allowance added to it, an optional rounding of the sum and a
/// minimum.
///
/// ```
/// use podcover::{catalog::{SpineRule, SpineShape}, Length};
///
/// // KDP paperback, white paper: 0.002252 in per page.
/// let rule = SpineRule::new(SpineShape::PerPage { per_page: Length::inches(0.002252) });
/// assert!(rule.width(120).unwrap().approx_eq(Length::inches(0.27024)));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SpineRule {
    /// The base shape.
    #[serde(flatten)]
    pub shape: SpineShape,
    /// Added to the shape's width (e.g. for hardcover boards).
    pub allowance: Length,
    /// Applied after the allowance.
    pub rounding: Option<SpineRounding>,
    /// The narrowest spine, applied last (e.g. IngramSpark's hardcovers, never below 1/4 in).
    pub minimum: Option<Length>,
}

impl SpineRule {
    /// A rule with no allowance and no rounding.
    pub fn new(shape: SpineShape) -> SpineRule {
        SpineRule {
            shape,
            allowance: Length::ZERO,
            rounding: None,
            minimum: None,
        }
    }

    /// Whether the binding has a spine at all.
    pub fn has_spine(&self) -> bool {
        !matches!(self.shape, SpineShape::None)
    }

    /// The spine width for `pages` printed pages, or `None` where the rule has no value
    /// (outside a table's or a set of readings' range).
    pub fn width(&self, pages: u32) -> Option<Length> {
        let p = f64::from(pages);
        let base = match &self.shape {
            SpineShape::None => return Some(Length::ZERO),
            SpineShape::PerPage { per_page } => *per_page * p,
            SpineShape::PagesPerInch {
                pages_per_inch,
                offset,
            } => Length::inches(p / pages_per_inch) + *offset,
            SpineShape::Piecewise { points } => interpolate(points, pages)?,
            SpineShape::Table { steps } => {
                steps
                    .iter()
                    .find(|s| (s.from..=s.to).contains(&pages))?
                    .spine
            }
            SpineShape::Series {
                first,
                step,
                widths,
            } => series(*first, *step, widths, pages)?,
        };
        let width = base + self.allowance;
        let rounded = match self.rounding {
            Some(r) => width.round_to(r.increment, r.mode),
            None => width,
        };
        Some(match self.minimum {
            Some(minimum) => rounded.max(minimum),
            None => rounded,
        })
    }

    /// The page counts the rule has values for, if it is limited (piecewise and table rules).
    pub fn domain(&self) -> Option<(u32, u32)> {
        match &self.shape {
            SpineShape::Piecewise { points } => Some((points.first()?.pages, points.last()?.pages)),
            SpineShape::Table { steps } => Some((steps.first()?.from, steps.last()?.to)),
            SpineShape::Series {
                first,
                step,
                widths,
            } => {
                let rows = u32::try_from(widths.len().checked_sub(1)?).ok()?;
                Some((*first, first.checked_add(step.checked_mul(rows)?)?))
            }
            _ => None,
        }
    }
}

/// The series' width at `pages`: its row, or the straight line between the two rows around it.
fn series(first: u32, step: u32, widths: &[Length], pages: u32) -> Option<Length> {
    let offset = pages.checked_sub(first)?;
    let step = step.max(1);
    let row = usize::try_from(offset / step).ok()?;
    let below = *widths.get(row)?;
    let within = offset % step;
    if within == 0 {
        return Some(below);
    }
    let above = *widths.get(row + 1)?;
    Some(below + (above - below) * (f64::from(within) / f64::from(step)))
}

/// Linear interpolation between the two readings around `pages`.
fn interpolate(points: &[SpinePoint], pages: u32) -> Option<Length> {
    let upper = points.iter().position(|p| p.pages >= pages)?;
    let hi = points.get(upper)?;
    if hi.pages == pages {
        return Some(hi.spine);
    }
    let lo = points.get(upper.checked_sub(1)?)?;
    let t = f64::from(pages - lo.pages) / f64::from(hi.pages - lo.pages);
    Some(lo.spine + (hi.spine - lo.spine) * t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inches(v: f64) -> Length {
        Length::inches(v)
    }

    #[test]
    fn pages_per_inch_with_offset() {
        // Lulu paperback: pages / 444 + 0.06 in (help.api.lulu.com article 64000254616).
        let rule = SpineRule::new(SpineShape::PagesPerInch {
            pages_per_inch: 444.0,
            offset: inches(0.06),
        });
        assert!(rule.width(444).unwrap().approx_eq(inches(1.06)));
    }

    #[test]
    fn piecewise_interpolates_and_stops_at_its_ends() {
        let rule = SpineRule::new(SpineShape::Piecewise {
            points: vec![
                SpinePoint {
                    pages: 100,
                    spine: inches(0.2),
                },
                SpinePoint {
                    pages: 200,
                    spine: inches(0.4),
                },
            ],
        });
        assert!(rule.width(150).unwrap().approx_eq(inches(0.3)));
        assert!(rule.width(100).unwrap().approx_eq(inches(0.2)));
        assert!(rule.width(200).unwrap().approx_eq(inches(0.4)));
        assert_eq!(rule.width(99), None);
        assert_eq!(rule.width(201), None);
        assert_eq!(rule.domain(), Some((100, 200)));
    }

    #[test]
    fn table_allowance_and_rounding() {
        let mut rule = SpineRule::new(SpineShape::Table {
            steps: vec![
                SpineStep {
                    from: 24,
                    to: 84,
                    spine: inches(0.25),
                },
                SpineStep {
                    from: 86,
                    to: 140,
                    spine: inches(0.5),
                },
            ],
        });
        assert_eq!(rule.width(84), Some(inches(0.25)));
        assert_eq!(rule.width(85), None);
        rule.allowance = inches(0.1);
        rule.rounding = Some(SpineRounding {
            increment: inches(0.0625),
            mode: Rounding::Down,
        });
        // 0.5 + 0.1 = 0.6, down to a sixteenth: 0.5625.
        assert!(rule.width(100).unwrap().approx_eq(inches(0.5625)));
    }

    #[test]
    fn series_rows_between_and_beyond() {
        let mut rule = SpineRule::new(SpineShape::Series {
            first: 18,
            step: 2,
            widths: vec![inches(0.0373), inches(0.0414), inches(0.0456)],
        });
        assert_eq!(rule.width(20), Some(inches(0.0414)));
        assert!(rule.width(21).unwrap().approx_eq(inches(0.0435)));
        assert_eq!(rule.width(16), None);
        assert_eq!(rule.width(24), None);
        assert_eq!(rule.domain(), Some((18, 22)));
        // A hardcover from the same rows: plus an allowance, down to 1/16 in, at least 1/4 in.
        rule.allowance = inches(0.109375);
        rule.rounding = Some(SpineRounding {
            increment: inches(0.0625),
            mode: Rounding::Down,
        });
        assert_eq!(rule.width(22), Some(inches(0.125)));
        rule.minimum = Some(inches(0.25));
        assert_eq!(rule.width(22), Some(inches(0.25)));
    }

    #[test]
    fn no_spine_is_zero() {
        assert_eq!(
            SpineRule::new(SpineShape::None).width(48),
            Some(Length::ZERO)
        );
    }
}
