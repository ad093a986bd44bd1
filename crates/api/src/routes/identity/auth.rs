//! `/auth/*` and `/me`: sessions and who the caller is.
use crate::routes::prelude::*;
use app::identity::sessions::{self, Tokens};
use domain::OrganizationKind;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
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

impl From<Tokens> for TokenPair {
    fn from(t: Tokens) -> Self {
        TokenPair { access_token: t.access_token, refresh_token: t.refresh_token, token_type: "Bearer", expires_in: t.expires_in }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    pub refresh_token: String,
}

#[utoipa::path(tag = "auth", request_body = RefreshRequest, security(()), responses(
    (status = 200, body = TokenPair),
    (status = 401, body = Problem, content_type = "application/problem+json", description = "invalid_refresh_token"),
))]
#[post("/auth/refresh")]
pub async fn refresh(state: web::Data<AppState>, body: Body<RefreshRequest>) -> Result<web::Json<TokenPair>, AppError> {
    Ok(web::Json(sessions::refresh(&state, &body.refresh_token).await?.into()))
}

#[utoipa::path(tag = "auth", request_body = RefreshRequest, security(()), responses((status = 204, description = "The session is ended")))]
#[post("/auth/logout")]
pub async fn logout(state: web::Data<AppState>, body: Body<RefreshRequest>) -> Result<HttpResponse, AppError> {
    sessions::logout(&state, &body.refresh_token).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(tag = "auth", request_body = LoginRequest, security(()), responses(
    (status = 200, body = TokenPair),
    (status = 401, body = Problem, content_type = "application/problem+json", description = "invalid_credentials"),
    (status = 429, body = Problem, content_type = "application/problem+json", description = "too_many_attempts"),
))]
#[post("/auth/login")]
pub async fn login(state: web::Data<AppState>, req: HttpRequest, body: Body<LoginRequest>) -> Result<web::Json<TokenPair>, AppError> {
    let address = if state.config.trust_forwarded {
        req.connection_info().realip_remote_addr().unwrap_or_default().to_owned()
    } else {
        req.peer_addr().map(|a| a.ip().to_string()).unwrap_or_default()
    };
    Ok(web::Json(sessions::login(&state, &body.email, &body.password, &address).await?.into()))
}

#[derive(Serialize, ToSchema)]
pub struct OrganizationRef {
    pub id: Uuid,
    pub name: String,
    pub kind: OrganizationKind,
}

#[derive(Serialize, ToSchema)]
pub struct Me {
    pub id: Uuid,
    pub email: String,
    pub full_name: String,
    pub role: Role,
    pub locale: String,
    pub organization: OrganizationRef,
    pub permissions: Vec<String>,
}

#[utoipa::path(tag = "auth", responses(
    (status = 200, body = Me),
    (status = 401, body = Problem, content_type = "application/problem+json"),
))]
#[get("/me")]
pub async fn me(state: web::Data<AppState>, who: Credentials) -> Result<web::Json<Me>, AppError> {
    let me = sessions::me(&state, &who).await?;
    let (user, org) = (me.user, me.organization);
    Ok(web::Json(Me {
        role: user.role()?,
        organization: OrganizationRef { kind: org.kind()?, id: org.id, name: org.name },
        id: user.id,
        email: user.email,
        full_name: user.full_name,
        locale: user.locale,
        permissions: me.permissions.iter().map(|p| p.as_str().to_owned()).collect(),
    }))
}
