//! Running the real tools the output is checked with: scratch folders removed when a test
//! ends, a tool's output whatever its status, and a missing tool as a failure that names its
//! Debian package (the tests need every tool and do not skip; `.ci/run` installs them).

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A scratch folder under the system temp dir, unique to this process and test, removed when
/// dropped (also when the test panics).
pub struct Scratch(PathBuf);

impl Scratch {
    #[track_caller]
    pub fn new(test: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("podcover-tools-{}-{test}", super::unique()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("creating {}: {e}", dir.display()));
        Scratch(dir)
    }

    /// The folder itself.
    pub fn path(&self) -> &Path {
        &self.0
    }

    /// A path in the scratch folder, as a string for a command line.
    pub fn file(&self, name: &str) -> String {
        let path = self.0.join(name);
        path.to_str()
            .unwrap_or_else(|| panic!("temp path {} is not UTF-8", path.display()))
            .to_owned()
    }

    /// Writes `bytes` to `name` and returns its path.
    #[track_caller]
    pub fn write(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.file(name);
        fs::write(&path, bytes).unwrap_or_else(|e| panic!("writing {path}: {e}"));
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// The Debian package that provides a tool, for the failure message.
pub fn package(tool: &str) -> &'static str {
    match tool {
        "qpdf" => "qpdf",
        "pdfinfo" | "pdftoppm" | "pdffonts" => "poppler-utils",
        "gs" => "ghostscript",
        "zbarimg" => "zbar-tools",
        "rsvg-convert" => "librsvg2-bin",
        "mutool" => "mupdf-tools",
        "inkscape" => "inkscape",
        _ => "?",
    }
}

/// Runs a prepared command and returns its output whatever the exit status; panics only if
/// the tool is not installed.
#[track_caller]
pub fn try_output(command: &mut Command) -> Output {
    let tool = command.get_program().to_string_lossy().into_owned();
    match command.output() {
        Ok(out) => out,
        Err(e) if e.kind() == ErrorKind::NotFound => panic!(
            "required tool `{tool}` is not installed (apt-get install {}); \
             these tests need it and do not skip",
            package(&tool)
        ),
        Err(e) => panic!("could not run `{tool}`: {e}"),
    }
}

/// Runs a tool and returns its output whatever the exit status; panics only if the tool is
/// not installed.
#[track_caller]
pub fn try_run(tool: &str, args: &[&str]) -> Output {
    try_output(Command::new(tool).args(args))
}

/// Runs a prepared command that must succeed; panics with the command and its output
/// otherwise.
#[track_caller]
pub fn output(command: &mut Command) -> Output {
    let out = try_output(command);
    assert!(
        out.status.success(),
        "`{command:?}` failed ({}):\nstderr: {}\nstdout: {}",
        out.status,
        stderr(&out),
        stdout(&out)
    );
    out
}

/// Runs a tool that must succeed; panics with the tool, its arguments and stderr otherwise.
#[track_caller]
pub fn run(tool: &str, args: &[&str]) -> Output {
    output(Command::new(tool).args(args))
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Width and height of a PNG, from its IHDR chunk.
#[track_caller]
pub fn png_size(path: &str) -> (u32, u32) {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    assert!(
        bytes.len() > 24 && bytes.starts_with(b"\x89PNG\r\n\x1a\n") && &bytes[12..16] == b"IHDR",
        "{path} is not a PNG"
    );
    let be = |i: usize| u32::from_be_bytes(bytes[i..i + 4].try_into().unwrap());
    (be(16), be(20))
}

/// The barcodes zbarimg reads in an image, as sorted `TYPE:digits` lines (an empty list when
/// it finds none: zbarimg then exits 4).
#[track_caller]
pub fn zbar(image: &str) -> Vec<String> {
    let out = try_run("zbarimg", &["-q", "--set", "ean5.enable=1", image]);
    let mut lines: Vec<String> = stdout(&out).lines().map(str::to_owned).collect();
    lines.sort_unstable();
    lines
}
