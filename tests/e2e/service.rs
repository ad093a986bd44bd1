use crate::support::TestApp;

#[tokio::test]
async fn health_readiness_spec_and_docs_are_served() {
    let app = TestApp::spawn().await;
    assert_eq!(app.get(None, "/healthz").await.0, 200);
    assert_eq!(app.get(None, "/readyz").await.0, 200);
    let (s, spec) = app.get(None, "/api/v1/openapi.json").await;
    assert_eq!(s, 200);
    assert!(spec["paths"]["/api/v1/clients"].is_object());
    let docs = app.http.get(app.url("/api/docs/")).send().await.unwrap();
    assert_eq!(docs.status().as_u16(), 200);
    let typed = app.http.get(app.url("/api/docs")).send().await.unwrap();
    assert_eq!((typed.status().as_u16(), typed.url().path()), (200, "/api/docs/"), "the address without the slash leads to the docs");
    let (s, body) = app.get(None, "/api/v1/no-such-thing").await;
    assert_eq!((s, body["code"].as_str()), (404, Some("not_found")));
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_responses_carry_a_request_id() {
    let app = TestApp::spawn().await;
    let r = app.http.get(app.url("/healthz")).send().await.unwrap();
    assert!(!r.headers()["x-request-id"].is_empty());
    app.get(None, "/api/v1/clients").await; // 401, still counted
    let text = app.http.get(app.url("/metrics")).send().await.unwrap().text().await.unwrap();
    assert!(text.contains(r#"tessera_http_requests_total{method="GET",route="/healthz",status="200"} 1"#), "{text}");
    assert!(text.contains(r#"route="/api/v1/clients",status="401""#), "{text}");
}

/// The web app's files: hashed assets cached for a year, the HTML revalidated on every load, and
/// both gzip-compressed for a browser that asks.
#[tokio::test]
async fn the_web_app_is_served_compressed_with_the_right_cache_rules() {
    let app = TestApp::spawn().await;
    let assets = app.static_dir().join("assets");
    std::fs::create_dir_all(&assets).unwrap();
    std::fs::write(assets.join("index-AbC123.js"), "console.log('tessera');".repeat(200)).unwrap();
    std::fs::write(app.static_dir().join("index.html"), "<!doctype html><title>Tessera</title>".repeat(20)).unwrap();

    let js = app.http.get(app.url("/assets/index-AbC123.js")).header("Accept-Encoding", "gzip").send().await.unwrap();
    assert_eq!(js.status().as_u16(), 200);
    assert_eq!(js.headers()["cache-control"], "public, max-age=31536000, immutable");
    assert_eq!(js.headers()["content-encoding"], "gzip");
    let page = app.http.get(app.url("/deals/some-deal")).header("Accept-Encoding", "gzip").send().await.unwrap();
    assert_eq!((page.status().as_u16(), page.headers()["cache-control"].to_str().unwrap()), (200, "no-cache"), "the SPA's index for its routes");
    // An asset of an older build is a 404, not the app's HTML cached for a year as JavaScript.
    let missing = app.http.get(app.url("/assets/gone-123.js")).send().await.unwrap();
    assert_eq!(missing.status().as_u16(), 404);
    assert!(missing.headers().get("cache-control").is_none_or(|v| v != "public, max-age=31536000, immutable"));
}
