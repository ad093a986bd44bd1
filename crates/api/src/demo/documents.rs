//! Demo documents: every organization's requisites (with the head company's logo, stamp and
//! signature), the clients' legal addresses and bank accounts, the catalogue with a rouble and a
//! euro price list and the day's euro rate; and, for the demo deals, the offers, contracts and
//! invoices made and sent through the real use cases (the e-mails land in the mail folder).
use crate::AppState;
use crate::app::clients::{bank_accounts, counterparties};
use crate::app::documents::{catalogue, contracts, documents, print, requisites, sending};
use crate::auth::Credentials;
use domain::clients::commands::NewBankAccount;
use domain::documents::{ContractAction, ContractKind, ItemDraft, PriceList, RawLine, ScheduleTerms, TileDraft, Unit};
use domain::identity::requisites::{OrgRequisites, RequisitesDraft};
use domain::{AccountNumber, Bik, Currency, DealId, Email, Inn, Ogrn, OrganizationId};
use rust_decimal::Decimal;
use uuid::Uuid;

fn failed(e: crate::error::AppError) -> anyhow::Error {
    anyhow::anyhow!("demo documents: {e:?}")
}

const LOGO: &[u8] = include_bytes!("../../assets/demo/logo.png");
const STAMP: &[u8] = include_bytes!("../../assets/demo/stamp.png");
const SIGNATURE: &[u8] = include_bytes!("../../assets/demo/signature.png");

/// A bank account at Sberbank (BIK 044525225) that passes the control key.
fn account(body: &str) -> anyhow::Result<String> {
    let bik = Bik::parse("044525225").map_err(|e| anyhow::anyhow!("{e}"))?;
    AccountNumber::with_control_digit(&bik, body).map(|a| a.as_str().to_owned()).ok_or_else(|| anyhow::anyhow!("account {body}"))
}

/// (full name, short name, INN prefix, KPP, OGRN prefix, legal address, director, director in the genitive, accountant)
const ORGS: [(&str, &str, &str, &str, &str, &str, &str, &str, &str); 4] = [
    ("Общество с ограниченной ответственностью «АртПрайм»", "ООО «АртПрайм»", "770312345", "770301001", "102770012345",
     "125047, г. Москва, ул. Тверская-Ямская 1-я, д. 21, офис 305", "Соколов Андрей Викторович", "Соколова Андрея Викторовича", "Белова Ирина Сергеевна"),
    ("Общество с ограниченной ответственностью «Плитка-Урал»", "ООО «Плитка-Урал»", "667112345", "667101001", "116665812345",
     "620026, г. Екатеринбург, ул. Розы Люксембург, д. 49", "Гаврилов Олег Петрович", "Гаврилова Олега Петровича", "Гаврилова Анна Ивановна"),
    ("Общество с ограниченной ответственностью «СибПокрытие»", "ООО «СибПокрытие»", "540612345", "540601001", "115547612345",
     "630099, г. Новосибирск, ул. Советская, д. 18", "Кравцов Денис Юрьевич", "Кравцова Дениса Юрьевича", "Кравцова Ольга Николаевна"),
    ("Общество с ограниченной ответственностью «Кубань-Плитка»", "ООО «Кубань-Плитка»", "231012345", "231001001", "117237512345",
     "350000, г. Краснодар, ул. Красная, д. 122", "Ткаченко Роман Александрович", "Ткаченко Романа Александровича", "Ткаченко Елена Викторовна"),
];

/// Requisites of the organizations (in the order `ORGS` of the demo lists them), the clients'
/// legal addresses and accounts, the catalogue and its prices.
pub async fn seed_base(ctx: &AppState, admin: &Credentials, orgs: &[Uuid], clients: &[(Uuid, Uuid)]) -> anyhow::Result<()> {
    for (i, (org, row)) in orgs.iter().zip(ORGS).enumerate() {
        let (full, short, inn, kpp, ogrn, address, director, genitive, accountant) = row;
        let inn = Inn::with_check_digits(inn).map(|v| v.as_str().to_owned());
        let ogrn = Ogrn::with_check_digit(ogrn).map(|v| v.as_str().to_owned());
        let acc = account(&format!("4070281003800000{:04}", 1001 + i))?;
        let acting = format!("в лице Генерального директора {genitive}, действующего на основании Устава");
        let r = OrgRequisites::parse(&RequisitesDraft {
            full_name: full, short_name: short, inn: inn.as_deref(), kpp: Some(kpp), ogrn: ogrn.as_deref(), legal_address: Some(address),
            postal_address: Some(address), phone: Some("+74951500001"), email: Some("sales@artprime.demo"), bank_account: Some(&acc),
            bik: Some("044525225"), bank_name: Some("ПАО Сбербанк"), bank_city: Some("Москва"), director_position: Some("Генеральный директор"),
            director_name: Some(director), director_acting: Some(&acting), accountant_name: Some(accountant), ..Default::default()
        })
        .map_err(|e| anyhow::anyhow!("demo requisites: {e}"))?;
        let id = OrganizationId::from(*org);
        requisites::put(ctx, admin, id, r, None).await.map_err(failed)?;
        use requisites::ImageKind::*;
        for (kind, bytes) in [(Logo, LOGO), (Stamp, STAMP), (Signature, SIGNATURE)] {
            requisites::put_image(ctx, admin, id, kind, bytes.to_vec()).await.map_err(failed)?;
        }
    }
    for (i, (client, counterparty)) in clients.iter().enumerate() {
        let patch = counterparties::RequisitesPatch {
            version: 1,
            legal_address: Some(Some(format!("г. Москва, ул. Летниковская, д. {}, стр. 1", 10 + i))),
            actual_address: Some(Some(format!("г. Москва, ул. Летниковская, д. {}, стр. 1", 10 + i))),
            ..Default::default()
        };
        counterparties::update(ctx, admin, (*counterparty).into(), patch).await.map_err(failed)?;
        let acc = account(&format!("4070281004000000{:04}", 2001 + i))?;
        let a = NewBankAccount::parse(&acc, "044525225", None, None, None).map_err(|e| anyhow::anyhow!("demo account: {e}"))?;
        bank_accounts::create(ctx, admin, (*counterparty).into(), a).await.map_err(failed)?;
        let _ = client;
    }
    seed_catalogue(ctx, admin).await
}

/// (kind, name, article, unit, vat kind, tile: type, colour, thickness, size; price ₽)
#[rustfmt::skip]
const ITEMS: &[(&str, &str, &str, &str, &str, Option<(&str, &str, &str, &str)>, i64)] = &[
    ("tile", "Плитка резиновая 500×500×20 мм, зелёная", "RT-20-G", "m2", "standard", Some(("Плитка", "Зелёный", "20", "500×500")), 1_650_00),
    ("tile", "Плитка резиновая 500×500×30 мм, терракотовая", "RT-30-T", "m2", "standard", Some(("Плитка", "Терракотовый", "30", "500×500")), 1_980_00),
    ("tile", "Плитка резиновая 500×500×40 мм, красная", "RT-40-R", "m2", "standard", Some(("Плитка", "Красный", "40", "500×500")), 2_320_00),
    ("tile", "Плитка резиновая 500×500×40 мм, чёрная", "RT-40-B", "m2", "standard", Some(("Плитка", "Чёрный", "40", "500×500")), 2_150_00),
    ("tile", "Бордюр резиновый 500×200×50 мм, серый", "RB-50-S", "pcs", "standard", Some(("Бордюр", "Серый", "50", "500×200")), 420_00),
    ("material", "Клей полиуретановый для резиновой плитки", "GLU-PU-10", "kg", "standard", None, 640_00),
    ("service", "Укладка резиновой плитки на подготовленное основание", "SRV-LAY", "m2", "standard", None, 450_00),
    ("service", "Доставка по Москве и области", "SRV-DLV", "service_unit", "standard", None, 18_500_00),
];

async fn seed_catalogue(ctx: &AppState, admin: &Credentials) -> anyhow::Result<()> {
    let today = ctx.today().0;
    let year_start = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or(today).min(today);
    let rub = PriceList::parse("Прайс-лист 2026, розница", "RUB", year_start, None).map_err(|e| anyhow::anyhow!("{e}"))?;
    let rub = catalogue::create_price_list(ctx, admin, rub).await.map_err(failed)?;
    let mut prices = vec![];
    for (kind, name, article, unit, vat, tile, price) in ITEMS {
        let draft = ItemDraft {
            name: (*name).into(), article: Some((*article).into()), kind: (*kind).into(), unit: (*unit).into(), vat_kind: (*vat).into(),
            tile: tile.map(|(t, c, th, s)| TileDraft { tile_type: t.into(), colour: c.into(), thickness_mm: th.parse().ok(), size: s.into() }),
        };
        let item = draft.parse().map_err(|e| anyhow::anyhow!("demo item {name}: {e}"))?;
        let saved = catalogue::create(ctx, admin, item, None).await.map_err(failed)?;
        prices.push((saved.id, Some(Decimal::new(*price, 2))));
    }
    catalogue::set_prices(ctx, admin, rub.id, prices).await.map_err(failed)?;
    // Equipment is priced in euros: the franchise kit's press.
    let press = ItemDraft {
        name: "Пресс вулканизационный ПВ-100 (франшизный комплект)".into(), article: Some("EQ-PV100".into()), kind: "equipment".into(),
        unit: "set".into(), vat_kind: "standard".into(), tile: None,
    }
    .parse()
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let press = catalogue::create(ctx, admin, press, Some("Пресс с пресс-формами 500×500, 380 В".into())).await.map_err(failed)?;
    let eur = PriceList::parse("Оборудование, EUR", "EUR", year_start, None).map_err(|e| anyhow::anyhow!("{e}"))?;
    let eur = catalogue::create_price_list(ctx, admin, eur).await.map_err(failed)?;
    catalogue::set_prices(ctx, admin, eur.id, vec![(press.id, Some(Decimal::new(48_500_00, 2)))]).await.map_err(failed)?;
    catalogue::put_rate(ctx, admin, Currency::Eur, today, Decimal::new(925_130, 4)).await.map_err(failed)?;
    catalogue::put_rate(ctx, admin, Currency::Usd, today, Decimal::new(791_245, 4)).await.map_err(failed)?;
    Ok(())
}

/// The client's e-mail documents go to.
const TO: &str = "zakupki@client.demo";

/// An individual offer for a demo deal: the tiles for its expected revenue and the delivery line
/// from the logistician's answer; e-mailed to the client.
pub async fn send_offer(ctx: &AppState, manager: &Credentials, deal: DealId, revenue_minor: i64) -> anyhow::Result<()> {
    let (draft_lines, _, valid_until) = documents::offer_draft(ctx, manager, deal).await.map_err(failed)?;
    let price = Decimal::new(2_320_00, 2);
    let area = Decimal::from((revenue_minor / 232_000).max(10));
    let mut lines = vec![documents::LineDraft {
        item_id: None, name: "Плитка резиновая 500×500×40 мм, красная".into(), article: Some("RT-40-R".into()), unit: Unit::M2.as_str().into(),
        raw: RawLine { quantity: area, price, discount_pct: Decimal::new(5, 0), vat: "vat22".into() },
    }];
    lines.extend(draft_lines.iter().map(|l| documents::LineDraft {
        item_id: l.item_id, name: l.name.clone(), article: l.article.clone(), unit: l.unit.clone(),
        raw: RawLine { quantity: Decimal::new(l.quantity_milli, 3), price: print::rub(l.price_minor), discount_pct: Decimal::ZERO, vat: l.vat_rate.clone() },
    }));
    let offer = documents::create_offer(ctx, manager, deal, documents::OfferDraft {
        lines, valid_until: Some(valid_until), terms: Some("Срок изготовления — 10 рабочих дней после предоплаты. Гарантия на плитку — 5 лет.".into()), replaces: None,
    })
    .await
    .map_err(failed)?;
    send(ctx, manager, deal, vec![offer.doc.id]).await
}

async fn send(ctx: &AppState, manager: &Credentials, deal: DealId, ids: Vec<Uuid>) -> anyhow::Result<()> {
    let letter = sending::letter(ctx, manager, deal, &ids).await.map_err(failed)?;
    let to = letter.to_address.as_deref().unwrap_or(TO);
    let out = sending::Outgoing {
        document_ids: ids, to_address: Email::parse(to).map_err(|e| anyhow::anyhow!("{e}"))?, to_name: letter.to_name, subject: letter.subject,
        body: letter.body, with_stamp: true,
    };
    sending::send(ctx, manager, deal, out).await.map_err(failed)?;
    Ok(())
}

/// The tile-supply contract and a 50/50 invoice from the deal's offer. Returns the contract.
pub async fn make_documents(ctx: &AppState, manager: &Credentials, deal: DealId) -> anyhow::Result<(Uuid, Uuid)> {
    let (docs, _) = documents::of_deal(ctx, manager, deal).await.map_err(failed)?;
    let offer = docs.iter().rev().find(|d| d.kind == "offer" && d.status != "replaced").ok_or_else(|| anyhow::anyhow!("demo deal without an offer"))?;
    let contract = documents::create_contract(ctx, manager, deal, documents::ContractDraft {
        kind: ContractKind::TileSupply,
        valid_until: None,
        signatory: crate::app::documents::stored::BuyerSignatory {
            position: Some("Генеральный директор".into()),
            name: Some("Морозов Алексей Игоревич".into()),
            acting: Some("в лице Генерального директора Морозова Алексея Игоревича, действующего на основании Устава".into()),
        },
        bank_account_id: None,
    })
    .await
    .map_err(failed)?;
    let invoice = documents::create_invoice(ctx, manager, deal, documents::InvoiceDraft {
        offer_id: offer.id,
        schedule: ScheduleTerms::FiftyFifty { days: 5, second_due_date: None },
        bank_account_id: None,
    })
    .await
    .map_err(failed)?;
    Ok((contract.doc.id, invoice.doc.id))
}

/// Sends the contract and the invoice together.
pub async fn send_documents(ctx: &AppState, manager: &Credentials, deal: DealId) -> anyhow::Result<()> {
    let (docs, _) = documents::of_deal(ctx, manager, deal).await.map_err(failed)?;
    let ids: Vec<Uuid> = docs.iter().filter(|d| (d.kind == "contract" || d.kind == "invoice") && d.sent_at.is_none()).map(|d| d.id).collect();
    send(ctx, manager, deal, ids).await
}

/// The client signs: the scan is attached, an admin approves the counterparty and confirms.
pub async fn sign(ctx: &AppState, manager: &Credentials, admin: &Credentials, deal: DealId, counterparty: Uuid) -> anyhow::Result<()> {
    let (docs, _) = documents::of_deal(ctx, manager, deal).await.map_err(failed)?;
    let contract = docs.iter().find(|d| d.kind == "contract").ok_or_else(|| anyhow::anyhow!("demo deal without a contract"))?;
    let bytes = futures_util::stream::iter(vec![Ok::<_, std::io::Error>(actix_web::web::Bytes::from_static(b"%PDF-1.4 demo scan"))]);
    let staged = ctx.files.stage(bytes, crate::files::MAX_FILE_BYTES).await.map_err(|e| anyhow::anyhow!("demo scan: {e}"))?;
    let upload = crate::app::sales::timeline::Upload { name: "Договор подписанный.pdf".into(), content_type: "application/pdf".into(), staged };
    let (scan, _) = crate::app::sales::timeline::attach_to_card(ctx, manager, domain::sales::CardId::Deal(deal), upload).await.map_err(failed)?;
    let scan = scan.id;
    let mut version = contract.version;
    for (who, action, checked) in [(manager, ContractAction::AttachSignedScan, false), (admin, ContractAction::ConfirmSigned, true)] {
        if action == ContractAction::ConfirmSigned {
            let cp = crate::app::clients::counterparties::approve(ctx, admin, counterparty.into(), current_cp_version(ctx, admin, counterparty).await?, true).await;
            cp.map_err(failed)?;
        }
        let step = contracts::Step { action, version, comment: None, scan_file_id: Some(scan), requisites_checked: checked };
        version = contracts::step(ctx, who, contract.id, step).await.map_err(failed)?.doc.version;
    }
    Ok(())
}

async fn current_cp_version(ctx: &AppState, who: &Credentials, counterparty: Uuid) -> anyhow::Result<i32> {
    let actor = ctx.read(who).await.map_err(failed)?;
    Ok(persistence::repo::clients::counterparties::get(&ctx.db, actor.scope, counterparty.into()).await?.version)
}
