//! `/organizations/{id}/requisites` and `/organizations/{id}/images/{kind}`: what an
//! organization's documents print, and its logo, stamp and signature.
use crate::routes::prelude::*;
use app::documents::requisites::ImageKind;
use domain::OrganizationId;
use domain::identity::requisites::{OrgRequisites, RequisitesDraft};
use persistence::entities::organization_requisites;

/// The requisites as stored, and which pictures there are.
#[derive(Serialize, ToSchema)]
pub struct Requisites {
    pub organization_id: Uuid,
    pub full_name: String,
    pub short_name: String,
    pub inn: Option<String>,
    pub kpp: Option<String>,
    pub ogrn: Option<String>,
    pub legal_address: Option<String>,
    pub postal_address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub bank_account: Option<String>,
    pub bik: Option<String>,
    pub corr_account: Option<String>,
    pub bank_name: Option<String>,
    pub bank_city: Option<String>,
    pub director_position: Option<String>,
    /// As the signature line shows it: «Иванов И. И.».
    pub director_name: Option<String>,
    /// «в лице Генерального директора Иванова Ивана Ивановича, действующего на основании Устава».
    pub director_acting: Option<String>,
    pub accountant_name: Option<String>,
    pub has_logo: bool,
    pub has_stamp: bool,
    pub has_signature: bool,
    /// What is still missing before documents can be issued (field names).
    pub missing: Vec<String>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

pub(crate) fn requisites_out(r: organization_requisites::Model) -> Requisites {
    let missing = domain::identity::requisites::missing_for_documents(r.inn.as_deref(), r.legal_address.as_deref(), r.bank_account.as_deref(), r.director_name.as_deref())
        .into_iter()
        .map(str::to_owned)
        .collect();
    Requisites {
        organization_id: r.organization_id, full_name: r.full_name, short_name: r.short_name, inn: r.inn, kpp: r.kpp, ogrn: r.ogrn,
        legal_address: r.legal_address, postal_address: r.postal_address, phone: r.phone, email: r.email, bank_account: r.bank_account,
        bik: r.bik, corr_account: r.corr_account, bank_name: r.bank_name, bank_city: r.bank_city, director_position: r.director_position,
        director_name: r.director_name, director_acting: r.director_acting, accountant_name: r.accountant_name,
        has_logo: r.logo_key.is_some(), has_stamp: r.stamp_key.is_some(), has_signature: r.signature_key.is_some(), missing,
        updated_at: r.updated_at, version: r.version,
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RequisitesInput {
    /// The version read; leave out the first time.
    pub version: Option<i32>,
    pub full_name: String,
    pub short_name: String,
    pub inn: Option<String>,
    pub kpp: Option<String>,
    pub ogrn: Option<String>,
    pub legal_address: Option<String>,
    pub postal_address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub bank_account: Option<String>,
    pub bik: Option<String>,
    pub corr_account: Option<String>,
    pub bank_name: Option<String>,
    pub bank_city: Option<String>,
    pub director_position: Option<String>,
    pub director_name: Option<String>,
    pub director_acting: Option<String>,
    pub accountant_name: Option<String>,
}

impl TryFrom<&RequisitesInput> for OrgRequisites {
    type Error = FieldErrors;
    fn try_from(i: &RequisitesInput) -> Result<Self, FieldErrors> {
        OrgRequisites::parse(&RequisitesDraft {
            full_name: &i.full_name, short_name: &i.short_name, inn: i.inn.as_deref(), kpp: i.kpp.as_deref(), ogrn: i.ogrn.as_deref(),
            legal_address: i.legal_address.as_deref(), postal_address: i.postal_address.as_deref(), phone: i.phone.as_deref(),
            email: i.email.as_deref(), bank_account: i.bank_account.as_deref(), bik: i.bik.as_deref(), corr_account: i.corr_account.as_deref(),
            bank_name: i.bank_name.as_deref(), bank_city: i.bank_city.as_deref(), director_position: i.director_position.as_deref(),
            director_name: i.director_name.as_deref(), director_acting: i.director_acting.as_deref(), accountant_name: i.accountant_name.as_deref(),
        })
    }
}

#[utoipa::path(tag = "documents", params(("id" = Uuid, Path, description = "Organization id")), responses(
    (status = 200, body = Requisites),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json", description = "No such organization in the caller's scope, or no requisites yet"),
))]
#[get("/organizations/{id}/requisites")]
pub async fn get_requisites(state: web::Data<AppState>, who: Credentials, id: web::Path<OrganizationId>) -> Result<web::Json<Requisites>, AppError> {
    let r = app::documents::requisites::get(&state, &who, *id).await?.ok_or(AppError::NotFound)?;
    Ok(web::Json(requisites_out(r)))
}

#[utoipa::path(tag = "documents", params(("id" = Uuid, Path, description = "Organization id")), request_body = RequisitesInput, responses(
    (status = 200, body = Requisites),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "version_conflict"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[put("/organizations/{id}/requisites")]
pub async fn put_requisites(state: web::Data<AppState>, who: Credentials, id: web::Path<OrganizationId>, body: Body<RequisitesInput>) -> Result<web::Json<Requisites>, AppError> {
    let r = OrgRequisites::try_from(&*body)?;
    let saved = app::documents::requisites::put(&state, &who, *id, r, body.version).await?;
    Ok(web::Json(requisites_out(saved)))
}

/// Largest picture accepted.
const MAX_IMAGE_BYTES: usize = 2 * 1024 * 1024;

#[utoipa::path(tag = "documents", params(("id" = Uuid, Path, description = "Organization id"), ("kind" = ImageKind, Path)),
    request_body(content = Vec<u8>, content_type = "image/png", description = "PNG or JPEG, at most 2 MB"),
    responses(
    (status = 200, body = Requisites),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 413, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[put("/organizations/{id}/images/{kind}")]
pub async fn put_image(state: web::Data<AppState>, who: Credentials, path: web::Path<(OrganizationId, ImageKind)>, body: web::Payload) -> Result<web::Json<Requisites>, AppError> {
    use crate::files::Staging;
    let (org, kind) = path.into_inner();
    let staged = state.files.stage(body, MAX_IMAGE_BYTES).await.map_err(|e| match e {
        Staging::TooLarge(limit) => AppError::PayloadTooLarge(limit),
        Staging::Broken(why) => AppError::BadRequest(why),
        Staging::Io(e) => AppError::Internal(e.into()),
    })?;
    let bytes = tokio::fs::read(&staged.path).await.map_err(|e| AppError::Internal(e.into()))?;
    let saved = app::documents::requisites::put_image(&state, &who, org, kind, bytes).await?;
    Ok(web::Json(requisites_out(saved)))
}

#[utoipa::path(tag = "documents", params(("id" = Uuid, Path, description = "Organization id"), ("kind" = ImageKind, Path)), responses(
    (status = 200, description = "The picture", content_type = "image/png"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/organizations/{id}/images/{kind}")]
pub async fn get_image(state: web::Data<AppState>, who: Credentials, path: web::Path<(OrganizationId, ImageKind)>) -> Result<HttpResponse, AppError> {
    let (org, kind) = path.into_inner();
    let (bytes, ct) = app::documents::requisites::image(&state, &who, org, kind).await?;
    Ok(HttpResponse::Ok().content_type(ct).insert_header(("X-Content-Type-Options", "nosniff")).insert_header(("Cache-Control", "private, no-cache")).body(bytes))
}

#[utoipa::path(tag = "documents", params(("id" = Uuid, Path, description = "Organization id"), ("kind" = ImageKind, Path)), responses(
    (status = 200, body = Requisites),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[delete("/organizations/{id}/images/{kind}")]
pub async fn delete_image(state: web::Data<AppState>, who: Credentials, path: web::Path<(OrganizationId, ImageKind)>) -> Result<web::Json<Requisites>, AppError> {
    let (org, kind) = path.into_inner();
    Ok(web::Json(requisites_out(app::documents::requisites::delete_image(&state, &who, org, kind).await?)))
}
