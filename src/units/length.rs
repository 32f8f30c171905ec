//! Absolute lengths and the one place where units convert.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Div, Mul, Neg, Sub, SubAssign};
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::Error;

/// Raw units per inch. With this scale 1 mm is 360 units and 1 pt is 127 units, so common print
/// measures (1/8 in, 3 mm, 72 pt, 1/16 in) are whole numbers and add up exactly.
const UNITS_PER_INCH: f64 = 9144.0;
const UNITS_PER_MM: f64 = 360.0;
const UNITS_PER_PT: f64 = 127.0;

/// Default tolerance of [`Length::approx_eq`]: one millionth of an inch, far below any printer's
/// precision and far above the rounding error of the arithmetic.
const APPROX_EPSILON: f64 = UNITS_PER_INCH * 1e-6;

/// A unit of length that podcover reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// Inches (`in`), the default.
    #[default]
    In,
    /// Millimetres (`mm`).
    Mm,
    /// PDF points (`pt`), 1/72 inch.
    Pt,
}

impl Unit {
    /// All units, in the order they are listed in messages.
    pub const ALL: [Unit; 3] = [Unit::In, Unit::Mm, Unit::Pt];

    const fn units(self) -> f64 {
        match self {
            Unit::In => UNITS_PER_INCH,
            Unit::Mm => UNITS_PER_MM,
            Unit::Pt => UNITS_PER_PT,
        }
    }

    /// The unit's short name: `in`, `mm` or `pt`.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::In => "in",
            Unit::Mm => "mm",
            Unit::Pt => "pt",
        }
    }

    /// Decimal places a length is shown with to people: 3 in inches, 2 in millimetres and
    /// points (what [`Length::display`] and the `podcover` tool print).
    pub fn shown_decimals(self) -> usize {
        match self {
            Unit::In => 3,
            Unit::Mm | Unit::Pt => 2,
        }
    }

    /// Decimal places that show a length in this unit to about a thousandth of a millimetre
    /// (tables of figures and JSON).
    pub fn precision(self) -> usize {
        match self {
            Unit::In => 5,
            Unit::Mm => 3,
            Unit::Pt => 3,
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Unit {
    type Err = Error;

    /// Parses `in`, `inch`, `inches`, `"`, `mm`, `pt` (case-insensitive).
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.trim().to_ascii_lowercase().as_str() {
            "in" | "inch" | "inches" | "\"" => Ok(Unit::In),
            "mm" => Ok(Unit::Mm),
            "pt" => Ok(Unit::Pt),
            _ => Err(Error::invalid("unit", s, "one of: in, mm, pt")),
        }
    }
}

/// An absolute length, such as a trim width, a bleed or a spine width.
///
/// A `Length` is the only way a length crosses podcover's API; it converts between inches,
/// millimetres and PDF points here and nowhere else.
///
/// ```
/// use podcover::{Length, Unit};
///
/// let bleed = Length::inches(0.125);
/// assert!(bleed.approx_eq(Length::pt(9.0)));
/// assert_eq!(Length::mm(25.4), Length::inches(1.0));
/// assert_eq!("3mm".parse::<Length>()?, Length::mm(3.0));
/// assert_eq!(format!("{}", Length::inches(0.5).display(Unit::Mm)), "12.70 mm");
/// # Ok::<(), podcover::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Length(f64);

impl Length {
    /// The zero length.
    pub const ZERO: Length = Length(0.0);

    /// A length in inches.
    pub const fn inches(value: f64) -> Length {
        Length(value * UNITS_PER_INCH)
    }

    /// A length in millimetres.
    pub const fn mm(value: f64) -> Length {
        Length(value * UNITS_PER_MM)
    }

    /// A length in PDF points (1/72 inch).
    pub const fn pt(value: f64) -> Length {
        Length(value * UNITS_PER_PT)
    }

    /// A length in the given unit.
    pub const fn new(value: f64, unit: Unit) -> Length {
        Length(value * unit.units())
    }

    /// A length in the given unit, or an error if `value` is NaN or infinite.
    pub fn try_new(value: f64, unit: Unit) -> Result<Length, Error> {
        let length = Length::new(value, unit);
        if length.is_finite() {
            Ok(length)
        } else {
            Err(Error::invalid(
                "length",
                format_args!("{value}{unit}"),
                "a finite number",
            ))
        }
    }

    /// The length in inches.
    pub fn to_inches(self) -> f64 {
        self.0 / UNITS_PER_INCH
    }

    /// The length in millimetres.
    pub fn to_mm(self) -> f64 {
        self.0 / UNITS_PER_MM
    }

    /// The length in PDF points.
    pub fn to_pt(self) -> f64 {
        self.0 / UNITS_PER_PT
    }

    /// The length as a number of the given unit.
    pub fn to(self, unit: Unit) -> f64 {
        self.0 / unit.units()
    }

    /// Whether the length is a finite number.
    pub fn is_finite(self) -> bool {
        self.0.is_finite()
    }

    /// The absolute value.
    pub fn abs(self) -> Length {
        Length(self.0.abs())
    }

    /// The larger of two lengths.
    pub fn max(self, other: Length) -> Length {
        Length(self.0.max(other.0))
    }

    /// The smaller of two lengths.
    pub fn min(self, other: Length) -> Length {
        Length(self.0.min(other.0))
    }

    /// A total order (as [`f64::total_cmp`]), for sorting.
    pub fn total_cmp(&self, other: &Length) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }

    /// Whether two lengths differ by at most a millionth of an inch.
    pub fn approx_eq(self, other: Length) -> bool {
        self.approx_eq_within(other, Length(APPROX_EPSILON))
    }

    /// Whether two lengths differ by at most `tolerance`.
    pub fn approx_eq_within(self, other: Length, tolerance: Length) -> bool {
        (self.0 - other.0).abs() <= tolerance.0
    }

    /// Rounds to a whole multiple of `increment` in the given direction.
    ///
    /// A length within a millionth of an inch of a multiple counts as that multiple, so that
    /// arithmetic noise never drops a value a whole step. A zero or negative increment returns the
    /// length unchanged.
    ///
    /// ```
    /// use podcover::{Length, units::Rounding};
    ///
    /// let sixteenth = Length::inches(0.0625);
    /// let spine = Length::inches(0.3525);
    /// assert_eq!(spine.round_to(sixteenth, Rounding::Down), Length::inches(0.3125));
    /// assert_eq!(spine.round_to(sixteenth, Rounding::Up), Length::inches(0.375));
    /// assert_eq!(spine.round_to(sixteenth, Rounding::Nearest), Length::inches(0.375));
    /// ```
    pub fn round_to(self, increment: Length, rounding: Rounding) -> Length {
        if increment.0 <= 0.0 || !increment.0.is_finite() {
            return self;
        }
        let steps = self.0 / increment.0;
        let slack = APPROX_EPSILON / increment.0;
        let whole = match rounding {
            Rounding::Down => (steps + slack).floor(),
            Rounding::Up => (steps - slack).ceil(),
            Rounding::Nearest => steps.round(),
        };
        Length(whole * increment.0)
    }

    /// Shows the length in `unit` as people read it: [`Unit::shown_decimals`] places (or the
    /// formatter's precision, if given), a space, the unit, e.g. `12.70 mm` or `0.795 in`. A
    /// half in the last digit rounds up (1.3125 in is `1.313 in`), and a length below zero that
    /// rounds to zero keeps its sign (`-0.000 in`).
    ///
    /// ```
    /// use podcover::{Length, Unit};
    ///
    /// assert_eq!(Length::inches(0.795).to_string(), "0.795 in");
    /// assert_eq!(Length::inches(0.5).display(Unit::Mm).to_string(), "12.70 mm");
    /// assert_eq!(format!("{:.1}", Length::inches(0.5).display(Unit::Pt)), "36.0 pt");
    /// ```
    pub fn display(self, unit: Unit) -> impl fmt::Display {
        struct Shown(Length, Unit);
        impl fmt::Display for Shown {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let digits = f.precision().unwrap_or(self.1.shown_decimals());
                // Halves round up (away from zero), as vendors' calculators show them.
                let shown = self.0.rounded(self.1, digits.min(12) as i32);
                let sign = if self.0 .0 < 0.0 && shown == 0.0 {
                    "-"
                } else {
                    ""
                };
                write!(f, "{sign}{:.*} {}", digits, shown, self.1)
            }
        }
        Shown(self, unit)
    }

    /// Shows the length in `unit` as [`display`](Length::display) does, with more decimals
    /// where the usual ones would print it the same as one of `limits` it differs from:
    /// `6.000001 in` beside a maximum of `6.000 in`, never `6.000 in`.
    pub(crate) fn display_apart(self, unit: Unit, limits: &[Length]) -> String {
        let limits: Vec<f64> = limits.iter().map(|l| l.to(unit)).collect();
        let digits = decimals_apart(self.to(unit), &limits, unit.shown_decimals());
        format!("{:.*}", digits, self.display(unit))
    }

    /// The length in `unit` rounded to `decimals` places, for tables and JSON.
    pub fn rounded(self, unit: Unit, decimals: i32) -> f64 {
        let scale = 10f64.powi(decimals);
        let value = (self.to(unit) * scale).round() / scale;
        // Avoid printing "-0".
        if value == 0.0 {
            0.0
        } else {
            value
        }
    }
}

/// The most decimal places [`decimals_apart`] gives: a billionth, far below any print measure.
const MAX_DECIMALS_APART: usize = 9;

/// Decimal places that show `value` apart from each of `limits` it differs from: `min`, or
/// more where `min` places would print it the same as a limit (a width just over a maximum
/// shown as the maximum itself), at most nine. Every message that sets a value beside its
/// limits shows the value with these, so that it never reads as if it were within them.
pub(crate) fn decimals_apart(value: f64, limits: &[f64], min: usize) -> usize {
    let most = MAX_DECIMALS_APART.max(min);
    let same =
        |digits: usize, limit: f64| format!("{value:.digits$}") == format!("{limit:.digits$}");
    (min..most)
        .find(|&digits| {
            !limits
                .iter()
                .any(|&limit| limit != value && same(digits, limit))
        })
        .unwrap_or(most)
}

/// `value` with [`decimals_apart`] places.
pub(crate) fn number_apart(value: f64, limits: &[f64], min: usize) -> String {
    let digits = decimals_apart(value, limits, min);
    format!("{value:.digits$}")
}

/// The direction of [`Length::round_to`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Rounding {
    /// The largest multiple not above the value (towards negative infinity).
    Down,
    /// The smallest multiple not below the value (towards positive infinity).
    Up,
    /// To the nearest multiple, halves away from zero.
    Nearest,
}

impl fmt::Debug for Length {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}in", self.to_inches())
    }
}

impl fmt::Display for Length {
    /// Inches as [`Length::display`] shows them: `0.795 in`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.display(Unit::In), f)
    }
}

impl FromStr for Length {
    type Err = Error;

    /// Parses a number followed by a unit: `0.125in`, `3 mm`, `9pt`, `0.5"`.
    fn from_str(s: &str) -> Result<Self, Error> {
        let text = s.trim();
        let split = text
            .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E')))
            .unwrap_or(text.len());
        let (number, unit) = text.split_at(split);
        let bad = |expected: &str| Error::invalid("length", s, expected);
        if unit.trim().is_empty() {
            return Err(bad("a number with a unit, e.g. 0.125in, 3mm or 9pt"));
        }
        let unit: Unit = unit
            .parse()
            .map_err(|_| bad("a number with a unit, e.g. 0.125in, 3mm or 9pt"))?;
        let value: f64 = number
            .parse()
            .map_err(|_| bad("a number with a unit, e.g. 0.125in, 3mm or 9pt"))?;
        Length::try_new(value, unit).map_err(|_| bad("a finite number with a unit"))
    }
}

impl Serialize for Length {
    /// A string in inches, rounded to a billionth, e.g. `"0.27024in"`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&format_args!("{}in", self.rounded(Unit::In, 9)))
    }
}

impl<'de> Deserialize<'de> for Length {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl Add for Length {
    type Output = Length;
    fn add(self, rhs: Length) -> Length {
        Length(self.0 + rhs.0)
    }
}

impl Sub for Length {
    type Output = Length;
    fn sub(self, rhs: Length) -> Length {
        Length(self.0 - rhs.0)
    }
}

impl Neg for Length {
    type Output = Length;
    fn neg(self) -> Length {
        Length(-self.0)
    }
}

impl Mul<f64> for Length {
    type Output = Length;
    fn mul(self, rhs: f64) -> Length {
        Length(self.0 * rhs)
    }
}

impl Mul<Length> for f64 {
    type Output = Length;
    fn mul(self, rhs: Length) -> Length {
        Length(self * rhs.0)
    }
}

impl Div<f64> for Length {
    type Output = Length;
    fn div(self, rhs: f64) -> Length {
        Length(self.0 / rhs)
    }
}

impl Div for Length {
    type Output = f64;
    fn div(self, rhs: Length) -> f64 {
        self.0 / rhs.0
    }
}

impl AddAssign for Length {
    fn add_assign(&mut self, rhs: Length) {
        self.0 += rhs.0;
    }
}

impl SubAssign for Length {
    fn sub_assign(&mut self, rhs: Length) {
        self.0 -= rhs.0;
    }
}

impl Sum for Length {
    fn sum<I: Iterator<Item = Length>>(iter: I) -> Length {
        iter.fold(Length::ZERO, Add::add)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn print_measures_are_exact() {
        assert_eq!(Length::inches(0.125), Length::mm(3.175));
        assert_eq!(Length::inches(1.0), Length::pt(72.0));
        assert_eq!(Length::mm(25.4), Length::inches(1.0));
        assert_eq!(Length::inches(0.0625) * 2.0, Length::inches(0.125));
        assert_eq!(Length::mm(3.0) + Length::mm(3.0), Length::mm(6.0));
    }

    #[test]
    fn parses_units() {
        assert_eq!("0.125in".parse::<Length>().unwrap(), Length::inches(0.125));
        assert_eq!(" 3 mm ".parse::<Length>().unwrap(), Length::mm(3.0));
        assert_eq!("9pt".parse::<Length>().unwrap(), Length::pt(9.0));
        assert_eq!("0.5\"".parse::<Length>().unwrap(), Length::inches(0.5));
        assert_eq!("-1in".parse::<Length>().unwrap(), Length::inches(-1.0));
    }

    #[test]
    fn a_value_beside_its_limits_shows_the_digits_that_differ() {
        // Rounded to the unit's precision, 6.000001 in would read as the maximum itself.
        let max = Length::inches(6.0);
        assert_eq!(
            Length::inches(6.000001).display_apart(Unit::In, &[Length::inches(0.001), max]),
            "6.000001 in"
        );
        assert_eq!(
            Length::inches(5.999999).display_apart(Unit::In, &[max]),
            "5.999999 in"
        );
        // Equal to a limit, or clearly apart from it: the usual decimals.
        assert_eq!(max.display_apart(Unit::In, &[max]), "6.000 in");
        assert_eq!(
            Length::inches(7.0).display_apart(Unit::In, &[max]),
            "7.000 in"
        );
        assert_eq!(
            Length::mm(3.0001).display_apart(Unit::Mm, &[Length::mm(3.0)]),
            "3.0001 mm"
        );
        // Plain numbers: a percentage or a type size beside its bound.
        assert_eq!(number_apart(200.3, &[50.0, 200.0], 0), "200.3");
        assert_eq!(number_apart(5.996, &[6.0], 2), "5.996");
        assert_eq!(number_apart(5.5, &[6.0], 1), "5.5");
        // A difference below a billionth is not chased further.
        assert_eq!(decimals_apart(6.0 + 1e-12, &[6.0], 5), 9);
    }

    #[test]
    fn rejects_bad_lengths() {
        for input in [
            "", "in", "0.125", "1furlong", "NaNin", "1e999in", "1..2mm", "1e306in",
        ] {
            let err = input.parse::<Length>().unwrap_err().to_string();
            assert!(err.starts_with("invalid length"), "{input:?}: {err}");
        }
        assert_eq!(
            "0.125".parse::<Length>().unwrap_err().to_string(),
            "invalid length \"0.125\": expected a number with a unit, e.g. 0.125in, 3mm or 9pt"
        );
        assert!(Length::try_new(f64::NAN, Unit::In).is_err());
    }

    #[test]
    fn rounds_to_increments() {
        let sixteenth = Length::inches(1.0 / 16.0);
        // 0.3125 computed with noise still counts as 5/16.
        let noisy = Length::inches(0.1) + Length::inches(0.2125);
        assert_eq!(
            noisy.round_to(sixteenth, Rounding::Down),
            Length::inches(0.3125)
        );
        assert_eq!(
            noisy.round_to(sixteenth, Rounding::Up),
            Length::inches(0.3125)
        );
        assert_eq!(
            Length::inches(0.36).round_to(Length::ZERO, Rounding::Down),
            Length::inches(0.36)
        );
    }

    #[test]
    fn displays_in_units() {
        let l = Length::inches(0.27024);
        assert_eq!(l.to_string(), "0.270 in");
        assert_eq!(format!("{:.5}", l), "0.27024 in");
        assert_eq!(l.display(Unit::Mm).to_string(), "6.86 mm");
        assert_eq!(
            Length::inches(1.0).display(Unit::Pt).to_string(),
            "72.00 pt"
        );
        // Halves round up; below zero stays below zero.
        assert_eq!(Length::inches(1.3125).to_string(), "1.313 in");
        assert_eq!(Length::inches(-0.0002).to_string(), "-0.000 in");
        assert_eq!(format!("{l:?}"), "0.27024in");
    }

    #[test]
    fn serde_round_trip() {
        let l = Length::inches(0.27024);
        let json = serde_json::to_string(&l).unwrap();
        assert_eq!(json, "\"0.27024in\"");
        assert_eq!(serde_json::from_str::<Length>(&json).unwrap(), l);
    }

    proptest! {
        #[test]
        fn unit_round_trips(value in -1.0e4f64..1.0e4) {
            for unit in Unit::ALL {
                let back = Length::new(value, unit).to(unit);
                prop_assert!((back - value).abs() <= 1e-9 * value.abs().max(1.0));
            }
            let l = Length::inches(value);
            prop_assert!(Length::mm(l.to_mm()).approx_eq(l));
            prop_assert!(Length::pt(l.to_pt()).approx_eq(l));
        }

        #[test]
        fn text_round_trips(value in -1.0e4f64..1.0e4) {
            for unit in Unit::ALL {
                let text = format!("{value}{unit}");
                let parsed: Length = text.parse().unwrap();
                prop_assert!(parsed.approx_eq(Length::new(value, unit)));
            }
        }

        #[test]
        fn parse_never_panics(text in any::<String>()) {
            let _ = text.parse::<Length>();
        }

        #[test]
        fn rounding_brackets_the_value(value in 0.0f64..10.0, step in 1u32..64) {
            let inc = Length::inches(1.0 / f64::from(step));
            let l = Length::inches(value);
            let down = l.round_to(inc, Rounding::Down);
            let up = l.round_to(inc, Rounding::Up);
            prop_assert!(down.to_inches() <= value + 1e-6);
            prop_assert!(up.to_inches() >= value - 1e-6);
            prop_assert!((up - down).to_inches() <= inc.to_inches() + 1e-9);
        }
    }
}
