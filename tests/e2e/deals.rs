//! The tile-sale deal funnel over HTTP, guard by guard: each one refuses first, then the card moves
//! (by hand, or by itself when the logistician, the designer or the accountant records a fact).
//! Also: concurrent moves, the board's counts and sums, and the time in stage on stage entries.
use crate::support::{kopecks, TestApp, day, errors, pairs, s};
use serde_json::{Value, json};

fn at(v: &Value) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(v.as_str().unwrap_or_else(|| panic!("not a time: {v}"))).expect("rfc3339").to_utc()
}

/// A head-company client (with its counterparty) and a fresh deal of the manager for it.
async fn deal_for(app: &TestApp, manager: &str, client: &str, body: Value) -> (Value, Value) {
    let client = app.client_named(manager, client).await;
    let deal = app.new_deal(manager, s(&client, "id"), body).await;
    (client, deal)
}

fn refused(st: u16, body: &Value) -> Vec<(String, String)> {
    assert_eq!((st, body["code"].as_str()), (422, Some("transition_refused")), "{body}");
    errors(body)
}

#[tokio::test]
async fn a_tile_sale_goes_from_the_offer_task_to_won_and_every_guard_refuses_first() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let manager_id = app.user_id("manager@demo.local").await;
    let (client, deal) = deal_for(&app, &manager, "ООО «Детский мир Подмосковья»", json!({"delivery_address": "Химки, ул. Парковая, 3", "channel": "phone"})).await;
    let id = s(&deal, "id").to_owned();
    let id = id.as_str();

    // «Задача на подготовку индивидуального КП»: the logisticians are asked for the delivery cost.
    assert_eq!((deal["stage"].as_str(), deal["status"].as_str(), deal["deal_kind"].as_str()), (Some("offer_task"), Some("open"), Some("tile_sale")));
    assert_eq!((deal["responsible_id"].as_str(), deal["channel"].as_str(), deal["currency"].as_str()), (Some(manager_id.as_str()), Some("phone"), Some("RUB")));
    let requests = deal["requests"].as_array().unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!((requests[0]["kind"].as_str(), requests[0]["status"].as_str()), (Some("delivery_cost"), Some("open")));
    assert_eq!((requests[0]["delivery_address"].as_str(), requests[0]["manager_name"].as_str()), (Some("Химки, ул. Парковая, 3"), Some("Менеджер")));
    let tasks = app.card_tasks(&manager, id).await;
    assert_eq!((tasks.len(), tasks[0]["code"].as_str(), tasks[0]["title"].as_str()), (1, Some("prepare_offer"), Some("Подготовить индивидуальное КП")));

    let (st, body) = app.move_to(&manager, "deals", id, "delivery_cost_received").await;
    assert_eq!(pairs(&refused(st, &body)), [("requests.delivery_cost", "request_not_completed")]);
    let (st, body) = app.move_to(&manager, "deals", id, "offer_sent").await;
    assert_eq!(pairs(&refused(st, &body)), [("stage", "transition_not_allowed")]);
    // The logistician's answer moves the deal by itself.
    app.answer_delivery(id).await;
    let deal = app.card(&manager, "deals", id).await;
    assert_eq!(deal["stage"], "delivery_cost_received");
    let answer = &deal["requests"][0];
    assert_eq!((answer["status"].as_str(), answer["answer"]["cost"].as_str(), answer["answer"]["carrier"].as_str()), (Some("completed"), Some("18500.00"), Some("ПЭК")));
    assert_eq!(answer["assignee_name"], "Логист");
    let moved = &app.timeline(&manager, "deals", id).await[0];
    assert_eq!((moved["kind"].as_str(), moved["data"]["by_fact"].as_str(), moved["actor_name"].as_str()), (Some("stage"), Some("request_completed:delivery_cost"), Some("Логист")));

    // «КП отправлено» only by e-mailing the offer (tests/e2e/documents.rs goes through it in detail).
    let (st, body) = app.move_to(&manager, "deals", id, "offer_sent").await;
    assert_eq!(pairs(&refused(st, &body)), [("stage", "fact_required")]);
    let offer = app.offer(&manager, id, None).await;
    app.send_documents(&manager, id, &[s(&offer, "id")]).await;
    assert_eq!(app.card(&manager, "deals", id).await["stage"], "offer_sent");
    app.walk(&manager, "deals", id, &["offer_received"]).await;

    // Terms without the design branch only once the client declined the design.
    let (st, body) = app.move_to(&manager, "deals", id, "terms").await;
    assert_eq!(pairs(&refused(st, &body)), [("checklist.design_declined", "checklist_item_required")]);
    app.tick(&manager, "deals", id, &["design_declined"]).await;
    app.move_ok(&manager, "deals", id, "terms").await;

    // Requisites after the three terms items.
    let (st, body) = app.move_to(&manager, "deals", id, "requisites_requested").await;
    assert_eq!(
        pairs(&refused(st, &body)),
        [("checklist.objections_after_offer", "checklist_item_required"), ("checklist.objections_neutralised", "checklist_item_required"), ("checklist.proposed_contract", "checklist_item_required")]
    );
    app.tick(&manager, "deals", id, &["objections_after_offer", "objections_neutralised"]).await;
    let (st, body) = app.move_to(&manager, "deals", id, "requisites_requested").await;
    assert_eq!(pairs(&refused(st, &body)), [("checklist.proposed_contract", "checklist_item_required")]);
    app.tick(&manager, "deals", id, &["proposed_contract"]).await;
    app.move_ok(&manager, "deals", id, "requisites_requested").await;

    // The contract needs a counterparty of the deal's own client.
    let (st, body) = app.move_to(&manager, "deals", id, "documents_prepared").await;
    assert_eq!(pairs(&refused(st, &body)), [("counterparty", "field_required"), ("stage", "fact_required")]);
    let stranger = app.client_named(&manager, "ООО «Фитнес Групп»").await;
    let (st, body) = app.edit_card(&manager, "deals", id, json!({"counterparty_id": stranger["counterparties"][0]["id"]})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("counterparty_id", "not_found")]));
    let deal = app.edit_ok(&manager, "deals", id, json!({"counterparty_id": client["counterparties"][0]["id"]})).await;
    assert_eq!(deal["counterparty_name"], "ООО «Детский мир Подмосковья»");
    // The documents move it on: made, e-mailed, signed.
    let (st, body) = app.move_to(&manager, "deals", id, "documents_prepared").await;
    assert_eq!(pairs(&refused(st, &body)), [("stage", "fact_required")]);
    app.deal_to(&manager, id, "documents_signed").await;

    // «Оплата получена» comes only from the accountant's notice — for everyone, whatever the role.
    for role in ["manager", "admin", "management"] {
        let t = app.as_role(role).await;
        let (st, body) = app.move_to(&t, "deals", id, "payment_received").await;
        assert_eq!(pairs(&refused(st, &body)), [("stage", "fact_required")], "{role}");
        assert_eq!(body["errors"][0]["message"], "Стадия «Оплата получена» наступает только после регистрации оплаты бухгалтерией");
    }
    let offered = app.card(&manager, "deals", id).await["moves"].clone();
    let payment = offered.as_array().unwrap().iter().find(|m| m["to"] == "payment_received").cloned().expect("offered");
    assert_eq!((payment["allowed"].as_bool(), payment["problems"][0]["code"].as_str()), (Some(false), Some("fact_required")));

    // Asking for the payment date; «Оплата не сделана» needs the date the client promised.
    app.move_ok(&manager, "deals", id, "ask_payment_date").await;
    let (st, body) = app.move_to(&manager, "deals", id, "payment_overdue").await;
    assert_eq!(pairs(&refused(st, &body)), [("promised_payment_date", "field_required")]);
    let promised = day(6);
    app.edit_ok(&manager, "deals", id, json!({"promised_payment_date": promised})).await;
    app.move_ok(&manager, "deals", id, "payment_overdue").await;
    let tasks = app.card_tasks(&manager, id).await;
    let reminder = tasks.iter().find(|t| t["code"] == "payment_reminder").expect("reminder task");
    assert_eq!(reminder["title"], "Напомнить клиенту об оплате");
    assert_eq!(at(&reminder["due_at"]).date_naive().to_string(), day(5), "a day before the promised date");
    assert!(tasks.iter().any(|t| t["code"] == "ask_payment_date"));

    // The accountant registers the payment: the deal moves by itself; the accountant moves nothing by hand.
    let accountant = app.as_role("accountant").await;
    let (st, _) = app.move_to(&accountant, "deals", id, "lost").await;
    assert_eq!(st, 403);
    // What the invoice asks now: the whole of a prepayment invoice.
    let due = app.due_now(&manager, id).await;
    let (st, paid) = app.pay(id, &due).await;
    assert_eq!(st, 200, "{paid}");
    assert_eq!((paid["stage"].as_str(), paid["facts"].clone()), (Some("payment_received"), json!(["documents:offer_sent", "documents:prepared", "documents:sent", "documents:signed", "payment_received", "request_completed:delivery_cost"])));
    let timeline = app.timeline(&manager, "deals", id).await;
    // Paid, the reminder to pay no longer matters: closed «не актуально», and the timeline says so.
    assert_eq!((timeline[0]["kind"].as_str(), timeline[0]["data"]["titles"].clone()), (Some("tasks_closed"), json!(["Напомнить клиенту об оплате"])));
    assert_eq!(timeline[0]["text"], "Не актуально: карточка перешла в «Оплата получена»");
    assert_eq!((timeline[1]["kind"].as_str(), timeline[1]["data"]["by_fact"].as_str()), (Some("stage"), Some("payment_received")));
    assert_eq!((timeline[2]["kind"].as_str(), timeline[2]["data"]["amount"].as_str(), timeline[2]["actor_name"].as_str()), (Some("payment"), Some(due.as_str()), Some("Бухгалтер")));
    let tasks = app.card_tasks(&manager, id).await;
    let reminder = tasks.iter().find(|t| t["code"] == "payment_reminder").expect("reminder task");
    assert_eq!((reminder["status"].as_str(), reminder["result"].as_str()), (Some("cancelled"), Some("Не актуально: карточка перешла в «Оплата получена»")));
    let my_day = app.ok(&manager, "/api/v1/tasks?view=my_day").await;
    assert!(!my_day["items"].as_array().unwrap().iter().any(|t| t["id"] == reminder["id"]), "«Мой день» shows only live work");
    assert!(tasks.iter().any(|t| t["code"] == "prepare_offer" && t["status"] == "open"), "the offer task carries over its stage");

    app.walk(&manager, "deals", id, &["work_order_prepared", "handed_to_logistics", "in_progress"]).await;
    assert!(app.card_tasks(&manager, id).await.iter().any(|t| t["code"] == "check_progress"));
    // The review is asked for once everything is shipped and paid, never by hand before.
    let (st, body) = app.move_to(&manager, "deals", id, "ask_results").await;
    assert_eq!(pairs(&refused(st, &body)), [("stage", "fact_required")]);
    app.ship_all(id).await;
    assert_eq!(app.card(&manager, "deals", id).await["stage"], "ask_results");
    let (st, body) = app.move_to(&manager, "deals", id, "won").await;
    assert_eq!(pairs(&refused(st, &body)), [("checklist.review_requested", "checklist_item_required")]);
    app.edit_ok(&manager, "deals", id, json!({"checklist": {"review_requested": true}, "review_score": 9})).await;
    let won = app.move_ok(&manager, "deals", id, "won").await;
    assert_eq!((won["status"].as_str(), won["review_score"].as_i64(), won["moves"].clone()), (Some("won"), Some(9), json!([])));
    assert!(won["closed_at"].is_string());
    let (st, body) = app.move_to(&manager, "deals", id, "lost").await;
    assert_eq!(pairs(&refused(st, &body)), [("stage", "stage_closed")]);
    // Nothing of a won deal is left to do.
    let open: Vec<Value> = app.card_tasks(&manager, id).await.into_iter().filter(|t| t["status"] == "open").collect();
    assert_eq!(open, Vec::<Value>::new());

    // Every stage entry on the way, with the time spent in the stage it left.
    let stages: Vec<Value> = app.timeline(&manager, "deals", id).await.into_iter().filter(|e| e["kind"] == "stage").collect();
    assert_eq!(stages.len(), 17);
    // Newest first, the path is unbroken: each entry leaves the stage the one before it entered.
    assert!(stages.windows(2).all(|w| w[0]["data"]["from"] == w[1]["data"]["to"]), "{stages:?}");
}

#[tokio::test]
async fn the_design_branch_moves_on_when_the_designer_completes_the_request_with_a_file() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let (_, deal) = deal_for(&app, &manager, "ООО «СпортПлощадка»", json!({"offer_details": "Площадка 15×20 м, 40 мм"})).await;
    let id = s(&deal, "id");
    app.deal_to(&manager, id, "offer_received").await;
    let deal = app.move_ok(&manager, "deals", id, "design_task").await;
    let design = deal["requests"].as_array().unwrap().iter().find(|r| r["kind"] == "design").cloned().expect("design request");
    assert_eq!((design["status"].as_str(), design["details"].as_str()), (Some("open"), Some("Площадка 15×20 м, 40 мм")));
    let (st, body) = app.move_to(&manager, "deals", id, "design_sent").await;
    assert_eq!(pairs(&refused(st, &body)), [("requests.design", "request_not_completed")]);

    let designer = app.as_role("designer").await;
    let rid = s(&design, "id");
    let (st, body) = app.post(Some(&designer), &format!("/api/v1/requests/{rid}/complete"), json!({"version": design["version"]})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("files", "required")]));
    let (st, taken) = app.post(Some(&designer), &format!("/api/v1/requests/{rid}/take"), json!({"version": design["version"]})).await;
    assert_eq!((st, taken["status"].as_str(), taken["assignee_name"].as_str()), (200, Some("in_progress"), Some("Дизайнер")));
    let (st, file) = app.upload(&designer, &format!("/api/v1/requests/{rid}/files"), "макет.pdf", b"%PDF-1.4 mock-up", "application/pdf").await;
    assert_eq!(st, 201, "{file}");
    let (st, done) = app.post(Some(&designer), &format!("/api/v1/requests/{rid}/complete"), json!({"version": taken["version"], "comment": "Два варианта"})).await;
    assert_eq!(st, 200, "{done}");
    assert_eq!((done["files"][0]["name"].as_str(), done["answer"]["comment"].as_str()), (Some("макет.pdf"), Some("Два варианта")));
    let deal = app.card(&manager, "deals", id).await;
    assert_eq!(deal["stage"], "design_sent");
    // After the design the terms need no «design declined».
    app.walk(&manager, "deals", id, &["design_received", "terms"]).await;
    let (st, body) = app.move_to(&manager, "deals", id, "design_task").await;
    assert_eq!(pairs(&refused(st, &body)), [("stage", "transition_not_allowed")]);
}

#[tokio::test]
async fn an_early_payment_is_kept_and_moves_the_deal_once_the_documents_are_signed() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let (_, deal) = deal_for(&app, &manager, "ООО «ДачаСтрой»", json!({"expected_revenue": "50000.00"})).await;
    let id = s(&deal, "id");
    let accountant = app.as_role("accountant").await;
    let path = format!("/api/v1/deals/{id}/payments");
    let (st, body) = app.post(Some(&accountant), &path, json!({"amount": "0", "paid_on": day(1)})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("amount", "out_of_range"), ("paid_on", "out_of_range")]));
    let (st, early) = app.pay(id, "25000.00").await;
    assert_eq!(st, 200, "{early}");
    // No invoice yet: the money is the client's advance, and nothing is paid as far as the deal goes.
    assert_eq!((early["stage"].as_str(), early["facts"].clone()), (Some("offer_task"), json!([])));
    let advance = app.ok(&accountant, &format!("/api/v1/payments?unallocated=true&client_id={}", s(&deal, "client_id"))).await;
    let payment = advance["items"][0].clone();
    assert_eq!((payment["amount"].as_str(), payment["rest"].as_str()), (Some("25000.00"), Some("25000.00")));
    app.deal_to(&manager, id, "documents_received").await;
    // The invoice is out: the accountant puts the advance on it (a prepayment invoice asks for all of it).
    let money = app.ok(&accountant, &format!("/api/v1/deals/{id}/money")).await;
    let invoice = money["invoices"][0].clone();
    let put = std::cmp::min(kopecks(s(&invoice, "total")), 2_500_000);
    let (st, body) = app.post(Some(&accountant), &format!("/api/v1/payments/{}/allocations", s(&payment, "id")), json!({"version": payment["version"], "allocations": [{"invoice_id": invoice["id"], "amount": format!("{}.{:02}", put / 100, put % 100)}]})).await;
    assert_eq!(st, 200, "{body}");
    if put < kopecks(s(&invoice, "total")) {
        let rest = app.due_now(&manager, id).await;
        let (st, body) = app.pay(id, &rest).await;
        assert_eq!(st, 200, "{body}");
    }
    let contract = app.documents(&manager, id).await["items"].as_array().unwrap().iter().find(|d| d["kind"] == "contract").cloned().expect("a contract");
    app.sign_contract(&manager, id, s(&contract, "id")).await;
    let deal = app.card(&manager, "deals", id).await;
    assert_eq!(deal["stage"], "payment_received", "the recorded payment carries it on");
    let stages: Vec<Value> = app.timeline(&manager, "deals", id).await.into_iter().filter(|e| e["kind"] == "stage").take(2).collect();
    assert_eq!((stages[0]["data"]["from"].as_str(), stages[0]["data"]["to"].as_str(), stages[0]["data"]["by_fact"].as_str()), (Some("documents_signed"), Some("payment_received"), Some("payment_received")));
    assert_eq!((stages[1]["data"]["to"].as_str(), stages[1]["data"]["by_fact"].as_str()), (Some("documents_signed"), Some("documents:signed")));
}

#[tokio::test]
async fn a_lost_deal_needs_a_reason_and_cancels_its_open_requests_and_tasks() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let (_, deal) = deal_for(&app, &manager, "ООО «Конный клуб Виктория»", json!({})).await;
    let id = s(&deal, "id");
    let path = format!("/api/v1/deals/{id}/move");
    let (st, body) = app.post(Some(&manager), &path, json!({"version": 1, "to": "lost"})).await;
    assert_eq!(pairs(&refused(st, &body)), [("loss.reason", "required")]);
    let (st, lost) = app.post(Some(&manager), &path, json!({"version": 1, "to": "lost", "loss": {"reason": "competitor", "objections": "Дешевле на 10%", "add_to_mailing": true}})).await;
    assert_eq!(st, 200, "{lost}");
    assert_eq!((lost["status"].as_str(), lost["loss"]["reason_name"].as_str()), (Some("lost"), Some("Выбрал конкурента")));
    assert_eq!((lost["requests"][0]["status"].as_str(), lost["requests"][0]["cancel_reason"].as_str()), (Some("cancelled"), Some("Сделка закрыта")));
    assert!(app.card_tasks(&manager, id).await.iter().all(|t| t["status"] == "cancelled"));
    let logistician = app.as_role("logistician").await;
    let queue = app.ok(&logistician, "/api/v1/requests").await;
    assert_eq!(queue["items"], json!([]), "nothing left in the logisticians' queue");
    let (st, body) = app.post(Some(&manager), &format!("/api/v1/deals/{id}/requests"), json!({"kind": "design"})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("deal", "deal_closed")]));
}

#[tokio::test]
async fn deal_creation_and_edits_are_checked() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let client = app.client_named(&manager, "ООО «ДачаСтрой»").await;
    let stranger = app.client_named(&manager, "ООО «СпортПлощадка»").await;
    let (st, body) = app
        .post(Some(&manager), "/api/v1/deals", json!({"title": " ", "client_id": client["id"], "expected_revenue": "12.345", "channel": "fax", "pipeline_id": uuid::Uuid::new_v4()}))
        .await;
    assert_eq!(st, 422);
    // What the body itself gets wrong comes back at once; what needs the stored data (is there
    // such a pipeline?) once the body is right.
    assert_eq!(pairs(&errors(&body)), [("title", "required"), ("expected_revenue", "invalid_format"), ("channel", "invalid_value")]);
    let (st, body) = app.post(Some(&manager), "/api/v1/deals", json!({"title": "Нет воронки", "client_id": client["id"], "pipeline_id": uuid::Uuid::new_v4()})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("pipeline_id", "invalid_value")]));
    let (st, body) = app.post(Some(&manager), "/api/v1/deals", json!({"title": "Чужой контрагент", "client_id": client["id"], "counterparty_id": stranger["counterparties"][0]["id"]})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("counterparty_id", "not_found")]));
    let leads_pipeline = app.pipeline_id(&manager, "leads").await;
    let (st, body) = app.post(Some(&manager), "/api/v1/deals", json!({"title": "Не та воронка", "client_id": client["id"], "pipeline_id": leads_pipeline})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("pipeline_id", "invalid_value")]));
    let (st, _) = app.post(Some(&manager), "/api/v1/deals", json!({"title": "Нет клиента", "client_id": uuid::Uuid::new_v4()})).await;
    assert_eq!(st, 404);
    let deals = app.ok(&manager, "/api/v1/deals").await;
    assert_eq!(deals["items"], json!([]), "nothing was saved");

    let deal = app.new_deal(&manager, s(&client, "id"), json!({"counterparty_id": client["counterparties"][0]["id"], "expected_revenue": "1000"})).await;
    let id = s(&deal, "id");
    assert_eq!((deal["expected_revenue"].as_str(), deal["counterparty_name"].as_str(), deal["channel"].as_str()), (Some("1000.00"), Some("ООО «ДачаСтрой»"), Some("other")));
    let (st, body) = app.edit_card(&manager, "deals", id, json!({"review_score": 11, "checklist": {"nope": true}})).await;
    assert_eq!(st, 422, "{body}");
    assert_eq!(pairs(&errors(&body)), [("review_score", "out_of_range")]);
    let (st, body) = app.edit_card(&manager, "deals", id, json!({"checklist": {"nope": true}})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("checklist.nope", "unknown_checklist_item")]));
    let edited = app.edit_ok(&manager, "deals", id, json!({"expected_revenue": null, "counterparty_id": null, "delivery_address": "Дмитров"})).await;
    assert_eq!((edited["expected_revenue"].clone(), edited["counterparty_id"].clone(), edited["version"].as_i64()), (Value::Null, Value::Null, Some(2)));
    let timeline = app.timeline(&manager, "deals", id).await;
    assert_eq!(timeline[0]["data"]["expected_revenue"], json!({"old": "1000.00", "new": null}));
    let (st, body) = app.patch(&manager, &format!("/api/v1/deals/{id}"), json!({"version": 1, "title": "Опоздал"})).await;
    assert_eq!((st, body["code"].as_str()), (409, Some("version_conflict")));
}

#[tokio::test]
async fn two_people_moving_the_same_card_at_once_one_wins_and_the_other_gets_409() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let management = app.as_role("management").await;
    for round in 0..6 {
        let (_, deal) = deal_for(&app, &manager, "ООО «СпортПлощадка»", json!({})).await;
        let id = s(&deal, "id");
        let deal = app.deal_to(&manager, id, "offer_received").await;
        let path = format!("/api/v1/deals/{id}/move");
        let a = app.post(Some(&manager), &path, json!({"version": deal["version"], "to": "design_task"}));
        let b = app.post(Some(&management), &path, json!({"version": deal["version"], "to": "lost", "loss": {"reason": "postponed"}}));
        let ((sa, ba), (sb, bb)) = tokio::join!(a, b);
        let mut statuses = [sa, sb];
        statuses.sort();
        assert_eq!(statuses, [200, 409], "round {round}: {ba} / {bb}");
        let (winner, loser) = if sa == 200 { (&ba, &bb) } else { (&bb, &ba) };
        assert_eq!(loser["code"], "version_conflict");
        let now = app.card(&manager, "deals", id).await;
        assert_eq!((now["stage"].clone(), now["version"].clone()), (winner["stage"].clone(), winner["version"].clone()), "round {round}");
        let stages = app.timeline(&manager, "deals", id).await.into_iter().filter(|e| e["kind"] == "stage" && e["data"]["from"] == "offer_received").count();
        assert_eq!(stages, 1, "only the winner's move is recorded");
    }
}

#[tokio::test]
async fn the_board_counts_and_sums_each_column_exactly_and_filters() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let management = app.as_role("management").await;
    let management_id = app.user_id("management@demo.local").await;
    let pid = app.pipeline_id(&manager, "tile_sale").await;
    let client = app.client_named(&manager, "ООО «ДачаСтрой»").await;
    let cid = s(&client, "id");
    let a = app.new_deal(&manager, cid, json!({"title": "Десять копеек", "expected_revenue": "0.10", "channel": "avito"})).await;
    let b = app.new_deal(&manager, cid, json!({"title": "Двадцать копеек", "expected_revenue": "0.20"})).await;
    let c = app.new_deal(&management, cid, json!({"title": "Руководство", "expected_revenue": "1000.55", "channel": "avito"})).await;
    app.new_deal(&manager, cid, json!({"title": "Без суммы"})).await;
    app.deal_to(&manager, s(&c, "id"), "delivery_cost_received").await;

    let board = app.ok(&manager, &format!("/api/v1/pipelines/{pid}/board")).await;
    assert_eq!((board["pipeline"]["code"].as_str(), board["pipeline"]["id"].as_str()), (Some("tile_sale"), Some(pid.as_str())));
    assert!(board["pipeline"].get("definition").is_none(), "the definition is at GET /pipelines/{{id}}, not in every board");
    let columns = board["columns"].as_array().unwrap();
    assert_eq!(columns.len(), 23, "every stage is a column, empty ones too");
    let column = |board: &Value, stage: &str| board["columns"].as_array().unwrap().iter().find(|c| c["stage"] == stage).cloned().expect("column");
    let first = column(&board, "offer_task");
    assert_eq!((first["count"].as_i64(), first["sum"].as_str()), (Some(3), Some("0.30")));
    let titles: Vec<&str> = first["cards"].as_array().unwrap().iter().map(|c| s(c, "title")).collect();
    assert_eq!(titles, ["Десять копеек", "Двадцать копеек", "Без суммы"], "longest waiting first");
    assert_eq!(first["cards"][0]["stuck"], false);
    let second = column(&board, "delivery_cost_received");
    assert_eq!((second["count"].as_i64(), second["sum"].as_str(), second["cards"][0]["id"].clone()), (Some(1), Some("1000.55"), c["id"].clone()));
    assert_eq!(column(&board, "won")["sum"], "0.00");

    let filtered = |q: String| {
        let app = &app;
        let (manager, pid) = (manager.clone(), pid.clone());
        async move { app.ok(&manager, &format!("/api/v1/pipelines/{pid}/board?{q}")).await }
    };
    let by_management = filtered(format!("responsible_id={management_id}")).await;
    assert_eq!((column(&by_management, "offer_task")["count"].as_i64(), column(&by_management, "delivery_cost_received")["count"].as_i64()), (Some(0), Some(1)));
    let avito = filtered("channel=avito".into()).await;
    assert_eq!((column(&avito, "offer_task")["count"].as_i64(), column(&avito, "offer_task")["sum"].as_str()), (Some(1), Some("0.10")));
    assert_eq!(column(&avito, "offer_task")["cards"][0]["id"], a["id"]);
    let today = filtered(format!("created_from={}&created_to={}", day(0), day(0))).await;
    assert_eq!(column(&today, "offer_task")["count"], 3);
    let tomorrow = filtered(format!("created_from={}", day(1))).await;
    assert!(tomorrow["columns"].as_array().unwrap().iter().all(|c| c["count"] == 0 && c["cards"] == json!([])));
    let search = filtered(format!("q={}", crate::support::enc("двадцать"))).await;
    assert_eq!(column(&search, "offer_task")["cards"][0]["id"], b["id"]);
    let one = filtered("per_stage=1".into()).await;
    let first = column(&one, "offer_task");
    assert_eq!((first["count"].as_i64(), first["cards"].as_array().unwrap().len()), (Some(3), 1), "the count is of all cards, the page of one");

    // The same filters on the list view.
    let list = app.ok(&manager, &format!("/api/v1/deals?channel=avito&responsible_id={management_id}")).await;
    assert_eq!(crate::support::ids(&list), [s(&c, "id")]);
    let list = app.ok(&manager, "/api/v1/deals?stage=offer_task&limit=2").await;
    assert_eq!(list["items"].as_array().unwrap().len(), 2);
    let rest = app.ok(&manager, &format!("/api/v1/deals?stage=offer_task&limit=2&cursor={}", s(&list, "next_cursor"))).await;
    assert_eq!((rest["items"].as_array().unwrap().len(), rest["next_cursor"].clone()), (1, Value::Null));
}

#[tokio::test]
async fn a_stage_entry_records_the_seconds_spent_in_the_stage_it_left() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let start = chrono::Utc::now();
    app.set_clock(start);
    let lead = app.new_lead(&manager, json!({})).await;
    let id = s(&lead, "id");
    // Two hours and five seconds in «Заявка получена», then straight on.
    app.advance_clock(chrono::Duration::seconds(2 * 3600 + 5));
    app.move_ok(&manager, "leads", id, "in_work").await;
    app.move_ok(&manager, "leads", id, "typical_offer_sent").await;
    let stages: Vec<Value> = app.timeline(&manager, "leads", id).await.into_iter().filter(|e| e["kind"] == "stage").collect();
    assert_eq!(stages[1]["data"]["seconds_in_from"].as_i64(), Some(7205), "{stages:?}");
    assert_eq!((stages[1]["data"]["from"].as_str(), stages[1]["data"]["from_name"].as_str()), (Some("received"), Some("Заявка получена")));
    assert_eq!(stages[0]["data"]["seconds_in_from"].as_i64(), Some(0), "{stages:?}");
    let lead = app.card(&manager, "leads", id).await;
    assert_eq!(at(&lead["stage_entered_at"]) - at(&lead["created_at"]), chrono::Duration::seconds(7205));
}

/// Closed is closed: a lost (or won) deal takes comments, files and its review score, nothing
/// else; an admin reopens it with a reason, back in the stage it was lost from.
#[tokio::test]
async fn a_closed_deal_is_read_only_but_for_comments_and_the_review_score_until_an_admin_reopens_it() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let admin = app.as_role("admin").await;
    let (_, deal) = deal_for(&app, &manager, "ООО «СпортПлощадка»", json!({"expected_revenue": "5000.00"})).await;
    let id = s(&deal, "id");
    let (st, lost) = app.post(Some(&manager), &format!("/api/v1/deals/{id}/move"), json!({"version": deal["version"], "to": "lost", "loss": {"reason": "postponed"}})).await;
    assert_eq!((st, lost["status"].as_str()), (200, Some("lost")), "{lost}");

    let (st, body) = app.edit_card(&manager, "deals", id, json!({"title": "Переименована", "review_score": 8})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("title", "card_closed")]), "{body}");
    let (st, body) = app.edit_card(&manager, "deals", id, json!({"checklist": {"design_declined": true}})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("checklist", "card_closed")]), "{body}");
    let scored = app.edit_ok(&manager, "deals", id, json!({"review_score": 9})).await;
    assert_eq!((scored["review_score"].as_i64(), scored["title"].clone()), (Some(9), deal["title"].clone()), "the refused edits saved nothing");
    let (st, _) = app.post(Some(&manager), &format!("/api/v1/deals/{id}/comments"), json!({"text": "Клиент вернётся весной"})).await;
    assert_eq!(st, 201);

    let path = format!("/api/v1/deals/{id}/reopen");
    let (st, body) = app.post(Some(&manager), &path, json!({"version": scored["version"], "reason": "Клиент вернулся"})).await;
    assert_eq!((st, body["code"].as_str()), (403, Some("forbidden")), "only an admin reopens");
    let (st, body) = app.post(Some(&admin), &path, json!({"version": scored["version"], "reason": " "})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("reason", "required")]));
    let (st, body) = app.post(Some(&admin), &path, json!({"version": 1, "reason": "Клиент вернулся"})).await;
    assert_eq!((st, body["code"].as_str()), (409, Some("version_conflict")));
    let (st, open) = app.post(Some(&admin), &path, json!({"version": scored["version"], "reason": "Клиент вернулся"})).await;
    assert_eq!(st, 200, "{open}");
    assert_eq!((open["status"].as_str(), open["stage"].clone(), open["loss"].clone(), open["closed_at"].clone()), (Some("open"), deal["stage"].clone(), Value::Null, Value::Null));
    let reopened = &app.timeline(&manager, "deals", id).await[0];
    assert_eq!((reopened["kind"].as_str(), reopened["text"].as_str(), reopened["data"]["from"].as_str()), (Some("reopened"), Some("Клиент вернулся"), Some("lost")));
    let (st, body) = app.post(Some(&admin), &path, json!({"version": open["version"], "reason": "Ещё раз"})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("status", "not_closed")]));
    let renamed = app.edit_ok(&manager, "deals", id, json!({"title": "Снова в работе"})).await;
    assert_eq!(renamed["title"], "Снова в работе");
}

/// The client card's deal totals: per status, counted and summed to the kopeck, within the scope.
#[tokio::test]
async fn a_clients_deal_totals_count_and_sum_each_status_to_the_kopeck() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let client = app.client_named(&manager, "ООО «ДачаСтрой»").await;
    let cid = s(&client, "id");
    let path = format!("/api/v1/clients/{cid}/deal-totals");
    let empty = app.ok(&manager, &path).await;
    assert_eq!(empty, json!({"open": {"count": 0, "sum": "0.00"}, "won": {"count": 0, "sum": "0.00"}, "lost": {"count": 0, "sum": "0.00"}}));

    app.new_deal(&manager, cid, json!({"title": "Открытая", "expected_revenue": "1000.10"})).await;
    app.new_deal(&manager, cid, json!({"title": "Без суммы"})).await;
    let won = app.new_deal(&manager, cid, json!({"title": "Выигранная", "expected_revenue": "250000.55", "delivery_address": "Тверь"})).await;
    app.deal_to(&manager, s(&won, "id"), "won").await;
    let lost = app.new_deal(&manager, cid, json!({"title": "Проигранная", "expected_revenue": "0.35"})).await;
    let (st, _) = app.post(Some(&manager), &format!("/api/v1/deals/{}/move", s(&lost, "id")), json!({"version": lost["version"], "to": "lost", "loss": {"reason": "postponed"}})).await;
    assert_eq!(st, 200);

    let totals = app.ok(&manager, &path).await;
    assert_eq!(totals, json!({"open": {"count": 2, "sum": "1000.10"}, "won": {"count": 1, "sum": "250000.55"}, "lost": {"count": 1, "sum": "0.35"}}));
    let listed = app.ok(&manager, &format!("/api/v1/deals?client_id={cid}")).await;
    assert_eq!(listed["items"].as_array().unwrap().len(), 4, "the card's list shows the same deals");

    let p1 = app.login("production1@demo.local").await;
    let (st, body) = app.get(Some(&p1), &path).await;
    assert_eq!((st, body["code"].as_str()), (404, Some("not_found")), "another organization's client does not exist");
    let logistician = app.as_role("logistician").await;
    let (st, body) = app.get(Some(&logistician), &path).await;
    assert_eq!((st, body["code"].as_str()), (403, Some("forbidden")));
}

/// Exports: the filtered deals as CSV for Excel, every page of them, within the scope.
#[tokio::test]
async fn the_filtered_deals_export_as_csv_page_after_page() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let client = app.client_named(&manager, "ООО «ДачаСтрой»").await;
    let cid = s(&client, "id");
    // More than one export page (200 rows).
    for i in 0..201 {
        app.new_deal(&manager, cid, json!({"title": format!("Выгрузка {i}"), "expected_revenue": "1250.5"})).await;
    }
    let r = app.http.get(app.url(&format!("/api/v1/deals/export?client_id={cid}"))).bearer_auth(&manager).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(r.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(r.headers()["content-disposition"].to_str().unwrap().starts_with("attachment; filename=\"deals-"));
    let body = r.text().await.unwrap();
    let lines: Vec<&str> = body.trim_end().split("\r\n").collect();
    assert_eq!(lines[0], "\u{feff}Номер;Название;Стадия;Статус;Клиент;Контакт;Ответственный;Ожидаемая выручка, ₽;Канал;Создана");
    assert_eq!(lines.len(), 1 + 201, "a header and every deal, across pages");
    assert!(lines[1..].iter().all(|l| l.contains(";1250,50;") && l.contains("ООО «ДачаСтрой»") && l.contains(";В работе;")), "{}", lines[1]);
    assert_eq!(lines.iter().filter(|l| l.contains("Выгрузка 200;")).count(), 1);

    // The same as a workbook: a header row and every deal, numbers and dates as Excel's own.
    let r = app.http.get(app.url(&format!("/api/v1/deals/export?client_id={cid}&format=xlsx"))).bearer_auth(&manager).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(r.headers()["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assert!(r.headers()["content-disposition"].to_str().unwrap().ends_with(".xlsx\""));
    let bytes = r.bytes().await.unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("an .xlsx is a zip");
    let mut sheet = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/worksheets/sheet1.xml").expect("the sheet"), &mut sheet).unwrap();
    assert_eq!(sheet.matches("<row ").count(), 1 + 201, "a header and every deal, across pages");
    assert!(sheet.contains("Выгрузка 200") && sheet.contains("Ожидаемая выручка, ₽"));
    assert!(sheet.contains("<v>1250.5</v>"), "the amount is a number");
    let (st, body) = app.get(Some(&manager), "/api/v1/deals/export?format=pdf").await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("format", "invalid_value")]));

    let p1 = app.login("production1@demo.local").await;
    let theirs = app.http.get(app.url(&format!("/api/v1/deals/export?client_id={cid}"))).bearer_auth(&p1).send().await.unwrap();
    assert_eq!(theirs.text().await.unwrap().trim_end().split("\r\n").count(), 1, "another organization's deals are not in its export");
    let logistician = app.as_role("logistician").await;
    let (st, body) = app.get(Some(&logistician), "/api/v1/deals/export").await;
    assert_eq!((st, body["code"].as_str()), (403, Some("forbidden")));
    let (st, body) = app.get(Some(&manager), "/api/v1/deals/export?status=maybe").await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("status", "invalid_value")]));
}

#[tokio::test]
async fn a_card_shows_stuck_on_the_board_once_the_clock_passes_its_stages_limit() {
    let app = TestApp::spawn().await;
    app.set_clock(chrono::Utc::now());
    let manager = app.as_role("manager").await;
    let pid = app.pipeline_id(&manager, "tile_sale").await;
    let client = app.client_named(&manager, "ООО «ДачаСтрой»").await;
    let deal = app.new_deal(&manager, s(&client, "id"), json!({"title": "Застрянет"})).await;
    let card = |board: &Value| -> Value {
        board["columns"].as_array().unwrap().iter().flat_map(|c| c["cards"].as_array().unwrap().clone()).find(|c| c["id"] == deal["id"]).expect("on the board")
    };
    let board = app.ok(&manager, &format!("/api/v1/pipelines/{pid}/board")).await;
    assert_eq!(card(&board)["stuck"], false);
    // «Задача на подготовку индивидуального КП получена» allows 24 hours.
    app.advance_clock(chrono::Duration::hours(23));
    assert_eq!(card(&app.ok(&manager, &format!("/api/v1/pipelines/{pid}/board")).await)["stuck"], false);
    app.advance_clock(chrono::Duration::hours(2));
    assert_eq!(card(&app.ok(&manager, &format!("/api/v1/pipelines/{pid}/board")).await)["stuck"], true);
}
