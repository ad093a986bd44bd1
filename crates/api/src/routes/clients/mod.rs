//! Clients: the client, its counterparties, contacts, bank accounts, and the bank directory.
pub mod bank_accounts;
pub mod banks;
// The area and its main resource share a name.
#[allow(clippy::module_inception)]
pub mod clients;
pub mod contacts;
pub mod counterparties;
