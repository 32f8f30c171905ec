//! EAN-13 and EAN-5 symbols: the code tables, each symbol's modules and bars, and the
//! Bookland layout of both with their human-readable digits. Symbol structure, code tables and
//! dimensions follow the GS1 General Specifications, EAN-13 and EAN-5 add-on.

use crate::barcode::isbn::digit_char;
use crate::barcode::{
    Isbn, Price, ADDON_GAP_MODULES, DIGIT_MODULES, EAN13_MODULES, EAN5_MODULES,
    LEFT_QUIET_ZONE_MODULES, RIGHT_QUIET_ZONE_MODULES,
};
#[cfg(doc)]
use crate::barcode::{
    ADDON_BAR_HEIGHT_MM, BAR_HEIGHT_MM, DIGIT_HEIGHT_MM, GUARD_EXTENSION_MODULES,
};

impl Isbn {
    /// Encodes the ISBN as a 95-module EAN-13 symbol.
    pub(crate) fn ean13(&self) -> Symbol {
        let [first, l1, l2, l3, l4, l5, l6, r1, r2, r3, r4, r5, r6] = self.digits();
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

impl Price {
    /// Encodes the add-on as a 47-module EAN-5 symbol: start pattern `1011`,
    /// then the five digits in L or G code separated by `01`, the parity
    /// pattern chosen by the add-on checksum.
    pub(crate) fn ean5(&self) -> Symbol {
        let mut b = Builder::new(SymbolKind::Ean5);
        b.push(ADDON_START, 4, false);
        let parity = EAN5_PARITY[table_index(ean5_checksum(&self.digits()))];
        for (i, (digit, parity)) in self.digits().into_iter().zip(parity).enumerate() {
            if i > 0 {
                b.push(ADDON_SEPARATOR, 2, false);
            }
            b.push(parity.code(digit), DIGIT_MODULES, false);
        }
        b.finish()
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
        let [first, rest @ ..] = isbn.digits();
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
            for digit in price.digits() {
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

/// EAN-5 checksum: 3 × (d1 + d3 + d5) + 9 × (d2 + d4), mod 10.
fn ean5_checksum(digits: &[u8; 5]) -> u8 {
    let [d1, d2, d3, d4, d5] = digits.map(u32::from);
    // The remainder is below 10, so the cast is lossless.
    ((3 * (d1 + d3 + d5) + 9 * (d2 + d4)) % 10) as u8
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::barcode::independent_ean_check;
    use proptest::prelude::*;

    fn isbn(s: &str) -> Isbn {
        s.parse().expect("valid ISBN in test")
    }

    fn price(s: &str) -> Price {
        s.parse().expect("valid price in test")
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

    proptest! {
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
