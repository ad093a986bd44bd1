//! Who is calling: JWT access tokens for people, checked on every request by the [`Actor`] extractor.
use crate::error::ApiError;
use crate::AppState;
use actix_web::{FromRequest, HttpRequest, dev::Payload, web};
use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier, password_hash::SaltString};
use domain::{OrganizationKind, Permission, Role};
use jsonwebtoken::{DecodingKey, EncodingKey, Header, Validation};
use persistence::AccessScope;
use serde::{Deserialize, Serialize};
use std::future::{Ready, ready};
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
    pub user_id: Uuid,
    pub organization_id: Uuid,
    pub role: Role,
    pub scope: AccessScope,
}

impl Actor {
    /// The caller as the audit log names it.
    pub async fn audit(&self, db: &persistence::Db) -> Result<persistence::repo::AuditActor, ApiError> {
        let user = persistence::repo::get_user(db, self.user_id).await?;
        Ok(persistence::repo::AuditActor { user_id: Some(user.id), name: user.full_name })
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

fn actor_from_request(req: &HttpRequest) -> Result<Actor, ApiError> {
    let state = req.app_data::<web::Data<AppState>>().ok_or_else(|| ApiError::Internal(anyhow::anyhow!("no state")))?;
    let token = req
        .headers()
        .get("Authorization")
        .and_then(|h| h.to_str().ok())
        .and_then(|h| h.strip_prefix("Bearer "))
        .ok_or(ApiError::Unauthorized("unauthorized"))?;
    let data = jsonwebtoken::decode::<Claims>(token, &state.keys.dec, &Validation::default())
        .map_err(|_| ApiError::Unauthorized("unauthorized"))?;
    let c = data.claims;
    Ok(Actor {
        user_id: c.sub,
        organization_id: c.org,
        role: c.role,
        scope: if c.all { AccessScope::All } else { AccessScope::Organization(c.org) },
    })
}

impl FromRequest for Actor {
    type Error = ApiError;
    type Future = Ready<Result<Self, Self::Error>>;
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(actor_from_request(req))
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
