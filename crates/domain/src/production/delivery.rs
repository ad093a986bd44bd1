//! What a production's shipment does for the deal (issue 12, «Logistics»): which of the deal
//! invoice's lines it ships, and the delivery notice the client is e-mailed.
//!
//! # Which lines
//!
//! A deal's invoice lists the tiles in square metres and maybe more (delivery, pallets). A deal
//! may be split between productions, so one production's shipment is not always the whole
//! invoice:
//!
//! - the deal's **last** order to ship (no other order of the deal still to be made or shipped)
//!   ships everything the invoice still has, tiles and the rest;
//! - an earlier one ships its square metres from the invoice's tile lines (units «м2», «м²»,
//!   «кв.м»), in the invoice's order, as far as they go — nothing else.

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// What an invoice line has left to ship, and in what unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineLeft<'a> {
    pub unit: &'a str,
    pub remaining: Decimal,
}

/// Whether a unit is square metres: «м2», «м²», «кв.м», «кв. м», «m2» (case and spaces aside).
pub fn is_square_metres(unit: &str) -> bool {
    let u: String = unit
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.')
        .flat_map(char::to_lowercase)
        .collect();
    matches!(u.as_str(), "м2" | "м²" | "квм" | "m2" | "m²" | "sqm")
}

/// The lines to ship (index into `lines`, quantity) for an order of `quantity_m2`, `last` when no
/// other order of the deal is still to ship. Lines with nothing left are skipped.
pub fn lines_to_ship(lines: &[LineLeft<'_>], quantity_m2: Decimal, last: bool) -> Vec<(usize, Decimal)> {
    if last {
        return lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.remaining > Decimal::ZERO)
            .map(|(i, l)| (i, l.remaining))
            .collect();
    }
    let mut left = quantity_m2.max(Decimal::ZERO);
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if left <= Decimal::ZERO {
            break;
        }
        if l.remaining > Decimal::ZERO && is_square_metres(l.unit) {
            let q = l.remaining.min(left);
            out.push((i, q));
            left -= q;
        }
    }
    out
}

/// What the delivery notice says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryFacts<'a> {
    /// Whom the letter greets: the contact's first name and patronymic, or «коллеги».
    pub greeting_name: &'a str,
    pub tile: &'a str,
    pub quantity_m2: Decimal,
    pub address: &'a str,
    pub carrier: &'a str,
    pub waybill: &'a str,
    pub shipped_on: NaiveDate,
    pub eta: Option<NaiveDate>,
    /// Who signs: the head company's short name.
    pub organization: &'a str,
}

/// The delivery notice (subject, body) the client is e-mailed when its order leaves the
/// production.
pub fn delivery_notice(f: &DeliveryFacts<'_>) -> (String, String) {
    let when = match f.eta {
        Some(eta) => format!("Ожидаемая дата доставки — {}.", eta.format("%d.%m.%Y")),
        None => "О дате доставки перевозчик сообщит дополнительно.".to_owned(),
    };
    let subject = format!("Ваш заказ отгружен: накладная {}", f.waybill);
    let body = format!(
        "Здравствуйте, {}!\n\n{} мы отгрузили ваш заказ: {}, {} м².\nПеревозчик: {}, накладная № {}.\nАдрес доставки: {}.\n{}\n\nС уважением,\n{}",
        f.greeting_name,
        f.shipped_on.format("%d.%m.%Y"),
        f.tile,
        f.quantity_m2.normalize().to_string().replace('.', ","),
        f.carrier,
        f.waybill,
        f.address,
        when,
        f.organization,
    );
    (subject, body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).expect("decimal")
    }

    fn line<'a>(unit: &'a str, remaining: &str) -> LineLeft<'a> {
        LineLeft { unit, remaining: dec(remaining) }
    }

    #[test]
    fn square_metres_are_recognised_however_they_are_written() {
        for u in ["м2", "м²", "кв.м", "кв. м", "М2", "m2"] {
            assert!(is_square_metres(u), "{u}");
        }
        for u in ["шт", "услуга", "м", "т"] {
            assert!(!is_square_metres(u), "{u}");
        }
    }

    #[test]
    fn the_deals_last_order_ships_everything_the_invoice_has_left() {
        let lines = [line("м2", "100"), line("услуга", "1"), line("м2", "0")];
        assert_eq!(lines_to_ship(&lines, dec("40"), true), [(0, dec("100")), (1, dec("1"))]);
    }

    #[test]
    fn an_earlier_order_of_a_split_deal_ships_only_its_square_metres() {
        let lines = [line("услуга", "1"), line("м2", "30"), line("м²", "50")];
        assert_eq!(lines_to_ship(&lines, dec("40"), false), [(1, dec("30")), (2, dec("10"))]);
        assert_eq!(lines_to_ship(&lines, dec("500"), false), [(1, dec("30")), (2, dec("50"))]);
        assert!(lines_to_ship(&[line("шт", "5")], dec("40"), false).is_empty());
    }

    #[test]
    fn the_delivery_notice_names_the_carrier_the_waybill_and_the_expected_date() {
        let d = |day| NaiveDate::from_ymd_opt(2026, 12, day).expect("date");
        let mut f = DeliveryFacts {
            greeting_name: "Иван Петрович",
            tile: "Плитка 30 мм",
            quantity_m2: dec("120.50"),
            address: "г. Казань, ул. Баумана, 1",
            carrier: "ПЭК",
            waybill: "ПЭК-1",
            shipped_on: d(2),
            eta: Some(d(5)),
            organization: "ООО «Тессера»",
        };
        let (subject, body) = delivery_notice(&f);
        assert_eq!(subject, "Ваш заказ отгружен: накладная ПЭК-1");
        assert!(body.starts_with("Здравствуйте, Иван Петрович!"), "{body}");
        for part in ["02.12.2026", "120,5 м²", "ПЭК, накладная № ПЭК-1", "Ожидаемая дата доставки — 05.12.2026", "ООО «Тессера»"] {
            assert!(body.contains(part), "{part} in {body}");
        }
        f.eta = None;
        assert!(delivery_notice(&f).1.contains("перевозчик сообщит дополнительно"));
    }
}
