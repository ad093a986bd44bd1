//! A deal's documents: `/deals/{id}/documents` (the list and the e-mails), `/deals/{id}/offers`
//! (a new offer or its next version; `/offers/draft` is where a new one starts), `/contracts`,
//! `/invoices`, `/follow-ups` (work order, delivery notice), `/documents/{id}` and its `pdf`,
//! and `/documents/{id}/contract-steps`.
use crate::routes::prelude::*;
use crate::views::documents::{DocumentLine, DocumentSummary, DocumentView, EmailView, document, email, line, summary};
use app::documents::documents::{ContractDraft, FollowUpDraft, InvoiceDraft, LineDraft, OfferDraft};
use app::documents::stored::BuyerSignatory;
use chrono::NaiveDate;
use domain::DealId;
use domain::documents::{ContractAction, ContractKind, DocumentKind, RawLine, ScheduleTerms};
use rust_decimal::Decimal;

#[derive(Serialize, ToSchema)]
pub struct DealDocuments {
    /// Oldest first; every offer version is listed.
    pub items: Vec<DocumentSummary>,
    /// Newest first.
    pub emails: Vec<EmailView>,
}

#[utoipa::path(tag = "documents", params(("id" = Uuid, Path, description = "Deal id")), responses(
    (status = 200, body = DealDocuments),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/deals/{id}/documents")]
pub async fn deal_documents(state: web::Data<AppState>, who: Credentials, id: web::Path<DealId>) -> Result<web::Json<DealDocuments>, AppError> {
    let (docs, emails) = app::documents::documents::of_deal(&state, &who, *id).await?;
    Ok(web::Json(DealDocuments { items: docs.iter().map(summary).collect::<Result<_, _>>()?, emails: emails.iter().map(email).collect() }))
}

/// One line as entered. Numbers as strings (`"12.5"`) or JSON numbers.
#[derive(Deserialize, ToSchema, Clone)]
#[serde(deny_unknown_fields)]
pub struct LineInput {
    /// A catalogue item, when the line is one.
    pub item_id: Option<Uuid>,
    pub name: String,
    pub article: Option<String>,
    /// pcs | m2 | kg | set | service_unit.
    pub unit: String,
    #[schema(value_type = String, example = "120")]
    pub quantity: Decimal,
    /// Per unit, VAT included.
    #[schema(value_type = String, example = "1850.00")]
    pub price: Decimal,
    #[serde(default)]
    #[schema(value_type = Option<String>, example = "5")]
    pub discount_pct: Decimal,
    /// vat22 | vat20 | vat10 | vat0 | none (in force on the document's date).
    pub vat: String,
}

impl From<&LineInput> for LineDraft {
    fn from(l: &LineInput) -> LineDraft {
        LineDraft {
            item_id: l.item_id,
            name: l.name.clone(),
            article: l.article.clone(),
            unit: l.unit.clone(),
            raw: RawLine { quantity: l.quantity, price: l.price, discount_pct: l.discount_pct, vat: l.vat.clone() },
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OfferInput {
    pub lines: Vec<LineInput>,
    /// The offer holds until this day (14 days when left out).
    pub valid_until: Option<NaiveDate>,
    pub terms: Option<String>,
    /// Make the next version of this offer: it is marked replaced and stays readable.
    pub replaces: Option<Uuid>,
}

#[utoipa::path(tag = "documents", params(("id" = Uuid, Path, description = "Deal id")), request_body = OfferInput, responses(
    (status = 201, body = DocumentView),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "A line's quantity, price, discount or VAT, the validity date; `replaces` already replaced"),
))]
#[post("/deals/{id}/offers")]
pub async fn create_offer(state: web::Data<AppState>, who: Credentials, id: web::Path<DealId>, body: Body<OfferInput>) -> Result<HttpResponse, AppError> {
    let b = body.into_inner();
    let draft = OfferDraft { lines: b.lines.iter().map(LineDraft::from).collect(), valid_until: b.valid_until, terms: b.terms, replaces: b.replaces };
    let row = app::documents::documents::create_offer(&state, &who, *id, draft).await?;
    Ok(HttpResponse::Created().json(document(&row, Role::Manager)?))
}

/// Where a new offer starts: the current offer's lines to revise, or the delivery line from the
/// logistician's answer.
#[derive(Serialize, ToSchema)]
pub struct OfferStart {
    pub lines: Vec<DocumentLine>,
    /// The offer a new one would replace (send it as `replaces`).
    pub replaces: Option<Uuid>,
    pub valid_until: NaiveDate,
}

#[utoipa::path(tag = "documents", params(("id" = Uuid, Path, description = "Deal id")), responses(
    (status = 200, body = OfferStart),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/deals/{id}/offers/draft")]
pub async fn offer_draft(state: web::Data<AppState>, who: Credentials, id: web::Path<DealId>) -> Result<web::Json<OfferStart>, AppError> {
    let (lines, replaces, valid_until) = app::documents::documents::offer_draft(&state, &who, *id).await?;
    Ok(web::Json(OfferStart { lines: lines.iter().map(line).collect(), replaces, valid_until }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignatoryInput {
    /// «Генеральный директор».
    pub position: Option<String>,
    /// «Петров Пётр Петрович».
    pub name: String,
    /// «в лице Генерального директора Петрова Петра Петровича, действующего на основании Устава».
    pub acting: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContractInput {
    #[schema(value_type = ContractKind)]
    pub kind: String,
    pub valid_until: Option<NaiveDate>,
    /// Who signs for the counterparty.
    pub signatory: SignatoryInput,
    /// The counterparty's account the contract names (its first when left out).
    pub bank_account_id: Option<Uuid>,
}

#[utoipa::path(tag = "documents", params(("id" = Uuid, Path, description = "Deal id")), request_body = ContractInput, responses(
    (status = 201, body = DocumentView),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "The kind, the signatory, a counterparty without requisites (`counterparty.inn`…), an organization without requisites"),
))]
#[post("/deals/{id}/contracts")]
pub async fn create_contract(state: web::Data<AppState>, who: Credentials, id: web::Path<DealId>, body: Body<ContractInput>) -> Result<HttpResponse, AppError> {
    let b = body.into_inner();
    let mut errs = FieldErrors::new();
    let kind = named::<ContractKind>(&mut errs, "kind", &b.kind);
    errs.into_result()?;
    let draft = ContractDraft {
        kind: kind.ok_or_else(FieldErrors::new)?,
        valid_until: b.valid_until,
        signatory: BuyerSignatory { position: b.signatory.position, name: Some(b.signatory.name), acting: Some(b.signatory.acting) },
        bank_account_id: b.bank_account_id,
    };
    let row = app::documents::documents::create_contract(&state, &who, *id, draft).await?;
    Ok(HttpResponse::Created().json(document(&row, who_role(&state, &who).await?)?))
}

/// The caller's role, for the contract steps a view offers.
async fn who_role(state: &AppState, who: &Credentials) -> Result<Role, AppError> {
    Ok(state.read(who).await?.role)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InvoiceInput {
    /// The offer version invoiced (not a replaced one).
    pub offer_id: Uuid,
    /// `{"kind": "prepayment", "days": 5}`, `{"kind": "fifty_fifty", "days": 5, "second_due_date": "2027-01-15"}`,
    /// `{"kind": "custom", "parts": [{"percent": "30", "due_date": "2026-12-05"}, …]}` (adding up to 100), `{"kind": "deferral", "days": 30}`.
    pub schedule: ScheduleTerms,
    pub bank_account_id: Option<Uuid>,
}

#[utoipa::path(tag = "documents", params(("id" = Uuid, Path, description = "Deal id")), request_body = InvoiceInput, responses(
    (status = 201, body = DocumentView),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "A replaced offer version, a schedule that does not add up, a deal without a counterparty"),
))]
#[post("/deals/{id}/invoices")]
pub async fn create_invoice(state: web::Data<AppState>, who: Credentials, id: web::Path<DealId>, body: Body<InvoiceInput>) -> Result<HttpResponse, AppError> {
    let b = body.into_inner();
    let row = app::documents::documents::create_invoice(&state, &who, *id, InvoiceDraft { offer_id: b.offer_id, schedule: b.schedule, bank_account_id: b.bank_account_id }).await?;
    Ok(HttpResponse::Created().json(document(&row, Role::Manager)?))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowUpInput {
    /// work_order | delivery_notice.
    #[schema(value_type = DocumentKind)]
    pub kind: String,
    /// The invoice whose lines it lists.
    pub invoice_id: Uuid,
    /// Paragraphs: the address, the dates, the crew or production, what to check…
    #[serde(default)]
    pub notes: Vec<String>,
}

#[utoipa::path(tag = "documents", params(("id" = Uuid, Path, description = "Deal id")), request_body = FollowUpInput, responses(
    (status = 201, body = DocumentView),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/deals/{id}/follow-ups")]
pub async fn create_follow_up(state: web::Data<AppState>, who: Credentials, id: web::Path<DealId>, body: Body<FollowUpInput>) -> Result<HttpResponse, AppError> {
    let b = body.into_inner();
    let mut errs = FieldErrors::new();
    let kind = named::<DocumentKind>(&mut errs, "kind", &b.kind);
    errs.into_result()?;
    let draft = FollowUpDraft { kind: kind.ok_or_else(FieldErrors::new)?, invoice_id: b.invoice_id, notes: b.notes };
    let row = app::documents::documents::create_follow_up(&state, &who, *id, draft).await?;
    Ok(HttpResponse::Created().json(document(&row, Role::Manager)?))
}

#[utoipa::path(tag = "documents", params(("id" = Uuid, Path, description = "Document id")), responses(
    (status = 200, body = DocumentView),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/documents/{id}")]
pub async fn get_document(state: web::Data<AppState>, who: Credentials, id: web::Path<Uuid>) -> Result<web::Json<DocumentView>, AppError> {
    let (row, actor) = app::documents::documents::get(&state, &who, *id).await?;
    Ok(web::Json(document(&row, actor.role)?))
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct PdfQuery {
    /// With the stamp and the signature (default) or without.
    pub stamp: Option<bool>,
    /// `1`: as an attachment rather than shown in the browser.
    pub download: Option<bool>,
}

#[utoipa::path(tag = "documents", params(("id" = Uuid, Path, description = "Document id"), PdfQuery), responses(
    (status = 200, description = "The document as PDF: a draft as it prints now, a sent one from its frozen snapshot", content_type = "application/pdf"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/documents/{id}/pdf")]
pub async fn document_pdf(state: web::Data<AppState>, who: Credentials, id: web::Path<Uuid>, q: Query<PdfQuery>) -> Result<HttpResponse, AppError> {
    use actix_web::http::header::{Charset, ContentDisposition, DispositionParam, DispositionType, ExtendedValue};
    let (bytes, name) = app::documents::sending::pdf(&state, &who, *id, q.stamp.unwrap_or(true)).await?;
    let disposition = ContentDisposition {
        disposition: if q.download.unwrap_or(false) { DispositionType::Attachment } else { DispositionType::Inline },
        parameters: vec![DispositionParam::FilenameExt(ExtendedValue { charset: Charset::Ext("UTF-8".into()), language_tag: None, value: name.into_bytes() })],
    };
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header(disposition)
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .insert_header(("Cache-Control", "private, no-cache"))
        .body(bytes))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContractStepInput {
    #[schema(value_type = ContractAction)]
    pub action: String,
    /// The contract's version as read.
    pub version: i32,
    /// Why (required to return a protocol or to end without agreement).
    pub comment: Option<String>,
    /// The signed scan: a file uploaded to the deal.
    pub scan_file_id: Option<Uuid>,
    /// The admin checked the counterparty's requisites against the signed scan.
    #[serde(default)]
    pub requisites_checked: bool,
}

#[utoipa::path(tag = "documents", params(("id" = Uuid, Path, description = "Contract id")), request_body = ContractStepInput, responses(
    (status = 200, body = DocumentView),
    (status = 403, body = Problem, content_type = "application/problem+json", description = "Not the caller's role for this step"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "version_conflict"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "Not from this status, or what is missing (the scan, the approved counterparty, the checked requisites, the comment)"),
))]
#[post("/documents/{id}/contract-steps")]
pub async fn contract_step(state: web::Data<AppState>, who: Credentials, id: web::Path<Uuid>, body: Body<ContractStepInput>) -> Result<web::Json<DocumentView>, AppError> {
    let b = body.into_inner();
    let mut errs = FieldErrors::new();
    let action = named::<ContractAction>(&mut errs, "action", &b.action);
    errs.into_result()?;
    let step = app::documents::contracts::Step {
        action: action.ok_or_else(FieldErrors::new)?,
        version: b.version,
        comment: b.comment,
        scan_file_id: b.scan_file_id,
        requisites_checked: b.requisites_checked,
    };
    let row = app::documents::contracts::step(&state, &who, *id, step).await?;
    Ok(web::Json(document(&row, who_role(&state, &who).await?)?))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TypicalOfferInput {
    pub to_address: String,
    pub to_name: Option<String>,
    /// With the stamp and the signature (default true).
    pub with_stamp: Option<bool>,
}

/// The typical offer made and queued for sending.
#[derive(Serialize, ToSchema)]
pub struct TypicalOfferSent {
    pub document: DocumentView,
    pub email: EmailView,
}

#[utoipa::path(tag = "documents", params(("id" = Uuid, Path, description = "Lead id")), request_body = TypicalOfferInput, responses(
    (status = 202, body = TypicalOfferSent, description = "Made from the rouble price list in force, frozen and queued; the lead moves to «Типовое КП отправлено»"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "The address; no price list in force; a closed lead"),
))]
#[post("/leads/{id}/typical-offer")]
pub async fn send_typical_offer(state: web::Data<AppState>, who: Credentials, id: web::Path<domain::LeadId>, body: Body<TypicalOfferInput>) -> Result<HttpResponse, AppError> {
    let b = body.into_inner();
    let mut errs = FieldErrors::new();
    let to = errs.required("to_address", Some(&b.to_address), domain::Email::parse);
    errs.into_result()?;
    let t = app::documents::typical::TypicalOffer { to_address: to.ok_or_else(FieldErrors::new)?, to_name: b.to_name, with_stamp: b.with_stamp.unwrap_or(true) };
    let (doc, mail) = app::documents::typical::send(&state, &who, *id, t).await?;
    Ok(HttpResponse::Accepted().json(TypicalOfferSent { document: document(&doc, Role::Manager)?, email: email(&mail) }))
}

#[utoipa::path(tag = "documents", params(("id" = Uuid, Path, description = "Lead id")), responses(
    (status = 200, body = DealDocuments),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/leads/{id}/documents")]
pub async fn lead_documents(state: web::Data<AppState>, who: Credentials, id: web::Path<domain::LeadId>) -> Result<web::Json<DealDocuments>, AppError> {
    let (docs, emails) = app::documents::typical::of_lead(&state, &who, *id).await?;
    Ok(web::Json(DealDocuments { items: docs.iter().map(summary).collect::<Result<_, _>>()?, emails: emails.iter().map(email).collect() }))
}
