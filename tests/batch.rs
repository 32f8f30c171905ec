//! Batch regeneration of a catalogue from a manifest.

mod common;
use std::path::{Path, PathBuf};

use common::{layout, solid_pdf};
use podcover::batch::{self, BatchOptions, Manifest, Report, Status};
use podcover::{compose, Artwork, Catalog, CoverArt, SpineArt};

fn folder(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("podcover-batch-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("art")).unwrap();
    dir
}

/// Writes 6x9 in front and back artwork with 0.125 in bleed.
fn artwork(dir: &Path) {
    std::fs::write(
        dir.join("art/front.pdf"),
        solid_pdf([450.0, 666.0], 9.0, [1.0, 0.0, 0.0]),
    )
    .unwrap();
    std::fs::write(
        dir.join("art/back.pdf"),
        solid_pdf([450.0, 666.0], 9.0, [0.0, 0.0, 1.0]),
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
spine_text = {{ title = "Harbor Lights", author = "A. Writer" }}
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
    let options = BatchOptions {
        base: dir.to_path_buf(),
        out: dir.join("out"),
        force,
        threads: 2,
    };
    batch::run(Catalog::builtin(), &manifest, &options, &|_| {}).unwrap()
}

fn status(report: &Report, id: &str, vendor: &str) -> Status {
    let title = report.titles.iter().find(|t| t.id == id).unwrap();
    title
        .targets
        .iter()
        .find(|t| t.target.vendor == vendor)
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
        solid_pdf([450.0, 666.0], 9.0, [0.0, 1.0, 0.0]),
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
        err.ends_with("exists and is not the file podcover wrote there; use --force to replace it"),
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

#[test]
fn respines_a_whole_cover_for_each_target() {
    let dir = folder("respine");
    artwork(&dir);
    let from = layout("kdp", "paperback", "cream", "6x9", 300);
    let front =
        Artwork::from_pdf("front", &std::fs::read(dir.join("art/front.pdf")).unwrap()).unwrap();
    let back =
        Artwork::from_pdf("back", &std::fs::read(dir.join("art/back.pdf")).unwrap()).unwrap();
    let cover = compose(
        &from,
        &CoverArt {
            front,
            back,
            spine: SpineArt::Blank,
            barcode: None,
        },
    )
    .unwrap();
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
    assert_eq!(targets[1].status, Status::Failed);
    assert_eq!(
        targets[1].error.as_deref(),
        Some("the cover was made for a kdp paperback and cannot become a kdp hardcover")
    );
    let pdf = std::fs::read(dir.join("out/old-cover/ingramspark-paperback-cream.pdf")).unwrap();
    let placed = Artwork::from_pdf("out", &pdf).unwrap();
    // The sheet is the catalog's IngramSpark cream 318-page cover.
    let spec = podcover::BookSpec::new(
        "ingramspark",
        "paperback",
        "cream",
        "6x9".parse().unwrap(),
        318,
    );
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
        "m.toml: book \"a\": give both front and back"
    );
    assert_eq!(
        err("[[book]]\nid = \"A B\"\ntarget = []\n"),
        "m.toml: book \"A B\": id must be lowercase letters, digits, - and _"
    );
    assert!(err("[[book]]\nid = \"a\"\ncolour = 1\n")
        .starts_with("m.toml: line 3: unknown field `colour`"));
}
