//! A payment spread over invoices, and an invoice's schedule parts filled by what was paid
//! (seed 001 §3.3 «Получение аванса по заказу»).
//!
//! An invoice's money is paid against its schedule parts in schedule order: the first rouble
//! pays the first part (the advance, unless the schedule is a deferral), and only once that part
//! is paid in full does money go to the next one. A bank payment may pay several invoices; a
//! person spreads it ([`check_allocations`]) or the system does, in the order it is given
//! ([`auto_allocate`]). Whatever is not spread is the client's advance: it waits for the next
//! invoice or goes back to the client as a refund ([`check_refund`], [`advance_balance`]).
//!
//! Money is in roubles with kopecks (two decimal places); every amount this module returns is
//! rounded to the kopeck with two decimal places.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::documents::{SchedulePart, format_rub, round2};
use crate::error::{FieldError, FieldErrors};
use crate::ids::DocumentId;

/// One part of an invoice's payment schedule as far as payments go: how much, and by when.
/// An invoice's parts are given in schedule order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PartDue {
    /// The part's amount in roubles (kopecks at most).
    pub amount: Decimal,
    /// The last day the part may be paid without being overdue.
    pub due_date: NaiveDate,
}

impl From<SchedulePart> for PartDue {
    fn from(p: SchedulePart) -> PartDue {
        PartDue {
            amount: p.amount,
            due_date: p.due_date,
        }
    }
}

/// A schedule part at a given day: how much of it is paid, what is left, and whether it is late.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PartState {
    /// The part's amount.
    pub amount: Decimal,
    /// What of the invoice's payments went to this part (never more than `amount`).
    pub paid: Decimal,
    /// `amount − paid`.
    pub outstanding: Decimal,
    /// The part's due date.
    pub due_date: NaiveDate,
    /// Something is still outstanding and the due date has passed (`due_date < today`): a part
    /// due today is not late yet.
    pub overdue: bool,
    /// Days since the due date when overdue (`today − due_date`), otherwise 0.
    pub days_overdue: i64,
}

fn positive(value: Decimal) -> Decimal {
    round2(value.max(Decimal::ZERO))
}

/// The parts of one invoice after `paid` (all the money paid against the invoice) has filled
/// them in schedule order, as they stand on `today`. Money beyond the invoice total stays
/// outside the parts (it is the client's advance, see [`auto_allocate`]); a negative `paid`
/// counts as nothing paid.
pub fn part_states(parts: &[PartDue], paid: Decimal, today: NaiveDate) -> Vec<PartState> {
    let mut left = positive(paid);
    parts
        .iter()
        .map(|part| {
            let amount = positive(part.amount);
            let paid = left.min(amount);
            left -= paid;
            let outstanding = amount - paid;
            let overdue = outstanding > Decimal::ZERO && part.due_date < today;
            PartState {
                amount,
                paid,
                outstanding,
                due_date: part.due_date,
                overdue,
                days_overdue: if overdue {
                    (today - part.due_date).num_days()
                } else {
                    0
                },
            }
        })
        .collect()
}

/// What the schedule requires to have been paid by `today`: every part due on or before
/// `today`, and — unless the schedule is a deferral — at least the first part, even when its
/// due date is later (seed 001: the order is placed once «% оплаты соответствует графику
/// оплат»; for 50/50 the advance comes before the work starts). Zero for an empty schedule.
pub fn required_now(parts: &[PartDue], deferral: bool, today: NaiveDate) -> Decimal {
    let due: Decimal = parts
        .iter()
        .filter(|p| p.due_date <= today)
        .map(|p| positive(p.amount))
        .sum();
    let first = match parts.first() {
        Some(p) if !deferral => positive(p.amount),
        _ => Decimal::ZERO,
    };
    round2(due.max(first))
}

/// A person's request to put part of a payment on an invoice.
/// JSON: `{"invoice_id": "<uuid>", "amount": "1234.50"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AllocationRequest {
    /// The invoice paid.
    #[serde(rename = "invoice_id")]
    pub invoice: DocumentId,
    /// How much of the payment goes to it: more than zero, kopecks at most.
    pub amount: Decimal,
}

/// What an allocation needs to know about an invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvoiceStanding {
    /// What is still to be paid on the invoice (its total less what is already allocated).
    pub outstanding: Decimal,
    /// The invoice was cancelled: nothing more may be put on it.
    pub cancelled: bool,
}

fn decimals(value: Decimal) -> u32 {
    value.normalize().scale()
}

/// Checks an amount of money a person typed: more than zero, kopecks at most.
fn check_amount(amount: Decimal) -> Result<(), FieldError> {
    if amount <= Decimal::ZERO {
        Err(FieldError::new(
            "out_of_range",
            "Сумма должна быть больше нуля",
        ))
    } else if decimals(amount) > 2 {
        Err(FieldError::new(
            "invalid_format",
            "Сумма — не более двух знаков после запятой (копейки)",
        ))
    } else {
        Ok(())
    }
}

/// Checks a person's spreading of a payment over invoices, all problems at once.
///
/// `payment_rest` is what of the payment is not yet allocated; `invoices` tells each invoice's
/// standing (`None` for an invoice that does not exist or is not the payer's to pay). Errors:
/// - `allocations[i].amount`: not above zero or more than two decimals; above the invoice's
///   outstanding («к оплате по счёту осталось 1 234,50 ₽»);
/// - `allocations[i].invoice_id`: an unknown invoice (`not_found`), a cancelled one
///   (`not_allowed`), the same invoice named twice (`duplicate`, on the second mention);
/// - `allocations`: the amounts add up to more than the payment's unallocated rest.
///
/// An empty list is valid: it allocates nothing.
pub fn check_allocations(
    payment_rest: Decimal,
    requests: &[AllocationRequest],
    invoices: &impl Fn(DocumentId) -> Option<InvoiceStanding>,
) -> Result<(), FieldErrors> {
    let mut errs = FieldErrors::new();
    let mut seen: Vec<DocumentId> = Vec::with_capacity(requests.len());
    let mut sum = Decimal::ZERO;
    for (i, r) in requests.iter().enumerate() {
        let amount_field = format!("allocations[{i}].amount");
        let invoice_field = format!("allocations[{i}].invoice_id");
        let amount_ok = match check_amount(r.amount) {
            Ok(()) => {
                sum = sum.saturating_add(r.amount);
                true
            }
            Err(e) => {
                errs.add(amount_field.clone(), e);
                false
            }
        };
        if seen.contains(&r.invoice) {
            errs.add(
                invoice_field,
                FieldError::new(
                    "duplicate",
                    "Этот счёт уже указан выше — объедините суммы в одну строку",
                ),
            );
            continue;
        }
        seen.push(r.invoice);
        match invoices(r.invoice) {
            None => errs.add(
                invoice_field,
                FieldError::new("not_found", "Счёт не найден"),
            ),
            Some(s) if s.cancelled => errs.add(
                invoice_field,
                FieldError::new(
                    "not_allowed",
                    "Счёт отменён — оплату на него разнести нельзя",
                ),
            ),
            Some(s) if amount_ok && r.amount > s.outstanding => errs.add(
                amount_field,
                FieldError::new(
                    "out_of_range",
                    format!(
                        "Больше остатка: к оплате по счёту осталось {}",
                        format_rub(s.outstanding.max(Decimal::ZERO))
                    ),
                ),
            ),
            Some(_) => {}
        }
    }
    if sum > payment_rest {
        errs.add(
            "allocations",
            FieldError::new(
                "out_of_range",
                format!(
                    "Разнесено {} — больше нераспределённого остатка платежа {}",
                    format_rub(sum),
                    format_rub(payment_rest.max(Decimal::ZERO))
                ),
            ),
        );
    }
    errs.into_result()
}

/// Spreads `amount` over open invoices in the order given (the caller decides the order, e.g.
/// the oldest due date first): each gets what it still needs until the money runs out. Invoices
/// with nothing outstanding are skipped. Returns the allocations and the rest — money beyond
/// everything outstanding, the client's advance. The allocations and the rest add up to the
/// amount (a non-positive amount allocates nothing and leaves no rest).
pub fn auto_allocate(
    amount: Decimal,
    open: &[(DocumentId, Decimal)],
) -> (Vec<(DocumentId, Decimal)>, Decimal) {
    let mut left = positive(amount);
    let mut out = Vec::new();
    for (invoice, outstanding) in open {
        if left.is_zero() {
            break;
        }
        let take = left.min(positive(*outstanding));
        if take > Decimal::ZERO {
            out.push((*invoice, take));
            left -= take;
        }
    }
    (out, left)
}

/// The client's advance: incoming money not allocated to any invoice, less what was refunded
/// to the client. Negative only when more was refunded than the client had in advance — which
/// [`check_refund`] refuses — so that such a record shows as it is instead of being hidden.
pub fn advance_balance(incoming_unallocated: Decimal, refunds: Decimal) -> Decimal {
    round2(incoming_unallocated - refunds)
}

/// Checks a refund of the client's advance (an outgoing payment back to the client): more than
/// zero, kopecks at most, and not more than the `advance` the client has ([`advance_balance`]).
/// Errors under `amount`.
pub fn check_refund(amount: Decimal, advance: Decimal) -> Result<(), FieldErrors> {
    let mut errs = FieldErrors::new();
    match check_amount(amount) {
        Err(e) => errs.add("amount", e),
        Ok(()) if amount > advance => errs.add(
            "amount",
            FieldError::new(
                "out_of_range",
                format!(
                    "Вернуть можно не больше аванса клиента: {}",
                    format_rub(advance.max(Decimal::ZERO))
                ),
            ),
        ),
        Ok(()) => {}
    }
    errs.into_result()
}

#[cfg(test)]
#[path = "allocation_tests.rs"]
mod tests;
