use chrono::TimeZone;
use uuid::Uuid;

use super::*;

fn dec(s: &str) -> Decimal {
    Decimal::from_str_exact(s).expect("decimal literal")
}

fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, day, hour, 0, 0)
        .single()
        .expect("instant")
}

fn fields(e: &FieldErrors) -> Vec<(&str, &'static str)> {
    e.0.iter().map(|(f, e)| (f.as_str(), e.code)).collect()
}

/// An invoice of 1 000 ₽ with a 50/50 schedule whose advance is required now.
fn invoice(n: u128) -> InvoiceFacts {
    InvoiceFacts {
        id: DocumentId::from_uuid(Uuid::from_u128(n)),
        issued_at: at(1, 10),
        total: dec("1000"),
        paid: dec("0"),
        required_now: dec("500"),
        shipped: Shipped::Nothing,
        cancelled: None,
    }
}

fn paid(mut i: InvoiceFacts, amount: &str) -> InvoiceFacts {
    i.paid = dec(amount);
    i
}

fn shipped(mut i: InvoiceFacts, s: Shipped) -> InvoiceFacts {
    i.shipped = s;
    i
}

fn cancelled(mut i: InvoiceFacts, reason: &str, day: u32) -> InvoiceFacts {
    i.cancelled = Some(Cancellation {
        reason: CancelReason::parse(reason).expect("reason"),
        at: at(day, 12),
    });
    i
}

// ---- CancelReason ----

#[test]
fn a_cancel_reason_is_reissued_or_a_loss_reason_code() {
    assert_eq!(CancelReason::parse("reissued"), Ok(CancelReason::Reissued));
    assert_eq!(
        CancelReason::parse(" expensive "),
        Ok(CancelReason::Loss("expensive".to_owned()))
    );
    for r in LOSS_REASONS {
        assert_eq!(
            CancelReason::parse(r.code).map(|c| c.name_ru()),
            Ok(r.name_ru)
        );
    }
    assert_eq!(CancelReason::parse("").map_err(|e| e.code), Err("required"));
    assert_eq!(
        CancelReason::parse("Reissued").map_err(|e| e.code),
        Err("invalid_value")
    );
    assert_eq!(
        CancelReason::parse("cheap").map_err(|e| e.code),
        Err("invalid_value")
    );
}

#[test]
fn a_reissued_invoice_is_called_perevystavlen() {
    assert_eq!(CancelReason::Reissued.name_ru(), "Перевыставлен");
    assert_eq!(CancelReason::Reissued.code(), "reissued");
    assert_eq!(
        CancelReason::Loss("competitor".to_owned()).name_ru(),
        "Выбрал конкурента"
    );
}

#[test]
fn cancel_reasons_travel_as_plain_codes_and_parse_back_only_when_known() {
    let r = CancelReason::Loss("no_budget".to_owned());
    assert_eq!(
        serde_json::to_value(&r).expect("json"),
        serde_json::json!("no_budget")
    );
    assert_eq!(
        serde_json::from_value::<CancelReason>(serde_json::json!("reissued")).expect("back"),
        CancelReason::Reissued
    );
    assert!(serde_json::from_value::<CancelReason>(serde_json::json!("nope")).is_err());
}

#[test]
fn the_cancel_form_lists_reissued_first_then_the_loss_reasons() {
    let choices = CancelReason::choices();
    assert_eq!(choices[0], ("reissued", "Перевыставлен"));
    assert_eq!(choices.len(), LOSS_REASONS.len() + 1);
    assert_eq!(choices[1], ("expensive", "Дорого"));
}

#[test]
fn shipped_states_have_codes_and_russian_names() {
    crate::names::assert_names_agree::<Shipped>();
    assert_eq!(Shipped::Partly.as_str(), "partly");
    assert_eq!(Shipped::Fully.name_ru(), "Отгружен полностью");
}

// ---- assess ----

#[test]
fn a_deal_without_invoices_says_nothing() {
    assert_eq!(assess(&[]), DealMoney::Nothing);
}

#[test]
fn an_unpaid_invoice_says_nothing() {
    assert_eq!(assess(&[invoice(1)]), DealMoney::Nothing);
}

#[test]
fn paying_what_the_schedule_requires_is_payment_received() {
    assert_eq!(
        assess(&[paid(invoice(1), "500")]),
        DealMoney::PaymentReceived
    );
    assert_eq!(assess(&[paid(invoice(1), "499.99")]), DealMoney::Nothing);
}

#[test]
fn payment_is_received_only_when_every_live_invoice_is_paid_as_required() {
    let one_paid = [paid(invoice(1), "500"), invoice(2)];
    assert_eq!(assess(&one_paid), DealMoney::Nothing);
    let both = [paid(invoice(1), "500"), paid(invoice(2), "1000")];
    assert_eq!(assess(&both), DealMoney::PaymentReceived);
}

#[test]
fn a_cancelled_invoice_does_not_hold_the_deal_back() {
    let invoices = [
        paid(invoice(1), "500"),
        cancelled(invoice(2), "reissued", 2),
    ];
    assert_eq!(assess(&invoices), DealMoney::PaymentReceived);
}

#[test]
fn a_deferral_with_nothing_due_and_nothing_paid_is_not_a_payment() {
    let mut deferral = invoice(1);
    deferral.required_now = dec("0");
    assert_eq!(assess(&[deferral.clone()]), DealMoney::Nothing);
    assert_eq!(assess(&[paid(deferral, "100")]), DealMoney::PaymentReceived);
}

#[test]
fn everything_shipped_but_not_everything_paid_is_payment_deferral() {
    let invoices = [shipped(paid(invoice(1), "500"), Shipped::Fully)];
    assert_eq!(assess(&invoices), DealMoney::ShippedUnpaid);
    let unpaid = [shipped(invoice(1), Shipped::Fully)];
    assert_eq!(assess(&unpaid), DealMoney::ShippedUnpaid);
}

#[test]
fn everything_shipped_and_paid_settles_the_deal() {
    let invoices = [
        shipped(paid(invoice(1), "1000"), Shipped::Fully),
        shipped(paid(invoice(2), "1000.00"), Shipped::Fully),
        cancelled(invoice(3), "expensive", 3),
    ];
    assert_eq!(assess(&invoices), DealMoney::Settled);
}

#[test]
fn a_partial_shipment_does_not_settle_the_deal() {
    let invoices = [
        shipped(paid(invoice(1), "1000"), Shipped::Fully),
        shipped(paid(invoice(2), "1000"), Shipped::Partly),
    ];
    assert_eq!(assess(&invoices), DealMoney::PaymentReceived);
}

#[test]
fn settled_wins_over_shipped_unpaid_over_payment_received() {
    // Fully shipped and paid in full also meets the schedule: settled is reported.
    let settled = [shipped(paid(invoice(1), "1000"), Shipped::Fully)];
    assert_eq!(assess(&settled), DealMoney::Settled);
    // Fully shipped with the schedule met but not fully paid: deferral, not payment received.
    let deferral = [shipped(paid(invoice(1), "500"), Shipped::Fully)];
    assert_eq!(assess(&deferral), DealMoney::ShippedUnpaid);
}

#[test]
fn all_invoices_cancelled_loses_the_deal_with_the_latest_reason() {
    let invoices = [
        cancelled(invoice(1), "reissued", 2),
        cancelled(invoice(2), "competitor", 5),
    ];
    assert_eq!(
        assess(&invoices),
        DealMoney::Lost {
            reason: "competitor".to_owned()
        }
    );
}

#[test]
fn all_cancelled_with_the_latest_reissued_waits_for_the_new_invoice() {
    let invoices = [
        cancelled(invoice(1), "competitor", 2),
        cancelled(invoice(2), "reissued", 5),
    ];
    assert_eq!(assess(&invoices), DealMoney::Nothing);
}

#[test]
fn the_latest_cancellation_is_found_whatever_the_order_given() {
    let a = cancelled(invoice(1), "expensive", 7);
    let b = cancelled(invoice(2), "reissued", 3);
    let lost = DealMoney::Lost {
        reason: "expensive".to_owned(),
    };
    assert_eq!(assess(&[a.clone(), b.clone()]), lost);
    assert_eq!(assess(&[b, a]), lost);
}

#[test]
fn cancellations_at_the_same_moment_are_ordered_by_issue_time() {
    let mut older = cancelled(invoice(1), "reissued", 5);
    older.issued_at = at(1, 9);
    let mut newer = cancelled(invoice(2), "no_budget", 5);
    newer.issued_at = at(2, 9);
    let lost = DealMoney::Lost {
        reason: "no_budget".to_owned(),
    };
    assert_eq!(assess(&[newer.clone(), older.clone()]), lost);
    assert_eq!(assess(&[older, newer]), lost);
}

#[test]
fn a_lost_deal_travels_tagged_with_its_reason() {
    assert_eq!(
        serde_json::to_value(DealMoney::Lost {
            reason: "expensive".to_owned()
        })
        .expect("json"),
        serde_json::json!({"kind": "lost", "reason": "expensive"})
    );
    assert_eq!(
        serde_json::to_value(DealMoney::ShippedUnpaid).expect("json"),
        serde_json::json!({"kind": "shipped_unpaid"})
    );
}

// ---- shipped_state ----

#[test]
fn an_invoice_is_fully_shipped_when_every_line_is() {
    assert_eq!(
        shipped_state(&[dec("10"), dec("2.5")], &[dec("10"), dec("2.5")]),
        Shipped::Fully
    );
    assert_eq!(
        shipped_state(&[dec("10"), dec("2.5")], &[dec("10"), dec("2.499")]),
        Shipped::Partly
    );
}

#[test]
fn an_invoice_with_something_shipped_is_partly_shipped() {
    assert_eq!(
        shipped_state(&[dec("10"), dec("5")], &[dec("1")]),
        Shipped::Partly
    );
    assert_eq!(
        shipped_state(&[dec("10"), dec("5")], &[dec("0"), dec("5")]),
        Shipped::Partly
    );
}

#[test]
fn an_invoice_with_nothing_shipped_or_no_lines_has_shipped_nothing() {
    assert_eq!(shipped_state(&[dec("10")], &[]), Shipped::Nothing);
    assert_eq!(shipped_state(&[dec("10")], &[dec("0")]), Shipped::Nothing);
    assert_eq!(shipped_state(&[], &[]), Shipped::Nothing);
}

#[test]
fn lines_with_no_quantity_do_not_count_towards_shipping() {
    assert_eq!(
        shipped_state(&[dec("10"), dec("0")], &[dec("10")]),
        Shipped::Fully
    );
}

// ---- check_shipment ----

#[test]
fn a_shipment_within_what_remains_is_accepted() {
    let remaining = [dec("10"), dec("2.5")];
    assert_eq!(
        check_shipment(&remaining, &[(0, dec("10")), (1, dec("1.25"))]),
        Ok(())
    );
}

#[test]
fn a_shipment_needs_at_least_one_line() {
    let e = check_shipment(&[dec("10")], &[]).expect_err("empty");
    assert_eq!(fields(&e), [("lines", "required")]);
}

#[test]
fn a_shipped_quantity_must_be_above_zero_with_at_most_three_decimals() {
    let e = check_shipment(
        &[dec("10"), dec("10"), dec("10")],
        &[(0, dec("0")), (1, dec("-1")), (2, dec("1.0005"))],
    )
    .expect_err("bad quantities");
    assert_eq!(
        fields(&e),
        [
            ("lines[0].quantity", "out_of_range"),
            ("lines[1].quantity", "out_of_range"),
            ("lines[2].quantity", "invalid_format"),
        ]
    );
}

#[test]
fn shipping_more_than_remains_on_a_line_is_refused_naming_what_remains() {
    let e = check_shipment(&[dec("2.5"), dec("0")], &[(0, dec("3")), (1, dec("1"))])
        .expect_err("too much");
    assert_eq!(
        fields(&e),
        [
            ("lines[0].quantity", "out_of_range"),
            ("lines[1].quantity", "out_of_range"),
        ]
    );
    assert_eq!(e.0[0].1.message, "Больше, чем осталось отгрузить: 2,5");
    assert_eq!(e.0[1].1.message, "Строка уже отгружена полностью");
}

#[test]
fn an_unknown_or_repeated_line_is_refused() {
    let e = check_shipment(&[dec("10")], &[(3, dec("1")), (0, dec("1")), (0, dec("1"))])
        .expect_err("unknown and repeated");
    assert_eq!(
        fields(&e),
        [
            ("lines[0].line", "not_found"),
            ("lines[2].line", "duplicate")
        ]
    );
}
