//! Distribution (seed 000 «Блок распределения заявок по производствам (по России)»): which
//! productions can make a deal's tiles, ranked with every component of their score shown and every
//! reason a production is left out.
//!
//! The ranking reads what is stored — the profiles (tiles and prices, daily capacity, working
//! week), the productions' coordinates, what their open orders still have to make, and their
//! quality checks over the last 90 days — so the load and the defect rate are derived, never
//! typed. The delivery point is the city the deal's delivery address names
//! (`domain::production::geo`), or coordinates the logistician gives.
use chrono::NaiveDate;
use domain::production::{DefectHistory, ExcludedProduction, Exclusion, GeoPoint, OpenOrder, OrderToPlace, Placement, ProductionProfile, Ranking, TileOffer, WorkingWeek};
use domain::{DealId, FieldError, FieldErrors, OrganizationId, Permission};
use persistence::AccessScope;
use persistence::repo::production::{orders, profiles};
use persistence::repo::sales::deals;
use rust_decimal::Decimal;
use std::collections::HashMap;

use crate::AppState;
use crate::auth::Credentials;
use crate::error::AppError;

/// What to place; left out, the delivery point comes from the deal's address.
#[derive(Debug, Clone)]
pub struct Request {
    pub tile_type: Option<String>,
    pub thickness_mm: Option<Decimal>,
    pub quantity_m2: Option<Decimal>,
    pub due_date: Option<NaiveDate>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// Where the delivery point came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Located {
    /// The city named in the deal's delivery address.
    Address,
    /// The coordinates given with the request.
    Coordinates,
}

/// The ranking for a deal, with what it was made from.
#[derive(Debug, Clone)]
pub struct Distribution {
    pub deal_id: DealId,
    pub delivery_address: Option<String>,
    /// The city found in the address, when the point came from it.
    pub delivery_city: Option<String>,
    pub delivery: GeoPoint,
    pub located: Located,
    pub ranking: Ranking,
    /// How the order could be placed: whole, split, or short of capacity.
    pub placement: Option<Placement>,
    /// What the deal's orders already given to productions (and not declined or cancelled) carry.
    pub assigned_m2: Decimal,
    pub names: HashMap<OrganizationId, String>,
}

/// How long back the defect rate looks.
const DEFECT_WINDOW_DAYS: i64 = 90;

/// Ranks the productions for the deal's tiles: 403 unless the caller is of the head company and
/// reads the productions (a production never sees the others), 404 for a deal not in scope, 422
/// naming the field for a wrong request or a delivery point that cannot be found.
pub async fn rank(ctx: &AppState, who: &Credentials, deal: DealId, r: Request) -> Result<Distribution, AppError> {
    let c = ctx.read(who).await?;
    c.require(Permission::ProductionsRead)?;
    if c.scope != AccessScope::All {
        return Err(AppError::Forbidden);
    }
    let deal_row = deals::get(&ctx.db, c.scope, deal).await?;
    let mut errs = FieldErrors::new();
    let (delivery, located, city) = match (r.lat, r.lon) {
        (Some(lat), Some(lon)) => match GeoPoint::parse(lat, lon) {
            Ok(p) => (Some(p), Located::Coordinates, None),
            Err(e) => {
                errs.merge_prefixed("", e);
                (None, Located::Coordinates, None)
            }
        },
        (Some(_), None) => {
            errs.add("lon", FieldError::required());
            (None, Located::Coordinates, None)
        }
        (None, Some(_)) => {
            errs.add("lat", FieldError::required());
            (None, Located::Coordinates, None)
        }
        (None, None) => match deal_row.delivery_address.as_deref().and_then(domain::production::geo::locate) {
            Some((city, p)) => (Some(p), Located::Address, Some(city.name.to_owned())),
            None => {
                let message = if deal_row.delivery_address.is_some() {
                    "Город в адресе доставки не распознан: укажите координаты места доставки"
                } else {
                    "В сделке нет адреса доставки: укажите его в сделке или координаты места доставки"
                };
                errs.add("lat", FieldError::new("not_located", message));
                (None, Located::Address, None)
            }
        },
    };
    let today = ctx.now().with_timezone(&domain::finance::reminders::moscow()).date_naive();
    let required = |errs: &mut FieldErrors, field: &str, present: bool| {
        if !present {
            errs.add(field, FieldError::required());
        }
    };
    required(&mut errs, "tile_type", r.tile_type.as_deref().is_some_and(|t| !t.trim().is_empty()));
    required(&mut errs, "thickness_mm", r.thickness_mm.is_some());
    required(&mut errs, "quantity_m2", r.quantity_m2.is_some());
    required(&mut errs, "due_date", r.due_date.is_some());
    let (Some(delivery), Some(tile_type), Some(thickness_mm), Some(quantity_m2), Some(due_date)) = (delivery, r.tile_type, r.thickness_mm, r.quantity_m2, r.due_date)
    else {
        return Err(AppError::Validation(errs));
    };
    errs.into_result()?;
    let order = OrderToPlace { tile_type, thickness_mm, quantity_m2, delivery, due_date, today };
    let stored = profiles::list(&ctx.db, AccessScope::All).await?;
    let Derived { mut load, mut defects } = derived(&ctx.db, ctx.now()).await?;
    let mut names = HashMap::new();
    let mut candidates = Vec::with_capacity(stored.len());
    let mut unprofiled = Vec::new();
    for p in stored {
        let id: OrganizationId = p.organization.id.into();
        names.insert(id, p.organization.name.clone());
        let located = p.organization.latitude.zip(p.organization.longitude).and_then(|(lat, lon)| GeoPoint::parse(lat, lon).ok());
        let (Some(profile), Some(location)) = (&p.profile, located) else {
            unprofiled.push(ExcludedProduction { production: id, reasons: vec![Exclusion::NoProfile] });
            continue;
        };
        let days: Vec<u8> = profile.working_days.split(',').filter_map(|d| d.trim().parse().ok()).collect();
        candidates.push(ProductionProfile {
            id,
            name: p.organization.name.clone(),
            location,
            offers: p
                .offers
                .iter()
                .map(|o| TileOffer { tile_type: o.tile_type.clone(), thickness_mm: Decimal::new(o.thickness_milli, 3).normalize(), price_per_m2: Decimal::new(o.price_per_m2_minor, 2) })
                .collect(),
            daily_capacity_m2: Decimal::new(profile.daily_capacity_milli, 3),
            working_week: WorkingWeek::from_iso_days(&days).unwrap_or(WorkingWeek::MON_FRI),
            open_orders: load.remove(&p.organization.id).unwrap_or_default(),
            defects_90_days: defects.remove(&p.organization.id).unwrap_or_default(),
        });
    }
    let mut ranking = domain::production::rank(&order, &candidates)?;
    ranking.excluded.extend(unprofiled);
    let deal_orders = orders::of_deal(&ctx.db, AccessScope::All, deal_row.id).await?;
    let declined: Vec<OrganizationId> =
        deal_orders.iter().filter(|o| o.state == domain::production::OrderState::Declined.as_str()).map(|o| o.organization_id.into()).collect();
    let assigned_m2 = assigned(&deal_orders);
    let ranking = domain::production::without_declined(ranking, &declined);
    let placement = if ranking.ranked.is_empty() { None } else { domain::production::propose_placement(order.quantity_m2, &ranking.ranked).ok() };
    Ok(Distribution {
        deal_id: deal,
        delivery_address: deal_row.delivery_address,
        delivery_city: city,
        delivery,
        located,
        ranking,
        placement,
        assigned_m2,
        names,
    })
}

/// What a deal's live orders carry, m²: every order but the declined and cancelled ones.
fn assigned(orders: &[persistence::entities::production_order::Model]) -> Decimal {
    use domain::production::OrderState;
    let gone = [OrderState::Declined.as_str(), OrderState::Cancelled.as_str()];
    orders.iter().filter(|o| !gone.contains(&o.state.as_str())).map(|o| Decimal::new(o.quantity_milli, 3)).sum::<Decimal>().normalize()
}

/// A deal waiting for its tiles to be given to a production.
#[derive(Debug, Clone)]
pub struct Waiting {
    pub deal: persistence::entities::deal::Model,
    /// The city its delivery address names, when Tessera knows it.
    pub delivery_city: Option<String>,
    /// What its live orders already carry, m².
    pub assigned_m2: Decimal,
    /// The square metres its open invoices sell (their lines in м²); none when they list none.
    pub sold_m2: Option<Decimal>,
    /// Declines so far, the latest reason first.
    pub declines: Vec<(String, Option<String>)>,
}

/// The deal stages where the tiles wait for a production: paid, the work order made, or handed
/// to logistics with every order declined or cancelled.
const WAITING_STAGES: [&str; 3] = ["payment_received", "work_order_prepared", "handed_to_logistics"];

/// The distributors' queue (seed 000 «Блок распределения заявок»): the paid deals whose tiles the
/// live orders do not carry yet — none of them, or fewer square metres than the deal's invoices
/// sell (the rest of a split) — first paid, first listed, with what was declined and why. For those
/// who give orders (logistician, manager, admin) of the head company; 403 for anyone else.
pub async fn queue(ctx: &AppState, who: &Credentials, limit: u64) -> Result<Vec<Waiting>, AppError> {
    use domain::production::{Actor, OrderAction, OrderState};
    let c = ctx.read(who).await?;
    let actor = Actor::from_role(c.role).filter(|_| c.scope == AccessScope::All).ok_or(AppError::Forbidden)?;
    if !domain::production::transitions().iter().any(|r| r.action == OrderAction::Assign && r.actors.contains(&actor)) {
        return Err(AppError::Forbidden);
    }
    let deals = persistence::repo::sales::deals::open_in_stages(&ctx.db, c.scope, &WAITING_STAGES, limit).await?;
    let mut out = Vec::with_capacity(deals.len());
    for deal in deals {
        let orders = orders::of_deal(&ctx.db, AccessScope::All, deal.id).await?;
        let assigned_m2 = assigned(&orders);
        let sold_m2 = sold(&ctx.db, deal.id.into(), ctx.now().date_naive()).await?;
        let carried = match sold_m2 {
            Some(sold) => assigned_m2 >= sold,
            None => assigned_m2 > Decimal::ZERO,
        };
        if carried {
            continue;
        }
        let names = persistence::repo::identity::organization_names(&ctx.db, orders.iter().map(|o| OrganizationId::from(o.organization_id))).await?;
        let declines = orders
            .iter()
            .rev()
            .filter(|o| o.state == OrderState::Declined.as_str())
            .map(|o| (names.get(&OrganizationId::from(o.organization_id)).cloned().unwrap_or_default(), o.reason.clone()))
            .collect();
        let delivery_city = deal.delivery_address.as_deref().and_then(domain::production::geo::locate).map(|(c, _)| c.name.to_owned());
        out.push(Waiting { deal, delivery_city, assigned_m2, sold_m2, declines });
    }
    Ok(out)
}

/// What is derived from the orders, per production: what its open orders still have to make,
/// and its quality checks over the last 90 days.
pub struct Derived {
    pub load: HashMap<uuid::Uuid, Vec<OpenOrder>>,
    pub defects: HashMap<uuid::Uuid, DefectHistory>,
}

/// Reads [`Derived`] for every production (two queries).
pub async fn derived(db: &impl persistence::ConnectionTrait, now: chrono::DateTime<chrono::Utc>) -> Result<Derived, AppError> {
    let mut load: HashMap<uuid::Uuid, Vec<OpenOrder>> = HashMap::new();
    for (org, milli, due) in orders::load(db).await? {
        load.entry(org).or_default().push(OpenOrder { remaining_m2: Decimal::new(milli, 3), due_date: due });
    }
    let mut defects: HashMap<uuid::Uuid, DefectHistory> = HashMap::new();
    for (org, defective) in orders::quality_checks(db, now - chrono::Duration::days(DEFECT_WINDOW_DAYS)).await? {
        let h = defects.entry(org).or_default();
        h.checked += 1;
        h.defective += u32::from(defective);
    }
    Ok(Derived { load, defects })
}

/// The square metres a deal's open invoices sell: their lines in м² (`None` when there are none).
async fn sold(db: &impl persistence::ConnectionTrait, deal: DealId, today: NaiveDate) -> Result<Option<Decimal>, AppError> {
    let invoices = crate::app::finance::standing::of_deal(db, deal, today).await?;
    let lines: Vec<Decimal> = invoices
        .iter()
        .filter(|i| i.is_open())
        .flat_map(|i| i.lines.iter())
        .filter(|l| domain::production::delivery::is_square_metres(&l.line.unit))
        .map(|l| l.quantity)
        .collect();
    Ok((!lines.is_empty()).then(|| lines.into_iter().sum::<Decimal>().normalize()))
}
