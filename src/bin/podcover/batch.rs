//! `podcover batch`: every title of a manifest for its vendors, with a report.

use std::path::Path;

use podcover::{batch, Catalog};

use crate::error::{force_advice, CliError};
use crate::output::{emit, note, note_inline};

pub(crate) fn run(
    catalog: &Catalog,
    manifest_path: &Path,
    out: &Path,
    force: bool,
    jobs: Option<usize>,
    memory: Option<u64>,
) -> Result<String, CliError> {
    use std::io::IsTerminal;
    let text = podcover::files::read_input_text(manifest_path, podcover::files::Input::Manifest)?;
    let manifest = batch::Manifest::parse(&manifest_path.display().to_string(), &text)?;
    let base = manifest_path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let mut options = batch::BatchOptions::new(base, out).force(force);
    if let Some(jobs) = jobs {
        options = options.threads(jobs);
    }
    if let Some(memory) = memory {
        options = options.memory(memory);
    }
    let total = manifest.book.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let terminal = std::io::stderr().is_terminal();
    let failures = std::sync::Mutex::new(Vec::new());
    let progress = |title: &batch::TitleReport| {
        let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        if terminal {
            let width = 30;
            let filled = n * width / total.max(1);
            note_inline(&format!(
                "\r[{}{}] {n}/{total} titles{}",
                "=".repeat(filled),
                " ".repeat(width - filled),
                if n == total { "\n" } else { "" }
            ));
        } else {
            let parts: Vec<String> = title
                .targets
                .iter()
                .map(|t| {
                    format!(
                        "{} {}",
                        t.target.stem(),
                        match t.status {
                            batch::Status::Built => "built",
                            batch::Status::Unchanged => "unchanged",
                            batch::Status::Failed => "FAILED",
                        }
                    )
                })
                .collect();
            note(&format!("[{n}/{total}] {}: {}", title.id, parts.join(", ")));
        }
        if let Ok(mut failures) = failures.lock() {
            failures.extend(title.targets.iter().filter_map(|t| {
                let error = t.error.as_deref()?;
                Some(format!(
                    "  {} {}: {error}\n",
                    title.id,
                    t.target.file_name()
                ))
            }));
        }
    };
    let report = match batch::run(catalog, &manifest, &options, &progress) {
        Ok(report) => report,
        Err(e) => {
            // The report could not be written: say why each cover failed all the same.
            let failures = failures.into_inner().unwrap_or_default();
            if !failures.is_empty() {
                emit(&failures.concat())?;
            }
            return force_advice(Err(e));
        }
    };
    let (built, unchanged, failed) = report.counts();
    let mut text = format!(
        "built {built}, unchanged {unchanged}, failed {failed}; report: {}\n",
        out.join("report.json").display()
    );
    text.push_str(&warnings_summary(&report));
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
    emit(&text)?;
    Err(format!("{failed} cover(s) failed").into())
}

/// `--memory`, as [`batch::parse_memory`] reads it.
pub(crate) fn memory_size(text: &str) -> Result<u64, String> {
    batch::parse_memory(text).map_err(|e| e.to_string())
}

/// Every warning of the run, once each: with its cover, or with how many covers share it.
fn warnings_summary(report: &batch::Report) -> String {
    let mut seen: Vec<(String, Vec<String>)> = Vec::new();
    for title in &report.titles {
        for t in &title.targets {
            for w in &t.warnings {
                let cover = format!("{} {}", title.id, t.target.file_name());
                match seen.iter_mut().find(|(text, _)| text == w) {
                    Some((_, covers)) => covers.push(cover),
                    None => seen.push((w.clone(), vec![cover])),
                }
            }
        }
    }
    if seen.is_empty() {
        return String::new();
    }
    let count: usize = seen.iter().map(|(_, c)| c.len()).sum();
    let mut out = format!("{count} warning(s):\n");
    for (text, covers) in seen {
        match covers.as_slice() {
            [one] => out.push_str(&format!("  {one}: {text}\n")),
            [first, ..] => out.push_str(&format!(
                "  {text} ({} covers, e.g. {first})\n",
                covers.len()
            )),
            [] => {}
        }
    }
    out
}
