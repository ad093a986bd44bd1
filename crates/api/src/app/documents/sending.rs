//! Sending documents to the client: the letter filled from the organization's template, the
//! documents frozen (their data snapshot and PDF kept, so later changes to the client or the
//! catalogue never change what was sent), the e-mail queued in the same transaction for the mail
//! worker, and the deal moved by what the documents now come to.
use super::stored::{DRAFT, Details, SENT};
use super::print;
use crate::AppState;
use crate::app::journal;
use crate::auth::Credentials;
use crate::error::AppError;
use crate::render::DocumentData;
use domain::documents::{
    ContractAction, ContractFacts, ContractStatus, DocumentKind, OfferStatus, Placeholders, contract_transition, default_template, document_title, fill,
};
use domain::{DealId, Email, FieldError, FieldErrors, Permission};
use persistence::AccessScope;
use persistence::entities::{deal, document, email};
use persistence::repo::clients::{bank_accounts, clients, counterparties};
use persistence::repo::documents::{documents as docs, emails, requisites, templates};
use persistence::repo::sales::cards::Card;
use persistence::repo::identity;
use persistence::repo::clients::contacts;
use uuid::Uuid;

/// A filled letter, before a person edits it.
#[derive(Debug, Clone)]
pub struct Letter {
    pub to_address: Option<String>,
    pub to_name: Option<String>,
    pub subject: String,
    pub body: String,
}

/// The documents of `deal` named by `ids`, in the order given; each must be the deal's.
async fn the_deals(db: &impl persistence::ConnectionTrait, scope: AccessScope, deal: &deal::Model, ids: &[Uuid]) -> Result<Vec<document::Model>, AppError> {
    let mut out = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        let d = docs::get(db, scope, *id).await.map_err(|_| AppError::field(&format!("document_ids[{i}]"), FieldError::new("not_found", "Нет такого документа по этой сделке")))?;
        if d.deal_id != Some(deal.id) {
            return Err(AppError::field(&format!("document_ids[{i}]"), FieldError::new("not_found", "Нет такого документа по этой сделке")));
        }
        out.push(d);
    }
    Ok(out)
}

/// The letter for sending these documents: the template of the first one's kind (the contract's
/// when a contract goes with its invoice), the client's contact with an e-mail.
pub async fn letter(ctx: &AppState, who: &Credentials, deal_id: DealId, ids: &[Uuid]) -> Result<Letter, AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::DocumentsRead)?;
    if ids.is_empty() {
        return Err(AppError::field("document_ids", FieldError::new("required", "Выберите документы")));
    }
    let deal = persistence::repo::sales::deals::get(&ctx.db, actor.scope, deal_id).await?;
    let ds = the_deals(&ctx.db, actor.scope, &deal, ids).await?;
    let kinds: Vec<DocumentKind> = ds.iter().filter_map(|d| DocumentKind::parse(&d.kind)).collect();
    let lead = [DocumentKind::Contract, DocumentKind::Invoice, DocumentKind::Offer, DocumentKind::WorkOrder, DocumentKind::DeliveryNotice]
        .into_iter()
        .find(|k| kinds.contains(k))
        .unwrap_or(DocumentKind::Offer);
    let (subject_t, body_t) = match templates::get(&ctx.db, deal.organization_id, lead.as_str()).await? {
        Some(t) => (t.subject, t.body),
        None => {
            let t = default_template(lead);
            (t.subject.to_owned(), t.body_with_signature())
        }
    };
    let client = clients::get(&ctx.db, AccessScope::All, deal.client_id.into()).await?;
    let contacts = contacts::of_client(&ctx.db, deal.client_id).await?;
    let contact = contacts.iter().find(|c| c.email.is_some());
    let contact_full = contact.map(|c| [c.last_name.as_deref(), Some(c.first_name.as_str()), c.middle_name.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" "));
    let org = identity::get_organization(&ctx.db, AccessScope::All, deal.organization_id.into()).await?;
    let reqs = requisites::get(&ctx.db, deal.organization_id).await?;
    let manager = match actor.user_id {
        Some(u) => identity::get_user(&ctx.db, u).await?.full_name,
        None => String::new(),
    };
    let main = ds.iter().find(|d| d.kind == lead.as_str()).unwrap_or(&ds[0]);
    let titles: Vec<String> = ds.iter().filter_map(|d| DocumentKind::parse(&d.kind).map(|k| document_title(k, &d.number, d.doc_date))).collect();
    let values = Placeholders {
        client: client.name.clone(),
        // The contact's name is known in parts: «Иван Петрович», or «Иван» without a patronymic.
        contact_name: contact
            .map(|c| c.middle_name.as_ref().map_or_else(|| c.first_name.clone(), |m| format!("{} {m}", c.first_name)))
            .unwrap_or_else(|| "коллеги".to_owned()),
        document: titles.join(" и "),
        number: main.number.clone(),
        amount: domain::documents::format_rub(print::rub(main.total_minor)),
        manager,
        organization: reqs.as_ref().map_or_else(|| org.name.clone(), |r| r.short_name.clone()),
    };
    Ok(Letter {
        to_address: contact.and_then(|c| c.email.clone()).or(client.email.clone()),
        to_name: contact_full,
        subject: fill(&subject_t, &values),
        body: fill(&body_t, &values),
    })
}

/// What a person sends.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub document_ids: Vec<Uuid>,
    pub to_address: Email,
    pub to_name: Option<String>,
    pub subject: String,
    pub body: String,
    pub with_stamp: bool,
}

/// The file name a document travels under: «Счёт на оплату № 17 от 30.11.2026.pdf».
pub fn file_name(d: &document::Model) -> String {
    let kind = DocumentKind::parse(&d.kind).unwrap_or(DocumentKind::Offer);
    let mut title = document_title(kind, &d.number, d.doc_date);
    if kind == DocumentKind::Offer && d.version_no > 1 {
        title.push_str(&format!(" (ред. {})", d.version_no));
    }
    format!("{}.pdf", title.replace(['/', '\\'], "-"))
}

/// Where a document's frozen PDF is kept.
pub(crate) fn pdf_key(d: &document::Model, with_stamp: bool) -> String {
    format!("documents/{}/{}/{}-{}.pdf", d.doc_date.format("%Y"), d.id, if with_stamp { "stamp" } else { "plain" }, Uuid::now_v7())
}

/// The data a document prints now: its snapshot when it was sent, else read afresh.
pub(crate) async fn data_of(db: &impl persistence::ConnectionTrait, doc: &document::Model) -> Result<(DocumentData, Option<persistence::entities::organization_requisites::Model>), AppError> {
    let reqs = requisites::get(db, doc.organization_id).await?;
    if let Some(frozen) = print::frozen(doc)? {
        return Ok((frozen, reqs));
    }
    let row = docs::row(db, AccessScope::All, doc.id).await?;
    let org = identity::get_organization(db, AccessScope::All, doc.organization_id.into()).await?;
    if let (None, Some(lead_id)) = (doc.deal_id, doc.lead_id) {
        // A lead's typical offer: addressed to the lead's company or person.
        let lead = persistence::repo::sales::leads::get(db, AccessScope::All, lead_id.into()).await?;
        let name = lead.company_name.clone().or(lead.contact_name.clone()).unwrap_or_else(|| lead.title.clone());
        let prospect = crate::render::Party {
            name_full: name.clone(), name_short: name, inn: None, kpp: None, ogrn: None, legal_address: None, postal_address: None,
            phone: lead.phone.clone(), email: lead.email.clone(), bank: None, signatory: None, accountant: None,
        };
        let manager = match lead.responsible_id {
            Some(id) => identity::get_user(db, id.into()).await.ok().map(|u| format!("Менеджер: {}, {}", u.full_name, u.email)),
            None => None,
        };
        let data = print::data(&print::Sources { row: &row, deal: None, org: &org, requisites: reqs.as_ref(), counterparty: None, account: None, manager, prospect: Some(prospect) })?;
        return Ok((data, reqs));
    }
    let deal_id = doc.deal_id.ok_or(AppError::NotFound)?;
    let deal = persistence::repo::sales::deals::get(db, AccessScope::All, deal_id.into()).await?;
    let cp = match doc.counterparty_id {
        Some(id) => Some(counterparties::get(db, AccessScope::All, id.into()).await?),
        None => None,
    };
    let details = Details::of(doc);
    let account = match &cp {
        Some(c) => {
            let all = bank_accounts::of_counterparty(db, c.counterparty_id()).await?;
            details.bank_account_id.and_then(|id| all.iter().find(|a| a.id == id).cloned()).or_else(|| all.first().cloned())
        }
        None => None,
    };
    let manager = super::documents::manager_line(db, &deal).await?;
    let data = print::data(&print::Sources {
        row: &row, deal: Some(&deal), org: &org, requisites: reqs.as_ref(), counterparty: cp.as_ref(), account: account.as_ref(), manager, prospect: None,
    })?;
    Ok((data, reqs))
}

/// The PDF of a document the caller may read (a draft as it would print now).
pub async fn pdf(ctx: &AppState, who: &Credentials, id: Uuid, with_stamp: bool) -> Result<(Vec<u8>, String), AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::DocumentsRead)?;
    let doc = docs::get(&ctx.db, actor.scope, id).await?;
    let (data, reqs) = data_of(&ctx.db, &doc).await?;
    let bytes = print::pdf(ctx, &data, reqs.as_ref(), with_stamp).await?;
    Ok((bytes, file_name(&doc)))
}

/// Whether a document may go out now, and what sending makes of its status.
fn sent_status(d: &document::Model, role: domain::Role) -> Result<String, FieldError> {
    match DocumentKind::parse(&d.kind) {
        Some(DocumentKind::Offer) if d.status == OfferStatus::Replaced.as_str() => {
            Err(FieldError::new("replaced", format!("КП {} редакции {} заменено новой редакцией", d.number, d.version_no)))
        }
        Some(DocumentKind::Offer) => Ok(OfferStatus::Sent.as_str().to_owned()),
        Some(DocumentKind::Contract) => {
            let status = ContractStatus::parse(&d.status).unwrap_or(ContractStatus::Draft);
            if status == ContractStatus::Draft {
                contract_transition(status, ContractAction::Send, role, &ContractFacts::default()).map(|s| s.as_str().to_owned()).map_err(|e| FieldError::new("not_allowed", e.message_ru()))
            } else if status.is_final() && status != ContractStatus::Signed {
                Err(FieldError::new("not_allowed", format!("Договор {}: {}", d.number, status.name_ru())))
            } else {
                Ok(d.status.clone())
            }
        }
        Some(DocumentKind::Invoice) => Ok(d.status.clone()),
        Some(_) if d.status == DRAFT => Ok(SENT.to_owned()),
        _ => Ok(d.status.clone()),
    }
}

/// Sends documents of a deal by e-mail: the PDFs are rendered first (outside the write), then the
/// documents are frozen, the e-mail queued and the deal moved, in one transaction.
pub async fn send(ctx: &AppState, who: &Credentials, deal_id: DealId, m: Outgoing) -> Result<email::Model, AppError> {
    let mut errs = FieldErrors::new();
    if m.document_ids.is_empty() {
        errs.add("document_ids", FieldError::new("required", "Выберите документы"));
    }
    if m.document_ids.len() > 10 {
        errs.add("document_ids", FieldError::new("too_long", "Не больше 10 документов в письме"));
    }
    let subject = errs.required("subject", Some(&m.subject), |s| domain::text(300, s));
    let body = errs.required("body", Some(&m.body), |s| domain::text(20_000, s));
    let to_name = errs.optional("to_name", m.to_name.as_deref(), |s| domain::text(200, s));
    errs.into_result()?;
    // Render what is not frozen yet, outside the write: PDF work never holds the database.
    let actor = ctx.read(who).await?;
    actor.require(Permission::DocumentsWrite)?;
    let deal = persistence::repo::sales::deals::get(&ctx.db, actor.scope, deal_id).await?;
    let ds = the_deals(&ctx.db, actor.scope, &deal, &m.document_ids).await?;
    for (i, d) in ds.iter().enumerate() {
        sent_status(d, actor.role).map_err(|e| AppError::field(&format!("document_ids[{i}]"), e))?;
    }
    let mut rendered = Vec::new();
    for d in &ds {
        if d.snapshot.is_none() {
            let (data, reqs) = data_of(&ctx.db, d).await?;
            let bytes = print::pdf(ctx, &data, reqs.as_ref(), m.with_stamp).await?;
            let key = pdf_key(d, m.with_stamp);
            ctx.files.put(&key, &bytes).await.map_err(|e| AppError::Internal(e.into()))?;
            rendered.push((d.id, d.version, data, key));
        }
    }
    let w = ctx.write(who).await?;
    w.actor.require(Permission::DocumentsWrite)?;
    let deal = super::documents::open_deal(&w, deal_id).await?;
    for (id, version, data, key) in rendered {
        let mut d = docs::get(&w.tx, AccessScope::All, id).await?;
        if d.version != version {
            return Err(AppError::VersionConflict);
        }
        d.snapshot = Some(serde_json::to_string(&data).map_err(|e| AppError::Internal(e.into()))?);
        d.pdf_key = Some(key);
        docs::save(&w.tx, d, w.now).await?;
    }
    let mut sent_numbers = Vec::new();
    for (i, id) in m.document_ids.iter().enumerate() {
        let mut d = docs::get(&w.tx, AccessScope::All, *id).await?;
        let status = sent_status(&d, w.actor.role).map_err(|e| AppError::field(&format!("document_ids[{i}]"), e))?;
        let changed = status != d.status || d.sent_at.is_none();
        sent_numbers.push(serde_json::json!({"id": d.id, "kind": d.kind, "number": d.number, "version_no": d.version_no}));
        if changed {
            d.status = status;
            d.sent_at = d.sent_at.or(Some(w.now));
            docs::save(&w.tx, d, w.now).await?;
        }
    }
    let id = Uuid::now_v7();
    let row = email::Model {
        id, organization_id: deal.organization_id, deal_id: Some(deal.id), lead_id: None, to_address: m.to_address.as_str().to_owned(), to_name,
        subject: subject.unwrap_or_default(), body: body.unwrap_or_default(),
        document_ids: serde_json::to_string(&m.document_ids).map_err(|e| AppError::Internal(e.into()))?, with_stamp: m.with_stamp,
        message_id: format!("<{id}@tessera>"), status: emails::QUEUED.to_owned(), attempts: 0, available_at: w.now, lease_until: None,
        last_error: None, sent_at: None, created_by: w.actor.user_id.map(Uuid::from), created_at: w.now,
    };
    emails::insert(&w.tx, row.clone());
    let card = Card::Deal(deal.clone());
    let data = serde_json::json!({"email_id": id, "to": row.to_address, "subject": row.subject, "documents": sent_numbers});
    journal::note(&w, &card, "email_queued", None, data.clone());
    journal::emit(&w, &card, "email_queued", data);
    super::progress::record(&w, &deal).await?;
    w.commit().await?;
    ctx.mail_wake.notify_one();
    Ok(row)
}
