//! `podcover compose`: a print-ready cover from front, back and spine artwork.

use std::path::PathBuf;

use clap::Args;
use podcover::barcode::{Isbn, Price};
use podcover::catalog::{file_size_text, DigitalId, ImageFormat};
use podcover::cover::{compose_digital, Anchor, DigitalOptions, Fit, PrintFront, DEFAULT_QUALITY};
use podcover::files::{read_input, Input};
use podcover::{
    cover::{ComposeOptions, CoverArt, Extend, SpineArt, SpineLabel},
    pdf::Artwork,
    Catalog, TrimSize, Unit,
};

use crate::error::CliError;
use crate::input::{
    book_input, parse_cmyk, pdf_output, read_artwork, refuse_input, report_for, resolve,
    write_output, Inputs,
};
use crate::output::{both, human};
use crate::ProductArgs;

#[derive(Args)]
pub(crate) struct ComposeArgs {
    #[command(flatten)]
    product: ProductArgs,
    /// Front cover artwork: PDF (page 1), JPEG or PNG, at the trim, trim plus outer bleed, or
    /// trim plus bleed all round.
    #[arg(long)]
    front: PathBuf,
    /// Back cover artwork (PDF, JPEG or PNG), sized like the front.
    #[arg(long, required_unless_present = "back_color")]
    back: Option<PathBuf>,
    /// Without --back: the back cover's colour as C,M,Y,K, e.g. 0.1,0.3,0.6,0.2.
    #[arg(long, conflicts_with = "back", value_name = "C,M,Y,K")]
    back_color: Option<String>,
    /// How bleed, wrap and flap folds the artwork does not reach are filled: mirror (its outer
    /// strip mirrored), edge (its edge pixels repeated), color (--extend-color), or none.
    #[arg(long, default_value = "mirror", value_parser = ["mirror", "edge", "color", "none"])]
    extend: String,
    /// The colour for --extend color, as C,M,Y,K (default 0,0,0,0: no ink).
    #[arg(long, value_name = "C,M,Y,K")]
    extend_color: Option<String>,
    /// A dust jacket's back flap artwork (PDF, JPEG or PNG).
    #[arg(long, value_name = "FILE", conflicts_with = "back_flap_color")]
    back_flap: Option<PathBuf>,
    /// A dust jacket's back flap colour as C,M,Y,K, instead of artwork.
    #[arg(long, value_name = "C,M,Y,K")]
    back_flap_color: Option<String>,
    /// A dust jacket's front flap artwork (PDF, JPEG or PNG).
    #[arg(long, value_name = "FILE", conflicts_with = "front_flap_color")]
    front_flap: Option<PathBuf>,
    /// A dust jacket's front flap colour as C,M,Y,K, instead of artwork.
    #[arg(long, value_name = "C,M,Y,K")]
    front_flap_color: Option<String>,
    #[command(flatten)]
    spine: SpineArgs,
    /// The colour the cover is made in: auto (as the vendor's rules say: CMYK PDF/X-1a for
    /// IngramSpark, sRGB for Lulu, the art as it is for KDP), cmyk (CMYK for any vendor: RGB
    /// images separated through the CGATS TR 003 profile, PDF art only if CMYK already) or pdfx
    /// (that CMYK written as PDF/X-1a:2001, for any vendor).
    #[arg(long, default_value = "auto", value_parser = ["auto", "cmyk", "pdfx"])]
    color: String,
    /// Refuse a colour given for the cover (--spine-color, --back-color, --text-color ...)
    /// that is over the vendor's ink limit, instead of reducing it with a warning.
    #[arg(long)]
    strict_color: bool,
    /// ISBN for the barcode.
    #[arg(long)]
    isbn: Option<String>,
    /// EAN-5 price add-on.
    #[arg(long, default_value = "90000")]
    price: String,
    /// A digital edition instead of a print cover: the vendor's product (`ebook`, `audiobook`;
    /// `podcover vendors` lists them), written from --front as a JPEG (.jpg) or PNG (.png) of
    /// the store's size in sRGB. With --trim the front is print art for --binding (its bleed,
    /// wrap and board overhang are cut off); without, the whole front is the cover.
    #[arg(long, value_name = "ID", conflicts_with_all = [
        "back", "back_color", "spine", "spine_text", "spine_color", "isbn", "back_flap",
        "back_flap_color", "front_flap", "front_flap_color", "interior"
    ])]
    #[arg(id = "product", long = "product")]
    digital: Option<DigitalId>,
    /// With --product, for front art of other proportions than the store's: crop (cut to
    /// them), extend (the art's edges mirrored outwards) or color (--background around it).
    #[arg(long, requires = "product")]
    fit: Option<Fit>,
    /// With --fit: the part kept (crop) or where the art sits (extend, color): center, top,
    /// bottom, left, right, top-left, top-right, bottom-left, bottom-right.
    #[arg(long, requires = "fit", default_value = "center")]
    anchor: Anchor,
    /// With --product: the colour around the art (--fit color) and behind transparency, as
    /// RRGGBB in sRGB (default ffffff, white).
    #[arg(long, requires = "product", value_name = "RRGGBB")]
    background: Option<String>,
    /// With --product: JPEG quality from 1 to 100.
    #[arg(long, requires = "product", default_value_t = DEFAULT_QUALITY)]
    quality: u8,
    /// Output PDF (with --product: a .jpg or .png image).
    #[arg(short = 'o', long)]
    output: PathBuf,
    /// Also write a proof as a PNG: the cover as it will print, in screen colours (through the
    /// printing condition's profile), and say where converting the art moved colours most.
    #[arg(long, value_name = "PNG", conflicts_with = "product")]
    proof: Option<PathBuf>,
    /// The proof's resolution in pixels per inch, 72 to 1200.
    #[arg(long, value_name = "PPI", requires = "proof", default_value_t = 100)]
    proof_ppi: u32,
    /// Replace an existing file.
    #[arg(long)]
    force: bool,
}

/// Lets `compose --product` leave out what only a print cover needs: the paper, the page count
/// and the back cover.
pub(crate) fn allow_digital(command: clap::Command) -> clap::Command {
    command.mut_subcommand("compose", |c| {
        c.mut_arg("paper", |a| {
            a.required(false).required_unless_present("product")
        })
        .mut_arg("pages", |a| a.required_unless_present("product"))
        .mut_arg("back", |a| a.required_unless_present("product"))
    })
}

/// Spine art from the command line: artwork, text (on a colour) or a colour.
#[derive(Args)]
pub(crate) struct SpineArgs {
    /// Spine artwork (PDF, JPEG or PNG) at the spine's height or with bleed top and bottom,
    /// fitted to the spine.
    #[arg(long, group = "spine_art")]
    pub(crate) spine: Option<PathBuf>,
    /// Spine text: the title (with --author, --imprint).
    #[arg(long, group = "spine_art")]
    pub(crate) spine_text: Option<String>,
    /// Author on the spine.
    #[arg(long, requires = "spine_text")]
    pub(crate) author: Option<String>,
    /// Imprint on the spine.
    #[arg(long, requires = "spine_text")]
    pub(crate) imprint: Option<String>,
    /// Spine text reads bottom to top.
    #[arg(long, requires = "spine_text")]
    pub(crate) bottom_to_top: bool,
    /// Spine text colour as C,M,Y,K (default 0,0,0,1).
    #[arg(long, requires = "spine_text")]
    pub(crate) text_color: Option<String>,
    /// TrueType or OpenType font for the spine text, embedded (default: DejaVu Sans, Latin letters, built in)
    #[arg(long, requires = "spine_text", value_name = "TTF")]
    pub(crate) font: Option<PathBuf>,
    /// Spine colour as C,M,Y,K from 0 to 1, e.g. 0,0,0,1 (behind --spine-text, if given).
    #[arg(long, conflicts_with = "spine")]
    pub(crate) spine_color: Option<String>,
}

impl SpineArgs {
    /// Whether any spine art was given.
    pub(crate) fn given(&self) -> bool {
        self.spine.is_some() || self.spine_text.is_some() || self.spine_color.is_some()
    }

    /// The spine art these flags give: artwork, text on a colour or none, a colour, or blank.
    pub(crate) fn art(&self) -> Result<SpineArt, CliError> {
        let color = self
            .spine_color
            .as_deref()
            .map(|t| parse_cmyk("--spine-color", t))
            .transpose()?;
        let spine = match (&self.spine, &self.spine_text, color) {
            (Some(path), _, _) => SpineArt::Artwork(Box::new(read_artwork(path)?)),
            (_, Some(title), background) => {
                let mut label = SpineLabel::new(title.clone());
                label.author = self.author.clone();
                label.imprint = self.imprint.clone();
                label.background = background;
                if let Some(text) = &self.text_color {
                    label.color = parse_cmyk("--text-color", text)?;
                }
                if self.bottom_to_top {
                    label.direction = podcover::draw::Direction::Up;
                }
                // Without --font, the library sets it in its own font (DejaVu Sans), embedded.
                if let Some(path) = &self.font {
                    label.font = Some(podcover::files::read_input(
                        path,
                        podcover::files::Input::Font,
                    )?);
                }
                SpineArt::Label(label)
            }
            (_, _, Some(color)) => SpineArt::Color(color),
            _ => SpineArt::Blank,
        };
        Ok(spine)
    }
}

pub(crate) fn run(
    catalog: &Catalog,
    args: &ComposeArgs,
    inputs: Inputs,
) -> Result<String, CliError> {
    if let Some(product) = args.digital {
        return run_digital(catalog, args, product, inputs);
    }
    let mut inputs = inputs;
    inputs.extend(book_input(&args.product.book));
    for (flag, path) in [
        ("--front", Some(&args.front)),
        ("--back", args.back.as_ref()),
        ("--spine", args.spine.spine.as_ref()),
        ("--back-flap", args.back_flap.as_ref()),
        ("--front-flap", args.front_flap.as_ref()),
        ("--font", args.spine.font.as_ref()),
    ] {
        inputs.extend(path.map(|p| (flag, p.clone())));
    }
    refuse_input(&args.output, &inputs)?;
    pdf_output(&args.output)?;
    if let Some(proof) = &args.proof {
        refuse_input(proof, &inputs)?;
        let png = proof
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("png"));
        if !png || proof == &args.output {
            return Err(format!(
                "cannot write the proof to {}: a proof is a PNG beside the cover; name it .png",
                proof.display()
            )
            .into());
        }
    }
    let (product, trim, pages) = resolve(catalog, &args.product)?;
    let trim = trim.ok_or("--trim is required (or --interior to read it)")?;
    let layout = product.layout(&trim, pages)?;
    crate::output::warn_layout(&layout);
    let spine = args.spine.art()?;
    let barcode = match &args.isbn {
        Some(isbn) => Some((isbn.parse::<Isbn>()?, args.price.parse::<Price>()?)),
        None => None,
    };
    let back = match (&args.back, &args.back_color) {
        (Some(path), _) => read_artwork(path)?,
        (None, Some(color)) => Artwork::color("back colour", parse_cmyk("--back-color", color)?),
        (None, None) => return Err("give --back or --back-color".into()),
    };
    let flap = |path: &Option<PathBuf>, color: &Option<String>, flag: &str, what: &str| match (
        path, color,
    ) {
        (Some(path), _) => read_artwork(path).map(Some),
        (None, Some(c)) => Ok(Some(Artwork::color(what, parse_cmyk(flag, c)?))),
        (None, None) => Ok(None),
    };
    let mut art = CoverArt::new(read_artwork(&args.front)?, back).spine(spine);
    if let Some((isbn, price)) = barcode {
        art = art.barcode(isbn, price);
    }
    art.back_flap = flap(
        &args.back_flap,
        &args.back_flap_color,
        "--back-flap-color",
        "back flap colour",
    )?;
    art.front_flap = flap(
        &args.front_flap,
        &args.front_flap_color,
        "--front-flap-color",
        "front flap colour",
    )?;
    let extend = match (args.extend.as_str(), &args.extend_color) {
        ("color", Some(c)) => Extend::Color(parse_cmyk("--extend-color", c)?),
        (_, Some(_)) => return Err("--extend-color goes with --extend color".into()),
        (how, None) => how.parse::<Extend>()?,
    };
    let mut options = ComposeOptions::for_binding(product.binding)
        .extend(extend)
        .color(crate::input::cover_color(&args.color, product.binding))
        .strict_color(args.strict_color);
    if let Some(pdfx) = crate::input::cover_pdfx(&args.color) {
        options = options.pdfx(Some(pdfx));
    }
    // A PDF/X cover is dated by its inputs, so the same inputs give the same bytes.
    let options = options.dated(podcover::files::source_date(
        &inputs.iter().map(|(_, p)| p.as_path()).collect::<Vec<_>>(),
    )?);
    let composed = match args.proof {
        Some(_) => podcover::cover::compose_with_proof(&layout, &art, &options, args.proof_ppi)
            .map(|(cover, proof)| (cover, Some(proof))),
        None => podcover::cover::compose_with(&layout, &art, &options).map(|c| (c, None)),
    };
    let (cover, proof) = composed.map_err(|e| {
        // The library asks for a font that covers the text; the tool says how to give one.
        if e.kind() == podcover::ErrorKind::Compose(podcover::error::ComposeProblem::GlyphMissing) {
            CliError::Message(format!("{e} (--font)"))
        } else if e.kind() == podcover::ErrorKind::InvalidValue
            && e.value() == Some(args.proof_ppi.to_string().as_str())
        {
            CliError::Message(format!("{e} (--proof-ppi)"))
        } else {
            e.into()
        }
    })?;
    write_output(&args.output, &cover.pdf, args.force)?;
    if let (Some(path), Some(proof)) = (&args.proof, &proof) {
        write_output(path, &proof.png, args.force)?;
    }
    let mut out = format!(
        "wrote {} ({} {} {}, spine {}, {} x {})\n",
        args.output.display(),
        layout.spec.vendor,
        layout.spec.binding,
        layout.spec.paper,
        both(layout.spine_width(), Unit::In),
        human(layout.sheet.width, Unit::In),
        human(layout.sheet.height, Unit::In)
    );
    for n in &cover.notes {
        out.push_str(&format!("note: {n}\n"));
    }
    for w in &cover.warnings {
        out.push_str(&format!("warning: {w}\n"));
    }
    if let (Some(path), Some(proof)) = (&args.proof, &proof) {
        out.push_str(&proof_report(path, proof));
    }
    Ok(report_for(&args.output, out))
}

/// What `--proof` says: the file, and where conversion moved colours most.
fn proof_report(path: &std::path::Path, proof: &podcover::cover::Proof) -> String {
    let mut out = format!(
        "wrote proof {} at {} ppi (the cover as it will print, in screen colours)\n",
        path.display(),
        proof.ppi
    );
    for name in &proof.not_drawn {
        out.push_str(&format!(
            "note: the proof shows paper where {name} is: PDF artwork is not drawn in it\n"
        ));
    }
    if proof.moved.is_empty() {
        out.push_str("no RGB art was converted: no colour moved\n");
        return out;
    }
    out.push_str("where conversion moved colours most (position from the sheet's top-left):\n");
    for m in &proof.moved {
        let [c, mm, y, k] = m.cmyk.map(|v| (f64::from(v) / 2.55).round());
        out.push_str(&format!(
            "  {} at ({}, {}): RGB {},{},{} -> CMYK {c}/{mm}/{y}/{k} -> shown as RGB {},{},{} \
             (delta E {:.1})\n",
            m.panel,
            human(m.x, Unit::In),
            human(m.y, Unit::In),
            m.rgb[0],
            m.rgb[1],
            m.rgb[2],
            m.proof[0],
            m.proof[1],
            m.proof[2],
            m.delta_e
        ));
    }
    out
}

/// `compose --product`: a digital edition's cover image from the front art.
fn run_digital(
    catalog: &Catalog,
    args: &ComposeArgs,
    product: DigitalId,
    mut inputs: Inputs,
) -> Result<String, CliError> {
    inputs.push(("--front", args.front.clone()));
    refuse_input(&args.output, &inputs)?;
    let digital = catalog.digital(args.product.vendor, product)?;
    let name = args.output.display().to_string();
    let format = ImageFormat::from_extension(&name)
        .filter(|f| *f != ImageFormat::Tiff)
        .ok_or_else(|| {
            format!(
                "cannot tell the image format of {name}: name the output .jpg or .png ({} {} \
                 takes {})",
                digital.vendor,
                digital.id,
                digital.formats_text()
            )
        })?;
    let print = match &args.product.book.trim {
        Some(trim) => Some(print_front(catalog, args, trim.parse()?)?),
        None => None,
    };
    let mut options = DigitalOptions::new().format(format).quality(args.quality);
    if let Some(fit) = args.fit {
        options = options.fit(fit, args.anchor);
    }
    if let Some(hex) = &args.background {
        options = options.background(parse_rgb(hex)?);
    }
    let bytes = read_input(&args.front, Input::Artwork)?;
    let cover = compose_digital(
        &args.front.display().to_string(),
        &bytes,
        digital,
        print.as_ref(),
        &options,
    )
    .map_err(|e| {
        // The library names the fits; the tool says which flags choose them.
        if e.kind() == podcover::ErrorKind::Compose(podcover::error::ComposeProblem::WrongSize)
            && args.fit.is_none()
            && e.to_string().contains("choose a fit")
        {
            CliError::Message(format!("{e} (--fit, with --anchor)"))
        } else {
            e.into()
        }
    })?;
    write_output(&args.output, &cover.image, args.force)?;
    let mut out = format!(
        "wrote {} ({} {}, {}, {}, {}, sRGB)\n",
        args.output.display(),
        digital.vendor,
        digital.id,
        cover.size,
        match cover.format {
            ImageFormat::Jpeg => format!("JPEG quality {}", args.quality),
            other => other.to_string(),
        },
        file_size_text(cover.image.len() as u64)
    );
    for n in &cover.notes {
        out.push_str(&format!("note: {n}\n"));
    }
    for w in &cover.warnings {
        out.push_str(&format!("warning: {w}\n"));
    }
    Ok(report_for(&args.output, out))
}

/// The print front the art was made for: `--binding` of `--vendor` at `--trim` (the paper
/// and page count change only the spine, so any the binding takes will do), or, for a vendor
/// of digital editions only, a flat front with the bleed most print bindings ask for.
fn print_front(
    catalog: &Catalog,
    args: &ComposeArgs,
    trim: TrimSize,
) -> Result<PrintFront, CliError> {
    let vendor = catalog.vendor(args.product.vendor)?;
    if vendor.bindings.is_empty() {
        return Ok(PrintFront::flat(trim, catalog.usual_bleed()));
    }
    let binding = vendor.binding(args.product.binding)?;
    let paper = match args.product.paper {
        Some(p) => binding.paper(p)?,
        None => binding.papers.first().ok_or("the binding has no paper")?,
    };
    let product = catalog.product(vendor.id, binding.id, paper.id)?;
    let pages = match args.product.book.pages {
        Some(p) => p,
        None => paper.pages.min.div_ceil(paper.pages.multiple) * paper.pages.multiple,
    };
    Ok(PrintFront::of(&product.layout(&trim, pages)?))
}

/// `RRGGBB` (with or without `#`) as sRGB.
fn parse_rgb(text: &str) -> Result<[u8; 3], CliError> {
    podcover::cover::parse_rgb(text).map_err(|_| {
        format!("invalid --background {text:?}: expected RRGGBB, e.g. ffffff or 1a2b3c").into()
    })
}
