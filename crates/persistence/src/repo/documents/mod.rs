//! Documents: the catalogue and price lists, organizations' requisites, a deal's documents with
//! their lines and schedules, the e-mails that send them and their message templates.
pub mod catalogue;
pub mod documents;
pub mod emails;
pub mod prices;
pub mod requisites;
pub mod templates;
