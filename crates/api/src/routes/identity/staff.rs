//! `/staff`: the people one picks as responsible or assignee.
use crate::routes::prelude::*;

#[derive(Serialize, ToSchema)]
pub struct StaffMember {
    pub id: Uuid,
    pub full_name: String,
    pub role: Role,
    pub organization_id: Uuid,
}

#[derive(Serialize, ToSchema)]
pub struct StaffList {
    pub items: Vec<StaffMember>,
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct StaffQuery {
    pub role: Option<Role>,
    pub organization_id: Option<Uuid>,
}

#[utoipa::path(tag = "users", params(StaffQuery), responses(
    (status = 200, body = StaffList, description = "Active people of the organizations in scope"),
    (status = 401, body = Problem, content_type = "application/problem+json"),
))]
#[get("/staff")]
pub async fn list_staff(state: web::Data<AppState>, who: Credentials, q: Query<StaffQuery>) -> Result<web::Json<StaffList>, AppError> {
    let rows = app::identity::users::staff(&state, &who, q.role, q.organization_id.map(Into::into)).await?;
    let items = rows
        .into_iter()
        .map(|u| Ok(StaffMember { role: u.role()?, id: u.id, full_name: u.full_name, organization_id: u.organization_id }))
        .collect::<Result<_, AppError>>()?;
    Ok(web::Json(StaffList { items }))
}
