//! `podcover reading add|list`: spine widths a user read off their vendors' templates, kept in a
//! file of their own and applied by every command.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use podcover::{
    BindingId, Catalog, Length, PaperId, Readings, TrimSize, Unit, UserReading, VendorId,
};

use crate::error::CliError;
use crate::output::pretty;

#[derive(Subcommand)]
pub(crate) enum ReadingCommand {
    /// Record what a vendor's template said: the spine width for a product and page count.
    Add(AddArgs),
    /// List the recorded readings with the model's width and the difference.
    List {
        /// Also list the readings built into the stock files.
        #[arg(long)]
        all: bool,
    },
}

#[derive(Args)]
pub(crate) struct AddArgs {
    /// Vendor id.
    #[arg(long)]
    vendor: VendorId,
    /// Binding id.
    #[arg(long, default_value = "paperback")]
    binding: BindingId,
    /// Paper id.
    #[arg(long)]
    paper: PaperId,
    /// The page count the template was made for.
    #[arg(long)]
    pages: u32,
    /// The spine width on the template, with its unit: 0.889in, 22.58mm, 64pt.
    #[arg(long)]
    spine: String,
    /// The trim the template was for (optional; spines do not depend on it).
    #[arg(long)]
    trim: Option<String>,
    /// Where the figure comes from, e.g. "my template, 2026-11-20".
    #[arg(long)]
    source: String,
}

/// Where readings are kept: `--readings`, else `PODCOVER_READINGS`, else `readings.toml` in the
/// platform's configuration folder.
pub(crate) fn readings_path(flag: Option<&Path>) -> Option<PathBuf> {
    if let Some(path) = flag {
        return Some(path.to_path_buf());
    }
    if let Some(path) = std::env::var_os("PODCOVER_READINGS").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    config_dir().map(|dir| dir.join("podcover").join("readings.toml"))
}

/// The platform's folder for a user's configuration.
fn config_dir() -> Option<PathBuf> {
    let var = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if cfg!(windows) {
        var("APPDATA")
    } else if cfg!(target_os = "macos") {
        var("HOME").map(|h| h.join("Library").join("Application Support"))
    } else {
        var("XDG_CONFIG_HOME").or_else(|| var("HOME").map(|h| h.join(".config")))
    }
}

/// The readings in `path`; none when the file does not exist.
pub(crate) fn load(path: &Path) -> Result<Readings, CliError> {
    let text = match podcover::read_input_text(path, podcover::Input::Readings) {
        Err(e) if e.io_kind() == Some(std::io::ErrorKind::NotFound) => {
            return Ok(Readings::default())
        }
        text => text?,
    };
    Ok(Readings::parse(&path.display().to_string(), &text)?)
}

/// The catalog with the readings in `path` applied.
pub(crate) fn apply(catalog: Catalog, path: Option<&Path>) -> Result<Catalog, CliError> {
    let Some(path) = path else {
        return Ok(catalog);
    };
    let readings = load(path)?;
    if readings.entries.is_empty() {
        return Ok(catalog);
    }
    catalog
        .with_readings(&path.display().to_string(), &readings)
        .map_err(CliError::from)
}

pub(crate) fn run(
    catalog: &Catalog,
    command: &ReadingCommand,
    path: Option<&Path>,
    unit: Unit,
    as_json: bool,
) -> Result<String, CliError> {
    let path = path.ok_or(
        "no place for readings: give --readings FILE or set PODCOVER_READINGS (no configuration folder was found)",
    )?;
    match command {
        ReadingCommand::Add(args) => add(catalog, args, path),
        ReadingCommand::List { all } => list(catalog, path, *all, unit, as_json),
    }
}

fn add(catalog: &Catalog, args: &AddArgs, path: &Path) -> Result<String, CliError> {
    let spine: Length = args.spine.parse()?;
    let trim = args
        .trim
        .as_deref()
        .map(str::parse::<TrimSize>)
        .transpose()?;
    let mut readings = load(path)?;
    readings.add(UserReading {
        vendor: args.vendor,
        binding: args.binding,
        paper: args.paper,
        pages: args.pages,
        spine,
        trim,
        source: args.source.clone(),
        added: today(),
    });
    // Checked against the catalog before it is written.
    let checked = catalog.with_readings(&path.display().to_string(), &readings)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    if std::fs::symlink_metadata(path).is_ok_and(|m| !m.is_file()) {
        return Err(format!(
            "readings file {} is not a regular file; it is left as it is",
            path.display()
        )
        .into());
    }
    podcover::write_atomic(path, readings.to_toml().as_bytes(), true)?;
    let file = path.display().to_string();
    let mut out = format!("recorded in {file}\n");
    if let Some(check) = checked
        .reading_checks()
        .into_iter()
        .rfind(|c| c.reading.file == file)
    {
        out.push_str(&check_line(&check, Unit::In));
        out.push('\n');
    }
    Ok(out)
}

fn list(
    catalog: &Catalog,
    path: &Path,
    all: bool,
    unit: Unit,
    as_json: bool,
) -> Result<String, CliError> {
    let file = path.display().to_string();
    let checks: Vec<_> = catalog
        .reading_checks()
        .into_iter()
        .filter(|c| all || c.reading.file == file)
        .collect();
    if as_json {
        return Ok(pretty(&checks));
    }
    if checks.is_empty() {
        return Ok(format!(
            "no readings in {file}; record one with `podcover reading add`\n"
        ));
    }
    let mut out = format!(
        "{:<40} {:>6} {:>11} {:>11} {:>11}  source\n",
        "product", "pages", "reading", "model", "difference"
    );
    for c in &checks {
        out.push_str(&check_line(c, unit));
        out.push('\n');
    }
    Ok(out)
}

fn check_line(c: &podcover::ReadingCheck, unit: Unit) -> String {
    let p = unit.precision().min(4);
    let signed = |l: Length| format!("{:+.p$}{unit}", l.to(unit));
    let mut line = format!(
        "{:<40} {:>6} {:>11} {:>11} {:>11}  {} ({})",
        format!("{} {} {}", c.vendor, c.binding, c.paper),
        c.reading.pages,
        format!("{:.p$}{unit}", c.reading.spine.to(unit)),
        format!("{:.p$}{unit}", c.model.to(unit)),
        signed(c.difference),
        c.reading.source.title,
        c.reading.source.date,
    );
    if c.flagged {
        line.push_str(&format!(
            "  FLAGGED: more than the vendor's {} tolerance from the model; check the figure",
            c.tolerance.display(unit)
        ));
    }
    line
}

/// Today's date in UTC, `YYYY-MM-DD`.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}
