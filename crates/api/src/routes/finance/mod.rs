//! Money: `/payments` (the accountant's list, manual entry, allocations, the unmatched queue),
//! `/statements` (the bank statement import: preview, then commit), `/deals/{id}/money` with
//! `/deals/{id}/shipments` and `/invoices/{id}/cancel`, `/receivables`, and `/reminders`.
pub mod money;
pub mod payments;
pub mod receivables;
pub mod reminders;
pub mod statements;
