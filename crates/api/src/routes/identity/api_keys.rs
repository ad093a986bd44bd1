//! `/api-keys`: keys integrators call with.
use crate::routes::prelude::*;
use domain::ApiKeyId;
use domain::identity::NewApiKey as NewApiKeyCmd;
use persistence::entities::api_key;

#[derive(Serialize, ToSchema)]
pub struct ApiKey {
    pub id: Uuid,
    pub name: String,
    /// The first characters of the secret, to recognise it.
    pub prefix: String,
    pub role: Role,
    pub organization_id: Uuid,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
}

fn api_key_out(k: api_key::Model) -> Result<ApiKey, AppError> {
    Ok(ApiKey {
        role: k.role()?,
        id: k.id, name: k.name, prefix: k.prefix, organization_id: k.organization_id,
        created_at: k.created_at, revoked_at: k.revoked_at, last_used_at: k.last_used_at,
    })
}

#[derive(Serialize, ToSchema)]
pub struct ApiKeyList {
    pub items: Vec<ApiKey>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewApiKey {
    pub name: String,
    #[schema(value_type = domain::Role)]
    pub role: String,
    pub organization_id: Uuid,
}

impl TryFrom<NewApiKey> for NewApiKeyCmd {
    type Error = FieldErrors;
    fn try_from(b: NewApiKey) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = errors.required("name", Some(&b.name), |s| domain::text(200, s));
        let role = named::<Role>(&mut errors, "role", &b.role);
        match (name, role) {
            (Some(name), Some(role)) if errors.is_empty() => Ok(NewApiKeyCmd { name, role, organization_id: b.organization_id.into() }),
            _ => Err(errors),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct CreatedApiKey {
    pub api_key: ApiKey,
    /// Shown once; send it as `Authorization: Bearer …` or `X-Api-Key: …`.
    pub secret: String,
}

#[utoipa::path(tag = "api-keys", responses(
    (status = 200, body = ApiKeyList),
    (status = 403, body = Problem, content_type = "application/problem+json"),
))]
#[get("/api-keys")]
pub async fn list_api_keys(state: web::Data<AppState>, who: Credentials) -> Result<web::Json<ApiKeyList>, AppError> {
    let items = app::identity::api_keys::list(&state, &who).await?;
    Ok(web::Json(ApiKeyList { items: items.into_iter().map(api_key_out).collect::<Result<_, _>>()? }))
}

#[utoipa::path(tag = "api-keys", request_body = NewApiKey, responses(
    (status = 201, body = CreatedApiKey),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/api-keys")]
pub async fn create_api_key(state: web::Data<AppState>, who: Credentials, body: Body<NewApiKey>) -> Result<HttpResponse, AppError> {
    let cmd = NewApiKeyCmd::try_from(body.into_inner())?;
    let (key, secret) = app::identity::api_keys::create(&state, &who, cmd).await?;
    Ok(HttpResponse::Created().json(CreatedApiKey { api_key: api_key_out(key)?, secret }))
}

#[utoipa::path(tag = "api-keys", params(("id" = Uuid, Path)), responses(
    (status = 204, description = "Revoked"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[delete("/api-keys/{id}")]
pub async fn revoke_api_key(state: web::Data<AppState>, who: Credentials, id: web::Path<ApiKeyId>) -> Result<HttpResponse, AppError> {
    app::identity::api_keys::revoke(&state, &who, *id).await?;
    Ok(HttpResponse::NoContent().finish())
}
