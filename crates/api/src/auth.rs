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

/// Failed logins, remembered in this node's memory (a failed guess costs an attacker one node's
/// back-off; the limits below hold per node).
///
/// - Per account *and* address: after [`LoginLimiter::FREE_TRIES`] failures, each further try
///   waits twice as long as the one before (1 s, 2 s, 4 s … up to [`LoginLimiter::LONGEST_WAIT`]).
///   Someone guessing from one address slows down only themselves: the account's owner logs in
///   from their own address as ever.
/// - Per address: more than [`LoginLimiter::ADDRESS_FAILURES`] failures within
///   [`LoginLimiter::WINDOW`] across any accounts (credential stuffing) stop that address.
///
/// A success forgets the pair's failures.
#[derive(Default)]
pub struct LoginLimiter {
    failures: std::sync::Mutex<Failures>,
}

#[derive(Default)]
struct Failures {
    /// (account, address) → how many failures in a row, and when the last one was.
    pairs: std::collections::HashMap<(String, String), (u32, chrono::DateTime<chrono::Utc>)>,
    /// address → when its recent failures were.
    addresses: std::collections::HashMap<String, Vec<chrono::DateTime<chrono::Utc>>>,
}

impl LoginLimiter {
    pub const FREE_TRIES: u32 = 3;
    pub const LONGEST_WAIT: chrono::Duration = chrono::Duration::minutes(15);
    pub const ADDRESS_FAILURES: usize = 30;
    pub const WINDOW: chrono::Duration = chrono::Duration::minutes(10);

    /// Seconds `account` must wait before trying again from `address`, if any.
    pub fn wait(&self, account: &str, address: &str, now: chrono::DateTime<chrono::Utc>) -> Option<u64> {
        let mut f = self.failures.lock().ok()?;
        let pair = f.pairs.get(&(account.to_owned(), address.to_owned())).and_then(|(n, last)| {
            let wait = Self::backoff(*n)?;
            let until = *last + wait;
            (until > now).then(|| (until - now).num_seconds().max(1) as u64)
        });
        let recent = f.addresses.get_mut(address).map(|v| {
            v.retain(|t| now - *t < Self::WINDOW);
            v.clone()
        });
        let stuffing = recent.filter(|v| v.len() >= Self::ADDRESS_FAILURES).and_then(|v| v.first().map(|first| (*first + Self::WINDOW - now).num_seconds().max(1) as u64));
        pair.into_iter().chain(stuffing).max()
    }

    /// How long the `n`th failure in a row makes the pair wait: nothing for the free tries, then
    /// 1 s, 2 s, 4 s … up to the ceiling.
    fn backoff(n: u32) -> Option<chrono::Duration> {
        let over = n.checked_sub(Self::FREE_TRIES + 1)?;
        let secs = 1i64.checked_shl(over.min(20)).unwrap_or(i64::MAX);
        Some(chrono::Duration::seconds(secs).min(Self::LONGEST_WAIT))
    }

    pub fn fail(&self, account: &str, address: &str, now: chrono::DateTime<chrono::Utc>) {
        if let Ok(mut f) = self.failures.lock() {
            let pair = f.pairs.entry((account.to_owned(), address.to_owned())).or_insert((0, now));
            *pair = (pair.0 + 1, now);
            f.addresses.entry(address.to_owned()).or_default().push(now);
            if f.pairs.len() > 100_000 {
                // Memory is bounded: forget pairs that have waited out their back-off.
                f.pairs.retain(|_, (n, last)| Self::backoff(*n).is_some_and(|w| *last + w > now));
            }
        }
    }

    pub fn succeed(&self, account: &str, address: &str) {
        if let Ok(mut f) = self.failures.lock() {
            f.pairs.remove(&(account.to_owned(), address.to_owned()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(secs: i64) -> chrono::DateTime<chrono::Utc> {
        chrono::DateTime::from_timestamp(1_800_000_000 + secs, 0).expect("time")
    }

    #[test]
    fn a_guesser_slows_down_only_their_own_address_and_doubles_each_time() {
        let l = LoginLimiter::default();
        for i in 0..3 {
            assert_eq!(l.wait("a", "x", t(i)), None);
            l.fail("a", "x", t(i));
        }
        l.fail("a", "x", t(3));
        assert_eq!(l.wait("a", "x", t(3)), Some(1));
        assert_eq!(l.wait("a", "x", t(4)), None, "after the back-off");
        l.fail("a", "x", t(4));
        assert_eq!(l.wait("a", "x", t(4)), Some(2));
        assert_eq!(l.wait("a", "y", t(4)), None, "the owner from another address is not blocked");
        assert_eq!(l.wait("b", "x", t(4)), None, "nor another account from the same address");
        l.succeed("a", "x");
        assert_eq!(l.wait("a", "x", t(4)), None);
    }

    #[test]
    fn many_failures_from_one_address_across_accounts_stop_that_address() {
        let l = LoginLimiter::default();
        for i in 0..LoginLimiter::ADDRESS_FAILURES {
            l.fail(&format!("user{i}"), "x", t(i as i64));
        }
        let at = t(LoginLimiter::ADDRESS_FAILURES as i64);
        assert!(l.wait("someone", "x", at).is_some(), "credential stuffing");
        assert_eq!(l.wait("someone", "y", at), None);
        assert_eq!(l.wait("someone", "x", at + LoginLimiter::WINDOW), None, "the window slides");
    }

    #[test]
    fn the_back_off_never_exceeds_its_ceiling() {
        assert_eq!(LoginLimiter::backoff(3), None);
        assert_eq!(LoginLimiter::backoff(4), Some(chrono::Duration::seconds(1)));
        assert_eq!(LoginLimiter::backoff(6), Some(chrono::Duration::seconds(4)));
        assert_eq!(LoginLimiter::backoff(100), Some(LoginLimiter::LONGEST_WAIT));
    }
}
