//! Receivables by age: what clients owe, split by how many days each schedule part is overdue
//! (not due yet, 1–30, 31–60, 61–90, more than 90 days).
//!
//! A part due today is not overdue; the day after its due date it is 1 day overdue.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::documents::round2;

crate::named_enum! {
    /// How long an amount is overdue.
    pub enum Bucket {
        /// Not due yet, or due today.
        NotDue,
        /// 1 to 30 days overdue.
        #[serde(rename = "d1_30")]
        #[strum(serialize = "d1_30")]
        Days1To30,
        /// 31 to 60 days overdue.
        #[serde(rename = "d31_60")]
        #[strum(serialize = "d31_60")]
        Days31To60,
        /// 61 to 90 days overdue.
        #[serde(rename = "d61_90")]
        #[strum(serialize = "d61_90")]
        Days61To90,
        /// More than 90 days overdue.
        #[serde(rename = "over_90")]
        #[strum(serialize = "over_90")]
        Over90,
    }
}

impl Bucket {
    /// The column heading of the receivables report.
    pub fn name_ru(self) -> &'static str {
        match self {
            Bucket::NotDue => "Не просрочено",
            Bucket::Days1To30 => "1–30 дней",
            Bucket::Days31To60 => "31–60 дней",
            Bucket::Days61To90 => "61–90 дней",
            Bucket::Over90 => "Более 90 дней",
        }
    }

    /// The bucket of an amount overdue by `days` (0 or negative: not due).
    pub fn of_days(days: i64) -> Bucket {
        match days {
            i64::MIN..=0 => Bucket::NotDue,
            1..=30 => Bucket::Days1To30,
            31..=60 => Bucket::Days31To60,
            61..=90 => Bucket::Days61To90,
            _ => Bucket::Over90,
        }
    }
}

/// The bucket of an amount due on `due_date`, seen on `today`: overdue days are
/// `today − due_date`.
pub fn bucket_of(due_date: NaiveDate, today: NaiveDate) -> Bucket {
    Bucket::of_days((today - due_date).num_days())
}

/// Receivables split by bucket, each to the kopeck. Travels as
/// `{"not_due": "0.00", "d1_30": "…", "d31_60": "…", "d61_90": "…", "over_90": "…"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Ageing {
    /// Not due yet.
    pub not_due: Decimal,
    /// 1–30 days overdue.
    pub d1_30: Decimal,
    /// 31–60 days overdue.
    pub d31_60: Decimal,
    /// 61–90 days overdue.
    pub d61_90: Decimal,
    /// More than 90 days overdue.
    pub over_90: Decimal,
}

impl Default for Ageing {
    fn default() -> Ageing {
        let zero = round2(Decimal::ZERO);
        Ageing {
            not_due: zero,
            d1_30: zero,
            d31_60: zero,
            d61_90: zero,
            over_90: zero,
        }
    }
}

impl Ageing {
    fn slot(&mut self, bucket: Bucket) -> &mut Decimal {
        match bucket {
            Bucket::NotDue => &mut self.not_due,
            Bucket::Days1To30 => &mut self.d1_30,
            Bucket::Days31To60 => &mut self.d31_60,
            Bucket::Days61To90 => &mut self.d61_90,
            Bucket::Over90 => &mut self.over_90,
        }
    }

    /// Adds `amount` to `bucket`.
    pub fn add(&mut self, bucket: Bucket, amount: Decimal) {
        let slot = self.slot(bucket);
        *slot = round2(slot.saturating_add(amount));
    }

    /// The amount in `bucket`.
    pub fn get(&self, bucket: Bucket) -> Decimal {
        match bucket {
            Bucket::NotDue => self.not_due,
            Bucket::Days1To30 => self.d1_30,
            Bucket::Days31To60 => self.d31_60,
            Bucket::Days61To90 => self.d61_90,
            Bucket::Over90 => self.over_90,
        }
    }

    /// Everything owed, due or not.
    pub fn total(&self) -> Decimal {
        round2(Bucket::ALL.iter().map(|b| self.get(*b)).sum())
    }

    /// Everything owed that is past its due date.
    pub fn overdue(&self) -> Decimal {
        round2(self.total() - self.not_due)
    }

    /// The buckets with their amounts, in report order.
    pub fn rows(&self) -> [(Bucket, Decimal); 5] {
        [
            Bucket::NotDue,
            Bucket::Days1To30,
            Bucket::Days31To60,
            Bucket::Days61To90,
            Bucket::Over90,
        ]
        .map(|b| (b, self.get(b)))
    }

    /// Adds `other` bucket by bucket (one client's receivables to the total of all).
    pub fn merge(&mut self, other: &Ageing) {
        for (bucket, amount) in other.rows() {
            self.add(bucket, amount);
        }
    }
}

/// Receivables by age from (due date, outstanding) of schedule parts, seen on `today`. Amounts
/// of zero or below (a part paid in full, an over-payment) add nothing: an advance is not a
/// receivable and does not hide another client's debt.
pub fn age(parts: impl IntoIterator<Item = (NaiveDate, Decimal)>, today: NaiveDate) -> Ageing {
    let mut out = Ageing::default();
    for (due, outstanding) in parts {
        if outstanding > Decimal::ZERO {
            out.add(bucket_of(due, today), outstanding);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str_exact(s).expect("decimal literal")
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn today() -> NaiveDate {
        d(2026, 12, 31)
    }

    fn due_days_ago(days: u64) -> NaiveDate {
        today()
            .checked_sub_days(chrono::Days::new(days))
            .expect("date")
    }

    #[test]
    fn overdue_days_fall_into_their_buckets_at_every_boundary() {
        let cases = [
            (0, Bucket::NotDue),
            (1, Bucket::Days1To30),
            (30, Bucket::Days1To30),
            (31, Bucket::Days31To60),
            (60, Bucket::Days31To60),
            (61, Bucket::Days61To90),
            (90, Bucket::Days61To90),
            (91, Bucket::Over90),
            (3650, Bucket::Over90),
        ];
        for (days, bucket) in cases {
            assert_eq!(
                bucket_of(due_days_ago(days), today()),
                bucket,
                "{days} days"
            );
            assert_eq!(Bucket::of_days(days as i64), bucket, "{days} days");
        }
    }

    #[test]
    fn a_part_due_in_the_future_is_not_due() {
        assert_eq!(bucket_of(d(2027, 1, 15), today()), Bucket::NotDue);
        assert_eq!(Bucket::of_days(i64::MIN), Bucket::NotDue);
    }

    #[test]
    fn buckets_have_snake_case_codes_and_russian_labels() {
        crate::names::assert_names_agree::<Bucket>();
        let codes: Vec<&str> = Bucket::ALL.iter().map(|b| b.as_str()).collect();
        assert_eq!(codes, ["not_due", "d1_30", "d31_60", "d61_90", "over_90"]);
        let labels: Vec<&str> = Bucket::ALL.iter().map(|b| b.name_ru()).collect();
        assert_eq!(
            labels,
            [
                "Не просрочено",
                "1–30 дней",
                "31–60 дней",
                "61–90 дней",
                "Более 90 дней"
            ]
        );
    }

    #[test]
    fn parts_add_up_in_their_buckets() {
        let a = age(
            [
                (d(2027, 1, 10), dec("100")),
                (today(), dec("50.50")),
                (due_days_ago(1), dec("10")),
                (due_days_ago(30), dec("20")),
                (due_days_ago(45), dec("30")),
                (due_days_ago(90), dec("40")),
                (due_days_ago(91), dec("1000.01")),
            ],
            today(),
        );
        assert_eq!(a.not_due, dec("150.50"));
        assert_eq!(a.d1_30, dec("30"));
        assert_eq!(a.d31_60, dec("30"));
        assert_eq!(a.d61_90, dec("40"));
        assert_eq!(a.over_90, dec("1000.01"));
        assert_eq!(a.total(), dec("1250.51"));
        assert_eq!(a.overdue(), dec("1100.01"));
    }

    #[test]
    fn paid_parts_and_advances_add_nothing() {
        let a = age(
            [
                (due_days_ago(10), dec("0")),
                (due_days_ago(10), dec("-500")),
            ],
            today(),
        );
        assert_eq!(a, Ageing::default());
        assert_eq!(a.total(), dec("0"));
    }

    #[test]
    fn ageing_travels_as_bucket_codes_with_kopecks() {
        let mut a = Ageing::default();
        a.add(Bucket::Days31To60, dec("12.5"));
        assert_eq!(
            serde_json::to_value(a).expect("json"),
            serde_json::json!({"not_due": "0.00", "d1_30": "0.00", "d31_60": "12.50", "d61_90": "0.00", "over_90": "0.00"})
        );
        assert_eq!(a.get(Bucket::Days31To60).to_string(), "12.50");
    }

    #[test]
    fn ageings_merge_bucket_by_bucket() {
        let mut a = Ageing::default();
        a.add(Bucket::NotDue, dec("1"));
        a.add(Bucket::Over90, dec("2"));
        let mut b = Ageing::default();
        b.add(Bucket::Over90, dec("3"));
        let mut sum = a;
        sum.merge(&b);
        assert_eq!(sum.not_due, dec("1"));
        assert_eq!(sum.over_90, dec("5"));
        assert_eq!(
            sum.rows().map(|(b, _)| b),
            [
                Bucket::NotDue,
                Bucket::Days1To30,
                Bucket::Days31To60,
                Bucket::Days61To90,
                Bucket::Over90
            ]
        );
    }

    proptest! {
        #[test]
        fn the_buckets_add_up_to_everything_owed(parts in proptest::collection::vec((-200i64..400, 0i64..10_000_000), 0..20)) {
            let items: Vec<(NaiveDate, Decimal)> = parts
                .iter()
                .map(|(days, k)| (today() - chrono::TimeDelta::days(*days), Decimal::new(*k, 2)))
                .collect();
            let a = age(items.iter().copied(), today());
            let owed: Decimal = items.iter().map(|(_, o)| *o).sum();
            prop_assert_eq!(a.total(), owed);
            let overdue: Decimal = items.iter().filter(|(due, _)| *due < today()).map(|(_, o)| *o).sum();
            prop_assert_eq!(a.overdue(), overdue);
        }
    }
}
