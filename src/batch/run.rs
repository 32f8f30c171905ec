//! Running a batch: every title's targets built in parallel, with the report written last.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::barcode::{BarcodeError, Isbn, Price};
use crate::batch::manifest::{Book, MadeFor, Manifest, Target};
use crate::batch::report::{Report, Status, TargetReport, TitleReport};
use crate::batch::write::{write_atomic, write_atomic_with};
use crate::catalog::Catalog;
use crate::cover::{compose, respine, CoverArt, SpineArt, SpineLabel};
use crate::draw::{Cmyk, Direction};
use crate::error::{Error, Result};
use crate::layout::{BookSpec, CoverLayout};
use crate::pdf::{self, Artwork, Interior};
use crate::units::{TrimSize, Unit};

/// Where a batch reads and writes, and how.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// The manifest's folder: relative paths in it start here.
    pub base: PathBuf,
    /// The output folder.
    pub out: PathBuf,
    /// Rebuild everything, and replace files the previous report does not list.
    pub force: bool,
    /// Worker threads (at least 1).
    pub threads: usize,
}

/// Builds every title's targets into `options.out`, in parallel, and writes `report.json`.
///
/// A title that fails does not stop the others; its targets are reported as failed. Covers
/// whose inputs and geometry match the previous report (and whose file is there) are not
/// rebuilt. Each file is written atomically. `progress` is called as each title finishes.
pub fn run(
    catalog: &Catalog,
    manifest: &Manifest,
    options: &BatchOptions,
    progress: &(dyn Fn(&TitleReport) + Sync),
) -> Result<Report> {
    let io = |action: &'static str, path: &Path, e: std::io::Error| Error::Io {
        action,
        path: path.display().to_string(),
        message: e.to_string(),
    };
    std::fs::create_dir_all(&options.out)
        .map_err(|e| io("cannot create the folder", &options.out, e))?;
    let report_path = options.out.join("report.json");
    let previous: Report = std::fs::File::open(&report_path)
        .ok()
        .and_then(|file| serde_json::from_reader(std::io::BufReader::new(file)).ok())
        .unwrap_or_default();
    let previous: BTreeMap<(String, Target), TargetReport> = previous
        .titles
        .into_iter()
        .flat_map(|t| {
            let id = t.id;
            t.targets
                .into_iter()
                .map(move |r| ((id.clone(), r.target.clone()), r))
        })
        .collect();

    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<TitleReport>>> = Mutex::new(vec![None; manifest.book.len()]);
    let threads = options.threads.clamp(1, manifest.book.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let worker = || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(book) = manifest.book.get(i) else {
                    break;
                };
                let title = build_title(catalog, book, options, &previous);
                progress(&title);
                if let Ok(mut results) = results.lock() {
                    if let Some(slot) = results.get_mut(i) {
                        *slot = Some(title);
                    }
                }
            };
            // Workers get the large stack the PDF parser needs, so their loads run in place.
            if pdf::spawn_large(scope, worker).is_err() {
                scope.spawn(worker);
            }
        }
    });
    let titles = results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .flatten()
        .collect();
    let report = Report {
        podcover: env!("CARGO_PKG_VERSION").to_string(),
        titles,
    };
    write_atomic_with(&report_path, true, |w| {
        serde_json::to_writer_pretty(w, &report).map_err(std::io::Error::other)
    })
    .map_err(|e| io("cannot write", &report_path, e))?;
    Ok(report)
}

/// The inputs of a title, read once for all its targets.
struct Inputs {
    trim: TrimSize,
    pages: u32,
    art: Art,
    barcode: Option<(Isbn, Price)>,
    digest: md5::Md5,
}

enum Art {
    Parts(Box<CoverArt>),
    Whole(Box<Artwork>, MadeFor),
}

fn read(base: &Path, path: &Path, digest: &mut md5::Md5) -> std::result::Result<Vec<u8>, String> {
    use md5::Digest;
    let full = base.join(path);
    let bytes = std::fs::read(&full).map_err(|e| format!("cannot read {}: {e}", full.display()))?;
    digest.update(path.to_string_lossy().as_bytes());
    digest.update(md5::Md5::digest(&bytes));
    Ok(bytes)
}

fn artwork(
    base: &Path,
    path: &Path,
    digest: &mut md5::Md5,
) -> std::result::Result<Artwork, String> {
    let bytes = read(base, path, digest)?;
    Artwork::from_pdf(&path.display().to_string(), &bytes).map_err(|e| e.to_string())
}

fn inputs(book: &Book, base: &Path) -> std::result::Result<Inputs, String> {
    use md5::Digest;
    let mut digest = md5::Md5::new();
    digest.update(env!("CARGO_PKG_VERSION").as_bytes());
    let declared = book
        .trim
        .as_deref()
        .map(str::parse::<TrimSize>)
        .transpose()
        .map_err(|e| e.to_string())?;
    let (trim, pages) = match (&book.interior, book.pages, declared) {
        (Some(path), _, declared) => {
            let bytes = read(base, path, &mut digest)?;
            let interior = Interior::from_pdf(&path.display().to_string(), &bytes)
                .map_err(|e| e.to_string())?;
            let trim = match declared {
                Some(t) => interior.check_trim(&t).map_err(|e| e.to_string())?,
                None => interior.trim,
            };
            (trim, interior.pages)
        }
        (None, Some(pages), Some(trim)) => (trim, pages),
        _ => return Err("give pages and trim, or interior".into()),
    };
    let barcode = match &book.isbn {
        Some(isbn) => {
            let isbn: Isbn = isbn.parse().map_err(|e: BarcodeError| e.to_string())?;
            let price: Price = match &book.price {
                Some(p) => p.parse().map_err(|e: BarcodeError| e.to_string())?,
                None => Price::default(),
            };
            digest.update(format!("isbn={isbn} price={price}"));
            Some((isbn, price))
        }
        None => None,
    };
    let art = match (&book.cover, &book.made_for, &book.front, &book.back) {
        (Some(cover), Some(made_for), _, _) => {
            let art = artwork(base, cover, &mut digest)?;
            digest.update(format!("{made_for:?}"));
            Art::Whole(Box::new(art), made_for.clone())
        }
        (_, _, Some(front), Some(back)) => {
            let front = artwork(base, front, &mut digest)?;
            let back = artwork(base, back, &mut digest)?;
            let spine = match (&book.spine, &book.spine_text, book.spine_color) {
                (Some(path), _, _) => {
                    SpineArt::Artwork(Box::new(artwork(base, path, &mut digest)?))
                }
                (_, Some(text), _) => {
                    digest.update(format!("{text:?}"));
                    let mut label = SpineLabel::new(text.title.clone());
                    label.author = text.author.clone();
                    label.imprint = text.imprint.clone();
                    if text.bottom_to_top {
                        label.direction = Direction::Up;
                    }
                    if let Some(font) = &text.font {
                        label.font = Some(read(base, font, &mut digest)?);
                    }
                    SpineArt::Label(label)
                }
                (_, _, Some([c, m, y, k])) => {
                    digest.update(format!("{c} {m} {y} {k}"));
                    SpineArt::Color(Cmyk::new(c, m, y, k))
                }
                _ => SpineArt::Blank,
            };
            Art::Parts(Box::new(CoverArt {
                front,
                back,
                spine,
                barcode: barcode.clone(),
            }))
        }
        _ => return Err("give front and back, or cover with made_for".into()),
    };
    Ok(Inputs {
        trim,
        pages,
        art,
        barcode,
        digest,
    })
}

fn build_title(
    catalog: &Catalog,
    book: &Book,
    options: &BatchOptions,
    previous: &BTreeMap<(String, Target), TargetReport>,
) -> TitleReport {
    let inputs = inputs(book, &options.base);
    let targets = book
        .target
        .iter()
        .map(|target| {
            let before = previous.get(&(book.id.clone(), target.clone()));
            let file = format!("{}/{}", book.id, target.file_name());
            let mut report = TargetReport {
                target: target.clone(),
                file: file.clone(),
                status: Status::Failed,
                spine_width: None,
                full_width: None,
                full_height: None,
                error: None,
                warnings: Vec::new(),
                changes: Vec::new(),
                fingerprint: None,
                written: None,
            };
            let result = inputs.as_ref().map_err(Clone::clone).and_then(|inputs| {
                build_target(catalog, target, inputs, options, before, &mut report)
            });
            if let Err(e) = result {
                report.status = Status::Failed;
                report.error = Some(e);
            }
            report
        })
        .collect();
    TitleReport {
        id: book.id.clone(),
        targets,
    }
}

fn build_target(
    catalog: &Catalog,
    target: &Target,
    inputs: &Inputs,
    options: &BatchOptions,
    before: Option<&TargetReport>,
    report: &mut TargetReport,
) -> std::result::Result<(), String> {
    use md5::Digest;
    let spec = BookSpec::new(
        &target.vendor,
        &target.binding,
        &target.paper,
        inputs.trim,
        inputs.pages,
    );
    let layout = catalog.layout(&spec).map_err(|e| e.to_string())?;
    report.spine_width = Some(layout.spine_width.rounded(Unit::In, 6));
    report.full_width = Some(layout.sheet.width.rounded(Unit::In, 6));
    report.full_height = Some(layout.sheet.height.rounded(Unit::In, 6));
    let mut digest = inputs.digest.clone();
    digest.update(layout.dump(Unit::Pt));
    let fingerprint: String = digest
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    report.fingerprint = Some(fingerprint.clone());

    let path = options.out.join(&report.file);
    match before {
        None => report.changes.push("new".into()),
        Some(b) => {
            if b.spine_width != report.spine_width {
                report.changes.push(format!(
                    "spine {} in -> {} in",
                    b.spine_width.unwrap_or(0.0),
                    report.spine_width.unwrap_or(0.0)
                ));
            }
            if b.full_width != report.full_width || b.full_height != report.full_height {
                report.changes.push(format!(
                    "full size {} x {} in -> {} x {} in",
                    b.full_width.unwrap_or(0.0),
                    b.full_height.unwrap_or(0.0),
                    report.full_width.unwrap_or(0.0),
                    report.full_height.unwrap_or(0.0)
                ));
            }
            if b.fingerprint.as_deref() != Some(&fingerprint) && report.changes.is_empty() {
                report.changes.push("inputs changed".into());
            }
            if b.status == Status::Failed {
                report.changes.push("failed before".into());
            }
        }
    }
    // The file on disk, if any, and whether it is the one a previous run wrote.
    let on_disk = std::fs::read(&path).ok().map(|bytes| file_digest(&bytes));
    let written_before = before.and_then(|b| b.written.as_deref());
    let ours = on_disk.is_some() && on_disk.as_deref() == written_before;
    if on_disk.is_some() && !ours && !options.force {
        return Err(format!(
            "{} exists and is not the file podcover wrote there; use --force to replace it",
            path.display()
        ));
    }
    if !options.force
        && ours
        && before.is_some_and(|b| {
            b.status != Status::Failed && b.fingerprint.as_deref() == Some(&fingerprint)
        })
    {
        report.status = Status::Unchanged;
        report.written = on_disk;
        report.warnings = before.map(|b| b.warnings.clone()).unwrap_or_default();
        return Ok(());
    }
    let (pdf, warnings) = match &inputs.art {
        Art::Parts(art) => {
            let cover = compose(&layout, art).map_err(|e| e.to_string())?;
            (cover.pdf, cover.warnings)
        }
        Art::Whole(cover, made_for) => {
            let from = made_for_layout(catalog, made_for, inputs)?;
            let respined = respine(cover, &from, &layout, false).map_err(|e| e.to_string())?;
            let (pdf, mut warnings) = (respined.pdf, respined.report.warnings);
            if inputs.barcode.is_some() {
                warnings
                    .push("the barcode is not added to a respined cover: it keeps its own".into());
            }
            (pdf, warnings)
        }
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    write_atomic(&path, &pdf, options.force || ours).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => format!(
            "{} exists and is not the file podcover wrote there; use --force to replace it",
            path.display()
        ),
        _ => format!("cannot write {}: {e}", path.display()),
    })?;
    report.written = Some(file_digest(&pdf));
    report.status = Status::Built;
    report.warnings = warnings;
    Ok(())
}

fn file_digest(bytes: &[u8]) -> String {
    pdf::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn made_for_layout(
    catalog: &Catalog,
    made_for: &MadeFor,
    inputs: &Inputs,
) -> std::result::Result<CoverLayout, String> {
    let product = catalog
        .product(&made_for.vendor, &made_for.binding, &made_for.paper)
        .map_err(|e| format!("made_for: {e}"))?;
    match (made_for.pages, made_for.spine) {
        (Some(pages), _) => product
            .layout(&inputs.trim, pages)
            .map_err(|e| format!("made_for: {e}")),
        (None, Some(spine)) => product
            .layout_with_spine(&inputs.trim, inputs.pages, spine)
            .map_err(|e| format!("made_for: {e}")),
        (None, None) => Err("made_for needs pages or spine".into()),
    }
}
