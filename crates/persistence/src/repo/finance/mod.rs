//! Finance: payments and their allocations, imported statements, shipments, open invoices as the
//! money side sees them, and the reminders the scheduler fired.
pub mod assessments;
pub mod invoices;
pub mod payments;
pub mod reminders;
pub mod shipments;
pub mod statements;

/// Rows per multi-row statement or `IN (…)` list: well under SQLite's 32,766 bound variables and
/// PostgreSQL's 65,535 for the widest row.
pub(crate) const CHUNK: usize = 500;
