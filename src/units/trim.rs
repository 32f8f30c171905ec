//! Trim sizes: the finished size of a book's page, and so of each cover panel.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::Error;
use crate::units::{Length, Size, Unit};

/// How far a trim given by a user may be from a catalog trim and still be that trim: half a
/// millimetre, so `152x229mm` is the 6x9 in trim (152.4 x 228.6 mm) and `210x297mm` is A4.
pub const TRIM_MATCH_TOLERANCE: Length = Length::mm(0.5);

/// A trim size, width by height.
///
/// Parsed from text such as `6x9`, `6 x 9 in`, `5.5x8.5in`, `152x229mm` or `6×9"`; without a
/// unit the numbers are inches.
///
/// ```
/// use podcover::{Length, TrimSize};
///
/// let trim: TrimSize = "6 x 9 in".parse()?;
/// assert_eq!(trim.width, Length::inches(6.0));
/// assert_eq!(trim.to_string(), "6x9in");
/// let metric: TrimSize = "152x229mm".parse()?;
/// assert!(metric.matches(&trim));
/// # Ok::<(), podcover::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq)]
pub struct TrimSize {
    /// Width of one page.
    pub width: Length,
    /// Height of one page.
    pub height: Length,
}

impl TrimSize {
    /// A trim size, or an error if either side is not a positive finite length.
    pub fn new(width: Length, height: Length) -> Result<TrimSize, Error> {
        for (side, value) in [("width", width), ("height", height)] {
            if !value.is_finite() || value <= Length::ZERO {
                return Err(Error::invalid(
                    "trim size",
                    format_args!("{}x{}", width, height),
                    format_args!("a positive {side}"),
                ));
            }
        }
        Ok(TrimSize { width, height })
    }

    /// The trim as a [`Size`].
    pub fn size(&self) -> Size {
        Size::new(self.width, self.height)
    }

    /// Shown as [`Display`](fmt::Display) does, with more decimals on a side where four would
    /// print it the same as that side of one of `limits` it differs from: `8.2500001x10in`
    /// beside a largest trim of `8.25x11in`.
    pub(crate) fn display_apart(&self, limits: &[TrimSize]) -> String {
        let side = |value: Length, limit: fn(&TrimSize) -> Length| {
            let limits: Vec<f64> = limits.iter().map(|t| limit(t).to_inches()).collect();
            let digits = crate::units::decimals_apart(value.to_inches(), &limits, 4);
            value.rounded(Unit::In, digits as i32)
        };
        format!(
            "{}x{}in",
            side(self.width, |t| t.width),
            side(self.height, |t| t.height)
        )
    }

    /// Whether both sides are within [`TRIM_MATCH_TOLERANCE`] of `other`'s.
    pub fn matches(&self, other: &TrimSize) -> bool {
        self.size()
            .approx_eq_within(other.size(), TRIM_MATCH_TOLERANCE)
    }
}

impl fmt::Debug for TrimSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for TrimSize {
    /// Inches with at most four decimals and no trailing zeros, e.g. `6.14x9.21in`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}x{}in",
            self.width.rounded(Unit::In, 4),
            self.height.rounded(Unit::In, 4)
        )
    }
}

impl FromStr for TrimSize {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let bad = || {
            Error::invalid(
                "trim size",
                s,
                "WIDTHxHEIGHT with an optional unit, e.g. 6x9, 5.5x8.5in or 152x229mm",
            )
        };
        let lower = s.trim().to_ascii_lowercase().replace('×', "x");
        let (w, h) = lower.split_once('x').ok_or_else(bad)?;
        let (w, w_unit) = split_number(w).ok_or_else(bad)?;
        let (h, h_unit) = split_number(h).ok_or_else(bad)?;
        let unit = match (w_unit, h_unit) {
            (None, None) => Unit::In,
            (Some(u), None) | (None, Some(u)) => u,
            (Some(a), Some(b)) if a == b => a,
            _ => return Err(bad()),
        };
        TrimSize::new(Length::try_new(w, unit)?, Length::try_new(h, unit)?)
            .map_err(|_| Error::invalid("trim size", s, "a positive width and height"))
    }
}

/// Splits `" 5.5 in"` into `5.5` and `Some(Unit::In)`.
fn split_number(text: &str) -> Option<(f64, Option<Unit>)> {
    let text = text.trim();
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(end);
    let value: f64 = number.parse().ok()?;
    let unit = unit.trim();
    let unit = if unit.is_empty() {
        None
    } else {
        Some(unit.parse().ok()?)
    };
    Some((value, unit))
}

impl Serialize for TrimSize {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TrimSize {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[track_caller]
    fn trim(s: &str) -> TrimSize {
        s.parse().unwrap()
    }

    #[test]
    fn parses_common_forms() {
        let six_by_nine = TrimSize::new(Length::inches(6.0), Length::inches(9.0)).unwrap();
        for s in [
            "6x9",
            "6 x 9 in",
            "6x9in",
            "6X9",
            "6×9",
            "6x9\"",
            "6in x 9in",
            " 6 x 9 ",
        ] {
            assert_eq!(trim(s), six_by_nine, "{s}");
        }
        assert_eq!(trim("5.5x8.5in").width, Length::inches(5.5));
        assert_eq!(trim("152x229mm").width, Length::mm(152.0));
        assert_eq!(trim("432x648pt"), six_by_nine);
    }

    #[test]
    fn metric_trims_match_inch_trims() {
        assert!(trim("152x229mm").matches(&trim("6x9")));
        assert!(trim("210x297mm").matches(&trim("8.27x11.69")));
        assert!(!trim("5x8").matches(&trim("5.06x7.81")));
    }

    #[test]
    fn rejects_bad_trims() {
        assert_eq!(
            "6".parse::<TrimSize>().unwrap_err().to_string(),
            "invalid trim size \"6\": expected WIDTHxHEIGHT with an optional unit, e.g. 6x9, 5.5x8.5in or 152x229mm"
        );
        assert_eq!(
            "0x9".parse::<TrimSize>().unwrap_err().to_string(),
            "invalid trim size \"0x9\": expected a positive width and height"
        );
        for s in [
            "",
            "x",
            "6x",
            "-6x9",
            "6x9furlong",
            "6inx9mm",
            "nanxnan",
            "6x9x10",
            "1e400x9",
        ] {
            assert!(s.parse::<TrimSize>().is_err(), "{s}");
        }
    }

    #[test]
    fn displays_compactly() {
        assert_eq!(trim("6.14x9.21").to_string(), "6.14x9.21in");
        assert_eq!(trim("8.5x11").to_string(), "8.5x11in");
    }

    proptest! {
        #[test]
        fn parse_never_panics(text in any::<String>()) {
            let _ = text.parse::<TrimSize>();
        }

        #[test]
        fn display_round_trips(w in 1u32..2000, h in 1u32..2000) {
            let t = TrimSize::new(Length::inches(f64::from(w) / 100.0), Length::inches(f64::from(h) / 100.0)).unwrap();
            prop_assert!(t.to_string().parse::<TrimSize>().unwrap().matches(&t));
        }
    }
}
