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

/// `--memory`: a size in bytes with an optional K, M, G or T (powers of 1024, also written
/// KiB or KB, ...), e.g. `2G`, `1.5G`, `512MiB`.
pub(crate) fn parse_memory(text: &str) -> Result<u64, String> {
    let bad = || {
        format!(
            "invalid memory size {text:?}: expected a size with K, M or G, e.g. 2G, 1.5G or 512M"
        )
    };
    let lower = text.trim().to_ascii_lowercase();
    let number = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let unit: u64 = match &lower[number.len()..] {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        "t" | "tb" | "tib" => 1 << 40,
        _ => return Err(bad()),
    };
    let value: f64 = number.trim().parse().map_err(|_| bad())?;
    let bytes = value * unit as f64;
    if !(1.0..=u64::MAX as f64).contains(&bytes) {
        return Err(bad());
    }
    Ok(bytes as u64)
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

#[cfg(test)]
mod tests {
    use super::parse_memory;

    #[test]
    fn memory_sizes_in_powers_of_1024() {
        assert_eq!(parse_memory("2G"), Ok(2 << 30));
        assert_eq!(parse_memory("1.5gib"), Ok(3 << 29));
        assert_eq!(parse_memory("512MB"), Ok(512 << 20));
        assert_eq!(parse_memory("4096"), Ok(4096));
        for bad in ["0", "", "-1G", "2Q", "G", "1e30G"] {
            assert_eq!(
                parse_memory(bad),
                Err(format!(
                    "invalid memory size {bad:?}: expected a size with K, M or G, e.g. 2G, 1.5G \
                     or 512M"
                ))
            );
        }
    }
}
