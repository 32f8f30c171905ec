//! Bookland barcodes: a validated ISBN encoded as an EAN-13 symbol, with an
//! optional EAN-5 price add-on.
//!
//! The public face is [`Isbn`] and [`Price`], parsed from text, and their
//! [`BarcodeError`]; templates and compose draw the symbol from them. Inside,
//! everything is pure data: horizontal positions and widths are integer
//! *modules* (the narrowest bar width, "X"), which the drawing code multiplies
//! by the nominal module width (0.33 mm) to draw one filled rectangle per bar.
//!
//! Symbol structure, code tables and dimensions follow the GS1 General
//! Specifications, EAN-13 and EAN-5 add-on.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

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

/// Errors from parsing an ISBN or a price add-on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BarcodeError {
    /// The text is not shaped like an ISBN-13 or ISBN-10.
    #[error(
        "{input:?} is not an ISBN: expected 13 digits (978 or 979 prefix) or 10 digits, \
         hyphens and spaces allowed"
    )]
    NotAnIsbn {
        /// The text as given.
        input: String,
    },
    /// Thirteen digits, but not in the Bookland (978/979) range.
    #[error("{input:?} is not a book ISBN: an ISBN-13 must start with 978 or 979, found {prefix}")]
    NotBookland {
        /// The text as given.
        input: String,
        /// The first three digits found.
        prefix: String,
    },
    /// The last character does not match the computed check digit.
    #[error("invalid ISBN check digit in {input:?}: expected {expected}, found {found}")]
    CheckDigit {
        /// The text as given.
        input: String,
        /// The correct check character (`0`–`9`, or `X` for an ISBN-10).
        expected: char,
        /// The check character found.
        found: char,
    },
    /// The price add-on is not exactly five digits.
    #[error(
        "price add-on {input:?} must be exactly 5 digits, e.g. 51699 for USD 16.99 \
         or 90000 for no price"
    )]
    InvalidPrice {
        /// The text as given.
        input: String,
    },
    /// The vendor's barcode box cannot hold the barcode at the smallest size allowed.
    #[error(
        "the barcode box {width} x {height} is too small for an EAN-13 with its add-on \
         at 80%, the smallest size allowed"
    )]
    DoesNotFit {
        /// Width of the box.
        width: String,
        /// Height of the box.
        height: String,
    },
}

/// A validated ISBN-13 in the Bookland range (prefix 978 or 979).
///
/// Parsed with [`FromStr`] from an ISBN-13 or an ISBN-10, with hyphens or
/// spaces anywhere (surrounding whitespace is ignored); the check digit is
/// verified. An ISBN-10 (check character `0`–`9`, `X` or `x`) is converted by
/// prefixing 978 and recomputing the check digit.
///
/// The separators the user typed are kept for [`Isbn::display_text`] when
/// they form the five ISBN-13 groups (prefix, group, registrant, publication,
/// check digit) with one kind of separator, or the four ISBN-10 groups (which
/// become `978-` plus the same groups). Equality and hashing use the digits
/// only.
#[derive(Debug, Clone)]
pub struct Isbn {
    digits: [u8; 13],
    plain: String,
    grouped: Option<String>,
}

impl Isbn {
    /// The 13 digits, each `0..=9`.
    pub fn digits(&self) -> [u8; 13] {
        self.digits
    }

    /// The 13 digits as text, without separators, e.g. `9780306406157`.
    pub fn as_str(&self) -> &str {
        &self.plain
    }

    /// The line printed above the barcode: `ISBN ` followed by the user's
    /// grouping when one was kept (e.g. `ISBN 978-0-306-40615-7`), otherwise
    /// by the 13 plain digits (e.g. `ISBN 9780306406157`). No range tables are
    /// used, so ungrouped input is never hyphenated here.
    pub fn display_text(&self) -> String {
        format!("ISBN {}", self.grouped.as_deref().unwrap_or(&self.plain))
    }

    /// Encodes the ISBN as a 95-module EAN-13 symbol.
    pub(crate) fn ean13(&self) -> Symbol {
        let [first, l1, l2, l3, l4, l5, l6, r1, r2, r3, r4, r5, r6] = self.digits;
        let mut b = Builder::new(SymbolKind::Ean13);
        b.push(EDGE_GUARD, 3, true);
        for (digit, parity) in [l1, l2, l3, l4, l5, l6]
            .into_iter()
            .zip(EAN13_PARITY[table_index(first)])
        {
            b.push(parity.code(digit), DIGIT_MODULES, false);
        }
        b.push(CENTRE_GUARD, 5, true);
        for digit in [r1, r2, r3, r4, r5, r6] {
            b.push(R_CODES[table_index(digit)], DIGIT_MODULES, false);
        }
        b.push(EDGE_GUARD, 3, true);
        b.finish()
    }
}

impl PartialEq for Isbn {
    fn eq(&self, other: &Self) -> bool {
        self.digits == other.digits
    }
}

impl Eq for Isbn {}

impl Hash for Isbn {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.digits.hash(state);
    }
}

impl fmt::Display for Isbn {
    /// Prints the 13 digits without separators.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.plain)
    }
}

impl FromStr for Isbn {
    type Err = BarcodeError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let not_an_isbn = || BarcodeError::NotAnIsbn {
            input: input.to_owned(),
        };
        let text = input.trim();
        // Digit values; an ISBN-10 check `X` is stored as 10.
        let mut values: Vec<u8> = Vec::with_capacity(13);
        for byte in text.bytes() {
            match byte {
                b'0'..=b'9' if values.len() < 13 && values.last() != Some(&10) => {
                    values.push(byte - b'0');
                }
                b'X' | b'x' if values.len() == 9 => values.push(10),
                b'-' | b' ' => {}
                _ => return Err(not_an_isbn()),
            }
        }

        if let Ok(digits) = <[u8; 13]>::try_from(values.as_slice()) {
            let [p0, p1, p2, body @ .., found] = digits;
            if [p0, p1, p2] != [9, 7, 8] && [p0, p1, p2] != [9, 7, 9] {
                return Err(BarcodeError::NotBookland {
                    input: input.to_owned(),
                    prefix: [p0, p1, p2].iter().map(|&d| digit_char(d)).collect(),
                });
            }
            let expected = ean_check_digit(&concat3(p0, p1, p2, body));
            if expected != found {
                return Err(BarcodeError::CheckDigit {
                    input: input.to_owned(),
                    expected: digit_char(expected),
                    found: digit_char(found),
                });
            }
            let grouped = groups(text, 5)
                .filter(|g| {
                    g.first().is_some_and(|p| *p == "978" || *p == "979")
                        && g.last().is_some_and(|c| c.len() == 1)
                })
                .map(|g| g.join(separator(text)));
            return Ok(Self::from_digits(digits, grouped));
        }

        if let Ok(isbn10) = <[u8; 10]>::try_from(values.as_slice()) {
            let [body @ .., found] = isbn10;
            let expected = isbn10_check_value(&body);
            if expected != found {
                return Err(BarcodeError::CheckDigit {
                    input: input.to_owned(),
                    expected: isbn10_check_char(expected),
                    found: isbn10_check_char(found),
                });
            }
            let first12 = concat3(9, 7, 8, body);
            let check = ean_check_digit(&first12);
            let mut digits = [0u8; 13];
            for (slot, d) in digits.iter_mut().zip(first12.iter().chain([&check])) {
                *slot = *d;
            }
            let grouped = groups(text, 4)
                .filter(|g| g.last().is_some_and(|c| c.len() == 1))
                .and_then(|g| {
                    let sep = separator(text);
                    let (_, head) = g.split_last()?;
                    Some(format!(
                        "978{sep}{}{sep}{}",
                        head.join(sep),
                        digit_char(check)
                    ))
                });
            return Ok(Self::from_digits(digits, grouped));
        }

        Err(not_an_isbn())
    }
}

impl Isbn {
    fn from_digits(digits: [u8; 13], grouped: Option<String>) -> Self {
        Self {
            digits,
            plain: digits.iter().map(|&d| digit_char(d)).collect(),
            grouped,
        }
    }
}

/// A validated EAN-5 price add-on: exactly five digits.
///
/// By the book-trade convention the first digit names the currency (`5` for
/// US dollars, so `51699` is USD 16.99) and `90000` means "no suggested
/// price". [`Price::default`] is `90000`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Price {
    digits: [u8; 5],
}

impl Price {
    /// The five digits, each `0..=9`.
    pub fn digits(&self) -> [u8; 5] {
        self.digits
    }

    /// Encodes the add-on as a 47-module EAN-5 symbol: start pattern `1011`,
    /// then the five digits in L or G code separated by `01`, the parity
    /// pattern chosen by the add-on checksum.
    pub(crate) fn ean5(&self) -> Symbol {
        let mut b = Builder::new(SymbolKind::Ean5);
        b.push(ADDON_START, 4, false);
        let parity = EAN5_PARITY[table_index(ean5_checksum(&self.digits))];
        for (i, (digit, parity)) in self.digits.into_iter().zip(parity).enumerate() {
            if i > 0 {
                b.push(ADDON_SEPARATOR, 2, false);
            }
            b.push(parity.code(digit), DIGIT_MODULES, false);
        }
        b.finish()
    }
}

impl Default for Price {
    /// `90000`: no suggested retail price.
    fn default() -> Self {
        Self {
            digits: [9, 0, 0, 0, 0],
        }
    }
}

impl fmt::Display for Price {
    /// Prints the five digits.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.digits
            .iter()
            .try_for_each(|&d| fmt::Write::write_char(f, digit_char(d)))
    }
}

impl FromStr for Price {
    type Err = BarcodeError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let invalid = || BarcodeError::InvalidPrice {
            input: input.to_owned(),
        };
        let bytes = <[u8; 5]>::try_from(input.trim().as_bytes()).map_err(|_| invalid())?;
        let mut digits = [0u8; 5];
        for (slot, byte) in digits.iter_mut().zip(bytes) {
            if !byte.is_ascii_digit() {
                return Err(invalid());
            }
            *slot = byte - b'0';
        }
        Ok(Self { digits })
    }
}

/// Which symbology a [`Symbol`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum SymbolKind {
    /// The 95-module EAN-13 main symbol.
    Ean13,
    /// The 47-module EAN-5 add-on.
    Ean5,
}

/// How tall a [`Bar`] is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum BarKind {
    /// An EAN-13 data bar: [`BAR_HEIGHT_MM`] tall.
    Normal,
    /// An EAN-13 guard bar (left, centre or right guard): like
    /// [`BarKind::Normal`] but extended [`GUARD_EXTENSION_MODULES`] further
    /// down.
    Guard,
    /// An add-on bar: [`ADDON_BAR_HEIGHT_MM`] tall, bottom level with the
    /// normal bars.
    AddOn,
}

/// One dark rectangle: a run of consecutive dark modules of the same kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Bar {
    /// Left edge, in modules from the origin of the symbol or layout.
    pub start: u32,
    /// Width in modules (1 to 4).
    pub width: u32,
    /// Height class of the bar.
    pub kind: BarKind,
}

/// An encoded symbol: one entry per module, left to right.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Symbol {
    kind: SymbolKind,
    modules: Vec<bool>,
    guard: Vec<bool>,
}

impl Symbol {
    #[cfg(test)] // Inspection for the tests; renderers use `bars`.
    /// Which symbology this is.
    pub fn kind(&self) -> SymbolKind {
        self.kind
    }

    #[cfg(test)] // Inspection for the tests; renderers use `bars`.
    /// The modules, `true` = dark: 95 for EAN-13, 47 for EAN-5.
    pub fn modules(&self) -> &[bool] {
        &self.modules
    }

    #[cfg(test)] // Inspection for the tests; renderers use `bars`.
    /// For each module, whether it belongs to an EAN-13 guard pattern
    /// (always `false` for EAN-5).
    pub fn guards(&self) -> &[bool] {
        &self.guard
    }

    #[cfg(test)] // Inspection for the tests; renderers use `bars`.
    /// Width in modules.
    pub fn width(&self) -> u32 {
        u32::try_from(self.modules.len()).unwrap_or(u32::MAX)
    }

    #[cfg(test)] // Inspection for the tests; renderers use `bars`.
    /// The modules as a string of `1` (dark) and `0` (light).
    pub fn pattern(&self) -> String {
        self.modules
            .iter()
            .map(|&dark| if dark { '1' } else { '0' })
            .collect()
    }

    /// The dark modules merged into rectangles, left to right, with `start`
    /// relative to the symbol's first module.
    pub fn bars(&self) -> Vec<Bar> {
        let mut bars: Vec<Bar> = Vec::new();
        let modules = self.modules.iter().zip(&self.guard);
        for (x, (&dark, &guard)) in (0u32..).zip(modules) {
            if dark {
                let kind = match (self.kind, guard) {
                    (SymbolKind::Ean5, _) => BarKind::AddOn,
                    (SymbolKind::Ean13, true) => BarKind::Guard,
                    (SymbolKind::Ean13, false) => BarKind::Normal,
                };
                match bars.last_mut() {
                    Some(bar) if bar.kind == kind && bar.start + bar.width == x => bar.width += 1,
                    _ => bars.push(Bar {
                        start: x,
                        width: 1,
                        kind,
                    }),
                }
            }
        }
        bars
    }
}

/// Where a human-readable digit is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum TextRow {
    /// Below the EAN-13 bars: the top of the digit is at the bottom of the
    /// normal bars, beside the guard-bar extensions.
    BelowBars,
    /// Above the add-on bars: the digits fill the [`DIGIT_HEIGHT_MM`] band
    /// between the top of the add-on bars and the top of the EAN-13 bars.
    AboveAddOn,
}

/// One human-readable digit, centred horizontally in its cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct TextItem {
    /// The digit to print.
    pub digit: char,
    /// Left edge of the cell, in modules from the layout's left edge.
    pub start: u32,
    /// Width of the cell in modules ([`DIGIT_MODULES`]).
    pub width: u32,
    /// Which row the digit belongs to.
    pub row: TextRow,
}

/// A complete Bookland barcode: EAN-13, optional EAN-5 add-on, quiet zones
/// and human-readable digits.
///
/// All horizontal positions are in modules from the left edge of the left
/// quiet zone, so the light box to keep clear is `width` modules wide. The
/// EAN-13 starts at [`LEFT_QUIET_ZONE_MODULES`]; the add-on, if any, starts
/// [`ADDON_GAP_MODULES`] after it; [`RIGHT_QUIET_ZONE_MODULES`] follow the last
/// symbol. Text: the leading digit in a cell ending one module left of the
/// left guard, six digits under the left half and six under the right half
/// (one per 7-module digit), and the add-on digits above their add-on digits.
/// The `ISBN …` line ([`Isbn::display_text`]) is not included; it is usually
/// set above the EAN-13.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct BooklandLayout {
    /// Total width in modules, quiet zones included: 113 without an add-on,
    /// 169 with one.
    pub width: u32,
    /// First module of the EAN-13.
    pub ean13_start: u32,
    /// First module of the add-on, if there is one.
    pub addon_start: Option<u32>,
    /// Every bar of both symbols, left to right, in layout positions.
    pub bars: Vec<Bar>,
    /// Every human-readable digit: 13 below, then 5 above the add-on if any.
    pub text: Vec<TextItem>,
}

impl BooklandLayout {
    /// Lays out the EAN-13 of `isbn` and, if given, the add-on for `price`.
    pub fn new(isbn: &Isbn, price: Option<Price>) -> Self {
        let ean13_start = LEFT_QUIET_ZONE_MODULES;
        let ean13_end = ean13_start + EAN13_MODULES;
        let addon_start = price.map(|_| ean13_end + ADDON_GAP_MODULES);
        let width = addon_start.map_or(ean13_end, |s| s + EAN5_MODULES) + RIGHT_QUIET_ZONE_MODULES;

        let offset = |start: u32| {
            move |bar: Bar| Bar {
                start: bar.start + start,
                ..bar
            }
        };
        let mut bars: Vec<Bar> = isbn
            .ean13()
            .bars()
            .into_iter()
            .map(offset(ean13_start))
            .collect();

        let mut text = Vec::with_capacity(18);
        let cell = |digit: u8, start: u32, row: TextRow| TextItem {
            digit: digit_char(digit),
            start,
            width: DIGIT_MODULES,
            row,
        };
        let [first, rest @ ..] = isbn.digits;
        text.push(cell(
            first,
            ean13_start - DIGIT_MODULES - 1,
            TextRow::BelowBars,
        ));
        let mut x = ean13_start + 3;
        for (i, digit) in rest.into_iter().enumerate() {
            if i == 6 {
                x += 5;
            }
            text.push(cell(digit, x, TextRow::BelowBars));
            x += DIGIT_MODULES;
        }

        if let (Some(price), Some(start)) = (price, addon_start) {
            bars.extend(price.ean5().bars().into_iter().map(offset(start)));
            let mut x = start + 4;
            for digit in price.digits {
                text.push(cell(digit, x, TextRow::AboveAddOn));
                x += DIGIT_MODULES + 2;
            }
        }

        Self {
            width,
            ean13_start,
            addon_start,
            bars,
            text,
        }
    }
}

/// Character set used for one digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Parity {
    /// Set A, odd parity.
    L,
    /// Set B, even parity.
    G,
}

impl Parity {
    fn code(self, digit: u8) -> u8 {
        match self {
            Parity::L => L_CODES[table_index(digit)],
            Parity::G => G_CODES[table_index(digit)],
        }
    }
}

use Parity::{G, L};

/// Set A (L) codes, 7 modules each, most significant bit leftmost.
const L_CODES: [u8; 10] = [
    0b000_1101, // 0
    0b001_1001, // 1
    0b001_0011, // 2
    0b011_1101, // 3
    0b010_0011, // 4
    0b011_0001, // 5
    0b010_1111, // 6
    0b011_1011, // 7
    0b011_0111, // 8
    0b000_1011, // 9
];

/// Set B (G) codes.
const G_CODES: [u8; 10] = [
    0b010_0111, // 0
    0b011_0011, // 1
    0b001_1011, // 2
    0b010_0001, // 3
    0b001_1101, // 4
    0b011_1001, // 5
    0b000_0101, // 6
    0b001_0001, // 7
    0b000_1001, // 8
    0b001_0111, // 9
];

/// Set C (R) codes, used for the right half of the EAN-13.
const R_CODES: [u8; 10] = [
    0b111_0010, // 0
    0b110_0110, // 1
    0b110_1100, // 2
    0b100_0010, // 3
    0b101_1100, // 4
    0b100_1110, // 5
    0b101_0000, // 6
    0b100_0100, // 7
    0b100_1000, // 8
    0b111_0100, // 9
];

/// Parity of the six left-half digits, chosen by the leading digit.
const EAN13_PARITY: [[Parity; 6]; 10] = [
    [L, L, L, L, L, L], // 0
    [L, L, G, L, G, G], // 1
    [L, L, G, G, L, G], // 2
    [L, L, G, G, G, L], // 3
    [L, G, L, L, G, G], // 4
    [L, G, G, L, L, G], // 5
    [L, G, G, G, L, L], // 6
    [L, G, L, G, L, G], // 7
    [L, G, L, G, G, L], // 8
    [L, G, G, L, G, L], // 9
];

/// Parity of the five add-on digits, chosen by the add-on checksum.
const EAN5_PARITY: [[Parity; 5]; 10] = [
    [G, G, L, L, L], // 0
    [G, L, G, L, L], // 1
    [G, L, L, G, L], // 2
    [G, L, L, L, G], // 3
    [L, G, G, L, L], // 4
    [L, L, G, G, L], // 5
    [L, L, L, G, G], // 6
    [L, G, L, G, L], // 7
    [L, G, L, L, G], // 8
    [L, L, G, L, G], // 9
];

/// Left and right guard `101`.
const EDGE_GUARD: u8 = 0b101;
/// Centre guard `01010`.
const CENTRE_GUARD: u8 = 0b0_1010;
/// Add-on start pattern `1011`.
const ADDON_START: u8 = 0b1011;
/// Add-on digit separator `01`.
const ADDON_SEPARATOR: u8 = 0b01;

struct Builder {
    kind: SymbolKind,
    modules: Vec<bool>,
    guard: Vec<bool>,
}

impl Builder {
    fn new(kind: SymbolKind) -> Self {
        let capacity = match kind {
            SymbolKind::Ean13 => 95,
            SymbolKind::Ean5 => 47,
        };
        Self {
            kind,
            modules: Vec::with_capacity(capacity),
            guard: Vec::with_capacity(capacity),
        }
    }

    /// Appends the low `len` bits of `code`, most significant first.
    fn push(&mut self, code: u8, len: u32, guard: bool) {
        for shift in (0..len).rev() {
            self.modules.push((code >> shift) & 1 == 1);
            self.guard.push(guard);
        }
    }

    fn finish(self) -> Symbol {
        Symbol {
            kind: self.kind,
            modules: self.modules,
            guard: self.guard,
        }
    }
}

/// Index into a 10-entry table. Stored digits are always `0..=9`; the
/// remainder keeps every lookup in bounds regardless.
fn table_index(digit: u8) -> usize {
    usize::from(digit % 10)
}

fn digit_char(digit: u8) -> char {
    char::from(b'0' + digit % 10)
}

fn isbn10_check_char(value: u8) -> char {
    if value == 10 {
        'X'
    } else {
        digit_char(value)
    }
}

fn concat3(a: u8, b: u8, c: u8, rest: [u8; 9]) -> [u8; 12] {
    let mut out = [a, b, c, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    for (slot, d) in out.iter_mut().skip(3).zip(rest) {
        *slot = d;
    }
    out
}

/// EAN/ISBN-13 check digit: weights 1, 3, 1, 3, … from the left, mod 10.
fn ean_check_digit(first12: &[u8; 12]) -> u8 {
    let sum: u32 = first12
        .iter()
        .zip([1u32, 3].into_iter().cycle())
        .map(|(&d, w)| u32::from(d) * w)
        .sum();
    // The remainder is below 10, so the cast is lossless.
    ((10 - sum % 10) % 10) as u8
}

/// ISBN-10 check value (10 means `X`): weights 10 down to 2, mod 11.
fn isbn10_check_value(first9: &[u8; 9]) -> u8 {
    let sum: u32 = first9
        .iter()
        .zip((2u32..=10).rev())
        .map(|(&d, w)| u32::from(d) * w)
        .sum();
    // The remainder is below 11, so the cast is lossless.
    ((11 - sum % 11) % 11) as u8
}

/// EAN-5 checksum: 3 × (d1 + d3 + d5) + 9 × (d2 + d4), mod 10.
fn ean5_checksum(digits: &[u8; 5]) -> u8 {
    let [d1, d2, d3, d4, d5] = digits.map(u32::from);
    // The remainder is below 10, so the cast is lossless.
    ((3 * (d1 + d3 + d5) + 9 * (d2 + d4)) % 10) as u8
}

/// The separator used for grouping: a hyphen unless the text has spaces and
/// no hyphens.
fn separator(text: &str) -> &'static str {
    if text.contains(' ') && !text.contains('-') {
        " "
    } else {
        "-"
    }
}

/// Splits `text` into exactly `count` non-empty groups separated by single
/// hyphens, or by single spaces, but not both.
fn groups(text: &str, count: usize) -> Option<Vec<&str>> {
    let sep = separator(text);
    let parts: Vec<&str> = text.split(sep).collect();
    let well_formed = parts.len() == count
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_digit() || b == b'X' || b == b'x')
        });
    well_formed.then_some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn isbn(s: &str) -> Isbn {
        s.parse().expect("valid ISBN in test")
    }

    fn price(s: &str) -> Price {
        s.parse().expect("valid price in test")
    }

    fn err(s: &str) -> String {
        s.parse::<Isbn>()
            .expect_err("invalid ISBN in test")
            .to_string()
    }

    // --- ISBN parsing -----------------------------------------------------

    #[test]
    fn textbook_isbn13() {
        // 9 7 8 0 3 0 6 4 0 6 1 5 weighted 1,3,1,3…:
        // 9+21+8+0+3+0+6+12+0+18+1+15 = 93; (10 - 3) % 10 = 7.
        let i = isbn("978-0-306-40615-7");
        assert_eq!(i.digits(), [9, 7, 8, 0, 3, 0, 6, 4, 0, 6, 1, 5, 7]);
        assert_eq!(i.to_string(), "9780306406157");
        assert_eq!(i.as_str(), "9780306406157");
        assert_eq!(i.display_text(), "ISBN 978-0-306-40615-7");
    }

    #[test]
    fn isbn10_converts() {
        // 0 3 0 6 4 0 6 1 5 weighted 10..2: 0+27+0+42+24+0+24+3+10 = 130;
        // 130 % 11 = 9; 11 - 9 = 2.
        let i = isbn("0-306-40615-2");
        assert_eq!(i, isbn("9780306406157"));
        assert_eq!(i.display_text(), "ISBN 978-0-306-40615-7");
        assert_eq!(isbn("0306406152").display_text(), "ISBN 9780306406157");
    }

    #[test]
    fn kernighan_ritchie() {
        // The C Programming Language, 2nd ed.: ISBN-10 0-13-110362-8.
        // 0+9+24+7+6+0+12+18+4 = 80; 80 % 11 = 3; 11 - 3 = 8.
        // ISBN-13: 9+21+8+0+1+9+1+3+0+9+6+6 = 73; (10 - 3) % 10 = 7.
        assert_eq!(isbn("0-13-110362-8").as_str(), "9780131103627");
        assert_eq!(isbn("978-0-13-110362-7").as_str(), "9780131103627");
    }

    #[test]
    fn isbn10_with_x() {
        // 0 8 0 4 4 2 9 5 7 weighted 10..2: 0+72+0+28+24+10+36+15+14 = 199;
        // 199 % 11 = 1; 11 - 1 = 10 = X.
        // ISBN-13: 9+21+8+0+8+0+4+12+2+27+5+21 = 117; (10 - 7) % 10 = 3.
        assert_eq!(isbn("0-8044-2957-X").as_str(), "9780804429573");
        assert_eq!(isbn("080442957x").as_str(), "9780804429573");
        assert_eq!(
            err("0-8044-2957-5"),
            "invalid ISBN check digit in \"0-8044-2957-5\": expected X, found 5"
        );
    }

    #[test]
    fn isbn_978_1_7390000() {
        // 9 7 8 1 7 3 9 0 0 0 0 0 weighted 1,3,1,3…:
        // 9+21+8+3+7+9+9+0+0+0+0+0 = 66; (10 - 6) % 10 = 4.
        assert_eq!(isbn("978-1-7390000-0-4").as_str(), "9781739000004");
        assert_eq!(
            err("978-1-7390000-0-5"),
            "invalid ISBN check digit in \"978-1-7390000-0-5\": expected 4, found 5"
        );
    }

    #[test]
    fn prefix_979() {
        // 9+21+9+3+0+27+0+18+3+18+0+21 = 129; (10 - 9) % 10 = 1.
        let i = isbn("979-10-90636-07-1");
        assert_eq!(i.as_str(), "9791090636071");
        assert_eq!(i.display_text(), "ISBN 979-10-90636-07-1");
    }

    #[test]
    fn separators_and_display() {
        assert_eq!(
            isbn("978 0 306 40615 7").display_text(),
            "ISBN 978 0 306 40615 7"
        );
        assert_eq!(
            isbn("  9780306406157\n").display_text(),
            "ISBN 9780306406157"
        );
        // Grouping that is not five groups is accepted but not kept.
        assert_eq!(isbn("978-0306406157").display_text(), "ISBN 9780306406157");
        assert_eq!(
            isbn("978--0-306-40615-7").display_text(),
            "ISBN 9780306406157"
        );
        assert_eq!(
            isbn("978-0 306-40615-7").display_text(),
            "ISBN 9780306406157"
        );
    }

    #[test]
    fn error_messages() {
        assert_eq!(
            err("12345"),
            "\"12345\" is not an ISBN: expected 13 digits (978 or 979 prefix) or 10 digits, \
             hyphens and spaces allowed"
        );
        assert_eq!(
            err("9771234567003"),
            "\"9771234567003\" is not a book ISBN: an ISBN-13 must start with 978 or 979, found 977"
        );
        assert_eq!(
            err("978-0-306-40615-8"),
            "invalid ISBN check digit in \"978-0-306-40615-8\": expected 7, found 8"
        );
    }

    #[test]
    fn garbage_is_rejected() {
        for s in [
            "",
            " ",
            "-",
            "ISBN 9780306406157",
            "978030640615",
            "97803064061577",
            "978030640615X",
            "X306406152",
            "03064061X2",
            "0306406152X",
            "030640615XX",
            "9780306406157\u{0}",
            "９７８０３０６４０６１５７",
            "978_0_306_40615_7",
            "978.0.306.40615.7",
            "0-306-40615-2-0-000",
        ] {
            assert!(s.parse::<Isbn>().is_err(), "{s:?} should be rejected");
        }
    }

    #[test]
    fn equality_ignores_grouping() {
        assert_eq!(isbn("978-0-306-40615-7"), isbn("9780306406157"));
    }

    // --- Price parsing ----------------------------------------------------

    #[test]
    fn prices() {
        assert_eq!(price("51699").digits(), [5, 1, 6, 9, 9]);
        assert_eq!(price(" 00000 ").digits(), [0, 0, 0, 0, 0]);
        assert_eq!(Price::default(), price("90000"));
        assert_eq!(Price::default().to_string(), "90000");
        assert_eq!(
            "5169".parse::<Price>().unwrap_err().to_string(),
            "price add-on \"5169\" must be exactly 5 digits, e.g. 51699 for USD 16.99 \
             or 90000 for no price"
        );
        for s in ["", "516990", "5169a", "$16.99", "5 169", "５1699", "-1699"] {
            assert!(s.parse::<Price>().is_err(), "{s:?} should be rejected");
        }
    }

    // --- Tables -----------------------------------------------------------

    #[test]
    fn code_tables_are_consistent() {
        for d in 0..10 {
            let l = L_CODES[d];
            let g = G_CODES[d];
            let r = R_CODES[d];
            // R is the complement of L; G is R read right to left.
            assert_eq!(r, !l & 0x7f, "R{d}");
            assert_eq!(g, r.reverse_bits() >> 1, "G{d}");
            // L has odd parity, G even; L and G start light and end dark.
            assert_eq!(l.count_ones() % 2, 1, "L{d}");
            assert_eq!(g.count_ones() % 2, 0, "G{d}");
            assert_eq!((l >> 6, l & 1, g >> 6, g & 1), (0, 1, 0, 1), "edges {d}");
        }
    }

    #[test]
    fn ean5_parity_matches_ean13_tail_swapped_except_zero() {
        // For checksums 1–9 the add-on pattern is the last five EAN-13
        // left-half parities with L and G exchanged; 0 is the exception.
        for d in 1..10 {
            let tail: Vec<Parity> = EAN13_PARITY[d][1..]
                .iter()
                .map(|p| if *p == L { G } else { L })
                .collect();
            assert_eq!(tail, EAN5_PARITY[d], "checksum {d}");
        }
        assert_eq!(EAN5_PARITY[0], [G, G, L, L, L]);
    }

    // --- EAN-13 -----------------------------------------------------------

    #[test]
    fn ean13_pattern_9780306406157() {
        // Leading 9 -> left parity L G G L G L.
        let expected = concat!(
            "101",     // left guard
            "0111011", // 7 L
            "0001001", // 8 G
            "0100111", // 0 G
            "0111101", // 3 L
            "0100111", // 0 G
            "0101111", // 6 L
            "01010",   // centre guard
            "1011100", // 4 R
            "1110010", // 0 R
            "1010000", // 6 R
            "1100110", // 1 R
            "1001110", // 5 R
            "1000100", // 7 R
            "101",     // right guard
        );
        let symbol = isbn("978-0-306-40615-7").ean13();
        assert_eq!(symbol.pattern(), expected);
        assert_eq!(symbol.kind(), SymbolKind::Ean13);
        let guards: Vec<usize> = (0..95).filter(|&i| symbol.guards()[i]).collect();
        let expected_guards: Vec<usize> = (0..3).chain(45..50).chain(92..95).collect();
        assert_eq!(guards, expected_guards);
    }

    #[test]
    fn ean13_bars_9780306406157() {
        let bars = isbn("9780306406157").ean13().bars();
        let head: Vec<(u32, u32, BarKind)> = bars
            .iter()
            .take(4)
            .map(|b| (b.start, b.width, b.kind))
            .collect();
        // 101 | 0111011: guard bars at 0 and 2, then 3-wide at 4, 2-wide at 8.
        assert_eq!(
            head,
            [
                (0, 1, BarKind::Guard),
                (2, 1, BarKind::Guard),
                (4, 3, BarKind::Normal),
                (8, 2, BarKind::Normal),
            ]
        );
        // Two bars per digit plus 2 + 2 + 2 guard bars.
        assert_eq!(bars.len(), 12 * 2 + 6);
        assert_eq!(bars.iter().filter(|b| b.kind == BarKind::Guard).count(), 6);
    }

    // --- EAN-5 ------------------------------------------------------------

    /// Parity of each add-on digit read back from the modules: L codes have
    /// an odd number of dark modules, G codes an even number.
    fn parities(symbol: &Symbol) -> String {
        (0..5)
            .map(|i| {
                let start = 4 + 9 * i;
                let dark = symbol.modules()[start..start + 7]
                    .iter()
                    .filter(|&&m| m)
                    .count();
                if dark % 2 == 1 {
                    'L'
                } else {
                    'G'
                }
            })
            .collect()
    }

    #[test]
    fn ean5_00000() {
        // Checksum 0 -> G G L L L.
        let expected = concat!(
            "1011", "0100111", // 0 G
            "01", "0100111", // 0 G
            "01", "0001101", // 0 L
            "01", "0001101", // 0 L
            "01", "0001101", // 0 L
        );
        let symbol = price("00000").ean5();
        assert_eq!(symbol.pattern(), expected);
        assert_eq!(parities(&symbol), "GGLLL");
    }

    #[test]
    fn ean5_51699() {
        // 3 × (5 + 6 + 9) + 9 × (1 + 9) = 60 + 90 = 150 -> checksum 0 -> GGLLL.
        let expected = concat!(
            "1011", "0111001", // 5 G
            "01", "0110011", // 1 G
            "01", "0101111", // 6 L
            "01", "0001011", // 9 L
            "01", "0001011", // 9 L
        );
        assert_eq!(price("51699").ean5().pattern(), expected);
    }

    #[test]
    fn ean5_90000() {
        // 3 × 9 = 27 -> checksum 7 -> L G L G L.
        let expected = concat!(
            "1011", "0001011", // 9 L
            "01", "0100111", // 0 G
            "01", "0001101", // 0 L
            "01", "0100111", // 0 G
            "01", "0001101", // 0 L
        );
        let symbol = Price::default().ean5();
        assert_eq!(symbol.pattern(), expected);
        assert_eq!(symbol.kind(), SymbolKind::Ean5);
        assert!(symbol.bars().iter().all(|b| b.kind == BarKind::AddOn));
    }

    #[test]
    fn ean5_every_checksum() {
        // "0000d" has checksum 3d mod 10.
        let cases = [
            ("00001", "GLLLG"), // 3
            ("00002", "LLLGG"), // 6
            ("00003", "LLGLG"), // 9
            ("00004", "GLLGL"), // 12 -> 2
            ("00005", "LLGGL"), // 15 -> 5
            ("00006", "LGLLG"), // 18 -> 8
            ("00007", "GLGLL"), // 21 -> 1
            ("00008", "LGGLL"), // 24 -> 4
            ("00009", "LGLGL"), // 27 -> 7
            ("52495", "GLGLL"), // 3 × 14 + 9 × 11 = 141 -> 1
        ];
        for (p, expected) in cases {
            assert_eq!(parities(&price(p).ean5()), expected, "{p}");
        }
    }

    // --- Layout -----------------------------------------------------------

    #[test]
    fn layout_with_addon() {
        let layout = BooklandLayout::new(&isbn("978-0-306-40615-7"), Some(price("51699")));
        assert_eq!(layout.ean13_start, 11);
        assert_eq!(layout.addon_start, Some(11 + 95 + 9));
        assert_eq!(layout.width, 11 + 95 + 9 + 47 + 7);
        let cells: Vec<(char, u32, TextRow)> = layout
            .text
            .iter()
            .map(|t| (t.digit, t.start, t.row))
            .collect();
        let below = TextRow::BelowBars;
        let above = TextRow::AboveAddOn;
        assert_eq!(
            cells,
            [
                ('9', 3, below),
                ('7', 14, below),
                ('8', 21, below),
                ('0', 28, below),
                ('3', 35, below),
                ('0', 42, below),
                ('6', 49, below),
                ('4', 61, below),
                ('0', 68, below),
                ('6', 75, below),
                ('1', 82, below),
                ('5', 89, below),
                ('7', 96, below),
                ('5', 119, above),
                ('1', 128, above),
                ('6', 137, above),
                ('9', 146, above),
                ('9', 155, above),
            ]
        );
        assert!(layout.text.iter().all(|t| t.width == 7));
        // First EAN-13 bar at the end of the quiet zone, last add-on bar ends
        // 7 modules before the right edge.
        let first = layout.bars.first().unwrap();
        let last = layout.bars.last().unwrap();
        assert_eq!((first.start, first.kind), (11, BarKind::Guard));
        assert_eq!(last.start + last.width, layout.width - 7);
        assert_eq!(last.kind, BarKind::AddOn);
    }

    #[test]
    fn layout_without_addon() {
        let layout = BooklandLayout::new(&isbn("9780306406157"), None);
        assert_eq!(layout.width, 113);
        assert_eq!(layout.addon_start, None);
        assert_eq!(layout.text.len(), 13);
        let last = layout.bars.last().unwrap();
        assert_eq!(last.start + last.width, 113 - 7);
    }

    // --- Properties -------------------------------------------------------

    fn independent_ean_check(d: &[u8]) -> u8 {
        let odd: u32 = d.iter().step_by(2).map(|&x| u32::from(x)).sum();
        let even: u32 = d.iter().skip(1).step_by(2).map(|&x| u32::from(x)).sum();
        ((10 - (odd + 3 * even) % 10) % 10) as u8
    }

    fn input_chars() -> impl Strategy<Value = char> {
        prop_oneof![
            4 => (b'0'..=b'9').prop_map(char::from),
            1 => Just('-'),
            1 => Just(' '),
            1 => Just('X'),
            1 => any::<char>(),
        ]
    }

    proptest! {
        #[test]
        fn valid_isbn13_parses(
            body in proptest::collection::vec(0u8..10, 9),
            prefix_979 in any::<bool>(),
            hyphen_after in proptest::collection::vec(any::<bool>(), 13),
        ) {
            let mut d = vec![9, 7, if prefix_979 { 9 } else { 8 }];
            d.extend(&body);
            d.push(independent_ean_check(&d));
            let mut text = String::new();
            for (x, h) in d.iter().zip(&hyphen_after) {
                text.push(char::from(b'0' + x));
                if *h {
                    text.push('-');
                }
            }
            let parsed: Isbn = text.parse().unwrap();
            prop_assert_eq!(parsed.digits().to_vec(), d);
            prop_assert_eq!(parsed.as_str().parse::<Isbn>().unwrap(), parsed.clone());
            prop_assert_eq!(parsed.ean13().modules().len(), 95);
            prop_assert_eq!(parsed.ean13().width(), EAN13_MODULES);
        }

        #[test]
        fn single_digit_error_is_detected(
            body in proptest::collection::vec(0u8..10, 9),
            pos in 3usize..13,
            delta in 1u8..10,
        ) {
            let mut d = vec![9, 7, 8];
            d.extend(&body);
            d.push(independent_ean_check(&d));
            d[pos] = (d[pos] + delta) % 10;
            let text: String = d.iter().map(|&x| char::from(b'0' + x)).collect();
            let is_check_error = matches!(
                text.parse::<Isbn>(),
                Err(BarcodeError::CheckDigit { .. })
            );
            prop_assert!(is_check_error);
        }

        #[test]
        fn valid_isbn10_converts(body in proptest::collection::vec(0u8..10, 9)) {
            let sum: u32 = body.iter().enumerate().map(|(i, &x)| (10 - i as u32) * u32::from(x)).sum();
            let check = (11 - sum % 11) % 11;
            let mut text: String = body.iter().map(|&x| char::from(b'0' + x)).collect();
            text.push(if check == 10 { 'X' } else { char::from(b'0' + check as u8) });
            let parsed: Isbn = text.parse().unwrap();
            let mut d = vec![9, 7, 8];
            d.extend(&body);
            d.push(independent_ean_check(&d));
            prop_assert_eq!(parsed.digits().to_vec(), d);
        }

        #[test]
        fn any_string_never_panics(s in any::<String>()) {
            let _ = s.parse::<Price>();
            if let Ok(i) = s.parse::<Isbn>() {
                prop_assert!(i.digits().iter().all(|&d| d < 10));
                prop_assert_eq!(i.ean13().width(), 95);
                let _ = i.display_text();
            }
        }

        #[test]
        fn isbn_like_strings_never_panic(
            chars in proptest::collection::vec(input_chars(), 0..20),
        ) {
            let s: String = chars.into_iter().collect();
            if let Ok(i) = s.parse::<Isbn>() {
                let d = i.digits();
                prop_assert_eq!(independent_ean_check(&d[..12]), d[12]);
                prop_assert!(i.display_text().starts_with("ISBN 97"));
                prop_assert_eq!(i.as_str().parse::<Isbn>().unwrap(), i);
            }
            if let Ok(p) = s.parse::<Price>() {
                prop_assert_eq!(p.to_string(), s.trim());
            }
        }

        #[test]
        fn every_addon_is_47_modules(d in proptest::collection::vec(0u8..10, 5)) {
            let text: String = d.iter().map(|&x| char::from(b'0' + x)).collect();
            let p: Price = text.parse().unwrap();
            let symbol = p.ean5();
            prop_assert_eq!(symbol.modules().len(), 47);
            prop_assert_eq!(symbol.width(), EAN5_MODULES);
            prop_assert!(symbol.pattern().starts_with("1011"));
        }

        #[test]
        fn bars_cover_exactly_the_dark_modules(
            body in proptest::collection::vec(0u8..10, 9),
            addon in proptest::collection::vec(0u8..10, 5),
            with_addon in any::<bool>(),
        ) {
            let mut d = vec![9, 7, 9];
            d.extend(&body);
            d.push(independent_ean_check(&d));
            let text: String = d.iter().map(|&x| char::from(b'0' + x)).collect();
            let i: Isbn = text.parse().unwrap();
            let addon_text: String = addon.iter().map(|&x| char::from(b'0' + x)).collect();
            let p: Option<Price> = with_addon.then(|| addon_text.parse().unwrap());

            let layout = BooklandLayout::new(&i, p);
            let mut painted = vec![false; layout.width as usize];
            let mut previous_end = 0;
            for bar in &layout.bars {
                prop_assert!(bar.start >= previous_end);
                prop_assert!((1..=4).contains(&bar.width));
                previous_end = bar.start + bar.width;
                for x in bar.start..previous_end {
                    painted[x as usize] = true;
                }
            }
            let mut expected = vec![false; 11];
            expected.extend(i.ean13().modules());
            if let Some(p) = p {
                expected.extend([false; 9]);
                expected.extend(p.ean5().modules());
            }
            expected.extend([false; 7]);
            prop_assert_eq!(painted, expected);
        }
    }
}
