use crate::support::{TestApp, fresh_inn};
use serde_json::json;

async fn new_counterparty(app: &TestApp, token: &str) -> String {
    let (s, c) = app
        .post(Some(token), "/api/v1/clients", json!({"name": "ООО «Банковский тест»", "person_kind": "legal",
            "counterparty": {"kind": "legal_entity", "name": "ООО «Банковский тест»", "inn": fresh_inn(), "kpp": "770101001"}}))
        .await;
    assert_eq!(s, 201, "{c}");
    c["counterparties"][0]["id"].as_str().unwrap().to_owned()
}

fn valid_account(bik: &str) -> String {
    let bik = domain::Bik::parse(bik).unwrap();
    domain::AccountNumber::with_control_digit(&bik, "40702810000000012345").unwrap().as_str().to_owned()
}

#[tokio::test]
async fn bik_lookup_fills_the_bank_from_the_directory() {
    let app = TestApp::spawn().await;
    let t = app.login("manager@demo.local").await;
    let (s, bank) = app.get(Some(&t), "/api/v1/banks/044525225").await;
    assert_eq!(s, 200);
    assert_eq!(bank["name"], "ПАО Сбербанк");
    assert_eq!(bank["city"], "Москва");
    assert_eq!(bank["corr_account"], "30101810400000000225");
    // Closed banks (DateOut) are not imported.
    assert_eq!(app.get(Some(&t), "/api/v1/banks/044599999").await.0, 404);
}

#[tokio::test]
async fn bank_account_is_checked_against_the_bik_and_filled_from_the_directory() {
    let app = TestApp::spawn().await;
    let t = app.login("manager@demo.local").await;
    let cp = new_counterparty(&app, &t).await;
    let path = format!("/api/v1/counterparties/{cp}/bank-accounts");
    let account = valid_account("044525225");
    let (s, acc) = app.post(Some(&t), &path, json!({"account_number": account, "bik": "044525225"})).await;
    assert_eq!(s, 201, "{acc}");
    assert_eq!(acc["bank_name"], "ПАО Сбербанк");
    assert_eq!(acc["corr_account"], "30101810400000000225");
    // The same account number does not match another bank's BIK.
    let (s, body) = app.post(Some(&t), &path, json!({"account_number": account, "bik": "044525187"})).await;
    assert_eq!(s, 422);
    assert_eq!(body["errors"][0]["field"], "account_number");
    assert_eq!(body["errors"][0]["code"], "account_key_mismatch");
    let (s, body) = app.post(Some(&t), &path, json!({"account_number": valid_account("044525999"), "bik": "044525999"})).await;
    assert_eq!((s, body["errors"][0]["code"].as_str()), (422, Some("unknown_bik")));
    let client_id = {
        let (_, page) = app.get(Some(&t), "/api/v1/clients?q=%D0%B1%D0%B0%D0%BD%D0%BA%D0%BE%D0%B2%D1%81%D0%BA%D0%B8%D0%B9").await;
        page["items"][0]["id"].as_str().unwrap().to_owned()
    };
    let (_, card) = app.get(Some(&t), &format!("/api/v1/clients/{client_id}")).await;
    assert_eq!(card["counterparties"][0]["bank_accounts"][0]["account_number"], account.as_str());
}

#[tokio::test]
async fn bank_accounts_of_another_organization_are_404_and_import_is_admin_only() {
    let app = TestApp::spawn().await;
    let manager = app.login("manager@demo.local").await;
    let cp = new_counterparty(&app, &manager).await;
    let p1 = app.login("production1@demo.local").await;
    let (s, _) = app
        .post(Some(&p1), &format!("/api/v1/counterparties/{cp}/bank-accounts"), json!({"account_number": valid_account("044525225"), "bik": "044525225"}))
        .await;
    assert_eq!(s, 404);
    let analyst = app.login("analyst@demo.local").await;
    let (s, _) = app
        .post(Some(&analyst), &format!("/api/v1/counterparties/{cp}/bank-accounts"), json!({"account_number": valid_account("044525225"), "bik": "044525225"}))
        .await;
    assert_eq!(s, 403);
    let xml = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/resources/20261120_ED807_sample.xml")).unwrap();
    for (who, expected) in [(&manager, 403), (&p1, 403)] {
        let r = app.http.post(app.url("/api/v1/banks/import")).bearer_auth(who).body(xml.clone()).send().await.unwrap();
        assert_eq!(r.status().as_u16(), expected);
    }
    let admin = app.login("admin@demo.local").await;
    let r = app.http.post(app.url("/api/v1/banks/import")).bearer_auth(&admin).header("content-type", "application/xml").body(xml).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!((body["imported"].as_u64(), body["skipped"].as_u64()), (Some(7), Some(1)));
    let r = app.http.post(app.url("/api/v1/banks/import")).bearer_auth(&admin).body("<html/>").send().await.unwrap();
    assert_eq!(r.status().as_u16(), 400);
}

/// Issue 9: a manager finds a bank by its name or city as people write them, not only by BIK.
#[tokio::test]
async fn a_bank_is_found_by_name_or_city_in_any_case() {
    let app = TestApp::spawn().await;
    let t = app.login("manager@demo.local").await;
    let found = |q: &'static str| {
        let (app, t) = (&app, &t);
        async move {
            let (s, page) = app.get(Some(t), &format!("/api/v1/banks?q={}", crate::support::enc(q))).await;
            assert_eq!(s, 200, "q={q}: {page}");
            page["items"].as_array().unwrap().iter().map(|b| b["bik"].as_str().unwrap().to_owned()).collect::<Vec<_>>()
        }
    };
    assert_eq!(found("екатеринбург").await, ["046577674"]);
    assert_eq!(found("альфа").await, ["044525593"]);
    let sber = found("сбербанк").await;
    assert!(sber.contains(&"044525225".to_owned()) && sber.contains(&"045004641".to_owned()) && sber.len() == 4, "{sber:?}");
    assert_eq!(found("0445252").await, ["044525225"], "the start of a BIK");
    assert!(found("Марс").await.is_empty());
    let (s, body) = app.get(Some(&t), "/api/v1/banks?q=%D0%B0").await;
    assert_eq!((s, body["errors"][0]["field"].as_str(), body["errors"][0]["code"].as_str()), (422, Some("q"), Some("too_short")));
}
