//! Regression tests from fuzzing the readers (the harness is in `fuzz/`, see fuzz/README.md).
//!
//! Whatever the bytes, `Interior::from_pdf`, `Artwork::from_pdf` and `compose` must return, `Ok`
//! or `Err`: never panic, abort or hang. The first tests are hostile files the readers already
//! refuse. Then come the fuzz findings, inputs on which lopdf 0.44 aborts, hangs or takes
//! gigabytes, all closed by `pdf::screen`, the large stack of
//! `pdf::large_stack` and the reader boundary `pdf::untrusted`, and run as ordinary tests. The
//! findings that abort (a failed allocation, a stack overflow) or hang run their check in a child
//! process, so that they fail the test instead of taking the whole run down.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use podcover::{
    cover::{compose, CoverArt},
    pdf::{Artwork, Interior},
    BookSpec, Catalog, CoverLayout, ErrorKind,
};

/// A PDF with a classic cross-reference table: `objects` are objects 1, 2, ..., object 1 is the
/// catalog, and `startxref` is the table's offset unless given.
fn pdf_at(objects: &[&[u8]], startxref: Option<&str>) -> Vec<u8> {
    let mut out = b"%PDF-1.5\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len().to_string();
    out.extend_from_slice(b"xref\n");
    out.extend_from_slice(format!("0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    let trailer = format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{}\n%%EOF\n",
        objects.len() + 1,
        startxref.unwrap_or(&xref)
    );
    out.extend_from_slice(trailer.as_bytes());
    out
}

fn pdf(objects: &[&[u8]]) -> Vec<u8> {
    pdf_at(objects, None)
}

const CATALOG: &[u8] = b"<< /Type /Catalog /Pages 2 0 R >>";
const PAGES: &[u8] = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>";
/// A 6 x 9 in page (the KDP panel below), its content in object 4, resources in object 5.
const PAGE: &[u8] =
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 432 648] /Contents 4 0 R /Resources 5 0 R >>";
const CONTENT: &[u8] = b"<< /Length 11 >>\nstream\n0 0 m 1 1 l\nendstream";
const RESOURCES: &[u8] = b"<< >>";

fn panel() -> Vec<u8> {
    pdf(&[CATALOG, PAGES, PAGE, CONTENT, RESOURCES])
}

/// A file whose only cross-reference section is the xref stream `dict`, with `content`.
fn xref_stream_pdf(dict: &str, content: &[u8]) -> Vec<u8> {
    stream_at_startxref(format!("/Type /XRef {dict}").as_bytes(), content)
}

/// A file whose `startxref` points at a stream with `dict` (raw bytes) and `content`, which lopdf
/// decodes as an xref stream whether or not it says `/Type /XRef`.
fn stream_at_startxref(dict: &[u8], content: &[u8]) -> Vec<u8> {
    let mut out = b"%PDF-1.5\n1 0 obj\n<< ".to_vec();
    out.extend_from_slice(dict);
    out.extend_from_slice(format!(" /Length {} >>\nstream\n", content.len()).as_bytes());
    out.extend_from_slice(content);
    // The object starts at offset 9, right after the header.
    out.extend_from_slice(b"\nendstream\nendobj\nstartxref\n9\n%%EOF\n");
    out
}

/// KDP paperback, white paper, 6 x 9 in, 100 pages: its panels are 6 x 9 in.
fn layout() -> CoverLayout {
    let spec = BookSpec::parse("kdp", "paperback", "white", "6x9", 100).unwrap();
    Catalog::builtin().layout(&spec).unwrap()
}

/// What the readers made of one input.
struct Outcome {
    interior: podcover::Result<Interior>,
    artwork: podcover::Result<Artwork>,
    /// `compose` with the artwork as front and back, when the artwork loaded.
    composed: Option<podcover::Result<usize>>,
}

/// Reads `bytes` as an interior and as artwork, and composes the artwork; fails the test if any
/// of them panics.
#[track_caller]
fn read(bytes: &[u8]) -> Outcome {
    let call = |what: &str, f: &mut dyn FnMut()| {
        if catch_unwind(AssertUnwindSafe(f)).is_err() {
            panic!("{what} panicked on a {}-byte input", bytes.len());
        }
    };
    let mut interior = None;
    call("Interior::from_pdf", &mut || {
        interior = Some(Interior::from_pdf("f.pdf", bytes))
    });
    let mut artwork = None;
    call("Artwork::from_pdf", &mut || {
        artwork = Some(Artwork::from_pdf("f.pdf", bytes))
    });
    let artwork = artwork.unwrap();
    let mut composed = None;
    if let Ok(art) = &artwork {
        call("compose", &mut || {
            let art = CoverArt::new(art.clone(), art.clone());
            composed = Some(compose(&layout(), &art).map(|cover| cover.pdf.len()));
        });
    }
    Outcome {
        interior: interior.unwrap(),
        artwork,
        composed,
    }
}

/// Whether `result` is a PDF the readers refuse (an error of kind `Pdf`, not a reader's
/// failure nor anything else).
fn refused<T>(result: &podcover::Result<T>) -> bool {
    matches!(
        result.as_ref().map_err(|e| e.kind()),
        Err(ErrorKind::Pdf(_))
    )
}

/// Both readers must refuse `bytes` (and not panic).
#[track_caller]
fn assert_refused(what: &str, bytes: &[u8]) {
    let outcome = read(bytes);
    assert!(refused(&outcome.interior), "{what}: read as an interior");
    assert!(refused(&outcome.artwork), "{what}: read as artwork");
}

/// The message of an error, for asserts.
fn message<T>(result: &podcover::Result<T>) -> String {
    match result {
        Ok(_) => "Ok".into(),
        Err(e) => e.to_string(),
    }
}

#[test]
fn the_valid_panel_reads_and_composes() {
    // The hostile files below are this one with one part broken.
    let outcome = read(&panel());
    assert_eq!(outcome.interior.unwrap().pages, 1);
    assert!(outcome.artwork.is_ok());
    assert!(matches!(outcome.composed, Some(Ok(_))));
}

#[test]
fn truncated_pdfs_are_refused() {
    let whole = panel();
    // Up to the `startxref` offset's end of line, nothing can be read; the `%%EOF` may be cut.
    let readable_from = whole.len() - "%%EOF\n".len();
    for cut in 0..whole.len() {
        let outcome = read(&whole[..cut]);
        if cut < readable_from {
            assert!(
                refused(&outcome.interior),
                "cut at {cut} read as an interior"
            );
            assert!(refused(&outcome.artwork), "cut at {cut} read as artwork");
        }
    }
    // A real cover, compressed, as compose writes it, cut anywhere.
    let cover = match read(&whole).composed {
        Some(Ok(_)) => {
            let art = Artwork::from_pdf("panel", &whole).unwrap();
            let art = CoverArt::new(art.clone(), art);
            compose(&layout(), &art).unwrap().pdf
        }
        _ => panic!("the panel does not compose"),
    };
    for cut in (0..cover.len()).step_by(7) {
        let outcome = read(&cover[..cut]);
        if cut < cover.len() - 64 {
            assert!(refused(&outcome.interior), "cover cut at {cut} read");
        }
    }
}

#[test]
fn reference_loops_are_refused() {
    // The catalog is `1 0 obj 1 0 R endobj`.
    assert_refused("self-referencing catalog", &pdf(&[b"1 0 R"]));
    // The page tree's /Pages points to a reference to itself.
    assert_refused("looping /Pages", &pdf(&[CATALOG, b"2 0 R"]));
    // A Pages node that is its own kid.
    let kids = b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>";
    assert_refused("Pages node that is its own kid", &pdf(&[CATALOG, kids]));
    // The MediaBox is `5 0 R`, and object 5 is `5 0 R`.
    let page = b"<< /Type /Page /Parent 2 0 R /MediaBox 5 0 R /Contents 4 0 R >>";
    let looping_box = pdf(&[CATALOG, PAGES, page, CONTENT, b"5 0 R"]);
    assert_refused("self-referencing MediaBox", &looping_box);
    assert!(message(&read(&looping_box).interior).contains("no valid MediaBox"));
    // A page that is its own /Parent, without a MediaBox: inheriting must stop.
    let page = b"<< /Type /Page /Parent 3 0 R /Contents 4 0 R >>";
    assert_refused(
        "page that is its own parent",
        &pdf(&[CATALOG, PAGES, page, CONTENT]),
    );
}

#[test]
fn deeply_nested_arrays_are_refused() {
    let depth = 10_000;
    let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let page = format!("<< /Type /Page /Parent 2 0 R /MediaBox {nested} /Contents 4 0 R >>");
    assert_refused(
        "MediaBox nested 10000 deep",
        &pdf(&[CATALOG, PAGES, page.as_bytes(), CONTENT]),
    );
    // The same as an object nothing uses: the file still reads.
    let unused = pdf(&[CATALOG, PAGES, PAGE, CONTENT, RESOURCES, nested.as_bytes()]);
    assert_eq!(read(&unused).interior.unwrap().pages, 1);
    // Resources nested 90 deep parse (lopdf stops at 100) but are too deep to copy onto a cover.
    let depth = 90;
    let resources = format!("<< /XObject {}{} >>", "[".repeat(depth), "]".repeat(depth));
    let outcome = read(&pdf(&[CATALOG, PAGES, PAGE, CONTENT, resources.as_bytes()]));
    assert!(outcome.artwork.is_ok());
    match outcome.composed {
        Some(Err(e)) => assert!(e.to_string().contains("nested too deeply"), "{e}"),
        _ => panic!("resources nested {depth} deep were placed"),
    }
}

#[test]
fn xref_offsets_past_the_end_are_refused() {
    let objects: &[&[u8]] = &[CATALOG, PAGES, PAGE, CONTENT, RESOURCES];
    let past_end = (panel().len() + 100_000).to_string();
    for startxref in [
        past_end.as_str(),
        "18446744073709551615",
        "99999999999999999999999",
    ] {
        let bytes = pdf_at(objects, Some(startxref));
        assert_refused(&format!("startxref {startxref}"), &bytes);
    }
}

#[test]
fn streams_with_a_huge_length_are_read_without_allocating_it() {
    // lopdf falls back to the `endstream` keyword when /Length runs past the end of the file.
    for dict in [
        "<< /Length 99999999999999 >>",
        "<< /Length 99999999999999 /Filter /FlateDecode >>",
        "<< /Length 9223372036854775807 >>",
    ] {
        let content = format!("{dict}\nstream\n0 0 m 1 1 l\nendstream");
        let outcome = read(&pdf(&[CATALOG, PAGES, PAGE, content.as_bytes(), RESOURCES]));
        assert_eq!(outcome.interior.unwrap().pages, 1, "{dict}");
        assert!(outcome.composed.is_some(), "{dict}");
    }
    // A negative /Length: the content stream is dropped and compose says so.
    let content = b"<< /Length -5 >>\nstream\n0 0 m 1 1 l\nendstream";
    let outcome = read(&pdf(&[CATALOG, PAGES, PAGE, content, RESOURCES]));
    assert!(message(&outcome.composed.unwrap()).contains("page content"));
}

#[test]
fn xref_streams_with_bad_field_widths_are_refused() {
    // Negative, missing or too few /W entries, widths past the stream's end, an /Index running
    // past the stream: all refused without reading past the content.
    for dict in [
        "/Size 1 /W [1 -2 1]",
        "/Size 1 /W [1 2]",
        "/Size 1",
        "/Size 1 /W [1 2 1] /Index [0 5]",
        "/Size 1 /W [8 8 8]",
        "/Size -1 /W [1 2 1]",
    ] {
        assert_refused(dict, &xref_stream_pdf(dict, b"\x01\x00\x09\x00"));
    }
}

// ---- Fuzz findings, fixed: they must stay fixed. ----

/// Set in a child process to the name of the test it runs.
const CHILD: &str = "PODCOVER_FUZZ_REGRESSION_CHILD";

/// Runs `check` in a child process (this test binary, running only `test`), so that an abort or a
/// hang fails the test instead of killing the whole run. `limit` is how long it may take.
fn isolated(test: &str, limit: Duration, check: impl FnOnce()) {
    if std::env::var(CHILD).as_deref() == Ok(test) {
        check();
        return;
    }
    let log = std::env::temp_dir().join(format!(
        "podcover-fuzz-regression-{test}-{}.log",
        std::process::id()
    ));
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([test, "--exact", "--include-ignored", "--nocapture"])
        .arg("--test-threads=1")
        .env(CHILD, test)
        .env("RUST_BACKTRACE", "0")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > limit {
            child.kill().unwrap();
            child.wait().unwrap();
            let _ = std::fs::remove_file(&log);
            panic!("did not return within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stderr = std::fs::read_to_string(&log).unwrap_or_default();
    let _ = std::fs::remove_file(&log);
    let tail: Vec<&str> = stderr.lines().rev().take(12).collect();
    let tail: Vec<&str> = tail.into_iter().rev().collect();
    assert!(status.success(), "{status}:\n{}", tail.join("\n"));
}

/// Both readers, and compose when the artwork loads: each must return.
fn must_return(bytes: &[u8]) {
    let outcome = read(bytes);
    drop(outcome);
}

/// The peak resident memory of this process in MiB (Linux), if known.
fn peak_rss_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

/// Found by `cargo fuzz run interior` (artifact crash-ae94783e..., 659 bytes, minimized by hand to
/// 121): an xref stream whose /W field width is 800000000000001 bytes. lopdf 0.44.0
/// `decode_xref_stream_with_limit` (parser_aux.rs:568-570) does `vec![0u8; width]` for each /W
/// entry without a bound, the allocation fails and the process aborts ("memory allocation of
/// 800000000000001 bytes failed"), which no `catch_unwind` can stop. Fixed by
/// `pdf::screen` refusing /W widths over 8.
#[test]
fn xref_stream_with_a_huge_field_width() {
    isolated(
        "xref_stream_with_a_huge_field_width",
        Duration::from_secs(30),
        || {
            must_return(
                b"%PDF-1.5\n1 0 obj\n<< /Type /XRef /Size 1 /W [1 2 800000000000001] \
                  /Length 0 >>\nstream\n\nendstream\nendobj\nstartxref\n9\n%%EOF\n",
            );
            // The same through the first /W entry, and a 2^62-byte width.
            must_return(&xref_stream_pdf("/Size 1 /W [222222222222222222 2 1]", b""));
            must_return(&xref_stream_pdf(
                "/Size 1 /W [1 4611686018427387904 1]",
                b"",
            ));
        },
    );
}

/// Found by reading the code of the previous crash site (the fuzzer had not reached it): an xref
/// stream with all /W widths 0 and an /Index count of 4000000000. Each entry then reads zero
/// bytes, so lopdf 0.44.0
/// `decode_xref_stream_with_limit` (parser_aux.rs:572-590) loops 4e9 times inserting entries
/// into a BTreeMap: no end in sight, and memory grows by about 2 GiB every 15 s. Fixed by
/// `pdf::screen` refusing all-zero /W and /Index counts beyond the file's size.
#[test]
fn xref_stream_with_zero_widths_and_a_huge_index() {
    isolated(
        "xref_stream_with_zero_widths_and_a_huge_index",
        Duration::from_secs(10),
        || {
            must_return(&xref_stream_pdf(
                "/Size 1 /W [0 0 0] /Index [0 4000000000]",
                b"",
            ))
        },
    );
}

/// Found by reading the code the xref-stream crashes go through (not by the fuzzer): a PNG
/// predictor's row buffers are sized from /Columns x /Colors x /BitsPerComponent with no bound.
/// lopdf 0.44.0
/// `png::decode_frame` (filters/png.rs:88-94) zero-fills two rows of /Columns bytes, so this
/// 195-byte file takes 2 GiB (and /Columns 4000000000 takes 8 GiB), past the 256 MiB
/// `max_decompressed_size` podcover sets. The same code runs for object streams while loading,
/// and for artwork content streams in `compose`. Fixed by `pdf::screen` bounding /Columns,
/// /Colors and /BitsPerComponent.
#[test]
fn xref_stream_with_a_huge_predictor_row() {
    isolated(
        "xref_stream_with_a_huge_predictor_row",
        Duration::from_secs(60),
        || {
            // zlib of the row `02 01 00 10 00` (filter Up, then 4 bytes).
            let row = b"\x78\x9c\x63\x62\x64\x10\x60\x00\x00\x00\x33\x00\x14";
            let dict = "/Size 1 /W [1 2 1] /Filter /FlateDecode \
                        /DecodeParms << /Predictor 12 /Columns 1000000000 >>";
            must_return(&xref_stream_pdf(dict, row));
            let peak = peak_rss_mib().unwrap_or(0);
            assert!(peak < 512, "reading a 195-byte file took {peak} MiB");
        },
    );
}

/// Found by the hand-made deep-nesting inputs of this file (debug builds only): lopdf 0.44.0
/// parses nested dictionaries recursively up to its MAX_NESTING_DEPTH of 100
/// (parser/mod.rs:292-401), and unoptimized nom needs more than 2 MiB of stack for that, so
/// dictionaries nested 100 deep overflow a thread's default 2 MiB stack and abort the process
/// ("has overflowed its stack"). Release builds need under 256 KiB. Fixed by
/// `pdf::large_stack` parsing on a 64 MiB stack.
#[test]
fn dictionaries_nested_to_the_parser_limit() {
    isolated(
        "dictionaries_nested_to_the_parser_limit",
        Duration::from_secs(30),
        || {
            let depth = 100;
            let nested = format!("{}{}", "<< /A ".repeat(depth), ">> ".repeat(depth));
            let bytes = pdf(&[CATALOG, PAGES, PAGE, CONTENT, nested.as_bytes()]);
            // A fresh thread with the default stack size of spawned threads.
            std::thread::Builder::new()
                .stack_size(2 << 20)
                .spawn(move || must_return(&bytes))
                .unwrap()
                .join()
                .unwrap();
        },
    );
}

/// Found by reading the predictor code above (debug builds only, as `cargo test` builds):
/// artwork whose page has two content streams, one Flate-compressed with PNG predictor
/// parameters whose product overflows. `compose` decodes them in `Artwork::content`
/// (src/pdf/artwork.rs:143, `decompressed_content_with_limit`), outside `pdf::load`'s
/// `catch_unwind`, and lopdf 0.44.0 panics with "attempt to multiply with overflow" at
/// object.rs:1125 (`colors * bits`) or filters/png.rs:88 (`bytes_per_pixel * pixels_per_row`).
/// Release builds wrap the product instead (no panic; the row length becomes 0). Fixed by
/// `pdf::screen` (and the reader boundary, `pdf::untrusted`, around the decoding).
#[test]
fn artwork_content_with_an_overflowing_predictor() {
    // zlib of the row `02 01 00 10 00`.
    let row: &[u8] = b"\x78\x9c\x63\x62\x64\x10\x60\x00\x00\x00\x33\x00\x14";
    let page: &[u8] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 432 648] \
                        /Contents [4 0 R 6 0 R] /Resources 5 0 R >>";
    for parms in [
        "/Colors 2305843009213693952 /BitsPerComponent 8",
        "/Colors 4294967296 /Columns 4294967296",
    ] {
        let mut stream = format!(
            "<< /Length {} /Filter /FlateDecode /DecodeParms << /Predictor 12 {parms} >> >>\nstream\n",
            row.len()
        )
        .into_bytes();
        stream.extend_from_slice(row);
        stream.extend_from_slice(b"\nendstream");
        let bytes = pdf(&[CATALOG, PAGES, page, CONTENT, RESOURCES, &stream]);
        // `read` fails the test if compose panics. The implausible parameters are refused
        // when the file is read, before the parser sees them.
        let outcome = read(&bytes);
        let err = outcome
            .artwork
            .as_ref()
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            outcome.composed.is_some() || err.contains("is not plausible"),
            "{parms}: {err}"
        );
    }
}

// ---- Ways around the first screen (ca0bbe7), fixed in 4d415b2 and 2d248f3. ----

/// zlib of the predicted row `02 01 00 10 00` (filter Up, then 4 bytes).
const PREDICTED_ROW: &[u8] = b"\x78\x9c\x63\x62\x64\x10\x60\x00\x00\x00\x33\x00\x14";

/// Found by reading `pdf::screen` (ca0bbe7) against lopdf's parser, confirmed with the `interior`
/// fuzz target's binary: the screen checks `/W` and `/Index` only within 512 bytes of `/XRef`,
/// but lopdf 0.44.0 decodes whatever stream `startxref` points at as an xref stream, with or
/// without `/Type /XRef`. Without it, the huge /W width gets through and aborts the process
/// ("memory allocation of 800000000000001 bytes failed", parser_aux.rs:570).
#[test]
fn xref_stream_without_a_type_and_a_huge_field_width() {
    isolated(
        "xref_stream_without_a_type_and_a_huge_field_width",
        Duration::from_secs(30),
        || {
            must_return(&stream_at_startxref(
                b"/Size 1 /W [1 2 800000000000001]",
                b"",
            ))
        },
    );
}

/// As above (no `/Type /XRef`), with `/W [0 0 0] /Index [0 4000000000]`: lopdf loops 4e9 times
/// (parser_aux.rs:572), 2 GiB more every 15 s.
#[test]
fn xref_stream_without_a_type_and_a_huge_index() {
    isolated(
        "xref_stream_without_a_type_and_a_huge_index",
        Duration::from_secs(10),
        || {
            let dict = b"/Size 1 /W [0 0 0] /Index [0 4000000000]";
            must_return(&stream_at_startxref(dict, b""))
        },
    );
}

/// Found by reading `pdf::screen` against lopdf's parser: lopdf reads a name's `#xx` escapes
/// (`/#57` is `/W`), and takes a comment or a NUL byte as white space between a key and its
/// value, but the screen matches names as written and reads the value only after ASCII white
/// space. Each of these xref streams gets through with its 8e14-byte /W width and aborts.
#[test]
fn xref_stream_width_written_another_way() {
    isolated(
        "xref_stream_width_written_another_way",
        Duration::from_secs(30),
        || {
            for dict in [
                &b"/Type /XRef /Size 1 /#57 [1 2 800000000000001]"[..],
                b"/Type /XRef /Size 1 /W %c\n[1 2 800000000000001]",
                b"/Type /XRef /Size 1 /W\0[1 2 800000000000001]",
            ] {
                must_return(&stream_at_startxref(dict, b""));
            }
        },
    );
}

/// The same for the predictor's /Columns (`/Col#75mns`, a comment, a NUL): each of these
/// 200-byte files makes lopdf's `png::decode_frame` (filters/png.rs:88) zero-fill 2 GiB.
#[test]
fn predictor_columns_written_another_way() {
    isolated(
        "predictor_columns_written_another_way",
        Duration::from_secs(60),
        || {
            for parms in [
                &b"/Predictor 12 /Col#75mns 1000000000"[..],
                b"/Predictor 12 /Columns %x\n1000000000",
                b"/Predictor 12 /Columns\x001000000000",
            ] {
                let mut dict = b"/Type /XRef /Size 1 /W [1 2 1] /Filter /FlateDecode \
                                 /DecodeParms << "
                    .to_vec();
                dict.extend_from_slice(parms);
                dict.extend_from_slice(b" >>");
                must_return(&stream_at_startxref(&dict, PREDICTED_ROW));
                let peak = peak_rss_mib().unwrap_or(0);
                assert!(
                    peak < 512,
                    "{}: took {peak} MiB",
                    String::from_utf8_lossy(parms)
                );
            }
        },
    );
}

// ---- Ways around the screen as of 2d248f3: they fail until fixed. ----

/// `/W [0 0 0]` away from any `/XRef` (so the all-zero check does not apply), with entry counts
/// the screen does not add up, each 100-250 bytes. lopdf 0.44.0 `decode_xref_stream_with_limit`
/// (parser_aux.rs:549-590) then loops once per entry without reading a byte, growing a BTreeMap
/// by about 2 GiB every 15 s:
/// - `/Index` with more than 64 numbers: `numbers_after` stops at 64, so a 33rd pair is unseen;
/// - a negative count: `/Index [0 -4000000000 0 4000000000]` sums to 0 (lopdf skips the
///   negative section and runs the other);
/// - no `/Index` at all: lopdf counts `[0 /Size]`, and `/Size 4000000000` is not screened.
///
/// Found by reading `pdf::screen` at 2d248f3 against lopdf, confirmed with the `interior` fuzz
/// target's binary built from it (libFuzzer out-of-memory at 1 GiB for each).
#[test]
fn xref_stream_with_more_index_numbers_than_the_screen_reads() {
    isolated(
        "xref_stream_with_more_index_numbers_than_the_screen_reads",
        Duration::from_secs(10),
        || {
            let many = format!(
                "/Size 1 /W [0 0 0] /Index [{}0 4000000000]",
                "0 1 ".repeat(32)
            );
            must_return(&stream_at_startxref(many.as_bytes(), b""));
        },
    );
}

/// As in `xref_stream_with_more_index_numbers_than_the_screen_reads`: a negative count.
#[test]
fn xref_stream_with_a_negative_entry_count() {
    isolated(
        "xref_stream_with_a_negative_entry_count",
        Duration::from_secs(10),
        || {
            let dict = b"/Size 1 /W [0 0 0] /Index [0 -4000000000 0 4000000000]";
            must_return(&stream_at_startxref(dict, b""));
        },
    );
}

/// As in `xref_stream_with_more_index_numbers_than_the_screen_reads`: no /Index and a huge
/// /Size, with and without a `/Type /XRef` more than 512 bytes before the widths.
#[test]
fn xref_stream_with_a_huge_size_and_no_index() {
    isolated(
        "xref_stream_with_a_huge_size_and_no_index",
        Duration::from_secs(10),
        || {
            must_return(&stream_at_startxref(b"/Size 4000000000 /W [0 0 0]", b""));
            let far = format!(
                "/Type /XRef /Pad ({}) /Size 4000000000 /W [0 0 0]",
                "x".repeat(600)
            );
            must_return(&stream_at_startxref(far.as_bytes(), b""));
        },
    );
}

/// Found by attacking the tool by hand (`findings/objstm-array-100m-integers.pdf`, 195 KB): an
/// object stream whose one object is an array of 100 million integers, 200 MiB inflated, under
/// the 256 MiB decompression limit. lopdf 0.44.0 (and 0.47.0) parse it into 100 million
/// 120-byte values in a doubling vector and abort ("memory allocation of 4026531840 bytes
/// failed" under a 4 GiB limit; 8-16 GB without one), in `batch` taking the whole run down.
/// Fixed by `pdf::screen` counting the objects of the file and of each Flate object stream.
#[test]
fn an_object_stream_of_100_million_integers() {
    isolated(
        "an_object_stream_of_100_million_integers",
        Duration::from_secs(120),
        || {
            let bytes = include_bytes!("../../fuzz/findings/objstm-array-100m-integers.pdf");
            let outcome = read(bytes);
            let message = message(&outcome.interior);
            assert!(
                message.contains("holds more than 8388608 objects"),
                "{message}"
            );
            assert!(refused(&outcome.artwork));
            let peak = peak_rss_mib().unwrap_or(0);
            assert!(peak < 512, "reading a 195 KB file took {peak} MiB");
        },
    );
}

/// Found by attacking the tool by hand (`findings/content-nested-q-4m.pdf`, 8 KB): a page whose
/// content is 4 million `q` operators. Preflight took 2.7 GB and 5 s (lopdf parses content
/// whole into 48-byte operations, and the scan kept a saved state per `q`). Fixed by counting
/// content tokens before parsing (2 Mi per preflight) and keeping at most 256 saved states.
#[test]
fn content_of_4_million_nested_saves() {
    isolated(
        "content_of_4_million_nested_saves",
        Duration::from_secs(60),
        || {
            let bytes = include_bytes!("../../fuzz/findings/content-nested-q-4m.pdf");
            let spec = BookSpec::parse("kdp", "paperback", "white", "6x9", 300).unwrap();
            let layout = Catalog::builtin().layout(&spec).unwrap();
            let report =
                podcover::preflight::check(Catalog::builtin(), &layout, "q.pdf", bytes).unwrap();
            assert!(report
                .findings
                .iter()
                .any(|f| f.check == "content" && f.message.contains("partial")));
            let peak = peak_rss_mib().unwrap_or(0);
            assert!(peak < 512, "checking an 8 KB file took {peak} MiB");
        },
    );
}

/// Found by the `jpeg` fuzz target (`findings/jpeg-upsampler-assertion.jpg`, 716 bytes): a
/// baseline CMYK file whose four components come in scans of their own, the first sampled 1 x 1
/// and the second 2 x 2. zune-jpeg 0.5.15 panics in its upsampler ("assertion failed:
/// input.len() * 2 <= scratch_space.len()", `upsampler/scalar.rs:83`); the panic is caught at the
/// reader boundary (`pdf::untrusted`) and reported as the JPEG decoder's failure on the file.
#[test]
fn jpeg_whose_decoder_panics_is_a_reader_error_naming_the_file() {
    let bytes = include_bytes!("../../fuzz/findings/jpeg-upsampler-assertion.jpg");
    let err = Artwork::from_bytes("front.jpg", bytes).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Reader);
    assert_eq!(err.file(), Some("front.jpg"));
    assert_eq!(
        err.to_string(),
        "cannot read front.jpg: the JPEG decoder failed on it with an internal error; the file \
         is probably damaged (please report the failure with the file)"
    );
}
