use crate::support::{PASSWORD, TestApp};
use serde_json::json;

#[tokio::test]
async fn login_returns_a_token_that_identifies_the_user() {
    let app = TestApp::spawn().await;
    let token = app.login("manager@demo.local").await;
    let (s, me) = app.get(Some(&token), "/api/v1/me").await;
    assert_eq!(s, 200);
    assert_eq!(me["email"], "manager@demo.local");
    assert_eq!(me["role"], "manager");
    assert_eq!(me["organization"]["kind"], "head");
    let perms: Vec<&str> = me["permissions"].as_array().unwrap().iter().filter_map(|p| p.as_str()).collect();
    assert!(perms.contains(&"clients.write"));
    assert!(!perms.contains(&"users.manage"));
}

#[tokio::test]
async fn wrong_password_is_refused_as_problem_json() {
    let app = TestApp::spawn().await;
    let resp = app
        .http
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"email": "manager@demo.local", "password": "wrong"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 401);
    assert_eq!(resp.headers()["content-type"], "application/problem+json");
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(body["code"], "invalid_credentials");
}

#[tokio::test]
async fn repeated_failed_logins_are_rate_limited_per_account() {
    let app = TestApp::spawn().await;
    for _ in 0..5 {
        let (s, _) = app.post(None, "/api/v1/auth/login", json!({"email": "accountant@demo.local", "password": "nope"})).await;
        assert_eq!(s, 401);
    }
    // Even the right password waits now.
    let resp = app
        .http
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"email": "accountant@demo.local", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 429);
    let wait: u64 = resp.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!(wait > 0 && wait <= 300);
}

#[tokio::test]
async fn requests_without_or_with_a_forged_token_are_unauthorized() {
    let app = TestApp::spawn().await;
    let (s, body) = app.get(None, "/api/v1/clients").await;
    assert_eq!((s, body["code"].as_str()), (401, Some("unauthorized")));
    let (s, _) = app.get(Some("eyJhbGciOiJIUzI1NiJ9.e30.forged"), "/api/v1/me").await;
    assert_eq!(s, 401);
}

#[tokio::test]
async fn refresh_tokens_rotate_and_a_reused_one_ends_the_session() {
    let app = TestApp::spawn().await;
    let (s, first) = app.post(None, "/api/v1/auth/login", json!({"email": "manager@demo.local", "password": PASSWORD})).await;
    assert_eq!(s, 200);
    let old = first["refresh_token"].as_str().unwrap().to_owned();
    let (s, second) = app.post(None, "/api/v1/auth/refresh", json!({"refresh_token": old})).await;
    assert_eq!(s, 200, "{second}");
    let newer = second["refresh_token"].as_str().unwrap().to_owned();
    assert_ne!(newer, old);
    assert_eq!(app.get(Some(second["access_token"].as_str().unwrap()), "/api/v1/me").await.0, 200);
    // Replaying the old token is refused and revokes the family, so the newer one dies too.
    let (s, body) = app.post(None, "/api/v1/auth/refresh", json!({"refresh_token": old})).await;
    assert_eq!((s, body["code"].as_str()), (401, Some("invalid_refresh_token")));
    assert_eq!(app.post(None, "/api/v1/auth/refresh", json!({"refresh_token": newer})).await.0, 401);
}

#[tokio::test]
async fn logout_revokes_the_refresh_token() {
    let app = TestApp::spawn().await;
    let (_, pair) = app.post(None, "/api/v1/auth/login", json!({"email": "analyst@demo.local", "password": PASSWORD})).await;
    let rt = pair["refresh_token"].clone();
    assert_eq!(app.post(None, "/api/v1/auth/logout", json!({"refresh_token": rt})).await.0, 204);
    assert_eq!(app.post(None, "/api/v1/auth/refresh", json!({"refresh_token": rt})).await.0, 401);
}
