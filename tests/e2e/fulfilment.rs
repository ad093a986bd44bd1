//! Tile fulfilment end to end (issue 12, «Done when») over HTTP: a paid 50/50 deal is ranked for
//! distribution, the nearest production with capacity declines, the next one accepts, is paid its
//! half, makes, passes quality and ships — which records the deal's shipment, e-mails the client
//! the delivery notice and moves the deal by itself — the client's closing documents come back,
//! the second half is paid, the deal is won and the ledger with that production shows every
//! step's money, printed in the reconciliation statement. Another production sees none of it.
use crate::support::*;
use serde_json::{Value, json};

const EKB: &str = "Производство Екатеринбург";
const NSK: &str = "Производство Новосибирск";
const KRD: &str = "Производство Краснодар";

/// A lead — a call from ООО «СпортПлощадка»'s number, so the client is recognised — becomes a deal
/// to Ростов-на-Дону, which gets its offer, a signed contract and a 50/50 invoice whose advance is
/// paid.
async fn paid_fifty_fifty_deal(app: &TestApp) -> String {
    let manager = app.as_role("manager").await;
    let client = "ООО «СпортПлощадка»";
    let c = app.client_named(&manager, client).await;
    let lead = app.new_lead(&manager, json!({"phone": "+74951234502", "channel": "google", "message": "Площадка на набережной"})).await;
    let lead_id = s(&lead, "id").to_owned();
    app.move_ok(&manager, "leads", &lead_id, "in_work").await;
    app.move_ok(&manager, "leads", &lead_id, "typical_offer_sent").await;
    app.edit_ok(&manager, "leads", &lead_id, json!({"price_range": "1 900 ₽/м²", "offer_details": "Площадка, 120 м², 30 мм", "agreed_individual_offer": true})).await;
    let lead = app.move_ok(&manager, "leads", &lead_id, "converted").await;
    let id = s(&lead, "deal_id").to_owned();
    let deal = app.edit_ok(&manager, "deals", &id, json!({"title": "Площадка на набережной", "delivery_address": "г. Ростов-на-Дону, ул. Береговая, 8"})).await;
    assert_eq!((deal["client_id"].clone(), deal["lead_id"].clone()), (c["id"].clone(), lead["id"].clone()), "the lead's deal, of the recognised client");
    app.deal_to(&manager, &id, "requisites_requested").await;
    app.edit_ok(&manager, "deals", &id, json!({"counterparty_id": c["counterparties"][0]["id"]})).await;
    let contract = app.contract(&manager, &id).await;
    let offer = app.current_offer(&manager, &id).await;
    let invoice = app.invoice(&manager, &id, s(&offer, "id"), json!({"kind": "fifty_fifty"})).await;
    app.send_documents(&manager, &id, &[s(&contract, "id"), s(&invoice, "id")]).await;
    app.sign_contract(&manager, &id, s(&contract, "id")).await;
    let advance = app.due_now(&manager, &id).await;
    let (st, b) = app.pay(&id, &advance).await;
    assert!(st == 200 || st == 201, "{b}");
    assert_eq!(app.card(&manager, "deals", &id).await["stage"], "payment_received");
    id
}

fn ranking_query() -> String {
    format!("tile_type={}&thickness_mm=30&quantity_m2=150&due_date={}", enc("Плитка"), day(21))
}

fn ranked_names(d: &Value) -> Vec<String> {
    d["ranked"].as_array().expect("ranked").iter().map(|r| s(r, "production_name").to_owned()).collect()
}

async fn act_ok(app: &TestApp, token: &str, order: &Value, body: Value) -> Value {
    let mut body = body;
    body["version"] = order["version"].clone();
    let (st, b) = app.post(Some(token), &format!("/api/v1/production-orders/{}/actions", s(order, "id")), body.clone()).await;
    assert_eq!(st, 200, "{body}: {b}");
    b
}

async fn assign(app: &TestApp, token: &str, deal: &str, production: &str) -> Value {
    assign_m2(app, token, deal, production, "150").await
}

async fn assign_m2(app: &TestApp, token: &str, deal: &str, production: &str, m2: &str) -> Value {
    let body = json!({"production_id": production, "tile_type": "Плитка", "thickness_mm": "30", "quantity": m2, "due_date": day(21)});
    let (st, order) = app.post(Some(token), &format!("/api/v1/deals/{deal}/production-orders"), body).await;
    assert_eq!(st, 201, "{order}");
    order
}

#[tokio::test]
async fn a_paid_deal_goes_to_the_nearest_production_which_declines_the_next_makes_and_ships_and_every_rouble_is_in_the_ledger() {
    let app = TestApp::spawn().await;
    let (manager, logistician, accountant, quality) =
        (app.as_role("manager").await, app.as_role("logistician").await, app.as_role("accountant").await, app.as_role("quality").await);
    let deal = paid_fifty_fifty_deal(&app).await;
    let (ekb, krd) = (app.organization_id(EKB).await, app.organization_id(KRD).await);
    let (p1, p2, p3) = (app.login("production1@demo.local").await, app.login("production2@demo.local").await, app.login("production3@demo.local").await);

    // The ranking, explained: Краснодар is nearest to Ростов-на-Дону and has the capacity.
    let d = app.ok(&logistician, &format!("/api/v1/deals/{deal}/distribution?{}", ranking_query())).await;
    assert_eq!((s(&d, "located_by"), d["delivery_city"].as_str()), ("address", Some("Ростов-на-Дону")), "{d}");
    assert_eq!(ranked_names(&d), [KRD, EKB, NSK], "{d}");
    let first = &d["ranked"][0];
    assert!(first["distance_km"].as_f64().unwrap() < 300.0, "{first}");
    let score = &first["score"];
    let parts: f64 = ["distance", "price", "capacity", "quality", "load"].iter().map(|k| score[*k].as_f64().unwrap()).sum();
    assert!((parts - score["total"].as_f64().unwrap()).abs() < 0.05, "every component adds up to the total: {score}");
    assert_eq!((s(first, "price_per_m2"), first["takes_whole"].as_bool()), ("1290.00", Some(true)));
    assert_eq!(d["placement"]["kind"], "whole");

    // The paid deal is in the logisticians' queue until an order carries its tiles.
    let queued = |q: &Value| q["items"].as_array().unwrap().iter().find(|i| i["deal_id"] == deal.as_str()).cloned();
    let q = app.ok(&logistician, "/api/v1/distribution/deals").await;
    let waiting = queued(&q).expect("the paid deal waits for distribution");
    assert_eq!((s(&waiting, "delivery_city"), s(&waiting, "assigned_m2")), ("Ростов-на-Дону", "0"));
    assert_eq!(s(&waiting, "sold_m2"), "120", "what the invoice sells in м²");

    // Краснодар declines with a reason: the decline is kept and the deal waits for the next one.
    let order = assign(&app, &logistician, &deal, &krd).await;
    assert!(queued(&app.ok(&logistician, "/api/v1/distribution/deals").await).is_none(), "given to a production: out of the queue");
    assert_eq!(app.card(&manager, "deals", &deal).await["stage"], "handed_to_logistics", "an assigned order hands the deal to logistics");
    let declined = act_ok(&app, &p3, &order, json!({"action": "decline", "reason": "Линия на обслуживании"})).await;
    assert_eq!((s(&declined, "state"), s(&declined, "reason")), ("declined", "Линия на обслуживании"));
    let d = app.ok(&logistician, &format!("/api/v1/deals/{deal}/distribution?{}", ranking_query())).await;
    assert_eq!(ranked_names(&d), [EKB, NSK], "the one that declined is out: {d}");
    let out = d["excluded"].as_array().unwrap().iter().find(|e| e["production_name"] == KRD).expect("Краснодар excluded");
    assert_eq!(out["reasons"][0]["reason"], "declined_this_order");
    assert_eq!(s(&d, "assigned_m2"), "0", "the declined order carries nothing");
    let waiting = queued(&app.ok(&logistician, "/api/v1/distribution/deals").await).expect("back in the queue after the decline");
    assert_eq!(waiting["declines"], json!([{"production_name": KRD, "reason": "Линия на обслуживании"}]));

    // Екатеринбург accepts (the deal is in work), is paid its half (50/50 terms), makes the tiles.
    let order = assign(&app, &logistician, &deal, &ekb).await;
    assert!(s(&order, "number").ends_with("-2"), "the deal's second order: {order}");
    assert_eq!((s(&order, "terms"), s(&order, "amount")), ("fifty_fifty", "178500.00"));
    let order = act_ok(&app, &p1, &order, json!({"action": "accept"})).await;
    assert_eq!(app.card(&manager, "deals", &deal).await["stage"], "in_progress", "an accepted order puts the deal in work");
    let perf = app.ok(&logistician, &format!("/api/v1/productions/{ekb}")).await["performance"].clone();
    assert_eq!((perf["open_orders"].as_u64(), s(&perf, "open_m2"), s(&perf, "days_of_work")), (Some(1), "150", "0.4"), "the load is derived from the orders: {perf}");
    let order = act_ok(&app, &accountant, &order, json!({"action": "record_payment", "amount": "89250"})).await;
    let order = act_ok(&app, &p1, &order, json!({"action": "start_production"})).await;
    let order = act_ok(&app, &p1, &order, json!({"action": "mark_done"})).await;
    let all_checked = json!({"thickness": true, "colour": true, "count": true, "packaging": true});
    let order = act_ok(&app, &quality, &order, json!({"action": "pass_quality", "checklist": all_checked})).await;
    let perf = app.ok(&logistician, &format!("/api/v1/productions/{ekb}")).await["performance"].clone();
    assert_eq!((perf["open_orders"].as_u64(), perf["quality_checks_90_days"].as_u64(), s(&perf, "defect_rate")), (Some(0), Some(1), "0"), "and the defect rate from the checks: {perf}");

    // It ships: the deal's invoice is shipped, the client gets the delivery notice, and the deal
    // waits for its second half (deferred payment).
    let eta = day(4);
    let order = act_ok(&app, &p1, &order, json!({"action": "ship", "carrier": "ПЭК", "waybill": "ПЭК-3301", "cost": "14200", "eta": eta})).await;
    assert_eq!((s(&order, "state"), order["shipment"]["eta"].as_str()), ("shipped", Some(eta.as_str())));
    let money = app.ok(&manager, &format!("/api/v1/deals/{deal}/money")).await;
    assert_eq!(money["invoices"][0]["shipped"], "fully", "{money}");
    // What the deal cost: Екатеринбург's order and its delivery (the declined one costs nothing).
    assert_eq!(money["direct_costs"], json!([{"order_number": s(&order, "number"), "production": "178500.00", "delivery": "14200.00"}]));
    assert_eq!(s(&money, "direct_costs_total"), "192700.00");
    assert_eq!(app.card(&manager, "deals", &deal).await["stage"], "deferred_payment");
    let timeline = app.timeline(&manager, "deals", &deal).await;
    let notice = timeline.iter().find(|e| e["kind"] == "email_queued" && e["data"]["subject"].as_str().is_some_and(|t| t.contains("ПЭК-3301"))).expect("the delivery notice is queued");
    assert!(notice["data"]["to"].as_str().is_some_and(|t| t.contains('@')), "{notice}");
    let steps: Vec<&str> = timeline.iter().filter(|e| e["kind"] == "production_order").filter_map(|e| e["data"]["action"].as_str()).collect();
    for a in ["assign", "decline", "accept", "record_payment", "pass_quality", "ship"] {
        assert!(steps.contains(&a), "{a} on the deal's timeline: {steps:?}");
    }

    // The client's closing documents come back, the second half is paid, the deal is won.
    let (st, scan) = app.upload(&p1, &format!("/api/v1/production-orders/{}/files", s(&order, "id")), "УПД подписан.pdf", b"%PDF-1.4 upd", "application/pdf").await;
    assert_eq!(st, 201, "the production uploads the client's signed documents: {scan}");
    let scan_id = scan["id"].clone();
    // Both sides read it; another production does not.
    assert_eq!(app.download(&manager, &format!("/api/v1/files/{}", s(&scan, "id"))).await.status, 200);
    assert_eq!(app.download(&p1, &format!("/api/v1/files/{}", s(&scan, "id"))).await.status, 200);
    assert_eq!(app.download(&p2, &format!("/api/v1/files/{}", s(&scan, "id"))).await.status, 404);
    let (st, _) = app.upload(&p2, &format!("/api/v1/production-orders/{}/files", s(&order, "id")), "x.pdf", b"%PDF", "application/pdf").await;
    assert_eq!(st, 404);
    let manager_view = app.ok(&manager, &format!("/api/v1/production-orders/{}", s(&order, "id"))).await;
    assert_eq!(manager_view["files"][0]["id"], scan_id);
    let order = act_ok(&app, &manager, &manager_view, json!({"action": "receive_closing_documents", "scan": scan_id})).await;
    assert_eq!(s(&order, "state"), "documents_received");
    let money = app.ok(&manager, &format!("/api/v1/deals/{deal}/money")).await;
    let rest = s(&money["invoices"][0], "outstanding").to_owned();
    assert!(kopecks(&rest) > 0, "the second half is still owed: {money}");
    let (st, b) = app.pay(&deal, &rest).await;
    assert!(st == 200 || st == 201, "{b}");
    assert_eq!(app.card(&manager, "deals", &deal).await["stage"], "ask_results");
    app.edit_ok(&manager, "deals", &deal, json!({"checklist": {"review_requested": true}, "review_score": 10})).await;
    let won = app.move_ok(&manager, "deals", &deal, "won").await;
    assert_eq!(won["status"], "won");

    // The head company pays the production the rest: the bank statement's payment order to its INN
    // pays the open order by itself. Then the order closes.
    let admin = app.as_role("admin").await;
    let ekb_inn = s(&app.ok(&admin, &format!("/api/v1/organizations/{ekb}/requisites")).await, "inn").to_owned();
    let paid_out = outgoing_statement(&ours(&app).await, "15", &ddmmyyyy(&day(0)), "89250.00", &ekb_inn, "ООО «Плитка-Урал»", "Оплата по заказу");
    let (_, imported) = import(&app, &accountant, paid_out).await;
    assert_eq!(imported["imported"], 1, "{imported}");
    let order = app.ok(&accountant, &format!("/api/v1/production-orders/{}", s(&order, "id"))).await;
    assert_eq!(s(&order, "paid"), "178500.00", "the statement paid the order: {order}");
    let order = act_ok(&app, &accountant, &order, json!({"action": "close"})).await;
    assert_eq!(s(&order, "state"), "closed");

    // The ledger: the half paid, the order owed at shipment, the rest paid — settled to the kopeck.
    // (Its rows are dated in Moscow, a day ahead of UTC late at night: the period takes both.)
    let ledger = app.ok(&accountant, &format!("/api/v1/productions/{ekb}/settlements?from={}&to={}", day(-1), day(1))).await;
    let rows: Vec<(&str, &str, &str)> = ledger["entries"].as_array().unwrap().iter().map(|e| (s(e, "kind"), s(e, "amount"), s(e, "balance_after"))).collect();
    assert_eq!(rows, [("payment_made", "89250.00", "89250.00"), ("order_owed", "178500.00", "-89250.00"), ("payment_made", "89250.00", "0.00")], "{ledger}");
    assert_eq!((s(&ledger["balance"], "debits"), s(&ledger["balance"], "credits"), s(&ledger["balance"], "closing")), ("178500.00", "178500.00", "0.00"));
    assert!(s(&ledger["entries"][2], "document").starts_with("Платёжное поручение № 15 от "), "{ledger}");
    assert_eq!(s(&ledger["balance"], "position"), "Расчёты закрыты");
    let all = app.ok(&accountant, &format!("/api/v1/settlements?from={}&to={}", day(-1), day(1))).await;
    let mine = all["productions"].as_array().unwrap().iter().find(|p| p["production_id"] == ekb.as_str()).expect("Екатеринбург");
    assert_eq!((s(&mine["balance"], "closing"), s(mine, "open_obligations")), ("0.00", "0.00"));
    assert_eq!(s(&all, "paid_to_productions"), "178500.00");

    // The reconciliation statement prints it, for the accountant and for the production itself.
    for token in [&accountant, &p1] {
        let pdf = app.download(token, &format!("/api/v1/productions/{ekb}/settlements/reconciliation.pdf?from={}&to={}", day(-1), day(1))).await;
        assert_eq!((pdf.status, pdf.content_type.as_str()), (200, "application/pdf"));
        assert!(pdf.bytes.starts_with(b"%PDF") && pdf.disposition.contains("attachment"), "{}", pdf.disposition);
    }

    // Новосибирск sees nothing of Екатеринбург's order, ledger or statement.
    let id = s(&order, "id");
    assert_eq!(app.get(Some(&p2), &format!("/api/v1/production-orders/{id}")).await.0, 404);
    assert!(ids(&app.ok(&p2, "/api/v1/production-orders").await).is_empty());
    assert_eq!(app.get(Some(&p2), &format!("/api/v1/productions/{ekb}/settlements")).await.0, 404);
    assert_eq!(app.download(&p2, &format!("/api/v1/productions/{ekb}/settlements/reconciliation.pdf")).await.status, 404);
    let theirs = app.ok(&p2, "/api/v1/settlements").await;
    assert_eq!(theirs["productions"].as_array().unwrap().len(), 1, "its own line only: {theirs}");
    assert!(!theirs.to_string().contains(EKB));
}

#[tokio::test]
async fn a_deal_split_between_productions_stays_in_the_queue_until_its_square_metres_are_given() {
    let app = TestApp::spawn().await;
    let logistician = app.as_role("logistician").await;
    let deal = paid_fifty_fifty_deal(&app).await;
    let (ekb, krd) = (app.organization_id(EKB).await, app.organization_id(KRD).await);
    let waiting = |q: Value| q["items"].as_array().unwrap().iter().find(|i| i["deal_id"] == deal.as_str()).cloned();
    assign_m2(&app, &logistician, &deal, &krd, "70").await;
    let w = waiting(app.ok(&logistician, "/api/v1/distribution/deals").await).expect("50 m² are still to give");
    assert_eq!((s(&w, "assigned_m2"), s(&w, "sold_m2")), ("70", "120"));
    let d = app.ok(&logistician, &format!("/api/v1/deals/{deal}/distribution?{}", ranking_query())).await;
    assert_eq!(s(&d, "assigned_m2"), "70");
    assign_m2(&app, &logistician, &deal, &ekb, "50").await;
    assert!(waiting(app.ok(&logistician, "/api/v1/distribution/deals").await).is_none(), "all 120 m² given");
}

#[tokio::test]
async fn distribution_is_the_head_companys_and_names_what_is_missing() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let c = app.client_named(&manager, "ООО «СпортПлощадка»").await;
    let deal = app.new_deal(&manager, s(&c, "id"), json!({"title": "Без адреса"})).await;
    let id = s(&deal, "id");
    let path = |q: &str| format!("/api/v1/deals/{id}/distribution?{q}");

    // No delivery address: the point is asked for by name, as is everything else.
    let (st, body) = app.get(Some(&manager), &path("")).await;
    assert_eq!(st, 422, "{body}");
    assert_eq!(pairs(&errors(&body)), [("lat", "not_located"), ("tile_type", "required"), ("thickness_mm", "required"), ("quantity_m2", "required"), ("due_date", "required")]);
    let (st, body) = app.get(Some(&manager), &path(&format!("{}&lat=95&lon=10", ranking_query()))).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("lat", "out_of_range")]));
    let (st, body) = app.get(Some(&manager), &path(&format!("{}&lat=55.75", ranking_query()))).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("lon", "required")]));
    let (st, body) = app.get(Some(&manager), &path(&format!("tile_type={}&thickness_mm=30&quantity_m2=-5&due_date={}&lat=55.75&lon=37.61", enc("Плитка"), day(21)))).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("quantity_m2", "out_of_range")]));

    // Coordinates given: Moscow, where no production is near; Новосибирск makes no 20 mm.
    let q = format!("tile_type={}&thickness_mm=20&quantity_m2=100&due_date={}&lat=55.75&lon=37.61", enc("Плитка"), day(21));
    let d = app.ok(&manager, &path(&q)).await;
    assert_eq!(s(&d, "located_by"), "coordinates");
    assert_eq!(ranked_names(&d).len(), 2, "{d}");
    let nsk = d["excluded"].as_array().unwrap().iter().find(|e| e["production_name"] == NSK).expect("Новосибирск excluded");
    assert_eq!(nsk["reasons"][0]["reason"], "does_not_make");
    assert_eq!(nsk["reasons"][0]["text"], "Не производит плитку этого вида и толщины");

    // A production never ranks the others; a role without the productions gets 403; another
    // organization's or a missing deal is 404.
    let p1 = app.login("production1@demo.local").await;
    assert_eq!(app.get(Some(&p1), &path(&q)).await.0, 403);
    assert_eq!(app.get(Some(&app.as_role("warehouse").await), &path(&q)).await.0, 403);
    assert_eq!(app.get(Some(&manager), &format!("/api/v1/deals/{}/distribution?{q}", uuid::Uuid::now_v7())).await.0, 404);
    // The queue is for those who give orders.
    assert_eq!(app.get(Some(&p1), "/api/v1/distribution/deals").await.0, 403);
    for role in ["accountant", "quality", "warehouse", "analyst"] {
        assert_eq!(app.get(Some(&app.as_role(role).await), "/api/v1/distribution/deals").await.0, 403, "{role}");
    }
    // The deal's orders: the head company's, not a production's.
    assert_eq!(app.ok(&manager, &format!("/api/v1/deals/{id}/production-orders")).await["total"], 0);
    assert_eq!(app.get(Some(&p1), &format!("/api/v1/deals/{id}/production-orders")).await.0, 403);
    assert_eq!(app.get(Some(&app.as_role("warehouse").await), &format!("/api/v1/deals/{id}/production-orders")).await.0, 403);
}

#[tokio::test]
async fn settlements_are_the_accountants_entries_are_checked_and_a_production_reads_only_its_own() {
    let app = TestApp::spawn().await;
    let accountant = app.as_role("accountant").await;
    let ekb = app.organization_id(EKB).await;
    let path = format!("/api/v1/productions/{ekb}/settlements");

    // What the orders do not record, the accountant enters; each bad field is named.
    let (st, body) = app.post(Some(&accountant), &path, json!({"kind": "order_owed", "on_date": day(0), "amount": "100", "document": "Заказ"})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("kind", "not_allowed")]));
    let (st, body) = app.post(Some(&accountant), &path, json!({"kind": "tile_purchase", "on_date": day(3), "amount": "-1", "document": " "})).await;
    assert_eq!(st, 422, "{body}");
    assert_eq!(pairs(&errors(&body)), [("document", "required"), ("amount", "out_of_range")]);
    let (st, body) = app.post(Some(&accountant), &path, json!({"kind": "tile_purchase", "on_date": day(0), "amount": "100.005", "document": "ТН 7"})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("amount", "invalid_format")]));
    let (st, body) = app.post(Some(&accountant), &path, json!({"kind": "tile_purchase", "on_date": day(0), "amount": "45000.50", "document": "Товарная накладная № 7"})).await;
    assert_eq!(st, 201, "{body}");
    assert_eq!((s(&body, "side"), s(&body, "amount"), s(&body, "kind_name")), ("credit", "45000.50", "Выкуп плитки у производства"));
    let (st, _) = app.post(Some(&accountant), &path, json!({"kind": "payment_made", "on_date": day(0), "amount": "45000.50", "document": "Платёжное поручение № 15"})).await;
    assert_eq!(st, 201);
    // Yesterday to tomorrow: the entries are dated today here, and the default period is Moscow's month.
    let around = format!("{path}?from={}&to={}", day(-1), day(1));
    let ledger = app.ok(&accountant, &around).await;
    assert_eq!(s(&ledger["balance"], "closing"), "0.00", "{ledger}");
    let (st, body) = app.get(Some(&accountant), &format!("{path}?from={}&to={}", day(0), day(-1))).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("to", "out_of_range")]));

    // Who may: the logistician and the manager neither read nor write money; the production
    // reads its own, writes nothing, and another production's is not there.
    for role in ["logistician", "manager", "warehouse"] {
        let t = app.as_role(role).await;
        assert_eq!(app.get(Some(&t), "/api/v1/settlements").await.0, 403, "{role}");
        assert_eq!(app.get(Some(&t), &path).await.0, 403, "{role}");
        assert_eq!(app.download(&t, &format!("{path}/reconciliation.pdf")).await.status, 403, "{role}");
    }
    let p1 = app.login("production1@demo.local").await;
    let own = app.ok(&p1, &around).await;
    assert_eq!(own["entries"].as_array().unwrap().len(), 2);
    let (st, _) = app.post(Some(&p1), &path, json!({"kind": "payment_received", "on_date": day(0), "amount": "1", "document": "п/п 1"})).await;
    assert_eq!(st, 403);
    let p2 = app.login("production2@demo.local").await;
    assert_eq!(app.get(Some(&p2), &path).await.0, 404);

    // A payment to a production with no open order to take it: an advance in the ledger, by itself.
    let nsk = app.organization_id(NSK).await;
    let admin = app.as_role("admin").await;
    let nsk_inn = s(&app.ok(&admin, &format!("/api/v1/organizations/{nsk}/requisites")).await, "inn").to_owned();
    import(&app, &accountant, outgoing_statement(&ours(&app).await, "16", &ddmmyyyy(&day(0)), "5000.00", &nsk_inn, "ООО «СибПокрытие»", "Аванс")).await;
    let theirs = app.ok(&accountant, &format!("/api/v1/productions/{nsk}/settlements?from={}&to={}", day(-1), day(1))).await;
    let e = &theirs["entries"][0];
    assert_eq!((s(e, "kind"), s(e, "amount")), ("payment_made", "5000.00"), "{theirs}");
    assert!(s(e, "document").starts_with("Платёжное поручение № 16"));
    assert_eq!(s(&theirs["balance"], "position"), "Нам должны 5\u{a0}000,00\u{a0}₽");
    let (st, _) = app.post(Some(&accountant), &format!("/api/v1/productions/{}/settlements", uuid::Uuid::now_v7()), json!({"kind": "payment_made", "on_date": day(0), "amount": "1", "document": "п/п 1"})).await;
    assert_eq!(st, 404);
}
