use super::prelude::*;
use persistence::entities::organization;

// ---------- organizations ----------

#[derive(Serialize, ToSchema)]
pub struct Organization {
    pub id: Uuid,
    #[schema(value_type = domain::OrganizationKind)]
    pub kind: String,
    pub name: String,
    pub inn: Option<String>,
    pub kpp: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    pub address: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub created_at: DateTime<Utc>,
}

impl From<organization::Model> for Organization {
    fn from(o: organization::Model) -> Self {
        Organization {
            id: o.id, kind: o.kind, name: o.name, inn: o.inn, kpp: o.kpp, city: o.city, region: o.region,
            address: o.address, latitude: o.latitude, longitude: o.longitude, created_at: o.created_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct OrganizationList {
    pub items: Vec<Organization>,
}

#[utoipa::path(tag = "organizations", responses(
    (status = 200, body = OrganizationList),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
))]
#[get("/organizations")]
pub async fn list_organizations(state: web::Data<AppState>, actor: Actor) -> Result<web::Json<OrganizationList>, ApiError> {
    actor.require(Permission::OrganizationsRead)?;
    let items = repo::list_organizations(&state.db, actor.scope).await?;
    Ok(web::Json(OrganizationList { items: items.into_iter().map(Into::into).collect() }))
}

#[utoipa::path(tag = "organizations", params(("id" = Uuid, Path)), responses(
    (status = 200, body = Organization),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/organizations/{id}")]
pub async fn get_organization(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>) -> Result<web::Json<Organization>, ApiError> {
    actor.require(Permission::OrganizationsRead)?;
    Ok(web::Json(repo::get_organization(&state.db, actor.scope, *id).await?.into()))
}
