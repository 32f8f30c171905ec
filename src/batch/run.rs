//! Running a batch: every title's targets built in parallel, with the report written last.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use crate::barcode::{Isbn, Price};
use crate::batch::digital;
use crate::batch::input::Input;
use crate::batch::journal::{lock_folder, previous_report, Journal, Records, JOURNAL};
use crate::batch::manifest::{Book, MadeFor, Manifest, Target};
use crate::batch::memory::{title_needs, Budget};
use crate::batch::options::BatchOptions;
use crate::batch::report::{CheckReport, Report, Status, TargetReport, TitleReport};
use crate::batch::target::{commit, hex, previous_file, stage_cover, Out};
use crate::batch::title::{incomplete, read, read_digested, target_layout, Art, Inputs};
use crate::batch::write::{
    refuse_input_as_output, remove_stale_temporaries, write_atomic_with, Staged,
};
use crate::catalog::{Catalog, Product, VendorId};
use crate::cover::{
    compose_with, respine_with, ComposeOptions, CoverArt, Extend, RespineOptions, SpineArt,
    SpineLabel,
};
use crate::draw::{Cmyk, Direction};
use crate::error::{Error, Result};
use crate::layout::CoverLayout;
use crate::pdf::{self, Artwork, Interior};
use crate::preflight::{ImageMeasures, Verdict};
use crate::units::{Length, TrimSize, Unit};

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
    std::fs::create_dir_all(&options.out)
        .map_err(|e| Error::io("cannot create the folder", &options.out, e))?;
    // One batch at a time in a folder; the lock goes with the process, however it ends.
    let _lock = lock_folder(&options.out)?;
    let report_path = options.out.join("report.json");
    let journal_path = options.out.join(JOURNAL);
    remove_stale_temporaries(&report_path);
    let previous = previous_report(&report_path, options.force)?;
    let mut records: Records = BTreeMap::new();
    // Oldest first: what the report kept from before it, then its titles.
    for title in previous.kept.into_iter().chain(previous.titles) {
        for r in title.targets {
            records
                .entry((title.id.clone(), r.target))
                .or_default()
                .push(r);
        }
    }
    // Covers a run wrote before it was stopped, recorded as they were written.
    let (open_journal, entries) = Journal::open(&journal_path)?;
    for entry in entries {
        records
            .entry((entry.id, entry.report.target))
            .or_default()
            .push(entry.report);
    }
    let previous = records;

    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<TitleReport>>> = Mutex::new(vec![None; manifest.book.len()]);
    let threads = options.threads.clamp(1, manifest.book.len().max(1));
    let budget = Budget::new(options.memory);
    let shared = SharedArt::new(&budget);
    // Images each cover's check measures for ink, kept within the share of the budget that
    // shared art may take.
    let measures = ImageMeasures::new(|bytes| budget.reserve(bytes));
    // A title is done when its covers are in place: then it is reported.
    let done = |i: usize, title: TitleReport| {
        // A progress callback that fails (stderr closed or full) must not lose the run.
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| progress(&title)));
        if let Ok(mut results) = results.lock()
            && let Some(slot) = results.get_mut(i)
        {
            *slot = Some(title);
        }
    };
    let (journal, done) = (&open_journal, &done);
    let put_in_place = move |titles: Vec<(usize, Built)>| {
        for (i, title) in put_in_place(&options.out, journal, titles) {
            done(i, title);
        }
    };
    let put_in_place = &put_in_place;
    // Titles built, their covers waiting to be put in place.
    let (built, waiting) = std::sync::mpsc::sync_channel::<(usize, Built)>(WAITING_TITLES);
    std::thread::scope(|scope| {
        // One thread makes the covers durable and puts them in place, those of many titles
        // at a time, while the workers build the next.
        scope.spawn(move || {
            while let Ok(first) = waiting.recv() {
                let mut titles = vec![first];
                titles.extend(waiting.try_iter().take(WAITING_TITLES));
                put_in_place(titles);
            }
        });
        let (next, previous, shared, measures) = (&next, &previous, &shared, &measures);
        let budget = &budget;
        let worker = |built: std::sync::mpsc::SyncSender<(usize, Built)>| {
            move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(book) = manifest.book.get(i) else {
                    break;
                };
                let share = budget.take(title_needs(&book_files(book, &options.base)));
                let title = build_title(catalog, book, options, previous, shared, measures);
                drop(share);
                if let Err(std::sync::mpsc::SendError(title)) = built.send((i, title)) {
                    // The thread that puts covers in place is gone: this one does.
                    put_in_place(vec![title]);
                }
            }
        };
        for _ in 0..threads {
            // Workers get the large stack the PDF parser needs, so their loads run in place.
            if pdf::spawn_large(scope, worker(built.clone())).is_err() {
                scope.spawn(worker(built.clone()));
            }
        }
        drop(built);
    });
    let titles: Vec<TitleReport> = results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .flatten()
        .collect();
    let report = Report {
        podcover: env!("CARGO_PKG_VERSION").to_string(),
        kept: kept(&options.out, &titles, previous),
        titles,
    };
    write_atomic_with(&report_path, true, |w| {
        serde_json::to_writer_pretty(w, &report).map_err(std::io::Error::other)
    })?;
    // Everything the journal held is in the report now.
    drop(open_journal);
    let _ = std::fs::remove_file(&journal_path);
    Ok(report)
}

/// The records of covers this run's `titles` do not account for, by title: of targets not in
/// this run, and of targets that failed in it (whose file, if any, is an earlier run's). Only
/// records of a file podcover wrote that is still there are kept, each file once.
fn kept(out: &Path, titles: &[TitleReport], records: Records) -> Vec<TitleReport> {
    let mut kept: Vec<TitleReport> = Vec::new();
    for ((id, target), records) in records {
        let this_run = titles
            .iter()
            .find(|t| t.id == id)
            .and_then(|t| t.targets.iter().find(|r| r.target == target));
        // A cover built in this run, passing `check` or not, is this run's record.
        if this_run.is_some_and(|r| r.status != Status::Failed || r.check.is_some()) {
            continue;
        }
        let mut known: Vec<TargetReport> = Vec::new();
        for r in records {
            let there = std::fs::symlink_metadata(out.join(&r.file)).is_ok();
            let seen = known
                .iter()
                .any(|k| (&k.written, k.written_size) == (&r.written, r.written_size));
            if r.written.is_some() && there && !seen {
                known.push(r);
            }
        }
        if known.is_empty() {
            continue;
        }
        match kept.last_mut() {
            Some(title) if title.id == id => title.targets.extend(known),
            _ => kept.push(TitleReport { id, targets: known }),
        }
    }
    kept
}

/// Artwork shared by every title and target of a run that uses it: each file's content read
/// and decoded once, its images converted and compressed once for each colour pipeline (and
/// the background it flattens onto) they are drawn in, and shared from then on. What it holds
/// is reserved from the memory budget for the rest of the run, up to a quarter of it; art
/// beyond that is read by each title that uses it.
struct SharedArt<'b> {
    budget: &'b Budget,
    art: Mutex<HashMap<[u8; 16], Artwork>>,
}

/// Copies of an image's decoded size the shared art holds: its pixels, and its streams made
/// for up to two colour pipelines.
const SHARED_IMAGE_COPIES: u64 = 3;

impl<'b> SharedArt<'b> {
    fn new(budget: &'b Budget) -> SharedArt<'b> {
        SharedArt {
            budget,
            art: Mutex::new(HashMap::new()),
        }
    }

    /// The artwork of `bytes` (whose digest is `key`), named `name`.
    fn get(&self, name: &str, bytes: Vec<u8>, key: [u8; 16]) -> Result<Artwork> {
        let lock = || self.art.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(art) = lock().get(&key) {
            return Ok(art.named(name));
        }
        let held = pdf::decoded_bytes(&bytes)
            .saturating_mul(SHARED_IMAGE_COPIES)
            .saturating_add(bytes.len() as u64);
        let art = Artwork::from_vec(name, bytes)?;
        let mut all = lock();
        if let Some(first) = all.get(&key) {
            return Ok(first.named(name));
        }
        if self.budget.reserve(held) {
            all.insert(key, art.clone());
        }
        Ok(art)
    }
}

fn artwork(
    base: &Path,
    path: &Path,
    digest: &mut md5::Md5,
    shared: &SharedArt<'_>,
) -> Result<Artwork> {
    let (bytes, key) = read_digested(base, path, Input::Artwork, digest)?;
    shared.get(&path.display().to_string(), bytes, key)
}

fn inputs(catalog: &Catalog, book: &Book, base: &Path, shared: &SharedArt<'_>) -> Result<Inputs> {
    use md5::Digest;
    let mut digest = md5::Md5::new();
    digest.update(env!("CARGO_PKG_VERSION").as_bytes());
    let (trim, pages, trim_note) = trim_and_pages(catalog, book, base, &mut digest)?;
    let barcode = book.isbn.as_ref().map(|isbn| {
        let isbn = isbn.clone();
        let price = book.price.unwrap_or_default();
        digest.update(format!("isbn={isbn} price={price}"));
        (isbn, price)
    });
    let art = match (&book.cover, &book.made_for, &book.front) {
        (Some(cover), Some(made_for), _) => {
            let art = artwork(base, cover, &mut digest, shared)?;
            digest.update(format!("{made_for:?}"));
            Art::Whole(Box::new(art), *made_for)
        }
        (_, _, Some(front)) => Art::Parts(Box::new(cover_art(
            book,
            base,
            front,
            barcode.clone(),
            &mut digest,
            shared,
        )?)),
        _ => {
            return Err(incomplete(
                "give front and back (or back_color), or cover with made_for",
            ))
        }
    };
    let extend = match book.extend {
        Some(extend) => {
            digest.update(format!("extend {extend}"));
            extend
        }
        None => Extend::default(),
    };
    if book.strict_color {
        digest.update("strict colour");
    }
    let font = book.spine_text.as_ref().and_then(|t| t.font.as_ref());
    let files: Vec<PathBuf> = [
        &book.interior,
        &book.front,
        &book.back,
        &book.back_flap,
        &book.front_flap,
        &book.spine,
        &book.cover,
    ]
    .into_iter()
    .flatten()
    .chain(font)
    .map(|p| base.join(p))
    .collect();
    let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let date = crate::files::source_date(&paths)?;
    Ok(Inputs {
        date,
        trim,
        trim_note,
        pages,
        extend,
        strict_color: book.strict_color,
        art,
        barcode,
        digest,
    })
}

/// The trim and page count, and a note where the trim was read off an interior with bleed.
///
/// An interior gives the page count, and the trim for every target alike: its TrimBox, or its
/// MediaBox, which is a trim with bleed (as KDP asks for: on the outside edge, top and bottom)
/// where it less an interior bleed any stock file gives is the declared trim or, with none
/// declared, a trim one of the title's targets lists while the page is not. So an interior
/// exported with bleed makes the same book at every vendor.
fn trim_and_pages(
    catalog: &Catalog,
    book: &Book,
    base: &Path,
    digest: &mut md5::Md5,
) -> Result<(TrimSize, u32, Option<String>)> {
    let (path, declared) = match (&book.interior, book.pages, book.trim) {
        (Some(path), _, declared) => (path, declared),
        (None, Some(pages), Some(trim)) => return Ok((trim, pages, None)),
        _ => return Err(incomplete("give pages and trim, or interior")),
    };
    let bytes = read(base, path, Input::Interior, digest)?;
    let interior = Interior::from_pdf(&path.display().to_string(), &bytes)?;
    drop(bytes);
    let mut bleeds: Vec<Length> = Vec::new();
    for binding in catalog.vendors().iter().flat_map(|v| &v.bindings) {
        if let Some(bleed) = &binding.interior_bleed
            && !bleeds.iter().any(|b| b.approx_eq(bleed.value))
        {
            bleeds.push(bleed.value);
        }
    }
    let products: Vec<_> = book
        .target
        .iter()
        .filter_map(|t| match *t {
            Target::Print {
                vendor,
                binding,
                paper,
            } => catalog.product(vendor, binding, paper).ok(),
            Target::Digital { .. } => None,
        })
        .collect();
    let listed = |trim: &TrimSize| {
        products
            .iter()
            .any(|p| p.binding.trims.value.iter().any(|t| t.matches(trim)))
    };
    let (trim, bleed) = interior.trim_with(&bleeds, &listed, declared.as_ref())?;
    let note = bleed.map(|bleed| {
        format!(
            "the interior's pages are {}, with no TrimBox: read as the {} trim with {} in bleed \
             on the outside edge, top and bottom, for every vendor",
            interior.trim,
            trim,
            bleed.rounded(Unit::In, 4)
        )
    });
    Ok((trim, interior.pages, note))
}

/// A cover made of parts: the front, the back (artwork or a colour), the flaps and the spine.
fn cover_art(
    book: &Book,
    base: &Path,
    front: &Path,
    barcode: Option<(Isbn, Price)>,
    digest: &mut md5::Md5,
    shared: &SharedArt<'_>,
) -> Result<CoverArt> {
    use md5::Digest;
    let front = artwork(base, front, digest, shared)?;
    let back = match (&book.back, book.back_color) {
        (Some(back), _) => artwork(base, back, digest, shared)?,
        (None, Some(c)) => {
            digest.update(format!("back {c:?}"));
            Artwork::color("back colour", cmyk("back_color", c)?)
        }
        (None, None) => return Err(incomplete("give back or back_color")),
    };
    let flap_color = match book.flap_color {
        Some(c) => {
            digest.update(format!("flaps {c:?}"));
            Some(Artwork::color("flap colour", cmyk("flap_color", c)?))
        }
        None => None,
    };
    let mut flap = |path: &Option<PathBuf>| match path {
        Some(path) => artwork(base, path, digest, shared).map(Some),
        None => Ok(flap_color.clone()),
    };
    let back_flap = flap(&book.back_flap)?;
    let front_flap = flap(&book.front_flap)?;
    let spine = spine_art(book, base, digest, shared)?;
    Ok(CoverArt {
        front,
        back,
        spine,
        barcode,
        back_flap,
        front_flap,
    })
}

/// The spine: artwork, a label set in an embedded font (on the spine colour, if any), a colour,
/// or nothing.
fn spine_art(
    book: &Book,
    base: &Path,
    digest: &mut md5::Md5,
    shared: &SharedArt<'_>,
) -> Result<SpineArt> {
    use md5::Digest;
    let background = book
        .spine_color
        .map(|c| cmyk("spine_color", c))
        .transpose()?;
    if let Some(c) = book.spine_color {
        digest.update(format!("spine {} {} {} {}", c[0], c[1], c[2], c[3]));
    }
    Ok(match (&book.spine, &book.spine_text, background) {
        (Some(path), _, _) => SpineArt::Artwork(Box::new(artwork(base, path, digest, shared)?)),
        (_, Some(text), _) => {
            digest.update(format!("{text:?}"));
            let mut label = SpineLabel::new(text.title.clone());
            label.author = text.author.clone();
            label.imprint = text.imprint.clone();
            if text.bottom_to_top {
                label.direction = Direction::Up;
            }
            if let Some(c) = text.color {
                label.color = cmyk("spine_text color", c)?;
            }
            label.background = background;
            // Without a font, the library's own (DejaVu Sans) is embedded.
            if let Some(font) = &text.font {
                label.font = Some(read(base, font, Input::Font, digest)?);
            }
            SpineArt::Label(label)
        }
        (_, _, Some(c)) => SpineArt::Color(c),
        _ => SpineArt::Blank,
    })
}

fn build_title(
    catalog: &Catalog,
    book: &Book,
    options: &BatchOptions,
    previous: &Records,
    shared: &SharedArt<'_>,
    measures: &ImageMeasures<'_>,
) -> Built {
    let print = book
        .target
        .iter()
        .any(|t| matches!(t, Target::Print { .. }));
    let inputs = match (print, same_product(catalog, book)) {
        (false, _) => Err(incomplete("the title has no print target")),
        (true, Some(e)) => Err(e),
        (true, None) => inputs(catalog, book, &options.base, shared),
    };
    let front = book
        .target
        .iter()
        .any(|t| matches!(t, Target::Digital { .. }))
        .then(|| digital::Front::read(catalog, book, &options.base, inputs.as_ref()));
    let files = book_files(book, &options.base);
    let files: Vec<(&str, &Path)> = files.iter().map(|(f, p)| (*f, p.as_path())).collect();
    let targets: Vec<(TargetReport, Option<Staged>)> = book
        .target
        .iter()
        .map(|target| {
            let records = previous
                .get(&(book.id.clone(), *target))
                .map_or(&[][..], Vec::as_slice);
            let file = format!("{}/{}", book.id, target.file_name());
            let mut report = TargetReport::new(*target, file.clone());
            let out = Out {
                id: &book.id,
                options,
                records,
            };
            let result = refuse_input_as_output(&options.out.join(&file), &files).and_then(|()| {
                match (target, &front) {
                    (Target::Digital { .. }, Some(front)) => {
                        let front = front.as_ref().map_err(Clone::clone)?;
                        let image = book.images.get(target).copied().unwrap_or_default();
                        digital::build(catalog, target, front, &image, &out, &mut report)
                    }
                    _ => {
                        let inputs = inputs.as_ref().map_err(Clone::clone)?;
                        build_target(catalog, target, inputs, &out, measures, &mut report)
                    }
                }
            });
            match result {
                Ok(staged) => (report, staged),
                Err(e) => {
                    report.status = Status::Failed;
                    report.error = Some(e.to_string());
                    (report, None)
                }
            }
        })
        .collect();
    Built {
        id: book.id.clone(),
        targets,
    }
}

/// A title built: each target's report, with its file where one was made, not yet in place.
struct Built {
    id: String,
    targets: Vec<(TargetReport, Option<Staged>)>,
}

/// Titles built (each with its index in the manifest) and not yet put in place at most, waiting
/// for the covers before them; more wait in the workers, which stop until there is room.
const WAITING_TITLES: usize = 32;

/// Puts built titles' covers in place ([`commit`]), together: their reports, as they end.
fn put_in_place(
    out: &Path,
    journal: &Journal,
    titles: Vec<(usize, Built)>,
) -> Vec<(usize, TitleReport)> {
    let mut titles = titles;
    let covers = titles
        .iter_mut()
        .flat_map(|(_, built)| {
            let id = built.id.as_str();
            built
                .targets
                .iter_mut()
                .filter_map(move |(report, staged)| Some((id, report, staged.take()?)))
        })
        .collect();
    commit(out, journal, covers);
    titles
        .into_iter()
        .map(|(i, built)| {
            let targets = built
                .targets
                .into_iter()
                .map(|(report, _)| report)
                .collect();
            (
                i,
                TitleReport {
                    id: built.id,
                    targets,
                },
            )
        })
        .collect()
}

/// The files a title reads, each with its manifest field: none may be one of its covers.
pub(super) fn book_files(book: &Book, base: &Path) -> Vec<(&'static str, PathBuf)> {
    let font = book.spine_text.as_ref().and_then(|s| s.font.as_ref());
    [
        ("interior", book.interior.as_ref()),
        ("front", book.front.as_ref()),
        ("back", book.back.as_ref()),
        ("back_flap", book.back_flap.as_ref()),
        ("front_flap", book.front_flap.as_ref()),
        ("spine", book.spine.as_ref()),
        ("spine_text.font", font),
        ("cover", book.cover.as_ref()),
    ]
    .into_iter()
    .filter_map(|(field, path)| path.map(|p| (field, base.join(p))))
    .collect()
}

/// Two of a title's targets that are one product under two of its vendor's names (`lsi` and
/// `ingramspark`): the error that refuses the title. Vendors the catalog does not know are
/// left to fail as each target is built.
fn same_product(catalog: &Catalog, book: &Book) -> Option<Error> {
    let vendor = |v: VendorId| catalog.vendor(v).map_or(v, |v| v.id);
    // The target with its vendor's own id.
    let own = |t: &Target| match *t {
        Target::Print {
            vendor: v,
            binding,
            paper,
        } => Target::Print {
            vendor: vendor(v),
            binding,
            paper,
        },
        Target::Digital {
            vendor: v,
            product,
            format,
        } => Target::Digital {
            vendor: vendor(v),
            product,
            format,
        },
    };
    book.target.iter().enumerate().find_map(|(i, later)| {
        let first = book.target[..i].iter().find(|t| own(t) == own(later))?;
        let id = vendor(later.vendor());
        let aliases = match (first.vendor() == id, later.vendor() == id) {
            (true, _) => format!("{} is another name for {id}", later.vendor()),
            (_, true) => format!("{} is another name for {id}", first.vendor()),
            _ => format!(
                "{} and {} are other names for {id}",
                first.vendor(),
                later.vendor()
            ),
        };
        Some(incomplete(&format!(
            "[[book.target]] {first} and {later} are the same product ({aliases}); list it once",
        )))
    })
}

/// Builds a target's cover and checks it as written: the file staged beside its path, for
/// [`commit`] to put in place; `None` where the cover there is up to date.
fn build_target(
    catalog: &Catalog,
    target: &Target,
    inputs: &Inputs,
    out: &Out,
    measures: &ImageMeasures<'_>,
    report: &mut TargetReport,
) -> Result<Option<Staged>> {
    let layout = target_layout(catalog, target, inputs)?;
    report.spine_width = Some(layout.spine_width().rounded(Unit::In, 6));
    report.full_width = Some(layout.sheet.width.rounded(Unit::In, 6));
    report.full_height = Some(layout.sheet.height.rounded(Unit::In, 6));
    let fingerprint = fingerprint(inputs, &layout);
    let Some(replace) = previous_file(out, fingerprint, report)? else {
        return Ok(None);
    };
    let (pdf, mut warnings) = cover_pdf(catalog, target, inputs, &layout, report)?;
    warnings.extend(layout.reading_warning());
    report.notes.splice(0..0, inputs.trim_note.clone());
    let staged = stage_cover(out, &pdf, warnings, replace, report)?;
    drop(pdf);
    // Every cover built is checked as `podcover check` would, read back from its file: one
    // that fails is written (to be looked at and fixed) but counted as failed. The images it
    // shares with covers checked before are not decoded again.
    let written = staged.written()?;
    let checked =
        crate::preflight::check_with(catalog, &layout, &report.file, &written, Some(measures))?;
    let checked = CheckReport::of(&checked);
    if checked.status == Verdict::Fail {
        report.status = Status::Failed;
        report.error = Some(format!("the cover fails check: {}", checked.failures()));
    }
    report.check = Some(checked);
    Ok(Some(staged))
}

/// The digest of a target's inputs and geometry: when it matches the previous run's, the cover
/// need not be built again.
fn fingerprint(inputs: &Inputs, layout: &CoverLayout) -> String {
    use md5::Digest;
    let mut digest = inputs.digest.clone();
    digest.update(layout.dump(Unit::Pt));
    hex(&digest.finalize())
}

/// The cover's PDF and warnings: composed from its parts, or a whole cover respined; compose's
/// notes go into `report`.
fn cover_pdf(
    catalog: &Catalog,
    target: &Target,
    inputs: &Inputs,
    layout: &CoverLayout,
    report: &mut TargetReport,
) -> Result<(Vec<u8>, Vec<String>)> {
    match &inputs.art {
        Art::Parts(art) => {
            let options = print_product(catalog, target)
                .map(|p| ComposeOptions::for_binding(p.binding))
                .unwrap_or_default()
                .extend(inputs.extend)
                .strict_color(inputs.strict_color)
                .dated(inputs.date);
            let cover = compose_with(layout, art, &options)?;
            report.notes = cover.notes;
            Ok((cover.pdf, cover.warnings))
        }
        Art::Whole(cover, made_for) => {
            let from = made_for_layout(catalog, made_for, inputs)?;
            let options = print_product(catalog, target)
                .map(|p| RespineOptions::for_binding(p.binding))
                .unwrap_or_default()
                .strict_color(inputs.strict_color)
                // A manifest has no way to draw a new spine yet: a distorted spine is built,
                // and the warning goes into the report.
                .allow_distortion(true);
            let respined = respine_with(cover, &from, layout, options)?;
            let (pdf, mut warnings) = (respined.pdf, respined.report.warnings);
            if inputs.barcode.is_some() {
                warnings
                    .push("the barcode is not added to a respined cover: it keeps its own".into());
            }
            Ok((pdf, warnings))
        }
    }
}

/// A print target's product; `None` for a digital edition or one the catalog does not know.
fn print_product<'c>(catalog: &'c Catalog, target: &Target) -> Option<Product<'c>> {
    match *target {
        Target::Print {
            vendor,
            binding,
            paper,
        } => catalog.product(vendor, binding, paper).ok(),
        Target::Digital { .. } => None,
    }
}

fn made_for_layout(catalog: &Catalog, made_for: &MadeFor, inputs: &Inputs) -> Result<CoverLayout> {
    let made_for_error = Error::made_for;
    let product = catalog
        .product(made_for.vendor, made_for.binding, made_for.paper)
        .map_err(made_for_error)?;
    match (made_for.pages, made_for.spine) {
        (Some(pages), _) => product.layout(&inputs.trim, pages).map_err(made_for_error),
        (None, Some(spine)) => product
            .layout_with_spine(&inputs.trim, inputs.pages, spine)
            .map_err(made_for_error),
        (None, None) => Err(incomplete("made_for needs pages or spine")),
    }
}

fn cmyk(field: &str, [c, m, y, k]: [f32; 4]) -> Result<Cmyk> {
    if [c, m, y, k].iter().all(|v| (0.0..=1.0).contains(v)) {
        Ok(Cmyk::new(c, m, y, k))
    } else {
        Err(Error::book(format!(
            "invalid {field} [{c}, {m}, {y}, {k}]: expected four inks from 0 to 1"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draw::{Template, TemplateOptions};
    use crate::layout::BookSpec;

    #[test]
    fn art_is_read_once_per_run_within_a_quarter_of_the_budget() {
        use md5::Digest;
        let spec = BookSpec::parse("kdp", "paperback", "white", "6x9", 120).unwrap();
        let layout = Catalog::builtin().layout(&spec).unwrap();
        let pdf = Template::new(&layout, &TemplateOptions::new())
            .unwrap()
            .to_pdf()
            .unwrap();
        let key: [u8; 16] = md5::Md5::digest(&pdf).into();
        let budget = Budget::new(1 << 30);
        let shared = SharedArt::new(&budget);
        let a = shared.get("a/front.pdf", pdf.clone(), key).unwrap();
        let b = shared.get("b/front.pdf", pdf.clone(), key).unwrap();
        assert!(a.shares_read(&b));
        assert_eq!((a.name(), b.name()), ("a/front.pdf", "b/front.pdf"));
        // A budget whose quarter cannot hold it: each title reads its own.
        let small = Budget::new(4 * pdf.len() as u64 - 4);
        let shared = SharedArt::new(&small);
        let a = shared.get("a/front.pdf", pdf.clone(), key).unwrap();
        let len = pdf.len();
        let b = shared.get("b/front.pdf", pdf, key).unwrap();
        assert!(!a.shares_read(&b));
        assert!(len > 1000);
    }
}
