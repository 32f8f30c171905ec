//! A user's readings file: recorded by `podcover reading add`, applied by every command that
//! computes a spine, and kept as the user wrote it.

#[cfg(feature = "cli")]
use crate::common;

use podcover::{
    catalog::{Confidence, Readings, UserReading},
    BookSpec, Catalog, ErrorKind, Length,
};

/// A stock file of a vendor the built-in catalog does not have (Acme: 0.05 mm a page).
const ACME: &str = r#"
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
barcode = { value = { width = "50mm", height = "30mm", from_bottom = "10mm", from_spine = "10mm", bottom_from = "trim" }, source = "site", confidence = "published" }
trims = { value = ["148x210mm"], source = "site", confidence = "published" }

[[binding.paper]]
id = "white"
name = "80 gsm white"
spine = { value = { shape = "per-page", per_page = "0.05mm" }, source = "site", confidence = "published" }
pages = { value = { min = 24, max = 600, multiple = 2 }, source = "site", confidence = "published" }
"#;

fn user_reading(vendor: &str, paper: &str, pages: u32, spine: &str, source: &str) -> UserReading {
    UserReading {
        vendor: vendor.parse().unwrap(),
        binding: "paperback".parse().unwrap(),
        paper: paper.parse().unwrap(),
        pages,
        spine: spine.parse().unwrap(),
        trim: None,
        source: source.into(),
        added: "2026-12-01".into(),
    }
}

fn kdp_cream(pages: u32) -> BookSpec {
    BookSpec::parse("kdp", "paperback", "cream", "6x9", pages).unwrap()
}

#[test]
fn readings_for_products_the_catalog_lacks_are_left_out_not_errors() {
    let mut with_acme = Catalog::builtin().clone();
    with_acme.add_stock("acme.toml", ACME).unwrap();
    let mut readings = Readings::default();
    readings
        .add(
            &with_acme,
            user_reading("acme", "white", 200, "10.2mm", "acme template"),
        )
        .unwrap();
    readings
        .add(
            Catalog::builtin(),
            user_reading("kdp", "cream", 200, "12.7mm", "kdp template"),
        )
        .unwrap();
    // Without the stock file, the Acme reading is kept aside and the KDP one used.
    let catalog = Catalog::builtin()
        .with_readings("readings.toml", &readings)
        .unwrap();
    let unused = catalog.unused_readings();
    assert_eq!(unused.len(), 1);
    assert_eq!(
        unused[0].to_string(),
        "reading 1 (acme paperback white 200 pages): unknown vendor \"acme\"; expected one of: acx, generic, ingramspark, kdp, lulu"
    );
    assert_eq!(unused[0].reading, readings.entries[0]);
    let layout = catalog.layout(&kdp_cream(200)).unwrap();
    assert!(matches!(
        layout.spine_basis,
        podcover::layout::SpineBasis::Reading { .. }
    ));
    // With it, both are used.
    let catalog = with_acme.with_readings("readings.toml", &readings).unwrap();
    assert!(catalog.unused_readings().is_empty());
    let spec = BookSpec::parse("acme", "paperback", "white", "148x210mm", 200).unwrap();
    assert!(catalog
        .layout(&spec)
        .unwrap()
        .spine_width()
        .approx_eq(Length::mm(10.2)));
    // A page count the paper no longer takes is left out too; a width no spine has is an
    // error in the file.
    let mut text = readings.to_toml();
    text.push_str(
        "\n[[reading]]\nvendor = \"kdp\"\nbinding = \"paperback\"\npaper = \"cream\"\npages = 5000\nspine = \"1in\"\nsource = \"x\"\nadded = \"2026-12-01\"\n",
    );
    let catalog = Catalog::builtin()
        .with_readings("r.toml", &Readings::parse("r.toml", &text).unwrap())
        .unwrap();
    assert_eq!(
        catalog.unused_readings()[1].reason,
        "5000 pages is out of range for kdp paperback cream: expected 24 to 776"
    );
    let bad = text.replace("spine = \"1in\"", "spine = \"7in\"");
    assert_eq!(
        Catalog::builtin()
            .with_readings("r.toml", &Readings::parse("r.toml", &bad).unwrap())
            .unwrap_err()
            .to_string(),
        "r.toml: reading 3 (kdp paperback cream 5000 pages) field \"spine\": length 7.000 in must lie between 0.001 in and 6.000 in"
    );
}

#[test]
fn a_new_reading_replaces_the_one_for_the_same_spine_under_any_name() {
    let catalog = Catalog::builtin();
    let mut readings = Readings::default();
    // IngramSpark computes 317 pages as 318; `lsi` and `lightning-source` are its other names.
    let first = user_reading("ingramspark", "cream", 317, "20.2mm", "first");
    assert!(readings.add(catalog, first.clone()).unwrap().is_empty());
    readings
        .add(catalog, user_reading("kdp", "cream", 318, "0.8in", "kdp"))
        .unwrap();
    let replaced = readings
        .add(
            catalog,
            user_reading("lsi", "cream", 318, "20.3mm", "second"),
        )
        .unwrap();
    assert_eq!(replaced, vec![first]);
    let replaced = readings
        .add(
            catalog,
            user_reading("lightning-source", "cream", 318, "20.4mm", "third"),
        )
        .unwrap();
    assert_eq!(replaced.len(), 1);
    assert_eq!(replaced[0].source, "second");
    let sources: Vec<&str> = readings.entries.iter().map(|r| r.source.as_str()).collect();
    assert_eq!(
        sources,
        ["third", "kdp"],
        "the new one takes the old one's place"
    );
    let key = catalog.reading_key(&readings.entries[0]).unwrap();
    assert_eq!(key.vendor, "ingramspark");
    assert_eq!(key.pages, 318);
}

#[test]
fn new_readings_are_checked_field_by_field() {
    let catalog = Catalog::builtin();
    let check = |r: UserReading| catalog.check_reading(&r).unwrap_err();
    let mut long = user_reading("kdp", "cream", 200, "0.5in", "");
    long.source = "a".repeat(201);
    assert_eq!(
        check(long).to_string(),
        format!(
            "invalid reading source \"{}...\": expected at most 200 characters; this has 201",
            "a".repeat(40)
        )
    );
    let mut fits = user_reading("kdp", "cream", 200, "0.5in", "");
    fits.source = "a".repeat(200);
    assert!(catalog.check_reading(&fits).is_ok());
    assert_eq!(
        check(user_reading("kdp", "cream", 200, "0.5in", "two\nlines")).to_string(),
        "invalid reading source \"two\\nlines\": expected text on one line, without control characters"
    );
    assert_eq!(
        check(user_reading("kdp", "cream", 200, "6.0000001in", "x")).to_string(),
        "invalid spine width \"6.0000001 in\": expected a width from 0.001 in to 6.000 in"
    );
    let unknown = check(user_reading("acme", "cream", 200, "0.5in", "x"));
    assert_eq!(unknown.kind(), ErrorKind::UnknownVendor);
    assert_eq!(unknown.value(), Some("acme"));
    let pages = check(user_reading("kdp", "cream", 2000, "0.5in", "x"));
    assert_eq!(pages.kind(), ErrorKind::PagesOutOfRange);
    assert_eq!(pages.pages(), Some(2000));
}

#[test]
fn a_reading_sets_the_confidence_and_a_far_one_warns() {
    let catalog = Catalog::builtin();
    let mut readings = Readings::default();
    // KDP cream: 0.0025 in a page (KDP Help G201953020), so 200 pages is 0.5 in; KDP's spine
    // tolerance is 0.0625 in.
    readings
        .add(
            catalog,
            user_reading("kdp", "cream", 200, "12.7mm", "close"),
        )
        .unwrap();
    readings
        .add(
            catalog,
            user_reading("kdp", "cream", 240, "0.7in", "a slip"),
        )
        .unwrap();
    let catalog = catalog.with_readings("readings.toml", &readings).unwrap();
    let close = catalog.layout(&kdp_cream(200)).unwrap();
    assert_eq!(close.confidence, Confidence::Reading);
    assert_eq!(close.reading_warning(), None);
    let far = catalog.layout(&kdp_cream(240)).unwrap();
    assert_eq!(far.confidence, Confidence::Reading);
    assert_eq!(
        far.reading_warning().unwrap(),
        "the spine width 0.7000 in for kdp paperback cream 240 pages is a reading (a slip, \
         2026-12-01) 0.1000 in wider than the spine rule's 0.6000 in, more than the vendor's \
         0.0625 in tolerance: check it against the vendor's template"
    );
    // Without a reading, the rule's confidence, and no warning.
    let rule = catalog.layout(&kdp_cream(300)).unwrap();
    assert_eq!(rule.confidence, Confidence::Published);
    assert_eq!(rule.reading_warning(), None);
}

#[test]
fn reading_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Readings>();
    check::<UserReading>();
    check::<podcover::catalog::ReadingKey>();
    check::<podcover::catalog::UnusedReading>();
    check::<podcover::catalog::ReadingCheck>();
}

#[test]
fn toml_errors_in_a_readings_file_give_line_and_column() {
    let text = "# mine\n[[reading]]\nvendor = \"kdp\"\npages = 3x\n";
    assert_eq!(
        Readings::parse("r.toml", text).unwrap_err().to_string(),
        "r.toml: line 4, column 9: string values must be quoted, expected literal string"
    );
    let text = "[[reading]]\nvendor = \"kdp\"\nbinding = \"paperback\"\npaper = \"cream\"\npages = 30\nspine = \"1xx\"\nsource = \"a\"\nadded = \"b\"\n";
    assert_eq!(
        Readings::parse("r.toml", text).unwrap_err().to_string(),
        "r.toml: line 6, column 9: invalid length \"1xx\": expected a number with a unit, e.g. 0.125in, 3mm or 9pt"
    );
    let big = "#".repeat(Readings::MAX_BYTES + 1);
    assert_eq!(
        Readings::parse("r.toml", &big).unwrap_err().to_string(),
        "r.toml: file: 1048577 bytes; a readings file may hold at most 1048576 bytes (1 MiB)"
    );
}

#[cfg(feature = "cli")]
mod cli {
    use std::path::{Path, PathBuf};
    use std::process::{Command, Output};

    use podcover::catalog::Readings;

    use super::common;

    /// A scratch folder with a readings file path in it (the file not yet made).
    fn setup(tag: &str) -> (PathBuf, PathBuf) {
        let dir = common::scratch(tag);
        let file = dir.join("readings.toml");
        (dir, file)
    }

    fn command(file: &Path, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_podcover"));
        command.args(args).env("PODCOVER_READINGS", file);
        command
    }

    fn run(file: &Path, args: &[&str]) -> Output {
        command(file, args).output().expect("podcover runs")
    }

    /// Standard output and error of a command that succeeds.
    #[track_caller]
    fn ok(file: &Path, args: &[&str]) -> (String, String) {
        let out = run(file, args);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(out.status.success(), "{args:?} failed: {stderr}");
        (String::from_utf8(out.stdout).unwrap(), stderr)
    }

    /// Standard error of a command that fails with status 1.
    #[track_caller]
    fn fails(file: &Path, args: &[&str]) -> String {
        let out = run(file, args);
        assert_eq!(out.status.code(), Some(1), "{args:?} should fail");
        String::from_utf8(out.stderr).unwrap()
    }

    fn add_args<'a>(
        vendor: &'a str,
        paper: &'a str,
        pages: &'a str,
        spine: &'a str,
        source: &'a str,
    ) -> Vec<&'a str> {
        vec![
            "reading", "add", "--vendor", vendor, "--paper", paper, "--pages", pages, "--spine",
            spine, "--source", source,
        ]
    }

    fn readings(file: &Path) -> Readings {
        Readings::parse("readings.toml", &std::fs::read_to_string(file).unwrap()).unwrap()
    }

    #[test]
    fn twenty_adds_at_once_keep_all_twenty() {
        let (dir, file) = setup("readings-concurrent");
        let pages: Vec<String> = (0..20).map(|i| (100 + 2 * i).to_string()).collect();
        let children: Vec<_> = pages
            .iter()
            .map(|p| {
                command(
                    &file,
                    &add_args("kdp", "cream", p, "0.3in", &format!("template {p}")),
                )
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("podcover starts")
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let mut kept: Vec<u32> = readings(&file).entries.iter().map(|r| r.pages).collect();
        kept.sort_unstable();
        let wanted: Vec<u32> = (0..20).map(|i| 100 + 2 * i).collect();
        assert_eq!(kept, wanted);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_lock_path_that_is_not_a_file_is_refused() {
        let (dir, file) = setup("readings-lock");
        let lock = dir.join(".readings.toml.lock");
        std::fs::create_dir(&lock).unwrap();
        assert_eq!(
            fails(&file, &add_args("kdp", "cream", "200", "0.5in", "x")),
            format!(
                "podcover: lock file {} is not a regular file; remove it and try again\n",
                lock.display()
            )
        );
        assert!(!file.exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn readings_for_a_stock_file_not_given_are_kept_noted_and_ignored() {
        let (dir, file) = setup("readings-unknown");
        let stock = dir.join("acme.toml");
        std::fs::write(&stock, super::ACME).unwrap();
        let mut args = vec!["--stocks", stock.to_str().unwrap()];
        args.extend(add_args("acme", "white", "200", "10.2mm", "acme template"));
        ok(&file, &args);
        ok(
            &file,
            &add_args("kdp", "cream", "200", "12.7mm", "kdp template"),
        );
        let before = std::fs::read_to_string(&file).unwrap();
        let note = format!(
            "podcover: note: {}: reading 1 (acme paperback white 200 pages): unknown vendor \"acme\"; expected one of: acx, generic, ingramspark, kdp, lulu; it is not used, and stays in the file\n",
            file.display()
        );
        // Commands that use no spine do not read the file; those that do say so once.
        let (_, stderr) = ok(&file, &["vendors"]);
        assert_eq!(stderr, "");
        let barcode = dir.join("isbn.svg");
        let (_, stderr) = ok(
            &file,
            &[
                "barcode",
                "978-0-306-40615-7",
                "-o",
                barcode.to_str().unwrap(),
            ],
        );
        assert_eq!(stderr, "");
        let (stdout, stderr) = ok(
            &file,
            &[
                "layout", "--vendor", "kdp", "--paper", "cream", "--trim", "6x9", "--pages", "200",
            ],
        );
        assert_eq!(stderr, note);
        assert!(stdout.contains("(reading: kdp template, "), "{stdout}");
        let (stdout, stderr) = ok(&file, &["reading", "list"]);
        assert_eq!(stderr, "");
        assert!(
            stdout.contains(&format!(
                "not used (they stay in {}):\n  reading 1 (acme paperback white 200 pages): unknown vendor",
                file.display()
            )),
            "{stdout}"
        );
        let (stdout, stderr) = ok(&file, &["reading", "list", "--json"]);
        assert_eq!(stderr, note);
        let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(v.as_array().unwrap().len(), 1);
        let (_, stderr) = ok(&file, &add_args("kdp", "white", "300", "0.68in", "another"));
        assert_eq!(stderr, note);
        // The Acme reading is still there, and used when the stock file is given again.
        assert!(std::fs::read_to_string(&file).unwrap().starts_with(&before));
        assert_eq!(readings(&file).entries.len(), 3);
        let (stdout, stderr) = ok(
            &file,
            &[
                "--stocks",
                stock.to_str().unwrap(),
                "layout",
                "--vendor",
                "acme",
                "--paper",
                "white",
                "--trim",
                "148x210mm",
                "--pages",
                "200",
            ],
        );
        assert_eq!(stderr, "");
        assert!(stdout.contains("(reading: acme template, "), "{stdout}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn reading_add_never_writes_a_file_it_cannot_read_back() {
        let (dir, file) = setup("readings-limits");
        // A source of 130,000 characters, as an attack tried nine times.
        let huge = "a".repeat(130_000);
        assert_eq!(
            fails(&file, &add_args("kdp", "cream", "200", "0.5in", &huge)),
            format!(
                "podcover: invalid reading source \"{}...\": expected at most 200 characters; this has 130000\n",
                "a".repeat(40)
            )
        );
        assert!(!file.exists());
        let long_spine = format!("0.{}in", "5".repeat(40));
        assert_eq!(
            fails(&file, &add_args("kdp", "cream", "200", &long_spine, "x")),
            format!(
                "podcover: invalid --spine \"0.{}...\": expected at most 32 characters, e.g. 0.889in or 22.58mm\n",
                "5".repeat(30)
            )
        );
        // A file just under 1 MiB: the next reading would take it over, and is refused.
        let entry = |pages: u32| {
            format!(
                "\n[[reading]]\nvendor = \"kdp\"\nbinding = \"paperback\"\npaper = \"white\"\npages = {pages}\nspine = \"0.5in\"\nsource = \"{}\"\nadded = \"2026-01-01\"\n",
                "s".repeat(150)
            )
        };
        let mut text = String::from("# filled by hand\n");
        let mut pages = 24;
        while text.len() + entry(pages).len() <= Readings::MAX_BYTES - 200 {
            text.push_str(&entry(pages));
            pages = if pages >= 826 { 24 } else { pages + 2 };
        }
        std::fs::write(&file, &text).unwrap();
        let stderr = fails(
            &file,
            &add_args("kdp", "cream", "300", "0.75in", &"b".repeat(200)),
        );
        assert!(
            stderr.starts_with(&format!(
                "podcover: readings file {} would grow to 10",
                file.display()
            )) && stderr.ends_with(
                " bytes, over the 1048576 bytes (1 MiB) it may hold; remove readings you no longer need and add this one again\n"
            ),
            "{stderr}"
        );
        assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
        // Every command still reads it.
        ok(
            &file,
            &[
                "layout", "--vendor", "kdp", "--paper", "white", "--trim", "6x9", "--pages", "300",
            ],
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_flagged_reading_warns_wherever_it_is_used() {
        let (dir, file) = setup("readings-flagged");
        // KDP cream: 0.0025 in a page (KDP Help G201953020), 0.6 in at 240 pages; 0.7 in is
        // more than KDP's 0.0625 in tolerance away.
        let (stdout, _) = ok(&file, &add_args("kdp", "cream", "240", "0.7in", "a slip"));
        assert!(stdout.contains("FLAGGED"), "{stdout}");
        let warning = "podcover: warning: the spine width 0.7000 in for kdp paperback cream 240 pages is a reading (a slip, ";
        let book = [
            "--vendor", "kdp", "--paper", "cream", "--trim", "6x9", "--pages", "240",
        ];
        let with = |command: &[&str], extra: &[&str]| {
            let mut args: Vec<&str> = command.to_vec();
            args.extend(book);
            args.extend(extra);
            ok(&file, &args)
        };
        let (stdout, stderr) = with(&["layout"], &["--json"]);
        assert!(stderr.starts_with(warning), "{stderr}");
        let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(v["confidence"], "reading");
        assert_eq!(v["spine_basis"]["from"], "reading");
        assert_eq!(v["spine_basis"]["flagged"], true);
        let (stdout, stderr) = with(&["spine"], &["--json"]);
        assert!(stderr.starts_with(warning), "{stderr}");
        let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(v["confidence"], "reading");
        let svg = dir.join("t.svg");
        let (_, stderr) = with(&["template"], &["-o", svg.to_str().unwrap()]);
        assert!(stderr.starts_with(warning), "{stderr}");
        let (stdout, stderr) = ok(
            &file,
            &[
                "compare", "--trim", "6x9", "--pages", "240", "--paper", "cream", "--json",
            ],
        );
        assert!(stderr.starts_with(warning), "{stderr}");
        let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        let kdp = v["offers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["vendor"] == "kdp" && o["binding"] == "paperback")
            .unwrap();
        assert_eq!(kdp["confidence"], "reading");
        let front = dir.join("front.pdf");
        std::fs::write(
            &front,
            common::solid_pdf([450.0, 666.0], 9.0, [1.0, 0.0, 0.0]),
        )
        .unwrap();
        let cover = dir.join("cover.pdf");
        let (_, stderr) = with(
            &["compose"],
            &[
                "--front",
                front.to_str().unwrap(),
                "--back",
                front.to_str().unwrap(),
                "-o",
                cover.to_str().unwrap(),
            ],
        );
        assert!(stderr.starts_with(warning), "{stderr}");
        // A batch's report says so for the title.
        std::fs::write(
            dir.join("manifest.toml"),
            "[[book]]\nid = \"harbor\"\ntrim = \"6x9\"\npages = 240\nfront = \"front.pdf\"\nback = \"front.pdf\"\n[[book.target]]\nvendor = \"kdp\"\nbinding = \"paperback\"\npaper = \"cream\"\n",
        )
        .unwrap();
        let out = dir.join("out");
        ok(
            &file,
            &[
                "batch",
                dir.join("manifest.toml").to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ],
        );
        let report = std::fs::read_to_string(out.join("report.json")).unwrap();
        assert!(
            report.contains(&warning["podcover: warning: ".len()..]),
            "{report}"
        );
        // Without the reading: no warning.
        let (_, stderr) = ok(
            &file,
            &[
                "layout", "--vendor", "kdp", "--paper", "cream", "--trim", "6x9", "--pages", "242",
            ],
        );
        assert_eq!(stderr, "");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn reading_add_echoes_the_reading_it_added() {
        let (dir, file) = setup("readings-echo");
        ok(&file, &add_args("kdp", "cream", "200", "0.5in", "kdp one"));
        let (stdout, _) = ok(
            &file,
            &add_args("ingramspark", "cream", "400", "0.9in", "isp one"),
        );
        let lines: Vec<&str> = stdout.lines().collect();
        assert_eq!(lines.len(), 2, "{stdout}");
        assert_eq!(lines[0], format!("recorded in {}", file.display()));
        assert!(
            lines[1].starts_with("ingramspark paperback cream                 400    0.9000in"),
            "{stdout}"
        );
        assert!(lines[1].contains("isp one ("), "{stdout}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn reading_add_keeps_the_users_comments_and_units() {
        let (dir, file) = setup("readings-format");
        let mine = "# My readings, checked against the proofs.\n\n[[reading]]\nvendor = \"kdp\"   # Amazon\nbinding = \"paperback\"\npaper = \"cream\"\npages = 200\nspine = \"12.7mm\"\nsource = \"kdp template\"\nadded = \"2026-11-01\"\n";
        std::fs::write(&file, mine).unwrap();
        ok(
            &file,
            &add_args("kdp", "white", "300", "17.2mm", "white template"),
        );
        let text = std::fs::read_to_string(&file).unwrap();
        let added = text.strip_prefix(mine).unwrap_or_else(|| panic!("{text}"));
        assert!(
            added.starts_with("\n[[reading]]\nvendor = \"kdp\"\n"),
            "{added}"
        );
        assert!(added.contains("\nspine = \"17.2mm\"\n"), "{added}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn aliases_and_counted_pages_are_one_reading() {
        let (dir, file) = setup("readings-aliases");
        let mine = "# header\n\n# about the first one\n[[reading]]\nvendor = \"lsi\"\nbinding = \"paperback\"\npaper = \"cream\"\npages = 317\nspine = \"20mm\"\nsource = \"a\"\nadded = \"2026-01-01\"\n\n# kdp\n[[reading]]\nvendor = \"kdp\"\nbinding = \"paperback\"\npaper = \"cream\"\npages = 300\nspine = \"19mm\" # careful\nsource = \"b\"\nadded = \"2026-01-01\"\n\n# a conflicting one\n[[reading]]\nvendor = \"ingramspark\"\nbinding = \"paperback\"\npaper = \"cream\"\npages = 318\nspine = \"20.5mm\"\nsource = \"c\"\nadded = \"2026-01-02\"\n";
        std::fs::write(&file, mine).unwrap();
        let (stdout, _) = ok(
            &file,
            &add_args("lightning-source", "cream", "318", "20.2mm", "new"),
        );
        assert!(
            stdout.starts_with(&format!(
                "recorded in {}, replacing 2 readings:\n  lsi paperback cream 317 pages, 0.7874 in (a, 2026-01-01)\n  ingramspark paperback cream 318 pages, 0.8071 in (c, 2026-01-02)\ningramspark paperback cream                 318    0.7953in",
                file.display()
            )),
            "{stdout}"
        );
        let text = std::fs::read_to_string(&file).unwrap();
        let today = &readings(&file).entries[0].added;
        assert_eq!(
            text,
            format!("# header\n\n# about the first one\n# a conflicting one\n[[reading]]\nvendor = \"ingramspark\"\nbinding = \"paperback\"\npaper = \"cream\"\npages = 318\nspine = \"20.2mm\"\nsource = \"new\"\nadded = \"{today}\"\n\n# kdp\n[[reading]]\nvendor = \"kdp\"\nbinding = \"paperback\"\npaper = \"cream\"\npages = 300\nspine = \"19mm\" # careful\nsource = \"b\"\nadded = \"2026-01-01\"\n")
        );
        let (stdout, _) = ok(
            &file,
            &add_args("ingramspark", "cream", "317", "20.3mm", "newer"),
        );
        assert!(
            stdout.starts_with(&format!(
                "recorded in {}, replacing the reading ingramspark paperback cream 318 pages, 0.7953 in (new, {today})\n",
                file.display()
            )),
            "{stdout}"
        );
        assert_eq!(readings(&file).entries.len(), 2);
        // Readings written as an inline array stay so.
        std::fs::write(
            &file,
            "reading = [\n  { vendor = \"kdp\", binding = \"paperback\", paper = \"white\", pages = 300, spine = \"17mm\", source = \"a\", added = \"2026-01-01\" },\n]\n",
        )
        .unwrap();
        ok(&file, &add_args("kdp", "white", "302", "17.1mm", "b"));
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            text.starts_with("reading = [\n  { vendor = \"kdp\", binding = \"paperback\", paper = \"white\", pages = 300, spine = \"17mm\", source = \"a\", added = \"2026-01-01\" },\n  { vendor = \"kdp\", binding = \"paperback\", paper = \"white\", pages = 302, spine = \"17.1mm\", source = \"b\", added = "),
            "{text}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn toml_errors_in_the_readings_file_give_line_and_column() {
        let (dir, file) = setup("readings-toml");
        std::fs::write(&file, "# mine\n[[reading]]\nvendor = \"kdp\"\npages = 3x\n").unwrap();
        assert_eq!(
            fails(
                &file,
                &["layout", "--vendor", "kdp", "--paper", "cream", "--trim", "6x9", "--pages", "200"]
            ),
            format!(
                "podcover: {}: line 4, column 9: string values must be quoted, expected literal string\n",
                file.display()
            )
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
