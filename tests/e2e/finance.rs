//! Money in (issue 11) over HTTP: bank statements that pay invoices and move deals, shipments,
//! deferred payment, cancelled invoices losing a deal, the unmatched queue, bad input, the
//! reminders that fire once (across a restart on SQLite, across two processes on PostgreSQL),
//! receivables, and who may do what.
use crate::support::*;
use serde_json::{Value, json};

/// A deal of `client` with a signed contract and an invoice on `schedule`; (deal id, invoice).
async fn signed_deal(app: &TestApp, manager: &str, client: &str, schedule: Value) -> (String, Value) {
    let c = app.client_named(manager, client).await;
    let deal = app.new_deal(manager, s(&c, "id"), json!({"title": format!("Плитка для {client}")})).await;
    let id = s(&deal, "id").to_owned();
    app.deal_to(manager, &id, "requisites_requested").await;
    app.edit_ok(manager, "deals", &id, json!({"counterparty_id": c["counterparties"][0]["id"]})).await;
    let contract = app.contract(manager, &id).await;
    let offer = app.current_offer(manager, &id).await;
    let invoice = app.invoice(manager, &id, s(&offer, "id"), schedule).await;
    app.send_documents(manager, &id, &[s(&contract, "id"), s(&invoice, "id")]).await;
    app.sign_contract(manager, &id, s(&contract, "id")).await;
    assert_eq!(app.card(manager, "deals", &id).await["stage"], "documents_signed");
    (id, invoice)
}

async fn money(app: &TestApp, token: &str, deal: &str) -> Value {
    app.ok(token, &format!("/api/v1/deals/{deal}/money")).await
}

async fn inn_of(app: &TestApp, token: &str, client: &str) -> String {
    let c = app.client_named(token, client).await;
    s(&c["counterparties"][0], "inn").to_owned()
}

#[tokio::test]
async fn statements_pay_a_fifty_fifty_invoice_and_the_deal_goes_from_payment_to_the_review_by_itself() {
    let app = TestApp::spawn().await;
    let (manager, accountant) = (app.as_role("manager").await, app.as_role("accountant").await);
    let ours = ours(&app).await;
    let client = "ООО «СпортПлощадка»";
    let (id, invoice) = signed_deal(&app, &manager, client, json!({"kind": "fifty_fifty"})).await;
    let inn = inn_of(&app, &manager, client).await;
    let m = money(&app, &accountant, &id).await;
    let parts = m["invoices"][0]["parts"].as_array().expect("parts").clone();
    assert_eq!(parts.len(), 2);
    let (first, second) = (s(&parts[0], "amount").to_owned(), s(&parts[1], "amount").to_owned());
    assert_eq!(kopecks(&first) + kopecks(&second), kopecks(s(&m["invoices"][0], "total")), "the parts add up to the kopeck");
    let number = s(&invoice, "number").to_owned();
    let today = ddmmyyyy(&day(0));

    // The advance comes in a statement: matched by the invoice number and the payer's INN.
    let advance = statement(&ours, &[Order { number: "512", date: &today, amount: &first, payer_inn: &inn, payer_name: client, purpose: format!("Оплата по счету № {number} от {today}, аванс 50%, в т.ч. НДС 22%") }]);
    let (p, r) = import(&app, &accountant, advance.clone()).await;
    assert_eq!((p["new"].as_u64(), p["matched"].as_u64(), p["lines"][0]["matching"]["kind"].as_str(), p["lines"][0]["matching"]["invoice_number"].as_str()), (Some(1), Some(1), Some("auto"), Some(number.as_str())), "{p}");
    let reasons: Vec<&str> = p["lines"][0]["matching"]["reasons"].as_array().unwrap().iter().map(|r| s(r, "kind")).collect();
    assert!(reasons.contains(&"number_in_purpose") && reasons.contains(&"same_inn"), "{reasons:?}");
    assert_eq!((r["imported"].as_u64(), r["matched"].as_u64(), r["unmatched"].as_u64()), (Some(1), Some(1), Some(0)));
    let deal = app.card(&manager, "deals", &id).await;
    assert_eq!(deal["stage"], "payment_received", "the payment moved the deal, nobody dragged it");
    let m = money(&app, &accountant, &id).await;
    assert_eq!((m["invoices"][0]["paid"].as_str(), m["invoices"][0]["parts"][0]["outstanding"].as_str(), m["state"].as_str()), (Some(first.as_str()), Some("0.00"), Some("payment_received")));

    // The same file again: nothing new, nothing doubled.
    let (st, again) = preview(&app, &accountant, advance).await;
    assert_eq!((st, again["new"].as_u64(), again["duplicates"].as_u64(), again["lines"][0]["state"].as_str()), (200, Some(0), Some(1), Some("duplicate")));
    assert!(again["imported_before"].is_object(), "{again}");
    let (st, r) = app.post(Some(&accountant), "/api/v1/statements", json!({"hash": again["hash"], "file_name": "выписка.txt"})).await;
    assert_eq!((st, r["imported"].as_u64(), r["duplicates"].as_u64()), (200, Some(0), Some(1)));
    let paid = app.ok(&accountant, &format!("/api/v1/payments?client_id={}", s(&deal, "client_id"))).await;
    assert_eq!(paid["items"].as_array().map(Vec::len), Some(1));

    // Shipped with half owed: deferred payment.
    app.ship_all(&id).await;
    assert_eq!(app.card(&manager, "deals", &id).await["stage"], "deferred_payment");
    let m = money(&app, &accountant, &id).await;
    assert_eq!((m["invoices"][0]["shipped"].as_str(), m["state"].as_str(), m["shipments"].as_array().map(Vec::len)), (Some("fully"), Some("shipped_unpaid"), Some(1)));

    // The second half in another statement (its period overlaps the first): the review is next.
    let rest = statement(&ours, &[
        Order { number: "512", date: &today, amount: &first, payer_inn: &inn, payer_name: client, purpose: format!("Оплата по счету № {number} от {today}, аванс 50%, в т.ч. НДС 22%") },
        Order { number: "640", date: &today, amount: &second, payer_inn: &inn, payer_name: client, purpose: format!("Окончательный расчёт по сч. {number}") },
    ]);
    let (p, r) = import(&app, &accountant, rest).await;
    assert_eq!((p["new"].as_u64(), p["duplicates"].as_u64(), r["imported"].as_u64(), r["matched"].as_u64()), (Some(1), Some(1), Some(1), Some(1)));
    let deal = app.card(&manager, "deals", &id).await;
    assert_eq!(deal["stage"], "ask_results");
    let (st, body) = app.move_to(&manager, "deals", &id, "won").await;
    assert_eq!(pairs(&refused(st, &body)), [("checklist.review_requested", "checklist_item_required")]);
    app.tick(&manager, "deals", &id, &["review_requested"]).await;
    let won = app.move_ok(&manager, "deals", &id, "won").await;
    assert_eq!(won["status"], "won");
    let m = money(&app, &accountant, &id).await;
    assert_eq!((m["invoices"][0]["outstanding"].as_str(), m["payments"].as_array().map(Vec::len)), (Some("0.00"), Some(2)));
}

fn refused(st: u16, body: &Value) -> Vec<(String, String)> {
    assert_eq!(st, 422, "{body}");
    errors(body)
}

#[tokio::test]
async fn an_unmatched_payment_waits_with_ranked_suggestions_and_one_click_pays_the_invoice() {
    let app = TestApp::spawn().await;
    let (manager, accountant) = (app.as_role("manager").await, app.as_role("accountant").await);
    let ours = ours(&app).await;
    let client = "ООО «ДачаСтрой»";
    let (id, invoice) = signed_deal(&app, &manager, client, json!({"kind": "prepayment"})).await;
    let inn = inn_of(&app, &manager, client).await;
    let total = s(&invoice, "total").to_owned();
    let today = ddmmyyyy(&day(0));
    // No number in the purpose: the INN and the amount point at the invoice, but nobody is sure.
    let file = statement(&ours, &[Order { number: "77", date: &today, amount: &total, payer_inn: &inn, payer_name: client, purpose: "Оплата за резиновую плитку".into() }]);
    let (p, r) = import(&app, &accountant, file).await;
    assert_eq!((p["lines"][0]["matching"]["kind"].as_str(), p["lines"][0]["matching"]["why"].as_str()), (Some("unmatched"), Some("no_number")), "{p}");
    assert_eq!((r["matched"].as_u64(), r["unmatched"].as_u64()), (Some(0), Some(1)));
    assert_eq!(app.card(&manager, "deals", &id).await["stage"], "documents_signed");
    let queue = app.ok(&accountant, "/api/v1/payments?unallocated=true").await;
    let payment = queue["items"].as_array().unwrap().iter().find(|p| p["number"] == "77").cloned().expect("in the queue");
    assert_eq!(payment["rest"].as_str(), Some(total.as_str()));
    let detail = app.ok(&accountant, &format!("/api/v1/payments/{}", s(&payment, "id"))).await;
    let best = detail["matching"]["suggestions"][0].clone();
    assert_eq!(best["invoice_id"], invoice["id"], "{detail}");
    let kinds: Vec<&str> = best["reasons"].as_array().unwrap().iter().map(|r| s(r, "kind")).collect();
    assert_eq!(kinds, ["same_inn", "amount_equals_outstanding", "date_near_invoice"]);
    // One click: the suggestion's invoice, the amount it lacks.
    let (st, body) = app.post(Some(&accountant), &format!("/api/v1/payments/{}/allocations", s(&payment, "id")), json!({"version": detail["version"], "allocations": [{"invoice_id": invoice["id"], "amount": total}]})).await;
    assert_eq!((st, body["rest"].as_str()), (200, Some("0.00")), "{body}");
    assert_eq!(app.card(&manager, "deals", &id).await["stage"], "payment_received");
    // A stale version is refused: someone else allocated meanwhile.
    let (st, _) = app.post(Some(&accountant), &format!("/api/v1/payments/{}/allocations", s(&payment, "id")), json!({"version": detail["version"], "allocations": [{"invoice_id": invoice["id"], "amount": "1.00"}]})).await;
    assert_eq!(st, 409);
    let queue = app.ok(&accountant, "/api/v1/payments?unallocated=true").await;
    assert!(!queue["items"].as_array().unwrap().iter().any(|p| p["number"] == "77"));
}

#[tokio::test]
async fn a_deal_is_lost_by_itself_when_every_invoice_is_cancelled_and_the_latest_was_not_reissued() {
    let app = TestApp::spawn().await;
    let (manager, accountant) = (app.as_role("manager").await, app.as_role("accountant").await);
    let (id, _) = signed_deal(&app, &manager, "ООО «Конный клуб Виктория»", json!({"kind": "prepayment"})).await;
    let first = money(&app, &accountant, &id).await["invoices"][0].clone();
    let (st, body) = app.post(Some(&manager), &format!("/api/v1/invoices/{}/cancel", s(&first, "id")), json!({"version": first["version"], "reason": "because"})).await;
    assert_eq!(pairs(&refused(st, &body)), [("reason", "invalid_value")]);
    let (st, body) = app.post(Some(&manager), &format!("/api/v1/invoices/{}/cancel", s(&first, "id")), json!({"version": first["version"], "reason": "reissued", "note": "Изменилось количество"})).await;
    assert_eq!(st, 204, "{body}");
    let deal = app.card(&manager, "deals", &id).await;
    assert_eq!(deal["status"], "open", "a re-issued invoice is followed by a new one");
    let offer = app.current_offer(&manager, &id).await;
    app.invoice(&manager, &id, s(&offer, "id"), json!({"kind": "prepayment"})).await;
    let m = money(&app, &accountant, &id).await;
    let second = m["invoices"][1].clone();
    assert_eq!(m["invoices"].as_array().map(Vec::len), Some(2));
    assert_eq!((m["invoices"][0]["status"].as_str(), m["invoices"][0]["cancel_reason_name"].as_str()), (Some("cancelled"), Some("Перевыставлен")));
    let (st, _) = app.post(Some(&manager), &format!("/api/v1/invoices/{}/cancel", s(&second, "id")), json!({"version": second["version"], "reason": "expensive"})).await;
    assert_eq!(st, 204);
    let deal = app.card(&manager, "deals", &id).await;
    assert_eq!((deal["stage"].as_str(), deal["status"].as_str(), deal["loss"]["reason"].as_str()), (Some("lost"), Some("lost"), Some("expensive")), "{deal}");
    // A cancelled invoice takes no money.
    let (st, body) = app.post(Some(&accountant), "/api/v1/payments", json!({"direction": "incoming", "number": "9", "paid_on": day(0), "amount": "100.00", "party_name": "ООО «Конный клуб Виктория»", "allocations": [{"invoice_id": second["id"], "amount": "100.00"}]})).await;
    assert_eq!(pairs(&refused(st, &body)), [("allocations[0].invoice_id", "not_allowed")]);
}

#[tokio::test]
async fn bad_statements_and_payments_are_refused_naming_the_line_or_field_and_nothing_half_imports() {
    let app = TestApp::spawn().await;
    let (manager, accountant) = (app.as_role("manager").await, app.as_role("accountant").await);
    let ours = ours(&app).await;
    let client = "ООО «СпортПлощадка»";
    let (_id, invoice) = signed_deal(&app, &manager, client, json!({"kind": "prepayment"})).await;
    let inn = inn_of(&app, &manager, client).await;
    let today = ddmmyyyy(&day(0));
    let good = Order { number: "1", date: &today, amount: "100.00", payer_inn: &inn, payer_name: client, purpose: "Оплата".into() };
    let comma = Order { number: "2", date: &today, amount: "1 000,50", payer_inn: &inn, payer_name: client, purpose: "Оплата".into() };
    let tomorrow = ddmmyyyy(&day(1));
    let future = Order { number: "3", date: &tomorrow, amount: "5.00", payer_inn: &inn, payer_name: client, purpose: "Оплата".into() };
    let file = statement(&ours, &[good, comma, future]);
    let (st, p) = preview(&app, &accountant, file.clone()).await;
    assert_eq!(st, 200, "{p}");
    let problems: Vec<(u64, &str)> = p["problems"].as_array().unwrap().iter().map(|x| (x["line"].as_u64().unwrap(), s(x, "field"))).collect();
    // Line numbers as the file has them: 8 lines of header, then 15 per document.
    assert_eq!(problems, [(27, "Сумма"), (41, "Дата")], "{p}");
    let (st, body) = app.post(Some(&accountant), "/api/v1/statements", json!({"hash": p["hash"], "file_name": "выписка.txt"})).await;
    assert_eq!(pairs(&refused(st, &body)), [("import_valid", "required")]);
    assert!(s(&body["errors"][0], "message").contains("27"), "{body}");
    let none = app.ok(&accountant, "/api/v1/payments").await;
    assert_eq!(none["items"].as_array().map(Vec::len), Some(0), "nothing half-imports");
    let (st, r) = app.post(Some(&accountant), "/api/v1/statements", json!({"hash": p["hash"], "file_name": "выписка.txt", "import_valid": true})).await;
    assert_eq!((st, r["imported"].as_u64(), r["broken"].as_u64()), (200, Some(1), Some(2)), "{r}");

    // Another encoding than declared; a truncated file; not a statement at all.
    let declared_windows_but_utf8 = encoding_rs::WINDOWS_1251.decode(&statement(&ours, &[])).0.into_owned().into_bytes();
    let (st, body) = preview(&app, &accountant, declared_windows_but_utf8).await;
    assert_eq!((st, body["errors"][0]["field"].as_str()), (422, Some("file")), "{body}");
    assert!(s(&body["errors"][0], "message").contains("UTF-8"), "{body}");
    let truncated: Vec<u8> = file[..file.len() - 12].to_vec();
    let (st, body) = preview(&app, &accountant, truncated).await;
    assert_eq!((st, body["errors"][0]["code"].as_str()), (422, Some("statement_truncated")), "{body}");
    let (st, _) = preview(&app, &accountant, b"hello".to_vec()).await;
    assert_eq!(st, 422);
    let (st, _) = preview(&app, &accountant, vec![b' '; 50 * 1024 * 1024 + 1]).await;
    assert_eq!(st, 413);

    // By hand: a date in the future, an allocation above the payment, a non-positive amount.
    let (st, body) = app.post(Some(&accountant), "/api/v1/payments", json!({"direction": "incoming", "number": "5", "paid_on": day(1), "amount": "100.00", "party_name": client, "allocations": [{"invoice_id": invoice["id"], "amount": "150.00"}]})).await;
    assert_eq!(pairs(&refused(st, &body)), [("paid_on", "out_of_range")]);
    let (st, body) = app.post(Some(&accountant), "/api/v1/payments", json!({"direction": "incoming", "number": "5", "paid_on": day(0), "amount": "100.00", "party_name": client, "allocations": [{"invoice_id": invoice["id"], "amount": "150.00"}]})).await;
    assert_eq!(pairs(&refused(st, &body)), [("allocations", "out_of_range")], "{body}");
    let (st, body) = app.post(Some(&accountant), "/api/v1/payments", json!({"direction": "sideways", "number": "", "paid_on": day(0), "amount": "0"})).await;
    assert_eq!(pairs(&refused(st, &body)), [("direction", "invalid_value"), ("number", "required"), ("amount", "out_of_range")], "{body}");
    let count = app.ok(&accountant, "/api/v1/payments").await["items"].as_array().map(Vec::len);
    assert_eq!(count, Some(1), "only the statement's good line");
}

#[tokio::test]
async fn shipped_unpaid_reminds_every_ten_days_exactly_once_across_restarts_and_processes() {
    let mut app = TestApp::spawn().await;
    let now = chrono::Utc::now();
    app.set_clock(now);
    let manager = app.as_role("manager").await;
    let (id, _invoice) = signed_deal(&app, &manager, "ООО «ДачаСтрой»", json!({"kind": "deferral", "days": 45})).await;
    app.ship_all(&id).await;
    assert_eq!(app.card(&manager, "deals", &id).await["stage"], "deferred_payment", "shipped with nothing paid yet");
    let title = "Необходимо уточнить внесение оплаты по отгруженному заказу";
    let count = |tasks: &[Value]| tasks.iter().filter(|t| t["title"] == title).count();
    // Nine days on: not yet.
    app.advance_clock(chrono::Duration::days(9));
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    assert_eq!(count(&app.card_tasks(&manager, &id).await), 0);
    // Eleven days after the shipment: one reminder, however many times the scheduler looks.
    app.advance_clock(chrono::Duration::days(2));
    let other = if std::env::var("TESSERA_TEST_DB").as_deref() == Ok("postgres") {
        let second = app.second_process().await;
        second.set_clock(now + chrono::Duration::days(11));
        Some(second)
    } else {
        None
    };
    let mut found = 0;
    for _ in 0..50 {
        found = count(&app.card_tasks(&manager, &id).await);
        if found > 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert_eq!(found, 1);
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    app.restart();
    let manager = app.as_role("manager").await;
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    let tasks = app.card_tasks(&manager, &id).await;
    assert_eq!(count(&tasks), 1, "once, whoever looked and however often: {tasks:?}");
    let task = tasks.iter().find(|t| t["title"] == title).expect("the reminder");
    assert_eq!(task["assignee_id"].as_str(), Some(app.user_id("manager@demo.local").await.as_str()), "for the deal's manager");
    // The admin sees the rule, its runs and what they created.
    let admin = app.as_role("admin").await;
    let schedule = app.ok(&admin, "/api/v1/reminders/schedule").await;
    let rule = schedule["rules"].as_array().unwrap().iter().find(|r| r["rule"] == "deferred_payment").cloned().expect("rule");
    assert!(rule["last_run"].is_string() && rule["next_run"].is_string(), "{rule}");
    let created: usize = rule["runs"].as_array().unwrap().iter().map(|r| r["reminders"].as_array().map_or(0, Vec::len)).sum();
    assert_eq!(created, 1, "{rule}");
    drop(other);
}

#[tokio::test]
async fn receivables_age_what_clients_owe_and_export() {
    let app = TestApp::spawn().await;
    let (manager, accountant) = (app.as_role("manager").await, app.as_role("accountant").await);
    let (_id, invoice) = signed_deal(&app, &manager, "ООО «СпортПлощадка»", json!({"kind": "fifty_fifty"})).await;
    let r = app.ok(&accountant, "/api/v1/receivables").await;
    let row = r["items"].as_array().unwrap().iter().find(|x| x["client_name"] == "ООО «СпортПлощадка»").cloned().expect("the client owes");
    assert_eq!((row["invoices"].as_u64(), row["ageing"]["not_due"].as_str(), row["ageing"]["total"].as_str()), (Some(1), invoice["total"].as_str(), invoice["total"].as_str()));
    let by_deal = app.ok(&accountant, "/api/v1/receivables?by=deal&overdue_only=true").await;
    assert_eq!(by_deal["items"].as_array().map(Vec::len), Some(0), "nothing is overdue yet");
    let (st, body) = app.get(Some(&accountant), "/api/v1/receivables?by=week").await;
    assert_eq!(pairs(&refused(st, &body)), [("by", "invalid_value")]);
    let csv = app.download(&accountant, "/api/v1/receivables/export?format=csv").await;
    assert_eq!(csv.status, 200);
    let text = String::from_utf8(csv.bytes).expect("utf-8");
    assert!(text.contains("Клиент") && text.contains("ООО «СпортПлощадка»"), "{text}");
    let xlsx = app.download(&accountant, "/api/v1/receivables/export?format=xlsx").await;
    assert_eq!((xlsx.status, &xlsx.bytes[..2]), (200, &b"PK"[..]));
}

#[tokio::test]
async fn every_finance_endpoint_hides_other_organizations_and_refuses_roles_without_the_right() {
    let app = TestApp::spawn().await;
    let (manager, accountant) = (app.as_role("manager").await, app.as_role("accountant").await);
    let (id, invoice) = signed_deal(&app, &manager, "ООО «СпортПлощадка»", json!({"kind": "prepayment"})).await;
    let (st, body) = app.post(Some(&accountant), "/api/v1/payments", json!({"direction": "incoming", "number": "1", "paid_on": day(0), "amount": "10.00", "party_name": "ООО «СпортПлощадка»"})).await;
    assert_eq!(st, 201, "{body}");
    let payment = s(&body, "id").to_owned();
    let p1 = app.login("production1@demo.local").await;
    // Another organization's rows are not there for a production.
    for path in [format!("/api/v1/payments/{payment}"), format!("/api/v1/deals/{id}/money")] {
        assert_eq!(app.get(Some(&p1), &path).await.0, 404, "{path}");
    }
    let own = app.ok(&p1, "/api/v1/payments").await;
    assert_eq!(own["items"].as_array().map(Vec::len), Some(0), "a production lists only its own payments");
    let r = app.ok(&p1, "/api/v1/receivables").await;
    assert_eq!(r["items"].as_array().map(Vec::len), Some(0));
    for (path, body) in [
        (format!("/api/v1/deals/{id}/shipments"), json!({"invoice_id": invoice["id"], "shipped_on": day(0)})),
        (format!("/api/v1/invoices/{}/cancel", s(&invoice, "id")), json!({"version": invoice["version"], "reason": "expensive"})),
        (format!("/api/v1/payments/{payment}/allocations"), json!({"version": 1, "allocations": [{"invoice_id": invoice["id"], "amount": "1.00"}]})),
    ] {
        let (st, b) = app.post(Some(&p1), &path, body).await;
        assert!(st == 404 || st == 403, "{path}: {st} {b}");
        assert_ne!(st, 200);
    }
    // Roles without the right.
    let analyst = app.as_role("analyst").await;
    let warehouse = app.as_role("warehouse").await;
    let designer = app.as_role("designer").await;
    for (token, method, path, body) in [
        (&manager, "GET", "/api/v1/payments".to_owned(), None),
        (&manager, "GET", "/api/v1/receivables".to_owned(), None),
        (&manager, "GET", "/api/v1/statements".to_owned(), None),
        (&designer, "GET", format!("/api/v1/deals/{id}/money"), None),
        (&analyst, "POST", "/api/v1/payments".to_owned(), Some(json!({"direction": "incoming", "number": "1", "paid_on": day(0), "amount": "1.00", "party_name": "x"}))),
        (&analyst, "POST", "/api/v1/statements".to_owned(), Some(json!({"hash": "0".repeat(64), "file_name": "x.txt"}))),
        (&manager, "POST", format!("/api/v1/payments/{payment}/allocations"), Some(json!({"version": 1, "allocations": [{"invoice_id": invoice["id"], "amount": "1.00"}]}))),
        (&manager, "PUT", format!("/api/v1/payments/{payment}/client"), Some(json!({"version": 1, "client_id": uuid::Uuid::nil()}))),
        (&manager, "POST", format!("/api/v1/deals/{id}/shipments"), Some(json!({"invoice_id": invoice["id"], "shipped_on": day(0)}))),
        (&warehouse, "POST", format!("/api/v1/invoices/{}/cancel", s(&invoice, "id")), Some(json!({"version": invoice["version"], "reason": "expensive"}))),
        (&accountant, "GET", "/api/v1/reminders/schedule".to_owned(), None),
    ] {
        let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let (st, b) = app.send(Some(token), m, &path, body).await;
        assert_eq!(st, 403, "{method} {path}: {b}");
    }
    let (st, _) = preview(&app, &manager, b"1CClientBankExchange".to_vec()).await;
    assert_eq!(st, 403, "the manager imports no statement");
}

#[tokio::test]
async fn the_warehouse_ships_from_its_queue_without_reading_the_deal() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let warehouse = app.as_role("warehouse").await;
    let (paid, paid_invoice) = signed_deal(&app, &manager, "ООО «СпортПлощадка»", json!({"kind": "prepayment"})).await;
    let (_waiting, waiting_invoice) = signed_deal(&app, &manager, "ООО «ДачаСтрой»", json!({"kind": "prepayment"})).await;
    let due = app.due_now(&manager, &paid).await;
    let (st, body) = app.pay(&paid, &due).await;
    assert_eq!(st, 200, "{body}");
    // The warehouse reads no deal, but sees what waits to be shipped.
    assert_eq!(app.get(Some(&warehouse), &format!("/api/v1/deals/{paid}")).await.0, 403);
    let ready = app.ok(&warehouse, "/api/v1/shipments/queue").await;
    let in_queue = |q: &Value, id: &Value| q["items"].as_array().unwrap().iter().any(|i| i["invoice"]["id"] == *id);
    assert!(in_queue(&ready, &paid_invoice["id"]), "{ready}");
    assert!(!in_queue(&ready, &waiting_invoice["id"]), "an unpaid prepayment invoice is not ready to ship");
    let item = ready["items"].as_array().unwrap().iter().find(|i| i["invoice"]["id"] == paid_invoice["id"]).cloned().unwrap();
    assert_eq!((item["deal_id"].as_str(), item["client_name"].as_str(), item["ready"].as_bool()), (Some(paid.as_str()), Some("ООО «СпортПлощадка»"), Some(true)));
    let all = app.ok(&warehouse, "/api/v1/shipments/queue?ready_only=false").await;
    assert!(in_queue(&all, &waiting_invoice["id"]) && all["total"].as_u64() >= Some(2), "{all}");
    let first = app.ok(&warehouse, "/api/v1/shipments/queue?ready_only=false&limit=1").await;
    assert_eq!(first["items"].as_array().map(Vec::len), Some(1), "a page of one");
    let second = app.ok(&warehouse, "/api/v1/shipments/queue?ready_only=false&limit=1&offset=1").await;
    assert_ne!(second["items"][0]["invoice"]["id"], first["items"][0]["invoice"]["id"], "the next page is another invoice");
    let (st, body) = app.get(Some(&warehouse), "/api/v1/shipments/queue?offset=-1").await;
    assert_eq!(pairs(&refused(st, &body)), [("offset", "out_of_range")]);
    // Shipped in full from the queue: it leaves the queue.
    let (st, body) = app.post(Some(&warehouse), &format!("/api/v1/deals/{paid}/shipments"), json!({"invoice_id": paid_invoice["id"], "shipped_on": day(0)})).await;
    assert_eq!(st, 201, "{body}");
    assert!(!in_queue(&app.ok(&warehouse, "/api/v1/shipments/queue?ready_only=false").await, &paid_invoice["id"]));
    let (st, body) = app.get(Some(&warehouse), "/api/v1/shipments/queue?limit=0").await;
    assert_eq!(pairs(&refused(st, &body)), [("limit", "out_of_range")]);
    // Roles without the right; a production has none of the head company's shipping.
    for token in [manager.clone(), app.as_role("designer").await, app.login("production1@demo.local").await] {
        assert_eq!(app.get(Some(&token), "/api/v1/shipments/queue").await.0, 403);
    }
    assert_eq!(app.get(Some(&app.as_role("logistician").await), "/api/v1/shipments/queue").await.0, 200);
}

#[tokio::test]
async fn an_admin_sets_each_organizations_zone_and_advance_interval_checked_by_field() {
    let app = TestApp::spawn().await;
    let admin = app.as_role("admin").await;
    let head = app.organization_id(HEAD).await;
    let list = app.ok(&admin, "/api/v1/reminders/settings").await;
    let row = list["items"].as_array().unwrap().iter().find(|r| r["organization_id"] == head.as_str()).cloned().expect("the head company");
    assert_eq!((row["utc_offset"].as_str(), row["advance_reminder_days"].as_u64()), (Some("+03:00"), Some(3)));
    let (st, body) = app.put(&admin, &format!("/api/v1/reminders/settings/{head}"), json!({"utc_offset": "UTC+5", "advance_reminder_days": 4})).await;
    assert_eq!((st, body["utc_offset"].as_str(), body["advance_reminder_days"].as_u64()), (200, Some("+05:00"), Some(4)), "{body}");
    let (st, body) = app.put(&admin, &format!("/api/v1/reminders/settings/{head}"), json!({"utc_offset": "+13:00", "advance_reminder_days": 7})).await;
    assert_eq!(pairs(&refused(st, &body)), [("utc_offset", "invalid_value"), ("advance_reminder_days", "out_of_range")]);
    let again = app.ok(&admin, "/api/v1/reminders/settings").await;
    let row = again["items"].as_array().unwrap().iter().find(|r| r["organization_id"] == head.as_str()).cloned().unwrap();
    assert_eq!((row["utc_offset"].as_str(), row["advance_reminder_days"].as_u64()), (Some("+05:00"), Some(4)), "nothing saved by the refused change");
    assert_eq!(app.put(&admin, &format!("/api/v1/reminders/settings/{}", uuid::Uuid::nil()), json!({"utc_offset": "+3", "advance_reminder_days": 3})).await.0, 404);
    for token in [app.as_role("accountant").await, app.as_role("manager").await, app.login("production1@demo.local").await] {
        assert_eq!(app.get(Some(&token), "/api/v1/reminders/settings").await.0, 403);
        assert_eq!(app.put(&token, &format!("/api/v1/reminders/settings/{head}"), json!({"utc_offset": "+3", "advance_reminder_days": 3})).await.0, 403);
    }
}

#[tokio::test]
async fn a_clients_payment_history_exports_with_the_clients_name_and_nothing_of_other_clients() {
    let app = TestApp::spawn().await;
    let (manager, accountant) = (app.as_role("manager").await, app.as_role("accountant").await);
    let ours = ours(&app).await;
    let client = "ООО «СпортПлощадка»";
    let (_id, invoice) = signed_deal(&app, &manager, client, json!({"kind": "prepayment"})).await;
    let inn = inn_of(&app, &manager, client).await;
    let c = app.client_named(&manager, client).await;
    let total = s(&invoice, "total").to_owned();
    let k = kopecks(&total) + 100_000;
    let over = format!("{}.{:02}", k / 100, k % 100);
    // Named by number and INN, and 1000 ₽ more than the invoice lacks: the rest is the advance.
    let today = ddmmyyyy(&day(0));
    let purpose = format!("Оплата по счету № {} от {today}", s(&invoice, "number"));
    let file = statement(&ours, &[Order { number: "901", date: &today, amount: &over, payer_inn: &inn, payer_name: client, purpose }]);
    let (p, _) = import(&app, &accountant, file).await;
    let line = &p["lines"][0];
    assert_eq!((line["matching"]["kind"].as_str(), line["to_advance"].as_str()), (Some("auto"), Some("1000.00")), "{p}");
    let (st, body) = app.post(Some(&accountant), "/api/v1/payments", json!({"direction": "incoming", "method": "cash", "number": "ПКО-7", "paid_on": day(0), "amount": "10.00", "party_name": "Иванов И. И."})).await;
    assert_eq!(st, 201, "{body}");
    assert_eq!((body["client_id"].as_str(), body["allocated"].as_str(), body["rest"].as_str()), (None, Some("0.00"), Some("10.00")), "{body}");
    let list = app.ok(&accountant, &format!("/api/v1/payments?client_id={}", s(&c, "id"))).await;
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{list}");
    assert_eq!((items[0]["client_name"].as_str(), items[0]["rest"].as_str()), (Some(client), Some("1000.00")));
    let csv = app.download(&accountant, &format!("/api/v1/payments/export?client_id={}", s(&c, "id"))).await;
    assert_eq!(csv.status, 200);
    let text = String::from_utf8(csv.bytes).expect("utf-8");
    assert!(text.starts_with('\u{feff}') && text.contains("Назначение платежа") && text.contains("901") && text.contains("1000,00") && text.contains(s(&invoice, "number")), "{text}");
    assert!(!text.contains("ПКО-7"), "another payer's payment is not in the client's history");
    let xlsx = app.download(&accountant, "/api/v1/payments/export?format=xlsx").await;
    assert_eq!((xlsx.status, &xlsx.bytes[..2]), (200, &b"PK"[..]));
    let (st, body) = app.get(Some(&accountant), "/api/v1/payments/export?format=pdf").await;
    assert_eq!(pairs(&refused(st, &body)), [("format", "invalid_value")]);
    let (st, body) = app.get(Some(&accountant), "/api/v1/payments?statement_id=12345").await;
    let e = refused(st, &body);
    assert_eq!(pairs(&e), [("statement_id", "invalid_value")]);
    assert!(body.to_string().contains("UUID") && !body.to_string().contains("ГГГГ"), "{body}");
    assert_eq!(app.get(Some(&manager), "/api/v1/payments/export").await.0, 403);
    let p1 = app.login("production1@demo.local").await;
    let own = app.download(&p1, "/api/v1/payments/export").await;
    assert!(!String::from_utf8(own.bytes).unwrap_or_default().contains("901"), "a production exports only its own payments");
}

#[tokio::test]
async fn the_accountant_makes_an_unknown_payer_a_client_from_its_requisites_in_one_step() {
    let app = TestApp::spawn().await;
    let (accountant, manager) = (app.as_role("accountant").await, app.as_role("manager").await);
    let ours = ours(&app).await;
    let (inn, payer) = (fresh_inn(), "ООО «Новый Плательщик»");
    let today = ddmmyyyy(&day(0));
    let file = statement(&ours, &[Order { number: "501", date: &today, amount: "15000.00", payer_inn: &inn, payer_name: payer, purpose: "Предоплата за плитку".into() }]);
    // The bank names the payer's KPP too.
    let text = encoding_rs::WINDOWS_1251.decode(&file).0.replace(&format!("ПлательщикИНН={inn}\r\n"), &format!("ПлательщикИНН={inn}\r\nПлательщикКПП=770101001\r\n"));
    let (_, r) = import(&app, &accountant, encoding_rs::WINDOWS_1251.encode(&text).0.into_owned()).await;
    assert_eq!(r["unmatched"].as_u64(), Some(1), "{r}");
    let queue = app.ok(&accountant, "/api/v1/payments?unallocated=true").await;
    let payment = queue["items"].as_array().unwrap().iter().find(|p| p["number"] == "501").cloned().expect("in the queue");
    assert_eq!((payment["party_inn"].as_str(), payment["party_kpp"].as_str(), payment["client_id"].as_str()), (Some(inn.as_str()), Some("770101001"), None));
    let id = s(&payment, "id").to_owned();
    let path = format!("/api/v1/payments/{id}/payer-client");
    let body = |version: &Value, bik: &str| json!({
        "version": version,
        "client": {"name": payer, "person_kind": "legal", "counterparty": {"kind": "legal_entity", "name": payer, "inn": inn, "kpp": "770101001"}},
        "account": {"account_number": payment["party_account"], "bik": bik, "bank_name": "ПАО Сбербанк", "corr_account": "30101810400000000225"},
    });
    // A broken account refuses the whole: no client is left behind.
    let (st, b) = app.post(Some(&accountant), &path, body(&payment["version"], "04452522")).await;
    assert_eq!(pairs(&refused(st, &b)).first().map(|(f, _)| *f), Some("account.bik"), "{b}");
    let similar = app.ok(&accountant, &format!("/api/v1/clients/similar?inn={inn}")).await;
    assert_eq!(similar["items"].as_array().map(Vec::len), Some(0), "nothing half-made");
    // The manager has no right to; the accountant does, and the client is the payment's.
    let (st, b) = app.post(Some(&manager), &path, body(&payment["version"], "044525225")).await;
    assert_eq!(st, 403, "{b}");
    let (st, detail) = app.post(Some(&accountant), &path, body(&payment["version"], "044525225")).await;
    assert_eq!(st, 201, "{detail}");
    let client = s(&detail, "client_id").to_owned();
    assert_eq!(detail["client_name"].as_str(), Some(payer));
    let card = app.ok(&manager, &format!("/api/v1/clients/{client}")).await;
    assert_eq!(card["counterparties"][0]["inn"].as_str(), Some(inn.as_str()));
    assert_eq!(card["counterparties"][0]["bank_accounts"][0]["account_number"], payment["party_account"], "{card}");
    // Twice is refused: the payment has its client now (and a stale version is a conflict).
    let (st, b) = app.post(Some(&accountant), &path, body(&detail["version"], "044525225")).await;
    assert_eq!(pairs(&refused(st, &b)), [("client", "already_set")]);
    assert_eq!(app.post(Some(&accountant), &path, body(&payment["version"], "044525225")).await.0, 409);
    // A production records no payments; a payment that is not there is a 404.
    assert_eq!(app.post(Some(&app.login("production1@demo.local").await), &path, body(&payment["version"], "044525225")).await.0, 403);
    let missing = format!("/api/v1/payments/{}/payer-client", uuid::Uuid::now_v7());
    assert_eq!(app.post(Some(&accountant), &missing, body(&payment["version"], "044525225")).await.0, 404);
}
