//! Errors a caller can match on: each kind of failure is a variant (or a variant's `problem`,
//! or an `Error::Io`'s `io::ErrorKind`), not only a message.

use std::io::ErrorKind;

use crate::common::{interior_pdf, layout, scratch, solid_pdf};
use podcover::{
    compose, read_input, read_input_text, respine, Artwork, ArtworkProblem, BookSpec, Catalog,
    ComposeProblem, CoverArt, Error, Input, Interior, PdfProblem, SpineArt, SpineLabel,
};

#[test]
fn error_kinds_are_plain_values() {
    fn check<T: Clone + PartialEq + Send + Sync + std::error::Error + 'static>() {}
    check::<Error>();
    fn kind<T: Copy + Eq + std::hash::Hash + std::fmt::Debug + Send + Sync>() {}
    kind::<PdfProblem>();
    kind::<ArtworkProblem>();
    kind::<ComposeProblem>();
}

#[test]
fn an_unknown_paper_names_the_product() {
    let spec = BookSpec::parse("kdp", "paperback", "ivory", "6x9", 200).unwrap();
    let err = Catalog::builtin().layout(&spec).unwrap_err();
    match &err {
        Error::UnknownPaper {
            vendor,
            binding,
            id,
            ..
        } => assert_eq!([vendor, binding, id], ["kdp", "paperback", "ivory"]),
        other => panic!("expected an unknown paper, got {other:?}"),
    }
    assert_eq!(err.io_kind(), None);
}

#[test]
fn files_keep_the_system_error_kind() {
    let dir = scratch("error-kinds");
    let missing = dir.join("missing.toml");
    let err = read_input(&missing, Input::Stock).unwrap_err();
    assert!(
        matches!(&err, Error::Io { kind: ErrorKind::NotFound, path, .. } if *path == missing.display().to_string()),
        "{err:?}"
    );
    assert_eq!(err.io_kind(), Some(ErrorKind::NotFound));
    // What podcover refuses has a kind too: a folder, a file over its limit, text not UTF-8.
    assert_eq!(
        read_input(&dir, Input::Stock).unwrap_err().io_kind(),
        Some(ErrorKind::InvalidInput)
    );
    let big = dir.join("big.toml");
    std::fs::write(&big, vec![b'#'; (1 << 20) + 1]).unwrap();
    assert_eq!(
        read_input(&big, Input::Stock).unwrap_err().io_kind(),
        Some(ErrorKind::FileTooLarge)
    );
    std::fs::write(&big, b"\xff").unwrap();
    assert_eq!(
        read_input_text(&big, Input::Stock).unwrap_err().io_kind(),
        Some(ErrorKind::InvalidData)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[track_caller]
fn pdf_problem(err: Error) -> PdfProblem {
    match err {
        Error::Pdf { problem, .. } => problem,
        other => panic!("expected Error::Pdf, got {other:?}"),
    }
}

#[test]
fn pdf_problems() {
    let read = |bytes: &[u8]| Interior::from_pdf("book.pdf", bytes).unwrap_err();
    assert_eq!(
        pdf_problem(read(&interior_pdf(0, [432.0, 648.0], None))),
        PdfProblem::NoPages
    );
    assert_eq!(
        pdf_problem(read(b"%PDF-1.7\nthis is not a pdf")),
        PdfProblem::Malformed
    );
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
    let problem = |bytes: &[u8]| match Artwork::from_bytes("art", bytes).unwrap_err() {
        Error::Artwork { problem, .. } => problem,
        other => panic!("expected Error::Artwork, got {other:?}"),
    };
    assert_eq!(problem(b""), ArtworkProblem::Empty);
    assert_eq!(problem(b"GIF89a"), ArtworkProblem::UnknownFormat);
    assert_eq!(
        problem(b"\x89PNG\r\n\x1a\nnot really"),
        ArtworkProblem::Malformed
    );
}

#[track_caller]
fn compose_problem(err: Error) -> ComposeProblem {
    match err {
        Error::Compose { problem, .. } => problem,
        other => panic!("expected Error::Compose, got {other:?}"),
    }
}

#[test]
fn compose_problems() {
    let l = layout("kdp", "paperback", "cream", "6x9", 318);
    let panel = Artwork::from_pdf("panel.pdf", &solid_pdf([450.0, 666.0], 9.0, [1.0; 3])).unwrap();
    let art = |spine: SpineArt| CoverArt {
        front: panel.clone(),
        back: panel.clone(),
        spine,
        barcode: None,
        back_flap: None,
        front_flap: None,
    };
    let small = Artwork::from_pdf("small.pdf", &solid_pdf([396.0, 612.0], 0.0, [1.0; 3])).unwrap();
    let wrong = CoverArt {
        front: small,
        ..art(SpineArt::Blank)
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
