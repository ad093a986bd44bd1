//! Prometheus metrics: request counts and latencies by route pattern, method and status.
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpResponse, get};
use prometheus::{Encoder, HistogramOpts, HistogramVec, IntCounterVec, Opts, Registry, TextEncoder};
use std::sync::LazyLock;

struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
}

static METRICS: LazyLock<Metrics> = LazyLock::new(|| {
    let registry = Registry::new_custom(Some("tessera".into()), None).expect("static registry config");
    let requests = IntCounterVec::new(Opts::new("http_requests_total", "HTTP requests"), &["method", "route", "status"]).expect("static metric");
    let latency = HistogramVec::new(HistogramOpts::new("http_request_duration_seconds", "HTTP request latency"), &["method", "route"]).expect("static metric");
    registry.register(Box::new(requests.clone())).expect("register once");
    registry.register(Box::new(latency.clone())).expect("register once");
    Metrics { registry, requests, latency }
});

/// Records every request; also echoes the tracing request id as `X-Request-Id`.
pub async fn track(req: ServiceRequest, next: Next<impl MessageBody>) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = std::time::Instant::now();
    let method = req.method().to_string();
    let request_id: Option<String> = req.extensions().get::<tracing_actix_web::RequestId>().map(|id| id.to_string());
    let mut res = next.call(req).await?;
    // The route pattern, not the path, so ids do not explode the label set.
    let route = res.request().match_pattern().unwrap_or_else(|| "unmatched".into());
    let m = &*METRICS;
    m.requests.with_label_values(&[method.as_str(), route.as_str(), res.status().as_str()]).inc();
    m.latency.with_label_values(&[method.as_str(), route.as_str()]).observe(started.elapsed().as_secs_f64());
    if let Some(id) = request_id.and_then(|id| actix_web::http::header::HeaderValue::from_str(&id).ok()) {
        res.headers_mut().insert(actix_web::http::header::HeaderName::from_static("x-request-id"), id);
    }
    Ok(res)
}

#[utoipa::path(tag = "service", security(()), responses((status = 200, description = "Prometheus text exposition", content_type = "text/plain")))]
#[get("/metrics")]
pub async fn metrics() -> HttpResponse {
    let mut buf = vec![];
    if let Err(e) = TextEncoder::new().encode(&METRICS.registry.gather(), &mut buf) {
        tracing::error!(error = %e, "metrics encoding");
        return HttpResponse::InternalServerError().finish();
    }
    HttpResponse::Ok().content_type("text/plain; version=0.0.4").body(buf)
}
