//! Lines of an offer or an invoice and their totals.
//!
//! Prices include VAT (Russian price lists are «с НДС»), so VAT is the part of the amount «в т.ч.
//! НДС»: `amount = round2(quantity × price × (1 − discount / 100))`,
//! `vat = round2(amount × rate / (100 + rate))`, `net = amount − vat`. Rounding is half away
//! from zero, to the kopeck. Totals are sums of the rounded line amounts, so the printed lines
//! always add up to the printed totals.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};

use super::vat::VatRate;
use crate::error::{FieldError, FieldErrors};
use crate::money::Money;

/// The largest quantity on a line.
pub const MAX_QUANTITY: i64 = 1_000_000_000;

/// Rounds to the kopeck, half away from zero, and always keeps two decimal places.
pub fn round2(value: Decimal) -> Decimal {
    let mut v = value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    v.rescale(2);
    v
}

/// A checked document line: what was sold, how many, at what price (with VAT) and discount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LineInput {
    /// More than zero, at most three decimal places, at most 1 000 000 000.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub quantity: Decimal,
    /// Price per unit including VAT; not negative, kopecks at most.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub price: Decimal,
    /// Discount in percent, 0..=100, at most two decimal places.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub discount_pct: Decimal,
    pub vat: VatRate,
}

/// The money of one line, each rounded to the kopeck: `amount = vat + net` exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LineAmounts {
    /// What the client pays for the line, VAT included.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub amount: Decimal,
    /// VAT included in `amount` (zero for 0 % and «без НДС»).
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub vat: Decimal,
    /// `amount − vat`.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub net: Decimal,
    pub rate: VatRate,
}

impl LineInput {
    /// Checks a line as entered; errors come back under `quantity`, `price`, `discount_pct` and
    /// `vat` (the rate must be in force on the document `date`, see [`VatRate::parse_for`]).
    /// A line whose `quantity × price` exceeds [`Money::MAX_UNITS`] is refused under `price`.
    pub fn parse(
        quantity: Decimal,
        price: Decimal,
        discount_pct: Decimal,
        vat_code: &str,
        date: NaiveDate,
    ) -> Result<LineInput, FieldErrors> {
        let mut errs = FieldErrors::new();
        let quantity = record(&mut errs, "quantity", check_quantity(quantity));
        let price = record(&mut errs, "price", check_price(price));
        let discount_pct = record(&mut errs, "discount_pct", check_discount(discount_pct));
        let vat = record(&mut errs, "vat", VatRate::parse_for(date, vat_code));
        if let (Some(q), Some(p)) = (quantity, price)
            && q * p > Decimal::from(Money::MAX_UNITS)
        {
            errs.add(
                "price",
                FieldError::new(
                    "out_of_range",
                    "Сумма строки (количество × цена) слишком велика",
                ),
            );
        }
        match (quantity, price, discount_pct, vat) {
            (Some(quantity), Some(price), Some(discount_pct), Some(vat)) if errs.is_empty() => {
                Ok(LineInput {
                    quantity,
                    price,
                    discount_pct,
                    vat,
                })
            }
            _ => Err(errs),
        }
    }

    /// The line's amount, VAT and net, each rounded to the kopeck. Exact for a line that passed
    /// [`LineInput::parse`]; arithmetic saturates instead of panicking on absurd values.
    pub fn amounts(&self) -> LineAmounts {
        let hundred = Decimal::ONE_HUNDRED;
        let gross = self.quantity.saturating_mul(self.price);
        let kept = hundred.saturating_sub(self.discount_pct);
        let amount = round2(gross.saturating_mul(kept) / hundred);
        let vat = match self.vat.percent() {
            Some(rate) if !rate.is_zero() => round2(amount.saturating_mul(rate) / (hundred + rate)),
            _ => round2(Decimal::ZERO),
        };
        LineAmounts {
            amount,
            vat,
            net: amount - vat,
            rate: self.vat,
        }
    }
}

fn record<T>(errs: &mut FieldErrors, field: &str, r: Result<T, FieldError>) -> Option<T> {
    r.map_err(|e| errs.add(field, e)).ok()
}

fn decimals(value: Decimal) -> u32 {
    value.normalize().scale()
}

fn check_quantity(q: Decimal) -> Result<Decimal, FieldError> {
    if q <= Decimal::ZERO {
        return Err(FieldError::new(
            "out_of_range",
            "Количество должно быть больше нуля",
        ));
    }
    if decimals(q) > 3 {
        return Err(FieldError::new(
            "invalid_format",
            "Количество — не более трёх знаков после запятой",
        ));
    }
    if q > Decimal::from(MAX_QUANTITY) {
        return Err(FieldError::new(
            "out_of_range",
            "Количество — не больше 1 000 000 000",
        ));
    }
    Ok(q.normalize())
}

fn check_price(p: Decimal) -> Result<Decimal, FieldError> {
    if p < Decimal::ZERO {
        return Err(FieldError::new(
            "out_of_range",
            "Цена не может быть отрицательной",
        ));
    }
    if decimals(p) > 2 {
        return Err(FieldError::new(
            "invalid_format",
            "Цена — не более двух знаков после запятой (копейки)",
        ));
    }
    if p > Decimal::from(Money::MAX_UNITS) {
        return Err(FieldError::new("out_of_range", "Слишком большая цена"));
    }
    Ok(round2(p))
}

fn check_discount(d: Decimal) -> Result<Decimal, FieldError> {
    if d < Decimal::ZERO {
        return Err(FieldError::new(
            "out_of_range",
            "Скидка не может быть отрицательной",
        ));
    }
    if d > Decimal::ONE_HUNDRED {
        return Err(FieldError::new(
            "out_of_range",
            "Скидка не может быть больше 100 %",
        ));
    }
    if decimals(d) > 2 {
        return Err(FieldError::new(
            "invalid_format",
            "Скидка — не более двух знаков после запятой",
        ));
    }
    Ok(d.normalize())
}

/// A line as it comes from a form or an integrator, before [`parse_lines`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RawLine {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub quantity: Decimal,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub price: Decimal,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub discount_pct: Decimal,
    /// A [`VatRate`] code: `vat22`, `vat20`, `vat10`, `vat0`, `none`.
    pub vat: String,
}

/// Checks every line of a document dated `date`: errors come back under `lines[i].quantity`
/// and so on, all lines at once. A document without lines is refused under `lines`.
pub fn parse_lines(lines: &[RawLine], date: NaiveDate) -> Result<Vec<LineInput>, FieldErrors> {
    let mut errs = FieldErrors::new();
    if lines.is_empty() {
        errs.add(
            "lines",
            FieldError::new("required", "Добавьте хотя бы одну строку"),
        );
        return Err(errs);
    }
    let mut parsed = Vec::with_capacity(lines.len());
    for (i, raw) in lines.iter().enumerate() {
        match LineInput::parse(raw.quantity, raw.price, raw.discount_pct, &raw.vat, date) {
            Ok(line) => parsed.push(line),
            Err(e) => errs.merge_prefixed(&format!("lines[{i}]"), e),
        }
    }
    errs.into_result().map(|()| parsed)
}

/// The totals of a document: sums of the rounded lines, so they reconcile exactly —
/// `total = Σ amount`, `vat_total = Σ vat = Σ vat_by_rate`, `net_total = total − vat_total`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Totals {
    /// «Итого к оплате», VAT included.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub total: Decimal,
    /// «В том числе НДС».
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub vat_total: Decimal,
    /// VAT per rate, one entry per rate that occurs on a line (0.00 for 0 % and «без НДС»),
    /// from the highest rate to «без НДС».
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub vat_by_rate: BTreeMap<VatRate, Decimal>,
    /// `total − vat_total`.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub net_total: Decimal,
}

impl Totals {
    /// Adds up the lines (an empty slice gives zeros and no breakdown).
    pub fn of(lines: &[LineAmounts]) -> Totals {
        let zero = round2(Decimal::ZERO);
        let mut total = zero;
        let mut vat_total = zero;
        let mut vat_by_rate = BTreeMap::new();
        for line in lines {
            total += line.amount;
            vat_total += line.vat;
            *vat_by_rate.entry(line.rate).or_insert(zero) += line.vat;
        }
        Totals {
            total,
            vat_total,
            vat_by_rate,
            net_total: total - vat_total,
        }
    }

    /// True when no line carries VAT: the invoice prints «Без НДС» instead of «В том числе НДС».
    pub fn without_vat(&self) -> bool {
        self.vat_by_rate.keys().all(|r| *r == VatRate::None)
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use proptest::prelude::*;

    use super::*;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str_exact(s).expect("decimal literal")
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn line(q: &str, p: &str, disc: &str, vat: VatRate) -> LineInput {
        LineInput {
            quantity: dec(q),
            price: dec(p),
            discount_pct: dec(disc),
            vat,
        }
    }

    fn fields(e: &FieldErrors) -> Vec<&str> {
        e.0.iter().map(|(f, _)| f.as_str()).collect()
    }

    #[test]
    fn vat_is_included_in_the_price_not_added_on_top() {
        let a = line("1", "122.00", "0", VatRate::Vat22).amounts();
        assert_eq!(
            (a.amount, a.vat, a.net),
            (dec("122.00"), dec("22.00"), dec("100.00"))
        );
        let a = line("10", "1200", "0", VatRate::Vat20).amounts();
        assert_eq!(
            (a.amount, a.vat, a.net),
            (dec("12000.00"), dec("2000.00"), dec("10000.00"))
        );
        let a = line("1", "110", "0", VatRate::Vat10).amounts();
        assert_eq!(
            (a.amount, a.vat, a.net),
            (dec("110.00"), dec("10.00"), dec("100.00"))
        );
    }

    #[test]
    fn discount_reduces_the_amount_before_vat_is_extracted() {
        let a = line("2", "1000", "15", VatRate::Vat22).amounts();
        assert_eq!(a.amount, dec("1700.00"));
        // 1700 × 22 / 122 = 306.557… → 306.56
        assert_eq!((a.vat, a.net), (dec("306.56"), dec("1393.44")));
    }

    #[test]
    fn amounts_round_half_away_from_zero_to_the_kopeck() {
        // 0.5 × 0.05 = 0.025 → 0.03, 1.5 × 0.01 = 0.015 → 0.02, 2.5 × 0.01 = 0.025 → 0.03
        // (banker's rounding would give 0.02, 0.02, 0.02).
        assert_eq!(
            line("0.5", "0.05", "0", VatRate::None).amounts().amount,
            dec("0.03")
        );
        assert_eq!(
            line("1.5", "0.01", "0", VatRate::None).amounts().amount,
            dec("0.02")
        );
        assert_eq!(
            line("2.5", "0.01", "0", VatRate::None).amounts().amount,
            dec("0.03")
        );
        // VAT exactly at the midpoint: 16.47 × 20 / 120 = 2.745 → 2.75.
        assert_eq!(
            line("1", "16.47", "0", VatRate::Vat20).amounts().vat,
            dec("2.75")
        );
    }

    #[test]
    fn zero_rate_and_no_vat_lines_carry_no_vat() {
        for rate in [VatRate::Vat0, VatRate::None] {
            let a = line("3", "99.99", "0", rate).amounts();
            assert_eq!(
                (a.amount, a.vat, a.net),
                (dec("299.97"), dec("0.00"), dec("299.97"))
            );
        }
    }

    #[test]
    fn a_full_discount_gives_a_zero_line() {
        let a = line("5", "1000", "100", VatRate::Vat22).amounts();
        assert_eq!(
            (a.amount, a.vat, a.net),
            (dec("0.00"), dec("0.00"), dec("0.00"))
        );
    }

    #[test]
    fn amounts_always_show_two_decimal_places() {
        let a = line("1", "7", "0", VatRate::Vat22).amounts();
        assert_eq!(
            (a.amount.to_string(), a.vat.to_string(), a.net.to_string()),
            ("7.00".into(), "1.26".into(), "5.74".into())
        );
    }

    #[test]
    fn totals_add_up_lines_and_break_vat_down_per_rate() {
        let lines = [
            line("1", "122", "0", VatRate::Vat22).amounts(),
            line("2", "61", "0", VatRate::Vat22).amounts(),
            line("1", "110", "0", VatRate::Vat10).amounts(),
            line("1", "50", "0", VatRate::None).amounts(),
        ];
        let t = Totals::of(&lines);
        assert_eq!(t.total, dec("404.00"));
        assert_eq!(t.vat_total, dec("54.00"));
        assert_eq!(t.net_total, dec("350.00"));
        let breakdown: Vec<(VatRate, Decimal)> = t.vat_by_rate.into_iter().collect();
        assert_eq!(
            breakdown,
            [
                (VatRate::Vat22, dec("44.00")),
                (VatRate::Vat10, dec("10.00")),
                (VatRate::None, dec("0.00"))
            ]
        );
    }

    #[test]
    fn totals_of_no_lines_are_zero() {
        let t = Totals::of(&[]);
        assert_eq!(
            (
                t.total.to_string(),
                t.vat_total.to_string(),
                t.net_total.to_string()
            ),
            ("0.00".into(), "0.00".into(), "0.00".into())
        );
        assert!(t.vat_by_rate.is_empty());
    }

    #[test]
    fn a_document_with_only_no_vat_lines_prints_without_vat() {
        assert!(Totals::of(&[line("1", "10", "0", VatRate::None).amounts()]).without_vat());
        assert!(!Totals::of(&[line("1", "10", "0", VatRate::Vat0).amounts()]).without_vat());
    }

    #[test]
    fn a_valid_line_is_parsed_and_normalised() {
        let l = LineInput::parse(dec("2.500"), dec("100"), dec("5.0"), "vat22", d(2026, 3, 1))
            .expect("valid");
        assert_eq!(
            l,
            LineInput {
                quantity: dec("2.5"),
                price: dec("100.00"),
                discount_pct: dec("5"),
                vat: VatRate::Vat22
            }
        );
        assert_eq!(l.price.to_string(), "100.00");
    }

    #[test]
    fn quantity_must_be_positive_with_at_most_three_decimals_and_at_most_a_billion() {
        let date = d(2026, 3, 1);
        for (q, code) in [
            ("0", "out_of_range"),
            ("-1", "out_of_range"),
            ("1.0001", "invalid_format"),
            ("1000000000.001", "out_of_range"),
            ("1000000001", "out_of_range"),
        ] {
            let e = LineInput::parse(dec(q), dec("0"), dec("0"), "vat22", date).expect_err(q);
            assert_eq!(e.0.len(), 1, "{q}");
            assert_eq!(
                (e.0[0].0.as_str(), e.0[0].1.code),
                ("quantity", code),
                "{q}"
            );
        }
        assert!(LineInput::parse(dec("1000000000"), dec("1"), dec("0"), "vat22", date).is_ok());
        assert!(LineInput::parse(dec("0.001"), dec("1"), dec("0"), "vat22", date).is_ok());
    }

    #[test]
    fn price_must_not_be_negative_and_has_at_most_kopecks() {
        let date = d(2026, 3, 1);
        for (p, code) in [
            ("-0.01", "out_of_range"),
            ("10.005", "invalid_format"),
            ("10000000000000", "out_of_range"),
        ] {
            let e = LineInput::parse(dec("1"), dec(p), dec("0"), "vat22", date).expect_err(p);
            assert_eq!((e.0[0].0.as_str(), e.0[0].1.code), ("price", code), "{p}");
        }
        assert!(
            LineInput::parse(dec("1"), dec("0"), dec("0"), "vat22", date).is_ok(),
            "a free line is allowed"
        );
    }

    #[test]
    fn a_line_whose_sum_is_beyond_money_range_is_refused_under_price() {
        let e = LineInput::parse(
            dec("1000000"),
            dec("100000000"),
            dec("0"),
            "vat22",
            d(2026, 3, 1),
        )
        .expect_err("too big");
        assert_eq!(fields(&e), ["price"]);
    }

    #[test]
    fn discount_over_100_percent_is_refused() {
        let e = LineInput::parse(dec("1"), dec("1"), dec("100.01"), "vat22", d(2026, 3, 1))
            .expect_err("101 %");
        assert_eq!(e.0[0].0, "discount_pct");
        assert_eq!(e.0[0].1.message, "Скидка не может быть больше 100 %");
    }

    #[test]
    fn discount_must_not_be_negative_and_has_at_most_two_decimals() {
        let date = d(2026, 3, 1);
        for (disc, code) in [("-1", "out_of_range"), ("10.125", "invalid_format")] {
            let e = LineInput::parse(dec("1"), dec("1"), dec(disc), "vat22", date).expect_err(disc);
            assert_eq!(
                (e.0[0].0.as_str(), e.0[0].1.code),
                ("discount_pct", code),
                "{disc}"
            );
        }
        assert!(LineInput::parse(dec("1"), dec("1"), dec("100"), "vat22", date).is_ok());
    }

    #[test]
    fn a_line_with_the_wrong_rate_for_its_date_is_refused_under_vat() {
        let e = LineInput::parse(dec("1"), dec("1"), dec("0"), "vat22", d(2025, 12, 1))
            .expect_err("22 % in 2025");
        assert_eq!(fields(&e), ["vat"]);
    }

    #[test]
    fn every_wrong_field_of_a_line_is_reported_at_once() {
        let e = LineInput::parse(dec("0"), dec("-1"), dec("101"), "x", d(2026, 3, 1))
            .expect_err("all wrong");
        assert_eq!(fields(&e), ["quantity", "price", "discount_pct", "vat"]);
    }

    fn raw(q: &str, p: &str, vat: &str) -> RawLine {
        RawLine {
            quantity: dec(q),
            price: dec(p),
            discount_pct: Decimal::ZERO,
            vat: vat.to_owned(),
        }
    }

    #[test]
    fn line_errors_are_reported_under_their_index() {
        let e = parse_lines(
            &[
                raw("1", "10", "vat22"),
                raw("0", "10", "vat22"),
                raw("1", "10", "vat18"),
            ],
            d(2026, 3, 1),
        )
        .expect_err("two bad lines");
        assert_eq!(fields(&e), ["lines[1].quantity", "lines[2].vat"]);
    }

    #[test]
    fn a_document_without_lines_is_refused_under_lines() {
        let e = parse_lines(&[], d(2026, 3, 1)).expect_err("empty");
        assert_eq!(fields(&e), ["lines"]);
        assert_eq!(e.0[0].1.code, "required");
    }

    #[test]
    fn valid_lines_are_parsed_in_order() {
        let lines = parse_lines(
            &[raw("1", "10", "vat22"), raw("2", "5", "none")],
            d(2026, 3, 1),
        )
        .expect("valid");
        assert_eq!(
            lines.iter().map(|l| l.vat).collect::<Vec<_>>(),
            [VatRate::Vat22, VatRate::None]
        );
    }

    #[test]
    fn a_raw_line_without_a_discount_reads_as_zero_discount() {
        let r: RawLine = serde_json::from_value(
            serde_json::json!({"quantity": "2", "price": "10.50", "vat": "vat22"}),
        )
        .expect("json");
        assert_eq!(r.discount_pct, Decimal::ZERO);
        assert_eq!(r.price, Decimal::from_str("10.50").expect("dec"));
    }

    fn arb_line() -> impl Strategy<Value = LineInput> {
        (
            1i64..=100_000_000i64, // quantity in thousandths: 0.001 ..= 100 000
            0i64..=100_000_000i64, // price in kopecks: 0 ..= 1 000 000.00
            0i64..=10_000i64,      // discount in hundredths of a percent
            proptest::sample::select(VatRate::ALL),
        )
            .prop_map(|(q, p, disc, vat)| LineInput {
                quantity: Decimal::new(q, 3),
                price: Decimal::new(p, 2),
                discount_pct: Decimal::new(disc, 2),
                vat,
            })
    }

    fn is_kopecks(v: Decimal) -> bool {
        v.normalize().scale() <= 2
    }

    proptest! {
        #[test]
        fn totals_reconcile_exactly_for_any_lines(lines in proptest::collection::vec(arb_line(), 0..30)) {
            let amounts: Vec<LineAmounts> = lines.iter().map(LineInput::amounts).collect();
            let t = Totals::of(&amounts);
            let sum_amount: Decimal = amounts.iter().map(|a| a.amount).sum();
            let sum_vat: Decimal = amounts.iter().map(|a| a.vat).sum();
            let sum_net: Decimal = amounts.iter().map(|a| a.net).sum();
            let sum_breakdown: Decimal = t.vat_by_rate.values().copied().sum();
            prop_assert_eq!(t.total, sum_amount);
            prop_assert_eq!(t.vat_total, sum_vat);
            prop_assert_eq!(t.vat_total, sum_breakdown);
            prop_assert_eq!(t.net_total, sum_net);
            prop_assert_eq!(t.total, t.vat_total + t.net_total);
            for a in &amounts {
                prop_assert!(is_kopecks(a.amount) && is_kopecks(a.vat) && is_kopecks(a.net));
                prop_assert!(a.vat >= Decimal::ZERO && a.vat <= a.amount);
                prop_assert_eq!(a.amount, a.vat + a.net);
            }
            prop_assert!(is_kopecks(t.total) && is_kopecks(t.vat_total) && is_kopecks(t.net_total));
        }

        #[test]
        fn a_line_amount_is_its_exact_value_rounded_half_away(l in arb_line()) {
            // Exact in integers: thousandths × kopecks × hundredths of a percent.
            let q = l.quantity.mantissa();
            let p = l.price.mantissa();
            let kept = 10_000 - l.discount_pct.mantissa();
            // amount in kopecks = q/1000 × p/100 × kept/10000 × 100
            let num = q * p * kept;
            let den = 1_000 * 10_000;
            let kopecks = (2 * num + den) / (2 * den);
            prop_assert_eq!(l.amounts().amount, Decimal::new(i64::try_from(kopecks).expect("fits"), 2));
        }

        #[test]
        fn a_parsed_line_computes_the_same_amounts(l in arb_line()) {
            let date = if l.vat == VatRate::Vat20 { NaiveDate::from_ymd_opt(2025, 6, 1) } else { NaiveDate::from_ymd_opt(2026, 6, 1) }.expect("date");
            let parsed = LineInput::parse(l.quantity, l.price, l.discount_pct, l.vat.as_str(), date).expect("valid line");
            prop_assert_eq!(parsed.amounts(), l.amounts());
        }
    }
}
