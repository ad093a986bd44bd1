//! Who is calling, as the request says: a JWT access token for people, an API key for
//! integrators. The [`Credentials`] extractor only reads them (no database); the use cases verify
//! them in their own connection (`AppState::read`, `AppState::write`) and so learn the [`crate::app::Actor`].
use crate::AppState;
use crate::error::AppError;
use actix_web::{FromRequest, HttpRequest, dev::Payload, web};
use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier, password_hash::SaltString};
use domain::{OrganizationId, Role, UserId};
use jsonwebtoken::{DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use std::future::{Ready, ready};

/// What an access token says about its person.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    pub sub: UserId,
    pub org: OrganizationId,
    pub role: Role,
    /// Sees every organization (a head-office role).
    pub all: bool,
    /// The account's token version when the token was issued; a changed account refuses it.
    pub ver: i32,
    pub exp: i64,
}

/// The caller's credentials, not yet checked against the accounts.
#[derive(Debug, Clone)]
pub enum Credentials {
    /// A person's access token (signature and expiry already checked).
    Token(Claims),
    /// An integrator's API key, by the SHA-256 of its secret.
    ApiKey { hash: String },
}

pub struct Keys {
    enc: EncodingKey,
    dec: DecodingKey,
}

impl Keys {
    pub fn new(secret: &[u8]) -> Self {
        Keys { enc: EncodingKey::from_secret(secret), dec: DecodingKey::from_secret(secret) }
    }

    pub fn issue(&self, claims: &Claims) -> Result<String, AppError> {
        jsonwebtoken::encode(&Header::default(), claims, &self.enc).map_err(|e| AppError::Internal(e.into()))
    }
}

pub const API_KEY_PREFIX: &str = "tsk_";

pub fn sha256_hex(s: &str) -> String {
    sha256_hex_bytes(s.as_bytes())
}

pub fn sha256_hex_bytes(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn credentials(req: &HttpRequest) -> Result<Credentials, AppError> {
    let state = req.app_data::<web::Data<AppState>>().ok_or_else(|| AppError::Internal(anyhow::anyhow!("no state")))?;
    let header = |name: &str| req.headers().get(name).and_then(|h| h.to_str().ok()).map(str::trim);
    let token = header("X-Api-Key")
        .or_else(|| header("Authorization").and_then(|h| h.strip_prefix("Bearer ")))
        .ok_or(AppError::Unauthorized("unauthorized"))?;
    if token.starts_with(API_KEY_PREFIX) {
        // High-entropy secrets: a plain SHA-256 is enough to store and look them up.
        return Ok(Credentials::ApiKey { hash: sha256_hex(token) });
    }
    let data = jsonwebtoken::decode::<Claims>(token, &state.keys.dec, &Validation::default()).map_err(|_| AppError::Unauthorized("unauthorized"))?;
    Ok(Credentials::Token(data.claims))
}

impl FromRequest for Credentials {
    type Error = AppError;
    type Future = Ready<Result<Self, Self::Error>>;
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(credentials(req))
    }
}

pub fn hash_password(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(anyhow::anyhow!("hash: {e}")))
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
