//! The `podcover` command-line tool: a thin layer over the library.
//!
//! One module per command; `input` reads what the commands share (stock files, the book's trim
//! and pages, artwork) and writes their files, `output` formats lengths and JSON.

mod barcode;
mod batch;
mod check;
mod compare;
mod compose;
mod error;
mod input;
mod layout;
mod output;
mod reading;
mod respine;
mod spine;
mod template;
mod trims;
mod vendors;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use podcover::{
    catalog::{BindingId, PaperId, VendorId},
    Unit,
};

use crate::error::CliError;
use crate::input::{global_inputs, load_catalog};
use crate::output::{emit, note};

/// Print-on-demand book cover geometry: spine widths and full cover sizes per vendor.
#[derive(Parser)]
#[command(name = "podcover", version, about)]
struct Cli {
    /// A stock file of your own (a new vendor, or a correction that replaces a built-in vendor
    /// with the same id); may be repeated.
    #[arg(long, global = true, value_name = "FILE")]
    stocks: Vec<PathBuf>,
    /// Unit for lengths in the output.
    #[arg(long, global = true, default_value = "in", value_parser = str::parse::<Unit>)]
    unit: Unit,
    /// Print JSON instead of a table.
    #[arg(long, global = true)]
    json: bool,
    /// Your readings file (default: $PODCOVER_READINGS, else readings.toml in your
    /// configuration folder, e.g. ~/.config/podcover/).
    #[arg(long, global = true, value_name = "FILE")]
    readings: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List vendors, bindings and papers; with a vendor id, every rule and its source.
    Vendors {
        /// Show this vendor's rules in detail.
        vendor: Option<VendorId>,
    },
    /// Spine width for one vendor, binding, paper and page count.
    Spine(ProductArgs),
    /// Full cover layout: every rectangle of the cover, from the sheet's top-left corner.
    Layout(ProductArgs),
    /// One book across every vendor: spine and full size, or why it cannot be printed.
    Compare {
        /// Only this paper (e.g. cream).
        #[arg(long)]
        paper: Option<PaperId>,
        #[command(flatten)]
        book: BookArgs,
    },
    /// Cover template with guides, labels and an optional ISBN barcode (see --format for the formats).
    Template(template::TemplateArgs),
    /// The ISBN barcode (EAN-13 with its price add-on) on its own (see --format for the formats).
    Barcode(barcode::BarcodeArgs),
    /// Print-ready cover from front, back and spine artwork.
    Compose(Box<compose::ComposeArgs>),
    /// Re-fit a whole cover PDF to another vendor or page count.
    Respine(Box<respine::RespineArgs>),
    /// Build every title of a manifest for its vendors, with a report.
    Batch {
        /// The manifest (TOML); paths in it are relative to its folder.
        manifest: PathBuf,
        /// Output folder: <id>/<vendor>-<binding>-<paper>.pdf and report.json.
        #[arg(long)]
        out: PathBuf,
        /// Rebuild everything, and replace files the previous report does not list.
        #[arg(long)]
        force: bool,
        /// Worker threads (default: the number of cores).
        #[arg(long)]
        jobs: Option<usize>,
        /// Memory the titles being built may take at once, e.g. 4G or 512M (default 2G):
        /// titles wait for their share, estimated from their files and images' headers.
        #[arg(long, value_parser = batch::memory_size)]
        memory: Option<u64>,
    },
    /// Preflight a finished cover PDF for a vendor, binding, paper and page count.
    Check {
        /// The cover PDF.
        cover: PathBuf,
        #[command(flatten)]
        product: ProductArgs,
    },
    /// Spine widths you read off vendors' templates: used instead of the model at their page
    /// counts.
    #[command(subcommand)]
    Reading(reading::ReadingCommand),
    /// Trim sizes and the vendors that print them.
    Trims {
        /// Only trims that two or more vendors offer.
        #[arg(long)]
        shared: bool,
    },
}

/// Whether a command's catalog has the user's readings applied.
enum ReadingsUse {
    /// The command uses no spine widths (`vendors`, `trims`, `barcode`), or reads the file
    /// itself (`reading add`).
    None,
    /// Applied; readings the catalog has no product for are left out, with a note unless the
    /// command lists them.
    Apply { note_unused: bool },
}

impl Command {
    fn readings_use(&self) -> ReadingsUse {
        match self {
            Command::Vendors { .. }
            | Command::Trims { .. }
            | Command::Barcode(_)
            | Command::Reading(reading::ReadingCommand::Add(_)) => ReadingsUse::None,
            Command::Reading(reading::ReadingCommand::List { .. }) => {
                ReadingsUse::Apply { note_unused: false }
            }
            _ => ReadingsUse::Apply { note_unused: true },
        }
    }
}

#[derive(Args)]
struct ProductArgs {
    /// Vendor id (kdp, ingramspark, lulu, ...).
    #[arg(long)]
    vendor: VendorId,
    /// Binding id (paperback, hardcover, jacket, coil).
    #[arg(long, default_value = "paperback")]
    binding: BindingId,
    /// Paper id (white, cream, premium-color, ...).
    #[arg(long, required = true)]
    paper: Option<PaperId>,
    #[command(flatten)]
    book: BookArgs,
}

#[derive(Args)]
struct BookArgs {
    /// Trim size, e.g. 6x9, 5.5x8.5in, 152x229mm (read from --interior if omitted).
    #[arg(long)]
    trim: Option<String>,
    /// Printed page count.
    #[arg(
        long,
        conflicts_with = "interior",
        required_unless_present = "interior"
    )]
    pages: Option<u32>,
    /// Interior PDF: its page count replaces --pages, its page size --trim.
    #[arg(long, value_name = "PDF")]
    interior: Option<PathBuf>,
}

fn main() -> ExitCode {
    // A panic inside a third-party reader of a user's file is caught and reported as a sentence
    // naming the file; Rust's panic message would only alarm. Any other panic is a bug in
    // podcover and is printed as usual.
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !podcover::pdf::in_untrusted_reader() {
            default(info);
        }
    }));
    // `compose --product` (a digital edition) needs no paper, page count or back cover.
    let command = compose::allow_digital(Cli::command());
    let cli = match Cli::from_arg_matches(&command.get_matches()) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    if let Command::Check { cover, product } = &cli.command {
        return check::run(&cli, cover, product);
    }
    match run(&cli).and_then(|text| emit(&text)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError::Quiet) => ExitCode::FAILURE,
        Err(e) => {
            note(&format!("podcover: {e}"));
            ExitCode::FAILURE
        }
    }
}

fn run(cli: &Cli) -> Result<String, CliError> {
    let catalog = load_catalog(cli)?;
    let unit = cli.unit;
    match &cli.command {
        Command::Vendors { vendor } => vendors::run(&catalog, *vendor, cli.json),
        Command::Spine(args) => spine::run(&catalog, args, unit, cli.json),
        Command::Layout(args) => layout::run(&catalog, args, unit, cli.json),
        Command::Compare { paper, book } => compare::run(&catalog, *paper, book, unit, cli.json),
        Command::Check { .. } => Err("check runs on its own".into()),
        Command::Template(args) => template::run(&catalog, args, global_inputs(cli)),
        Command::Barcode(args) => barcode::run(args, &global_inputs(cli)),
        Command::Compose(args) => compose::run(&catalog, args, global_inputs(cli)),
        Command::Respine(args) => respine::run(&catalog, args, global_inputs(cli)),
        Command::Batch {
            manifest,
            out,
            force,
            jobs,
            memory,
        } => batch::run(&catalog, manifest, out, *force, *jobs, *memory),
        Command::Reading(command) => {
            let path = reading::readings_path(cli.readings.as_deref());
            reading::run(&catalog, command, path.as_deref(), unit, cli.json)
        }
        Command::Trims { shared } => trims::run(&catalog, *shared, unit, cli.json),
    }
}
