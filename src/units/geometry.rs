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
/// Coordinates follow PDF: the origin is the sheet's lower-left corner and `y` grows upwards.
///
/// ```
/// use podcover::{Length, Rect, Sides};
///
/// let trim = Rect::new(Length::inches(0.125), Length::inches(0.125), Length::inches(6.0), Length::inches(9.0));
/// let safe = trim.inset(Sides::uniform(Length::inches(0.25)));
/// assert!(trim.contains(&safe));
/// assert_eq!(safe.width, Length::inches(5.5));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rect {
    /// Left edge.
    pub x: Length,
    /// Bottom edge.
    pub y: Length,
    /// Width.
    pub width: Length,
    /// Height.
    pub height: Length,
}

impl Rect {
    /// A rectangle from its lower-left corner and size.
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

    /// The top edge.
    pub fn top(&self) -> Length {
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
            y: self.y + sides.bottom,
            width: self.width - sides.left - sides.right,
            height: self.height - sides.top - sides.bottom,
        }
    }

    /// The rectangle grown by `sides`.
    pub fn outset(&self, sides: Sides) -> Rect {
        Rect {
            x: self.x - sides.left,
            y: self.y - sides.bottom,
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
            && other.top() <= self.top() + eps
    }

    /// Whether the two rectangles are equal to within `tolerance` on every edge.
    pub fn approx_eq_within(&self, other: &Rect, tolerance: Length) -> bool {
        self.x.approx_eq_within(other.x, tolerance)
            && self.y.approx_eq_within(other.y, tolerance)
            && self.width.approx_eq_within(other.width, tolerance)
            && self.height.approx_eq_within(other.height, tolerance)
    }
}
