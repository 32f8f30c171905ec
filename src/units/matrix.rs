//! One affine transform of the plane, as PDF writes it.

use crate::units::{Length, Rect, Space};

/// An affine transform in PDF's order `[a b c d e f]`, in points: the point (x, y) maps to
/// (a·x + c·y + e, b·x + d·y + f).
///
/// Products follow PDF's `cm` operator: `m.then(n)` applies `m` first, then `n`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Matrix(pub(crate) [f64; 6]);

impl Matrix {
    /// The transform that changes nothing.
    pub(crate) const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// A move by `tx`, `ty` points.
    pub(crate) const fn translate(tx: f64, ty: f64) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, tx, ty])
    }

    /// The transform that maps `from` onto `to`, scaling each axis.
    pub(crate) fn fit<S: Space>(from: Rect<S>, to: Rect<S>) -> Matrix {
        let sx = to.width / from.width;
        let sy = to.height / from.height;
        Matrix([
            sx,
            0.0,
            0.0,
            sy,
            (to.x - from.x * sx).to_pt(),
            (to.y - from.y * sy).to_pt(),
        ])
    }

    /// The move of `from`'s lower-left corner onto `to`'s, without scaling.
    pub(crate) fn shift<S: Space>(from: Rect<S>, to: Rect<S>) -> Matrix {
        Matrix::translate((to.x - from.x).to_pt(), (to.y - from.y).to_pt())
    }

    /// `self` first, then `next`.
    pub(crate) fn then(self, next: Matrix) -> Matrix {
        let (m, n) = (self.0, next.0);
        Matrix([
            m[0] * n[0] + m[1] * n[2],
            m[0] * n[1] + m[1] * n[3],
            m[2] * n[0] + m[3] * n[2],
            m[2] * n[1] + m[3] * n[3],
            m[4] * n[0] + m[5] * n[2] + n[4],
            m[4] * n[1] + m[5] * n[3] + n[5],
        ])
    }

    /// Where the point (`x`, `y`) goes.
    pub(crate) fn apply(self, x: f64, y: f64) -> (f64, f64) {
        let m = self.0;
        (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
    }

    /// Where `r` lands under a transform of the form `[sx 0 0 sy e f]` (no rotation or skew).
    pub(crate) fn rect<S: Space>(self, r: Rect<S>) -> Rect<S> {
        let [sx, _, _, sy, e, f] = self.0;
        Rect::new(
            r.x * sx + Length::pt(e),
            r.y * sy + Length::pt(f),
            r.width * sx,
            r.height * sy,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::PdfToSheet;

    #[test]
    fn fit_then_apply_maps_corners() {
        let from: Rect = Rect::new(
            Length::pt(10.0),
            Length::pt(20.0),
            Length::pt(100.0),
            Length::pt(50.0),
        );
        let to = Rect::new(
            Length::pt(0.0),
            Length::pt(0.0),
            Length::pt(200.0),
            Length::pt(25.0),
        );
        let m = Matrix::fit(from, to);
        assert_eq!(m.apply(10.0, 20.0), (0.0, 0.0));
        assert_eq!(m.apply(110.0, 70.0), (200.0, 25.0));
        assert_eq!(m.rect(from), to);
        let to_sheet = PdfToSheet::new(Length::pt(100.0)).matrix();
        assert_eq!(to_sheet.apply(3.0, 10.0), (3.0, 90.0));
        assert_eq!(to_sheet.then(to_sheet), Matrix::IDENTITY);
        let moved = Matrix::translate(5.0, -5.0).then(Matrix::IDENTITY);
        assert_eq!(moved.apply(1.0, 1.0), (6.0, -4.0));
    }
}
