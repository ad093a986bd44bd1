//! Documents over HTTP (issue 10): the individual offer and its revised version, the tile-supply
//! contract through a disagreement-protocol loop to signed, the 50/50 invoice — each rendered,
//! e-mailed to a real SMTP server in the test process, and moving the deal by itself; numbering
//! without gaps under parallel creation; bad input refused naming the field; a message that
//! survives a server killed between claiming and sending; the catalogue, rates and requisites;
//! and who may do what.
use crate::smtp::{SmtpSink, parse};
use crate::support::{TestApp, errors, pairs, s};
use serde_json::{Value, json};

/// A PDF's text, every run of whitespace (no-break spaces too) one space.
fn pdf_text(pdf: &[u8]) -> String {
    let text = pdf_extract::extract_text_from_mem(pdf).expect("pdf-extract reads the PDF");
    text.split(|c: char| c.is_whitespace() || c == '\u{a0}').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

#[track_caller]
fn assert_has(text: &str, needles: &[&str]) {
    for n in needles {
        let n = n.split(|c: char| c.is_whitespace() || c == '\u{a0}').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
        assert!(text.contains(&n), "the PDF lacks «{n}»:\n{text}");
    }
}

/// Pictures in a PDF (one with transparency counts twice: colour and mask).
fn images_in(pdf: &[u8]) -> usize {
    let doc = lopdf::Document::load_mem(pdf).expect("lopdf reads the PDF");
    doc.objects.values().filter(|o| matches!(o, lopdf::Object::Stream(st) if st.dict.get(b"Subtype").and_then(|v| v.as_name()).is_ok_and(|n| n == b"Image"))).count()
}

/// A head-company client's new deal of the manager, with the delivery cost answered and the
/// client's counterparty chosen.
async fn ready_deal(app: &TestApp, manager: &str, client: &str) -> String {
    let client = app.client_named(manager, client).await;
    let deal = app.new_deal(manager, s(&client, "id"), json!({"delivery_address": "Химки, ул. Парковая, 3"})).await;
    let id = s(&deal, "id").to_owned();
    app.answer_delivery(&id).await;
    app.edit_ok(manager, "deals", &id, json!({"counterparty_id": client["counterparties"][0]["id"]})).await;
    id
}

async fn stage(app: &TestApp, token: &str, id: &str) -> String {
    s(&app.card(token, "deals", id).await, "stage").to_owned()
}

/// The e-mail of a deal once the worker is done with it (sent or failed).
async fn delivered(app: &TestApp, token: &str, deal: &str, email_id: &str) -> Value {
    for _ in 0..200 {
        let docs = app.documents(token, deal).await;
        let e = docs["emails"].as_array().expect("emails").iter().find(|e| e["id"] == email_id).expect("the e-mail").clone();
        if e["status"] == "sent" || e["status"] == "failed" {
            return e;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the e-mail was not delivered");
}

#[tokio::test]
async fn an_offer_revised_once_and_emailed_moves_the_deal_to_offer_sent() {
    let sink = SmtpSink::start();
    let app = TestApp::spawn_with(&[("TESSERA_SMTP_URL", &sink.url())]).await;
    let manager = app.as_role("manager").await;
    let id = ready_deal(&app, &manager, "ООО «Детский мир Подмосковья»").await;
    assert_eq!(stage(&app, &manager, &id).await, "delivery_cost_received");

    // The new offer starts from the logistician's answer: the delivery line.
    let draft = app.ok(&manager, &format!("/api/v1/deals/{id}/offers/draft")).await;
    let lines = draft["lines"].as_array().expect("lines");
    assert_eq!(lines.len(), 1, "{draft}");
    assert_eq!((lines[0]["price"].as_str(), lines[0]["unit"].as_str(), lines[0]["vat"].as_str()), (Some("18500.00"), Some("service_unit"), Some("vat22")));
    assert!(s(&lines[0], "name").starts_with("Доставка: Химки"), "{draft}");

    let v1 = app.offer(&manager, &id, None).await;
    // 120 m² × 2 320.00 − 5 % = 264 480.00, plus delivery 18 500.00; VAT 22/122 per line.
    assert_eq!((v1["number"].as_str(), v1["version_no"].as_i64(), v1["status"].as_str()), (Some("КП-1"), Some(1), Some("draft")));
    assert_eq!((v1["total"].as_str(), v1["vat_total"].as_str()), (Some("282980.00"), Some("51029.18")));
    assert_eq!(v1["lines"][0]["vat_amount"], "47693.11");
    assert_eq!(v1["amount_in_words"], "Двести восемьдесят две тысячи девятьсот восемьдесят рублей 00 копеек");
    // Nobody drags the deal to «КП отправлено».
    let (st, body) = app.move_to(&manager, "deals", &id, "offer_sent").await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("stage", "fact_required")]), "{body}");

    // The client wants glue too: version 2, the same number; version 1 stays readable, replaced.
    let v2 = app.offer(&manager, &id, Some(s(&v1, "id"))).await;
    assert_eq!((v2["number"].as_str(), v2["version_no"].as_i64(), v2["source_id"].as_str()), (Some("КП-1"), Some(2), v1["id"].as_str()));
    let old = app.ok(&manager, &format!("/api/v1/documents/{}", s(&v1, "id"))).await;
    assert_eq!((old["status"].as_str(), old["status_name"].as_str(), old["lines"].as_array().map(Vec::len)), (Some("replaced"), Some("Заменено новой версией"), Some(2)));
    // A replaced version is not invoiced, nor revised again.
    let (st, body) = app.post(Some(&manager), &format!("/api/v1/deals/{id}/invoices"), json!({"offer_id": v1["id"], "schedule": {"kind": "prepayment"}})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("offer_id", "invalid_value")]), "{body}");
    let (st, body) = app.post(Some(&manager), &format!("/api/v1/deals/{id}/offers"), json!({"replaces": v1["id"], "lines": [{"name": "x", "unit": "pcs", "quantity": "1", "price": "1", "vat": "vat22"}]})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("replaces", "replaced")]), "{body}");

    // The PDF of a draft renders on demand: the parties, the lines, VAT, totals, the words.
    let pdf = app.download(&manager, &format!("/api/v1/documents/{}/pdf", s(&v2, "id"))).await;
    assert_eq!((pdf.status, pdf.content_type.as_str()), (200, "application/pdf"));
    let text = pdf_text(&pdf.bytes);
    assert_has(&text, &[
        "Коммерческое предложение № КП-1 (редакция 2)", "ООО «АртПрайм»", "ООО «Детский мир Подмосковья»",
        "Плитка резиновая 500×500×40 мм, красная", "Клей полиуретановый", "2 320,00", "264 480,00", "16 000,00", "280 480,00",
        "В том числе НДС 22 %", "50 578,36", "Двести восемьдесят тысяч четыреста восемьдесят рублей 00 копеек", "Страница 1 из 1",
    ]);
    // With the stamp and the signature by default; without them on request.
    let plain = app.download(&manager, &format!("/api/v1/documents/{}/pdf?stamp=false", s(&v2, "id"))).await;
    assert!(images_in(&pdf.bytes) > images_in(&plain.bytes), "the stamp and the signature are pictures on the stamped copy only");
    assert_has(&pdf_text(&plain.bytes), &["280 480,00"]);

    // The letter comes filled from the template.
    let letter = app.ok(&manager, &format!("/api/v1/deals/{id}/emails/draft?documents={}", s(&v2, "id"))).await;
    assert!(s(&letter, "subject").starts_with("Коммерческое предложение № КП-1 от "), "{letter}");
    assert!(s(&letter, "body").contains("ООО «Детский мир Подмосковья»"), "{letter}");
    let email = app.send_documents(&manager, &id, &[s(&v2, "id")]).await;
    assert_eq!(email["status"], "queued");
    // The fact moved the deal at once.
    assert_eq!(stage(&app, &manager, &id).await, "offer_sent");
    let sent = app.ok(&manager, &format!("/api/v1/documents/{}", s(&v2, "id"))).await;
    assert_eq!((sent["status"].as_str(), sent["frozen"].as_bool()), (Some("sent"), Some(true)));

    // The SMTP server received the letter with the PDF.
    let raw = sink.wait_for(1).await;
    let mail = parse(&raw[0]);
    assert_eq!((mail.to.as_str(), mail.subject.as_str()), (s(&letter, "to_address"), s(&letter, "subject")));
    assert_eq!(mail.message_id, format!("{}@tessera", s(&email, "id")));
    assert_eq!(mail.attachments.len(), 1);
    let (name, ct, bytes) = &mail.attachments[0];
    assert!(name.starts_with("Коммерческое предложение № КП-1 от ") && name.ends_with("(ред. 2).pdf"), "{name}");
    assert_eq!(ct, "application/pdf");
    assert_has(&pdf_text(bytes), &["КП-1", "ООО «Детский мир Подмосковья»", "280 480,00"]);
    // Sent is frozen: renaming the client's counterparty changes nothing on it.
    let deal = app.card(&manager, "deals", &id).await;
    let client = app.ok(&manager, &format!("/api/v1/clients/{}", s(&deal, "client_id"))).await;
    let cp = &client["counterparties"][0];
    let (st, body) = app.patch(&manager, &format!("/api/v1/counterparties/{}", s(cp, "id")), json!({"version": cp["version"], "name": "ООО «Новое имя»"})).await;
    assert_eq!(st, 200, "{body}");
    let again = app.download(&manager, &format!("/api/v1/documents/{}/pdf", s(&v2, "id"))).await;
    assert_has(&pdf_text(&again.bytes), &["ООО «Детский мир Подмосковья»"]);
    let e = delivered(&app, &manager, &id, s(&email, "id")).await;
    assert_eq!((e["status"].as_str(), e["attempts"].as_i64()), (Some("sent"), Some(1)));
    let timeline = app.timeline(&manager, "deals", &id).await;
    let kinds: Vec<&str> = timeline.iter().filter_map(|t| t["kind"].as_str()).collect();
    assert!(kinds.contains(&"email_sent") && kinds.contains(&"email_queued") && kinds.contains(&"document_created"), "{kinds:?}");
}

#[tokio::test]
async fn a_tile_supply_contract_goes_through_one_protocol_loop_to_signed_and_the_deal_follows() {
    let sink = SmtpSink::start();
    let app = TestApp::spawn_with(&[("TESSERA_SMTP_URL", &sink.url())]).await;
    let manager = app.as_role("manager").await;
    let management = app.as_role("management").await;
    let admin = app.as_role("admin").await;
    let id = ready_deal(&app, &manager, "ООО «СпортПлощадка»").await;
    app.deal_to(&manager, &id, "requisites_requested").await;
    let offer = app.current_offer(&manager, &id).await;

    // Contract and invoice both made → «Договор и счёт подготовлены».
    let contract = app.contract(&manager, &id).await;
    let cid = s(&contract, "id").to_owned();
    assert_eq!((contract["number"].as_str(), contract["status"].as_str(), contract["contract_kind"].as_str()), (Some(format!("1/{}", &crate::support::day(0)[2..4])).as_deref(), Some("draft"), Some("tile_supply")));
    assert_eq!(stage(&app, &manager, &id).await, "requisites_requested", "the contract alone is not enough");
    let invoice = app.invoice(&manager, &id, s(&offer, "id"), json!({"kind": "fifty_fifty"})).await;
    assert_eq!(invoice["total"], offer["total"]);
    let parts = invoice["schedule"].as_array().expect("schedule");
    assert_eq!(parts.len(), 2);
    let sum: rust_decimal::Decimal = parts.iter().map(|p| s(p, "amount").parse::<rust_decimal::Decimal>().expect("amount")).sum();
    assert_eq!(sum.to_string(), s(&invoice, "total"));
    assert_eq!(stage(&app, &manager, &id).await, "documents_prepared");

    // Both e-mailed together → «Договор и счёт отправлены».
    let email = app.send_documents(&manager, &id, &[&cid, s(&invoice, "id")]).await;
    assert_eq!(stage(&app, &manager, &id).await, "documents_sent");
    // The offer's letter came first (on the way to «Реквизиты запрошены»).
    let mail = parse(&sink.wait_for(2).await[1]);
    let names: Vec<&str> = mail.attachments.iter().map(|a| a.0.as_str()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names[0].starts_with("Договор № 1-") && names[1].starts_with("Счёт на оплату № 1 от "), "{names:?}");
    let total = s(&invoice, "total").replace('.', ",");
    let (rub, kop) = total.split_once(',').unwrap_or((&total, "00"));
    let grouped: String = rub.chars().rev().collect::<Vec<_>>().chunks(3).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join(" ").chars().rev().collect();
    let total_ru = format!("{grouped},{kop}");
    let contract_text = pdf_text(&mail.attachments[0].2);
    assert_has(&contract_text, &["ДОГОВОР ПОСТАВКИ", "Общество с ограниченной ответственностью «АртПрайм»", "ООО «СпортПлощадка»", "Поставщик", "Покупатель",
        "в лице Генерального директора Морозова Алексея Игоревича, действующего на основании Устава", "Спецификац", &total_ru]);
    let invoice_text = pdf_text(&mail.attachments[1].2);
    assert_has(&invoice_text, &["Счёт на оплату № 1 от", "БИК", "044525225", "ООО «СпортПлощадка»", "Всего к оплате", &total_ru,
        "В том числе НДС 22 %", s(&invoice, "amount_in_words"), "График платежей", "50 %"]);
    delivered(&app, &manager, &id, s(&email, "id")).await;

    // The client returns a disagreement protocol; management returns it for corrections once.
    let step = |token: &str, body: Value| {
        let token = token.to_owned();
        let cid = cid.clone();
        let app = &app;
        async move { app.contract_step(&token, &cid, body).await }
    };
    let (st, c) = step(&manager, json!({"action": "receive_protocol", "comment": "Просят отсрочку 10 дней"})).await;
    assert_eq!((st, c["status"].as_str()), (200, Some("protocol_received")), "{c}");
    assert_eq!(c["actions"], json!(["not_agreed"]), "the manager only may end it");
    let (st, body) = step(&manager, json!({"action": "approve_protocol"})).await;
    assert_eq!(st, 403, "{body}");
    let (st, body) = step(&management, json!({"action": "return_protocol"})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("comment_given", "guard")]), "{body}");
    let (st, c) = step(&management, json!({"action": "return_protocol", "comment": "Отсрочка не больше 5 дней"})).await;
    assert_eq!((st, c["status"].as_str(), c["status_note"].as_str()), (200, Some("protocol_correction"), Some("Отсрочка не больше 5 дней")));
    let (st, c) = step(&admin, json!({"action": "submit_correction"})).await;
    assert_eq!((st, c["status"].as_str()), (200, Some("protocol_received")));
    let (st, c) = step(&management, json!({"action": "approve_protocol"})).await;
    assert_eq!((st, c["status"].as_str()), (200, Some("protocol_approved")));
    let (st, c) = step(&admin, json!({"action": "send_protocol"})).await;
    assert_eq!((st, c["status"].as_str()), (200, Some("sent")));
    assert_eq!(stage(&app, &manager, &id).await, "documents_sent");

    // Signed: nothing without the scan, the approved counterparty and the checked requisites.
    let (st, body) = step(&manager, json!({"action": "attach_signed_scan"})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("scan_attached", "guard")]), "{body}");
    let (st, file) = app.upload(&manager, &format!("/api/v1/deals/{id}/files"), "Договор подписан.pdf", b"%PDF-1.4 scan", "application/pdf").await;
    assert_eq!(st, 201);
    let (st, c) = step(&manager, json!({"action": "attach_signed_scan", "scan_file_id": file["id"]})).await;
    assert_eq!((st, c["status"].as_str(), c["scan_file_id"].as_str()), (200, Some("signed_by_client"), file["id"].as_str()));
    let (st, body) = step(&admin, json!({"action": "confirm_signed"})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("counterparty_approved", "guard"), ("requisites_checked", "guard")]), "{body}");
    let deal = app.card(&manager, "deals", &id).await;
    let client = app.ok(&admin, &format!("/api/v1/clients/{}", s(&deal, "client_id"))).await;
    let (st, _) = app.post(Some(&admin), &format!("/api/v1/counterparties/{}/approval", s(&deal, "counterparty_id")), json!({"approved": true, "version": client["counterparties"][0]["version"]})).await;
    assert_eq!(st, 200);
    let (st, c) = step(&admin, json!({"action": "confirm_signed", "requisites_checked": true})).await;
    assert_eq!((st, c["status"].as_str()), (200, Some("signed")), "{c}");
    assert_eq!(stage(&app, &manager, &id).await, "documents_signed");
    let steps: Vec<String> = app.timeline(&manager, "deals", &id).await.iter().filter(|t| t["kind"] == "contract_step").map(|t| s(&t["data"], "to").to_owned()).collect();
    assert_eq!(steps, ["signed", "signed_by_client", "sent", "protocol_approved", "protocol_received", "protocol_correction", "protocol_received"]);

    // The next deal of this client needs no new contract: the invoice alone goes out and signs.
    let next = app.new_deal(&manager, s(&deal, "client_id"), json!({"delivery_address": "Химки"})).await;
    let nid = s(&next, "id").to_owned();
    app.answer_delivery(&nid).await;
    app.edit_ok(&manager, "deals", &nid, json!({"counterparty_id": deal["counterparty_id"]})).await;
    app.deal_to(&manager, &nid, "requisites_requested").await;
    let offer = app.current_offer(&manager, &nid).await;
    let inv = app.invoice(&manager, &nid, s(&offer, "id"), json!({"kind": "deferral", "days": 10})).await;
    assert_eq!(stage(&app, &manager, &nid).await, "documents_prepared");
    app.send_documents(&manager, &nid, &[s(&inv, "id")]).await;
    assert_eq!(stage(&app, &manager, &nid).await, "documents_signed");
}

#[tokio::test]
async fn bad_input_is_refused_naming_the_field_and_nothing_is_saved() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let id = ready_deal(&app, &manager, "ООО «Фитнес Групп»").await;
    let line = |q: &str, price: &str, disc: &str, vat: &str| json!({"name": "Плитка", "unit": "m2", "quantity": q, "price": price, "discount_pct": disc, "vat": vat});
    let (st, body) = app.post(Some(&manager), &format!("/api/v1/deals/{id}/offers"), json!({"lines": [line("0", "100", "0", "vat22"), line("-2", "100", "101", "vat18"), line("1.5", "99.999", "0", "vat20")]})).await;
    assert_eq!(st, 422, "{body}");
    assert_eq!(pairs(&errors(&body)), [
        ("lines[0].quantity", "out_of_range"),
        ("lines[1].quantity", "out_of_range"), ("lines[1].discount_pct", "out_of_range"), ("lines[1].vat", "invalid_value"),
        ("lines[2].price", "invalid_format"), ("lines[2].vat", "invalid_value"),
    ]);
    let (st, body) = app.post(Some(&manager), &format!("/api/v1/deals/{id}/offers"), json!({"lines": []})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("lines", "required")]));
    let (st, body) = app.post(Some(&manager), &format!("/api/v1/deals/{id}/offers"), json!({"lines": [{"name": "x", "unit": "m2", "quantity": "abc", "price": "1", "vat": "vat22"}]})).await;
    assert_eq!((st, errors(&body).first().map(|e| e.0.clone())), (422, Some("lines[0].quantity".to_owned())), "{body}");
    assert_eq!(app.documents(&manager, &id).await["items"], json!([]), "nothing was saved");

    let offer = app.offer(&manager, &id, None).await;
    let (st, body) = app.post(Some(&manager), &format!("/api/v1/deals/{id}/invoices"), json!({"offer_id": offer["id"], "schedule": {"kind": "custom", "parts": [{"percent": "40", "due_date": crate::support::day(3)}, {"percent": "50", "due_date": crate::support::day(10)}]}})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("schedule.parts", "invalid_value")]), "{body}");

    // A counterparty without its legal address and bank account gets no contract.
    let client = app.client_named(&manager, "ООО «Фитнес Групп»").await;
    let (st, cp) = app.post(Some(&manager), &format!("/api/v1/clients/{}/counterparties", s(&client, "id")), json!({"kind": "legal_entity", "name": "ООО «Фитнес Групп Юг»", "inn": "7707083893", "kpp": "770701001"})).await;
    assert_eq!(st, 201, "{cp}");
    app.edit_ok(&manager, "deals", &id, json!({"counterparty_id": cp["id"]})).await;
    let (st, body) = app.post(Some(&manager), &format!("/api/v1/deals/{id}/contracts"), json!({"kind": "tile_supply", "signatory": {"name": "Петров Пётр Петрович", "acting": "в лице директора Петрова П. П., действующего на основании Устава"}})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("counterparty.legal_address", "required"), ("counterparty.bank_account", "required")]), "{body}");
    let (st, body) = app.post(Some(&manager), &format!("/api/v1/deals/{id}/contracts"), json!({"kind": "rent", "signatory": {"name": "", "acting": "Петров"}})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("kind", "invalid_value")]), "{body}");
    let docs = app.documents(&manager, &id).await;
    assert_eq!(docs["items"].as_array().map(Vec::len), Some(1), "only the offer");
}

#[tokio::test]
async fn document_numbers_have_no_gaps_and_no_duplicates_under_parallel_creation() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let id = ready_deal(&app, &manager, "АО «Парки Москвы»").await;
    let body = json!({"lines": [{"name": "Плитка", "unit": "m2", "quantity": "10", "price": "2000", "vat": "vat22"}]});
    let path = format!("/api/v1/deals/{id}/offers");
    let tasks = (0..16).map(|_| app.post(Some(&manager), &path, body.clone()));
    let results = futures_util::future::join_all(tasks).await;
    let mut numbers: Vec<i64> = results
        .iter()
        .map(|(st, b)| {
            assert_eq!(*st, 201, "{b}");
            s(b, "number").trim_start_matches("КП-").parse().expect("a number")
        })
        .collect();
    numbers.sort();
    assert_eq!(numbers, (1..=16).collect::<Vec<_>>());
    // Invoices count on their own, in parallel too.
    let offers: Vec<String> = results.iter().map(|(_, b)| s(b, "id").to_owned()).collect();
    let path = format!("/api/v1/deals/{id}/invoices");
    let tasks = offers.iter().take(8).map(|o| app.post(Some(&manager), &path, json!({"offer_id": o, "schedule": {"kind": "prepayment"}})));
    let mut numbers: Vec<i64> = futures_util::future::join_all(tasks).await.iter().map(|(st, b)| {
        assert_eq!(*st, 201, "{b}");
        s(b, "number").parse().expect("a number")
    }).collect();
    numbers.sort();
    assert_eq!(numbers, (1..=8).collect::<Vec<_>>());
    // A refused creation takes no number.
    let (st, _) = app.post(Some(&manager), &format!("/api/v1/deals/{id}/invoices"), json!({"offer_id": offers[9], "schedule": {"kind": "custom", "parts": [{"percent": "10", "due_date": crate::support::day(1)}]}})).await;
    assert_eq!(st, 422);
    let (st, b) = app.post(Some(&manager), &format!("/api/v1/deals/{id}/invoices"), json!({"offer_id": offers[9], "schedule": {"kind": "prepayment"}})).await;
    assert_eq!((st, b["number"].as_str()), (201, Some("9")));
}

#[tokio::test]
async fn a_message_survives_a_server_killed_between_claiming_and_sending() {
    let sink = SmtpSink::start();
    let hold = std::env::temp_dir().join(format!("hold-{}", uuid::Uuid::new_v4()));
    std::fs::write(&hold, b"hold").expect("hold file");
    let mut app = TestApp::spawn_with(&[("TESSERA_SMTP_URL", &sink.url()), ("TESSERA_TEST_MAIL_HOLD_FILE", &hold.display().to_string())]).await;
    let manager = app.as_role("manager").await;
    let id = ready_deal(&app, &manager, "ООО «ДачаСтрой»").await;
    let offer = app.offer(&manager, &id, None).await;
    let email = app.send_documents(&manager, &id, &[s(&offer, "id")]).await;
    // The worker claims it (the attempt is counted) and holds before sending.
    let mut claimed = false;
    for _ in 0..200 {
        let e = &app.documents(&manager, &id).await["emails"][0];
        if e["attempts"] == 1 {
            claimed = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(claimed, "the worker claimed the message");
    app.restart();
    std::fs::remove_file(&hold).expect("release");
    assert!(sink.raw().is_empty(), "nothing was sent before the kill");
    // The dead worker's lease runs out; the restarted one sends it, once.
    app.set_clock(chrono::Utc::now() + chrono::Duration::minutes(5));
    let manager = app.as_role("manager").await;
    let e = delivered(&app, &manager, &id, s(&email, "id")).await;
    assert_eq!((e["status"].as_str(), e["attempts"].as_i64()), (Some("sent"), Some(2)));
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let raw = sink.raw();
    assert_eq!(raw.len(), 1);
    assert_eq!(parse(&raw[0]).message_id, format!("{}@tessera", s(&email, "id")));
}

#[tokio::test]
async fn a_refused_message_is_retried_with_the_same_message_id_and_each_attempt_is_on_the_timeline() {
    let sink = SmtpSink::start();
    sink.refuse_next(1);
    let app = TestApp::spawn_with(&[("TESSERA_SMTP_URL", &sink.url())]).await;
    app.set_clock(chrono::Utc::now());
    let manager = app.as_role("manager").await;
    let id = ready_deal(&app, &manager, "ООО «Конный клуб Виктория»").await;
    let offer = app.offer(&manager, &id, None).await;
    let email = app.send_documents(&manager, &id, &[s(&offer, "id")]).await;
    let mut retrying = Value::Null;
    for _ in 0..200 {
        let e = app.documents(&manager, &id).await["emails"][0].clone();
        if e["status"] == "retrying" {
            retrying = e;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!((retrying["attempts"].as_i64(), retrying["next_attempt_at"].is_string()), (Some(1), true), "{}", app.documents(&manager, &id).await);
    assert!(s(&retrying, "last_error").contains("отказал"), "{retrying}");
    app.advance_clock(chrono::Duration::minutes(2));
    let e = delivered(&app, &manager, &id, s(&email, "id")).await;
    assert_eq!((e["status"].as_str(), e["attempts"].as_i64(), e["last_error"].is_null()), (Some("sent"), Some(2), true));
    let kinds: Vec<String> = app.timeline(&manager, "deals", &id).await.iter().filter_map(|t| t["kind"].as_str().filter(|k| k.starts_with("email")).map(str::to_owned)).collect();
    assert_eq!(kinds, ["email_sent", "email_attempt_failed", "email_queued"]);
    let raw = sink.raw();
    assert_eq!(raw.len(), 1);
    assert_eq!(parse(&raw[0]).message_id, format!("{}@tessera", s(&email, "id")));
}

#[tokio::test]
async fn without_smtp_messages_are_written_as_eml_files() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let id = ready_deal(&app, &manager, "ООО «Детский мир Подмосковья»").await;
    let offer = app.offer(&manager, &id, None).await;
    let email = app.send_documents(&manager, &id, &[s(&offer, "id")]).await;
    let e = delivered(&app, &manager, &id, s(&email, "id")).await;
    assert_eq!(e["status"], "sent");
    let file = app.dir().join("mail").join(format!("{}_tessera.eml", s(&email, "id")));
    let raw = std::fs::read(&file).expect("the .eml file");
    let mail = parse(&raw);
    assert_eq!(mail.attachments.len(), 1);
    assert!(mail.text.contains("Здравствуйте"), "{}", mail.text);
}

#[tokio::test]
async fn the_catalogue_prices_and_rates_are_kept_by_supply_and_the_accountant() {
    let app = TestApp::spawn().await;
    let supply = app.as_role("supply").await;
    let manager = app.as_role("manager").await;
    let accountant = app.as_role("accountant").await;
    let tile = json!({"kind": "tile", "name": "Плитка 500×500×45 мм, синяя", "article": "RT-45-BL", "unit": "m2", "vat_kind": "standard",
        "tile": {"tile_type": "Плитка", "colour": "Синий", "thickness_mm": "45", "size": "500x500"}});
    let (st, body) = app.post(Some(&manager), "/api/v1/catalogue/items", tile.clone()).await;
    assert_eq!(st, 403, "{body}");
    let (st, item) = app.post(Some(&supply), "/api/v1/catalogue/items", tile.clone()).await;
    assert_eq!((st, item["tile"]["size"].as_str(), item["okei"].as_str()), (201, Some("500×500"), Some("055")), "{item}");
    let (st, body) = app.post(Some(&supply), "/api/v1/catalogue/items", tile).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("article", "taken")]));
    let (st, body) = app.post(Some(&supply), "/api/v1/catalogue/items", json!({"kind": "service", "name": "Монтаж", "unit": "m2", "vat_kind": "standard", "tile": {"tile_type": "x", "colour": "y", "thickness_mm": "1", "size": "1x1"}})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("tile", "invalid_value")]));
    let found = app.ok(&manager, &format!("/api/v1/catalogue/items?q={}", crate::support::enc("синяя"))).await;
    assert_eq!(found["items"].as_array().map(|a| a.iter().map(|i| s(i, "id").to_owned()).collect::<Vec<_>>()), Some(vec![s(&item, "id").to_owned()]));

    // A euro price list: the price in roubles needs the day's rate.
    let (st, list) = app.post(Some(&supply), "/api/v1/price-lists", json!({"name": "Оборудование", "currency": "EUR", "valid_from": "2026-01-01"})).await;
    assert_eq!(st, 201, "{list}");
    let (st, _) = app.put(&supply, &format!("/api/v1/price-lists/{}/prices", s(&list, "id")), json!({"prices": [{"item_id": item["id"], "price": "100.50"}]})).await;
    assert_eq!(st, 204);
    let q = format!("/api/v1/price-lists/{}/price?item_id={}&date=2026-11-27", s(&list, "id"), s(&item, "id"));
    let (st, body) = app.get(Some(&manager), &q).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("currency", "no_rate")]), "{body}");
    let (st, body) = app.put(&manager, "/api/v1/exchange-rates", json!({"currency": "EUR", "date": "2026-11-27", "rate": "92.5130"})).await;
    assert_eq!(st, 403, "{body}");
    let (st, body) = app.put(&accountant, "/api/v1/exchange-rates", json!({"currency": "EUR", "date": "2026-11-27", "rate": "92.5130"})).await;
    assert_eq!(st, 200, "{body}");
    let price = app.ok(&manager, &q).await;
    assert_eq!(price["price_rub"], "9297.56"); // 100.50 × 92.5130 = 9297.5565 → 9297.56
    // The Central Bank's daily file, as saved from its site (windows-1251).
    let xml = "<?xml version=\"1.0\" encoding=\"windows-1251\"?><ValCurs Date=\"28.11.2026\" name=\"Foreign Currency Market\">\
        <Valute ID=\"R01235\"><NumCode>840</NumCode><CharCode>USD</CharCode><Nominal>1</Nominal><Name>Доллар США</Name><Value>79,1245</Value><VunitRate>79,1245</VunitRate></Valute>\
        <Valute ID=\"R01239\"><NumCode>978</NumCode><CharCode>EUR</CharCode><Nominal>1</Nominal><Name>Евро</Name><Value>92,7001</Value><VunitRate>92,7001</VunitRate></Valute>\
        <Valute ID=\"R01375\"><NumCode>156</NumCode><CharCode>CNY</CharCode><Nominal>10</Nominal><Name>Юань</Name><Value>109,8000</Value><VunitRate>10,98</VunitRate></Valute></ValCurs>";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(xml);
    let (st, body) = app.upload(&accountant, "/api/v1/exchange-rates/cbr", "XML_daily.xml", &bytes, "application/xml").await;
    assert_eq!(st, 200, "{body}");
    let loaded: Vec<(String, String)> = body["items"].as_array().expect("items").iter().map(|r| (s(r, "currency").to_owned(), s(r, "rate").to_owned())).collect();
    assert_eq!(loaded, [("USD".to_owned(), "79.1245".to_owned()), ("EUR".to_owned(), "92.7001".to_owned())]);
    let rates = app.ok(&manager, "/api/v1/exchange-rates?currency=eur&from=2026-11-27&to=2026-11-28").await;
    assert_eq!(rates["items"].as_array().map(Vec::len), Some(2));
}

#[tokio::test]
async fn organization_requisites_are_checked_and_images_kept_by_an_admin() {
    let app = TestApp::spawn().await;
    let admin = app.as_role("admin").await;
    let p1 = app.login("production1@demo.local").await;
    let head = app.organization_id("ООО «АртПрайм»").await;
    let own = app.organization_id("Производство Екатеринбург").await;
    let current = app.ok(&admin, &format!("/api/v1/organizations/{head}/requisites")).await;
    assert_eq!(current["missing"], json!([]), "the demo head company is ready for documents");
    let mut body = json!({"version": current["version"], "full_name": "ООО «АртПрайм»", "short_name": "АртПрайм", "inn": "7707083893", "kpp": "773601001",
        "bank_account": "40702810938000000002", "bik": "044525225", "director_acting": "Иванов"});
    let (st, res) = app.put(&admin, &format!("/api/v1/organizations/{head}/requisites"), body.clone()).await;
    assert_eq!((st, pairs(&errors(&res))), (422, vec![("bank_account", "account_key_mismatch"), ("director_acting", "invalid_format")]), "{res}");
    body["bank_account"] = json!("40702810938000000001");
    body["director_acting"] = json!("в лице Генерального директора Иванова Ивана Ивановича, действующего на основании Устава");
    let (st, res) = app.put(&admin, &format!("/api/v1/organizations/{head}/requisites"), body.clone()).await;
    assert_eq!((st, res["missing"].clone()), (200, json!(["legal_address", "director_name"])), "{res}");
    let (st, _) = app.put(&admin, &format!("/api/v1/organizations/{head}/requisites"), body).await;
    assert_eq!(st, 409, "the version read is stale");
    // The stamp: a picture, not anything.
    let (st, res) = app.send(Some(&admin), reqwest::Method::PUT, &format!("/api/v1/organizations/{head}/images/stamp"), None).await;
    assert_eq!(st, 422, "{res}");
    // A production reads its own requisites and no one else's; a manager edits none.
    let (st, _) = app.get(Some(&p1), &format!("/api/v1/organizations/{head}/requisites")).await;
    assert_eq!(st, 404);
    let (st, _) = app.get(Some(&p1), &format!("/api/v1/organizations/{own}/requisites")).await;
    assert_eq!(st, 200);
    let manager = app.as_role("manager").await;
    let (st, _) = app.put(&manager, &format!("/api/v1/organizations/{head}/requisites"), json!({"full_name": "x", "short_name": "x"})).await;
    assert_eq!(st, 403);
    let image = app.download(&p1, &format!("/api/v1/organizations/{own}/images/stamp")).await;
    assert_eq!((image.status, image.bytes.starts_with(b"\x89PNG")), (200, true));
}

#[tokio::test]
async fn documents_are_the_deals_organizations_and_the_rights_roles_have_hold() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let id = ready_deal(&app, &manager, "ООО «Детский мир Подмосковья»").await;
    let offer = app.offer(&manager, &id, None).await;
    let oid = s(&offer, "id");
    let p1 = app.login("production1@demo.local").await;
    let logistician = app.as_role("logistician").await;
    let accountant = app.as_role("accountant").await;
    // Another organization's people do not find them.
    for path in [format!("/api/v1/deals/{id}/documents"), format!("/api/v1/documents/{oid}"), format!("/api/v1/documents/{oid}/pdf"), format!("/api/v1/deals/{id}/offers/draft")] {
        let (st, _) = app.get(Some(&p1), &path).await;
        assert_eq!(st, 404, "{path}");
    }
    let (st, _) = app.post(Some(&p1), &format!("/api/v1/deals/{id}/offers"), json!({"lines": [{"name": "x", "unit": "pcs", "quantity": "1", "price": "1", "vat": "vat22"}]})).await;
    assert_eq!(st, 404);
    // A logistician has no documents; the accountant reads and issues them.
    let (st, _) = app.get(Some(&logistician), &format!("/api/v1/deals/{id}/documents")).await;
    assert_eq!(st, 403);
    let (st, _) = app.get(Some(&accountant), &format!("/api/v1/documents/{oid}")).await;
    assert_eq!(st, 200);
    let (st, body) = app.post(Some(&logistician), &format!("/api/v1/deals/{id}/emails"), json!({"document_ids": [oid], "to_address": "a@b.ru", "subject": "s", "body": "b"})).await;
    assert_eq!(st, 403, "{body}");
    // Productions have no catalogue; the mail templates are an admin's.
    let (st, _) = app.get(Some(&p1), "/api/v1/catalogue/items").await;
    assert_eq!(st, 403);
    let (st, _) = app.put(&manager, "/api/v1/mail-templates/offer", json!({"subject": "s", "body": "b"})).await;
    assert_eq!(st, 403);
}

#[tokio::test]
async fn an_edited_mail_template_fills_the_letter_and_an_unknown_placeholder_is_refused() {
    let app = TestApp::spawn().await;
    let admin = app.as_role("admin").await;
    let manager = app.as_role("manager").await;
    let (st, body) = app.put(&admin, "/api/v1/mail-templates/offer", json!({"subject": "КП {{number}}", "body": "Добрый день, {{contact_name}}! {{clent}}"})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("body", "invalid_value")]), "{body}");
    let (st, body) = app.put(&admin, "/api/v1/mail-templates/offer", json!({"subject": "КП {{number}} для {{client}}", "body": "Сумма: {{amount}}. {{manager}}"})).await;
    assert_eq!(st, 200, "{body}");
    let list = app.ok(&admin, "/api/v1/mail-templates").await;
    assert_eq!(list["items"].as_array().map(Vec::len), Some(5));
    let id = ready_deal(&app, &manager, "ООО «Детский мир Подмосковья»").await;
    let offer = app.offer(&manager, &id, None).await;
    let letter = app.ok(&manager, &format!("/api/v1/deals/{id}/emails/draft?documents={}", s(&offer, "id"))).await;
    assert_eq!(letter["subject"], "КП КП-1 для ООО «Детский мир Подмосковья»");
    assert_eq!(letter["body"], "Сумма: 282\u{a0}980,00\u{a0}₽. Менеджер");
}

#[tokio::test]
async fn a_work_order_and_a_delivery_notice_list_the_invoice_lines() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let id = ready_deal(&app, &manager, "ООО «СпортПлощадка»").await;
    let offer = app.offer(&manager, &id, None).await;
    let invoice = app.invoice(&manager, &id, s(&offer, "id"), json!({"kind": "prepayment", "days": 3})).await;
    assert_eq!(invoice["schedule"].as_array().map(Vec::len), Some(1));
    let (st, wo) = app.post(Some(&manager), &format!("/api/v1/deals/{id}/follow-ups"), json!({"kind": "work_order", "invoice_id": invoice["id"], "notes": ["Укладка: бригада Иванова", "Основание — асфальт"]})).await;
    assert_eq!((st, wo["number"].as_str(), wo["lines"].as_array().map(Vec::len)), (201, Some("ЗН-1"), Some(2)), "{wo}");
    let (st, dn) = app.post(Some(&manager), &format!("/api/v1/deals/{id}/follow-ups"), json!({"kind": "delivery_notice", "invoice_id": invoice["id"], "notes": ["Отгрузка 05.12.2026"]})).await;
    assert_eq!((st, dn["number"].as_str(), dn["notes"][0].as_str()), (201, Some("УВ-1"), Some("Отгрузка 05.12.2026")));
    let (st, body) = app.post(Some(&manager), &format!("/api/v1/deals/{id}/follow-ups"), json!({"kind": "invoice", "invoice_id": invoice["id"]})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("kind", "invalid_value")]));
    let pdf = app.download(&manager, &format!("/api/v1/documents/{}/pdf?stamp=false", s(&wo, "id"))).await;
    assert_eq!(pdf.status, 200);
}

#[tokio::test]
async fn a_typical_offer_from_the_price_list_answers_a_lead_and_moves_it() {
    let sink = SmtpSink::start();
    let app = TestApp::spawn_with(&[("TESSERA_SMTP_URL", &sink.url())]).await;
    let manager = app.as_role("manager").await;
    let lead = app.new_lead(&manager, json!({"channel": "site", "phone": "+79161234567", "contact_name": "Сергеев Павел Андреевич", "company_name": "ООО «Двор»"})).await;
    let id = s(&lead, "id").to_owned();
    app.walk(&manager, "leads", &id, &["in_work"]).await;
    let (st, body) = app.post(Some(&manager), &format!("/api/v1/leads/{id}/typical-offer"), json!({"to_address": "not an address"})).await;
    assert_eq!((st, pairs(&errors(&body))), (422, vec![("to_address", "invalid_format")]), "{body}");
    let (st, sent) = app.post(Some(&manager), &format!("/api/v1/leads/{id}/typical-offer"), json!({"to_address": "pavel@dvor.ru", "to_name": "Сергеев Павел Андреевич"})).await;
    assert_eq!(st, 202, "{sent}");
    // The demo price list: its tiles, glue and services, per unit, at their VAT.
    let lines = sent["document"]["lines"].as_array().expect("lines");
    assert!(lines.len() >= 5 && lines.iter().all(|l| l["quantity"] == "1"), "{sent}");
    assert_eq!((sent["document"]["status"].as_str(), sent["document"]["frozen"].as_bool()), (Some("sent"), Some(true)));
    assert_eq!(app.card(&manager, "leads", &id).await["stage"], "typical_offer_sent");
    let mail = parse(&sink.wait_for(1).await[0]);
    assert!(mail.text.starts_with("Здравствуйте, Павел Андреевич!"), "{}", mail.text);
    assert!(mail.attachments[0].0.starts_with("Коммерческое предложение № КП-1"), "{}", mail.attachments[0].0);
    let docs = app.ok(&manager, &format!("/api/v1/leads/{id}/documents")).await;
    assert_eq!((docs["items"].as_array().map(Vec::len), docs["emails"].as_array().map(Vec::len)), (Some(1), Some(1)));
    let p1 = app.login("production1@demo.local").await;
    let (st, _) = app.post(Some(&p1), &format!("/api/v1/leads/{id}/typical-offer"), json!({"to_address": "a@b.ru"})).await;
    assert_eq!(st, 404);
    let designer = app.as_role("designer").await;
    let (st, _) = app.post(Some(&designer), &format!("/api/v1/leads/{id}/typical-offer"), json!({"to_address": "a@b.ru"})).await;
    assert_eq!(st, 403);
}

/// Every documents endpoint, called as a production's user on the head company's rows (404) and
/// as a role without the right (403); nothing changes.
#[tokio::test]
async fn every_documents_endpoint_is_404_for_another_organization_and_403_without_the_right() {
    use reqwest::Method;
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let supply = app.as_role("supply").await;
    let id = ready_deal(&app, &manager, "ООО «Детский мир Подмосковья»").await;
    app.deal_to(&manager, &id, "requisites_requested").await;
    let offer = app.current_offer(&manager, &id).await;
    let contract = app.contract(&manager, &id).await;
    let invoice = app.invoice(&manager, &id, s(&offer, "id"), json!({"kind": "prepayment"})).await;
    let lead = app.new_lead(&manager, json!({"contact_name": "Иван"})).await;
    let head = app.organization_id("ООО «АртПрайм»").await;
    let (o, c, i, l) = (s(&offer, "id"), s(&contract, "id"), s(&invoice, "id"), s(&lead, "id"));
    let before = app.documents(&manager, &id).await;
    let line = json!([{"name": "x", "unit": "pcs", "quantity": "1", "price": "1", "vat": "vat22"}]);
    let sign = json!({"name": "Петров Пётр Петрович", "acting": "в лице директора Петрова П. П., действующего на основании Устава"});
    // (method, path, body) of every scoped operation on the head company's rows.
    let scoped: Vec<(Method, String, Option<Value>)> = vec![
        (Method::GET, format!("/api/v1/deals/{id}/documents"), None),
        (Method::GET, format!("/api/v1/deals/{id}/offers/draft"), None),
        (Method::POST, format!("/api/v1/deals/{id}/offers"), Some(json!({"lines": line}))),
        (Method::POST, format!("/api/v1/deals/{id}/contracts"), Some(json!({"kind": "tile_supply", "signatory": sign}))),
        (Method::POST, format!("/api/v1/deals/{id}/invoices"), Some(json!({"offer_id": o, "schedule": {"kind": "prepayment"}}))),
        (Method::POST, format!("/api/v1/deals/{id}/follow-ups"), Some(json!({"kind": "work_order", "invoice_id": i}))),
        (Method::GET, format!("/api/v1/documents/{o}"), None),
        (Method::GET, format!("/api/v1/documents/{o}/pdf"), None),
        (Method::POST, format!("/api/v1/documents/{c}/contract-steps"), Some(json!({"action": "receive_protocol", "version": 1}))),
        (Method::GET, format!("/api/v1/deals/{id}/emails/draft?documents={o}"), None),
        (Method::POST, format!("/api/v1/deals/{id}/emails"), Some(json!({"document_ids": [o], "to_address": "a@b.ru", "subject": "s", "body": "b"}))),
        (Method::POST, format!("/api/v1/leads/{l}/typical-offer"), Some(json!({"to_address": "a@b.ru"}))),
        (Method::GET, format!("/api/v1/leads/{l}/documents"), None),
        (Method::GET, format!("/api/v1/organizations/{head}/requisites"), None),
        (Method::GET, format!("/api/v1/organizations/{head}/images/stamp"), None),
    ];
    let p1 = app.login("production1@demo.local").await;
    for (m, path, body) in &scoped {
        let (st, res) = app.send(Some(&p1), m.clone(), path, body.clone()).await;
        assert_eq!(st, 404, "{m} {path}: {res}");
    }
    // Roles without the right: the warehouse has no documents; a manager keeps no catalogue,
    // rates, requisites or templates; productions read no catalogue.
    let warehouse = app.as_role("warehouse").await;
    for (m, path, body) in scoped.iter().filter(|(_, p, _)| !p.contains("/organizations/") && !p.contains("/leads/")) {
        let (st, res) = app.send(Some(&warehouse), m.clone(), path, body.clone()).await;
        assert_eq!(st, 403, "warehouse {m} {path}: {res}");
    }
    let item = app.ok(&supply, "/api/v1/catalogue/items?limit=1").await["items"][0].clone();
    let list = app.ok(&supply, "/api/v1/price-lists").await["items"][0].clone();
    let (it, pl) = (s(&item, "id"), s(&list, "id"));
    let admin_only: Vec<(Method, String, Option<Value>)> = vec![
        (Method::POST, "/api/v1/catalogue/items".into(), Some(json!({"kind": "service", "name": "x", "unit": "pcs", "vat_kind": "standard"}))),
        (Method::PUT, format!("/api/v1/catalogue/items/{it}"), Some(json!({"version": item["version"], "kind": "service", "name": "x", "unit": "pcs", "vat_kind": "standard"}))),
        (Method::POST, "/api/v1/price-lists".into(), Some(json!({"name": "x", "currency": "RUB", "valid_from": "2026-01-01"}))),
        (Method::PUT, format!("/api/v1/price-lists/{pl}"), Some(json!({"version": list["version"], "name": "x", "currency": "RUB", "valid_from": "2026-01-01"}))),
        (Method::PUT, format!("/api/v1/price-lists/{pl}/prices"), Some(json!({"prices": [{"item_id": it, "price": "1"}]}))),
        (Method::PUT, "/api/v1/exchange-rates".into(), Some(json!({"currency": "EUR", "date": "2026-11-02", "rate": "90"}))),
        (Method::POST, "/api/v1/exchange-rates/cbr".into(), Some(json!("<ValCurs/>"))),
        (Method::PUT, format!("/api/v1/organizations/{head}/requisites"), Some(json!({"full_name": "x", "short_name": "x"}))),
        (Method::PUT, format!("/api/v1/organizations/{head}/images/logo"), None),
        (Method::DELETE, format!("/api/v1/organizations/{head}/images/logo"), None),
        (Method::PUT, "/api/v1/mail-templates/offer".into(), Some(json!({"subject": "s", "body": "b"}))),
    ];
    for (m, path, body) in &admin_only {
        let (st, res) = app.send(Some(&manager), m.clone(), path, body.clone()).await;
        assert_eq!(st, 403, "manager {m} {path}: {res}");
    }
    for path in ["/api/v1/catalogue/items".to_owned(), format!("/api/v1/catalogue/items/{it}"), "/api/v1/price-lists".to_owned(), format!("/api/v1/price-lists/{pl}"),
        format!("/api/v1/price-lists/{pl}/price?item_id={it}"), "/api/v1/exchange-rates".to_owned()] {
        let (st, res) = app.get(Some(&p1), &path).await;
        assert_eq!(st, 403, "production {path}: {res}");
    }
    let designer = app.as_role("designer").await;
    let (st, _) = app.get(Some(&designer), "/api/v1/mail-templates").await;
    assert_eq!(st, 403);
    assert_eq!(app.documents(&manager, &id).await, before, "nothing changed");
}
