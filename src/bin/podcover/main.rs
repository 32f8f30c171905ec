//! The `podcover` command-line tool: a thin layer over the library.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use podcover::barcode::{Isbn, Price};
use podcover::{
    batch, write_atomic, Artwork, Catalog, CoverArt, CoverLayout, Interior, Length, Offer, Product,
    Rect, SpineArt, SpineLabel, Template, TemplateOptions, TrimSize, Unit,
};
use serde_json::{json, Map, Value};

/// Print-on-demand book cover geometry: spine widths and full cover sizes per vendor.
#[derive(Parser)]
#[command(name = "podcover", version, about)]
struct Cli {
    /// A stock file of your own (a new vendor, or a correction that replaces a built-in vendor
    /// with the same id); may be repeated.
    #[arg(long, global = true, value_name = "FILE")]
    stocks: Vec<PathBuf>,
    /// Unit for lengths in the output.
    #[arg(long, global = true, default_value = "in", value_parser = parse_unit)]
    unit: Unit,
    /// Print JSON instead of a table.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List vendors, bindings and papers; with a vendor id, every rule and its source.
    Vendors {
        /// Show this vendor's rules in detail.
        vendor: Option<String>,
    },
    /// Spine width for one vendor, binding, paper and page count.
    Spine(ProductArgs),
    /// Full cover layout: every rectangle of the cover.
    Layout(ProductArgs),
    /// One book across every vendor: spine and full size, or why it cannot be printed.
    Compare {
        /// Only this paper (e.g. cream).
        #[arg(long)]
        paper: Option<String>,
        #[command(flatten)]
        book: BookArgs,
    },
    /// Cover template (PDF or SVG) with guides, labels and an optional ISBN barcode.
    Template(TemplateArgs),
    /// Print-ready cover from front, back and spine artwork.
    Compose(ComposeArgs),
    /// Re-fit a whole cover PDF to another vendor or page count.
    Respine(RespineArgs),
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
    },
    /// Preflight a finished cover PDF for a vendor, binding, paper and page count.
    Check {
        /// The cover PDF.
        cover: PathBuf,
        #[command(flatten)]
        product: ProductArgs,
    },
    /// Trim sizes and the vendors that print them.
    Trims {
        /// Only trims that two or more vendors offer.
        #[arg(long)]
        shared: bool,
    },
}

#[derive(Args)]
struct ProductArgs {
    /// Vendor id (kdp, ingramspark, lulu, ...).
    #[arg(long)]
    vendor: String,
    /// Binding id (paperback, hardcover, jacket, coil).
    #[arg(long, default_value = "paperback")]
    binding: String,
    /// Paper id (white, cream, premium-color, ...).
    #[arg(long)]
    paper: String,
    #[command(flatten)]
    book: BookArgs,
}

#[derive(Args)]
struct TemplateArgs {
    /// Vendor id; or use --vendors for several.
    #[arg(long, conflicts_with = "vendors", required_unless_present = "vendors")]
    vendor: Option<String>,
    /// Several vendors at once, comma-separated (one file each, in --out-dir).
    #[arg(long, value_delimiter = ',', requires = "out_dir")]
    vendors: Vec<String>,
    /// Binding id (paperback, hardcover, jacket, coil).
    #[arg(long, default_value = "paperback")]
    binding: String,
    /// Paper id (white, cream, premium-color, ...).
    #[arg(long)]
    paper: String,
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
    /// Output file (with --vendor); .svg writes SVG.
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
    /// pdf or svg (default: from the output file's extension, else pdf).
    #[arg(long, value_parser = ["pdf", "svg"])]
    format: Option<String>,
    /// Replace existing files.
    #[arg(long)]
    force: bool,
}

#[derive(Args)]
struct ComposeArgs {
    #[command(flatten)]
    product: ProductArgs,
    /// Front cover artwork (PDF, page 1), the size of the front panel.
    #[arg(long)]
    front: PathBuf,
    /// Back cover artwork (PDF, page 1).
    #[arg(long)]
    back: PathBuf,
    /// Spine artwork (PDF, page 1), stretched to the spine width.
    #[arg(long, group = "spine_art")]
    spine: Option<PathBuf>,
    /// Spine text: the title (with --author, --imprint).
    #[arg(long, group = "spine_art")]
    spine_text: Option<String>,
    /// Author on the spine.
    #[arg(long, requires = "spine_text")]
    author: Option<String>,
    /// Imprint on the spine.
    #[arg(long, requires = "spine_text")]
    imprint: Option<String>,
    /// Spine text reads bottom to top.
    #[arg(long, requires = "spine_text")]
    bottom_to_top: bool,
    /// Spine text colour as C,M,Y,K (default 0,0,0,1).
    #[arg(long, requires = "spine_text")]
    text_color: Option<String>,
    /// TrueType or OpenType font for the spine text, embedded (default: Helvetica, not embedded).
    #[arg(long, requires = "spine_text", value_name = "TTF")]
    font: Option<PathBuf>,
    /// Spine colour as C,M,Y,K from 0 to 1, e.g. 0,0,0,1 (behind --spine-text, if given).
    #[arg(long, conflicts_with = "spine")]
    spine_color: Option<String>,
    /// ISBN for the barcode.
    #[arg(long)]
    isbn: Option<String>,
    /// EAN-5 price add-on.
    #[arg(long, default_value = "90000")]
    price: String,
    /// Output PDF.
    #[arg(short = 'o', long)]
    output: PathBuf,
    /// Replace an existing file.
    #[arg(long)]
    force: bool,
}

#[derive(Args)]
struct RespineArgs {
    /// The whole cover PDF to re-fit.
    cover: PathBuf,
    /// Vendor the cover was made for.
    #[arg(long)]
    from_vendor: String,
    /// Binding it was made for (default: --binding).
    #[arg(long)]
    from_binding: Option<String>,
    /// Paper it was made for.
    #[arg(long)]
    from_paper: String,
    /// Page count it was made for.
    #[arg(
        long,
        required_unless_present = "from_spine",
        conflicts_with = "from_spine"
    )]
    from_pages: Option<u32>,
    /// Or the spine width it was made for, e.g. 0.75in.
    #[arg(long)]
    from_spine: Option<String>,
    #[command(flatten)]
    product: ProductArgs,
    /// Scale the panels when the trim or panel size differs.
    #[arg(long)]
    allow_scaling: bool,
    /// Output PDF.
    #[arg(short = 'o', long)]
    output: PathBuf,
    /// Replace an existing file.
    #[arg(long)]
    force: bool,
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

fn parse_unit(s: &str) -> Result<Unit, String> {
    s.parse::<Unit>().map_err(|e| e.to_string())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::Check { cover, product } = &cli.command {
        return check(&cli, cover, product);
    }
    match run(&cli) {
        Ok(text) => {
            emit(&text);
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("podcover: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: &Cli) -> Result<String, String> {
    let catalog = load_catalog(&cli.stocks)?;
    let unit = cli.unit;
    match &cli.command {
        Command::Vendors { vendor } => vendors(&catalog, vendor.as_deref(), cli.json),
        Command::Spine(args) => {
            let (product, trim, pages) = resolve(&catalog, args)?;
            let spine = match &trim {
                Some(t) => product.layout(t, pages).map(|l| l.spine_width),
                None => product
                    .check_pages(None, pages)
                    .and_then(|_| product.spine_width(pages)),
            }
            .map_err(|e| e.to_string())?;
            let rule = &product.paper.spine;
            if cli.json {
                let mut out = Map::new();
                out.insert("vendor".into(), json!(product.vendor.id));
                out.insert("binding".into(), json!(product.binding.id));
                out.insert("paper".into(), json!(product.paper.id));
                out.insert("pages".into(), json!(pages));
                out.insert("unit".into(), json!(unit));
                out.insert("spine_width".into(), num(spine, unit));
                out.insert("confidence".into(), json!(rule.confidence));
                out.insert("source".into(), json!(rule.source));
                out.insert("note".into(), json!(rule.note));
                Ok(pretty(&Value::Object(out)))
            } else {
                Ok(format!(
                    "{} {pages} pages: spine {}\n  rule: {} ({})\n  source: {}\n{}",
                    product.name(),
                    both(spine, unit),
                    rule.confidence,
                    describe_confidence(rule.confidence),
                    rule.source,
                    rule.note
                        .as_deref()
                        .map(|n| format!("  note: {n}\n"))
                        .unwrap_or_default(),
                ))
            }
        }
        Command::Layout(args) => {
            let (product, trim, pages) = resolve(&catalog, args)?;
            let trim = trim.ok_or("--trim is required (or --interior to read it)")?;
            let layout = product.layout(&trim, pages).map_err(|e| e.to_string())?;
            if cli.json {
                Ok(pretty(&layout_json(&layout, &product, unit)))
            } else {
                Ok(layout_text(&layout, &product, unit))
            }
        }
        Command::Compare { paper, book } => {
            let (trim, pages) = book_inputs(book)?;
            let trim = trim.ok_or("--trim is required (or --interior to read it)")?;
            let offers = catalog.compare(&trim, pages, paper.as_deref());
            if cli.json {
                Ok(pretty(&compare_json(&offers, &trim, pages, unit)))
            } else {
                Ok(compare_text(&offers, &trim, pages, unit))
            }
        }
        Command::Check { .. } => Err("check runs on its own".into()),
        Command::Template(args) => template(&catalog, args),
        Command::Compose(args) => compose_cover(&catalog, args),
        Command::Respine(args) => respine_cover(&catalog, args),
        Command::Batch {
            manifest,
            out,
            force,
            jobs,
        } => batch(&catalog, manifest, out, *force, *jobs),
        Command::Trims { shared } => {
            let trims: Vec<_> = catalog
                .trims()
                .into_iter()
                .filter(|t| !shared || t.vendors().len() > 1)
                .collect();
            if cli.json {
                return Ok(pretty(&json!(trims
                    .iter()
                    .map(|t| json!({
                        "trim": t.trim.to_string(),
                        "width": num(t.trim.width, unit),
                        "height": num(t.trim.height, unit),
                        "unit": unit,
                        "vendors": t.vendors(),
                        "offered_by": t.offered_by.iter().map(|(v, b)| json!({"vendor": v, "binding": b})).collect::<Vec<_>>(),
                    }))
                    .collect::<Vec<_>>())));
            }
            let mut out = format!("{:<24} {:<8} offered by\n", "trim", "vendors");
            for t in &trims {
                let by: Vec<String> = t
                    .offered_by
                    .iter()
                    .map(|(v, b)| format!("{v} {b}"))
                    .collect();
                out.push_str(&format!(
                    "{:<24} {:<8} {}\n",
                    trim_text(&t.trim, unit),
                    t.vendors().len(),
                    by.join(", ")
                ));
            }
            Ok(out)
        }
    }
}

/// Writes one template per vendor; reports each file, and fails if any vendor failed.
fn template(catalog: &Catalog, args: &TemplateArgs) -> Result<String, String> {
    let (trim, pages) = book_inputs(&args.book)?;
    let trim = trim.ok_or("--trim is required (or --interior to read it)")?;
    let mut options = TemplateOptions::new().barcode(!args.no_barcode);
    if let Some(isbn) = &args.isbn {
        options = options.isbn(isbn.parse::<Isbn>().map_err(|e| e.to_string())?);
    }
    options = options.price(args.price.parse::<Price>().map_err(|e| e.to_string())?);
    let format = match (&args.format, &args.output) {
        (Some(f), _) => f.clone(),
        (None, Some(path))
            if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("svg")) =>
        {
            "svg".into()
        }
        _ => "pdf".into(),
    };
    let vendors: Vec<&str> = match &args.vendor {
        Some(v) => vec![v.as_str()],
        None => args.vendors.iter().map(String::as_str).collect(),
    };
    let mut report = String::new();
    let mut failed = Vec::new();
    for vendor in vendors {
        let path = match (&args.output, &args.out_dir) {
            (Some(path), _) => path.clone(),
            (None, Some(dir)) => dir.join(format!(
                "{vendor}-{}-{}-{}-{pages}p.{format}",
                args.binding, args.paper, trim
            )),
            (None, None) => return Err("give -o FILE or --out-dir DIR".into()),
        };
        let written = catalog
            .product(vendor, &args.binding, &args.paper)
            .and_then(|p| p.layout(&trim, pages))
            .and_then(|layout| Template::new(&layout, &options))
            .and_then(|t| match format.as_str() {
                "svg" => Ok(t.to_svg().into_bytes()),
                _ => t.to_pdf(),
            })
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir)
                        .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
                }
                write_atomic(&path, &bytes, args.force).map_err(|e| match e.kind() {
                    std::io::ErrorKind::AlreadyExists => e.to_string(),
                    _ => format!("cannot write {}: {e}", path.display()),
                })?;
                Ok(bytes.len())
            });
        match written {
            Ok(size) => report.push_str(&format!("wrote {} ({size} bytes)\n", path.display())),
            Err(e) => failed.push(format!("{vendor}: {e}")),
        }
    }
    if failed.is_empty() {
        Ok(report)
    } else {
        emit(&report);
        Err(failed.join("\npodcover: "))
    }
}

/// `podcover check`: exit 0 pass (warnings allowed), 1 fail, 2 usage or unreadable file.
fn check(cli: &Cli, cover: &Path, args: &ProductArgs) -> ExitCode {
    let result = (|| {
        let catalog = load_catalog(&cli.stocks)?;
        let (product, trim, pages) = resolve(&catalog, args)?;
        let trim = trim.ok_or("--trim is required (or --interior to read it)")?;
        let layout = product.layout(&trim, pages).map_err(|e| e.to_string())?;
        let bytes =
            std::fs::read(cover).map_err(|e| format!("cannot read {}: {e}", cover.display()))?;
        let report = podcover::preflight(&catalog, &layout, &cover.display().to_string(), &bytes)
            .map_err(|e| e.to_string())?;
        Ok::<_, String>((layout, report))
    })();
    let (layout, report) = match result {
        Ok(r) => r,
        Err(message) => {
            eprintln!("podcover: {message}");
            return ExitCode::from(2);
        }
    };
    if cli.json {
        emit(&pretty(&json!({
            "file": cover.display().to_string(),
            "vendor": layout.spec.vendor,
            "binding": layout.spec.binding,
            "paper": layout.spec.paper,
            "pages": layout.spec.pages,
            "status": report.status,
            "implied_spine": report.implied_spine.map(|s| num(s, cli.unit)),
            "unit": cli.unit,
            "findings": report.findings,
        })));
    } else {
        let mut text = format!(
            "{}: {} for {} {} {} {} {} pages\n",
            cover.display(),
            report.status,
            layout.spec.vendor,
            layout.spec.binding,
            layout.spec.paper,
            layout.spec.trim,
            layout.spec.pages
        );
        for f in &report.findings {
            text.push_str(&format!(
                "  {:<4} {:<10} {}\n",
                f.status, f.check, f.message
            ));
            if let (Some(m), Some(e)) = (&f.measured, &f.expected) {
                text.push_str(&format!(
                    "  {:<4} {:<10} measured {m}, expected {e}\n",
                    "", ""
                ));
            }
        }
        emit(&text);
    }
    match report.status {
        podcover::Verdict::Fail => ExitCode::FAILURE,
        _ => ExitCode::SUCCESS,
    }
}

/// Four inks from 0 to 1, written `C,M,Y,K`.
fn parse_cmyk(flag: &str, text: &str) -> Result<podcover::Cmyk, String> {
    let inks: Vec<f32> = text
        .split(',')
        .map(|v| v.trim().parse::<f32>())
        .collect::<Result<_, _>>()
        .map_err(|_| format!("invalid {flag} {text:?}: expected C,M,Y,K, e.g. 0,0,0,1"))?;
    match inks.as_slice() {
        [c, m, y, k] if inks.iter().all(|v| (0.0..=1.0).contains(v)) => {
            Ok(podcover::Cmyk::new(*c, *m, *y, *k))
        }
        _ => Err(format!(
            "invalid {flag} {text:?}: expected four inks from 0 to 1, C,M,Y,K"
        )),
    }
}

/// Writes to standard output; a closed pipe (`podcover ... | head`) is not worth a panic.
fn emit(text: &str) {
    let _ = std::io::Write::write_all(&mut std::io::stdout(), text.as_bytes());
}

fn read_artwork(path: &Path) -> Result<Artwork, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Artwork::from_pdf(&path.display().to_string(), &bytes).map_err(|e| e.to_string())
}

fn write_output(path: &Path, bytes: &[u8], force: bool) -> Result<(), String> {
    write_atomic(path, bytes, force).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => e.to_string(),
        _ => format!("cannot write {}: {e}", path.display()),
    })
}

fn compose_cover(catalog: &Catalog, args: &ComposeArgs) -> Result<String, String> {
    let (product, trim, pages) = resolve(catalog, &args.product)?;
    let trim = trim.ok_or("--trim is required (or --interior to read it)")?;
    let layout = product.layout(&trim, pages).map_err(|e| e.to_string())?;
    let color = args
        .spine_color
        .as_deref()
        .map(|t| parse_cmyk("--spine-color", t))
        .transpose()?;
    let spine = match (&args.spine, &args.spine_text, color) {
        (Some(path), _, _) => SpineArt::Artwork(Box::new(read_artwork(path)?)),
        (_, Some(title), background) => {
            let mut label = SpineLabel::new(title.clone());
            label.author = args.author.clone();
            label.imprint = args.imprint.clone();
            label.background = background;
            if let Some(text) = &args.text_color {
                label.color = parse_cmyk("--text-color", text)?;
            }
            if args.bottom_to_top {
                label.direction = podcover::Direction::Up;
            }
            if let Some(path) = &args.font {
                label.font = Some(
                    std::fs::read(path)
                        .map_err(|e| format!("cannot read {}: {e}", path.display()))?,
                );
            }
            SpineArt::Label(label)
        }
        (_, _, Some(color)) => SpineArt::Color(color),
        _ => SpineArt::Blank,
    };
    let barcode = match &args.isbn {
        Some(isbn) => Some((
            isbn.parse::<Isbn>().map_err(|e| e.to_string())?,
            args.price.parse::<Price>().map_err(|e| e.to_string())?,
        )),
        None => None,
    };
    let art = CoverArt {
        front: read_artwork(&args.front)?,
        back: read_artwork(&args.back)?,
        spine,
        barcode,
    };
    let cover = podcover::compose(&layout, &art).map_err(|e| e.to_string())?;
    write_output(&args.output, &cover.pdf, args.force)?;
    let mut out = format!(
        "wrote {} ({} {} {}, spine {}, {} x {})\n",
        args.output.display(),
        layout.spec.vendor,
        layout.spec.binding,
        layout.spec.paper,
        both(layout.spine_width, Unit::In),
        layout.sheet.width.display(Unit::In),
        layout.sheet.height.display(Unit::In)
    );
    for w in &cover.warnings {
        out.push_str(&format!("warning: {w}\n"));
    }
    Ok(out)
}

fn respine_cover(catalog: &Catalog, args: &RespineArgs) -> Result<String, String> {
    let (product, trim, pages) = resolve(catalog, &args.product)?;
    let trim = trim.ok_or("--trim is required (or --interior to read it)")?;
    let to = product.layout(&trim, pages).map_err(|e| e.to_string())?;
    let from_binding = args
        .from_binding
        .as_deref()
        .unwrap_or(&args.product.binding);
    let from_product = catalog
        .product(&args.from_vendor, from_binding, &args.from_paper)
        .map_err(|e| e.to_string())?;
    let from = match (args.from_pages, &args.from_spine) {
        (Some(p), _) => from_product.layout(&trim, p),
        (None, Some(spine)) => {
            let spine: Length = spine.parse().map_err(|e: podcover::Error| e.to_string())?;
            from_product.layout_with_spine(&trim, pages, spine)
        }
        (None, None) => return Err("give --from-pages or --from-spine".into()),
    }
    .map_err(|e| e.to_string())?;
    let cover = read_artwork(&args.cover)?;
    let podcover::Respined { pdf, report } =
        podcover::respine(&cover, &from, &to, args.allow_scaling).map_err(|e| e.to_string())?;
    write_output(&args.output, &pdf, args.force)?;
    let mut out = format!(
        "wrote {}\n  spine {} -> {} (stretched to {:.1}%)\n  full width {} -> {}\n",
        args.output.display(),
        both(report.old_spine, Unit::In),
        both(report.new_spine, Unit::In),
        report.spine_stretch * 100.0,
        report.old_width.display(Unit::In),
        report.new_width.display(Unit::In)
    );
    if report.panel_scale != (1.0, 1.0) {
        out.push_str(&format!(
            "  panels scaled by {:.4} x {:.4}\n",
            report.panel_scale.0, report.panel_scale.1
        ));
    }
    for w in &report.warnings {
        out.push_str(&format!("warning: {w}\n"));
    }
    Ok(out)
}

fn batch(
    catalog: &Catalog,
    manifest_path: &Path,
    out: &Path,
    force: bool,
    jobs: Option<usize>,
) -> Result<String, String> {
    use std::io::IsTerminal;
    let text = std::fs::read_to_string(manifest_path)
        .map_err(|e| format!("cannot read {}: {e}", manifest_path.display()))?;
    let manifest = batch::Manifest::parse(&manifest_path.display().to_string(), &text)
        .map_err(|e| e.to_string())?;
    let options = batch::BatchOptions {
        base: manifest_path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default(),
        out: out.to_path_buf(),
        force,
        threads: jobs
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
    };
    let total = manifest.book.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let terminal = std::io::stderr().is_terminal();
    let progress = |title: &batch::TitleReport| {
        let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        if terminal {
            let width = 30;
            let filled = n * width / total.max(1);
            eprint!(
                "\r[{}{}] {n}/{total} titles",
                "=".repeat(filled),
                " ".repeat(width - filled)
            );
            if n == total {
                eprintln!();
            }
        } else {
            let parts: Vec<String> = title
                .targets
                .iter()
                .map(|t| {
                    format!(
                        "{}-{}-{} {}",
                        t.target.vendor,
                        t.target.binding,
                        t.target.paper,
                        match t.status {
                            batch::Status::Built => "built",
                            batch::Status::Unchanged => "unchanged",
                            batch::Status::Failed => "FAILED",
                        }
                    )
                })
                .collect();
            eprintln!("[{n}/{total}] {}: {}", title.id, parts.join(", "));
        }
    };
    let report = batch::run(catalog, &manifest, &options, &progress).map_err(|e| e.to_string())?;
    let (built, unchanged, failed) = report.counts();
    let mut text = format!(
        "built {built}, unchanged {unchanged}, failed {failed}; report: {}\n",
        out.join("report.json").display()
    );
    if failed == 0 {
        return Ok(text);
    }
    for (id, t) in report.failures() {
        text.push_str(&format!(
            "  {id} {}: {}\n",
            t.target.file_name(),
            t.error.as_deref().unwrap_or("failed")
        ));
    }
    emit(&text);
    Err(format!("{failed} cover(s) failed"))
}

fn load_catalog(files: &[PathBuf]) -> Result<Catalog, String> {
    let mut catalog = Catalog::builtin().clone();
    for file in files {
        let text = std::fs::read_to_string(file)
            .map_err(|e| format!("cannot read stock file {}: {e}", file.display()))?;
        catalog
            .add_stock(&file.display().to_string(), &text)
            .map_err(|e| e.to_string())?;
    }
    Ok(catalog)
}

/// The trim and page count from the flags or the interior PDF.
fn book_inputs(book: &BookArgs) -> Result<(Option<TrimSize>, u32), String> {
    let declared = book
        .trim
        .as_deref()
        .map(str::parse::<TrimSize>)
        .transpose()
        .map_err(|e| e.to_string())?;
    match (&book.interior, book.pages) {
        (Some(path), _) => {
            let interior = read_interior(path)?;
            let trim = match &declared {
                Some(t) => interior.check_trim(t).map_err(|e| e.to_string())?,
                None => interior.trim,
            };
            Ok((Some(trim), interior.pages))
        }
        (None, Some(pages)) => Ok((declared, pages)),
        (None, None) => Err("give --pages or --interior".into()),
    }
}

fn read_interior(path: &Path) -> Result<Interior, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Interior::from_pdf(&path.display().to_string(), &bytes).map_err(|e| e.to_string())
}

fn resolve<'a>(
    catalog: &'a Catalog,
    args: &ProductArgs,
) -> Result<(Product<'a>, Option<TrimSize>, u32), String> {
    let product = catalog
        .product(&args.vendor, &args.binding, &args.paper)
        .map_err(|e| e.to_string())?;
    let (trim, pages) = book_inputs(&args.book)?;
    Ok((product, trim, pages))
}

/// A length as a JSON number in `unit`, rounded one place past the unit's display precision.
fn num(length: Length, unit: Unit) -> Value {
    json!(length.rounded(unit, unit.precision() as i32 + 1))
}

fn rect_json(r: &Rect, unit: Unit) -> Value {
    json!({
        "x": num(r.x, unit),
        "y": num(r.y, unit),
        "width": num(r.width, unit),
        "height": num(r.height, unit),
    })
}

fn layout_json(layout: &CoverLayout, product: &Product, unit: Unit) -> Value {
    let spec = &layout.spec;
    let regions: Map<String, Value> = layout
        .regions()
        .into_iter()
        .map(|(name, r)| (name.to_string(), rect_json(&r, unit)))
        .collect();
    json!({
        "vendor": spec.vendor,
        "binding": spec.binding,
        "paper": spec.paper,
        "pages": spec.pages,
        "unit": unit,
        "trim": { "width": num(spec.trim.width, unit), "height": num(spec.trim.height, unit) },
        "kind": layout.kind,
        "spine_width": num(layout.spine_width, unit),
        "full_width": num(layout.sheet.width, unit),
        "full_height": num(layout.sheet.height, unit),
        "bleed": num(layout.bleed, unit),
        "spine_text": {
            "allowed": layout.spine_text.is_allowed(),
            "reason": layout.spine_text.to_string(),
        },
        "confidence": layout.confidence,
        "regions": regions,
        "folds": layout.folds.iter().map(|x| num(*x, unit)).collect::<Vec<_>>(),
        "rules": product.rules(),
    })
}

fn layout_text(layout: &CoverLayout, product: &Product, unit: Unit) -> String {
    let spec = &layout.spec;
    let mut out = format!(
        "{} {} {}, trim {}, {} pages\n",
        spec.vendor,
        spec.binding,
        spec.paper,
        trim_text(&spec.trim, unit),
        spec.pages
    );
    out.push_str(&format!(
        "  spine width   {}\n",
        both(layout.spine_width, unit)
    ));
    out.push_str(&format!(
        "  full cover    {} x {}\n",
        layout.sheet.width.display(unit),
        layout.sheet.height.display(unit)
    ));
    let edge = match layout.kind {
        podcover::CoverKind::Case => "wrap",
        _ => "bleed",
    };
    out.push_str(&format!("  {edge:<13} {}\n", layout.bleed.display(unit)));
    out.push_str(&format!("  spine text    {}\n", layout.spine_text));
    out.push_str(&format!(
        "  confidence    {} ({})\n\nregions ({unit}, from the lower-left corner of the sheet):\n",
        layout.confidence,
        describe_confidence(layout.confidence)
    ));
    for line in layout.dump(unit).lines() {
        out.push_str(&format!("  {line}\n"));
    }
    out.push_str("\nrules:\n");
    for rule in product.rules() {
        out.push_str(&format!(
            "  {:<21} {:<10} {}\n",
            rule.rule, rule.confidence, rule.source
        ));
    }
    out
}

fn compare_json(offers: &[Offer], trim: &TrimSize, pages: u32, unit: Unit) -> Value {
    let rows: Vec<Value> = offers
        .iter()
        .map(|o| {
            let mut row = json!({ "vendor": o.vendor, "binding": o.binding, "paper": o.paper });
            match &o.result {
                Ok(l) => {
                    row["spine_width"] = num(l.spine_width, unit);
                    row["full_width"] = num(l.sheet.width, unit);
                    row["full_height"] = num(l.sheet.height, unit);
                    row["spine_text"] = json!(l.spine_text.is_allowed());
                    row["confidence"] = json!(l.confidence);
                }
                Err(e) => row["error"] = json!(e.to_string()),
            }
            row
        })
        .collect();
    json!({
        "trim": { "width": num(trim.width, unit), "height": num(trim.height, unit) },
        "pages": pages,
        "unit": unit,
        "offers": rows,
    })
}

fn compare_text(offers: &[Offer], trim: &TrimSize, pages: u32, unit: Unit) -> String {
    let mut out = format!(
        "{} trim, {pages} pages (lengths in {unit})\n\n{:<12} {:<10} {:<18} {:>10} {:>22}  {:<10} {}\n",
        trim_text(trim, unit),
        "vendor",
        "binding",
        "paper",
        "spine",
        "full cover (w x h)",
        "confidence",
        "spine text"
    );
    let mut refused = Vec::new();
    for o in offers {
        match &o.result {
            Ok(l) => {
                let p = unit.precision();
                out.push_str(&format!(
                    "{:<12} {:<10} {:<18} {:>10.p$} {:>22}  {:<10} {}\n",
                    o.vendor,
                    o.binding,
                    o.paper,
                    l.spine_width.to(unit),
                    format!(
                        "{:.p$} x {:.p$}",
                        l.sheet.width.to(unit),
                        l.sheet.height.to(unit)
                    ),
                    l.confidence.to_string(),
                    if l.spine_text.is_allowed() {
                        "yes"
                    } else {
                        "no"
                    },
                ));
            }
            Err(e) => refused.push(format!("  {} {} {}: {}", o.vendor, o.binding, o.paper, e)),
        }
    }
    if !refused.is_empty() {
        out.push_str("\ncannot print:\n");
        out.push_str(&refused.join("\n"));
        out.push('\n');
    }
    out
}

fn trim_text(trim: &TrimSize, unit: Unit) -> String {
    match unit {
        Unit::In => trim.to_string(),
        _ => format!(
            "{}x{}{unit}",
            trim.width.rounded(unit, 2),
            trim.height.rounded(unit, 2)
        ),
    }
}

/// A length in the chosen unit, with millimetres or inches beside it.
fn both(length: Length, unit: Unit) -> String {
    let other = if unit == Unit::Mm { Unit::In } else { Unit::Mm };
    format!("{} ({})", length.display(unit), length.display(other))
}

fn describe_confidence(c: podcover::Confidence) -> &'static str {
    match c {
        podcover::Confidence::Published => "the vendor's published figures",
        podcover::Confidence::Calculator => {
            "readings of the vendor's calculator or templates, or a credible record of them"
        }
        podcover::Confidence::Estimate => "an estimate: check against the vendor's own template",
    }
}

fn vendors(catalog: &Catalog, vendor: Option<&str>, as_json: bool) -> Result<String, String> {
    match vendor {
        None => {
            if as_json {
                return Ok(pretty(&json!(catalog
                    .vendors()
                    .iter()
                    .map(|v| json!({
                        "id": v.id,
                        "name": v.name,
                        "file": v.file,
                        "bindings": v.bindings.iter().map(|b| json!({
                            "id": b.id,
                            "name": b.name,
                            "papers": b.papers.iter().map(|p| json!({
                                "id": p.id, "name": p.name,
                                "pages": p.pages.value, "spine_confidence": p.spine.confidence,
                            })).collect::<Vec<_>>(),
                        })).collect::<Vec<_>>(),
                    }))
                    .collect::<Vec<_>>())));
            }
            let mut out = String::new();
            for v in catalog.vendors() {
                out.push_str(&format!("{}  {} ({})\n", v.id, v.name, v.file));
                for b in &v.bindings {
                    out.push_str(&format!("  {:<10} {}\n", b.id, b.name));
                    for p in &b.papers {
                        out.push_str(&format!(
                            "    {:<18} {:>4}-{:<5} pages  spine: {:<10}  {}\n",
                            p.id, p.pages.min, p.pages.max, p.spine.confidence, p.name
                        ));
                    }
                }
            }
            Ok(out)
        }
        Some(id) => {
            let v = catalog.vendor(id).map_err(|e| e.to_string())?;
            if as_json {
                return Ok(pretty(&json!(v)));
            }
            let mut out = format!("{} ({}), from {}\n", v.name, v.id, v.file);
            for b in &v.bindings {
                out.push_str(&format!("\n{} ({})\n", b.id, b.name));
                let trims: Vec<String> = b.trims.iter().map(|t| t.to_string()).collect();
                out.push_str(&format!("  trims: {}\n", trims.join(", ")));
                for p in &b.papers {
                    let product = catalog
                        .product(&v.id, &b.id, &p.id)
                        .map_err(|e| e.to_string())?;
                    out.push_str(&format!("  paper {} ({})\n", p.id, p.name));
                    for r in product.rules() {
                        out.push_str(&format!(
                            "    {:<21} {:<10} {}\n",
                            r.rule, r.confidence, r.source
                        ));
                        if let Some(note) = r.note {
                            out.push_str(&format!("    {:<21} note: {note}\n", ""));
                        }
                    }
                }
            }
            Ok(out)
        }
    }
}

fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}
