//! sea-orm entities: plain row shapes, no behaviour (that lives in the repositories), one file per
//! business area. Closed value sets are stored as their `Named` names (`open`, `tile_sale`).

mod identity;
mod clients;
mod pipelines;
mod sales;
mod work;
mod files;
mod integrations;
mod notifications;
mod documents;
mod finance;
mod production;

pub use identity::{organization, user, refresh_token, api_key};
pub use clients::{client, counterparty, contact, bank_account, bank, audit_log};
pub use pipelines::pipeline;
pub use sales::{lead, deal, stage_event, timeline_entry, card_count};
pub use work::{department_request, task};
pub use files::file;
pub use integrations::outbox;
pub use notifications::notification;
pub use documents::{organization_requisites, catalogue_item, price_list, price_list_item, exchange_rate, document, document_line, schedule_part, email, mail_template};
pub use finance::{statement, payment, payment_allocation, shipment, shipment_line, reminder_occurrence, scheduler_run, deal_assessment};
pub use production::{production_offer, production_order, production_order_event, production_profile, production_settlement};
