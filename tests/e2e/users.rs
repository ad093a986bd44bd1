use crate::support::TestApp;
use serde_json::json;

#[tokio::test]
async fn admin_creates_a_user_changes_the_role_and_deactivation_ends_logins() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin@demo.local").await;
    let (_, orgs) = app.get(Some(&admin), "/api/v1/organizations").await;
    let p2 = orgs["items"].as_array().unwrap().iter().find(|o| o["name"] == "Производство Новосибирск").unwrap()["id"].clone();
    let (s, u) = app
        .post(Some(&admin), "/api/v1/users", json!({"email": "Novy@Demo.Local", "full_name": "Новый Сотрудник", "role": "production", "organization_id": p2, "password": "secret-123"}))
        .await;
    assert_eq!(s, 201, "{u}");
    assert_eq!(u["email"], "novy@demo.local");
    let (s, body) = app
        .post(Some(&admin), "/api/v1/users", json!({"email": "novy@demo.local", "full_name": "Дубль", "role": "manager", "organization_id": p2, "password": "secret-123"}))
        .await;
    assert_eq!((s, body["errors"][0]["field"].as_str(), body["errors"][0]["code"].as_str()), (422, Some("email"), Some("taken")));
    let (s, body) = app.post(Some(&admin), "/api/v1/users", json!({"email": "x", "full_name": "", "role": "boss", "organization_id": p2, "password": "1"})).await;
    assert_eq!(s, 422);
    let fields: Vec<_> = body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["email", "full_name", "role", "password"]);
    // The new user logs in and sees production2's data only.
    let (s, pair) = app.post(None, "/api/v1/auth/login", json!({"email": "novy@demo.local", "password": "secret-123"})).await;
    assert_eq!(s, 200);
    let (_, me) = app.get(Some(pair["access_token"].as_str().unwrap()), "/api/v1/me").await;
    assert_eq!(me["organization"]["id"], p2);
    let path = format!("/api/v1/users/{}", u["id"].as_str().unwrap());
    let (s, edited) = app.send(Some(&admin), reqwest::Method::PATCH, &path, Some(json!({"version": 1, "is_active": false}))).await;
    assert_eq!((s, edited["is_active"].as_bool(), edited["version"].as_i64()), (200, Some(false), Some(2)));
    assert_eq!(app.send(Some(&admin), reqwest::Method::PATCH, &path, Some(json!({"version": 1, "full_name": "Опоздал"}))).await.0, 409);
    assert_eq!(app.post(None, "/api/v1/auth/login", json!({"email": "novy@demo.local", "password": "secret-123"})).await.0, 401);
    assert_eq!(app.post(None, "/api/v1/auth/refresh", json!({"refresh_token": pair["refresh_token"]})).await.0, 401);
    let (_, page) = app.get(Some(&admin), "/api/v1/users?limit=5").await;
    assert_eq!(page["items"].as_array().unwrap().len(), 5);
    let (_, next) = app.get(Some(&admin), &format!("/api/v1/users?limit=50&cursor={}", page["next_cursor"].as_str().unwrap())).await;
    assert_eq!(next["items"].as_array().unwrap().len(), 14 - 5, "13 demo users + 1 new, no overlap");
}

#[tokio::test]
async fn only_admins_manage_users_and_unknown_ones_are_404() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin@demo.local").await;
    let (_, me) = app.get(Some(&admin), "/api/v1/me").await;
    let admin_path = format!("/api/v1/users/{}", me["id"].as_str().unwrap());
    for who in ["manager@demo.local", "management@demo.local", "production1@demo.local"] {
        let t = app.login(who).await;
        assert_eq!(app.get(Some(&t), "/api/v1/users").await.0, 403, "{who}");
        assert_eq!(app.get(Some(&t), &admin_path).await.0, 403, "{who}");
        assert_eq!(app.send(Some(&t), reqwest::Method::PATCH, &admin_path, Some(json!({"version": 1, "role": "manager"}))).await.0, 403);
        assert_eq!(app.post(Some(&t), "/api/v1/users", json!({"email": "a@b.ru", "full_name": "A", "role": "admin", "organization_id": me["organization"]["id"], "password": "12345678"})).await.0, 403);
    }
    assert_eq!(app.get(Some(&admin), &format!("/api/v1/users/{}", uuid::Uuid::new_v4())).await.0, 404);
    let (s, body) = app.send(Some(&admin), reqwest::Method::PATCH, &admin_path, Some(json!({"version": 1, "is_active": false}))).await;
    assert_eq!((s, body["errors"][0]["code"].as_str()), (422, Some("not_allowed")), "an admin cannot lock itself out");
}
