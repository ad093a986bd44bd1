//! The guards of the production order's table: what must hold for a step, checked against the
//! command's data, the order's facts and the time. Each failure names its field in Russian.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use super::order::{NewOrder, OrderCommand, OrderFacts};
use crate::documents::{format_rub, round2};
use crate::error::{FieldError, FieldErrors};
use crate::finance::reminders::moscow;

/// The longest reason, description, carrier or waybill.
pub const MAX_TEXT: usize = 1000;
/// The most square metres one order may carry.
const MAX_QUANTITY: i64 = 1_000_000;
/// The highest price per square metre, in roubles.
const MAX_PRICE: i64 = 1_000_000;

/// What must hold for a step of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Guard {
    /// A new order: quantity and price more than zero (`quantity`, `price`).
    OrderTerms,
    /// A new order: the acceptance time is later than now (`accept_by`).
    AcceptanceTimeAhead,
    /// A payment: more than zero and no more than is left to pay (`amount`).
    PaymentFits,
    /// A reason is given (`reason`).
    ReasonGiven,
    /// Declining only until the acceptance time (`accept_by`).
    WithinAcceptanceTime,
    /// The terms' share is paid before the work starts (`paid`).
    PaidBeforeWork,
    /// The defects are described, with the square metres affected (`description`, `quantity`).
    DefectsDescribed,
    /// A deduction more than zero and within what is due (`deduction`).
    DeductionFits,
    /// Carrier, waybill and delivery cost (`carrier`, `waybill`, `cost`).
    ShipmentDetails,
    /// The production is paid in full, less deductions (`paid`).
    PaidInFull,
}

impl Guard {
    /// The guard as the diagram shows it.
    pub fn label_ru(self) -> &'static str {
        match self {
            Guard::OrderTerms => "количество и цена больше нуля",
            Guard::AcceptanceTimeAhead => "срок принятия позже текущего момента",
            Guard::PaymentFits => "не больше остатка к оплате",
            Guard::ReasonGiven => "с причиной",
            Guard::WithinAcceptanceTime => "до истечения срока принятия",
            Guard::PaidBeforeWork => "оплачена доля по условиям (100 % / 50 % / 0 %)",
            Guard::DefectsDescribed => "описание и объём брака",
            Guard::DeductionFits => "сумма уценки в пределах стоимости",
            Guard::ShipmentDetails => "перевозчик, накладная, стоимость доставки",
            Guard::PaidInFull => "производству оплачено полностью",
        }
    }

    /// Records under `errs` what fails; nothing when the guard holds.
    pub(super) fn check(
        self,
        command: &OrderCommand,
        facts: &OrderFacts,
        now: DateTime<Utc>,
        errs: &mut FieldErrors,
    ) {
        match (self, command) {
            (Guard::PaymentFits, OrderCommand::RecordPayment { amount }) => {
                if let Some(amount) = positive_amount(
                    errs,
                    "amount",
                    Some(*amount),
                    "Сумма оплаты должна быть больше нуля",
                ) {
                    let left = facts.outstanding();
                    if amount > left {
                        errs.add(
                            "amount",
                            FieldError::new(
                                "out_of_range",
                                format!(
                                    "Больше, чем осталось оплатить производству: {}",
                                    format_rub(left)
                                ),
                            ),
                        );
                    }
                }
            }
            (
                Guard::ReasonGiven,
                OrderCommand::Decline { reason } | OrderCommand::Cancel { reason },
            ) => {
                text(errs, "reason", reason, "Укажите причину");
            }
            (Guard::WithinAcceptanceTime, _) if now > facts.accept_by => {
                let until = facts
                    .accept_by
                    .with_timezone(&moscow())
                    .format("%d.%m.%Y %H:%M");
                errs.add(
                    "accept_by",
                    FieldError::new(
                        "acceptance_time_over",
                        format!("Срок принятия решения истёк {until} (МСК): отказаться от заказа уже нельзя — свяжитесь с логистом"),
                    ),
                );
            }
            (Guard::PaidBeforeWork, _) => {
                let required = facts.required_before_work();
                if facts.paid < required {
                    errs.add(
                        "paid",
                        FieldError::new(
                            "payment_required",
                            format!(
                                "По условиям «{}» производство начинается после оплаты {}; оплачено {}",
                                facts.terms.name_ru(),
                                format_rub(required),
                                format_rub(facts.paid)
                            ),
                        ),
                    );
                }
            }
            (
                Guard::DefectsDescribed,
                OrderCommand::RecordDefects {
                    description,
                    quantity,
                },
            ) => {
                text(errs, "description", description, "Опишите брак");
                if let Some(q) = positive_amount(
                    errs,
                    "quantity",
                    *quantity,
                    "Объём брака должен быть больше нуля",
                ) && q > facts.quantity
                {
                    errs.add(
                        "quantity",
                        FieldError::new(
                            "out_of_range",
                            format!("Не больше объёма заказа: {} м²", facts.quantity.normalize()),
                        ),
                    );
                }
            }
            (Guard::DeductionFits, OrderCommand::AcceptWithDeduction { deduction }) => {
                if let Some(d) = positive_amount(
                    errs,
                    "deduction",
                    *deduction,
                    "Сумма уценки должна быть больше нуля",
                ) {
                    let due = facts.due();
                    if d > due {
                        errs.add(
                            "deduction",
                            FieldError::new(
                                "out_of_range",
                                format!(
                                    "Уценка не может превышать стоимость заказа к оплате: {}",
                                    format_rub(due)
                                ),
                            ),
                        );
                    }
                }
            }
            (
                Guard::ShipmentDetails,
                OrderCommand::Ship {
                    carrier,
                    waybill,
                    cost,
                },
            ) => {
                text(errs, "carrier", carrier, "Укажите перевозчика");
                text(errs, "waybill", waybill, "Укажите номер накладной");
                match cost {
                    None => errs.add(
                        "cost",
                        FieldError::new("required", "Укажите стоимость доставки"),
                    ),
                    Some(c) if c.is_sign_negative() && !c.is_zero() => {
                        errs.add(
                            "cost",
                            FieldError::new(
                                "out_of_range",
                                "Стоимость доставки не может быть отрицательной",
                            ),
                        );
                    }
                    Some(c) => kopecks(errs, "cost", *c),
                }
            }
            (Guard::PaidInFull, _) => {
                let left = facts.outstanding();
                if left > Decimal::ZERO {
                    errs.add(
                        "paid",
                        FieldError::new(
                            "payment_required",
                            format!(
                                "Заказ закрывается после полной оплаты производству: осталось {}",
                                format_rub(left)
                            ),
                        ),
                    );
                }
            }
            // The new-order guards are checked by `check_new_order`; a guard paired with a
            // command it does not read holds trivially.
            _ => {}
        }
    }
}

/// The facts of a new order, or what is wrong with it (`quantity`, `price`, `accept_by`).
pub(super) fn check_new_order(
    order: &NewOrder,
    now: DateTime<Utc>,
) -> Result<OrderFacts, FieldErrors> {
    let mut errs = FieldErrors::new();
    let quantity = positive_amount(
        &mut errs,
        "quantity",
        order.quantity,
        "Количество должно быть больше нуля",
    );
    if quantity.is_some_and(|q| q > Decimal::from(MAX_QUANTITY)) {
        errs.add(
            "quantity",
            FieldError::new("out_of_range", "Не более 1 000 000 м² в одном заказе"),
        );
    }
    let price = positive_amount(
        &mut errs,
        "price",
        order.price,
        "Цена должна быть больше нуля",
    );
    if price.is_some_and(|p| p > Decimal::from(MAX_PRICE)) {
        errs.add(
            "price",
            FieldError::new("out_of_range", "Слишком высокая цена за м²"),
        );
    }
    let accept_by = match order.accept_by {
        None => {
            errs.add(
                "accept_by",
                FieldError::new(
                    "required",
                    "Укажите срок, до которого производство примет заказ",
                ),
            );
            None
        }
        Some(t) if t <= now => {
            errs.add(
                "accept_by",
                FieldError::new(
                    "out_of_range",
                    "Срок принятия должен быть позже текущего момента",
                ),
            );
            None
        }
        Some(t) => match crate::dates::instant(t) {
            Ok(t) => Some(t),
            Err(e) => {
                errs.add("accept_by", e);
                None
            }
        },
    };
    match (quantity, price, accept_by) {
        (Some(quantity), Some(price), Some(accept_by)) if errs.is_empty() => Ok(OrderFacts {
            terms: order.terms,
            quantity: quantity.normalize(),
            price: round2(price),
            accept_by,
            paid: round2(Decimal::ZERO),
            deduction: round2(Decimal::ZERO),
            defects: None,
            shipment: None,
            closing_documents: None,
            reason: None,
        }),
        _ => Err(errs),
    }
}

/// A required amount more than zero with at most two decimal places; `not_positive` is the
/// message for zero or less.
fn positive_amount(
    errs: &mut FieldErrors,
    field: &str,
    value: Option<Decimal>,
    not_positive: &str,
) -> Option<Decimal> {
    let Some(v) = value else {
        errs.add(field, FieldError::required());
        return None;
    };
    if v <= Decimal::ZERO {
        errs.add(field, FieldError::new("out_of_range", not_positive));
        return None;
    }
    let before = errs.0.len();
    kopecks(errs, field, v);
    (errs.0.len() == before).then_some(v)
}

fn kopecks(errs: &mut FieldErrors, field: &str, v: Decimal) {
    if v.normalize().scale() > 2 {
        errs.add(
            field,
            FieldError::new("invalid_format", "Не более двух знаков после запятой"),
        );
    }
}

fn text(errs: &mut FieldErrors, field: &str, value: &str, missing: &str) {
    let value = value.trim();
    if value.is_empty() {
        errs.add(field, FieldError::new("required", missing));
    } else if value.chars().count() > MAX_TEXT {
        errs.add(
            field,
            FieldError::new("too_long", format!("Не более {MAX_TEXT} символов")),
        );
    }
}
