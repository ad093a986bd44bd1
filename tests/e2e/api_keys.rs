use crate::support::TestApp;
use serde_json::json;

#[tokio::test]
async fn an_integrator_key_is_shown_once_bound_to_its_organization_and_revocable() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin@demo.local").await;
    let (_, orgs) = app.get(Some(&admin), "/api/v1/organizations").await;
    let p1 = orgs["items"].as_array().unwrap().iter().find(|o| o["name"] == "Производство Екатеринбург").unwrap()["id"].clone();
    let (s, created) = app.post(Some(&admin), "/api/v1/api-keys", json!({"name": "1С Екатеринбург", "role": "production", "organization_id": p1})).await;
    assert_eq!(s, 201, "{created}");
    let secret = created["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("tsk_"));
    let (_, list) = app.get(Some(&admin), "/api/v1/api-keys").await;
    assert!(!list.to_string().contains(&secret), "the secret is never listed");
    // Bearer and X-Api-Key both work, and the key sees only its organization's clients.
    let by_header = app.http.get(app.url("/api/v1/clients")).header("X-Api-Key", &secret).send().await.unwrap();
    let page: serde_json::Value = by_header.json().await.unwrap();
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
    assert!(page["items"].as_array().unwrap().iter().all(|c| c["organization_id"] == p1));
    let (s, c) = app.post(Some(&secret), "/api/v1/clients", json!({"name": "ООО «Из интеграции»", "person_kind": "legal"})).await;
    assert_eq!((s, c["organization_id"].clone()), (201, p1.clone()));
    let (_, history) = app.get(Some(&secret), &format!("/api/v1/clients/{}/history", c["id"].as_str().unwrap())).await;
    assert_eq!(history["items"][0]["actor_name"], "API-ключ «1С Екатеринбург»");
    let id = created["api_key"]["id"].as_str().unwrap();
    assert_eq!(app.send(Some(&admin), reqwest::Method::DELETE, &format!("/api/v1/api-keys/{id}"), None).await.0, 204);
    assert_eq!(app.get(Some(&secret), "/api/v1/clients").await.0, 401);
}

#[tokio::test]
async fn only_admins_manage_keys_and_unknown_ones_are_404() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin@demo.local").await;
    let (_, me) = app.get(Some(&admin), "/api/v1/me").await;
    let org = me["organization"]["id"].clone();
    for who in ["manager@demo.local", "production1@demo.local"] {
        let t = app.login(who).await;
        assert_eq!(app.get(Some(&t), "/api/v1/api-keys").await.0, 403, "{who}");
        assert_eq!(app.post(Some(&t), "/api/v1/api-keys", json!({"name": "x", "role": "admin", "organization_id": org})).await.0, 403);
        assert_eq!(app.send(Some(&t), reqwest::Method::DELETE, &format!("/api/v1/api-keys/{}", uuid::Uuid::new_v4()), None).await.0, 403);
    }
    assert_eq!(app.send(Some(&admin), reqwest::Method::DELETE, &format!("/api/v1/api-keys/{}", uuid::Uuid::new_v4()), None).await.0, 404);
    let (s, body) = app.post(Some(&admin), "/api/v1/api-keys", json!({"name": "", "role": "boss", "organization_id": org})).await;
    assert_eq!(s, 422);
    let fields: Vec<_> = body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["name", "role"]);
}
