//! The command-line tool, run as a user would.

use crate::common;

use podcover::draw::TemplateFormat;

use std::process::{Command, Output};

fn podcover(args: &[&str]) -> Output {
    podcover_with(args, &[])
}

/// Runs the tool with extra environment variables; the user's own readings file is never read
/// (PODCOVER_READINGS points at a file that does not exist unless `env` says otherwise).
fn podcover_with(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_podcover"));
    command
        .args(args)
        .env("PODCOVER_READINGS", "/nonexistent/podcover-readings.toml");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("the podcover binary runs")
}

#[track_caller]
fn ok(args: &[&str]) -> String {
    let out = podcover(args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[track_caller]
fn fails(args: &[&str]) -> String {
    let out = podcover(args);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{args:?} should fail with status 1"
    );
    assert!(out.stdout.is_empty());
    String::from_utf8(out.stderr).unwrap()
}

#[track_caller]
fn json(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok(args)).unwrap()
}

#[test]
fn layout_json_contract() {
    // KDP Help G201953020: 300 pages of white paper, 0.002252 in each: spine 0.6756 in,
    // cover 0.125 + 6 + 0.6756 + 6 + 0.125 = 12.9256 in by 9.25 in.
    let v = json(&[
        "layout",
        "--vendor",
        "kdp",
        "--binding",
        "paperback",
        "--paper",
        "white",
        "--trim",
        "6x9",
        "--pages",
        "300",
        "--json",
    ]);
    assert_eq!(v["vendor"], "kdp");
    assert_eq!(v["binding"], "paperback");
    assert_eq!(v["paper"], "white");
    assert_eq!(v["pages"], 300);
    assert_eq!(v["unit"], "in");
    assert_eq!(v["origin"], "top-left");
    // KDP's barcode box: 0.25 in above the bottom trim (CreateSpace cover guidelines, the
    // source kdp.toml cites); the sheet is 9.25 in with 0.125 in bleed.
    let barcode = &v["regions"]["barcode"];
    let above_bottom =
        9.25 - 0.125 - (barcode["y"].as_f64().unwrap() + barcode["height"].as_f64().unwrap());
    assert!((above_bottom - 0.25).abs() < 1e-6, "{barcode}");
    assert_eq!(v["trim"]["width"], 6.0);
    assert_eq!(v["trim"]["height"], 9.0);
    assert_eq!(v["spine_width"], 0.6756);
    assert_eq!(v["full_width"], 12.9256);
    assert_eq!(v["full_height"], 9.25);
    assert_eq!(v["bleed"], 0.125);
    assert_eq!(v["spine_text"]["allowed"], true);
    assert_eq!(v["confidence"], "published");
    assert!(v["rules"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["rule"] == "spine"
            && r["source"]["url"] == "https://kdp.amazon.com/en_US/help/topic/G201953020"));

    // The same in millimetres: 12.9256 in = 328.31024 mm; 9.25 in = 234.95 mm.
    let v = json(&[
        "layout", "--vendor", "kdp", "--paper", "white", "--trim", "6x9", "--pages", "300",
        "--json", "--unit", "mm",
    ]);
    assert_eq!(v["unit"], "mm");
    assert_eq!(v["full_width"], 328.3102);
    assert_eq!(v["full_height"], 234.95);
}

#[test]
fn compare_lists_every_vendor_and_the_refusals() {
    let text = ok(&[
        "compare", "--trim", "6x9", "--pages", "318", "--paper", "cream",
    ]);
    // KDP cream: 318 x 0.0025 = 0.795 in.
    assert!(text.contains("kdp          paperback  cream"), "{text}");
    assert!(text.contains("(lengths in inches)"), "{text}");
    assert!(
        text.contains(
            "kdp          paperback  cream                   0.795         13.045 x 9.250"
        ),
        "{text}"
    );
    assert!(text.contains("ingramspark"));
    assert!(text.contains("lulu"));
    let v = json(&[
        "compare", "--trim", "6x9", "--pages", "318", "--paper", "cream", "--json",
    ]);
    let offers = v["offers"].as_array().unwrap();
    let lulu_coil = offers
        .iter()
        .find(|o| o["vendor"] == "lulu" && o["binding"] == "coil")
        .unwrap();
    assert_eq!(
        lulu_coil["error"],
        "unknown paper \"cream\" for lulu coil; expected one of: white, premium-color"
    );
    // Lulu paperback: 318 / 444 + 0.06 in.
    let lulu = offers
        .iter()
        .find(|o| o["vendor"] == "lulu" && o["binding"] == "paperback")
        .unwrap();
    let expected = 318.0 / 444.0 + 0.06;
    assert!((lulu["spine_width"].as_f64().unwrap() - expected).abs() < 1e-6);
}

#[test]
fn spine_shows_source_and_confidence() {
    let text = ok(&[
        "spine", "--vendor", "lulu", "--paper", "white", "--pages", "210",
    ]);
    // 210 / 444 + 0.06 = 0.53297 in.
    assert!(
        text.starts_with("lulu paperback white 210 pages: spine 0.533 in (13.54 mm)"),
        "{text}"
    );
    assert!(text.contains("published"));
    assert!(text.contains("https://help.api.lulu.com/en/support/solutions/articles/64000254616"));
}

#[test]
fn vendors_and_trims() {
    let text = ok(&["vendors"]);
    for id in [
        "kdp",
        "ingramspark",
        "lulu",
        "groundwood",
        "standard-color-70",
        "coil",
    ] {
        assert!(text.contains(id), "{id} missing from {text}");
    }
    let text = ok(&["vendors", "ingramspark"]);
    assert!(text.contains("estimate"));
    assert!(
        text.contains(
            "  files: colour CMYK; total ink 240% recommended, over 300% rejected; \
             PDF/X-1a:2001 or PDF/X-3:2002; transparency flattened\n"
        ),
        "{text}"
    );
    assert!(text.contains("ink_limit"), "{text}");
    assert!(text.contains("note:"));
    let text = ok(&["trims", "--shared"]);
    assert!(
        text.lines()
            .any(|l| l.starts_with("6x9in") && l.contains(" 3 ")),
        "{text}"
    );
    assert!(
        !text.contains("4.25x6.87in"),
        "a Lulu-only trim is not shared"
    );
}

#[test]
fn bad_input_fails_with_one_clear_message() {
    assert_eq!(
        fails(&["spine", "--vendor", "kdp", "--paper", "ivory", "--pages", "100"]),
        "podcover: unknown paper \"ivory\" for kdp paperback; expected one of: white, cream, standard-color, premium-color, groundwood\n"
    );
    assert_eq!(
        fails(&["layout", "--vendor", "ingramspark", "--paper", "cream", "--trim", "6x9", "--pages", "1051"]),
        "podcover: 1051 pages is out of range for ingramspark paperback cream: expected 18 to 1050\n"
    );
    assert_eq!(
        fails(&["compare", "--trim", "0x9", "--pages", "100"]),
        "podcover: invalid trim size \"0x9\": expected a positive width and height\n"
    );
    assert_eq!(
        fails(&["compare", "--trim", "NaNx9", "--pages", "100"]),
        "podcover: invalid trim size \"NaNx9\": expected WIDTHxHEIGHT with an optional unit, e.g. 6x9, 5.5x8.5in or 152x229mm\n"
    );
    let err = fails(&[
        "layout", "--vendor", "kdp", "--paper", "white", "--pages", "100",
    ]);
    assert_eq!(
        err,
        "podcover: --trim is required (or --interior to read it)\n"
    );
    let err = fails(&[
        "spine",
        "--vendor",
        "kdp",
        "--paper",
        "white",
        "--interior",
        "/nonexistent.pdf",
    ]);
    assert!(
        err.starts_with("podcover: cannot read interior PDF /nonexistent.pdf: "),
        "{err}"
    );
    // Usage errors come from the argument parser with its own status.
    let out = podcover(&["layout", "--vendor", "kdp"]);
    assert_eq!(out.status.code(), Some(2));
    let out = podcover(&["compare", "--trim", "6x9", "--pages", "-5"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn user_stock_file_on_the_command_line() {
    let dir = common::scratch("cli-stocks");
    let bad = dir.join("bad.toml");
    std::fs::write(&bad, "[vendor]\nid = \"x\"\n").unwrap();
    let err = fails(&["--stocks", bad.to_str().unwrap(), "vendors"]);
    assert!(
        err.starts_with(&format!("podcover: {}: ", bad.display())),
        "{err}"
    );
    assert!(err.contains("missing field"), "{err}");
    let err = fails(&["--stocks", "/nonexistent.toml", "vendors"]);
    assert!(
        err.starts_with("podcover: cannot read stock file /nonexistent.toml: "),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn interior_pdf_replaces_pages_and_trim() {
    let dir = common::scratch("cli-interior");
    let pdf = dir.join("book.pdf");
    // 120 pages of 6x9 in (432 x 648 pt): KDP white spine 0.27024 in.
    std::fs::write(&pdf, common::interior_pdf(120, [432.0, 648.0], None)).unwrap();
    let p = pdf.to_str().unwrap();
    let v = json(&[
        "layout",
        "--vendor",
        "kdp",
        "--paper",
        "white",
        "--interior",
        p,
        "--json",
    ]);
    assert_eq!(v["pages"], 120);
    assert_eq!(v["spine_width"], 0.27024);
    assert_eq!(v["full_width"], 12.52024);
    let err = fails(&[
        "layout",
        "--vendor",
        "kdp",
        "--paper",
        "white",
        "--interior",
        p,
        "--trim",
        "5.5x8.5",
    ]);
    assert_eq!(
        err,
        "podcover: declared trim 5.5x8.5in does not match the interior's MediaBox 6x9in (152.4x228.6mm)\n"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn compose_respine_and_batch_from_the_command_line() {
    let dir = common::scratch("cli-compose");
    let front = dir.join("front.pdf");
    let back = dir.join("back.pdf");
    std::fs::write(
        &front,
        common::solid_cmyk_pdf([450.0, 666.0], 9.0, [0.0, 1.0, 1.0, 0.0]),
    )
    .unwrap();
    std::fs::write(
        &back,
        common::solid_cmyk_pdf([450.0, 666.0], 9.0, [1.0, 1.0, 0.0, 0.0]),
    )
    .unwrap();
    let cover = dir.join("kdp.pdf");
    let s = |p: &std::path::Path| p.to_str().unwrap().to_string();
    let args = [
        "compose",
        "--vendor",
        "kdp",
        "--paper",
        "cream",
        "--trim",
        "6x9",
        "--pages",
        "300",
        "--front",
        &s(&front),
        "--back",
        &s(&back),
        "--spine-text",
        "Harbor Lights",
        "--author",
        "A. Writer",
        "--font",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "--isbn",
        "978-0-306-40615-7",
        "--price",
        "51699",
        "-o",
        &s(&cover),
    ];
    let text = ok(&args);
    // KDP cream 300 pp: spine 0.75 in, cover 13 x 9.25 in.
    assert!(
        text.contains("spine 0.750 in (19.05 mm), 13.000 in x 9.250 in"),
        "{text}"
    );
    assert!(!text.contains("Helvetica"), "{text}");
    // Without --font, spine text is set in the built-in DejaVu Sans (its Latin letters),
    // embedded.
    let built_in = dir.join("built-in.pdf");
    let no_font: Vec<&str> = args
        .iter()
        .filter(|a| **a != "--font" && !a.ends_with(".ttf"))
        .map(|a| match *a {
            a if a == s(&cover) => built_in.to_str().unwrap(),
            a => a,
        })
        .collect();
    let text = ok(&no_font);
    assert!(!text.contains("warning"), "{text}");
    let fonts = common::tools::stdout(&common::tools::run("pdffonts", &[&s(&built_in)]));
    // One font, a TrueType font: name, type, encoding, then emb sub uni (yes, no, yes) and the
    // object's number.
    let rows: Vec<Vec<&str>> = fonts
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(rows.len(), 1, "{fonts}");
    let cols = &rows[0];
    assert_eq!(cols[1..4], ["CID", "TrueType", "Identity-H"], "{fonts}");
    assert_eq!(cols[4], "yes", "{fonts}");
    // A font without the text's glyphs: the library's message, and the tool's flag for a font.
    let other = dir.join("other.pdf");
    let no_glyphs: Vec<&str> = args
        .iter()
        .map(|a| match *a {
            "Harbor Lights" => "港の灯り",
            a if a == s(&cover) => other.to_str().unwrap(),
            a => a,
        })
        .collect();
    assert_eq!(
        fails(&no_glyphs),
        "podcover: the spine font has no glyph for \"港の灯り\"; give a font that covers the \
         spine text (--font)\n"
    );
    // Never over an existing file without --force.
    let err = fails(&args);
    assert!(err.contains("exists; use --force to replace it"), "{err}");

    let respined = dir.join("ingram.pdf");
    let text = ok(&[
        "respine",
        &s(&cover),
        "--from-vendor",
        "kdp",
        "--from-paper",
        "cream",
        "--from-pages",
        "300",
        "--vendor",
        "ingramspark",
        "--paper",
        "cream",
        "--trim",
        "6x9",
        "--pages",
        "318",
        "-o",
        &s(&respined),
    ]);
    // IngramSpark cream 318 pp: the catalog's spine.
    let spec = podcover::BookSpec::parse("ingramspark", "paperback", "cream", "6x9", 318).unwrap();
    let spine = podcover::Catalog::builtin().spine_width(&spec).unwrap();
    assert!(
        text.contains(&format!(
            "spine 0.750 in (19.05 mm) -> {:.3} in ({:.2} mm) (shrunk to ",
            spine.to_inches(),
            spine.to_mm()
        )),
        "{text}"
    );
    let text = ok(&[
        "respine",
        &s(&cover),
        "--from-vendor",
        "kdp",
        "--from-paper",
        "cream",
        "--from-pages",
        "300",
        "--vendor",
        "kdp",
        "--binding",
        "hardcover",
        "--from-binding",
        "paperback",
        "--paper",
        "cream",
        "--trim",
        "6x9",
        "--pages",
        "318",
        "-o",
        &s(&dir.join("x.pdf")),
        "--isbn",
        "9780306406157",
        "--allow-distortion",
    ]);
    // A paperback cover made into a hardcover: panels scaled to the boards, the wrap filled,
    // the barcode drawn at the hardcover's box.
    assert!(text.contains("panels scaled by "), "{text}");
    assert!(text.contains("by mirroring its edge"), "{text}");
    let image = common::render(&std::fs::read(dir.join("x.pdf")).unwrap(), 20);
    let corner = common::pixel(&image, 20, 0.05, 0.05);
    assert!(corner != [255, 255, 255], "the wrap is filled: {corner:?}");

    let manifest = dir.join("manifest.toml");
    std::fs::write(
        &manifest,
        "[[book]]\nid = \"one\"\ntrim = \"6x9\"\npages = 300\nfront = \"front.pdf\"\nback = \"back.pdf\"\n\
         [[book.target]]\nvendor = \"kdp\"\nbinding = \"paperback\"\npaper = \"cream\"\n\
         [[book]]\nid = \"two\"\ntrim = \"6x9\"\npages = 300\nfront = \"front.pdf\"\nback = \"back.pdf\"\n\
         [[book.target]]\nvendor = \"kdp\"\nbinding = \"paperback\"\npaper = \"ivory\"\n",
    )
    .unwrap();
    let out = podcover(&["batch", &s(&manifest), "--out", &s(&dir.join("covers"))]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a failed title makes the exit status non-zero"
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stdout.starts_with("built 1, unchanged 0, failed 1; report: "),
        "{stdout}"
    );
    assert!(
        stdout.contains("two kdp-paperback-ivory.pdf: unknown paper \"ivory\" for kdp paperback"),
        "{stdout}"
    );
    // Not a terminal: one plain line per title.
    assert!(
        stderr.contains("] one: kdp-paperback-cream built"),
        "{stderr}"
    );
    assert!(
        stderr.contains("] two: kdp-paperback-ivory FAILED"),
        "{stderr}"
    );
    assert!(dir.join("covers/one/kdp-paperback-cream.pdf").exists());
    assert!(dir.join("covers/report.json").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn check_exit_status_is_0_pass_1_fail_2_unreadable() {
    let dir = common::scratch("cli-check");
    let pdf = dir.join("t.pdf");
    let p = pdf.to_str().unwrap();
    ok(&[
        "template", "--vendor", "kdp", "--paper", "cream", "--trim", "6x9", "--pages", "318", "-o",
        p,
    ]);
    let text = ok(&[
        "check", p, "--vendor", "kdp", "--paper", "cream", "--trim", "6x9", "--pages", "318",
    ]);
    assert!(
        text.contains(": pass for kdp paperback cream 6x9in 318 pages"),
        "{text}"
    );
    // Made for 318 pages, checked for 340: KDP cream 0.85 in against 0.795 in.
    let out = podcover(&[
        "check", p, "--vendor", "kdp", "--paper", "cream", "--trim", "6x9", "--pages", "340",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["status"], "fail");
    assert_eq!(v["implied_spine"], 0.795);
    let bad = dir.join("bad.pdf");
    std::fs::write(&bad, b"garbage").unwrap();
    let out = podcover(&[
        "check",
        bad.to_str().unwrap(),
        "--vendor",
        "kdp",
        "--paper",
        "cream",
        "--trim",
        "6x9",
        "--pages",
        "318",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("podcover: cannot read PDF "));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn spine_colour_takes_comma_separated_inks() {
    let dir = common::scratch("cli-colour");
    let art = dir.join("a.pdf");
    std::fs::write(
        &art,
        common::solid_pdf([450.0, 666.0], 9.0, [1.0, 0.0, 0.0]),
    )
    .unwrap();
    let a = art.to_str().unwrap();
    let out = dir.join("c.pdf");
    let o = out.to_str().unwrap();
    let base = [
        "compose", "--vendor", "kdp", "--paper", "white", "--trim", "6x9", "--pages", "300",
        "--front", a, "--back", a, "-o", o,
    ];
    ok(&[&base[..], &["--spine-color", "0,0,0,1"]].concat());
    assert!(out.exists());
    assert_eq!(
        fails(&[&base[..], &["--spine-color", "0,0,2,1", "--force"]].concat()),
        "podcover: invalid --spine-color \"0,0,2,1\": expected four inks from 0 to 1, C,M,Y,K\n"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn odd_page_counts_are_rounded_up_where_the_vendor_does_it() {
    let out = podcover(&[
        "layout",
        "--vendor",
        "ingramspark",
        "--paper",
        "cream",
        "--trim",
        "6x9",
        "--pages",
        "317",
        "--json",
    ]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "podcover: warning: 317 pages is computed as 318: ingramspark rounds the page count up, as its template generator does\n"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (v["pages"].as_u64(), v["rounded_from"].as_u64()),
        (Some(318), Some(317))
    );
    // Lulu computes odd counts as they are: a real Lulu template of 295 pages reads 18.40 mm
    // (tuftelike design notes), pages / 444 + 0.06 in.
    let v = json(&[
        "spine", "--vendor", "lulu", "--paper", "white", "--pages", "295", "--unit", "mm", "--json",
    ]);
    assert_eq!(v["pages"].as_u64(), Some(295));
    assert!(
        (v["spine_width"].as_f64().unwrap() - 18.40).abs() < 0.005,
        "{v}"
    );
}

#[test]
fn readings_recorded_by_the_user_are_used_and_listed() {
    let dir = common::scratch("cli-readings");
    let file = dir.join("readings.toml");
    let env = [("PODCOVER_READINGS", file.to_str().unwrap())];
    let run = |args: &[&str]| {
        let out = podcover_with(args, &env);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let text = run(&["reading", "list"]);
    assert!(text.starts_with("no readings in "), "{text}");
    run(&[
        "reading",
        "add",
        "--vendor",
        "ingramspark",
        "--binding",
        "paperback",
        "--paper",
        "cream",
        "--pages",
        "400",
        "--spine",
        "0.889in",
        "--source",
        "my template, 2026-11-20",
    ]);
    // Every command uses it: the layout says where its spine comes from.
    let v: serde_json::Value = serde_json::from_str(&run(&[
        "layout",
        "--vendor",
        "ingramspark",
        "--paper",
        "cream",
        "--trim",
        "6x9",
        "--pages",
        "400",
        "--json",
    ]))
    .unwrap();
    assert_eq!(v["spine_width"].as_f64(), Some(0.889));
    assert_eq!(v["spine_basis"]["from"], "reading");
    assert_eq!(
        v["spine_basis"]["source"]["title"],
        "my template, 2026-11-20"
    );
    // --readings wins over the environment.
    let other = dir.join("none.toml");
    let v = json(&[
        "layout",
        "--readings",
        other.to_str().unwrap(),
        "--vendor",
        "ingramspark",
        "--paper",
        "cream",
        "--trim",
        "6x9",
        "--pages",
        "400",
        "--json",
    ]);
    assert_eq!(v["spine_basis"]["from"], "rule");
    // A reading far from the model is kept and flagged.
    let text = run(&[
        "reading",
        "add",
        "--vendor",
        "lightning-source",
        "--binding",
        "hardcover",
        "--paper",
        "cream",
        "--pages",
        "400",
        "--spine",
        "1.5in",
        "--source",
        "a slip",
    ]);
    assert!(text.contains("FLAGGED"), "{text}");
    let list = run(&["reading", "list"]);
    assert_eq!(list.lines().count(), 3, "{list}");
    assert!(
        list.contains("ingramspark paperback cream") && list.contains("+0.5000in"),
        "{list}"
    );
    // Bad readings are refused before anything is written.
    let out = podcover_with(
        &[
            "reading", "add", "--vendor", "kdp", "--paper", "cream", "--pages", "2000", "--spine",
            "1in", "--source", "x",
        ],
        &env,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("2000 pages is out of range for kdp paperback cream"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(run(&["reading", "list"]).lines().count(), 3);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A spine just over the largest a reading may give is shown with the digits that set it apart
/// ("spine 6.000 in must lie between 0.001 in and 6.000 in" before).
#[test]
fn a_reading_just_over_the_limit_is_not_shown_as_the_limit() {
    let dir = common::scratch("cli-reading-limit");
    let file = dir.join("readings.toml");
    let out = podcover(&[
        "--readings",
        file.to_str().unwrap(),
        "reading",
        "add",
        "--vendor",
        "kdp",
        "--paper",
        "white",
        "--pages",
        "300",
        "--spine",
        "6.000001in",
        "--source",
        "x",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.ends_with(
            "invalid spine width \"6.000001 in\": expected a width from 0.001 in to 6.000 in\n"
        ),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn templates_and_barcodes_take_their_format_from_the_extension() {
    let dir = common::scratch("cli-formats");
    let path = |name: &str| dir.join(name).display().to_string();
    let book = [
        "--vendor", "kdp", "--paper", "cream", "--trim", "6x9", "--pages", "318",
    ];
    let png = path("t.png");
    let mut args = vec!["template"];
    args.extend(book);
    args.extend(["-o", &png, "--ppi", "100"]);
    ok(&args);
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
    let jpg = path("t.jpg");
    let mut args = vec!["template"];
    args.extend(book);
    args.extend(["-o", &jpg]);
    assert_eq!(
        fails(&args),
        format!(
            "podcover: cannot tell the format of {jpg} from \".jpg\": name it .pdf, .svg or .png, or give --format\n"
        )
    );
    assert!(!std::path::Path::new(&jpg).exists());
    let svg = path("b.svg");
    let out = ok(&[
        "barcode",
        "978-0-306-40615-7",
        "--price",
        "51699",
        "-o",
        &svg,
        "--scale",
        "90",
    ]);
    assert_eq!(
        out,
        format!("wrote {svg} (ISBN 978-0-306-40615-7, price 51699, 90%: 52.19 x 28.46 mm)\n")
    );
    assert!(std::fs::read_to_string(&svg).unwrap().starts_with("<?xml"));
    assert_eq!(
        fails(&["barcode", "9780306406157", "-o", &path("b.pdf"), "--scale", "120"]),
        "podcover: invalid barcode scale \"120\": expected 80 to 100 (percent of the standard size)\n"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The first bytes of a file in `format`: each format the library lists needs its signature
/// here, so that a new format is tested as soon as it is added.
#[track_caller]
fn magic(format: TemplateFormat) -> &'static [u8] {
    match format.name() {
        "pdf" => b"%PDF-",
        "svg" => b"<?xml",
        "png" => b"\x89PNG\r\n\x1a\n",
        other => panic!("no file signature for the format {other}: add it to this test"),
    }
}

#[test]
fn every_template_format_is_offered_parsed_and_written() {
    let names: Vec<&str> = TemplateFormat::ALL.iter().map(|f| f.name()).collect();
    let listed = format!("[possible values: {}]", names.join(", "));
    for command in ["template", "barcode"] {
        let help = ok(&[command, "--help"]);
        assert!(
            help.contains(&listed),
            "{command} --help lacks {listed}:\n{help}"
        );
    }
    let dir = common::scratch("cli-every-format");
    let book = [
        "template", "--vendor", "lulu", "--paper", "white", "--trim", "6x9", "--pages", "120",
        "--ppi", "72",
    ];
    for &format in TemplateFormat::ALL {
        // Named by --format, the file's own name saying nothing.
        let named = dir
            .join(format!("named-{}", format.name()))
            .display()
            .to_string();
        let mut args = book.to_vec();
        args.extend(["--format", format.name(), "-o", &named]);
        ok(&args);
        let bytes = std::fs::read(&named).unwrap();
        assert!(bytes.starts_with(magic(format)), "--format {format}");
        // Told by the output file's extension.
        let file = dir
            .join(format!("t.{}", format.extension()))
            .display()
            .to_string();
        let mut args = book.to_vec();
        args.extend(["-o", &file]);
        ok(&args);
        assert_eq!(
            std::fs::read(&file).unwrap(),
            bytes,
            "-o t.{}",
            format.extension()
        );
        // The barcode alone.
        let file = dir
            .join(format!("b.{}", format.extension()))
            .display()
            .to_string();
        ok(&["barcode", "9780306406157", "-o", &file]);
        assert!(
            std::fs::read(&file).unwrap().starts_with(magic(format)),
            "barcode {format}"
        );
    }
    let mut args = book.to_vec();
    let eps = dir.join("t.eps").display().to_string();
    args.extend(["--format", "eps", "-o", &eps]);
    let out = podcover(&args);
    assert_eq!(out.status.code(), Some(2), "clap refuses the value");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("invalid value 'eps' for '--format <FORMAT>'")
            && err.contains(&format!("[possible values: {}]", names.join(", "))),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(unix)]
#[test]
fn artwork_that_is_not_a_picture_is_refused_clearly() {
    let dir = common::scratch("cli-art");
    let path = |name: &str| dir.join(name).display().to_string();
    let fifo = path("front.png");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    std::fs::write(path("garbage.png"), b"not an image at all").unwrap();
    let out = path("cover.pdf");
    let compose = |front: &str, back_color: &str| {
        fails(&[
            "compose",
            "--vendor",
            "ingramspark",
            "--paper",
            "cream",
            "--trim",
            "6x9",
            "--pages",
            "300",
            "--front",
            front,
            "--back-color",
            back_color,
            "-o",
            &out,
        ])
    };
    assert_eq!(
        compose(&fifo, "0,0,0,1"),
        format!("podcover: cannot read artwork {fifo}: a FIFO (named pipe), not a regular file; give an artwork file\n")
    );
    let garbage = path("garbage.png");
    assert_eq!(
        compose(&garbage, "0,0,0,1"),
        format!("podcover: cannot read artwork {garbage}: not a PDF, JPEG or PNG file (export the artwork as one of these)\n")
    );
    assert_eq!(
        compose(&garbage, "0,0,0,2"),
        "podcover: invalid --back-color \"0,0,0,2\": expected four inks from 0 to 1, C,M,Y,K\n"
    );
    assert!(!std::path::Path::new(&out).exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn batch_ends_with_its_warnings() {
    let dir = common::scratch("cli-batch-warnings");
    // A 6.125 x 9.25 in RGB PNG at 40 ppi: a warning where Lulu (which prints RGB) takes it.
    let mut png = Vec::new();
    let mut encoder = png::Encoder::new(&mut png, 245, 370);
    encoder.set_color(png::ColorType::Rgb);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&[200u8; 245 * 370 * 3]).unwrap();
    writer.finish().unwrap();
    std::fs::write(dir.join("front.png"), &png).unwrap();
    let book = |id: &str| {
        format!(
            "[[book]]\nid = \"{id}\"\ntrim = \"6x9\"\npages = 300\nfront = \"front.png\"\n\
             back_color = [0, 0, 0, 1]\n[[book.target]]\nvendor = \"lulu\"\n\
             binding = \"paperback\"\npaper = \"cream\"\n"
        )
    };
    let manifest = dir.join("manifest.toml");
    std::fs::write(&manifest, book("one") + &book("two")).unwrap();
    let out = ok(&[
        "batch",
        manifest.to_str().unwrap(),
        "--out",
        dir.join("covers").to_str().unwrap(),
    ]);
    assert!(
        out.ends_with(
            "2 warning(s):\n  front artwork front.png is 40 ppi where placed, under the 300 ppi \
             print needs; it may print soft (2 covers, e.g. one lulu-paperback-cream.pdf)\n"
        ),
        "{out}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A print cover is a PDF: compose and respine refuse another extension, as template does.
#[test]
fn compose_and_respine_write_only_pdf() {
    let dir = common::scratch("cli-pdf-only");
    let art = dir.join("art.pdf");
    std::fs::write(
        &art,
        common::solid_pdf([450.0, 666.0], 9.0, [1.0, 0.0, 0.0]),
    )
    .unwrap();
    let path = |name: &str| dir.join(name).display().to_string();
    let compose = |output: &str| {
        vec![
            "compose".to_string(),
            "--vendor".into(),
            "kdp".into(),
            "--paper".into(),
            "white".into(),
            "--trim".into(),
            "6x9".into(),
            "--pages".into(),
            "300".into(),
            "--front".into(),
            art.display().to_string(),
            "--back-color".into(),
            "0,0,0,1".into(),
            "-o".into(),
            output.to_string(),
        ]
    };
    fn strs(v: &[String]) -> Vec<&str> {
        v.iter().map(String::as_str).collect()
    }
    let png = path("cover.png");
    assert_eq!(
        fails(&strs(&compose(&png))),
        format!(
            "podcover: cannot write a print cover to {png}: a print cover is a PDF, not \".png\"; name the output .pdf\n"
        )
    );
    assert!(!dir.join("cover.png").exists());
    // Any case of .pdf, and no extension at all (a stream such as /dev/stdout), are PDF.
    ok(&strs(&compose(&path("cover.PDF"))));
    let respine = |output: &str| {
        let mut a = vec![
            "respine".to_string(),
            path("cover.PDF"),
            "--from-vendor".into(),
            "kdp".into(),
            "--from-paper".into(),
            "white".into(),
            "--from-pages".into(),
            "300".into(),
            "--vendor".into(),
            "kdp".into(),
            "--paper".into(),
            "white".into(),
            "--trim".into(),
            "6x9".into(),
            "--pages".into(),
            "320".into(),
            "-o".into(),
        ];
        a.push(output.to_string());
        a
    };
    let jpg = path("respined.jpg");
    assert_eq!(
        fails(&strs(&respine(&jpg))),
        format!(
            "podcover: cannot write a print cover to {jpg}: a print cover is a PDF, not \".jpg\"; name the output .pdf\n"
        )
    );
    assert!(!dir.join("respined.jpg").exists());
    ok(&strs(&respine(&path("respined"))));
    assert!(std::fs::read(dir.join("respined"))
        .unwrap()
        .starts_with(b"%PDF-"));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// An output that names one of the command's inputs (by another path, through a link, or a
/// hard link to it) is refused even with --force: `-o front.pdf --force` replaced the artwork
/// with the cover.
#[test]
fn an_output_never_replaces_an_input_even_with_force() {
    let dir = common::scratch("cli-input-output");
    let front = dir.join("front.pdf");
    let art = common::solid_pdf([450.0, 666.0], 9.0, [1.0, 0.0, 0.0]);
    std::fs::write(&front, &art).unwrap();
    std::os::unix::fs::symlink(&front, dir.join("link.pdf")).unwrap();
    std::fs::hard_link(&front, dir.join("hard.pdf")).unwrap();
    let d = dir.display();
    let compose = |front: &str, output: &str| {
        let front = format!("{d}/{front}");
        let output = format!("{d}/{output}");
        let args = [
            "compose",
            "--vendor",
            "kdp",
            "--paper",
            "white",
            "--trim",
            "6x9",
            "--pages",
            "300",
            "--front",
            &front,
            "--back-color",
            "0,0,0,1",
            "-o",
            &output,
            "--force",
        ];
        fails(&args)
    };
    let refusal = |output: &str, flag: &str, input: &str| {
        format!(
            "podcover: {d}/{output} is the file given as {flag} ({d}/{input}); podcover never \
             writes over a file it reads, even when told to replace files: write the output \
             elsewhere\n"
        )
    };
    assert_eq!(
        compose("front.pdf", "./front.pdf"),
        refusal("./front.pdf", "--front", "front.pdf")
    );
    assert_eq!(
        compose("link.pdf", "front.pdf"),
        refusal("front.pdf", "--front", "link.pdf")
    );
    assert_eq!(
        compose("front.pdf", "hard.pdf"),
        refusal("hard.pdf", "--front", "front.pdf")
    );
    assert_eq!(std::fs::read(&front).unwrap(), art);
    // respine's cover, and a stock file any command reads.
    let cover = format!("{d}/cover.pdf");
    std::fs::copy(&front, &cover).unwrap();
    let out = format!(
        "{d}/../{}/cover.pdf",
        dir.file_name().unwrap().to_str().unwrap()
    );
    let err = fails(&[
        "respine",
        &cover,
        "--from-vendor",
        "kdp",
        "--from-paper",
        "white",
        "--from-pages",
        "300",
        "--vendor",
        "kdp",
        "--paper",
        "white",
        "--trim",
        "6x9",
        "--pages",
        "320",
        "-o",
        &out,
        "--force",
    ]);
    assert_eq!(
        err,
        format!(
            "podcover: {out} is the file given as the cover to respine ({cover}); podcover never \
             writes over a file it reads, even when told to replace files: write the output \
             elsewhere\n"
        )
    );
    let stock = format!("{d}/lulu.pdf");
    let lulu = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/paper-stocks/lulu.toml"
    ))
    .unwrap();
    std::fs::write(&stock, &lulu).unwrap();
    let err = fails(&[
        "--stocks",
        &stock,
        "barcode",
        "9780306406157",
        "-o",
        &stock,
        "--force",
    ]);
    assert!(
        err.starts_with(&format!(
            "podcover: {stock} is the file given as --stocks ({stock});"
        )),
        "{err}"
    );
    assert_eq!(std::fs::read(&stock).unwrap(), lulu);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Within one binding, respine applies --isbn and --extend, and refuses --flap-color, which a
/// cover without flaps cannot take (before, all three were dropped without a word).
#[test]
fn respine_within_a_binding_applies_or_refuses_every_option() {
    let dir = common::scratch("cli-respine-options");
    // A whole KDP cream 300-page cover (13 x 9.25 in) with 1/16 in of bleed where 1/8 is due.
    let cover = dir.join("thin.pdf");
    std::fs::write(
        &cover,
        common::solid_cmyk_pdf([927.0, 657.0], 4.5, [0.0, 1.0, 1.0, 0.0]),
    )
    .unwrap();
    let out = dir.join("new.pdf");
    let respine = |extra: &[&'static str]| {
        let mut args = vec![
            "respine",
            cover.to_str().unwrap(),
            "--from-vendor",
            "kdp",
            "--from-paper",
            "cream",
            "--from-pages",
            "300",
            "--vendor",
            "ingramspark",
            "--paper",
            "cream",
            "--trim",
            "6x9",
            "--pages",
            "318",
            "-o",
            out.to_str().unwrap(),
            "--force",
        ];
        args.extend_from_slice(extra);
        args
    };
    assert_eq!(
        fails(&respine(&["--flap-color", "0,0,0,1"])),
        "podcover: --flap-color colours a dust jacket's flaps; a paperback cover has none: leave it out\n"
    );
    let text = ok(&respine(&["--isbn", "9780306406157", "--price", "51699"]));
    assert!(
        text.contains(
            "warning: the barcode is drawn at the new layout's box, over the cover's own where they meet"
        ),
        "{text}"
    );
    // The default fill, mirror, reaches the bleed the old cover lacked.
    assert!(
        text.contains(
            "warning: the old cover's back: filled left 0.0625 in, top 0.0625 in, bottom 0.0625 in by mirroring its edge"
        ),
        "{text}"
    );
    let new = std::fs::read(&out).unwrap();
    // (The art is RGB, which IngramSpark refuses: check fails on colour, not on the barcode.)
    let check = podcover(&[
        "check",
        out.to_str().unwrap(),
        "--vendor",
        "ingramspark",
        "--paper",
        "cream",
        "--trim",
        "6x9",
        "--pages",
        "318",
    ]);
    let check = String::from_utf8(check.stdout).unwrap();
    assert!(
        check.contains("pass barcode    46 bars in 100% K on a white box"),
        "{check}"
    );
    assert!(new.starts_with(b"%PDF-"));
    let text = ok(&respine(&["--extend", "none"]));
    assert!(
        text.contains(
            "warning: the old cover's spine has too little bleed: it stops short by top 0.0625 in, bottom 0.0625 in; that strip stays blank"
        ),
        "{text}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_vendor_named_twice_gets_one_template() {
    // lsi and lightning-source are IngramSpark's other names (ingramspark.toml's
    // also_known_as): the same vendor, so one file.
    let dir = common::scratch("cli-aliases");
    let out_dir = dir.join("t").display().to_string();
    let args = [
        "template",
        "--vendors",
        "ingramspark,lsi,lightning-source,kdp,kdp",
        "--paper",
        "cream",
        "--trim",
        "6x9",
        "--pages",
        "318",
        "--out-dir",
        &out_dir,
    ];
    let out = podcover(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "podcover: note: --vendors names ingramspark more than once (ingramspark, lsi, \
         lightning-source): one template is made for it\n\
         podcover: note: --vendors names kdp more than once (kdp, kdp): one template is made \
         for it\n"
    );
    let mut files: Vec<String> = std::fs::read_dir(dir.join("t"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "ingramspark-paperback-cream-6x9in-318p.pdf",
            "kdp-paperback-cream-6x9in-318p.pdf"
        ]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn check_says_in_words_what_is_wrong_with_a_cut_short_pdf_or_an_image() {
    let dir = common::scratch("cli-check-words");
    let pdf = dir.join("t.pdf");
    ok(&[
        "template",
        "--vendor",
        "kdp",
        "--paper",
        "cream",
        "--trim",
        "6x9",
        "--pages",
        "318",
        "-o",
        pdf.to_str().unwrap(),
    ]);
    let whole = std::fs::read(&pdf).unwrap();
    let check = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = podcover(&[
            "check",
            path.to_str().unwrap(),
            "--vendor",
            "kdp",
            "--paper",
            "cream",
            "--trim",
            "6x9",
            "--pages",
            "318",
        ]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        String::from_utf8(out.stderr).unwrap()
    };
    let cut = "the file is cut short: it stops before the end of the PDF (it may not have \
               finished saving, downloading or copying); export or copy it again";
    for keep in [whole.len() / 3, whole.len() / 2, whole.len() - 10] {
        let stderr = check("cut.pdf", &whole[..keep]);
        assert_eq!(
            stderr.trim_end(),
            format!(
                "podcover: cannot read PDF {}: {cut}",
                dir.join("cut.pdf").display()
            )
        );
    }
    let image = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0";
    assert_eq!(
        check("cover.png", image).trim_end(),
        format!(
            "podcover: cannot read PDF {}: the file is a PNG image, not a PDF; export it as a PDF",
            dir.join("cover.png").display()
        )
    );
    assert_eq!(
        check("empty.pdf", b"").trim_end(),
        format!(
            "podcover: cannot read PDF {}: the file is empty",
            dir.join("empty.pdf").display()
        )
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A spine colour over IngramSpark's 240% is reduced with a warning giving both colours, and
/// the cover then passes `check`'s ink test; `--strict-color` refuses it instead.
#[test]
fn a_400_percent_spine_colour_is_reduced_or_refused_for_ingramspark() {
    let dir = common::scratch("cli-ink");
    let art = dir.join("a.pdf");
    std::fs::write(
        &art,
        common::solid_cmyk_pdf([450.0, 666.0], 9.0, [0.0, 0.0, 0.0, 1.0]),
    )
    .unwrap();
    let a = art.to_str().unwrap();
    let out = dir.join("c.pdf");
    let o = out.to_str().unwrap();
    let product = [
        "--vendor",
        "ingramspark",
        "--paper",
        "cream",
        "--trim",
        "6x9",
        "--pages",
        "300",
    ];
    let compose = |spine: &'static str, strict: bool| {
        let mut args = vec!["compose"];
        args.extend(product);
        args.extend([
            "--front",
            a,
            "--back",
            a,
            "-o",
            o,
            "--force",
            "--spine-color",
            spine,
        ]);
        if strict {
            args.push("--strict-color");
        }
        args
    };
    let ink = || {
        let report = podcover(&[&["check", o, "--json"][..], &product].concat());
        let v: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
        let findings = v["findings"].as_array().unwrap();
        let ink = findings.iter().find(|f| f["check"] == "ink").unwrap();
        (
            ink["status"].as_str().unwrap().to_string(),
            ink["measured"].as_str().unwrap().to_string(),
        )
    };
    let stdout = ok(&compose("1,1,1,1", false));
    assert!(
        stdout.contains(
            "warning: spine colour 1,1,1,1 is 400.0% total ink, over the 240% the vendor \
             allows: reduced to 0.466,0.466,0.466,1 (239.8%)\n"
        ),
        "{stdout}"
    );
    assert_eq!(ink(), ("pass".to_string(), "239.8%".to_string()));
    let stderr = fails(&compose("1,1,1,1", true));
    assert_eq!(
        stderr,
        "podcover: spine colour 1,1,1,1 is 400.0% total ink, over the 240% the vendor allows; \
         give a colour within 240%\n"
    );
    // Rich black at the limit is kept as it is, without a word.
    let stdout = ok(&compose("0.6,0.4,0.4,1", true));
    assert!(!stdout.contains("spine colour"), "{stdout}");
    assert_eq!(ink(), ("pass".to_string(), "240.0%".to_string()));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A JPEG on which the decoder panics (fuzz/findings) is refused in one sentence naming the
/// file, without Rust's panic message, even with backtraces asked for.
#[test]
fn a_reader_panic_is_one_sentence_on_stderr() {
    let dir = common::scratch("cli-reader-panic");
    let jpeg = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fuzz/findings/jpeg-upsampler-assertion.jpg"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_podcover"))
        .args([
            "compose", "--vendor", "kdp", "--paper", "cream", "--trim", "6x9", "--pages", "318",
            "--front", jpeg, "--back", jpeg, "-o",
        ])
        .arg(dir.join("c.pdf"))
        .env("RUST_BACKTRACE", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr,
        format!(
            "podcover: cannot read {jpeg}: the JPEG decoder failed on it with an internal error; \
             the file is probably damaged (please report the failure with the file)\n"
        )
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn batch_memory_is_a_size_with_a_unit() {
    let out = podcover(&["batch", "manifest.toml", "--memory", "2Q"]);
    assert_eq!(out.status.code(), Some(2), "clap refuses the value");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(
            "invalid memory size \"2Q\": expected a size with K, M or G, e.g. 2G, 1.5G or 512M"
        ),
        "{err}"
    );
}

/// The README's `console` examples are the tool's real output: each `$ podcover ...` line is run
/// and what it prints (standard output, then standard error) must be the lines that follow.
#[test]
fn readme_examples_are_the_tools_output() {
    let readme = include_str!("../../README.md");
    let mut examples = 0;
    for block in readme.split("```console\n").skip(1) {
        let block = &block[..block.find("```").expect("a closed console block")];
        for example in block.split("$ podcover ").skip(1) {
            let (command, expected) = example.split_once('\n').unwrap();
            let args: Vec<&str> = command.split_whitespace().collect();
            let out = podcover(&args);
            let printed = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            assert_eq!(printed, expected, "README: podcover {command}");
            examples += 1;
        }
    }
    assert!(examples >= 3, "only {examples} README examples");
}

#[test]
fn compose_makes_digital_editions_and_print_commands_leave_them_out() {
    let dir = crate::common::scratch("digital-cli");
    // A 6x9 in front with 0.125 in bleed all round, at 100 ppi (625 x 925 px).
    let mut png = Vec::new();
    let mut encoder = png::Encoder::new(&mut png, 625, 925);
    encoder.set_color(png::ColorType::Rgb);
    encoder
        .write_header()
        .unwrap()
        .write_image_data(&vec![90u8; 625 * 925 * 3])
        .unwrap();
    let front = dir.join("front.png");
    std::fs::write(&front, &png).unwrap();
    let out = dir.join("ebook.jpg");
    let (front, out_s) = (front.to_str().unwrap(), out.to_str().unwrap());
    let base = [
        "compose",
        "--vendor",
        "kdp",
        "--product",
        "ebook",
        "--front",
        front,
        "--trim",
        "6x9",
    ];
    let refused = fails(&[&base[..], &["-o", out_s]].concat());
    assert!(
        refused.ends_with("color (a flat colour around it) (--fit, with --anchor)\n"),
        "{refused}"
    );
    let text = ok(&[
        &base[..],
        &["--fit", "crop", "--anchor", "top", "-o", out_s],
    ]
    .concat());
    assert!(
        text.starts_with(&format!(
            "wrote {out_s} (kdp ebook, 1600 x 2560 px, JPEG quality 90, "
        )),
        "{text}"
    );
    let jpeg = std::fs::read(&out).unwrap();
    assert!(jpeg.starts_with(b"\xFF\xD8\xFF"));
    // KDP takes JPEG or TIFF: a PNG is refused before anything is read.
    let png_out = dir.join("ebook.png");
    let refused = fails(
        &[
            &base[..],
            &["--fit", "crop", "-o", png_out.to_str().unwrap()],
        ]
        .concat(),
    );
    assert_eq!(
        refused,
        "podcover: invalid image format \"PNG\": expected a format kdp ebook takes: JPEG or TIFF\n"
    );
    let refused = fails(&[
        "spine", "--vendor", "acx", "--paper", "white", "--pages", "100", "--trim", "6x9",
    ]);
    assert_eq!(
        refused,
        "podcover: acx makes digital editions only (audiobook), no print binding such as \
         \"paperback\"\n"
    );
    let vendors = ok(&["vendors"]);
    let digital = vendors.split("\ndigital editions").nth(1).unwrap();
    assert!(
        digital.contains("acx      audiobook  3000 x 3000 px"),
        "{digital}"
    );
    assert!(!vendors
        .split("\ndigital editions")
        .next()
        .unwrap()
        .contains("acx"));
}

#[test]
fn respine_refuses_a_distorted_spine_and_draws_it_anew_when_asked() {
    let dir = common::scratch("cli-respine-spine");
    // A whole KDP cream 300-page cover (spine 0.75 in), respined to 400 pages (0.9 in).
    let cover = dir.join("cover.pdf");
    std::fs::write(
        &cover,
        common::solid_cmyk_pdf([936.0, 666.0], 9.0, [0.0, 1.0, 1.0, 0.0]),
    )
    .unwrap();
    let out = dir.join("new.pdf");
    let respine = |extra: &[&'static str]| {
        let mut args = vec![
            "respine",
            cover.to_str().unwrap(),
            "--from-vendor",
            "kdp",
            "--from-paper",
            "cream",
            "--from-pages",
            "300",
            "--vendor",
            "kdp",
            "--paper",
            "cream",
            "--trim",
            "6x9",
            "--pages",
            "400",
            "-o",
            out.to_str().unwrap(),
            "--force",
        ];
        args.extend_from_slice(extra);
        args
    };
    let spec = podcover::BookSpec::parse("kdp", "paperback", "cream", "6x9", 400).unwrap();
    let spine = podcover::Catalog::builtin().spine_width(&spec).unwrap();
    let pct = spine.to_inches() / 0.75 * 100.0;
    let wide = spine.rounded(podcover::Unit::In, 3);
    assert_eq!(
        fails(&respine(&[])),
        format!(
            "podcover: the spine goes from 0.75 in to {wide} in wide: its type is stretched to \
             {pct:.1}% of its width against its height, past the 15% respine allows; draw the \
             spine anew (spine text on a spine colour, a colour or spine artwork) or allow the \
             distortion (--spine-text with --spine-color, --spine-color or --spine; or \
             --allow-distortion)\n"
        )
    );
    let text = ok(&respine(&["--allow-distortion"]));
    assert!(
        text.contains(&format!(
            "warning: the spine goes from 0.75 in to {wide} in"
        )),
        "{text}"
    );
    let text = ok(&respine(&["--spine-color", "0,0,0,1"]));
    assert!(text.contains("(drawn anew)"), "{text}");
    assert!(!text.contains("the spine goes from"), "{text}");
    let image = common::render(&std::fs::read(&out).unwrap(), 20);
    assert_eq!(common::pixel(&image, 20, 6.125 + 0.45, 4.6), [35, 31, 32]);
}

/// `compose --proof` writes the cover as it will print as a PNG beside it, and says where
/// conversion moved colours most.
#[test]
fn compose_writes_a_proof_and_says_where_colours_moved() {
    fn run(args: &[String]) -> Vec<&str> {
        args.iter().map(String::as_str).collect()
    }
    let dir = common::scratch("cli-proof");
    // A 6.125 x 9.25 in sRGB PNG at 40 ppi, one flat blue.
    let mut png = Vec::new();
    let mut encoder = png::Encoder::new(&mut png, 245, 370);
    encoder.set_color(png::ColorType::Rgb);
    let mut writer = encoder.write_header().unwrap();
    writer
        .write_image_data(&[30u8, 79, 138].repeat(245 * 370))
        .unwrap();
    writer.finish().unwrap();
    let front = dir.join("front.png");
    std::fs::write(&front, &png).unwrap();
    let (cover, proof) = (dir.join("cover.pdf"), dir.join("proof.png"));
    let args = |proof: &std::path::Path, ppi: &str| {
        [
            "compose",
            "--vendor",
            "ingramspark",
            "--paper",
            "cream",
            "--trim",
            "6x9",
            "--pages",
            "200",
            "--front",
            front.to_str().unwrap(),
            "--back-color",
            "0,0,0,0",
            "-o",
            cover.to_str().unwrap(),
            "--proof",
            proof.to_str().unwrap(),
            "--proof-ppi",
            ppi,
            "--force",
        ]
        .map(String::from)
    };
    let out = ok(&run(&args(&proof, "72")));
    let report = out.split_once("wrote proof").unwrap().1;
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(
        lines[..2],
        [
            format!(
                " {} at 72 ppi (the cover as it will print, in screen colours)",
                proof.display()
            )
            .as_str(),
            "where conversion moved colours most (position from the sheet's top-left):"
        ],
        "{out}"
    );
    // One colour, told once: its RGB, the ink it prints with and how that looks.
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[2].starts_with("  front at ("), "{out}");
    assert!(lines[2].contains("): RGB 30,79,138 -> CMYK "), "{out}");
    let (width, height) = common::tools::png_size(proof.to_str().unwrap());
    assert_eq!((width, height), (915, 666));
    // A proof is a PNG; a resolution out of range is refused, naming the flag.
    let err = fails(&run(&args(&dir.join("proof.pdf"), "72")));
    assert!(
        err.contains(&format!(
            "cannot write the proof to {}: a proof is a PNG beside the cover; name it .png",
            dir.join("proof.pdf").display()
        )),
        "{err}"
    );
    let err = fails(&run(&args(&proof, "20")));
    assert!(
        err.contains(
            "invalid resolution \"20\": expected 72 to 1200 pixels per inch (--proof-ppi)"
        ),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
