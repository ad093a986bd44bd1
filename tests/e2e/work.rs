//! Work around the cards: the departments' request queues (take, answer, cancel), tasks (my day,
//! role queues, completion), comments and files.
use crate::support::{TestApp, day, enc, errors, ids, pairs, s};
use serde_json::{Value, json};

/// `n` deals of the manager, each with its delivery-cost request open; returns the deal ids.
async fn deals_with_requests(app: &TestApp, manager: &str, n: usize) -> Vec<String> {
    let client = app.client_named(manager, "ООО «СпортПлощадка»").await;
    let mut out = vec![];
    for i in 0..n {
        let deal = app.new_deal(manager, s(&client, "id"), json!({"title": format!("Сделка {i}"), "delivery_address": format!("Москва, д. {i}")})).await;
        out.push(s(&deal, "id").to_owned());
    }
    out
}

fn future(hours: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::hours(hours)).to_rfc3339()
}

#[tokio::test]
async fn the_logisticians_queue_lists_takes_and_filters_delivery_requests() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let deals = deals_with_requests(&app, &manager, 3).await;
    let logistician = app.as_role("logistician").await;
    let queue = app.ok(&logistician, "/api/v1/requests").await;
    let items = queue["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    let deal_ids: Vec<&str> = items.iter().map(|r| s(r, "deal_id")).collect();
    assert_eq!(deal_ids, deals.iter().map(String::as_str).collect::<Vec<_>>(), "oldest first");
    let first = &items[0];
    assert_eq!((first["kind"].as_str(), first["status"].as_str(), first["deal_title"].as_str()), (Some("delivery_cost"), Some("open"), Some("Сделка 0")));
    assert_eq!((first["client_name"].as_str(), first["manager_name"].as_str(), first["delivery_address"].as_str()), (Some("ООО «СпортПлощадка»"), Some("Менеджер"), Some("Москва, д. 0")));
    assert!(first["answer"].is_null());

    let rid = s(first, "id");
    let (st, taken) = app.post(Some(&logistician), &format!("/api/v1/requests/{rid}/take"), json!({"version": 1})).await;
    assert_eq!(st, 200, "{taken}");
    assert_eq!((taken["status"].as_str(), taken["assignee_name"].as_str(), taken["version"].as_i64()), (Some("in_progress"), Some("Логист"), Some(2)));
    assert!(taken["taken_at"].is_string());
    let (st, body) = app.post(Some(&logistician), &format!("/api/v1/requests/{rid}/take"), json!({"version": 1})).await;
    assert_eq!((st, body["code"].as_str()), (409, Some("version_conflict")));
    let timeline = app.timeline(&manager, "deals", &deals[0]).await;
    assert_eq!((timeline[0]["kind"].as_str(), timeline[0]["actor_name"].as_str()), (Some("request_taken"), Some("Логист")));

    let list = |q: &str| {
        let (app, t, q) = (&app, logistician.clone(), q.to_owned());
        async move { ids(&app.ok(&t, &format!("/api/v1/requests?{q}")).await) }
    };
    assert_eq!(list("mine=true").await, [rid]);
    assert_eq!(list("status=in_progress").await, [rid]);
    assert_eq!(list("status=open").await.len(), 2);
    assert_eq!(list("status=completed").await.len(), 0);
    assert_eq!(list("status=all&kind=delivery_cost").await.len(), 3);
    assert_eq!(list(&format!("deal_id={}", deals[2])).await.len(), 1);
    let (mut seen, mut cursor) = (vec![], None::<String>);
    loop {
        let page = app.ok(&logistician, &format!("/api/v1/requests?limit=2{}", cursor.as_deref().map(|c| format!("&cursor={c}")).unwrap_or_default())).await;
        seen.extend(ids(&page));
        cursor = page["next_cursor"].as_str().map(str::to_owned);
        if cursor.is_none() {
            break;
        }
    }
    assert_eq!(seen, list("").await, "every request once, in queue order");
    let (st, body) = app.get(Some(&logistician), "/api/v1/requests?kind=furniture&status=lost").await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("kind", "invalid_value"), ("status", "invalid_value")]));
    let (st, _) = app.get(Some(&logistician), "/api/v1/requests?kind=design").await;
    assert_eq!(st, 403, "not the logisticians' queue");
    let detail = app.ok(&logistician, &format!("/api/v1/requests/{rid}")).await;
    assert_eq!((detail["number"].as_i64(), detail["files"].clone()), (Some(1), json!([])));
}

#[tokio::test]
async fn a_delivery_answer_needs_cost_carrier_and_a_future_eta_and_a_completed_request_accepts_nothing() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let deals = deals_with_requests(&app, &manager, 1).await;
    let r = app.deal_request(&manager, &deals[0], "delivery_cost").await;
    let rid = s(&r, "id");
    let path = format!("/api/v1/requests/{rid}/complete");
    let logistician = app.as_role("logistician").await;
    let (st, body) = app.post(Some(&logistician), &path, json!({"version": 1, "carrier": "  "})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("cost", "required"), ("carrier", "required"), ("eta_date", "required")]));
    let (st, body) = app.post(Some(&logistician), &path, json!({"version": 1, "cost": "-1", "carrier": "ПЭК", "eta_date": day(-1)})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("cost", "out_of_range"), ("eta_date", "out_of_range")]));
    let (st, body) = app.post(Some(&logistician), &path, json!({"version": 7, "cost": "100", "carrier": "ПЭК", "eta_date": day(0)})).await;
    assert_eq!((st, body["code"].as_str()), (409, Some("version_conflict")));
    assert_eq!(app.card(&manager, "deals", &deals[0]).await["stage"], "offer_task", "nothing moved");

    let (st, done) = app.post(Some(&logistician), &path, json!({"version": 1, "cost": "7350.5", "carrier": "Деловые линии", "eta_date": day(0), "comment": "Манипулятор"})).await;
    assert_eq!(st, 200, "{done}");
    assert_eq!(done["answer"], json!({"cost": "7350.50", "carrier": "Деловые линии", "eta_date": day(0), "comment": "Манипулятор"}));
    assert_eq!((done["status"].as_str(), done["assignee_name"].as_str()), (Some("completed"), Some("Логист")));
    assert_eq!(app.card(&manager, "deals", &deals[0]).await["stage"], "delivery_cost_received");
    let entry = app.timeline(&manager, "deals", &deals[0]).await.into_iter().find(|e| e["kind"] == "request_completed").expect("entry");
    assert_eq!((entry["data"]["cost"].as_str(), entry["text"].as_str()), (Some("7350.50"), Some("Манипулятор")));

    let v = done["version"].clone();
    for (action, body) in [
        ("take", json!({"version": v})),
        ("complete", json!({"version": v, "cost": "1", "carrier": "X", "eta_date": day(1)})),
        ("cancel", json!({"version": v, "reason": "Не нужно"})),
    ] {
        let t = if action == "cancel" { &manager } else { &logistician };
        let (st, body) = app.post(Some(t), &format!("/api/v1/requests/{rid}/{action}"), body).await;
        assert_eq!((st, pairs(&errors(&body))), (422, vec![("status", "request_closed")]), "{action}");
    }
    let (st, body) = app.upload(&logistician, &format!("/api/v1/requests/{rid}/files"), "счёт.pdf", b"late", "application/pdf").await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("status", "request_closed")]));
    let queue = app.ok(&logistician, "/api/v1/requests").await;
    assert_eq!(queue["items"], json!([]));
}

#[tokio::test]
async fn the_designer_answers_design_requests_with_files_and_the_queues_stay_apart() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let deals = deals_with_requests(&app, &manager, 1).await;
    let path = format!("/api/v1/deals/{}/requests", deals[0]);
    let (st, body) = app.post(Some(&manager), &path, json!({"kind": "fax"})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("kind", "invalid_value")]));
    let (st, design) = app.post(Some(&manager), &path, json!({"kind": "design", "details": "Логотип клиента в центре"})).await;
    assert_eq!(st, 201, "{design}");
    assert_eq!((design["kind"].as_str(), design["status"].as_str(), design["details"].as_str()), (Some("design"), Some("open"), Some("Логотип клиента в центре")));
    let (st, again) = app.post(Some(&manager), &path, json!({"kind": "design"})).await;
    assert_eq!((st, again["id"].clone()), (201, design["id"].clone()), "one open request per kind");
    let rid = s(&design, "id");

    let designer = app.as_role("designer").await;
    let logistician = app.as_role("logistician").await;
    let kinds = |page: &Value| page["items"].as_array().unwrap().iter().map(|r| s(r, "kind").to_owned()).collect::<Vec<_>>();
    assert_eq!(kinds(&app.ok(&designer, "/api/v1/requests").await), ["design"]);
    assert_eq!(kinds(&app.ok(&logistician, "/api/v1/requests").await), ["delivery_cost"]);
    assert_eq!(kinds(&app.ok(&manager, "/api/v1/requests").await), ["delivery_cost", "design"], "the sales side sees both");

    let (st, body) = app.post(Some(&designer), &format!("/api/v1/requests/{rid}/complete"), json!({"version": 1})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("files", "required")]));
    let (st, body) = app.upload(&logistician, &format!("/api/v1/requests/{rid}/files"), "макет.png", b"png", "image/png").await;
    assert_eq!(st, 403, "{body}");
    let bytes: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    let (st, file) = app.upload(&designer, &format!("/api/v1/requests/{rid}/files"), "макет v1.png", &bytes, "image/png").await;
    assert_eq!(st, 201, "{file}");
    assert_eq!((file["size"].as_i64(), file["request_id"].as_str(), file["uploaded_by_name"].as_str()), (Some(4096), Some(rid), Some("Дизайнер")));
    let (st, done) = app.post(Some(&designer), &format!("/api/v1/requests/{rid}/complete"), json!({"version": 1})).await;
    assert_eq!(st, 200, "{done}");
    assert_eq!(done["files"][0]["id"], file["id"]);
    // The manager gets the mock-up on the deal; the designer can download it again.
    let got = app.download(&manager, s(&file, "url")).await;
    assert_eq!((got.status, got.bytes.len()), (200, 4096));
    assert_eq!(app.download(&designer, s(&file, "url")).await.bytes, bytes);
}

#[tokio::test]
async fn the_sales_side_cancels_a_request_and_the_deal_then_needs_a_new_one() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let deals = deals_with_requests(&app, &manager, 1).await;
    let id = &deals[0];
    let r = app.deal_request(&manager, id, "delivery_cost").await;
    let rid = s(&r, "id");
    let path = format!("/api/v1/requests/{rid}/cancel");
    let logistician = app.as_role("logistician").await;
    let (st, _) = app.post(Some(&logistician), &path, json!({"version": 1, "reason": "Не моё"})).await;
    assert_eq!(st, 403, "the department answers, the sales side withdraws");
    let (st, body) = app.post(Some(&manager), &path, json!({"version": 1, "reason": " "})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("reason", "required")]));
    let (st, cancelled) = app.post(Some(&manager), &path, json!({"version": 1, "reason": "Клиент заберёт сам"})).await;
    assert_eq!(st, 200, "{cancelled}");
    assert_eq!((cancelled["status"].as_str(), cancelled["cancel_reason"].as_str()), (Some("cancelled"), Some("Клиент заберёт сам")));
    let (st, body) = app.post(Some(&logistician), &format!("/api/v1/requests/{rid}/complete"), json!({"version": 2, "cost": "1", "carrier": "X", "eta_date": day(1)})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("status", "request_closed")]));

    let (st, body) = app.move_to(&manager, "deals", id, "delivery_cost_received").await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("requests.delivery_cost", "request_missing")]));
    let (st, fresh) = app.post(Some(&manager), &format!("/api/v1/deals/{id}/requests"), json!({"kind": "delivery_cost", "delivery_address": "Самовывоз не вышел: Тверь"})).await;
    assert_eq!(st, 201, "{fresh}");
    assert_ne!(fresh["id"], r["id"]);
    assert_eq!(fresh["delivery_address"], "Самовывоз не вышел: Тверь");
    let (st, body) = app.move_to(&manager, "deals", id, "delivery_cost_received").await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("requests.delivery_cost", "request_not_completed")]));
    app.answer_delivery(id).await;
    let deal = app.card(&manager, "deals", id).await;
    assert_eq!(deal["stage"], "delivery_cost_received", "the latest request counts");
    let statuses: Vec<&str> = deal["requests"].as_array().unwrap().iter().map(|r| s(r, "status")).collect();
    assert_eq!(statuses, ["cancelled", "completed"]);
}

#[tokio::test]
async fn my_day_shows_overdue_first_and_the_roles_queue_and_tasks_are_taken_and_completed_once() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let manager_id = app.user_id("manager@demo.local").await;
    let create = |body: Value| {
        let (app, t) = (&app, manager.clone());
        async move {
            let (st, task) = app.post(Some(&t), "/api/v1/tasks", body).await;
            assert_eq!(st, 201, "{task}");
            task
        }
    };
    let soon = create(json!({"kind": "call", "title": "Перезвонить", "due_at": (chrono::Utc::now() + chrono::Duration::seconds(30)).to_rfc3339()})).await;
    let overdue = create(json!({"kind": "email", "title": "Отправить прайс", "due_at": future(-26)})).await;
    let later = create(json!({"kind": "meeting", "title": "Встреча на объекте", "due_at": future(24 * 3)})).await;
    let queued = create(json!({"kind": "task", "title": "Разобрать входящие", "due_at": future(-1), "assignee_role": "manager"})).await;
    let for_logistics = create(json!({"kind": "task", "title": "Уточнить тариф", "due_at": future(-1), "assignee_role": "logistician"})).await;
    assert_eq!((overdue["overdue"].as_bool(), overdue["assignee_id"].as_str(), overdue["status"].as_str()), (Some(true), Some(manager_id.as_str()), Some("open")));
    assert_eq!((queued["assignee_id"].clone(), queued["assignee_role"].as_str()), (Value::Null, Some("manager")));

    let my_day = app.ok(&manager, "/api/v1/tasks?view=my_day").await;
    assert_eq!(ids(&my_day), [s(&overdue, "id"), s(&queued, "id"), s(&soon, "id")], "overdue first, then by due time; later days wait");
    let mine = app.ok(&manager, "/api/v1/tasks?view=mine").await;
    assert_eq!(ids(&mine), [s(&overdue, "id"), s(&soon, "id"), s(&later, "id")]);
    assert_eq!(ids(&app.ok(&manager, "/api/v1/tasks?view=queue").await), [s(&queued, "id")]);
    let logistician = app.as_role("logistician").await;
    assert_eq!(ids(&app.ok(&logistician, "/api/v1/tasks?view=queue").await), [s(&for_logistics, "id")]);
    assert_eq!(ids(&app.ok(&logistician, "/api/v1/tasks").await), [s(&for_logistics, "id")]);

    let (mut paged, mut cursor) = (vec![], None::<String>);
    loop {
        let page = app.ok(&manager, &format!("/api/v1/tasks?view=mine&limit=1{}", cursor.as_deref().map(|c| format!("&cursor={c}")).unwrap_or_default())).await;
        paged.extend(ids(&page));
        cursor = page["next_cursor"].as_str().map(str::to_owned);
        if cursor.is_none() {
            break;
        }
    }
    assert_eq!(paged, ids(&mine), "paged by due time, each once");

    // Taking a queue task: assign it to oneself.
    let path = format!("/api/v1/tasks/{}", s(&queued, "id"));
    let (st, taken) = app.patch(&manager, &path, json!({"version": 1, "assignee_id": manager_id, "due_at": future(2)})).await;
    assert_eq!(st, 200, "{taken}");
    assert_eq!((taken["assignee_name"].as_str(), taken["assignee_role"].clone(), taken["version"].as_i64()), (Some("Менеджер"), Value::Null, Some(2)));
    assert_eq!(app.ok(&manager, "/api/v1/tasks?view=queue").await["items"], json!([]));
    let (st, body) = app.patch(&manager, &path, json!({"version": 1, "title": "Опоздал"})).await;
    assert_eq!((st, body["code"].as_str()), (409, Some("version_conflict")));
    let (st, body) = app.patch(&manager, &path, json!({"version": 2, "title": " ", "kind": "fax", "assignee_role": "boss"})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("title", "required"), ("kind", "invalid_value"), ("assignee_role", "invalid_value")]));

    let (st, done) = app.post(Some(&manager), &format!("{path}/complete"), json!({"version": 2, "result": "Разобрал, 3 заявки в работе"})).await;
    assert_eq!(st, 200, "{done}");
    assert_eq!((done["status"].as_str(), done["result"].as_str(), done["overdue"].as_bool()), (Some("done"), Some("Разобрал, 3 заявки в работе"), Some(false)));
    assert!(done["completed_at"].is_string());
    let (st, body) = app.post(Some(&manager), &format!("{path}/complete"), json!({"version": 3})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("status", "task_closed")]));
    let (st, body) = app.patch(&manager, &path, json!({"version": 3, "title": "Ещё раз"})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("status", "task_closed")]));
    assert_eq!(app.ok(&manager, &path).await["status"], "done");
    assert!(!ids(&app.ok(&manager, "/api/v1/tasks").await).contains(&s(&queued, "id").to_owned()), "done tasks leave my day");
}

#[tokio::test]
async fn tasks_are_checked_and_those_of_a_card_need_the_cards_rights() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let lead = app.new_lead(&manager, json!({})).await;
    let lid = s(&lead, "id");
    let (st, body) = app.post(Some(&manager), "/api/v1/tasks", json!({"kind": "fax", "title": "", "due_at": future(1), "subject_type": "order", "subject_id": lid, "assignee_role": "boss"})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("title", "required"), ("kind", "invalid_value"), ("subject_type", "invalid_value"), ("assignee_role", "invalid_value")]));
    let (st, body) = app.post(Some(&manager), "/api/v1/tasks", json!({"kind": "call", "title": "Без карточки", "due_at": future(1), "subject_id": lid})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("subject_id", "required")]));
    let (st, body) = app.post(Some(&manager), "/api/v1/tasks", json!({"kind": "call", "title": "Нет такой", "due_at": future(1), "subject_type": "deal", "subject_id": lid})).await;
    assert_eq!(st, 404, "{body}");
    let (st, task) = app.post(Some(&manager), "/api/v1/tasks", json!({"kind": "call", "title": "Уточнить размеры", "due_at": future(1), "subject_type": "lead", "subject_id": lid})).await;
    assert_eq!(st, 201, "{task}");
    assert_eq!((task["subject_number"].clone(), task["subject_title"].clone()), (lead["number"].clone(), lead["title"].clone()));
    let tasks = app.card_tasks(&manager, lid).await;
    assert_eq!(tasks.len(), 2, "the first call and this one");
    let entry = &app.timeline(&manager, "leads", lid).await[0];
    assert_eq!((entry["kind"].as_str(), entry["data"]["title"].as_str()), (Some("task_created"), Some("Уточнить размеры")));
    let (st, body) = app.get(Some(&manager), "/api/v1/tasks?view=card").await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("subject_id", "invalid_value")]));
    let (st, body) = app.get(Some(&manager), "/api/v1/tasks?view=everything").await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("view", "invalid_value")]));

    // A card's tasks: its readers see them, its writers change them; others are refused.
    let tid = s(&task, "id");
    let warehouse = app.as_role("warehouse").await;
    let (st, _) = app.get(Some(&warehouse), &format!("/api/v1/tasks?view=card&subject_id={lid}")).await;
    assert_eq!(st, 403);
    let (st, _) = app.post(Some(&warehouse), "/api/v1/tasks", json!({"kind": "call", "title": "Чужое", "due_at": future(1), "subject_type": "lead", "subject_id": lid})).await;
    assert_eq!(st, 403);
    assert_eq!(app.get(Some(&warehouse), &format!("/api/v1/tasks/{tid}")).await.0, 403);
    assert_eq!(app.patch(&warehouse, &format!("/api/v1/tasks/{tid}"), json!({"version": 1, "title": "Взлом"})).await.0, 403);
    let first_call = tasks.iter().find(|t| t["code"] == "first_call").expect("first call");
    let (st, _) = app.post(Some(&warehouse), &format!("/api/v1/tasks/{}/complete", s(first_call, "id")), json!({"version": 1})).await;
    assert_eq!(st, 403, "completing it would move a lead the warehouse cannot even see");
    assert_eq!(app.card(&manager, "leads", lid).await["stage"], "received");
    let analyst = app.as_role("analyst").await;
    assert_eq!(app.get(Some(&analyst), &format!("/api/v1/tasks/{tid}")).await.0, 200, "a reader sees it");
    assert_eq!(app.post(Some(&analyst), &format!("/api/v1/tasks/{tid}/complete"), json!({"version": 1})).await.0, 403, "but does not do it");
    assert_eq!(app.ok(&analyst, &format!("/api/v1/tasks?view=card&subject_id={lid}")).await["items"].as_array().unwrap().len(), 2);
    // A task the warehouse's queue holds is the warehouse's to do, whatever the card.
    let (st, handed) = app.post(Some(&manager), "/api/v1/tasks", json!({"kind": "task", "title": "Проверить остатки", "due_at": future(1), "subject_type": "lead", "subject_id": lid, "assignee_role": "warehouse"})).await;
    assert_eq!(st, 201, "{handed}");
    let (st, done) = app.post(Some(&warehouse), &format!("/api/v1/tasks/{}/complete", s(&handed, "id")), json!({"version": 1, "result": "Есть 300 м²"})).await;
    assert_eq!((st, done["assignee_name"].as_str()), (200, Some("Склад")), "{done}");
}

#[tokio::test]
async fn comments_and_files_on_cards_with_downloads_for_those_who_may_read() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let lead = app.new_lead(&manager, json!({})).await;
    let lid = s(&lead, "id");
    let (st, body) = app.post(Some(&manager), &format!("/api/v1/leads/{lid}/comments"), json!({"text": "  "})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("text", "required")]));
    let (st, comment) = app.post(Some(&manager), &format!("/api/v1/leads/{lid}/comments"), json!({"text": "Просит перезвонить после 18:00"})).await;
    assert_eq!(st, 201, "{comment}");
    assert_eq!((comment["kind"].as_str(), comment["text"].as_str(), comment["actor_name"].as_str()), (Some("comment"), Some("Просит перезвонить после 18:00"), Some("Менеджер")));
    assert_eq!(app.timeline(&manager, "leads", lid).await[0]["id"], comment["id"]);

    let bytes: Vec<u8> = vec![0xD0, 0x9F, 0x00, 0xFF, 0x10, 0x80, b'\n', 0x7F];
    let (st, file) = app.upload(&manager, &format!("/api/v1/leads/{lid}/files"), "смета/итог.xlsx", &bytes, "application/vnd.ms-excel").await;
    assert_eq!(st, 201, "{file}");
    assert_eq!((file["name"].as_str(), file["size"].as_i64(), file["content_type"].as_str()), (Some("смета_итог.xlsx"), Some(8), Some("application/vnd.ms-excel")));
    let url = s(&file, "url");
    assert_eq!(url, format!("/api/v1/files/{}", s(&file, "id")));
    let got = app.download(&manager, url).await;
    assert_eq!((got.status, got.content_type.as_str()), (200, "application/vnd.ms-excel"));
    assert_eq!(got.bytes, bytes, "the same bytes back");
    assert_eq!(got.disposition, format!("attachment; filename*=UTF-8''{}", enc("смета_итог.xlsx")));
    let entry = &app.timeline(&manager, "leads", lid).await[0];
    assert_eq!((entry["kind"].as_str(), entry["data"]["file_id"].clone(), entry["data"]["size"].as_i64()), (Some("file"), file["id"].clone(), Some(8)));

    let (st, body) = app.upload(&manager, &format!("/api/v1/leads/{lid}/files"), "пусто.txt", b"", "text/plain").await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("file", "required")]));
    let (st, body) = app.upload(&manager, &format!("/api/v1/leads/{lid}/files"), " ", b"x", "text/plain").await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("name", "required")]));
    let resp = app.http.post(app.url(&format!("/api/v1/leads/{lid}/files"))).bearer_auth(&manager).body("x").send().await.expect("upload");
    assert_eq!(resp.status().as_u16(), 422, "the name is required in the query");
    let body: serde_json::Value = resp.json().await.expect("problem");
    assert_eq!(pairs(&errors(&body)), [("name", "required")]);

    // Readers of leads download it; others do not.
    let analyst = app.as_role("analyst").await;
    assert_eq!(app.download(&analyst, url).await.status, 200);
    for (who, status) in [("warehouse", 403), ("logistician", 403), ("accountant", 403)] {
        let t = app.as_role(who).await;
        assert_eq!(app.download(&t, url).await.status, status, "{who}");
    }
    let p1 = app.login("production1@demo.local").await;
    assert_eq!(app.download(&p1, url).await.status, 404);
    assert_eq!(app.download(&manager, &format!("/api/v1/files/{}", uuid::Uuid::new_v4())).await.status, 404);

    // A deal's files: the deal's readers; a request's files also its department.
    let deals = deals_with_requests(&app, &manager, 1).await;
    let (st, deal_file) = app.upload(&manager, &format!("/api/v1/deals/{}/files", deals[0]), "договор.pdf", b"%PDF", "application/pdf").await;
    assert_eq!(st, 201, "{deal_file}");
    let r = app.deal_request(&manager, &deals[0], "delivery_cost").await;
    let (st, plan) = app.upload(&manager, &format!("/api/v1/requests/{}/files", s(&r, "id")), "схема проезда.jpg", b"\xFF\xD8\xFF", "image/jpeg").await;
    assert_eq!(st, 201, "{plan}");
    let logistician = app.as_role("logistician").await;
    let designer = app.as_role("designer").await;
    let accountant = app.as_role("accountant").await;
    assert_eq!(app.download(&logistician, s(&plan, "url")).await.bytes, b"\xFF\xD8\xFF");
    assert_eq!(app.download(&logistician, s(&deal_file, "url")).await.status, 403);
    assert_eq!(app.download(&designer, s(&plan, "url")).await.status, 403);
    assert_eq!(app.download(&accountant, s(&deal_file, "url")).await.status, 200, "accountants read deals");
    let detail = app.ok(&logistician, &format!("/api/v1/requests/{}", s(&r, "id"))).await;
    assert_eq!(detail["files"][0]["name"], "схема проезда.jpg");
    let (st, comment) = app.post(Some(&manager), &format!("/api/v1/deals/{}/comments", deals[0]), json!({"text": "Договор у юриста"})).await;
    assert_eq!((st, comment["subject_type"].as_str()), (201, Some("deal")));
}

#[tokio::test]
async fn the_staff_list_offers_people_to_pick_within_the_scope() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let staff = app.ok(&manager, "/api/v1/staff?role=manager").await;
    let names: Vec<&str> = staff["items"].as_array().unwrap().iter().map(|u| s(u, "full_name")).collect();
    assert_eq!(names, ["Менеджер"]);
    let all = app.ok(&manager, "/api/v1/staff").await;
    assert_eq!(all["items"].as_array().unwrap().len(), 13, "ten head-office roles and three productions");
    let p1 = app.login("production1@demo.local").await;
    let own = app.ok(&p1, "/api/v1/staff").await;
    assert_eq!(own["items"].as_array().unwrap().len(), 1);
    assert_eq!(own["items"][0]["full_name"], "Сотрудник производства 1");
    let head = app.organization_id("ООО «АртПрайм»").await;
    let theirs = app.ok(&p1, &format!("/api/v1/staff?organization_id={head}")).await;
    assert_eq!(theirs["items"], json!([]));
    assert_eq!(app.get(None, "/api/v1/staff").await.0, 401);
}

/// Issue 9: the logistician sees the deal as it is now — its delivery address and what the client
/// wants — and the client's phone, not a copy taken before the manager filled them in.
#[tokio::test]
async fn a_delivery_request_shows_the_deals_current_address_details_and_the_clients_phone() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let client = app.client_named(&manager, "ООО «СпортПлощадка»").await;
    let deal = app.new_deal(&manager, s(&client, "id"), json!({"title": "Без адреса"})).await;
    let id = s(&deal, "id");
    let request = app.deal_request(&manager, id, "delivery_cost").await;
    assert_eq!(request["delivery_address"], Value::Null, "nothing to deliver to yet");
    app.edit_ok(&manager, "deals", id, json!({"delivery_address": "Тверь, ул. Советская, 5", "offer_details": "120 м², 40 мм, зелёная"})).await;

    let logistician = app.as_role("logistician").await;
    let seen = app.ok(&logistician, &format!("/api/v1/requests/{}", s(&request, "id"))).await;
    assert_eq!((seen["delivery_address"].as_str(), seen["offer_details"].as_str()), (Some("Тверь, ул. Советская, 5"), Some("120 м², 40 мм, зелёная")));
    assert_eq!(seen["client_phone"], client["phone"]);
    let queue = app.ok(&logistician, "/api/v1/requests?kind=delivery_cost").await;
    let listed = queue["items"].as_array().unwrap().iter().find(|r| r["id"] == request["id"]).cloned().expect("in the queue");
    assert_eq!(listed["delivery_address"], "Тверь, ул. Советская, 5");
    let card = app.card(&manager, "deals", id).await;
    assert_eq!(card["requests"][0]["offer_details"], "120 м², 40 мм, зелёная", "the deal card shows the same");
}

/// Seed 000/issue 9: a stage's task has the kind its definition gives — the first call is a call.
#[tokio::test]
async fn a_new_leads_first_call_is_a_call_on_the_managers_list() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let lead = app.new_lead(&manager, json!({"responsible_id": app.user_id("manager@demo.local").await})).await;
    let tasks = app.card_tasks(&manager, s(&lead, "id")).await;
    let first = tasks.iter().find(|t| t["code"] == "first_call").expect("the first call");
    assert_eq!((first["kind"].as_str(), first["title"].as_str()), (Some("call"), Some("Связаться с клиентом по заявке")));
    let (_, pipelines) = app.get(Some(&manager), "/api/v1/pipelines?kind=lead").await;
    let effects = &pipelines["items"][0]["definition"]["stages"][0]["on_enter"];
    assert_eq!(effects[0]["kind"], "call", "{effects}");
}

/// Issue 9: a task made in «Мой день» may be about a client (or a lead, or a deal).
#[tokio::test]
async fn a_task_can_be_about_a_client_and_shows_on_its_card() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let client = app.client_named(&manager, "ООО «ДачаСтрой»").await;
    let due = future(2);
    let (st, task) = app
        .post(Some(&manager), "/api/v1/tasks", json!({"kind": "call", "title": "Поздравить с юбилеем", "due_at": due, "subject_type": "client", "subject_id": client["id"]}))
        .await;
    assert_eq!(st, 201, "{task}");
    assert_eq!((task["subject_type"].as_str(), task["subject_title"].as_str()), (Some("client"), Some("ООО «ДачаСтрой»")));
    assert_eq!(task["subject_number"], Value::Null);
    let (_, mine) = app.get(Some(&manager), "/api/v1/tasks?view=mine").await;
    assert!(mine["items"].as_array().unwrap().iter().any(|t| t["id"] == task["id"] && t["subject_type"] == "client"));
    let (_, of_client) = app.get(Some(&manager), &format!("/api/v1/tasks?view=client&subject_id={}", s(&client, "id"))).await;
    assert!(of_client["items"].as_array().unwrap().iter().any(|t| t["id"] == task["id"]), "on the client's card");
    // Another organization's client is not found; an unknown kind is named.
    let p1 = app.login("production1@demo.local").await;
    let (st, _) = app.post(Some(&p1), "/api/v1/tasks", json!({"kind": "task", "title": "Чужой", "due_at": due, "subject_type": "client", "subject_id": client["id"]})).await;
    assert_eq!(st, 404);
    let (st, body) = app.post(Some(&manager), "/api/v1/tasks", json!({"kind": "task", "title": "Х", "due_at": due, "subject_type": "bank", "subject_id": client["id"]})).await;
    assert_eq!((st, body["errors"][0]["field"].as_str()), (422, Some("subject_type")));
}

/// Issue 9: a department's queue exports as its filters select it (CSV, .xlsx), in the caller's rights.
#[tokio::test]
async fn the_logisticians_queue_exports_as_csv_and_xlsx() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let deals = deals_with_requests(&app, &manager, 2).await;
    app.answer_delivery(&deals[0]).await;
    let logistician = app.as_role("logistician").await;
    let r = app.http.get(app.url("/api/v1/requests/export?kind=delivery_cost&status=all")).bearer_auth(&logistician).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert!(r.headers()["content-disposition"].to_str().unwrap().starts_with("attachment; filename=\"requests-"));
    let body = r.text().await.unwrap();
    let lines: Vec<&str> = body.trim_end().split("\r\n").collect();
    assert_eq!(lines[0], "\u{feff}Номер;Вид;Статус;Сделка;Клиент;Менеджер;Адрес доставки;Исполнитель;Стоимость, ₽;Перевозчик;Срок доставки;Создан;Выполнен");
    assert_eq!(lines.len(), 3, "{body}");
    assert!(lines.iter().any(|l| l.contains(";Стоимость доставки;Выполнен;") && l.contains(";18500,00;ПЭК;")), "{body}");
    assert!(lines.iter().any(|l| l.contains(";Стоимость доставки;Новый;") && l.contains("Москва, д. 1")), "{body}");
    let active = app.http.get(app.url("/api/v1/requests/export?kind=delivery_cost")).bearer_auth(&logistician).send().await.unwrap().text().await.unwrap();
    assert_eq!(active.trim_end().split("\r\n").count(), 2, "the active ones by default, as the queue shows");
    let r = app.http.get(app.url("/api/v1/requests/export?format=xlsx&status=all")).bearer_auth(&logistician).send().await.unwrap();
    assert_eq!(r.headers()["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    let (st, body) = app.get(Some(&logistician), "/api/v1/requests/export?status=someday").await;
    assert_eq!((st, body["errors"][0]["field"].as_str()), (422, Some("status")));
    let warehouse = app.as_role("warehouse").await;
    assert_eq!(app.get(Some(&warehouse), "/api/v1/requests/export").await.0, 403);
}

/// Issue 9: a person's task list exports as it is shown (CSV, .xlsx).
#[tokio::test]
async fn my_tasks_export_as_csv_and_xlsx() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let client = app.client_named(&manager, "ООО «ДачаСтрой»").await;
    let (st, _) = app
        .post(Some(&manager), "/api/v1/tasks", json!({"kind": "meeting", "title": "Встреча на объекте", "due_at": future(3), "subject_type": "client", "subject_id": client["id"]}))
        .await;
    assert_eq!(st, 201);
    let r = app.http.get(app.url("/api/v1/tasks/export?view=mine")).bearer_auth(&manager).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert!(r.headers()["content-disposition"].to_str().unwrap().starts_with("attachment; filename=\"tasks-"));
    let body = r.text().await.unwrap();
    let lines: Vec<&str> = body.trim_end().split("\r\n").collect();
    assert_eq!(lines[0], "\u{feff}Задача;Вид;О чём;Срок;Просрочена;Исполнитель;Статус;Результат;Создана");
    assert!(lines.iter().any(|l| l.starts_with("Встреча на объекте;Встреча;Клиент · ООО «ДачаСтрой»;") && l.contains(";Менеджер;Открыта;")), "{body}");
    let r = app.http.get(app.url("/api/v1/tasks/export?view=mine&format=xlsx")).bearer_auth(&manager).send().await.unwrap();
    assert_eq!(r.headers()["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    let (st, body) = app.get(Some(&manager), "/api/v1/tasks/export?view=card").await;
    assert_eq!((st, body["errors"][0]["field"].as_str()), (422, Some("subject_id")));
    let p1 = app.login("production1@demo.local").await;
    assert_eq!(app.get(Some(&p1), &format!("/api/v1/tasks/export?view=client&subject_id={}", s(&client, "id"))).await.0, 404);
}
