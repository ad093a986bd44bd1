//! Which production should make an order (seed 000 «Блок распределения заявок по производствам
//! (по России)»; DESIGN: «productions ranked by distance to the delivery address, free capacity
//! before the due date, current load, price and defect rate»).
//!
//! [`rank`] looks at every production's profile and either excludes it, with every reason that
//! applies (it does not make that tile and thickness; it has no free capacity before the due
//! date), or ranks it with every component of its score shown, so a logistician sees *why* one
//! production is above another. [`propose_placement`] splits an order no single production can
//! take.
//!
//! # Capacity
//!
//! The capacity before the due date is the production's working days `d` with
//! `today ≤ d < due date` (the order must leave by the due date) × its daily capacity. Its load is
//! given as its open orders — what each still has to make and by when — which the system already
//! knows, rather than a load per day someone has to keep up to date:
//!
//! - an open order due on or before our due date (or overdue) must be made first: it counts in full;
//! - one due later is assumed made evenly over its own working days: it counts for the share of
//!   them that falls before our due date.
//!
//! Free capacity = capacity − committed (never below zero); load = committed ÷ capacity.
//!
//! # Score
//!
//! Each component is a number from 0 (worst) to 1 (best), weighted into points out of 100:
//!
//! | component | weight | 1 when | 0.5 when |
//! |---|---|---|---|
//! | distance (haversine, km) | 30 | at the address | [`HALF_SCORE_KM`] away (`1 / (1 + km / 500)`) |
//! | price per m² | 25 | cheapest of the candidates | twice the cheapest (`cheapest / price`) |
//! | free capacity | 20 | it can take the whole order | it can take half (`free / quantity`, at most 1) |
//! | defect rate, last 90 days | 15 | no defects | [`UNKNOWN_DEFECT_RATE`] (`1 − rate / 10 %`, at least 0); no checks yet count as 5 % |
//! | current load | 10 | nothing committed | half the capacity committed (`1 − load`) |
//!
//! Every component is rounded to hundredths of a point and so is the total. Ties are broken by
//! the lower price, then the shorter distance, then the production's id, so the same input always
//! gives the same order.
//!
//! The work is one pass over the profiles and one sort, with no allocation per profile except
//! for an excluded one's reasons: 50 productions rank in microseconds.

use chrono::{Datelike, NaiveDate};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::error::{FieldError, FieldErrors};
use crate::ids::OrganizationId;

/// Points for distance out of 100.
pub const DISTANCE_WEIGHT: f64 = 30.0;
/// Points for price out of 100.
pub const PRICE_WEIGHT: f64 = 25.0;
/// Points for free capacity out of 100.
pub const CAPACITY_WEIGHT: f64 = 20.0;
/// Points for quality (few defects) out of 100.
pub const QUALITY_WEIGHT: f64 = 15.0;
/// Points for a light current load out of 100.
pub const LOAD_WEIGHT: f64 = 10.0;
/// The distance at which the distance component is one half.
pub const HALF_SCORE_KM: f64 = 500.0;
/// The defect rate (a fraction) at which the quality component reaches zero.
pub const ZERO_SCORE_DEFECT_RATE: f64 = 0.10;
/// The defect rate assumed for a production with no quality checks in the last 90 days.
pub const UNKNOWN_DEFECT_RATE: f64 = 0.05;

/// A point on the Earth, in decimal degrees.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct GeoPoint {
    pub lat: f64,
    pub lon: f64,
}

impl GeoPoint {
    /// A point with latitude in −90..=90 and longitude in −180..=180 (errors under `lat`, `lon`).
    pub fn parse(lat: f64, lon: f64) -> Result<GeoPoint, FieldErrors> {
        let mut errs = FieldErrors::new();
        if !(lat.is_finite() && (-90.0..=90.0).contains(&lat)) {
            errs.add(
                "lat",
                FieldError::new("out_of_range", "Широта — от −90 до 90 градусов"),
            );
        }
        if !(lon.is_finite() && (-180.0..=180.0).contains(&lon)) {
            errs.add(
                "lon",
                FieldError::new("out_of_range", "Долгота — от −180 до 180 градусов"),
            );
        }
        errs.into_result().map(|()| GeoPoint { lat, lon })
    }
}

/// The great-circle ("straight-line") distance between two points, in kilometres.
pub fn haversine_km(a: GeoPoint, b: GeoPoint) -> f64 {
    const EARTH_RADIUS_KM: f64 = 6371.0088;
    let (lat1, lat2) = (a.lat.to_radians(), b.lat.to_radians());
    let dlat = lat2 - lat1;
    let dlon = (b.lon - a.lon).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// The weekdays a production works: Monday to Sunday as ISO numbers 1..=7, travelling as a list
/// (`[1, 2, 3, 4, 5]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "Vec<u8>", into = "Vec<u8>")]
pub struct WorkingWeek(u8);

impl WorkingWeek {
    /// Monday to Friday.
    pub const MON_FRI: WorkingWeek = WorkingWeek(0b001_1111);
    /// Monday to Saturday.
    pub const MON_SAT: WorkingWeek = WorkingWeek(0b011_1111);
    /// Every day.
    pub const EVERY_DAY: WorkingWeek = WorkingWeek(0b111_1111);

    /// From ISO weekday numbers (1 = Monday … 7 = Sunday); repeats are fine, an empty list is
    /// a production that does not work.
    pub fn from_iso_days(days: &[u8]) -> Result<WorkingWeek, FieldError> {
        let mut mask = 0u8;
        for &d in days {
            if !(1..=7).contains(&d) {
                return Err(FieldError::new(
                    "out_of_range",
                    "Рабочие дни — числа от 1 (понедельник) до 7 (воскресенье)",
                ));
            }
            mask |= 1 << (d - 1);
        }
        Ok(WorkingWeek(mask))
    }

    /// The ISO weekday numbers, ascending.
    pub fn iso_days(self) -> Vec<u8> {
        (1..=7).filter(|d| self.0 & (1 << (d - 1)) != 0).collect()
    }

    /// Whether the production works on `day`.
    pub fn works_on(self, day: NaiveDate) -> bool {
        self.0 & (1 << day.weekday().num_days_from_monday()) != 0
    }

    /// The working days `d` with `from ≤ d < until` (none when `until ≤ from`), without walking
    /// the calendar: whole weeks, then at most six days.
    pub fn days_between(self, from: NaiveDate, until: NaiveDate) -> u32 {
        let total = (until - from).num_days();
        if total <= 0 {
            return 0;
        }
        let mut n = (total / 7) * i64::from(self.0.count_ones());
        let start = from.weekday().num_days_from_monday();
        for k in 0..(total % 7) {
            let weekday = (i64::from(start) + k) % 7;
            if self.0 & (1 << weekday) != 0 {
                n += 1;
            }
        }
        u32::try_from(n).unwrap_or(u32::MAX)
    }
}

impl TryFrom<Vec<u8>> for WorkingWeek {
    type Error = FieldError;
    fn try_from(days: Vec<u8>) -> Result<WorkingWeek, FieldError> {
        WorkingWeek::from_iso_days(&days)
    }
}

impl From<WorkingWeek> for Vec<u8> {
    fn from(w: WorkingWeek) -> Vec<u8> {
        w.iso_days()
    }
}

/// A tile a production makes, at its price.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TileOffer {
    /// «Плитка», «Брусчатка», «Бордюр» … (compared ignoring case and surrounding spaces).
    pub tile_type: String,
    pub thickness_mm: Decimal,
    /// Roubles per square metre.
    pub price_per_m2: Decimal,
}

/// An order the production has yet to finish: what is left to make and by when.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OpenOrder {
    pub remaining_m2: Decimal,
    pub due_date: NaiveDate,
}

/// The production's quality checks over the last 90 days: batches checked and batches with
/// defects.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DefectHistory {
    pub checked: u32,
    pub defective: u32,
}

impl DefectHistory {
    /// Defective ÷ checked as a fraction to four places; `None` with no checks.
    pub fn rate(self) -> Option<Decimal> {
        if self.checked == 0 {
            return None;
        }
        let rate = Decimal::from(self.defective.min(self.checked)) / Decimal::from(self.checked);
        Some(rate.round_dp(4))
    }
}

/// What the ranking knows about a production.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ProductionProfile {
    /// The production's organization.
    pub id: OrganizationId,
    pub name: String,
    pub location: GeoPoint,
    pub offers: Vec<TileOffer>,
    /// Square metres a working day.
    pub daily_capacity_m2: Decimal,
    pub working_week: WorkingWeek,
    pub open_orders: Vec<OpenOrder>,
    pub defects_90_days: DefectHistory,
}

/// The order to place.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct OrderToPlace {
    pub tile_type: String,
    pub thickness_mm: Decimal,
    pub quantity_m2: Decimal,
    pub delivery: GeoPoint,
    /// The day the order must leave the production by.
    pub due_date: NaiveDate,
    pub today: NaiveDate,
}

/// Why a production cannot take the order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Exclusion {
    /// It does not make this tile in this thickness.
    DoesNotMake,
    /// Its capacity before the due date is taken (or it has no working days before it).
    NoFreeCapacity {
        capacity_m2: Decimal,
        committed_m2: Decimal,
    },
    /// It already declined this deal's order: the order went back to distribution without it.
    DeclinedThisOrder,
    /// The head company has not entered its profile or where it is.
    NoProfile,
}

impl Exclusion {
    /// The reason in Russian.
    pub fn reason_ru(&self) -> String {
        match self {
            Exclusion::DoesNotMake => "Не производит плитку этого вида и толщины".to_owned(),
            Exclusion::NoFreeCapacity {
                capacity_m2,
                committed_m2,
            } => format!(
                "Нет свободной мощности до срока: мощность {} м², занято {} м²",
                capacity_m2.normalize(),
                committed_m2.normalize()
            ),
            Exclusion::DeclinedThisOrder => "Уже отказалось от заказа по этой сделке".to_owned(),
            Exclusion::NoProfile => "Нет профиля производства или его координат".to_owned(),
        }
    }
}

/// A production left out, with every reason that applies.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ExcludedProduction {
    pub production: OrganizationId,
    pub reasons: Vec<Exclusion>,
}

/// The points each component earned (see the module's table) and their total, out of 100.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Score {
    pub distance: f64,
    pub price: f64,
    pub capacity: f64,
    pub quality: f64,
    pub load: f64,
    pub total: f64,
}

/// A production that can take (at least part of) the order, with everything its score is made of.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RankedProduction {
    pub production: OrganizationId,
    /// 1 for the best.
    pub rank: u32,
    /// Straight-line, to a tenth of a kilometre.
    pub distance_km: f64,
    pub price_per_m2: Decimal,
    /// Its working days before the due date.
    pub working_days: u32,
    /// Working days × daily capacity.
    pub capacity_m2: Decimal,
    /// What its open orders take of that capacity (rounded up to 0.01 m²).
    pub committed_m2: Decimal,
    /// Capacity − committed (rounded down to 0.01 m²), more than zero.
    pub free_m2: Decimal,
    /// Committed ÷ capacity, in percent to one place.
    pub load_percent: Decimal,
    /// Defects over the last 90 days as a fraction; `None` with no checks.
    pub defect_rate: Option<Decimal>,
    /// Its free capacity covers the whole order.
    pub takes_whole: bool,
    pub score: Score,
}

/// Every production, ranked (best first) or excluded (in the order given).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Ranking {
    pub ranked: Vec<RankedProduction>,
    pub excluded: Vec<ExcludedProduction>,
}

/// Ranks `productions` for `order`. Errors (under `tile_type`, `thickness_mm`, `quantity_m2`,
/// `due_date`, `delivery.lat`, `delivery.lon`) only for the order itself; a profile's odd numbers
/// (negative capacity or remaining) count as zero.
pub fn rank(
    order: &OrderToPlace,
    productions: &[ProductionProfile],
) -> Result<Ranking, FieldErrors> {
    check_order(order)?;
    let mut ranked = Vec::with_capacity(productions.len());
    let mut excluded = Vec::new();
    for p in productions {
        let price = p
            .offers
            .iter()
            .filter(|o| {
                o.thickness_mm == order.thickness_mm && same_text(&o.tile_type, &order.tile_type)
            })
            .map(|o| o.price_per_m2)
            .min();
        let working_days = p.working_week.days_between(order.today, order.due_date);
        let capacity = Decimal::from(working_days) * p.daily_capacity_m2.max(Decimal::ZERO);
        let committed = committed_before(p, order, working_days)
            .round_dp_with_strategy(2, RoundingStrategy::AwayFromZero);
        let free = (capacity - committed)
            .max(Decimal::ZERO)
            .round_dp_with_strategy(2, RoundingStrategy::ToZero);
        let mut reasons = Vec::new();
        if price.is_none() {
            reasons.push(Exclusion::DoesNotMake);
        }
        if free <= Decimal::ZERO {
            reasons.push(Exclusion::NoFreeCapacity {
                capacity_m2: capacity.normalize(),
                committed_m2: committed.normalize(),
            });
        }
        let Some(price) = price.filter(|_| reasons.is_empty()) else {
            excluded.push(ExcludedProduction {
                production: p.id,
                reasons,
            });
            continue;
        };
        let load = if capacity > Decimal::ZERO {
            (committed / capacity).min(Decimal::ONE)
        } else {
            Decimal::ONE
        };
        ranked.push(RankedProduction {
            production: p.id,
            rank: 0,
            distance_km: (haversine_km(order.delivery, p.location) * 10.0).round() / 10.0,
            price_per_m2: price,
            working_days,
            capacity_m2: capacity.normalize(),
            committed_m2: committed.normalize(),
            free_m2: free.normalize(),
            load_percent: (load * Decimal::ONE_HUNDRED).round_dp(1).normalize(),
            defect_rate: p.defects_90_days.rate(),
            takes_whole: free >= order.quantity_m2,
            score: Score {
                distance: 0.0,
                price: 0.0,
                capacity: 0.0,
                quality: 0.0,
                load: 0.0,
                total: 0.0,
            },
        });
    }
    let cheapest = ranked
        .iter()
        .map(|r| r.price_per_m2)
        .min()
        .unwrap_or(Decimal::ONE);
    for r in &mut ranked {
        r.score = score(r, cheapest, order.quantity_m2);
    }
    ranked.sort_by(|a, b| {
        b.score
            .total
            .total_cmp(&a.score.total)
            .then(a.price_per_m2.cmp(&b.price_per_m2))
            .then(a.distance_km.total_cmp(&b.distance_km))
            .then(a.production.cmp(&b.production))
    });
    for (i, r) in ranked.iter_mut().enumerate() {
        r.rank = u32::try_from(i + 1).unwrap_or(u32::MAX);
    }
    Ok(Ranking { ranked, excluded })
}

/// The ranking without the productions that already declined the deal's order (seed 000: a
/// decline sends the order back to distribution): each moves to the excluded with
/// [`Exclusion::DeclinedThisOrder`] (added to its other reasons when it was excluded already), and
/// the rest keep their order with their ranks renumbered from 1.
pub fn without_declined(ranking: Ranking, declined: &[OrganizationId]) -> Ranking {
    let Ranking { ranked, mut excluded } = ranking;
    for e in &mut excluded {
        if declined.contains(&e.production) {
            e.reasons.push(Exclusion::DeclinedThisOrder);
        }
    }
    let (out, mut kept): (Vec<_>, Vec<_>) = ranked.into_iter().partition(|r| declined.contains(&r.production));
    excluded.extend(out.into_iter().map(|r| ExcludedProduction {
        production: r.production,
        reasons: vec![Exclusion::DeclinedThisOrder],
    }));
    for (i, r) in kept.iter_mut().enumerate() {
        r.rank = u32::try_from(i + 1).unwrap_or(u32::MAX);
    }
    Ranking { ranked: kept, excluded }
}

fn check_order(order: &OrderToPlace) -> Result<(), FieldErrors> {
    let mut errs = FieldErrors::new();
    if order.tile_type.trim().is_empty() {
        errs.add(
            "tile_type",
            FieldError::new("required", "Укажите вид плитки"),
        );
    }
    if order.thickness_mm <= Decimal::ZERO {
        errs.add(
            "thickness_mm",
            FieldError::new("out_of_range", "Толщина должна быть больше нуля"),
        );
    }
    if order.quantity_m2 <= Decimal::ZERO {
        errs.add(
            "quantity_m2",
            FieldError::new("out_of_range", "Количество должно быть больше нуля"),
        );
    }
    if order.due_date <= order.today {
        errs.add(
            "due_date",
            FieldError::new("out_of_range", "Срок должен быть позже сегодняшнего дня"),
        );
    }
    if let Err(e) = GeoPoint::parse(order.delivery.lat, order.delivery.lon) {
        errs.merge_prefixed("delivery", e);
    }
    errs.into_result()
}

/// What the production's open orders take of its capacity before our due date (see the module
/// doc); `our_days` is its working days before our due date.
fn committed_before(p: &ProductionProfile, order: &OrderToPlace, our_days: u32) -> Decimal {
    p.open_orders
        .iter()
        .map(|o| {
            let remaining = o.remaining_m2.max(Decimal::ZERO);
            if o.due_date <= order.due_date {
                return remaining;
            }
            let their_days = p.working_week.days_between(order.today, o.due_date);
            if their_days == 0 {
                remaining
            } else {
                remaining * Decimal::from(our_days) / Decimal::from(their_days)
            }
        })
        .sum()
}

fn score(r: &RankedProduction, cheapest: Decimal, quantity: Decimal) -> Score {
    let f = |d: Decimal| d.to_f64().unwrap_or(0.0);
    let distance = 1.0 / (1.0 + r.distance_km / HALF_SCORE_KM);
    let price = if r.price_per_m2 > Decimal::ZERO {
        f(cheapest / r.price_per_m2).min(1.0)
    } else {
        1.0
    };
    let capacity = f(r.free_m2 / quantity).min(1.0);
    let rate = r.defect_rate.map_or(UNKNOWN_DEFECT_RATE, f);
    let quality = (1.0 - rate / ZERO_SCORE_DEFECT_RATE).max(0.0);
    let load = 1.0 - f(r.load_percent) / 100.0;
    let points = [
        distance * DISTANCE_WEIGHT,
        price * PRICE_WEIGHT,
        capacity * CAPACITY_WEIGHT,
        quality * QUALITY_WEIGHT,
        load.clamp(0.0, 1.0) * LOAD_WEIGHT,
    ];
    Score {
        distance: hundredths(points[0]),
        price: hundredths(points[1]),
        capacity: hundredths(points[2]),
        quality: hundredths(points[3]),
        load: hundredths(points[4]),
        total: hundredths(points.iter().sum()),
    }
}

fn hundredths(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Equal ignoring case and surrounding spaces, without allocating.
fn same_text(a: &str, b: &str) -> bool {
    a.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .eq(b.trim().chars().flat_map(char::to_lowercase))
}

/// A share of an order for one production.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PlacementPart {
    pub production: OrganizationId,
    pub quantity_m2: Decimal,
}

/// Where an order can go.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "placement", rename_all = "snake_case")]
pub enum Placement {
    /// One production takes it all: the best-ranked one that can.
    Whole(PlacementPart),
    /// No single production can; these together can (two when two suffice).
    Split { parts: Vec<PlacementPart> },
    /// Even all of them together cannot: everything they can take, and what is left over.
    Short {
        parts: Vec<PlacementPart>,
        missing_m2: Decimal,
    },
}

/// Where to place `quantity_m2` given the productions as [`rank`] returned them (best first):
///
/// 1. the best-ranked production whose free capacity covers it all takes it all;
/// 2. otherwise the best pair that covers it together — pairs tried by the sum of their ranks,
///    then by the better rank — the better-ranked one taking all it can, the other the rest;
/// 3. otherwise productions in rank order, each taking all it can, until it is covered (or they
///    run out: [`Placement::Short`]).
///
/// Error under `quantity_m2` when it is not more than zero.
pub fn propose_placement(
    quantity_m2: Decimal,
    ranked: &[RankedProduction],
) -> Result<Placement, FieldErrors> {
    if quantity_m2 <= Decimal::ZERO {
        let mut errs = FieldErrors::new();
        errs.add(
            "quantity_m2",
            FieldError::new("out_of_range", "Количество должно быть больше нуля"),
        );
        return Err(errs);
    }
    let part = |r: &RankedProduction, q: Decimal| PlacementPart {
        production: r.production,
        quantity_m2: q,
    };
    if let Some(r) = ranked.iter().find(|r| r.free_m2 >= quantity_m2) {
        return Ok(Placement::Whole(part(r, quantity_m2)));
    }
    let n = ranked.len();
    for rank_sum in 1..n.saturating_mul(2).saturating_sub(2) {
        for i in 0..n {
            let j = rank_sum.saturating_sub(i);
            if j <= i {
                break;
            }
            if j >= n {
                continue;
            }
            let (a, b) = (&ranked[i], &ranked[j]);
            if a.free_m2 + b.free_m2 >= quantity_m2 {
                let first = a.free_m2.min(quantity_m2);
                return Ok(Placement::Split {
                    parts: vec![part(a, first), part(b, quantity_m2 - first)],
                });
            }
        }
    }
    let mut parts = Vec::new();
    let mut left = quantity_m2;
    for r in ranked {
        if left <= Decimal::ZERO {
            break;
        }
        let take = r.free_m2.min(left);
        if take > Decimal::ZERO {
            parts.push(part(r, take));
            left -= take;
        }
    }
    if left > Decimal::ZERO {
        Ok(Placement::Short {
            parts,
            missing_m2: left,
        })
    } else {
        Ok(Placement::Split { parts })
    }
}

#[cfg(test)]
#[path = "ranking_tests.rs"]
mod tests;
