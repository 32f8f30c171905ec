//! Errors a caller can match on: one opaque `Error` whose `kind()` says what happened, with the
//! details a program needs behind accessors and the system's error kept as its `source()`.

use std::error::Error as _;
use std::io;

use crate::common::{interior_pdf, layout, scratch, solid_pdf};
use podcover::barcode::Isbn;
use podcover::batch::Manifest;
use podcover::{
    color::SourceProfile,
    cover::{compose, respine, CoverArt, SpineArt, SpineLabel},
    error::{ArtworkProblem, BarcodeProblem, ComposeProblem, PdfProblem},
    files::{read_input, read_input_text, write_atomic, Input},
    pdf::{Artwork, Interior},
    BookSpec, Catalog, Error, ErrorKind, TrimSize,
};

#[test]
fn errors_are_plain_values() {
    fn check<T: Clone + Send + Sync + std::error::Error + 'static>() {}
    check::<Error>();
    fn kind<T: Copy + Eq + std::hash::Hash + std::fmt::Debug + Send + Sync>() {}
    kind::<ErrorKind>();
    kind::<PdfProblem>();
    kind::<ArtworkProblem>();
    kind::<ComposeProblem>();
    kind::<BarcodeProblem>();
}

#[track_caller]
fn layout_error(vendor: &str, binding: &str, paper: &str, trim: &str, pages: u32) -> Error {
    let spec = BookSpec::parse(vendor, binding, paper, trim, pages).unwrap();
    Catalog::builtin().layout(&spec).unwrap_err()
}

#[test]
fn unknown_ids_carry_the_id_and_what_is_allowed() {
    let err = layout_error("kdp", "paperback", "ivory", "6x9", 200);
    assert_eq!(err.kind(), ErrorKind::UnknownPaper);
    assert_eq!(err.value(), Some("ivory"));
    assert!(err.allowed().iter().any(|p| p == "cream"), "{err:?}");
    assert_eq!(err.io_kind(), None);
    assert!(err.source().is_none());

    let err = layout_error("acme", "paperback", "white", "6x9", 200);
    assert_eq!(err.kind(), ErrorKind::UnknownVendor);
    assert_eq!(err.value(), Some("acme"));
    assert!(err.allowed().iter().any(|v| v == "kdp"), "{err:?}");

    let err = layout_error("kdp", "casewrap", "white", "6x9", 200);
    assert_eq!(err.kind(), ErrorKind::UnknownBinding);
    assert_eq!(err.value(), Some("casewrap"));
    assert!(err.allowed().iter().any(|b| b == "paperback"), "{err:?}");

    let err = layout_error("kdp", "paperback", "white", "1x1", 200);
    assert_eq!(err.kind(), ErrorKind::TrimNotOffered);
    assert_eq!(err.value(), Some("1x1in"));
    assert!(err.allowed().iter().any(|t| t == "6x9in"), "{err:?}");
}

#[test]
fn page_counts_carry_the_rule_they_break() {
    // KDP cream paper: 24 to 776 pages (KDP Help G201953020).
    let err = layout_error("kdp", "paperback", "cream", "6x9", 2000);
    assert_eq!(err.kind(), ErrorKind::PagesOutOfRange);
    assert_eq!(err.pages(), Some(2000));
    assert_eq!(err.page_range(), Some(24..=776));
    assert_eq!(err.page_multiple(), None);

    let mut strict = Catalog::empty();
    strict
        .add_stock("acme.toml", crate::catalog::MINIMAL)
        .unwrap();
    let spec = BookSpec::parse("acme", "paperback", "white", "148x210mm", 201).unwrap();
    let err = strict.layout(&spec).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PagesNotMultiple);
    assert_eq!((err.pages(), err.page_multiple()), (Some(201), Some(4)));
    assert_eq!(err.page_range(), None);
}

#[test]
fn values_files_and_barcodes_have_their_kinds() {
    let err = "6y9".parse::<TrimSize>().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
    assert_eq!(err.value(), Some("6y9"));

    let err = Catalog::empty()
        .add_stock("acme.toml", "[vendor")
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::StockFile);
    assert_eq!(err.file(), Some("acme.toml"));

    let err = Manifest::parse("m.toml", "[[book]]\nid = 3").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Manifest);
    assert_eq!(err.file(), Some("m.toml"));

    let err = "978-0-00-000000-1".parse::<Isbn>().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Barcode(BarcodeProblem::CheckDigit));
    assert_eq!(err.value(), Some("978-0-00-000000-1"));
    let err = "12345".parse::<Isbn>().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Barcode(BarcodeProblem::NotAnIsbn));

    let err = SourceProfile::from_icc("front.png", b"not a profile").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::ColorProfile);
    assert_eq!(err.file(), Some("front.png"));

    let interior = Interior::from_pdf("book.pdf", &interior_pdf(318, [432.0, 648.0], None));
    let err = interior
        .unwrap()
        .check_trim(&"5.5x8.5".parse().unwrap())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TrimMismatch);
}

#[test]
fn an_io_error_is_the_source_as_the_system_gave_it() {
    let dir = scratch("error-kinds");
    let missing = dir.join("missing.toml");
    let err = read_input(&missing, Input::Stock).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Io(io::ErrorKind::NotFound));
    assert_eq!(err.io_kind(), Some(io::ErrorKind::NotFound));
    assert_eq!(err.file(), Some(missing.display().to_string().as_str()));
    let source = err.source().expect("the system's error");
    let io = source
        .downcast_ref::<io::Error>()
        .expect("an std::io::Error");
    assert_eq!(io.kind(), io::ErrorKind::NotFound);
    assert_eq!(io.raw_os_error(), Some(2), "ENOENT");
    // Cloning shares the error, cause and all.
    let copy = err.clone();
    assert!(copy.source().unwrap().downcast_ref::<io::Error>().is_some());

    // What podcover refuses has a kind too: a folder, a file over its limit, text not UTF-8.
    assert_eq!(
        read_input(&dir, Input::Stock).unwrap_err().kind(),
        ErrorKind::Io(io::ErrorKind::InvalidInput)
    );
    let big = dir.join("big.toml");
    std::fs::write(&big, vec![b'#'; (1 << 20) + 1]).unwrap();
    assert_eq!(
        read_input(&big, Input::Stock).unwrap_err().io_kind(),
        Some(io::ErrorKind::FileTooLarge)
    );
    std::fs::write(&big, b"\xff").unwrap();
    assert_eq!(
        read_input_text(&big, Input::Stock).unwrap_err().io_kind(),
        Some(io::ErrorKind::InvalidData)
    );

    // A file that may not be replaced is protected, not an I/O failure.
    let err = write_atomic(&big, b"new", false).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Protected);
    assert_eq!(err.io_kind(), Some(io::ErrorKind::AlreadyExists));
    assert_eq!(err.to_string(), format!("{} exists", big.display()));
    assert_eq!(std::fs::read(&big).unwrap(), b"\xff");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[track_caller]
fn pdf_problem(err: Error) -> PdfProblem {
    match err.kind() {
        ErrorKind::Pdf(problem) => problem,
        other => panic!("expected a PDF error, got {other:?}: {err}"),
    }
}

#[test]
fn pdf_problems() {
    let read = |bytes: &[u8]| Interior::from_pdf("book.pdf", bytes).unwrap_err();
    assert_eq!(
        pdf_problem(read(&interior_pdf(0, [432.0, 648.0], None))),
        PdfProblem::NoPages
    );
    let err = read(b"%PDF-1.7\nthis is not a pdf");
    assert_eq!(err.file(), Some("book.pdf"));
    assert_eq!(pdf_problem(err), PdfProblem::Malformed);
    let hostile = b"%PDF-1.7\n<< /Type /XRef /W [0 0 0] /Index [0 4000000000] >>";
    assert_eq!(pdf_problem(read(hostile)), PdfProblem::Malformed);
    // Not a PDF at all: an image, anything else, nothing.
    for not_pdf in [
        &b"\x89PNG\r\n\x1a\n...."[..],
        b"\xFF\xD8\xFF\xE0",
        b"hello",
        b"",
    ] {
        assert_eq!(pdf_problem(read(not_pdf)), PdfProblem::NotPdf);
    }
    // Encrypted (qpdf, AES-256, empty user password).
    let dir = scratch("error-kinds-encrypted");
    std::fs::write(dir.join("in.pdf"), interior_pdf(1, [432.0, 648.0], None)).unwrap();
    let status = std::process::Command::new("qpdf")
        .args(["--encrypt", "", "owner", "256", "--"])
        .arg(dir.join("in.pdf"))
        .arg(dir.join("enc.pdf"))
        .status()
        .expect("qpdf must be installed to run this test");
    assert!(status.success());
    let encrypted = std::fs::read(dir.join("enc.pdf")).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let err = read(&encrypted);
    assert_eq!(
        err.to_string(),
        "cannot read PDF book.pdf: the file is encrypted; save an unencrypted copy"
    );
    assert_eq!(pdf_problem(err), PdfProblem::Encrypted);
}

#[test]
fn artwork_problems() {
    let kind = |bytes: &[u8]| Artwork::from_bytes("art", bytes).unwrap_err().kind();
    assert_eq!(kind(b""), ErrorKind::Artwork(ArtworkProblem::Empty));
    assert_eq!(
        kind(b"GIF89a"),
        ErrorKind::Artwork(ArtworkProblem::UnknownFormat)
    );
    assert_eq!(
        kind(b"\x89PNG\r\n\x1a\nnot really"),
        ErrorKind::Artwork(ArtworkProblem::Malformed)
    );
}

#[track_caller]
fn compose_problem(err: Error) -> ComposeProblem {
    match err.kind() {
        ErrorKind::Compose(problem) => problem,
        other => panic!("expected a compose error, got {other:?}: {err}"),
    }
}

#[test]
fn compose_problems() {
    let l = layout("kdp", "paperback", "cream", "6x9", 318);
    let panel = Artwork::from_pdf("panel.pdf", &solid_pdf([450.0, 666.0], 9.0, [1.0; 3])).unwrap();
    let art = |spine: SpineArt| CoverArt::new(panel.clone(), panel.clone()).spine(spine);
    let small = Artwork::from_pdf("small.pdf", &solid_pdf([396.0, 612.0], 0.0, [1.0; 3])).unwrap();
    let wrong = {
        let mut value = art(SpineArt::Blank);
        value.front = small;
        value
    };
    assert_eq!(
        compose_problem(compose(&l, &wrong).unwrap_err()),
        ComposeProblem::WrongSize
    );
    let label = SpineArt::Label(SpineLabel::new("港の灯り"));
    assert_eq!(
        compose_problem(compose(&l, &art(label)).unwrap_err()),
        ComposeProblem::GlyphMissing
    );
    let long = SpineArt::Label(SpineLabel::new("a".repeat(100_000)));
    assert_eq!(
        compose_problem(compose(&l, &art(long)).unwrap_err()),
        ComposeProblem::SpineTextTooSmall
    );
    let sliver = Artwork::from_pdf("sliver.pdf", &solid_pdf([0.0001, 666.0], 0.0, [0.0; 3]));
    let sliver = SpineArt::Artwork(Box::new(sliver.unwrap()));
    assert_eq!(
        compose_problem(compose(&l, &art(sliver)).unwrap_err()),
        ComposeProblem::SpineArtStretched
    );
    let mut font = SpineLabel::new("Harbor Lights");
    font.font = Some(b"not a font".to_vec());
    assert_eq!(
        compose_problem(compose(&l, &art(SpineArt::Label(font))).unwrap_err()),
        ComposeProblem::UnreadableFont
    );
    // Respining to another trim needs scaling; a cover made for another page count is the
    // wrong size.
    let cover = compose(&l, &art(SpineArt::Blank)).unwrap();
    let cover = Artwork::from_pdf("cover.pdf", &cover.pdf).unwrap();
    let other_trim = layout("kdp", "paperback", "cream", "5.5x8.5", 318);
    assert_eq!(
        compose_problem(respine(&cover, &l, &other_trim, false).unwrap_err()),
        ComposeProblem::ScalingNeeded
    );
    let shorter = layout("kdp", "paperback", "cream", "6x9", 200);
    assert_eq!(
        compose_problem(respine(&cover, &shorter, &l, false).unwrap_err()),
        ComposeProblem::WrongSize
    );
}

#[test]
fn library_messages_name_no_command_line_flags() {
    // What the library says is for every caller; the tool adds its own flags. Spine text
    // Helvetica cannot set said "--font on the command line".
    let l = layout("kdp", "paperback", "cream", "6x9", 318);
    let panel = Artwork::from_pdf("panel.pdf", &solid_pdf([450.0, 666.0], 9.0, [1.0; 3])).unwrap();
    let art =
        CoverArt::new(panel.clone(), panel).spine(SpineArt::Label(SpineLabel::new("港の灯り")));
    let err = compose(&l, &art).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Compose(ComposeProblem::GlyphMissing));
    assert!(!err.to_string().contains("--"), "{err}");
    // A file that may not be replaced is said without advice; the tool adds `--force`.
    let dir = scratch("error-no-flags");
    let path = dir.join("cover.pdf");
    std::fs::write(&path, b"mine").unwrap();
    let err = write_atomic(&path, b"new", false).unwrap_err();
    assert_eq!(err.to_string(), format!("{} exists", path.display()));
    std::fs::remove_dir_all(&dir).unwrap();
}
