//! Sessions: a login gives an access token and a rotating refresh token (stored as a hash; a
//! replayed one ends its whole session); `me` is who the caller is.
use crate::AppState;
use crate::auth::{Claims, Credentials, sha256_hex, verify_password};
use crate::error::AppError;
use domain::{Permission, sees_all_organizations};
use persistence::entities::{organization, refresh_token, user};
use persistence::repo::identity;
use persistence::AccessScope;
use uuid::Uuid;

const REFRESH_TTL_DAYS: i64 = 30;

/// An access token and a refresh token.
pub struct Tokens {
    pub access_token: String,
    pub refresh_token: String,
    pub expires_in: i64,
}

/// Issues an access token and a new refresh token in `family` (a new family at login). Sessions
/// run on real time: token expiry is checked against the system clock.
async fn tokens(ctx: &AppState, user: &user::Model, family: Uuid) -> Result<Tokens, AppError> {
    use base64::Engine;
    use rand::RngCore;
    let org = identity::get_organization(&ctx.db, AccessScope::All, user.organization_id()).await?;
    let role = user.role()?;
    let now = chrono::Utc::now();
    let claims = Claims {
        sub: user.user_id(), org: org.organization_id(), role, all: sees_all_organizations(role, org.kind()?), ver: user.token_version,
        exp: now.timestamp() + ctx.config.access_ttl_secs,
    };
    let access_token = ctx.keys.issue(&claims)?;
    let mut raw = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut raw);
    let refresh_token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw);
    identity::insert_refresh_token(&ctx.db, refresh_token::Model {
        id: Uuid::now_v7(), user_id: user.id, family_id: family, token_hash: sha256_hex(&refresh_token),
        expires_at: now + chrono::Duration::days(REFRESH_TTL_DAYS), created_at: now, used_at: None, revoked_at: None,
    })
    .await?;
    Ok(Tokens { access_token, refresh_token, expires_in: ctx.config.access_ttl_secs })
}

/// Logs a person in; failed attempts slow down their (account, address) pair, and an address that
/// fails across many accounts is stopped (see [`crate::auth::LoginLimiter`]).
pub async fn login(ctx: &AppState, email: &str, password: &str, address: &str) -> Result<Tokens, AppError> {
    let email = email.trim().to_lowercase();
    let now = ctx.now();
    if let Some(wait) = ctx.login_limiter.wait(&email, address, now) {
        return Err(AppError::TooManyAttempts(wait));
    }
    let user = match identity::find_user_by_email(&ctx.db, &email).await? {
        Some(u) if u.is_active && verify_password(password, &u.password_hash) => u,
        _ => {
            ctx.login_limiter.fail(&email, address, now);
            return Err(AppError::Unauthorized("invalid_credentials"));
        }
    };
    ctx.login_limiter.succeed(&email, address);
    tokens(ctx, &user, Uuid::now_v7()).await
}

/// Rotates a refresh token: a new pair in the same session, or 401 and (on reuse) the session ends.
pub async fn refresh(ctx: &AppState, refresh_token: &str) -> Result<Tokens, AppError> {
    let invalid = AppError::Unauthorized("invalid_refresh_token");
    let now = chrono::Utc::now();
    let Some(token) = identity::find_refresh_token(&ctx.db, &sha256_hex(refresh_token.trim())).await? else { return Err(invalid) };
    if token.revoked_at.is_some() || token.expires_at < now {
        return Err(invalid);
    }
    if !identity::use_refresh_token(&ctx.db, token.id, now).await? {
        // A used token came back: it was stolen or replayed. End the whole session.
        tracing::warn!(user = %token.user_id, "refresh token reuse: revoking its family");
        identity::revoke_refresh_family(&ctx.db, token.family_id, now).await?;
        return Err(invalid);
    }
    let user = identity::get_user(&ctx.db, token.user_id.into()).await?;
    if !user.is_active {
        return Err(invalid);
    }
    tokens(ctx, &user, token.family_id).await
}

/// Ends the session a refresh token belongs to.
pub async fn logout(ctx: &AppState, refresh_token: &str) -> Result<(), AppError> {
    if let Some(token) = identity::find_refresh_token(&ctx.db, &sha256_hex(refresh_token.trim())).await? {
        identity::revoke_refresh_family(&ctx.db, token.family_id, chrono::Utc::now()).await?;
    }
    Ok(())
}

/// Who the caller is: the person, the organization and the permissions of the role.
pub struct Me {
    pub user: user::Model,
    pub organization: organization::Model,
    pub permissions: Vec<Permission>,
}

pub async fn me(ctx: &AppState, who: &Credentials) -> Result<Me, AppError> {
    let actor = ctx.read(who).await?;
    let user = identity::get_user(&ctx.db, actor.user_id.ok_or(AppError::NotFound)?).await?;
    let organization = identity::get_organization(&ctx.db, AccessScope::All, user.organization_id()).await?;
    Ok(Me { user, organization, permissions: actor.role.permissions() })
}
