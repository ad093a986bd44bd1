//! Tessera's HTTP server: the use cases (`app`), the routes that call them (`routes`), the read
//! models they render (`views`), authentication, configuration and the served web app.
pub mod app;
pub mod auth;
pub mod clock;
pub mod config;
pub mod demo;
pub mod error;
pub mod exports;
pub mod files;
pub mod live;
pub mod mail;
pub mod metrics;
pub mod render;
pub mod routes;
pub mod spa;
pub mod spec;
pub mod views;
pub mod workers;

pub use spec::openapi;

pub use config::{Config, DemoMode};

use actix_web::{App, HttpServer, web};
use persistence::Db;
use std::sync::Arc;
use utoipa_actix_web::AppExt;

/// What every use case works with: the database, the clock, the file store, the signing keys.
pub struct AppState {
    pub db: Db,
    /// Writers' turns on SQLite (see `persistence::WriteQueue`).
    pub writes: persistence::WriteQueue,
    /// Pipelines as last read, by id and version (see `persistence::repo::pipelines::Cache`).
    pub pipelines: persistence::repo::pipelines::Cache,
    pub config: Config,
    pub keys: auth::Keys,
    pub login_limiter: auth::LoginLimiter,
    pub files: files::FileStore,
    pub clock: Arc<dyn domain::Clock>,
    /// Live updates: the dispatcher's wake-up and the streams' broadcast.
    pub live: Arc<live::Hub>,
    /// Documents to PDF (typst in-process, fonts loaded once, a bounded number at a time).
    pub renderer: Arc<render::Renderer>,
    /// Where e-mail goes (SMTP, or `.eml` files) and from whom.
    pub mailer: mail::Mailer,
    pub sender: mail::Sender,
    /// Wakes the mail worker once a write queued a message.
    pub mail_wake: Arc<tokio::sync::Notify>,
}

pub async fn serve(config: Config) -> anyhow::Result<()> {
    use secrecy::ExposeSecret as _;
    if let Some(dir) = config.database_url.strip_prefix("sqlite://").and_then(|p| std::path::Path::new(p.split('?').next()?).parent())
        && !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir)?;
        }
    let db = persistence::connect_and_migrate(&config.database_url).await?;
    let clock: Arc<dyn domain::Clock> = match &config.test_clock_file {
        Some(path) => Arc::new(clock::FileClock(path.into())),
        None => Arc::new(clock::SystemClock),
    };
    app::pipelines::ensure_builtin(&db, clock.now()).await?;
    let state = web::Data::new(AppState {
        keys: auth::Keys::new(config.jwt_secret.expose_secret().as_bytes()),
        writes: persistence::WriteQueue::for_db(&db),
        pipelines: Default::default(),
        db,
        config: config.clone(),
        login_limiter: Default::default(),
        files: files::FileStore::Local(config.files_dir.clone().into()),
        clock,
        live: Default::default(),
        renderer: Arc::new(render::Renderer::new(config.render_parallel)),
        mailer: mail::Mailer::from_config(config.smtp_url.as_deref(), &config.mail_dir)?,
        sender: mail::Sender { address: config.mail_from.clone(), name: config.mail_from_name.clone() },
        mail_wake: Default::default(),
    });
    tracing::info!(mail = %state.mailer.describe(), "e-mail");
    if config.demo != DemoMode::Off {
        demo::seed_if_empty(&state, config.demo == DemoMode::Full).await?;
    }
    workers::start(&state);
    let spec = openapi();
    let static_dir = config.static_dir.clone();
    let server = HttpServer::new(move || {
        let spa_index = std::path::PathBuf::from(&static_dir).join("index.html");
        let app = App::new()
            .wrap(actix_web::middleware::ErrorHandlers::new().handler(actix_web::http::StatusCode::NOT_FOUND, error::plain_404_as_problem))
            .wrap(actix_web::middleware::from_fn(spa::cache_headers))
            // gzip for those who ask (browsers): the app's JavaScript, CSS and JSON answers.
            .wrap(actix_web::middleware::Compress::default())
            .wrap(actix_web::middleware::from_fn(metrics::track))
            .wrap(tracing_actix_web::TracingLogger::<metrics::RequestSpan>::new())
            .app_data(state.clone())
            .app_data(web::JsonConfig::default().error_handler(error::json_error_handler))
            // JSON bodies; files and the ED807 directory stream with their own limits.
            .app_data(web::PayloadConfig::new(1024 * 1024))
            .app_data(web::QueryConfig::default().error_handler(error::query_error_handler))
            .app_data(web::PathConfig::default().error_handler(error::path_error_handler))
            // Before the /api/v1 scope, which would otherwise answer 404 for the spec's path.
            .service(utoipa_swagger_ui::SwaggerUi::new("/api/docs/{_:.*}").url("/api/v1/openapi.json", spec.clone()))
            // The docs live under /api/docs/; the address typed without the slash leads there.
            .service(web::redirect("/api/docs", "/api/docs/").permanent())
            .into_utoipa_app();
        routes::register(app)
            .split_for_parts()
            .0
            .service(actix_files::Files::new("/", &static_dir).index_file("index.html").default_handler(
                actix_web::dev::fn_service(move |req: actix_web::dev::ServiceRequest| {
                    let index = spa_index.clone();
                    async move {
                        let (req, _) = req.into_parts();
                        // Unknown API paths and assets (an old build's hash) stay 404s; everything else is the SPA.
                        if req.path().starts_with("/api/") || req.path().starts_with("/assets/") {
                            let resp = actix_web::ResponseError::error_response(&error::AppError::NotFound);
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
        demo::print_logins(&config.files_dir);
    }
    server.run().await?;
    Ok(())
}
