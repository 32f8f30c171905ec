//! One PDF object model: each structure podcover writes has one writer, read from the source.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A file's code without its unit tests and comments.
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or("");
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Where `code` writes a dictionary of type `name`: `/Type /Name` in a literal, or `"Name"` (a
/// lopdf name or key, not a byte string that is read) and, for a structure without a type,
/// `/Name`.
fn writes(code: &str, name: &str) -> usize {
    let typed = format!("/Type /{name}");
    let by_type = code
        .match_indices(&typed)
        .filter(|(at, _)| {
            code[at + typed.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_ascii_alphanumeric())
        })
        .count();
    let quoted = format!("\"{name}\"");
    let by_name = code
        .match_indices(&quoted)
        .filter(|(at, _)| !code[..*at].ends_with('b'))
        .count();
    let bare = if name == "OutputIntents" {
        code.matches("/OutputIntents").count()
    } else {
        0
    };
    by_type + by_name + bare
}

#[test]
fn each_pdf_structure_is_written_in_one_place() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    files.sort();
    assert!(files.len() > 50, "{files:?}");
    for name in ["Catalog", "Page", "Font", "ExtGState", "OutputIntents"] {
        let places: Vec<(String, usize)> = files
            .iter()
            .filter_map(|path| {
                let n = writes(&code(&std::fs::read_to_string(path).unwrap()), name);
                let file = path.strip_prefix(root).unwrap().display().to_string();
                (n > 0).then_some((file, n))
            })
            .collect();
        assert_eq!(
            places,
            [("src/pdf/write.rs".to_string(), 1)],
            "/{name} is written in more than one place"
        );
    }
}

#[test]
fn the_count_sees_each_way_of_writing_a_structure() {
    assert_eq!(
        writes(r#"o.extend(b"<< /Type /Page /Parent ");"#, "Page"),
        1
    );
    assert_eq!(
        writes(r#"o.extend(b"<< /Type /Pages /Kids [");"#, "Page"),
        0
    );
    assert_eq!(writes(r#"("Type", name("Font")),"#, "Font"), 1);
    assert_eq!(writes(r#"resources.get(b"Font")"#, "Font"), 0);
    assert_eq!(
        writes(r#"resources.set("ExtGState", states)"#, "ExtGState"),
        1
    );
    assert_eq!(writes(r#"b"\n/OutputIntents [<<""#, "OutputIntents"), 1);
    assert_eq!(
        code("a\n// /Type /Catalog\n#[cfg(test)]\nmod tests { /Type /Catalog }"),
        "a"
    );
}

mod pdfx {
    use std::time::{Duration, UNIX_EPOCH};

    use lopdf::{Document, Object};
    use podcover::cover::{compose_with, ComposeOptions, CoverArt, SpineArt, SpineLabel};
    use podcover::draw::Cmyk;
    use podcover::error::ComposeProblem;
    use podcover::pdf::{Artwork, PdfX};
    use podcover::ErrorKind;

    use crate::common::{layout, solid_pdf};

    /// 2023-11-14 22:13:20 UTC.
    fn pdfx() -> ComposeOptions {
        ComposeOptions::new().pdfx(Some(PdfX::new(
            UNIX_EPOCH + Duration::from_secs(1_700_000_000),
        )))
    }

    fn panel() -> Artwork {
        Artwork::from_pdf(
            "panel.pdf",
            &solid_pdf([450.0, 666.0], 9.0, [0.2, 0.4, 0.6]),
        )
        .unwrap()
    }

    fn text<'a>(dict: &'a lopdf::Dictionary, key: &str) -> &'a [u8] {
        match dict.get(key.as_bytes()) {
            Ok(Object::String(s, _)) => s,
            other => panic!("/{key} is {other:?}"),
        }
    }

    fn rect(doc: &Document, page: &lopdf::Dictionary, key: &str) -> [f32; 4] {
        let values: Vec<f32> = page
            .get(key.as_bytes())
            .and_then(Object::as_array)
            .unwrap()
            .iter()
            .map(|o| doc.dereference(o).unwrap().1.as_float().unwrap())
            .collect();
        values.try_into().unwrap()
    }

    #[test]
    fn a_pdfx_cover_has_the_structure_pdfx_1a_asks_for() {
        let l = layout("ingramspark", "paperback", "white", "6x9", 300);
        let art = CoverArt::new(panel(), panel())
            .spine(SpineArt::Color(Cmyk::new(0.2, 0.1, 0.0, 0.8)))
            .barcode("9780306406157".parse().unwrap(), "51699".parse().unwrap());
        let cover = compose_with(&l, &art, &pdfx()).unwrap();
        assert!(cover.pdf.starts_with(b"%PDF-1.3\n"));
        assert_eq!(compose_with(&l, &art, &pdfx()).unwrap().pdf, cover.pdf);
        let doc = Document::load_mem(&cover.pdf).unwrap();
        assert_eq!(doc.version, "1.3");
        let id = doc.trailer.get(b"ID").and_then(Object::as_array).unwrap();
        assert_eq!(id.len(), 2);

        let info = doc
            .trailer
            .get(b"Info")
            .and_then(Object::as_reference)
            .unwrap();
        let info = doc.get_dictionary(info).unwrap();
        assert!(text(info, "Title").starts_with(b"Cover: ingramspark paperback"));
        assert_eq!(text(info, "CreationDate"), b"D:20231114221320+00'00'");
        assert_eq!(text(info, "ModDate"), b"D:20231114221320+00'00'");
        assert_eq!(text(info, "GTS_PDFXVersion"), b"PDF/X-1:2001");
        assert_eq!(text(info, "GTS_PDFXConformance"), b"PDF/X-1a:2001");
        assert_eq!(info.get(b"Trapped").unwrap().as_name().unwrap(), b"False");

        let catalog = doc.catalog().unwrap();
        let intents = catalog
            .get(b"OutputIntents")
            .and_then(Object::as_array)
            .unwrap();
        assert_eq!(intents.len(), 1);
        let intent = intents[0].as_dict().unwrap();
        assert_eq!(intent.get(b"S").unwrap().as_name().unwrap(), b"GTS_PDFX");
        assert_eq!(text(intent, "OutputConditionIdentifier"), b"CGATS TR 003");
        let profile = intent
            .get(b"DestOutputProfile")
            .and_then(Object::as_reference)
            .unwrap();
        let profile = doc.get_object(profile).and_then(Object::as_stream).unwrap();
        assert_eq!(profile.dict.get(b"N").unwrap().as_i64().unwrap(), 4);
        assert_eq!(
            profile.decompressed_content().unwrap(),
            PdfX::new(UNIX_EPOCH).profile.icc()
        );

        let (_, page) = doc.get_pages().into_iter().next().unwrap();
        let page = doc.get_dictionary(page).unwrap();
        let [media, bleed, trim] = ["MediaBox", "BleedBox", "TrimBox"].map(|k| rect(&doc, page, k));
        let within = |outer: [f32; 4], inner: [f32; 4]| {
            inner[0] >= outer[0]
                && inner[1] >= outer[1]
                && inner[2] <= outer[2]
                && inner[3] <= outer[3]
        };
        assert!(
            within(media, bleed) && within(bleed, trim),
            "{media:?} {bleed:?} {trim:?}"
        );
        assert!(trim != bleed);

        // Nothing transparent, nothing PDF/X-1a does not allow.
        for object in doc.objects.values() {
            let dict = match object {
                Object::Dictionary(d) => d,
                Object::Stream(s) => &s.dict,
                _ => continue,
            };
            for key in ["SMask", "ca", "CA", "OCProperties"] {
                assert!(dict.get(key.as_bytes()).is_err(), "/{key} in {dict:?}");
            }
            if let Ok(filter) = dict.get(b"Filter") {
                let filter = filter.as_name().unwrap();
                assert!(
                    filter == b"FlateDecode" || filter == b"DCTDecode",
                    "{filter:?}"
                );
            }
        }
    }

    #[test]
    fn a_pdfx_cover_refuses_what_pdfx_1a_does_not_allow() {
        let l = layout("ingramspark", "paperback", "white", "6x9", 300);
        let label = CoverArt::new(panel(), panel())
            .spine(SpineArt::Label(SpineLabel::new("Harbor Lights")));
        // Spine text without a font file is set in the built-in font, embedded: PDF/X takes it.
        let cover = compose_with(&l, &label, &pdfx()).unwrap();
        let doc = lopdf::Document::load_mem(&cover.pdf).unwrap();
        let embedded = doc.objects.values().any(|o| {
            o.as_dict()
                .is_ok_and(|d| d.get(b"FontFile2").is_ok() && d.get(b"Type").is_ok())
        });
        assert!(embedded, "no embedded TrueType font");
        assert!(!cover.pdf.windows(9).any(|w| w == b"Helvetica"));

        // A PNG with an alpha channel: 6.125 x 9.25 in at 40 ppi.
        let (w, h) = (245u32, 370u32);
        let mut png = Vec::new();
        let mut encoder = png::Encoder::new(&mut png, w, h);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().unwrap();
        writer
            .write_image_data(&[200u8, 40, 40, 128].repeat((w * h) as usize))
            .unwrap();
        writer.finish().unwrap();
        let front = Artwork::from_bytes("front.png", &png).unwrap();
        let err = compose_with(&l, &CoverArt::new(front, panel()), &pdfx()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Compose(ComposeProblem::NotPdfX));
        assert_eq!(
            err.to_string(),
            "front.png has transparency (an alpha channel), which PDF/X-1a does not allow; \
             flatten it onto its background and give it again"
        );
    }
}
