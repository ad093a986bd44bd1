//! Organization isolation and role rights on every endpoint of the sales funnel: a production's
//! user gets 404 on the head company's cards, requests, tasks and files; a role without the right
//! gets 403; boards and lists show a production only its own cards.
use crate::support::{TestApp, day, ids, s};
use reqwest::Method;
use serde_json::{Value, json};

/// The head company's cards and everything hanging off them, made by its manager.
struct Head {
    lead: String,
    deal: String,
    /// The deal's delivery-cost request.
    delivery: String,
    /// The deal's design request.
    design: String,
    lead_file: String,
    deal_file: String,
    task: String,
    client: Value,
    leads_pipeline: String,
    deals_pipeline: String,
}

async fn head_cards(app: &TestApp) -> Head {
    let manager = app.as_role("manager").await;
    let lead = app.new_lead(&manager, json!({"company_name": "ООО «Головной лид»"})).await;
    let lead = s(&lead, "id").to_owned();
    let client = app.client_named(&manager, "ООО «СпортПлощадка»").await;
    let deal = app.new_deal(&manager, s(&client, "id"), json!({"title": "Головная сделка", "expected_revenue": "1000.00"})).await;
    let deal = s(&deal, "id").to_owned();
    let delivery = s(&app.deal_request(&manager, &deal, "delivery_cost").await, "id").to_owned();
    let (_, design) = app.post(Some(&manager), &format!("/api/v1/deals/{deal}/requests"), json!({"kind": "design"})).await;
    let (_, lead_file) = app.upload(&manager, &format!("/api/v1/leads/{lead}/files"), "бриф.txt", b"brief", "text/plain").await;
    let (_, deal_file) = app.upload(&manager, &format!("/api/v1/deals/{deal}/files"), "смета.txt", b"estimate", "text/plain").await;
    let task = app.card_tasks(&manager, &lead).await.into_iter().next().expect("first call");
    Head {
        design: s(&design, "id").to_owned(),
        lead_file: s(&lead_file, "id").to_owned(),
        deal_file: s(&deal_file, "id").to_owned(),
        task: s(&task, "id").to_owned(),
        leads_pipeline: app.pipeline_id(&manager, "leads").await,
        deals_pipeline: app.pipeline_id(&manager, "tile_sale").await,
        lead,
        deal,
        delivery,
        client,
    }
}

/// One call of the API; `FILE` as the body means a raw upload.
struct Call {
    method: Method,
    path: String,
    body: Option<Value>,
}

fn call(method: Method, path: impl Into<String>, body: Option<Value>) -> Call {
    Call { method, path: path.into(), body }
}

async fn status(app: &TestApp, token: &str, c: &Call) -> (u16, Value) {
    if c.body.as_ref().is_some_and(|b| b == "FILE") {
        return app.upload(token, &c.path, "файл.txt", b"data", "text/plain").await;
    }
    app.send(Some(token), c.method.clone(), &c.path, c.body.clone()).await
}

/// Every endpoint that addresses one of the head company's rows.
fn calls_on(h: &Head) -> Vec<Call> {
    let (l, d, r, rd) = (&h.lead, &h.deal, &h.delivery, &h.design);
    let moved = json!({"version": 1, "to": "in_work"});
    vec![
        call(Method::GET, format!("/api/v1/leads/{l}"), None),
        call(Method::PATCH, format!("/api/v1/leads/{l}"), Some(json!({"version": 1, "title": "Взлом"}))),
        call(Method::POST, format!("/api/v1/leads/{l}/move"), Some(moved.clone())),
        call(Method::POST, format!("/api/v1/leads/{l}/convert"), Some(json!({"version": 1}))),
        call(Method::POST, format!("/api/v1/leads/{l}/reopen"), Some(json!({"version": 1, "reason": "Взлом"}))),
        call(Method::GET, format!("/api/v1/leads/{l}/timeline"), None),
        call(Method::POST, format!("/api/v1/leads/{l}/comments"), Some(json!({"text": "Взлом"}))),
        call(Method::POST, format!("/api/v1/leads/{l}/files"), Some(json!("FILE"))),
        call(Method::GET, format!("/api/v1/deals/{d}"), None),
        call(Method::GET, format!("/api/v1/clients/{}/deal-totals", s(&h.client, "id")), None),
        call(Method::PATCH, format!("/api/v1/deals/{d}"), Some(json!({"version": 1, "title": "Взлом"}))),
        call(Method::POST, format!("/api/v1/deals/{d}/move"), Some(json!({"version": 1, "to": "lost", "loss": {"reason": "expensive"}}))),
        call(Method::POST, format!("/api/v1/deals/{d}/reopen"), Some(json!({"version": 1, "reason": "Взлом"}))),
        call(Method::GET, format!("/api/v1/deals/{d}/timeline"), None),
        call(Method::POST, format!("/api/v1/deals/{d}/comments"), Some(json!({"text": "Взлом"}))),
        call(Method::POST, format!("/api/v1/deals/{d}/files"), Some(json!("FILE"))),
        call(Method::POST, format!("/api/v1/deals/{d}/requests"), Some(json!({"kind": "design"}))),
        call(Method::GET, format!("/api/v1/requests/{r}"), None),
        call(Method::POST, format!("/api/v1/requests/{r}/take"), Some(json!({"version": 1}))),
        call(Method::POST, format!("/api/v1/requests/{r}/complete"), Some(json!({"version": 1, "cost": "1", "carrier": "X", "eta_date": day(1)}))),
        call(Method::POST, format!("/api/v1/requests/{r}/cancel"), Some(json!({"version": 1, "reason": "Взлом"}))),
        call(Method::POST, format!("/api/v1/requests/{r}/files"), Some(json!("FILE"))),
        call(Method::GET, format!("/api/v1/requests/{rd}"), None),
        call(Method::GET, format!("/api/v1/files/{}", h.lead_file), None),
        call(Method::GET, format!("/api/v1/files/{}", h.deal_file), None),
        call(Method::GET, format!("/api/v1/tasks/{}", h.task), None),
        call(Method::PATCH, format!("/api/v1/tasks/{}", h.task), Some(json!({"version": 1, "title": "Взлом"}))),
        call(Method::POST, format!("/api/v1/tasks/{}/complete", h.task), Some(json!({"version": 1}))),
        call(Method::GET, format!("/api/v1/tasks?view=card&subject_id={l}"), None),
        call(Method::GET, format!("/api/v1/tasks?view=card&subject_id={d}"), None),
        call(Method::POST, "/api/v1/tasks", Some(json!({"kind": "call", "title": "Взлом", "due_at": chrono::Utc::now().to_rfc3339(), "subject_type": "lead", "subject_id": l}))),
        call(Method::POST, "/api/v1/deals", Some(json!({"title": "Чужой клиент", "client_id": h.client["id"]}))),
    ]
}

/// Nothing the refused calls tried changed the head company's cards.
async fn untouched(app: &TestApp, h: &Head) {
    let manager = app.as_role("manager").await;
    let lead = app.card(&manager, "leads", &h.lead).await;
    let deal = app.card(&manager, "deals", &h.deal).await;
    assert_eq!((lead["version"].as_i64(), lead["stage"].as_str()), (Some(1), Some("received")));
    assert_eq!((deal["version"].as_i64(), deal["stage"].as_str()), (Some(1), Some("offer_task")));
    let statuses: Vec<&str> = deal["requests"].as_array().unwrap().iter().map(|r| s(r, "status")).collect();
    assert_eq!(statuses, ["open", "open"]);
    let tasks = app.card_tasks(&manager, &h.lead).await;
    assert_eq!((tasks.len(), tasks[0]["version"].as_i64()), (1, Some(1)));
    let kinds: Vec<String> = app.timeline(&manager, "deals", &h.deal).await.iter().map(|e| s(e, "kind").to_owned()).collect();
    assert!(!kinds.contains(&"comment".to_owned()), "{kinds:?}");
}

#[tokio::test]
async fn a_production_user_gets_404_on_every_head_company_card_request_task_and_file() {
    let app = TestApp::spawn().await;
    let h = head_cards(&app).await;
    let p1 = app.login("production1@demo.local").await;
    for c in calls_on(&h) {
        let (st, body) = status(&app, &p1, &c).await;
        assert_eq!((st, body["code"].as_str()), (404, Some("not_found")), "production1 {} {}: {body}", c.method, c.path);
    }
    // Creating a lead in the head company, or converting its own lead for the head company's client.
    let head = app.organization_id("ООО «АртПрайм»").await;
    let (st, _) = app.post(Some(&p1), "/api/v1/leads", json!({"channel": "site", "phone": "+79001112233", "organization_id": head})).await;
    assert_eq!(st, 404);
    let own = app.new_lead(&p1, json!({})).await;
    let oid = s(&own, "id");
    app.move_ok(&p1, "leads", oid, "in_work").await;
    app.move_ok(&p1, "leads", oid, "typical_offer_sent").await;
    let own = app.edit_ok(&p1, "leads", oid, json!({"price_range": "1 900 ₽", "offer_details": "60 м²", "agreed_individual_offer": true})).await;
    let (st, _) = app.post(Some(&p1), &format!("/api/v1/leads/{oid}/convert"), json!({"version": own["version"], "client_id": h.client["id"]})).await;
    assert_eq!(st, 404);
    assert_eq!(app.card(&p1, "leads", oid).await["status"], "open", "nothing was converted");
    untouched(&app, &h).await;
}

#[tokio::test]
async fn production_users_see_only_their_own_cards_on_boards_lists_queues_and_my_day() {
    let app = TestApp::spawn().await;
    let h = head_cards(&app).await;
    let p1 = app.login("production1@demo.local").await;
    let ural = app.client_named(&p1, "ООО «УралСпортСтрой»").await;
    let own_lead = app.new_lead(&p1, json!({"company_name": "Свой лид"})).await;
    let own_deal = app.new_deal(&p1, s(&ural, "id"), json!({"title": "Своя сделка", "expected_revenue": "500.00"})).await;
    assert_eq!(own_deal["organization_name"], "Производство Екатеринбург");

    assert_eq!(ids(&app.ok(&p1, "/api/v1/leads").await), [s(&own_lead, "id")]);
    assert_eq!(ids(&app.ok(&p1, "/api/v1/deals").await), [s(&own_deal, "id")]);
    let board = app.ok(&p1, &format!("/api/v1/pipelines/{}/board", h.deals_pipeline)).await;
    let first = &board["columns"][0];
    assert_eq!((first["count"].as_i64(), first["sum"].as_str()), (Some(1), Some("500.00")));
    assert_eq!(first["cards"][0]["id"], own_deal["id"]);
    let board = app.ok(&p1, &format!("/api/v1/pipelines/{}/board", h.leads_pipeline)).await;
    assert_eq!((board["columns"][0]["count"].as_i64(), board["columns"][0]["cards"][0]["id"].clone()), (Some(1), own_lead["id"].clone()));
    let requests = app.ok(&p1, "/api/v1/requests").await;
    assert_eq!(requests["items"].as_array().unwrap().len(), 1);
    assert_eq!(requests["items"][0]["deal_id"], own_deal["id"]);
    let my_day = app.ok(&p1, "/api/v1/tasks?view=mine").await;
    let subjects: Vec<&str> = my_day["items"].as_array().unwrap().iter().map(|t| s(t, "subject_id")).collect();
    assert_eq!(subjects, [s(&own_lead, "id"), s(&own_deal, "id")]);
    assert_eq!(app.ok(&p1, "/api/v1/tasks?view=queue").await["items"], json!([]));

    // The head company sees everything; another production sees none of it.
    let manager = app.as_role("manager").await;
    assert_eq!(app.ok(&manager, "/api/v1/leads").await["items"].as_array().unwrap().len(), 2);
    let board = app.ok(&manager, &format!("/api/v1/pipelines/{}/board", h.deals_pipeline)).await;
    assert_eq!((board["columns"][0]["count"].as_i64(), board["columns"][0]["sum"].as_str()), (Some(2), Some("1500.00")));
    let logistician = app.as_role("logistician").await;
    assert_eq!(app.ok(&logistician, "/api/v1/requests").await["items"].as_array().unwrap().len(), 2);
    let p2 = app.login("production2@demo.local").await;
    assert_eq!(app.ok(&p2, "/api/v1/deals").await["items"], json!([]));
    let board = app.ok(&p2, &format!("/api/v1/pipelines/{}/board", h.deals_pipeline)).await;
    assert!(board["columns"].as_array().unwrap().iter().all(|c| c["count"] == 0));
    assert_eq!(app.get(Some(&p2), &format!("/api/v1/deals/{}", s(&own_deal, "id"))).await.0, 404);
}

#[tokio::test]
async fn warehouse_and_quality_have_no_part_in_sales() {
    let app = TestApp::spawn().await;
    let h = head_cards(&app).await;
    let mut calls = calls_on(&h);
    calls.extend([
        call(Method::GET, "/api/v1/leads", None),
        call(Method::POST, "/api/v1/leads", Some(json!({"channel": "site", "phone": "+79001112233"}))),
        call(Method::GET, "/api/v1/deals", None),
        call(Method::GET, "/api/v1/requests", None),
        call(Method::GET, "/api/v1/pipelines", None),
        call(Method::GET, format!("/api/v1/pipelines/{}", h.deals_pipeline), None),
        call(Method::GET, format!("/api/v1/pipelines/{}/board", h.leads_pipeline), None),
        call(Method::GET, format!("/api/v1/pipelines/{}/board", h.deals_pipeline), None),
        call(Method::POST, format!("/api/v1/deals/{}/payments", h.deal), Some(json!({"amount": "1", "paid_on": day(0)}))),
    ]);
    for role in ["warehouse", "quality", "supply"] {
        let t = app.as_role(role).await;
        for c in &calls {
            let (st, body) = status(&app, &t, c).await;
            assert_eq!((st, body["code"].as_str()), (403, Some("forbidden")), "{role} {} {}: {body}", c.method, c.path);
        }
        // Their own tasks and the loss-reason dictionary stay open to them.
        assert_eq!(app.get(Some(&t), "/api/v1/tasks").await.0, 200);
        assert_eq!(app.get(Some(&t), "/api/v1/loss-reasons").await.0, 200);
    }
    untouched(&app, &h).await;
}

#[tokio::test]
async fn the_analyst_reads_everything_and_writes_nothing() {
    let app = TestApp::spawn().await;
    let h = head_cards(&app).await;
    let analyst = app.as_role("analyst").await;
    for path in [
        "/api/v1/leads".to_owned(),
        "/api/v1/deals".to_owned(),
        "/api/v1/requests".to_owned(),
        "/api/v1/pipelines".to_owned(),
        format!("/api/v1/pipelines/{}/board", h.leads_pipeline),
        format!("/api/v1/pipelines/{}/board", h.deals_pipeline),
        format!("/api/v1/leads/{}", h.lead),
        format!("/api/v1/leads/{}/timeline", h.lead),
        format!("/api/v1/deals/{}", h.deal),
        format!("/api/v1/deals/{}/timeline", h.deal),
        format!("/api/v1/requests/{}", h.delivery),
        format!("/api/v1/requests/{}", h.design),
        format!("/api/v1/files/{}", h.lead_file),
        format!("/api/v1/tasks/{}", h.task),
        format!("/api/v1/tasks?view=card&subject_id={}", h.deal),
    ] {
        assert_eq!(app.get(Some(&analyst), &path).await.0, 200, "analyst GET {path}");
    }
    let mut writes: Vec<Call> = calls_on(&h).into_iter().filter(|c| c.method != Method::GET).collect();
    writes.extend([
        call(Method::POST, "/api/v1/leads", Some(json!({"channel": "site", "phone": "+79001112233"}))),
        call(Method::POST, format!("/api/v1/deals/{}/payments", h.deal), Some(json!({"amount": "1", "paid_on": day(0)}))),
        call(Method::POST, format!("/api/v1/requests/{}/take", h.design), Some(json!({"version": 1}))),
    ]);
    for c in &writes {
        let (st, body) = status(&app, &analyst, c).await;
        assert_eq!((st, body["code"].as_str()), (403, Some("forbidden")), "analyst {} {}: {body}", c.method, c.path);
    }
    untouched(&app, &h).await;
}

#[tokio::test]
async fn the_logistician_sees_delivery_requests_only_and_the_designer_design_requests_only() {
    let app = TestApp::spawn().await;
    let h = head_cards(&app).await;
    let logistician = app.as_role("logistician").await;
    let designer = app.as_role("designer").await;
    // Neither reads deals or leads.
    for t in [&logistician, &designer] {
        for path in [
            "/api/v1/deals".to_owned(),
            "/api/v1/leads".to_owned(),
            "/api/v1/pipelines".to_owned(),
            format!("/api/v1/deals/{}", h.deal),
            format!("/api/v1/deals/{}/timeline", h.deal),
            format!("/api/v1/pipelines/{}/board", h.deals_pipeline),
            format!("/api/v1/files/{}", h.deal_file),
            format!("/api/v1/tasks?view=card&subject_id={}", h.deal),
        ] {
            assert_eq!(app.get(Some(t), &path).await.0, 403, "{path}");
        }
        let (st, _) = app.post(Some(t), &format!("/api/v1/deals/{}/move", h.deal), json!({"version": 1, "to": "delivery_cost_received"})).await;
        assert_eq!(st, 403);
        let (st, _) = app.post(Some(t), &format!("/api/v1/deals/{}/requests", h.deal), json!({"kind": "design"})).await;
        assert_eq!(st, 403);
    }
    // Each answers its own kind and gets 403 on the other's.
    for (t, own, other) in [(&logistician, &h.delivery, &h.design), (&designer, &h.design, &h.delivery)] {
        assert_eq!(app.get(Some(t), &format!("/api/v1/requests/{own}")).await.0, 200);
        for c in [
            call(Method::GET, format!("/api/v1/requests/{other}"), None),
            call(Method::POST, format!("/api/v1/requests/{other}/take"), Some(json!({"version": 1}))),
            call(Method::POST, format!("/api/v1/requests/{other}/complete"), Some(json!({"version": 1, "cost": "1", "carrier": "X", "eta_date": day(1)}))),
            call(Method::POST, format!("/api/v1/requests/{other}/cancel"), Some(json!({"version": 1, "reason": "Не моё"}))),
            call(Method::POST, format!("/api/v1/requests/{other}/files"), Some(json!("FILE"))),
            call(Method::POST, format!("/api/v1/requests/{own}/cancel"), Some(json!({"version": 1, "reason": "Не хочу"}))),
        ] {
            let (st, body) = status(&app, t, &c).await;
            assert_eq!((st, body["code"].as_str()), (403, Some("forbidden")), "{} {}: {body}", c.method, c.path);
        }
        let (st, taken) = app.post(Some(t), &format!("/api/v1/requests/{own}/take"), json!({"version": 1})).await;
        assert_eq!((st, taken["status"].as_str()), (200, Some("in_progress")), "{taken}");
    }
    let kinds = |page: Value| page["items"].as_array().unwrap().iter().map(|r| s(r, "kind").to_owned()).collect::<Vec<_>>();
    assert_eq!(kinds(app.ok(&logistician, "/api/v1/requests?status=all").await), ["delivery_cost"]);
    assert_eq!(kinds(app.ok(&designer, "/api/v1/requests?status=all").await), ["design"]);
    assert_eq!(app.get(Some(&designer), "/api/v1/requests?kind=delivery_cost").await.0, 403);
}

#[tokio::test]
async fn the_accountant_reads_deals_and_registers_payments_but_moves_nothing() {
    let app = TestApp::spawn().await;
    let h = head_cards(&app).await;
    let accountant = app.as_role("accountant").await;
    for path in [
        "/api/v1/deals".to_owned(),
        format!("/api/v1/deals/{}", h.deal),
        format!("/api/v1/deals/{}/timeline", h.deal),
        format!("/api/v1/pipelines/{}/board", h.deals_pipeline),
        format!("/api/v1/files/{}", h.deal_file),
        format!("/api/v1/requests/{}", h.delivery),
    ] {
        assert_eq!(app.get(Some(&accountant), &path).await.0, 200, "{path}");
    }
    let pipelines = app.ok(&accountant, "/api/v1/pipelines").await;
    assert_eq!(pipelines["items"].as_array().unwrap().iter().map(|p| s(p, "code")).collect::<Vec<_>>(), ["tile_sale"], "deal pipelines only");
    for path in [
        "/api/v1/leads".to_owned(),
        format!("/api/v1/leads/{}", h.lead),
        format!("/api/v1/pipelines/{}", h.leads_pipeline),
        format!("/api/v1/pipelines/{}/board", h.leads_pipeline),
        format!("/api/v1/files/{}", h.lead_file),
        "/api/v1/pipelines?kind=lead".to_owned(),
    ] {
        assert_eq!(app.get(Some(&accountant), &path).await.0, 403, "{path}");
    }
    for c in calls_on(&h).into_iter().filter(|c| c.method != Method::GET && c.path.contains("/deals")) {
        let (st, body) = status(&app, &accountant, &c).await;
        assert_eq!(st, 403, "accountant {} {}: {body}", c.method, c.path);
    }
    let (st, _) = app.pay(&uuid::Uuid::new_v4().to_string(), "1000.00").await;
    assert_eq!(st, 404);
    let (st, paid) = app.pay(&h.deal, "1000.00").await;
    // No invoice on that deal yet: the money waits as the client's advance, the deal does not move.
    assert_eq!((st, paid["facts"].clone()), (200, json!([])));
    // Payments are the accountant's (and admin's): the sales side cannot register one.
    for role in ["manager", "management", "analyst"] {
        let t = app.as_role(role).await;
        let (st, _) = app.post(Some(&t), &format!("/api/v1/deals/{}/payments", h.deal), json!({"amount": "1", "paid_on": day(0)})).await;
        assert_eq!(st, 403, "{role}");
    }
    let admin = app.as_role("admin").await;
    let (st, _) = app.post(Some(&admin), &format!("/api/v1/deals/{}/payments", h.deal), json!({"amount": "1", "paid_on": day(0)})).await;
    assert_eq!(st, 200);
}

#[tokio::test]
async fn converting_needs_both_lead_and_deal_rights_and_every_endpoint_needs_a_login() {
    let app = TestApp::spawn().await;
    let h = head_cards(&app).await;
    for c in calls_on(&h) {
        let (st, _) = app.send(None, c.method.clone(), &c.path, c.body.clone().filter(|b| b != "FILE")).await;
        assert_eq!(st, 401, "anonymous {} {}", c.method, c.path);
    }
    for path in ["/api/v1/leads", "/api/v1/deals", "/api/v1/requests", "/api/v1/tasks", "/api/v1/loss-reasons", "/api/v1/pipelines"] {
        assert_eq!(app.get(None, path).await.0, 401, "{path}");
    }
    // A production worker converts its own leads: it writes both leads and deals.
    let p1 = app.login("production1@demo.local").await;
    let own = app.new_lead(&p1, json!({})).await;
    let oid = s(&own, "id");
    app.move_ok(&p1, "leads", oid, "in_work").await;
    app.move_ok(&p1, "leads", oid, "typical_offer_sent").await;
    let own = app.edit_ok(&p1, "leads", oid, json!({"price_range": "1 900 ₽", "offer_details": "60 м²", "agreed_design": true})).await;
    let (st, conv) = app.post(Some(&p1), &format!("/api/v1/leads/{oid}/convert"), json!({"version": own["version"]})).await;
    assert_eq!(st, 200, "{conv}");
    assert_eq!(conv["deal"]["organization_name"], "Производство Екатеринбург");
    let manager = app.as_role("manager").await;
    assert_eq!(app.get(Some(&manager), &format!("/api/v1/deals/{}", s(&conv["deal"], "id"))).await.0, 200, "the head company sees it");
}
