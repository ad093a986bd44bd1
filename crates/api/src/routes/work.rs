use super::prelude::*;
use super::timeline::{FileOut, files_out};
use domain::Money;
use domain::pipeline::RequestKind;
use domain::requests::RequestState;
use persistence::entities::{department_request, task};
use persistence::repo::cards::{CardActor, Subject};
use rust_decimal::Decimal;

// ---------- requests to other departments (their queues) ----------

/// The department's answer.
#[derive(Serialize, ToSchema)]
pub struct RequestAnswer {
    /// Delivery cost, roubles.
    #[schema(value_type = Option<String>, example = "18500.00")]
    pub cost: Option<Decimal>,
    pub carrier: Option<String>,
    pub eta_date: Option<chrono::NaiveDate>,
    pub comment: Option<String>,
}

/// A request as its department's queue and the deal card show it: only what the department needs.
#[derive(Serialize, ToSchema)]
pub struct RequestSummary {
    pub id: Uuid,
    pub number: i64,
    pub kind: RequestKind,
    pub status: RequestState,
    pub deal_id: Uuid,
    pub deal_number: i64,
    pub deal_title: String,
    pub client_name: Option<String>,
    /// The sales manager who asks.
    pub manager_name: Option<String>,
    pub details: Option<String>,
    pub delivery_address: Option<String>,
    pub assignee_id: Option<Uuid>,
    pub assignee_name: Option<String>,
    pub answer: Option<RequestAnswer>,
    pub cancel_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub taken_at: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
    pub version: i32,
}

/// A request with its files (the designer's mock-ups).
#[derive(Serialize, ToSchema)]
pub struct RequestDetail {
    #[serde(flatten)]
    pub request: RequestSummary,
    pub files: Vec<FileOut>,
}

#[derive(Serialize, ToSchema)]
pub struct RequestPage {
    pub items: Vec<RequestSummary>,
    pub next_cursor: Option<String>,
}

pub(crate) async fn request_summaries(db: &persistence::Db, rows: Vec<department_request::Model>) -> Result<Vec<RequestSummary>, ApiError> {
    let deals = repo::deals_by_ids(db, rows.iter().map(|r| r.deal_id)).await?;
    let clients = repo::client_names(db, deals.iter().map(|d| d.client_id)).await?;
    let users = repo::user_names(db, rows.iter().filter_map(|r| r.assignee_id).chain(deals.iter().filter_map(|d| d.responsible_id))).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let deal = deals.iter().find(|d| d.id == r.deal_id)?;
            let answered = r.status == "completed";
            Some(RequestSummary {
                id: r.id,
                number: r.number,
                kind: RequestKind::parse(&r.kind)?,
                status: RequestState::parse(&r.status).unwrap_or(RequestState::Open),
                deal_id: deal.id,
                deal_number: deal.number,
                deal_title: deal.title.clone(),
                client_name: clients.get(&deal.client_id).cloned(),
                manager_name: deal.responsible_id.and_then(|u| users.get(&u).cloned()),
                details: r.details,
                delivery_address: r.delivery_address,
                assignee_id: r.assignee_id,
                assignee_name: r.assignee_id.and_then(|u| users.get(&u).cloned()),
                answer: answered.then(|| RequestAnswer {
                    cost: r.cost_minor.map(|m| Money::from_minor(m).amount()),
                    carrier: r.carrier,
                    eta_date: r.eta_date,
                    comment: r.answer_comment,
                }),
                cancel_reason: r.cancel_reason,
                created_at: r.created_at,
                taken_at: r.taken_at,
                completed_at: r.completed_at,
                version: r.version,
            })
        })
        .collect())
}

pub(crate) async fn request_detail(db: &persistence::Db, r: department_request::Model) -> Result<RequestDetail, ApiError> {
    let files = files_out(db, repo::request_files(db, r.id).await?).await?;
    let request = request_summaries(db, vec![r]).await?.pop().ok_or(ApiError::NotFound)?;
    Ok(RequestDetail { request, files })
}

/// Who may see and answer requests of a kind: its department, and the deal's readers.
fn may_read(actor: &Actor, kind: RequestKind) -> bool {
    actor.role.can(Permission::DealsRead) || may_answer(actor, kind)
}

pub(crate) fn may_answer(actor: &Actor, kind: RequestKind) -> bool {
    match kind {
        RequestKind::DeliveryCost => actor.role.can(Permission::DeliveryRequests),
        RequestKind::Design => actor.role.can(Permission::DesignRequests),
    }
}

fn kinds_for(actor: &Actor) -> Vec<RequestKind> {
    RequestKind::ALL.into_iter().filter(|k| may_read(actor, *k)).collect()
}

/// Loads a request the caller may see (else 404/403).
async fn readable(state: &AppState, actor: &Actor, id: Uuid) -> Result<department_request::Model, ApiError> {
    if kinds_for(actor).is_empty() {
        return Err(ApiError::Forbidden);
    }
    let r = repo::get_request(&state.db, actor.scope, id).await?;
    let kind = RequestKind::parse(&r.kind).ok_or(ApiError::NotFound)?;
    if may_read(actor, kind) { Ok(r) } else { Err(ApiError::Forbidden) }
}

#[derive(Deserialize, IntoParams)]
pub struct RequestQuery {
    #[param(value_type = Option<RequestKind>)]
    pub kind: Option<String>,
    /// `active` = open or in progress (default); or one status.
    #[param(value_type = Option<String>, example = "active")]
    pub status: Option<String>,
    /// Only those taken by the caller.
    pub mine: Option<bool>,
    pub deal_id: Option<Uuid>,
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

#[utoipa::path(tag = "requests", params(RequestQuery), responses(
    (status = 200, body = RequestPage, description = "Oldest first: the department's queue"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[get("/requests")]
pub async fn list_requests(state: web::Data<AppState>, actor: Actor, q: web::Query<RequestQuery>) -> Result<web::Json<RequestPage>, ApiError> {
    let allowed = kinds_for(&actor);
    if allowed.is_empty() {
        return Err(ApiError::Forbidden);
    }
    let q = q.into_inner();
    let mut errors = FieldErrors::new();
    let kinds = match q.kind.as_deref() {
        None => allowed,
        Some(k) => match RequestKind::parse(k) {
            Some(k) if allowed.contains(&k) => vec![k],
            Some(_) => return Err(ApiError::Forbidden),
            None => {
                errors.add("kind", FieldError::new("invalid_value", "Допустимые значения: delivery_cost, design"));
                vec![]
            }
        },
    };
    let statuses = match q.status.as_deref().unwrap_or("active") {
        "active" => vec![RequestState::Open, RequestState::InProgress],
        "all" => vec![],
        s => match RequestState::parse(s) {
            Some(st) => vec![st],
            None => {
                errors.add("status", FieldError::new("invalid_value", "Допустимые значения: active, all, open, in_progress, completed, cancelled"));
                vec![]
            }
        },
    };
    errors.into_result()?;
    let filter = repo::RequestFilter { kinds, statuses, assignee_id: q.mine.unwrap_or(false).then_some(actor.user_id).flatten(), deal_id: q.deal_id };
    let (rows, next_cursor) = repo::list_requests(&state.db, actor.scope, &filter, q.limit.unwrap_or(50).clamp(1, 200), q.cursor.as_deref()).await?;
    Ok(web::Json(RequestPage { items: request_summaries(&state.db, rows).await?, next_cursor }))
}

#[utoipa::path(tag = "requests", params(("id" = Uuid, Path)), responses(
    (status = 200, body = RequestDetail),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/requests/{id}")]
pub async fn get_request(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>) -> Result<web::Json<RequestDetail>, ApiError> {
    let r = readable(&state, &actor, *id).await?;
    Ok(web::Json(request_detail(&state.db, r).await?))
}

/// The version the person saw.
#[derive(Deserialize, ToSchema)]
pub struct VersionOnly {
    pub version: i32,
}

/// Loads a request the caller's department answers (else 404/403).
async fn answerable(state: &AppState, actor: &Actor, id: Uuid) -> Result<(department_request::Model, RequestKind), ApiError> {
    let r = readable(state, actor, id).await?;
    let kind = RequestKind::parse(&r.kind).ok_or(ApiError::NotFound)?;
    if may_answer(actor, kind) { Ok((r, kind)) } else { Err(ApiError::Forbidden) }
}

#[utoipa::path(tag = "requests", params(("id" = Uuid, Path)), request_body = VersionOnly, responses(
    (status = 200, body = RequestDetail, description = "Taken by the caller"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "version_conflict"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "`status` `request_closed`"),
))]
#[post("/requests/{id}/take")]
pub async fn take_request(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>, body: web::Json<VersionOnly>) -> Result<web::Json<RequestDetail>, ApiError> {
    answerable(&state, &actor, *id).await?;
    let r = repo::take_request(&state.db, actor.scope, *id, body.version, &actor.audit(&state.db).await?).await?;
    Ok(web::Json(request_detail(&state.db, r).await?))
}

/// Delivery cost: `cost`, `carrier` and `eta_date` are required. Design: the mock-up files are
/// uploaded to the request first; `comment` is optional.
#[derive(Deserialize, ToSchema)]
pub struct CompleteRequest {
    pub version: i32,
    #[schema(value_type = Option<String>, example = "18500.00")]
    pub cost: Option<AmountInput>,
    pub carrier: Option<String>,
    pub eta_date: Option<chrono::NaiveDate>,
    pub comment: Option<String>,
}

#[utoipa::path(tag = "requests", params(("id" = Uuid, Path)), request_body = CompleteRequest, responses(
    (status = 200, body = RequestDetail, description = "Completed; the deal may move by itself (delivery cost received, design sent)"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "version_conflict"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/requests/{id}/complete")]
pub async fn complete_request(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>, body: web::Json<CompleteRequest>) -> Result<web::Json<RequestDetail>, ApiError> {
    let (_, kind) = answerable(&state, &actor, *id).await?;
    let b = body.into_inner();
    let mut errors = FieldErrors::new();
    let cost = amount(&mut errors, "cost", b.cost.as_ref());
    let carrier = opt_text(&mut errors, "carrier", b.carrier.as_deref(), 200);
    let comment = opt_text(&mut errors, "comment", b.comment.as_deref(), 5000);
    if kind == RequestKind::DeliveryCost {
        if b.cost.is_none() {
            errors.add("cost", FieldError::required());
        }
        if carrier.is_none() && b.carrier.as_deref().is_none_or(|c| c.trim().is_empty()) {
            errors.add("carrier", FieldError::required());
        }
        match b.eta_date {
            None => errors.add("eta_date", FieldError::required()),
            Some(d) if d < Utc::now().date_naive() => errors.add("eta_date", FieldError::new("out_of_range", "Срок доставки не может быть в прошлом")),
            Some(_) => {}
        }
    }
    errors.into_result()?;
    let answer = repo::RequestAnswer { cost_minor: cost, carrier, eta_date: b.eta_date, comment };
    let actor_card = CardActor { role: actor.role, audit: actor.audit(&state.db).await? };
    let r = repo::complete_request(&state.db, actor.scope, *id, b.version, answer, &actor_card).await?;
    Ok(web::Json(request_detail(&state.db, r).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct CancelRequest {
    pub version: i32,
    pub reason: String,
}

#[utoipa::path(tag = "requests", params(("id" = Uuid, Path)), request_body = CancelRequest, responses(
    (status = 200, body = RequestDetail),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "version_conflict"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/requests/{id}/cancel")]
pub async fn cancel_request(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>, body: web::Json<CancelRequest>) -> Result<web::Json<RequestDetail>, ApiError> {
    // The sales side withdraws its own requests.
    actor.require(Permission::DealsWrite)?;
    readable(&state, &actor, *id).await?;
    let mut errors = FieldErrors::new();
    let reason = errors.required("reason", Some(&body.reason), |s| domain::text(1000, s));
    errors.into_result()?;
    let r = repo::cancel_request(&state.db, actor.scope, *id, body.version, reason.unwrap_or_default(), &actor.audit(&state.db).await?).await?;
    Ok(web::Json(request_detail(&state.db, r).await?))
}

// ---------- tasks ----------

/// call | email | meeting | task | other
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TaskKind { Call, Email, Meeting, Task, Other }
const TASK_KINDS: &[&str] = &["call", "email", "meeting", "task", "other"];

/// open | done | cancelled
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus { Open, Done, Cancelled }

#[derive(Serialize, ToSchema)]
pub struct Task {
    pub id: Uuid,
    #[schema(value_type = Option<super::sales::CardKind>)]
    pub subject_type: Option<String>,
    pub subject_id: Option<Uuid>,
    pub subject_number: Option<i64>,
    pub subject_title: Option<String>,
    /// Set on tasks a pipeline stage created; completing one may move its card.
    pub code: Option<String>,
    #[schema(value_type = TaskKind)]
    pub kind: String,
    pub title: String,
    pub description: Option<String>,
    pub due_at: DateTime<Utc>,
    pub overdue: bool,
    pub assignee_id: Option<Uuid>,
    pub assignee_name: Option<String>,
    /// The role's queue the task waits in when nobody is assigned.
    #[schema(value_type = Option<Role>)]
    pub assignee_role: Option<String>,
    #[schema(value_type = TaskStatus)]
    pub status: String,
    pub result: Option<String>,
    pub completed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub version: i32,
}

#[derive(Serialize, ToSchema)]
pub struct TaskPage {
    pub items: Vec<Task>,
    pub next_cursor: Option<String>,
}

async fn tasks_out(db: &persistence::Db, rows: Vec<task::Model>) -> Result<Vec<Task>, ApiError> {
    let titles = repo::card_titles(db, rows.iter().filter_map(|t| t.subject_id)).await?;
    let users = repo::user_names(db, rows.iter().filter_map(|t| t.assignee_id)).await?;
    let now = Utc::now();
    Ok(rows
        .into_iter()
        .map(|t| {
            let subject = t.subject_id.and_then(|s| titles.get(&s));
            Task {
                subject_number: subject.map(|s| s.0),
                subject_title: subject.map(|s| s.1.clone()),
                overdue: t.status == "open" && t.due_at < now,
                assignee_name: t.assignee_id.and_then(|u| users.get(&u).cloned()),
                id: t.id, subject_type: t.subject_type, subject_id: t.subject_id, code: t.code, kind: t.kind, title: t.title,
                description: t.description, due_at: t.due_at, assignee_id: t.assignee_id, assignee_role: t.assignee_role, status: t.status,
                result: t.result, completed_at: t.completed_at, created_at: t.created_at, version: t.version,
            }
        })
        .collect())
}

async fn task_out(db: &persistence::Db, t: task::Model) -> Result<Task, ApiError> {
    tasks_out(db, vec![t]).await?.pop().ok_or(ApiError::NotFound)
}

#[derive(Deserialize, IntoParams)]
pub struct TaskQuery {
    /// `my_day` (default): my open tasks and my role's queue due by the end of today, overdue
    /// first; `mine`: all my open tasks; `queue`: my role's unassigned tasks; `card`: the tasks of
    /// `subject_id`, every status.
    #[param(value_type = Option<String>, example = "my_day")]
    pub view: Option<String>,
    pub subject_id: Option<Uuid>,
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// The end of today in Moscow time (the head office's day), as UTC.
fn end_of_today() -> DateTime<Utc> {
    let msk = chrono::FixedOffset::east_opt(3 * 3600).unwrap_or_else(|| chrono::FixedOffset::east_opt(0).expect("UTC offset"));
    let today = Utc::now().with_timezone(&msk).date_naive();
    today
        .succ_opt()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .and_then(|t| t.and_local_timezone(msk).single())
        .map_or_else(Utc::now, |t| t.with_timezone(&Utc))
}

#[utoipa::path(tag = "tasks", params(TaskQuery), responses(
    (status = 200, body = TaskPage, description = "By due time: overdue first"),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json", description = "`view=card` of a card outside the scope"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[get("/tasks")]
pub async fn list_tasks(state: web::Data<AppState>, actor: Actor, q: web::Query<TaskQuery>) -> Result<web::Json<TaskPage>, ApiError> {
    actor.require(Permission::TasksUse)?;
    let q = q.into_inner();
    let role = Some(actor.role.as_str().to_owned());
    let open = vec!["open".to_owned()];
    let filter = match (q.view.as_deref().unwrap_or("my_day"), q.subject_id) {
        ("my_day", _) => repo::TaskFilter { assignee_id: actor.user_id, queue_role: role, statuses: open, due_before: Some(end_of_today()), ..Default::default() },
        ("mine", _) => repo::TaskFilter { assignee_id: actor.user_id, statuses: open, ..Default::default() },
        ("queue", _) => repo::TaskFilter { queue_role: role, statuses: open, ..Default::default() },
        ("card", Some(subject)) => {
            // Only the tasks of a card the caller can read.
            let readable = match repo::get_lead(&state.db, actor.scope, subject).await {
                Ok(_) => actor.role.can(Permission::LeadsRead),
                Err(persistence::RepoError::NotFound) => {
                    repo::get_deal(&state.db, actor.scope, subject).await?;
                    actor.role.can(Permission::DealsRead)
                }
                Err(e) => return Err(e.into()),
            };
            if !readable {
                return Err(ApiError::Forbidden);
            }
            repo::TaskFilter { subject_id: Some(subject), ..Default::default() }
        }
        (view, _) => {
            let mut f = FieldErrors::new();
            let field = if view == "card" { "subject_id" } else { "view" };
            f.add(field, FieldError::new("invalid_value", "Допустимые значения view: my_day, mine, queue, card (с subject_id)"));
            return Err(f.into());
        }
    };
    // People only: an integrator's key has no tasks of its own.
    if filter.subject_id.is_none() && actor.user_id.is_none() && filter.queue_role.is_none() {
        return Ok(web::Json(TaskPage { items: vec![], next_cursor: None }));
    }
    let (rows, next_cursor) = repo::list_tasks(&state.db, actor.scope, &filter, q.limit.unwrap_or(50).clamp(1, 200), q.cursor.as_deref()).await?;
    Ok(web::Json(TaskPage { items: tasks_out(&state.db, rows).await?, next_cursor }))
}

#[derive(Deserialize, ToSchema)]
pub struct NewTask {
    /// A task about a lead or a deal; none for a task of its own.
    #[schema(value_type = Option<super::sales::CardKind>)]
    pub subject_type: Option<String>,
    pub subject_id: Option<Uuid>,
    #[schema(value_type = TaskKind)]
    pub kind: String,
    pub title: String,
    pub description: Option<String>,
    pub due_at: DateTime<Utc>,
    /// A person; or leave it empty and name a role's queue. Default: the caller.
    pub assignee_id: Option<Uuid>,
    #[schema(value_type = Option<Role>)]
    pub assignee_role: Option<String>,
}

#[utoipa::path(tag = "tasks", request_body = NewTask, responses(
    (status = 201, body = Task),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json", description = "the card is outside the caller's scope"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/tasks")]
pub async fn create_task(state: web::Data<AppState>, actor: Actor, body: web::Json<NewTask>) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::TasksUse)?;
    let b = body.into_inner();
    let mut errors = FieldErrors::new();
    let title = errors.required("title", Some(&b.title), |s| domain::text(300, s));
    let description = opt_text(&mut errors, "description", b.description.as_deref(), 5000);
    one_of(&mut errors, "kind", &b.kind, TASK_KINDS);
    let subject = match (b.subject_type.as_deref(), b.subject_id) {
        (None, None) => None,
        (Some(t), Some(id)) => match Subject::parse(t) {
            Some(s) => Some((s, id)),
            None => {
                errors.add("subject_type", FieldError::new("invalid_value", "Допустимые значения: lead, deal"));
                None
            }
        },
        _ => {
            errors.add("subject_id", FieldError::new("required", "Укажите и вид карточки, и её id"));
            None
        }
    };
    if let Some(r) = &b.assignee_role
        && Role::parse(r).is_none()
    {
        errors.add("assignee_role", FieldError::new("invalid_value", "Неизвестная роль"));
    }
    if let Some(a) = b.assignee_id
        && repo::get_user_scoped(&state.db, actor.scope, a).await.is_err()
    {
        errors.add("assignee_id", FieldError::new("not_found", "Сотрудник не найден"));
    }
    errors.into_result()?;
    // A card's tasks are its readers' and writers' business.
    if let Some((s, _)) = subject {
        actor.require(match s {
            Subject::Lead => Permission::LeadsWrite,
            Subject::Deal => Permission::DealsWrite,
        })?;
    }
    let (assignee_id, assignee_role) = match (b.assignee_id, b.assignee_role) {
        (Some(a), _) => (Some(a), None),
        (None, Some(r)) => (None, Some(r)),
        (None, None) => (actor.user_id, actor.user_id.is_none().then(|| actor.role.as_str().to_owned())),
    };
    let now = Utc::now();
    let model = task::Model {
        id: Uuid::now_v7(), organization_id: actor.organization_id, subject_type: subject.map(|(s, _)| s.as_str().to_owned()),
        subject_id: subject.map(|(_, id)| id), code: None, kind: b.kind, title: title.unwrap_or_default(), description, due_at: b.due_at,
        assignee_id, assignee_role, status: "open".into(), result: None, completed_at: None, completed_by: None, created_by: actor.user_id,
        created_at: now, updated_at: now, version: 1,
    };
    let saved = repo::insert_task(&state.db, actor.scope, model, &actor.audit(&state.db).await?).await?;
    Ok(HttpResponse::Created().json(task_out(&state.db, saved).await?))
}

/// Loads a task the caller may see (`write`: change or complete). A task about a card is its
/// readers' (writers', to change it) business, and that of the person or the role's queue it is
/// assigned to; completing one may move the card.
async fn task_for(state: &AppState, actor: &Actor, id: Uuid, write: bool) -> Result<task::Model, ApiError> {
    let t = repo::get_task(&state.db, actor.scope, id).await?;
    let Some(subject) = t.subject_type.as_deref().and_then(Subject::parse) else { return Ok(t) };
    let assigned = match t.assignee_id {
        Some(a) => actor.user_id == Some(a),
        None => t.assignee_role.as_deref() == Some(actor.role.as_str()),
    };
    let right = match (subject, write) {
        (Subject::Lead, false) => Permission::LeadsRead,
        (Subject::Lead, true) => Permission::LeadsWrite,
        (Subject::Deal, false) => Permission::DealsRead,
        (Subject::Deal, true) => Permission::DealsWrite,
    };
    if assigned || actor.role.can(right) { Ok(t) } else { Err(ApiError::Forbidden) }
}

#[utoipa::path(tag = "tasks", params(("id" = Uuid, Path)), responses(
    (status = 200, body = Task),
    (status = 403, body = Problem, content_type = "application/problem+json", description = "a task about a card the caller may not read"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/tasks/{id}")]
pub async fn get_task(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>) -> Result<web::Json<Task>, ApiError> {
    actor.require(Permission::TasksUse)?;
    Ok(web::Json(task_out(&state.db, task_for(&state, &actor, *id, false).await?).await?))
}

/// Fields left out stay as they are.
#[derive(Deserialize, ToSchema)]
pub struct TaskPatch {
    pub version: i32,
    pub title: Option<String>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub description: Option<Option<String>>,
    #[schema(value_type = Option<TaskKind>)]
    pub kind: Option<String>,
    pub due_at: Option<DateTime<Utc>>,
    /// Assign to a person (this also takes the task from a queue).
    pub assignee_id: Option<Uuid>,
    /// Send back to a role's queue.
    #[schema(value_type = Option<Role>)]
    pub assignee_role: Option<String>,
}

#[utoipa::path(tag = "tasks", params(("id" = Uuid, Path)), request_body = TaskPatch, responses(
    (status = 200, body = Task),
    (status = 403, body = Problem, content_type = "application/problem+json", description = "a task about a card the caller may not change, not assigned to them or their role"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "version_conflict"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[patch("/tasks/{id}")]
pub async fn update_task(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>, body: web::Json<TaskPatch>) -> Result<web::Json<Task>, ApiError> {
    actor.require(Permission::TasksUse)?;
    task_for(&state, &actor, *id, true).await?;
    let b = body.into_inner();
    let mut errors = FieldErrors::new();
    let title = b.title.as_deref().and_then(|t| errors.required("title", Some(t), |s| domain::text(300, s)));
    let description = b.description.as_ref().map(|d| opt_text(&mut errors, "description", d.as_deref(), 5000));
    if let Some(k) = &b.kind {
        one_of(&mut errors, "kind", k, TASK_KINDS);
    }
    if let Some(r) = &b.assignee_role
        && Role::parse(r).is_none()
    {
        errors.add("assignee_role", FieldError::new("invalid_value", "Неизвестная роль"));
    }
    if let Some(a) = b.assignee_id
        && repo::get_user_scoped(&state.db, actor.scope, a).await.is_err()
    {
        errors.add("assignee_id", FieldError::new("not_found", "Сотрудник не найден"));
    }
    errors.into_result()?;
    let t = repo::update_task(&state.db, actor.scope, *id, b.version, |t| {
        if let Some(v) = title { t.title = v }
        if let Some(v) = description { t.description = v }
        if let Some(v) = b.kind { t.kind = v }
        if let Some(v) = b.due_at { t.due_at = v }
        if let Some(a) = b.assignee_id {
            t.assignee_id = Some(a);
            t.assignee_role = None;
        } else if let Some(r) = b.assignee_role {
            t.assignee_id = None;
            t.assignee_role = Some(r);
        }
    })
    .await?;
    Ok(web::Json(task_out(&state.db, t).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct CompleteTask {
    pub version: i32,
    /// What came of it (the call's outcome).
    pub result: Option<String>,
}

#[utoipa::path(tag = "tasks", params(("id" = Uuid, Path)), request_body = CompleteTask, responses(
    (status = 200, body = Task, description = "Done; a stage's task may move its card (e.g. the first call moves a lead to «Заявка принята в обработку»)"),
    (status = 403, body = Problem, content_type = "application/problem+json", description = "a task about a card the caller may not change, not assigned to them or their role"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "version_conflict"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "`status` `task_closed`"),
))]
#[post("/tasks/{id}/complete")]
pub async fn complete_task(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>, body: web::Json<CompleteTask>) -> Result<web::Json<Task>, ApiError> {
    actor.require(Permission::TasksUse)?;
    task_for(&state, &actor, *id, true).await?;
    let b = body.into_inner();
    let mut errors = FieldErrors::new();
    let result = opt_text(&mut errors, "result", b.result.as_deref(), 5000);
    errors.into_result()?;
    let actor_card = CardActor { role: actor.role, audit: actor.audit(&state.db).await? };
    let t = repo::complete_task(&state.db, actor.scope, *id, b.version, result, &actor_card).await?;
    Ok(web::Json(task_out(&state.db, t).await?))
}
