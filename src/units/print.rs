//! What print asks of placed art, defined once for compose, respine and check: the resolution an
//! image prints at and the rule that judges it, and how far art may be stretched out of its
//! proportions to fit its place.
//!
//! A vendor's own minimum resolution is a vendor fact and lives in `paper-stocks/` (a binding's
//! `min_image_ppi`, with its source); what is here holds for print in general.

use std::fmt;

use crate::units::Size;

/// The resolution print needs, in pixels per inch: below it an image may print soft (a warning
/// where the vendor names no minimum of its own). It is also the resolution assumed for an
/// image that records none, and the one pixel sizes are given at in messages.
pub(crate) const PRINT_PPI: u32 = 300;

/// A resolution this close under a minimum still meets it (1%): pixel sizes are whole, so art
/// exported for 300 ppi can measure 299.6 ppi where placed.
const PPI_SLACK: f64 = 0.99;

/// How far art may be stretched out of its proportions to fit its place: its width may grow or
/// shrink at most this many times as much as its height (2: from 50% to 200% of the other
/// direction's scale). Beyond it, the art was made for another shape (a strip for a spine that
/// is a column, a spine of another book).
pub(crate) const MAX_STRETCH: f64 = 2.0;

/// A change of proportions under this (1%) is not worth a word: the rounding of a spine width.
pub(crate) const NOTED_STRETCH: f64 = 0.01;

/// A placed image's resolution, across and down, in pixels per inch.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Resolution {
    pub(crate) across: f64,
    pub(crate) down: f64,
}

/// What a placed resolution means for print, by [`Resolution::judge`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Judgement {
    /// At or over [`PRINT_PPI`] (and the vendor's minimum).
    Sharp,
    /// Under [`PRINT_PPI`], at or over the vendor's minimum if it names one: may print soft.
    Soft,
    /// Under the vendor's minimum (the ppi given): the vendor refuses it.
    Refused(u32),
}

impl Resolution {
    /// `pixels` (across, down) spread over `size`.
    pub(crate) fn placed(pixels: (u32, u32), size: Size) -> Resolution {
        Resolution {
            across: f64::from(pixels.0) / size.width.to_inches(),
            down: f64::from(pixels.1) / size.height.to_inches(),
        }
    }

    /// The resolution the image had before it was enlarged `k` times (or after it is shrunk,
    /// for `k` under 1).
    pub(crate) fn scaled(self, k: f64) -> Resolution {
        Resolution {
            across: self.across * k,
            down: self.down * k,
        }
    }

    /// The resolution the image prints at: the lower of its two directions.
    pub(crate) fn ppi(self) -> f64 {
        self.across.min(self.down)
    }

    /// The one rule for a placed image: under the vendor's minimum (`vendor`, from the
    /// binding's `min_image_ppi`) it is refused; else under [`PRINT_PPI`] it may print soft.
    /// Each minimum is met within [`PPI_SLACK`].
    pub(crate) fn judge(self, vendor: Option<u32>) -> Judgement {
        let under = |min: u32| self.ppi() < f64::from(min) * PPI_SLACK;
        match vendor {
            Some(min) if under(min) => Judgement::Refused(min),
            _ if under(PRINT_PPI) => Judgement::Soft,
            _ => Judgement::Sharp,
        }
    }
}

impl fmt::Display for Resolution {
    /// `300 ppi`, or `100 ppi (300 across, 100 down)` where the two directions differ.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.0} ppi", self.ppi())?;
        if (self.across / self.down - 1.0).abs() > NOTED_STRETCH {
            write!(f, " ({:.0} across, {:.0} down)", self.across, self.down)?;
        }
        Ok(())
    }
}

/// How far scaling by `across` and `down` changes art's proportions: the larger of the two
/// ratios, 1 for none. Compared with [`MAX_STRETCH`] and [`NOTED_STRETCH`].
pub(crate) fn stretch(across: f64, down: f64) -> f64 {
    let r = across / down;
    if r.is_finite() && r > 0.0 {
        r.max(1.0 / r)
    } else {
        f64::INFINITY
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::Length;

    #[test]
    fn an_image_prints_at_its_lower_resolution() {
        // 1838 x 925 px over 6.125 x 9.25 in: 300 ppi across, 100 down.
        let r = Resolution::placed(
            (1838, 925),
            Size::new(Length::inches(6.125), Length::inches(9.25)),
        );
        assert_eq!(r.ppi().round(), 100.0);
        assert_eq!(r.to_string(), "100 ppi (300 across, 100 down)");
        assert_eq!(r.judge(None), Judgement::Soft);
        assert_eq!(r.judge(Some(300)), Judgement::Refused(300));
        let even = Resolution {
            across: 299.6,
            down: 300.2,
        };
        assert_eq!(even.to_string(), "300 ppi");
        assert_eq!(even.judge(Some(300)), Judgement::Sharp);
        let under = Resolution {
            across: 296.0,
            down: 296.0,
        };
        assert_eq!(under.judge(None), Judgement::Soft);
        // A vendor minimum under print's: soft, not refused, between the two.
        assert_eq!(
            Resolution {
                across: 250.0,
                down: 250.0
            }
            .judge(Some(200)),
            Judgement::Soft
        );
    }

    #[test]
    fn stretch_is_symmetric_and_infinite_for_nothing() {
        assert_eq!(stretch(2.0, 1.0), 2.0);
        assert_eq!(stretch(1.0, 2.0), 2.0);
        assert_eq!(stretch(3.0, 3.0), 1.0);
        assert_eq!(stretch(1.0, 0.0), f64::INFINITY);
        assert_eq!(stretch(0.0, 1.0), f64::INFINITY);
        assert_eq!(stretch(f64::NAN, 1.0), f64::INFINITY);
    }
}
