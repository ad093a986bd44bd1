//! The profiles the head company keeps of its productions: capacity, working week, payment
//! terms, acceptance time, contacts and the tiles each makes at its price. Whoever sells, places
//! or pays for orders reads them (a production only its own); the head company edits them
//! (`productions.manage`), never the production itself.
//!
//! A production's current load and defect rate are derived from its orders and quality checks
//! once those exist; nothing here stands in for them.
use chrono::{DateTime, Utc};
use domain::production::{PaymentTerms, ProfileDraft, TileOffer, tile_key};
use domain::{OrganizationId, Permission};
use persistence::AccessScope;
use persistence::entities::{organization, production_offer, production_profile};
use persistence::repo::production::profiles::{self, Production};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use uuid::Uuid;

use crate::AppState;
use crate::auth::Credentials;
use crate::error::AppError;

/// A production: its organization and, once entered, its profile.
#[derive(Debug, Clone)]
pub struct ProductionCard {
    pub organization: organization::Model,
    pub profile: Option<StoredProfile>,
    /// Derived from its orders (one production's card; not in the list).
    pub performance: Option<Performance>,
}

/// A production's current load and quality, derived from its orders — never typed in.
#[derive(Debug, Clone)]
pub struct Performance {
    /// Orders given to it and not yet made (assigned, accepted, in production, back for rework).
    pub open_orders: u32,
    /// What they still have to make, m².
    pub open_m2: Decimal,
    /// That at its daily capacity, in working days (none without a profile).
    pub days_of_work: Option<Decimal>,
    /// Quality decisions over the last 90 days and how many found defects.
    pub defects: domain::production::DefectHistory,
}

/// A profile as stored, read back into its values.
#[derive(Debug, Clone)]
pub struct StoredProfile {
    pub daily_capacity_m2: Decimal,
    /// ISO weekdays, ascending.
    pub working_days: Vec<u8>,
    pub payment_terms: PaymentTerms,
    pub acceptance_hours: u32,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub offers: Vec<TileOffer>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl StoredProfile {
    /// The cheapest price per m² it offers.
    pub fn min_price_per_m2(&self) -> Option<Decimal> {
        self.offers.iter().map(|o| o.price_per_m2).min()
    }
}

fn corrupt(what: String) -> AppError {
    AppError::Internal(anyhow::anyhow!("stored production profile: {what}"))
}

fn card(p: Production) -> Result<ProductionCard, AppError> {
    let profile = match p.profile {
        None => None,
        Some(r) => {
            let working_days = r
                .working_days
                .split(',')
                .filter(|s| !s.trim().is_empty())
                .map(|s| s.trim().parse::<u8>().ok().filter(|d| (1..=7).contains(d)))
                .collect::<Option<Vec<u8>>>()
                .ok_or_else(|| corrupt(format!("working days {:?}", r.working_days)))?;
            let payment_terms = PaymentTerms::parse(&r.payment_terms).ok_or_else(|| corrupt(format!("payment terms {:?}", r.payment_terms)))?;
            Some(StoredProfile {
                daily_capacity_m2: Decimal::new(r.daily_capacity_milli, 3).normalize(),
                working_days,
                payment_terms,
                acceptance_hours: u32::try_from(r.acceptance_hours).map_err(|_| corrupt(format!("acceptance hours {}", r.acceptance_hours)))?,
                contact_name: r.contact_name,
                contact_phone: r.contact_phone,
                contact_email: r.contact_email,
                offers: p
                    .offers
                    .into_iter()
                    .map(|o| TileOffer {
                        tile_type: o.tile_type,
                        thickness_mm: Decimal::new(o.thickness_milli, 3).normalize(),
                        price_per_m2: Decimal::new(o.price_per_m2_minor, 2),
                    })
                    .collect(),
                updated_at: r.updated_at,
                version: r.version,
            })
        }
    };
    Ok(ProductionCard { organization: p.organization, profile, performance: None })
}

/// Every production the caller may see, by name (a production: itself).
pub async fn list(ctx: &AppState, who: &Credentials) -> Result<Vec<ProductionCard>, AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::ProductionsRead)?;
    profiles::list(&ctx.db, actor.scope).await?.into_iter().map(card).collect()
}

/// One production with its profile; another production's, or an organization that is no
/// production, is not found.
pub async fn get(ctx: &AppState, who: &Credentials, id: OrganizationId) -> Result<ProductionCard, AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::ProductionsRead)?;
    let c = card(profiles::get(&ctx.db, actor.scope, id).await?)?;
    with_performance(&ctx.db, ctx.now(), c).await
}

/// The card with its load and defect rate, derived from the production's orders.
async fn with_performance(db: &impl persistence::ConnectionTrait, now: DateTime<Utc>, mut c: ProductionCard) -> Result<ProductionCard, AppError> {
    let super::distribution::Derived { mut load, mut defects } = super::distribution::derived(db, now).await?;
    let open = load.remove(&c.organization.id).unwrap_or_default();
    let open_m2: Decimal = open.iter().map(|o| o.remaining_m2).sum::<Decimal>().normalize();
    c.performance = Some(Performance {
        open_orders: u32::try_from(open.len()).unwrap_or(u32::MAX),
        days_of_work: c.profile.as_ref().filter(|p| p.daily_capacity_m2 > Decimal::ZERO).map(|p| (open_m2 / p.daily_capacity_m2).round_dp(1).normalize()),
        open_m2,
        defects: defects.remove(&c.organization.id).unwrap_or_default(),
    });
    Ok(c)
}

/// Thousandths, exactly (the domain allows at most two or one decimal places).
fn milli(v: Decimal) -> Result<i64, AppError> {
    (v * Decimal::from(1000)).to_i64().ok_or_else(|| AppError::Internal(anyhow::anyhow!("{v} in thousandths")))
}

/// Kopecks, exactly (the domain allows at most two decimal places).
fn minor(v: Decimal) -> Result<i64, AppError> {
    (v * Decimal::from(100)).to_i64().ok_or_else(|| AppError::Internal(anyhow::anyhow!("{v} in kopecks")))
}

/// Replaces a production's profile and its offers in one transaction. The caller's right and
/// the production come first (403, 404), then the draft is checked, every wrong field named (422),
/// then `version` — the one read, none the first time: a profile saved meanwhile is a conflict
/// (409). Nothing is written unless all pass.
pub async fn put(ctx: &AppState, who: &Credentials, id: OrganizationId, draft: &ProfileDraft, version: Option<i32>) -> Result<ProductionCard, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::ProductionsManage)?;
    // The head company keeps the profiles: a production's own people never edit one, whatever
    // role its organization gave them.
    if w.actor.scope != AccessScope::All {
        return Err(AppError::Forbidden);
    }
    let current = profiles::get(&w.tx, w.actor.scope, id).await?;
    let p = draft.parse()?;
    let expected = match (&current.profile, version) {
        (None, None) => None,
        (Some(c), Some(v)) if c.version == v => Some(v),
        _ => return Err(AppError::VersionConflict),
    };
    let org = Uuid::from(id);
    let row = production_profile::Model {
        organization_id: org,
        daily_capacity_milli: milli(p.daily_capacity_m2)?,
        working_days: p.working_week.iso_days().iter().map(u8::to_string).collect::<Vec<_>>().join(","),
        payment_terms: p.payment_terms.as_str().to_owned(),
        acceptance_hours: i32::try_from(p.acceptance_hours).map_err(|e| AppError::Internal(e.into()))?,
        contact_name: p.contact_name,
        contact_phone: p.contact_phone.map(|x| x.as_str().to_owned()),
        contact_email: p.contact_email.map(|x| x.as_str().to_owned()),
        updated_at: w.now,
        version: expected.map_or(1, |v| v + 1),
    };
    let mut offers = Vec::with_capacity(p.offers.len());
    for (i, o) in p.offers.into_iter().enumerate() {
        offers.push(production_offer::Model {
            id: Uuid::now_v7(),
            organization_id: org,
            position: i32::try_from(i).map_err(|e| AppError::Internal(e.into()))?,
            tile_key: tile_key(&o.tile_type),
            tile_type: o.tile_type,
            thickness_milli: milli(o.thickness_mm)?,
            price_per_m2_minor: minor(o.price_per_m2)?,
        });
    }
    profiles::put(&w.tx, w.actor.scope, row, offers, expected).await?;
    let saved = card(profiles::get(&w.tx, w.actor.scope, id).await?)?;
    let saved = with_performance(&w.tx, w.now, saved).await?;
    w.commit().await?;
    Ok(saved)
}
