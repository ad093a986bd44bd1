//! Clients: the client card (client, counterparties, contacts, bank accounts), the bank directory
//! and the history of every change to a client.
pub mod bank_accounts;
pub mod banks;
// The area and its main resource share a name.
#[allow(clippy::module_inception)]
pub mod clients;
pub mod contacts;
pub mod counterparties;
pub mod history;

pub use clients::{ClientFilter, ClientRow, ClientSort};
