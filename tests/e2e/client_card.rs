//! The client card after creation: counterparties (add, edit), contacts (add, edit, delete),
//! bank accounts (delete), list order, and the names shown beside ids.
use crate::support::{TestApp, fresh_inn, s};
use reqwest::Method;
use serde_json::{Value, json};

async fn new_client(app: &TestApp, t: &str, name: &str) -> Value {
    let (s, c) = app
        .post(Some(t), "/api/v1/clients", json!({"name": name, "person_kind": "legal",
            "counterparty": {"kind": "legal_entity", "name": name, "inn": fresh_inn(), "kpp": "770101001"},
            "contact": {"first_name": "Ирина", "last_name": "Петрова", "phone": "+7 916 000-11-22"}}))
        .await;
    assert_eq!(s, 201, "{c}");
    c
}

fn fields(body: &Value) -> Vec<(String, String)> {
    body["errors"].as_array().map(|a| a.iter().map(|e| (e["field"].as_str().unwrap_or("").to_owned(), e["code"].as_str().unwrap_or("").to_owned())).collect()).unwrap_or_default()
}

#[tokio::test]
async fn a_second_counterparty_is_added_validated_and_makes_the_client_findable_by_its_inn() {
    let app = TestApp::spawn().await;
    let t = app.login("manager@demo.local").await;
    let c = new_client(&app, &t, "ООО «Два лица»").await;
    let id = c["id"].as_str().unwrap();
    let (s, bad) = app.post(Some(&t), &format!("/api/v1/clients/{id}/counterparties"), json!({"kind": "sole_trader", "name": "ИП Орлов", "inn": "7707083893"})).await;
    assert_eq!(s, 422);
    assert!(fields(&bad).contains(&("inn".into(), "invalid_value".into())), "{bad}");
    let ip_inn = "500100732259"; // a valid 12-digit INN
    let (s, cp) = app.post(Some(&t), &format!("/api/v1/clients/{id}/counterparties"), json!({"kind": "sole_trader", "name": "ИП Орлов", "inn": ip_inn})).await;
    assert_eq!(s, 201, "{cp}");
    assert_eq!((cp["client_id"].as_str(), cp["approved"].as_bool(), cp["version"].as_i64()), (Some(id), Some(false), Some(1)));
    let (_, found) = app.get(Some(&t), &format!("/api/v1/clients?q={ip_inn}")).await;
    assert_eq!(found["items"].as_array().unwrap().len(), 1);
    assert_eq!(found["items"][0]["id"], c["id"]);
    let (_, card) = app.get(Some(&t), &format!("/api/v1/clients/{id}")).await;
    assert_eq!(card["counterparties"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn editing_requisites_withdraws_the_approval_and_is_versioned_and_audited() {
    let app = TestApp::spawn().await;
    let manager = app.login("manager@demo.local").await;
    let admin = app.login("admin@demo.local").await;
    let c = new_client(&app, &manager, "ООО «Правка»").await;
    let cp = c["counterparties"][0]["id"].as_str().unwrap().to_owned();
    let (s, _) = app.post(Some(&admin), &format!("/api/v1/counterparties/{cp}/approval"), json!({"approved": true, "version": 1})).await;
    assert_eq!(s, 200);
    let path = format!("/api/v1/counterparties/{cp}");
    // An address edit alone keeps the approval? No: any requisite change needs a fresh check.
    let (s, edited) = app.send(Some(&manager), Method::PATCH, &path, Some(json!({"version": 2, "legal_address": "Москва, ул. Новая, 1"}))).await;
    assert_eq!(s, 200, "{edited}");
    assert_eq!((edited["approved"].as_bool(), edited["version"].as_i64()), (Some(false), Some(3)));
    assert_eq!(edited["legal_address"], "Москва, ул. Новая, 1");
    assert_eq!(edited["kpp"], "770101001", "absent fields stay");
    let (s, body) = app.send(Some(&manager), Method::PATCH, &path, Some(json!({"version": 2, "name": "Опоздал"}))).await;
    assert_eq!((s, body["code"].as_str()), (409, Some("version_conflict")));
    // The rules tie requisites to the kind: a legal entity turned sole trader needs a 12-digit INN and loses its KPP.
    let (s, body) = app.send(Some(&manager), Method::PATCH, &path, Some(json!({"version": 3, "kind": "sole_trader"}))).await;
    assert_eq!(s, 422);
    let f = fields(&body);
    assert!(f.contains(&("inn".into(), "invalid_value".into())) && f.contains(&("kpp".into(), "not_allowed".into())), "{f:?}");
    let (s, _) = app.send(Some(&manager), Method::PATCH, &path, Some(json!({"version": 3, "legal_address": null}))).await;
    assert_eq!(s, 200);
    let (_, history) = app.get(Some(&manager), &format!("/api/v1/clients/{}/history", c["id"].as_str().unwrap())).await;
    let items = history["items"].as_array().unwrap();
    assert_eq!(items[0]["entity_type"], "counterparty");
    assert_eq!(items[0]["changes"]["legal_address"], json!({"old": "Москва, ул. Новая, 1", "new": null}));
    assert_eq!(items[1]["changes"]["approved"], json!({"old": true, "new": false}));
}

#[tokio::test]
async fn contacts_are_added_edited_cleared_and_deleted_with_history() {
    let app = TestApp::spawn().await;
    let t = app.login("manager@demo.local").await;
    let c = new_client(&app, &t, "ООО «Контакты»").await;
    let id = c["id"].as_str().unwrap();
    let (s, bad) = app.post(Some(&t), &format!("/api/v1/clients/{id}/contacts"), json!({"first_name": " ", "email": "нет"})).await;
    assert_eq!(s, 422);
    assert_eq!(fields(&bad), [("first_name".to_owned(), "required".to_owned()), ("email".to_owned(), "invalid_format".to_owned())]);
    let (s, added) = app.post(Some(&t), &format!("/api/v1/clients/{id}/contacts"), json!({"first_name": "Олег", "position": "Прораб", "mobile": "8 912 345-67-89"})).await;
    assert_eq!(s, 201, "{added}");
    assert_eq!(added["mobile"], "+79123456789");
    let path = format!("/api/v1/contacts/{}", added["id"].as_str().unwrap());
    let (s, edited) = app.send(Some(&t), Method::PATCH, &path, Some(json!({"version": 1, "position": null, "email": "oleg@stroy.ru"}))).await;
    assert_eq!(s, 200, "{edited}");
    assert_eq!((edited["position"].clone(), edited["email"].as_str(), edited["version"].as_i64()), (json!(null), Some("oleg@stroy.ru"), Some(2)));
    assert_eq!(app.send(Some(&t), Method::PATCH, &path, Some(json!({"version": 1, "first_name": "Старая"}))).await.0, 409);
    assert_eq!(app.send(Some(&t), Method::DELETE, &path, None).await.0, 204);
    assert_eq!(app.send(Some(&t), Method::DELETE, &path, None).await.0, 404);
    let (_, card) = app.get(Some(&t), &format!("/api/v1/clients/{id}")).await;
    assert_eq!(card["contacts"].as_array().unwrap().len(), 1, "the contact made with the client remains");
    let (_, history) = app.get(Some(&t), &format!("/api/v1/clients/{id}/history")).await;
    let actions: Vec<_> = history["items"].as_array().unwrap().iter().take(3).map(|e| (e["entity_type"].as_str().unwrap(), e["action"].as_str().unwrap())).collect();
    assert_eq!(actions, [("contact", "delete"), ("contact", "update"), ("contact", "create")]);
    assert_eq!(history["items"][0]["changes"]["first_name"], json!({"old": "Олег", "new": null}));
}

#[tokio::test]
async fn a_bank_account_is_deleted_and_the_deletion_is_in_the_history() {
    let app = TestApp::spawn().await;
    let t = app.login("manager@demo.local").await;
    let c = new_client(&app, &t, "ООО «Счета»").await;
    let cp = c["counterparties"][0]["id"].as_str().unwrap();
    let (s, acc) = app.post(Some(&t), &format!("/api/v1/counterparties/{cp}/bank-accounts"), json!({"bik": "044525225", "account_number": "40702810938000000001"})).await;
    assert_eq!(s, 201, "{acc}");
    let path = format!("/api/v1/bank-accounts/{}", acc["id"].as_str().unwrap());
    assert_eq!(app.send(Some(&t), Method::DELETE, &path, None).await.0, 204);
    let (_, card) = app.get(Some(&t), &format!("/api/v1/clients/{}", c["id"].as_str().unwrap())).await;
    assert_eq!(card["counterparties"][0]["bank_accounts"], json!([]));
    let (_, history) = app.get(Some(&t), &format!("/api/v1/clients/{}/history", c["id"].as_str().unwrap())).await;
    assert_eq!((history["items"][0]["entity_type"].as_str(), history["items"][0]["action"].as_str()), (Some("bank_account"), Some("delete")));
}

#[tokio::test]
async fn every_sort_order_pages_through_all_clients_once_and_names_are_shown() {
    let app = TestApp::spawn().await;
    let t = app.login("admin@demo.local").await;
    let all = app.client_ids(&t).await;
    for sort in ["name", "-name", "created_at", "-created_at", "updated_at", "-updated_at"] {
        let (mut seen, mut cursor, mut keys) = (vec![], None::<String>, vec![]);
        loop {
            let path = match &cursor {
                Some(c) => format!("/api/v1/clients?sort={sort}&limit=5&cursor={c}"),
                None => format!("/api/v1/clients?sort={sort}&limit=5"),
            };
            let (s, page) = app.get(Some(&t), &path).await;
            assert_eq!(s, 200, "{page}");
            for c in page["items"].as_array().unwrap() {
                seen.push(c["id"].as_str().unwrap().to_owned());
                let key = sort.trim_start_matches('-');
                keys.push(if key == "name" { c["name"].as_str().unwrap().to_lowercase() } else { c[key].as_str().unwrap().to_owned() });
            }
            cursor = page["next_cursor"].as_str().map(str::to_owned);
            if cursor.is_none() {
                break;
            }
        }
        let mut unique = seen.clone();
        unique.sort();
        unique.dedup();
        assert_eq!((seen.len(), unique.len()), (all.len(), all.len()), "{sort}");
        let mut ordered = keys.clone();
        ordered.sort();
        if sort.starts_with('-') {
            ordered.reverse();
        }
        assert_eq!(keys, ordered, "{sort}");
    }
    let (s, body) = app.get(Some(&t), "/api/v1/clients?sort=inn").await;
    assert_eq!((s, fields(&body)), (422, vec![("sort".to_owned(), "invalid_value".to_owned())]));
    let (_, page) = app.get(Some(&t), "/api/v1/clients?q=%D1%84%D0%B8%D1%82%D0%BD%D0%B5%D1%81").await; // «фитнес»
    assert_eq!(page["items"][0]["organization_name"], "ООО «АртПрайм»");
    assert_eq!(page["items"][0]["manager_name"], "Менеджер");
}

#[tokio::test]
async fn another_organizations_counterparties_contacts_and_accounts_are_404_and_readers_get_403() {
    let app = TestApp::spawn().await;
    let manager = app.login("manager@demo.local").await;
    let c = new_client(&app, &manager, "ООО «Чужое»").await;
    let id = c["id"].as_str().unwrap();
    let cp = c["counterparties"][0]["id"].as_str().unwrap();
    let contact = c["contacts"][0]["id"].as_str().unwrap();
    let (_, acc) = app.post(Some(&manager), &format!("/api/v1/counterparties/{cp}/bank-accounts"), json!({"bik": "044525225", "account_number": "40702810938000000001"})).await;
    let acc = acc["id"].as_str().unwrap();
    let p1 = app.login("production1@demo.local").await;
    let analyst = app.login("analyst@demo.local").await;
    let calls: Vec<(Method, String, Option<Value>)> = vec![
        (Method::POST, format!("/api/v1/clients/{id}/counterparties"), Some(json!({"kind": "person", "name": "Иванов И. И."}))),
        (Method::PATCH, format!("/api/v1/counterparties/{cp}"), Some(json!({"version": 1, "name": "Взлом"}))),
        (Method::POST, format!("/api/v1/clients/{id}/contacts"), Some(json!({"first_name": "Взлом"}))),
        (Method::PATCH, format!("/api/v1/contacts/{contact}"), Some(json!({"version": 1, "first_name": "Взлом"}))),
        (Method::DELETE, format!("/api/v1/contacts/{contact}"), None),
        (Method::DELETE, format!("/api/v1/bank-accounts/{acc}"), None),
    ];
    for (m, path, body) in &calls {
        let (s, b) = app.send(Some(&p1), m.clone(), path, body.clone()).await;
        assert_eq!((s, b["code"].as_str()), (404, Some("not_found")), "production1 {m} {path}");
        let (s, _) = app.send(Some(&analyst), m.clone(), path, body.clone()).await;
        assert_eq!(s, 403, "analyst {m} {path}");
    }
    let (_, card) = app.get(Some(&manager), &format!("/api/v1/clients/{id}")).await;
    assert_eq!((card["counterparties"].as_array().unwrap().len(), card["contacts"].as_array().unwrap().len()), (1, 1), "nothing changed");
    assert_eq!(card["counterparties"][0]["bank_accounts"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn an_api_key_records_when_it_was_last_used() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin@demo.local").await;
    let (_, me) = app.get(Some(&admin), "/api/v1/me").await;
    let (_, created) = app.post(Some(&admin), "/api/v1/api-keys", json!({"name": "Сайт", "role": "manager", "organization_id": me["organization"]["id"]})).await;
    assert!(created["api_key"]["last_used_at"].is_null());
    let secret = created["secret"].as_str().unwrap();
    assert_eq!(app.get(Some(secret), "/api/v1/clients").await.0, 200);
    let (_, list) = app.get(Some(&admin), "/api/v1/api-keys").await;
    assert!(list["items"][0]["last_used_at"].is_string(), "{list}");
}

/// Issue 9: the client card shows the tasks and the timeline of all the client's leads and deals.
#[tokio::test]
async fn a_clients_card_reads_the_tasks_and_the_history_of_all_its_leads_and_deals() {
    let app = TestApp::spawn().await;
    let t = app.login("manager@demo.local").await;
    let client = app.client_named(&t, "ООО «СпортПлощадка»").await;
    let id = s(&client, "id").to_owned();
    let first = app.new_deal(&t, &id, json!({"title": "Первая площадка"})).await;
    let second = app.new_deal(&t, &id, json!({"title": "Вторая площадка"})).await;
    let (st, _) = app.post(Some(&t), &format!("/api/v1/deals/{}/comments", s(&first, "id")), json!({"text": "Клиент просит образцы"})).await;
    assert_eq!(st, 201);
    let other = app.client_named(&t, "ООО «Фитнес Групп»").await;
    app.new_deal(&t, s(&other, "id"), json!({"title": "Чужая"})).await;

    let (st, history) = app.get(Some(&t), &format!("/api/v1/clients/{id}/timeline")).await;
    assert_eq!(st, 200, "{history}");
    let items = history["items"].as_array().unwrap();
    let subjects: std::collections::BTreeSet<&str> = items.iter().map(|e| e["subject_id"].as_str().unwrap()).collect();
    assert!(subjects.contains(s(&first, "id")) && subjects.contains(s(&second, "id")), "both deals' history");
    assert!(items.iter().all(|e| e["subject_id"] != json!(null)));
    assert_eq!(items[0]["kind"], "comment", "newest first");
    assert_eq!(items[0]["text"], "Клиент просит образцы");

    let (st, tasks) = app.get(Some(&t), &format!("/api/v1/tasks?view=client&subject_id={id}")).await;
    assert_eq!(st, 200, "{tasks}");
    let of: std::collections::BTreeSet<&str> = tasks["items"].as_array().unwrap().iter().map(|t| t["subject_id"].as_str().unwrap()).collect();
    assert_eq!(of, [s(&first, "id"), s(&second, "id")].into_iter().collect(), "the stage tasks of its two deals, none of the other client's");

    // Another organization's client is not found; a role without clients gets 403.
    let production = app.login("production1@demo.local").await;
    assert_eq!(app.get(Some(&production), &format!("/api/v1/clients/{id}/timeline")).await.0, 404);
    assert_eq!(app.get(Some(&production), &format!("/api/v1/tasks?view=client&subject_id={id}")).await.0, 404);
    let warehouse = app.login("warehouse@demo.local").await;
    assert_eq!(app.get(Some(&warehouse), &format!("/api/v1/clients/{id}/timeline")).await.0, 403);
    let (st, body) = app.get(Some(&t), "/api/v1/tasks?view=client").await;
    assert_eq!((st, body["errors"][0]["field"].as_str()), (422, Some("subject_id")));
}
