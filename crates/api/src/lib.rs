//! Tessera's HTTP server: configuration, app assembly, OpenAPI and the served web app.
pub mod auth;
pub mod bank_directory;
pub mod demo;
pub mod demo_sales;
pub mod error;
pub mod files;
pub mod metrics;
pub mod routes;

use actix_web::{App, HttpServer, web};
use persistence::Db;
use utoipa::OpenApi;
use utoipa_actix_web::{AppExt, scope};

/// What `TESSERA_DEMO` loads into an empty database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DemoMode {
    Off,
    /// Organizations, one user per role, clients, the bank sample (`TESSERA_DEMO=base`).
    Base,
    /// Base plus sample leads and deals across the funnel (`TESSERA_DEMO=1`).
    Full,
}

/// Configuration from environment variables (documented in the README).
#[derive(Clone)]
pub struct Config {
    pub database_url: String,
    pub bind: String,
    pub demo: DemoMode,
    pub jwt_secret: secrecy::SecretString,
    pub static_dir: String,
    pub files_dir: String,
    pub access_ttl_secs: i64,
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
        };
        anyhow::ensure!(cfg.jwt_secret.expose_secret().len() >= 32, "TESSERA_JWT_SECRET must be at least 32 characters");
        Ok(cfg)
    }
}

pub struct AppState {
    pub db: Db,
    pub config: Config,
    pub keys: auth::Keys,
    pub login_limiter: auth::LoginLimiter,
    pub files: files::FileStore,
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Tessera API", version = "1", description = "Order-to-cash for rubber tiles and production lines. Errors are RFC 9457 problem+json."),
    components(schemas(error::Problem, error::ProblemFieldError, routes::ClientSort)),
    modifiers(&BearerAuth),
    security(("bearer" = [])),
)]
struct ApiDoc;

struct BearerAuth;
impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme("bearer", SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("JWT").build()));
    }
}

/// Registers every route through the OpenAPI-aware router, so a route cannot miss the spec.
fn api_app<T>(app: utoipa_actix_web::UtoipaApp<T>) -> utoipa_actix_web::UtoipaApp<T>
where
    T: actix_web::dev::ServiceFactory<actix_web::dev::ServiceRequest, Config = (), Error = actix_web::Error, InitError = ()>,
{
    app.service(routes::healthz).service(routes::readyz).service(metrics::metrics).service(
        scope::scope("/api/v1")
            .service(routes::login)
            .service(routes::refresh)
            .service(routes::logout)
            .service(routes::me)
            .service(routes::list_organizations)
            .service(routes::get_organization)
            .service(routes::similar_clients)
            .service(routes::list_clients)
            .service(routes::get_client)
            .service(routes::create_client)
            .service(routes::update_client)
            .service(routes::client_history)
            .service(routes::create_counterparty)
            .service(routes::update_counterparty)
            .service(routes::create_contact)
            .service(routes::update_contact)
            .service(routes::delete_contact)
            .service(routes::create_bank_account)
            .service(routes::delete_bank_account)
            .service(routes::approve_counterparty)
            .service(routes::get_bank)
            .service(routes::import_banks)
            .service(routes::list_users)
            .service(routes::get_user)
            .service(routes::create_user)
            .service(routes::update_user)
            .service(routes::list_api_keys)
            .service(routes::create_api_key)
            .service(routes::revoke_api_key)
            .service(routes::list_staff)
            .service(routes::list_pipelines)
            .service(routes::get_pipeline)
            .service(routes::create_pipeline)
            .service(routes::update_pipeline)
            .service(routes::board)
            .service(routes::loss_reasons)
            .service(routes::card_fields)
            .service(routes::list_leads)
            .service(routes::create_lead)
            .service(routes::get_lead)
            .service(routes::update_lead)
            .service(routes::move_lead)
            .service(routes::convert_lead)
            .service(routes::lead_timeline)
            .service(routes::comment_lead)
            .service(routes::upload_lead_file)
            .service(routes::list_deals)
            .service(routes::create_deal)
            .service(routes::get_deal)
            .service(routes::update_deal)
            .service(routes::move_deal)
            .service(routes::register_payment)
            .service(routes::open_request)
            .service(routes::deal_timeline)
            .service(routes::comment_deal)
            .service(routes::upload_deal_file)
            .service(routes::list_requests)
            .service(routes::get_request)
            .service(routes::take_request)
            .service(routes::complete_request)
            .service(routes::cancel_request)
            .service(routes::upload_request_file)
            .service(routes::download_file)
            .service(routes::list_tasks)
            .service(routes::create_task)
            .service(routes::get_task)
            .service(routes::update_task)
            .service(routes::complete_task),
    )
}

/// The OpenAPI document exactly as the server serves it.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let (_, spec) = api_app(App::new().into_utoipa_app().openapi(ApiDoc::openapi())).split_for_parts();
    spec
}

pub async fn serve(config: Config) -> anyhow::Result<()> {
    use secrecy::ExposeSecret as _;
    if let Some(dir) = config.database_url.strip_prefix("sqlite://").and_then(|p| std::path::Path::new(p.split('?').next()?).parent())
        && !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir)?;
        }
    let db = persistence::connect_and_migrate(&config.database_url).await?;
    persistence::repo::ensure_builtin_pipelines(&db).await?;
    if config.demo != DemoMode::Off {
        demo::seed_if_empty(&db, config.demo == DemoMode::Full).await?;
    }
    let state = web::Data::new(AppState {
        keys: auth::Keys::new(config.jwt_secret.expose_secret().as_bytes()),
        db,
        config: config.clone(),
        login_limiter: Default::default(),
        files: files::FileStore::Local(config.files_dir.clone().into()),
    });
    let spec = openapi();
    let static_dir = config.static_dir.clone();
    let server = HttpServer::new(move || {
        let spa_index = std::path::PathBuf::from(&static_dir).join("index.html");
        let app = App::new()
            .wrap(actix_web::middleware::ErrorHandlers::new().handler(actix_web::http::StatusCode::NOT_FOUND, error::plain_404_as_problem))
            .wrap(actix_web::middleware::from_fn(metrics::track))
            .wrap(tracing_actix_web::TracingLogger::default())
            .app_data(state.clone())
            .app_data(web::JsonConfig::default().error_handler(error::json_error_handler))
            // The full ED807 directory is a few megabytes.
            .app_data(web::PayloadConfig::new(64 * 1024 * 1024))
            .app_data(web::QueryConfig::default().error_handler(error::query_error_handler))
            .app_data(web::PathConfig::default().error_handler(error::path_error_handler))
            // Before the /api/v1 scope, which would otherwise answer 404 for the spec's path.
            .service(utoipa_swagger_ui::SwaggerUi::new("/api/docs/{_:.*}").url("/api/v1/openapi.json", spec.clone()))
            .into_utoipa_app();
        api_app(app)
            .split_for_parts()
            .0
            .service(actix_files::Files::new("/", &static_dir).index_file("index.html").default_handler(
                actix_web::dev::fn_service(move |req: actix_web::dev::ServiceRequest| {
                    let index = spa_index.clone();
                    async move {
                        let (req, _) = req.into_parts();
                        // Unknown API paths stay 404 problems; everything else is the SPA.
                        if req.path().starts_with("/api/") {
                            let resp = actix_web::ResponseError::error_response(&error::ApiError::NotFound);
                            return Ok(actix_web::dev::ServiceResponse::new(req, resp));
                        }
                        let file = actix_files::NamedFile::open_async(index).await?;
                        let resp = file.into_response(&req);
                        Ok(actix_web::dev::ServiceResponse::new(req, resp))
                    }
                }),
            ))
    })
    .bind(&config.bind)?;
    for addr in server.addrs() {
        // Tests read this line to learn the port when TESSERA_BIND ends in :0.
        println!("Tessera listening on http://{addr}");
    }
    if config.demo != DemoMode::Off {
        demo::print_logins();
    }
    server.run().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    /// The committed spec is what the code generates; `make openapi` refreshes it.
    #[test]
    fn committed_openapi_spec_is_current() {
        let generated = super::openapi().to_pretty_json().expect("spec");
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../openapi/openapi.json");
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(committed.trim_end() == generated.trim_end(), "openapi/openapi.json is stale: run `make openapi`");
    }
}
