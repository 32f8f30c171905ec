//! The built-in stock files, user stock files, and the errors for bad input.

use crate::common;
use crate::common::refusal;
use podcover::{
    catalog::{Confidence, BUILTIN_STOCKS},
    BookSpec, Catalog, ErrorKind,
};

#[test]
fn every_stock_file_is_registered_sorted_and_valid() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/paper-stocks");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    on_disk.sort();
    let registered: Vec<&str> = BUILTIN_STOCKS.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        registered, on_disk,
        "BUILTIN_STOCKS must list every paper-stocks/*.toml, sorted"
    );
    for (name, text) in BUILTIN_STOCKS {
        let on_disk = std::fs::read_to_string(format!("{dir}/{name}")).unwrap();
        assert_eq!(*text, on_disk, "{name} is embedded as it is on disk");
        Catalog::empty()
            .add_stock(name, text)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let ids: Vec<&str> = Catalog::builtin()
        .vendors()
        .iter()
        .map(|v| v.id.as_str())
        .collect();
    assert_eq!(ids, ["acx", "generic", "ingramspark", "kdp", "lulu"]);
}

#[test]
fn contract_ids_exist() {
    for (vendor, binding, paper) in [
        ("kdp", "paperback", "white"),
        ("kdp", "paperback", "cream"),
        ("kdp", "paperback", "groundwood"),
        ("kdp", "paperback", "standard-color"),
        ("kdp", "paperback", "premium-color"),
        ("kdp", "hardcover", "white"),
        ("ingramspark", "paperback", "standard-color-70"),
        ("ingramspark", "hardcover", "cream"),
        ("ingramspark", "jacket", "white"),
        ("lulu", "paperback", "cream"),
        ("lulu", "hardcover", "premium-color"),
        ("lulu", "jacket", "white"),
        ("lulu", "coil", "white"),
    ] {
        common::product(vendor, binding, paper);
    }
}

#[test]
fn every_rule_has_a_dated_source() {
    for vendor in Catalog::builtin().vendors() {
        for binding in &vendor.bindings {
            for paper in &binding.papers {
                let product = Catalog::builtin()
                    .product(vendor.id, binding.id, paper.id)
                    .unwrap();
                for rule in product.rules() {
                    assert!(!rule.source.title.is_empty());
                    assert!(rule.source.date.starts_with("20"), "{}", rule.source.date);
                }
            }
        }
    }
    // Formulas the vendor publishes are marked so; a fit of ours is a calculator-grade rule
    // when it reproduces readings from more than one source (KDP hardcover: 13 calculator
    // readings from two records), an estimate otherwise.
    let kdp = common::product("kdp", "paperback", "white");
    assert_eq!(kdp.paper.spine.confidence, Confidence::Published);
    let kdp_hc = common::product("kdp", "hardcover", "white");
    assert_eq!(kdp_hc.paper.spine.confidence, Confidence::Calculator);
    let cream = common::product("kdp", "hardcover", "cream");
    assert_eq!(
        cream.paper.support().to_string(),
        "3 readings from 2 sources"
    );
    assert!(kdp_hc
        .paper
        .spine
        .note
        .as_deref()
        .unwrap()
        .contains("0.189"));
}

#[test]
fn unknown_ids_list_the_choices() {
    let catalog = Catalog::builtin();
    let err = |v: &str, b: &str, p: &str| {
        let ids = (v.parse().unwrap(), b.parse().unwrap(), p.parse().unwrap());
        catalog
            .product(ids.0, ids.1, ids.2)
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        err("createspace", "paperback", "white"),
        "unknown vendor \"createspace\"; expected one of: acx, generic, ingramspark, kdp, lulu"
    );
    assert_eq!(
        err("kdp", "jacket", "white"),
        "unknown binding \"jacket\" for kdp; expected one of: paperback, hardcover"
    );
    assert_eq!(
        err("kdp", "paperback", "ivory"),
        "unknown paper \"ivory\" for kdp paperback; expected one of: white, cream, standard-color, premium-color, groundwood"
    );
}

#[test]
fn trims_not_offered() {
    assert_eq!(
        refusal("kdp", "hardcover", "white", "5x8", 200),
        "trim 5x8in is not offered for kdp hardcover white; offered: 5.5x8.5in, 6x9in, 6.14x9.21in, 7x10in, 8.25x11in"
    );
    // KDP takes custom paperback trims from 4x6 to 8.5x11.69 in.
    let err = refusal("kdp", "paperback", "white", "9x12", 200);
    assert!(
        err.ends_with("; or a custom trim from 4x6in to 8.5x11.69in"),
        "{err}"
    );
    common::layout("kdp", "paperback", "white", "7.25x9.5", 200);
    // Groundwood on every trim KDP offers for paperbacks (KDP Help G99WKT9FARBGHBJF: "eligible
    // for paperbacks with black and white interiors in all trim sizes").
    common::layout("kdp", "paperback", "groundwood", "6.14x9.21", 200);
    common::layout("kdp", "paperback", "groundwood", "8.27x11.69", 200);
    // Standard colour is not offered on A4.
    assert!(
        refusal("kdp", "paperback", "standard-color", "210x297mm", 200).contains("not offered")
    );
    // A metric spelling matches the catalog trim, which the layout reports.
    let l = common::layout("kdp", "paperback", "white", "152x229mm", 200);
    assert_eq!(l.spec.trim.to_string(), "6x9in");
}

#[test]
fn page_counts_out_of_range_or_not_a_multiple() {
    assert_eq!(
        refusal("kdp", "paperback", "white", "6x9", 23),
        "23 pages is out of range for kdp paperback white: expected 24 to 828"
    );
    assert_eq!(
        refusal("kdp", "paperback", "cream", "6x9", 777),
        "777 pages is out of range for kdp paperback cream: expected 24 to 776"
    );
    // Lower maxima on large trims.
    assert_eq!(
        refusal("kdp", "paperback", "white", "8.5x11", 600),
        "600 pages is out of range for kdp paperback white: expected 24 to 590 on the 8.5x11in trim"
    );
    // A vendor that refuses counts that are not a multiple.
    let mut strict = Catalog::empty();
    strict.add_stock("acme.toml", MINIMAL).unwrap();
    let spec = BookSpec::parse("acme", "paperback", "white", "148x210mm", 201).unwrap();
    assert_eq!(
        strict.layout(&spec).unwrap_err().to_string(),
        "201 pages is not a multiple of 4 for acme paperback white; use 204"
    );
    // IngramSpark rounds an odd count up, and its maximum still holds after rounding.
    assert_eq!(
        common::layout("ingramspark", "paperback", "cream", "6x9", 317)
            .spec
            .pages,
        318
    );
    assert_eq!(
        refusal("ingramspark", "paperback", "cream", "6x9", 1051),
        "1051 pages is out of range for ingramspark paperback cream: expected 18 to 1050"
    );
    let err = Catalog::builtin()
        .layout(&BookSpec::parse("lulu", "coil", "white", "6x9", 0).unwrap())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PagesOutOfRange);
    assert_eq!((err.pages(), err.page_range()), (Some(0), Some(24..=300)));
}

#[test]
fn spine_text_rules() {
    use podcover::layout::SpineText;
    // KDP: spine text from 80 pages (KDP Help G201953020).
    assert_eq!(
        common::layout("kdp", "paperback", "white", "6x9", 78).spine_text,
        SpineText::TooFewPages {
            pages: 78,
            min_pages: 80
        }
    );
    let l = common::layout("kdp", "paperback", "white", "6x9", 80);
    assert_eq!(l.spine_text, SpineText::Allowed);
    // Text keeps 0.0625 in from each fold.
    let safe = l.spine_safe.unwrap();
    common::assert_in(safe.width, 80.0 * 0.002252 - 2.0 * 0.0625, 1e-9);
    assert_eq!(
        common::layout("lulu", "paperback", "white", "6x9", 80)
            .spine_text
            .to_string(),
        "no spine text: 80 pages is fewer than the 81 the vendor requires"
    );
}

pub(crate) const MINIMAL: &str = r#"
[vendor]
id = "acme"
name = "Acme Print"

[sources.site]
title = "Acme cover guide"
date = "2026-11"

[[binding]]
id = "paperback"
name = "Paperback"
kind = "flat"
bleed = { value = "3mm", source = "site", confidence = "published" }
safe_margin = { value = { inset = "5mm", from = "trim" }, source = "site", confidence = "published" }
spine_margin = { value = "2mm", source = "site", confidence = "published" }
spine_tolerance = { value = "1.5mm", source = "site", confidence = "published" }
spine_text_min_pages = { value = 60, source = "site", confidence = "published" }
barcode = { value = { width = "50mm", height = "30mm", from_bottom = "10mm", from_spine = "10mm", bottom_from = "trim" }, source = "site", confidence = "estimate" }
trims = { value = ["148x210mm"], source = "site", confidence = "published" }

[[binding.paper]]
id = "white"
name = "80 gsm white"
spine = { value = { shape = "per-page", per_page = "0.05mm" }, source = "site", confidence = "published" }
pages = { value = { min = 24, max = 600, multiple = 4 }, source = "site", confidence = "published" }
"#;

#[track_caller]
fn stock_error(text: &str) -> String {
    Catalog::empty()
        .add_stock("acme.toml", text)
        .unwrap_err()
        .to_string()
}

#[test]
fn user_stock_file_adds_a_vendor() {
    let mut catalog = Catalog::builtin().clone();
    catalog.add_stock("acme.toml", MINIMAL).unwrap();
    let spec = BookSpec::parse("acme", "paperback", "white", "148x210mm", 200).unwrap();
    let l = catalog.layout(&spec).unwrap();
    // 200 x 0.05 mm = 10 mm spine; 3 + 148 + 10 + 148 + 3 = 312 mm.
    assert!((l.spine_width().to_mm() - 10.0).abs() < 1e-9);
    assert!((l.sheet.width.to_mm() - 312.0).abs() < 1e-9);
    assert_eq!(catalog.vendors().len(), 6);
}

#[test]
fn user_stock_file_replaces_a_vendor() {
    let mut catalog = Catalog::builtin().clone();
    let corrected = BUILTIN_STOCKS
        .iter()
        .find(|(n, _)| *n == "kdp.toml")
        .unwrap()
        .1
        .replace("per_page = \"0.0025in\"", "per_page = \"0.0026in\"");
    catalog.add_stock("my-kdp.toml", &corrected).unwrap();
    assert_eq!(catalog.vendors().len(), 5);
    let spec = BookSpec::parse("kdp", "paperback", "cream", "6x9", 100).unwrap();
    assert!((catalog.layout(&spec).unwrap().spine_width().to_inches() - 0.26).abs() < 1e-9);
    assert_eq!(
        catalog.vendor("kdp".parse().unwrap()).unwrap().file,
        "my-kdp.toml"
    );
}

#[test]
fn malformed_stock_files_name_file_entry_and_field() {
    assert_eq!(
        stock_error(&MINIMAL.replace("per_page = \"0.05mm\"", "pages_per_inch = 400")),
        "acme.toml: binding \"paperback\" paper \"white\" field \"spine\": shape per-page needs per_page"
    );
    assert_eq!(
        stock_error(&MINIMAL.replace("source = \"site\", confidence = \"estimate\"", "source = \"web\", confidence = \"estimate\"")),
        "acme.toml: binding \"paperback\" field \"barcode\": unknown source \"web\"; expected one of: site"
    );
    assert_eq!(
        stock_error(&MINIMAL.replace("date = \"2026-11\"", "date = \"last year\"")),
        "acme.toml: source \"site\": date \"last year\" must be YYYY-MM or YYYY-MM-DD"
    );
    assert_eq!(
        stock_error(&MINIMAL.replace("min = 24, max = 600", "min = 600, max = 24")),
        "acme.toml: binding \"paperback\" paper \"white\" field \"pages\": min 600 and max 24 must satisfy 1 <= min <= max"
    );
    assert_eq!(
        stock_error(&MINIMAL.replace("kind = \"flat\"", "kind = \"case\"")),
        "acme.toml: binding \"paperback\" field \"bleed\": does not apply to kind = \"case\""
    );
    assert_eq!(
        stock_error(&MINIMAL.replace("value = \"3mm\"", "value = \"-3mm\"")),
        "acme.toml: binding \"paperback\" field \"bleed\": bleed -0.11811in is outside the plausible range 0in to 0.5in"
    );
    assert_eq!(
        stock_error(&format!(
            "{MINIMAL}\n[sources.unused]\ntitle = \"x\"\ndate = \"2026-01\"\n"
        )),
        "acme.toml: source \"unused\": source is not used by any rule"
    );
    // Page limits are bounded, so that loading always ends.
    assert_eq!(
        stock_error(&MINIMAL.replace("max = 600", "max = 4294967295")),
        "acme.toml: binding \"paperback\" paper \"white\" field \"pages\": max 4294967295 is more than 10000 pages"
    );
    assert_eq!(
        stock_error(&MINIMAL.replace("multiple = 4", "multiple = 4294967295")),
        "acme.toml: binding \"paperback\" paper \"white\" field \"pages\": multiple 4294967295 is outside the plausible range 1 to 64"
    );
    // A spine table must cover every allowed page count.
    let table = MINIMAL.replace(
        "{ shape = \"per-page\", per_page = \"0.05mm\" }",
        "{ shape = \"table\", steps = [{ from = 24, to = 300, spine = \"10mm\" }] }",
    );
    assert_eq!(
        stock_error(&table),
        "acme.toml: binding \"paperback\" paper \"white\" field \"spine\": the rule gives no spine width for 304 pages, but pages allow 24 to 600"
    );
    // Parse errors give the line and column and the parser's message.
    let err = stock_error(&MINIMAL.replace(
        "name = \"80 gsm white\"",
        "name = \"80 gsm white\"\ncolour = \"white\"",
    ));
    assert!(
        err.starts_with("acme.toml: line 25, column 1: unknown field `colour`"),
        "{err}"
    );
    let err = stock_error(&MINIMAL.replace("value = \"3mm\"", "value = \"3\""));
    assert!(
        err.contains("invalid length \"3\": expected a number with a unit"),
        "{err}"
    );
    assert!(stock_error("not toml at all [").starts_with("acme.toml: line 1"));
}

#[test]
fn trims_shared_across_vendors() {
    let trims = Catalog::builtin().trims();
    let find = |s: &str| {
        let t: podcover::TrimSize = s.parse().unwrap();
        trims.iter().find(|o| o.trim.matches(&t)).unwrap().vendors()
    };
    assert_eq!(find("6x9"), ["ingramspark", "kdp", "lulu"]);
    assert_eq!(find("5.06x7.81"), ["ingramspark", "kdp"]);
    assert_eq!(find("4.25x6.87"), ["lulu"]);
    // Most widely offered first.
    assert_eq!(trims[0].vendors().len(), 3);
}

#[test]
fn public_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Catalog>();
    check::<podcover::CoverLayout>();
    check::<podcover::BookSpec>();
    check::<podcover::Error>();
    check::<podcover::Length>();
    check::<podcover::pdf::Interior>();
    check::<podcover::layout::Offer>();
    check::<podcover::layout::CoverParts>();
    check::<podcover::catalog::VendorId>();
    check::<podcover::catalog::BindingId>();
    check::<podcover::catalog::PaperId>();
    check::<podcover::batch::Manifest>();
    check::<podcover::batch::Target>();
    check::<podcover::cover::RespineOptions>();
    check::<podcover::catalog::InkLimit>();
    check::<podcover::catalog::PdfxVersion>();
    check::<podcover::catalog::Transparency>();
    check::<podcover::cover::Proof>();
    check::<podcover::cover::ColorMove>();
    check::<podcover::CoverLayout<podcover::units::Pdf>>();
    check::<podcover::units::Rect<podcover::units::Sheet>>();
    check::<podcover::units::Rect<podcover::units::Pdf>>();
    check::<podcover::units::SheetToPdf>();
    check::<podcover::units::PdfToSheet>();
    check::<podcover::draw::TemplateFormat>();
}

#[test]
fn stock_readings_are_used_at_their_page_count_and_the_rule_elsewhere() {
    let text = format!(
        "{MINIMAL}\n[[reading]]\nbinding = \"paperback\"\npaper = \"white\"\npages = 200\nspine = \"10.5mm\"\nsource = \"site\"\n"
    );
    let mut catalog = Catalog::empty();
    catalog.add_stock("acme.toml", &text).unwrap();
    let at = |pages| {
        let spec = BookSpec::parse("acme", "paperback", "white", "148x210mm", pages).unwrap();
        catalog.layout(&spec).unwrap()
    };
    let read = at(200);
    assert!((read.spine_width().to_mm() - 10.5).abs() < 1e-9);
    assert_eq!(read.spine_basis.confidence(), Confidence::Reading);
    // Elsewhere the rule: 204 x 0.05 mm.
    let ruled = at(204);
    assert!((ruled.spine_width().to_mm() - 10.2).abs() < 1e-9);
    assert_eq!(ruled.spine_basis.confidence(), Confidence::Published);
}

#[test]
fn stock_readings_are_checked() {
    let reading = |fields: &str| {
        stock_error(&format!(
            "{MINIMAL}\n[[reading]]\nbinding = \"paperback\"\npaper = \"white\"\nsource = \"site\"\n{fields}\n"
        ))
    };
    assert_eq!(
        reading("pages = 700\nspine = \"1in\""),
        "acme.toml: reading 1 (paperback white 700 pages) field \"pages\": 700 pages lies outside the paper's 24 to 600"
    );
    assert_eq!(
        reading("pages = 200\nspine = \"100in\""),
        "acme.toml: reading 1 (paperback white 200 pages) field \"spine\": length 100.000 in must lie between 0.001 in and 6.000 in"
    );
    assert_eq!(
        stock_error(&MINIMAL.replace("confidence = \"estimate\"", "confidence = \"reading\"")),
        "acme.toml: binding \"paperback\" field \"barcode\": confidence \"reading\" is for [[reading]] entries; a rule is published, calculator or estimate"
    );
}

/// A value just over a limit is shown with the digits that set it apart, never rounded to the
/// limit ("6.000 in must lie between 0.001 in and 6.000 in" before).
#[test]
fn a_value_just_over_a_limit_is_not_shown_as_the_limit() {
    let reading = format!(
        "{MINIMAL}\n[[reading]]\nbinding = \"paperback\"\npaper = \"white\"\nsource = \"site\"\npages = 200\nspine = \"6.000001in\"\n"
    );
    assert_eq!(
        stock_error(&reading),
        "acme.toml: reading 1 (paperback white 200 pages) field \"spine\": length 6.000001 in must lie between 0.001 in and 6.000 in"
    );
    assert_eq!(
        stock_error(&MINIMAL.replace("value = \"3mm\"", "value = \"0.5000001in\"")),
        "acme.toml: binding \"paperback\" field \"bleed\": bleed 0.5000001in is outside the plausible range 0in to 0.5in"
    );
    // KDP takes custom paperback trims up to 8.5 x 11.69 in.
    let err = refusal("kdp", "paperback", "white", "8.5x11.6900001", 200);
    assert!(
        err.starts_with("trim 8.5x11.6900001in is not offered for kdp paperback white;"),
        "{err}"
    );
    assert!(
        err.ends_with("; or a custom trim from 4x6in to 8.5x11.69in"),
        "{err}"
    );
}

#[test]
fn a_vendor_that_rounds_odd_counts_up_computes_the_next_multiple() {
    let text = MINIMAL.replace("multiple = 4 }", "multiple = 4, round_up = true }");
    let mut catalog = Catalog::empty();
    catalog.add_stock("acme.toml", &text).unwrap();
    let spec = BookSpec::parse("acme", "paperback", "white", "148x210mm", 201).unwrap();
    let l = catalog.layout(&spec).unwrap();
    assert_eq!((l.spec.pages, l.rounded_from), (204, Some(201)));
    assert!((l.spine_width().to_mm() - 10.2).abs() < 1e-9);
    // 598 rounds up to 600, the maximum; 599 would be 600 too; 601 is beyond.
    let spec = BookSpec::parse("acme", "paperback", "white", "148x210mm", 601).unwrap();
    let err = catalog.layout(&spec).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PagesOutOfRange);
    assert_eq!(err.page_range(), Some(24..=600));
    // Without round_up the count is refused.
    let mut strict = Catalog::empty();
    strict.add_stock("acme.toml", MINIMAL).unwrap();
    let spec = BookSpec::parse("acme", "paperback", "white", "148x210mm", 201).unwrap();
    let err = strict.layout(&spec).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PagesNotMultiple);
    assert_eq!(err.page_multiple(), Some(4));
}

#[test]
fn absurd_stock_values_are_refused_with_their_plausible_range() {
    let cases = [
        // A 10-mile bleed, and one that overflows to infinity on the page.
        (
            ("value = \"3mm\"", "value = \"633600in\""),
            "binding \"paperback\" field \"bleed\": bleed 633600in is outside the plausible range 0in to 0.5in",
        ),
        (
            ("value = \"3mm\"", "value = \"1e300in\""),
            "binding \"paperback\" field \"bleed\": bleed 1e300in is outside the plausible range 0in to 0.5in",
        ),
        // Margins wider than the cover.

        (
            ("inset = \"5mm\"", "inset = \"100in\""),
            "binding \"paperback\" field \"safe_margin\": inset 100in is outside the plausible range 0in to 1in",
        ),
        // A 200 x 120 in barcode box.
        (
            ("width = \"50mm\", height = \"30mm\"", "width = \"200in\", height = \"120in\""),
            "binding \"paperback\" field \"barcode\": width 200in is outside the plausible range 0.5in to 6in",
        ),
        // 100 in per page.
        (
            ("per_page = \"0.05mm\"", "per_page = \"100in\""),
            "binding \"paperback\" paper \"white\" field \"spine\": per_page 100in is outside the plausible range 0.0005in to 0.01in",
        ),
        (
            ("spine_margin = { value = \"2mm\"", "spine_margin = { value = \"-2mm\""),
            "binding \"paperback\" field \"spine_margin\": spine_margin -0.07874in is outside the plausible range 0in to 0.5in",
        ),
        (
            ("[\"148x210mm\"]", "[\"148x210mm\", \"600x900\"]"),
            "binding \"paperback\" field \"trims\": trim 600x900in width 600in is outside the plausible range 2in to 24in",
        ),
        (
            ("value = 60,", "value = 4000000000,"),
            "binding \"paperback\" field \"spine_text_min_pages\": spine_text_min_pages 4000000000 is outside the plausible range 0 to 10000",
        ),
    ];
    for ((from, to), expected) in cases {
        let text = MINIMAL.replacen(from, to, 1);
        assert_ne!(text, MINIMAL, "{from}");
        assert_eq!(stock_error(&text), format!("acme.toml: {expected}"));
    }
    let narrow = MINIMAL
        .replace("inset = \"5mm\"", "inset = \"1in\"")
        .replace("[\"148x210mm\"]", "[\"2x3\"]");
    assert_eq!(
        stock_error(&narrow),
        "acme.toml: binding \"paperback\" field \"safe_margin\": inset 1in leaves no safe area on trim 2x3in"
    );
    // Negative board sizes beyond an inch, in a case binding.
    let case = MINIMAL
        .replace("kind = \"flat\"", "kind = \"case\"")
        .replace(
            "bleed = { value = \"3mm\", source = \"site\", confidence = \"published\" }",
            "wrap = { value = \"0.75in\", source = \"site\", confidence = \"published\" }\n\
             board = { value = { width = \"-5in\", height = \"0.25in\" }, source = \"site\", confidence = \"published\" }\n\
             hinge = { value = { width = \"0.4in\", placement = \"inside-board\" }, source = \"site\", confidence = \"published\" }",
        );
    assert_eq!(
        stock_error(&case),
        "acme.toml: binding \"paperback\" field \"board\": width -5in is outside the plausible range -1in to 1in"
    );
}

#[test]
fn a_layout_says_its_shape_once() {
    // The parts are one enum: a flat cover has neither boards nor flaps, and the derived values
    // follow the rectangles.
    let flat = common::layout("kdp", "paperback", "cream", "6x9", 318);
    assert_eq!(flat.kind(), podcover::layout::CoverKind::Flat);
    assert_eq!(flat.parts, podcover::layout::CoverParts::Flat);
    assert!(flat.case().is_none() && flat.jacket().is_none());
    assert_eq!(flat.bleed_box(), flat.sheet);
    assert_eq!(flat.spine_width(), flat.spine.width);
    assert_eq!(flat.folds(), [flat.spine.x, flat.spine.right()]);
    let case = common::layout("kdp", "hardcover", "white", "6x9", 300);
    assert_eq!(case.kind(), podcover::layout::CoverKind::Case);
    assert_eq!(case.case().unwrap().boards, [case.back, case.front]);

    // Serialised, the shape is the `kind` key and its parts sit beside the rectangles.
    let json = serde_json::to_value(&case).unwrap();
    assert_eq!(json["kind"], "case");
    assert!(json["boards"].is_array() && json["hinges"].is_array() && json["wrap"].is_string());
    assert_eq!(json["spec"]["vendor"], "kdp");
    let json = serde_json::to_value(&flat).unwrap();
    assert_eq!(json["kind"], "flat");
    assert!(json.get("boards").is_none() && json.get("flaps").is_none());
}

/// A stock file with a `[spine_table]` that its paper's spine names, and a template range wider
/// than what the vendor prints.
fn with_table(table: &str, spine: &str, template: &str) -> String {
    MINIMAL
        .replace(
            "[[binding]]",
            &format!("[spine_table.thin]\nsource = \"site\"\n{table}\n\n[[binding]]"),
        )
        .replace(
            "{ shape = \"per-page\", per_page = \"0.05mm\" }",
            &format!("{{ shape = \"series\", table = \"thin\"{spine} }}"),
        )
        .replace(
            "pages = { value = { min = 24, max = 600, multiple = 4 }, source = \"site\", confidence = \"published\" }",
            &format!("pages = {{ value = {{ min = 24, max = 600, multiple = 4 }}, source = \"site\", confidence = \"published\" }}\n{template}"),
        )
}

#[test]
fn spine_tables_and_template_ranges_in_stock_files() {
    let rows = "first = 24\nstep = 4\nwidths = [\"1mm\", \"1.2mm\", \"1.5mm\"]";
    let template = "template_pages = { value = { min = 24, max = 32 }, source = \"site\", confidence = \"calculator\" }";
    // The table alone covers 24 to 32 pages; the paper prints 24 to 600.
    assert_eq!(
        stock_error(&with_table(rows, "", "")),
        "acme.toml: binding \"paperback\" paper \"white\" field \"spine\": the rule gives no spine width for 36 pages, but pages allow 24 to 600"
    );
    let wide = "first = 24\nstep = 4\nwidths = [\"1mm\", \"1.2mm\", \"1.5mm\", \"30mm\"]";
    let text = with_table(wide, ", allowance = \"1mm\", minimum = \"2.5mm\"", "")
        .replace("max = 600", "max = 36");
    let mut catalog = Catalog::empty();
    catalog.add_stock("acme.toml", &text).unwrap();
    let at = |pages| {
        let spec = BookSpec::parse("acme", "paperback", "white", "148x210mm", pages).unwrap();
        catalog.layout(&spec).unwrap().spine_width().to_mm()
    };
    // 1.2 + 1 = 2.2 mm, raised to the 2.5 mm minimum; 1.5 + 1 = 2.5; 30 + 1 = 31.
    assert!((at(28) - 2.5).abs() < 1e-9);
    assert!((at(32) - 2.5).abs() < 1e-9);
    assert!((at(36) - 31.0).abs() < 1e-9);
    // A template range wider than what is printed: layouts beyond print with a warning.
    let text = with_table(wide, "", template).replace("max = 600", "max = 28");
    let text = text.replace("max = 32 }", "max = 36 }");
    let mut catalog = Catalog::empty();
    catalog.add_stock("acme.toml", &text).unwrap();
    let spec = BookSpec::parse("acme", "paperback", "white", "148x210mm", 32).unwrap();
    let l = catalog.layout(&spec).unwrap();
    assert_eq!(
        l.beyond_print_range.as_ref().unwrap().to_string(),
        "acme's calculator covers 24 to 36 pages of paperback white, but its printing limit is 24 to 28: 32 pages gives a template, not a book it will print"
    );
    assert_eq!(
        l.check_printable().unwrap_err().to_string(),
        "32 pages is out of range for acme paperback white: expected 24 to 28: the vendor's calculator covers 24 to 36 pages, so a template can be made, but it will not print the book"
    );
    let spec = BookSpec::parse("acme", "paperback", "white", "148x210mm", 40).unwrap();
    assert_eq!(
        catalog.layout(&spec).unwrap_err().to_string(),
        "40 pages is out of range for acme paperback white: expected 24 to 36 (the vendor's calculator covers 24 to 36; it prints 24 to 28)"
    );
    // Each field is checked, and the error names it.
    let cases = [
        (
            with_table("first = 24\nstep = 4\nwidths = [\"2mm\", \"1mm\"]", "", ""),
            "acme.toml: spine_table \"thin\": widths must never shrink: 0.039 in at 28 pages after 0.079 in",
        ),
        (
            with_table("first = 24\nstep = 0\nwidths = [\"1mm\", \"2mm\"]", "", ""),
            "acme.toml: spine_table \"thin\": step 0 is outside the plausible range 1 to 64",
        ),
        (
            with_table(rows, "", "").replace("table = \"thin\"", "table = \"thick\""),
            "acme.toml: binding \"paperback\" paper \"white\" field \"spine\": unknown spine table \"thick\"; expected one of: thin",
        ),
        (
            with_table(rows, "", "").replace("source = \"site\"\nfirst", "source = \"web\"\nfirst"),
            "acme.toml: spine_table \"thin\" field \"source\": unknown source \"web\"; expected one of: site",
        ),
        (
            with_table(rows, "", template.replace("min = 24, max = 32", "min = 40, max = 32").as_str()),
            "acme.toml: binding \"paperback\" paper \"white\" field \"template_pages\": min 40 and max 32 must satisfy 1 <= min <= max <= 10000",
        ),
        (
            with_table(rows, ", minimum = \"9in\"", ""),
            "acme.toml: binding \"paperback\" paper \"white\" field \"spine\": minimum 9in is outside the plausible range 0.001in to 6in",
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(stock_error(&text), expected);
    }
}

/// Products the vendors issue templates for are offered; where the calculator covers more than
/// the vendor prints, the layout warns instead of refusing.
#[test]
fn products_the_vendors_issue_templates_for() {
    // Lulu: Crown Quarto casewrap and Novella (5x8) coil and casewrap, Small Square casewrap
    // (Lulu's calculator and templates; paper-stocks/lulu.toml, source lulu-product-list).
    for (binding, trim) in [
        ("hardcover", "7.44x9.68"),
        ("hardcover", "5x8"),
        ("hardcover", "7.5x7.5"),
        ("coil", "5x8"),
    ] {
        let l = common::layout("lulu", binding, "white", trim, 100);
        assert_eq!(l.beyond_print_range, None, "lulu {binding} {trim}");
    }
    // KDP's calculator gives a groundwood spine up to 828 pages and standard-colour templates
    // below 72 pages: layouts with a warning, refused beyond that.
    for (paper, pages) in [("groundwood", 828), ("standard-color", 24)] {
        let l = common::layout("kdp", "paperback", paper, "6x9", pages);
        let beyond = l.beyond_print_range.as_ref().unwrap();
        assert!(
            beyond.to_string().starts_with("kdp's calculator covers"),
            "{beyond}"
        );
        let err = l.check_printable().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::PagesOutOfRange);
        assert_eq!(err.pages(), Some(pages));
    }
    assert!(refusal("kdp", "paperback", "groundwood", "6x9", 830).contains("out of range"));
    assert!(refusal("kdp", "paperback", "standard-color", "6x9", 22).contains("out of range"));
}

#[test]
fn colour_rules_are_data_checked_at_load() {
    use podcover::catalog::{InkLimit, PdfxVersion, Transparency};
    let catalog = Catalog::builtin();
    for binding in ["paperback", "hardcover", "jacket"] {
        let b = catalog
            .vendor("ingramspark".parse().unwrap())
            .unwrap()
            .binding(binding.parse().unwrap())
            .unwrap();
        let ink = b
            .ink_limit
            .as_ref()
            .expect("ingramspark states an ink limit");
        assert_eq!(
            ink.value,
            InkLimit {
                recommended: 240,
                rejected: 300
            }
        );
        assert!(ink
            .source
            .title
            .contains("INK COVERAGE EXCEEDS 300% CMYK ON THE COVER"));
        assert_eq!(
            b.pdfx.as_ref().unwrap().value,
            [PdfxVersion::X1a2001, PdfxVersion::X3_2002]
        );
        assert_eq!(
            b.transparency.as_ref().unwrap().value,
            Transparency::Flattened
        );
    }
    // Where no source says anything, the rules stay absent.
    let kdp = catalog.vendor("kdp".parse().unwrap()).unwrap();
    assert!(kdp
        .bindings
        .iter()
        .all(|b| b.ink_limit.is_none() && b.pdfx.is_none()));

    let with = |rules: &str| {
        MINIMAL.replacen(
            "trims = { value = [\"148x210mm\"]",
            &format!("{rules}\ntrims = {{ value = [\"148x210mm\"]"),
            1,
        )
    };
    let mut mine = Catalog::empty();
    mine.add_stock(
        "acme.toml",
        &with(
            "ink_limit = { value = { recommended = 260, rejected = 320 }, source = \"site\", confidence = \"published\" }\n\
             pdfx = { value = [\"PDF/X-4\"], source = \"site\", confidence = \"published\" }\n\
             transparency = { value = \"allowed\", source = \"site\", confidence = \"published\" }",
        ),
    )
    .unwrap();
    let product = mine
        .product(
            "acme".parse().unwrap(),
            "paperback".parse().unwrap(),
            "white".parse().unwrap(),
        )
        .unwrap();
    let rules: Vec<&str> = product.rules().iter().map(|r| r.rule).collect();
    for rule in ["ink_limit", "pdfx", "transparency"] {
        assert!(rules.contains(&rule), "{rule} missing from {rules:?}");
    }
    let cases = [
        (
            "ink_limit = { value = { recommended = 240, rejected = 450 }, source = \"site\", confidence = \"published\" }",
            "acme.toml: binding \"paperback\" field \"ink_limit\": rejected 450% is outside the plausible range 100% to 400%",
        ),
        (
            "ink_limit = { value = { recommended = 300, rejected = 240 }, source = \"site\", confidence = \"published\" }",
            "acme.toml: binding \"paperback\" field \"ink_limit\": recommended 300% is above rejected 240%: the recommended limit must be the lower",
        ),
        (
            "pdfx = { value = [\"PDF/X-1a:2001\", \"PDF/X-1a:2001\"], source = \"site\", confidence = \"published\" }",
            "acme.toml: binding \"paperback\" field \"pdfx\": lists PDF/X-1a:2001 twice",
        ),
        (
            "pdfx = { value = [], source = \"site\", confidence = \"published\" }",
            "acme.toml: binding \"paperback\" field \"pdfx\": lists no PDF/X version; leave the rule out where any PDF is accepted",
        ),
    ];
    for (rule, expected) in cases {
        assert_eq!(stock_error(&with(rule)), expected);
    }
    // An unknown version is refused by name.
    let err = stock_error(&with(
        "pdfx = { value = [\"PDF/X-2\"], source = \"site\", confidence = \"published\" }",
    ));
    assert!(
        err.contains("PDF/X-2") && err.contains("PDF/X-1a:2001"),
        "{err}"
    );
}
