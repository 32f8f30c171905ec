//! Bookland barcodes: a validated ISBN encoded as an EAN-13 symbol, with an
//! optional EAN-5 price add-on.
//!
//! The public face is [`Isbn`] and [`Price`], parsed from text, and their
//! errors (of kind [`ErrorKind::Barcode`](crate::ErrorKind::Barcode)); templates and compose draw the symbol from them. Inside,
//! everything is pure data: horizontal positions and widths are integer
//! *modules* (the narrowest bar width, "X"), which the drawing code multiplies
//! by the nominal module width (0.33 mm) to draw one filled rectangle per bar.
//!
//! Symbol structure, code tables and dimensions follow the GS1 General
//! Specifications, EAN-13 and EAN-5 add-on.
//!
//! `isbn` parses and checks the text (the public types); `ean` encodes it as modules and
//! lays out the bars and digits that `draw` turns into marks.

mod ean;
mod isbn;

pub(crate) use ean::{BarKind, BooklandLayout, TextRow};
pub use isbn::{Isbn, Price};

/// Nominal module width ("X dimension") in millimetres at 100 % magnification.
///
/// Source: GS1 General Specifications, EAN-13 and EAN-5 add-on.
pub(crate) const MODULE_MM: f64 = 0.33;

/// Nominal height in millimetres of the EAN-13 bars at 100 % magnification,
/// not counting the guard-bar extension.
///
/// Source: GS1 General Specifications, EAN-13 and EAN-5 add-on.
pub(crate) const BAR_HEIGHT_MM: f64 = 22.85;

/// How far, in modules, the EAN-13 guard bars ([`BarKind::Guard`]) extend
/// below the bottom of the other bars (1.65 mm at 100 %).
///
/// Source: GS1 General Specifications, EAN-13 and EAN-5 add-on.
pub(crate) const GUARD_EXTENSION_MODULES: u32 = 5;

/// Height in millimetres of the human-readable digits (OCR-B) at 100 %
/// magnification.
///
/// Source: GS1 General Specifications, EAN-13 and EAN-5 add-on.
pub(crate) const DIGIT_HEIGHT_MM: f64 = 2.75;

/// Height in millimetres of the add-on bars at 100 % magnification: their
/// bottom edge is level with the bottom of the EAN-13 bars (not the guard
/// extension) and their top is lowered by [`DIGIT_HEIGHT_MM`] to leave room
/// for the add-on digits printed above them (GS1 General Specifications,
/// EAN-13 and EAN-5 add-on, place those digits above the add-on).
pub(crate) const ADDON_BAR_HEIGHT_MM: f64 = BAR_HEIGHT_MM - DIGIT_HEIGHT_MM;

/// Width of an EAN-13 symbol in modules, guards included.
///
/// Source: GS1 General Specifications, EAN-13 and EAN-5 add-on.
pub(crate) const EAN13_MODULES: u32 = 95;

/// Width of an EAN-5 add-on symbol in modules.
///
/// Source: GS1 General Specifications, EAN-13 and EAN-5 add-on.
pub(crate) const EAN5_MODULES: u32 = 47;

/// Light gap in modules between the EAN-13 and the add-on. The standard
/// allows 7 to 12 modules; this module always uses 9.
///
/// Source: GS1 General Specifications, EAN-13 and EAN-5 add-on.
pub(crate) const ADDON_GAP_MODULES: u32 = 9;

/// Minimum light margin in modules left of the EAN-13; the leading digit is
/// printed inside it.
///
/// Source: GS1 General Specifications, EAN-13 and EAN-5 add-on.
pub(crate) const LEFT_QUIET_ZONE_MODULES: u32 = 11;

/// Light margin in modules right of the last symbol: 7 modules, the EAN-13
/// minimum, also used after the add-on (whose own minimum is 5).
///
/// Source: GS1 General Specifications, EAN-13 and EAN-5 add-on.
pub(crate) const RIGHT_QUIET_ZONE_MODULES: u32 = 7;

/// Width in modules of one encoded digit, and of the text cell under (or
/// above) it.
pub(crate) const DIGIT_MODULES: u32 = 7;

/// An EAN check digit computed another way than the code's (odd positions weigh 1, even ones
/// 3), for the tests.
#[cfg(test)]
fn independent_ean_check(d: &[u8]) -> u8 {
    let odd: u32 = d.iter().step_by(2).map(|&x| u32::from(x)).sum();
    let even: u32 = d.iter().skip(1).step_by(2).map(|&x| u32::from(x)).sum();
    ((10 - (odd + 3 * even) % 10) % 10) as u8
}
