//! Who is calling: JWT access tokens for people, checked on every request by the [`Actor`] extractor.
use crate::error::ApiError;
use crate::AppState;
use actix_web::{FromRequest, HttpRequest, dev::Payload, web};
use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier, password_hash::SaltString};
use domain::{OrganizationKind, Permission, Role};
use jsonwebtoken::{DecodingKey, EncodingKey, Header, Validation};
use persistence::AccessScope;
use serde::{Deserialize, Serialize};
use std::future::Future;
use std::pin::Pin;
use uuid::Uuid;

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    sub: Uuid,
    org: Uuid,
    role: Role,
    all: bool,
    exp: i64,
}

/// The authenticated caller and the scope every repository call gets.
#[derive(Debug, Clone)]
pub struct Actor {
    /// A person; `None` when an integrator calls with an API key.
    pub user_id: Option<Uuid>,
    /// The API key and its name, for integrators.
    pub api_key: Option<(Uuid, String)>,
    pub organization_id: Uuid,
    pub role: Role,
    pub scope: AccessScope,
}

impl Actor {
    /// The caller as the audit log names it.
    pub async fn audit(&self, db: &persistence::Db) -> Result<persistence::repo::AuditActor, ApiError> {
        match (self.user_id, &self.api_key) {
            (Some(id), _) => {
                let user = persistence::repo::get_user(db, id).await?;
                Ok(persistence::repo::AuditActor { user_id: Some(user.id), name: user.full_name })
            }
            (None, Some((_, name))) => Ok(persistence::repo::AuditActor { user_id: None, name: format!("API-ключ «{name}»") }),
            (None, None) => Err(ApiError::Unauthorized("unauthorized")),
        }
    }

    pub fn require(&self, p: Permission) -> Result<(), ApiError> {
        if self.role.can(p) { Ok(()) } else { Err(ApiError::Forbidden) }
    }
}

pub struct Keys {
    enc: EncodingKey,
    dec: DecodingKey,
}

impl Keys {
    pub fn new(secret: &[u8]) -> Self {
        Keys { enc: EncodingKey::from_secret(secret), dec: DecodingKey::from_secret(secret) }
    }
}

pub fn issue_access_token(keys: &Keys, user: Uuid, org: Uuid, role: Role, kind: OrganizationKind, ttl_secs: i64) -> Result<String, ApiError> {
    let claims = Claims {
        sub: user,
        org,
        role,
        all: domain::sees_all_organizations(role, kind),
        exp: chrono::Utc::now().timestamp() + ttl_secs,
    };
    jsonwebtoken::encode(&Header::default(), &claims, &keys.enc).map_err(|e| ApiError::Internal(e.into()))
}

pub const API_KEY_PREFIX: &str = "tsk_";

pub fn sha256_hex(s: &str) -> String {
    sha256_hex_bytes(s.as_bytes())
}

pub fn sha256_hex_bytes(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

async fn actor_from_request(req: HttpRequest) -> Result<Actor, ApiError> {
    let state = req.app_data::<web::Data<AppState>>().ok_or_else(|| ApiError::Internal(anyhow::anyhow!("no state")))?;
    let header = |name: &str| req.headers().get(name).and_then(|h| h.to_str().ok()).map(str::trim);
    let token = header("X-Api-Key")
        .or_else(|| header("Authorization").and_then(|h| h.strip_prefix("Bearer ")))
        .ok_or(ApiError::Unauthorized("unauthorized"))?;
    if token.starts_with(API_KEY_PREFIX) {
        // High-entropy secrets: a plain SHA-256 is enough to store and look them up.
        let key = persistence::repo::find_active_api_key(&state.db, &sha256_hex(token)).await?.ok_or(ApiError::Unauthorized("unauthorized"))?;
        persistence::repo::touch_api_key(&state.db, &key, chrono::Utc::now()).await?;
        let org = persistence::repo::get_organization(&state.db, AccessScope::All, key.organization_id).await?;
        let role = Role::parse(&key.role).ok_or(ApiError::Unauthorized("unauthorized"))?;
        let kind = if org.kind == "head" { OrganizationKind::Head } else { OrganizationKind::Production };
        return Ok(Actor {
            user_id: None,
            api_key: Some((key.id, key.name)),
            organization_id: org.id,
            role,
            scope: if domain::sees_all_organizations(role, kind) { AccessScope::All } else { AccessScope::Organization(org.id) },
        });
    }
    let data = jsonwebtoken::decode::<Claims>(token, &state.keys.dec, &Validation::default())
        .map_err(|_| ApiError::Unauthorized("unauthorized"))?;
    let c = data.claims;
    Ok(Actor {
        user_id: Some(c.sub),
        api_key: None,
        organization_id: c.org,
        role: c.role,
        scope: if c.all { AccessScope::All } else { AccessScope::Organization(c.org) },
    })
}

impl FromRequest for Actor {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        Box::pin(actor_from_request(req.clone()))
    }
}

pub fn hash_password(password: &str) -> Result<String, ApiError> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("hash: {e}")))
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// Failed logins per key (account, address) in a sliding window; one node's memory is enough here.
#[derive(Default)]
pub struct LoginLimiter {
    failures: std::sync::Mutex<std::collections::HashMap<String, Vec<std::time::Instant>>>,
}

impl LoginLimiter {
    pub const MAX_FAILURES: usize = 5;
    pub const WINDOW: std::time::Duration = std::time::Duration::from_secs(300);

    /// Seconds to wait when any of the keys is over the limit.
    pub fn blocked(&self, keys: &[&str]) -> Option<u64> {
        let now = std::time::Instant::now();
        let mut map = self.failures.lock().ok()?;
        keys.iter()
            .filter_map(|k| {
                let v = map.get_mut(*k)?;
                v.retain(|t| now.duration_since(*t) < Self::WINDOW);
                (v.len() >= Self::MAX_FAILURES).then(|| (Self::WINDOW - now.duration_since(v[0])).as_secs().max(1))
            })
            .max()
    }

    pub fn fail(&self, keys: &[&str]) {
        if let Ok(mut map) = self.failures.lock() {
            for k in keys {
                map.entry((*k).to_owned()).or_default().push(std::time::Instant::now());
            }
        }
    }

    pub fn clear(&self, key: &str) {
        if let Ok(mut map) = self.failures.lock() {
            map.remove(key);
        }
    }
}
