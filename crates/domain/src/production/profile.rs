//! A production's profile, which the head company keeps (issue 12, «Productions»): the tiles it
//! makes in which thicknesses at its price per m² to the head company, its daily capacity, its
//! working week, when the head company pays it, how long it has to accept or decline an order,
//! and whom to call. Where it is and what it is called are its organization's.
//!
//! Its load and defect rate are not here: they are derived from its orders and quality checks,
//! never typed in.
//!
//! [`ProfileDraft::parse`] checks everything at once and names each field, the offers as
//! `offers[i].tile_type`, `offers[i].thickness_mm`, `offers[i].price_per_m2`.

use rust_decimal::Decimal;

use super::order::PaymentTerms;
use super::ranking::{TileOffer, WorkingWeek};
use crate::clients::{Email, Phone, text};
use crate::error::{FieldError, FieldErrors};
use crate::money::{Currency, Money};

/// Longest tile type, as the catalogue allows.
pub const MAX_TILE_TYPE: usize = 100;
/// Most offers one production may list.
pub const MAX_OFFERS: usize = 200;
/// Largest daily capacity, m² (a hundred times the largest real plant: a typo, not a plant).
pub const MAX_DAILY_CAPACITY_M2: i64 = 100_000;
/// Thinnest and thickest tile, mm (as the catalogue).
pub const MIN_THICKNESS_MM: i64 = 5;
pub const MAX_THICKNESS_MM: i64 = 100;
/// How long a production has to accept or decline an order when nothing else is said, hours.
pub const DEFAULT_ACCEPTANCE_HOURS: u32 = 24;
/// The longest acceptance time, hours (two weeks).
pub const MAX_ACCEPTANCE_HOURS: i64 = 336;

/// One tile offer as entered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OfferDraft {
    pub tile_type: String,
    pub thickness_mm: Option<Decimal>,
    /// Roubles per m².
    pub price_per_m2: Option<Decimal>,
}

/// The profile as entered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfileDraft {
    pub daily_capacity_m2: Option<Decimal>,
    /// ISO weekdays, 1 = Monday … 7 = Sunday.
    pub working_days: Vec<i64>,
    /// `prepayment` | `fifty_fifty` | `after_shipment`.
    pub payment_terms: String,
    /// Hours; none is [`DEFAULT_ACCEPTANCE_HOURS`].
    pub acceptance_hours: Option<i64>,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub offers: Vec<OfferDraft>,
}

/// A checked profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// m² a working day, more than zero, at most two decimal places.
    pub daily_capacity_m2: Decimal,
    /// At least one day.
    pub working_week: WorkingWeek,
    pub payment_terms: PaymentTerms,
    pub acceptance_hours: u32,
    pub contact_name: Option<String>,
    pub contact_phone: Option<Phone>,
    pub contact_email: Option<Email>,
    /// In the order entered; no two with the same tile type (ignoring case and spaces) and
    /// thickness. The tile type is trimmed, its inner spaces single.
    pub offers: Vec<TileOffer>,
}

/// The tile type as offers are told apart: trimmed, inner spaces single, lower case
/// («  Плитка   резиновая » and «плитка резиновая» are one).
pub fn tile_key(tile_type: &str) -> String {
    tidy(tile_type).to_lowercase()
}

/// Trimmed, every run of spaces one space.
fn tidy(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn capacity(v: Option<Decimal>) -> Result<Decimal, FieldError> {
    let v = v.ok_or_else(FieldError::required)?;
    if v <= Decimal::ZERO || v > Decimal::from(MAX_DAILY_CAPACITY_M2) {
        return Err(FieldError::new(
            "out_of_range",
            format!("Мощность — больше 0 и не более {MAX_DAILY_CAPACITY_M2} м² в день"),
        ));
    }
    if v.normalize().scale() > 2 {
        return Err(FieldError::new("invalid_format", "Мощность — не более двух знаков после запятой"));
    }
    Ok(v.normalize())
}

fn working_week(days: &[i64]) -> Result<WorkingWeek, FieldError> {
    if days.is_empty() {
        return Err(FieldError::new("required", "Укажите хотя бы один рабочий день"));
    }
    let days: Vec<u8> = days.iter().map(|d| u8::try_from(*d).unwrap_or(0)).collect();
    WorkingWeek::from_iso_days(&days)
}

fn terms(name: &str) -> Result<PaymentTerms, FieldError> {
    if name.trim().is_empty() {
        return Err(FieldError::required());
    }
    PaymentTerms::parse(name.trim()).ok_or_else(|| {
        FieldError::new(
            "invalid_value",
            "Условия оплаты: prepayment (100 % до работы), fifty_fifty (50/50) или after_shipment (после отгрузки)",
        )
    })
}

fn acceptance(v: Option<i64>) -> Result<u32, FieldError> {
    match v {
        None => Ok(DEFAULT_ACCEPTANCE_HOURS),
        Some(h) if (1..=MAX_ACCEPTANCE_HOURS).contains(&h) => Ok(u32::try_from(h).unwrap_or(DEFAULT_ACCEPTANCE_HOURS)),
        Some(_) => Err(FieldError::new(
            "out_of_range",
            format!("Срок на принятие заказа — от 1 до {MAX_ACCEPTANCE_HOURS} часов"),
        )),
    }
}

fn thickness(v: Option<Decimal>) -> Result<Decimal, FieldError> {
    let v = v.ok_or_else(FieldError::required)?;
    if v < Decimal::from(MIN_THICKNESS_MM) || v > Decimal::from(MAX_THICKNESS_MM) {
        return Err(FieldError::new(
            "out_of_range",
            format!("Толщина — от {MIN_THICKNESS_MM} до {MAX_THICKNESS_MM} мм"),
        ));
    }
    if v.normalize().scale() > 1 {
        return Err(FieldError::new("invalid_format", "Толщина — не более одного знака после запятой"));
    }
    Ok(v.normalize())
}

fn price(v: Option<Decimal>) -> Result<Decimal, FieldError> {
    let v = v.ok_or_else(FieldError::required)?;
    let m = Money::parse(v, Currency::Rub)?;
    if m.minor() == 0 {
        return Err(FieldError::new("out_of_range", "Цена за м² должна быть больше нуля"));
    }
    Ok(m.amount())
}

fn tile_type(s: &str) -> Result<String, FieldError> {
    let t = tidy(s);
    if t.is_empty() {
        return Err(FieldError::required());
    }
    text(MAX_TILE_TYPE, &t)
}

/// The value, or its error recorded under `field`.
fn take<T>(e: &mut FieldErrors, field: &str, r: Result<T, FieldError>) -> Option<T> {
    r.map_err(|err| e.add(field, err)).ok()
}

impl ProfileDraft {
    /// Every problem at once, by field; nothing is checked against stored data.
    pub fn parse(&self) -> Result<Profile, FieldErrors> {
        let mut e = FieldErrors::new();
        let daily_capacity_m2 = take(&mut e, "daily_capacity_m2", capacity(self.daily_capacity_m2));
        let working_week = take(&mut e, "working_days", working_week(&self.working_days));
        let payment_terms = take(&mut e, "payment_terms", terms(&self.payment_terms));
        let acceptance_hours = take(&mut e, "acceptance_hours", acceptance(self.acceptance_hours));
        let contact_name = e.optional("contact_name", self.contact_name.as_deref(), |s| text(200, s));
        let contact_phone = e.optional("contact_phone", self.contact_phone.as_deref(), Phone::parse);
        let contact_email = e.optional("contact_email", self.contact_email.as_deref(), Email::parse);
        if self.offers.len() > MAX_OFFERS {
            e.add("offers", FieldError::new("too_long", format!("Не более {MAX_OFFERS} позиций")));
        }
        let mut offers = Vec::with_capacity(self.offers.len());
        let mut seen: Vec<(String, Decimal)> = Vec::with_capacity(self.offers.len());
        for (i, o) in self.offers.iter().enumerate() {
            let at = |field: &str| format!("offers[{i}].{field}");
            let t = take(&mut e, &at("tile_type"), tile_type(&o.tile_type));
            let th = take(&mut e, &at("thickness_mm"), thickness(o.thickness_mm));
            let p = take(&mut e, &at("price_per_m2"), price(o.price_per_m2));
            if let (Some(t), Some(th)) = (&t, th) {
                let key = (tile_key(t), th);
                if seen.contains(&key) {
                    e.add(
                        at("tile_type"),
                        FieldError::new("duplicate", format!("«{t}» толщиной {th} мм уже есть в списке")),
                    );
                } else {
                    seen.push(key);
                }
            }
            if let (Some(tile_type), Some(thickness_mm), Some(price_per_m2)) = (t, th, p) {
                offers.push(TileOffer { tile_type, thickness_mm, price_per_m2 });
            }
        }
        match (daily_capacity_m2, working_week, payment_terms, acceptance_hours) {
            (Some(daily_capacity_m2), Some(working_week), Some(payment_terms), Some(acceptance_hours)) if e.is_empty() => Ok(Profile {
                daily_capacity_m2,
                working_week,
                payment_terms,
                acceptance_hours,
                contact_name,
                contact_phone,
                contact_email,
                offers,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
#[path = "profile_tests.rs"]
mod tests;
