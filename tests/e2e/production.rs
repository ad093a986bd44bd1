//! Productions' profiles (issue 12) over HTTP: the head company keeps them, everyone who sells,
//! places or pays reads them, a production reads only its own and edits none; bad input named by
//! field with nothing saved; a stale version refused.
use crate::support::*;
use serde_json::{Value, json};

const EKB: &str = "Производство Екатеринбург";
const NSK: &str = "Производство Новосибирск";
const KRD: &str = "Производство Краснодар";

fn profile_body(version: &Value) -> Value {
    json!({
        "version": version,
        "daily_capacity_m2": "450.5",
        "working_days": [1, 2, 3, 4, 5],
        "payment_terms": "prepayment",
        "acceptance_hours": 36,
        "contact_name": "  Иванова Мария  ",
        "contact_phone": "8 (343) 111-22-33",
        "contact_email": "Maria@Ural.Demo",
        "offers": [
            {"tile_type": "Плитка", "thickness_mm": "20", "price_per_m2": "1250"},
            {"tile_type": "  Брусчатка   резиновая ", "thickness_mm": 45.5, "price_per_m2": 1399.9},
        ],
    })
}

#[tokio::test]
async fn an_admin_and_a_logistician_keep_a_productions_profile_and_read_it_back() {
    let app = TestApp::spawn().await;
    let admin = app.as_role("admin").await;
    let ekb = app.organization_id(EKB).await;
    // The demo's productions come with their profiles, each with its own trade-offs.
    let list = app.ok(&admin, "/api/v1/productions").await;
    let names: Vec<&str> = list["items"].as_array().unwrap().iter().map(|p| s(p, "name")).collect();
    assert_eq!(names, [EKB, KRD, NSK], "every production, by name: {list}");
    let row = |name: &str| list["items"].as_array().unwrap().iter().find(|p| p["name"] == name).cloned().unwrap();
    let (e, n, k) = (row(EKB), row(NSK), row(KRD));
    assert_eq!((e["daily_capacity_m2"].as_str(), e["payment_terms"].as_str(), e["min_price_per_m2"].as_str()), (Some("400"), Some("fifty_fifty"), Some("990.00")), "{e}");
    assert_eq!((n["daily_capacity_m2"].as_str(), n["payment_terms"].as_str(), n["offers_count"].as_u64()), (Some("250"), Some("prepayment"), Some(2)), "{n}");
    assert_eq!((k["working_days"].clone(), k["payment_terms"].as_str()), (json!([1, 2, 3, 4, 5, 6, 7]), Some("after_shipment")), "{k}");
    assert_eq!((e["city"].as_str(), e["coordinates"]["lat"].as_f64()), (Some("Екатеринбург"), Some(56.8389)));
    assert!(e.get("load").is_none() && e.get("defect_rate").is_none(), "load and defects come from orders, not typed in: {e}");

    let before = app.ok(&admin, &format!("/api/v1/productions/{ekb}")).await;
    assert_eq!((before["region"].as_str(), before["profile"]["working_days"].clone()), (Some("Свердловская область"), json!([1, 2, 3, 4, 5, 6])), "{before}");
    assert_eq!(before["profile"]["offers"][0], json!({"tile_type": "Плитка", "thickness_mm": "20", "price_per_m2": "990.00"}));

    // A logistician (who distributes orders) changes it; the offers are replaced, not added to.
    let logistician = app.as_role("logistician").await;
    let (st, saved) = app.put(&logistician, &format!("/api/v1/productions/{ekb}/profile"), profile_body(&before["profile"]["version"])).await;
    assert_eq!(st, 200, "{saved}");
    let back = app.ok(&admin, &format!("/api/v1/productions/{ekb}")).await;
    assert_eq!(back, saved, "read back as saved");
    let p = &back["profile"];
    assert_eq!(p["version"].as_i64(), before["profile"]["version"].as_i64().map(|v| v + 1));
    assert_eq!((p["daily_capacity_m2"].as_str(), p["working_days"].clone(), p["payment_terms"].as_str()), (Some("450.5"), json!([1, 2, 3, 4, 5]), Some("prepayment")));
    assert_eq!((p["acceptance_hours"].as_u64(), p["payment_terms_name"].as_str()), (Some(36), Some("Предоплата 100 %")));
    assert_eq!((p["contact_name"].as_str(), p["contact_phone"].as_str(), p["contact_email"].as_str()), (Some("Иванова Мария"), Some("+73431112233"), Some("maria@ural.demo")));
    assert_eq!(
        p["offers"],
        json!([
            {"tile_type": "Плитка", "thickness_mm": "20", "price_per_m2": "1250.00"},
            {"tile_type": "Брусчатка резиновая", "thickness_mm": "45.5", "price_per_m2": "1399.90"},
        ])
    );
    let list = app.ok(&admin, "/api/v1/productions").await;
    let e = list["items"].as_array().unwrap().iter().find(|p| p["name"] == EKB).cloned().unwrap();
    assert_eq!((e["offers_count"].as_u64(), e["min_price_per_m2"].as_str()), (Some(2), Some("1250.00")), "{e}");

    // Management keeps them too; contacts may be cleared and every offer removed.
    let management = app.as_role("management").await;
    let mut body = profile_body(&p["version"]);
    body["contact_phone"] = Value::Null;
    body["contact_email"] = json!("");
    body["offers"] = json!([]);
    body.as_object_mut().unwrap().remove("acceptance_hours");
    let (st, saved) = app.put(&management, &format!("/api/v1/productions/{ekb}/profile"), body).await;
    assert_eq!(st, 200, "{saved}");
    let p = &saved["profile"];
    assert_eq!((p["contact_phone"].clone(), p["contact_email"].clone(), p["offers"].clone(), p["acceptance_hours"].as_u64()), (Value::Null, Value::Null, json!([]), Some(24)));
}

#[tokio::test]
async fn bad_input_is_refused_naming_each_field_and_nothing_is_saved() {
    let app = TestApp::spawn().await;
    let admin = app.as_role("admin").await;
    let ekb = app.organization_id(EKB).await;
    let before = app.ok(&admin, &format!("/api/v1/productions/{ekb}")).await;
    let path = format!("/api/v1/productions/{ekb}/profile");
    let body = json!({
        "version": before["profile"]["version"],
        "daily_capacity_m2": "-5",
        "working_days": [],
        "payment_terms": "half",
        "acceptance_hours": 0,
        "contact_phone": "12",
        "contact_email": "no-at-sign",
        "offers": [
            {"tile_type": "Плитка", "thickness_mm": "20", "price_per_m2": "-100"},
            {"tile_type": "", "thickness_mm": "3", "price_per_m2": "10.001"},
            {"tile_type": "Плитка", "thickness_mm": "30", "price_per_m2": "0"},
            {"tile_type": " плитка ", "thickness_mm": "20.0", "price_per_m2": "1000"},
        ],
    });
    let (st, b) = app.put(&admin, &path, body).await;
    assert_eq!(st, 422, "{b}");
    assert_eq!(
        pairs(&errors(&b)),
        [
            ("daily_capacity_m2", "out_of_range"),
            ("working_days", "required"),
            ("payment_terms", "invalid_value"),
            ("acceptance_hours", "out_of_range"),
            ("contact_phone", "invalid_format"),
            ("contact_email", "invalid_format"),
            ("offers[0].price_per_m2", "out_of_range"),
            ("offers[1].tile_type", "required"),
            ("offers[1].thickness_mm", "out_of_range"),
            ("offers[1].price_per_m2", "invalid_format"),
            ("offers[2].price_per_m2", "out_of_range"),
            ("offers[3].tile_type", "duplicate"),
        ]
    );
    // Wrong types and unknown fields are named too.
    for (patch, field) in [
        (json!({"daily_capacity_m2": "много"}), "daily_capacity_m2"),
        (json!({"working_days": ["пн"]}), "working_days[0]"),
        (json!({"offers": [{"tile_type": "Плитка", "thickness_mm": "20", "price_per_m2": "дёшево"}]}), "offers[0].price_per_m2"),
        (json!({"load": 50}), "load"),
    ] {
        let mut body = profile_body(&before["profile"]["version"]);
        for (k, v) in patch.as_object().unwrap() {
            body[k] = v.clone();
        }
        let (st, b) = app.put(&admin, &path, body).await;
        assert_eq!(st, 422, "{patch}: {b}");
        assert_eq!(errors(&b).first().map(|e| e.0.as_str()), Some(field), "{patch}: {b}");
    }
    assert_eq!(app.ok(&admin, &format!("/api/v1/productions/{ekb}")).await, before, "nothing saved");
}

#[tokio::test]
async fn a_stale_version_is_a_conflict_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let (admin, logistician) = (app.as_role("admin").await, app.as_role("logistician").await);
    let nsk = app.organization_id(NSK).await;
    let path = format!("/api/v1/productions/{nsk}/profile");
    let read = app.ok(&admin, &format!("/api/v1/productions/{nsk}")).await;
    let version = read["profile"]["version"].clone();
    let (st, first) = app.put(&logistician, &path, profile_body(&version)).await;
    assert_eq!(st, 200, "{first}");
    // The admin saves what it read before the logistician's change.
    let mut late = profile_body(&version);
    late["daily_capacity_m2"] = json!("999");
    let (st, b) = app.put(&admin, &path, late).await;
    assert_eq!((st, b["code"].as_str()), (409, Some("version_conflict")), "{b}");
    // Leaving the version out is claiming there is no profile yet: also stale.
    let mut blind = profile_body(&Value::Null);
    blind.as_object_mut().unwrap().remove("version");
    assert_eq!(app.put(&admin, &path, blind).await.0, 409);
    assert_eq!(app.ok(&admin, &format!("/api/v1/productions/{nsk}")).await, first, "the logistician's change stands");
}

#[tokio::test]
async fn a_production_reads_only_its_own_profile_and_edits_none() {
    let app = TestApp::spawn().await;
    let admin = app.as_role("admin").await;
    let (ekb, nsk) = (app.organization_id(EKB).await, app.organization_id(NSK).await);
    let head = app.organization_id("ООО «АртПрайм»").await;
    let (p1, p2) = (app.login("production1@demo.local").await, app.login("production2@demo.local").await);
    let own = app.ok(&admin, &format!("/api/v1/productions/{ekb}")).await;
    let body = profile_body(&own["profile"]["version"]);

    // Its own profile, read as the head company reads it; nobody else's.
    assert_eq!(app.ok(&p1, &format!("/api/v1/productions/{ekb}")).await, own);
    assert_eq!(app.get(Some(&p2), &format!("/api/v1/productions/{ekb}")).await.0, 404, "another production's is not there");
    assert_eq!(app.get(Some(&p1), &format!("/api/v1/productions/{nsk}")).await.0, 404);
    let list = app.ok(&p1, "/api/v1/productions").await;
    assert_eq!(ids(&list), [ekb.as_str()], "a production's list is itself: {list}");
    assert_eq!(ids(&app.ok(&p2, "/api/v1/productions").await), [nsk.as_str()]);
    // It does not edit its profile (the head company keeps it), nor another's (not there).
    assert_eq!(app.put(&p1, &format!("/api/v1/productions/{ekb}/profile"), body.clone()).await.0, 403);
    let (st, _) = app.put(&p2, &format!("/api/v1/productions/{ekb}/profile"), body.clone()).await;
    assert!(st == 403 || st == 404, "{st}");

    // Nor may anyone of a production, whatever role its organization gave them.
    let (st, b) = app
        .post(Some(&admin), "/api/v1/users", json!({"email": "logist@ural.demo", "full_name": "Логист Урала", "role": "logistician", "organization_id": ekb, "password": "secret-123"}))
        .await;
    assert_eq!(st, 201, "{b}");
    let (st, login) = app.post(None, "/api/v1/auth/login", json!({"email": "logist@ural.demo", "password": "secret-123"})).await;
    assert_eq!(st, 200, "{login}");
    let own_logistician = s(&login, "access_token").to_owned();
    assert_eq!(app.get(Some(&own_logistician), &format!("/api/v1/productions/{ekb}")).await.0, 200);
    assert_eq!(app.put(&own_logistician, &format!("/api/v1/productions/{ekb}/profile"), body.clone()).await.0, 403);

    // Whoever sells, places or pays reads; only admin, management and logistics edit.
    for role in ["manager", "accountant", "analyst", "management", "logistician"] {
        let t = app.as_role(role).await;
        assert_eq!(ids(&app.ok(&t, "/api/v1/productions").await).len(), 3, "{role}");
        assert_eq!(app.get(Some(&t), &format!("/api/v1/productions/{ekb}")).await.0, 200, "{role}");
    }
    for role in ["manager", "accountant", "analyst"] {
        let t = app.as_role(role).await;
        assert_eq!(app.put(&t, &format!("/api/v1/productions/{ekb}/profile"), body.clone()).await.0, 403, "{role}");
    }
    for role in ["designer", "warehouse", "quality", "supply"] {
        let t = app.as_role(role).await;
        assert_eq!(app.get(Some(&t), "/api/v1/productions").await.0, 403, "{role}");
        assert_eq!(app.get(Some(&t), &format!("/api/v1/productions/{ekb}")).await.0, 403, "{role}");
        assert_eq!(app.put(&t, &format!("/api/v1/productions/{ekb}/profile"), body.clone()).await.0, 403, "{role}");
    }
    // The head company is no production; an unknown id is nothing.
    for id in [head, uuid::Uuid::nil().to_string()] {
        assert_eq!(app.get(Some(&admin), &format!("/api/v1/productions/{id}")).await.0, 404);
        assert_eq!(app.put(&admin, &format!("/api/v1/productions/{id}/profile"), body.clone()).await.0, 404);
    }
    assert_eq!(app.get(None, "/api/v1/productions").await.0, 401);
    assert_eq!(app.ok(&admin, &format!("/api/v1/productions/{ekb}")).await, own, "nothing changed");
}
