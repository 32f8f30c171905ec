//! The PDF/X rules (ISO 15930-1, PDF/X-1a:2001, and what the other versions a vendor takes
//! change), for products whose stock data asks for PDF/X: each rule a finding named
//! `pdfx-...` that says what to do.
//!
//! Rules that decide what prints (colour spaces, transfer functions, layers) fail whether or not
//! the file claims PDF/X; the file's identification (header, /ID, Info keys, output intent,
//! compression) fails a file that claims PDF/X, and warns on one that does not (the vendor asks
//! for PDF/X; a plain PDF may still be taken).

use lopdf::{Dictionary, Document, Object};

use crate::catalog::PdfxVersion;
use crate::units::{Pdf, Rect};

use super::scan::Scan;
use super::{finding, Finding, Verdict, MAX_LISTED};

/// The fix every identification rule shares.
const EXPORT: &str = "export the cover as PDF/X-1a:2001 from your layout program";

/// What the PDF/X rules need of the page beyond the scan.
pub(super) struct Page<'a> {
    pub(super) dict: &'a Dictionary,
    pub(super) media: Rect<Pdf>,
    pub(super) trim: Option<Rect<Pdf>>,
    pub(super) bleed: Option<Rect<Pdf>>,
}

fn text(doc: &Document, o: &Object) -> Option<String> {
    match doc.dereference(o).ok()?.1 {
        Object::String(bytes, _) => Some(String::from_utf8_lossy(bytes).into_owned()),
        Object::Name(n) => Some(String::from_utf8_lossy(n).into_owned()),
        _ => None,
    }
}

fn dict<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Dictionary> {
    match doc.dereference(o).ok()?.1 {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

/// The PDF version a PDF/X version is built on.
fn base_version(version: PdfxVersion) -> &'static str {
    match version {
        PdfxVersion::X1a2001 | PdfxVersion::X3_2002 => "1.3",
        PdfxVersion::X1a2003 | PdfxVersion::X3_2003 => "1.4",
        PdfxVersion::X4 => "1.6",
    }
}

fn parse_version(text: &str) -> Option<PdfxVersion> {
    Some(match text.trim() {
        "PDF/X-1:2001" | "PDF/X-1a:2001" => PdfxVersion::X1a2001,
        "PDF/X-1a:2003" => PdfxVersion::X1a2003,
        "PDF/X-3:2002" => PdfxVersion::X3_2002,
        "PDF/X-3:2003" => PdfxVersion::X3_2003,
        t if t.starts_with("PDF/X-4") => PdfxVersion::X4,
        _ => return None,
    })
}

/// The PDF/X findings for a file a vendor wants as one of `accepted`.
pub(super) fn checks(
    doc: &Document,
    bytes: &[u8],
    page: &Page,
    scan: &Scan,
    vendor: &str,
    accepted: &[PdfxVersion],
) -> Vec<Finding> {
    let accepted_words = accepted
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" or ");
    let info = doc.trailer.get(b"Info").ok().and_then(|i| dict(doc, i));
    let key = |k: &[u8]| info.and_then(|i| i.get(k).ok()).and_then(|v| text(doc, v));
    let declared_text = key(b"GTS_PDFXVersion");
    let declared = declared_text.as_deref().and_then(parse_version);
    // Identification: a failure in a file that claims PDF/X, else a warning.
    let id_status = if declared_text.is_some() {
        Verdict::Fail
    } else {
        Verdict::Warn
    };
    // The version whose rules apply: the one claimed, else the first the vendor takes.
    let rules = declared
        .filter(|d| accepted.contains(d))
        .or_else(|| accepted.first().copied())
        .unwrap_or(PdfxVersion::X1a2001);
    let x1a = matches!(rules, PdfxVersion::X1a2001 | PdfxVersion::X1a2003);
    let mut findings = Vec::new();

    // Which version the file claims.
    findings.push(match (&declared_text, declared) {
        (None, _) => finding(
            "pdfx-version",
            Verdict::Warn,
            format!(
                "the file is not PDF/X (no GTS_PDFXVersion in its Info); {vendor} asks for \
                 {accepted_words}: {EXPORT}"
            ),
        ),
        (Some(t), Some(v)) if accepted.contains(&v) => {
            let conformance = key(b"GTS_PDFXConformance");
            match (x1a, conformance.as_deref()) {
                (true, Some(c)) if c.starts_with("PDF/X-1a") => finding(
                    "pdfx-version",
                    Verdict::Pass,
                    format!("PDF/X version {t}, conformance {c}"),
                ),
                (true, c) => finding(
                    "pdfx-version",
                    Verdict::Fail,
                    format!(
                        "GTS_PDFXConformance is {}, not PDF/X-1a:2001: {EXPORT}",
                        c.map_or("missing".to_string(), |c| format!("{c:?}"))
                    ),
                ),
                (false, _) => finding("pdfx-version", Verdict::Pass, format!("PDF/X version {t}")),
            }
        }
        (Some(t), _) => finding(
            "pdfx-version",
            Verdict::Fail,
            format!("the file claims {t:?}; {vendor} takes {accepted_words}: {EXPORT}"),
        ),
    });

    // The header.
    let header = bytes
        .get(..16)
        .and_then(|h| h.strip_prefix(b"%PDF-"))
        .map(|h| {
            String::from_utf8_lossy(
                &h[..h
                    .iter()
                    .position(|b| b.is_ascii_whitespace())
                    .unwrap_or(h.len())],
            )
            .into_owned()
        })
        .unwrap_or_default();
    let allowed = base_version(rules);
    let catalog_version = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Version").ok())
        .and_then(|v| text(doc, v));
    let effective = catalog_version.clone().unwrap_or(header.clone());
    findings.push(if effective.as_str() <= allowed && !header.is_empty() {
        finding(
            "pdfx-header",
            Verdict::Pass,
            format!("PDF {effective}, as {rules} allows"),
        )
    } else {
        finding(
            "pdfx-header",
            id_status,
            format!(
                "the file is PDF {}{}; {rules} is PDF {allowed} at most: {EXPORT}",
                if header.is_empty() { "?" } else { &header },
                catalog_version.map_or(String::new(), |v| format!(" (version {v} in its catalog)"))
            ),
        )
    });

    // The trailer's /ID.
    let id_ok = doc
        .trailer
        .get(b"ID")
        .ok()
        .and_then(|id| doc.dereference(id).ok())
        .and_then(|(_, id)| id.as_array().ok())
        .is_some_and(|a| a.len() == 2 && a.iter().all(|s| s.as_str().is_ok()));
    findings.push(if id_ok {
        finding("pdfx-id", Verdict::Pass, "the trailer has a file /ID")
    } else {
        finding(
            "pdfx-id",
            id_status,
            format!("the trailer has no file /ID (two strings), which PDF/X requires: {EXPORT}"),
        )
    });

    // The Info dictionary.
    let mut missing: Vec<&str> = [&b"Title"[..], b"CreationDate", b"ModDate"]
        .iter()
        .filter(|k| key(k).is_none_or(|v| v.trim().is_empty()))
        .map(|k| std::str::from_utf8(k).unwrap_or("?"))
        .collect();
    let trapped = key(b"Trapped");
    if !matches!(trapped.as_deref(), Some("True" | "False")) {
        missing.push("Trapped (True or False)");
    }
    findings.push(if missing.is_empty() {
        finding(
            "pdfx-info",
            Verdict::Pass,
            "Info has Title, CreationDate, ModDate and Trapped",
        )
    } else {
        finding(
            "pdfx-info",
            id_status,
            format!(
                "Info lacks {}, which PDF/X requires: {EXPORT}",
                missing.join(", ")
            ),
        )
    });

    findings.push(output_intent(doc, id_status));

    // Colour spaces: PDF/X-1a takes only CMYK, grey and separations.
    if x1a {
        let other: Vec<String> = scan
            .spaces
            .iter()
            .filter(|(space, _)| !space.in_pdfx1a())
            .map(|(space, places)| format!("{} in {}", space.words(), places.told(MAX_LISTED)))
            .collect();
        // RGB, Lab and DeviceN print as the printer converts them; ICC-based CMYK and grey as
        // they are, so those only break the file's PDF/X conformance.
        let colour_fails = scan.spaces.keys().any(|s| s.not_cmyk());
        findings.push(if other.is_empty() {
            finding(
                "pdfx-color",
                Verdict::Pass,
                "only DeviceCMYK, DeviceGray and Separation colour",
            )
        } else {
            finding(
                "pdfx-color",
                if colour_fails {
                    Verdict::Fail
                } else {
                    id_status
                },
                format!(
                    "{}: PDF/X-1a takes only DeviceCMYK, DeviceGray and Separation colour; convert \
                     them to CMYK without embedded profiles ({EXPORT})",
                    other.join("; ")
                ),
            )
        });
    }

    // Compression PDF/X-1a:2001 does not know, transfer functions, layers: over every object.
    let mut filters = std::collections::BTreeSet::new();
    let mut transfer = 0;
    for d in dictionaries(doc) {
        let names: Vec<Vec<u8>> = match d.get(b"Filter").ok().and_then(|f| doc.dereference(f).ok())
        {
            Some((_, Object::Name(n))) => vec![n.clone()],
            Some((_, Object::Array(a))) => a
                .iter()
                .filter_map(|f| f.as_name().ok().map(<[u8]>::to_vec))
                .collect(),
            _ => Vec::new(),
        };
        for n in names {
            if matches!(n.as_slice(), b"LZWDecode" | b"JBIG2Decode" | b"JPXDecode") {
                filters.insert(String::from_utf8_lossy(&n).into_owned());
            }
        }
        for k in [&b"TR"[..], b"TR2"] {
            if let Ok(v) = d.get(k) {
                let identity = matches!(doc.dereference(v), Ok((_, Object::Name(n))) if n == b"Identity" || n == b"Default");
                if !identity {
                    transfer += 1;
                }
            }
        }
    }
    findings.push(if filters.is_empty() {
        finding(
            "pdfx-compression",
            Verdict::Pass,
            "no LZW, JBIG2 or JPEG 2000 data",
        )
    } else {
        let names: Vec<String> = filters.into_iter().collect();
        finding(
            "pdfx-compression",
            id_status,
            format!(
                "data compressed with {}, which PDF/X-1a does not allow: {EXPORT} (it recompresses \
                 with Flate or JPEG)",
                names.join(", ")
            ),
        )
    });
    findings.push(if transfer == 0 {
        finding("pdfx-transfer", Verdict::Pass, "no transfer functions")
    } else {
        finding(
            "pdfx-transfer",
            Verdict::Fail,
            format!(
                "{transfer} transfer function(s) (TR or TR2 in a graphics state), which change \
                 the inks at print and PDF/X forbids: remove them ({EXPORT})"
            ),
        )
    });
    let layers = doc.catalog().ok().is_some_and(|c| c.has(b"OCProperties"));
    findings.push(if layers {
        finding(
            "pdfx-layers",
            Verdict::Fail,
            format!(
                "the file has layers (optional content), which PDF/X-1a does not know: a \
                 printer may print hidden ones; delete hidden layers and flatten the rest \
                 ({EXPORT})"
            ),
        )
    } else {
        finding("pdfx-layers", Verdict::Pass, "no layers (optional content)")
    });

    findings.push(annotations(doc, page, id_status));
    findings.push(boxes(page));
    findings
}

/// Every dictionary in the file, stream dictionaries and those nested in others included.
fn dictionaries(doc: &Document) -> Vec<&Dictionary> {
    fn walk<'a>(o: &'a Object, out: &mut Vec<&'a Dictionary>, depth: usize) {
        // Direct objects nest only as deep as the file's text; a bound keeps the stack safe.
        if depth > 64 {
            return;
        }
        let d = match o {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &s.dict,
            Object::Array(a) => {
                a.iter().for_each(|o| walk(o, out, depth + 1));
                return;
            }
            _ => return,
        };
        out.push(d);
        d.iter().for_each(|(_, o)| walk(o, out, depth + 1));
    }
    let mut out = Vec::new();
    doc.objects.values().for_each(|o| walk(o, &mut out, 0));
    out
}

/// Exactly one GTS_PDFX output intent, with an embedded 4-channel profile or a registered
/// condition's identifier.
fn output_intent(doc: &Document, status: Verdict) -> Finding {
    let intents: Vec<&Dictionary> = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"OutputIntents").ok())
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_array().ok())
        .map(|a| a.iter().filter_map(|i| dict(doc, i)).collect())
        .unwrap_or_default();
    let pdfx: Vec<&Dictionary> = intents
        .into_iter()
        .filter(|i| i.get(b"S").ok().and_then(|s| s.as_name().ok()) == Some(b"GTS_PDFX".as_slice()))
        .collect();
    let fail = |message: String| finding("pdfx-output-intent", status, message);
    let [intent] = pdfx.as_slice() else {
        return fail(format!(
            "{} GTS_PDFX output intents; PDF/X needs exactly one, naming the printing condition \
             (e.g. CGATS21-2-RSP or GRACoL2006_Coated1v2 with its profile): {EXPORT}",
            pdfx.len()
        ));
    };
    let identifier = intent
        .get(b"OutputConditionIdentifier")
        .ok()
        .and_then(|v| text(doc, v))
        .unwrap_or_default();
    let profile =
        intent
            .get(b"DestOutputProfile")
            .ok()
            .and_then(|p| match doc.dereference(p).ok()?.1 {
                Object::Stream(s) => Some(s),
                _ => None,
            });
    match profile {
        Some(p) => {
            let channels = p.dict.get(b"N").ok().and_then(|n| n.as_i64().ok());
            if channels == Some(4) {
                finding(
                    "pdfx-output-intent",
                    Verdict::Pass,
                    format!("one GTS_PDFX output intent, {identifier:?}, with a 4-channel profile"),
                )
            } else {
                fail(format!(
                    "the output intent's profile has {} channels; PDF/X-1a needs a CMYK (4-channel) \
                     printing profile: {EXPORT}",
                    channels.map_or("an unknown number of".to_string(), |n| n.to_string())
                ))
            }
        }
        None if !identifier.trim().is_empty() && identifier.trim() != "Custom" => finding(
            "pdfx-output-intent",
            Verdict::Pass,
            format!("one GTS_PDFX output intent, the registered condition {identifier:?}"),
        ),
        None => fail(format!(
            "the output intent has neither an embedded profile nor a registered condition's \
             identifier: {EXPORT}"
        )),
    }
}

/// No annotations inside the BleedBox (the TrimBox, the MediaBox) but printer's marks.
fn annotations(doc: &Document, page: &Page, status: Verdict) -> Finding {
    let area = page.bleed.or(page.trim).unwrap_or(page.media);
    let annots: Vec<&Dictionary> = page
        .dict
        .get(b"Annots")
        .ok()
        .and_then(|a| doc.dereference(a).ok())
        .and_then(|(_, a)| a.as_array().ok())
        .map(|a| a.iter().filter_map(|i| dict(doc, i)).collect())
        .unwrap_or_default();
    let mut inside = super::places::Places::default();
    for a in annots {
        let subtype = a
            .get(b"Subtype")
            .ok()
            .and_then(|s| s.as_name().ok())
            .map(|s| String::from_utf8_lossy(s).into_owned())
            .unwrap_or_else(|| "unknown".into());
        if subtype == "PrinterMark" || subtype == "TrapNet" {
            continue;
        }
        let rect = a
            .get(b"Rect<Pdf>")
            .ok()
            .and_then(|r| doc.dereference(r).ok())
            .and_then(|(_, r)| r.as_array().ok())
            .map(|r| {
                r.iter()
                    .filter_map(|v| v.as_float().ok().map(f64::from))
                    .collect::<Vec<_>>()
            });
        let overlaps = match rect.as_deref() {
            Some([x0, y0, x1, y1]) => {
                let pt = crate::units::Length::pt;
                let r = Rect::new(
                    pt(x0.min(*x1)),
                    pt(y0.min(*y1)),
                    pt((x1 - x0).abs()),
                    pt((y1 - y0).abs()),
                );
                r.intersection(&area).is_some()
            }
            // No valid place: taken as on the page.
            _ => true,
        };
        if overlaps {
            inside.add(format!("a {subtype} annotation"));
        }
    }
    if inside.is_empty() {
        finding(
            "pdfx-annotations",
            Verdict::Pass,
            "no annotations inside the BleedBox",
        )
    } else {
        finding(
            "pdfx-annotations",
            status,
            format!(
                "{} inside the BleedBox: PDF/X allows only printer's marks there; delete them \
                 (comments, links, form fields) before exporting",
                inside.told(MAX_LISTED)
            ),
        )
    }
}

/// A TrimBox, inside the BleedBox, inside the MediaBox.
fn boxes(page: &Page) -> Finding {
    let Some(trim) = page.trim else {
        return finding(
            "pdfx-boxes",
            Verdict::Fail,
            format!("the page has no TrimBox, which PDF/X requires: {EXPORT} with the trim set"),
        );
    };
    let bleed = page.bleed.unwrap_or(page.media);
    if bleed.contains(&trim) && page.media.contains(&bleed) {
        finding(
            "pdfx-boxes",
            Verdict::Pass,
            "MediaBox holds the BleedBox, which holds the TrimBox",
        )
    } else {
        finding(
            "pdfx-boxes",
            Verdict::Fail,
            "the TrimBox must lie inside the BleedBox and both inside the MediaBox: set the \
             document's bleed and export again",
        )
    }
}
