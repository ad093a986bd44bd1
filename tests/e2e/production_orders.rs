//! Production orders (issue 12) over HTTP: a logistician gives a paid deal's tiles to a
//! production, which declines (the decline kept) — the next one accepts, makes, passes quality
//! and ships, every step stored with its actor. A production sees and acts on only its own
//! orders; roles without a part are refused; a wrong stage or bad input is named by field with
//! nothing changed; a stale version is a conflict.
use crate::support::*;
use serde_json::{Value, json};

const EKB: &str = "Производство Екатеринбург";
const NSK: &str = "Производство Новосибирск";
const KRD: &str = "Производство Краснодар";
/// A tile deal signed and paid in full (the accountant's notice).
async fn paid_deal(app: &TestApp) -> String {
    let manager = app.as_role("manager").await;
    let client = "ООО «СпортПлощадка»";
    let c = app.client_named(&manager, client).await;
    let deal = app.new_deal(&manager, s(&c, "id"), json!({"title": "Площадка для выгула собак", "delivery_address": "г. Москва, ул. Профсоюзная, 104"})).await;
    let id = s(&deal, "id").to_owned();
    app.deal_to(&manager, &id, "requisites_requested").await;
    app.edit_ok(&manager, "deals", &id, json!({"counterparty_id": c["counterparties"][0]["id"]})).await;
    let contract = app.contract(&manager, &id).await;
    let offer = app.current_offer(&manager, &id).await;
    let invoice = app.invoice(&manager, &id, s(&offer, "id"), json!({"kind": "prepayment"})).await;
    app.send_documents(&manager, &id, &[s(&contract, "id"), s(&invoice, "id")]).await;
    app.sign_contract(&manager, &id, s(&contract, "id")).await;
    let due = app.due_now(&manager, &id).await;
    let (st, b) = app.pay(&id, &due).await;
    assert!(st == 200 || st == 201, "{b}");
    id
}

fn assignment(production: &str) -> Value {
    json!({
        "production_id": production,
        "terms": "after_shipment",
        "tile_type": "Плитка",
        "thickness_mm": "20",
        "quantity": "150",
        "due_date": day(30),
        "delivery_contact": "Прораб Петров, +7 916 000-00-00",
    })
}

async fn act(app: &TestApp, token: &str, order: &Value, body: Value) -> (u16, Value) {
    let mut body = body;
    body["version"] = order["version"].clone();
    app.post(Some(token), &format!("/api/v1/production-orders/{}/actions", s(order, "id")), body).await
}

async fn act_ok(app: &TestApp, token: &str, order: &Value, body: Value) -> Value {
    let (st, b) = act(app, token, order, body.clone()).await;
    assert_eq!(st, 200, "{body}: {b}");
    b
}

fn steps(order: &Value) -> Vec<(String, String)> {
    order["events"].as_array().unwrap().iter().map(|e| (s(e, "action").to_owned(), s(e, "actor_role").to_owned())).collect()
}

#[tokio::test]
async fn a_production_declines_the_next_accepts_makes_passes_quality_and_ships() {
    let app = TestApp::spawn().await;
    let logistician = app.as_role("logistician").await;
    let deal = paid_deal(&app).await;
    let (ekb, krd) = (app.organization_id(EKB).await, app.organization_id(KRD).await);
    let (p1, p3) = (app.login("production1@demo.local").await, app.login("production3@demo.local").await);

    let (st, first) = app.post(Some(&logistician), &format!("/api/v1/deals/{deal}/production-orders"), assignment(&ekb)).await;
    assert_eq!(st, 201, "{first}");
    assert_eq!((s(&first, "state"), s(&first, "price_per_m2"), s(&first, "quantity_m2"), s(&first, "amount")), ("assigned", "990.00", "150", "148500.00"), "the production's price by default: {first}");
    assert_eq!((s(&first, "production_id"), s(&first, "deal_id")), (ekb.as_str(), deal.as_str()));
    assert!(s(&first, "delivery_address").contains("Профсоюзная"), "the deal's address by default: {first}");
    assert_eq!(steps(&first), [("assign".to_owned(), "logistician".to_owned())]);

    // The production's portal: what to make and where to, and nothing of the client's.
    let list = app.ok(&p1, "/api/v1/production-orders").await;
    assert_eq!(ids(&list), [s(&first, "id")], "{list}");
    let item = &list["items"][0];
    assert_eq!((s(item, "tile_type"), s(item, "thickness_mm"), s(item, "quantity_m2"), s(item, "delivery_contact")), ("Плитка", "20", "150", "Прораб Петров, +7 916 000-00-00"));
    assert_eq!(item["allowed_actions"], json!(["accept", "decline"]));
    let text = item.to_string();
    for hidden in ["price", "deal_id", "client", "amount", "production_id"] {
        assert!(!text.contains(hidden), "{hidden} is not the production's business: {item}");
    }

    // It declines with a reason, in time: declined, and the decline kept.
    let declined = act_ok(&app, &p1, &first, json!({"action": "decline", "reason": "Линия на ремонте"})).await;
    assert_eq!((s(&declined, "state"), s(&declined, "reason")), ("declined", "Линия на ремонте"));
    assert_eq!(steps(&declined), [("assign".to_owned(), "logistician".to_owned()), ("decline".to_owned(), "production".to_owned())]);
    let ev = &declined["events"][1];
    assert_eq!((s(ev, "from_state"), s(ev, "to_state"), ev["data"]["reason"].as_str()), ("assigned", "declined", Some("Линия на ремонте")));
    assert_eq!(s(ev, "actor_id"), app.user_id("production1@demo.local").await);
    assert_eq!(declined["allowed_actions"], json!([]));

    // Краснодар takes it: accepts, makes, quality passes, ships.
    let (st, order) = app.post(Some(&logistician), &format!("/api/v1/deals/{deal}/production-orders"), assignment(&krd)).await;
    assert_eq!(st, 201, "{order}");
    assert_eq!(s(&order, "price_per_m2"), "1090.00");
    let order = act_ok(&app, &p3, &order, json!({"action": "accept"})).await;
    assert_eq!((s(&order, "state"), order["allowed_actions"].clone()), ("accepted", json!(["start_production"])));
    let order = act_ok(&app, &p3, &order, json!({"action": "start_production"})).await;
    let order = act_ok(&app, &p3, &order, json!({"action": "mark_done"})).await;
    assert_eq!(s(&order, "state"), "done");
    let quality = app.as_role("quality").await;
    // The quality check: every point of the checklist, photos on the order.
    let (st, b) = act(&app, &quality, &order, json!({"action": "pass_quality", "checklist": {"thickness": true, "colour": true, "count": true}})).await;
    assert_eq!((st, pairs(&errors(&b))), (422, vec![("checklist.packaging", "not_checked")]), "{b}");
    let (st, photo) = app.upload(&quality, &format!("/api/v1/production-orders/{}/files", s(&order, "id")), "Партия.jpg", b"\xff\xd8\xff photo", "image/jpeg").await;
    assert_eq!(st, 201, "{photo}");
    let order = app.ok(&quality, &format!("/api/v1/production-orders/{}", s(&order, "id"))).await;
    let order = act_ok(&app, &quality, &order, json!({"action": "pass_quality", "checklist": {"thickness": true, "colour": true, "count": true, "packaging": true}})).await;
    assert_eq!(order["files"][0]["name"], "Партия.jpg");
    assert_eq!(s(&order, "state"), "quality_passed");
    let order = act_ok(&app, &p3, &order, json!({"action": "ship", "carrier": "Деловые линии", "waybill": "ДЛ-778812", "cost": "12500.5"})).await;
    assert_eq!(s(&order, "state"), "shipped");
    assert_eq!(order["shipment"]["carrier"], "Деловые линии");
    assert_eq!((s(&order["shipment"], "waybill"), s(&order["shipment"], "cost")), ("ДЛ-778812", "12500.50"));
    let expected: Vec<(String, String)> = [
        ("assign", "logistician"),
        ("accept", "production"),
        ("start_production", "production"),
        ("mark_done", "production"),
        ("pass_quality", "quality"),
        ("ship", "production"),
    ]
    .iter()
    .map(|(a, r)| ((*a).to_owned(), (*r).to_owned()))
    .collect();
    assert_eq!(steps(&order), expected);
    let read = app.ok(&p3, &format!("/api/v1/production-orders/{}", s(&order, "id"))).await;
    assert_eq!(read, order, "read back as the last step left it");
    let head = app.ok(&logistician, &format!("/api/v1/production-orders/{}", s(&order, "id"))).await;
    assert_eq!(head["allowed_actions"], json!([]), "the closing documents are the production's or a manager's");
    // A scan must be a file the production can read: an unknown id (or another's file) is refused.
    let (st, b) = act(&app, &p3, &order, json!({"action": "receive_closing_documents", "scan": uuid::Uuid::now_v7()})).await;
    assert_eq!((st, pairs(&errors(&b))), (422, vec![("scan", "not_found")]), "{b}");
    // The head company sees both, the decline kept; Краснодар sees only its own.
    let all = app.ok(&logistician, "/api/v1/production-orders").await;
    assert_eq!(ids(&all), [s(&order, "id"), s(&first, "id")], "newest first");
    let declined_only = app.ok(&logistician, "/api/v1/production-orders?state=declined").await;
    assert_eq!(ids(&declined_only), [s(&first, "id")]);
    let own = app.ok(&p3, "/api/v1/production-orders").await;
    assert_eq!(ids(&own), [s(&order, "id")]);
    // The head company sees which production makes each; a production sees no production's name.
    assert_eq!(all["items"][0]["production_name"], "Производство Краснодар", "{all}");
    assert_eq!(head["production_name"], "Производство Краснодар");
    assert!(own["items"][0].get("production_name").is_none() && read.get("production_name").is_none(), "{own}");
}

#[tokio::test]
async fn another_production_sees_nothing_roles_without_a_part_are_refused_and_bad_steps_are_named() {
    let app = TestApp::spawn().await;
    let logistician = app.as_role("logistician").await;
    let deal = paid_deal(&app).await;
    let (ekb, nsk) = (app.organization_id(EKB).await, app.organization_id(NSK).await);
    let (p1, p2) = (app.login("production1@demo.local").await, app.login("production2@demo.local").await);
    let assign_path = format!("/api/v1/deals/{deal}/production-orders");

    // Bad input is named by field, and nothing is assigned.
    let mut bad = assignment(&ekb);
    bad["quantity"] = json!("-5");
    bad["price"] = json!("-1");
    let (st, b) = app.post(Some(&logistician), &assign_path, bad).await;
    assert_eq!(st, 422, "{b}");
    assert_eq!(pairs(&errors(&b)), [("quantity", "out_of_range"), ("price", "out_of_range")], "{b}");
    // Новосибирск does not make 20 mm tiles.
    let (st, b) = app.post(Some(&logistician), &assign_path, assignment(&nsk)).await;
    assert_eq!((st, pairs(&errors(&b))), (422, vec![("tile_type", "not_offered")]), "the one reason, not a missing price too: {b}");
    let head = app.organization_id("ООО «АртПрайм»").await;
    let (st, b) = app.post(Some(&logistician), &assign_path, assignment(&head)).await;
    assert_eq!((st, errors(&b).first().map(|e| e.0.clone())), (422, Some("production_id".to_owned())), "the head company is no production: {b}");
    assert_eq!(app.ok(&logistician, "/api/v1/production-orders").await["total"], 0, "nothing assigned");

    // Roles with no part in assigning.
    for role in ["warehouse", "designer", "management", "quality", "accountant"] {
        let t = app.as_role(role).await;
        assert_eq!(app.post(Some(&t), &assign_path, assignment(&ekb)).await.0, 403, "{role}");
    }
    assert_eq!(app.post(Some(&p1), &assign_path, assignment(&ekb)).await.0, 403, "a production assigns nothing");
    let (st, order) = app.post(Some(&app.as_role("manager").await), &assign_path, assignment(&ekb)).await;
    assert_eq!(st, 201, "a manager assigns: {order}");
    let path = format!("/api/v1/production-orders/{}", s(&order, "id"));

    // Another production: not there, to read or to act on.
    assert_eq!(app.get(Some(&p2), &path).await.0, 404);
    assert_eq!(act(&app, &p2, &order, json!({"action": "accept"})).await.0, 404);
    assert_eq!(app.ok(&p2, "/api/v1/production-orders").await["total"], 0);
    assert_eq!(ids(&app.ok(&p1, "/api/v1/production-orders").await), [s(&order, "id")]);
    for role in ["warehouse", "designer", "supply"] {
        let t = app.as_role(role).await;
        assert_eq!(app.get(Some(&t), "/api/v1/production-orders").await.0, 403, "{role}");
        assert_eq!(app.get(Some(&t), &path).await.0, 403, "{role}");
    }
    assert_eq!(app.get(None, "/api/v1/production-orders").await.0, 401);

    // A manager does not accept for the production.
    let manager = app.as_role("manager").await;
    let (st, b) = act(&app, &manager, &order, json!({"action": "accept"})).await;
    assert_eq!(st, 403, "{b}");
    assert_eq!(app.ok(&p1, &path).await["version"], order["version"], "nothing changed");

    let accepted = act_ok(&app, &p1, &order, json!({"action": "accept"})).await;
    // A stale version: someone acted meanwhile.
    let (st, b) = act(&app, &p1, &order, json!({"action": "start_production"})).await;
    assert_eq!((st, b["code"].as_str()), (409, Some("version_conflict")), "{b}");
    // Declining an accepted order.
    let (st, b) = act(&app, &p1, &accepted, json!({"action": "decline", "reason": "Передумали"})).await;
    assert_eq!((st, pairs(&errors(&b))), (422, vec![("state", "already_accepted")]), "{b}");
    let started = act_ok(&app, &p1, &accepted, json!({"action": "start_production"})).await;
    // Shipping before the quality check.
    let (st, b) = act(&app, &p1, &started, json!({"action": "ship", "carrier": "ПЭК", "waybill": "1", "cost": "0"})).await;
    assert_eq!((st, pairs(&errors(&b))), (422, vec![("quality", "quality_not_passed")]), "{b}");
    let done = act_ok(&app, &p1, &started, json!({"action": "mark_done"})).await;
    // Defects with a negative quantity are named.
    let quality = app.as_role("quality").await;
    let (st, b) = act(&app, &quality, &done, json!({"action": "record_defects", "description": "Скол", "quantity": "-1"})).await;
    assert_eq!((st, pairs(&errors(&b))), (422, vec![("defect_kind", "required"), ("quantity", "out_of_range")]), "{b}");
    let (st, b) = act(&app, &quality, &done, json!({"action": "record_defects", "defect_kind": "scratches", "description": "Скол", "quantity": "1"})).await;
    assert_eq!((st, pairs(&errors(&b))), (422, vec![("defect_kind", "invalid_value")]), "{b}");
    let (st, b) = act(&app, &quality, &done, json!({"action": "fly"})).await;
    assert_eq!((st, errors(&b).first().map(|e| e.0.clone())), (422, Some("action".to_owned())), "{b}");
    let after = app.ok(&p1, &path).await;
    assert_eq!((s(&after, "state"), after["version"].clone(), after["events"].as_array().map(Vec::len)), ("done", done["version"].clone(), Some(4)), "nothing changed by the refusals");
}

#[tokio::test]
async fn two_acting_on_one_order_at_once_one_wins_and_the_other_is_told() {
    let app = TestApp::spawn().await;
    let logistician = app.as_role("logistician").await;
    let deal = paid_deal(&app).await;
    let ekb = app.organization_id(EKB).await;
    let p1 = app.login("production1@demo.local").await;
    let (st, order) = app.post(Some(&logistician), &format!("/api/v1/deals/{deal}/production-orders"), assignment(&ekb)).await;
    assert_eq!(st, 201, "{order}");
    // The production accepts while the logistician cancels, both at version 1.
    let (a, c) = tokio::join!(
        act(&app, &p1, &order, json!({"action": "accept"})),
        act(&app, &logistician, &order, json!({"action": "cancel", "reason": "Клиент передумал"})),
    );
    let mut statuses = [a.0, c.0];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409], "{a:?} {c:?}");
    let winner = if a.0 == 200 { &a.1 } else { &c.1 };
    let read = app.ok(&logistician, &format!("/api/v1/production-orders/{}", s(&order, "id"))).await;
    assert_eq!((read["state"].clone(), read["version"].as_i64()), (winner["state"].clone(), Some(2)), "{read}");
    assert_eq!(read["events"].as_array().map(Vec::len), Some(2), "one step recorded: {read}");
}
