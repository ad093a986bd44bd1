//! One search across the app's records.
pub mod search;
