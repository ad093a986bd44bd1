//! Documents as the API shows them: in a deal's list (and in search, later) and whole.
use crate::app::documents::stored::{DRAFT, Details, ISSUED, SENT};
use crate::app::documents::print;
use crate::error::AppError;
use chrono::{DateTime, NaiveDate, Utc};
use domain::Role;
use domain::documents::{ContractAction, ContractKind, ContractStatus, DocumentKind, OfferStatus, contract_actions};
use persistence::entities::{document, email};
use persistence::repo::documents::documents::DocumentRow;
use rust_decimal::Decimal;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// A document in a list.
#[derive(Serialize, ToSchema)]
pub struct DocumentSummary {
    pub id: Uuid,
    pub deal_id: Option<Uuid>,
    pub kind: DocumentKind,
    /// As printed: «КП-12», «17/26», «17».
    pub number: String,
    /// An offer's version (1, 2…); 1 for the other kinds.
    pub version_no: i32,
    pub date: NaiveDate,
    /// Offer: draft | sent | replaced; contract: its workflow status; invoice: issued; work
    /// order and notice: draft | sent.
    pub status: String,
    pub status_name: String,
    pub contract_kind: Option<ContractKind>,
    /// Roubles with VAT.
    #[schema(value_type = String)]
    pub total: Decimal,
    #[schema(value_type = String)]
    pub vat_total: Decimal,
    /// When it was first e-mailed; from then on it prints from its frozen snapshot.
    pub sent_at: Option<DateTime<Utc>>,
    pub frozen: bool,
    /// The document it was made from (an invoice's offer, an offer version's predecessor…).
    pub source_id: Option<Uuid>,
    /// The name its PDF travels under: «Счёт на оплату № 17 от 30.11.2026.pdf».
    pub file_name: String,
    pub created_at: DateTime<Utc>,
}

/// A status as people read it.
pub fn status_name(d: &document::Model) -> String {
    match DocumentKind::parse(&d.kind) {
        Some(DocumentKind::Offer) => OfferStatus::parse(&d.status).map_or_else(|| d.status.clone(), |s| s.name_ru().to_owned()),
        Some(DocumentKind::Contract) => ContractStatus::parse(&d.status).map_or_else(|| d.status.clone(), |s| s.name_ru().to_owned()),
        _ => match d.status.as_str() {
            ISSUED if d.sent_at.is_some() => "Выставлен и отправлен".to_owned(),
            ISSUED => "Выставлен".to_owned(),
            DRAFT => "Черновик".to_owned(),
            SENT => "Отправлен".to_owned(),
            "cancelled" => "Отменён".to_owned(),
            other => other.to_owned(),
        },
    }
}

pub fn summary(d: &document::Model) -> Result<DocumentSummary, AppError> {
    Ok(DocumentSummary {
        id: d.id,
        deal_id: d.deal_id,
        kind: DocumentKind::parse(&d.kind).ok_or_else(|| AppError::Internal(anyhow::anyhow!("document kind {}", d.kind)))?,
        number: d.number.clone(),
        version_no: d.version_no,
        date: d.doc_date,
        status: d.status.clone(),
        status_name: status_name(d),
        contract_kind: d.contract_kind.as_deref().and_then(ContractKind::parse),
        total: print::rub(d.total_minor),
        vat_total: print::rub(d.vat_total_minor),
        sent_at: d.sent_at,
        frozen: d.snapshot.is_some(),
        source_id: d.source_id,
        file_name: crate::app::documents::sending::file_name(d),
        created_at: d.created_at,
    })
}

/// One line as stored: its VAT rate and amounts are the document's own.
#[derive(Serialize, ToSchema)]
pub struct DocumentLine {
    pub position: i32,
    pub item_id: Option<Uuid>,
    pub name: String,
    pub article: Option<String>,
    #[schema(value_type = String)]
    pub quantity: Decimal,
    /// An OKEI unit code name: pcs, m2, kg, set, service_unit.
    pub unit: String,
    #[schema(value_type = String)]
    pub price: Decimal,
    #[schema(value_type = String)]
    pub discount_pct: Decimal,
    /// vat22 | vat20 | vat10 | vat0 | none.
    pub vat: String,
    #[schema(value_type = String)]
    pub amount: Decimal,
    #[schema(value_type = String)]
    pub vat_amount: Decimal,
}

pub fn line(l: &persistence::entities::document_line::Model) -> DocumentLine {
    DocumentLine {
        position: l.position,
        item_id: l.item_id,
        name: l.name.clone(),
        article: l.article.clone(),
        quantity: Decimal::new(l.quantity_milli, 3).normalize(),
        unit: l.unit.clone(),
        price: print::rub(l.price_minor),
        discount_pct: Decimal::new(i64::from(l.discount_bp), 2).normalize(),
        vat: l.vat_rate.clone(),
        amount: print::rub(l.amount_minor),
        vat_amount: print::rub(l.vat_minor),
    }
}

/// One payment of an invoice's schedule.
#[derive(Serialize, ToSchema)]
pub struct SchedulePartView {
    #[schema(value_type = String)]
    pub percent: Decimal,
    #[schema(value_type = String)]
    pub amount: Decimal,
    pub due_date: NaiveDate,
}

/// The buyer's signatory a contract names.
#[derive(Serialize, ToSchema)]
pub struct SignatoryView {
    pub position: Option<String>,
    pub name: Option<String>,
    pub acting: Option<String>,
}

/// A whole document.
#[derive(Serialize, ToSchema)]
pub struct DocumentView {
    pub id: Uuid,
    pub deal_id: Option<Uuid>,
    pub organization_id: Uuid,
    pub counterparty_id: Option<Uuid>,
    pub kind: DocumentKind,
    pub number: String,
    pub version_no: i32,
    pub date: NaiveDate,
    pub status: String,
    pub status_name: String,
    pub contract_kind: Option<ContractKind>,
    pub valid_until: Option<NaiveDate>,
    pub terms: Option<String>,
    pub lines: Vec<DocumentLine>,
    #[schema(value_type = String)]
    pub total: Decimal,
    #[schema(value_type = String)]
    pub vat_total: Decimal,
    #[schema(value_type = String)]
    pub net_total: Decimal,
    /// «Сто двадцать пять тысяч рублей 50 копеек».
    pub amount_in_words: String,
    pub schedule: Vec<SchedulePartView>,
    /// The schedule as agreed (`{"kind": "fifty_fifty", …}`), for an invoice.
    #[schema(value_type = Option<Object>)]
    pub schedule_terms: Option<serde_json::Value>,
    pub signatory: Option<SignatoryView>,
    pub bank_account_id: Option<Uuid>,
    pub notes: Vec<String>,
    pub scan_file_id: Option<Uuid>,
    pub requisites_checked: bool,
    /// The last comment of a contract's step (why the protocol went back, why it ended).
    pub status_note: Option<String>,
    /// The contract steps the caller's role may try now (the refusal names what is missing).
    pub actions: Vec<ContractAction>,
    pub source_id: Option<Uuid>,
    /// The name its PDF travels under.
    pub file_name: String,
    pub sent_at: Option<DateTime<Utc>>,
    pub frozen: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

pub fn document(r: &DocumentRow, role: Role) -> Result<DocumentView, AppError> {
    let d = &r.doc;
    let kind = DocumentKind::parse(&d.kind).ok_or_else(|| AppError::Internal(anyhow::anyhow!("document kind {}", d.kind)))?;
    let details = Details::of(d);
    let actions = match (kind, ContractStatus::parse(&d.status)) {
        (DocumentKind::Contract, Some(s)) => contract_actions(s, role).into_iter().filter(|a| *a != ContractAction::Send).collect(),
        _ => vec![],
    };
    Ok(DocumentView {
        id: d.id,
        deal_id: d.deal_id,
        organization_id: d.organization_id,
        counterparty_id: d.counterparty_id,
        kind,
        number: d.number.clone(),
        version_no: d.version_no,
        date: d.doc_date,
        status: d.status.clone(),
        status_name: status_name(d),
        contract_kind: d.contract_kind.as_deref().and_then(ContractKind::parse),
        valid_until: d.valid_until,
        terms: d.terms.clone(),
        lines: r.lines.iter().map(line).collect(),
        total: print::rub(d.total_minor),
        vat_total: print::rub(d.vat_total_minor),
        net_total: print::rub(d.total_minor - d.vat_total_minor),
        amount_in_words: domain::documents::amount_in_words(print::rub(d.total_minor)).unwrap_or_default(),
        schedule: r.schedule.iter().map(|p| SchedulePartView { percent: p.percent.parse().unwrap_or_default(), amount: print::rub(p.amount_minor), due_date: p.due_date }).collect(),
        schedule_terms: d.schedule.as_deref().and_then(|s| serde_json::from_str(s).ok()),
        signatory: details.signatory.map(|s| SignatoryView { position: s.position, name: s.name, acting: s.acting }),
        bank_account_id: details.bank_account_id,
        notes: details.notes,
        scan_file_id: d.scan_file_id,
        requisites_checked: d.requisites_checked,
        status_note: d.status_note.clone(),
        actions,
        source_id: d.source_id,
        file_name: crate::app::documents::sending::file_name(d),
        sent_at: d.sent_at,
        frozen: d.snapshot.is_some(),
        created_at: d.created_at,
        updated_at: d.updated_at,
        version: d.version,
    })
}

/// An e-mail that sends documents, and how its delivery went.
#[derive(Serialize, ToSchema)]
pub struct EmailView {
    pub id: Uuid,
    pub deal_id: Option<Uuid>,
    pub to_address: String,
    pub to_name: Option<String>,
    pub subject: String,
    pub body: String,
    pub document_ids: Vec<Uuid>,
    pub with_stamp: bool,
    /// queued | retrying | sent | failed.
    pub status: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    /// The next attempt, while retrying.
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub sent_at: Option<DateTime<Utc>>,
    pub message_id: String,
    pub created_at: DateTime<Utc>,
}

pub fn email(e: &email::Model) -> EmailView {
    EmailView {
        id: e.id,
        deal_id: e.deal_id,
        to_address: e.to_address.clone(),
        to_name: e.to_name.clone(),
        subject: e.subject.clone(),
        body: e.body.clone(),
        document_ids: serde_json::from_str(&e.document_ids).unwrap_or_default(),
        with_stamp: e.with_stamp,
        status: e.status.clone(),
        attempts: e.attempts,
        last_error: e.last_error.clone(),
        next_attempt_at: (e.status == "retrying").then_some(e.available_at),
        sent_at: e.sent_at,
        message_id: e.message_id.clone(),
        created_at: e.created_at,
    }
}
