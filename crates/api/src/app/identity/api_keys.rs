//! API keys for integrators: made by an admin, the secret shown once and stored hashed, bound to
//! an organization and a role, revocable.
use crate::AppState;
use crate::auth::{API_KEY_PREFIX, Credentials, sha256_hex};
use crate::error::AppError;
use domain::identity::NewApiKey;
use domain::{ApiKeyId, Permission};
use persistence::entities::api_key;
use persistence::repo::identity;
use uuid::Uuid;

pub async fn list(ctx: &AppState, who: &Credentials) -> Result<Vec<api_key::Model>, AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::ApiKeysManage)?;
    Ok(identity::list_api_keys(&ctx.db, actor.scope).await?)
}

/// A new key and its secret (shown this once).
pub async fn create(ctx: &AppState, who: &Credentials, cmd: NewApiKey) -> Result<(api_key::Model, String), AppError> {
    use base64::Engine;
    use rand::RngCore;
    let w = ctx.write(who).await?;
    w.actor.require(Permission::ApiKeysManage)?;
    identity::get_organization(&w.tx, w.actor.scope, cmd.organization_id).await?;
    let mut raw = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut raw);
    let secret = format!("{API_KEY_PREFIX}{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw));
    let key = identity::insert_api_key(&w.tx, api_key::Model {
        id: Uuid::now_v7(), organization_id: cmd.organization_id.into(), name: cmd.name, prefix: secret.chars().take(10).collect(),
        role: cmd.role.as_str().to_owned(), key_hash: sha256_hex(&secret), created_by: w.actor.user_id.map(Uuid::from), created_at: w.now,
        revoked_at: None, last_used_at: None,
    })
    .await?;
    w.commit().await?;
    Ok((key, secret))
}

pub async fn revoke(ctx: &AppState, who: &Credentials, id: ApiKeyId) -> Result<(), AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::ApiKeysManage)?;
    identity::revoke_api_key(&w.tx, w.actor.scope, id, w.now).await?;
    w.commit().await
}
