//! Documents: the catalogue and price lists, organizations' requisites, and a deal's documents —
//! offers with their versions, contracts through their approval, invoices with their payment
//! schedule, work orders and delivery notices — rendered to PDF, frozen when sent, e-mailed
//! through the mail queue; what they come to moves the deal ([`progress`]).
pub mod catalogue;
pub mod contracts;
// The area and its main resource share a name.
#[allow(clippy::module_inception)]
pub mod documents;
pub mod print;
pub mod progress;
pub mod requisites;
pub mod sending;
pub mod stored;
pub mod templates;
pub mod typical;
