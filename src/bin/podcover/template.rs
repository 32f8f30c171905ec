//! `podcover template`: cover templates (in each format of `TemplateFormat::ALL`) with guides,
//! labels and a barcode.

use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::Args;
use podcover::barcode::{Isbn, Price};
use podcover::{
    catalog::{BindingId, PaperId, VendorId},
    draw::{Template, TemplateFormat, TemplateOptions},
    files::write_atomic,
    Catalog,
};

use crate::error::{force_advice, CliError};
use crate::input::{book_input, book_inputs, refuse_input, report_for, Inputs};
use crate::output::emit;
use crate::BookArgs;

#[derive(Args)]
pub(crate) struct TemplateArgs {
    /// Vendor id; or use --vendors for several.
    #[arg(long, conflicts_with = "vendors", required_unless_present = "vendors")]
    vendor: Option<VendorId>,
    /// Several vendors at once, comma-separated (one file each, in --out-dir).
    #[arg(long, value_delimiter = ',', requires = "out_dir")]
    vendors: Vec<VendorId>,
    /// Binding id (paperback, hardcover, jacket, coil).
    #[arg(long, default_value = "paperback")]
    binding: BindingId,
    /// Paper id (white, cream, premium-color, ...).
    #[arg(long)]
    paper: PaperId,
    #[command(flatten)]
    book: BookArgs,
    /// ISBN-13 or ISBN-10 (hyphens allowed) for the barcode.
    #[arg(long)]
    isbn: Option<String>,
    /// EAN-5 price add-on: 51699 is USD 16.99, 90000 no price.
    #[arg(long, default_value = "90000")]
    price: String,
    /// Keep only the reserved barcode box (for vendors that print their own).
    #[arg(long)]
    no_barcode: bool,
    /// Output file (with --vendor); its extension sets the format (see --format).
    #[arg(
        short = 'o',
        long,
        conflicts_with = "out_dir",
        required_unless_present = "out_dir"
    )]
    output: Option<PathBuf>,
    /// Output folder: one file per vendor, named vendor-binding-paper-trim-pages.
    #[arg(long)]
    out_dir: Option<PathBuf>,
    /// The file format (default: from the output file's extension, else pdf).
    #[arg(long, value_parser = format_parser())]
    format: Option<TemplateFormat>,
    /// Resolution of a PNG template, in pixels per inch (72 to 1200; with a barcode, at least
    /// the resolution at which it scans: 150 at full size, more in a smaller box).
    #[arg(long, default_value_t = 300)]
    ppi: u32,
    /// Replace existing files.
    #[arg(long)]
    force: bool,
}

/// Writes one template per vendor; reports each file, and fails if any vendor failed.
pub(crate) fn run(
    catalog: &Catalog,
    args: &TemplateArgs,
    inputs: Inputs,
) -> Result<String, CliError> {
    let mut inputs = inputs;
    inputs.extend(book_input(&args.book));
    let (trim, pages) = book_inputs(&args.book)?;
    let trim = trim.ok_or("--trim is required (or --interior to read it)")?;
    let mut options = TemplateOptions::new().barcode(!args.no_barcode);
    if let Some(isbn) = &args.isbn {
        options = options.isbn(isbn.parse::<Isbn>()?);
    }
    options = options.price(args.price.parse::<Price>()?);
    let format = match (args.format, &args.output) {
        (Some(f), _) => f,
        (None, Some(path)) => format_of(path)?,
        (None, None) => TemplateFormat::Pdf,
    };
    let vendors: Vec<VendorId> = match args.vendor {
        Some(v) => vec![v],
        None => distinct_vendors(catalog, &args.vendors),
    };
    if vendors.len() > 1 && args.output.is_some() {
        return Err("--vendors writes one file per vendor: give --out-dir DIR, not -o FILE".into());
    }
    // Every template is made, and every destination checked, before any file is written: a
    // run that cannot finish writes nothing.
    let mut made = Vec::new();
    let mut failed = Vec::new();
    for vendor in vendors {
        let path = match (&args.output, &args.out_dir) {
            (Some(path), _) => path.clone(),
            (None, Some(dir)) => dir.join(format!(
                "{vendor}-{}-{}-{}-{pages}p.{}",
                args.binding,
                args.paper,
                trim,
                format.extension()
            )),
            (None, None) => return Err("give -o FILE or --out-dir DIR".into()),
        };
        refuse_input(&path, &inputs)?;
        let bytes = catalog
            .product(vendor, args.binding, args.paper)
            .and_then(|p| p.layout(&trim, pages))
            .inspect(crate::output::warn_layout)
            .and_then(|layout| Template::new(&layout, &options))
            .and_then(|t| t.write(format, args.ppi));
        match bytes {
            Ok(bytes) => made.push((path, bytes)),
            Err(e) => failed.push(format!("{vendor}: {e}")),
        }
    }
    if !args.force {
        let existing: Vec<String> = made
            .iter()
            .filter(|(path, _)| std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file()))
            .map(|(path, _)| path.display().to_string())
            .collect();
        if !existing.is_empty() {
            return Err(format!(
                "{} exist(s); use --force to replace; nothing was written",
                existing.join(", ")
            )
            .into());
        }
    }
    let mut report = String::new();
    for (path, bytes) in made {
        let written = (|| {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)
                    .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            }
            force_advice(write_atomic(&path, &bytes, args.force))
        })();
        match written {
            Ok(()) => report.push_str(&format!(
                "wrote {} ({} bytes)\n",
                path.display(),
                bytes.len()
            )),
            Err(e) => failed.push(e.to_string()),
        }
    }
    let report = match &args.output {
        Some(path) => report_for(path, report),
        None => report,
    };
    if failed.is_empty() {
        Ok(report)
    } else {
        emit(&report)?;
        Err(failed.join("\npodcover: ").into())
    }
}

/// The vendors named, each once: a vendor named again, by its id or by another of its names
/// (`lsi` for `ingramspark`), gets one template, under the name first given, with a note.
fn distinct_vendors(catalog: &Catalog, names: &[VendorId]) -> Vec<VendorId> {
    let id = |v: VendorId| catalog.vendor(v).map_or(v, |vendor| vendor.id);
    let mut groups: Vec<(VendorId, Vec<VendorId>)> = Vec::new();
    for &name in names {
        match groups.iter_mut().find(|(vendor, _)| *vendor == id(name)) {
            Some((_, named)) => named.push(name),
            None => groups.push((id(name), vec![name])),
        }
    }
    for (vendor, named) in &groups {
        if named.len() > 1 {
            let named: Vec<&str> = named.iter().map(VendorId::as_str).collect();
            crate::output::note(&format!(
                "podcover: note: --vendors names {vendor} more than once ({}): one template is \
                 made for it",
                named.join(", ")
            ));
        }
    }
    groups.into_iter().map(|(_, named)| named[0]).collect()
}

/// `--format`: the names of [`TemplateFormat::ALL`], which the help lists.
pub(crate) fn format_parser() -> impl TypedValueParser<Value = TemplateFormat> {
    PossibleValuesParser::new(TemplateFormat::ALL.iter().map(|f| f.name()))
        .try_map(|name| name.parse::<TemplateFormat>())
}

/// The format an output file's extension names (none: PDF).
pub(crate) fn format_of(path: &std::path::Path) -> Result<TemplateFormat, CliError> {
    let Some(extension) = path.extension() else {
        return Ok(TemplateFormat::Pdf);
    };
    TemplateFormat::from_path(path).ok_or_else(|| {
        format!(
            "cannot tell the format of {} from \".{}\": name it {}, or give --format",
            path.display(),
            extension.to_string_lossy().to_ascii_lowercase(),
            TemplateFormat::extensions_text()
        )
        .into()
    })
}
