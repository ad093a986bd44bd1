//! `/clients`: the list, the card, "find similar", creation with the first counterparty and
//! contact, edits, the history.
use super::contacts::ContactInput;
use super::counterparties::CounterpartyInput;
use crate::routes::prelude::*;
use crate::views::clients::{ClientDetail, ClientSummary, detail, summary};
use app::clients::clients::{ClientCard, Likeness};
use domain::clients::commands::{ClientChanges, NewClient as NewClientCmd};
use domain::clients::{PersonKind, Relationship};
use domain::{ClientId, Email, Inn, Phone, normalize_company_name};
use persistence::repo::clients::{ClientFilter, ClientSort as Sort};

/// Why a client was found similar.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SimilarReason { Inn, Phone, Email, Name }

/// Client list orders (`-` = descending).
#[derive(Serialize, ToSchema)]
pub enum ClientSort {
    #[serde(rename = "name")] Name,
    #[serde(rename = "-name")] NameDesc,
    #[serde(rename = "created_at")] Created,
    #[serde(rename = "-created_at")] CreatedDesc,
    #[serde(rename = "updated_at")] Updated,
    #[serde(rename = "-updated_at")] UpdatedDesc,
}

fn card_out(c: ClientCard) -> Result<ClientDetail, AppError> {
    detail(c.row, &c.names)
}

#[derive(Serialize, ToSchema)]
pub struct ClientPage {
    pub items: Vec<ClientSummary>,
    pub next_cursor: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ClientListQuery {
    /// Searches name, public name, INN, phone and e-mail.
    pub q: Option<String>,
    pub relationship: Option<String>,
    pub organization_id: Option<Uuid>,
    pub manager_id: Option<Uuid>,
    /// `name` (default), `-name`, `created_at`, `-created_at`, `updated_at`, `-updated_at`.
    #[param(value_type = Option<ClientSort>)]
    pub sort: Option<String>,
    /// 1..=200, default 50.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

impl TryFrom<&ClientListQuery> for ClientFilter {
    type Error = FieldErrors;
    fn try_from(q: &ClientListQuery) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let sort = q.sort.as_deref().map_or(Some(Sort::Name), Sort::parse);
        if sort.is_none() {
            errors.add("sort", FieldError::new("invalid_value", "Допустимые значения: name, -name, created_at, -created_at, updated_at, -updated_at"));
        }
        let relationship = q.relationship.as_deref().and_then(|r| named::<Relationship>(&mut errors, "relationship", r));
        errors.into_result()?;
        Ok(ClientFilter {
            q: q.q.as_deref().map(|s| s.trim().to_lowercase()),
            relationship,
            organization_id: q.organization_id.map(Into::into),
            manager_id: q.manager_id.map(Into::into),
            sort: sort.unwrap_or_default(),
        })
    }
}

#[utoipa::path(tag = "clients", params(ClientListQuery), responses(
    (status = 200, body = ClientPage),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "unknown `sort` or `relationship`"),
))]
#[get("/clients")]
pub async fn list_clients(state: web::Data<AppState>, who: Credentials, q: Query<ClientListQuery>) -> Result<web::Json<ClientPage>, AppError> {
    let filter = ClientFilter::try_from(&*q)?;
    let (list, next_cursor) = app::clients::clients::list(&state, &who, &filter, page_limit(q.limit)?, q.cursor.as_deref()).await?;
    let items = list.items.iter().map(|c| summary(c, &list.counterparties, &list.names)).collect::<Result<_, _>>()?;
    Ok(web::Json(ClientPage { items, next_cursor }))
}

/// The filters of the client list, for its export (all of them, no paging).
#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ClientExportQuery {
    pub q: Option<String>,
    pub relationship: Option<String>,
    pub organization_id: Option<Uuid>,
    pub manager_id: Option<Uuid>,
    #[param(value_type = Option<ClientSort>)]
    pub sort: Option<String>,
    /// `csv` (default) or `xlsx`.
    pub format: Option<String>,
}

const EXPORT_HEADER: [&str; 9] = ["Клиент", "ИНН", "Отношения", "Телефон", "E-mail", "Сегмент", "Менеджер", "Организация", "Создан"];

fn export_row(c: &ClientSummary) -> Vec<crate::exports::Cell> {
    use crate::exports::Cell;
    let relationship = match c.relationship {
        Relationship::Prospect => "Потенциальный",
        Relationship::Client => "Клиент",
        Relationship::Partner => "Партнёр",
    };
    vec![
        c.name.clone().into(), c.inn.clone().into(), Cell::Text(relationship.into()), c.phone.clone().into(), c.email.clone().into(),
        c.segment.clone().into(), c.manager_name.clone().into(), c.organization_name.clone().into(), Cell::Time(c.created_at),
    ]
}

#[utoipa::path(tag = "clients", params(ClientExportQuery), responses(
    (status = 200, content_type = "text/csv", description = "the clients the filters select, in the list's order: CSV for Excel (UTF-8 with BOM, `;`) streamed page by page, or with `format=xlsx` a workbook"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[get("/clients/export")]
pub async fn export_clients(state: web::Data<AppState>, who: Credentials, req: HttpRequest, q: Query<ClientExportQuery>) -> Result<HttpResponse, AppError> {
    let format = crate::exports::Format::parse(q.format.as_deref())?;
    let list = ClientListQuery {
        q: q.q.clone(), relationship: q.relationship.clone(), organization_id: q.organization_id, manager_id: q.manager_id, sort: q.sort.clone(),
        limit: None, cursor: None,
    };
    let filter = ClientFilter::try_from(&list)?;
    // Refused before the first byte: the right to read is checked here, then on every page.
    app::clients::clients::list(&state, &who, &filter, 1, None).await?;
    let today = state.today().0;
    let sheet = crate::exports::Sheet { name: "clients", title: "Клиенты", header: &EXPORT_HEADER, row: export_row };
    crate::exports::respond(&req, format, sheet, today, move |cursor| {
        let (state, who, filter) = (state.clone(), who.clone(), filter.clone());
        async move {
            let (list, next) = app::clients::clients::list(&state, &who, &filter, crate::exports::PAGE, cursor.as_deref()).await?;
            let items = list.items.iter().map(|c| summary(c, &list.counterparties, &list.names)).collect::<Result<Vec<_>, _>>()?;
            Ok((items, next))
        }
    })
    .await
}

#[utoipa::path(tag = "clients", params(("id" = Uuid, Path)), responses(
    (status = 200, body = ClientDetail),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/clients/{id}")]
pub async fn get_client(state: web::Data<AppState>, who: Credentials, id: web::Path<ClientId>) -> Result<web::Json<ClientDetail>, AppError> {
    Ok(web::Json(card_out(app::clients::clients::get(&state, &who, *id).await?)?))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewClient {
    pub name: String,
    pub public_name: Option<String>,
    #[schema(value_type = PersonKind)]
    pub person_kind: String,
    /// Default `client`.
    #[schema(value_type = Option<Relationship>)]
    pub relationship: Option<String>,
    pub segment: Option<String>,
    pub client_type: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub manager_id: Option<Uuid>,
    /// Head office only: the owning organization (default: the caller's).
    pub organization_id: Option<Uuid>,
    pub notes: Option<String>,
    pub counterparty: Option<CounterpartyInput>,
    pub contact: Option<ContactInput>,
}

impl TryFrom<NewClient> for NewClientCmd {
    type Error = FieldErrors;
    fn try_from(b: NewClient) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = errors.required("name", Some(&b.name), |s| domain::text(300, s));
        let public_name = opt_text(&mut errors, "public_name", b.public_name.as_deref(), 300);
        let person_kind = named::<PersonKind>(&mut errors, "person_kind", &b.person_kind);
        let relationship = named::<Relationship>(&mut errors, "relationship", b.relationship.as_deref().unwrap_or("client"));
        let segment = opt_text(&mut errors, "segment", b.segment.as_deref(), 100);
        let client_type = opt_text(&mut errors, "client_type", b.client_type.as_deref(), 100);
        let notes = opt_text(&mut errors, "notes", b.notes.as_deref(), 5000);
        let email = errors.optional("email", b.email.as_deref(), Email::parse);
        let phone = errors.optional("phone", b.phone.as_deref(), Phone::parse);
        let counterparty = b.counterparty.as_ref().and_then(|c| match c.requisites() {
            Ok(r) => Some(r),
            Err(e) => {
                errors.merge_prefixed("counterparty", e);
                None
            }
        });
        let contact = b.contact.as_ref().and_then(|c| match c.details() {
            Ok(d) => Some(d),
            Err(e) => {
                errors.merge_prefixed("contact", e);
                None
            }
        });
        match (name, person_kind, relationship) {
            (Some(name), Some(person_kind), Some(relationship)) if errors.is_empty() => Ok(NewClientCmd {
                name, public_name, person_kind, relationship, segment, client_type, email, phone, notes, counterparty, contact,
                manager_id: b.manager_id.map(Into::into),
                organization_id: b.organization_id.map(Into::into),
            }),
            _ => Err(errors),
        }
    }
}

#[utoipa::path(tag = "clients", request_body = NewClient, responses(
    (status = 201, body = ClientDetail),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json", description = "organization_id outside the caller's scope"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/clients")]
pub async fn create_client(state: web::Data<AppState>, who: Credentials, body: Body<NewClient>) -> Result<HttpResponse, AppError> {
    let cmd = NewClientCmd::try_from(body.into_inner())?;
    Ok(HttpResponse::Created().json(card_out(app::clients::clients::create(&state, &who, cmd).await?)?))
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct SimilarQuery {
    pub name: Option<String>,
    pub inn: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub exclude_id: Option<Uuid>,
}

#[derive(Serialize, ToSchema)]
pub struct SimilarClient {
    pub client: ClientSummary,
    pub reasons: Vec<SimilarReason>,
}

#[derive(Serialize, ToSchema)]
pub struct SimilarList {
    pub items: Vec<SimilarClient>,
}

#[utoipa::path(tag = "clients", params(SimilarQuery), responses(
    (status = 200, body = SimilarList),
    (status = 403, body = Problem, content_type = "application/problem+json"),
))]
#[get("/clients/similar")]
pub async fn similar_clients(state: web::Data<AppState>, who: Credentials, q: Query<SimilarQuery>) -> Result<web::Json<SimilarList>, AppError> {
    // Partial input is normal while typing: unparsable values are simply not matched on.
    let like = Likeness {
        name_norm: q.name.as_deref().map(normalize_company_name).filter(|n| !n.is_empty()),
        inn: q.inn.as_deref().and_then(|s| Inn::parse(s).ok()).map(|v| v.as_str().to_owned()),
        phone: q.phone.as_deref().and_then(|s| Phone::parse(s).ok()).map(|v| v.as_str().to_owned()),
        email: q.email.as_deref().and_then(|s| Email::parse(s).ok()).map(|v| v.as_str().to_owned()),
        exclude: q.exclude_id.map(Into::into),
    };
    let found = app::clients::clients::similar(&state, &who, &like).await?;
    let items = found
        .items
        .iter()
        .map(|c| {
            let mut reasons = vec![];
            if like.inn.is_some() && found.counterparties.iter().any(|cp| cp.client_id == c.id && cp.inn == like.inn) {
                reasons.push(SimilarReason::Inn);
            }
            if like.phone.is_some() && c.phone == like.phone {
                reasons.push(SimilarReason::Phone);
            }
            if like.email.is_some() && c.email == like.email {
                reasons.push(SimilarReason::Email);
            }
            if like.name_norm.as_deref().is_some_and(|n| c.name_norm.contains(n)) {
                reasons.push(SimilarReason::Name);
            }
            Ok(SimilarClient { client: summary(c, &found.counterparties, &found.names)?, reasons })
        })
        .collect::<Result<_, AppError>>()?;
    Ok(web::Json(SimilarList { items }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClientPatch {
    /// The version the edit was made on; a stale one is 409 `version_conflict`.
    pub version: i32,
    pub name: Option<String>,
    pub person_kind: Option<String>,
    pub relationship: Option<String>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub public_name: Clearable<String>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub segment: Clearable<String>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub client_type: Clearable<String>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub email: Clearable<String>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub phone: Clearable<String>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub notes: Clearable<String>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<Uuid>)]
    pub manager_id: Clearable<Uuid>,
}

impl TryFrom<ClientPatch> for ClientChanges {
    type Error = FieldErrors;
    fn try_from(b: ClientPatch) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = b.name.as_deref().and_then(|n| errors.required("name", Some(n), |s| domain::text(300, s)));
        let person_kind = b.person_kind.as_deref().and_then(|k| named::<PersonKind>(&mut errors, "person_kind", k));
        let relationship = b.relationship.as_deref().and_then(|r| named::<Relationship>(&mut errors, "relationship", r));
        let public_name = clear_text(&mut errors, "public_name", &b.public_name, 300);
        let segment = clear_text(&mut errors, "segment", &b.segment, 100);
        let client_type = clear_text(&mut errors, "client_type", &b.client_type, 100);
        let notes = clear_text(&mut errors, "notes", &b.notes, 5000);
        let email = b.email.as_ref().map(|v| errors.optional("email", v.as_deref(), Email::parse));
        let phone = b.phone.as_ref().map(|v| errors.optional("phone", v.as_deref(), Phone::parse));
        errors.into_result()?;
        Ok(ClientChanges {
            version: b.version, name, person_kind, relationship, public_name, segment, client_type, email, phone, notes,
            manager_id: b.manager_id.map(|m| m.map(Into::into)),
        })
    }
}

#[utoipa::path(tag = "clients", params(("id" = Uuid, Path)), request_body = ClientPatch, responses(
    (status = 200, body = ClientDetail),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "version_conflict"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[patch("/clients/{id}")]
pub async fn update_client(state: web::Data<AppState>, who: Credentials, id: web::Path<ClientId>, body: Body<ClientPatch>) -> Result<web::Json<ClientDetail>, AppError> {
    let changes = ClientChanges::try_from(body.into_inner())?;
    Ok(web::Json(card_out(app::clients::clients::update(&state, &who, *id, changes).await?)?))
}

#[derive(Serialize, ToSchema)]
pub struct AuditEntry {
    pub id: Uuid,
    pub at: DateTime<Utc>,
    pub actor_name: String,
    pub action: domain::clients::AuditAction,
    /// client | counterparty | contact | bank_account
    pub entity_type: String,
    pub entity_id: Uuid,
    /// What changed, by field.
    pub changes: std::collections::BTreeMap<String, FieldChange>,
}

/// One field's value before and after (`null` when it was or became empty).
#[derive(Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldChange {
    pub old: serde_json::Value,
    pub new: serde_json::Value,
}

#[derive(Serialize, ToSchema)]
pub struct AuditList {
    pub items: Vec<AuditEntry>,
}

#[utoipa::path(tag = "clients", params(("id" = Uuid, Path)), responses(
    (status = 200, body = AuditList),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/clients/{id}/history")]
pub async fn client_history(state: web::Data<AppState>, who: Credentials, id: web::Path<ClientId>) -> Result<web::Json<AuditList>, AppError> {
    let rows = app::clients::clients::history(&state, &who, *id).await?;
    let items = rows
        .into_iter()
        .map(|r| {
            Ok(AuditEntry {
                action: r.action()?,
                changes: serde_json::from_str(&r.changes).map_err(|e| AppError::Internal(anyhow::anyhow!("history entry {}: {e}", r.id)))?,
                id: r.id, at: r.at, actor_name: r.actor_name, entity_type: r.entity_type, entity_id: r.entity_id,
            })
        })
        .collect::<Result<_, AppError>>()?;
    Ok(web::Json(AuditList { items }))
}
