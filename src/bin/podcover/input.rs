//! What the commands read (stock files, the book's trim and pages, artwork, colours) and how
//! they write their files.

use std::path::{Path, PathBuf};

use podcover::{
    catalog::Product,
    files::{read_input, read_input_text, refuse_input_as_output, write_atomic, Input},
    pdf::{Artwork, Interior},
    Catalog, TrimSize,
};

use crate::error::{force_advice, CliError};
use crate::reading::readings_path;
use crate::{BookArgs, Cli, ProductArgs, ReadingsUse};

/// The built-in catalog with the user's stock files applied, and their readings where the
/// command uses spine widths.
pub(crate) fn load_catalog(cli: &Cli) -> Result<Catalog, CliError> {
    let mut catalog = Catalog::builtin().clone();
    for file in &cli.stocks {
        let text = read_input_text(file, Input::Stock)?;
        catalog.add_stock(&file.display().to_string(), &text)?;
    }
    match cli.command.readings_use() {
        ReadingsUse::None => Ok(catalog),
        ReadingsUse::Apply { note_unused } => crate::reading::apply(
            catalog,
            readings_path(cli.readings.as_deref()).as_deref(),
            note_unused,
        ),
    }
}

/// The trim and page count from the flags or the interior PDF.
pub(crate) fn book_inputs(book: &BookArgs) -> Result<(Option<TrimSize>, u32), CliError> {
    let declared = book
        .trim
        .as_deref()
        .map(str::parse::<TrimSize>)
        .transpose()?;
    match (&book.interior, book.pages) {
        (Some(path), _) => {
            let interior = read_interior(path)?;
            let trim = match &declared {
                Some(t) => interior.check_trim(t)?,
                None => interior.trim,
            };
            Ok((Some(trim), interior.pages))
        }
        (None, Some(pages)) => Ok((declared, pages)),
        (None, None) => Err("give --pages or --interior".into()),
    }
}

pub(crate) fn read_interior(path: &Path) -> Result<Interior, CliError> {
    let bytes = read_input(path, Input::Interior)?;
    Interior::from_pdf(&path.display().to_string(), &bytes).map_err(CliError::from)
}

pub(crate) fn resolve<'a>(
    catalog: &'a Catalog,
    args: &ProductArgs,
) -> Result<(Product<'a>, Option<TrimSize>, u32), CliError> {
    let paper = args.paper.ok_or("--paper is required")?;
    let product = catalog.product(args.vendor, args.binding, paper)?;
    // With an interior, its trim is read with the binding's interior bleed rule.
    let (trim, pages) = match &args.book.interior {
        Some(path) => {
            let interior = read_interior(path)?;
            let declared = args
                .book
                .trim
                .as_deref()
                .map(str::parse::<TrimSize>)
                .transpose()?;
            let trim = interior.trim_for(&product, declared.as_ref())?;
            (Some(trim), interior.pages)
        }
        None => book_inputs(&args.book)?,
    };
    Ok((product, trim, pages))
}

/// Four inks from 0 to 1, written `C,M,Y,K`, given with `flag`.
pub(crate) fn parse_cmyk(flag: &str, text: &str) -> Result<podcover::draw::Cmyk, CliError> {
    text.parse().map_err(|_| {
        format!("invalid {flag} {text:?}: expected four inks from 0 to 1, C,M,Y,K").into()
    })
}

/// The colour a cover is made in, from `--color`: `auto` (the binding's rules), `cmyk` or
/// `pdfx` (CMYK for any vendor).
pub(crate) fn cover_color(
    flag: &str,
    binding: &podcover::catalog::Binding,
) -> podcover::cover::CoverColor {
    use podcover::cover::CoverColor;
    match flag {
        "cmyk" | "pdfx" => CoverColor::Cmyk(podcover::color::OutputProfile::swop_grade3()),
        _ => CoverColor::for_binding(binding),
    }
}

/// Whether the cover is written as PDF/X-1a:2001, from `--color`: as the binding's rules say
/// (`None`: IngramSpark's), or for any vendor with `pdfx`. Dated later, by the inputs.
pub(crate) fn cover_pdfx(flag: &str) -> Option<podcover::pdf::PdfX> {
    (flag == "pdfx").then(|| podcover::pdf::PdfX::new(std::time::SystemTime::UNIX_EPOCH))
}

pub(crate) fn read_artwork(path: &Path) -> Result<Artwork, CliError> {
    let bytes = read_input(path, Input::Artwork)?;
    Artwork::from_vec(&path.display().to_string(), bytes).map_err(CliError::from)
}

pub(crate) fn write_output(path: &Path, bytes: &[u8], force: bool) -> Result<(), CliError> {
    force_advice(write_atomic(path, bytes, force))
}

/// The files a command reads, each with the flag that names it: never written over.
pub(crate) type Inputs = Vec<(&'static str, PathBuf)>;

/// The files every command reads: `--stocks` and the readings file.
pub(crate) fn global_inputs(cli: &Cli) -> Inputs {
    let mut inputs: Inputs = cli.stocks.iter().map(|p| ("--stocks", p.clone())).collect();
    inputs.extend(readings_path(cli.readings.as_deref()).map(|p| ("--readings", p)));
    inputs
}

/// The book's interior PDF, if the command reads one.
pub(crate) fn book_input(book: &BookArgs) -> Option<(&'static str, PathBuf)> {
    book.interior.clone().map(|p| ("--interior", p))
}

/// Refuses an output that names one of the command's inputs, with or without `--force`.
pub(crate) fn refuse_input(output: &Path, inputs: &Inputs) -> Result<(), CliError> {
    let inputs: Vec<(&str, &Path)> = inputs.iter().map(|(f, p)| (*f, p.as_path())).collect();
    refuse_input_as_output(output, &inputs).map_err(CliError::from)
}

/// Refuses a print cover's output file unless it is named `.pdf` (or has no extension, as
/// `/dev/stdout`): a cover is a PDF, whatever the name says.
pub(crate) fn pdf_output(path: &Path) -> Result<(), CliError> {
    match path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()) {
        None => Ok(()),
        Some(e) if e == "pdf" => Ok(()),
        Some(e) => Err(format!(
            "cannot write a print cover to {}: a print cover is a PDF, not \".{e}\"; name the output .pdf",
            path.display()
        )
        .into()),
    }
}

/// Whether `path` names standard output (`/dev/stdout`, `/dev/fd/1`), where a file written
/// goes to standard output itself.
fn is_stdout(path: &Path) -> bool {
    matches!(
        path.to_str(),
        Some("/dev/stdout" | "/dev/fd/1" | "/proc/self/fd/1")
    )
}

/// A command's report of what it wrote: on standard error when the file itself went to
/// standard output, so that the two do not mix.
pub(crate) fn report_for(path: &Path, report: String) -> String {
    if is_stdout(path) {
        crate::output::note(report.trim_end());
        String::new()
    } else {
        report
    }
}
