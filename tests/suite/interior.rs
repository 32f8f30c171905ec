//! Reading page count and trim from interior PDFs, and refusing bad files without panicking.

use crate::common;

use std::panic::catch_unwind;
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::common::interior_pdf;
use podcover::{
    pdf::{Interior, PageBox},
    ErrorKind, Length, TrimSize,
};

/// 6 x 9 in in points.
const SIX_BY_NINE: [f32; 2] = [432.0, 648.0];
/// 6 x 9 in with KDP's interior bleed: 6.125 x 9.25 in.
const SIX_BY_NINE_BLEED: [f32; 2] = [441.0, 666.0];

#[track_caller]
fn trim(s: &str) -> TrimSize {
    s.parse().unwrap()
}

#[track_caller]
fn read(bytes: &[u8]) -> Interior {
    Interior::from_pdf("book.pdf", bytes).unwrap_or_else(|e| panic!("{e}"))
}

#[track_caller]
fn assert_trim(actual: TrimSize, width_in: f64, height_in: f64) {
    assert!(
        actual.width.approx_eq(Length::inches(width_in))
            && actual.height.approx_eq(Length::inches(height_in)),
        "expected {width_in}x{height_in}in, got {actual}"
    );
}

/// The message of the PDF error that reading `bytes` must give (a panic fails the test).
#[track_caller]
fn pdf_error(bytes: &[u8]) -> String {
    match catch_unwind(|| Interior::from_pdf("book.pdf", bytes)) {
        Err(_) => panic!("reading {} bytes panicked", bytes.len()),
        Ok(Ok(i)) => panic!("expected an error, read {i:?}"),
        Ok(Err(e)) if matches!(e.kind(), ErrorKind::Pdf(_)) => {
            let message = e.to_string();
            assert!(
                message.starts_with("cannot read PDF book.pdf: "),
                "{message}"
            );
            message
        }
        Ok(Err(e)) => panic!("expected a PDF error, got {e:?}"),
    }
}

/// Deterministic pseudo-random bytes (xorshift64).
fn noise(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed.max(1);
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

/// `pdf` encrypted by qpdf with AES-256, the given user password and owner password `owner`.
fn encrypt(pdf: &[u8], user_password: &str) -> Vec<u8> {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir: PathBuf = std::env::temp_dir().join(format!(
        "podcover-interior-test-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let (input, output) = (dir.join("in.pdf"), dir.join("out.pdf"));
    std::fs::write(&input, pdf).unwrap();
    let status = Command::new("qpdf")
        .args(["--encrypt", user_password, "owner", "256", "--"])
        .arg(&input)
        .arg(&output)
        .status()
        .expect("qpdf must be installed to run this test");
    let encrypted = std::fs::read(&output);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(status.success(), "qpdf failed: {status}");
    encrypted.unwrap()
}

#[test]
fn reads_page_count_and_trim_from_media_box() {
    let interior = read(&interior_pdf(318, SIX_BY_NINE, None));
    assert_eq!(interior.pages, 318);
    assert_trim(interior.trim, 6.0, 9.0);
    assert_eq!(interior.trim_from, PageBox::MediaBox);

    let interior = read(&interior_pdf(1, [612.0, 792.0], None));
    assert_eq!(interior.pages, 1);
    assert_trim(interior.trim, 8.5, 11.0);
}

#[test]
fn prefers_the_trim_box() {
    // A 6x9 TrimBox centred on a 6.25 x 9.25 in MediaBox.
    let pdf = interior_pdf(24, [450.0, 666.0], Some([9.0, 9.0, 441.0, 657.0]));
    let interior = read(&pdf);
    assert_eq!(interior.pages, 24);
    assert_eq!(interior.trim_from, PageBox::TrimBox);
    assert_trim(interior.trim, 6.0, 9.0);
    assert_eq!(interior.check_trim(&trim("6x9")).unwrap(), trim("6x9"));
}

#[test]
fn accepts_the_same_trim_in_any_spelling() {
    let interior = read(&interior_pdf(318, SIX_BY_NINE, None));
    for declared in ["6x9", "6 x 9 in", "432x648pt", "152x229mm"] {
        let declared = trim(declared);
        assert_eq!(interior.check_trim(&declared).unwrap(), declared);
    }
}

#[test]
fn a_bleed_interior_is_recognised_by_the_vendors_rule() {
    // KDP Help "Set Trim Size, Bleed, and Margins": an interior with bleed is 0.125 in wider and
    // 0.25 in taller than the trim; the figure is kdp.toml's interior_bleed, not code's.
    let interior = read(&interior_pdf(120, SIX_BY_NINE_BLEED, None));
    assert_eq!(interior.trim_from, PageBox::MediaBox);
    assert_trim(interior.trim, 6.125, 9.25);
    let kdp = common::product("kdp", "paperback", "cream");
    assert_eq!(
        kdp.binding.interior_bleed.as_ref().unwrap().value,
        podcover::Length::inches(0.125)
    );
    // Without a declared trim, the page less the bleed is a trim KDP lists: 6 x 9.
    assert_eq!(interior.trim_for(&kdp, None).unwrap(), trim("6x9"));
    assert_eq!(
        interior.trim_for(&kdp, Some(&trim("6x9"))).unwrap(),
        trim("6x9")
    );
    assert_eq!(
        interior.trim_for(&kdp, Some(&trim("152x229mm"))).unwrap(),
        trim("152x229mm")
    );
    // The allowance is the bleed only: a trim between the two is refused.
    let err = interior
        .trim_for(&kdp, Some(&trim("6.0625x9.125")))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TrimMismatch);
    // A vendor whose stock file has no interior bleed rule takes the page as it is, and so
    // does check_trim, which knows no vendor.
    let lulu = common::product("lulu", "paperback", "white");
    assert!(lulu.binding.interior_bleed.is_none());
    assert_trim(interior.trim_for(&lulu, None).unwrap(), 6.125, 9.25);
    let err = interior.check_trim(&trim("6x9")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TrimMismatch);
    // A page that is itself a listed trim is that trim, bleed rule or not.
    let plain = read(&interior_pdf(120, SIX_BY_NINE, None));
    assert_eq!(plain.trim_for(&kdp, None).unwrap(), trim("6x9"));
}

#[test]
fn bleed_allowance_does_not_apply_to_a_trim_box() {
    // The TrimBox says 6.125 x 9.25 in: a 6x9 book does not fit it.
    let pdf = interior_pdf(
        120,
        [459.0, 684.0],
        Some([9.0, 9.0, 450.0, 675.0]), // 441 x 666 pt
    );
    let interior = read(&pdf);
    assert_eq!(interior.trim_from, PageBox::TrimBox);
    let err = interior.check_trim(&trim("6x9")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TrimMismatch);
}

#[test]
fn rejects_a_different_trim_with_a_clear_message() {
    let interior = read(&interior_pdf(318, SIX_BY_NINE, None));
    let err = interior.check_trim(&trim("5.5x8.5")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TrimMismatch, "{err:?}");
    assert_eq!(err.value(), Some("5.5x8.5in"));
    // 6 in = 152.4 mm, 9 in = 228.6 mm.
    assert_eq!(
        err.to_string(),
        "declared trim 5.5x8.5in does not match the interior's MediaBox 6x9in (152.4x228.6mm)"
    );

    // 5x8 in TrimBox on a letter page: 127.0 x 203.2 mm.
    let interior = read(&interior_pdf(
        50,
        [612.0, 792.0],
        Some([0.0, 0.0, 360.0, 576.0]),
    ));
    assert_eq!(
        interior.check_trim(&trim("6x9")).unwrap_err().to_string(),
        "declared trim 6x9in does not match the interior's TrimBox 5x8in (127.0x203.2mm)"
    );
}

#[test]
fn empty_and_garbage_files_are_errors() {
    pdf_error(b"");
    for seed in 1..=8 {
        for len in [1, 16, 1000, 20_000] {
            pdf_error(&noise(seed, len));
            let mut fake = b"%PDF-1.7\n".to_vec();
            fake.extend(noise(seed, len));
            pdf_error(&fake);
        }
    }
}

#[test]
fn truncated_pdf_is_an_error() {
    let pdf = interior_pdf(10, SIX_BY_NINE, None);
    pdf_error(&pdf[..pdf.len() / 2]);
}

#[test]
fn pdf_without_pages_is_an_error() {
    let message = pdf_error(&interior_pdf(0, SIX_BY_NINE, None));
    assert!(message.contains("no pages"), "{message}");
}

#[test]
fn encrypted_pdf_is_an_error() {
    let pdf = interior_pdf(3, SIX_BY_NINE, None);
    // With a user password, and with an empty one (opens without a password, still encrypted).
    for user_password in ["user", ""] {
        let encrypted = encrypt(&pdf, user_password);
        assert_ne!(encrypted, pdf);
        let message = pdf_error(&encrypted);
        assert!(
            message.contains("encrypted"),
            "user password {user_password:?}: {message}"
        );
    }
}

#[test]
fn every_prefix_gives_a_result_not_a_panic() {
    let pdf = interior_pdf(2, SIX_BY_NINE, None);
    let (mut ok, mut err) = (0, 0);
    for len in (0..pdf.len()).step_by(7).chain([pdf.len()]) {
        let prefix = &pdf[..len];
        match catch_unwind(|| Interior::from_pdf("prefix.pdf", prefix)) {
            Err(_) => panic!("{len} of {} bytes: panicked", pdf.len()),
            Ok(Ok(interior)) => {
                // Whatever is read from a prefix must still be true of the file.
                assert!(
                    (1..=2).contains(&interior.pages),
                    "{len} bytes: {interior:?}"
                );
                assert_trim(interior.trim, 6.0, 9.0);
                ok += 1;
            }
            Ok(Err(e)) => {
                assert!(matches!(e.kind(), ErrorKind::Pdf(_)), "{len} bytes: {e:?}");
                err += 1;
            }
        }
    }
    assert!(ok >= 1 && err >= 1, "{ok} prefixes read, {err} refused");
    assert_eq!(read(&pdf).pages, 2);
}
