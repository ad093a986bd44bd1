//! Pipelines over HTTP: the built-in funnels, admin-defined ones (validated, evolved safely, working
//! on the board without code changes), and who may manage them.
use crate::support::{TestApp, errors, pairs, s};
use serde_json::{Value, json};

fn stage(code: &str, name: &str, kind: &str) -> Value {
    json!({"code": code, "name_ru": name, "name_en": code, "color": "#228be6", "kind": kind})
}

/// A small deal pipeline for installation services: new → quote → approved → won, lost from
/// anywhere; only management or an admin approves, and the price must be agreed first.
fn custom_definition() -> Value {
    let mut quote = stage("quote", "Смета", "open");
    quote["checklist"] = json!([{"code": "price_agreed", "name_ru": "Цена согласована", "name_en": "Price agreed"}]);
    json!({
        "kind": "deal",
        "stages": [stage("new", "Новая", "open"), quote, stage("approved", "Согласовано", "open"),
                   stage("won", "Выполнено", "won"), stage("lost", "Отказ", "lost")],
        "transitions": [
            {"from": "new", "to": "quote"},
            {"from": "quote", "to": "approved", "guards": [
                {"type": "roles", "roles": ["management", "admin"]},
                {"type": "checklist", "items": ["price_agreed"]}]},
            {"from": "approved", "to": "won"},
            {"from": "*", "to": "lost"}
        ]
    })
}

async fn create_custom(app: &TestApp, admin: &str) -> Value {
    let (st, p) = app
        .post(Some(admin), "/api/v1/pipelines", json!({"code": "installation", "name_ru": "Монтаж", "name_en": "Installation", "definition": custom_definition()}))
        .await;
    assert_eq!(st, 201, "{p}");
    p
}

fn stage_codes(p: &Value) -> Vec<String> {
    p["definition"]["stages"].as_array().expect("stages").iter().map(|s| s["code"].as_str().unwrap_or("").to_owned()).collect()
}

#[tokio::test]
async fn the_built_in_funnels_are_listed_with_their_stages_and_by_kind() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let list = app.ok(&manager, "/api/v1/pipelines").await;
    let items = list["items"].as_array().unwrap();
    let codes: Vec<&str> = items.iter().map(|p| s(p, "code")).collect();
    assert_eq!(codes, ["leads", "tile_sale"]);
    let leads = &items[0];
    assert_eq!((leads["kind"].as_str(), leads["is_builtin"].as_bool(), leads["is_active"].as_bool()), (Some("lead"), Some(true), Some(true)));
    assert_eq!(stage_codes(leads), ["received", "in_work", "surveyed", "typical_offer_sent", "offer_received", "converted", "lost"]);
    assert_eq!(leads["definition"]["stages"][0]["name_ru"], "Заявка получена");
    let deals = &items[1];
    assert_eq!(deals["kind"], "deal");
    let deal_stages = stage_codes(deals);
    assert_eq!(deal_stages.len(), 23);
    assert_eq!((deal_stages[0].as_str(), deal_stages[15].as_str(), deal_stages[20].as_str(), deal_stages[21].as_str()), ("offer_task", "payment_received", "ask_results", "won"));
    // «Оплата получена» is reached only through the payment fact.
    let by_hand: Vec<&Value> = deals["definition"]["transitions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["to"] == "payment_received")
        .collect();
    assert_eq!(by_hand.len(), 3);
    assert!(by_hand.iter().all(|t| t["manual"] == false && t["auto_on"] == "payment_received"), "{by_hand:?}");

    let only_leads = app.ok(&manager, "/api/v1/pipelines?kind=lead").await;
    assert_eq!(only_leads["items"].as_array().unwrap().len(), 1);
    assert_eq!(only_leads["items"][0]["code"], "leads");
    let one = app.ok(&manager, &format!("/api/v1/pipelines/{}", s(deals, "id"))).await;
    assert_eq!((one["code"].as_str(), one["version"].as_i64()), (Some("tile_sale"), Some(1)));
    let reasons = app.ok(&manager, "/api/v1/loss-reasons").await;
    let codes: Vec<&str> = reasons["items"].as_array().unwrap().iter().map(|r| s(r, "code")).collect();
    assert!(codes.contains(&"expensive") && codes.last() == Some(&"other"), "{codes:?}");
}

#[tokio::test]
async fn an_admin_defined_pipeline_carries_deals_along_its_stages_and_onto_its_board() {
    let app = TestApp::spawn().await;
    let admin = app.as_role("admin").await;
    let p = create_custom(&app, &admin).await;
    let pid = s(&p, "id");
    assert_eq!((p["is_builtin"].as_bool(), p["version"].as_i64(), p["kind"].as_str()), (Some(false), Some(1), Some("deal")));
    let manager = app.as_role("manager").await;
    let client = app.client_named(&manager, "ООО «СпортПлощадка»").await;
    let deal = app.new_deal(&manager, s(&client, "id"), json!({"pipeline_id": pid, "expected_revenue": "50000.00"})).await;
    let id = s(&deal, "id");
    assert_eq!((deal["stage"].as_str(), deal["stage_name"].as_str(), deal["deal_kind"].as_str()), (Some("new"), Some("Новая"), Some("other")));
    assert_eq!(deal["requests"], json!([]), "this pipeline opens no requests");
    app.move_ok(&manager, "deals", id, "quote").await;

    // The roles guard: a manager may not approve, even with the checklist ticked.
    let (st, body) = app.move_to(&manager, "deals", id, "approved").await;
    assert_eq!(st, 422, "{body}");
    assert_eq!(pairs(&errors(&body)), [("stage", "role_not_allowed"), ("checklist.price_agreed", "checklist_item_required")]);
    app.tick(&manager, "deals", id, &["price_agreed"]).await;
    let (st, body) = app.move_to(&manager, "deals", id, "approved").await;
    assert_eq!((st, body["code"].as_str()), (403, Some("forbidden")), "{body}");
    assert_eq!(pairs(&errors(&body)), [("stage", "role_not_allowed")]);
    let management = app.as_role("management").await;
    app.move_ok(&management, "deals", id, "approved").await;
    // Not in the table: approved → quote.
    let (st, body) = app.move_to(&manager, "deals", id, "quote").await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("stage", "transition_not_allowed")]));

    let listed = app.ok(&manager, &format!("/api/v1/deals?pipeline_id={pid}")).await;
    assert_eq!(crate::support::ids(&listed), [id]);
    let board = app.ok(&manager, &format!("/api/v1/pipelines/{pid}/board")).await;
    let cols: Vec<(&str, i64)> = board["columns"].as_array().unwrap().iter().map(|c| (s(c, "stage"), c["count"].as_i64().unwrap())).collect();
    assert_eq!(cols, [("new", 0), ("quote", 0), ("approved", 1), ("won", 0), ("lost", 0)]);
    let approved = &board["columns"][2];
    assert_eq!((approved["cards"][0]["id"].as_str(), approved["sum"].as_str()), (Some(id), Some("50000.00")));
    let won = app.move_ok(&manager, "deals", id, "won").await;
    assert_eq!((won["status"].as_str(), won["moves"].clone()), (Some("won"), json!([])));
    // A lead converts into a deal on it too.
    let lead = app.new_lead(&manager, json!({"company_name": "ООО «Монтажник»"})).await;
    let lid = s(&lead, "id");
    app.walk(&manager, "leads", lid, &["in_work", "typical_offer_sent"]).await;
    let lead = app.edit_ok(&manager, "leads", lid, json!({"price_range": "350 ₽/м²", "offer_details": "Укладка 300 м²", "agreed_individual_offer": true})).await;
    let leads_pipeline = app.pipeline_id(&manager, "leads").await;
    let path = format!("/api/v1/leads/{lid}/convert");
    let (st, body) = app.post(Some(&manager), &path, json!({"version": lead["version"], "deal_pipeline_id": leads_pipeline})).await;
    assert_eq!((st, errors(&body).first().map(|(f, c)| (f.clone(), c.clone()))), (422, Some(("deal_pipeline_id".into(), "invalid_value".into()))));
    let (st, conv) = app.post(Some(&manager), &path, json!({"version": lead["version"], "deal_pipeline_id": pid})).await;
    assert_eq!(st, 200, "{conv}");
    assert_eq!((conv["deal"]["pipeline_id"].as_str(), conv["deal"]["stage"].as_str(), conv["deal"]["deal_kind"].as_str()), (Some(pid), Some("new"), Some("other")));
    // A new deal with no pipeline named still goes to the built-in funnel.
    let default = app.new_deal(&manager, s(&client, "id"), json!({})).await;
    assert_eq!(default["stage"], "offer_task");
}

#[tokio::test]
async fn invalid_definitions_are_refused_naming_the_place_in_the_definition() {
    let app = TestApp::spawn().await;
    let admin = app.as_role("admin").await;
    let attempt = |definition: Value| {
        let app = &app;
        let admin = admin.clone();
        async move {
            let (st, body) = app.post(Some(&admin), "/api/v1/pipelines", json!({"code": "bad", "name_ru": "Плохая", "name_en": "Bad", "definition": definition})).await;
            assert_eq!(st, 422, "{body}");
            assert_eq!(body["code"], "validation_failed");
            errors(&body)
        }
    };

    let mut unreachable = custom_definition();
    unreachable["stages"].as_array_mut().unwrap().insert(3, stage("orphan", "Сирота", "open"));
    unreachable["transitions"].as_array_mut().unwrap().push(json!({"from": "orphan", "to": "won"}));
    let errs = attempt(unreachable).await;
    assert!(pairs(&errs).contains(&("definition.stages[3]", "unreachable")), "{errs:?}");

    let mut no_lost = custom_definition();
    no_lost["stages"].as_array_mut().unwrap().pop();
    no_lost["transitions"].as_array_mut().unwrap().pop();
    let errs = attempt(no_lost).await;
    assert_eq!(pairs(&errs), [("definition.stages", "lost_stage_required")]);

    let mut unknown_item = custom_definition();
    unknown_item["transitions"][1]["guards"][1]["items"] = json!(["price_agreed", "signed_in_blood"]);
    let errs = attempt(unknown_item).await;
    assert_eq!(pairs(&errs), [("definition.transitions[1].guards[1].items[1]", "unknown_checklist_item")]);

    let mut bad_shape = custom_definition();
    bad_shape["stages"][2]["kind"] = json!("maybe");
    let errs = attempt(bad_shape).await;
    assert_eq!(pairs(&errs), [("definition.stages[2].kind", "invalid_format")]);
    let errs = attempt(json!([1, 2])).await;
    assert_eq!(pairs(&errs), [("definition[0]", "invalid_format")]);

    // The code and names are checked too; nothing was saved.
    let (st, body) = app.post(Some(&admin), "/api/v1/pipelines", json!({"code": "Плохо", "name_ru": " ", "name_en": "x", "definition": custom_definition()})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("code", "invalid_format"), ("name_ru", "required")]));
    let list = app.ok(&admin, "/api/v1/pipelines?include_inactive=true").await;
    assert_eq!(list["items"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn a_taken_code_is_refused_by_field() {
    let app = TestApp::spawn().await;
    let admin = app.as_role("admin").await;
    create_custom(&app, &admin).await;
    for code in ["installation", "tile_sale"] {
        let (st, body) = app.post(Some(&admin), "/api/v1/pipelines", json!({"code": code, "name_ru": "Ещё", "name_en": "More", "definition": custom_definition()})).await;
        assert_eq!((st, pairs(&errors(&body))), (422, vec![("code", "taken")]), "{code}: {body}");
    }
}

#[tokio::test]
async fn built_in_funnels_are_read_only_but_can_be_renamed() {
    let app = TestApp::spawn().await;
    let admin = app.as_role("admin").await;
    let id = app.pipeline_id(&admin, "leads").await;
    let p = app.ok(&admin, &format!("/api/v1/pipelines/{id}")).await;
    let mut def = p["definition"].clone();
    def["stages"][1]["name_ru"] = json!("Взял в работу");
    let (st, body) = app.put(&admin, &format!("/api/v1/pipelines/{id}"), json!({"version": p["version"], "definition": def})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("definition", "builtin_read_only")]));
    let (st, renamed) = app.put(&admin, &format!("/api/v1/pipelines/{id}"), json!({"version": p["version"], "name_ru": "Входящие лиды"})).await;
    assert_eq!(st, 200, "{renamed}");
    assert_eq!((renamed["name_ru"].as_str(), renamed["version"].as_i64()), (Some("Входящие лиды"), Some(2)));
    assert_eq!(renamed["definition"], p["definition"], "the definition did not change");
}

#[tokio::test]
async fn editing_a_custom_pipeline_keeps_its_deals_working_and_refuses_removing_a_used_stage() {
    let app = TestApp::spawn().await;
    let admin = app.as_role("admin").await;
    let p = create_custom(&app, &admin).await;
    let pid = s(&p, "id").to_owned();
    let path = format!("/api/v1/pipelines/{pid}");
    let manager = app.as_role("manager").await;
    let client = app.client_named(&manager, "ООО «СпортПлощадка»").await;
    let deal = app.new_deal(&manager, s(&client, "id"), json!({"pipeline_id": pid})).await;
    let id = s(&deal, "id");
    app.move_ok(&manager, "deals", id, "quote").await;
    let board = app.ok(&manager, &format!("/api/v1/pipelines/{pid}/board")).await;
    assert_eq!((board["pipeline"]["version"].as_i64(), board["columns"].as_array().unwrap().len()), (Some(1), 5));

    // A new stage between «Согласовано» and the win: approved → contract → won.
    let mut def = custom_definition();
    def["stages"].as_array_mut().unwrap().insert(3, stage("contract", "Договор", "open"));
    def["transitions"][2] = json!({"from": "approved", "to": "contract"});
    def["transitions"].as_array_mut().unwrap().push(json!({"from": "contract", "to": "won"}));
    let (st, edited) = app.put(&admin, &path, json!({"version": 1, "definition": def})).await;
    assert_eq!(st, 200, "{edited}");
    assert_eq!(stage_codes(&edited), ["new", "quote", "approved", "contract", "won", "lost"]);
    assert_eq!(edited["version"], 2);
    let (st, body) = app.put(&admin, &path, json!({"version": 1, "name_ru": "Опоздал"})).await;
    assert_eq!((st, body["code"].as_str()), (409, Some("version_conflict")));

    // The deal goes on along the new stages.
    app.tick(&manager, "deals", id, &["price_agreed"]).await;
    let management = app.as_role("management").await;
    app.walk(&management, "deals", id, &["approved", "contract"]).await;
    let (st, body) = app.move_to(&management, "deals", id, "won").await;
    assert_eq!(st, 200, "{body}");
    let board = app.ok(&manager, &format!("/api/v1/pipelines/{pid}/board")).await;
    assert_eq!(board["columns"].as_array().unwrap().len(), 6);
    let columns: Vec<String> = board["columns"].as_array().unwrap().iter().map(|c| s(c, "stage").to_owned()).collect();
    assert_eq!((board["pipeline"]["version"].as_i64(), columns), (Some(2), stage_codes(&edited)), "the board follows the edited pipeline");

    // A second deal waits in «Договор»: that stage can no longer be removed, nor made a lost one.
    let other = app.new_deal(&manager, s(&client, "id"), json!({"pipeline_id": pid})).await;
    let other_id = s(&other, "id");
    app.move_ok(&manager, "deals", other_id, "quote").await;
    app.tick(&manager, "deals", other_id, &["price_agreed"]).await;
    app.walk(&management, "deals", other_id, &["approved", "contract"]).await;
    let (st, body) = app.put(&admin, &path, json!({"version": 2, "definition": custom_definition()})).await;
    assert_eq!(st, 422, "{body}");
    assert_eq!(pairs(&errors(&body)), [("definition.stages", "stage_in_use")]);
    let mut lost_contract = def.clone();
    lost_contract["stages"][3]["kind"] = json!("lost");
    lost_contract["transitions"][4] = json!({"from": "approved", "to": "won"});
    let (st, body) = app.put(&admin, &path, json!({"version": 2, "definition": lost_contract})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("definition.stages[3].kind", "stage_in_use")]), "{body}");
    let (_, still) = app.get(Some(&admin), &path).await;
    assert_eq!((still["version"].as_i64(), stage_codes(&still).len()), (Some(2), 6), "nothing was saved");
    // Switched off, it is no longer offered for new deals but its board still shows.
    let (st, off) = app.put(&admin, &path, json!({"version": 2, "is_active": false})).await;
    assert_eq!((st, off["is_active"].as_bool()), (200, Some(false)));
    let (st, body) = app.post(Some(&manager), "/api/v1/deals", json!({"title": "Ещё", "client_id": client["id"], "pipeline_id": pid})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("pipeline_id", "invalid_value")]));
    let list = app.ok(&manager, "/api/v1/pipelines?kind=deal&include_inactive=true").await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1, "switched-off pipelines are listed for admins only");
    let list = app.ok(&admin, "/api/v1/pipelines?kind=deal&include_inactive=true").await;
    assert_eq!(list["items"].as_array().unwrap().len(), 2);
    let board = app.ok(&manager, &format!("/api/v1/pipelines/{pid}/board")).await;
    assert_eq!(board["pipeline"]["version"].as_i64(), Some(3));
}

#[tokio::test]
async fn only_admins_manage_pipelines() {
    let app = TestApp::spawn().await;
    let admin = app.as_role("admin").await;
    let p = create_custom(&app, &admin).await;
    let path = format!("/api/v1/pipelines/{}", s(&p, "id"));
    for role in ["management", "manager", "analyst", "accountant", "logistician", "warehouse"] {
        let t = app.as_role(role).await;
        let (st, body) = app.post(Some(&t), "/api/v1/pipelines", json!({"code": "mine", "name_ru": "Моя", "name_en": "Mine", "definition": custom_definition()})).await;
        assert_eq!((st, body["code"].as_str()), (403, Some("forbidden")), "{role} create");
        let (st, _) = app.put(&t, &path, json!({"version": 1, "name_ru": "Чужая"})).await;
        assert_eq!(st, 403, "{role} edit");
    }
    let p1 = app.login("production1@demo.local").await;
    assert_eq!(app.put(&p1, &path, json!({"version": 1, "name_ru": "Чужая"})).await.0, 403);
    let (st, _) = app.post(Some(&p1), "/api/v1/pipelines", json!({"code": "mine", "name_ru": "Моя", "name_en": "Mine", "definition": custom_definition()})).await;
    assert_eq!(st, 403);
    let unknown = format!("/api/v1/pipelines/{}", uuid::Uuid::new_v4());
    for path in [unknown.clone(), format!("{unknown}/board")] {
        assert_eq!(app.get(Some(&p1), &path).await.0, 404, "{path}");
    }
    assert_eq!(app.put(&admin, &unknown, json!({"version": 1, "name_ru": "Нет"})).await.0, 404);
    assert_eq!(app.ok(&admin, &path).await["version"], 1, "nothing changed");
    assert_eq!(app.get(None, "/api/v1/pipelines").await.0, 401);
}

#[tokio::test]
async fn the_card_field_catalogue_is_published_for_the_editor() {
    let app = TestApp::spawn().await;
    let admin = app.as_role("admin").await;
    let (st, catalogue) = app.get(Some(&admin), "/api/v1/card-fields").await;
    assert_eq!(st, 200, "{catalogue}");
    let codes = |kind: &str| -> Vec<String> { catalogue[kind].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap().to_owned()).collect() };
    assert!(codes("lead").contains(&"price_range".to_owned()) && codes("lead").contains(&"agreed_design".to_owned()));
    let date: Vec<&serde_json::Value> = catalogue["deal"].as_array().unwrap().iter().filter(|f| f["kind"] == "date").collect();
    assert_eq!(date.len(), 1);
    assert_eq!((date[0]["code"].as_str(), date[0]["name_ru"].as_str()), (Some("promised_payment_date"), Some("Обещанная дата оплаты")));
    assert_eq!(app.get(None, "/api/v1/card-fields").await.0, 401);
}

/// A move that writes only the card and what it records (no task, no request) goes out as one
/// statement on PostgreSQL; the loser of a race must leave no trace of its move either.
#[tokio::test]
async fn a_plain_move_that_loses_a_race_records_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.as_role("admin").await;
    let manager = app.as_role("manager").await;
    let management = app.as_role("management").await;
    let pid = s(&create_custom(&app, &admin).await, "id").to_owned();
    let client = app.client_named(&manager, "ООО «СпортПлощадка»").await;
    let rounds = 5;
    for round in 0..rounds {
        let deal = app.new_deal(&manager, s(&client, "id"), json!({"title": format!("Гонка {round}"), "pipeline_id": pid, "expected_revenue": "100.01"})).await;
        let path = format!("/api/v1/deals/{}/move", s(&deal, "id"));
        let body = json!({"version": deal["version"], "to": "quote"});
        let ((sa, ba), (sb, bb)) = tokio::join!(app.post(Some(&manager), &path, body.clone()), app.post(Some(&management), &path, body));
        let mut statuses = [sa, sb];
        statuses.sort();
        assert_eq!(statuses, [200, 409], "round {round}: {ba} / {bb}");
        let timeline = app.timeline(&manager, "deals", s(&deal, "id")).await;
        assert_eq!(timeline.iter().filter(|e| e["kind"] == "stage").count(), 1, "round {round}: only the winner's move is recorded");
        assert_eq!(app.card(&manager, "deals", s(&deal, "id")).await["version"], deal["version"].as_i64().unwrap_or(0) + 1);
    }
    let board = app.ok(&manager, &format!("/api/v1/pipelines/{pid}/board")).await;
    let column = |stage: &str| board["columns"].as_array().unwrap().iter().find(|c| c["stage"] == stage).cloned().expect("column");
    assert_eq!((column("new")["count"].as_i64(), column("quote")["count"].as_i64()), (Some(0), Some(rounds)));
    assert_eq!(column("quote")["sum"], "500.05");
}
