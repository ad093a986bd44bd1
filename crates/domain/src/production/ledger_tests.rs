use proptest::prelude::*;
use uuid::Uuid;

use super::*;

fn dec(s: &str) -> Decimal {
    Decimal::from_str_exact(s).expect("decimal literal")
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

fn org(n: u128) -> OrganizationId {
    OrganizationId::from_uuid(Uuid::from_u128(n))
}

fn source(n: u128) -> SourceDocument {
    SourceDocument::Entry(Uuid::from_u128(n))
}

fn row(production: u128, date: NaiveDate, kind: SettlementKind, amount: &str) -> LedgerRow {
    LedgerRow::new(org(production), date, kind, dec(amount), source(1)).expect("row")
}

fn december() -> Period {
    Period::new(d(2026, 12, 1), d(2026, 12, 31)).expect("period")
}

/// Production 1: an order of 100 000 in November, paid 50 000 then; in December paid 50 000,
/// a 5 000 deduction for defects, it bought 20 000 of materials, and we bought 12 000 of tiles.
fn rows() -> Vec<LedgerRow> {
    use SettlementKind::*;
    vec![
        row(1, d(2026, 11, 10), OrderOwed, "100000"),
        row(1, d(2026, 11, 11), PaymentMade, "50000"),
        row(1, d(2026, 12, 5), PaymentMade, "50000"),
        row(1, d(2026, 12, 6), DefectDeduction, "5000"),
        row(1, d(2026, 12, 7), ProductionPurchase, "20000"),
        row(1, d(2026, 12, 8), TilePurchase, "12000"),
        row(2, d(2026, 12, 9), OrderOwed, "30000"),
        row(1, d(2027, 1, 5), PaymentReceived, "13000"),
    ]
}

#[test]
fn what_we_give_the_production_is_a_debit_and_what_it_gives_us_a_credit() {
    use SettlementKind::*;
    for kind in [PaymentMade, DefectDeduction, ProductionPurchase] {
        assert_eq!(kind.side(), Side::Debit, "{kind:?}");
    }
    for kind in [OrderOwed, PaymentReceived, TilePurchase] {
        assert_eq!(kind.side(), Side::Credit, "{kind:?}");
    }
    assert_eq!(row(1, d(2026, 12, 1), OrderOwed, "10").signed(), dec("-10"));
    assert_eq!(
        row(1, d(2026, 12, 1), PaymentMade, "10").signed(),
        dec("10")
    );
}

#[test]
fn a_period_balance_opens_with_earlier_rows_and_closes_with_opening_plus_debits_minus_credits() {
    let b = balance(&rows(), org(1), december());
    assert_eq!(b.opening, dec("-50000"), "we still owed half the order");
    assert_eq!(b.debits, dec("75000"));
    assert_eq!(b.credits, dec("12000"));
    assert_eq!(b.closing, dec("13000"));
    assert_eq!(b.closing.to_string(), "13000.00");
}

#[test]
fn a_positive_balance_is_owed_to_us_and_a_negative_one_we_owe() {
    let ours = balance(&rows(), org(1), december()).position();
    assert_eq!(ours, Position::OwedToUs(dec("13000")));
    assert_eq!(ours.describe_ru(), "Нам должны 13\u{a0}000,00\u{a0}₽");
    let theirs = balance(&rows(), org(2), december()).position();
    assert_eq!(theirs, Position::WeOwe(dec("30000")));
    assert_eq!(theirs.describe_ru(), "Мы должны 30\u{a0}000,00\u{a0}₽");
    let settled = balance(
        &rows(),
        org(1),
        Period::new(d(2027, 1, 1), d(2027, 1, 31)).expect("period"),
    );
    assert_eq!(settled.position(), Position::Settled);
    assert_eq!(settled.position().describe_ru(), "Расчёты закрыты");
}

#[test]
fn rows_after_the_period_do_not_count() {
    let b = balance(
        &rows(),
        org(1),
        Period::new(d(2026, 11, 1), d(2026, 11, 30)).expect("period"),
    );
    assert_eq!(
        (b.opening, b.debits, b.credits, b.closing),
        (dec("0"), dec("50000"), dec("100000"), dec("-50000"))
    );
}

#[test]
fn balances_give_every_production_and_the_totals_owed_either_way_and_paid() {
    let all = balances(&rows(), december());
    let ids: Vec<OrganizationId> = all.productions.iter().map(|p| p.production).collect();
    assert_eq!(ids, [org(1), org(2)]);
    assert_eq!(all.total.closing, dec("-17000"));
    assert_eq!(all.total.opening, dec("-50000"));
    assert_eq!((all.owed_to_us, all.we_owe), (dec("13000"), dec("30000")));
    assert_eq!(
        all.paid_to_productions,
        dec("50000"),
        "only December's payments"
    );
}

#[test]
fn movements_show_the_period_rows_by_date_with_the_running_balance() {
    let m = movements(&rows(), org(1), december());
    let after: Vec<Decimal> = m.iter().map(|m| m.balance_after).collect();
    assert_eq!(after, [dec("0"), dec("5000"), dec("25000"), dec("13000")]);
    assert_eq!(m[0].row.kind, SettlementKind::PaymentMade);
}

#[test]
fn a_row_needs_an_amount_above_zero_in_kopecks_and_a_sane_date() {
    let new = |amount: &str, date| {
        LedgerRow::new(
            org(1),
            date,
            SettlementKind::OrderOwed,
            dec(amount),
            source(1),
        )
    };
    let codes = |r: Result<LedgerRow, FieldErrors>| {
        r.map(|_| ()).map_err(|e| {
            e.0.iter()
                .map(|(f, e)| (f.clone(), e.code))
                .collect::<Vec<_>>()
        })
    };
    assert_eq!(
        codes(new("0", d(2026, 12, 1))),
        Err(vec![("amount".to_owned(), "out_of_range")])
    );
    assert_eq!(
        codes(new("-1", d(2026, 12, 1))),
        Err(vec![("amount".to_owned(), "out_of_range")])
    );
    assert_eq!(
        codes(new("1.001", d(2026, 12, 1))),
        Err(vec![("amount".to_owned(), "invalid_format")])
    );
    assert_eq!(
        codes(new("1", d(1999, 12, 1))),
        Err(vec![("date".to_owned(), "out_of_range")])
    );
    assert_eq!(
        new("1.5", d(2026, 12, 1))
            .map(|r| r.amount().to_string())
            .ok(),
        Some("1.50".to_owned())
    );
}

#[test]
fn a_period_cannot_end_before_it_starts() {
    let e = Period::new(d(2026, 12, 2), d(2026, 12, 1)).expect_err("refused");
    assert_eq!(e.0[0].0, "to");
    assert!(
        Period::new(d(2026, 12, 1), d(2026, 12, 1)).is_ok(),
        "one day"
    );
}

#[test]
fn settlement_kinds_round_trip_through_their_names() {
    crate::names::assert_names_agree::<SettlementKind>();
    crate::names::assert_names_agree::<Side>();
    assert_eq!(
        SettlementKind::TilePurchase.name_ru(),
        "Выкуп плитки у производства"
    );
}

// ---- properties ----

fn any_row() -> impl Strategy<Value = LedgerRow> {
    (
        0u128..3,
        0u64..120,
        0usize..SettlementKind::ALL.len(),
        1i64..10_000_000,
    )
        .prop_map(|(p, day, kind, kopecks)| {
            LedgerRow::new(
                org(p),
                d(2026, 10, 1) + chrono::Days::new(day),
                SettlementKind::ALL[kind],
                Decimal::new(kopecks, 2),
                source(u128::from(day)),
            )
            .expect("valid row")
        })
}

fn all_time() -> Period {
    Period::new(crate::dates::EARLIEST, crate::dates::LATEST).expect("period")
}

proptest! {
    #[test]
    fn a_balance_always_equals_the_sum_of_its_rows(rows in proptest::collection::vec(any_row(), 0..60)) {
        for p in 0..3 {
            let b = balance(&rows, org(p), all_time());
            let sum: Decimal = rows.iter().filter(|r| r.production == org(p)).map(LedgerRow::signed).sum();
            prop_assert_eq!(b.closing, sum);
            prop_assert_eq!(b.opening, Decimal::ZERO);
        }
        let all = balances(&rows, all_time());
        let sum: Decimal = rows.iter().map(LedgerRow::signed).sum();
        prop_assert_eq!(all.total.closing, sum);
        prop_assert_eq!(all.owed_to_us - all.we_owe, sum);
    }

    #[test]
    fn any_split_of_a_period_chains_opening_debits_credits_and_closing(
        rows in proptest::collection::vec(any_row(), 0..60),
        start in 0u64..120,
        len in 0u64..120,
        cut in 0u64..120,
    ) {
        let first = d(2026, 10, 1) + chrono::Days::new(start);
        let last = first + chrono::Days::new(len);
        let cut = first + chrono::Days::new(cut.min(len));
        let whole = Period::new(first, last).expect("period");
        let left = Period::new(first, cut).expect("period");
        for p in 0..3 {
            let w = balance(&rows, org(p), whole);
            prop_assert_eq!(w.opening + w.debits - w.credits, w.closing);
            let l = balance(&rows, org(p), left);
            prop_assert_eq!(l.opening, w.opening);
            prop_assert_eq!(l.opening + l.debits - l.credits, l.closing);
            if cut < last {
                let right = balance(&rows, org(p), Period::new(cut + chrono::Days::new(1), last).expect("period"));
                prop_assert_eq!(right.opening, l.closing);
                prop_assert_eq!(right.closing, w.closing);
                prop_assert_eq!(l.debits + right.debits, w.debits);
                prop_assert_eq!(l.credits + right.credits, w.credits);
            } else {
                prop_assert_eq!(l, w);
            }
            let m = movements(&rows, org(p), whole);
            prop_assert_eq!(m.last().map_or(w.opening, |m| m.balance_after), w.closing);
        }
        let all = balances(&rows, whole);
        let sum = all.productions.iter().fold(Decimal::ZERO, |acc, p| acc + p.balance.closing);
        prop_assert_eq!(all.total.closing, sum);
        prop_assert_eq!(all.total.opening + all.total.debits - all.total.credits, all.total.closing);
    }
}

/// What a database gives back for `rows` and `period`: sums per production, kind and side of the
/// period's start, of the rows up to its end.
fn summed(rows: &[LedgerRow], period: Period) -> Vec<KindSum> {
    let mut sums: std::collections::BTreeMap<(OrganizationId, &str, bool), KindSum> = Default::default();
    for r in rows.iter().filter(|r| r.date <= period.last_day()) {
        let before = r.date < period.first_day();
        let e = sums.entry((r.production, r.kind.as_str(), before)).or_insert(KindSum { production: r.production, kind: r.kind, before_period: before, amount: Decimal::ZERO });
        e.amount += r.amount();
    }
    sums.into_values().collect()
}

proptest! {
    #[test]
    fn balances_from_the_databases_sums_equal_balances_from_the_rows(
        rows in proptest::collection::vec(any_row(), 0..80),
        start in 0u64..120,
        len in 0u64..60,
    ) {
        let from = d(2026, 10, 1) + chrono::Days::new(start);
        let period = Period::new(from, from + chrono::Days::new(len)).expect("period");
        let sums = summed(&rows, period);
        prop_assert_eq!(balances_from_sums(&sums, period), balances(&rows, period));
        for p in 0..3 {
            prop_assert_eq!(balance_from_sums(&sums, org(p), period), balance(&rows, org(p), period));
        }
    }
}

#[test]
fn a_source_document_round_trips_through_its_stored_type_and_id() {
    let id = Uuid::from_u128(42);
    for source in [
        SourceDocument::ProductionOrder(crate::ids::ProductionOrderId::from_uuid(id)),
        SourceDocument::OrderStep(id),
        SourceDocument::Payment(id),
        SourceDocument::Entry(id),
    ] {
        assert_eq!(SourceDocument::parse(source.type_str(), source.id()), Some(source));
    }
    assert_eq!(SourceDocument::parse("document", id), None);
}
