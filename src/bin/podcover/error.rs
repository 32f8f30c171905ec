//! The tool's error: podcover's own, kept typed until it is printed, or the tool's message.

use std::fmt;

/// Why a command failed. Printed as `podcover: MESSAGE` on standard error.
#[derive(Debug)]
pub(crate) enum CliError {
    /// An error from the library, as it is.
    Podcover(podcover::Error),
    /// The tool's own: a usage mistake, failures gathered over several files, a file it will
    /// not replace without `--force`.
    Message(String),
    /// Nothing to print: standard output's reader has gone (`podcover ... | head`), as other
    /// tools end quietly then.
    Quiet,
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Podcover(e) => e.fmt(f),
            CliError::Message(m) => f.write_str(m),
            CliError::Quiet => Ok(()),
        }
    }
}

impl std::error::Error for CliError {}

impl From<podcover::Error> for CliError {
    fn from(e: podcover::Error) -> CliError {
        CliError::Podcover(e)
    }
}

impl From<String> for CliError {
    fn from(m: String) -> CliError {
        CliError::Message(m)
    }
}

impl From<&str> for CliError {
    fn from(m: &str) -> CliError {
        CliError::Message(m.into())
    }
}

/// A result from the library, with the tool's advice where a file exists that podcover will
/// not replace unless told to: `--force`.
pub(crate) fn force_advice<T>(result: podcover::Result<T>) -> Result<T, CliError> {
    result.map_err(|e| {
        if e.kind() == podcover::ErrorKind::Protected
            && e.io_kind() == Some(std::io::ErrorKind::AlreadyExists)
        {
            CliError::Message(format!("{e}; use --force to replace it"))
        } else {
            e.into()
        }
    })
}
