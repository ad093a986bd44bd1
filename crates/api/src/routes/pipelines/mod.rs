//! Pipelines: their definitions, and the dictionaries the editor and the loss dialog use.
pub mod catalog;
// The area and its main resource share a name.
#[allow(clippy::module_inception)]
pub mod pipelines;
