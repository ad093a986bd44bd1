//! Commercial documents: offers (КП), contracts and invoices — pure rules, no IO (seed 001,
//! §2.3–3.2).
//!
//! - [`vat`]: VAT rates (20 % up to 2025, 22 % since 01.01.2026) and the VAT kind of an item;
//! - [`lines`]: document lines with prices including VAT, their kopeck-exact amounts and totals;
//! - [`words`]: an amount in words for printed forms;
//! - [`schedule`]: the payment schedule of an invoice, split to the kopeck;
//! - [`contracts`]: contract kinds and the signing workflow (disagreement protocol loop);
//! - [`numbering`]: document kinds and their printed numbers;
//! - [`catalogue`]: items, units (ОКЕИ), tile attributes, price lists and currency conversion;
//! - [`cbr`]: the Central Bank's daily exchange rates file;
//! - [`offers`]: offer versions and which one may be invoiced;
//! - [`mail_templates`]: the letters documents are sent with;
//! - [`contract_texts`]: the text of each of the five contract kinds;
//! - [`progress`]: what a deal's documents come to, as the facts that move the deal.

pub mod catalogue;
pub mod cbr;
pub mod contract_texts;
pub mod contracts;
pub mod lines;
pub mod mail_templates;
pub mod numbering;
pub mod offers;
pub mod progress;
pub mod schedule;
pub mod vat;
pub mod words;

pub use catalogue::{
    Item, ItemDraft, ItemKind, PriceList, TileAttributes, TileDraft, Unit, convert_to_rub,
    parse_tile_size,
};
pub use cbr::parse_cbr_daily;
pub use contracts::{
    CONTRACT_TRANSITIONS, ContractAction, ContractError, ContractFacts, ContractGuard,
    ContractKind, ContractRow, ContractStatus, contract_actions, contract_transition, is_valid_on,
    skips_to_invoicing,
};
pub use lines::{LineAmounts, LineInput, RawLine, Totals, parse_lines, round2};
pub use mail_templates::{
    MailTemplate, Placeholder, Placeholders, check_template, default_template, document_title,
    fill, format_rub, name_and_patronymic,
};
pub use numbering::{DocumentKind, year_of};
pub use offers::{OfferStatus, can_invoice, next_version};
pub use progress::DealDocuments;
pub use schedule::{CustomPart, SchedulePart, ScheduleTerms};
pub use vat::{VatKind, VatRate};
pub use words::amount_in_words;
