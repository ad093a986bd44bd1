use crate::support::{TestApp, fresh_inn};
use serde_json::json;

fn errors_by_field(body: &serde_json::Value) -> Vec<(String, String)> {
    body["errors"]
        .as_array()
        .map(|a| a.iter().map(|e| (e["field"].as_str().unwrap().to_owned(), e["code"].as_str().unwrap().to_owned())).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn manager_creates_a_client_with_a_valid_counterparty() {
    let app = TestApp::spawn().await;
    let t = app.login("manager@demo.local").await;
    let inn = fresh_inn();
    let (s, c) = app
        .post(Some(&t), "/api/v1/clients", json!({
            "name": "ООО «Резиновый двор»", "person_kind": "legal", "phone": "8 (916) 555-11-22", "email": " Info@Dvor.RU ",
            "counterparty": {"kind": "legal_entity", "name": "ООО «Резиновый двор»", "inn": inn, "kpp": "7701AB001"}
        }))
        .await;
    assert_eq!(s, 201, "{c}");
    assert_eq!(c["phone"], "+79165551122");
    assert_eq!(c["email"], "info@dvor.ru");
    assert_eq!(c["inn"], inn.as_str());
    assert_eq!(c["counterparties"][0]["kpp"], "7701AB001");
    assert_eq!(c["counterparties"][0]["approved"], false);
    let (s, card) = app.get(Some(&t), &format!("/api/v1/clients/{}", c["id"].as_str().unwrap())).await;
    assert_eq!(s, 200);
    assert_eq!(card["name"], "ООО «Резиновый двор»");
    // After a rename the client is found by its new name and still by its counterparty's INN.
    let path = format!("/api/v1/clients/{}", c["id"].as_str().unwrap());
    let (s, _) = app.send(Some(&t), reqwest::Method::PATCH, &path, Some(json!({"version": 1, "name": "ООО «Каучук»"}))).await;
    assert_eq!(s, 200);
    for q in [inn.as_str(), "%D0%BA%D0%B0%D1%83%D1%87%D1%83%D0%BA"] {
        let (_, found) = app.get(Some(&t), &format!("/api/v1/clients?q={q}")).await;
        assert_eq!(found["items"].as_array().unwrap().len(), 1, "q={q}");
        assert_eq!(found["items"][0]["id"], c["id"]);
    }
}

#[tokio::test]
async fn invalid_requisites_are_refused_naming_each_field_and_nothing_is_saved() {
    let app = TestApp::spawn().await;
    let t = app.login("manager@demo.local").await;
    let before = app.client_ids(&t).await.len();
    let (s, body) = app
        .post(Some(&t), "/api/v1/clients", json!({
            "name": "", "person_kind": "legal", "phone": "12", "email": "not-an-email",
            "counterparty": {"kind": "legal_entity", "name": "X", "inn": "7707083894", "kpp": "77360100"}
        }))
        .await;
    assert_eq!(s, 422, "{body}");
    assert_eq!(body["code"], "validation_failed");
    let errs = errors_by_field(&body);
    for (field, code) in [
        ("name", "required"),
        ("phone", "invalid_format"),
        ("email", "invalid_format"),
        ("counterparty.inn", "invalid_checksum"),
        ("counterparty.kpp", "invalid_length"),
    ] {
        assert!(errs.contains(&(field.to_owned(), code.to_owned())), "expected {field}:{code} in {errs:?}");
    }
    assert_eq!(app.client_ids(&t).await.len(), before);
}

#[tokio::test]
async fn sole_trader_needs_a_12_digit_inn_and_has_no_kpp() {
    let app = TestApp::spawn().await;
    let t = app.login("manager@demo.local").await;
    let (s, body) = app
        .post(Some(&t), "/api/v1/clients", json!({
            "name": "ИП Семёнов", "person_kind": "person",
            "counterparty": {"kind": "sole_trader", "name": "ИП Семёнов", "inn": "7707083893", "kpp": "773601001"}
        }))
        .await;
    assert_eq!(s, 422);
    let errs = errors_by_field(&body);
    assert!(errs.contains(&("counterparty.inn".into(), "invalid_value".into())), "{errs:?}");
    assert!(errs.contains(&("counterparty.kpp".into(), "not_allowed".into())), "{errs:?}");
}

#[tokio::test]
async fn similar_clients_are_found_by_phone_inn_and_name() {
    let app = TestApp::spawn().await;
    let t = app.login("manager@demo.local").await;
    let inn = fresh_inn();
    let (s, c) = app
        .post(Some(&t), "/api/v1/clients", json!({
            "name": "ООО «Плиточный Мир»", "person_kind": "legal", "phone": "+7 903 111-22-33",
            "counterparty": {"kind": "legal_entity", "name": "ООО «Плиточный Мир»", "inn": inn, "kpp": "770101001"}
        }))
        .await;
    assert_eq!(s, 201, "{c}");
    let (s, found) = app.get(Some(&t), "/api/v1/clients/similar?phone=89031112233").await;
    assert_eq!(s, 200);
    assert_eq!(found["items"][0]["client"]["id"], c["id"]);
    assert_eq!(found["items"][0]["reasons"], json!(["phone"]));
    let (_, found) = app.get(Some(&t), &format!("/api/v1/clients/similar?inn={inn}&name=плиточный%20мир")).await;
    assert_eq!(found["items"][0]["reasons"], json!(["inn", "name"]));
    let (_, none) = app.get(Some(&t), "/api/v1/clients/similar?phone=%2B79990000000").await;
    assert_eq!(none["items"], json!([]));
}

#[tokio::test]
async fn client_list_pages_with_a_cursor_and_searches_cyrillic_case_insensitively() {
    let app = TestApp::spawn().await;
    let t = app.login("admin@demo.local").await;
    let (s, p1) = app.get(Some(&t), "/api/v1/clients?limit=5").await;
    assert_eq!(s, 200);
    assert_eq!(p1["items"].as_array().unwrap().len(), 5);
    let cursor = p1["next_cursor"].as_str().expect("more pages").to_owned();
    let (_, p2) = app.get(Some(&t), &format!("/api/v1/clients?limit=5&cursor={cursor}")).await;
    let first: Vec<_> = p1["items"].as_array().unwrap().iter().map(|c| c["id"].clone()).collect();
    assert!(p2["items"].as_array().unwrap().iter().all(|c| !first.contains(&c["id"])));
    let names: Vec<String> = p1["items"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_lowercase()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    let (_, found) = app.get(Some(&t), "/api/v1/clients?q=%D0%A4%D0%98%D0%A2%D0%9D%D0%95%D0%A1").await; // "ФИТНЕС"
    assert_eq!(found["items"].as_array().unwrap().len(), 1);
    assert_eq!(found["items"][0]["name"], "ООО «Фитнес Групп»");
}

#[tokio::test]
async fn edits_carry_a_version_a_stale_one_is_409_and_history_records_who_changed_what() {
    let app = TestApp::spawn().await;
    let t = app.login("manager@demo.local").await;
    let (_, c) = app.post(Some(&t), "/api/v1/clients", json!({"name": "ООО «Версия»", "person_kind": "legal", "segment": "Парки"})).await;
    let path = format!("/api/v1/clients/{}", c["id"].as_str().unwrap());
    let (s, edited) = app
        .send(Some(&t), reqwest::Method::PATCH, &path, Some(json!({"version": 1, "phone": "+7 912 000-00-01", "segment": null})))
        .await;
    assert_eq!(s, 200, "{edited}");
    assert_eq!((edited["version"].as_i64(), edited["phone"].as_str(), edited["segment"].clone()), (Some(2), Some("+79120000001"), json!(null)));
    assert_eq!(edited["name"], "ООО «Версия»", "absent fields stay as they were");
    let (s, body) = app.send(Some(&t), reqwest::Method::PATCH, &path, Some(json!({"version": 1, "name": "Опоздал"}))).await;
    assert_eq!((s, body["code"].as_str()), (409, Some("version_conflict")));
    let (s, body) = app.send(Some(&t), reqwest::Method::PATCH, &path, Some(json!({"version": 2, "email": "плохой"}))).await;
    assert_eq!((s, body["errors"][0]["field"].as_str()), (422, Some("email")));
    let (s, history) = app.get(Some(&t), &format!("{path}/history")).await;
    assert_eq!(s, 200);
    let items = history["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{history}");
    assert_eq!(items[0]["action"], "update");
    assert_eq!(items[0]["actor_name"], "Менеджер");
    assert_eq!(items[0]["changes"]["phone"], json!({"old": null, "new": "+79120000001"}));
    assert_eq!(items[0]["changes"]["segment"], json!({"old": "Парки", "new": null}));
    assert_eq!(items[1]["action"], "create");
}

#[tokio::test]
async fn only_an_admin_approves_a_counterparty_and_the_approval_is_in_the_history() {
    let app = TestApp::spawn().await;
    let manager = app.login("manager@demo.local").await;
    let (_, c) = app
        .post(Some(&manager), "/api/v1/clients", json!({"name": "ООО «Одобрение»", "person_kind": "legal",
            "counterparty": {"kind": "legal_entity", "name": "ООО «Одобрение»", "inn": fresh_inn(), "kpp": "770101001"}}))
        .await;
    let cp = c["counterparties"][0]["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/counterparties/{cp}/approval");
    for who in ["manager@demo.local", "management@demo.local", "production1@demo.local"] {
        let t = app.login(who).await;
        assert_eq!(app.post(Some(&t), &path, json!({"approved": true, "version": 1})).await.0, 403, "{who}");
    }
    let admin = app.login("admin@demo.local").await;
    let (s, approved) = app.post(Some(&admin), &path, json!({"approved": true, "version": 1})).await;
    assert_eq!(s, 200, "{approved}");
    assert_eq!((approved["approved"].as_bool(), approved["version"].as_i64()), (Some(true), Some(2)));
    assert!(approved["approved_at"].is_string());
    assert_eq!(app.post(Some(&admin), &path, json!({"approved": false, "version": 1})).await.0, 409);
    assert_eq!(app.post(Some(&admin), &format!("/api/v1/counterparties/{}/approval", uuid::Uuid::new_v4()), json!({"approved": true, "version": 1})).await.0, 404);
    let (_, history) = app.get(Some(&manager), &format!("/api/v1/clients/{}/history", c["id"].as_str().unwrap())).await;
    assert_eq!(history["items"][0]["action"], "approve");
    assert_eq!(history["items"][0]["actor_name"], "Администратор");
}

/// Seed (issue 9): a phone pasted into search in any format finds the client — by its own number
/// or a contact person's — and the lead with that number.
#[tokio::test]
async fn a_phone_in_any_format_finds_the_client_its_contact_and_the_lead() {
    let app = TestApp::spawn().await;
    let t = app.login("manager@demo.local").await;
    let (s, c) = app
        .post(Some(&t), "/api/v1/clients", json!({"name": "Телефонов Иван", "person_kind": "person", "phone": "+7 (495) 987-61-04"}))
        .await;
    assert_eq!(s, 201, "{c}");
    let id = c["id"].as_str().unwrap();
    let (s, d) = app.post(Some(&t), "/api/v1/clients", json!({"name": "ООО «Только контакт»", "person_kind": "legal", "email": "office@kontakt.ru"})).await;
    assert_eq!(s, 201, "{d}");
    let via_contact = d["id"].as_str().unwrap();
    let (s, _) = app.post(Some(&t), &format!("/api/v1/clients/{via_contact}/contacts"), json!({"first_name": "Олег", "mobile": "8 912 777-01-02"})).await;
    assert_eq!(s, 201);
    let found = |q: &str| {
        let (app, t, q) = (&app, &t, crate::support::enc(q));
        async move {
            let (_, page) = app.get(Some(t), &format!("/api/v1/clients?q={q}")).await;
            page["items"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap().to_owned()).collect::<Vec<_>>()
        }
    };
    for q in ["+7 (495) 987-61-04", "8 495 987-61-04", "74959876104", "987-61-04"] {
        assert_eq!(found(q).await, [id], "q={q}");
    }
    for q in ["+7 912 777-01-02", "89127770102", "777-01-02"] {
        assert_eq!(found(q).await, [via_contact], "q={q}");
    }
    let lead = app.new_lead(&t, json!({"phone": "8 (903) 555-44-33", "channel": "phone"})).await;
    for q in ["+7 903 555 44 33", "555-44-33"] {
        let (_, page) = app.get(Some(&t), &format!("/api/v1/leads?q={}", crate::support::enc(q))).await;
        let ids: Vec<&str> = page["items"].as_array().unwrap().iter().map(|l| l["id"].as_str().unwrap()).collect();
        assert_eq!(ids, [lead["id"].as_str().unwrap()], "q={q}");
    }
}

/// Issue 9: the client list exports what its filters select, as CSV and as .xlsx, in the caller's scope.
#[tokio::test]
async fn the_filtered_clients_export_as_csv_and_xlsx_in_the_callers_scope() {
    let app = TestApp::spawn().await;
    let t = app.login("manager@demo.local").await;
    let r = app.http.get(app.url(&format!("/api/v1/clients/export?q={}", crate::support::enc("ооо")))).bearer_auth(&t).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(r.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(r.headers()["content-disposition"].to_str().unwrap().starts_with("attachment; filename=\"clients-"));
    let body = r.text().await.unwrap();
    let lines: Vec<&str> = body.trim_end().split("\r\n").collect();
    assert_eq!(lines[0], "\u{feff}Клиент;ИНН;Отношения;Телефон;E-mail;Сегмент;Менеджер;Организация;Создан");
    let (_, listed) = app.get(Some(&t), &format!("/api/v1/clients?limit=200&q={}", crate::support::enc("ооо"))).await;
    assert_eq!(lines.len() - 1, listed["items"].as_array().unwrap().len(), "the rows the list shows");
    assert!(lines.iter().any(|l| l.starts_with("ООО «СпортПлощадка»;") && l.contains(";+74951234502;info@sportploshadka.ru;")), "{body}");

    let r = app.http.get(app.url("/api/v1/clients/export?format=xlsx")).bearer_auth(&t).send().await.unwrap();
    assert_eq!(r.headers()["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    let bytes = r.bytes().await.unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("an .xlsx is a zip");
    let mut sheet = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/worksheets/sheet1.xml").expect("the sheet"), &mut sheet).unwrap();
    assert!(sheet.contains("ООО «СпортПлощадка»"), "a row per client");

    // Another organization's clients are not in a production's export; no right, 403; a bad filter, 422.
    let p1 = app.login("production1@demo.local").await;
    let theirs = app.http.get(app.url("/api/v1/clients/export")).bearer_auth(&p1).send().await.unwrap().text().await.unwrap();
    assert!(!theirs.contains("СпортПлощадка") && theirs.contains("УралСпортСтрой"), "{theirs}");
    let warehouse = app.login("warehouse@demo.local").await;
    assert_eq!(app.get(Some(&warehouse), "/api/v1/clients/export").await.0, 403);
    let (st, body) = app.get(Some(&t), "/api/v1/clients/export?sort=size").await;
    assert_eq!((st, body["errors"][0]["field"].as_str()), (422, Some("sort")));
}
