//! What a deal's invoices — their payments, shipments and cancellations — say about the deal
//! (seed 001 §3.3, §5.2, §5.3, §6).
//!
//! - Money paid as the schedule asks on every invoice → «Оплата получена» (the order is placed,
//!   §3.3: «Если по #Интересу создано несколько счетов, то … после смены статусов по всем
//!   счетам»).
//! - Everything shipped but not everything paid → «Оплата отсрочки» (§5.2 step 3).
//! - Everything shipped and paid → the deal is won («Спросить о результатах», §5.2 step 3).
//! - Every invoice cancelled, the latest not as «Перевыставлен» → the deal is lost with the
//!   same reason (§6.1).
//!
//! Cancelled invoices never count («кроме отмененных»). Shipping is checked line by line
//! ([`shipped_state`], [`check_shipment`]).

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use crate::error::{FieldError, FieldErrors};
use crate::ids::DocumentId;
use crate::pipelines::{LOSS_REASONS, OTHER_REASON, reason_info};

crate::named_enum! {
    /// How much of an invoice has been shipped.
    pub enum Shipped {
        /// Nothing shipped yet.
        Nothing,
        /// Some lines or some quantity shipped, not all.
        Partly,
        /// Every line shipped in full («#Осталось = 0»).
        Fully,
    }
}

impl Shipped {
    /// The Russian name for an invoice's shipment column.
    pub fn name_ru(self) -> &'static str {
        match self {
            Shipped::Nothing => "Не отгружен",
            Shipped::Partly => "Отгружен частично",
            Shipped::Fully => "Отгружен полностью",
        }
    }
}

/// The code of [`CancelReason::Reissued`].
pub const REISSUED: &str = "reissued";

/// Why an invoice was cancelled: it was re-issued (a new invoice replaces it, the deal goes on),
/// or the client was lost, with a code of the loss-reason dictionary
/// ([`LOSS_REASONS`]). Travels as the plain code: `"reissued"`, `"expensive"`, …; build one from
/// input with [`CancelReason::parse`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum CancelReason {
    /// «Перевыставлен»: replaced by a new invoice.
    Reissued,
    /// The client went away; the code is one of [`LOSS_REASONS`].
    Loss(String),
}

impl CancelReason {
    /// `reissued` or a loss-reason code (trimmed). Errors: `required` for a blank code,
    /// `invalid_value` for anything else not in the list.
    pub fn parse(code: &str) -> Result<CancelReason, FieldError> {
        let code = code.trim();
        if code.is_empty() {
            Err(FieldError::new("required", "Укажите причину отмены счёта"))
        } else if code == REISSUED {
            Ok(CancelReason::Reissued)
        } else if reason_info(code).is_some() {
            Ok(CancelReason::Loss(code.to_owned()))
        } else {
            Err(FieldError::new(
                "invalid_value",
                "Выберите причину отмены из списка",
            ))
        }
    }

    /// The stored code: `reissued` or the loss-reason code.
    pub fn code(&self) -> &str {
        match self {
            CancelReason::Reissued => REISSUED,
            CancelReason::Loss(code) => code,
        }
    }

    /// The Russian name: «Перевыставлен» or the loss reason's name from the dictionary
    /// («Другое» for a code the dictionary does not know, which [`CancelReason::parse`] never
    /// builds).
    pub fn name_ru(&self) -> &'static str {
        match self {
            CancelReason::Reissued => "Перевыставлен",
            CancelReason::Loss(code) => reason_info(code)
                .or_else(|| reason_info(OTHER_REASON))
                .map_or("Другое", |r| r.name_ru),
        }
    }

    /// Every reason a person may choose when cancelling an invoice, as (code, Russian name):
    /// «Перевыставлен» first, then the loss reasons in dictionary order.
    pub fn choices() -> Vec<(&'static str, &'static str)> {
        std::iter::once((REISSUED, "Перевыставлен"))
            .chain(LOSS_REASONS.iter().map(|r| (r.code, r.name_ru)))
            .collect()
    }
}

impl TryFrom<String> for CancelReason {
    type Error = FieldError;
    fn try_from(code: String) -> Result<CancelReason, FieldError> {
        CancelReason::parse(&code)
    }
}

impl From<CancelReason> for String {
    fn from(r: CancelReason) -> String {
        r.code().to_owned()
    }
}

/// When and why an invoice was cancelled.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Cancellation {
    /// Why.
    pub reason: CancelReason,
    /// When.
    pub at: DateTime<Utc>,
}

/// One invoice of a deal, as far as closing the deal goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceFacts {
    /// The invoice.
    pub id: DocumentId,
    /// When it was issued (which one is the latest).
    pub issued_at: DateTime<Utc>,
    /// Its total.
    pub total: Decimal,
    /// All the money paid against it.
    pub paid: Decimal,
    /// What its schedule requires to have been paid by now (see
    /// [`super::allocation::required_now`]).
    pub required_now: Decimal,
    /// How much of it has been shipped.
    pub shipped: Shipped,
    /// Set when the invoice was cancelled.
    pub cancelled: Option<Cancellation>,
}

/// What a deal's invoices say about the deal.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DealMoney {
    /// No invoices, or nothing that moves the deal.
    Nothing,
    /// Every live invoice is paid as far as its schedule requires now, and some money has come:
    /// the deal moves to «Оплата получена».
    PaymentReceived,
    /// Every live invoice is shipped in full and at least one is not paid in full: «Оплата
    /// отсрочки».
    ShippedUnpaid,
    /// Every live invoice is shipped and paid in full: the deal is won («Спросить о
    /// результатах»).
    Settled,
    /// Every invoice is cancelled and the latest not as re-issued: the deal is lost with the
    /// latest invoice's reason code.
    Lost {
        /// A code of [`LOSS_REASONS`].
        reason: String,
    },
}

/// What a deal's invoices say about the deal. Cancelled invoices do not count, except that
/// when all of them are cancelled the latest one decides (by cancellation time, then issue
/// time, then id, so the answer never depends on the order given): re-issued → [`DealMoney::Nothing`]
/// (a new invoice is coming), otherwise [`DealMoney::Lost`] with its reason.
///
/// Among live invoices the strongest fact wins: [`DealMoney::Settled`] (all shipped and all
/// paid in full) over [`DealMoney::ShippedUnpaid`] (all shipped, something unpaid) over
/// [`DealMoney::PaymentReceived`] (everything the schedules require now is paid, and some
/// money came — a deferral with nothing due yet and nothing paid is not a payment).
pub fn assess(invoices: &[InvoiceFacts]) -> DealMoney {
    let live: Vec<&InvoiceFacts> = invoices.iter().filter(|i| i.cancelled.is_none()).collect();
    if live.is_empty() {
        let latest = invoices
            .iter()
            .filter_map(|i| {
                i.cancelled
                    .as_ref()
                    .map(|c| (c.at, i.issued_at, i.id, &c.reason))
            })
            .max_by(|a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)));
        return match latest {
            Some((_, _, _, CancelReason::Loss(code))) => DealMoney::Lost {
                reason: code.clone(),
            },
            Some((_, _, _, CancelReason::Reissued)) | None => DealMoney::Nothing,
        };
    }
    let all_shipped = live.iter().all(|i| i.shipped == Shipped::Fully);
    let all_paid = live.iter().all(|i| i.paid >= i.total);
    if all_shipped {
        return if all_paid {
            DealMoney::Settled
        } else {
            DealMoney::ShippedUnpaid
        };
    }
    let schedule_met = live.iter().all(|i| i.paid >= i.required_now);
    let some_money = live.iter().any(|i| i.paid > Decimal::ZERO);
    if schedule_met && some_money {
        DealMoney::PaymentReceived
    } else {
        DealMoney::Nothing
    }
}

/// How much of an invoice is shipped, from the quantity ordered on each line and the quantity
/// shipped on the same line (a missing shipped entry is nothing shipped). Lines ordered with no
/// quantity do not count; an invoice with no such lines has shipped nothing.
pub fn shipped_state(ordered: &[Decimal], shipped: &[Decimal]) -> Shipped {
    let lines: Vec<(Decimal, Decimal)> = ordered
        .iter()
        .enumerate()
        .filter(|(_, q)| **q > Decimal::ZERO)
        .map(|(i, q)| (*q, shipped.get(i).copied().unwrap_or(Decimal::ZERO)))
        .collect();
    if lines.is_empty() || lines.iter().all(|(_, s)| *s <= Decimal::ZERO) {
        Shipped::Nothing
    } else if lines.iter().all(|(q, s)| s >= q) {
        Shipped::Fully
    } else {
        Shipped::Partly
    }
}

fn quantity_ru(q: Decimal) -> String {
    q.normalize().to_string().replace('.', ",")
}

/// Checks a shipment a person put together: `remaining` is what is left to ship on each line of
/// the invoice (by line index), `requested` the (line index, quantity) pairs to ship now.
/// Errors: `lines` (`required`) for an empty shipment; `lines[i].line` for a line the invoice
/// does not have (`not_found`) or named twice (`duplicate`); `lines[i].quantity` for a quantity
/// not above zero, with more than three decimals, or above what remains on the line.
pub fn check_shipment(
    remaining: &[Decimal],
    requested: &[(usize, Decimal)],
) -> Result<(), FieldErrors> {
    let mut errs = FieldErrors::new();
    if requested.is_empty() {
        errs.add(
            "lines",
            FieldError::new("required", "Выберите хотя бы одну строку для отгрузки"),
        );
    }
    let mut seen: Vec<usize> = Vec::with_capacity(requested.len());
    for (i, (line, quantity)) in requested.iter().enumerate() {
        let quantity_field = format!("lines[{i}].quantity");
        let quantity_ok = if *quantity <= Decimal::ZERO {
            errs.add(
                quantity_field.clone(),
                FieldError::new("out_of_range", "Количество должно быть больше нуля"),
            );
            false
        } else if quantity.normalize().scale() > 3 {
            errs.add(
                quantity_field.clone(),
                FieldError::new(
                    "invalid_format",
                    "Количество — не более трёх знаков после запятой",
                ),
            );
            false
        } else {
            true
        };
        let Some(left) = remaining.get(*line) else {
            errs.add(
                format!("lines[{i}].line"),
                FieldError::new("not_found", "Такой строки в счёте нет"),
            );
            continue;
        };
        if seen.contains(line) {
            errs.add(
                format!("lines[{i}].line"),
                FieldError::new(
                    "duplicate",
                    "Эта строка уже выбрана выше — объедините количество в одну строку",
                ),
            );
            continue;
        }
        seen.push(*line);
        if quantity_ok && quantity > left {
            let message = if *left <= Decimal::ZERO {
                "Строка уже отгружена полностью".to_owned()
            } else {
                format!("Больше, чем осталось отгрузить: {}", quantity_ru(*left))
            };
            errs.add(quantity_field, FieldError::new("out_of_range", message));
        }
    }
    errs.into_result()
}

#[cfg(test)]
#[path = "closure_tests.rs"]
mod tests;
