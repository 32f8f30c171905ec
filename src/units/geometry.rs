//! Sizes, rectangles and four-sided insets.

use serde::{Deserialize, Serialize};

use crate::units::Length;

/// A width and a height.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Size {
    /// Horizontal extent.
    pub width: Length,
    /// Vertical extent.
    pub height: Length,
}

impl Size {
    /// A size from its width and height.
    pub fn new(width: Length, height: Length) -> Size {
        Size { width, height }
    }

    /// Whether both sides are within `tolerance` of `other`'s.
    pub fn approx_eq_within(self, other: Size, tolerance: Length) -> bool {
        self.width.approx_eq_within(other.width, tolerance)
            && self.height.approx_eq_within(other.height, tolerance)
    }
}

/// Distances on four sides, such as a bleed, a safe margin or a hardcover wrap.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sides {
    /// Top side.
    pub top: Length,
    /// Right side.
    pub right: Length,
    /// Bottom side.
    pub bottom: Length,
    /// Left side.
    pub left: Length,
}

impl Sides {
    /// The same distance on every side.
    pub fn uniform(length: Length) -> Sides {
        Sides {
            top: length,
            right: length,
            bottom: length,
            left: length,
        }
    }
}

/// An axis-aligned rectangle on the cover sheet.
///
/// Coordinates are a designer's: the origin is the sheet's top-left corner, `x` grows to the
/// right and `y` downwards, so `y` is the rectangle's top edge. (PDF measures from the
/// lower-left corner, `y` upwards; podcover converts where it reads or writes PDF.)
///
/// ```
/// use podcover::{Length, units::{Rect, Sides}};
///
/// let trim = Rect::new(Length::inches(0.125), Length::inches(0.125), Length::inches(6.0), Length::inches(9.0));
/// let safe = trim.inset(Sides { top: Length::inches(0.5), ..Sides::uniform(Length::inches(0.25)) });
/// assert!(trim.contains(&safe));
/// assert_eq!(safe.width, Length::inches(5.5));
/// assert_eq!(safe.top(), Length::inches(0.625));
/// assert_eq!(safe.bottom(), Length::inches(8.875));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Rect {
    /// Left edge, from the sheet's left edge.
    pub x: Length,
    /// Top edge, from the sheet's top edge (downwards).
    pub y: Length,
    /// Width.
    pub width: Length,
    /// Height.
    pub height: Length,
}

impl Rect {
    /// A rectangle from its top-left corner and size.
    pub fn new(x: Length, y: Length, width: Length, height: Length) -> Rect {
        Rect {
            x,
            y,
            width,
            height,
        }
    }

    /// The right edge.
    pub fn right(&self) -> Length {
        self.x + self.width
    }

    /// The top edge (`y`).
    pub fn top(&self) -> Length {
        self.y
    }

    /// The bottom edge.
    pub fn bottom(&self) -> Length {
        self.y + self.height
    }

    /// The horizontal centre.
    pub fn center_x(&self) -> Length {
        self.x + self.width / 2.0
    }

    /// The vertical centre.
    pub fn center_y(&self) -> Length {
        self.y + self.height / 2.0
    }

    /// The size.
    pub fn size(&self) -> Size {
        Size::new(self.width, self.height)
    }

    /// The rectangle shrunk by `sides` (grown where a side is negative).
    pub fn inset(&self, sides: Sides) -> Rect {
        Rect {
            x: self.x + sides.left,
            y: self.y + sides.top,
            width: self.width - sides.left - sides.right,
            height: self.height - sides.top - sides.bottom,
        }
    }

    /// The rectangle grown by `sides`.
    pub fn outset(&self, sides: Sides) -> Rect {
        Rect {
            x: self.x - sides.left,
            y: self.y - sides.top,
            width: self.width + sides.left + sides.right,
            height: self.height + sides.top + sides.bottom,
        }
    }

    /// Whether `other` lies inside this rectangle (edges may touch, to a millionth of an inch).
    pub fn contains(&self, other: &Rect) -> bool {
        let eps = Length::inches(1e-6);
        other.x >= self.x - eps
            && other.y >= self.y - eps
            && other.right() <= self.right() + eps
            && other.bottom() <= self.bottom() + eps
    }

    /// The part of this rectangle inside `other`, if they overlap (a shared edge is no overlap).
    #[cfg_attr(not(feature = "pdf"), allow(dead_code))]
    pub(crate) fn intersection(&self, other: &Rect) -> Option<Rect> {
        let (x, y) = (self.x.max(other.x), self.y.max(other.y));
        let (right, bottom) = (
            self.right().min(other.right()),
            self.bottom().min(other.bottom()),
        );
        (right > x && bottom > y).then(|| Rect::new(x, y, right - x, bottom - y))
    }

    /// Whether the two rectangles are equal to within `tolerance` on every edge.
    pub fn approx_eq_within(&self, other: &Rect, tolerance: Length) -> bool {
        self.x.approx_eq_within(other.x, tolerance)
            && self.y.approx_eq_within(other.y, tolerance)
            && self.width.approx_eq_within(other.width, tolerance)
            && self.height.approx_eq_within(other.height, tolerance)
    }

    /// The upper edge of a rectangle in PDF's coordinates (`y` upwards), `y + height`: what
    /// the code working in them calls the top. In the layout's coordinates it is the bottom.
    pub(crate) fn pdf_top(&self) -> Length {
        self.y + self.height
    }

    /// The same rectangle measured from the other horizontal edge of a sheet `sheet_height`
    /// tall: from the layout's top-left convention to PDF's lower-left one (`y` upwards), and
    /// back, for the code that reads or writes PDF. In PDF's coordinates `y` is the lower edge
    /// and `y + height` the upper one.
    pub(crate) fn flipped(&self, sheet_height: Length) -> Rect {
        Rect {
            y: sheet_height - self.y - self.height,
            ..*self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect::new(Length::pt(x), Length::pt(y), Length::pt(w), Length::pt(h))
    }

    #[test]
    fn edges_are_named_from_the_top_left() {
        let a = r(10.0, 20.0, 100.0, 50.0);
        assert_eq!(a.top(), Length::pt(20.0));
        assert_eq!(a.right(), Length::pt(110.0));
        assert_eq!(a.bottom(), Length::pt(70.0));
        assert_eq!(a.center_y(), Length::pt(45.0));
    }

    #[test]
    fn intersections_keep_the_overlap() {
        let a = r(10.0, 20.0, 100.0, 50.0);
        assert_eq!(
            a.intersection(&r(0.0, 0.0, 50.0, 40.0)),
            Some(r(10.0, 20.0, 40.0, 20.0))
        );
        assert_eq!(a.intersection(&r(0.0, 0.0, 500.0, 500.0)), Some(a));
        assert_eq!(a.intersection(&r(110.0, 20.0, 10.0, 10.0)), None);
        assert_eq!(a.intersection(&r(200.0, 200.0, 10.0, 10.0)), None);
    }

    #[test]
    fn inset_and_outset_move_the_named_sides() {
        let a = r(10.0, 20.0, 100.0, 50.0);
        let sides = Sides {
            top: Length::pt(1.0),
            right: Length::pt(2.0),
            bottom: Length::pt(3.0),
            left: Length::pt(4.0),
        };
        let inner = a.inset(sides);
        assert_eq!(inner, r(14.0, 21.0, 94.0, 46.0));
        assert_eq!(inner.top() - a.top(), Length::pt(1.0));
        assert_eq!(a.bottom() - inner.bottom(), Length::pt(3.0));
        assert_eq!(inner.outset(sides), a);
        assert!(a.contains(&inner));
        assert!(!inner.contains(&a));
        // Past the bottom edge is outside.
        assert!(!a.contains(&r(10.0, 60.0, 10.0, 11.0)));
    }

    #[test]
    fn flipping_measures_from_the_other_edge_and_back() {
        // On a sheet 100 pt tall, a box 10 pt below the top and 30 pt tall has its PDF lower
        // edge 60 pt above the sheet's bottom.
        let a = r(5.0, 10.0, 20.0, 30.0);
        let pdf = a.flipped(Length::pt(100.0));
        assert_eq!(pdf, r(5.0, 60.0, 20.0, 30.0));
        assert_eq!(pdf.flipped(Length::pt(100.0)), a);
    }
}
