//! Money in (issue 11; seed 001 §3.3, §5, §7): payments against invoices, the bank's statement
//! file, shipments, what closes a deal, receivables, and the reminders that chase a client.
//!
//! - [`standing`]: invoices as the money side sees them (parts due / paid / overdue, shipped);
//! - [`progress`]: what a deal's invoices come to, recorded on the deal as facts (or its loss);
//! - [`payments`]: payments entered by hand, allocated to invoices, the unmatched queue;
//! - [`statements`]: the bank statement import, preview then commit;
//! - [`invoices`]: cancelling an invoice, the deal's money panel;
//! - [`shipments`]: what was shipped against an invoice;
//! - [`receivables`]: who owes what, by age;
//! - [`reminders`]: the scheduler's rules, each occurrence once.
pub mod invoices;
pub mod payments;
pub mod progress;
pub mod receivables;
pub mod reminders;
pub mod shipments;
pub mod standing;
pub mod statements;

use rust_decimal::Decimal;

/// Kopecks as roubles.
pub(crate) fn rub(minor: i64) -> Decimal {
    Decimal::new(minor, 2)
}

/// Roubles (at most two decimals, checked before) as kopecks.
pub(crate) fn minor(amount: Decimal) -> i64 {
    use rust_decimal::prelude::ToPrimitive;
    (amount.round_dp(2) * Decimal::from(100)).to_i64().unwrap_or(i64::MAX)
}

/// Thousandths as a quantity.
pub(crate) fn qty(milli: i64) -> Decimal {
    Decimal::new(milli, 3).normalize()
}

/// The organization a payment or a statement is of: the caller's when not given; another one only
/// for a caller who sees every organization (otherwise a 422 on `organization_id`).
pub(crate) fn organization(actor: &crate::app::Actor, asked: Option<domain::OrganizationId>) -> Result<domain::OrganizationId, crate::error::AppError> {
    use persistence::AccessScope;
    match (asked, actor.scope) {
        (None, _) => Ok(actor.organization_id),
        (Some(o), AccessScope::All) => Ok(o),
        (Some(o), AccessScope::Organization(own)) if o == own => Ok(o),
        (Some(_), _) => Err(crate::error::AppError::field("organization_id", domain::FieldError::new("not_found", "Нет такой организации"))),
    }
}
