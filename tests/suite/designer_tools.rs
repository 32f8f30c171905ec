//! Output opened with the rest of a designer's tools: MuPDF (`mutool`) and Inkscape, the
//! editor many cover designers lay a template out in. `template_tools.rs` covers qpdf, poppler,
//! Ghostscript, zbar and librsvg; the web page's tests cover a browser.
//!
//! Every template binding kind (flat, case, jacket) of every vendor, the SVG template, a
//! composed cover and a respined cover are opened, rendered at the sheet's size and their
//! barcode read back with zbarimg. The tools are required: a missing one fails the test with
//! its package name, as in `template_tools.rs`. Inkscape exits 0 even on a file it cannot
//! parse, so each run is judged by its stderr and by what it wrote.

use std::fs;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use crate::common::tools::{
    output, png_size, run, stderr, stdout, try_output, try_run, zbar, Scratch,
};
use crate::common::{layout, solid_pdf};
use podcover::{
    cover::{compose, respine, CoverArt, SpineArt},
    draw::{Cmyk, Template, TemplateOptions},
    pdf::Artwork,
    CoverLayout,
};

const ISBN: &str = "978-0-306-40615-7";
const PRICE: &str = "51699";

/// What zbarimg must read on every cover here: the ISBN's EAN-13 and the price add-on.
fn barcodes() -> Vec<String> {
    vec!["EAN-13:9780306406157".to_owned(), "EAN-5:51699".to_owned()]
}

/// Each vendor's flat, case and jacket bindings (KDP makes no jacket).
const BOOKS: [(&str, &str, &str, &str, u32); 8] = [
    ("kdp", "paperback", "cream", "6x9", 318),
    ("kdp", "hardcover", "cream", "6x9", 126),
    ("ingramspark", "paperback", "cream", "6x9", 318),
    ("ingramspark", "hardcover", "cream", "6x9", 74),
    ("ingramspark", "jacket", "cream", "5.5x8.5", 158),
    ("lulu", "paperback", "white", "6x9", 210),
    ("lulu", "hardcover", "white", "6x9", 60),
    ("lulu", "jacket", "white", "6x9", 74),
];

fn books() -> impl Iterator<Item = (String, CoverLayout)> {
    BOOKS.iter().map(|&(vendor, binding, paper, trim, pages)| {
        (
            format!("{vendor}-{binding}-{paper}-{trim}-{pages}"),
            layout(vendor, binding, paper, trim, pages),
        )
    })
}

#[track_caller]
fn template(layout: &CoverLayout) -> Template {
    let options = TemplateOptions::new()
        .isbn(ISBN.parse().unwrap())
        .price(PRICE.parse().unwrap());
    Template::new(layout, &options).unwrap_or_else(|e| panic!("template: {e}"))
}

/// Whether a line a tool wrote on stderr says nothing about the file:
/// - Debian's mupdf-tools is built without lcms2 and says "warning: ICC support is not
///   available" for every file it opens;
/// - `mutool draw` names each page it draws ("page FILE 1");
/// - Inkscape run without a display says "Failed to wrap object of type 'GtkRecentManager'"
///   (its GTK recent-files list) for every file, and "Exporting only object with id=..." for
///   `--export-id-only`.
fn noise(line: &str) -> bool {
    line.trim().is_empty()
        || line == "warning: ICC support is not available"
        || (line.starts_with("page ") && line.ends_with(" 1"))
        || line.contains("Failed to wrap object of type 'GtkRecentManager'")
        || line.starts_with("Exporting only object with id=")
}

/// Panics if a tool wrote anything but `noise` on stderr.
#[track_caller]
fn assert_quiet(what: &str, out: &Output) {
    let text = stderr(out);
    let said: Vec<&str> = text.lines().filter(|l| !noise(l)).collect();
    assert!(said.is_empty(), "{what}: stderr:\n{}", said.join("\n"));
}

/// A render's pixel size is the sheet's at `dpi`, to the pixel (tools round the edge pixel
/// differently: 13.045 in at 150 dpi is 1956.75 px, drawn as 1957).
#[track_caller]
fn assert_sheet_px(what: &str, png: &str, layout: &CoverLayout, dpi: f64) {
    let (w, h) = png_size(png);
    let (w_in, h_in) = (
        layout.sheet.width.to_inches(),
        layout.sheet.height.to_inches(),
    );
    assert!(
        (f64::from(w) - w_in * dpi).abs() <= 1.0 && (f64::from(h) - h_in * dpi).abs() <= 1.0,
        "{what}: {w} x {h} px at {dpi} dpi for a {w_in} x {h_in} in sheet"
    );
}

// --- MuPDF -------------------------------------------------------------------------------

/// `mutool info` and `mutool show` open the file without a word on stderr and see one page of
/// the sheet's size; `mutool draw` renders it at the sheet's size, and its barcode (if any)
/// reads back.
#[track_caller]
fn mutool(scratch: &Scratch, name: &str, pdf: &[u8], layout: &CoverLayout, codes: &[String]) {
    let file = scratch.write(&format!("{name}.pdf"), pdf);

    let info = run("mutool", &["info", &file]);
    assert_quiet(&format!("{name}: mutool info"), &info);
    let text = stdout(&info);
    assert!(text.contains("Pages: 1\n"), "{name}: mutool info:\n{text}");
    // "	1	(3 0 R):	[ 0 0 939.24 666 ]"
    let media = text
        .lines()
        .skip_while(|l| !l.starts_with("Mediaboxes"))
        .nth(1)
        .and_then(|l| l.split('[').nth(1))
        .and_then(|l| l.split(']').next())
        .unwrap_or_else(|| panic!("{name}: no MediaBox in mutool info:\n{text}"));
    let media: Vec<f64> = media
        .split_whitespace()
        .map(|v| {
            v.parse()
                .unwrap_or_else(|e| panic!("{name}: {media:?}: {e}"))
        })
        .collect();
    let (w_pt, h_pt) = (layout.sheet.width.to_pt(), layout.sheet.height.to_pt());
    assert!(
        media.len() == 4
            && (media[2] - media[0] - w_pt).abs() <= 0.01
            && (media[3] - media[1] - h_pt).abs() <= 0.01,
        "{name}: mutool info MediaBox {media:?}, sheet {w_pt} x {h_pt} pt"
    );

    // Every object, one a line: each must parse.
    let show = run("mutool", &["show", &file, "grep"]);
    assert_quiet(&format!("{name}: mutool show"), &show);
    assert!(
        stdout(&show).contains("/Type/Page"),
        "{name}: mutool show printed no page:\n{}",
        stdout(&show)
    );
    let trailer = run("mutool", &["show", &file, "trailer"]);
    assert_quiet(&format!("{name}: mutool show trailer"), &trailer);

    let png = scratch.file(&format!("{name}-mutool.png"));
    let draw = run("mutool", &["draw", "-r", "150", "-o", &png, &file]);
    assert_quiet(&format!("{name}: mutool draw"), &draw);
    assert_sheet_px(&format!("{name}: mutool draw"), &png, layout, 150.0);
    assert_eq!(zbar(&png), codes, "{name}: zbarimg on mutool's render");
}

#[test]
fn mutool_opens_and_renders_every_template() {
    let scratch = Scratch::new("mutool-templates");
    for (name, layout) in books() {
        let pdf = template(&layout)
            .to_pdf()
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        mutool(&scratch, &name, &pdf, &layout, &barcodes());
    }
}

/// 6x9 in panel artwork with 0.125 in bleed all round.
fn panel(rgb: [f32; 3]) -> Artwork {
    Artwork::from_pdf("panel.pdf", &solid_pdf([450.0, 666.0], 9.0, rgb)).unwrap()
}

/// A KDP cream 300-page cover (spine 0.75 in): blue back with the barcode, green spine, red
/// front.
fn composed() -> (CoverLayout, Vec<u8>) {
    let kdp = layout("kdp", "paperback", "cream", "6x9", 300);
    let cover = compose(
        &kdp,
        &CoverArt::new(panel([1.0, 0.0, 0.0]), panel([0.0, 0.0, 1.0]))
            .spine(SpineArt::Color(Cmyk::new(1.0, 0.0, 1.0, 0.0)))
            .barcode(ISBN.parse().unwrap(), PRICE.parse().unwrap()),
    )
    .unwrap_or_else(|e| panic!("compose: {e}"));
    assert_eq!(cover.warnings, Vec::<String>::new());
    (kdp, cover.pdf)
}

#[test]
fn mutool_opens_and_renders_composed_and_respined_covers() {
    let scratch = Scratch::new("mutool-covers");
    let (kdp, cover) = composed();
    mutool(&scratch, "composed", &cover, &kdp, &barcodes());

    // The same cover for IngramSpark at 318 pages: the barcode moves with the back panel.
    let ingram = layout("ingramspark", "paperback", "cream", "6x9", 318);
    let art = Artwork::from_pdf("kdp.pdf", &cover).unwrap();
    let respined = respine(&art, &kdp, &ingram, false).unwrap_or_else(|e| panic!("respine: {e}"));
    mutool(&scratch, "respined", &respined.pdf, &ingram, &barcodes());
}

// --- Inkscape ----------------------------------------------------------------------------

/// Inkscape run headless with its home, config and cache in the scratch folder (it writes its
/// preferences and extension log there).
fn inkscape_command(scratch: &Scratch, args: &[&str]) -> Command {
    let home = scratch.path().join("home");
    let mut command = Command::new("inkscape");
    command
        .args(args)
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_CACHE_HOME", home.join(".cache"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY");
    command
}

/// Runs Inkscape, which must succeed and say nothing on stderr. Returns the output and how
/// long it took.
#[track_caller]
fn inkscape(scratch: &Scratch, what: &str, args: &[&str]) -> (Output, Duration) {
    let start = Instant::now();
    let out = output(&mut inkscape_command(scratch, args));
    let took = start.elapsed();
    assert_quiet(&format!("{what}: inkscape {}", args.join(" ")), &out);
    (out, took)
}

/// Exports `input` to PNG at `dpi` and returns the PNG's path, after
/// checking it is there: Inkscape exits 0 when it cannot open a file.
#[track_caller]
fn inkscape_png(scratch: &Scratch, name: &str, input: &str, dpi: u32) -> (String, Duration) {
    let png = scratch.file(&format!("{name}-inkscape.png"));
    let dpi = format!("--export-dpi={dpi}");
    let target = format!("--export-filename={png}");
    let args = [
        "--export-type=png",
        "--export-area-page",
        &dpi,
        &target,
        input,
    ];
    let (_, took) = inkscape(scratch, name, &args);
    assert!(
        fs::metadata(&png).is_ok(),
        "{name}: inkscape wrote no {png}"
    );
    (png, took)
}

/// The text of every `<text>` element of an SVG, in order.
fn texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .map(|t| {
            let t = &t[t.find('>').unwrap() + 1..];
            t[..t.find("</text>").unwrap()].to_owned()
        })
        .collect()
}

#[test]
fn inkscape_opens_the_svg_template_with_its_layers() {
    let scratch = Scratch::new("inkscape-svg");
    for (name, layout) in books() {
        let svg = template(&layout).to_svg();
        let file = scratch.write(&format!("{name}.svg"), svg.as_bytes());
        let png = scratch.file(&format!("{name}.png"));
        let saved = scratch.file(&format!("{name}-saved.svg"));
        let artwork = scratch.file(&format!("{name}-artwork.png"));

        // One Inkscape run: list the objects, export the page at 300 dpi as a designer would
        // (in grey, which is quicker: its size and barcode are what is checked), save it as
        // Inkscape SVG, and export the Artwork layer alone (what prints with the guides hidden).
        let actions = format!(
            "query-all;\
             export-type:png;export-area-page;export-dpi:300;export-png-color-mode:Gray_8;\
             export-filename:{png};export-do;\
             export-type:svg;export-filename:{saved};export-do;\
             export-type:png;export-dpi:150;export-id:artwork;export-id-only;\
             export-filename:{artwork};export-do"
        );
        let (query, took) = inkscape(&scratch, &name, &[&format!("--actions={actions}"), &file]);
        eprintln!("{name}: inkscape SVG query, two PNG exports and a save took {took:.2?}");
        for written in [&png, &saved, &artwork] {
            assert!(
                fs::metadata(written).is_ok(),
                "{name}: inkscape wrote no {written}"
            );
        }

        // The page at 300 dpi: the sheet's size and a barcode that reads.
        assert_sheet_px(&format!("{name}: inkscape SVG"), &png, &layout, 300.0);
        assert_eq!(
            zbar(&png),
            barcodes(),
            "{name}: zbarimg on inkscape's export"
        );
        // The Artwork layer alone holds the barcode.
        assert_eq!(
            zbar(&artwork),
            barcodes(),
            "{name}: the Artwork layer alone"
        );

        // The two layers: the printing one is the barcode box and nothing beyond it, the
        // guides cover the sheet. query-all gives "id,x,y,width,height" in CSS pixels.
        let query = stdout(&query);
        let size = |id: &str| -> [f64; 2] {
            let line = query
                .lines()
                .find(|l| l.starts_with(&format!("{id},")))
                .unwrap_or_else(|| panic!("{name}: inkscape query-all has no {id}:\n{query}"));
            let v: Vec<f64> = line
                .split(',')
                .skip(3)
                .map(|v| v.parse().unwrap())
                .collect();
            [v[0], v[1]]
        };
        let px = |l: podcover::Length| l.to_inches() * 96.0;
        for (id, expected) in [
            ("guides", [px(layout.sheet.width), px(layout.sheet.height)]),
            (
                "artwork",
                [px(layout.barcode.width), px(layout.barcode.height)],
            ),
        ] {
            let actual = size(id);
            assert!(
                (actual[0] - expected[0]).abs() <= 0.5 && (actual[1] - expected[1]).abs() <= 0.5,
                "{name}: inkscape sees layer {id} {actual:?} px, expected {expected:?}"
            );
        }

        // Saved by Inkscape: still the two named layers, and every label.
        let saved = fs::read_to_string(&saved).unwrap();
        assert_eq!(
            saved.matches("inkscape:groupmode=\"layer\"").count(),
            2,
            "{name}: layers in inkscape's saved SVG"
        );
        for label in ["Artwork", "Guides"] {
            assert!(
                saved.contains(&format!("inkscape:label=\"{label}\"")),
                "{name}: inkscape's saved SVG lost layer {label}"
            );
        }
        // The Guides layer is locked (sodipodi:insensitive), and stays so when saved.
        let locked = |text: &str| {
            text.split("<g").any(|g| {
                g.contains("inkscape:label=\"Guides\"")
                    && g.contains("sodipodi:insensitive=\"true\"")
            })
        };
        assert!(locked(&svg), "{name}: Guides layer not locked");
        assert!(
            locked(&saved),
            "{name}: Guides layer unlocked by inkscape's save"
        );
        let labels = texts(&svg);
        assert!(labels.len() >= 5, "{name}: only {labels:?}");
        assert_eq!(texts(&saved), labels, "{name}: labels after inkscape");
    }
}

#[test]
fn inkscape_imports_the_pdf_template_and_a_composed_cover() {
    let scratch = Scratch::new("inkscape-pdf");
    let covers = books()
        .map(|(name, layout)| {
            let pdf = template(&layout).to_pdf().unwrap();
            (name, layout, pdf)
        })
        .chain(std::iter::once({
            let (kdp, cover) = composed();
            ("composed".to_owned(), kdp, cover)
        }));
    for (name, layout, pdf) in covers {
        let file = scratch.write(&format!("{name}.pdf"), &pdf);
        let (png, took) = inkscape_png(&scratch, &name, &file, 150);
        eprintln!("{name}: inkscape PDF import and export at 150 dpi took {took:.2?}");
        assert_sheet_px(&format!("{name}: inkscape PDF"), &png, &layout, 150.0);
        assert_eq!(
            zbar(&png),
            barcodes(),
            "{name}: zbarimg on inkscape's import"
        );
    }
}

/// The tools' stderr is what tells a broken file here, so the lines `noise` passes over must
/// not hide one: Inkscape exits 0 on an SVG it cannot parse, and says so only on stderr.
#[test]
fn stderr_noise_does_not_hide_a_broken_file() {
    let scratch = Scratch::new("broken");
    let layout = layout("kdp", "paperback", "cream", "6x9", 318);
    let svg = template(&layout).to_svg();
    let broken = scratch.write("broken.svg", &svg.as_bytes()[..svg.len() / 2]);
    let png = scratch.file("broken.png");
    let out = try_output(&mut inkscape_command(
        &scratch,
        &[
            "--export-type=png",
            &format!("--export-filename={png}"),
            &broken,
        ],
    ));
    let said = stderr(&out);
    assert!(
        said.lines().any(|l| !noise(l)) && said.contains("parser error"),
        "inkscape ({}) on half an SVG said:\n{said}",
        out.status
    );

    let pdf = template(&layout).to_pdf().unwrap();
    let broken = scratch.write("broken.pdf", &pdf[..pdf.len() - 200]);
    let out = try_run("mutool", &["show", &broken, "grep"]);
    let said = stderr(&out);
    assert!(
        said.lines().any(|l| !noise(l)),
        "mutool ({}) on a truncated PDF said:\n{said}",
        out.status
    );
}
