//! `tessera serve` (default) starts the server; `tessera openapi` prints the OpenAPI document.
use tracing_subscriber::EnvFilter;

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    let cmd = std::env::args().nth(1).unwrap_or_else(|| "serve".into());
    match cmd.as_str() {
        "openapi" => {
            println!("{}", api::openapi().to_pretty_json()?);
            Ok(())
        }
        "serve" => {
            tracing_subscriber::fmt()
                .with_env_filter(EnvFilter::try_from_env("TESSERA_LOG").unwrap_or_else(|_| EnvFilter::new("info")))
                .init();
            api::serve(api::Config::from_env()?).await
        }
        other => anyhow::bail!("unknown command {other:?}; use `serve` or `openapi`"),
    }
}
