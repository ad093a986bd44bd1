//! `/tasks`: «my day», my list, my role's queue, a card's tasks; making, editing, completing one.
use crate::routes::prelude::*;
use app::work::tasks::View;
use domain::TaskId;
use domain::sales::{CardId, CardKind};
use domain::work::commands::{Assignee, NewTask as NewTaskCmd, TaskChanges};
use domain::work::{TaskKind, TaskStatus};
use persistence::repo::work::tasks::TaskRow;

/// What a task is about: a lead, a deal or a client.
#[derive(Serialize, Deserialize, ToSchema, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum TaskSubject { Lead, Deal, Client }

#[derive(Serialize, ToSchema)]
pub struct Task {
    pub id: Uuid,
    pub subject_type: Option<TaskSubject>,
    pub subject_id: Option<Uuid>,
    /// A lead's or deal's number.
    pub subject_number: Option<i64>,
    /// A lead's or deal's title, a client's name.
    pub subject_title: Option<String>,
    /// Set on tasks a pipeline stage created; completing one may move its card.
    pub code: Option<String>,
    pub kind: TaskKind,
    pub title: String,
    pub description: Option<String>,
    pub due_at: DateTime<Utc>,
    pub overdue: bool,
    pub assignee_id: Option<Uuid>,
    pub assignee_name: Option<String>,
    /// The role's queue the task waits in when nobody is assigned.
    pub assignee_role: Option<Role>,
    pub status: TaskStatus,
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

fn task_out(row: TaskRow, now: DateTime<Utc>) -> Result<Task, AppError> {
    let t = row.task;
    let status = t.status()?;
    Ok(Task {
        subject_type: match (t.card()?.map(CardId::kind), t.client()) {
            (Some(CardKind::Lead), _) => Some(TaskSubject::Lead),
            (Some(CardKind::Deal), _) => Some(TaskSubject::Deal),
            (None, Some(_)) => Some(TaskSubject::Client),
            (None, None) => None,
        },
        subject_number: row.card_number,
        subject_title: row.card_title,
        kind: t.kind()?,
        overdue: status == TaskStatus::Open && t.due_at < now,
        assignee_name: row.assignee_name,
        assignee_role: t.assignee_role()?,
        status,
        id: t.id, subject_id: t.subject_id, code: t.code, title: t.title, description: t.description, due_at: t.due_at,
        assignee_id: t.assignee_id, result: t.result, completed_at: t.completed_at, created_at: t.created_at, version: t.version,
    })
}

/// Which tasks a list shows.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TaskView { MyDay, Mine, Queue, Card, Client }

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct TaskQuery {
    /// `my_day` (default): my open tasks and my role's queue due by the end of today, overdue
    /// first; `mine`: all my open tasks; `queue`: my role's unassigned tasks; `card`: the tasks of
    /// `subject_id`, every status; `client`: the tasks of the leads and deals of the client
    /// `subject_id`, every status.
    #[param(value_type = Option<TaskView>, example = "my_day")]
    pub view: Option<String>,
    pub subject_id: Option<Uuid>,

    /// 1..=200, default 50.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

impl TryFrom<&TaskQuery> for View {
    type Error = FieldErrors;
    fn try_from(q: &TaskQuery) -> Result<Self, FieldErrors> {
        Ok(match (q.view.as_deref().unwrap_or("my_day"), q.subject_id) {
            ("my_day", _) => View::MyDay,
            ("mine", _) => View::Mine,
            ("queue", _) => View::Queue,
            ("card", Some(subject)) => View::Card(subject),
            ("client", Some(client)) => View::Client(client.into()),
            (view, _) => {
                let mut f = FieldErrors::new();
                let field = if view == "card" || view == "client" { "subject_id" } else { "view" };
                f.add(field, FieldError::new("invalid_value", "Допустимые значения view: my_day, mine, queue, card или client (с subject_id)"));
                return Err(f);
            }
        })
    }
}

#[utoipa::path(tag = "tasks", params(TaskQuery), responses(
    (status = 200, body = TaskPage, description = "By due time: overdue first"),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json", description = "`view=card` of a card outside the scope"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[get("/tasks")]
pub async fn list_tasks(state: web::Data<AppState>, who: Credentials, q: Query<TaskQuery>) -> Result<web::Json<TaskPage>, AppError> {
    let view = View::try_from(&*q)?;
    let page = app::work::tasks::list(&state, &who, view, page_limit(q.limit)?, q.cursor.as_deref()).await?;
    let now = state.now();
    Ok(web::Json(TaskPage { items: page.items.into_iter().map(|r| task_out(r, now)).collect::<Result<_, _>>()?, next_cursor: page.next_cursor }))
}

/// A list of tasks, for its export (all of it, no paging).
#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct TaskExportQuery {
    /// As for the list: `my_day` (default), `mine`, `queue`, `card` or `client` (with `subject_id`).
    #[param(value_type = Option<TaskView>, example = "mine")]
    pub view: Option<String>,
    pub subject_id: Option<Uuid>,
    /// `csv` (default) or `xlsx`.
    pub format: Option<String>,
}

const EXPORT_HEADER: [&str; 9] = ["Задача", "Вид", "О чём", "Срок", "Просрочена", "Исполнитель", "Статус", "Результат", "Создана"];

fn export_row(t: &Task) -> Vec<crate::exports::Cell> {
    use crate::exports::Cell;
    let kind = match t.kind {
        TaskKind::Call => "Звонок",
        TaskKind::Email => "Письмо",
        TaskKind::Meeting => "Встреча",
        TaskKind::Task => "Задача",
        TaskKind::Other => "Другое",
    };
    let about = match (t.subject_type, t.subject_number, t.subject_title.as_deref()) {
        (Some(TaskSubject::Deal), Some(n), title) => format!("Сделка №{n} · {}", title.unwrap_or_default()),
        (Some(TaskSubject::Lead), Some(n), title) => format!("Лид №{n} · {}", title.unwrap_or_default()),
        (Some(TaskSubject::Client), _, title) => format!("Клиент · {}", title.unwrap_or_default()),
        _ => String::new(),
    };
    let status = match t.status {
        TaskStatus::Open => "Открыта",
        TaskStatus::Done => "Выполнена",
        TaskStatus::Cancelled => "Отменена",
    };
    let assignee = t.assignee_name.clone().or_else(|| t.assignee_role.map(|r| format!("Очередь: {}", r.title_ru())));
    vec![
        t.title.clone().into(), Cell::Text(kind.into()), Cell::Text(about), Cell::Time(t.due_at), Cell::Text(if t.overdue { "да" } else { "" }.into()),
        assignee.into(), Cell::Text(status.into()), t.result.clone().into(), Cell::Time(t.created_at),
    ]
}

#[utoipa::path(tag = "tasks", params(TaskExportQuery), responses(
    (status = 200, content_type = "text/csv", description = "the tasks of the view, as the list orders them: CSV for Excel (UTF-8 with BOM, `;`) streamed page by page, or with `format=xlsx` a workbook"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json", description = "`view=card|client` of something outside the scope"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[get("/tasks/export")]
pub async fn export_tasks(state: web::Data<AppState>, who: Credentials, req: HttpRequest, q: Query<TaskExportQuery>) -> Result<HttpResponse, AppError> {
    let format = crate::exports::Format::parse(q.format.as_deref())?;
    let view = View::try_from(&TaskQuery { view: q.view.clone(), subject_id: q.subject_id, limit: None, cursor: None })?;
    // Refused before the first byte: the right to read is checked here, then on every page.
    app::work::tasks::list(&state, &who, view, 1, None).await?;
    let today = state.today().0;
    let sheet = crate::exports::Sheet { name: "tasks", title: "Задачи", header: &EXPORT_HEADER, row: export_row };
    crate::exports::respond(&req, format, sheet, today, move |cursor| {
        let (state, who) = (state.clone(), who.clone());
        async move {
            let page = app::work::tasks::list(&state, &who, view, crate::exports::PAGE, cursor.as_deref()).await?;
            let now = state.now();
            Ok((page.items.into_iter().map(|r| task_out(r, now)).collect::<Result<Vec<_>, _>>()?, page.next_cursor))
        }
    })
    .await
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTask {
    /// A task about a lead, a deal or a client; none for a task of its own.
    #[schema(value_type = Option<TaskSubject>)]
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

/// A person, else a role's queue, as sent; an unknown role is an error on `assignee_role`.
fn assignee(errors: &mut FieldErrors, id: Option<Uuid>, role: Option<&str>) -> Option<Assignee> {
    let role = role.and_then(|r| {
        let parsed = Role::parse(r);
        if parsed.is_none() {
            errors.add("assignee_role", FieldError::new("invalid_value", "Неизвестная роль"));
        }
        parsed
    });
    match (id, role) {
        (Some(a), _) => Some(Assignee::Person(a.into())),
        (None, Some(r)) => Some(Assignee::Queue(r)),
        (None, None) => None,
    }
}

impl TryFrom<NewTask> for NewTaskCmd {
    type Error = FieldErrors;
    fn try_from(b: NewTask) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = errors.required("title", Some(&b.title), |s| domain::text(300, s));
        let description = opt_text(&mut errors, "description", b.description.as_deref(), 5000);
        let kind = named::<TaskKind>(&mut errors, "kind", &b.kind);
        let mut client = None;
        let card = match (b.subject_type.as_deref(), b.subject_id) {
            (None, None) => None,
            (Some("client"), Some(id)) => {
                client = Some(id.into());
                None
            }
            (Some(t), Some(id)) => match CardKind::parse(t) {
                Some(k) => Some(CardId::new(k, id)),
                None => {
                    errors.add("subject_type", FieldError::new("invalid_value", "Допустимые значения: lead, deal, client"));
                    None
                }
            },
            _ => {
                errors.add("subject_id", FieldError::new("required", "Укажите и вид карточки, и её id"));
                None
            }
        };
        let assignee = assignee(&mut errors, b.assignee_id, b.assignee_role.as_deref());
        let due_at = instant(&mut errors, "due_at", Some(b.due_at));
        match (title, kind, due_at) {
            (Some(title), Some(kind), Some(due_at)) if errors.is_empty() => Ok(NewTaskCmd { card, client, kind, title, description, due_at, assignee }),
            _ => Err(errors),
        }
    }
}

#[utoipa::path(tag = "tasks", request_body = NewTask, responses(
    (status = 201, body = Task),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json", description = "the card is outside the caller's scope"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/tasks")]
pub async fn create_task(state: web::Data<AppState>, who: Credentials, body: Body<NewTask>) -> Result<HttpResponse, AppError> {
    let task = NewTaskCmd::try_from(body.into_inner())?;
    let row = app::work::tasks::create(&state, &who, task).await?;
    Ok(HttpResponse::Created().json(task_out(row, state.now())?))
}

#[utoipa::path(tag = "tasks", params(("id" = Uuid, Path)), responses(
    (status = 200, body = Task),
    (status = 403, body = Problem, content_type = "application/problem+json", description = "a task about a card the caller may not read"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/tasks/{id}")]
pub async fn get_task(state: web::Data<AppState>, who: Credentials, id: web::Path<TaskId>) -> Result<web::Json<Task>, AppError> {
    Ok(web::Json(task_out(app::work::tasks::get(&state, &who, *id).await?, state.now())?))
}

/// Fields left out stay as they are.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskPatch {
    pub version: i32,
    pub title: Option<String>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub description: Clearable<String>,
    #[schema(value_type = Option<TaskKind>)]
    pub kind: Option<String>,
    pub due_at: Option<DateTime<Utc>>,
    /// Assign to a person (this also takes the task from a queue).
    pub assignee_id: Option<Uuid>,
    /// Send back to a role's queue.
    #[schema(value_type = Option<Role>)]
    pub assignee_role: Option<String>,
}

impl TryFrom<TaskPatch> for TaskChanges {
    type Error = FieldErrors;
    fn try_from(b: TaskPatch) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = b.title.as_deref().and_then(|t| errors.required("title", Some(t), |s| domain::text(300, s)));
        let description = clear_text(&mut errors, "description", &b.description, 5000);
        let kind = b.kind.as_deref().and_then(|k| named::<TaskKind>(&mut errors, "kind", k));
        let assignee = assignee(&mut errors, b.assignee_id, b.assignee_role.as_deref());
        let due_at = instant(&mut errors, "due_at", b.due_at);
        errors.into_result()?;
        Ok(TaskChanges { version: b.version, title, description, kind, due_at, assignee })
    }
}

#[utoipa::path(tag = "tasks", params(("id" = Uuid, Path)), request_body = TaskPatch, responses(
    (status = 200, body = Task),
    (status = 403, body = Problem, content_type = "application/problem+json", description = "a task about a card the caller may not change, not assigned to them or their role"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "version_conflict"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[patch("/tasks/{id}")]
pub async fn update_task(state: web::Data<AppState>, who: Credentials, id: web::Path<TaskId>, body: Body<TaskPatch>) -> Result<web::Json<Task>, AppError> {
    let changes = TaskChanges::try_from(body.into_inner())?;
    Ok(web::Json(task_out(app::work::tasks::update(&state, &who, *id, changes).await?, state.now())?))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
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
pub async fn complete_task(state: web::Data<AppState>, who: Credentials, id: web::Path<TaskId>, body: Body<CompleteTask>) -> Result<web::Json<Task>, AppError> {
    let mut errors = FieldErrors::new();
    let result = opt_text(&mut errors, "result", body.result.as_deref(), 5000);
    errors.into_result()?;
    Ok(web::Json(task_out(app::work::tasks::complete(&state, &who, *id, body.version, result).await?, state.now())?))
}
