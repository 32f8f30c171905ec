//! `podcover respine`: re-fit a whole cover PDF to another vendor or page count.

use std::path::PathBuf;

use clap::Args;
use podcover::barcode::{Isbn, Price};
use podcover::error::ComposeProblem;
use podcover::{
    catalog::{BindingId, PaperId, VendorId},
    cover::{Extend, RespineOptions},
    pdf::Artwork,
    Catalog, Length, Unit,
};

use crate::compose::SpineArgs;
use crate::error::{force_advice, CliError};
use crate::input::{book_input, parse_cmyk, pdf_output, refuse_input, report_for, resolve, Inputs};
use crate::output::{both, human};
use crate::ProductArgs;

#[derive(Args)]
pub(crate) struct RespineArgs {
    /// The whole cover PDF to re-fit.
    cover: PathBuf,
    /// Vendor the cover was made for.
    #[arg(long)]
    from_vendor: VendorId,
    /// Binding it was made for (default: --binding).
    #[arg(long)]
    from_binding: Option<BindingId>,
    /// Paper it was made for.
    #[arg(long)]
    from_paper: PaperId,
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
    /// Stretch or squeeze the old spine however far the new width asks (beyond 15% its type is
    /// refused as distorted, beyond 3% a warning).
    #[arg(long)]
    allow_distortion: bool,
    /// New spine art drawn on the re-fitted cover instead of the old spine stretched.
    #[command(flatten)]
    spine: SpineArgs,
    /// The ISBN barcode to draw at the new layout's box (over the cover's own where they meet).
    #[arg(long)]
    isbn: Option<String>,
    /// EAN-5 price add-on, with --isbn.
    #[arg(long, default_value = "90000", requires = "isbn")]
    price: String,
    /// How bleed and wrap the cover does not reach are filled: mirror, edge, color (no ink) or
    /// none (left blank, with a warning).
    #[arg(long, default_value = "mirror", value_parser = ["mirror", "edge", "color", "none"])]
    extend: String,
    /// The colour the new cover is made in: auto (as the vendor's rules say), cmyk (CMYK for
    /// any vendor; the cover must be CMYK and grey already if it is a PDF) or pdfx (that CMYK
    /// written as PDF/X-1a:2001, for any vendor).
    #[arg(long, default_value = "auto", value_parser = ["auto", "cmyk", "pdfx"])]
    color: String,
    /// Refuse a colour over the vendor's ink limit instead of reducing it with a warning.
    #[arg(long)]
    strict_color: bool,
    /// For a cover made into a dust jacket: both flaps' colour as C,M,Y,K.
    #[arg(long, value_name = "C,M,Y,K")]
    flap_color: Option<String>,
    /// Output PDF.
    #[arg(short = 'o', long)]
    output: PathBuf,
    /// Replace an existing file.
    #[arg(long)]
    force: bool,
}

pub(crate) fn run(
    catalog: &Catalog,
    args: &RespineArgs,
    inputs: Inputs,
) -> Result<String, CliError> {
    let mut inputs = inputs;
    inputs.extend(book_input(&args.product.book));
    inputs.push(("the cover to respine", args.cover.clone()));
    for (flag, path) in [
        ("--spine", args.spine.spine.as_ref()),
        ("--font", args.spine.font.as_ref()),
    ] {
        inputs.extend(path.map(|p| (flag, p.clone())));
    }
    refuse_input(&args.output, &inputs)?;
    pdf_output(&args.output)?;
    let (product, trim, pages) = resolve(catalog, &args.product)?;
    let trim = trim.ok_or("--trim is required (or --interior to read it)")?;
    let to = product.layout(&trim, pages)?;
    crate::output::warn_layout(&to);
    let from_binding = args.from_binding.unwrap_or(args.product.binding);
    let from_product = catalog.product(args.from_vendor, from_binding, args.from_paper)?;
    let from = match (args.from_pages, &args.from_spine) {
        (Some(p), _) => from_product.layout(&trim, p),
        (None, Some(spine)) => {
            let spine: Length = spine.parse()?;
            from_product.layout_with_spine(&trim, pages, spine)
        }
        (None, None) => return Err("give --from-pages or --from-spine".into()),
    }?;
    if args.flap_color.is_some() && to.jacket().is_none() {
        return Err(format!(
            "--flap-color colours a dust jacket's flaps; a {} cover has none: leave it out",
            to.spec.binding
        )
        .into());
    }
    let barcode = match &args.isbn {
        Some(isbn) => Some((isbn.parse::<Isbn>()?, args.price.parse::<Price>()?)),
        None => None,
    };
    let flaps = match &args.flap_color {
        Some(c) => {
            let color = parse_cmyk("--flap-color", c)?;
            Some([
                Artwork::color("back flap colour", color),
                Artwork::color("front flap colour", color),
            ])
        }
        None => None,
    };
    let mut options = RespineOptions::for_binding(product.binding)
        .allow_scaling(args.allow_scaling)
        .extend(args.extend.parse::<Extend>()?)
        .color(crate::input::cover_color(&args.color, product.binding))
        .strict_color(args.strict_color);
    if let Some(pdfx) = crate::input::cover_pdfx(&args.color) {
        options.pdfx = Some(pdfx);
    }
    // A PDF/X cover is dated by its inputs, so the same inputs give the same bytes.
    let mut options = options.dated(podcover::files::source_date(
        &inputs.iter().map(|(_, p)| p.as_path()).collect::<Vec<_>>(),
    )?);
    options.barcode = barcode;
    options.flaps = flaps;
    options.allow_distortion = args.allow_distortion;
    if args.spine.given() {
        options.spine = Some(args.spine.art()?);
    }
    // Read no further than its structure: its images are copied from it into the new file by
    // the system as the new file is written.
    let cover = podcover::files::read_artwork(&args.cover)?;
    let mut respined = None;
    let written = podcover::files::write_atomic_file(&args.output, args.force, |file| {
        let result = podcover::cover::respine_to_file(&cover, &from, &to, options, file);
        let failed = result.is_err();
        respined = Some(result);
        match failed {
            true => Err(std::io::Error::other("the cover was not respined")),
            false => Ok(()),
        }
    });
    let report = match (respined, written) {
        // The library says what to do; the tool says which flags do it.
        (Some(Err(e)), _)
            if e.kind() == podcover::ErrorKind::Compose(ComposeProblem::SpineDistorted) =>
        {
            return Err(CliError::Message(format!(
                "{e} (--spine-text with --spine-color, --spine-color or --spine; or \
                 --allow-distortion)"
            )))
        }
        (Some(Err(e)), _) => return Err(e.into()),
        (_, Err(e)) => return force_advice(Err(e)),
        (Some(Ok(report)), Ok(())) => report,
        (None, Ok(())) => return Err("the cover was not respined".into()),
    };
    let how = if args.spine.given() {
        "drawn anew".to_string()
    } else {
        format!(
            "{} to {:.1}%",
            if report.spine_stretch < 1.0 {
                "shrunk"
            } else {
                "stretched"
            },
            report.spine_stretch * 100.0
        )
    };
    let mut out = format!(
        "wrote {}\n  spine {} -> {} ({how})\n  full width {} -> {}\n",
        args.output.display(),
        both(report.old_spine, Unit::In),
        both(report.new_spine, Unit::In),
        human(report.old_width, Unit::In),
        human(report.new_width, Unit::In)
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
    Ok(report_for(&args.output, out))
}
