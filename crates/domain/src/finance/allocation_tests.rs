use proptest::prelude::*;
use uuid::Uuid;

use super::*;
use crate::documents::ScheduleTerms;

fn dec(s: &str) -> Decimal {
    Decimal::from_str_exact(s).expect("decimal literal")
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

fn inv(n: u128) -> DocumentId {
    DocumentId::from_uuid(Uuid::from_u128(n))
}

fn part(amount: &str, due_date: NaiveDate) -> PartDue {
    PartDue {
        amount: dec(amount),
        due_date,
    }
}

/// A 50/50 invoice of 1 000 ₽: 500 by 05.12.2026, 500 by 30.12.2026.
fn fifty_fifty() -> Vec<PartDue> {
    vec![part("500", d(2026, 12, 5)), part("500", d(2026, 12, 30))]
}

fn fields(e: &FieldErrors) -> Vec<(&str, &'static str)> {
    e.0.iter().map(|(f, e)| (f.as_str(), e.code)).collect()
}

// ---- part_states ----

#[test]
fn a_payment_fills_parts_in_due_order() {
    let states = part_states(&fifty_fifty(), dec("700"), d(2026, 12, 1));
    let paid: Vec<Decimal> = states.iter().map(|s| s.paid).collect();
    let outstanding: Vec<Decimal> = states.iter().map(|s| s.outstanding).collect();
    assert_eq!(paid, [dec("500"), dec("200")]);
    assert_eq!(outstanding, [dec("0"), dec("300")]);
    assert!(states.iter().all(|s| !s.overdue));
}

#[test]
fn a_part_is_overdue_only_after_its_due_date_and_only_while_unpaid() {
    let parts = fifty_fifty();
    let on_due_day = part_states(&parts, dec("0"), d(2026, 12, 5));
    assert!(!on_due_day[0].overdue, "due today is not late yet");
    assert_eq!(on_due_day[0].days_overdue, 0);
    let next_day = part_states(&parts, dec("0"), d(2026, 12, 6));
    assert!(next_day[0].overdue);
    assert_eq!(next_day[0].days_overdue, 1);
    assert!(!next_day[1].overdue);
    let paid_first = part_states(&parts, dec("500"), d(2026, 12, 20));
    assert!(!paid_first[0].overdue, "a paid part is never overdue");
    assert_eq!(paid_first[0].days_overdue, 0);
    let late = part_states(&parts, dec("499.99"), d(2026, 12, 20));
    assert!(late[0].overdue, "a kopeck short is still overdue");
    assert_eq!(late[0].outstanding, dec("0.01"));
    assert_eq!(late[0].days_overdue, 15);
}

#[test]
fn an_overpayment_fills_every_part_and_the_rest_stays_outside_the_parts() {
    let states = part_states(&fifty_fifty(), dec("1200"), d(2027, 2, 1));
    assert!(states.iter().all(|s| s.outstanding.is_zero() && !s.overdue));
    assert_eq!(states.iter().map(|s| s.paid).sum::<Decimal>(), dec("1000"));
}

#[test]
fn a_negative_paid_amount_counts_as_nothing_paid() {
    let states = part_states(&fifty_fifty(), dec("-10"), d(2026, 12, 1));
    assert_eq!(states[0].paid, dec("0"));
    assert_eq!(states[0].outstanding, dec("500"));
}

#[test]
fn part_amounts_come_back_with_kopecks() {
    let states = part_states(&[part("500", d(2026, 12, 5))], dec("100"), d(2026, 12, 1));
    assert_eq!(states[0].amount.to_string(), "500.00");
    assert_eq!(states[0].paid.to_string(), "100.00");
    assert_eq!(states[0].outstanding.to_string(), "400.00");
}

#[test]
fn schedule_parts_convert_to_parts_due() {
    let parts = ScheduleTerms::FiftyFifty {
        days: 5,
        second_due_date: None,
    }
    .parts(dec("1000.01"), d(2026, 11, 30))
    .expect("valid");
    let due: Vec<PartDue> = parts.into_iter().map(PartDue::from).collect();
    assert_eq!(
        due,
        [
            part("500.01", d(2026, 12, 5)),
            part("500.00", d(2026, 12, 30))
        ]
    );
}

#[test]
fn an_empty_schedule_has_no_states() {
    assert!(part_states(&[], dec("10"), d(2026, 12, 1)).is_empty());
}

// ---- required_now ----

#[test]
fn the_advance_is_required_before_its_due_date() {
    assert_eq!(
        required_now(&fifty_fifty(), false, d(2026, 11, 30)),
        dec("500")
    );
}

#[test]
fn every_part_due_on_or_before_today_is_required() {
    let parts = fifty_fifty();
    assert_eq!(required_now(&parts, false, d(2026, 12, 29)), dec("500"));
    assert_eq!(required_now(&parts, false, d(2026, 12, 30)), dec("1000"));
    assert_eq!(required_now(&parts, false, d(2027, 1, 10)), dec("1000"));
}

#[test]
fn a_deferral_requires_nothing_until_its_due_date() {
    let parts = [part("1000", d(2026, 12, 30))];
    assert_eq!(required_now(&parts, true, d(2026, 12, 29)), dec("0"));
    assert_eq!(required_now(&parts, true, d(2026, 12, 30)), dec("1000"));
}

#[test]
fn a_prepayment_requires_everything_at_once() {
    let parts = [part("1000", d(2026, 12, 5))];
    assert_eq!(required_now(&parts, false, d(2026, 11, 30)), dec("1000"));
}

#[test]
fn an_empty_schedule_requires_nothing() {
    assert_eq!(required_now(&[], false, d(2026, 12, 1)), dec("0"));
}

// ---- check_allocations ----

fn standing(
    table: &[(DocumentId, &str, bool)],
) -> impl Fn(DocumentId) -> Option<InvoiceStanding> + use<> {
    let table: Vec<(DocumentId, Decimal, bool)> =
        table.iter().map(|(id, o, c)| (*id, dec(o), *c)).collect();
    move |id| {
        table
            .iter()
            .find(|(i, _, _)| *i == id)
            .map(|(_, outstanding, cancelled)| InvoiceStanding {
                outstanding: *outstanding,
                cancelled: *cancelled,
            })
    }
}

fn req(invoice: DocumentId, amount: &str) -> AllocationRequest {
    AllocationRequest {
        invoice,
        amount: dec(amount),
    }
}

#[test]
fn allocations_within_the_payment_and_each_invoice_are_accepted() {
    let invoices = standing(&[(inv(1), "1000", false), (inv(2), "234.50", false)]);
    let requests = [req(inv(1), "1000"), req(inv(2), "234.50")];
    assert_eq!(
        check_allocations(dec("1234.50"), &requests, &invoices),
        Ok(())
    );
    assert_eq!(check_allocations(dec("0"), &[], &invoices), Ok(()));
}

#[test]
fn an_allocation_amount_must_be_above_zero_with_kopecks_at_most() {
    let invoices = standing(&[
        (inv(1), "1000", false),
        (inv(2), "1000", false),
        (inv(3), "1000", false),
    ]);
    let e = check_allocations(
        dec("5000"),
        &[req(inv(1), "0"), req(inv(2), "-5"), req(inv(3), "1.005")],
        &invoices,
    )
    .expect_err("bad amounts");
    assert_eq!(
        fields(&e),
        [
            ("allocations[0].amount", "out_of_range"),
            ("allocations[1].amount", "out_of_range"),
            ("allocations[2].amount", "invalid_format"),
        ]
    );
    assert_eq!(e.0[0].1.message, "Сумма должна быть больше нуля");
}

#[test]
fn an_allocation_above_the_invoice_outstanding_is_refused_naming_what_is_left() {
    let invoices = standing(&[(inv(1), "1234.50", false)]);
    let e = check_allocations(dec("5000"), &[req(inv(1), "1234.51")], &invoices)
        .expect_err("above outstanding");
    assert_eq!(fields(&e), [("allocations[0].amount", "out_of_range")]);
    assert_eq!(
        e.0[0].1.message,
        "Больше остатка: к оплате по счёту осталось 1\u{a0}234,50\u{a0}₽"
    );
}

#[test]
fn allocations_adding_up_to_more_than_the_payment_rest_are_refused() {
    let invoices = standing(&[(inv(1), "1000", false), (inv(2), "1000", false)]);
    let e = check_allocations(
        dec("1500"),
        &[req(inv(1), "1000"), req(inv(2), "1000")],
        &invoices,
    )
    .expect_err("above rest");
    assert_eq!(fields(&e), [("allocations", "out_of_range")]);
    assert_eq!(
        e.0[0].1.message,
        "Разнесено 2\u{a0}000,00\u{a0}₽ — больше нераспределённого остатка платежа 1\u{a0}500,00\u{a0}₽"
    );
}

#[test]
fn a_cancelled_or_unknown_invoice_takes_no_allocation() {
    let invoices = standing(&[(inv(1), "1000", true)]);
    let e = check_allocations(
        dec("5000"),
        &[req(inv(1), "100"), req(inv(9), "100")],
        &invoices,
    )
    .expect_err("cancelled and unknown");
    assert_eq!(
        fields(&e),
        [
            ("allocations[0].invoice_id", "not_allowed"),
            ("allocations[1].invoice_id", "not_found"),
        ]
    );
}

#[test]
fn the_same_invoice_twice_is_refused_on_its_second_mention() {
    let invoices = standing(&[(inv(1), "1000", false)]);
    let e = check_allocations(
        dec("5000"),
        &[req(inv(1), "100"), req(inv(1), "100")],
        &invoices,
    )
    .expect_err("twice");
    assert_eq!(fields(&e), [("allocations[1].invoice_id", "duplicate")]);
}

#[test]
fn every_allocation_problem_is_reported_at_once() {
    let invoices = standing(&[(inv(1), "100", false), (inv(2), "100", true)]);
    let e = check_allocations(
        dec("50"),
        &[req(inv(1), "150"), req(inv(2), "0"), req(inv(3), "10")],
        &invoices,
    )
    .expect_err("several");
    assert_eq!(
        fields(&e),
        [
            ("allocations[0].amount", "out_of_range"),
            ("allocations[1].amount", "out_of_range"),
            ("allocations[1].invoice_id", "not_allowed"),
            ("allocations[2].invoice_id", "not_found"),
            ("allocations", "out_of_range"),
        ]
    );
}

#[test]
fn allocation_requests_travel_as_invoice_id_and_amount_strings() {
    let r = req(inv(1), "1234.50");
    let json = serde_json::to_value(r).expect("json");
    assert_eq!(
        json,
        serde_json::json!({"invoice_id": Uuid::from_u128(1).to_string(), "amount": "1234.50"})
    );
    assert_eq!(
        serde_json::from_value::<AllocationRequest>(json).expect("back"),
        r
    );
}

// ---- auto_allocate ----

#[test]
fn auto_allocation_fills_invoices_in_the_given_order() {
    let (allocs, rest) = auto_allocate(
        dec("1500"),
        &[
            (inv(1), dec("1000")),
            (inv(2), dec("800")),
            (inv(3), dec("300")),
        ],
    );
    assert_eq!(allocs, [(inv(1), dec("1000")), (inv(2), dec("500"))]);
    assert_eq!(rest, dec("0"));
}

#[test]
fn an_overpayment_leaves_the_rest_as_the_clients_advance() {
    let (allocs, rest) = auto_allocate(dec("1200"), &[(inv(1), dec("1000"))]);
    assert_eq!(allocs, [(inv(1), dec("1000"))]);
    assert_eq!(rest, dec("200"));
    let (allocs, rest) = auto_allocate(dec("300"), &[]);
    assert!(allocs.is_empty());
    assert_eq!(rest, dec("300"));
}

#[test]
fn auto_allocation_skips_invoices_with_nothing_outstanding() {
    let (allocs, _) = auto_allocate(
        dec("100"),
        &[(inv(1), dec("0")), (inv(2), dec("-5")), (inv(3), dec("40"))],
    );
    assert_eq!(allocs, [(inv(3), dec("40"))]);
}

#[test]
fn a_non_positive_amount_allocates_nothing() {
    assert_eq!(
        auto_allocate(dec("0"), &[(inv(1), dec("10"))]),
        (vec![], dec("0"))
    );
    assert_eq!(
        auto_allocate(dec("-10"), &[(inv(1), dec("10"))]),
        (vec![], dec("0"))
    );
}

// ---- advance and refunds ----

#[test]
fn the_advance_is_unallocated_incoming_money_less_refunds() {
    assert_eq!(advance_balance(dec("1200"), dec("200")), dec("1000"));
    assert_eq!(advance_balance(dec("1200"), dec("1200")), dec("0"));
    assert_eq!(
        advance_balance(dec("100"), dec("150")),
        dec("-50"),
        "an over-refund shows as it is"
    );
}

#[test]
fn a_refund_is_at_most_the_clients_advance() {
    assert_eq!(check_refund(dec("200"), dec("200")), Ok(()));
    let e = check_refund(dec("200.01"), dec("200")).expect_err("above advance");
    assert_eq!(fields(&e), [("amount", "out_of_range")]);
    assert_eq!(
        e.0[0].1.message,
        "Вернуть можно не больше аванса клиента: 200,00\u{a0}₽"
    );
    let e = check_refund(dec("0"), dec("200")).expect_err("zero");
    assert_eq!(fields(&e), [("amount", "out_of_range")]);
    let e = check_refund(dec("1.001"), dec("200")).expect_err("sub-kopeck");
    assert_eq!(fields(&e), [("amount", "invalid_format")]);
}

// ---- properties ----

fn kopecks(max: i64) -> impl Strategy<Value = Decimal> {
    (0..=max).prop_map(|k| Decimal::new(k, 2))
}

proptest! {
    #[test]
    fn auto_allocation_never_exceeds_the_payment_or_any_outstanding(
        amount in kopecks(10_000_000),
        outstanding in proptest::collection::vec(kopecks(5_000_000), 0..8),
    ) {
        let open: Vec<(DocumentId, Decimal)> = outstanding
            .iter()
            .enumerate()
            .map(|(i, o)| (inv(i as u128 + 1), *o))
            .collect();
        let (allocs, rest) = auto_allocate(amount, &open);
        let allocated: Decimal = allocs.iter().map(|(_, a)| *a).sum();
        prop_assert_eq!(allocated + rest, amount);
        prop_assert!(rest >= Decimal::ZERO);
        for (id, a) in &allocs {
            let o = open.iter().find(|(i, _)| i == id).map(|(_, o)| *o).unwrap_or_default();
            prop_assert!(*a > Decimal::ZERO && *a <= o);
        }
        let total: Decimal = outstanding.iter().sum();
        prop_assert_eq!(allocated, amount.min(total));
        // What the system spreads, a person could have typed.
        let requests: Vec<AllocationRequest> = allocs.iter().map(|(invoice, amount)| AllocationRequest { invoice: *invoice, amount: *amount }).collect();
        let lookup = |id: DocumentId| open.iter().find(|(i, _)| *i == id).map(|(_, o)| InvoiceStanding { outstanding: *o, cancelled: false });
        prop_assert_eq!(check_allocations(amount, &requests, &lookup), Ok(()));
    }

    #[test]
    fn parts_paid_add_up_to_what_was_paid_up_to_the_total(
        amounts in proptest::collection::vec(kopecks(1_000_000), 0..6),
        paid in kopecks(8_000_000),
    ) {
        let parts: Vec<PartDue> = amounts.iter().map(|a| PartDue { amount: *a, due_date: d(2026, 12, 5) }).collect();
        let total: Decimal = amounts.iter().sum();
        let states = part_states(&parts, paid, d(2026, 12, 10));
        prop_assert_eq!(states.iter().map(|s| s.paid).sum::<Decimal>(), paid.min(total));
        for s in &states {
            prop_assert_eq!(s.paid + s.outstanding, s.amount);
            prop_assert!(s.paid >= Decimal::ZERO && s.outstanding >= Decimal::ZERO);
            prop_assert_eq!(s.overdue, s.outstanding > Decimal::ZERO);
        }
        // Parts are filled strictly in order: no part is paid while an earlier one is short.
        for w in states.windows(2) {
            prop_assert!(w[1].paid.is_zero() || w[0].outstanding.is_zero());
        }
    }
}
