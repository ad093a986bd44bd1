use uuid::Uuid;

use super::*;

fn dec(s: &str) -> Decimal {
    Decimal::from_str_exact(s).expect("decimal literal")
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

fn id(n: u128) -> DocumentId {
    DocumentId::from_uuid(Uuid::from_u128(n))
}

/// The references as "17" or "17@2026-11-30".
fn refs(purpose: &str) -> Vec<String> {
    invoice_refs(purpose)
        .into_iter()
        .map(|r| match r.date {
            Some(date) => format!("{}@{date}", r.number),
            None => r.number,
        })
        .collect()
}

// ---- invoice_refs ----

#[test]
fn invoice_numbers_are_found_in_real_world_purposes() {
    let cases: &[(&str, &[&str])] = &[
        ("Оплата по счету № 17 от 30.11.2026", &["17@2026-11-30"]),
        ("Оплата по сч. 17 от 30.11.26", &["17@2026-11-30"]),
        ("Оплата по счёту №17", &["17"]),
        ("Оплата сч.№ 17 за плитку", &["17"]),
        ("Счет 17 от 30.11.2026г.", &["17@2026-11-30"]),
        ("Счет 17 от 30.11.2026 г. Сумма 1000-00", &["17@2026-11-30"]),
        (
            "Оплата согласно счета на оплату № 17 от 30.11.2026",
            &["17@2026-11-30"],
        ),
        ("Оплата по счетам №17, 18", &["17", "18"]),
        ("Оплата по счетам №17,18", &["17", "18"]),
        ("Оплата по счетам № 17 и № 18", &["17", "18"]),
        ("Оплата по счетам №№ 17; 18; 19", &["17", "18", "19"]),
        (
            "Оплата по счету № 17 от 30.11.2026, 18 от 01.12.2026",
            &["17@2026-11-30", "18@2026-12-01"],
        ),
        ("ОПЛАТА ПО СЧЕТУ N 17 ОТ 30.11.2026", &["17@2026-11-30"]),
        ("Оплата по счету No 17", &["17"]),
        ("Оплата по счету #17", &["17"]),
        ("Оплата по счету номер 17", &["17"]),
        ("Оплата по счету №17от30.11.2026", &["17@2026-11-30"]),
        ("Оплата по счету от 30.11.2026 № 17", &["17@2026-11-30"]),
        (
            "Оплата по счету на оплату от 30.11.2026 №17",
            &["17@2026-11-30"],
        ),
        (
            "Оплата по счету № 17 от 30 ноября 2026 г.",
            &["17@2026-11-30"],
        ),
        ("Оплата по счету № 5 от 3 мая 2026", &["5@2026-05-03"]),
        ("Оплата по счету № 5 от 3 марта 2026", &["5@2026-03-03"]),
        ("Оплата по счету № 17 от 30/11/2026", &["17@2026-11-30"]),
        (
            "Оплата по счету № 0000017 от 30.11.2026",
            &["17@2026-11-30"],
        ),
        (
            "Оплата по счету-договору № 17 от 30.11.2026",
            &["17@2026-11-30"],
        ),
        ("Оплата по счет-оферте №17", &["17"]),
        ("Предоплата по сч 17", &["17"]),
        ("Оплата по счету: 17", &["17"]),
        ("Оплата по счету «17»", &["17"]),
        (
            "Оплата по счету № 17 от 30.11.2026 за плитку резиновую, в т.ч. НДС 22% 2254.10",
            &["17@2026-11-30"],
        ),
        (
            "Оплата по счету № 17 от 30.11.2026 по договору № 5/26 от 01.01.2026. НДС не облагается",
            &["17@2026-11-30"],
        ),
        (
            "Оплата по договору № 5/26 от 01.01.2026 согласно счету № 17",
            &["17"],
        ),
        ("Оплата по сч. 17 и сч. 18", &["17", "18"]),
        ("Оплата по счету 17, сумма 12500,00 руб.", &["17"]),
        ("Оплата по счету 17, 12500,00", &["17"]),
        ("Оплата по счету 17, 12500.00", &["17"]),
        ("Оплата по счету № 17 (аванс 50%)", &["17"]),
        (
            "Доплата по счету № 17 от 30.11.2026 (второй платеж)",
            &["17@2026-11-30"],
        ),
        (
            "Повторно: по счету № 17 от 30.11.2026; по счету № 17 от 30.11.2026",
            &["17@2026-11-30"],
        ),
        ("Оплата по счету № 17 от 31.02.2026", &["17"]),
    ];
    for (purpose, expected) in cases {
        assert_eq!(refs(purpose), *expected, "{purpose}");
    }
}

#[test]
fn amounts_contracts_dates_and_accounts_are_not_invoice_numbers() {
    let cases: &[&str] = &[
        "",
        "Оплата за плитку резиновую 500х500х30, в т.ч. НДС 22% 2254.10",
        "Оплата по договору № 5/26 от 01.01.2026",
        "Оплата по договору 17 от 30.11.2026",
        "Аванс за декабрь 2026",
        "Перевод собственных средств на расчетный счет 40702810900000012345",
        "Возврат на р/сч 40702810900000012345",
        "Оплата на счет 40702810900000012345",
        "Оплата по счету-фактуре № 17 от 30.11.2026",
        "Оплата по сч/ф 17 от 30.11.2026",
        "Оплата по сч-ф 17",
        "Оплата по счет фактуре 17",
        "Оплата по счету 17/26",
        "Оплата по счету 17а",
        "Оплата по счету 30.11.2026",
        "Оплата по счету 1500 руб",
        "Оплата по счету 1500 ₽",
        "Оплата по счету № 0",
        "Оплата по счету без номера",
        "Оплата по счету на плитку 17 шт",
        "Счетчик 17",
        "Расчет по счету отсутствует",
        "Оплата по лицевому счету 17",
        "ИНН 7701234567 КПП 770101001",
    ];
    for purpose in cases {
        assert_eq!(refs(purpose), Vec::<String>::new(), "{purpose}");
    }
}

#[test]
fn e_and_yo_and_case_do_not_matter() {
    assert_eq!(refs("ОПЛАТА ПО СЧЁТУ № 17"), ["17"]);
    assert_eq!(refs("оплата по счету № 17"), ["17"]);
    assert_eq!(refs("Оплата По СчЁт № 17"), ["17"]);
}

// ---- match_payment ----

const INN: &str = "7701234567";
const OTHER_INN: &str = "5001234567";

fn candidate(
    n: u128,
    number: &str,
    date: NaiveDate,
    inn: Option<&str>,
    outstanding: &str,
) -> Candidate {
    Candidate {
        id: id(n),
        number: number.to_owned(),
        date,
        buyer_inn: inn.map(str::to_owned),
        outstanding: dec(outstanding),
        due_now: dec("0"),
    }
}

fn payment(inn: Option<&str>, amount: &str, purpose: &str) -> PaymentFacts {
    PaymentFacts {
        payer_inn: inn.map(str::to_owned),
        amount: dec(amount),
        date: d(2026, 12, 3),
        purpose: purpose.to_owned(),
    }
}

fn why(m: &Matching) -> Option<&Unmatched> {
    match m {
        Matching::Unmatched { why, .. } => Some(why),
        Matching::Auto { .. } => None,
    }
}

fn suggested(m: &Matching) -> Vec<(DocumentId, u32)> {
    match m {
        Matching::Unmatched { suggestions, .. } => {
            suggestions.iter().map(|s| (s.invoice, s.score)).collect()
        }
        Matching::Auto { .. } => vec![],
    }
}

#[test]
fn number_and_inn_agreeing_with_one_open_invoice_match_automatically() {
    let candidates = [
        candidate(1, "17", d(2026, 11, 30), Some(INN), "1000"),
        candidate(2, "18", d(2026, 11, 30), Some(INN), "1000"),
    ];
    let m = match_payment(
        &payment(Some(INN), "1000", "Оплата по счету № 17 от 30.11.2026"),
        &candidates,
    );
    assert_eq!(
        m,
        Matching::Auto {
            invoice: id(1),
            reasons: vec![
                Reason::NumberInPurpose {
                    number: "17".to_owned()
                },
                Reason::SameInn,
                Reason::AmountEqualsOutstanding {
                    amount: dec("1000")
                },
                Reason::DateNearInvoice { days: 3 },
            ]
        }
    );
}

#[test]
fn a_partial_payment_with_number_and_inn_still_matches_automatically() {
    let candidates = [candidate(1, "17", d(2026, 11, 30), Some(INN), "1000")];
    let m = match_payment(&payment(Some(INN), "1", "по сч. 17"), &candidates);
    assert!(matches!(m, Matching::Auto { invoice, .. } if invoice == id(1)));
}

#[test]
fn the_date_in_the_purpose_tells_apart_invoices_with_the_same_number() {
    // Numbers restart every year: last year's 17 is still open.
    let candidates = [
        candidate(1, "17", d(2025, 11, 30), Some(INN), "1000"),
        candidate(2, "17", d(2026, 11, 30), Some(INN), "1000"),
    ];
    let m = match_payment(
        &payment(Some(INN), "1000", "Оплата по счету № 17 от 30.11.2026"),
        &candidates,
    );
    assert!(matches!(m, Matching::Auto { invoice, .. } if invoice == id(2)));
    let without_date = match_payment(
        &payment(Some(INN), "1000", "Оплата по счету № 17"),
        &candidates,
    );
    assert_eq!(
        why(&without_date),
        Some(&Unmatched::Ambiguous {
            numbers: vec!["17".to_owned()]
        })
    );
}

#[test]
fn a_purpose_without_a_number_waits_with_suggestions_by_inn_and_amount() {
    let candidates = [
        candidate(1, "17", d(2026, 11, 30), Some(INN), "1000"),
        candidate(2, "18", d(2026, 12, 1), Some(OTHER_INN), "1000"),
        candidate(3, "19", d(2026, 12, 2), Some(OTHER_INN), "555"),
    ];
    let m = match_payment(&payment(Some(INN), "1000", "Оплата за плитку"), &candidates);
    assert_eq!(why(&m), Some(&Unmatched::NoNumber));
    // 17: INN 30 + amount 20 + date 5; 18: amount 20 + date 5; 19: partial and date only — not suggested.
    assert_eq!(suggested(&m), [(id(1), 55), (id(2), 25)]);
}

#[test]
fn a_number_no_open_invoice_has_is_reported() {
    let candidates = [candidate(1, "17", d(2026, 11, 30), Some(INN), "1000")];
    let m = match_payment(
        &payment(Some(INN), "1000", "Оплата по счетам № 21, 22"),
        &candidates,
    );
    assert_eq!(
        why(&m),
        Some(&Unmatched::NumberNotFound {
            numbers: vec!["21".to_owned(), "22".to_owned()]
        })
    );
    assert_eq!(suggested(&m), [(id(1), 55)]);
}

#[test]
fn a_number_whose_open_invoice_has_another_date_is_reported_with_both_dates() {
    let candidates = [candidate(1, "17", d(2026, 12, 1), Some(INN), "1000")];
    let m = match_payment(
        &payment(Some(INN), "1000", "Оплата по счету № 17 от 30.11.2026"),
        &candidates,
    );
    let expected = Unmatched::DateDiffers {
        number: "17".to_owned(),
        purpose_date: d(2026, 11, 30),
        invoice_date: d(2026, 12, 1),
    };
    assert_eq!(why(&m), Some(&expected));
    assert_eq!(
        expected.text(),
        "В назначении платежа счёт № 17 от 30.11.2026, а открытый счёт № 17 — от 01.12.2026"
    );
}

#[test]
fn an_invoice_of_another_buyer_is_not_matched_automatically() {
    let candidates = [candidate(1, "17", d(2026, 11, 30), Some(OTHER_INN), "1000")];
    let m = match_payment(
        &payment(Some(INN), "1000", "Оплата по счету № 17"),
        &candidates,
    );
    let expected = Unmatched::InnDiffers {
        numbers: vec!["17".to_owned()],
        payer_inn: INN.to_owned(),
    };
    assert_eq!(why(&m), Some(&expected));
    assert_eq!(
        expected.text(),
        "ИНН плательщика 7701234567 не совпадает с ИНН покупателя по счёту № 17"
    );
    // Still the best suggestion: number 40 + amount 20 + date 5.
    assert_eq!(suggested(&m), [(id(1), 65)]);
}

#[test]
fn a_buyer_without_an_inn_is_not_matched_automatically() {
    let candidates = [candidate(1, "17", d(2026, 11, 30), None, "1000")];
    let m = match_payment(
        &payment(Some(INN), "1000", "Оплата по счету № 17"),
        &candidates,
    );
    assert_eq!(why(&m).map(Unmatched::code), Some("inn_differs"));
}

#[test]
fn a_payment_without_the_payers_inn_is_not_matched_automatically() {
    let candidates = [candidate(1, "17", d(2026, 11, 30), Some(INN), "1000")];
    for inn in [None, Some(""), Some("0"), Some("0000000000")] {
        let m = match_payment(&payment(inn, "1000", "Оплата по счету № 17"), &candidates);
        assert_eq!(
            why(&m),
            Some(&Unmatched::NoPayerInn {
                numbers: vec!["17".to_owned()]
            }),
            "{inn:?}"
        );
    }
}

#[test]
fn a_purpose_naming_several_of_the_payers_invoices_waits_for_a_person() {
    let candidates = [
        candidate(1, "17", d(2026, 11, 30), Some(INN), "1000"),
        candidate(2, "18", d(2026, 11, 30), Some(INN), "1000"),
    ];
    let m = match_payment(
        &payment(Some(INN), "2000", "Оплата по счетам №17, 18"),
        &candidates,
    );
    let expected = Unmatched::Ambiguous {
        numbers: vec!["17".to_owned(), "18".to_owned()],
    };
    assert_eq!(why(&m), Some(&expected));
    assert_eq!(
        expected.text(),
        "Платёж подходит к нескольким счетам (№ 17, № 18) — разнесите его вручную"
    );
    assert_eq!(suggested(&m).len(), 2);
}

#[test]
fn suggestions_rank_by_score_then_latest_date_then_number() {
    let candidates = [
        candidate(1, "9", d(2026, 11, 1), Some(INN), "700"),
        candidate(2, "10", d(2026, 11, 20), Some(INN), "700"),
        candidate(3, "2", d(2026, 11, 20), Some(INN), "700"),
        candidate(4, "40", d(2026, 11, 25), Some(OTHER_INN), "500"),
        candidate(5, "41", d(2026, 11, 26), None, "800"),
    ];
    // 500 ₽ from INN with no number: 4 has the exact amount (20 + date 5 = 25); 1–3 have the
    // INN (30) and a partial amount (5), 2 and 3 also the date (5); 5 has nothing strong.
    let m = match_payment(&payment(Some(INN), "500", "Оплата за плитку"), &candidates);
    assert_eq!(
        suggested(&m),
        [(id(3), 40), (id(2), 40), (id(1), 35), (id(4), 25)]
    );
}

#[test]
fn at_most_five_suggestions_are_offered() {
    let candidates: Vec<Candidate> = (1..=8)
        .map(|n| candidate(n, &n.to_string(), d(2026, 11, n as u32), Some(INN), "1000"))
        .collect();
    let m = match_payment(&payment(Some(INN), "300", ""), &candidates);
    let s = suggested(&m);
    assert_eq!(s.len(), MAX_SUGGESTIONS);
    assert_eq!(s[0].0, id(8), "the latest invoice first on equal scores");
}

#[test]
fn paying_exactly_what_is_due_now_suggests_the_invoice_as_its_advance() {
    let mut c = candidate(1, "17", d(2026, 11, 30), Some(OTHER_INN), "1000");
    c.due_now = dec("500");
    let m = match_payment(&payment(Some(INN), "500", "Аванс"), &[c]);
    match m {
        Matching::Unmatched { suggestions, .. } => {
            assert_eq!(suggestions[0].score, WEIGHT_DUE_NOW + WEIGHT_DATE);
            assert_eq!(
                suggestions[0].reasons[0],
                Reason::AmountEqualsDueNow { amount: dec("500") }
            );
        }
        Matching::Auto { .. } => panic!("no number, no auto"),
    }
}

#[test]
fn reasons_read_in_russian() {
    assert_eq!(
        Reason::NumberInPurpose {
            number: "17".to_owned()
        }
        .text(),
        "В назначении платежа указан счёт № 17"
    );
    assert_eq!(
        Reason::AmountEqualsOutstanding {
            amount: dec("1234.5")
        }
        .text(),
        "Сумма равна остатку к оплате по счёту (1\u{a0}234,50\u{a0}₽)"
    );
    assert_eq!(
        Reason::DateNearInvoice { days: 1 }.text(),
        "Оплата через 1 день после даты счёта"
    );
    assert_eq!(
        Reason::DateNearInvoice { days: 3 }.text(),
        "Оплата через 3 дня после даты счёта"
    );
    assert_eq!(
        Reason::DateNearInvoice { days: 11 }.text(),
        "Оплата через 11 дней после даты счёта"
    );
    assert_eq!(
        Reason::DateNearInvoice { days: 21 }.text(),
        "Оплата через 21 день после даты счёта"
    );
    assert_eq!(
        Reason::DateNearInvoice { days: 0 }.text(),
        "Оплата в день выставления счёта"
    );
    assert_eq!(
        Unmatched::NoNumber.text(),
        "В назначении платежа не найден номер счёта"
    );
    assert_eq!(
        Unmatched::NumberNotFound {
            numbers: vec!["21".to_owned()]
        }
        .text(),
        "В назначении платежа указан счёт № 21, но открытого счёта с таким номером нет"
    );
}

#[test]
fn weights_put_number_over_inn_over_exact_amount_over_advance_over_weak_hints() {
    let amount = dec("1");
    let order = [
        Reason::NumberInPurpose {
            number: "17".to_owned(),
        },
        Reason::SameInn,
        Reason::AmountEqualsOutstanding { amount },
        Reason::AmountEqualsDueNow { amount },
        Reason::PartialAmount {
            outstanding: amount,
        },
    ];
    let weights: Vec<u32> = order.iter().map(Reason::weight).collect();
    assert_eq!(weights, [40, 30, 20, 15, 5]);
    assert_eq!(Reason::DateNearInvoice { days: 1 }.weight(), 5);
    // INN and an exact amount beat a bare number; a number beats an amount on a recent invoice.
    assert!(weights[1] + weights[2] > weights[0]);
    assert!(weights[0] > weights[2] + Reason::DateNearInvoice { days: 1 }.weight());
    let strong: Vec<bool> = order.iter().map(Reason::is_strong).collect();
    assert_eq!(strong, [true, true, true, true, false]);
    assert!(!Reason::DateNearInvoice { days: 1 }.is_strong());
}

#[test]
fn a_matching_travels_tagged_by_kind() {
    let m = match_payment(&payment(Some(INN), "1", "Оплата"), &[]);
    assert_eq!(
        serde_json::to_value(&m).expect("json"),
        serde_json::json!({"kind": "unmatched", "why": {"kind": "no_number"}, "suggestions": []})
    );
}
