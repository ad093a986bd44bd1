//! `GET /deals/{id}/distribution`: the productions ranked for (part of) a deal's tiles, each with
//! every component of its score, and every production left out with its reasons (seed 000 «Блок
//! распределения заявок по производствам»).
use crate::routes::prelude::*;
use app::production::distribution::{Distribution, Located, Request};
use chrono::NaiveDate;
use domain::DealId;
use domain::production::{Exclusion, Placement};
use rust_decimal::Decimal;

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct DistributionQuery {
    /// The tile type («Плитка»), as the productions' offers name it.
    pub tile_type: Option<String>,
    #[param(value_type = Option<String>)]
    pub thickness_mm: Option<Decimal>,
    /// m² to place.
    #[param(value_type = Option<String>)]
    pub quantity_m2: Option<Decimal>,
    /// The day the tiles must leave the production.
    pub due_date: Option<NaiveDate>,
    /// The delivery point; left out, the city named in the deal's delivery address.
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// The points of each component (distance 30, price 25, free capacity 20, quality 15, load 10)
/// and their total, out of 100.
#[derive(Serialize, ToSchema)]
pub struct ScoreOut {
    pub distance: f64,
    pub price: f64,
    pub capacity: f64,
    pub quality: f64,
    pub load: f64,
    pub total: f64,
}

/// A production that can take (part of) the order.
#[derive(Serialize, ToSchema)]
pub struct RankedProductionOut {
    pub production_id: Uuid,
    pub production_name: String,
    pub rank: u32,
    pub distance_km: f64,
    #[schema(value_type = String)]
    pub price_per_m2: Decimal,
    /// Its working days before the due date.
    pub working_days: u32,
    #[schema(value_type = String)]
    pub capacity_m2: Decimal,
    /// What its open orders take of that capacity.
    #[schema(value_type = String)]
    pub committed_m2: Decimal,
    #[schema(value_type = String)]
    pub free_m2: Decimal,
    #[schema(value_type = String)]
    pub load_percent: Decimal,
    /// Defective checks over checked in the last 90 days (0.05 = 5 %); none without checks.
    #[schema(value_type = Option<String>)]
    pub defect_rate: Option<Decimal>,
    /// Its free capacity covers the whole quantity.
    pub takes_whole: bool,
    pub score: ScoreOut,
}

/// Why a production is left out.
#[derive(Serialize, ToSchema)]
pub struct ExclusionOut {
    /// `does_not_make` | `no_free_capacity` | `declined_this_order` | `no_profile`.
    pub reason: String,
    /// The reason in Russian, with the figures.
    pub text: String,
}

#[derive(Serialize, ToSchema)]
pub struct ExcludedProductionOut {
    pub production_id: Uuid,
    pub production_name: String,
    pub reasons: Vec<ExclusionOut>,
}

/// A part of a proposed placement.
#[derive(Serialize, ToSchema)]
pub struct PlacementPartOut {
    pub production_id: Uuid,
    pub production_name: String,
    #[schema(value_type = String)]
    pub quantity_m2: Decimal,
}

/// How the order can be placed: `whole` (one production), `split` (two or more together), `short`
/// (all of them cannot: `missing_m2` is left over).
#[derive(Serialize, ToSchema)]
pub struct PlacementOut {
    pub kind: String,
    pub parts: Vec<PlacementPartOut>,
    #[schema(value_type = Option<String>)]
    pub missing_m2: Option<Decimal>,
}

#[derive(Serialize, ToSchema)]
pub struct DistributionOut {
    pub deal_id: Uuid,
    pub delivery_address: Option<String>,
    /// The city found in the delivery address, when the point came from it.
    pub delivery_city: Option<String>,
    pub delivery_lat: f64,
    pub delivery_lon: f64,
    /// `address` | `coordinates`.
    pub located_by: String,
    /// Best first.
    pub ranked: Vec<RankedProductionOut>,
    pub excluded: Vec<ExcludedProductionOut>,
    pub placement: Option<PlacementOut>,
    /// What the deal's live orders (not declined or cancelled) already carry, m².
    #[schema(value_type = String)]
    pub assigned_m2: Decimal,
}

fn out(d: Distribution) -> DistributionOut {
    let name = |id: &domain::OrganizationId| d.names.get(id).cloned().unwrap_or_default();
    let reason = |e: &Exclusion| {
        let code = match e {
            Exclusion::DoesNotMake => "does_not_make",
            Exclusion::NoFreeCapacity { .. } => "no_free_capacity",
            Exclusion::DeclinedThisOrder => "declined_this_order",
            Exclusion::NoProfile => "no_profile",
        };
        ExclusionOut { reason: code.to_owned(), text: e.reason_ru() }
    };
    let part = |p: &domain::production::PlacementPart| PlacementPartOut { production_id: p.production.into(), production_name: name(&p.production), quantity_m2: p.quantity_m2 };
    let placement = d.placement.as_ref().map(|p| match p {
        Placement::Whole(w) => PlacementOut { kind: "whole".into(), parts: vec![part(w)], missing_m2: None },
        Placement::Split { parts } => PlacementOut { kind: "split".into(), parts: parts.iter().map(part).collect(), missing_m2: None },
        Placement::Short { parts, missing_m2 } => PlacementOut { kind: "short".into(), parts: parts.iter().map(part).collect(), missing_m2: Some(*missing_m2) },
    });
    DistributionOut {
        deal_id: d.deal_id.into(),
        delivery_address: d.delivery_address.clone(),
        delivery_city: d.delivery_city.clone(),
        delivery_lat: d.delivery.lat,
        delivery_lon: d.delivery.lon,
        located_by: match d.located {
            Located::Address => "address",
            Located::Coordinates => "coordinates",
        }
        .to_owned(),
        ranked: d
            .ranking
            .ranked
            .iter()
            .map(|r| RankedProductionOut {
                production_id: r.production.into(),
                production_name: name(&r.production),
                rank: r.rank,
                distance_km: r.distance_km,
                price_per_m2: r.price_per_m2,
                working_days: r.working_days,
                capacity_m2: r.capacity_m2,
                committed_m2: r.committed_m2,
                free_m2: r.free_m2,
                load_percent: r.load_percent,
                defect_rate: r.defect_rate,
                takes_whole: r.takes_whole,
                score: ScoreOut { distance: r.score.distance, price: r.score.price, capacity: r.score.capacity, quality: r.score.quality, load: r.score.load, total: r.score.total },
            })
            .collect(),
        excluded: d
            .ranking
            .excluded
            .iter()
            .map(|e| ExcludedProductionOut { production_id: e.production.into(), production_name: name(&e.production), reasons: e.reasons.iter().map(reason).collect() })
            .collect(),
        placement,
        assigned_m2: d.assigned_m2,
    }
}

#[utoipa::path(tag = "production", params(("id" = Uuid, Path, description = "The deal"), DistributionQuery), responses(
    (status = 200, body = DistributionOut),
    (status = 403, body = Problem, content_type = "application/problem+json", description = "Not of the head company, or no right to read the productions"),
    (status = 404, body = Problem, content_type = "application/problem+json", description = "No such deal in the caller's scope"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "A missing or wrong field; `lat` when the delivery point cannot be found"),
))]
#[get("/deals/{id}/distribution")]
pub async fn deal_distribution(state: web::Data<AppState>, who: Credentials, id: web::Path<DealId>, q: Query<DistributionQuery>) -> Result<web::Json<DistributionOut>, AppError> {
    let q = q.into_inner();
    let r = Request { tile_type: q.tile_type, thickness_mm: q.thickness_mm, quantity_m2: q.quantity_m2, due_date: q.due_date, lat: q.lat, lon: q.lon };
    Ok(web::Json(out(app::production::distribution::rank(&state, &who, *id, r).await?)))
}

/// A deal whose tiles wait for a production.
#[derive(Serialize, ToSchema)]
pub struct WaitingDeal {
    pub deal_id: Uuid,
    pub number: i64,
    pub title: String,
    /// The deal's stage code.
    pub stage: String,
    pub stage_entered_at: DateTime<Utc>,
    pub delivery_address: Option<String>,
    /// The city the address names, when Tessera knows it.
    pub delivery_city: Option<String>,
    /// Free text of what was sold («Резиновая плитка 500×500…»).
    pub offer_details: Option<String>,
    /// What the deal's live orders already carry, m².
    #[schema(value_type = String)]
    pub assigned_m2: Decimal,
    /// What its open invoices sell in m² (their lines in м²); none when they list none.
    #[schema(value_type = Option<String>)]
    pub sold_m2: Option<Decimal>,
    /// Productions that declined, the latest first, with their reasons.
    pub declines: Vec<Decline>,
}

#[derive(Serialize, ToSchema)]
pub struct Decline {
    pub production_name: String,
    pub reason: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct DistributionQueue {
    pub items: Vec<WaitingDeal>,
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct QueueQuery {
    /// 1–200, default 50.
    pub limit: Option<u64>,
}

#[utoipa::path(tag = "production", params(QueueQuery), responses(
    (status = 200, body = DistributionQueue, description = "Paid deals whose tiles no live order carries yet, first paid first"),
    (status = 403, body = Problem, content_type = "application/problem+json", description = "Only the head company's logisticians, managers and admins give orders"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[get("/distribution/deals")]
pub async fn distribution_queue(state: web::Data<AppState>, who: Credentials, q: Query<QueueQuery>) -> Result<web::Json<DistributionQueue>, AppError> {
    let limit = page_limit(q.limit)?;
    let items = app::production::distribution::queue(&state, &who, limit).await?;
    Ok(web::Json(DistributionQueue {
        items: items
            .into_iter()
            .map(|w| WaitingDeal {
                deal_id: w.deal.id,
                number: w.deal.number,
                title: w.deal.title,
                stage: w.deal.stage,
                stage_entered_at: w.deal.stage_entered_at,
                delivery_address: w.deal.delivery_address,
                delivery_city: w.delivery_city,
                offer_details: w.deal.offer_details,
                assigned_m2: w.assigned_m2,
                sold_m2: w.sold_m2,
                declines: w.declines.into_iter().map(|(production_name, reason)| Decline { production_name, reason }).collect(),
            })
            .collect(),
    }))
}
