//! The rules that chase a client for money (seed 001 §5.3, §7.1), and the key that makes each
//! reminder happen exactly once.
//!
//! Each rule names the moments («slots») at which a task is due: 09:00 in the organization's time
//! zone on some day. A process that runs at any time asks for the latest slot due now; the
//! occurrence of a rule for a subject at a slot has one key ([`Occurrence::key`]), the database
//! keeps keys unique, and the first process to insert the key creates the task. A process that
//! runs late catches up with the latest slot only, never with every missed one.
//!
//! Russian time zones have had fixed offsets since 2014, so an organization's zone is a
//! [`FixedOffset`] (+03:00 Moscow, +05:00 Yekaterinburg, +07:00 Novosibirsk) and no time-zone
//! database is needed.

use chrono::{
    DateTime, Days, FixedOffset, NaiveDate, NaiveTime, Offset, SecondsFormat, TimeDelta, Utc,
};

use crate::error::FieldError;
use crate::ids::{DealId, DocumentId};

crate::named_enum! {
    /// A rule that creates tasks to chase a client.
    pub enum Rule {
        /// A schedule part is overdue: a call to the client, once per part, at 09:00 on the
        /// first day it is overdue (seed 001 §7.1).
        OverdueInvoice,
        /// A deal waits for its advance: a reminder every N days (3–5 per organization,
        /// 3 by default; seed 001 §7.1 «раз в 3-5 дней»).
        AwaitingAdvance,
        /// Shipped but not fully paid: a reminder every 10 days after the shipment (seed 001
        /// §5.3).
        DeferredPayment,
        /// The client promised to pay on a date: a reminder the day before, at 09:00.
        PromisedPayment,
    }
}

impl Rule {
    /// The rule's name on the administrator's screen.
    pub fn name_ru(self) -> &'static str {
        match self {
            Rule::OverdueInvoice => "Просроченный счёт",
            Rule::AwaitingAdvance => "Ожидается аванс",
            Rule::DeferredPayment => "Оплата отсрочки",
            Rule::PromisedPayment => "Обещанная оплата",
        }
    }

    /// What the rule creates: a call (overdue invoice) or a reminder.
    pub fn task_kind(self) -> TaskKind {
        match self {
            Rule::OverdueInvoice => TaskKind::Call,
            _ => TaskKind::Reminder,
        }
    }
}

crate::named_enum! {
    /// The kind of task a rule creates for the responsible manager.
    pub enum TaskKind {
        /// «Телефонный звонок клиенту».
        Call,
        /// «Напоминание».
        Reminder,
    }
}

impl TaskKind {
    /// The Russian name.
    pub fn name_ru(self) -> &'static str {
        match self {
            TaskKind::Call => "Телефонный звонок клиенту",
            TaskKind::Reminder => "Напоминание",
        }
    }
}

/// The hour of every reminder, local time.
pub const REMINDER_HOUR: u32 = 9;
/// The days between reminders of a deal waiting for its advance, when the organization has not
/// chosen.
pub const DEFAULT_ADVANCE_INTERVAL_DAYS: u32 = 3;
/// The shortest interval an organization may choose for advance reminders.
pub const MIN_ADVANCE_INTERVAL_DAYS: u32 = 3;
/// The longest interval an organization may choose for advance reminders.
pub const MAX_ADVANCE_INTERVAL_DAYS: u32 = 5;
/// The days between reminders of a shipped order not fully paid (seed 001 §5.3).
pub const DEFERRED_PAYMENT_INTERVAL_DAYS: u32 = 10;

/// Moscow time, +03:00: the zone of an organization that has not chosen.
pub fn moscow() -> FixedOffset {
    FixedOffset::east_opt(3 * 3600).unwrap_or_else(|| Utc.fix())
}

/// An organization's time zone as typed or stored: `+03:00` (also `+3`, `UTC+3`, `+0300`), a
/// whole number of hours from +02:00 (Kaliningrad) to +12:00 (Kamchatka) — the zones of Russia.
/// Shown back with [`FixedOffset`]'s `Display`: `+03:00`.
pub fn parse_zone(input: &str) -> Result<FixedOffset, FieldError> {
    let bad = || {
        FieldError::new(
            "invalid_value",
            "Часовой пояс — от +02:00 (Калининград) до +12:00 (Камчатка), например +03:00",
        )
    };
    let s = input.trim();
    let s = s
        .strip_prefix("UTC")
        .or_else(|| s.strip_prefix("utc"))
        .or_else(|| s.strip_prefix("GMT"))
        .unwrap_or(s);
    let digits = s.strip_prefix('+').ok_or_else(bad)?;
    let (hours, minutes) = match digits.split_once(':') {
        Some((h, m)) => (h, m),
        None if digits.len() == 4 => digits.split_at(2),
        None => (digits, "00"),
    };
    let all_digits =
        |t: &str| !t.is_empty() && t.len() <= 2 && t.chars().all(|c| c.is_ascii_digit());
    if !all_digits(hours) || minutes != "00" {
        return Err(bad());
    }
    let hours: i32 = hours.parse().map_err(|_| bad())?;
    if !(2..=12).contains(&hours) {
        return Err(bad());
    }
    FixedOffset::east_opt(hours * 3600).ok_or_else(bad)
}

/// The instant of `time` local on `date` in zone `tz`. Saturates at the calendar's ends.
fn at_local(date: NaiveDate, time: NaiveTime, tz: FixedOffset) -> DateTime<Utc> {
    let offset = TimeDelta::seconds(i64::from(tz.local_minus_utc()));
    date.and_time(time)
        .checked_sub_signed(offset)
        .map(|utc| utc.and_utc())
        .unwrap_or(if offset > TimeDelta::zero() {
            DateTime::<Utc>::MIN_UTC
        } else {
            DateTime::<Utc>::MAX_UTC
        })
}

/// 09:00 on `date` in zone `tz`, as an instant.
pub fn at_nine(date: NaiveDate, tz: FixedOffset) -> DateTime<Utc> {
    at_local(date, nine(), tz)
}

fn nine() -> NaiveTime {
    NaiveTime::from_hms_opt(REMINDER_HOUR, 0, 0).unwrap_or(NaiveTime::MIN)
}

/// The local date of instant `now` in zone `tz`.
pub fn local_date(now: DateTime<Utc>, tz: FixedOffset) -> NaiveDate {
    now.naive_utc()
        .checked_add_signed(TimeDelta::seconds(i64::from(tz.local_minus_utc())))
        .map_or(now.date_naive(), |local| local.date())
}

fn plus_days(date: NaiveDate, days: u64) -> Option<NaiveDate> {
    date.checked_add_days(Days::new(days))
}

/// The overdue call for a part due on `due_date`: 09:00 local on the day after the due date,
/// once the clock has reached it. One fixed slot per part — the call is made once. The caller
/// asks only for parts with something outstanding.
pub fn overdue_slot(
    due_date: NaiveDate,
    now: DateTime<Utc>,
    tz: FixedOffset,
) -> Option<DateTime<Utc>> {
    let slot = at_nine(plus_days(due_date, 1)?, tz);
    (slot <= now).then_some(slot)
}

/// The latest slot of a reminder repeated every `n_days` from `anchor` (the shipment, or the
/// moment the deal started waiting for its advance): 09:00 local on the anchor's local date plus
/// k·n days, for the largest k ≥ 1 whose slot is not after `now`. `None` before the first slot
/// or for an interval of 0.
pub fn every_n_days_slot(
    anchor: DateTime<Utc>,
    n_days: u32,
    now: DateTime<Utc>,
    tz: FixedOffset,
) -> Option<DateTime<Utc>> {
    if n_days == 0 {
        return None;
    }
    let start = local_date(anchor, tz);
    let elapsed = (local_date(now, tz) - start).num_days();
    let n = i64::from(n_days);
    let mut k = elapsed.div_euclid(n);
    while k >= 1 {
        let slot = at_nine(plus_days(start, u64::try_from(k * n).ok()?)?, tz);
        if slot <= now {
            return Some(slot);
        }
        k -= 1;
    }
    None
}

/// The reminder of a payment promised for `date`: 09:00 local the day before, once the clock has
/// reached it and until `date` is over. After that the promise is broken, and chasing it is the
/// overdue rule's business.
pub fn day_before_slot(
    date: NaiveDate,
    now: DateTime<Utc>,
    tz: FixedOffset,
) -> Option<DateTime<Utc>> {
    let slot = at_nine(date.pred_opt()?, tz);
    let end = at_local(plus_days(date, 1)?, NaiveTime::MIN, tz);
    (slot <= now && now < end).then_some(slot)
}

/// What a reminder is about, as the text of its key: `invoice:<uuid>`,
/// `invoice:<uuid>:part:<n>` (parts counted from 1), `deal:<uuid>`.
pub fn invoice_subject(invoice: DocumentId) -> String {
    format!("invoice:{invoice}")
}

/// The subject of one schedule part; `part` counts from 1 (the advance of a 50/50 is part 1).
pub fn part_subject(invoice: DocumentId, part: usize) -> String {
    format!("invoice:{invoice}:part:{part}")
}

/// The subject of a deal.
pub fn deal_subject(deal: DealId) -> String {
    format!("deal:{deal}")
}

/// One firing of a rule: the rule, what it is about, and the slot.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Occurrence {
    /// The rule that fires.
    pub rule: Rule,
    /// What it is about: see [`invoice_subject`], [`part_subject`], [`deal_subject`].
    pub subject: String,
    /// When it is due.
    pub slot: DateTime<Utc>,
}

impl Occurrence {
    /// The occurrence's unique key: `{rule}|{subject}|{slot in RFC 3339 UTC, seconds}`, e.g.
    /// `overdue_invoice|invoice:…:part:1|2026-12-06T06:00:00Z`. Every process computes the same
    /// key for the same occurrence, and a different slot gives a different key.
    pub fn key(&self) -> String {
        format!(
            "{}|{}|{}",
            self.rule.as_str(),
            self.subject,
            self.slot.to_rfc3339_opts(SecondsFormat::Secs, true)
        )
    }
}

/// The overdue call's text (seed 001 §7.1).
pub fn overdue_task_text(invoice_number: &str) -> String {
    format!(
        "Счёт № {invoice_number} просрочен, необходимо уточнить состояние заказа и проинформировать заказчика"
    )
}

/// The reminder of a deal waiting for its advance.
pub fn awaiting_advance_task_text(invoice_number: &str) -> String {
    format!("Ожидается аванс по счёту № {invoice_number}: уточнить у клиента сроки оплаты")
}

/// The reminder of a shipped order not fully paid (seed 001 §5.3).
pub fn deferred_payment_task_text() -> String {
    "Необходимо уточнить внесение оплаты по отгруженному заказу".to_owned()
}

/// The reminder of a promised payment.
pub fn promised_payment_task_text(date: NaiveDate) -> String {
    format!(
        "Клиент обещал оплатить {} — напомнить заранее",
        date.format("%d.%m.%Y")
    )
}

/// An organization's interval of advance reminders: 3, 4 or 5 days.
pub fn validate_advance_interval(n: i64) -> Result<u32, FieldError> {
    u32::try_from(n)
        .ok()
        .filter(|n| (MIN_ADVANCE_INTERVAL_DAYS..=MAX_ADVANCE_INTERVAL_DAYS).contains(n))
        .ok_or_else(|| {
            FieldError::new(
                "out_of_range",
                format!(
                    "Напоминать об авансе можно раз в {MIN_ADVANCE_INTERVAL_DAYS}–{MAX_ADVANCE_INTERVAL_DAYS} дня"
                ),
            )
        })
}

#[cfg(test)]
#[path = "reminders_tests.rs"]
mod tests;
