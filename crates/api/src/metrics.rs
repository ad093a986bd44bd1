//! Prometheus metrics: request counts and latencies by route pattern, method and status; and the
//! request's root span, which finds the route pattern once for both.
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

/// The route pattern a request matched (`/api/v1/deals/{id}`), found once per request.
#[derive(Clone)]
struct Route(String);

/// The request's root span: tracing-actix-web's fields that matter here (method, route, target,
/// client address, request id, then status and error), the route found once and kept for the
/// metrics (matching it against every route is a regular expression each, and the default span
/// did it again for every request).
pub struct RequestSpan;

impl tracing_actix_web::RootSpanBuilder for RequestSpan {
    fn on_request_start(request: &ServiceRequest) -> tracing::Span {
        let route = request.match_pattern().unwrap_or_else(|| "unmatched".into());
        let request_id = request.extensions().get::<tracing_actix_web::RequestId>().map(|id| id.to_string()).unwrap_or_default();
        let span = tracing::info_span!(
            "HTTP request",
            http.method = %request.method(),
            http.route = %route,
            http.target = %request.uri().path_and_query().map(|p| p.as_str()).unwrap_or(""),
            http.client_ip = %request.peer_addr().map(|a| a.ip().to_string()).unwrap_or_default(),
            request_id = %request_id,
            http.status_code = tracing::field::Empty,
            otel.status_code = tracing::field::Empty,
            exception.message = tracing::field::Empty,
            exception.details = tracing::field::Empty,
        );
        request.extensions_mut().insert(Route(route));
        span
    }

    fn on_request_end<B: MessageBody>(span: tracing::Span, outcome: &Result<ServiceResponse<B>, actix_web::Error>) {
        tracing_actix_web::DefaultRootSpanBuilder::on_request_end(span, outcome);
    }
}

/// Records every request; also echoes the tracing request id as `X-Request-Id`.
pub async fn track(req: ServiceRequest, next: Next<impl MessageBody>) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = std::time::Instant::now();
    let method = req.method().to_string();
    let request_id: Option<String> = req.extensions().get::<tracing_actix_web::RequestId>().map(|id| id.to_string());
    let mut res = next.call(req).await?;
    // The route pattern, not the path, so ids do not explode the label set.
    let route = res.request().extensions().get::<Route>().map_or_else(|| "unmatched".to_owned(), |r| r.0.clone());
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
