//! Leads over HTTP: intake (channel, UTM, call tracking, the client recognised), the first call,
//! the survey checklist, conversion into a deal with its guard, loss, lists with filters and paging.
use crate::support::{TestApp, day, enc, errors, ids, pairs, s};
use serde_json::{Value, json};

fn at(v: &Value) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(v.as_str().unwrap_or_else(|| panic!("not a time: {v}"))).expect("rfc3339").to_utc()
}

/// A lead of the manager in «Заявка принята в обработку».
async fn lead_in_work(app: &TestApp, manager: &str, body: Value) -> Value {
    let lead = app.new_lead(manager, body).await;
    app.move_ok(manager, "leads", s(&lead, "id"), "in_work").await
}

const SURVEY: [&str; 5] = ["got_objections", "named_price_range", "neutralised_objections", "clarified_offer_details", "offered_design"];

/// A lead of the manager after the survey.
async fn surveyed_lead(app: &TestApp, manager: &str, body: Value) -> Value {
    let lead = lead_in_work(app, manager, body).await;
    let id = s(&lead, "id");
    app.tick(manager, "leads", id, &SURVEY).await;
    app.move_ok(manager, "leads", id, "surveyed").await
}

#[tokio::test]
async fn a_lead_keeps_where_it_came_from_and_the_first_call_moves_it_into_work() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let manager_id = app.user_id("manager@demo.local").await;
    // Ten in the morning in Moscow: the first call, due in an hour, is on today's list.
    let before = chrono::DateTime::parse_from_rfc3339("2026-11-30T10:00:00+03:00").expect("time").with_timezone(&chrono::Utc);
    app.set_clock(before);
    let lead = app
        .new_lead(&manager, json!({
            "channel": "yandex", "contact_name": "Ольга Смирнова", "company_name": "ООО «Двор детства»", "phone": "8 (912) 700-10-20",
            "email": "Olga@Dvor-Detstva.RU", "message": "Нужна плитка 40 мм на 200 м²", "keywords": "резиновая плитка для площадки",
            "utm": {"source": "yandex", "medium": "cpc", "campaign": "tiles_msk", "term": "плитка", "content": "banner_1"},
            "call_tracking_number": "8 800 555-35-35", "expected_revenue": "240000.50"
        }))
        .await;
    let id = s(&lead, "id");
    assert_eq!((lead["stage"].as_str(), lead["stage_name"].as_str(), lead["status"].as_str()), (Some("received"), Some("Заявка получена"), Some("open")));
    assert_eq!((lead["kind"].as_str(), lead["channel"].as_str(), lead["number"].as_i64()), (Some("lead"), Some("yandex"), Some(1)));
    assert_eq!(lead["title"], "ООО «Двор детства»", "the title defaults to the company");
    assert_eq!((lead["phone"].as_str(), lead["email"].as_str()), (Some("+79127001020"), Some("olga@dvor-detstva.ru")));
    assert_eq!(lead["utm"], json!({"source": "yandex", "medium": "cpc", "campaign": "tiles_msk", "term": "плитка", "content": "banner_1"}));
    assert_eq!((lead["call_tracking_number"].as_str(), lead["keywords"].as_str()), (Some("+78005553535"), Some("резиновая плитка для площадки")));
    assert_eq!((lead["expected_revenue"].as_str(), lead["message"].as_str()), (Some("240000.50"), Some("Нужна плитка 40 мм на 200 м²")));
    assert_eq!((lead["responsible_id"].as_str(), lead["responsible_name"].as_str()), (Some(manager_id.as_str()), Some("Менеджер")));
    assert_eq!((lead["client_id"].clone(), lead["organization_name"].as_str()), (Value::Null, Some("ООО «АртПрайм»")));
    assert_eq!(app.card(&manager, "leads", id).await["utm"]["campaign"], "tiles_msk", "stored, not only echoed");

    // The stage's first task: call the client within the hour, on the responsible's list.
    let tasks = app.card_tasks(&manager, id).await;
    assert_eq!(tasks.len(), 1, "{tasks:?}");
    let task = &tasks[0];
    assert_eq!((task["code"].as_str(), task["title"].as_str(), task["status"].as_str()), (Some("first_call"), Some("Связаться с клиентом по заявке"), Some("open")));
    assert_eq!((task["assignee_id"].as_str(), task["subject_type"].as_str(), task["subject_title"].as_str()), (Some(manager_id.as_str()), Some("lead"), Some("ООО «Двор детства»")));
    assert_eq!(at(&task["due_at"]) - before, chrono::Duration::hours(1));
    let my_day = app.ok(&manager, "/api/v1/tasks").await;
    assert_eq!(ids(&my_day), [s(task, "id")]);

    app.advance_clock(chrono::Duration::minutes(25));
    let (st, done) = app.post(Some(&manager), &format!("/api/v1/tasks/{}/complete", s(task, "id")), json!({"version": 1, "result": "Дозвонился, ждёт КП"})).await;
    assert_eq!(st, 200, "{done}");
    let lead = app.card(&manager, "leads", id).await;
    assert_eq!((lead["stage"].as_str(), lead["version"].as_i64()), (Some("in_work"), Some(2)));
    assert_eq!(lead["facts"], json!(["task_completed:first_call"]));
    let timeline = app.timeline(&manager, "leads", id).await;
    let kinds: Vec<&str> = timeline.iter().map(|e| s(e, "kind")).collect();
    assert_eq!(kinds, ["stage", "task_done", "task_created", "created"]);
    let stage = &timeline[0]["data"];
    assert_eq!((stage["from"].as_str(), stage["to"].as_str(), stage["by_fact"].as_str()), (Some("received"), Some("in_work"), Some("task_completed:first_call")));
    assert_eq!(stage["to_name"], "Заявка принята в обработку");
    assert_eq!(stage["seconds_in_from"].as_i64(), Some(25 * 60), "{stage}");
    assert_eq!(timeline[1]["text"], "Дозвонился, ждёт КП");
}

#[tokio::test]
async fn the_client_is_recognised_by_its_phone_or_a_contact_persons_email_within_the_organization() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let fitness = app.client_named(&manager, "ООО «Фитнес Групп»").await;
    let lead = app.new_lead(&manager, json!({"phone": "8 (495) 123-45-03", "contact_name": null})).await;
    assert_eq!((lead["client_id"].as_str(), lead["client_name"].as_str()), (fitness["id"].as_str(), Some("ООО «Фитнес Групп»")));
    assert_eq!(lead["title"], "ООО «Фитнес Групп»", "no company or contact given: the client's name");

    let parks = app.client_named(&manager, "АО «Парки Москвы»").await;
    let (st, contact) = app.post(Some(&manager), &format!("/api/v1/clients/{}/contacts", s(&parks, "id")), json!({"first_name": "Игорь", "email": "buyer@mos-parki.ru"})).await;
    assert_eq!(st, 201, "{contact}");
    let lead = app.new_lead(&manager, json!({"phone": null, "email": " Buyer@Mos-Parki.ru "})).await;
    assert_eq!(lead["client_id"], parks["id"], "{lead}");

    let by_client = app.ok(&manager, &format!("/api/v1/leads?client_id={}", s(&parks, "id"))).await;
    assert_eq!(ids(&by_client), [s(&lead, "id")]);
    let unknown = app.new_lead(&manager, json!({"phone": "+7 999 000-00-01"})).await;
    assert!(unknown["client_id"].is_null());
    // A production does not recognise the head company's client: it is not theirs.
    let p1 = app.login("production1@demo.local").await;
    let theirs = app.new_lead(&p1, json!({"phone": "+74951234503"})).await;
    assert!(theirs["client_id"].is_null(), "{theirs}");
    let ural = app.client_named(&p1, "ООО «УралСпортСтрой»").await;
    let own = app.new_lead(&p1, json!({"phone": null, "email": "office@uralsport.ru"})).await;
    assert_eq!(own["client_id"], ural["id"]);
    assert_eq!(own["organization_name"], "Производство Екатеринбург");
}

#[tokio::test]
async fn a_lead_needs_a_phone_or_an_email_and_valid_fields() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let (st, body) = app.post(Some(&manager), "/api/v1/leads", json!({"channel": "site", "contact_name": "Без связи"})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("phone", "required")]));
    let (st, body) = app.post(Some(&manager), "/api/v1/leads", json!({"channel": "telegram", "phone": "12", "email": "нет", "expected_revenue": "-5"})).await;
    assert_eq!(st, 422);
    let errs = errors(&body);
    for f in ["phone", "email", "channel", "expected_revenue"] {
        assert!(errs.iter().any(|(field, _)| field == f), "{f} in {errs:?}");
    }
    let (st, body) = app.post(Some(&manager), "/api/v1/leads", json!({"channel": "site", "phone": "+79001112233", "responsible_id": uuid::Uuid::new_v4()})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("responsible_id", "not_found")]));
    let leads = app.ok(&manager, "/api/v1/leads").await;
    assert_eq!(leads["items"], json!([]), "nothing was saved");
}

#[tokio::test]
async fn a_lead_from_an_api_key_has_no_responsible_and_cannot_go_into_work_until_it_gets_one() {
    let app = TestApp::spawn().await;
    let admin = app.as_role("admin").await;
    let head = app.organization_id("ООО «АртПрайм»").await;
    let (st, key) = app.post(Some(&admin), "/api/v1/api-keys", json!({"name": "Сайт", "role": "manager", "organization_id": head})).await;
    assert_eq!(st, 201, "{key}");
    let site = s(&key, "secret").to_owned();
    let lead = app.new_lead(&site, json!({"channel": "site", "message": "Заявка с формы"})).await;
    let id = s(&lead, "id");
    assert!(lead["responsible_id"].is_null(), "{lead}");
    let manager = app.as_role("manager").await;
    // Nobody is responsible: the first call waits in the managers' queue.
    let queue = app.ok(&manager, "/api/v1/tasks?view=queue").await;
    assert_eq!(queue["items"].as_array().unwrap().len(), 1, "{queue}");
    let task = &queue["items"][0];
    assert_eq!((task["assignee_role"].as_str(), task["assignee_id"].clone(), task["subject_id"].as_str()), (Some("manager"), Value::Null, Some(id)));

    let (st, body) = app.move_to(&manager, "leads", id, "in_work").await;
    assert_eq!((st, body["code"].as_str()), (422, Some("transition_refused")));
    assert_eq!(pairs(&errors(&body)), [("responsible", "field_required")]);
    // The call made without a responsible is kept, but does not move the lead.
    let (st, _) = app.post(Some(&manager), &format!("/api/v1/tasks/{}/complete", s(task, "id")), json!({"version": task["version"]})).await;
    assert_eq!(st, 200);
    let after = app.card(&manager, "leads", id).await;
    assert_eq!((after["stage"].as_str(), after["facts"].clone()), (Some("received"), json!(["task_completed:first_call"])));
    let manager_id = app.user_id("manager@demo.local").await;
    app.edit_ok(&manager, "leads", id, json!({"responsible_id": manager_id})).await;
    app.move_ok(&manager, "leads", id, "in_work").await;
}

#[tokio::test]
async fn the_survey_needs_every_checklist_item_and_names_each_missing_one() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let lead = lead_in_work(&app, &manager, json!({})).await;
    let id = s(&lead, "id");
    let survey = lead["moves"].as_array().unwrap().iter().find(|m| m["to"] == "surveyed").cloned().expect("surveyed offered");
    assert_eq!(survey["allowed"], false);
    assert_eq!(survey["problems"].as_array().unwrap().len(), 5);

    let (st, body) = app.move_to(&manager, "leads", id, "surveyed").await;
    assert_eq!(st, 422);
    let expected: Vec<(String, String)> = SURVEY.iter().map(|i| (format!("checklist.{i}"), "checklist_item_required".to_owned())).collect();
    assert_eq!(errors(&body), expected);
    assert_eq!(body["errors"][1]["message"], "Отметьте пункт чек-листа «Озвучил вилку цен»");
    for skipped in SURVEY {
        let lead = app.card(&manager, "leads", id).await;
        let checklist: serde_json::Map<String, Value> = SURVEY.iter().map(|i| ((*i).to_owned(), Value::Bool(*i != skipped))).collect();
        let (st, edited) = app.patch(&manager, &format!("/api/v1/leads/{id}"), json!({"version": lead["version"], "checklist": checklist})).await;
        assert_eq!(st, 200, "{edited}");
        let (st, body) = app.move_to(&manager, "leads", id, "surveyed").await;
        assert_eq!((st, errors(&body)), (422, vec![(format!("checklist.{skipped}"), "checklist_item_required".to_owned())]));
    }
    let (st, body) = app.edit_card(&manager, "leads", id, json!({"checklist": {"offered_design": true, "signed_contract": true}})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("checklist.signed_contract", "unknown_checklist_item")]));
    let lead = app.tick(&manager, "leads", id, &["offered_design"]).await;
    assert_eq!(lead["checklist"].as_array().unwrap().len(), 5);
    app.move_ok(&manager, "leads", id, "surveyed").await;
    let (st, body) = app.move_to(&manager, "leads", id, "received").await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("stage", "transition_not_allowed")]));
    let (st, body) = app.move_to(&manager, "leads", id, "no_such_stage").await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("stage", "unknown_stage")]));
    // A stale version changes nothing.
    let (st, body) = app.post(Some(&manager), &format!("/api/v1/leads/{id}/move"), json!({"version": 1, "to": "typical_offer_sent"})).await;
    assert_eq!((st, body["code"].as_str()), (409, Some("version_conflict")));
    let (st, body) = app.patch(&manager, &format!("/api/v1/leads/{id}"), json!({"version": 1, "title": "Опоздал"})).await;
    assert_eq!((st, body["code"].as_str()), (409, Some("version_conflict")));
    assert_eq!(app.card(&manager, "leads", id).await["stage"], "surveyed");
}

#[tokio::test]
async fn conversion_needs_a_price_range_offer_details_and_an_agreement_and_makes_a_deal_with_the_leads_history() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let lead = surveyed_lead(&app, &manager, json!({
        "channel": "avito", "company_name": "ООО «Новый двор»", "contact_name": "Пётр", "phone": "+7 901 222-33-44", "email": "petr@novdvor.ru",
        "keywords": "плитка 30 мм", "utm": {"source": "avito", "campaign": "spring"}, "call_tracking_number": "+7 495 000-00-77"
    }))
    .await;
    let id = s(&lead, "id");
    let convert = |version: Value| json!({"version": version, "expected_revenue": "180000.00", "delivery_address": " Химки, ул. Парковая, 3 "});
    let path = format!("/api/v1/leads/{id}/convert");

    let (st, body) = app.post(Some(&manager), &path, convert(lead["version"].clone())).await;
    assert_eq!((st, body["code"].as_str()), (422, Some("transition_refused")));
    assert_eq!(pairs(&errors(&body)), [("price_range", "field_required"), ("offer_details", "field_required"), ("agreed_individual_offer", "one_of_required")]);
    let lead = app.edit_ok(&manager, "leads", id, json!({"price_range": "от 1 800 до 2 400 ₽/м²"})).await;
    let (_, body) = app.post(Some(&manager), &path, convert(lead["version"].clone())).await;
    assert_eq!(pairs(&errors(&body)), [("offer_details", "field_required"), ("agreed_individual_offer", "one_of_required")]);
    let lead = app.edit_ok(&manager, "leads", id, json!({"offer_details": "200 м², 40 мм, красный и зелёный"})).await;
    let (_, body) = app.post(Some(&manager), &path, convert(lead["version"].clone())).await;
    assert_eq!(pairs(&errors(&body)), [("agreed_individual_offer", "one_of_required")]);
    assert_eq!(body["errors"][0]["message"], "Заполните хотя бы одно: «Клиент согласен на индивидуальное КП» или «Клиент согласен на дизайн-макет»");

    // A design agreement alone is enough.
    let lead = app.edit_ok(&manager, "leads", id, json!({"agreed_design": true})).await;
    let (st, conv) = app.post(Some(&manager), &path, convert(lead["version"].clone())).await;
    assert_eq!(st, 200, "{conv}");
    let (lead, deal) = (&conv["lead"], &conv["deal"]);
    assert_eq!((lead["stage"].as_str(), lead["status"].as_str(), lead["deal_id"].clone()), (Some("converted"), Some("won"), deal["id"].clone()));
    assert_eq!(lead["deal_number"], deal["number"]);
    assert!(lead["closed_at"].is_string());
    assert_eq!((deal["stage"].as_str(), deal["status"].as_str(), deal["deal_kind"].as_str()), (Some("offer_task"), Some("open"), Some("tile_sale")));
    assert_eq!((deal["channel"].as_str(), deal["keywords"].as_str(), deal["call_tracking_number"].as_str()), (Some("avito"), Some("плитка 30 мм"), Some("+74950000077")));
    assert_eq!(deal["utm"], json!({"source": "avito", "medium": null, "campaign": "spring", "term": null, "content": null}));
    assert_eq!((deal["lead_id"].as_str(), deal["lead_number"].clone(), deal["title"].as_str()), (Some(id), lead["number"].clone(), Some("ООО «Новый двор»")));
    assert_eq!((deal["expected_revenue"].as_str(), deal["offer_details"].as_str()), (Some("180000.00"), Some("200 м², 40 мм, красный и зелёный")));
    assert_eq!(deal["responsible_id"], lead["responsible_id"]);
    assert_eq!((deal["requests"][0]["kind"].as_str(), deal["requests"][0]["status"].as_str()), (Some("delivery_cost"), Some("open")));
    // The address asked at conversion is the deal's and goes to the logisticians with the request.
    assert_eq!((deal["delivery_address"].as_str(), deal["requests"][0]["delivery_address"].as_str()), (Some("Химки, ул. Парковая, 3"), Some("Химки, ул. Парковая, 3")));

    // The lead's work is over: its first call, never made, leaves "my day".
    let tasks = app.card_tasks(&manager, id).await;
    assert_eq!((tasks.len(), tasks[0]["status"].as_str()), (1, Some("cancelled")), "{tasks:?}");
    assert!(!crate::support::ids(&app.ok(&manager, "/api/v1/tasks?view=mine").await).contains(&s(&tasks[0], "id").to_owned()));

    // The lead had no client: a prospective one was made from it, and the lead now points at it.
    assert_eq!(lead["client_id"], deal["client_id"]);
    let client = app.ok(&manager, &format!("/api/v1/clients/{}", s(deal, "client_id"))).await;
    assert_eq!((client["name"].as_str(), client["relationship"].as_str(), client["phone"].as_str()), (Some("ООО «Новый двор»"), Some("prospect"), Some("+79012223344")));
    assert_eq!(client["contacts"][0]["first_name"], "Пётр");

    // One history: the deal's timeline shows the lead's entries under it.
    let timeline = app.timeline(&manager, "deals", s(deal, "id")).await;
    let kinds: Vec<(&str, &str)> = timeline.iter().map(|e| (s(e, "subject_type"), s(e, "kind"))).collect();
    for entry in [("lead", "created"), ("lead", "stage"), ("lead", "fields"), ("lead", "converted"), ("deal", "from_lead"), ("deal", "created"), ("deal", "request_opened")] {
        assert!(kinds.contains(&entry), "{entry:?} in {kinds:?}");
    }
    let lead_stages: Vec<&str> = timeline.iter().filter(|e| e["subject_type"] == "lead" && e["kind"] == "stage").map(|e| s(&e["data"], "to")).collect();
    assert_eq!(lead_stages, ["converted", "surveyed", "in_work"]);
    // Converting twice is refused: the lead is closed.
    let (st, body) = app.post(Some(&manager), &path, convert(lead["version"].clone())).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("stage", "stage_closed")]));
    let deals = app.ok(&manager, "/api/v1/deals").await;
    assert_eq!(deals["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn moving_a_lead_to_its_won_stage_converts_it_with_the_recognised_client() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let sport = app.client_named(&manager, "ООО «СпортПлощадка»").await;
    let lead = app.new_lead(&manager, json!({"phone": "+74951234502", "channel": "google"})).await;
    let id = s(&lead, "id");
    app.move_ok(&manager, "leads", id, "in_work").await;
    app.move_ok(&manager, "leads", id, "typical_offer_sent").await;
    let (st, body) = app.move_to(&manager, "leads", id, "converted").await;
    assert_eq!(st, 422);
    assert_eq!(errors(&body).len(), 3, "{body}");
    app.edit_ok(&manager, "leads", id, json!({"price_range": "2 000 ₽/м²", "offer_details": "Детская площадка, 120 м²", "agreed_individual_offer": true})).await;
    let lead = app.move_ok(&manager, "leads", id, "converted").await;
    assert_eq!(lead["status"], "won");
    let deal = app.card(&manager, "deals", s(&lead, "deal_id")).await;
    assert_eq!((deal["client_id"].clone(), deal["channel"].as_str(), deal["stage"].as_str()), (sport["id"].clone(), Some("google"), Some("offer_task")));
    assert_eq!(deal["lead_id"], lead["id"]);
    let clients = app.client_ids(&manager).await;
    assert_eq!(clients.len(), 12, "no prospect was made for a known client");
    // A converted lead is closed for good: its deal goes on instead.
    let (st, body) = app.edit_card(&manager, "leads", id, json!({"phone": "+74951234599"})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("phone", "card_closed")]));
    let admin = app.as_role("admin").await;
    let (st, body) = app.post(Some(&admin), &format!("/api/v1/leads/{id}/reopen"), json!({"version": lead["version"], "reason": "Ошибка"})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("deal_id", "converted")]));
}

#[tokio::test]
async fn a_lost_lead_needs_a_reason_from_the_dictionary_and_then_never_moves() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let lead = app.new_lead(&manager, json!({})).await;
    let id = s(&lead, "id");
    let path = format!("/api/v1/leads/{id}/move");
    let lost = |loss: Value| json!({"version": 1, "to": "lost", "loss": loss});
    let (st, body) = app.post(Some(&manager), &path, json!({"version": 1, "to": "lost"})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("loss.reason", "required")]));
    let (st, body) = app.post(Some(&manager), &path, lost(json!({"reason": "weather"}))).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("loss.reason", "invalid_value")]));
    let (st, body) = app.post(Some(&manager), &path, lost(json!({"reason": "other", "objections": "  "}))).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("loss.objections", "required")]));
    let (st, body) = app.post(Some(&manager), &path, lost(json!({"reason": "other", "objections": "Купили у соседей по акции", "add_to_mailing": true}))).await;
    assert_eq!(st, 200, "{body}");
    assert_eq!((body["stage"].as_str(), body["status"].as_str(), body["moves"].clone()), (Some("lost"), Some("lost"), json!([])));
    assert_eq!(body["loss"], json!({"reason": "other", "reason_name": "Другое", "objections": "Купили у соседей по акции", "add_to_mailing": true}));
    // Its open work is cancelled, and a closed lead moves no more.
    let tasks = app.card_tasks(&manager, id).await;
    assert_eq!(tasks[0]["status"], "cancelled");
    for to in ["in_work", "lost"] {
        let (st, body) = app.move_to(&manager, "leads", id, to).await;
        assert_eq!((st, pairs(&errors(&body))), (422, vec![("stage", "stage_closed")]), "{to}");
    }
    let (st, body) = app.post(Some(&manager), &format!("/api/v1/leads/{id}/convert"), json!({"version": 2})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("stage", "stage_closed")]));
    let timeline = app.timeline(&manager, "leads", id).await;
    assert_eq!((timeline[0]["kind"].as_str(), timeline[0]["text"].as_str()), (Some("lost"), Some("Купили у соседей по акции")));
    assert_eq!(timeline[0]["data"]["reason_name"], "Другое");

    let other = app.new_lead(&manager, json!({})).await;
    let (st, body) = app.post(Some(&manager), &format!("/api/v1/leads/{}/move", s(&other, "id")), lost(json!({"reason": "expensive"}))).await;
    assert_eq!(st, 200, "{body}");
    assert_eq!(body["loss"], json!({"reason": "expensive", "reason_name": "Дорого", "objections": null, "add_to_mailing": false}));
}

#[tokio::test]
async fn the_lead_list_filters_and_pages_without_duplicates() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let management = app.as_role("management").await;
    let management_id = app.user_id("management@demo.local").await;
    let mut mine = vec![];
    for (i, channel) in ["site", "avito", "avito", "phone", "yandex", "site", "google"].iter().enumerate() {
        let lead = app.new_lead(&manager, json!({"channel": channel, "phone": format!("+7 900 000-00-{:02}", i + 10), "company_name": format!("Компания {i}")})).await;
        mine.push(s(&lead, "id").to_owned());
    }
    let theirs = app.new_lead(&management, json!({"channel": "bitrix24", "company_name": "ООО «Ромашка»", "contact_name": "Зоя"})).await;
    app.move_ok(&manager, "leads", &mine[1], "in_work").await;
    let lost = app.card(&manager, "leads", &mine[2]).await;
    let (st, _) = app.post(Some(&manager), &format!("/api/v1/leads/{}/move", mine[2]), json!({"version": lost["version"], "to": "lost", "loss": {"reason": "no_budget"}})).await;
    assert_eq!(st, 200);

    let list = |q: String| {
        let app = &app;
        let manager = manager.clone();
        async move { ids(&app.ok(&manager, &format!("/api/v1/leads?{q}")).await) }
    };
    assert_eq!(list("stage=in_work".into()).await, [mine[1].clone()]);
    assert_eq!(list("status=lost".into()).await, [mine[2].clone()]);
    assert_eq!(list("channel=avito".into()).await, [mine[2].clone(), mine[1].clone()], "newest first");
    assert_eq!(list(format!("responsible_id={management_id}")).await, [s(&theirs, "id")]);
    assert_eq!(list(format!("q={}", enc("ромаШКА"))).await, [s(&theirs, "id")], "case-insensitive Cyrillic");
    assert_eq!(list("q=9000000013".into()).await, [mine[3].clone()], "by phone");
    assert_eq!(list(format!("q={}", theirs["number"])).await, [s(&theirs, "id")], "by number");
    assert_eq!(list(format!("created_from={}&created_to={}", day(0), day(0))).await.len(), 8);
    assert_eq!(list(format!("created_from={}", day(1))).await.len(), 0);
    assert_eq!(list(format!("created_to={}", day(-1))).await.len(), 0);
    assert_eq!(list(format!("status=open&channel=site&responsible_id={}", app.user_id("manager@demo.local").await)).await, [mine[5].clone(), mine[0].clone()]);
    let (st, body) = app.get(Some(&manager), "/api/v1/leads?status=closed&channel=fax").await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("status", "invalid_value"), ("channel", "invalid_value")]));

    let (mut seen, mut cursor, mut pages) = (vec![], None::<String>, 0);
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/leads?limit=3&cursor={c}"),
            None => "/api/v1/leads?limit=3".to_owned(),
        };
        let page = app.ok(&manager, &path).await;
        seen.extend(ids(&page));
        pages += 1;
        cursor = page["next_cursor"].as_str().map(str::to_owned);
        if cursor.is_none() {
            break;
        }
    }
    let mut expected: Vec<String> = mine.iter().rev().cloned().collect();
    expected.insert(0, s(&theirs, "id").to_owned());
    assert_eq!((seen, pages), (expected, 3), "every lead once, newest first");
}

#[tokio::test]
async fn lead_edits_are_checked_versioned_and_in_the_timeline() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let lead = app.new_lead(&manager, json!({"company_name": "ООО «Правка»"})).await;
    let id = s(&lead, "id");
    let (st, body) = app.edit_card(&manager, "leads", id, json!({"title": " ", "phone": "12", "email": "x", "expected_revenue": "1.234"})).await;
    assert_eq!(st, 422);
    let fields: Vec<String> = errors(&body).into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, ["title", "phone", "email", "expected_revenue"]);
    let p2 = app.client_named(&app.as_role("admin").await, "ООО «СибирьПлей»").await;
    let p1 = app.login("production1@demo.local").await;
    let own = app.new_lead(&p1, json!({})).await;
    let (st, body) = app.edit_card(&p1, "leads", s(&own, "id"), json!({"client_id": p2["id"]})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("client_id", "not_found")]), "another organization's client");

    // The head office sees every client, but a lead takes only a client of its own organization.
    let (st, body) = app.edit_card(&manager, "leads", id, json!({"client_id": p2["id"]})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("client_id", "not_found")]));
    let sport = app.client_named(&manager, "ООО «СпортПлощадка»").await;
    let linked = app.edit_ok(&manager, "leads", id, json!({"client_id": sport["id"]})).await;
    assert_eq!(linked["client_name"], "ООО «СпортПлощадка»");
    let edited = app.edit_ok(&manager, "leads", id, json!({"phone": "8 916 111 22 33", "email": null, "contact_name": "Вера", "expected_revenue": "99000"})).await;
    assert_eq!((edited["phone"].as_str(), edited["contact_name"].as_str(), edited["expected_revenue"].as_str(), edited["version"].as_i64()), (Some("+79161112233"), Some("Вера"), Some("99000.00"), Some(3)));
    let same = app.edit_ok(&manager, "leads", id, json!({"contact_name": "Вера"})).await;
    assert_eq!(same["version"], 3, "no change, no new version");
    let timeline = app.timeline(&manager, "leads", id).await;
    assert_eq!(timeline[0]["kind"], "fields");
    assert_eq!(timeline[0]["data"]["phone"], json!({"old": "+79001112233", "new": "+79161112233"}));
    assert_eq!(timeline[0]["data"]["expected_revenue"], json!({"old": null, "new": "99000.00"}));
    assert_eq!(timeline[0]["actor_name"], "Менеджер");
}

#[tokio::test]
async fn leads_arriving_at_once_all_get_in_with_their_own_numbers() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let calls = (0..8).map(|i| app.post(Some(&manager), "/api/v1/leads", json!({"channel": "site", "phone": format!("+7 900 000-01-{:02}", i + 10)})));
    let results = futures_join_all(calls).await;
    let mut numbers: Vec<i64> = results
        .iter()
        .map(|(st, lead)| {
            assert_eq!(*st, 201, "{lead}");
            lead["number"].as_i64().expect("number")
        })
        .collect();
    numbers.sort();
    assert_eq!(numbers, (1..=8).collect::<Vec<_>>());
    let tasks = app.ok(&manager, "/api/v1/tasks?view=mine&limit=200").await;
    assert_eq!(tasks["items"].as_array().unwrap().len(), 8, "each with its first call");
}

/// Runs the futures concurrently on this task (no extra crates).
async fn futures_join_all<F: std::future::Future>(futures: impl Iterator<Item = F>) -> Vec<F::Output> {
    let mut set = vec![];
    for f in futures {
        set.push(Box::pin(f));
    }
    let mut out: Vec<Option<F::Output>> = set.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (i, f) in set.iter_mut().enumerate() {
            if out[i].is_none() {
                match f.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => out[i] = Some(v),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending { std::task::Poll::Pending } else { std::task::Poll::Ready(()) }
    })
    .await;
    out.into_iter().map(|o| o.expect("ready")).collect()
}

#[tokio::test]
async fn amounts_are_read_as_people_type_them_and_a_bad_one_names_its_field() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let lead = app.new_lead(&manager, json!({"expected_revenue": "125 000,5"})).await;
    assert_eq!(lead["expected_revenue"], "125000.50");
    let lead = app.new_lead(&manager, json!({"expected_revenue": 99.9})).await;
    assert_eq!(lead["expected_revenue"], "99.90", "a JSON number is read too");
    let (st, body) = app.post(Some(&manager), "/api/v1/leads", json!({"channel": "site", "phone": "+79001112233", "expected_revenue": "12,5,0"})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("expected_revenue", "invalid_format")]), "{body}");
    let (st, body) = app.edit_card(&manager, "leads", s(&lead, "id"), json!({"expected_revenue": "10.001"})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("expected_revenue", "invalid_format")]), "{body}");
    let (st, body) = app.edit_card(&manager, "leads", s(&lead, "id"), json!({"expected_revenue": null})).await;
    assert_eq!((st, body["expected_revenue"].clone()), (200, Value::Null), "null clears it");
}

#[tokio::test]
async fn ticking_the_checklist_is_one_timeline_entry_naming_the_items() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let lead = app.new_lead(&manager, json!({})).await;
    let id = s(&lead, "id");
    app.tick(&manager, "leads", id, &["named_price_range", "offered_design"]).await;
    app.edit_ok(&manager, "leads", id, json!({"checklist": {"offered_design": false}, "price_range": "1 800–2 300 ₽/м²"})).await;
    let timeline = app.timeline(&manager, "leads", id).await;
    let checklist: Vec<&Value> = timeline.iter().filter(|e| e["kind"] == "checklist").collect();
    assert_eq!(checklist.len(), 2, "{timeline:?}");
    assert_eq!(checklist[1]["data"]["ticked"][0]["name_ru"], "Озвучил вилку цен");
    assert_eq!(checklist[0]["data"]["unticked"], json!([{"code": "offered_design", "name_ru": "Предложил дизайн-макет", "name_en": "Offered a design mock-up"}]));
    let fields: Vec<&Value> = timeline.iter().filter(|e| e["kind"] == "fields").collect();
    assert_eq!(fields.len(), 1, "the price range alone: {fields:?}");
    assert!(fields[0]["data"]["checklist"].is_null());
}

/// The board's column totals come from counters the database keeps on every change of a card; a
/// filter the counters cannot answer (a creation date) counts the cards themselves. After every
/// kind of change — new cards, a revenue edited, a responsible person changed, moves, a loss, a
/// conversion — both agree, for the head office, one person and a production.
#[tokio::test]
async fn the_boards_kept_totals_equal_a_recount_after_every_kind_of_change() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let management = app.as_role("management").await;
    let p1 = app.login("production1@demo.local").await;
    let (manager_id, management_id) = (app.user_id("manager@demo.local").await, app.user_id("management@demo.local").await);
    let (leads_pid, deals_pid) = (app.pipeline_id(&manager, "leads").await, app.pipeline_id(&manager, "tile_sale").await);
    let cid = s(&app.client_named(&manager, "ООО «ДачаСтрой»").await, "id").to_owned();
    let ural = s(&app.client_named(&p1, "ООО «УралСпортСтрой»").await, "id").to_owned();

    let a = app.new_deal(&manager, &cid, json!({"title": "А", "expected_revenue": "100.10"})).await;
    let b = app.new_deal(&manager, &cid, json!({"title": "Б", "expected_revenue": "200.20"})).await;
    let c = app.new_deal(&management, &cid, json!({"title": "В"})).await;
    app.new_deal(&p1, &ural, json!({"title": "Своя", "expected_revenue": "5.05"})).await;
    app.edit_ok(&manager, "deals", s(&a, "id"), json!({"expected_revenue": "150.15"})).await;
    app.edit_ok(&manager, "deals", s(&b, "id"), json!({"responsible_id": management_id})).await;
    app.deal_to(&manager, s(&c, "id"), "offer_sent").await;
    let a = app.card(&manager, "deals", s(&a, "id")).await;
    let (st, lost) = app.post(Some(&manager), &format!("/api/v1/deals/{}/move", s(&a, "id")), json!({"version": a["version"], "to": "lost", "loss": {"reason": "postponed"}})).await;
    assert_eq!(st, 200, "{lost}");
    let lead = surveyed_lead(&app, &manager, json!({})).await;
    let lead = app.edit_ok(&manager, "leads", s(&lead, "id"), json!({"expected_revenue": "70.00", "price_range": "от 1 800 ₽/м²", "offer_details": "40 мм", "agreed_design": true})).await;
    let (st, conv) = app.post(Some(&manager), &format!("/api/v1/leads/{}/convert", s(&lead, "id")), json!({"version": lead["version"], "expected_revenue": "90.00"})).await;
    assert_eq!(st, 200, "{conv}");

    let totals = |b: &Value| -> Vec<(String, i64, String)> {
        b["columns"].as_array().unwrap().iter().map(|c| (s(c, "stage").to_owned(), c["count"].as_i64().unwrap_or(-1), s(c, "sum").to_owned())).collect()
    };
    let mut seen = 0;
    for (who, pid) in [(&manager, &deals_pid), (&manager, &leads_pid), (&p1, &deals_pid), (&p1, &leads_pid)] {
        for by in ["".to_owned(), format!("responsible_id={manager_id}&"), format!("responsible_id={management_id}&")] {
            let kept = app.ok(who, &format!("/api/v1/pipelines/{pid}/board?{by}")).await;
            let recount = app.ok(who, &format!("/api/v1/pipelines/{pid}/board?{by}created_from=2000-01-01")).await;
            assert_eq!(totals(&kept), totals(&recount), "{pid} {by}");
            seen += totals(&kept).iter().map(|t| t.1).sum::<i64>();
        }
    }
    assert!(seen > 10, "the boards had cards to count: {seen}");
    let board = app.ok(&manager, &format!("/api/v1/pipelines/{deals_pid}/board?responsible_id={manager_id}")).await;
    let column = |stage: &str| board["columns"].as_array().unwrap().iter().find(|c| c["stage"] == stage).cloned().expect("column");
    assert_eq!((column("offer_task")["count"].as_i64(), column("offer_task")["sum"].as_str()), (Some(1), Some("90.00")), "the converted lead's deal only");
    assert_eq!((column("lost")["count"].as_i64(), column("lost")["sum"].as_str()), (Some(1), Some("150.15")));
}
