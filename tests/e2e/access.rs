//! Organization isolation and role rights, endpoint by endpoint.
use crate::support::{TestApp, fresh_inn};
use serde_json::json;

async fn head_and_production2_client_ids(app: &TestApp) -> (Vec<String>, Vec<String>) {
    let admin = app.login("admin@demo.local").await;
    let (_, orgs) = app.get(Some(&admin), "/api/v1/organizations").await;
    let org_of = |name: &str| {
        orgs["items"].as_array().unwrap().iter().find(|o| o["name"] == name).unwrap()["id"].as_str().unwrap().to_owned()
    };
    let head = org_of("ООО «АртПрайм»");
    let p2 = org_of("Производство Новосибирск");
    let (_, all) = app.get(Some(&admin), "/api/v1/clients?limit=200").await;
    let ids_of = |org: &str| {
        all["items"].as_array().unwrap().iter().filter(|c| c["organization_id"] == org).map(|c| c["id"].as_str().unwrap().to_owned()).collect()
    };
    (ids_of(&head), ids_of(&p2))
}

#[tokio::test]
async fn production_user_sees_only_its_own_clients_and_organization() {
    let app = TestApp::spawn().await;
    let (head, p2) = head_and_production2_client_ids(&app).await;
    let t = app.login("production1@demo.local").await;
    let mine = app.client_ids(&t).await;
    assert_eq!(mine.len(), 2, "production1 owns two demo clients");
    assert!(mine.iter().all(|id| !head.contains(id) && !p2.contains(id)));
    let (_, orgs) = app.get(Some(&t), "/api/v1/organizations").await;
    assert_eq!(orgs["items"].as_array().unwrap().len(), 1);
    assert_eq!(orgs["items"][0]["name"], "Производство Екатеринбург");
}

#[tokio::test]
async fn another_organizations_rows_are_404_on_every_endpoint() {
    let app = TestApp::spawn().await;
    let (head, p2) = head_and_production2_client_ids(&app).await;
    let admin = app.login("admin@demo.local").await;
    let (_, orgs) = app.get(Some(&admin), "/api/v1/organizations").await;
    let head_org = orgs["items"][0]["id"].as_str().unwrap().to_owned();
    let t = app.login("production1@demo.local").await;
    for id in head.iter().chain(p2.iter()) {
        let (s, body) = app.get(Some(&t), &format!("/api/v1/clients/{id}")).await;
        assert_eq!((s, body["code"].as_str()), (404, Some("not_found")), "client {id}");
    }
    let (s, _) = app.get(Some(&t), &format!("/api/v1/organizations/{head_org}")).await;
    assert_eq!(s, 404);
    // Creating a client in someone else's organization is as if it did not exist.
    let (s, _) = app
        .post(Some(&t), "/api/v1/clients", json!({"name": "Чужой", "person_kind": "legal", "organization_id": head_org}))
        .await;
    assert_eq!(s, 404);
    // "Similar" never reveals another organization's client: the head company's demo client by phone.
    let (s, found) = app.get(Some(&t), "/api/v1/clients/similar?phone=%2B74951234501").await;
    assert_eq!((s, found["items"].clone()), (200, json!([])));
}

#[tokio::test]
async fn roles_without_the_right_get_403_on_every_endpoint() {
    let app = TestApp::spawn().await;
    let (head, _) = head_and_production2_client_ids(&app).await;
    let warehouse = app.login("warehouse@demo.local").await; // no clients.read
    for path in ["/api/v1/clients".to_owned(), format!("/api/v1/clients/{}", head[0]), "/api/v1/clients/similar?phone=1".to_owned()] {
        let (s, body) = app.get(Some(&warehouse), &path).await;
        assert_eq!((s, body["code"].as_str()), (403, Some("forbidden")), "{path}");
    }
    let analyst = app.login("analyst@demo.local").await; // reads, never writes
    let (s, _) = app.get(Some(&analyst), "/api/v1/clients").await;
    assert_eq!(s, 200);
    let (s, _) = app
        .post(Some(&analyst), "/api/v1/clients", json!({"name": "Нельзя", "person_kind": "legal",
            "counterparty": {"kind": "legal_entity", "name": "Нельзя", "inn": fresh_inn(), "kpp": "770101001"}}))
        .await;
    assert_eq!(s, 403);
}

#[tokio::test]
async fn production_user_creates_clients_only_in_its_own_organization() {
    let app = TestApp::spawn().await;
    let t = app.login("production1@demo.local").await;
    let (s, c) = app.post(Some(&t), "/api/v1/clients", json!({"name": "ООО «Свой»", "person_kind": "legal"})).await;
    assert_eq!(s, 201, "{c}");
    let (_, me) = app.get(Some(&t), "/api/v1/me").await;
    assert_eq!(c["organization_id"], me["organization"]["id"]);
    let p2 = app.login("production2@demo.local").await;
    let (s, _) = app.get(Some(&p2), &format!("/api/v1/clients/{}", c["id"].as_str().unwrap())).await;
    assert_eq!(s, 404);
}

#[tokio::test]
async fn edits_and_history_of_another_organizations_client_are_404_and_need_the_write_right() {
    let app = TestApp::spawn().await;
    let (head, _) = head_and_production2_client_ids(&app).await;
    let path = format!("/api/v1/clients/{}", head[0]);
    let p1 = app.login("production1@demo.local").await;
    assert_eq!(app.send(Some(&p1), reqwest::Method::PATCH, &path, Some(json!({"version": 1, "name": "Взлом"}))).await.0, 404);
    assert_eq!(app.get(Some(&p1), &format!("{path}/history")).await.0, 404);
    let analyst = app.login("analyst@demo.local").await;
    assert_eq!(app.send(Some(&analyst), reqwest::Method::PATCH, &path, Some(json!({"version": 1, "name": "Нельзя"}))).await.0, 403);
    let warehouse = app.login("warehouse@demo.local").await;
    assert_eq!(app.get(Some(&warehouse), &format!("{path}/history")).await.0, 403);
    let admin = app.login("admin@demo.local").await;
    let (_, card) = app.get(Some(&admin), &path).await;
    assert_eq!(card["version"], 1, "nothing was changed by the refused edits");
}
