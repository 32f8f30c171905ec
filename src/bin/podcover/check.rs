//! `podcover check`: preflight a finished cover PDF.

use std::path::Path;
use std::process::ExitCode;

use podcover::{
    catalog::{BindingId, PaperId, VendorId},
    preflight::{Finding, Verdict},
    Unit,
};
use serde::Serialize;

use crate::error::CliError;
use crate::input::{load_catalog, resolve};
use crate::output::{emit, note, num, pretty};
use crate::{Cli, ProductArgs};

/// `check --json`: the verdict and every finding.
#[derive(Serialize)]
struct CheckView<'a> {
    file: String,
    vendor: VendorId,
    binding: BindingId,
    paper: PaperId,
    pages: u32,
    status: Verdict,
    implied_spine: Option<f64>,
    unit: Unit,
    findings: &'a [Finding],
}

/// `podcover check`: exit 0 pass (warnings allowed), 1 fail, 2 usage or unreadable file.
pub(crate) fn run(cli: &Cli, cover: &Path, args: &ProductArgs) -> ExitCode {
    let result = (|| {
        let catalog = load_catalog(cli)?;
        let (product, trim, pages) = resolve(&catalog, args)?;
        let trim = trim.ok_or("--trim is required (or --interior to read it)")?;
        let layout = product.layout(&trim, pages)?;
        crate::output::warn_reading(&layout);
        let bytes = podcover::files::read_input(cover, podcover::files::Input::Pdf)?;
        let report =
            podcover::preflight::check(&catalog, &layout, &cover.display().to_string(), &bytes)?;
        Ok::<_, CliError>((layout, report))
    })();
    let (layout, report) = match result {
        Ok(r) => r,
        Err(message) => {
            note(&format!("podcover: {message}"));
            return ExitCode::from(2);
        }
    };
    let written = if cli.json {
        emit(&pretty(&CheckView {
            file: cover.display().to_string(),
            vendor: layout.spec.vendor,
            binding: layout.spec.binding,
            paper: layout.spec.paper,
            pages: layout.spec.pages,
            status: report.status,
            implied_spine: report.implied_spine.map(|s| num(s, cli.unit)),
            unit: cli.unit,
            findings: &report.findings,
        }))
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
        emit(&text)
    };
    // The report could not be given: that is an error (2), not the cover's verdict.
    if let Err(e) = written {
        if !matches!(e, CliError::Quiet) {
            note(&format!("podcover: {e}"));
        }
        return ExitCode::from(2);
    }
    match report.status {
        podcover::preflight::Verdict::Fail => ExitCode::FAILURE,
        _ => ExitCode::SUCCESS,
    }
}
