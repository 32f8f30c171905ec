//! Preflight: is a finished cover PDF right for its vendor, binding, paper, trim and page count?

use std::fmt;

use lopdf::Dictionary;
use serde::Serialize;

use crate::catalog::{Binding, Catalog, ColorMode, Transparency};
use crate::color::TotalInk;
use crate::error::{PdfProblem, Result};
use crate::layout::CoverLayout;
use crate::pdf::{self, fail};
use crate::units::{decimals_apart, Judgement, Length, Matrix, Pdf, Rect, Sides, Unit, PRINT_PPI};

mod measure;
mod pdfx;
mod places;
mod scan;

pub(crate) use measure::ImageMeasures;

use places::{panel_at, Places};
use scan::{Fill, InkSpot, Painted, Scan};

/// A size within this of the expected one passes (printers' calculators round to 0.001 in).
const PASS_TOLERANCE: Length = Length::inches(0.005);
/// A size within this only warns: about how far vendors' own calculators and templates differ
/// from each other (0.4 mm). Beyond it, the cover was made for another page count, paper or
/// vendor.
const WARN_TOLERANCE: Length = Length::inches(0.015);
/// Bytes of content (page and forms, decompressed) read at most in one preflight. Content is
/// parsed whole before it is read, so this bounds memory too (to a few hundred MiB at worst).
const MAX_CONTENT: usize = 8 << 20;
/// Findings of one kind listed at most.
const MAX_LISTED: usize = 5;

/// The outcome of a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Fine.
    Pass,
    /// Worth a look; the vendor may accept it.
    Warn,
    /// The vendor will reject it, or it will print wrong.
    Fail,
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Verdict::Pass => "pass",
            Verdict::Warn => "warn",
            Verdict::Fail => "fail",
        })
    }
}

/// One check's result, with what was measured and what was expected.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Finding {
    /// The check, e.g. `size` or `fonts`.
    pub check: &'static str,
    /// Its outcome.
    pub status: Verdict,
    /// What was found, in words.
    pub message: String,
    /// The measured value, if the check measures one.
    pub measured: Option<String>,
    /// The expected value.
    pub expected: Option<String>,
}

/// Every finding for one cover file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Preflight {
    /// The worst status among the findings.
    pub status: Verdict,
    /// The spine width the file's size implies.
    pub implied_spine: Option<Length>,
    /// The findings, in the order checked.
    pub findings: Vec<Finding>,
}

fn finding(check: &'static str, status: Verdict, message: impl Into<String>) -> Finding {
    Finding {
        check,
        status,
        message: message.into(),
        measured: None,
        expected: None,
    }
}

fn in_mm(length: Length) -> String {
    format!(
        "{} in ({} mm)",
        length.rounded(Unit::In, 4),
        length.rounded(Unit::Mm, 2)
    )
}

/// A difference with its sign, in inches and millimetres; with more decimals where it would
/// print the same as one of the tolerances (`limits`) that graded it.
fn signed(diff: Length, limits: &[Length]) -> String {
    let abs = diff.abs();
    let shown = |unit: Unit, min: usize| {
        let limits: Vec<f64> = limits.iter().map(|l| l.to(unit)).collect();
        abs.rounded(unit, decimals_apart(abs.to(unit), &limits, min) as i32)
    };
    let inches = shown(Unit::In, 4);
    let sign = if diff < Length::ZERO && inches != 0.0 {
        "-"
    } else {
        "+"
    };
    format!("{sign}{inches} in ({sign}{} mm)", shown(Unit::Mm, 2))
}

fn grade(diff: Length) -> Verdict {
    grade_within(diff, WARN_TOLERANCE)
}

/// Pass within [`PASS_TOLERANCE`], warn within `warn`, fail beyond.
fn grade_within(diff: Length, warn: Length) -> Verdict {
    if diff.abs() <= PASS_TOLERANCE {
        Verdict::Pass
    } else if diff.abs() <= warn {
        Verdict::Warn
    } else {
        Verdict::Fail
    }
}

/// Checks a cover PDF against the layout it should have. `name` is used in messages.
///
/// What is checked: the page count; rotation; TrimBox and BleedBox (present, consistent, and
/// the sizes against the layout, MediaBox when they are missing); the spine width the file
/// implies; fonts used in printing content that are not embedded; the effective resolution of
/// placed images; colour other than CMYK and grey (RGB, ICC-based RGB, Lab, DeviceN) and spot
/// colour where the vendor wants CMYK; live transparency (opacity below 1, soft masks, blend
/// modes, transparency groups) where it wants it flattened; the PDF/X rules where it asks for
/// PDF/X (findings named `pdfx-...`); the highest total ink of what
/// shows (vector fills and strokes, text, and 8-bit CMYK or grey images stored uncompressed or
/// with Flate), with where it is, against the vendor's limits, and what could not be measured
/// (a warning where the vendor has a limit); and, on a best-effort basis,
/// a barcode in the vendor's box (100% K bars on a white box) and text that starts outside the
/// safe areas. Content in optional-content layers that do not print (such as a template's
/// guides) is skipped. Findings name where things are by the layout's panels ("the front
/// image", "a vector fill on the spine") and tell repeats once with their count.
///
/// An unreadable or encrypted file is an error (encryption is refused with
/// [`PdfProblem::Encrypted`](crate::error::PdfProblem)); everything else is a finding.
///
/// ```
/// use podcover::{BookSpec, Catalog, draw::{Template, TemplateOptions}, preflight::{self, Verdict}};
///
/// let catalog = Catalog::builtin();
/// let made_for = catalog.layout(&BookSpec::parse("kdp", "paperback", "cream", "6x9", 300)?)?;
/// let pdf = Template::new(&made_for, &TemplateOptions::new())?.to_pdf()?;
/// // Checked for the book it was made for, it passes ...
/// assert_eq!(preflight::check(catalog, &made_for, "cover.pdf", &pdf)?.status, Verdict::Pass);
/// // ... for 340 pages (a 0.85 in spine instead of 0.75 in), it fails.
/// let other = catalog.layout(&BookSpec::parse("kdp", "paperback", "cream", "6x9", 340)?)?;
/// let report = preflight::check(catalog, &other, "cover.pdf", &pdf)?;
/// assert_eq!(report.status, Verdict::Fail);
/// # Ok::<(), podcover::Error>(())
/// ```
pub fn check(
    catalog: &Catalog,
    layout: &CoverLayout,
    name: &str,
    bytes: &[u8],
) -> Result<Preflight> {
    check_with(catalog, layout, name, bytes, None)
}

/// [`check`], with the images `measures` holds measured already (by a hash of their stream's
/// bytes and how they decode), and those it measures kept there: the same findings, with each
/// distinct image decoded once however many covers it is in.
pub(crate) fn check_with(
    catalog: &Catalog,
    layout: &CoverLayout,
    name: &str,
    bytes: &[u8],
    measures: Option<&ImageMeasures<'_>>,
) -> Result<Preflight> {
    // The product's rules (tolerance, resolution, colour): an unknown product is an error,
    // never a quiet default.
    let spec = &layout.spec;
    let binding = catalog
        .product(spec.vendor, spec.binding, spec.paper)?
        .binding;
    let doc = pdf::load(name, bytes)?;
    let pages: Vec<_> = doc.page_iter().collect();
    let page_id = *pages
        .first()
        .ok_or_else(|| fail(name, PdfProblem::NoPages, "the file has no pages"))?;
    let page = doc
        .get_dictionary(page_id)
        .map_err(|e| fail(name, PdfProblem::Malformed, e))?;
    let mut findings = vec![pages_check(pages.len()), rotation_check(&doc, page)];

    let media = pdf::page_box(&doc, page, b"MediaBox")
        .ok_or_else(|| fail(name, PdfProblem::NoMediaBox, "page 1 has no valid MediaBox"))?;
    let trim = pdf::page_box(&doc, page, b"TrimBox");
    let bleed = pdf::page_box(&doc, page, b"BleedBox");
    let sheet = bleed.unwrap_or(media);
    findings.push(boxes_check(media, trim, bleed));
    size_checks(layout, sheet, trim, &mut findings);
    let (spine, implied) = spine_check(layout, binding, sheet, trim);
    findings.push(spine);

    let empty = Dictionary::new();
    let resources = pdf::inherited(&doc, page, b"Resources")
        .and_then(|r| r.as_dict().ok())
        .unwrap_or(&empty);
    let scan = scan_page(
        name,
        &doc,
        page_id,
        resources,
        layout,
        (sheet, trim),
        measures,
    )?;
    findings.push(fonts_check(&scan));
    findings.push(resolution_check(layout, binding, &scan));
    findings.push(color_check(layout, binding, &scan));
    let page_group = doc
        .get_dictionary(page_id)
        .ok()
        .and_then(|p| p.get(b"Group").ok())
        .and_then(|g| doc.dereference(g).ok())
        .and_then(|(_, g)| g.as_dict().ok())
        .and_then(|g| g.get(b"S").ok())
        .and_then(|s| s.as_name().ok())
        == Some(b"Transparency".as_slice());
    let vendor = spec.vendor.to_string();
    findings.push(transparency_check(binding, &vendor, &scan, page_group));
    if let Some(accepted) = &binding.pdfx {
        let page = pdfx::Page {
            dict: page,
            media,
            trim,
            bleed,
        };
        findings.extend(pdfx::checks(
            &doc,
            bytes,
            &page,
            &scan,
            &vendor,
            &accepted.value,
        ));
    }
    findings.extend(ink_checks(layout, binding, &scan));
    let required = binding.barcode_required.as_ref().is_some_and(|r| r.value);
    findings.push(barcode(layout, &scan.rects, required));
    findings.push(safe_text(layout, &scan.text_starts));
    findings.push(template_text(&scan.text));
    findings.push(bleed_reached(layout, &scan));
    if scan.truncated {
        findings.push(finding(
            "content",
            Verdict::Warn,
            "the page's content is too large or too deeply nested to read whole; content checks are partial",
        ));
    }
    let status = findings
        .iter()
        .map(|f| f.status)
        .max()
        .unwrap_or(Verdict::Pass);
    Ok(Preflight {
        status,
        implied_spine: Some(implied),
        findings,
    })
}

/// A cover is one page, the whole spread.
fn pages_check(pages: usize) -> Finding {
    if pages == 1 {
        finding("pages", Verdict::Pass, "one page")
    } else {
        finding(
            "pages",
            Verdict::Fail,
            format!("{pages} pages; a cover is one page, the whole spread"),
        )
    }
}

/// The page must not be rotated.
fn rotation_check(doc: &lopdf::Document, page: &Dictionary) -> Finding {
    let rotate = pdf::inherited(doc, page, b"Rotate")
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(0);
    if rotate.rem_euclid(360) == 0 {
        finding("rotation", Verdict::Pass, "not rotated")
    } else {
        finding(
            "rotation",
            Verdict::Fail,
            format!("the page is rotated by {rotate} degrees"),
        )
    }
}

/// TrimBox and BleedBox present, the TrimBox in the BleedBox and both in the MediaBox.
fn boxes_check(media: Rect<Pdf>, trim: Option<Rect<Pdf>>, bleed: Option<Rect<Pdf>>) -> Finding {
    let sheet = bleed.unwrap_or(media);
    let inside = |inner: Rect<Pdf>, outer: Rect<Pdf>| outer.contains(&inner);
    let mut boxes = Vec::new();
    if trim.is_none() {
        boxes.push("no TrimBox: sizes are read from the MediaBox".to_string());
    }
    if bleed.is_none() {
        boxes.push("no BleedBox".to_string());
    }
    let consistent = trim.is_none_or(|t| inside(t, sheet)) && inside(sheet, media);
    if !consistent {
        finding(
            "boxes",
            Verdict::Fail,
            "the boxes are inconsistent: the TrimBox must lie in the BleedBox, and both in the MediaBox",
        )
    } else if boxes.is_empty() {
        finding("boxes", Verdict::Pass, "TrimBox and BleedBox present")
    } else {
        finding("boxes", Verdict::Warn, boxes.join("; "))
    }
}

/// The sheet's size, and the trim's where the file has a TrimBox, against the layout's.
fn size_checks(
    layout: &CoverLayout,
    sheet: Rect<Pdf>,
    trim: Option<Rect<Pdf>>,
    findings: &mut Vec<Finding>,
) {
    let mut size = |what: &'static str, measured: Length, expected: Length| {
        let diff = measured - expected;
        findings.push(Finding {
            check: "size",
            status: grade(diff),
            message: format!("{what} {}", signed(diff, &[PASS_TOLERANCE, WARN_TOLERANCE])),
            measured: Some(in_mm(measured)),
            expected: Some(in_mm(expected)),
        });
    };
    size("sheet width", sheet.width, layout.sheet.width);
    size("sheet height", sheet.height, layout.sheet.height);
    if let Some(t) = trim {
        size("trim width", t.width, layout.trim_box.width);
        size("trim height", t.height, layout.trim_box.height);
    }
}

/// The spine width the file's width implies, graded against the vendor's own stated variance;
/// with that width.
fn spine_check(
    layout: &CoverLayout,
    binding: &Binding,
    sheet: Rect<Pdf>,
    trim: Option<Rect<Pdf>>,
) -> (Finding, Length) {
    let (measured_width, expected_width) = match trim {
        Some(t) => (t.width, layout.trim_box.width),
        None => (sheet.width, layout.sheet.width),
    };
    let implied = measured_width - (expected_width - layout.spine_width());
    let spine_diff = implied - layout.spine_width();
    let spine_tolerance = binding.spine_tolerance.value;
    let spine_status = grade_within(spine_diff, spine_tolerance);
    let within = match spine_status {
        Verdict::Warn => format!(
            "; within {}'s spine tolerance of {}",
            layout.spec.vendor,
            in_mm(spine_tolerance)
        ),
        Verdict::Fail => format!(
            "; beyond {}'s spine tolerance of {}",
            layout.spec.vendor,
            in_mm(spine_tolerance)
        ),
        Verdict::Pass => String::new(),
    };
    let finding = Finding {
        check: "spine",
        status: spine_status,
        message: if implied > Length::ZERO {
            format!(
                "the file implies a {} spine; {} {} {} with {} pages needs {} ({}){within}",
                in_mm(implied),
                layout.spec.vendor,
                layout.spec.binding,
                layout.spec.paper,
                layout.spec.pages,
                in_mm(layout.spine_width()),
                signed(spine_diff, &[PASS_TOLERANCE, spine_tolerance])
            )
        } else {
            format!(
                "the file is {} wide, {} narrower than a cover without a spine: it is not a \
                 full cover for {} {} {} ({} with {} pages needs a {} spine)",
                in_mm(measured_width),
                in_mm(-implied),
                layout.spec.vendor,
                layout.spec.binding,
                layout.spec.paper,
                layout.spec.trim,
                layout.spec.pages,
                in_mm(layout.spine_width())
            )
        },
        measured: Some(in_mm(implied)),
        expected: Some(in_mm(layout.spine_width())),
    };
    (finding, implied)
}

/// Scans the page's content (with its `resources`) in the layout's coordinates. Content that
/// does not parse is reported by the scan (`truncated`); the error is a reader's failure.
fn scan_page<'a>(
    name: &'a str,
    doc: &'a lopdf::Document,
    page_id: lopdf::ObjectId,
    resources: &'a Dictionary,
    layout: &'a CoverLayout,
    (sheet, trim): (Rect<Pdf>, Option<Rect<Pdf>>),
    measures: Option<&'a ImageMeasures<'a>>,
) -> Result<Scan<'a>> {
    // Map page coordinates onto the layout's. The page's boxes are in PDF's coordinates (from
    // the lower-left corner, `y` upwards): first onto the layout's boxes in those, then
    // turned over, so that everything the scan finds is measured from the sheet's top-left
    // corner, `y` downwards, as the layout is.
    let to_pdf = layout.sheet_to_pdf();
    let (dx, dy) = match trim {
        Some(t) => {
            let to = to_pdf.rect(layout.trim_box);
            (to.x - t.x, to.y - t.y)
        }
        None => {
            let to = to_pdf.rect(layout.sheet);
            (to.x - sheet.x, to.y - sheet.y)
        }
    };
    let mut scan = Scan::new(name, doc, layout, MAX_CONTENT);
    scan.measures = measures;
    let content = pdf::untrusted(name, "the PDF stream decoder", || {
        doc.get_page_content_with_limit(page_id, MAX_CONTENT)
    })?
    .unwrap_or_else(|_| {
        scan.truncated = true;
        Vec::new()
    });
    let ctm = Matrix::translate(dx.to_pt(), dy.to_pt()).then(to_pdf.inverse().matrix());
    let scan = pdf::large_stack(|| {
        scan.run(&content, resources, ctm, None, 0);
        scan
    })?;
    match scan.failed {
        Some(e) => Err(e),
        None => Ok(scan),
    }
}

/// Every font in printing content must be embedded.
fn fonts_check(scan: &Scan) -> Finding {
    if scan.unembedded.is_empty() {
        finding(
            "fonts",
            Verdict::Pass,
            "every font in printing content is embedded",
        )
    } else {
        finding(
            "fonts",
            Verdict::Fail,
            format!(
                "fonts not embedded: {}",
                scan.unembedded
                    .iter()
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
    }
}

/// Placed images judged by the one resolution rule ([`Resolution::judge`]): under the vendor's
/// minimum a failure, under the resolution print needs a warning.
fn resolution_check(layout: &CoverLayout, binding: &Binding, scan: &Scan) -> Finding {
    if !scan.invalid_images.is_empty() {
        return finding(
            "resolution",
            Verdict::Fail,
            format!(
                "images with no valid size (width and height must be positive): {}",
                scan.invalid_images
                    .iter()
                    .take(MAX_LISTED)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
    }
    let vendor = binding.enforced_min_image_ppi();
    let listed = |keep: &dyn Fn(Judgement) -> bool| -> Places {
        let mut places = Places::default();
        for (n, r) in scan.low_res.iter().filter(|(_, r)| keep(r.judge(vendor))) {
            places.add(format!("{n} at {r}"));
        }
        places
    };
    let refused = listed(&|j| matches!(j, Judgement::Refused(_)));
    if let (false, Some(min)) = (refused.is_empty(), vendor) {
        return finding(
            "resolution",
            Verdict::Fail,
            format!(
                "images under {min} ppi where placed: {}",
                refused.told(MAX_LISTED)
            ),
        );
    }
    let soft = listed(&|j| j == Judgement::Soft);
    if soft.is_empty() {
        let min = vendor.map_or(PRINT_PPI, |v| v.max(PRINT_PPI));
        return finding(
            "resolution",
            Verdict::Pass,
            format!("{} placed image(s), none under {min} ppi", scan.images),
        );
    }
    let asks = match (vendor, &binding.min_image_ppi) {
        (Some(v), _) => format!("{} asks for at least {v}", layout.spec.vendor),
        (None, Some(about)) => format!(
            "{} publishes no minimum for this binding; {} is an estimate",
            layout.spec.vendor, about.value
        ),
        (None, None) => format!("{} names no minimum", layout.spec.vendor),
    };
    finding(
        "resolution",
        Verdict::Warn,
        format!(
            "images under {PRINT_PPI} ppi (the usual print resolution; {asks}) where placed: {}",
            soft.told(MAX_LISTED)
        ),
    )
}

/// Colour other than CMYK and grey (RGB, calibrated or ICC-based RGB, Lab, DeviceN) and spot
/// colour, where it shows: a failure where the binding wants CMYK, noted otherwise.
fn color_check(layout: &CoverLayout, binding: &Binding, scan: &Scan) -> Finding {
    let mut colour: Vec<String> = scan
        .spaces
        .iter()
        .filter(|(space, _)| space.not_cmyk())
        .map(|(space, places)| format!("{} in {}", space.words(), places.told(MAX_LISTED)))
        .collect();
    if !scan.spot.is_empty() {
        colour.push(format!(
            "spot colour {}",
            scan.spot.iter().cloned().collect::<Vec<_>>().join(", ")
        ));
    }
    match (colour.is_empty(), binding.color.as_ref().map(|c| c.value)) {
        (true, _) => finding("color", Verdict::Pass, "CMYK and grey only"),
        (false, Some(ColorMode::Cmyk)) => finding(
            "color",
            Verdict::Fail,
            format!(
                "{} wants CMYK: {}; convert them to CMYK (or export the cover as PDF/X-1a, which \
                 does)",
                layout.spec.vendor,
                colour.join("; ")
            ),
        ),
        (false, _) => finding(
            "color",
            Verdict::Pass,
            format!("{} (accepted by {})", colour.join("; "), layout.spec.vendor),
        ),
    }
}

/// Live transparency (opacity below 1, soft masks, blend modes other than Normal, transparency
/// groups) where it shows: a failure where the binding wants it flattened.
fn transparency_check(binding: &Binding, vendor: &str, scan: &Scan, page_group: bool) -> Finding {
    let mut found = scan.transparency.clone();
    if page_group {
        found.add("a transparency group: the page");
    }
    let flattened = binding
        .transparency
        .as_ref()
        .is_some_and(|t| t.value == Transparency::Flattened);
    match (found.is_empty(), flattened) {
        (true, _) => finding("transparency", Verdict::Pass, "no live transparency"),
        (false, true) => finding(
            "transparency",
            Verdict::Fail,
            format!(
                "{vendor} wants transparency flattened: {}; flatten it when exporting (PDF/X-1a \
                 does), or make those parts opaque",
                found.told(MAX_LISTED)
            ),
        ),
        (false, false) => finding(
            "transparency",
            Verdict::Pass,
            format!("live transparency: {}", found.told(MAX_LISTED)),
        ),
    }
}

/// Inks as whole percents, e.g. `100/100/100/100`.
fn percents(c: crate::draw::Cmyk) -> String {
    [c.c, c.m, c.y, c.k]
        .map(|v| format!("{:.0}", f64::from(v.clamp(0.0, 1.0)) * 100.0))
        .join("/")
}

/// The highest total ink over what shows (vector fills and strokes, text, and the images that
/// can be decoded here), against the vendor's limits: a warning above the recommended one, a
/// failure above the one it rejects; and what could not be measured, as a warning where the
/// vendor has a limit.
fn ink_checks(layout: &CoverLayout, binding: &Binding, scan: &Scan) -> Vec<Finding> {
    let vendor = layout.spec.vendor;
    let limit = binding.ink_limit.as_ref().map(|l| l.value);
    let mut findings = Vec::new();
    let name = |spot: &InkSpot| match spot.what {
        Painted::Fill => "a vector fill".to_string(),
        Painted::Stroke => "a vector stroke".to_string(),
        Painted::Text => "text".to_string(),
        Painted::Image(i) => scan.image_names[i].clone(),
    };
    let ink = match (scan.ink, limit) {
        (None, _) => finding(
            "ink",
            Verdict::Pass,
            "no ink measured: nothing printing in CMYK or grey",
        ),
        (Some(spot), limit) => {
            let what = name(&spot);
            // An image on one panel is named by it; else the panel of the spot is told.
            let on = match spot.what {
                Painted::Image(_) if !what.starts_with("the image across") => String::new(),
                _ => format!(" on {}", panel_at(layout, spot.at)),
            };
            let place = format!(
                "{} ({}) in {what}{on} at ({}, {}) in from the sheet's top-left",
                spot.ink,
                percents(spot.cmyk),
                spot.at.0.rounded(Unit::In, 2),
                spot.at.1.rounded(Unit::In, 2)
            );
            let Some(limit) = limit else {
                return vec![Finding {
                    measured: Some(spot.ink.to_string()),
                    ..finding(
                        "ink",
                        Verdict::Pass,
                        format!("highest total ink {place}; {vendor} states no ink limit"),
                    )
                }];
            };
            let recommended = TotalInk::from_percent(limit.recommended);
            let rejected = TotalInk::from_percent(limit.rejected);
            let fix = if matches!(spot.what, Painted::Image(_)) {
                format!(
                    "reduce the ink of {what} below {}%: convert it to CMYK with a {}% total ink limit (rich black 60/40/40/100)",
                    limit.recommended, limit.recommended
                )
            } else {
                format!(
                    "reduce the ink of {what} below {}%: e.g. rich black 60/40/40/100, or 0/0/0/100 for black text",
                    limit.recommended
                )
            };
            let (status, message) = if spot.ink > rejected {
                (
                    Verdict::Fail,
                    format!(
                        "total ink {place}: {vendor} rejects covers over {}%; {fix}",
                        limit.rejected
                    ),
                )
            } else if spot.ink > recommended {
                (
                    Verdict::Warn,
                    format!(
                        "total ink {place}: above the {}% {vendor} recommends (it rejects over {}%); {fix}",
                        limit.recommended, limit.rejected
                    ),
                )
            } else {
                (
                    Verdict::Pass,
                    format!(
                        "highest total ink {place}: within the {}% {vendor} recommends",
                        limit.recommended
                    ),
                )
            };
            Finding {
                check: "ink",
                status,
                message,
                measured: Some(spot.ink.to_string()),
                expected: Some(format!("at most {}%", limit.recommended)),
            }
        }
    };
    findings.push(ink);
    if let (Some(limit), false) = (limit, scan.unmeasured.is_empty()) {
        findings.push(finding(
            "ink",
            Verdict::Warn,
            format!(
                "not measured: {}; check their total ink in a separation preview, or export them as CMYK within {}% without compression other than Flate",
                scan.unmeasured.told(MAX_LISTED),
                limit.recommended
            ),
        ));
    }
    findings
}

/// The barcode check: dark thin bars in the vendor's box, 100% K, on a white box.
fn barcode(layout: &CoverLayout, rects: &[(Rect, Fill)], required: bool) -> Finding {
    let area = layout.barcode.outset(Sides::uniform(Length::inches(0.25)));
    let thin = Length::mm(1.5);
    let bars: Vec<&(Rect, Fill)> = rects
        .iter()
        .filter(|(r, f)| {
            area.contains(r) && r.width < thin && r.height > r.width * 4.0 && f.is_dark()
        })
        .collect();
    if bars.len() < 20 {
        let (verdict, why) = if required {
            (Verdict::Fail, "; the vendor requires one on the back cover")
        } else {
            (Verdict::Pass, "")
        };
        return finding(
            "barcode",
            verdict,
            format!(
                "no barcode found in the vendor's box (checked: thin dark filled rectangles){why}"
            ),
        );
    }
    let rich = bars
        .iter()
        .filter(|(_, f)| matches!(f, Fill::Cmyk(c, m, y, k) if *k > 0.5 && c + m + y > 0.0))
        .count();
    let not_k = bars
        .iter()
        .filter(|(_, f)| !matches!(f, Fill::Cmyk(..)))
        .count();
    let union = bars.iter().fold(bars[0].0, |u, (r, _)| {
        let x = u.x.min(r.x);
        let y = u.y.min(r.y);
        Rect::new(
            x,
            y,
            u.right().max(r.right()) - x,
            u.bottom().max(r.bottom()) - y,
        )
    });
    let white = rects
        .iter()
        .any(|(r, f)| f.is_white() && r.contains(&union));
    if rich > 0 {
        finding(
            "barcode",
            Verdict::Fail,
            format!(
                "{rich} of {} bars are rich black; bars must be 100% K",
                bars.len()
            ),
        )
    } else if not_k > 0 {
        finding(
            "barcode",
            Verdict::Warn,
            format!("{not_k} of {} bars are not CMYK 100% K", bars.len()),
        )
    } else if !white {
        finding(
            "barcode",
            Verdict::Warn,
            format!(
                "{} bars in 100% K, but no white box behind them",
                bars.len()
            ),
        )
    } else {
        finding(
            "barcode",
            Verdict::Pass,
            format!("{} bars in 100% K on a white box", bars.len()),
        )
    }
}

/// Text must start inside a safe area (best effort: start points only).
/// Words of podcover's (and most vendors') templates that no cover prints.
const TEMPLATE_WORDS: [&str; 6] = [
    "back cover",
    "front cover",
    "back flap",
    "front flap",
    "guides do not print",
    "safe area",
];

/// Template labels left on a printing layer (a PDF exported with the guides showing).
fn template_text(text: &[u8]) -> Finding {
    // Words apart by any run of spaces (a label's words may be set apart by kerning too).
    let text = String::from_utf8_lossy(text).to_lowercase();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let found: Vec<&str> = TEMPLATE_WORDS
        .iter()
        .copied()
        .filter(|w| text.contains(w))
        .collect();
    if found.is_empty() {
        finding(
            "template",
            Verdict::Pass,
            "no template labels in printing text (checked: text in fonts with a simple encoding)",
        )
    } else {
        finding(
            "template",
            Verdict::Warn,
            format!(
                "template labels print: {}; hide the template's guides layer before exporting",
                found
                    .iter()
                    .map(|w| format!("{w:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
    }
}

/// Whether images and filled rectangles reach the sheet's edges, sampled along the middle of
/// the bleed (or wrap) on every side, as far as they show inside their clips. Where none does,
/// art that reaches as far inside the trim (placed at the trim, or clipped there) stops at the
/// trim on that side.
fn bleed_reached(layout: &CoverLayout, scan: &Scan) -> Finding {
    let (sheet, trim) = (layout.sheet, layout.trim_box);
    let covered = |x: Length, y: Length| {
        let p = Rect::new(x, y, Length::ZERO, Length::ZERO);
        scan.image_rects.iter().any(|r| r.contains(&p))
            || scan
                .rects
                .iter()
                .any(|(r, f)| !f.is_white() && r.contains(&p))
    };
    let step = Length::inches(0.25);
    let mut blank: Vec<&str> = Vec::new();
    let mid_x_left = (sheet.x + trim.x) / 2.0;
    let mid_x_right = (sheet.right() + trim.right()) / 2.0;
    let mid_y_top = (sheet.top() + trim.top()) / 2.0;
    let mid_y_bottom = (sheet.bottom() + trim.bottom()) / 2.0;
    let along = |from: Length, to: Length| {
        let n = ((to - from) / step).floor().max(1.0) as usize;
        (0..=n).map(move |i| from + (to - from) * (i as f64 / n as f64))
    };
    let sides: [(&str, Vec<(Length, Length)>); 4] = [
        (
            "left",
            along(trim.top(), trim.bottom())
                .map(|y| (mid_x_left, y))
                .collect(),
        ),
        (
            "right",
            along(trim.top(), trim.bottom())
                .map(|y| (mid_x_right, y))
                .collect(),
        ),
        (
            "top",
            along(trim.x, trim.right())
                .map(|x| (x, mid_y_top))
                .collect(),
        ),
        (
            "bottom",
            along(trim.x, trim.right())
                .map(|x| (x, mid_y_bottom))
                .collect(),
        ),
    ];
    // The same points mirrored across the trim: as far inside it as they are outside.
    let inside = |(x, y): (Length, Length)| {
        let x = if x < trim.x {
            trim.x * 2.0 - x
        } else if x > trim.right() {
            trim.right() * 2.0 - x
        } else {
            x
        };
        let y = if y < trim.top() {
            trim.top() * 2.0 - y
        } else if y > trim.bottom() {
            trim.bottom() * 2.0 - y
        } else {
            y
        };
        (x, y)
    };
    let mut reached = 0;
    let mut at_trim: Vec<&str> = Vec::new();
    for (side, points) in &sides {
        let missing = points.iter().filter(|(x, y)| !covered(*x, *y)).count();
        reached += points.len() - missing;
        if missing > 0 {
            blank.push(side);
        }
        if points
            .iter()
            .map(|p| inside(*p))
            .any(|(x, y)| covered(x, y))
        {
            at_trim.push(side);
        }
    }
    if reached == 0 {
        // Nothing reaches the bleed: where art reaches the trim, it stops there.
        blank = at_trim;
    }
    let what = "checked: images and filled rectangles, every 0.25 in along the middle of the bleed";
    if reached == 0 && blank.is_empty() {
        // Nothing reaches any edge: a template, or art made only of shapes the scan does not
        // follow; nothing to tell.
        finding(
            "bleed",
            Verdict::Pass,
            format!("not told: no image or filled rectangle reaches the bleed ({what})"),
        )
    } else if blank.is_empty() {
        finding(
            "bleed",
            Verdict::Pass,
            format!("the artwork reaches the sheet's edge on every side ({what})"),
        )
    } else if scan.shapes > 0 {
        finding(
            "bleed",
            Verdict::Pass,
            format!(
                "not told: the artwork has shapes other than rectangles, which are not followed ({what})"
            ),
        )
    } else {
        finding(
            "bleed",
            Verdict::Warn,
            format!(
                "the artwork may not reach the sheet's edge on the {} side(s): a blank strip would show after trimming ({what})",
                blank.join(", ")
            ),
        )
    }
}

fn safe_text(layout: &CoverLayout, starts: &[(Length, Length)]) -> Finding {
    let mut safe = vec![layout.back_safe, layout.front_safe];
    safe.extend(layout.spine_safe);
    if let Some(j) = layout.jacket() {
        safe.extend(j.flap_safe);
    }
    let outside: Vec<String> = starts
        .iter()
        .filter(|(x, y)| {
            let point = Rect::new(*x, *y, Length::ZERO, Length::ZERO);
            !safe.iter().any(|s| s.contains(&point))
        })
        .take(MAX_LISTED)
        .map(|(x, y)| {
            format!(
                "({}, {}) in",
                x.rounded(Unit::In, 2),
                y.rounded(Unit::In, 2)
            )
        })
        .collect();
    if outside.is_empty() {
        finding(
            "safe",
            Verdict::Pass,
            format!(
                "{} text run(s), all starting in safe areas (checked: start points)",
                starts.len()
            ),
        )
    } else {
        finding(
            "safe",
            Verdict::Warn,
            format!(
                "text starts outside the safe areas or on a fold at {} from the sheet's top-left corner",
                outside.join(", ")
            ),
        )
    }
}
