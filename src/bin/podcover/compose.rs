//! `podcover compose`: a print-ready cover from front, back and spine artwork.

use std::path::PathBuf;

use clap::Args;
use podcover::barcode::{Isbn, Price};
use podcover::{
    cover::{ComposeOptions, CoverArt, Extend, SpineArt, SpineLabel},
    pdf::Artwork,
    Catalog, Unit,
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
    /// Spine artwork (PDF, JPEG or PNG) at the spine's height or with bleed top and bottom,
    /// fitted to the spine.
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
    /// TrueType or OpenType font for the spine text, embedded (required with --spine-text).
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

pub(crate) fn run(
    catalog: &Catalog,
    args: &ComposeArgs,
    inputs: Inputs,
) -> Result<String, CliError> {
    let mut inputs = inputs;
    inputs.extend(book_input(&args.product.book));
    for (flag, path) in [
        ("--front", Some(&args.front)),
        ("--back", args.back.as_ref()),
        ("--spine", args.spine.as_ref()),
        ("--back-flap", args.back_flap.as_ref()),
        ("--front-flap", args.front_flap.as_ref()),
        ("--font", args.font.as_ref()),
    ] {
        inputs.extend(path.map(|p| (flag, p.clone())));
    }
    refuse_input(&args.output, &inputs)?;
    pdf_output(&args.output)?;
    let (product, trim, pages) = resolve(catalog, &args.product)?;
    let trim = trim.ok_or("--trim is required (or --interior to read it)")?;
    let layout = product.layout(&trim, pages)?;
    crate::output::warn_layout(&layout);
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
                label.direction = podcover::draw::Direction::Up;
            }
            // Vendors refuse covers whose fonts are not embedded: spine text needs one.
            let path = args.font.as_ref().ok_or(
                "--spine-text needs --font FILE, a TrueType or OpenType font to embed (vendors refuse covers with fonts that are not embedded), e.g. --font /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            )?;
            label.font = Some(podcover::files::read_input(
                path,
                podcover::files::Input::Font,
            )?);
            SpineArt::Label(label)
        }
        (_, _, Some(color)) => SpineArt::Color(color),
        _ => SpineArt::Blank,
    };
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
    let options = ComposeOptions::new()
        .extend(extend)
        .min_image_ppi(product.binding.min_image_ppi.as_ref().map(|r| r.value));
    let cover = podcover::cover::compose_with(&layout, &art, &options).map_err(|e| {
        // The library asks for a font that covers the text; the tool says how to give one.
        if e.kind() == podcover::ErrorKind::Compose(podcover::error::ComposeProblem::GlyphMissing) {
            CliError::Message(format!("{e} (--font)"))
        } else {
            e.into()
        }
    })?;
    write_output(&args.output, &cover.pdf, args.force)?;
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
    Ok(report_for(&args.output, out))
}
