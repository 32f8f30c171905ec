//! Spine rules: how a vendor turns a page count into a spine width.

use serde::{Deserialize, Serialize};

use crate::units::{Length, Rounding};

/// The shape of a vendor's spine rule, as vendors publish them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "shape", rename_all = "kebab-case")]
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
pub struct SpineRounding {
    /// The step the width is a multiple of.
    pub increment: Length,
    /// Which way to round.
    pub mode: Rounding,
}

/// A spine rule: a shape, an allowance added to it, and an optional rounding of the sum.
///
/// ```
/// use podcover::{Length, SpineRule, SpineShape};
///
/// // KDP paperback, white paper: 0.002252 in per page.
/// let rule = SpineRule::new(SpineShape::PerPage { per_page: Length::inches(0.002252) });
/// assert!(rule.width(120).unwrap().approx_eq(Length::inches(0.27024)));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpineRule {
    /// The base shape.
    #[serde(flatten)]
    pub shape: SpineShape,
    /// Added to the shape's width (e.g. for hardcover boards).
    pub allowance: Length,
    /// Applied after the allowance.
    pub rounding: Option<SpineRounding>,
}

impl SpineRule {
    /// A rule with no allowance and no rounding.
    pub fn new(shape: SpineShape) -> SpineRule {
        SpineRule {
            shape,
            allowance: Length::ZERO,
            rounding: None,
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
        };
        let width = base + self.allowance;
        Some(match self.rounding {
            Some(r) => width.round_to(r.increment, r.mode),
            None => width,
        })
    }

    /// The page counts the rule has values for, if it is limited (piecewise and table rules).
    pub fn domain(&self) -> Option<(u32, u32)> {
        match &self.shape {
            SpineShape::Piecewise { points } => Some((points.first()?.pages, points.last()?.pages)),
            SpineShape::Table { steps } => Some((steps.first()?.from, steps.last()?.to)),
            _ => None,
        }
    }
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
    fn no_spine_is_zero() {
        assert_eq!(
            SpineRule::new(SpineShape::None).width(48),
            Some(Length::ZERO)
        );
    }
}
