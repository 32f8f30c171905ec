//! Sizes, rectangles and four-sided insets.

use std::fmt;
use std::marker::PhantomData;

use serde::{Deserialize, Serialize};

use crate::units::Length;
#[cfg(feature = "pdf")]
use crate::units::Matrix;

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

/// The coordinate space a [`Rect`] is measured in: [`Sheet`] or [`Pdf`].
///
/// Sealed: the two spaces are the only ones, so that the code working in each is told apart by
/// the compiler.
pub trait Space: sealed::Sealed + Copy + fmt::Debug + PartialEq + Default + 'static {
    /// The space's name, as `Debug` shows a rectangle in it.
    const NAME: &'static str;

    /// Of four `sides`, the one at the lower `y`: the top in the sheet's space, the bottom in
    /// PDF's.
    fn low_side(sides: &Sides) -> Length;
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Sheet {}
    impl Sealed for super::Pdf {}
}

/// A designer's coordinates: from the sheet's top-left corner, `x` to the right, `y`
/// downwards, so a rectangle's `y` is its top edge. Layouts ([`CoverLayout`]), the public
/// API's rectangles and `podcover layout --json` are in it.
///
/// [`CoverLayout`]: crate::CoverLayout
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sheet;

impl Space for Sheet {
    const NAME: &'static str = "Sheet";

    fn low_side(sides: &Sides) -> Length {
        sides.top
    }
}

/// PDF's coordinates: from the sheet's (or page's) lower-left corner, `x` to the right, `y`
/// upwards, so a rectangle's `y` is its bottom edge. Page boxes, content streams and the code
/// that reads or writes them are in it; [`SheetToPdf`] and [`PdfToSheet`] convert.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pdf;

impl Space for Pdf {
    const NAME: &'static str = "Pdf";

    fn low_side(sides: &Sides) -> Length {
        sides.bottom
    }
}

/// An axis-aligned rectangle, measured in the space `S`: [`Sheet`] (the default, from the
/// sheet's top-left corner, `y` downwards) or [`Pdf`] (from the lower-left corner, `y`
/// upwards). A rectangle of one space is not one of the other: converting takes a
/// [`SheetToPdf`] or a [`PdfToSheet`], which know the sheet's height.
///
/// ```
/// use podcover::{Length, units::{Rect, Sides}};
///
/// let trim: Rect = Rect::new(Length::inches(0.125), Length::inches(0.125), Length::inches(6.0), Length::inches(9.0));
/// let safe = trim.inset(Sides { top: Length::inches(0.5), ..Sides::uniform(Length::inches(0.25)) });
/// assert!(trim.contains(&safe));
/// assert_eq!(safe.width, Length::inches(5.5));
/// assert_eq!(safe.top(), Length::inches(0.625));
/// assert_eq!(safe.bottom(), Length::inches(8.875));
/// ```
///
/// A rectangle in PDF's space is refused where one on the sheet is wanted:
///
/// ```compile_fail,E0308
/// use podcover::{Length, units::{Pdf, Rect, Sheet}};
///
/// fn on_sheet(_: Rect<Sheet>) {}
/// let page_box: Rect<Pdf> = Rect::new(Length::ZERO, Length::ZERO, Length::pt(10.0), Length::pt(10.0));
/// on_sheet(page_box);
/// ```
///
/// It goes through the sheet's height instead:
///
/// ```
/// use podcover::{Length, units::{Pdf, PdfToSheet, Rect, Sheet}};
///
/// fn on_sheet(r: Rect<Sheet>) -> Length { r.top() }
/// let page_box: Rect<Pdf> = Rect::new(Length::ZERO, Length::ZERO, Length::pt(10.0), Length::pt(10.0));
/// // On a sheet 100 pt tall, a box on the bottom edge has its top 90 pt below the sheet's.
/// assert_eq!(on_sheet(PdfToSheet::new(Length::pt(100.0)).rect(page_box)), Length::pt(90.0));
/// ```
#[derive(Clone, Copy, PartialEq, Default, Serialize)]
pub struct Rect<S: Space = Sheet> {
    /// Left edge, from the sheet's left edge.
    pub x: Length,
    /// In [`Sheet`]'s space the top edge, from the sheet's top edge (downwards); in [`Pdf`]'s
    /// the bottom edge, from the sheet's bottom edge (upwards).
    pub y: Length,
    /// Width.
    pub width: Length,
    /// Height.
    pub height: Length,
    #[serde(skip)]
    space: PhantomData<S>,
}

impl<S: Space> fmt::Debug for Rect<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct(&format!("Rect<{}>", S::NAME))
            .field("x", &self.x)
            .field("y", &self.y)
            .field("width", &self.width)
            .field("height", &self.height)
            .finish()
    }
}

impl<S: Space> Rect<S> {
    /// A rectangle from its corner nearest the origin (`x`, `y`) and its size.
    pub fn new(x: Length, y: Length, width: Length, height: Length) -> Rect<S> {
        Rect {
            x,
            y,
            width,
            height,
            space: PhantomData,
        }
    }

    /// The right edge.
    pub fn right(&self) -> Length {
        self.x + self.width
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

    /// The edge opposite `y`: `y + height`.
    fn far_y(&self) -> Length {
        self.y + self.height
    }

    /// The rectangle shrunk by `sides` (grown where a side is negative).
    pub fn inset(&self, sides: Sides) -> Rect<S> {
        Rect::new(
            self.x + sides.left,
            self.y + S::low_side(&sides),
            self.width - sides.left - sides.right,
            self.height - sides.top - sides.bottom,
        )
    }

    /// The rectangle grown by `sides`.
    pub fn outset(&self, sides: Sides) -> Rect<S> {
        Rect::new(
            self.x - sides.left,
            self.y - S::low_side(&sides),
            self.width + sides.left + sides.right,
            self.height + sides.top + sides.bottom,
        )
    }

    /// Whether `other` lies inside this rectangle (edges may touch, to a millionth of an inch).
    pub fn contains(&self, other: &Rect<S>) -> bool {
        let eps = Length::inches(1e-6);
        other.x >= self.x - eps
            && other.y >= self.y - eps
            && other.right() <= self.right() + eps
            && other.far_y() <= self.far_y() + eps
    }

    /// The part of this rectangle inside `other`, if they overlap (a shared edge is no overlap).
    #[cfg_attr(not(feature = "pdf"), allow(dead_code))]
    pub(crate) fn intersection(&self, other: &Rect<S>) -> Option<Rect<S>> {
        let (x, y) = (self.x.max(other.x), self.y.max(other.y));
        let (right, far) = (
            self.right().min(other.right()),
            self.far_y().min(other.far_y()),
        );
        (right > x && far > y).then(|| Rect::new(x, y, right - x, far - y))
    }

    /// Whether the two rectangles are equal to within `tolerance` on every edge.
    pub fn approx_eq_within(&self, other: &Rect<S>, tolerance: Length) -> bool {
        self.x.approx_eq_within(other.x, tolerance)
            && self.y.approx_eq_within(other.y, tolerance)
            && self.width.approx_eq_within(other.width, tolerance)
            && self.height.approx_eq_within(other.height, tolerance)
    }
}

impl Rect<Sheet> {
    /// The top edge (`y`).
    pub fn top(&self) -> Length {
        self.y
    }

    /// The bottom edge, `y + height`.
    pub fn bottom(&self) -> Length {
        self.far_y()
    }
}

impl Rect<Pdf> {
    /// The top edge, `y + height`.
    pub fn top(&self) -> Length {
        self.far_y()
    }

    /// The bottom edge (`y`).
    pub fn bottom(&self) -> Length {
        self.y
    }
}

/// From the sheet's space to PDF's, on a sheet `sheet_height` tall: a rectangle measured from
/// the sheet's bottom edge instead of its top.
///
/// ```
/// use podcover::{Length, units::{Rect, SheetToPdf}};
///
/// // On a sheet 100 pt tall, a box 10 pt below the top and 30 pt tall has its lower edge
/// // 60 pt above the sheet's bottom.
/// let to_pdf = SheetToPdf::new(Length::pt(100.0));
/// let pdf = to_pdf.rect(Rect::new(Length::pt(5.0), Length::pt(10.0), Length::pt(20.0), Length::pt(30.0)));
/// assert_eq!((pdf.bottom(), pdf.top()), (Length::pt(60.0), Length::pt(90.0)));
/// assert_eq!(to_pdf.inverse().rect(pdf).top(), Length::pt(10.0));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SheetToPdf {
    /// The sheet's height.
    pub sheet_height: Length,
}

impl SheetToPdf {
    /// The conversion on a sheet `sheet_height` tall.
    pub fn new(sheet_height: Length) -> SheetToPdf {
        SheetToPdf { sheet_height }
    }

    /// `rect` in PDF's space.
    pub fn rect(self, rect: Rect<Sheet>) -> Rect<Pdf> {
        measured_from_the_other_edge(self.sheet_height, rect)
    }

    /// The other way.
    pub fn inverse(self) -> PdfToSheet {
        PdfToSheet::new(self.sheet_height)
    }
}

/// `rect` measured from the other horizontal edge of a sheet `sheet_height` tall: the one
/// change between the two spaces, either way.
fn measured_from_the_other_edge<From: Space, To: Space>(
    sheet_height: Length,
    rect: Rect<From>,
) -> Rect<To> {
    Rect::new(
        rect.x,
        sheet_height - rect.y - rect.height,
        rect.width,
        rect.height,
    )
}

/// From PDF's space to the sheet's, on a sheet `sheet_height` tall: a rectangle measured from
/// the sheet's top edge instead of its bottom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PdfToSheet {
    /// The sheet's height.
    pub sheet_height: Length,
}

impl PdfToSheet {
    /// The conversion on a sheet `sheet_height` tall.
    pub fn new(sheet_height: Length) -> PdfToSheet {
        PdfToSheet { sheet_height }
    }

    /// `rect` in the sheet's space.
    pub fn rect(self, rect: Rect<Pdf>) -> Rect<Sheet> {
        measured_from_the_other_edge(self.sheet_height, rect)
    }

    /// The other way.
    pub fn inverse(self) -> SheetToPdf {
        SheetToPdf::new(self.sheet_height)
    }

    /// The same change for points, as a transform in PDF's order (the other way is the same
    /// transform: it is its own inverse).
    #[cfg(feature = "pdf")]
    pub(crate) fn matrix(self) -> Matrix {
        Matrix([1.0, 0.0, 0.0, -1.0, 0.0, self.sheet_height.to_pt()])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r<S: Space>(x: f64, y: f64, w: f64, h: f64) -> Rect<S> {
        Rect::new(Length::pt(x), Length::pt(y), Length::pt(w), Length::pt(h))
    }

    #[test]
    fn edges_are_named_from_the_top_left() {
        let a: Rect = r(10.0, 20.0, 100.0, 50.0);
        assert_eq!(a.top(), Length::pt(20.0));
        assert_eq!(a.right(), Length::pt(110.0));
        assert_eq!(a.bottom(), Length::pt(70.0));
        assert_eq!(a.center_y(), Length::pt(45.0));
        // In PDF's space the same numbers name the other edges.
        let p: Rect<Pdf> = r(10.0, 20.0, 100.0, 50.0);
        assert_eq!(p.top(), Length::pt(70.0));
        assert_eq!(p.bottom(), Length::pt(20.0));
    }

    #[test]
    fn intersections_keep_the_overlap() {
        let a: Rect = r(10.0, 20.0, 100.0, 50.0);
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
        let a: Rect = r(10.0, 20.0, 100.0, 50.0);
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
        // In PDF's space the same sides move the same edges: inset then converted is converted
        // then inset, on a sheet 100 pt tall.
        let to_pdf = SheetToPdf::new(Length::pt(100.0));
        let pdf = to_pdf.rect(a);
        assert_eq!(pdf.inset(sides), to_pdf.rect(inner));
        assert_eq!(pdf.inset(sides).top(), pdf.top() - Length::pt(1.0));
        assert_eq!(pdf.inset(sides).outset(sides), pdf);
    }

    #[test]
    fn converting_measures_from_the_other_edge_and_back() {
        // On a sheet 100 pt tall, a box 10 pt below the top and 30 pt tall has its PDF lower
        // edge 60 pt above the sheet's bottom.
        let a: Rect = r(5.0, 10.0, 20.0, 30.0);
        let to_pdf = SheetToPdf::new(Length::pt(100.0));
        let pdf = to_pdf.rect(a);
        assert_eq!(pdf, r(5.0, 60.0, 20.0, 30.0));
        assert_eq!(to_pdf.inverse().rect(pdf), a);
        assert_eq!(to_pdf.inverse().inverse(), to_pdf);
    }

    #[test]
    fn debug_says_the_space() {
        let a: Rect<Pdf> = r(1.0, 2.0, 3.0, 4.0);
        assert!(format!("{a:?}").starts_with("Rect<Pdf> { x: "), "{a:?}");
    }

    #[test]
    fn serialized_rectangles_do_not_name_their_space() {
        let a: Rect = r(72.0, 0.0, 36.0, 18.0);
        assert_eq!(
            serde_json::to_value(a).unwrap(),
            serde_json::json!({ "x": "1in", "y": "0in", "width": "0.5in", "height": "0.25in" })
        );
    }
}
