//! Sending documents: `/deals/{id}/emails/draft` (the letter filled from the template),
//! `/deals/{id}/emails` (send), `/mail-templates` (the letters, per document kind).
use crate::routes::prelude::*;
use crate::views::documents::{EmailView, email};
use app::documents::sending::Outgoing;
use domain::documents::DocumentKind;
use domain::{DealId, Email};

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct LetterQuery {
    /// The documents to send, comma-separated ids.
    pub documents: String,
}

/// A letter filled from the template, to edit before sending.
#[derive(Serialize, ToSchema)]
pub struct Letter {
    /// The client's contact with an e-mail, or the client's own e-mail.
    pub to_address: Option<String>,
    pub to_name: Option<String>,
    pub subject: String,
    pub body: String,
}

#[utoipa::path(tag = "documents", params(("id" = Uuid, Path, description = "Deal id"), LetterQuery), responses(
    (status = 200, body = Letter),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[get("/deals/{id}/emails/draft")]
pub async fn email_draft(state: web::Data<AppState>, who: Credentials, id: web::Path<DealId>, q: Query<LetterQuery>) -> Result<web::Json<Letter>, AppError> {
    let mut ids = Vec::new();
    for (i, part) in q.documents.split(',').map(str::trim).filter(|s| !s.is_empty()).enumerate() {
        ids.push(Uuid::parse_str(part).map_err(|_| AppError::field(&format!("documents[{i}]"), FieldError::new("invalid_format", "Не идентификатор документа")))?);
    }
    let l = app::documents::sending::letter(&state, &who, *id, &ids).await?;
    Ok(web::Json(Letter { to_address: l.to_address, to_name: l.to_name, subject: l.subject, body: l.body }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SendInput {
    pub document_ids: Vec<Uuid>,
    pub to_address: String,
    pub to_name: Option<String>,
    pub subject: String,
    pub body: String,
    /// With the stamp and the signature (default true).
    pub with_stamp: Option<bool>,
}

#[utoipa::path(tag = "documents", params(("id" = Uuid, Path, description = "Deal id")), request_body = SendInput, responses(
    (status = 202, body = EmailView, description = "Queued: the documents are frozen and the deal moved; delivery follows"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "A document changed meanwhile"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/deals/{id}/emails")]
pub async fn send_email(state: web::Data<AppState>, who: Credentials, id: web::Path<DealId>, body: Body<SendInput>) -> Result<HttpResponse, AppError> {
    let b = body.into_inner();
    let mut errs = FieldErrors::new();
    let to = errs.required("to_address", Some(&b.to_address), Email::parse);
    errs.into_result()?;
    let out = Outgoing {
        document_ids: b.document_ids,
        to_address: to.ok_or_else(FieldErrors::new)?,
        to_name: b.to_name,
        subject: b.subject,
        body: b.body,
        with_stamp: b.with_stamp.unwrap_or(true),
    };
    let saved = app::documents::sending::send(&state, &who, *id, out).await?;
    Ok(HttpResponse::Accepted().json(email(&saved)))
}

#[derive(Serialize, ToSchema)]
pub struct MailTemplate {
    pub document_kind: DocumentKind,
    pub subject: String,
    pub body: String,
    /// False while it is the built-in default.
    pub customised: bool,
}

#[derive(Serialize, ToSchema)]
pub struct MailTemplateList {
    pub items: Vec<MailTemplate>,
    /// What a template may say: `{{client}}`, `{{contact_name}}`, `{{document}}`, `{{number}}`,
    /// `{{amount}}`, `{{manager}}`, `{{organization}}`.
    pub placeholders: Vec<String>,
}

#[utoipa::path(tag = "documents", responses(
    (status = 200, body = MailTemplateList),
    (status = 403, body = Problem, content_type = "application/problem+json"),
))]
#[get("/mail-templates")]
pub async fn list_mail_templates(state: web::Data<AppState>, who: Credentials) -> Result<web::Json<MailTemplateList>, AppError> {
    let items = app::documents::templates::list(&state, &who).await?;
    Ok(web::Json(MailTemplateList {
        items: items.into_iter().map(|(k, subject, body, customised)| MailTemplate { document_kind: k, subject, body, customised }).collect(),
        placeholders: domain::documents::Placeholder::ALL.iter().map(|p| format!("{{{{{}}}}}", p.as_str())).collect(),
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MailTemplateInput {
    pub subject: String,
    pub body: String,
}

#[utoipa::path(tag = "documents", params(("kind" = DocumentKind, Path)), request_body = MailTemplateInput, responses(
    (status = 200, body = MailTemplate),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "An unknown placeholder, an empty subject or body"),
))]
#[put("/mail-templates/{kind}")]
pub async fn put_mail_template(state: web::Data<AppState>, who: Credentials, kind: web::Path<String>, body: Body<MailTemplateInput>) -> Result<web::Json<MailTemplate>, AppError> {
    let kind = DocumentKind::parse(&kind).ok_or(AppError::NotFound)?;
    let saved = app::documents::templates::put(&state, &who, kind, &body.subject, &body.body).await?;
    Ok(web::Json(MailTemplate { document_kind: kind, subject: saved.subject, body: saved.body, customised: true }))
}
