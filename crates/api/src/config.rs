//! Configuration from environment variables (documented in the README).

/// What `TESSERA_DEMO` loads into an empty database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DemoMode {
    Off,
    /// Organizations, one user per role, clients, the bank sample (`TESSERA_DEMO=base`).
    Base,
    /// Base plus sample leads and deals across the funnel (`TESSERA_DEMO=1`).
    Full,
}

#[derive(Clone)]
pub struct Config {
    pub database_url: String,
    pub bind: String,
    pub demo: DemoMode,
    pub jwt_secret: secrecy::SecretString,
    pub static_dir: String,
    pub files_dir: String,
    pub access_ttl_secs: i64,
    /// Tests only: a file holding the instant the server's clock shows (RFC 3339), re-read on
    /// every look at the clock, so a test moves time instead of sleeping.
    pub test_clock_file: Option<String>,
    /// Behind a reverse proxy: the caller's address is the first of `X-Forwarded-For` /
    /// `Forwarded` (login limits go by it). Off: the connection's peer address.
    pub trust_forwarded: bool,
    /// `TESSERA_SMTP_URL` (`smtp://host:25`, `smtps://user:password@host`); without it e-mail is
    /// written as `.eml` files to `mail_dir`.
    pub smtp_url: Option<String>,
    pub mail_dir: String,
    pub mail_from: String,
    pub mail_from_name: String,
    /// Tests only: while this file exists, the mail worker holds a claimed message before sending.
    pub test_mail_hold_file: Option<String>,
    /// PDFs rendered at once (each on the blocking pool).
    pub render_parallel: usize,
}

impl Config {
    pub fn from_env() -> anyhow::Result<Self> {
        use secrecy::ExposeSecret as _;
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let secret = match var("TESSERA_JWT_SECRET") {
            Some(s) => s,
            None => {
                tracing::warn!("TESSERA_JWT_SECRET is not set: using a random secret, sessions end on restart");
                uuid::Uuid::new_v4().to_string() + &uuid::Uuid::new_v4().to_string()
            }
        };
        let cfg = Config {
            database_url: var("DATABASE_URL").unwrap_or_else(|| "sqlite://./data/tessera.db?mode=rwc".into()),
            bind: var("TESSERA_BIND").unwrap_or_else(|| "127.0.0.1:8080".into()),
            demo: match var("TESSERA_DEMO").as_deref() {
                Some("1" | "true") => DemoMode::Full,
                Some("base") => DemoMode::Base,
                _ => DemoMode::Off,
            },
            jwt_secret: secret.into(),
            static_dir: var("TESSERA_STATIC_DIR").unwrap_or_else(|| "frontend/dist".into()),
            files_dir: var("TESSERA_FILES_DIR").unwrap_or_else(|| "./data/files".into()),
            access_ttl_secs: var("TESSERA_ACCESS_TTL_SECONDS").and_then(|v| v.parse().ok()).unwrap_or(900),
            test_clock_file: var("TESSERA_TEST_CLOCK_FILE"),
            trust_forwarded: matches!(var("TESSERA_TRUST_FORWARDED").as_deref(), Some("1" | "true")),
            smtp_url: var("TESSERA_SMTP_URL"),
            test_mail_hold_file: var("TESSERA_TEST_MAIL_HOLD_FILE"),
            mail_dir: var("TESSERA_MAIL_DIR").unwrap_or_else(|| "./data/mail".into()),
            mail_from: var("TESSERA_MAIL_FROM").unwrap_or_else(|| "sales@tessera.local".into()),
            mail_from_name: var("TESSERA_MAIL_FROM_NAME").unwrap_or_else(|| "Тессера".into()),
            // One core is always left to the requests: PDFs never take the whole machine.
            render_parallel: var("TESSERA_RENDER_PARALLEL").and_then(|v| v.parse().ok()).filter(|n| *n > 0).unwrap_or_else(|| {
                std::thread::available_parallelism().map_or(1, |n| n.get().saturating_sub(1).max(1))
            }),
        };
        anyhow::ensure!(cfg.jwt_secret.expose_secret().len() >= 32, "TESSERA_JWT_SECRET must be at least 32 characters");
        Ok(cfg)
    }
}
