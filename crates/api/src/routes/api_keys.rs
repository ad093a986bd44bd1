use super::prelude::*;
use crate::auth::sha256_hex;

// ---------- API keys for integrators ----------

#[derive(Serialize, ToSchema)]
pub struct ApiKey {
    pub id: Uuid,
    pub name: String,
    /// The first characters of the secret, to recognise it.
    pub prefix: String,
    #[schema(value_type = domain::Role)]
    pub role: String,
    pub organization_id: Uuid,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
}

impl From<persistence::entities::api_key::Model> for ApiKey {
    fn from(k: persistence::entities::api_key::Model) -> Self {
        ApiKey {
            id: k.id, name: k.name, prefix: k.prefix, role: k.role, organization_id: k.organization_id,
            created_at: k.created_at, revoked_at: k.revoked_at, last_used_at: k.last_used_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ApiKeyList {
    pub items: Vec<ApiKey>,
}

#[derive(Deserialize, ToSchema)]
pub struct NewApiKey {
    pub name: String,
    #[schema(value_type = domain::Role)]
    pub role: String,
    pub organization_id: Uuid,
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
pub async fn list_api_keys(state: web::Data<AppState>, actor: Actor) -> Result<web::Json<ApiKeyList>, ApiError> {
    actor.require(Permission::ApiKeysManage)?;
    let items = repo::list_api_keys(&state.db, actor.scope).await?;
    Ok(web::Json(ApiKeyList { items: items.into_iter().map(Into::into).collect() }))
}

#[utoipa::path(tag = "api-keys", request_body = NewApiKey, responses(
    (status = 201, body = CreatedApiKey),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/api-keys")]
pub async fn create_api_key(state: web::Data<AppState>, actor: Actor, body: web::Json<NewApiKey>) -> Result<HttpResponse, ApiError> {
    use base64::Engine;
    use rand::RngCore;
    actor.require(Permission::ApiKeysManage)?;
    let mut errors = FieldErrors::new();
    let name = errors.required("name", Some(&body.name), |s| domain::text(200, s));
    let role = Role::parse(&body.role);
    if role.is_none() {
        errors.add("role", domain::FieldError::new("invalid_value", "Неизвестная роль"));
    }
    errors.into_result()?;
    let (Some(name), Some(role)) = (name, role) else { return Err(ApiError::Internal(anyhow::anyhow!("validated"))) };
    repo::get_organization(&state.db, actor.scope, body.organization_id).await?;
    let mut raw = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut raw);
    let secret = format!("{}{}", crate::auth::API_KEY_PREFIX, base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw));
    let key = repo::insert_api_key(&state.db, persistence::entities::api_key::Model {
        id: Uuid::now_v7(), organization_id: body.organization_id, name, prefix: secret.chars().take(10).collect(),
        role: role.as_str().to_owned(), key_hash: sha256_hex(&secret), created_by: actor.user_id, created_at: Utc::now(),
        revoked_at: None, last_used_at: None,
    })
    .await?;
    Ok(HttpResponse::Created().json(CreatedApiKey { api_key: key.into(), secret }))
}

#[utoipa::path(tag = "api-keys", params(("id" = Uuid, Path)), responses(
    (status = 204, description = "Revoked"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[delete("/api-keys/{id}")]
pub async fn revoke_api_key(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::ApiKeysManage)?;
    repo::revoke_api_key(&state.db, actor.scope, *id).await?;
    Ok(HttpResponse::NoContent().finish())
}
