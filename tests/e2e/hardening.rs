//! Issue 8, tried as an attacker and an integrator would: every bad input is a 422 naming its
//! field and saves nothing; the defects schema fuzzing found stay fixed.
use crate::support::{PASSWORD, TestApp, errors, fresh_inn, pairs, s};
use serde_json::{Value, json};

async fn count(app: &TestApp, token: &str, path: &str) -> usize {
    app.ok(token, path).await["items"].as_array().map_or(0, Vec::len)
}

fn refused(st: u16, body: &Value) -> Vec<(String, String)> {
    assert_eq!((st, body["code"].as_str()), (422, Some("validation_failed")), "{body}");
    errors(body)
}

#[tokio::test]
async fn a_body_that_does_not_fit_its_type_is_a_422_naming_the_field_and_nothing_is_saved() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let (clients, leads) = (count(&app, &manager, "/api/v1/clients?limit=200").await, count(&app, &manager, "/api/v1/leads?limit=200").await);
    let tasks = count(&app, &manager, "/api/v1/tasks?view=mine").await;

    let (st, body) = app.post(Some(&manager), "/api/v1/clients", json!({"name": "Без вида"})).await;
    assert_eq!(pairs(&refused(st, &body)), [("person_kind", "required")]);
    for (field, value, code) in [
        ("title", json!(12345), "invalid_type"),
        ("phone", json!(79001234567u64), "invalid_type"),
        ("stage", json!("converted"), "unknown_field"),
    ] {
        let mut lead = json!({"channel": "site", "phone": "+79001234567"});
        lead[field] = value;
        let (st, body) = app.post(Some(&manager), "/api/v1/leads", lead).await;
        assert_eq!(pairs(&refused(st, &body)), [(field, code)], "{field}");
        assert!(body["errors"][0]["message"].as_str().is_some_and(|m| m.chars().any(|c| ('а'..='я').contains(&c))), "in Russian: {body}");
    }

    let client = app.client_named(&manager, "ООО «ДачаСтрой»").await;
    let deal = app.new_deal(&manager, s(&client, "id"), json!({})).await;
    let path = format!("/api/v1/deals/{}", s(&deal, "id"));
    let (st, body) = app.patch(&manager, &path, json!({"version": 1, "review_score": "девять"})).await;
    assert_eq!(pairs(&refused(st, &body)), [("review_score", "invalid_type")]);
    let (st, body) = app.patch(&manager, &path, json!({"version": "пять", "title": "x"})).await;
    assert_eq!(pairs(&refused(st, &body)), [("version", "invalid_type")]);
    let (st, body) = app.patch(&manager, &path, json!({"version": 1, "promised_payment_date": "2025-02-30"})).await;
    assert_eq!(pairs(&refused(st, &body)), [("promised_payment_date", "invalid_value")]);

    // An integrator's typo — or a manager trying to approve requisites — is named, not ignored.
    let cp = &client["counterparties"][0];
    let (st, body) = app.patch(&manager, &format!("/api/v1/counterparties/{}", s(cp, "id")), json!({"version": cp["version"], "approved": true})).await;
    assert_eq!(pairs(&refused(st, &body)), [("approved", "unknown_field")]);

    // Dates outside 2000–2099 are typos, not records (and no database has to store them).
    let accountant = app.as_role("accountant").await;
    for date in ["0001-01-01", "1900-05-01", "9999-12-31", "-262143-01-01"] {
        let (st, body) = app.post(Some(&accountant), &format!("{path}/payments"), json!({"amount": "100.00", "paid_on": date})).await;
        assert_eq!(pairs(&refused(st, &body)), [("paid_on", "out_of_range")], "{date}");
    }
    let (st, body) = app.patch(&manager, &path, json!({"version": 1, "promised_payment_date": "2100-01-01"})).await;
    assert_eq!(pairs(&refused(st, &body)), [("promised_payment_date", "out_of_range")]);
    let (st, body) = app.post(Some(&manager), "/api/v1/tasks", json!({"kind": "call", "title": "Позвонить", "due_at": "0001-01-01T00:00:00Z"})).await;
    assert_eq!(pairs(&refused(st, &body)), [("due_at", "out_of_range")]);

    assert_eq!(app.card(&manager, "deals", s(&deal, "id")).await["version"], 1, "nothing was saved");
    assert_eq!(count(&app, &manager, "/api/v1/clients?limit=200").await, clients);
    assert_eq!(count(&app, &manager, "/api/v1/leads?limit=200").await, leads);
    assert_eq!(count(&app, &manager, "/api/v1/tasks?view=mine").await, tasks + 1, "only the new deal's own first task");
}

#[tokio::test]
async fn a_clients_manager_must_be_a_person_the_caller_can_see() {
    let app = TestApp::spawn().await;
    let p2 = app.as_role("production2").await;
    let head_manager = app.user_id("manager@demo.local").await;
    for manager in [head_manager.clone(), uuid::Uuid::new_v4().to_string()] {
        let (st, body) = app.post(Some(&p2), "/api/v1/clients", json!({"name": "ООО «Чужой менеджер»", "person_kind": "legal", "manager_id": manager})).await;
        assert_eq!(pairs(&refused(st, &body)), [("manager_id", "not_found")], "{manager}");
    }
    let (st, created) = app.post(Some(&p2), "/api/v1/clients", json!({"name": "ООО «Свой менеджер»", "person_kind": "legal"})).await;
    assert_eq!(st, 201, "{created}");
    let (st, body) = app.patch(&p2, &format!("/api/v1/clients/{}", s(&created, "id")), json!({"version": 1, "manager_id": head_manager})).await;
    assert_eq!(pairs(&refused(st, &body)), [("manager_id", "not_found")]);
    assert_eq!(app.ok(&p2, &format!("/api/v1/clients/{}", s(&created, "id"))).await["version"], 1);
}

#[tokio::test]
async fn a_nul_character_is_refused_in_a_body_and_in_a_query_on_both_databases() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    for path in ["/api/v1/clients?q=a%00b", "/api/v1/leads?q=a%00b", "/api/v1/deals?q=%00"] {
        let (st, body) = app.get(Some(&manager), path).await;
        assert_eq!(pairs(&refused(st, &body)), [("q", "invalid_characters")], "{path}");
    }
    let (st, body) = app.post(Some(&manager), "/api/v1/clients", json!({"name": "ООО «A\u{0}B»", "person_kind": "legal"})).await;
    assert_eq!(pairs(&refused(st, &body)), [("name", "invalid_characters")]);
    let (st, body) = app.post(Some(&manager), "/api/v1/leads", json!({"channel": "site", "phone": "+79001234567", "utm": {"source": "\u{0}"}})).await;
    assert_eq!(pairs(&refused(st, &body)), [("utm.source", "invalid_characters")]);
}

#[tokio::test]
async fn a_cursor_the_server_did_not_issue_is_refused_not_taken_for_the_first_page() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    for path in ["/api/v1/clients?cursor=garbage", "/api/v1/leads?cursor=bm90LWEtY3Vyc29y", "/api/v1/tasks?view=mine&cursor=x"] {
        let (st, body) = app.get(Some(&manager), path).await;
        assert_eq!(pairs(&refused(st, &body)), [("cursor", "invalid_value")], "{path}");
    }
}

#[tokio::test]
async fn the_board_answers_when_open_and_lost_cards_meet() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    for i in 0..21 {
        let lead = app.new_lead(&manager, json!({"contact_name": format!("Клиент {i}")})).await;
        if i % 2 == 1 {
            let (st, body) = app
                .post(Some(&manager), &format!("/api/v1/leads/{}/move", s(&lead, "id")), json!({"version": lead["version"], "to": "lost", "loss": {"reason": "postponed"}}))
                .await;
            assert_eq!(st, 200, "{body}");
        }
    }
    let leads = app.pipeline_id(&manager, "leads").await;
    let board = app.ok(&manager, &format!("/api/v1/pipelines/{leads}/board")).await;
    let column = |code: &str| board["columns"].as_array().unwrap().iter().find(|c| c["stage"] == code).cloned().unwrap();
    assert_eq!((column("received")["count"].as_i64(), column("lost")["count"].as_i64()), (Some(11), Some(10)));
}

#[tokio::test]
async fn sessions_end_at_once_when_an_account_changes() {
    let app = TestApp::spawn().await;
    let admin = app.as_role("admin").await;

    // Deactivation.
    let manager = app.as_role("manager").await;
    let path = format!("/api/v1/users/{}", app.user_id("manager@demo.local").await);
    let (st, _) = app.patch(&admin, &path, json!({"version": 1, "is_active": false})).await;
    assert_eq!(st, 200);
    assert_eq!(app.get(Some(&manager), "/api/v1/me").await.0, 401);
    assert_eq!(app.post(Some(&manager), "/api/v1/leads", json!({"channel": "site", "phone": "+79001234567"})).await.0, 401);

    // A demoted admin keeps no admin rights: the old token is refused outright.
    let (st, second) = app
        .post(Some(&admin), "/api/v1/users", json!({"email": "admin2@demo.local", "full_name": "Второй админ", "role": "admin",
            "organization_id": app.organization_id("ООО «АртПрайм»").await, "password": PASSWORD}))
        .await;
    assert_eq!(st, 201, "{second}");
    let admin2 = app.login("admin2@demo.local").await;
    assert_eq!(app.get(Some(&admin2), "/api/v1/users").await.0, 200);
    let (st, _) = app.patch(&admin, &format!("/api/v1/users/{}", s(&second, "id")), json!({"version": 1, "role": "analyst"})).await;
    assert_eq!(st, 200);
    assert_eq!(app.get(Some(&admin2), "/api/v1/users").await.0, 401);
    let again = app.login("admin2@demo.local").await;
    assert_eq!(app.get(Some(&again), "/api/v1/users").await.0, 403, "logged in again: an analyst now");

    // A new password ends the old access and refresh tokens.
    let (st, pair) = app.post(None, "/api/v1/auth/login", json!({"email": "analyst@demo.local", "password": PASSWORD})).await;
    assert_eq!(st, 200);
    let path = format!("/api/v1/users/{}", app.user_id("analyst@demo.local").await);
    let (st, _) = app.patch(&admin, &path, json!({"version": 1, "password": "новый-пароль-1"})).await;
    assert_eq!(st, 200);
    assert_eq!(app.get(Some(s(&pair, "access_token")), "/api/v1/me").await.0, 401);
    let (st, body) = app.post(None, "/api/v1/auth/refresh", json!({"refresh_token": pair["refresh_token"]})).await;
    assert_eq!((st, body["code"].as_str()), (401, Some("invalid_refresh_token")));
}

#[tokio::test]
async fn uploads_stop_at_the_limit_and_files_come_back_as_downloads() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let lead = app.new_lead(&manager, json!({})).await;
    let files = format!("/api/v1/leads/{}/files", s(&lead, "id"));
    let too_big = vec![b'x'; 25 * 1024 * 1024 + 1];
    let (st, body) = app.upload(&manager, &files, "big.bin", &too_big, "application/octet-stream").await;
    assert_eq!((st, body["code"].as_str()), (413, Some("payload_too_large")), "{body}");
    assert!(app.timeline(&manager, "leads", s(&lead, "id")).await.iter().all(|e| e["kind"] != "file"), "nothing recorded");

    let (st, page) = app.upload(&manager, &files, "page.html", b"<script>alert(1)</script>", "text/html").await;
    assert_eq!(st, 201, "{page}");
    let d = app.download(&manager, s(&page, "url")).await;
    assert_eq!((d.status, d.sniffing.as_str()), (200, "nosniff"));
    assert!(d.disposition.starts_with("attachment"), "{}", d.disposition);
    let (_, pdf) = app.upload(&manager, &files, "offer.pdf", b"%PDF-1.4", "application/pdf").await;
    let d = app.download(&manager, s(&pdf, "url")).await;
    assert!(d.disposition.starts_with("inline"), "a PDF previews in place: {}", d.disposition);
}

#[tokio::test]
async fn the_last_active_pipeline_of_a_kind_stays_on() {
    let app = TestApp::spawn().await;
    let admin = app.as_role("admin").await;
    let leads = app.pipeline_id(&admin, "leads").await;
    let (st, body) = app.put(&admin, &format!("/api/v1/pipelines/{leads}"), json!({"version": 1, "is_active": false})).await;
    assert_eq!(pairs(&refused(st, &body)), [("is_active", "last_active")]);
    let manager = app.as_role("manager").await;
    app.new_lead(&manager, json!({})).await;
}

#[tokio::test]
async fn accountants_read_clients_but_do_not_create_or_edit_them() {
    let app = TestApp::spawn().await;
    let accountant = app.as_role("accountant").await;
    let client = app.client_named(&accountant, "ООО «ДачаСтрой»").await;
    let (st, _) = app
        .post(Some(&accountant), "/api/v1/clients", json!({"name": "ООО «Бухгалтерия»", "person_kind": "legal",
            "counterparty": {"kind": "legal_entity", "name": "ООО «Бухгалтерия»", "inn": fresh_inn(), "kpp": "770101001"}}))
        .await;
    assert_eq!(st, 403);
    let (st, _) = app.patch(&accountant, &format!("/api/v1/clients/{}", s(&client, "id")), json!({"version": client["version"], "notes": "Нельзя"})).await;
    assert_eq!(st, 403);
}
