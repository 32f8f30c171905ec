//! podcover's integration tests, one module per subject, built as one test binary.
//!
//! Modules that read or write PDF need the `pdf` feature; those that run the command-line tool
//! need `cli`. `cargo test --no-default-features` runs the rest.

#[cfg(feature = "pdf")]
mod common;

#[cfg(feature = "pdf")]
mod batch;
#[cfg(feature = "pdf")]
mod catalog;
#[cfg(feature = "pdf")]
mod check;
#[cfg(feature = "cli")]
mod cli;
#[cfg(feature = "pdf")]
mod compose;
#[cfg(feature = "pdf")]
mod conformance;
#[cfg(feature = "pdf")]
mod designer_tools;
#[cfg(feature = "pdf")]
mod digital;
mod docs;
#[cfg(feature = "pdf")]
mod errors;
#[cfg(feature = "pdf")]
mod fuzz_regressions;
#[cfg(feature = "pdf")]
mod golden;
#[cfg(feature = "pdf")]
mod interior;
#[cfg(feature = "pdf")]
mod pdf_model;
#[cfg(feature = "pdf")]
mod pdfx;
#[cfg(feature = "pdf")]
mod png_output;
mod properties;
#[cfg(feature = "pdf")]
mod raster;
mod readings;
#[cfg(feature = "cli")]
mod reliability;
#[cfg(feature = "pdf")]
mod respine;
#[cfg(feature = "pdf")]
mod template_tools;
