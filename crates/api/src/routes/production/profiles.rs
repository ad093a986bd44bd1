//! `/productions`: the franchise productions with the profiles the head company keeps — where
//! each is, what it makes at which price, its daily capacity, working week, payment terms,
//! acceptance time and contacts. A production sees only itself.
use crate::routes::prelude::*;
use app::production::profiles::{ProductionCard, StoredProfile};
use domain::OrganizationId;
use domain::production::{OfferDraft, PaymentTerms, ProfileDraft};
use rust_decimal::Decimal;

/// A point, in decimal degrees.
#[derive(Serialize, ToSchema)]
pub struct Coordinates {
    pub lat: f64,
    pub lon: f64,
}

fn coordinates(lat: Option<f64>, lon: Option<f64>) -> Option<Coordinates> {
    Some(Coordinates { lat: lat?, lon: lon? })
}

/// A production in the list.
#[derive(Serialize, ToSchema)]
pub struct ProductionListItem {
    /// The production's organization.
    pub id: Uuid,
    pub name: String,
    pub city: Option<String>,
    pub region: Option<String>,
    pub coordinates: Option<Coordinates>,
    /// Whether the head company has entered its profile; the fields below are empty until then.
    pub has_profile: bool,
    /// m² a working day.
    #[schema(value_type = Option<String>)]
    pub daily_capacity_m2: Option<Decimal>,
    /// ISO weekdays, 1 = Monday … 7 = Sunday.
    pub working_days: Vec<u8>,
    pub payment_terms: Option<PaymentTerms>,
    /// How many tile types and thicknesses it makes.
    pub offers_count: u32,
    /// Its cheapest price per m² to the head company, roubles.
    #[schema(value_type = Option<String>)]
    pub min_price_per_m2: Option<Decimal>,
}

#[derive(Serialize, ToSchema)]
pub struct ProductionList {
    pub items: Vec<ProductionListItem>,
}

/// A tile the production makes, at its price.
#[derive(Serialize, ToSchema)]
pub struct ProductionOffer {
    pub tile_type: String,
    #[schema(value_type = String)]
    pub thickness_mm: Decimal,
    /// Roubles per m² to the head company (`"1250.00"`).
    #[schema(value_type = String)]
    pub price_per_m2: Decimal,
}

/// What the head company keeps of a production. Its current load and defect rate are derived
/// from its orders and quality checks and are not part of it.
#[derive(Serialize, ToSchema)]
pub struct ProductionProfile {
    #[schema(value_type = String)]
    pub daily_capacity_m2: Decimal,
    /// ISO weekdays, 1 = Monday … 7 = Sunday.
    pub working_days: Vec<u8>,
    pub payment_terms: PaymentTerms,
    /// «Предоплата 100 %», «50/50», «Оплата после отгрузки».
    pub payment_terms_name: String,
    /// Hours the production has to accept or decline an order.
    pub acceptance_hours: u32,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub offers: Vec<ProductionOffer>,
    pub updated_at: DateTime<Utc>,
    /// Send it back with a change.
    pub version: i32,
}

/// A production with its profile.
#[derive(Serialize, ToSchema)]
pub struct Production {
    /// The production's organization.
    pub id: Uuid,
    pub name: String,
    pub city: Option<String>,
    pub region: Option<String>,
    pub address: Option<String>,
    pub coordinates: Option<Coordinates>,
    /// None until the head company enters it.
    pub profile: Option<ProductionProfile>,
    /// Its current load and defect rate, derived from its orders.
    pub performance: Option<ProductionPerformance>,
}

/// Derived from the production's orders, never typed in.
#[derive(Serialize, ToSchema)]
pub struct ProductionPerformance {
    /// Orders given to it and not yet made.
    pub open_orders: u32,
    /// What they still have to make, m².
    #[schema(value_type = String)]
    pub open_m2: Decimal,
    /// That at its daily capacity, in working days.
    #[schema(value_type = Option<String>)]
    pub days_of_work: Option<Decimal>,
    /// Quality decisions over the last 90 days.
    pub quality_checks_90_days: u32,
    /// Of them, with defects found.
    pub defective_checks_90_days: u32,
    /// Defective ÷ checked (0.05 = 5 %); none without checks.
    #[schema(value_type = Option<String>)]
    pub defect_rate: Option<Decimal>,
}

fn list_item(c: ProductionCard) -> ProductionListItem {
    let o = c.organization;
    let p = c.profile.as_ref();
    ProductionListItem {
        id: o.id,
        coordinates: coordinates(o.latitude, o.longitude),
        name: o.name,
        city: o.city,
        region: o.region,
        has_profile: p.is_some(),
        daily_capacity_m2: p.map(|p| p.daily_capacity_m2),
        working_days: p.map(|p| p.working_days.clone()).unwrap_or_default(),
        payment_terms: p.map(|p| p.payment_terms),
        offers_count: p.map_or(0, |p| u32::try_from(p.offers.len()).unwrap_or(u32::MAX)),
        min_price_per_m2: p.and_then(StoredProfile::min_price_per_m2),
    }
}

fn production_out(c: ProductionCard) -> Production {
    let o = c.organization;
    Production {
        performance: c.performance.map(|p| ProductionPerformance {
            open_orders: p.open_orders,
            open_m2: p.open_m2,
            days_of_work: p.days_of_work,
            quality_checks_90_days: p.defects.checked,
            defective_checks_90_days: p.defects.defective,
            defect_rate: p.defects.rate(),
        }),
        id: o.id,
        coordinates: coordinates(o.latitude, o.longitude),
        name: o.name,
        city: o.city,
        region: o.region,
        address: o.address,
        profile: c.profile.map(|p| ProductionProfile {
            daily_capacity_m2: p.daily_capacity_m2,
            working_days: p.working_days,
            payment_terms: p.payment_terms,
            payment_terms_name: p.payment_terms.name_ru().to_owned(),
            acceptance_hours: p.acceptance_hours,
            contact_name: p.contact_name,
            contact_phone: p.contact_phone,
            contact_email: p.contact_email,
            offers: p.offers.into_iter().map(|o| ProductionOffer { tile_type: o.tile_type, thickness_mm: o.thickness_mm, price_per_m2: o.price_per_m2 }).collect(),
            updated_at: p.updated_at,
            version: p.version,
        }),
    }
}

/// A tile the production makes, as entered.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProductionOfferInput {
    /// «Плитка», «Бордюр» … (at most 100 characters; one offer per tile type and thickness,
    /// ignoring case and spaces).
    #[serde(default)]
    pub tile_type: String,
    /// 5–100 mm, at most one decimal place.
    #[schema(value_type = String)]
    pub thickness_mm: Option<Decimal>,
    /// Roubles per m², more than zero, at most kopecks.
    #[schema(value_type = String)]
    pub price_per_m2: Option<Decimal>,
}

/// A production's whole profile; its offers replace the ones stored.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProductionProfileInput {
    /// The version read; leave out the first time.
    pub version: Option<i32>,
    /// m² a working day: more than zero, at most two decimal places.
    #[schema(value_type = String)]
    pub daily_capacity_m2: Option<Decimal>,
    /// ISO weekdays, 1 = Monday … 7 = Sunday; at least one.
    #[serde(default)]
    pub working_days: Vec<i64>,
    #[serde(default)]
    #[schema(value_type = PaymentTerms)]
    pub payment_terms: String,
    /// Hours it has to accept or decline an order, 1–336 (default 24).
    pub acceptance_hours: Option<i64>,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    #[serde(default)]
    pub offers: Vec<ProductionOfferInput>,
}

impl From<&ProductionProfileInput> for ProfileDraft {
    fn from(i: &ProductionProfileInput) -> ProfileDraft {
        ProfileDraft {
            daily_capacity_m2: i.daily_capacity_m2,
            working_days: i.working_days.clone(),
            payment_terms: i.payment_terms.clone(),
            acceptance_hours: i.acceptance_hours,
            contact_name: i.contact_name.clone(),
            contact_phone: i.contact_phone.clone(),
            contact_email: i.contact_email.clone(),
            offers: i.offers.iter().map(|o| OfferDraft { tile_type: o.tile_type.clone(), thickness_mm: o.thickness_mm, price_per_m2: o.price_per_m2 }).collect(),
        }
    }
}

#[utoipa::path(tag = "production", responses(
    (status = 200, body = ProductionList),
    (status = 403, body = Problem, content_type = "application/problem+json"),
))]
#[get("/productions")]
pub async fn list_productions(state: web::Data<AppState>, who: Credentials) -> Result<web::Json<ProductionList>, AppError> {
    let items = app::production::profiles::list(&state, &who).await?;
    Ok(web::Json(ProductionList { items: items.into_iter().map(list_item).collect() }))
}

#[utoipa::path(tag = "production", params(("id" = Uuid, Path, description = "The production's organization")), responses(
    (status = 200, body = Production),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json", description = "No such production in the caller's scope"),
))]
#[get("/productions/{id}")]
pub async fn get_production(state: web::Data<AppState>, who: Credentials, id: web::Path<OrganizationId>) -> Result<web::Json<Production>, AppError> {
    Ok(web::Json(production_out(app::production::profiles::get(&state, &who, *id).await?)))
}

#[utoipa::path(tag = "production", params(("id" = Uuid, Path, description = "The production's organization")), request_body = ProductionProfileInput, responses(
    (status = 200, body = Production),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json", description = "No such production in the caller's scope"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "version_conflict"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[put("/productions/{id}/profile")]
pub async fn put_production_profile(
    state: web::Data<AppState>,
    who: Credentials,
    id: web::Path<OrganizationId>,
    body: Body<ProductionProfileInput>,
) -> Result<web::Json<Production>, AppError> {
    let saved = app::production::profiles::put(&state, &who, *id, &ProfileDraft::from(&*body), body.version).await?;
    Ok(web::Json(production_out(saved)))
}
