use super::prelude::*;
use crate::files::{FileStore, MAX_FILE_BYTES};
use domain::pipeline::RequestKind;
use persistence::entities::{file, timeline_entry};
use persistence::repo::cards::Subject;

// ---------- one timeline per card ----------

/// created | from_lead | stage | fields | checklist | comment | file | task_created | task_done |
/// request_opened | request_taken | request_completed | request_cancelled | payment | converted | won | lost
#[derive(Serialize, ToSchema)]
pub struct TimelineEntry {
    pub id: Uuid,
    #[schema(value_type = super::sales::CardKind)]
    pub subject_type: String,
    pub subject_id: Uuid,
    pub kind: String,
    /// A comment's text, a task's result, a loss's objections.
    pub text: Option<String>,
    /// The entry's details: `{from, to, from_name, to_name, seconds_in_from, by_fact}` for a stage
    /// change, `{field: {old, new}}` for an edit, `{file_id, name, size}` for a file, …
    #[schema(value_type = Object)]
    pub data: serde_json::Value,
    pub actor_name: String,
    pub at: DateTime<Utc>,
}

#[derive(Serialize, ToSchema)]
pub struct Timeline {
    pub items: Vec<TimelineEntry>,
}

fn entry_out(e: timeline_entry::Model) -> TimelineEntry {
    TimelineEntry {
        data: serde_json::from_str(&e.data).unwrap_or_else(|_| serde_json::json!({})),
        id: e.id, subject_type: e.subject_type, subject_id: e.subject_id, kind: e.kind, text: e.text, actor_name: e.actor_name, at: e.at,
    }
}

fn read_right(subject: Subject) -> Permission {
    match subject {
        Subject::Lead => Permission::LeadsRead,
        Subject::Deal => Permission::DealsRead,
    }
}

fn write_right(subject: Subject) -> Permission {
    match subject {
        Subject::Lead => Permission::LeadsWrite,
        Subject::Deal => Permission::DealsWrite,
    }
}

async fn timeline_of(state: &AppState, actor: &Actor, subject: Subject, id: Uuid) -> Result<web::Json<Timeline>, ApiError> {
    actor.require(read_right(subject))?;
    let rows = repo::timeline(&state.db, actor.scope, subject, id, 500).await?;
    Ok(web::Json(Timeline { items: rows.into_iter().map(entry_out).collect() }))
}

#[utoipa::path(tag = "leads", params(("id" = Uuid, Path)), responses(
    (status = 200, body = Timeline, description = "Newest first"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/leads/{id}/timeline")]
pub async fn lead_timeline(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>) -> Result<web::Json<Timeline>, ApiError> {
    timeline_of(&state, &actor, Subject::Lead, *id).await
}

#[utoipa::path(tag = "deals", params(("id" = Uuid, Path)), responses(
    (status = 200, body = Timeline, description = "Newest first; includes the history of the lead the deal came from"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/deals/{id}/timeline")]
pub async fn deal_timeline(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>) -> Result<web::Json<Timeline>, ApiError> {
    timeline_of(&state, &actor, Subject::Deal, *id).await
}

#[derive(Deserialize, ToSchema)]
pub struct NewComment {
    pub text: String,
}

async fn comment_on(state: &AppState, actor: &Actor, subject: Subject, id: Uuid, text: &str) -> Result<HttpResponse, ApiError> {
    actor.require(write_right(subject))?;
    let mut errors = FieldErrors::new();
    let text = errors.required("text", Some(text), |s| domain::text(10_000, s));
    errors.into_result()?;
    let e = repo::add_comment(&state.db, actor.scope, subject, id, text.unwrap_or_default(), &actor.audit(&state.db).await?).await?;
    Ok(HttpResponse::Created().json(entry_out(e)))
}

#[utoipa::path(tag = "leads", params(("id" = Uuid, Path)), request_body = NewComment, responses(
    (status = 201, body = TimelineEntry),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/leads/{id}/comments")]
pub async fn comment_lead(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>, body: web::Json<NewComment>) -> Result<HttpResponse, ApiError> {
    comment_on(&state, &actor, Subject::Lead, *id, &body.text).await
}

#[utoipa::path(tag = "deals", params(("id" = Uuid, Path)), request_body = NewComment, responses(
    (status = 201, body = TimelineEntry),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/deals/{id}/comments")]
pub async fn comment_deal(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>, body: web::Json<NewComment>) -> Result<HttpResponse, ApiError> {
    comment_on(&state, &actor, Subject::Deal, *id, &body.text).await
}

// ---------- files ----------

#[derive(Serialize, ToSchema)]
pub struct FileOut {
    pub id: Uuid,
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub request_id: Option<Uuid>,
    pub uploaded_by_name: Option<String>,
    pub created_at: DateTime<Utc>,
    /// Where to download it (with the same credentials).
    pub url: String,
}

pub(crate) async fn files_out(db: &persistence::Db, rows: Vec<file::Model>) -> Result<Vec<FileOut>, ApiError> {
    let users = repo::user_names(db, rows.iter().filter_map(|f| f.uploaded_by)).await?;
    Ok(rows
        .into_iter()
        .map(|f| FileOut {
            url: format!("/api/v1/files/{}", f.id),
            uploaded_by_name: f.uploaded_by.and_then(|u| users.get(&u).cloned()),
            id: f.id, name: f.name, content_type: f.content_type, size: f.size, request_id: f.request_id, created_at: f.created_at,
        })
        .collect())
}

#[derive(Deserialize, IntoParams)]
pub struct UploadQuery {
    /// The file's name as the user sees it.
    pub name: String,
}

/// Where an uploaded file goes: a card, and one of its requests when set.
struct Attach {
    subject: Subject,
    id: Uuid,
    request_id: Option<Uuid>,
}

/// Stores the body and records it on the card; the stored bytes are removed again if recording fails.
async fn upload(state: &AppState, actor: &Actor, to: Attach, req: &HttpRequest, name: &str, body: web::Bytes) -> Result<FileOut, ApiError> {
    let Attach { subject, id, request_id } = to;
    let mut errors = FieldErrors::new();
    let name = errors.required("name", Some(name), |s| domain::text(255, s)).map(|n| n.replace(['/', '\\'], "_"));
    if body.is_empty() {
        errors.add("file", FieldError::new("required", "Файл пустой"));
    } else if body.len() > MAX_FILE_BYTES {
        errors.add("file", FieldError::new("too_large", format!("Файл больше {} МБ", MAX_FILE_BYTES / 1024 / 1024)));
    }
    errors.into_result()?;
    let content_type = req
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty())
        .unwrap_or("application/octet-stream")
        .to_owned();
    let file_id = Uuid::now_v7();
    let key = FileStore::new_key(file_id);
    state.files.put(&key, &body).await.map_err(|e| ApiError::Internal(e.into()))?;
    let model = file::Model {
        id: file_id, organization_id: actor.organization_id, subject_type: subject.as_str().into(), subject_id: id, request_id,
        name: name.unwrap_or_default(), content_type, size: body.len() as i64, storage_key: key.clone(),
        sha256: crate::auth::sha256_hex_bytes(&body), uploaded_by: actor.user_id, created_at: Utc::now(),
    };
    match repo::insert_file(&state.db, actor.scope, subject, id, model, &actor.audit(&state.db).await?).await {
        Ok(f) => Ok(files_out(&state.db, vec![f]).await?.pop().ok_or(ApiError::NotFound)?),
        Err(e) => {
            let _ = state.files.delete(&key).await;
            Err(e.into())
        }
    }
}

#[utoipa::path(tag = "leads", params(("id" = Uuid, Path), UploadQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The file's bytes; its type in Content-Type"),
    responses(
        (status = 201, body = FileOut),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/leads/{id}/files")]
pub async fn upload_lead_file(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>, q: web::Query<UploadQuery>, req: HttpRequest, body: web::Bytes) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::LeadsWrite)?;
    Ok(HttpResponse::Created().json(upload(&state, &actor, Attach { subject: Subject::Lead, id: *id, request_id: None }, &req, &q.name, body).await?))
}

#[utoipa::path(tag = "deals", params(("id" = Uuid, Path), UploadQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The file's bytes; its type in Content-Type"),
    responses(
        (status = 201, body = FileOut),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/deals/{id}/files")]
pub async fn upload_deal_file(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>, q: web::Query<UploadQuery>, req: HttpRequest, body: web::Bytes) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::DealsWrite)?;
    Ok(HttpResponse::Created().json(upload(&state, &actor, Attach { subject: Subject::Deal, id: *id, request_id: None }, &req, &q.name, body).await?))
}

#[utoipa::path(tag = "requests", params(("id" = Uuid, Path), UploadQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "A mock-up or any file answering the request"),
    responses(
        (status = 201, body = FileOut),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/requests/{id}/files")]
pub async fn upload_request_file(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>, q: web::Query<UploadQuery>, req: HttpRequest, body: web::Bytes) -> Result<HttpResponse, ApiError> {
    let r = repo::get_request(&state.db, actor.scope, *id).await?;
    let kind = RequestKind::parse(&r.kind).ok_or(ApiError::NotFound)?;
    if !(super::work::may_answer(&actor, kind) || actor.role.can(Permission::DealsWrite)) {
        return Err(ApiError::Forbidden);
    }
    if r.status == "completed" || r.status == "cancelled" {
        let mut f = FieldErrors::new();
        f.add("status", FieldError::new("request_closed", "Запрос уже закрыт"));
        return Err(f.into());
    }
    Ok(HttpResponse::Created().json(upload(&state, &actor, Attach { subject: Subject::Deal, id: r.deal_id, request_id: Some(r.id) }, &req, &q.name, body).await?))
}

#[utoipa::path(tag = "files", params(("id" = Uuid, Path)), responses(
    (status = 200, description = "The file", content_type = "application/octet-stream"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/files/{id}")]
pub async fn download_file(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>) -> Result<HttpResponse, ApiError> {
    let f = repo::get_file(&state.db, actor.scope, *id).await?;
    let subject = Subject::parse(&f.subject_type).ok_or(ApiError::NotFound)?;
    // The card's readers, and the department a request's file was made for.
    let by_request = match f.request_id {
        Some(r) => {
            let r = repo::get_request(&state.db, actor.scope, r).await?;
            RequestKind::parse(&r.kind).is_some_and(|k| super::work::may_answer(&actor, k))
        }
        None => false,
    };
    if !(by_request || actor.role.can(read_right(subject))) {
        return Err(ApiError::Forbidden);
    }
    let bytes = state.files.get(&f.storage_key).await.map_err(|e| ApiError::Internal(e.into()))?;
    let disposition = actix_web::http::header::ContentDisposition {
        disposition: actix_web::http::header::DispositionType::Attachment,
        parameters: vec![actix_web::http::header::DispositionParam::FilenameExt(actix_web::http::header::ExtendedValue {
            charset: actix_web::http::header::Charset::Ext("UTF-8".into()),
            language_tag: None,
            value: f.name.into_bytes(),
        })],
    };
    Ok(HttpResponse::Ok().content_type(f.content_type).insert_header(disposition).body(bytes))
}

// ---------- staff (to pick a responsible person or an assignee) ----------

#[derive(Serialize, ToSchema)]
pub struct StaffMember {
    pub id: Uuid,
    pub full_name: String,
    pub role: Role,
    pub organization_id: Uuid,
}

#[derive(Serialize, ToSchema)]
pub struct StaffList {
    pub items: Vec<StaffMember>,
}

#[derive(Deserialize, IntoParams)]
pub struct StaffQuery {
    pub role: Option<Role>,
    pub organization_id: Option<Uuid>,
}

#[utoipa::path(tag = "users", params(StaffQuery), responses(
    (status = 200, body = StaffList, description = "Active people of the organizations in scope"),
    (status = 401, body = Problem, content_type = "application/problem+json"),
))]
#[get("/staff")]
pub async fn list_staff(state: web::Data<AppState>, actor: Actor, q: web::Query<StaffQuery>) -> Result<web::Json<StaffList>, ApiError> {
    actor.require(Permission::OrganizationsRead)?;
    let rows = repo::active_staff(&state.db, actor.scope, q.role.map(|r| r.as_str()), q.organization_id).await?;
    Ok(web::Json(StaffList {
        items: rows
            .into_iter()
            .filter_map(|u| Some(StaffMember { role: Role::parse(&u.role)?, id: u.id, full_name: u.full_name, organization_id: u.organization_id }))
            .collect(),
    }))
}
