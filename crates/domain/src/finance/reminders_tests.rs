use chrono::TimeZone;
use uuid::Uuid;

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

fn utc(y: i32, m: u32, day: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, day, h, min, 0)
        .single()
        .expect("instant")
}

fn zone(hours: i32) -> FixedOffset {
    FixedOffset::east_opt(hours * 3600).expect("offset")
}

fn msk() -> FixedOffset {
    zone(3)
}

fn nsk() -> FixedOffset {
    zone(7)
}

fn invoice() -> DocumentId {
    DocumentId::from_uuid(Uuid::from_u128(0x17))
}

// ---- at_nine and local dates ----

#[test]
fn nine_oclock_local_is_the_same_day_in_utc_west_of_nine_hours() {
    assert_eq!(at_nine(d(2026, 12, 1), msk()), utc(2026, 12, 1, 6, 0));
    assert_eq!(at_nine(d(2026, 12, 1), nsk()), utc(2026, 12, 1, 2, 0));
    assert_eq!(at_nine(d(2026, 12, 1), zone(0)), utc(2026, 12, 1, 9, 0));
}

#[test]
fn nine_oclock_in_kamchatka_is_the_evening_before_in_utc() {
    assert_eq!(at_nine(d(2026, 12, 1), zone(12)), utc(2026, 11, 30, 21, 0));
}

#[test]
fn the_local_date_turns_at_local_midnight() {
    // 22:00 UTC on 05.12 is 01:00 on 06.12 in Moscow and 05:00 on 06.12 in Novosibirsk.
    assert_eq!(local_date(utc(2026, 12, 5, 22, 0), msk()), d(2026, 12, 6));
    assert_eq!(local_date(utc(2026, 12, 5, 16, 59), nsk()), d(2026, 12, 5));
    assert_eq!(local_date(utc(2026, 12, 5, 17, 0), nsk()), d(2026, 12, 6));
}

#[test]
fn the_calendars_ends_saturate_instead_of_panicking() {
    assert_eq!(at_nine(NaiveDate::MIN, zone(12)), DateTime::<Utc>::MIN_UTC);
    assert_eq!(
        overdue_slot(NaiveDate::MAX, utc(2026, 12, 1, 0, 0), msk()),
        None
    );
    assert_eq!(
        day_before_slot(NaiveDate::MIN, utc(2026, 12, 1, 0, 0), msk()),
        None
    );
}

// ---- overdue_slot ----

#[test]
fn an_overdue_call_is_due_at_nine_on_the_day_after_the_due_date() {
    let due = d(2026, 12, 5);
    // Moscow: 09:00 on 06.12 is 06:00 UTC.
    assert_eq!(overdue_slot(due, utc(2026, 12, 6, 5, 59), msk()), None);
    assert_eq!(
        overdue_slot(due, utc(2026, 12, 6, 6, 0), msk()),
        Some(utc(2026, 12, 6, 6, 0))
    );
    // Novosibirsk: 09:00 on 06.12 is 02:00 UTC.
    assert_eq!(overdue_slot(due, utc(2026, 12, 6, 1, 59), nsk()), None);
    assert_eq!(
        overdue_slot(due, utc(2026, 12, 6, 2, 0), nsk()),
        Some(utc(2026, 12, 6, 2, 0))
    );
}

#[test]
fn an_overdue_call_is_not_due_past_local_midnight_before_nine() {
    // 22:00 UTC on 05.12 is already 06.12 in Moscow (01:00), but not yet 09:00.
    assert_eq!(
        overdue_slot(d(2026, 12, 5), utc(2026, 12, 5, 22, 0), msk()),
        None
    );
    // The due date itself is never overdue.
    assert_eq!(
        overdue_slot(d(2026, 12, 5), utc(2026, 12, 5, 12, 0), msk()),
        None
    );
}

#[test]
fn the_overdue_slot_stays_fixed_however_late_the_clock() {
    let due = d(2026, 12, 5);
    let first = overdue_slot(due, utc(2026, 12, 6, 6, 0), msk());
    assert_eq!(overdue_slot(due, utc(2027, 3, 1, 12, 0), msk()), first);
}

// ---- every_n_days_slot ----

#[test]
fn a_clock_moved_25_days_after_the_shipment_gives_the_second_slot_on_day_20() {
    let shipped = utc(2026, 12, 1, 11, 30); // 14:30 in Moscow
    let now = utc(2026, 12, 26, 12, 0);
    assert_eq!(
        every_n_days_slot(shipped, DEFERRED_PAYMENT_INTERVAL_DAYS, now, msk()),
        Some(at_nine(d(2026, 12, 21), msk()))
    );
}

#[test]
fn a_repeated_reminder_is_due_exactly_at_nine_and_not_a_minute_before() {
    let shipped = utc(2026, 12, 1, 11, 30);
    // Day 10 is 11.12; 09:00 Moscow is 06:00 UTC.
    assert_eq!(
        every_n_days_slot(shipped, 10, utc(2026, 12, 11, 5, 59), msk()),
        None
    );
    assert_eq!(
        every_n_days_slot(shipped, 10, utc(2026, 12, 11, 6, 0), msk()),
        Some(utc(2026, 12, 11, 6, 0))
    );
    // On day 20 before nine, the latest slot is still day 10's.
    assert_eq!(
        every_n_days_slot(shipped, 10, utc(2026, 12, 21, 5, 59), msk()),
        Some(utc(2026, 12, 11, 6, 0))
    );
}

#[test]
fn the_anchor_counts_from_its_local_date() {
    // 20:00 UTC on 01.12 is 03:00 on 02.12 in Novosibirsk: the days count from 02.12.
    let anchor = utc(2026, 12, 1, 20, 0);
    assert_eq!(
        every_n_days_slot(anchor, 3, utc(2026, 12, 5, 12, 0), nsk()),
        Some(at_nine(d(2026, 12, 5), nsk()))
    );
    assert_eq!(
        every_n_days_slot(anchor, 3, utc(2026, 12, 4, 12, 0), nsk()),
        None
    );
    // The same instant in Moscow is still 01.12 (23:00): the first slot is 04.12.
    assert_eq!(
        every_n_days_slot(anchor, 3, utc(2026, 12, 4, 12, 0), msk()),
        Some(at_nine(d(2026, 12, 4), msk()))
    );
}

#[test]
fn nothing_repeats_on_the_anchor_day_itself() {
    let anchor = utc(2026, 12, 1, 3, 0); // 06:00 Moscow, before nine
    assert_eq!(
        every_n_days_slot(anchor, 3, utc(2026, 12, 1, 12, 0), msk()),
        None
    );
    assert_eq!(
        every_n_days_slot(anchor, 3, utc(2026, 11, 1, 12, 0), msk()),
        None
    );
}

#[test]
fn an_interval_of_zero_days_never_fires() {
    assert_eq!(
        every_n_days_slot(utc(2026, 12, 1, 0, 0), 0, utc(2027, 1, 1, 0, 0), msk()),
        None
    );
}

#[test]
fn advance_reminders_come_every_n_days() {
    let waiting_since = utc(2026, 12, 1, 8, 0);
    let slots: Vec<Option<DateTime<Utc>>> = (1..=10)
        .map(|day| every_n_days_slot(waiting_since, 4, utc(2026, 12, day, 12, 0), msk()))
        .collect();
    let day4 = Some(at_nine(d(2026, 12, 5), msk()));
    let day8 = Some(at_nine(d(2026, 12, 9), msk()));
    assert_eq!(
        slots,
        [None, None, None, None, day4, day4, day4, day4, day8, day8]
    );
}

// ---- day_before_slot ----

#[test]
fn a_promised_payment_is_recalled_at_nine_the_day_before() {
    let promised = d(2026, 12, 10);
    assert_eq!(
        day_before_slot(promised, utc(2026, 12, 9, 5, 59), msk()),
        None
    );
    assert_eq!(
        day_before_slot(promised, utc(2026, 12, 9, 6, 0), msk()),
        Some(utc(2026, 12, 9, 6, 0))
    );
    assert_eq!(
        day_before_slot(promised, utc(2026, 12, 9, 1, 59), nsk()),
        None
    );
    assert_eq!(
        day_before_slot(promised, utc(2026, 12, 9, 2, 0), nsk()),
        Some(utc(2026, 12, 9, 2, 0))
    );
}

#[test]
fn a_promise_is_recalled_until_its_day_is_over_and_no_later() {
    let promised = d(2026, 12, 10);
    // 23:59 on 10.12 in Moscow is 20:59 UTC: still worth a call.
    assert_eq!(
        day_before_slot(promised, utc(2026, 12, 10, 20, 59), msk()),
        Some(utc(2026, 12, 9, 6, 0))
    );
    // Midnight on 11.12 in Moscow: the promise is broken.
    assert_eq!(
        day_before_slot(promised, utc(2026, 12, 10, 21, 0), msk()),
        None
    );
    // In Novosibirsk the day is over at 17:00 UTC.
    assert_eq!(
        day_before_slot(promised, utc(2026, 12, 10, 17, 0), nsk()),
        None
    );
}

// ---- occurrences ----

#[test]
fn occurrence_keys_are_equal_for_equal_inputs_and_differ_by_slot() {
    let a = Occurrence {
        rule: Rule::OverdueInvoice,
        subject: part_subject(invoice(), 1),
        slot: utc(2026, 12, 6, 6, 0),
    };
    let same = Occurrence {
        rule: Rule::OverdueInvoice,
        subject: part_subject(invoice(), 1),
        slot: utc(2026, 12, 6, 6, 0),
    };
    assert_eq!(a.key(), same.key());
    assert_eq!(
        a.key(),
        "overdue_invoice|invoice:00000000-0000-0000-0000-000000000017:part:1|2026-12-06T06:00:00Z"
    );
    let later = Occurrence {
        slot: utc(2026, 12, 16, 6, 0),
        ..a.clone()
    };
    assert_ne!(a.key(), later.key());
    let other_part = Occurrence {
        subject: part_subject(invoice(), 2),
        ..a.clone()
    };
    assert_ne!(a.key(), other_part.key());
    let other_rule = Occurrence {
        rule: Rule::DeferredPayment,
        ..a.clone()
    };
    assert_ne!(a.key(), other_rule.key());
}

#[test]
fn processes_running_at_different_times_of_one_period_compute_the_same_key() {
    // Two processes with the clock at different instants of the same slot period agree.
    let shipped = utc(2026, 12, 1, 11, 30);
    let key = |now| {
        every_n_days_slot(shipped, 10, now, msk()).map(|slot| {
            Occurrence {
                rule: Rule::DeferredPayment,
                subject: invoice_subject(invoice()),
                slot,
            }
            .key()
        })
    };
    assert_eq!(key(utc(2026, 12, 12, 6, 0)), key(utc(2026, 12, 20, 23, 0)));
    assert_ne!(key(utc(2026, 12, 12, 6, 0)), key(utc(2026, 12, 21, 6, 0)));
}

#[test]
fn subjects_name_an_invoice_a_part_or_a_deal() {
    let deal = DealId::from_uuid(Uuid::from_u128(1));
    assert_eq!(
        invoice_subject(invoice()),
        "invoice:00000000-0000-0000-0000-000000000017"
    );
    assert_eq!(
        deal_subject(deal),
        "deal:00000000-0000-0000-0000-000000000001"
    );
}

// ---- rules and texts ----

#[test]
fn rules_have_snake_case_codes_and_russian_names() {
    crate::names::assert_names_agree::<Rule>();
    crate::names::assert_names_agree::<TaskKind>();
    let codes: Vec<&str> = Rule::ALL.iter().map(|r| r.as_str()).collect();
    assert_eq!(
        codes,
        [
            "overdue_invoice",
            "awaiting_advance",
            "deferred_payment",
            "promised_payment"
        ]
    );
    assert_eq!(Rule::DeferredPayment.name_ru(), "Оплата отсрочки");
    assert!(Rule::ALL.iter().all(|r| !r.name_ru().is_empty()));
}

#[test]
fn an_overdue_invoice_is_a_call_and_the_rest_are_reminders() {
    assert_eq!(Rule::OverdueInvoice.task_kind(), TaskKind::Call);
    assert_eq!(
        Rule::OverdueInvoice.task_kind().name_ru(),
        "Телефонный звонок клиенту"
    );
    assert_eq!(Rule::AwaitingAdvance.task_kind(), TaskKind::Reminder);
    assert_eq!(Rule::DeferredPayment.task_kind(), TaskKind::Reminder);
    assert_eq!(Rule::PromisedPayment.task_kind(), TaskKind::Reminder);
}

#[test]
fn task_texts_follow_the_seed() {
    assert_eq!(
        overdue_task_text("17"),
        "Счёт № 17 просрочен, необходимо уточнить состояние заказа и проинформировать заказчика"
    );
    assert_eq!(
        deferred_payment_task_text(),
        "Необходимо уточнить внесение оплаты по отгруженному заказу"
    );
    assert_eq!(
        promised_payment_task_text(d(2026, 12, 10)),
        "Клиент обещал оплатить 10.12.2026 — напомнить заранее"
    );
    assert_eq!(
        awaiting_advance_task_text("17"),
        "Ожидается аванс по счёту № 17: уточнить у клиента сроки оплаты"
    );
}

#[test]
fn the_advance_interval_is_three_to_five_days() {
    for n in 3..=5 {
        assert_eq!(validate_advance_interval(n), Ok(n as u32));
    }
    for n in [-1, 0, 2, 6, i64::MAX] {
        assert_eq!(
            validate_advance_interval(n).map_err(|e| e.code),
            Err("out_of_range"),
            "{n}"
        );
    }
    assert_eq!(
        validate_advance_interval(7).map_err(|e| e.message),
        Err("Напоминать об авансе можно раз в 3–5 дня".to_owned())
    );
    assert!(
        (MIN_ADVANCE_INTERVAL_DAYS..=MAX_ADVANCE_INTERVAL_DAYS)
            .contains(&DEFAULT_ADVANCE_INTERVAL_DAYS)
    );
}

#[test]
fn an_organizations_zone_is_a_whole_russian_offset() {
    assert_eq!(parse_zone("+03:00"), Ok(msk()));
    assert_eq!(parse_zone(" +3 "), Ok(msk()));
    assert_eq!(parse_zone("UTC+7"), Ok(nsk()));
    assert_eq!(parse_zone("+0500"), Ok(zone(5)));
    assert_eq!(parse_zone("+12:00"), Ok(zone(12)));
    assert_eq!(parse_zone("+02:00"), Ok(zone(2)));
    for bad in [
        "",
        "03:00",
        "+01:00",
        "+13:00",
        "-03:00",
        "+03:30",
        "Europe/Moscow",
        "+3x",
    ] {
        assert_eq!(
            parse_zone(bad).map_err(|e| e.code),
            Err("invalid_value"),
            "{bad}"
        );
    }
    assert_eq!(moscow().to_string(), "+03:00");
    assert_eq!(moscow(), msk());
}
