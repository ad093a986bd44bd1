//! The typical offer (seed 000, «Типовое КП отправлено»): a quick answer on a lead — the prices of
//! the catalogue's current rouble price list, per unit, made and e-mailed in one step. E-mailing it
//! is the fact that moves the lead to «Типовое КП отправлено».
use super::print;
use super::sending::{data_of, file_name, pdf_key};
use crate::AppState;
use crate::app::facts::{self, Happened};
use crate::app::journal;
use crate::auth::Credentials;
use crate::error::AppError;
use domain::documents::{DocumentKind, LineInput, OfferStatus, VatKind, name_and_patronymic};
use domain::pipelines::DocumentFact;
use domain::sales::CardId;
use domain::{Email, FieldError, FieldErrors, LeadId, Permission};
use persistence::AccessScope;
use persistence::entities::{document, document_line, email, lead};
use persistence::repo::documents::documents::{self as docs, DocumentRow};
use persistence::repo::documents::{emails, prices, requisites};
use persistence::repo::identity;
use persistence::repo::sales::cards::Card;
use rust_decimal::Decimal;
use uuid::Uuid;

/// Where the typical offer goes.
#[derive(Debug, Clone)]
pub struct TypicalOffer {
    pub to_address: Email,
    pub to_name: Option<String>,
    pub with_stamp: bool,
}

const TERMS: &str = "Цены указаны за единицу измерения, с НДС. Это типовое предложение: для точного расчёта пришлите, пожалуйста, площадь, \
                     толщину плитки и адрес доставки — подготовим индивидуальное коммерческое предложение.";

/// The lines of the rouble price list in force today: active tiles, materials and services.
async fn price_lines(db: &impl persistence::ConnectionTrait, document_id: Uuid, today: chrono::NaiveDate) -> Result<Vec<document_line::Model>, AppError> {
    let lists = prices::lists(db, AccessScope::All).await?;
    let in_force = lists.iter().find(|l| l.currency == "RUB" && l.valid_from <= today && l.valid_to.is_none_or(|to| today <= to));
    let Some(list) = in_force else {
        return Err(AppError::field("price_list", FieldError::new("required", "Нет действующего прайс-листа в рублях: типовое КП собирается из него")));
    };
    let mut out = Vec::new();
    for (p, item) in prices::prices(db, list.id).await? {
        if !item.is_active || item.kind == "equipment" {
            continue;
        }
        let vat = VatKind::parse(&item.vat_kind).unwrap_or(VatKind::Standard).rate_on(today);
        let amounts = LineInput { quantity: Decimal::ONE, price: print::rub(p.price_minor), discount_pct: Decimal::ZERO, vat }.amounts();
        out.push(document_line::Model {
            id: Uuid::now_v7(), document_id, position: out.len() as i32, item_id: Some(item.id), name: item.name.clone(), article: item.article.clone(),
            quantity_milli: 1000, unit: item.unit.clone(), price_minor: p.price_minor, discount_bp: 0, vat_rate: vat.as_str().to_owned(),
            amount_minor: print::minor(amounts.amount), vat_minor: print::minor(amounts.vat),
        });
    }
    if out.is_empty() {
        return Err(AppError::field("price_list", FieldError::new("required", format!("В прайс-листе «{}» нет цен", list.name))));
    }
    Ok(out)
}

fn lead_name(l: &lead::Model) -> String {
    l.company_name.clone().or(l.contact_name.clone()).unwrap_or_else(|| l.title.clone())
}

/// Makes the typical offer for a lead and e-mails it; the lead moves to «Типовое КП отправлено».
pub async fn send(ctx: &AppState, who: &Credentials, lead_id: LeadId, t: TypicalOffer) -> Result<(DocumentRow, email::Model), AppError> {
    let mut errs = FieldErrors::new();
    let to_name = errs.optional("to_name", t.to_name.as_deref(), |s| domain::text(200, s));
    errs.into_result()?;
    // The document, numbered as offers are, in its own transaction: its number is printed.
    let w = ctx.write(who).await?;
    w.actor.require(Permission::LeadsWrite)?;
    w.actor.require(Permission::DocumentsWrite)?;
    let lead = persistence::repo::sales::leads::get(&w.tx, w.actor.scope, lead_id).await?;
    if lead.status != "open" {
        return Err(AppError::field("lead", FieldError::new("card_closed", "Лид закрыт: типовое КП по нему не отправляется")));
    }
    let today = w.now.date_naive();
    let year = domain::documents::year_of(today);
    let seq = docs::next_seq(&w.tx, lead.organization_id.into(), DocumentKind::Offer.as_str(), year).await?;
    let id = Uuid::now_v7();
    let lines = price_lines(&w.tx, id, today).await?;
    let doc = document::Model {
        id, organization_id: lead.organization_id, deal_id: None, lead_id: Some(lead.id), client_id: lead.client_id, counterparty_id: None,
        kind: DocumentKind::Offer.as_str().to_owned(), seq, year, number: DocumentKind::Offer.display_number(year, seq), doc_date: today,
        status: OfferStatus::Draft.as_str().to_owned(), version_no: 1, source_id: None, contract_kind: None, valid_until: Some(today + chrono::Duration::days(30)),
        terms: Some(TERMS.to_owned()), details: None, currency: "RUB".to_owned(), total_minor: 0, vat_total_minor: 0, schedule: None,
        requisites_checked: false, scan_file_id: None, status_note: None, snapshot: None, pdf_key: None, sent_at: None,
        created_by: w.actor.user_id.map(Uuid::from), created_at: w.now, updated_at: w.now, version: 1, cancel_reason: None, cancelled_at: None,
    };
    let saved = docs::insert(&w.tx, DocumentRow { doc, lines, schedule: vec![] }).await?;
    let card = Card::Lead(lead.clone());
    journal::note(&w, &card, "document_created", None, serde_json::json!({"document_id": saved.doc.id, "kind": "offer", "number": saved.doc.number, "typical": true}));
    w.commit().await?;
    // Rendered outside any transaction, then frozen with the e-mail and the fact.
    let (data, reqs) = data_of(&ctx.db, &saved.doc).await?;
    let bytes = print::pdf(ctx, &data, reqs.as_ref(), t.with_stamp).await?;
    let key = pdf_key(&saved.doc, t.with_stamp);
    ctx.files.put(&key, &bytes).await.map_err(|e| AppError::Internal(e.into()))?;
    let w = ctx.write(who).await?;
    let mut doc = docs::get(&w.tx, AccessScope::All, saved.doc.id).await?;
    doc.snapshot = Some(serde_json::to_string(&data).map_err(|e| AppError::Internal(e.into()))?);
    doc.pdf_key = Some(key);
    doc.status = OfferStatus::Sent.as_str().to_owned();
    doc.sent_at = Some(w.now);
    let doc = docs::save(&w.tx, doc, w.now).await?;
    let org = identity::get_organization(&w.tx, AccessScope::All, lead.organization_id.into()).await?;
    let org_name = requisites::get(&w.tx, lead.organization_id).await?.map_or(org.name, |r| r.short_name);
    let manager = match w.actor.user_id {
        Some(u) => identity::get_user(&w.tx, u).await?.full_name,
        None => org_name.clone(),
    };
    let greeting = to_name.as_deref().or(lead.contact_name.as_deref()).and_then(name_and_patronymic).unwrap_or_else(|| "коллеги".to_owned());
    let email_id = Uuid::now_v7();
    let row = email::Model {
        id: email_id, organization_id: lead.organization_id, deal_id: None, lead_id: Some(lead.id), to_address: t.to_address.as_str().to_owned(),
        to_name, subject: format!("Типовое коммерческое предложение — {org_name}"),
        body: format!(
            "Здравствуйте, {greeting}!\n\nНаправляем Вам типовое коммерческое предложение с ценами на резиновую плитку и сопутствующие товары. \
             Для точного расчёта сообщите, пожалуйста, площадь, толщину плитки и адрес доставки — подготовим индивидуальное предложение.\n\n\
             С уважением,\n{manager}\n{org_name}"
        ),
        document_ids: serde_json::to_string(&[doc.id]).map_err(|e| AppError::Internal(e.into()))?, with_stamp: t.with_stamp,
        message_id: format!("<{email_id}@tessera>"), status: emails::QUEUED.to_owned(), attempts: 0, available_at: w.now, lease_until: None,
        last_error: None, sent_at: None, created_by: w.actor.user_id.map(Uuid::from), created_at: w.now,
    };
    emails::insert(&w.tx, row.clone());
    let data = serde_json::json!({"email_id": email_id, "to": row.to_address, "subject": row.subject, "documents": [{"id": doc.id, "kind": "offer", "number": doc.number, "file": file_name(&doc)}], "lead": lead_name(&lead)});
    journal::note(&w, &card, "email_queued", None, data.clone());
    journal::emit(&w, &card, "email_queued", data);
    facts::record(&w, Happened::Documents { card: CardId::Lead(lead_id), fact: DocumentFact::OfferSent }).await?;
    let row_out = docs::row(&w.tx, AccessScope::All, doc.id).await?;
    w.commit().await?;
    ctx.mail_wake.notify_one();
    Ok((row_out, row))
}

/// A lead's documents and e-mails.
pub async fn of_lead(ctx: &AppState, who: &Credentials, lead_id: LeadId) -> Result<(Vec<document::Model>, Vec<email::Model>), AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::LeadsRead)?;
    persistence::repo::sales::leads::get(&ctx.db, actor.scope, lead_id).await?;
    Ok((docs::of_lead(&ctx.db, lead_id.into()).await?, emails::of_lead(&ctx.db, lead_id.into()).await?))
}
