//! Physical rules every layout of the built-in catalog must obey, checked on books picked at
//! random (proptest) or on every paper and trim in turn.
//!
//! Expected sizes are recomputed from the catalog's own rules (bleed, wrap, board, hinge,
//! flaps, panels), never from the layout's fields.

use std::fmt;

use approx::assert_abs_diff_eq;
use proptest::prelude::*;
use proptest::sample::Index;

use podcover::{
    catalog::{Binding, Construction, HingePlacement, Paper, Vendor},
    layout::{CoverKind, SpineText},
    units::{Pdf, Rect},
    BookSpec, Catalog, CoverLayout, Length, TrimSize, Unit,
};

/// A book of the built-in catalog: one of its products, an offered trim and a page count.
#[derive(Clone, Copy)]
struct Book {
    vendor: &'static Vendor,
    binding: &'static Binding,
    paper: &'static Paper,
    trim: TrimSize,
    pages: u32,
}

impl fmt::Debug for Book {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} {} {} {}pp",
            self.vendor.id, self.binding.id, self.paper.id, self.trim, self.pages
        )
    }
}

impl Book {
    fn spec(&self) -> BookSpec {
        BookSpec::new(
            self.vendor.id,
            self.binding.id,
            self.paper.id,
            self.trim,
            self.pages,
        )
    }

    #[track_caller]
    fn layout(&self) -> CoverLayout {
        Catalog::builtin()
            .layout(&self.spec())
            .unwrap_or_else(|e| panic!("{self:?}: {e}"))
    }
}

/// Every (vendor, binding, paper) of the built-in catalog.
fn products() -> Vec<(&'static Vendor, &'static Binding, &'static Paper)> {
    let mut out = Vec::new();
    for vendor in Catalog::builtin().vendors() {
        for binding in &vendor.bindings {
            for paper in &binding.papers {
                out.push((vendor, binding, paper));
            }
        }
    }
    out
}

/// The binding's listed trims that the paper's `only` / `except` filter lets through.
fn offered_trims(binding: &Binding, paper: &Paper) -> Vec<TrimSize> {
    let filter = paper.trims.as_ref().map(|f| &f.value);
    binding
        .trims
        .iter()
        .filter(|t| match filter {
            None => true,
            Some(f) => {
                (f.only.is_empty() || f.only.iter().any(|o| o.matches(t)))
                    && !f.except.iter().any(|e| e.matches(t))
            }
        })
        .copied()
        .collect()
}

/// The most pages the paper allows on this trim: the paper's maximum or, if lower, the smallest
/// per-trim maximum that names the trim.
fn max_pages(paper: &Paper, trim: &TrimSize) -> u32 {
    paper
        .trim_page_limits
        .iter()
        .filter(|l| l.trims.iter().any(|t| t.matches(trim)))
        .map(|l| l.max)
        .fold(paper.pages.max, u32::min)
}

/// The lowest and highest allowed page counts (multiples of the paper's `multiple`).
fn page_range(paper: &Paper, trim: &TrimSize) -> (u32, u32) {
    let m = paper.pages.multiple;
    (
        paper.pages.min.div_ceil(m) * m,
        max_pages(paper, trim) / m * m,
    )
}

#[derive(Debug, Clone, Copy)]
enum PagePick {
    Lowest,
    Highest,
    Any(Index),
}

fn book() -> impl Strategy<Value = Book> {
    let pick = prop_oneof![
        1 => Just(PagePick::Lowest),
        1 => Just(PagePick::Highest),
        6 => any::<Index>().prop_map(PagePick::Any),
    ];
    (
        any::<Index>(),
        any::<Index>(),
        any::<Index>(),
        any::<Index>(),
        pick,
    )
        .prop_map(|(v, b, p, t, pick)| {
            // Vendors of digital editions only have no print layout to test.
            let print: Vec<_> = Catalog::builtin()
                .vendors()
                .iter()
                .filter(|v| !v.bindings.is_empty())
                .collect();
            let vendor = *v.get(&print);
            let binding = b.get(&vendor.bindings);
            let paper = p.get(&binding.papers);
            let trims = offered_trims(binding, paper);
            assert!(
                !trims.is_empty(),
                "{} {} {} is offered on no trim",
                vendor.id,
                binding.id,
                paper.id
            );
            let trim = *t.get(&trims);
            let (lo, hi) = page_range(paper, &trim);
            assert!(lo <= hi, "{} allows no page count on {trim}", paper.id);
            let m = paper.pages.multiple;
            let pages = match pick {
                PagePick::Lowest => lo,
                PagePick::Highest => hi,
                PagePick::Any(i) => lo + m * i.index(((hi - lo) / m + 1) as usize) as u32,
            };
            Book {
                vendor,
                binding,
                paper,
                trim,
                pages,
            }
        })
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

#[track_caller]
fn assert_len(actual: Length, expected: Length, what: &str) {
    assert!(
        actual.approx_eq(expected),
        "{what}: expected {expected:?}, got {actual:?}"
    );
}

#[track_caller]
fn assert_inside(outer: &Rect, inner: &Rect, what: &str) {
    assert!(
        outer.contains(inner),
        "{what}: {inner:?} is not inside {outer:?}"
    );
}

#[track_caller]
fn assert_non_empty(r: &Rect, what: &str) {
    assert!(
        r.width > Length::ZERO && r.height > Length::ZERO,
        "{what} is empty: {r:?}"
    );
}

/// Rule 1: the sheet size from the catalog's bleed, wrap, boards, hinges, flaps and panels.
#[track_caller]
fn check_sheet(book: &Book, l: &CoverLayout) {
    let (trim, spine) = (book.trim, l.spine_width());
    let (width, height) = match &book.binding.construction {
        Construction::Flat => {
            assert_eq!(l.kind(), CoverKind::Flat);
            let bleed = book
                .binding
                .bleed
                .as_ref()
                .expect("a flat cover has a bleed");
            (
                trim.width * 2.0 + spine + bleed.value * 2.0,
                trim.height + bleed.value * 2.0,
            )
        }
        Construction::Case(case) => {
            assert_eq!(l.kind(), CoverKind::Case);
            let (wrap, board, hinge) = (case.wrap.value, case.board.value, case.hinge.value);
            let hinges = match hinge.placement {
                HingePlacement::BesideSpine => hinge.width * 2.0,
                HingePlacement::InsideBoard => Length::ZERO,
            };
            let parts = l.case().expect("a case cover has case parts");
            assert_len(parts.wrap, wrap, "wrap");
            for r in parts.boards {
                assert_len(r.width, trim.width + board.width, "board width");
                assert_len(r.height, trim.height + board.height, "board height");
            }
            for r in parts.hinges {
                assert_len(r.width, hinge.width, "hinge width");
            }
            (
                wrap * 2.0 + (trim.width + board.width) * 2.0 + spine + hinges,
                trim.height + board.height + wrap * 2.0,
            )
        }
        Construction::Jacket(jacket) => {
            assert_eq!(l.kind(), CoverKind::Jacket);
            let bleed = book
                .binding
                .bleed
                .as_ref()
                .expect("a jacket has a bleed")
                .value;
            let (flap, fold, panel) = (
                jacket.flap.value,
                jacket.flap_fold.value,
                jacket.panel.value,
            );
            let parts = l.jacket().expect("a jacket cover has flaps");
            for r in parts.flaps {
                assert_len(r.width, flap, "flap width");
            }
            for r in parts.flap_folds {
                assert_len(r.width, fold, "flap fold width");
            }
            (
                bleed * 2.0 + flap * 2.0 + fold * 2.0 + (trim.width + panel.width) * 2.0 + spine,
                trim.height + panel.height + bleed * 2.0,
            )
        }
        other => panic!("a construction the test does not know: {other:?}"),
    };
    assert_len(l.sheet.width, width, "sheet width");
    assert_len(l.sheet.height, height, "sheet height");
    assert_len(l.sheet.x, Length::ZERO, "sheet x");
    assert_len(l.sheet.y, Length::ZERO, "sheet y");
}

/// Rule 3: safe areas, barcode and regions inside what holds them; panels abut; folds sorted.
#[track_caller]
fn check_regions(book: &Book, l: &CoverLayout) {
    let t = &l.trim_box;
    for (safe, panel, name) in [
        (&l.back_safe, &l.back, "back_safe"),
        (&l.front_safe, &l.front, "front_safe"),
    ] {
        assert_non_empty(safe, name);
        assert_inside(t, safe, name);
        assert_inside(panel, safe, name);
    }
    if let Some(safe) = &l.spine_safe {
        assert_non_empty(safe, "spine_safe");
        assert_inside(t, safe, "spine_safe");
        assert_inside(&l.spine, safe, "spine_safe");
    }
    if let Some(jacket) = l.jacket() {
        for (safe, flap) in jacket.flap_safe.iter().zip(&jacket.flaps) {
            assert_non_empty(safe, "flap_safe");
            assert_inside(t, safe, "flap_safe");
            assert_inside(flap, safe, "flap_safe");
        }
        // Flap, fold and panel abut on each side.
        let [back_flap, front_flap] = jacket.flaps;
        let [back_fold, front_fold] = jacket.flap_folds;
        assert_len(back_flap.right(), back_fold.x, "back flap | fold");
        assert_len(back_fold.right(), l.back.x, "back fold | back");
        assert_len(l.front.right(), front_fold.x, "front | fold");
        assert_len(front_fold.right(), front_flap.x, "front fold | flap");
    }
    assert_inside(&l.back, &l.barcode, "barcode");
    for (name, r) in l.regions() {
        assert_inside(&l.sheet, &r, name);
    }
    assert_inside(&l.sheet, t, "trim_box");

    // Back, spine and front abut (with beside-spine hinges in between).
    let placement = match &book.binding.construction {
        Construction::Case(case) => Some(case.hinge.placement),
        _ => None,
    };
    match (placement, l.case()) {
        (Some(HingePlacement::BesideSpine), Some(case)) => {
            let [bh, fh] = case.hinges;
            assert_len(l.back.right(), bh.x, "back | hinge");
            assert_len(bh.right(), l.spine.x, "hinge | spine");
            assert_len(l.spine.right(), fh.x, "spine | hinge");
            assert_len(fh.right(), l.front.x, "hinge | front");
        }
        (Some(HingePlacement::InsideBoard), Some(case)) => {
            // Inside-board hinges lie on the boards, along the spine.
            assert_inside(&l.back, &case.hinges[0], "back hinge");
            assert_inside(&l.front, &case.hinges[1], "front hinge");
            assert_len(case.hinges[0].right(), l.spine.x, "hinge | spine");
            assert_len(l.spine.right(), case.hinges[1].x, "spine | hinge");
            assert_len(l.back.right(), l.spine.x, "back | spine");
            assert_len(l.spine.right(), l.front.x, "spine | front");
            assert!(
                l.barcode.right() <= case.hinges[0].x + Length::inches(1e-6),
                "barcode {:?} runs into the hinge {:?}",
                l.barcode,
                case.hinges[0]
            );
        }
        (None, None) => {
            assert_len(l.back.right(), l.spine.x, "back | spine");
            assert_len(l.spine.right(), l.front.x, "spine | front");
        }
        (p, c) => panic!("hinge placement {p:?} but case parts {c:?}"),
    }
    for r in [&l.spine, &l.front] {
        assert_len(r.y, l.back.y, "panel y");
        assert_len(r.height, l.back.height, "panel height");
    }
    assert_len(l.spine.width, l.spine_width(), "spine rect width");

    // Folds: strictly ascending, inside the trim box, and including the spine's edges.
    let folds = l.folds();
    assert!(!folds.is_empty(), "no folds");
    for pair in folds.windows(2) {
        assert!(pair[0] < pair[1], "folds not ascending: {folds:?}");
    }
    for f in &folds {
        assert!(
            *f >= t.x - Length::inches(1e-6) && *f <= t.right() + Length::inches(1e-6),
            "fold {f:?} outside trim box {t:?}"
        );
    }
    for edge in [l.spine.x, l.spine.right()] {
        assert!(
            folds.iter().any(|f| f.approx_eq(edge)),
            "spine edge {edge:?} is not a fold: {folds:?}"
        );
    }
}

/// Rule 4: a length shown in a unit parses back to within half the last shown digit, and
/// shows the same again.
#[track_caller]
fn check_display_round_trip(l: Length) {
    for unit in Unit::ALL {
        let text = format!("{}", l.display(unit));
        let back: Length = text
            .parse()
            .unwrap_or_else(|e| panic!("{text:?} does not parse: {e}"));
        let half_digit = 0.5 * 10f64.powi(-(unit.shown_decimals() as i32));
        assert_abs_diff_eq!(
            back.to(unit),
            l.to(unit),
            epsilon = half_digit * (1.0 + 1e-9)
        );
        assert_eq!(format!("{}", back.display(unit)), text);
    }
}

/// Rule 5: spine text only with a spine and enough pages; a safe spine area exactly then.
#[track_caller]
fn check_spine_text(book: &Book, l: &CoverLayout) {
    let has_spine = book.paper.spine.has_spine();
    let min = book.binding.spine_text_min_pages.value;
    assert_eq!(
        has_spine,
        l.spine_width() > Length::ZERO,
        "spine width {:?} vs the rule's spine",
        l.spine_width()
    );
    assert_eq!(l.spine_safe.is_some(), l.spine_text.is_allowed());
    match l.spine_text {
        SpineText::Allowed => assert!(
            has_spine && book.pages >= min,
            "spine text allowed at {} pages (minimum {min}, spine {has_spine})",
            book.pages
        ),
        SpineText::NoSpine => assert!(!has_spine),
        SpineText::TooFewPages { pages, min_pages } => {
            assert!(has_spine);
            assert_eq!((pages, min_pages), (book.pages, min));
            assert!(pages < min_pages);
        }
        SpineText::TooNarrow => {
            assert!(has_spine && book.pages >= min);
            let margin = book.binding.spine_margin.value;
            assert!(
                l.spine_width() <= margin * 2.0 + Length::inches(1e-6),
                "spine {:?} called too narrow for margins of {margin:?}",
                l.spine_width()
            );
        }
        other => panic!("spine text the test does not know: {other:?}"),
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn layouts_obey_physical_rules(book in book()) {
        let l = book.layout();
        assert_eq!(l.spec.trim, book.trim, "the layout used another trim");
        assert_eq!(l.spec.pages, book.pages);
        let spine = Catalog::builtin().spine_width(&book.spec()).unwrap();
        assert_len(spine, l.spine_width(), "Catalog::spine_width");
        check_sheet(&book, &l);
        check_regions(&book, &l);
        check_spine_text(&book, &l);
        for len in [l.sheet.width, l.sheet.height, l.spine_width(), l.barcode.x] {
            check_display_round_trip(len);
        }
    }

    #[test]
    fn layouts_convert_to_pdf_space_and_back(book in book()) {
        check_pdf_space(&book.layout());
    }

    #[test]
    fn lengths_round_trip_through_display(value in -1.0e4f64..1.0e4) {
        for unit in Unit::ALL {
            check_display_round_trip(Length::new(value, unit));
        }
    }
}

/// The layout in PDF's space has every region of the layout, each the same size, measured from
/// the other edge (its bottom the sheet's height less the region's bottom, its top the sheet's
/// height less the region's top), still inside the sheet; converting back gives the region.
#[track_caller]
fn check_pdf_space(l: &CoverLayout) {
    let pdf = l.to_pdf();
    let back = l.sheet_to_pdf().inverse();
    let h = l.sheet.height;
    let (regions, pdf_regions) = (l.regions(), pdf.regions());
    assert_eq!(
        regions.iter().map(|(name, _)| *name).collect::<Vec<_>>(),
        pdf_regions
            .iter()
            .map(|(name, _)| *name)
            .collect::<Vec<_>>(),
        "the same regions in both spaces"
    );
    let sheet: Rect<Pdf> = pdf.sheet;
    for ((name, r), (_, p)) in regions.iter().zip(&pdf_regions) {
        assert_len(p.width, r.width, name);
        assert_len(p.height, r.height, name);
        assert_len(p.x, r.x, name);
        assert_len(p.bottom(), h - r.bottom(), name);
        assert_len(p.top(), h - r.top(), name);
        assert!(sheet.contains(p), "{name} leaves the sheet in PDF's space");
        assert!(
            back.rect(*p).approx_eq_within(r, Length::inches(1e-9)),
            "{name} back"
        );
    }
    assert_eq!(
        pdf.folds(),
        l.folds(),
        "folds are vertical: x does not change"
    );
}

/// The spine rules never shrink; readings are exact points and may sit on either side of them.
#[test]
fn spine_never_shrinks_as_pages_grow() {
    let mut checked = 0;
    for (vendor, binding, paper) in products() {
        let product = Catalog::builtin()
            .product(vendor.id, binding.id, paper.id)
            .unwrap();
        let m = paper.pages.multiple;
        let mut pages = paper.pages.min.div_ceil(m) * m;
        let mut last = product.model_spine_width(pages).unwrap();
        assert!(last >= Length::ZERO);
        while pages + m <= paper.pages.max {
            pages += m;
            let spine = product.model_spine_width(pages).unwrap();
            assert!(
                spine >= last,
                "{}: spine {spine:?} at {pages} pages < {last:?} at {} pages",
                product.name(),
                pages - m
            );
            last = spine;
            checked += 1;
        }
    }
    assert!(checked > 1000, "only {checked} steps checked");
}

#[test]
fn page_limits_are_enforced_on_every_trim() {
    let catalog = Catalog::builtin();
    let mut checked = 0;
    for (vendor, binding, paper) in products() {
        let trims = offered_trims(binding, paper);
        assert!(!trims.is_empty(), "{} {}: no trims", binding.id, paper.id);
        for trim in trims {
            let book = |pages| BookSpec::new(vendor.id, binding.id, paper.id, trim, pages);
            let err = |pages| match catalog.layout(&book(pages)) {
                Ok(l) => panic!("{:?}: accepted, spine {:?}", book(pages), l.spine_width()),
                Err(e) => e.to_string(),
            };
            let (lo, hi) = page_range(paper, &trim);
            let max = max_pages(paper, &trim);
            let min = paper.pages.min;
            for pages in [lo, hi] {
                let l = catalog.layout(&book(pages)).unwrap();
                assert_eq!(l.beyond_print_range, None, "{:?}", book(pages));
                assert!(l.check_printable().is_ok(), "{:?}", book(pages));
            }
            // Where the vendor's calculator covers more than it prints, layouts are made there
            // with a warning, and refused only beyond the calculator too.
            let template = paper.template_pages.as_ref().map(|t| t.value);
            let (first, last) = template.map_or((min, max), |t| (t.min.min(min), t.max.max(max)));
            if first > 0 {
                let e = err(first - 1);
                assert!(e.contains("out of range"), "{e}");
            }
            let e = err(last + 1);
            assert!(e.contains("out of range"), "{e}");
            if last > max {
                let l = catalog.layout(&book(max + 1)).unwrap();
                let beyond = l.beyond_print_range.as_ref().unwrap();
                assert_eq!((beyond.printed.max, beyond.template.max), (max, last));
                let e = l.check_printable().unwrap_err().to_string();
                assert!(e.contains("out of range") && e.contains("template"), "{e}");
            } else if max < paper.pages.max {
                assert!(e.contains(&format!("on the {trim} trim")), "{e}");
            }
            let m = paper.pages.multiple;
            if m > 1 && lo < hi && paper.pages.round_up {
                // The vendor rounds up: the layout is for the next multiple, and says so.
                let l = catalog.layout(&book(lo + 1)).unwrap();
                assert_eq!((l.spec.pages, l.rounded_from), (lo + m, Some(lo + 1)));
            } else if m > 1 && lo < hi {
                let e = err(lo + 1);
                assert!(e.contains(&format!("not a multiple of {m}")), "{e}");
                assert!(e.contains(&format!("use {}", lo + m)), "{e}");
            }
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} trims checked");
}

/// A trim a paper excludes stays excluded when it also lies in the binding's custom range.
#[test]
fn excluded_trims_are_refused_even_inside_the_custom_range() {
    let mut checked = 0;
    for (vendor, binding, paper) in products() {
        let (Some(filter), Some(range)) = (&paper.trims, &binding.custom_trim) else {
            continue;
        };
        for trim in filter.except.iter().filter(|t| range.contains(t)) {
            let (lo, _) = page_range(paper, trim);
            let spec = BookSpec::new(vendor.id, binding.id, paper.id, *trim, lo);
            let result = Catalog::builtin().layout(&spec);
            assert_eq!(
                result.map(|_| ()).map_err(|e| e.kind()),
                Err(podcover::ErrorKind::TrimNotOffered),
                "{} {} {} accepts the excluded trim {trim}",
                vendor.id,
                binding.id,
                paper.id
            );
            checked += 1;
        }
    }
    assert!(checked > 0, "no excluded trim lies in a custom range");
}
