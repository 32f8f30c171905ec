//! Batch regeneration of a catalogue from a manifest.

use crate::common;
use std::path::{Path, PathBuf};

use crate::common::{layout, solid_cmyk_pdf};
use podcover::batch::{self, BatchOptions, Manifest, Report, Status};
use podcover::{
    cover::{compose, CoverArt},
    pdf::Artwork,
    Catalog, ErrorKind,
};

fn folder(test: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("podcover-batch-{test}-{}", crate::common::unique()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("art")).unwrap();
    dir
}

/// Writes 6x9 in front and back artwork with 0.125 in bleed, in CMYK (as IngramSpark wants).
fn artwork(dir: &Path) {
    std::fs::write(
        dir.join("art/front.pdf"),
        solid_cmyk_pdf([450.0, 666.0], 9.0, [0.0, 1.0, 1.0, 0.0]),
    )
    .unwrap();
    std::fs::write(
        dir.join("art/back.pdf"),
        solid_cmyk_pdf([450.0, 666.0], 9.0, [1.0, 1.0, 0.0, 0.0]),
    )
    .unwrap();
}

fn manifest(pages: u32) -> String {
    format!(
        r#"
[[book]]
id = "harbor-lights"
trim = "6x9"
pages = {pages}
isbn = "9780306406157"
price = "51699"
front = "art/front.pdf"
back = "art/back.pdf"
spine_text = {{ title = "Harbor Lights", author = "A. Writer", font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf" }}
[[book.target]]
vendor = "kdp"
binding = "paperback"
paper = "cream"
[[book.target]]
vendor = "ingramspark"
binding = "paperback"
paper = "cream"

[[book]]
id = "broken"
trim = "6x9"
pages = 200
front = "art/missing.pdf"
back = "art/back.pdf"
[[book.target]]
vendor = "kdp"
binding = "paperback"
paper = "white"

[[book]]
id = "too-short"
trim = "6x9"
pages = 10
front = "art/front.pdf"
back = "art/back.pdf"
spine_color = [0, 0, 0, 1]
[[book.target]]
vendor = "lulu"
binding = "paperback"
paper = "white"
"#
    )
}

fn run(dir: &Path, text: &str, force: bool) -> Report {
    let manifest = Manifest::parse("manifest.toml", text).unwrap();
    let options = BatchOptions::new(dir.to_path_buf(), dir.join("out"))
        .force(force)
        .threads(2);
    batch::run(Catalog::builtin(), &manifest, &options, &|_| {}).unwrap()
}

fn status(report: &Report, id: &str, vendor: &str) -> Status {
    let title = report.titles.iter().find(|t| t.id == id).unwrap();
    title
        .targets
        .iter()
        .find(|t| t.target.vendor() == vendor)
        .unwrap()
        .status
}

#[test]
fn builds_reports_failures_and_rebuilds_only_what_changed() {
    let dir = folder("incremental");
    artwork(&dir);
    let report = run(&dir, &manifest(300), false);
    assert_eq!(status(&report, "harbor-lights", "kdp"), Status::Built);
    assert_eq!(
        status(&report, "harbor-lights", "ingramspark"),
        Status::Built
    );
    assert_eq!(status(&report, "broken", "kdp"), Status::Failed);
    assert_eq!(status(&report, "too-short", "lulu"), Status::Failed);
    assert_eq!(report.counts(), (2, 0, 2));
    let failures: Vec<String> = report
        .failures()
        .map(|(id, t)| format!("{id}: {}", t.error.clone().unwrap()))
        .collect();
    assert!(
        failures[0].starts_with("broken: cannot read "),
        "{failures:?}"
    );
    // Lulu paperback needs at least 32 pages (Print API).
    assert_eq!(
        failures[1],
        "too-short: 10 pages is out of range for lulu paperback white: expected 32 to 800"
    );
    // KDP cream 300 pp: spine 300 x 0.0025 = 0.75 in, cover 0.25 + 12 + 0.75 = 13 x 9.25 in
    // (KDP Help G201953020).
    let kdp = &report.titles[0].targets[0];
    assert_eq!(kdp.file, "harbor-lights/kdp-paperback-cream.pdf");
    assert_eq!(
        (kdp.spine_width, kdp.full_width, kdp.full_height),
        (Some(0.75), Some(13.0), Some(9.25))
    );
    assert_eq!(kdp.changes, ["new"]);
    assert!(dir
        .join("out/harbor-lights/kdp-paperback-cream.pdf")
        .exists());
    assert!(!dir.join("out/broken").exists());
    // The report on disk is the same.
    let on_disk: Report =
        serde_json::from_slice(&std::fs::read(dir.join("out/report.json")).unwrap()).unwrap();
    assert_eq!(on_disk, report);

    // Nothing changed: nothing rebuilt.
    let modified = std::fs::metadata(dir.join("out/harbor-lights/kdp-paperback-cream.pdf"))
        .unwrap()
        .modified()
        .unwrap();
    let again = run(&dir, &manifest(300), false);
    assert_eq!(status(&again, "harbor-lights", "kdp"), Status::Unchanged);
    assert_eq!(again.counts(), (0, 2, 2));
    let still = std::fs::metadata(dir.join("out/harbor-lights/kdp-paperback-cream.pdf"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(modified, still);

    // New page count: both rebuilt, the change reported (KDP cream 320 pp: 0.8 in, 13.05 in).
    let changed = run(&dir, &manifest(320), false);
    assert_eq!(changed.counts(), (2, 0, 2));
    assert_eq!(
        changed.titles[0].targets[0].changes,
        [
            "spine 0.75 in -> 0.8 in",
            "full size 13 x 9.25 in -> 13.05 x 9.25 in"
        ]
    );

    // Changed artwork with the same geometry: rebuilt as "inputs changed".
    std::fs::write(
        dir.join("art/front.pdf"),
        solid_cmyk_pdf([450.0, 666.0], 9.0, [1.0, 0.0, 1.0, 0.0]),
    )
    .unwrap();
    let art = run(&dir, &manifest(320), false);
    assert_eq!(art.titles[0].targets[0].changes, ["inputs changed"]);
    // --force rebuilds everything.
    assert_eq!(run(&dir, &manifest(320), true).counts(), (2, 0, 2));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn never_replaces_a_file_it_did_not_write() {
    let dir = folder("foreign");
    artwork(&dir);
    std::fs::create_dir_all(dir.join("out/harbor-lights")).unwrap();
    std::fs::write(
        dir.join("out/harbor-lights/kdp-paperback-cream.pdf"),
        b"mine",
    )
    .unwrap();
    let report = run(&dir, &manifest(300), false);
    assert_eq!(status(&report, "harbor-lights", "kdp"), Status::Failed);
    assert_eq!(
        status(&report, "harbor-lights", "ingramspark"),
        Status::Built
    );
    assert_eq!(
        std::fs::read(dir.join("out/harbor-lights/kdp-paperback-cream.pdf")).unwrap(),
        b"mine"
    );
    let err = report.titles[0].targets[0].error.clone().unwrap();
    assert!(
        err.ends_with(
            "exists and is not the file podcover wrote there; a forced batch replaces it"
        ),
        "{err}"
    );
    // Nor on a second run, nor after the user replaces a cover podcover wrote.
    let again = run(&dir, &manifest(300), false);
    assert_eq!(status(&again, "harbor-lights", "kdp"), Status::Failed);
    assert_eq!(
        std::fs::read(dir.join("out/harbor-lights/kdp-paperback-cream.pdf")).unwrap(),
        b"mine"
    );
    std::fs::write(
        dir.join("out/harbor-lights/ingramspark-paperback-cream.pdf"),
        b"edited by hand",
    )
    .unwrap();
    let third = run(&dir, &manifest(320), false);
    assert_eq!(
        status(&third, "harbor-lights", "ingramspark"),
        Status::Failed
    );
    assert_eq!(
        std::fs::read(dir.join("out/harbor-lights/ingramspark-paperback-cream.pdf")).unwrap(),
        b"edited by hand"
    );
    // --force replaces both.
    let forced = run(&dir, &manifest(320), true);
    assert_eq!(forced.counts().0, 2);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A title whose input is one of its own covers: the cover is never written over it, even with
/// force (before, a forced run replaced the input with the cover made from it).
#[test]
fn never_writes_a_cover_over_its_own_input() {
    let dir = folder("own-input");
    artwork(&dir);
    std::fs::create_dir_all(dir.join("out/again")).unwrap();
    let input = dir.join("out/again/kdp-paperback-white.pdf");
    std::fs::copy(dir.join("art/front.pdf"), &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    let text = r#"
[[book]]
id = "again"
trim = "6x9"
pages = 300
front = "out/again/kdp-paperback-white.pdf"
back = "art/back.pdf"
spine_color = [0, 0, 0, 1]
[[book.target]]
vendor = "kdp"
binding = "paperback"
paper = "white"
[[book.target]]
vendor = "lulu"
binding = "paperback"
paper = "white"
"#;
    let report = run(&dir, text, true);
    let targets = &report.titles[0].targets;
    assert_eq!(targets[0].status, Status::Failed);
    assert_eq!(
        targets[0].error.as_deref(),
        Some(
            format!(
                "{} is the file given as front ({}); podcover never writes over a file it reads, \
                 even when told to replace files: write the output elsewhere",
                input.display(),
                input.display()
            )
            .as_str()
        )
    );
    assert_eq!(targets[1].status, Status::Built, "{:?}", targets[1].error);
    assert_eq!(std::fs::read(&input).unwrap(), before);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn respines_a_whole_cover_for_each_target() {
    let dir = folder("respine");
    artwork(&dir);
    let from = layout("kdp", "paperback", "cream", "6x9", 300);
    let front =
        Artwork::from_pdf("front", &std::fs::read(dir.join("art/front.pdf")).unwrap()).unwrap();
    let back =
        Artwork::from_pdf("back", &std::fs::read(dir.join("art/back.pdf")).unwrap()).unwrap();
    let art = CoverArt::new(front, back)
        .barcode("9780306406157".parse().unwrap(), "51699".parse().unwrap());
    let cover = compose(&from, &art).unwrap();
    std::fs::write(dir.join("art/full.pdf"), cover.pdf).unwrap();
    let text = r#"
[[book]]
id = "old-cover"
trim = "6x9"
pages = 318
cover = "art/full.pdf"
made_for = { vendor = "kdp", binding = "paperback", paper = "cream", pages = 300 }
[[book.target]]
vendor = "ingramspark"
binding = "paperback"
paper = "cream"
[[book.target]]
vendor = "kdp"
binding = "hardcover"
paper = "cream"
"#;
    let report = run(&dir, text, false);
    let targets = &report.titles[0].targets;
    assert_eq!(targets[0].status, Status::Built);
    // A paperback cover becomes a hardcover: its panels are taken out and fill the boards.
    assert_eq!(targets[1].status, Status::Built, "{:?}", targets[1].error);
    assert!(
        targets[1]
            .warnings
            .iter()
            .any(|w| w.contains("to the height of the")),
        "{:?}",
        targets[1].warnings
    );
    let pdf = std::fs::read(dir.join("out/old-cover/ingramspark-paperback-cream.pdf")).unwrap();
    let placed = Artwork::from_pdf("out", &pdf).unwrap();
    // The sheet is the catalog's IngramSpark cream 318-page cover.
    let spec = podcover::BookSpec::parse("ingramspark", "paperback", "cream", "6x9", 318).unwrap();
    let expected = podcover::Catalog::builtin()
        .layout(&spec)
        .unwrap()
        .sheet
        .width;
    let width = placed.media_box().width;
    assert!(
        width.approx_eq_within(expected, podcover::Length::inches(1e-3)),
        "{width}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn manifest_errors_name_the_book() {
    let err = |text: &str| Manifest::parse("m.toml", text).unwrap_err().to_string();
    assert_eq!(
        err("[[book]]\nid = \"a\"\ntrim = \"6x9\"\npages = 10\nfront = \"f.pdf\"\n[[book.target]]\nvendor = \"kdp\"\nbinding = \"paperback\"\npaper = \"white\"\n"),
        "m.toml: book \"a\": give both front and back (or back_color)"
    );
    assert_eq!(
        err("[[book]]\nid = \"A B\"\ntarget = []\n"),
        "m.toml: book \"A B\": id must be lowercase letters, digits, - and _"
    );
    assert!(err("[[book]]\nid = \"a\"\ncolour = 1\n")
        .starts_with("m.toml: line 3: unknown field `colour`"));
}

#[test]
fn manifests_are_read_by_the_toml_parser_and_duplicates_refused() {
    // A multi-line string holding a line that looks like a header is text.
    let text = r#"
[[book]]
id = "notes"
trim = "6x9"
pages = 200
front = "f.pdf"
back = "b.pdf"
spine_text = { title = """Notes
[[book]]
on headers""", font = "f.ttf" }
[[book.target]]
vendor = "kdp"
binding = "paperback"
paper = "white"
"#;
    let manifest = Manifest::parse("m.toml", text).unwrap();
    assert_eq!(manifest.book.len(), 1);
    assert_eq!(
        manifest.book[0].spine_text.as_ref().unwrap().title,
        "Notes\n[[book]]\non headers"
    );
    // The same target twice is refused when the manifest is read.
    let twice = format!(
        "{text}[[book.target]]\nvendor = \"kdp\"\nbinding = \"paperback\"\npaper = \"white\"\n"
    );
    assert_eq!(
        Manifest::parse("m.toml", &twice).unwrap_err().to_string(),
        "m.toml: book \"notes\": [[book.target]] kdp paperback white is listed twice"
    );
    // Errors still name the line.
    let bad = text.replace("pages = 200", "pages = \"many\"");
    let err = Manifest::parse("m.toml", &bad).unwrap_err().to_string();
    assert!(err.starts_with("m.toml: line 5: "), "{err}");
}

fn try_run(dir: &Path, text: &str, force: bool) -> podcover::Result<Report> {
    let manifest = Manifest::parse("manifest.toml", text).unwrap();
    let options = BatchOptions::new(dir.to_path_buf(), dir.join("out"))
        .force(force)
        .threads(2);
    batch::run(Catalog::builtin(), &manifest, &options, &|_| {})
}

#[test]
fn never_replaces_a_report_the_user_made() {
    let dir = folder("user-report");
    artwork(&dir);
    std::fs::create_dir_all(dir.join("out")).unwrap();
    std::fs::write(dir.join("out/report.json"), b"my own notes").unwrap();
    let err = try_run(&dir, &manifest(300), false).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Protected);
    assert_eq!(err.io_kind(), Some(std::io::ErrorKind::AlreadyExists));
    assert_eq!(
        err.to_string(),
        format!(
            "{} exists and is not a podcover report; a forced batch replaces it, or choose \
             another output folder",
            dir.join("out/report.json").display()
        )
    );
    assert_eq!(
        std::fs::read(dir.join("out/report.json")).unwrap(),
        b"my own notes"
    );
    assert!(!dir.join("out/harbor-lights").exists());
    // Nor one that is not a regular file, even with --force.
    std::fs::remove_file(dir.join("out/report.json")).unwrap();
    std::fs::create_dir(dir.join("out/report.json")).unwrap();
    let err = try_run(&dir, &manifest(300), true).unwrap_err().to_string();
    assert!(
        err.ends_with("it is a folder; podcover replaces only a regular report.json"),
        "{err}"
    );
    std::fs::remove_dir(dir.join("out/report.json")).unwrap();
    std::fs::write(dir.join("out/report.json"), b"my own notes").unwrap();
    let forced = run(&dir, &manifest(300), true);
    assert_eq!(forced.counts().0, 2);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// 6x9 in artwork (with bleed) holding a 6 MiB grey image that does not compress.
fn large_artwork() -> Vec<u8> {
    use lopdf::dictionary;
    let (w, h) = (2048i64, 3072i64);
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let pixels: Vec<u8> = (0..w * h)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect();
    common::page_pdf(
        vec![
            ("MediaBox", common::pdf_rect(0.0, 0.0, 450.0, 666.0)),
            ("TrimBox", common::pdf_rect(9.0, 9.0, 441.0, 657.0)),
        ],
        b"q 450 0 0 666 0 0 cm /Im0 Do Q",
        |doc| {
            let image = doc.add_object(lopdf::Stream::new(
                dictionary! {
                    "Type" => "XObject", "Subtype" => "Image", "Width" => w, "Height" => h,
                    "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
                },
                pixels,
            ));
            dictionary! { "XObject" => dictionary! { "Im0" => image } }
        },
    )
}

#[test]
fn recognises_large_covers_by_their_whole_content() {
    let dir = folder("large");
    artwork(&dir);
    std::fs::write(dir.join("art/front.pdf"), large_artwork()).unwrap();
    let first = run(&dir, &manifest(300), false);
    assert_eq!(
        status(&first, "harbor-lights", "kdp"),
        Status::Built,
        "{first:?}"
    );
    let cover = dir.join("out/harbor-lights/kdp-paperback-cream.pdf");
    let mut bytes = std::fs::read(&cover).unwrap();
    assert!(bytes.len() > 5 << 20, "{} bytes", bytes.len());
    // An edit in the middle of the file, keeping its size.
    let middle = bytes.len() / 2 + 12345;
    bytes[middle] ^= 0xff;
    std::fs::write(&cover, &bytes).unwrap();
    let again = run(&dir, &manifest(300), false);
    assert_eq!(status(&again, "harbor-lights", "kdp"), Status::Failed);
    let changed = run(&dir, &manifest(320), false);
    assert_eq!(status(&changed, "harbor-lights", "kdp"), Status::Failed);
    assert_eq!(std::fs::read(&cover).unwrap(), bytes);
    // The cover it wrote is still its own: untouched, it is recognised.
    assert_eq!(
        status(&changed, "harbor-lights", "ingramspark"),
        Status::Built
    );
    let same = run(&dir, &manifest(320), false);
    assert_eq!(
        status(&same, "harbor-lights", "ingramspark"),
        Status::Unchanged
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn writes_only_into_real_folders_inside_out() {
    let dir = folder("symlinked-title");
    artwork(&dir);
    let elsewhere = dir.join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::create_dir_all(dir.join("out")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, dir.join("out/harbor-lights")).unwrap();
    let report = run(&dir, &manifest(300), false);
    assert_eq!(status(&report, "harbor-lights", "kdp"), Status::Failed);
    let err = report.titles[0].targets[0].error.clone().unwrap();
    assert_eq!(
        err,
        format!(
            "{} is a symbolic link, not a folder; podcover writes covers only into folders it \
             can create inside the output folder",
            dir.join("out/harbor-lights").display()
        )
    );
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
    // A cover path that is not a regular file is refused, even with --force.
    std::fs::remove_file(dir.join("out/harbor-lights")).unwrap();
    std::fs::create_dir_all(dir.join("out/harbor-lights/kdp-paperback-cream.pdf")).unwrap();
    let forced = run(&dir, &manifest(300), true);
    assert_eq!(status(&forced, "harbor-lights", "kdp"), Status::Failed);
    let err = forced.titles[0].targets[0].error.clone().unwrap();
    assert!(
        err.ends_with(
            "kdp-paperback-cream.pdf is a folder, not a regular file; podcover replaces only \
             regular files: remove it"
        ),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn one_batch_at_a_time_in_a_folder() {
    let dir = folder("locked");
    artwork(&dir);
    std::fs::create_dir_all(dir.join("out")).unwrap();
    let held = std::fs::File::open(dir.join("out")).unwrap();
    held.try_lock().unwrap();
    let err = try_run(&dir, &manifest(300), false)
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        format!(
            "cannot write to {}: another podcover batch is writing there; wait for it to finish",
            dir.join("out").display()
        )
    );
    drop(held);
    assert_eq!(run(&dir, &manifest(300), false).counts().0, 2);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_stopped_run_is_recovered_by_the_next() {
    let dir = folder("journal");
    artwork(&dir);
    let first = run(&dir, &manifest(300), false);
    assert_eq!(first.counts().0, 2);
    assert!(!dir.join("out/report.json.journal").exists());
    // A second run with new inputs is stopped after writing its covers and its journal but
    // before its report, leaving a temporary file: as if killed. Simulated by building into
    // another folder and moving the covers and the journal over.
    let other = folder("journal-other");
    artwork(&other);
    let manifest_320 = manifest(320);
    let manifest = Manifest::parse("manifest.toml", &manifest_320).unwrap();
    let options = BatchOptions::new(other.clone(), other.join("out"))
        .force(false)
        .threads(1);
    let journal_copy = std::sync::Mutex::new(Vec::new());
    batch::run(Catalog::builtin(), &manifest, &options, &|_| {
        if let Ok(j) = std::fs::read(other.join("out/report.json.journal")) {
            *journal_copy.lock().unwrap() = j;
        }
    })
    .unwrap();
    let journal = journal_copy.into_inner().unwrap();
    assert_eq!(journal.iter().filter(|b| **b == b'\n').count(), 2);
    for name in ["kdp-paperback-cream.pdf", "ingramspark-paperback-cream.pdf"] {
        std::fs::copy(
            other.join("out/harbor-lights").join(name),
            dir.join("out/harbor-lights").join(name),
        )
        .unwrap();
    }
    // The journal's last line cut short, and a temporary file of a process long gone.
    let mut torn = journal.clone();
    torn.extend_from_slice(b"{\"id\":\"harbor-li");
    std::fs::write(dir.join("out/report.json.journal"), torn).unwrap();
    let stale = dir.join("out/harbor-lights/.kdp-paperback-cream.pdf.4000000000.tmp");
    std::fs::write(&stale, b"half a cover").unwrap();
    let rerun = run(&dir, &manifest_320, false);
    assert_eq!(rerun.counts(), (0, 2, 2), "{rerun:?}");
    assert!(!stale.exists());
    assert!(!dir.join("out/report.json.journal").exists());
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_dir_all(&other).unwrap();
}

/// A 6.125 x 9.25 in RGB PNG (trim + outer bleed) at `ppi`, one colour.
fn png_panel(ppi: u32, rgb: [u8; 3]) -> Vec<u8> {
    let (w, h) = (6125 * ppi / 1000, 925 * ppi / 100);
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_color(png::ColorType::Rgb);
    let mut writer = encoder.write_header().unwrap();
    writer
        .write_image_data(&rgb.repeat((w * h) as usize))
        .unwrap();
    writer.finish().unwrap();
    out
}

#[test]
fn one_raster_art_set_makes_every_binding() {
    // The paperback's front as a PNG and a back colour, built for a paperback, a hardcover and
    // a dust jacket (with a flap colour); IngramSpark names no minimum resolution, so 40 ppi is
    // a warning there, while KDP (300 ppi minimum) refuses it. The PNG is RGB, which IngramSpark
    // does not take: its covers are written, and fail check for that alone.
    let dir = folder("raster");
    std::fs::write(dir.join("art/front.png"), png_panel(40, [200, 0, 0])).unwrap();
    let text = r#"
[[book]]
id = "harbor-lights"
trim = "6x9"
pages = 300
isbn = "9780306406157"
front = "art/front.png"
back_color = [0.2, 0.4, 0.0, 0.1]
flap_color = [0, 0, 0, 1]
extend = "edge"
[[book.target]]
vendor = "ingramspark"
binding = "paperback"
paper = "cream"
[[book.target]]
vendor = "ingramspark"
binding = "hardcover"
paper = "cream"
[[book.target]]
vendor = "ingramspark"
binding = "jacket"
paper = "cream"
[[book.target]]
vendor = "kdp"
binding = "paperback"
paper = "cream"
"#;
    let report = run(&dir, text, false);
    let targets = &report.titles[0].targets;
    for t in &targets[..3] {
        // IngramSpark wants CMYK: the RGB PNG is separated, and the cover passes check.
        assert_eq!(t.status, Status::Built, "{:?}", t.error);
        let check = t.check.as_ref().unwrap();
        let failing: Vec<&str> = check
            .findings
            .iter()
            .filter(|f| f.status == podcover::preflight::Verdict::Fail)
            .map(|f| f.check.as_str())
            .collect();
        assert_eq!(failing, Vec::<&str>::new(), "{check:#?}");
        assert!(dir.join("out").join(&t.file).exists());
        // 40 ppi on the paperback; a little more or less where it is scaled to a board.
        assert_eq!(t.warnings.len(), 1);
        assert!(
            t.warnings[0].starts_with("front artwork art/front.png is ")
                && t.warnings[0].ends_with(
                    " ppi where placed, under the 300 ppi print needs; it may print soft"
                ),
            "{:?}",
            t.warnings
        );
    }
    // The paperback's art has its bleed; the hardcover's wrap and the jacket's flap fold are
    // filled by repeating its edge. IngramSpark wants CMYK: the PNG is separated.
    assert_eq!(
        targets[0].notes,
        [
            "front artwork art/front.png: RGB separated to CMYK for CGATS TR 003 from sRGB (it \
          has no profile)"
        ]
    );
    for t in &targets[1..3] {
        assert!(
            t.notes.iter().any(|n| n.contains("by repeating its edge")),
            "{:?}",
            t.notes
        );
    }
    assert_eq!(targets[3].status, Status::Failed);
    assert_eq!(
        targets[3].error.as_deref(),
        Some("front artwork art/front.png is 40 ppi where placed; the vendor requires at least 300 ppi: export it larger")
    );
    let jacket = std::fs::read(dir.join("out/harbor-lights/ingramspark-jacket-cream.pdf")).unwrap();
    let image = common::render(&jacket, 20);
    let black = common::pixel(&image, 20, 1.0, 4.0);
    assert!(black.iter().all(|&c| c < 60), "{black:?}");
    let front = common::pixel(&image, 20, 14.0, 4.0);
    assert!(front[0] > 150 && front[1] < 60, "{front:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_values_fail_when_the_manifest_is_read() {
    // Each value is parsed into its type as the manifest is read, and the message names the
    // file, the book and the field.
    let book = |line: &str| {
        let text = format!(
            "[[book]]\nid = \"harbor\"\npages = 318\nfront = \"f.pdf\"\nback = \"b.pdf\"\n{line}\n\
             [[book.target]]\nvendor = \"kdp\"\nbinding = \"paperback\"\npaper = \"cream\"\n"
        );
        Manifest::parse("m.toml", &text).unwrap_err().to_string()
    };
    let target = |vendor: &str, paper: &str| {
        let text = format!(
            "[[book]]\nid = \"harbor\"\ntrim = \"6x9\"\npages = 318\nfront = \"f.pdf\"\nback = \"b.pdf\"\n\
             [[book.target]]\nvendor = \"kdp\"\nbinding = \"paperback\"\npaper = \"cream\"\n\
             [[book.target]]\nvendor = \"{vendor}\"\nbinding = \"paperback\"\npaper = \"{paper}\"\n"
        );
        Manifest::parse("m.toml", &text).unwrap_err().to_string()
    };
    assert_eq!(
        book("trim = \"6y9\""),
        "m.toml: book \"harbor\" field \"trim\": invalid trim size \"6y9\": expected \
         WIDTHxHEIGHT with an optional unit, e.g. 6x9, 5.5x8.5in or 152x229mm"
    );
    assert_eq!(
        book("trim = \"6x9\"\nisbn = \"978-0-306-40615-8\""),
        "m.toml: book \"harbor\" field \"isbn\": invalid ISBN check digit in \
         \"978-0-306-40615-8\": expected 7, found 8"
    );
    assert_eq!(
        book("trim = \"6x9\"\nprice = \"5169\""),
        "m.toml: book \"harbor\" field \"price\": price add-on \"5169\" must be exactly 5 \
         digits, e.g. 51699 for USD 16.99 or 90000 for no price"
    );
    assert_eq!(
        book("trim = \"6x9\"\nextend = \"blur\""),
        "m.toml: book \"harbor\" field \"extend\": invalid extend \"blur\": expected mirror, \
         edge, none, color or color:C,M,Y,K with inks from 0 to 1"
    );
    // Colours too; a spine colour's inks were not checked at all.
    assert_eq!(
        book("trim = \"6x9\"\nspine_color = [0, 0, 2, 1]"),
        "m.toml: book \"harbor\" field \"spine_color\": invalid CMYK colour [0, 0, 2, 1]: \
         expected four inks from 0 to 1"
    );
    assert_eq!(
        book("trim = \"6x9\"\nflap_color = [0, -0.5, 0, 1]"),
        "m.toml: book \"harbor\" field \"flap_color\": invalid CMYK colour [0, -0.5, 0, 1]: \
         expected four inks from 0 to 1"
    );
    // Five values are refused as three are (five were read as the first four).
    for (field, inks) in [
        ("spine_color", "[0, 0, 0, 1, 1]"),
        ("back_color", "[0, 0, 1]"),
        ("flap_color", "[]"),
    ] {
        assert_eq!(
            book(&format!("trim = \"6x9\"\n{field} = {inks}")),
            format!(
                "m.toml: book \"harbor\" field \"{field}\": invalid CMYK colour {inks}: expected \
                 four inks from 0 to 1"
            )
        );
    }
    assert_eq!(
        book(&format!(
            "trim = \"6x9\"\nspine_color = [{}]",
            ["0"; 1000].join(", ")
        )),
        "m.toml: book \"harbor\" field \"spine_color\": invalid CMYK colour of 1000 values: \
         expected four inks from 0 to 1"
    );
    let ids = "expected 1 to 31 lowercase letters, digits and hyphens, e.g. kdp, paperback, \
               premium-color";
    assert_eq!(
        target("KDP", "cream"),
        format!(
            "m.toml: book \"harbor\" target 2 field \"vendor\": invalid vendor id \"KDP\": {ids}"
        )
    );
    assert_eq!(
        target("lulu", "cream paper"),
        format!(
            "m.toml: book \"harbor\" target 2 field \"paper\": invalid paper id \"cream paper\": \
             {ids}"
        )
    );
    // A whole cover's made_for, the same way.
    let whole = "[[book]]\nid = \"old\"\ntrim = \"6x9\"\npages = 318\ncover = \"c.pdf\"\n\
                 made_for = { vendor = \"kdp\", binding = \"paperback\", paper = \"cream\", \
                 spine = \"0.75 furlongs\" }\n\
                 [[book.target]]\nvendor = \"kdp\"\nbinding = \"paperback\"\npaper = \"cream\"\n";
    let err = Manifest::parse("m.toml", whole).unwrap_err().to_string();
    assert!(
        err.starts_with("m.toml: book \"old\" made_for field \"spine\": invalid length"),
        "{err}"
    );
}

/// A page count IngramSpark's spine table covers but IngramSpark does not print (premium colour
/// paperbacks: table to 1200 pages, printed to 900) is refused for that target with the reason,
/// and the batch goes on with the others.
#[test]
fn page_counts_the_vendor_does_not_print_are_refused_per_target() {
    let dir = folder("unprinted");
    artwork(&dir);
    let text = r#"
[[book]]
id = "tome"
trim = "6x9"
pages = 1000
front = "art/front.pdf"
back = "art/back.pdf"
[[book.target]]
vendor = "ingramspark"
binding = "paperback"
paper = "premium-color"
[[book.target]]
vendor = "lulu"
binding = "paperback"
paper = "white"
"#;
    let report = run(&dir, text, false);
    assert_eq!(status(&report, "tome", "ingramspark"), Status::Failed);
    assert_eq!(status(&report, "tome", "lulu"), Status::Failed);
    let title = report.titles.iter().find(|t| t.id == "tome").unwrap();
    let error = |vendor: &str| {
        let t = title
            .targets
            .iter()
            .find(|t| t.target.vendor() == vendor)
            .unwrap();
        t.error.clone().unwrap()
    };
    assert!(
        error("ingramspark")
            .contains("expected 18 to 900: the vendor's calculator covers 18 to 1200 pages"),
        "{}",
        error("ingramspark")
    );
    assert!(
        error("lulu").contains("expected 32 to 800"),
        "{}",
        error("lulu")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_product_listed_under_two_of_its_names_is_refused() {
    // lsi is IngramSpark's other name (ingramspark.toml's also_known_as): the two targets
    // are the same product, and the title is refused; the others are built.
    let dir = folder("aliases");
    artwork(&dir);
    let text = r#"
[[book]]
id = "twice"
trim = "6x9"
pages = 300
isbn = "9780306406157"
front = "art/front.pdf"
back = "art/back.pdf"
[[book.target]]
vendor = "lsi"
binding = "paperback"
paper = "cream"
[[book.target]]
vendor = "kdp"
binding = "paperback"
paper = "cream"
[[book.target]]
vendor = "ingramspark"
binding = "paperback"
paper = "cream"

[[book]]
id = "once"
trim = "6x9"
pages = 300
isbn = "9780306406157"
front = "art/front.pdf"
back = "art/back.pdf"
[[book.target]]
vendor = "lsi"
binding = "paperback"
paper = "cream"
"#;
    let report = run(&dir, text, false);
    let twice = &report.titles[0].targets;
    for t in twice {
        assert_eq!(t.status, Status::Failed);
        assert_eq!(
            t.error.as_deref(),
            Some(
                "[[book.target]] lsi paperback cream and ingramspark paperback cream are the \
                 same product (lsi is another name for ingramspark); list it once"
            )
        );
    }
    assert!(!dir.join("out/twice").exists());
    assert_eq!(report.titles[1].targets[0].status, Status::Built);
    assert!(dir.join("out/once/lsi-paperback-cream.pdf").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_journal_cut_short_is_repaired_before_it_is_written_to() {
    // A run stopped while it wrote the journal (a full disk, a kill) leaves its last line cut
    // short. The next run must not append to that line: a record glued to it is lost, and the
    // run after refuses the cover it describes.
    let dir = folder("torn-journal");
    artwork(&dir);
    run(&dir, &manifest(300), false);
    let report_300 = std::fs::read(dir.join("out/report.json")).unwrap();
    let journal = dir.join("out/report.json.journal");
    std::fs::write(
        &journal,
        b"{\"id\":\"harbor-lights\",\"report\":{\"vendor\":\"kd",
    )
    .unwrap();
    // The next run rebuilds both covers and is stopped before its report: the journal as it
    // was when the last title finished, and the report as it was.
    let text = manifest(320);
    let parsed = Manifest::parse("manifest.toml", &text).unwrap();
    let options = BatchOptions::new(dir.clone(), dir.join("out"))
        .force(false)
        .threads(1);
    let kept = std::sync::Mutex::new(Vec::new());
    let report = batch::run(Catalog::builtin(), &parsed, &options, &|_| {
        *kept.lock().unwrap() = std::fs::read(&journal).unwrap();
    })
    .unwrap();
    assert_eq!(report.counts(), (2, 0, 2));
    let kept = kept.into_inner().unwrap();
    assert_eq!(kept.iter().filter(|b| **b == b'\n').count(), 2);
    std::fs::write(&journal, &kept).unwrap();
    std::fs::write(dir.join("out/report.json"), report_300).unwrap();
    // Both covers are recognised as the ones the stopped run wrote.
    let rerun = run(&dir, &text, false);
    assert_eq!(rerun.counts(), (0, 2, 2), "{rerun:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A manifest of one title, `id`, for KDP and IngramSpark.
fn title(id: &str) -> String {
    format!(
        r#"
[[book]]
id = "{id}"
trim = "6x9"
pages = 300
isbn = "9780306406157"
front = "art/front.pdf"
back = "art/back.pdf"
[[book.target]]
vendor = "kdp"
binding = "paperback"
paper = "cream"
[[book.target]]
vendor = "ingramspark"
binding = "paperback"
paper = "cream"
"#
    )
}

#[test]
fn covers_of_titles_not_in_this_run_stay_known() {
    let dir = folder("kept");
    artwork(&dir);
    let (a, b) = (title("alpha"), title("beta"));
    // Two manifests writing into one folder, one after the other.
    assert_eq!(run(&dir, &a, false).counts(), (2, 0, 0));
    let second = run(&dir, &b, false);
    assert_eq!(second.counts(), (2, 0, 0));
    // What the report knows of alpha, which this run did not build, is kept apart from its
    // titles: counted by neither.
    let kept: Vec<(&str, &str)> = second
        .kept
        .iter()
        .flat_map(|t| t.targets.iter().map(|r| (t.id.as_str(), r.file.as_str())))
        .collect();
    assert_eq!(
        kept,
        [
            ("alpha", "alpha/ingramspark-paperback-cream.pdf"),
            ("alpha", "alpha/kdp-paperback-cream.pdf")
        ]
    );
    let again = run(&dir, &a, false);
    assert_eq!(again.counts(), (0, 2, 0), "{again:?}");
    assert_eq!(run(&dir, &b, false).counts(), (0, 2, 0));
    // A title left out of one run.
    let both = format!("{a}{b}");
    assert_eq!(run(&dir, &both, false).counts(), (0, 4, 0));
    run(&dir, &a, false);
    assert_eq!(run(&dir, &both, false).counts(), (0, 4, 0));
    // A target left out of one run, and a title that failed in one (its art missing).
    let kdp_only = a.replace(
        "[[book.target]]\nvendor = \"ingramspark\"\nbinding = \"paperback\"\npaper = \"cream\"\n",
        "",
    );
    assert_eq!(run(&dir, &kdp_only, false).counts(), (0, 1, 0));
    assert_eq!(run(&dir, &a, false).counts(), (0, 2, 0));
    let missing = a.replace("art/front.pdf", "art/gone.pdf");
    assert_eq!(run(&dir, &missing, false).counts(), (0, 0, 2));
    assert_eq!(run(&dir, &a, false).counts(), (0, 2, 0));
    // A kept cover that is gone is forgotten.
    std::fs::remove_dir_all(dir.join("out/beta")).unwrap();
    let report = run(&dir, &a, false);
    assert!(report.kept.is_empty(), "{:?}", report.kept);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_interior_with_bleed_is_the_same_book_at_every_vendor() {
    // A 6.125 x 9.25 in interior with no TrimBox: a 6 x 9 in book with 0.125 in bleed on the
    // outside edge, top and bottom (kdp.toml's interior_bleed; KDP Help "Set Trim Size, Bleed,
    // and Margins"). KDP read it so; IngramSpark, whose stock file has no interior bleed rule,
    // took it as a 6.125 x 9.25 in custom trim, silently.
    let dir = folder("interior-bleed");
    artwork(&dir);
    std::fs::write(
        dir.join("art/interior.pdf"),
        common::interior_pdf(300, [441.0, 666.0], None),
    )
    .unwrap();
    let book = |id: &str, trim: &str, targets: &[(&str, &str)]| {
        let mut text = format!(
            "[[book]]\nid = \"{id}\"\n{trim}interior = \"art/interior.pdf\"\n\
             isbn = \"9780306406157\"\nfront = \"art/front.pdf\"\nback = \"art/back.pdf\"\n"
        );
        for (vendor, paper) in targets {
            text.push_str(&format!(
                "[[book.target]]\nvendor = \"{vendor}\"\nbinding = \"paperback\"\n\
                 paper = \"{paper}\"\n"
            ));
        }
        text
    };
    let every = [
        ("kdp", "cream"),
        ("ingramspark", "cream"),
        ("lulu", "white"),
    ];
    let text = [
        book("every", "", &every),
        book("ingram-only", "", &[("ingramspark", "cream")]),
        book("declared", "trim = \"6x9\"\n", &[("ingramspark", "cream")]),
    ]
    .concat();
    let report = run(&dir, &text, false);
    let note = "the interior's pages are 6.125x9.25in, with no TrimBox: read as the 6x9in trim \
                with 0.125 in bleed on the outside edge, top and bottom, for every vendor";
    for title in &report.titles {
        for t in &title.targets {
            assert_eq!(t.status, Status::Built, "{} {:?}", title.id, t.error);
            // A 6 x 9 in cover is 9.25 in tall with its bleed; a 6.125 x 9.25 in one 9.5 in.
            assert_eq!(t.full_height, Some(9.25), "{} {:?}", title.id, t.target);
            assert_eq!(t.notes.first().map(String::as_str), Some(note));
        }
    }
    // The same book: its width is two 6 in panels, the spine and 0.125 in bleed each side.
    for t in &report.titles[0].targets {
        let width = t.full_width.unwrap() - t.spine_width.unwrap();
        assert!((width - 12.25).abs() < 1e-6, "{:?}: {width}", t.target);
    }
    // A page that is a listed trim itself is that trim, with no note.
    std::fs::write(
        dir.join("art/interior.pdf"),
        common::interior_pdf(300, [432.0, 648.0], None),
    )
    .unwrap();
    let plain = run(&dir, &book("every", "", &every), false);
    for t in &plain.titles[0].targets {
        assert_eq!(t.full_height, Some(9.25));
        assert!(t.notes.is_empty(), "{:?}", t.notes);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_cover_that_fails_check_is_written_but_counted_as_failed_with_its_findings() {
    // A front at 305% for IngramSpark, which rejects covers over 300% total ink: CMYK PDF art
    // is placed as it is. KDP states no limit and takes the same cover.
    let dir = folder("checked");
    artwork(&dir);
    std::fs::write(
        dir.join("art/dark.pdf"),
        solid_cmyk_pdf([450.0, 666.0], 9.0, [1.0, 0.9, 0.5, 0.65]),
    )
    .unwrap();
    let text = r#"
[[book]]
id = "dark"
trim = "6x9"
pages = 300
isbn = "9780306406157"
front = "art/dark.pdf"
back = "art/back.pdf"
spine_color = [0, 0, 0, 1]
[[book.target]]
vendor = "ingramspark"
binding = "paperback"
paper = "cream"
[[book.target]]
vendor = "kdp"
binding = "paperback"
paper = "cream"
"#;
    let report = run(&dir, text, false);
    assert_eq!(report.counts(), (1, 0, 1));
    let targets = &report.titles[0].targets;
    let ingram = &targets[0];
    assert_eq!(ingram.status, Status::Failed);
    assert!(dir
        .join("out/dark/ingramspark-paperback-cream.pdf")
        .exists());
    let check = ingram.check.as_ref().unwrap();
    assert_eq!(check.status, podcover::preflight::Verdict::Fail);
    let expected = "the cover fails check: ink: total ink 305.0% (100/90/50/65) in a vector \
                    fill on the front cover at (9.86, 4.63) in from the sheet's top-left: ingramspark \
                    rejects covers over 300%; reduce the ink of a vector fill below 240%: e.g. \
                    rich black 60/40/40/100, or 0/0/0/100 for black text";
    assert_eq!(ingram.error.as_deref(), Some(expected));
    // Only what does not pass is kept: here the ink (the file itself is PDF/X-1a).
    let kinds: Vec<&str> = check.findings.iter().map(|f| f.check.as_str()).collect();
    assert_eq!(kinds, ["ink"], "{check:#?}");
    assert_eq!(targets[1].status, Status::Built);
    assert_eq!(
        targets[1].check.as_ref().unwrap().status,
        podcover::preflight::Verdict::Pass
    );
    // The report says so, and the next run builds the failed cover again (and replaces it).
    let json = std::fs::read_to_string(dir.join("out/report.json")).unwrap();
    assert!(json.contains("\"check\": {"), "{json}");
    let again = run(&dir, text, false);
    assert_eq!(again.counts(), (0, 1, 1));
    assert_eq!(again.titles[0].targets[0].changes, ["failed before"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Spine text without a font is set in the built-in one, embedded: the cover passes check.
#[test]
fn spine_text_needs_no_font_file() {
    let dir = folder("spine-text-built-in");
    artwork(&dir);
    let text = r#"
[[book]]
id = "harbor-lights"
trim = "6x9"
pages = 300
front = "art/front.pdf"
back = "art/back.pdf"
spine_text = { title = "Harbor Lights", author = "A. Writer" }
[[book.target]]
vendor = "kdp"
binding = "paperback"
paper = "cream"
"#;
    let report = run(&dir, text, false);
    let target = &report.titles[0].targets[0];
    assert_eq!(target.status, Status::Built, "{:?}", target.error);
    let check = target.check.as_ref().unwrap();
    let failing: Vec<_> = check
        .findings
        .iter()
        .filter(|f| f.status == podcover::preflight::Verdict::Fail)
        .collect();
    assert!(failing.is_empty(), "{failing:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Spine text in a colour of its own, on the spine colour, as `compose --spine-color
/// --text-color` sets it.
#[test]
fn spine_text_stands_on_the_spine_colour_in_its_own_colour() {
    let dir = folder("spine-text-colour");
    artwork(&dir);
    let text = r#"
[[book]]
id = "harbor-lights"
trim = "6x9"
pages = 300
front = "art/front.pdf"
back = "art/back.pdf"
spine_color = [1, 0.8, 0, 0.4]
spine_text = { title = "HARBOR LIGHTS HARBOR LIGHTS", font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", color = [0, 0, 0, 0] }
[[book.target]]
vendor = "kdp"
binding = "paperback"
paper = "cream"
"#;
    let report = run(&dir, text, false);
    assert_eq!(status(&report, "harbor-lights", "kdp"), Status::Built);
    let pdf = std::fs::read(dir.join("out/harbor-lights/kdp-paperback-cream.pdf")).unwrap();
    // KDP cream 300 pp: the spine runs from 6.125 to 6.875 in across a 13 x 9.25 in sheet.
    let image = common::render(&pdf, 100);
    let spine: Vec<[u8; 3]> = (10..=900)
        .map(|y| common::pixel(&image, 100, 6.5, f64::from(y) / 100.0))
        .collect();
    let dark = spine.iter().filter(|p| p.iter().all(|&v| v < 110)).count();
    let white = spine.iter().filter(|p| p.iter().all(|&v| v > 200)).count();
    assert!(dark > 300, "{dark} of 891 spine pixels in the spine colour");
    assert!(white > 20, "{white} of 891 spine pixels in the white text");
    // The background is the spine colour from top to bottom bleed, not only behind the text.
    assert!(common::pixel(&image, 100, 6.5, 0.05)
        .iter()
        .all(|&v| v < 110));
    // Still one of spine artwork or spine text: both is refused.
    let both = text.replace("spine_color =", "spine = \"art/front.pdf\"\nspine_color =");
    let err = Manifest::parse("m.toml", &both).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Manifest);
    assert!(
        err.to_string()
            .contains("give spine artwork, or spine_text and spine_color, not both"),
        "{err}"
    );
}

#[test]
fn spine_colours_over_the_ink_limit_are_reduced_or_with_strict_color_refused() {
    let dir = folder("strict-color");
    artwork(&dir);
    let manifest = |strict: bool| {
        format!(
            r#"
[[book]]
id = "harbor-lights"
trim = "6x9"
pages = 300
isbn = "9780306406157"
front = "art/front.pdf"
back = "art/back.pdf"
spine_color = [1, 1, 1, 1]
strict_color = {strict}
[[book.target]]
vendor = "ingramspark"
binding = "paperback"
paper = "cream"
[[book.target]]
vendor = "kdp"
binding = "paperback"
paper = "cream"
"#
        )
    };
    let over = "spine colour 1,1,1,1 is 400.0% total ink, over the 240% the vendor allows";
    let report = run(&dir, &manifest(false), false);
    let [ingram, kdp] = &report.titles[0].targets[..] else {
        panic!("two targets")
    };
    assert_eq!(ingram.status, Status::Built, "{:?}", ingram.error);
    assert!(
        ingram
            .warnings
            .contains(&format!("{over}: reduced to 0.466,0.466,0.466,1 (239.8%)")),
        "{:?}",
        ingram.warnings
    );
    // KDP states no limit.
    assert_eq!(kdp.status, Status::Built);
    assert!(kdp.warnings.iter().all(|w| !w.contains("total ink")));
    let report = run(&dir, &manifest(true), false);
    let [ingram, kdp] = &report.titles[0].targets[..] else {
        panic!("two targets")
    };
    assert_eq!(ingram.status, Status::Failed);
    assert_eq!(
        ingram.error.as_deref(),
        Some(format!("{over}; give a colour within 240%").as_str())
    );
    assert_eq!(kdp.status, Status::Built);
    std::fs::remove_dir_all(&dir).unwrap();
}
