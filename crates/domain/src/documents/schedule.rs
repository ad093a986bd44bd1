//! The payment schedule of an invoice: which share of the total is due by which date.
//!
//! Amounts are allocated in whole kopecks by the largest-remainder method: every part first
//! gets its exact share rounded down, then the kopecks left over go one each to the parts with
//! the largest dropped fractions (on a tie, the earlier part). The parts therefore always add up
//! to the total exactly, each is within a kopeck of its exact share, and the result depends on
//! nothing but the input.

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

use crate::error::{FieldError, FieldErrors};

/// Days to pay a prepayment invoice when the terms do not say.
pub const DEFAULT_PREPAYMENT_DAYS: u32 = 5;
/// Days after the invoice date of the second half of a 50/50 schedule when no date is given.
pub const DEFAULT_SECOND_HALF_DAYS: u32 = 30;
/// The longest term, in days, of any part (ten years).
pub const MAX_DAYS: u32 = 3_650;
/// Decimal places of a custom percent.
pub const MAX_PERCENT_DECIMALS: u32 = 4;

fn default_prepayment_days() -> u32 {
    DEFAULT_PREPAYMENT_DAYS
}

/// How an invoice is paid. JSON: `{"kind": "prepayment", "days": 5}`,
/// `{"kind": "fifty_fifty", "days": 5, "second_due_date": "2027-01-15"}`,
/// `{"kind": "custom", "parts": [{"percent": "30", "due_date": "2026-12-05"}, …]}`,
/// `{"kind": "deferral", "days": 30}`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ScheduleTerms {
    /// 100 % within `days` of the invoice date (5 when omitted).
    Prepayment {
        #[serde(default = "default_prepayment_days")]
        days: u32,
    },
    /// 50 % within `days` of the invoice date (5 when omitted); 50 % by `second_due_date`
    /// (the invoice date + 30 days when omitted).
    FiftyFifty {
        #[serde(default = "default_prepayment_days")]
        days: u32,
        #[serde(default)]
        #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
        second_due_date: Option<NaiveDate>,
    },
    /// Shares agreed one by one; their percents add up to exactly 100.
    Custom { parts: Vec<CustomPart> },
    /// 100 % within `days` of the invoice date.
    Deferral { days: u32 },
}

/// One agreed share of a custom schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomPart {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub percent: Decimal,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub due_date: NaiveDate,
}

/// One payment of the schedule: its share, the amount in roubles and kopecks, and its due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SchedulePart {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub percent: Decimal,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub amount: Decimal,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub due_date: NaiveDate,
}

fn add_days(date: NaiveDate, days: u32, field: &str, errs: &mut FieldErrors) -> Option<NaiveDate> {
    if days > MAX_DAYS {
        errs.add(
            field,
            FieldError::new("out_of_range", format!("Срок — не больше {MAX_DAYS} дней")),
        );
        return None;
    }
    let due = date.checked_add_days(Days::new(u64::from(days)));
    if due.is_none() {
        errs.add(
            field,
            FieldError::new("out_of_range", "Срок выходит за пределы календаря"),
        );
    }
    due
}

fn ru(date: NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

impl ScheduleTerms {
    /// The payments of an invoice of `total` (roubles, kopecks at most, not negative) dated
    /// `invoice_date`. Errors come back under `schedule.…` (`schedule.days`,
    /// `schedule.second_due_date`, `schedule.parts`, `schedule.parts[i].percent`,
    /// `schedule.parts[i].due_date`) and `total`.
    ///
    /// Due dates are never before the invoice date and never decrease from one part to the next;
    /// a custom schedule needs at least one part, each percent above zero with at most four
    /// decimal places, and the percents adding up to exactly 100.
    pub fn parts(
        &self,
        total: Decimal,
        invoice_date: NaiveDate,
    ) -> Result<Vec<SchedulePart>, FieldErrors> {
        let mut errs = FieldErrors::new();
        if total.is_sign_negative() && !total.is_zero() {
            errs.add(
                "total",
                FieldError::new("out_of_range", "Сумма счёта не может быть отрицательной"),
            );
        } else if total.normalize().scale() > 2 {
            errs.add(
                "total",
                FieldError::new(
                    "invalid_format",
                    "Сумма счёта — не более двух знаков после запятой",
                ),
            );
        }
        let hundred = Decimal::ONE_HUNDRED;
        let half = Decimal::from(50);
        let shares: Vec<(Decimal, Option<NaiveDate>)> = match self {
            ScheduleTerms::Prepayment { days } | ScheduleTerms::Deferral { days } => {
                vec![(
                    hundred,
                    add_days(invoice_date, *days, "schedule.days", &mut errs),
                )]
            }
            ScheduleTerms::FiftyFifty {
                days,
                second_due_date,
            } => {
                let first = add_days(invoice_date, *days, "schedule.days", &mut errs);
                let second = match second_due_date {
                    Some(d) => Some(*d),
                    None => add_days(
                        invoice_date,
                        DEFAULT_SECOND_HALF_DAYS,
                        "schedule.second_due_date",
                        &mut errs,
                    ),
                };
                if let (Some(first), Some(second)) = (first, second)
                    && second < first
                {
                    errs.add(
                        "schedule.second_due_date",
                        FieldError::new(
                            "out_of_range",
                            format!(
                                "Срок второй половины не может быть раньше срока первой ({})",
                                ru(first)
                            ),
                        ),
                    );
                }
                vec![(half, first), (half, second)]
            }
            ScheduleTerms::Custom { parts } => {
                check_custom(parts, invoice_date, &mut errs);
                parts
                    .iter()
                    .map(|p| (p.percent, Some(p.due_date)))
                    .collect()
            }
        };
        if !errs.is_empty() {
            return Err(errs);
        }
        let percents: Vec<Decimal> = shares.iter().map(|(p, _)| *p).collect();
        let amounts = allocate(total, &percents).ok_or_else(|| {
            let mut e = FieldErrors::new();
            e.add(
                "total",
                FieldError::new("out_of_range", "Слишком большая сумма счёта"),
            );
            e
        })?;
        Ok(shares
            .into_iter()
            .zip(amounts)
            .filter_map(|((percent, due), amount)| {
                due.map(|due_date| SchedulePart {
                    percent,
                    amount,
                    due_date,
                })
            })
            .collect())
    }
}

fn check_custom(parts: &[CustomPart], invoice_date: NaiveDate, errs: &mut FieldErrors) {
    if parts.is_empty() {
        errs.add(
            "schedule.parts",
            FieldError::new("required", "Добавьте хотя бы одну долю оплаты"),
        );
        return;
    }
    let mut previous: Option<NaiveDate> = None;
    for (i, part) in parts.iter().enumerate() {
        if part.percent <= Decimal::ZERO {
            errs.add(
                format!("schedule.parts[{i}].percent"),
                FieldError::new("out_of_range", "Доля должна быть больше 0 %"),
            );
        } else if part.percent.normalize().scale() > MAX_PERCENT_DECIMALS {
            errs.add(
                format!("schedule.parts[{i}].percent"),
                FieldError::new(
                    "invalid_format",
                    "Доля — не более четырёх знаков после запятой",
                ),
            );
        }
        let field = format!("schedule.parts[{i}].due_date");
        match previous {
            None if part.due_date < invoice_date => errs.add(
                field,
                FieldError::new(
                    "out_of_range",
                    format!(
                        "Срок оплаты не может быть раньше даты счёта ({})",
                        ru(invoice_date)
                    ),
                ),
            ),
            Some(prev) if part.due_date < prev => errs.add(
                field,
                FieldError::new(
                    "out_of_range",
                    format!(
                        "Срок оплаты не может быть раньше срока предыдущей доли ({})",
                        ru(prev)
                    ),
                ),
            ),
            _ => {}
        }
        previous = Some(previous.map_or(part.due_date, |p| p.max(part.due_date)));
    }
    let sum: Decimal = parts.iter().map(|p| p.percent).sum();
    if sum != Decimal::ONE_HUNDRED {
        errs.add(
            "schedule.parts",
            FieldError::new(
                "invalid_value",
                format!(
                    "Сумма долей {} %, должна быть 100 %",
                    sum.normalize().to_string().replace('.', ",")
                ),
            ),
        );
    }
}

/// Splits `total` (kopecks at most) into parts proportional to `percents` (adding up to 100,
/// each with at most [`MAX_PERCENT_DECIMALS`] places) by the largest-remainder method. `None`
/// only for a total beyond `i64` kopecks.
pub fn allocate(total: Decimal, percents: &[Decimal]) -> Option<Vec<Decimal>> {
    let mut total = total.round_dp(2);
    total.rescale(2);
    let total_kopecks = Some(total.mantissa()).filter(|k| k.abs() <= i128::from(i64::MAX))?;
    // Every percent as an integer of 10⁻⁴ percent (a fixed scale, so remainders compare).
    let scale = 10i128.pow(MAX_PERCENT_DECIMALS);
    let mut units = Vec::with_capacity(percents.len());
    for p in percents {
        let mut p = p.round_dp(MAX_PERCENT_DECIMALS);
        p.rescale(MAX_PERCENT_DECIMALS);
        units.push(p.mantissa());
    }
    let denominator = 100 * scale;
    // exact share = total_kopecks × unit / denominator
    let mut amounts: Vec<i128> = Vec::with_capacity(units.len());
    let mut remainders: Vec<(i128, usize)> = Vec::with_capacity(units.len());
    for (i, unit) in units.iter().enumerate() {
        let numerator = total_kopecks.checked_mul(*unit)?;
        amounts.push(numerator.div_euclid(denominator));
        remainders.push((numerator.rem_euclid(denominator), i));
    }
    let allocated: i128 = amounts.iter().sum();
    let left_over = usize::try_from(total_kopecks - allocated).unwrap_or(0);
    // Largest dropped fraction first; on a tie the earlier part.
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, i) in remainders.iter().take(left_over) {
        amounts[*i] += 1;
    }
    amounts
        .into_iter()
        .map(|k| i64::try_from(k).ok().map(|k| Decimal::new(k, 2)))
        .collect()
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

    fn custom(parts: &[(&str, NaiveDate)]) -> ScheduleTerms {
        ScheduleTerms::Custom {
            parts: parts
                .iter()
                .map(|(p, due_date)| CustomPart {
                    percent: dec(p),
                    due_date: *due_date,
                })
                .collect(),
        }
    }

    fn amounts(parts: &[SchedulePart]) -> Vec<String> {
        parts.iter().map(|p| p.amount.to_string()).collect()
    }

    fn fields(e: &FieldErrors) -> Vec<&str> {
        e.0.iter().map(|(f, _)| f.as_str()).collect()
    }

    const INVOICE: (i32, u32, u32) = (2026, 11, 30);

    fn invoice() -> NaiveDate {
        d(INVOICE.0, INVOICE.1, INVOICE.2)
    }

    #[test]
    fn prepayment_is_all_due_within_five_days_by_default() {
        let terms: ScheduleTerms =
            serde_json::from_value(serde_json::json!({"kind": "prepayment"})).expect("json");
        assert_eq!(terms, ScheduleTerms::Prepayment { days: 5 });
        let parts = terms.parts(dec("125000.50"), invoice()).expect("valid");
        assert_eq!(
            parts,
            [SchedulePart {
                percent: dec("100"),
                amount: dec("125000.50"),
                due_date: d(2026, 12, 5)
            }]
        );
    }

    #[test]
    fn fifty_fifty_halves_are_due_in_days_and_by_default_a_month_after_the_invoice() {
        let terms: ScheduleTerms =
            serde_json::from_value(serde_json::json!({"kind": "fifty_fifty"})).expect("json");
        let parts = terms.parts(dec("1000.01"), invoice()).expect("valid");
        assert_eq!(
            amounts(&parts),
            ["500.01", "500.00"],
            "the odd kopeck goes to the earlier half"
        );
        assert_eq!(
            (parts[0].due_date, parts[1].due_date),
            (d(2026, 12, 5), d(2026, 12, 30))
        );
        assert_eq!((parts[0].percent, parts[1].percent), (dec("50"), dec("50")));
    }

    #[test]
    fn fifty_fifty_second_half_takes_its_own_due_date() {
        let terms = ScheduleTerms::FiftyFifty {
            days: 3,
            second_due_date: Some(d(2027, 1, 15)),
        };
        let parts = terms.parts(dec("100"), invoice()).expect("valid");
        assert_eq!(
            (parts[0].due_date, parts[1].due_date),
            (d(2026, 12, 3), d(2027, 1, 15))
        );
    }

    #[test]
    fn fifty_fifty_second_half_cannot_be_due_before_the_first() {
        let terms = ScheduleTerms::FiftyFifty {
            days: 10,
            second_due_date: Some(d(2026, 12, 1)),
        };
        let e = terms
            .parts(dec("100"), invoice())
            .expect_err("second before first");
        assert_eq!(fields(&e), ["schedule.second_due_date"]);
        assert_eq!(
            e.0[0].1.message,
            "Срок второй половины не может быть раньше срока первой (10.12.2026)"
        );
    }

    #[test]
    fn deferral_is_all_due_days_after_the_invoice() {
        let parts = ScheduleTerms::Deferral { days: 45 }
            .parts(dec("10"), invoice())
            .expect("valid");
        assert_eq!(
            parts,
            [SchedulePart {
                percent: dec("100"),
                amount: dec("10.00"),
                due_date: d(2027, 1, 14)
            }]
        );
    }

    #[test]
    fn a_term_longer_than_ten_years_is_refused_under_days() {
        let e = ScheduleTerms::Deferral { days: u32::MAX }
            .parts(dec("10"), invoice())
            .expect_err("absurd");
        assert_eq!(fields(&e), ["schedule.days"]);
    }

    #[test]
    fn custom_30000_split_33_334_33_333_33_333_adds_up_to_the_kopeck() {
        // ERPNext issue #26951: these shares are exactly 10 000.20 + 9 999.90 + 9 999.90.
        let terms = custom(&[
            ("33.334", d(2026, 12, 5)),
            ("33.333", d(2027, 1, 5)),
            ("33.333", d(2027, 2, 5)),
        ]);
        let parts = terms.parts(dec("30000"), invoice()).expect("valid");
        assert_eq!(amounts(&parts), ["10000.20", "9999.90", "9999.90"]);
        assert_eq!(
            parts.iter().map(|p| p.amount).sum::<Decimal>(),
            dec("30000.00")
        );
        for p in &parts {
            let exact = dec("30000") * p.percent / Decimal::ONE_HUNDRED;
            assert!((p.amount - exact).abs() < dec("0.01"), "{p:?}");
        }
    }

    #[test]
    fn thirds_of_100_give_the_left_over_kopeck_to_the_largest_remainder() {
        let terms = custom(&[
            ("33.3333", d(2026, 12, 5)),
            ("33.3333", d(2026, 12, 6)),
            ("33.3334", d(2026, 12, 7)),
        ]);
        assert_eq!(
            amounts(&terms.parts(dec("100"), invoice()).expect("valid")),
            ["33.33", "33.33", "33.34"]
        );
    }

    #[test]
    fn on_equal_remainders_the_earlier_part_gets_the_kopeck() {
        let terms = custom(&[
            ("25", d(2026, 12, 5)),
            ("25", d(2026, 12, 5)),
            ("25", d(2026, 12, 5)),
            ("25", d(2026, 12, 5)),
        ]);
        assert_eq!(
            amounts(&terms.parts(dec("0.03"), invoice()).expect("valid")),
            ["0.01", "0.01", "0.01", "0.00"]
        );
        let thirds = custom(&[
            ("33.3333", d(2026, 12, 5)),
            ("33.3333", d(2026, 12, 5)),
            ("33.3334", d(2026, 12, 5)),
        ]);
        assert_eq!(
            amounts(&thirds.parts(dec("0.05"), invoice()).expect("valid")),
            ["0.02", "0.01", "0.02"]
        );
    }

    #[test]
    fn custom_percents_that_do_not_add_up_to_100_are_refused_naming_the_sum() {
        let e = custom(&[("50", d(2026, 12, 5)), ("40", d(2026, 12, 6))])
            .parts(dec("100"), invoice())
            .expect_err("90 %");
        assert_eq!(fields(&e), ["schedule.parts"]);
        assert_eq!(e.0[0].1.message, "Сумма долей 90 %, должна быть 100 %");
        let e = custom(&[("50", d(2026, 12, 5)), ("50.01", d(2026, 12, 6))])
            .parts(dec("100"), invoice())
            .expect_err("100.01 %");
        assert_eq!(e.0[0].1.message, "Сумма долей 100,01 %, должна быть 100 %");
    }

    #[test]
    fn a_custom_schedule_without_parts_is_refused() {
        let e = custom(&[])
            .parts(dec("100"), invoice())
            .expect_err("no parts");
        assert_eq!(fields(&e), ["schedule.parts"]);
        assert_eq!(e.0[0].1.code, "required");
    }

    #[test]
    fn each_custom_percent_must_be_above_zero_with_at_most_four_decimals() {
        let e = custom(&[
            ("0", d(2026, 12, 5)),
            ("-10", d(2026, 12, 6)),
            ("110", d(2026, 12, 7)),
        ])
        .parts(dec("100"), invoice())
        .expect_err("zero");
        assert_eq!(
            fields(&e),
            ["schedule.parts[0].percent", "schedule.parts[1].percent"]
        );
        let e = custom(&[("33.33333", d(2026, 12, 5)), ("66.66667", d(2026, 12, 6))])
            .parts(dec("100"), invoice())
            .expect_err("5 places");
        assert_eq!(
            fields(&e),
            ["schedule.parts[0].percent", "schedule.parts[1].percent"]
        );
        assert_eq!(e.0[0].1.code, "invalid_format");
    }

    #[test]
    fn a_due_date_before_the_invoice_date_is_refused() {
        let e = custom(&[("100", d(2026, 11, 29))])
            .parts(dec("100"), invoice())
            .expect_err("before invoice");
        assert_eq!(fields(&e), ["schedule.parts[0].due_date"]);
        assert_eq!(
            e.0[0].1.message,
            "Срок оплаты не может быть раньше даты счёта (30.11.2026)"
        );
        assert!(
            custom(&[("100", invoice())])
                .parts(dec("100"), invoice())
                .is_ok(),
            "due on the invoice day is fine"
        );
    }

    #[test]
    fn due_dates_must_not_decrease() {
        let e = custom(&[
            ("50", d(2026, 12, 10)),
            ("25", d(2026, 12, 5)),
            ("25", d(2026, 12, 10)),
        ])
        .parts(dec("100"), invoice())
        .expect_err("decreasing");
        assert_eq!(fields(&e), ["schedule.parts[1].due_date"]);
        assert_eq!(
            e.0[0].1.message,
            "Срок оплаты не может быть раньше срока предыдущей доли (10.12.2026)"
        );
    }

    #[test]
    fn a_negative_or_sub_kopeck_total_is_refused() {
        let terms = ScheduleTerms::Prepayment { days: 5 };
        assert_eq!(
            fields(&terms.parts(dec("-1"), invoice()).expect_err("negative")),
            ["total"]
        );
        assert_eq!(
            fields(
                &terms
                    .parts(dec("1.001"), invoice())
                    .expect_err("sub-kopeck")
            ),
            ["total"]
        );
    }

    #[test]
    fn a_zero_invoice_has_zero_parts() {
        let parts = ScheduleTerms::FiftyFifty {
            days: 5,
            second_due_date: None,
        }
        .parts(dec("0"), invoice())
        .expect("valid");
        assert_eq!(amounts(&parts), ["0.00", "0.00"]);
    }

    #[test]
    fn terms_travel_as_json_tagged_by_kind() {
        let terms = custom(&[("30", d(2026, 12, 5)), ("70", d(2027, 1, 5))]);
        assert_eq!(
            serde_json::to_value(&terms).expect("json"),
            serde_json::json!({"kind": "custom", "parts": [{"percent": "30", "due_date": "2026-12-05"}, {"percent": "70", "due_date": "2027-01-05"}]})
        );
        let back: ScheduleTerms = serde_json::from_value(serde_json::json!({"kind": "custom", "parts": [{"percent": 30, "due_date": "2026-12-05"}, {"percent": "70", "due_date": "2027-01-05"}]})).expect("json");
        assert_eq!(back, terms);
        assert_eq!(
            serde_json::to_value(ScheduleTerms::Deferral { days: 30 }).expect("json"),
            serde_json::json!({"kind": "deferral", "days": 30})
        );
        assert_eq!(
            serde_json::to_value(ScheduleTerms::FiftyFifty {
                days: 5,
                second_due_date: None
            })
            .expect("json"),
            serde_json::json!({"kind": "fifty_fifty", "days": 5, "second_due_date": null})
        );
    }

    fn arb_percents() -> impl Strategy<Value = Vec<Decimal>> {
        // Split 1 000 000 (100 % in 10⁻⁴ percent) at random cut points into 1..=12 positive parts.
        proptest::collection::btree_set(1i64..1_000_000, 0..11).prop_map(|cuts| {
            let mut bounds: Vec<i64> = vec![0];
            bounds.extend(cuts);
            bounds.push(1_000_000);
            bounds
                .windows(2)
                .map(|w| Decimal::new(w[1] - w[0], 4))
                .collect()
        })
    }

    proptest! {
        #[test]
        fn custom_parts_always_add_up_to_the_total(total_kopecks in 0i64..=99_999_999_999_999, percents in arb_percents()) {
            let total = Decimal::new(total_kopecks, 2);
            let parts: Vec<CustomPart> = percents.iter().map(|p| CustomPart { percent: *p, due_date: NaiveDate::from_ymd_opt(2026, 12, 1).expect("date") }).collect();
            let got = ScheduleTerms::Custom { parts }.parts(total, NaiveDate::from_ymd_opt(2026, 11, 30).expect("date")).expect("valid schedule");
            prop_assert_eq!(got.iter().map(|p| p.amount).sum::<Decimal>(), total);
            for p in &got {
                let exact = total * p.percent / Decimal::ONE_HUNDRED;
                prop_assert!((p.amount - exact).abs() < Decimal::new(1, 2), "{:?} vs {}", p, exact);
                prop_assert!(p.amount.scale() == 2);
            }
        }

        #[test]
        fn fifty_fifty_halves_differ_by_at_most_a_kopeck(total_kopecks in 0i64..=99_999_999_999_999) {
            let total = Decimal::new(total_kopecks, 2);
            let got = ScheduleTerms::FiftyFifty { days: 5, second_due_date: None }.parts(total, NaiveDate::from_ymd_opt(2026, 11, 30).expect("date")).expect("valid");
            prop_assert_eq!(got[0].amount + got[1].amount, total);
            prop_assert!(got[0].amount >= got[1].amount && got[0].amount - got[1].amount <= Decimal::new(1, 2));
        }

        #[test]
        fn allocation_is_deterministic(total_kopecks in 0i64..=100_000_000, percents in arb_percents()) {
            let total = Decimal::new(total_kopecks, 2);
            prop_assert_eq!(allocate(total, &percents), allocate(total, &percents));
        }
    }
}
