//! Documents: the catalogue with price lists and exchange rates, organizations' requisites, a
//! deal's documents and the e-mails that send them.
pub mod catalogue;
// The area and its main resource share a name.
#[allow(clippy::module_inception)]
pub mod documents;
pub mod emails;
pub mod requisites;
