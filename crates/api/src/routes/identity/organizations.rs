//! `/organizations`: the head company and the productions in the caller's scope.
use crate::routes::prelude::*;
use domain::{OrganizationId, OrganizationKind};
use persistence::entities::organization;

#[derive(Serialize, ToSchema)]
pub struct Organization {
    pub id: Uuid,
    pub kind: OrganizationKind,
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

fn organization_out(o: organization::Model) -> Result<Organization, AppError> {
    Ok(Organization {
        kind: o.kind()?,
        id: o.id, name: o.name, inn: o.inn, kpp: o.kpp, city: o.city, region: o.region,
        address: o.address, latitude: o.latitude, longitude: o.longitude, created_at: o.created_at,
    })
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
pub async fn list_organizations(state: web::Data<AppState>, who: Credentials) -> Result<web::Json<OrganizationList>, AppError> {
    let items = app::identity::organizations::list(&state, &who).await?;
    Ok(web::Json(OrganizationList { items: items.into_iter().map(organization_out).collect::<Result<_, _>>()? }))
}

#[utoipa::path(tag = "organizations", params(("id" = Uuid, Path)), responses(
    (status = 200, body = Organization),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/organizations/{id}")]
pub async fn get_organization(state: web::Data<AppState>, who: Credentials, id: web::Path<OrganizationId>) -> Result<web::Json<Organization>, AppError> {
    Ok(web::Json(organization_out(app::identity::organizations::get(&state, &who, *id).await?)?))
}
