//! A deal's documents: the individual offer and its revised versions, the contract, the invoice
//! with its payment schedule, the work order and the delivery notice. Each is numbered in its
//! organization's year when it is made (in the same transaction: a failed creation gives its
//! number back), stores its lines with their VAT rate and amounts, and is issued by the
//! organization that owns the deal.
use super::print;
use super::stored::{BuyerSignatory, Details, ISSUED, DRAFT};
use crate::AppState;
use crate::app::{Write, journal};
use crate::auth::Credentials;
use crate::error::AppError;
use chrono::NaiveDate;
use domain::documents::{
    ContractKind, ContractStatus, DocumentKind, LineInput, OfferStatus, RawLine, ScheduleTerms, Totals, Unit, can_invoice, parse_lines,
};
use domain::{DealId, FieldError, FieldErrors, Permission};
use persistence::AccessScope;
use persistence::entities::{bank_account, counterparty, deal, document, document_line, schedule_part};
use persistence::repo::clients::{bank_accounts, counterparties};
use persistence::repo::documents::documents::{self as docs, DocumentRow};
use persistence::repo::sales::cards::Card;
use persistence::repo::{documents::requisites, identity};
use uuid::Uuid;

/// A line as entered: what it is (from the catalogue or typed), and its numbers.
#[derive(Debug, Clone)]
pub struct LineDraft {
    pub item_id: Option<Uuid>,
    pub name: String,
    pub article: Option<String>,
    pub unit: String,
    pub raw: RawLine,
}

/// An individual offer as entered (a new one, or the next version of `replaces`).
#[derive(Debug, Clone)]
pub struct OfferDraft {
    pub lines: Vec<LineDraft>,
    pub valid_until: Option<NaiveDate>,
    pub terms: Option<String>,
    pub replaces: Option<Uuid>,
}

/// Checks the lines of a document dated `date`: numbers by the domain's rules, the name and the
/// unit here; all errors at once under `lines[i].…`.
fn check_lines(lines: &[LineDraft], date: NaiveDate) -> Result<Vec<(LineDraft, LineInput)>, FieldErrors> {
    let mut errs = FieldErrors::new();
    let raw: Vec<RawLine> = lines.iter().map(|l| l.raw.clone()).collect();
    let parsed = parse_lines(&raw, date).map_err(|e| errs.0.extend(e.0)).ok();
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let name = errs.required(&format!("lines[{i}].name"), Some(&l.name), |s| domain::text(500, s));
        let article = errs.optional(&format!("lines[{i}].article"), l.article.as_deref(), |s| domain::text(50, s));
        let unit = errs.required(&format!("lines[{i}].unit"), Some(&l.unit), |s| {
            Unit::parse(s).ok_or_else(|| FieldError::new("invalid_value", <Unit as domain::Named>::allowed_ru()))
        });
        if let (Some(name), Some(unit), Some(p)) = (name, unit, parsed.as_ref().and_then(|p| p.get(i))) {
            out.push((LineDraft { item_id: l.item_id, name, article, unit: unit.as_str().to_owned(), raw: l.raw.clone() }, *p));
        }
    }
    errs.into_result().map(|()| out)
}

/// Kopecks of an exact amount.
fn kop(d: rust_decimal::Decimal) -> i64 {
    print::minor(d)
}

/// The rows of checked lines, and the document's totals.
fn line_rows(document_id: Uuid, lines: &[(LineDraft, LineInput)]) -> (Vec<document_line::Model>, Totals) {
    let amounts: Vec<_> = lines.iter().map(|(_, l)| l.amounts()).collect();
    let rows = lines
        .iter()
        .zip(&amounts)
        .enumerate()
        .map(|(i, ((d, l), a))| document_line::Model {
            id: Uuid::now_v7(), document_id, position: i as i32, item_id: d.item_id, name: d.name.clone(), article: d.article.clone(),
            quantity_milli: kop(l.quantity * rust_decimal::Decimal::TEN),
            unit: d.unit.clone(), price_minor: kop(l.price), discount_bp: kop(l.discount_pct) as i32, vat_rate: l.vat.as_str().to_owned(),
            amount_minor: kop(a.amount), vat_minor: kop(a.vat),
        })
        .collect();
    (rows, Totals::of(&amounts))
}

/// The deal a document is made on: open, in the caller's scope, the caller allowed to write.
pub(crate) async fn open_deal(w: &Write, id: DealId) -> Result<deal::Model, AppError> {
    w.actor.require(Permission::DocumentsWrite)?;
    let deal = persistence::repo::sales::deals::get(&w.tx, w.actor.scope, id).await?;
    if deal.status != "open" {
        return Err(AppError::field("deal", FieldError::new("card_closed", "Сделка закрыта: документы по ней не оформляются")));
    }
    Ok(deal)
}

/// A new document row of `kind`, numbered now in the deal organization's year.
async fn new_document(w: &Write, deal: &deal::Model, kind: DocumentKind, status: &str) -> Result<document::Model, AppError> {
    let today = w.now.date_naive();
    let year = domain::documents::year_of(today);
    let seq = docs::next_seq(&w.tx, deal.organization_id.into(), kind.as_str(), year).await?;
    Ok(document::Model {
        id: Uuid::now_v7(), organization_id: deal.organization_id, deal_id: Some(deal.id), lead_id: None, client_id: Some(deal.client_id),
        counterparty_id: deal.counterparty_id, kind: kind.as_str().to_owned(), seq, year, number: kind.display_number(year, seq), doc_date: today,
        status: status.to_owned(), version_no: 1, source_id: None, contract_kind: None, valid_until: None, terms: None, details: None,
        currency: "RUB".to_owned(), total_minor: 0, vat_total_minor: 0, schedule: None, requisites_checked: false, scan_file_id: None,
        status_note: None, snapshot: None, pdf_key: None, sent_at: None, created_by: w.actor.user_id.map(Uuid::from), created_at: w.now,
        updated_at: w.now, version: 1, cancel_reason: None, cancelled_at: None,
    })
}

/// Records on the deal's timeline that a document was made, and tells integrations.
fn journal_created(w: &Write, deal: &deal::Model, doc: &document::Model) {
    let card = Card::Deal(deal.clone());
    let data = serde_json::json!({"document_id": doc.id, "kind": doc.kind, "number": doc.number, "version_no": doc.version_no, "total": print::rub(doc.total_minor)});
    journal::note(w, &card, "document_created", None, data.clone());
    journal::emit(w, &card, "document_created", data);
}

/// Makes an individual offer, or the next version of one (the earlier version is marked
/// replaced and stays readable; the number stays the same).
pub async fn create_offer(ctx: &AppState, who: &Credentials, deal_id: DealId, d: OfferDraft) -> Result<DocumentRow, AppError> {
    let today = ctx.today().0;
    let lines = check_lines(&d.lines, today)?;
    let mut errs = FieldErrors::new();
    if let Some(v) = d.valid_until
        && v < today
    {
        errs.add("valid_until", FieldError::new("out_of_range", "КП не может истечь раньше сегодняшнего дня"));
    }
    let terms = errs.optional("terms", d.terms.as_deref(), |s| domain::text(5000, s));
    errs.into_result()?;
    let w = ctx.write(who).await?;
    let deal = open_deal(&w, deal_id).await?;
    let mut doc = match d.replaces {
        None => new_document(&w, &deal, DocumentKind::Offer, OfferStatus::Draft.as_str()).await?,
        Some(prev) => {
            let mut old = docs::get(&w.tx, w.actor.scope, prev).await.map_err(|_| AppError::field("replaces", FieldError::new("not_found", "Нет такого КП по этой сделке")))?;
            if old.deal_id != Some(deal.id) || old.kind != DocumentKind::Offer.as_str() {
                return Err(AppError::field("replaces", FieldError::new("not_found", "Нет такого КП по этой сделке")));
            }
            if old.status == OfferStatus::Replaced.as_str() {
                return Err(AppError::field("replaces", FieldError::new("replaced", "Эта версия КП уже заменена: правьте последнюю")));
            }
            let mut next = new_version_of(&w, &old);
            next.source_id = Some(old.id);
            old.status = OfferStatus::Replaced.as_str().to_owned();
            docs::save(&w.tx, old, w.now).await?;
            next.status = OfferStatus::Draft.as_str().to_owned();
            next
        }
    };
    doc.valid_until = Some(d.valid_until.unwrap_or(today + chrono::Duration::days(14)));
    doc.terms = terms;
    let (rows, totals) = line_rows(doc.id, &lines);
    doc.total_minor = kop(totals.total);
    doc.vat_total_minor = kop(totals.vat_total);
    let saved = docs::insert(&w.tx, DocumentRow { doc, lines: rows, schedule: vec![] }).await?;
    journal_created(&w, &deal, &saved.doc);
    w.commit().await?;
    Ok(saved)
}

/// The next version of an offer: the same number, the next version number.
fn new_version_of(w: &Write, old: &document::Model) -> document::Model {
    document::Model {
        id: Uuid::now_v7(), version_no: old.version_no + 1, doc_date: w.now.date_naive(), snapshot: None, pdf_key: None, sent_at: None,
        created_by: w.actor.user_id.map(Uuid::from), created_at: w.now, updated_at: w.now, version: 1, ..old.clone()
    }
}

/// The buyer a contract or an invoice is made out to: the deal's counterparty with its
/// requisites (INN, legal address) and a bank account; every gap named under `counterparty.…`.
async fn buyer_of(w: &Write, deal: &deal::Model, account: Option<Uuid>, need_account: bool) -> Result<(counterparty::Model, Option<bank_account::Model>), AppError> {
    let Some(cp_id) = deal.counterparty_id else {
        return Err(AppError::field("counterparty", FieldError::new("required", "Выберите в сделке контрагента с реквизитами")));
    };
    let cp = counterparties::get(&w.tx, AccessScope::All, cp_id.into()).await?;
    let accounts = bank_accounts::of_counterparty(&w.tx, cp.counterparty_id()).await?;
    let chosen = match account {
        Some(id) => Some(accounts.iter().find(|a| a.id == id).cloned().ok_or_else(|| {
            AppError::field("bank_account_id", FieldError::new("not_found", "У контрагента нет такого счёта"))
        })?),
        None => accounts.first().cloned(),
    };
    let mut errs = FieldErrors::new();
    if cp.inn.is_none() {
        errs.add("counterparty.inn", FieldError::new("required", "У контрагента не указан ИНН"));
    }
    if cp.legal_address.is_none() {
        errs.add("counterparty.legal_address", FieldError::new("required", "У контрагента не указан юридический адрес"));
    }
    if need_account && chosen.is_none() {
        errs.add("counterparty.bank_account", FieldError::new("required", "У контрагента нет банковского счёта"));
    }
    errs.into_result()?;
    Ok((cp, chosen))
}

/// The organization issuing the deal's documents must have its requisites.
async fn check_issuer(w: &Write, deal: &deal::Model) -> Result<(), AppError> {
    match requisites::get(&w.tx, deal.organization_id).await? {
        Some(_) => Ok(()),
        None => Err(AppError::field("organization", FieldError::new("required", "Заполните реквизиты организации, которая выставляет документы"))),
    }
}

/// A contract as asked for.
#[derive(Debug, Clone)]
pub struct ContractDraft {
    pub kind: ContractKind,
    pub valid_until: Option<NaiveDate>,
    pub signatory: BuyerSignatory,
    pub bank_account_id: Option<Uuid>,
}

/// Makes a contract of its kind for the deal's counterparty, as a draft; its specification is the
/// deal's current offer, when there is one.
pub async fn create_contract(ctx: &AppState, who: &Credentials, deal_id: DealId, d: ContractDraft) -> Result<DocumentRow, AppError> {
    let today = ctx.today().0;
    let mut errs = FieldErrors::new();
    if d.valid_until.is_some_and(|v| v < today) {
        errs.add("valid_until", FieldError::new("out_of_range", "Договор не может закончиться раньше сегодняшнего дня"));
    }
    let position = errs.optional("signatory.position", d.signatory.position.as_deref(), |s| domain::text(200, s));
    let name = errs.required("signatory.name", d.signatory.name.as_deref(), |s| domain::text(200, s));
    let acting = errs.required("signatory.acting", d.signatory.acting.as_deref(), |s| {
        let s = domain::text(500, s)?;
        if s.to_lowercase().starts_with("в лице ") { Ok(s) } else { Err(FieldError::new("invalid_format", "Начните с «в лице …», в родительном падеже")) }
    });
    errs.into_result()?;
    let w = ctx.write(who).await?;
    let deal = open_deal(&w, deal_id).await?;
    check_issuer(&w, &deal).await?;
    let (_, account) = buyer_of(&w, &deal, d.bank_account_id, true).await?;
    let mut doc = new_document(&w, &deal, DocumentKind::Contract, ContractStatus::Draft.as_str()).await?;
    doc.contract_kind = Some(d.kind.as_str().to_owned());
    doc.valid_until = d.valid_until;
    doc.details = Some(serde_json::to_string(&Details {
        signatory: Some(BuyerSignatory { position, name, acting }),
        bank_account_id: account.map(|a| a.id),
        notes: vec![],
    }).map_err(|e| AppError::Internal(e.into()))?);
    let (lines, source) = match current_offer(&w, &deal).await? {
        Some(offer) => (copy_lines(doc.id, &offer.lines), Some(offer.doc)),
        None => (vec![], None),
    };
    if let Some(o) = &source {
        doc.source_id = Some(o.id);
        doc.total_minor = o.total_minor;
        doc.vat_total_minor = o.vat_total_minor;
    }
    let saved = docs::insert(&w.tx, DocumentRow { doc, lines, schedule: vec![] }).await?;
    journal_created(&w, &deal, &saved.doc);
    super::progress::record(&w, &deal).await?;
    w.commit().await?;
    Ok(saved)
}

/// The deal's latest offer version that is not replaced.
async fn current_offer(w: &Write, deal: &deal::Model) -> Result<Option<DocumentRow>, AppError> {
    let all = docs::of_deal(&w.tx, deal.id.into()).await?;
    match all.iter().rev().find(|d| d.kind == DocumentKind::Offer.as_str() && d.status != OfferStatus::Replaced.as_str()) {
        Some(o) => Ok(Some(docs::row(&w.tx, AccessScope::All, o.id).await?)),
        None => Ok(None),
    }
}

fn copy_lines(document_id: Uuid, from: &[document_line::Model]) -> Vec<document_line::Model> {
    from.iter().map(|l| document_line::Model { id: Uuid::now_v7(), document_id, ..l.clone() }).collect()
}

/// An invoice as asked for: from which offer version, on what schedule.
#[derive(Debug, Clone)]
pub struct InvoiceDraft {
    pub offer_id: Uuid,
    pub schedule: ScheduleTerms,
    pub bank_account_id: Option<Uuid>,
}

/// Issues an invoice from an offer version that is not replaced, with its payment schedule
/// (parts in whole kopecks that add up to the total exactly).
pub async fn create_invoice(ctx: &AppState, who: &Credentials, deal_id: DealId, d: InvoiceDraft) -> Result<DocumentRow, AppError> {
    let w = ctx.write(who).await?;
    let deal = open_deal(&w, deal_id).await?;
    let offer = docs::row(&w.tx, w.actor.scope, d.offer_id).await.map_err(|_| AppError::field("offer_id", FieldError::new("not_found", "Нет такого КП по этой сделке")))?;
    if offer.doc.deal_id != Some(deal.id) || offer.doc.kind != DocumentKind::Offer.as_str() {
        return Err(AppError::field("offer_id", FieldError::new("not_found", "Нет такого КП по этой сделке")));
    }
    let status = OfferStatus::parse(&offer.doc.status).unwrap_or(OfferStatus::Draft);
    let newest = docs::of_deal(&w.tx, deal.id.into()).await?.into_iter().filter(|x| x.kind == offer.doc.kind && x.seq == offer.doc.seq).map(|x| x.version_no).max();
    can_invoice(status, newest.filter(|n| *n > offer.doc.version_no)).map_err(|e| AppError::field("offer_id", e))?;
    check_issuer(&w, &deal).await?;
    let (_, account) = buyer_of(&w, &deal, d.bank_account_id, false).await?;
    let mut doc = new_document(&w, &deal, DocumentKind::Invoice, ISSUED).await?;
    let parts = d.schedule.parts(print::rub(offer.doc.total_minor), doc.doc_date)?;
    doc.source_id = Some(offer.doc.id);
    doc.total_minor = offer.doc.total_minor;
    doc.vat_total_minor = offer.doc.vat_total_minor;
    doc.valid_until = parts.first().map(|p| p.due_date);
    doc.schedule = Some(serde_json::to_string(&d.schedule).map_err(|e| AppError::Internal(e.into()))?);
    doc.details = Some(serde_json::to_string(&Details { bank_account_id: account.map(|a| a.id), ..Default::default() }).map_err(|e| AppError::Internal(e.into()))?);
    let schedule = parts
        .iter()
        .enumerate()
        .map(|(i, p)| schedule_part::Model {
            id: Uuid::now_v7(), document_id: doc.id, position: i as i32, percent: p.percent.normalize().to_string(), amount_minor: kop(p.amount), due_date: p.due_date,
        })
        .collect();
    let lines = copy_lines(doc.id, &offer.lines);
    let saved = docs::insert(&w.tx, DocumentRow { doc, lines, schedule }).await?;
    journal_created(&w, &deal, &saved.doc);
    super::progress::record(&w, &deal).await?;
    w.commit().await?;
    Ok(saved)
}

/// A work order (for the production or the installation crew) or a delivery notice, from an invoice.
#[derive(Debug, Clone)]
pub struct FollowUpDraft {
    pub kind: DocumentKind,
    pub invoice_id: Uuid,
    pub notes: Vec<String>,
}

pub async fn create_follow_up(ctx: &AppState, who: &Credentials, deal_id: DealId, d: FollowUpDraft) -> Result<DocumentRow, AppError> {
    let mut errs = FieldErrors::new();
    let notes: Vec<String> = d.notes.iter().enumerate().filter_map(|(i, n)| errs.optional(&format!("notes[{i}]"), Some(n), |s| domain::text(2000, s))).collect();
    if !matches!(d.kind, DocumentKind::WorkOrder | DocumentKind::DeliveryNotice) {
        errs.add("kind", FieldError::new("invalid_value", "Допустимые значения: work_order, delivery_notice"));
    }
    errs.into_result()?;
    let w = ctx.write(who).await?;
    let deal = open_deal(&w, deal_id).await?;
    let invoice = docs::row(&w.tx, w.actor.scope, d.invoice_id).await.map_err(|_| AppError::field("invoice_id", FieldError::new("not_found", "Нет такого счёта по этой сделке")))?;
    if invoice.doc.deal_id != Some(deal.id) || invoice.doc.kind != DocumentKind::Invoice.as_str() {
        return Err(AppError::field("invoice_id", FieldError::new("not_found", "Нет такого счёта по этой сделке")));
    }
    check_issuer(&w, &deal).await?;
    let mut doc = new_document(&w, &deal, d.kind, DRAFT).await?;
    doc.source_id = Some(invoice.doc.id);
    doc.total_minor = invoice.doc.total_minor;
    doc.vat_total_minor = invoice.doc.vat_total_minor;
    doc.details = Some(serde_json::to_string(&Details { notes, ..Default::default() }).map_err(|e| AppError::Internal(e.into()))?);
    let lines = copy_lines(doc.id, &invoice.lines);
    let saved = docs::insert(&w.tx, DocumentRow { doc, lines, schedule: vec![] }).await?;
    journal_created(&w, &deal, &saved.doc);
    w.commit().await?;
    Ok(saved)
}

/// A deal's documents and e-mails, for its «Документы» tab.
pub async fn of_deal(ctx: &AppState, who: &Credentials, deal: DealId) -> Result<(Vec<document::Model>, Vec<persistence::entities::email::Model>), AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::DocumentsRead)?;
    persistence::repo::sales::deals::get(&ctx.db, actor.scope, deal).await?;
    let docs = docs::of_deal(&ctx.db, deal).await?;
    let emails = persistence::repo::documents::emails::of_deal(&ctx.db, deal).await?;
    Ok((docs, emails))
}

/// One document with its lines and schedule, and the contract steps the caller may take.
pub async fn get(ctx: &AppState, who: &Credentials, id: Uuid) -> Result<(DocumentRow, crate::app::Actor), AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::DocumentsRead)?;
    Ok((docs::row(&ctx.db, actor.scope, id).await?, actor))
}

/// What a new offer starts from: the current offer's lines (to revise it), or else the delivery
/// line from the logistician's answer to the delivery-cost request.
pub async fn offer_draft(ctx: &AppState, who: &Credentials, deal_id: DealId) -> Result<(Vec<document_line::Model>, Option<Uuid>, NaiveDate), AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::DocumentsRead)?;
    let deal = persistence::repo::sales::deals::get(&ctx.db, actor.scope, deal_id).await?;
    let today = ctx.today().0;
    let valid_until = today + chrono::Duration::days(14);
    let all = docs::of_deal(&ctx.db, deal_id).await?;
    if let Some(current) = all.iter().rev().find(|d| d.kind == DocumentKind::Offer.as_str() && d.status != OfferStatus::Replaced.as_str()) {
        let row = docs::row(&ctx.db, AccessScope::All, current.id).await?;
        return Ok((row.lines, Some(current.id), valid_until));
    }
    let requests = persistence::repo::work::requests::of_deal(&ctx.db, deal.id.into()).await?;
    let delivery = requests
        .iter()
        .rev()
        .find(|r| r.request.kind == "delivery_cost" && r.request.status == "completed" && r.request.cost_minor.is_some());
    let lines = delivery
        .map(|r| {
            let cost = r.request.cost_minor.unwrap_or(0);
            let rate = domain::documents::VatKind::Standard.rate_on(today);
            let vat = domain::documents::LineInput { quantity: rust_decimal::Decimal::ONE, price: print::rub(cost), discount_pct: rust_decimal::Decimal::ZERO, vat: rate }.amounts().vat;
            let to = r.request.delivery_address.clone().or_else(|| deal.delivery_address.clone());
            vec![document_line::Model {
                id: Uuid::nil(), document_id: Uuid::nil(), position: 0, item_id: None,
                name: match (&to, &r.request.carrier) {
                    (Some(a), Some(c)) => format!("Доставка: {a} ({c})"),
                    (Some(a), None) => format!("Доставка: {a}"),
                    _ => "Доставка".to_owned(),
                },
                article: None, quantity_milli: 1000, unit: Unit::ServiceUnit.as_str().to_owned(), price_minor: cost, discount_bp: 0,
                vat_rate: rate.as_str().to_owned(), amount_minor: cost, vat_minor: kop(vat),
            }]
        })
        .unwrap_or_default();
    Ok((lines, None, valid_until))
}

/// Who made the deal's documents answerable: the names printed beside them.
pub async fn manager_line(db: &impl persistence::ConnectionTrait, deal: &deal::Model) -> Result<Option<String>, AppError> {
    let Some(id) = deal.responsible_id else { return Ok(None) };
    let user = identity::get_user(db, id.into()).await?;
    Ok(Some(format!("Менеджер: {}, {}", user.full_name, user.email)))
}
