use super::prelude::*;
use crate::auth::{LoginLimiter, issue_access_token, verify_password};
use domain::OrganizationKind;
use persistence::entities::organization;

// ---------- auth ----------

#[derive(Deserialize, ToSchema)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

#[derive(Serialize, ToSchema)]
pub struct TokenPair {
    pub access_token: String,
    /// Opaque, single use: `POST /auth/refresh` returns a new pair; reusing an old one ends the session.
    pub refresh_token: String,
    pub token_type: &'static str,
    pub expires_in: i64,
}

#[derive(Deserialize, ToSchema)]
pub struct RefreshRequest {
    pub refresh_token: String,
}

const REFRESH_TTL_DAYS: i64 = 30;

use crate::auth::sha256_hex;

/// Issues an access token and a new refresh token in `family` (a new family at login).
async fn token_pair(state: &AppState, user: &persistence::entities::user::Model, family: Uuid) -> Result<TokenPair, ApiError> {
    use base64::Engine;
    use rand::RngCore;
    let org = repo::get_organization(&state.db, persistence::AccessScope::All, user.organization_id).await?;
    let role = Role::parse(&user.role).ok_or_else(|| ApiError::Internal(anyhow::anyhow!("bad role in db")))?;
    let access_token = issue_access_token(&state.keys, user.id, org.id, role, org_kind(&org), state.config.access_ttl_secs)?;
    let mut raw = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut raw);
    let refresh_token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw);
    let now = Utc::now();
    repo::insert_refresh_token(&state.db, persistence::entities::refresh_token::Model {
        id: Uuid::now_v7(), user_id: user.id, family_id: family, token_hash: sha256_hex(&refresh_token),
        expires_at: now + chrono::Duration::days(REFRESH_TTL_DAYS), created_at: now, used_at: None, revoked_at: None,
    })
    .await?;
    Ok(TokenPair { access_token, refresh_token, token_type: "Bearer", expires_in: state.config.access_ttl_secs })
}

#[utoipa::path(tag = "auth", request_body = RefreshRequest, security(()), responses(
    (status = 200, body = TokenPair),
    (status = 401, body = Problem, content_type = "application/problem+json", description = "invalid_refresh_token"),
))]
#[post("/auth/refresh")]
pub async fn refresh(state: web::Data<AppState>, body: web::Json<RefreshRequest>) -> Result<web::Json<TokenPair>, ApiError> {
    let invalid = ApiError::Unauthorized("invalid_refresh_token");
    let now = Utc::now();
    let Some(token) = repo::find_refresh_token(&state.db, &sha256_hex(body.refresh_token.trim())).await? else { return Err(invalid) };
    if token.revoked_at.is_some() || token.expires_at < now {
        return Err(invalid);
    }
    if !repo::use_refresh_token(&state.db, token.id, now).await? {
        // A used token came back: it was stolen or replayed. End the whole session.
        tracing::warn!(user = %token.user_id, "refresh token reuse: revoking its family");
        repo::revoke_refresh_family(&state.db, token.family_id, now).await?;
        return Err(invalid);
    }
    let user = repo::get_user(&state.db, token.user_id).await?;
    if !user.is_active {
        return Err(invalid);
    }
    Ok(web::Json(token_pair(&state, &user, token.family_id).await?))
}

#[utoipa::path(tag = "auth", request_body = RefreshRequest, security(()), responses((status = 204, description = "The session is ended")))]
#[post("/auth/logout")]
pub async fn logout(state: web::Data<AppState>, body: web::Json<RefreshRequest>) -> Result<HttpResponse, ApiError> {
    if let Some(token) = repo::find_refresh_token(&state.db, &sha256_hex(body.refresh_token.trim())).await? {
        repo::revoke_refresh_family(&state.db, token.family_id, Utc::now()).await?;
    }
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(tag = "auth", request_body = LoginRequest, security(()), responses(
    (status = 200, body = TokenPair),
    (status = 401, body = Problem, content_type = "application/problem+json", description = "invalid_credentials"),
    (status = 429, body = Problem, content_type = "application/problem+json", description = "too_many_attempts"),
))]
#[post("/auth/login")]
pub async fn login(state: web::Data<AppState>, req: HttpRequest, body: web::Json<LoginRequest>) -> Result<web::Json<TokenPair>, ApiError> {
    let email = body.email.trim().to_lowercase();
    let addr = req.peer_addr().map(|a| a.ip().to_string()).unwrap_or_default();
    let (acct_key, addr_key) = (format!("acct:{email}"), format!("addr:{addr}"));
    let limiter: &LoginLimiter = &state.login_limiter;
    if let Some(wait) = limiter.blocked(&[&acct_key, &addr_key]) {
        return Err(ApiError::TooManyAttempts(wait));
    }
    let user = repo::find_user_by_email(&state.db, &email).await?;
    let user = match user {
        Some(u) if u.is_active && verify_password(&body.password, &u.password_hash) => u,
        _ => {
            limiter.fail(&[&acct_key, &addr_key]);
            return Err(ApiError::Unauthorized("invalid_credentials"));
        }
    };
    limiter.clear(&acct_key);
    Ok(web::Json(token_pair(&state, &user, Uuid::now_v7()).await?))
}

fn org_kind(o: &organization::Model) -> OrganizationKind {
    if o.kind == "head" { OrganizationKind::Head } else { OrganizationKind::Production }
}

#[derive(Serialize, ToSchema)]
pub struct OrganizationRef {
    pub id: Uuid,
    pub name: String,
    #[schema(value_type = domain::OrganizationKind)]
    pub kind: String,
}

#[derive(Serialize, ToSchema)]
pub struct Me {
    pub id: Uuid,
    pub email: String,
    pub full_name: String,
    #[schema(value_type = domain::Role)]
    pub role: String,
    pub locale: String,
    pub organization: OrganizationRef,
    pub permissions: Vec<String>,
}

#[utoipa::path(tag = "auth", responses(
    (status = 200, body = Me),
    (status = 401, body = Problem, content_type = "application/problem+json"),
))]
#[get("/me")]
pub async fn me(state: web::Data<AppState>, actor: Actor) -> Result<web::Json<Me>, ApiError> {
    let user = repo::get_user(&state.db, actor.user_id.ok_or(ApiError::NotFound)?).await?;
    let org = repo::get_organization(&state.db, persistence::AccessScope::All, user.organization_id).await?;
    Ok(web::Json(Me {
        id: user.id,
        email: user.email,
        full_name: user.full_name,
        role: actor.role.as_str().to_owned(),
        locale: user.locale,
        organization: OrganizationRef { id: org.id, name: org.name, kind: org.kind },
        permissions: actor.role.permissions().iter().map(|p| p.as_str().to_owned()).collect(),
    }))
}
