//! PDF/X-1a:2001, read by a tool we did not write: `qpdf --json` turns the file into objects,
//! and [`pdfx1a_violations`] checks each rule on them without podcover's own reader. Today it
//! reads a PDF/X-1a cover built here with lopdf (and copies of it, each breaking one rule);
//! pointed at compose's IngramSpark output, it checks that.

use std::collections::BTreeMap;
use std::path::Path;

use lopdf::{dictionary, Object, Stream};
use podcover::{
    preflight::{self, Verdict},
    Catalog,
};
use serde_json::Value;

use crate::common::pdfx::{pdfx1a_document, save};
use crate::common::tools::{run, Scratch};
use crate::common::{layout, pdf_rect};

/// A file read with `qpdf --json=2`: its objects by `N G R` as stored (filters kept), its
/// trailer, its header version, whether it is encrypted, and its streams' decoded data in files.
struct Qpdf {
    objects: BTreeMap<String, Value>,
    /// The file holding each stream's decoded data.
    data: BTreeMap<String, String>,
    trailer: Value,
    version: String,
    encrypted: bool,
    pages: Vec<String>,
}

impl Qpdf {
    #[track_caller]
    fn read(path: &Path, scratch: &Scratch) -> Qpdf {
        let json = scratch.file("qpdf.json");
        let decoded = scratch.file("decoded.json");
        let prefix = scratch.file("stream");
        let file = path.to_str().unwrap();
        run("qpdf", &["--json=2", "--decode-level=none", file, &json]);
        run(
            "qpdf",
            &[
                "--json=2",
                "--json-stream-data=file",
                &format!("--json-stream-prefix={prefix}"),
                "--decode-level=generalized",
                file,
                &decoded,
            ],
        );
        let read = |path: &str| -> Value {
            serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
        };
        let all = read(&json);
        let data = read(&decoded)["qpdf"][1]
            .as_object()
            .unwrap()
            .iter()
            .filter_map(|(k, v)| {
                let file = v["stream"]["datafile"].as_str()?;
                Some((k.strip_prefix("obj:")?.to_string(), file.to_string()))
            })
            .collect();
        let qpdf = &all["qpdf"];
        let mut objects = BTreeMap::new();
        let mut trailer = Value::Null;
        for (key, value) in qpdf[1].as_object().unwrap() {
            match key.strip_prefix("obj:") {
                Some(id) => {
                    objects.insert(id.to_string(), value.clone());
                }
                None if key == "trailer" => trailer = value["value"].clone(),
                None => {}
            }
        }
        Qpdf {
            objects,
            data,
            trailer,
            version: qpdf[0]["pdfversion"].as_str().unwrap_or("").to_string(),
            encrypted: all["encrypt"]["encrypted"].as_bool().unwrap_or(true),
            pages: all["pages"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["object"].as_str().unwrap().to_string())
                .collect(),
        }
    }

    /// A value with references followed: a stream as its dictionary.
    fn get<'a>(&'a self, v: &'a Value) -> &'a Value {
        match v.as_str().and_then(|s| self.objects.get(s)) {
            Some(o) => match o.get("stream") {
                Some(s) => &s["dict"],
                None => &o["value"],
            },
            None => v,
        }
    }

    /// A stream's decoded data, by reference.
    fn data(&self, reference: &str) -> Option<Vec<u8>> {
        std::fs::read(self.data.get(reference)?).ok()
    }

    /// Every dictionary in the file (stream dictionaries too), with nested ones.
    fn dictionaries(&self) -> Vec<&serde_json::Map<String, Value>> {
        fn walk<'a>(v: &'a Value, out: &mut Vec<&'a serde_json::Map<String, Value>>) {
            match v {
                Value::Object(m) => {
                    out.push(m);
                    m.values().for_each(|v| walk(v, out));
                }
                Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
                _ => {}
            }
        }
        let mut out = Vec::new();
        for o in self.objects.values() {
            match o.get("stream") {
                Some(s) => walk(&s["dict"], &mut out),
                None => walk(&o["value"], &mut out),
            }
        }
        out
    }
}

/// A qpdf text string (`u:...` or `b:hex`) as text.
fn string(v: &Value) -> Option<String> {
    let s = v.as_str()?;
    if let Some(t) = s.strip_prefix("u:") {
        return Some(t.to_string());
    }
    let hex = s.strip_prefix("b:")?;
    let bytes: Option<Vec<u8>> = (0..hex.len() / 2)
        .map(|i| u8::from_str_radix(&hex[i * 2..i * 2 + 2], 16).ok())
        .collect();
    Some(String::from_utf8_lossy(&bytes?).into_owned())
}

fn number(v: &Value) -> Option<f64> {
    v.as_f64()
}

/// `[x0 y0 x1 y1]` as (left, bottom, right, top).
fn rect(q: &Qpdf, v: &Value) -> Option<[f64; 4]> {
    let a = q.get(v).as_array()?;
    let n: Vec<f64> = a.iter().filter_map(|v| number(q.get(v))).collect();
    let [x0, y0, x1, y1] = n.as_slice() else {
        return None;
    };
    Some([x0.min(*x1), y0.min(*y1), x0.max(*x1), y0.max(*y1)])
}

fn holds(outer: [f64; 4], inner: [f64; 4]) -> bool {
    let e = 0.01;
    outer[0] <= inner[0] + e
        && outer[1] <= inner[1] + e
        && outer[2] + e >= inner[2]
        && outer[3] + e >= inner[3]
}

/// The colour space families PDF/X-1a allows.
fn allowed_space(q: &Qpdf, space: &Value) -> bool {
    let space = q.get(space);
    let family = match space {
        Value::String(s) => s.as_str(),
        Value::Array(a) => a.first().and_then(Value::as_str).unwrap_or(""),
        _ => "",
    };
    match family {
        "/DeviceCMYK" | "/DeviceGray" | "/Separation" | "/Pattern" => true,
        "/Indexed" => space
            .as_array()
            .and_then(|a| a.get(1))
            .is_some_and(|base| allowed_space(q, base)),
        _ => false,
    }
}

/// Each PDF/X-1a:2001 rule the file at `path` breaks, as read by `qpdf --json` (none: it
/// meets them all): the header, encryption, /ID, Info, the output intent, colour spaces,
/// fonts, transparency, compression, transfer functions, optional content, annotations and
/// page boxes.
#[track_caller]
pub fn pdfx1a_violations(path: &Path) -> Vec<String> {
    let scratch = Scratch::new("pdfx-qpdf");
    let q = Qpdf::read(path, &scratch);
    let mut broken = Vec::new();
    if q.version != "1.3" {
        broken.push(format!(
            "header: PDF {} (PDF/X-1a:2001 is PDF 1.3)",
            q.version
        ));
    }
    if q.encrypted {
        broken.push("encrypted".to_string());
    }
    let id = q.trailer["/ID"].as_array();
    if id.is_none_or(|a| a.len() != 2) {
        broken.push("trailer: no /ID".to_string());
    }
    let info = q.get(&q.trailer["/Info"]);
    for key in ["/Title", "/CreationDate", "/ModDate"] {
        if string(q.get(&info[key])).is_none_or(|s| s.trim().is_empty()) {
            broken.push(format!("Info: no {key}"));
        }
    }
    if !matches!(q.get(&info["/Trapped"]).as_str(), Some("/True" | "/False")) {
        broken.push("Info: /Trapped is not /True or /False".to_string());
    }
    if string(q.get(&info["/GTS_PDFXVersion"])).as_deref() != Some("PDF/X-1:2001") {
        broken.push("Info: /GTS_PDFXVersion is not PDF/X-1:2001".to_string());
    }
    if string(q.get(&info["/GTS_PDFXConformance"])).as_deref() != Some("PDF/X-1a:2001") {
        broken.push("Info: /GTS_PDFXConformance is not PDF/X-1a:2001".to_string());
    }
    let root = q.get(&q.trailer["/Root"]);
    let intents: Vec<&Value> = q
        .get(&root["/OutputIntents"])
        .as_array()
        .map(|a| a.iter().map(|i| q.get(i)).collect())
        .unwrap_or_default();
    let pdfx: Vec<&&Value> = intents
        .iter()
        .filter(|i| i["/S"].as_str() == Some("/GTS_PDFX"))
        .collect();
    match pdfx.as_slice() {
        [intent] => {
            let profile = intent["/DestOutputProfile"].as_str();
            let identifier = string(q.get(&intent["/OutputConditionIdentifier"]));
            let cmyk_profile = profile.is_some_and(|p| {
                number(&q.get(&Value::String(p.into()))["/N"]) == Some(4.0)
                    && q.data(p).is_some_and(|d| d.get(16..20) == Some(b"CMYK"))
            });
            let registered = profile.is_none()
                && identifier.is_some_and(|i| !i.trim().is_empty() && i != "Custom");
            if !cmyk_profile && !registered {
                broken.push(
                    "output intent: no embedded CMYK profile nor registered identifier".into(),
                );
            }
        }
        other => broken.push(format!("{} GTS_PDFX output intents", other.len())),
    }
    if root.get("/OCProperties").is_some() {
        broken.push("optional content".to_string());
    }
    for d in q.dictionaries() {
        let name = |k: &str| d.get(k).and_then(Value::as_str);
        for key in ["/ColorSpace", "/CS"] {
            let Some(v) = d.get(key) else { continue };
            // A resources' ColorSpace is a dictionary of spaces; elsewhere it is one space.
            let spaces: Vec<&Value> = match q.get(v) {
                Value::Object(m) if key == "/ColorSpace" && name("/Type") != Some("/Group") => {
                    m.values().collect()
                }
                _ => vec![v],
            };
            for s in spaces {
                if !allowed_space(&q, s) {
                    broken.push(format!("colour space {}", q.get(s)));
                }
            }
        }
        if name("/Type") == Some("/Font") && name("/Subtype") != Some("/Type3") {
            // A composite font's descriptor is its descendant's.
            let descriptor = if name("/Subtype") == Some("/Type0") {
                d.get("/DescendantFonts")
                    .and_then(|f| q.get(f).as_array())
                    .and_then(|a| a.first())
                    .and_then(|f| q.get(f).get("/FontDescriptor"))
                    .map(|f| q.get(f))
            } else {
                d.get("/FontDescriptor").map(|f| q.get(f))
            };
            let embedded = descriptor.is_some_and(|fd| {
                ["/FontFile", "/FontFile2", "/FontFile3"]
                    .iter()
                    .any(|k| fd.get(k).is_some())
            });
            if !embedded {
                broken.push(format!(
                    "font {} not embedded",
                    name("/BaseFont").unwrap_or("?")
                ));
            }
        }
        if d.get("/SMask")
            .is_some_and(|m| q.get(m).as_str() != Some("/None"))
            || d.get("/SMaskInData")
                .and_then(number)
                .is_some_and(|n| n > 0.0)
        {
            broken.push("transparency: soft mask".to_string());
        }
        for key in ["/ca", "/CA"] {
            if d.get(key).and_then(number).is_some_and(|a| a < 1.0) {
                broken.push(format!("transparency: {key} below 1"));
            }
        }
        if name("/S") == Some("/Transparency") {
            broken.push("transparency: group".to_string());
        }
        if d.get("/BM")
            .and_then(Value::as_str)
            .is_some_and(|m| m != "/Normal" && m != "/Compatible")
        {
            broken.push("transparency: blend mode".to_string());
        }
        let filters: Vec<&str> = match d.get("/Filter") {
            Some(Value::String(f)) => vec![f.as_str()],
            Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        for f in filters {
            if matches!(f, "/LZWDecode" | "/JBIG2Decode" | "/JPXDecode") {
                broken.push(format!("compression {f}"));
            }
        }
        if d.contains_key("/TR") {
            broken.push("transfer function TR".to_string());
        }
        if d.get("/TR2")
            .is_some_and(|t| t.as_str() != Some("/Default"))
        {
            broken.push("transfer function TR2".to_string());
        }
        if d.contains_key("/OC") {
            broken.push("optional content".to_string());
        }
    }
    for page in &q.pages {
        let reference = Value::String(page.clone());
        let p = q.get(&reference);
        // Boxes, inherited MediaBox through the page tree.
        let mut media = p.get("/MediaBox").and_then(|m| rect(&q, m));
        let mut parent = p.get("/Parent");
        while media.is_none() {
            let Some(up) = parent.map(|u| q.get(u)) else {
                break;
            };
            media = up.get("/MediaBox").and_then(|m| rect(&q, m));
            parent = up.get("/Parent");
        }
        let trim = p.get("/TrimBox").and_then(|t| rect(&q, t));
        let bleed = p.get("/BleedBox").and_then(|b| rect(&q, b)).or(media);
        match (media, bleed, trim) {
            (Some(m), Some(b), Some(t)) if holds(m, b) && holds(b, t) => {}
            (_, _, None) => broken.push("page: no TrimBox".to_string()),
            _ => broken.push("page: MediaBox, BleedBox and TrimBox not nested".to_string()),
        }
        let annots = p
            .get("/Annots")
            .and_then(|a| q.get(a).as_array())
            .cloned()
            .unwrap_or_default();
        for a in annots {
            let a = q.get(&a);
            if matches!(a["/Subtype"].as_str(), Some("/PrinterMark" | "/TrapNet")) {
                continue;
            }
            let inside = match (a.get("/Rect").and_then(|r| rect(&q, r)), bleed) {
                (Some(r), Some(b)) => r[0] < b[2] && r[2] > b[0] && r[1] < b[3] && r[3] > b[1],
                _ => true,
            };
            if inside {
                broken.push("annotation inside the BleedBox".to_string());
            }
        }
        // Content: no RGB operators, and colour set by name only in allowed spaces.
        let streams: Vec<String> = match p.get("/Contents") {
            Some(Value::String(s)) => vec![s.clone()],
            Some(Value::Array(a)) => a
                .iter()
                .filter_map(|s| s.as_str().map(String::from))
                .collect(),
            _ => Vec::new(),
        };
        for s in streams {
            let data = String::from_utf8_lossy(&q.data(&s).unwrap_or_default()).into_owned();
            let tokens: Vec<&str> = data.split_ascii_whitespace().collect();
            for (i, t) in tokens.iter().enumerate() {
                match *t {
                    "rg" | "RG" => broken.push(format!("content: RGB operator {t}")),
                    "cs" | "CS" if i > 0 => {
                        let operand = tokens[i - 1];
                        if matches!(operand, "/DeviceRGB" | "/CalRGB" | "/Lab" | "/CalGray") {
                            broken.push(format!("content: colour space {operand}"));
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    broken.sort();
    broken.dedup();
    broken
}

/// Each PDF/X finding of podcover's check that does not pass, by name.
fn our_pdfx_findings(pdf: &[u8]) -> Vec<(&'static str, Verdict)> {
    let l = layout("ingramspark", "paperback", "cream", "6x9", 300);
    preflight::check(Catalog::builtin(), &l, "cover.pdf", pdf)
        .unwrap()
        .findings
        .iter()
        .filter(|f| f.check.starts_with("pdfx-") && f.status != Verdict::Pass)
        .map(|f| (f.check, f.status))
        .collect()
}

#[test]
fn a_pdfx1a_cover_meets_every_rule_read_by_qpdf_and_passes_check() {
    let l = layout("ingramspark", "paperback", "cream", "6x9", 300);
    let pdf = save(pdfx1a_document(&l));
    let scratch = Scratch::new("pdfx-good");
    let path = scratch.write("cover.pdf", &pdf);
    assert_eq!(pdfx1a_violations(Path::new(&path)), Vec::<String>::new());
    run("qpdf", &["--check", &path]);
    let report = preflight::check(Catalog::builtin(), &l, "cover.pdf", &pdf).unwrap();
    assert_eq!(report.status, Verdict::Pass, "{:#?}", report.findings);
    let named: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.check.starts_with("pdfx-"))
        .map(|f| f.check)
        .collect();
    assert_eq!(
        named,
        [
            "pdfx-version",
            "pdfx-header",
            "pdfx-id",
            "pdfx-info",
            "pdfx-output-intent",
            "pdfx-color",
            "pdfx-compression",
            "pdfx-transfer",
            "pdfx-layers",
            "pdfx-annotations",
            "pdfx-boxes"
        ]
    );
}

#[test]
fn each_broken_rule_is_caught_by_qpdf_and_by_check() {
    let l = layout("ingramspark", "paperback", "cream", "6x9", 300);
    let scratch = Scratch::new("pdfx-broken");
    type Break = fn(&mut lopdf::Document);
    /// A rule broken: its name, how, what qpdf's reading says, and check's findings.
    type Case = (
        &'static str,
        Break,
        &'static str,
        Vec<(&'static str, Verdict)>,
    );
    fn info(doc: &mut lopdf::Document) -> &mut lopdf::Dictionary {
        let id = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
        doc.get_dictionary_mut(id).unwrap()
    }
    fn page(doc: &mut lopdf::Document) -> &mut lopdf::Dictionary {
        let id = *doc.get_pages().values().next().unwrap();
        doc.get_dictionary_mut(id).unwrap()
    }
    fn catalog(doc: &mut lopdf::Document) -> &mut lopdf::Dictionary {
        let id = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
        doc.get_dictionary_mut(id).unwrap()
    }
    let cases: Vec<Case> = vec![
        (
            "header",
            |doc| doc.version = "1.6".into(),
            "header: PDF 1.6 (PDF/X-1a:2001 is PDF 1.3)",
            vec![("pdfx-header", Verdict::Fail)],
        ),
        (
            "id",
            |doc| {
                doc.trailer.remove(b"ID");
            },
            "trailer: no /ID",
            vec![("pdfx-id", Verdict::Fail)],
        ),
        (
            "trapped",
            |doc| {
                info(doc).remove(b"Trapped");
            },
            "Info: /Trapped is not /True or /False",
            vec![("pdfx-info", Verdict::Fail)],
        ),
        (
            "conformance",
            |doc| {
                info(doc).remove(b"GTS_PDFXConformance");
            },
            "Info: /GTS_PDFXConformance is not PDF/X-1a:2001",
            vec![("pdfx-version", Verdict::Fail)],
        ),
        (
            "intent",
            |doc| {
                catalog(doc).remove(b"OutputIntents");
            },
            "0 GTS_PDFX output intents",
            vec![("pdfx-output-intent", Verdict::Fail)],
        ),
        (
            "rgb",
            |doc| {
                let id = *doc.get_pages().values().next().unwrap();
                let content = doc.get_page_content(id);
                let mut content = String::from_utf8(content).unwrap();
                content.push_str(" 1 0 0 rg 100 100 10 10 re f");
                let contents = doc.add_object(Stream::new(dictionary! {}, content.into_bytes()));
                page(doc).set("Contents", contents);
            },
            "content: RGB operator rg",
            vec![("pdfx-color", Verdict::Fail)],
        ),
        (
            "lzw",
            |doc| {
                let image = doc.add_object(Stream::new(
                    dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => 1, "Height" => 1, "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8, "Filter" => "LZWDecode" },
                    vec![0x80, 0x00, 0x20, 0x20],
                ));
                let id = *doc.get_pages().values().next().unwrap();
                let res = doc
                    .get_dictionary_mut(id)
                    .unwrap()
                    .get_mut(b"Resources")
                    .unwrap()
                    .as_dict_mut()
                    .unwrap();
                res.get_mut(b"XObject")
                    .unwrap()
                    .as_dict_mut()
                    .unwrap()
                    .set("Lzw", image);
            },
            "compression /LZWDecode",
            vec![("pdfx-compression", Verdict::Fail)],
        ),
        (
            "transfer",
            |doc| {
                let id = *doc.get_pages().values().next().unwrap();
                let res = doc
                    .get_dictionary_mut(id)
                    .unwrap()
                    .get_mut(b"Resources")
                    .unwrap()
                    .as_dict_mut()
                    .unwrap();
                res.set(
                    "ExtGState",
                    dictionary! { "T" => dictionary! { "TR" => "Identity2" } },
                );
            },
            "transfer function TR",
            vec![("pdfx-transfer", Verdict::Fail)],
        ),
        (
            "layers",
            |doc| {
                let ocg = doc.add_object(
                    dictionary! { "Type" => "OCG", "Name" => Object::string_literal("Guides") },
                );
                catalog(doc).set(
                    "OCProperties",
                    dictionary! { "OCGs" => vec![ocg.into()], "D" => dictionary! {} },
                );
            },
            "optional content",
            vec![("pdfx-layers", Verdict::Fail)],
        ),
        (
            "annotation",
            |doc| {
                let note = doc.add_object(dictionary! { "Type" => "Annot", "Subtype" => "Text", "Rect" => pdf_rect(100.0, 100.0, 120.0, 120.0), "Contents" => Object::string_literal("fix") });
                page(doc).set("Annots", vec![note.into()]);
            },
            "annotation inside the BleedBox",
            vec![("pdfx-annotations", Verdict::Fail)],
        ),
        (
            "no trim",
            |doc| {
                page(doc).remove(b"TrimBox");
            },
            "page: no TrimBox",
            vec![("pdfx-boxes", Verdict::Fail)],
        ),
    ];
    for (name, breaks, qpdf_says, we_say) in cases {
        let mut doc = pdfx1a_document(&l);
        breaks(&mut doc);
        let pdf = save(doc);
        let path = scratch.write(&format!("{name}.pdf"), &pdf);
        assert_eq!(
            pdfx1a_violations(Path::new(&path)),
            [qpdf_says],
            "{name}: qpdf's reading"
        );
        assert_eq!(our_pdfx_findings(&pdf), we_say, "{name}: check");
    }
    // Without any PDF/X identification, the file is not PDF/X: check warns for each of its
    // identification rules, and the file's content rules still hold.
    let mut doc = pdfx1a_document(&l);
    doc.trailer.remove(b"Info");
    doc.trailer.remove(b"ID");
    catalog(&mut doc).remove(b"OutputIntents");
    let plain = save(doc);
    assert_eq!(
        our_pdfx_findings(&plain),
        [
            ("pdfx-version", Verdict::Warn),
            ("pdfx-id", Verdict::Warn),
            ("pdfx-info", Verdict::Warn),
            ("pdfx-output-intent", Verdict::Warn)
        ]
    );
}

#[test]
fn compose_for_ingramspark_writes_a_cover_that_meets_every_rule_read_by_qpdf() {
    use podcover::cover::{compose_with, ComposeOptions, CoverArt, SpineArt};
    use podcover::draw::Cmyk;
    use podcover::pdf::{Artwork, PdfX};
    use std::time::{Duration, UNIX_EPOCH};

    let l = layout("ingramspark", "paperback", "cream", "6x9", 300);
    // CMYK art (flat colours): the file's structure is what is checked here.
    let art = CoverArt::new(
        Artwork::color("front", Cmyk::new(0.1, 0.5, 0.6, 0.1)),
        Artwork::color("back", Cmyk::new(0.6, 0.2, 0.0, 0.2)),
    )
    .spine(SpineArt::Color(Cmyk::new(0.2, 0.1, 0.0, 0.8)))
    .barcode("9780306406157".parse().unwrap(), "51699".parse().unwrap());
    let options = ComposeOptions::new().pdfx(Some(PdfX::new(
        UNIX_EPOCH + Duration::from_secs(1_700_000_000),
    )));
    let pdf = compose_with(&l, &art, &options).unwrap().pdf;
    let scratch = Scratch::new("pdfx-compose");
    let path = scratch.write("cover.pdf", &pdf);
    assert_eq!(pdfx1a_violations(Path::new(&path)), Vec::<String>::new());
    run("qpdf", &["--check", &path]);
    assert_eq!(our_pdfx_findings(&pdf), Vec::new());
}

/// Any vendor's cover can be asked for as CMYK PDF/X-1a:2001 from the command line (`--color
/// pdfx`): here KDP's, from RGB JPEG art, read back with qpdf; without it KDP's stays as it was.
#[cfg(feature = "cli")]
#[test]
fn any_vendor_gets_a_pdfx_cover_when_asked() {
    let scratch = Scratch::new("pdfx-any-vendor");
    // A 6 x 9 in panel with 0.125 in bleed all round at 300 ppi, in a saturated RGB red.
    let (w, h) = (1875u16, 2775u16);
    let rgb: Vec<u8> = [230u8, 30, 20].repeat(usize::from(w) * usize::from(h));
    let mut jpeg = Vec::new();
    jpeg_encoder::Encoder::new(&mut jpeg, 90)
        .encode(&rgb, w, h, jpeg_encoder::ColorType::Rgb)
        .unwrap();
    let art = scratch.write("art.jpg", &jpeg);
    let compose = |color: &str, name: &str| {
        let out = scratch.file(name);
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_podcover"))
            .args([
                "compose", "--vendor", "kdp", "--paper", "white", "--trim", "6x9", "--pages",
                "300", "--front", &art, "--back", &art, "--color", color, "-o", &out,
            ])
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .env("PODCOVER_READINGS", "/nonexistent/podcover-readings.toml")
            .output()
            .unwrap();
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
        out
    };
    let pdfx = compose("pdfx", "kdp-pdfx.pdf");
    assert_eq!(pdfx1a_violations(Path::new(&pdfx)), Vec::<String>::new());
    let plain = compose("auto", "kdp.pdf");
    let violations = pdfx1a_violations(Path::new(&plain));
    assert!(
        violations.iter().any(|v| v.starts_with("header: PDF 1.")),
        "{violations:?}"
    );
}
