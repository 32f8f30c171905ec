//! What a hostile or careless user can do to the command-line tool: each case runs the binary
//! in a child process with a memory limit (`prlimit --as`) and a time limit, so that an abort,
//! a runaway allocation or a hang fails its test instead of taking the run down.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{scratch, solid_pdf};

/// Address space a child may use: far more than any of these inputs needs, far less than the
/// gigabytes the unfixed bugs took.
const MEMORY: &str = "--as=2147483648";

/// What a child did.
struct Outcome {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs podcover with `args` under [`MEMORY`], killed after `limit`; `stderr` is where its
/// standard error goes (None: captured).
fn run_limited(
    dir: &Path,
    args: &[&str],
    limit: Duration,
    stderr: Option<std::fs::File>,
) -> Outcome {
    run_within(dir, args, MEMORY, limit, stderr)
}

/// Runs podcover with `args` under the address-space limit `memory` (`--as=BYTES`).
fn run_within(
    dir: &Path,
    args: &[&str],
    memory: &str,
    limit: Duration,
    stderr: Option<std::fs::File>,
) -> Outcome {
    let out_path = dir.join(format!(".stdout-{}", args.join("_").len()));
    let err_path = dir.join(format!(".stderr-{}", args.join("_").len()));
    let captured = stderr.is_none();
    let mut child = Command::new("prlimit")
        .arg(memory)
        .arg(env!("CARGO_BIN_EXE_podcover"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(match stderr {
            Some(file) => Stdio::from(file),
            None => Stdio::from(std::fs::File::create(&err_path).unwrap()),
        })
        .spawn()
        .expect("prlimit (util-linux) runs");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > limit {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("podcover {args:?} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let read = |p: &Path| String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into();
    let outcome = Outcome {
        code: status.code(),
        stdout: read(&out_path),
        stderr: if captured {
            read(&err_path)
        } else {
            String::new()
        },
    };
    let _ = std::fs::remove_file(&out_path);
    let _ = std::fs::remove_file(&err_path);
    outcome
}

fn podcover(dir: &Path, args: &[&str]) -> Outcome {
    run_limited(dir, args, Duration::from_secs(60), None)
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

fn finding(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/findings")
        .join(name)
        .display()
        .to_string()
}

const BOOK: [&str; 8] = [
    "--vendor", "kdp", "--paper", "white", "--trim", "6x9", "--pages", "300",
];

fn args<'a>(head: &[&'a str], tail: &[&'a str]) -> Vec<&'a str> {
    head.iter().chain(tail).copied().collect()
}

/// A folder with 6x9 in front and back artwork.
fn with_artwork(tag: &str) -> PathBuf {
    let dir = scratch(tag);
    let art = solid_pdf([450.0, 666.0], 9.0, [1.0, 0.0, 0.0]);
    std::fs::write(dir.join("front.pdf"), &art).unwrap();
    std::fs::write(dir.join("back.pdf"), &art).unwrap();
    dir
}

fn manifest(titles: usize, front: &str) -> String {
    (0..titles)
        .map(|i| {
            format!(
                "[[book]]\nid = \"t{i}\"\ntrim = \"6x9\"\npages = {}\nfront = \"{front}\"\n\
                 back = \"back.pdf\"\nspine_color = [0, 0, 0, 1]\n[[book.target]]\n\
                 vendor = \"kdp\"\nbinding = \"paperback\"\npaper = \"white\"\n",
                200 + 2 * i
            )
        })
        .collect()
}

/// Item 6: an object stream holding 100 million integers (195 KB) made lopdf allocate 8-16 GB
/// and abort, in `batch` with no report written.
#[test]
fn an_object_stream_of_100_million_integers_is_refused() {
    let dir = with_artwork("objstm");
    let file = finding("objstm-array-100m-integers.pdf");
    let out = podcover(&dir, &args(&["check", &file], &BOOK));
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "the file holds more than 8388608 objects (numbers, names, arrays, ...) outside its \
             images and page content; it is malformed or hostile"
        ),
        "{}",
        out.stderr
    );
    std::fs::copy(&file, dir.join("bomb.pdf")).unwrap();
    std::fs::write(dir.join("m.toml"), manifest(2, "bomb.pdf")).unwrap();
    let out = podcover(&dir, &["batch", "m.toml", "--out", "covers"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    let report = std::fs::read_to_string(dir.join("covers/report.json")).unwrap();
    assert!(
        report.contains("holds more than 8388608 objects"),
        "{report}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Item 7: `check` on 8.6 KB of 4 million nested `q` took 2.7 GB and 5 s.
#[test]
fn four_million_nested_saves_are_read_in_part() {
    let dir = scratch("nested-q");
    let file = finding("content-nested-q-4m.pdf");
    // run_limited fails the test if `check` runs longer than the limit.
    let out = run_limited(
        &dir,
        &args(&["check", &file], &BOOK),
        Duration::from_secs(30),
        None,
    );
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(
        out.stdout.contains("content checks are partial"),
        "{}",
        out.stdout
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Item 8: batch panicked (exit 101) when stderr could not be written, and wrote no report.
#[test]
fn batch_goes_on_when_stderr_cannot_be_written() {
    let dir = with_artwork("stderr-full");
    std::fs::write(dir.join("m.toml"), manifest(3, "front.pdf")).unwrap();
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = run_limited(
        &dir,
        &["batch", "m.toml", "--out", "covers"],
        Duration::from_secs(60),
        Some(full),
    );
    assert_eq!(out.code, Some(0));
    assert!(out.stdout.starts_with("built 3, unchanged 0, failed 0"));
    assert!(dir.join("covers/report.json").is_file());
    // A closed pipe as stderr: the reader is gone before the batch starts.
    let mut child = Command::new(env!("CARGO_BIN_EXE_podcover"))
        .args(["batch", "m.toml", "--out", "covers2"])
        .current_dir(&dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
    assert!(dir.join("covers2/report.json").is_file());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Item 9: a batch killed midway left covers that every later run refused, and a stale
/// temporary file.
#[test]
fn a_killed_batch_is_recovered_by_a_plain_rerun() {
    let dir = with_artwork("killed");
    // Enough titles that the batch is still running when its journal shows the first few.
    std::fs::write(dir.join("m.toml"), manifest(300, "front.pdf")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_podcover"))
        .args(["batch", "m.toml", "--out", "covers", "--jobs", "1"])
        .current_dir(&dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let journal = dir.join("covers/report.json.journal");
    let journal_lines = || {
        std::fs::read(&journal)
            .map(|j| j.iter().filter(|b| **b == b'\n').count())
            .unwrap_or(0)
    };
    wait_for("three journal lines", || journal_lines() >= 3);
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        !dir.join("covers/report.json").exists(),
        "the batch ended first"
    );
    // As a write cut short would leave it.
    std::fs::write(
        dir.join("covers/t39/.kdp-paperback-white.pdf.4000000000.tmp"),
        b"half",
    )
    .ok();
    let out = podcover(&dir, &["batch", "m.toml", "--out", "covers"]);
    assert_eq!(out.code, Some(0), "{}{}", out.stdout, out.stderr);
    assert!(!out.stdout.contains("not the file podcover wrote"));
    assert!(!journal.exists());
    let stale: Vec<_> = walk(&dir.join("covers"))
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(stale.is_empty(), "{stale:?}");
    // Two batches on one folder: the second is refused while the first runs.
    std::fs::write(dir.join("m.toml"), manifest(300, "back.pdf")).unwrap();
    let mut first = Command::new(env!("CARGO_BIN_EXE_podcover"))
        .args(["batch", "m.toml", "--out", "covers", "--jobs", "1"])
        .current_dir(&dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for("the first batch's journal", || journal.exists());
    let second = podcover(&dir, &["batch", "m.toml", "--out", "covers"]);
    assert_eq!(second.code, Some(1));
    assert!(
        second
            .stderr
            .contains("another podcover batch is writing there; wait for it to finish"),
        "{}",
        second.stderr
    );
    assert_eq!(first.wait().unwrap().code(), Some(0));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Polls `done` every 5 ms for at most 60 s; fails the test, naming `what`, if it never holds.
#[track_caller]
fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "waited 60 s for {what}"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found
}

/// Items 10 and 11: a FIFO anywhere podcover reads hung it; /dev/zero read until memory ran
/// out; no read had a size limit.
#[test]
fn inputs_that_never_end_are_refused_before_they_are_read() {
    let dir = with_artwork("fifo");
    let fifo = dir.join("pipe");
    mkfifo(&fifo);
    let fifo = fifo.display().to_string();
    let compose = |front: &str, extra: &[&str]| {
        let mut a = vec![
            "compose", "--front", front, "--back", "back.pdf", "-o", "c.pdf",
        ];
        a.extend_from_slice(&BOOK);
        a.extend_from_slice(extra);
        podcover(&dir, &a)
    };
    let cases: Vec<(Outcome, &str)> = vec![
        (
            compose(&fifo, &[]),
            "a FIFO (named pipe), not a regular file; give an artwork file",
        ),
        (
            compose("/dev/zero", &[]),
            "cannot read artwork /dev/zero: a character device, not a regular file; give an artwork file",
        ),
        (
            compose(
                "front.pdf",
                &["--spine-text", "Title", "--font", "/dev/zero"],
            ),
            "a character device, not a regular file; give a font",
        ),
        (
            podcover(&dir, &args(&["--stocks", &fifo, "vendors"], &[])),
            "a FIFO (named pipe), not a regular file; give a stock file",
        ),
        (
            podcover(&dir, &args(&["--stocks", "/dev/zero", "vendors"], &[])),
            "a character device, not a regular file; give a stock file",
        ),
        (
            podcover(&dir, &["batch", &fifo, "--out", "covers"]),
            "a FIFO (named pipe), not a regular file; give a manifest",
        ),
        (
            podcover(&dir, &["batch", "/dev/zero", "--out", "covers"]),
            "a character device, not a regular file; give a manifest",
        ),
    ];
    for (out, expected) in cases {
        assert_eq!(out.code, Some(1), "{}", out.stderr);
        assert!(out.stderr.contains(expected), "{expected}: {}", out.stderr);
    }
    let check = podcover(&dir, &args(&["check", &fifo], &BOOK));
    assert_eq!(check.code, Some(2));
    assert!(check
        .stderr
        .contains("a FIFO (named pipe), not a regular file; give a PDF"));
    // A stock file over its 1 MiB limit is refused with the limit named.
    let big = dir.join("big.toml");
    std::fs::write(&big, vec![b'#'; 2 << 20]).unwrap();
    let out = podcover(&dir, &["--stocks", "big.toml", "vendors"]);
    assert!(
        out.stderr.contains(
            "the stock file is larger than 1 MiB (2097152 bytes), the limit for a stock file"
        ),
        "{}",
        out.stderr
    );
    // In a batch: a FIFO as report.json, as a cover, and as artwork.
    std::fs::write(dir.join("m.toml"), manifest(1, "pipe")).unwrap();
    let out = podcover(&dir, &["batch", "m.toml", "--out", "covers"]);
    assert_eq!(out.code, Some(1));
    assert!(
        out.stdout
            .contains("a FIFO (named pipe), not a regular file; give an artwork file"),
        "{}",
        out.stdout
    );
    std::fs::write(dir.join("m.toml"), manifest(1, "front.pdf")).unwrap();
    std::fs::create_dir_all(dir.join("c2/t0")).unwrap();
    mkfifo(&dir.join("c2/t0/kdp-paperback-white.pdf"));
    let out = podcover(&dir, &["batch", "m.toml", "--out", "c2", "--force"]);
    assert_eq!(out.code, Some(1));
    assert!(
        out.stdout.contains(
            "kdp-paperback-white.pdf is a FIFO (named pipe), not a regular file; podcover \
             replaces only regular files: remove it"
        ),
        "{}",
        out.stdout
    );
    std::fs::create_dir_all(dir.join("c3")).unwrap();
    mkfifo(&dir.join("c3/report.json"));
    let out = podcover(&dir, &["batch", "m.toml", "--out", "c3", "--force"]);
    assert_eq!(out.code, Some(1));
    assert!(
        out.stderr
            .contains("it is a FIFO (named pipe); podcover replaces only a regular report.json"),
        "{}",
        out.stderr
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Item 13: errors writing standard output were ignored (exit 0).
#[test]
fn errors_writing_standard_output_fail_the_command() {
    let dir = scratch("stdout-full");
    let full = |a: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_podcover"))
            .args(a)
            .stdout(
                std::fs::OpenOptions::new()
                    .write(true)
                    .open("/dev/full")
                    .unwrap(),
            )
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8(out.stderr).unwrap())
    };
    let expected =
        "podcover: cannot write to standard output: No space left on device (os error 28)\n";
    assert_eq!(full(&["vendors"]), (Some(1), expected.to_string()));
    assert_eq!(
        full(&args(&["layout", "--json"], &BOOK)),
        (Some(1), expected.to_string())
    );
    // check: 2, as for other errors that are not the cover's verdict.
    std::fs::write(
        dir.join("c.pdf"),
        solid_pdf([450.0, 666.0], 9.0, [0.0, 0.0, 0.0]),
    )
    .unwrap();
    let c = dir.join("c.pdf").display().to_string();
    assert_eq!(
        full(&args(&["check", &c], &BOOK)),
        (Some(2), expected.to_string())
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Items 2, 5, 14 and 17: --force and special files, partial output, duplicate vendors,
/// /dev/stdout.
#[test]
fn outputs_replace_only_regular_files_and_write_all_or_nothing() {
    let dir = scratch("outputs");
    let template = |extra: &[&str]| {
        let mut a = vec![
            "template", "--paper", "white", "--trim", "6x9", "--pages", "100",
        ];
        a.extend_from_slice(extra);
        podcover(&dir, &a)
    };
    // --force writes into /dev/null and leaves it a device.
    let out = template(&["--vendor", "kdp", "-o", "/dev/null", "--force"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device());
    // A link is neither replaced nor written through.
    std::fs::write(dir.join("mine.pdf"), b"mine").unwrap();
    std::os::unix::fs::symlink(dir.join("mine.pdf"), dir.join("link.pdf")).unwrap();
    let out = template(&["--vendor", "kdp", "-o", "link.pdf", "--force"]);
    assert_eq!(out.code, Some(1));
    assert!(
        out.stderr
            .contains("link.pdf is a symbolic link; podcover does not replace links"),
        "{}",
        out.stderr
    );
    assert!(std::fs::symlink_metadata(dir.join("link.pdf"))
        .unwrap()
        .is_symlink());
    assert_eq!(std::fs::read(dir.join("mine.pdf")).unwrap(), b"mine");
    // -o /dev/stdout writes the PDF to standard output, the report to standard error.
    let out = template(&["--vendor", "kdp", "-o", "/dev/stdout"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stdout.starts_with("%PDF-"));
    assert!(out.stderr.starts_with("wrote /dev/stdout ("));
    // Several vendors with one -o: refused before anything is written.
    let out = template(&["--vendors", "kdp,lulu", "-o", "x.pdf"]);
    assert_eq!(out.code, Some(1));
    assert!(out
        .stderr
        .contains("--vendors writes one file per vendor: give --out-dir DIR, not -o FILE"));
    assert!(!dir.join("x.pdf").exists());
    // A vendor named twice gets one file.
    let out = template(&["--vendors", "kdp,kdp", "--out-dir", "d"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out
        .stderr
        .contains("--vendors names kdp more than once (kdp, kdp)"));
    assert_eq!(std::fs::read_dir(dir.join("d")).unwrap().count(), 1);
    std::fs::remove_dir_all(dir.join("d")).unwrap();
    // When one of the files exists, none is written.
    std::fs::create_dir_all(dir.join("d")).unwrap();
    std::fs::write(dir.join("d/lulu-paperback-white-6x9in-100p.pdf"), b"mine").unwrap();
    let out = template(&["--vendors", "kdp,lulu", "--out-dir", "d"]);
    assert_eq!(out.code, Some(1));
    assert!(out.stderr.contains("nothing was written"), "{}", out.stderr);
    assert_eq!(std::fs::read_dir(dir.join("d")).unwrap().count(), 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Item 17: with a read-only --out, every title failed and only the report's error was shown.
/// Now the batch stops before any title, with the one reason. (Root ignores permission bits, so
/// the folder is made immutable with chattr; where that is not possible the test says so.)
#[test]
fn a_read_only_out_folder_is_one_clear_error() {
    let dir = with_artwork("read-only");
    std::fs::write(dir.join("m.toml"), manifest(2, "front.pdf")).unwrap();
    std::fs::create_dir(dir.join("covers")).unwrap();
    let immutable = Command::new("chattr")
        .args(["+i", "covers"])
        .current_dir(&dir)
        .status()
        .is_ok_and(|s| s.success());
    if !immutable {
        eprintln!("chattr +i is not available here; the read-only case is not tested");
        std::fs::remove_dir_all(&dir).unwrap();
        return;
    }
    let out = podcover(&dir, &["batch", "m.toml", "--out", "covers"]);
    let _ = Command::new("chattr")
        .args(["-i", "covers"])
        .current_dir(&dir)
        .status();
    assert_eq!(out.code, Some(1));
    assert_eq!(
        out.stderr,
        "podcover: cannot write covers/report.json.journal: Operation not permitted (os error 1)\n"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A flat-colour RGB PNG of `width` x `height` pixels (small on disk, large decoded).
fn flat_png(path: &Path, width: u32, height: u32, rgb: [u8; 3]) {
    let file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut encoder = png::Encoder::new(file, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().unwrap();
    let mut stream = writer.stream_writer().unwrap();
    let row = rgb.repeat(width as usize);
    for _ in 0..height {
        std::io::Write::write_all(&mut stream, &row).unwrap();
    }
    stream.finish().unwrap();
}

/// Four dust jackets sharing two 64-million-pixel PNGs (under 1 MB each) aborted with "memory
/// allocation ... failed" (exit 134, no report) under a 4 GB limit once several were built at
/// once. Titles now wait for a share of a memory budget sized from their images' headers, so
/// every title is built, whatever --jobs is. (The jackets are Lulu's, which prints RGB art as it
/// is, so that every cover also passes the check batch runs on it.)
#[test]
fn many_workers_on_large_images_stay_within_memory() {
    let dir = scratch("memory-budget");
    // 6508 x 9828 px: the front panel with bleed (6.125 x 9.25 in) at 1062 ppi, 64 Mpx.
    flat_png(&dir.join("front.png"), 6508, 9828, [200, 30, 30]);
    flat_png(&dir.join("back.png"), 6508, 9828, [30, 30, 200]);
    assert!(std::fs::metadata(dir.join("front.png")).unwrap().len() < 1 << 20);
    let manifest: String = (0..4)
        .map(|i| {
            format!(
                "[[book]]\nid = \"t{i}\"\ntrim = \"6x9\"\npages = {}\nfront = \"front.png\"\n\
                 back = \"back.png\"\nspine_color = [0, 0, 0, 1]\nflap_color = [0, 0, 0, 1]\n\
                 [[book.target]]\nvendor = \"lulu\"\nbinding = \"jacket\"\n\
                 paper = \"cream\"\n",
                200 + 2 * i
            )
        })
        .collect();
    std::fs::write(dir.join("m.toml"), manifest).unwrap();
    let out = run_within(
        &dir,
        &["batch", "m.toml", "--out", "covers", "--jobs", "4"],
        "--as=4294967296",
        Duration::from_secs(900),
        None,
    );
    assert_eq!(out.code, Some(0), "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout.starts_with("built 4, unchanged 0, failed 0"),
        "{}",
        out.stdout
    );
    let report: podcover::batch::Report =
        serde_json::from_slice(&std::fs::read(dir.join("covers/report.json")).unwrap()).unwrap();
    assert_eq!(report.counts(), (4, 0, 0));
    for i in 0..4 {
        let cover = dir.join(format!("covers/t{i}/lulu-jacket-cream.pdf"));
        assert!(std::fs::read(cover).unwrap().starts_with(b"%PDF-"));
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
