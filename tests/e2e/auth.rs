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
async fn a_guesser_slows_down_only_their_own_address_and_never_locks_the_owner_out() {
    let app = TestApp::spawn().await;
    let (attacker, owner) = ("203.0.113.7", "198.51.100.20");
    app.set_clock(chrono::Utc::now());
    for _ in 0..4 {
        let (s, body, _) = app.login_from(attacker, "accountant@demo.local", "nope").await;
        assert_eq!((s, body["code"].as_str()), (401, Some("invalid_credentials")));
    }
    // The guesser waits, even with the right password…
    let (s, body, retry) = app.login_from(attacker, "accountant@demo.local", PASSWORD).await;
    assert_eq!((s, body["code"].as_str(), retry), (429, Some("too_many_attempts"), Some(1)));
    // …and each further failure doubles the wait.
    app.advance_clock(chrono::Duration::seconds(1));
    assert_eq!(app.login_from(attacker, "accountant@demo.local", "nope").await.0, 401);
    assert_eq!(app.login_from(attacker, "accountant@demo.local", "nope").await.2, Some(2));
    // The owner, from their own address, logs in as ever; so does another account from the guesser's.
    assert_eq!(app.login_from(owner, "accountant@demo.local", PASSWORD).await.0, 200);
    assert_eq!(app.login_from(attacker, "analyst@demo.local", PASSWORD).await.0, 200);
    // Once the wait is over the right password works from anywhere.
    app.advance_clock(chrono::Duration::seconds(2));
    assert_eq!(app.login_from(attacker, "accountant@demo.local", PASSWORD).await.0, 200);
}

#[tokio::test]
async fn an_address_failing_across_many_accounts_is_stopped() {
    let app = TestApp::spawn().await;
    app.set_clock(chrono::Utc::now());
    let stuffer = "192.0.2.99";
    for i in 0..30 {
        let (s, _, _) = app.login_from(stuffer, &format!("nobody{i}@example.com"), "123456").await;
        assert_eq!(s, 401, "attempt {i}");
    }
    let (s, _, retry) = app.login_from(stuffer, "manager@demo.local", PASSWORD).await;
    assert_eq!(s, 429);
    assert!(retry.is_some_and(|r| r > 0 && r <= 600), "{retry:?}");
    assert_eq!(app.login_from("192.0.2.100", "manager@demo.local", PASSWORD).await.0, 200, "everyone else logs in");
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
