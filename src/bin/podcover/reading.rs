//! `podcover reading add|list`: spine widths a user read off their vendors' templates, kept in a
//! file of their own and applied by every command that computes a spine.

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clap::{Args, Subcommand};
use podcover::{
    catalog::{BindingId, PaperId, ReadingKey, Readings, UserReading, VendorId},
    Catalog, Length, TrimSize, Unit,
};
use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, Value};

use crate::error::CliError;
use crate::output::{note, pretty};

#[derive(Subcommand)]
pub(crate) enum ReadingCommand {
    /// Record what a vendor's template said: the spine width for a product and page count. It
    /// replaces an earlier reading for the same spine (the same product, under any of the
    /// vendor's names, and the same page count as the vendor counts it).
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
    /// The spine width on the template, with its unit: 0.889in, 22.58mm, 64pt (kept as
    /// written).
    #[arg(long)]
    spine: String,
    /// The trim the template was for (optional; spines do not depend on it).
    #[arg(long)]
    trim: Option<String>,
    /// Where the figure comes from, e.g. "my template, 2026-11-20" (at most 200 characters).
    #[arg(long)]
    source: String,
}

/// The longest `--spine` or `--trim` text kept in the file, in characters.
const MAX_VALUE_CHARS: usize = 32;

/// How long `reading add` waits for another one to finish with the file.
const LOCK_WAIT: Duration = Duration::from_secs(30);

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

/// The text of the readings file at `path`; empty when the file does not exist.
fn read_text(path: &Path) -> Result<String, CliError> {
    match podcover::files::read_input_text(path, podcover::files::Input::Readings) {
        Err(e) if e.io_kind() == Some(std::io::ErrorKind::NotFound) => Ok(String::new()),
        text => Ok(text?),
    }
}

/// The catalog with the readings in `path` applied. Readings it has no product for are left
/// out; with `note_unused`, a note on standard error says so.
pub(crate) fn apply(
    catalog: Catalog,
    path: Option<&Path>,
    note_unused: bool,
) -> Result<Catalog, CliError> {
    let Some(path) = path else {
        return Ok(catalog);
    };
    let file = path.display().to_string();
    let readings = Readings::parse(&file, &read_text(path)?)?;
    if readings.entries.is_empty() {
        return Ok(catalog);
    }
    let catalog = catalog.with_readings(&file, &readings)?;
    if note_unused {
        note_unused_readings(&catalog, &file);
    }
    Ok(catalog)
}

/// One note for the readings the catalog left out: they stay in the file.
fn note_unused_readings(catalog: &Catalog, file: &str) {
    const SHOWN: usize = 5;
    let unused = catalog.unused_readings();
    match unused {
        [] => {}
        [one] => note(&format!(
            "podcover: note: {file}: {one}; it is not used, and stays in the file"
        )),
        _ => {
            let mut text = format!(
                "podcover: note: {file}: {} readings are not used, and stay in the file:",
                unused.len()
            );
            for u in unused.iter().take(SHOWN) {
                text.push_str(&format!("\n  {u}"));
            }
            if unused.len() > SHOWN {
                text.push_str(&format!(
                    "\n  and {} more (podcover reading list)",
                    unused.len() - SHOWN
                ));
            }
            note(&text);
        }
    }
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
        ReadingCommand::Add(args) => add(catalog, args, path, unit),
        ReadingCommand::List { all } => list(catalog, path, *all, unit, as_json),
    }
}

/// `--spine` or `--trim` as written, within [`MAX_VALUE_CHARS`].
fn value_text<'a>(flag: &str, text: &'a str, example: &str) -> Result<&'a str, CliError> {
    let text = text.trim();
    if text.chars().count() > MAX_VALUE_CHARS {
        let shown: String = text.chars().take(MAX_VALUE_CHARS).collect();
        return Err(format!(
            "invalid {flag} \"{shown}...\": expected at most {MAX_VALUE_CHARS} characters, e.g. {example}"
        )
        .into());
    }
    Ok(text)
}

/// Records a reading: under the file's lock, the file is read, the reading put in the place of
/// an earlier one for the same spine (or at the end), checked to read back, and replaced
/// whole. `catalog` is without the file's readings.
fn add(catalog: &Catalog, args: &AddArgs, path: &Path, unit: Unit) -> Result<String, CliError> {
    let spine_text = value_text("--spine", &args.spine, "0.889in or 22.58mm")?;
    let spine: Length = spine_text.parse()?;
    let trim_text = args
        .trim
        .as_deref()
        .map(|t| value_text("--trim", t, "6x9 or 152x229mm"))
        .transpose()?;
    let trim = trim_text.map(str::parse::<TrimSize>).transpose()?;
    let reading = UserReading {
        vendor: args.vendor,
        binding: args.binding,
        paper: args.paper,
        pages: args.pages,
        spine,
        trim,
        source: args.source.clone(),
        added: today(),
    };
    let key = catalog.check_reading(&reading)?;
    // Recorded under the product's own ids (`lsi` becomes `ingramspark`).
    let reading = UserReading {
        vendor: key.vendor,
        binding: key.binding,
        paper: key.paper,
        ..reading
    };
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
    let file = path.display().to_string();
    let _lock = lock(path)?;
    let text = read_text(path)?;
    let before = Readings::parse(&file, &text)?;
    let same = before.same_spine(catalog, key);
    let table = reading_table(key, &reading, spine_text, trim_text);
    let edited =
        edit(&text, &same, table).map_err(|e| format!("cannot edit readings file {file}: {e}"))?;
    if edited.len() > Readings::MAX_BYTES {
        return Err(format!(
            "readings file {file} would grow to {} bytes, over the {} bytes (1 MiB) it may hold; \
             remove readings you no longer need and add this one again",
            edited.len(),
            Readings::MAX_BYTES
        )
        .into());
    }
    // What is written must read back: the same readings, this one in the place of the first
    // it replaces.
    let after = Readings::parse(&file, &edited)?;
    let mut expected = before.clone();
    let replaced = expected.add(catalog, reading)?;
    if after != expected {
        return Err(format!("cannot edit readings file {file}: the edited file reads back differently; it is left as it was").into());
    }
    let applied = catalog.with_readings(&file, &after)?;
    podcover::files::write_atomic(path, edited.as_bytes(), true)?;
    note_unused_readings(&applied, &file);
    let mut out = format!("recorded in {file}");
    match replaced.as_slice() {
        [] => out.push('\n'),
        [one] => out.push_str(&format!(", replacing the reading {}\n", describe_user(one))),
        many => {
            out.push_str(&format!(", replacing {} readings:\n", many.len()));
            for r in many {
                out.push_str(&format!("  {}\n", describe_user(r)));
            }
        }
    }
    let product = applied.product(key.vendor, key.binding, key.paper)?;
    if let Some(check) = product.reading_check(key.pages) {
        out.push_str(&check_line(&check, unit));
        out.push('\n');
    }
    Ok(out)
}

/// A user's reading in one line: `lsi paperback cream 318 pages, 0.7992in (t1, 2026-12-06)`.
fn describe_user(r: &UserReading) -> String {
    format!(
        "{} {} {} {} pages, {:.4} ({}, {})",
        r.vendor, r.binding, r.paper, r.pages, r.spine, r.source, r.added
    )
}

/// The `[[reading]]` table of a new reading: the product's own ids, the page count, spine and
/// trim as the user wrote them.
fn reading_table(key: ReadingKey, reading: &UserReading, spine: &str, trim: Option<&str>) -> Table {
    let mut table = Table::new();
    table.insert("vendor", toml_edit::value(key.vendor.as_str()));
    table.insert("binding", toml_edit::value(key.binding.as_str()));
    table.insert("paper", toml_edit::value(key.paper.as_str()));
    table.insert("pages", toml_edit::value(i64::from(reading.pages)));
    table.insert("spine", toml_edit::value(spine));
    if let Some(trim) = trim {
        table.insert("trim", toml_edit::value(trim));
    }
    table.insert("source", toml_edit::value(reading.source.as_str()));
    table.insert("added", toml_edit::value(reading.added.as_str()));
    table
}

/// The file's first line, when `reading add` creates it.
const HEADER: &str =
    "# Spine widths read off vendors' templates, recorded with `podcover reading add`.\n\n";

/// `text` with `table` recorded: in the place of the first of the readings at `same` (keeping
/// the comments above it, and gathering there those above the others, which are removed), or
/// at the end. Everything else stays as the user wrote it; readings written as an inline array
/// (`reading = [{ ... }]`) stay so.
fn edit(text: &str, same: &[usize], mut table: Table) -> Result<String, String> {
    let mut doc: DocumentMut = text.parse().map_err(|e| format!("{e}"))?;
    match doc.get_mut("reading") {
        None => {
            // Comments in a file without readings follow the last table; they stay on top.
            let trailing = doc.trailing().as_str().unwrap_or_default();
            let prefix = if trailing.trim().is_empty() {
                HEADER.to_string()
            } else {
                format!("{trailing}\n")
            };
            table.decor_mut().set_prefix(prefix);
            let mut tables = ArrayOfTables::new();
            tables.push(table);
            doc.insert("reading", Item::ArrayOfTables(tables));
            doc.set_trailing("");
        }
        Some(Item::ArrayOfTables(tables)) => edit_tables(tables, same, table)?,
        Some(Item::Value(Value::Array(array))) => {
            edit_inline(array, same, Value::InlineTable(table.into_inline_table()))?;
        }
        Some(_) => return Err("its `reading` is not a list of readings".into()),
    }
    Ok(doc.to_string())
}

/// [`edit`] for `[[reading]]` tables.
fn edit_tables(tables: &mut ArrayOfTables, same: &[usize], mut table: Table) -> Result<(), String> {
    let missing = |i: usize| format!("reading {} is not in the file", i + 1);
    let Some((&first, rest)) = same.split_first() else {
        table.decor_mut().set_prefix("\n");
        tables.push(table);
        return Ok(());
    };
    let old = tables.get(first).ok_or_else(|| missing(first))?;
    let mut prefix = prefix_of(old);
    table.set_position(old.position());
    // Later ones first, so that the positions before them hold.
    for &i in rest.iter().rev() {
        if i >= tables.len() {
            return Err(missing(i));
        }
        let removed = tables.remove(i);
        for line in prefix_of(&removed).lines() {
            if line.trim_start().starts_with('#') {
                prefix.push_str(line);
                prefix.push('\n');
            }
        }
    }
    table.decor_mut().set_prefix(prefix);
    tables.replace(first, table);
    Ok(())
}

/// [`edit`] for an inline array of readings: the new one is laid out as the one it replaces,
/// or as the last one.
fn edit_inline(array: &mut Array, same: &[usize], mut value: Value) -> Result<(), String> {
    let missing = |i: usize| format!("reading {} is not in the file", i + 1);
    let Some((&first, rest)) = same.split_first() else {
        // On a line of its own, indented as the last one, where that one is.
        let last_prefix = array
            .iter()
            .last()
            .and_then(|last| last.decor().prefix())
            .and_then(|p| p.as_str());
        match last_prefix.and_then(|p| p.rfind('\n').map(|at| &p[at..])) {
            Some(indent) => {
                value.decor_mut().set_prefix(indent.to_string());
                array.push_formatted(value);
            }
            None => array.push(value),
        }
        return Ok(());
    };
    for &i in rest.iter().rev() {
        if i >= array.len() {
            return Err(missing(i));
        }
        array.remove(i);
    }
    let old = array.get(first).ok_or_else(|| missing(first))?;
    *value.decor_mut() = old.decor().clone();
    array.replace_formatted(first, value);
    Ok(())
}

/// What a table's header is preceded by: blank lines and comments.
fn prefix_of(table: &Table) -> String {
    table
        .decor()
        .prefix()
        .and_then(|p| p.as_str())
        .unwrap_or("\n")
        .to_string()
}

/// Waits for, then holds, the lock that lets one `reading add` at a time change the readings
/// file: an advisory lock on a companion file, `.<name>.lock` beside it. The readings file itself
/// is replaced whole on every change, so a lock on it would be on a file that is gone by the
/// time the next writer gets it; the companion is never replaced (nor removed, which would let
/// two writers lock two files). The lock ends when the returned file is dropped, or the process
/// ends.
fn lock(path: &Path) -> Result<File, CliError> {
    let name = path
        .file_name()
        .ok_or_else(|| format!("readings path {} names no file", path.display()))?;
    let lock_path = path.with_file_name(format!(".{}.lock", name.to_string_lossy()));
    let shown = lock_path.display();
    if std::fs::symlink_metadata(&lock_path).is_ok_and(|m| !m.is_file()) {
        return Err(
            format!("lock file {shown} is not a regular file; remove it and try again").into(),
        );
    }
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| format!("cannot open lock file {shown}: {e}"))?;
    let deadline = Instant::now() + LOCK_WAIT;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(TryLockError::WouldBlock) => {
                return Err(format!(
                    "readings file {} is in use: another `podcover reading add` (or another \
                     program) has held its lock {shown} for {} s; try again when it has finished",
                    path.display(),
                    LOCK_WAIT.as_secs()
                )
                .into())
            }
            Err(TryLockError::Error(e)) => {
                return Err(format!("cannot lock {shown}: {e}").into());
            }
        }
    }
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
    let unused = catalog.unused_readings();
    if as_json {
        // The JSON lists the readings in use; those left out are noted.
        note_unused_readings(catalog, &file);
        return Ok(pretty(&checks));
    }
    let mut out = String::new();
    if checks.is_empty() && unused.is_empty() {
        return Ok(format!(
            "no readings in {file}; record one with `podcover reading add`\n"
        ));
    }
    if !checks.is_empty() {
        out.push_str(&format!(
            "{:<40} {:>6} {:>11} {:>11} {:>11}  source\n",
            "product", "pages", "reading", "model", "difference"
        ));
        for c in &checks {
            out.push_str(&check_line(c, unit));
            out.push('\n');
        }
    }
    if !unused.is_empty() {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&format!("not used (they stay in {file}):\n"));
        for u in unused {
            out.push_str(&format!("  {u}\n"));
        }
    }
    Ok(out)
}

fn check_line(c: &podcover::catalog::ReadingCheck, unit: Unit) -> String {
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
