//! Money in and out (seed 001 §3.3, §5, §7): payments against invoices and their schedule parts,
//! the bank's statement file, what closes a deal, receivables, and the reminders that chase a
//! client. Pure rules, no IO.
//!
//! - [`statement`]: the 1CClientBankExchange file every Russian bank exports for 1C;
//! - [`allocation`]: a payment spread over invoices' schedule parts, the rest an advance;
//! - [`matching`]: which open invoice a statement line pays, and why;
//! - [`closure`]: what a deal's invoices, payments and shipments say about the deal;
//! - [`ageing`]: receivables by how long they are overdue;
//! - [`reminders`]: the rules that chase a client, each occurrence with its own key.

pub mod ageing;
pub mod allocation;
pub mod closure;
pub mod matching;
pub mod reminders;
pub mod statement;
