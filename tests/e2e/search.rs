//! One search across clients, contacts, leads and deals (issue 9): by number, name, phone in any
//! format, e-mail and INN; grouped by kind, in the caller's scope and rights.
use crate::support::{TestApp, enc, fresh_inn, s};
use serde_json::{Value, json};

async fn search(app: &TestApp, token: &str, q: &str) -> Value {
    let (st, body) = app.get(Some(token), &format!("/api/v1/search?q={}", enc(q))).await;
    assert_eq!(st, 200, "q={q}: {body}");
    body
}

fn titles(found: &Value, kind: &str) -> Vec<String> {
    found[kind].as_array().unwrap().iter().map(|h| h["title"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn one_search_finds_clients_contacts_leads_and_deals_by_number_name_phone_email_and_inn() {
    let app = TestApp::spawn().await;
    let t = app.login("manager@demo.local").await;
    let inn = fresh_inn();
    let (st, c) = app
        .post(Some(&t), "/api/v1/clients", json!({"name": "ООО «Резиновый Двор»", "person_kind": "legal", "phone": "+7 (495) 700-12-34",
            "email": "zakaz@rezdvor.ru", "counterparty": {"kind": "legal_entity", "name": "ООО «Резиновый Двор»", "inn": inn, "kpp": "770101001"},
            "contact": {"first_name": "Светлана", "last_name": "Черепанова", "mobile": "8 926 111-22-99"}}))
        .await;
    assert_eq!(st, 201, "{c}");
    let client_link = format!("/clients/{}", s(&c, "id"));
    let deal = app.new_deal(&t, s(&c, "id"), json!({"title": "Покрытие для двора на Лесной"})).await;
    let lead = app.new_lead(&t, json!({"phone": "8 (903) 555-44-33", "company_name": "ИП Лесников", "contact_name": "Пётр"})).await;

    // By name, any case, a part of it.
    let found = search(&app, &t, "резиновый ДВОР").await;
    assert_eq!(titles(&found, "clients"), ["ООО «Резиновый Двор»"]);
    assert_eq!(found["clients"][0]["link"], client_link);
    assert_eq!(found["clients"][0]["detail"], "+74957001234 · zakaz@rezdvor.ru");
    // A phone as people type or paste it.
    for q in ["+7 (495) 700-12-34", "8 495 700 12 34", "74957001234", "700-12-34"] {
        assert_eq!(search(&app, &t, q).await["clients"][0]["link"], client_link, "q={q}");
    }
    for q in ["+7 903 555 44 33", "555-44-33"] {
        assert_eq!(search(&app, &t, q).await["leads"][0]["id"], lead["id"], "q={q}");
    }
    // The contact person by name or mobile, leading to their client.
    for q in ["черепанова", "8 926 111-22-99"] {
        let found = search(&app, &t, q).await;
        assert_eq!(titles(&found, "contacts"), ["Черепанова Светлана"], "q={q}");
        assert_eq!(found["contacts"][0]["link"], client_link);
        assert_eq!(found["contacts"][0]["detail"], "ООО «Резиновый Двор» · +79261112299");
    }
    // E-mail and INN.
    assert_eq!(titles(&search(&app, &t, "zakaz@rezdvor").await, "clients"), ["ООО «Резиновый Двор»"]);
    assert_eq!(titles(&search(&app, &t, &inn).await, "clients"), ["ООО «Резиновый Двор»"]);
    // A deal by its number, with or without «№», first; by a word of its title.
    for q in [deal["number"].to_string(), format!("№{}", deal["number"])] {
        let found = search(&app, &t, &q).await;
        assert_eq!(found["deals"][0]["id"], deal["id"], "q={q}");
        assert_eq!(found["deals"][0]["number"], deal["number"]);
        assert_eq!(found["deals"][0]["link"], format!("/deals/{}", s(&deal, "id")));
        assert_eq!(found["deals"][0]["detail"], "Задача на подготовку индивидуального КП получена · ООО «Резиновый Двор»");
    }
    assert_eq!(titles(&search(&app, &t, "лесной").await, "deals"), ["Покрытие для двора на Лесной"]);
    // Three letters are enough; a short number finds only the card with it.
    let short = search(&app, &t, "лес").await;
    assert!(short["leads"].as_array().unwrap().iter().any(|l| l["id"] == lead["id"]), "{short}");
    let by_number = search(&app, &t, &lead["number"].to_string()).await;
    assert_eq!(by_number["leads"][0]["id"], lead["id"]);
    assert_eq!((by_number["clients"].clone(), by_number["contacts"].clone()), (json!([]), json!([])), "a short number is not searched as text");
    // Quotes, backslashes and LIKE's wildcards are only text.
    let odd = search(&app, &t, "д'Артаньян \\ 100% _x_").await;
    assert_eq!(odd["clients"], json!([]));
    // Nothing: empty groups, not an error.
    let none = search(&app, &t, "несуществующее-название").await;
    for kind in ["clients", "contacts", "leads", "deals"] {
        assert_eq!(none[kind], json!([]), "{kind}");
    }
}

#[tokio::test]
async fn search_stays_in_the_callers_scope_and_rights() {
    let app = TestApp::spawn().await;
    let manager = app.login("manager@demo.local").await;
    let head = search(&app, &manager, "СпортПлощадка").await;
    assert_eq!(titles(&head, "clients"), ["ООО «СпортПлощадка»"]);
    let production = app.login("production1@demo.local").await;
    let theirs = search(&app, &production, "СпортПлощадка").await;
    assert_eq!(theirs["clients"], json!([]), "another organization's client is not found");
    let warehouse = app.login("warehouse@demo.local").await;
    let (st, body) = app.get(Some(&warehouse), "/api/v1/search?q=Спорт").await;
    assert_eq!((st, body["code"].as_str()), (403, Some("forbidden")));
    assert_eq!(app.get(None, "/api/v1/search?q=Спорт").await.0, 401);
    for (q, field) in [("q=a", "q"), ("q=%D0%B8%D0%BF", "q"), ("q=%20%20", "q"), (&format!("q={}", "я".repeat(101)) as &str, "q"), ("q=abc&limit=21", "limit"), ("q=abc&limit=0", "limit")] {
        let (st, body) = app.get(Some(&manager), &format!("/api/v1/search?{q}")).await;
        assert_eq!((st, body["errors"][0]["field"].as_str()), (422, Some(field)), "{q}: {body}");
    }
}
