//! The web app's files: the built SPA (`TESSERA_STATIC_DIR`), its index for every non-API path,
//! and the cache rules that make a deploy take effect at once while a browser fetches each hashed
//! asset only once.
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{CACHE_CONTROL, CONTENT_TYPE, HeaderValue};
use actix_web::middleware::Next;

/// Vite names every built asset by its content hash, so `/assets/…` never changes under its name:
/// cached for a year. The app's HTML is revalidated on every load.
pub async fn cache_headers(req: ServiceRequest, next: Next<impl MessageBody>) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let asset = req.path().starts_with("/assets/");
    let mut res = next.call(req).await?;
    let html = res.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("text/html"));
    if asset && res.status().is_success() {
        res.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable"));
    } else if html {
        res.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    Ok(res)
}
