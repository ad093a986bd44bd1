//! `/reminders`: the scheduler's rules with their last and next run and what each run created
//! (admin).
use crate::routes::prelude::*;

#[derive(Serialize, ToSchema)]
pub struct ReminderView {
    pub key: String,
    pub subject: String,
    pub slot: DateTime<Utc>,
    pub deal_id: Option<Uuid>,
    pub task_id: Option<Uuid>,
}

#[derive(Serialize, ToSchema)]
pub struct RunView {
    pub id: Uuid,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub created: i32,
    pub error: Option<String>,
    pub reminders: Vec<ReminderView>,
}

#[derive(Serialize, ToSchema)]
pub struct RuleView {
    /// `overdue_invoice` | `awaiting_advance` | `deferred_payment` | `promised_payment`.
    pub rule: String,
    pub name: String,
    pub last_run: Option<DateTime<Utc>>,
    pub next_run: DateTime<Utc>,
    /// The latest runs that created something, newest first.
    pub runs: Vec<RunView>,
}

#[derive(Serialize, ToSchema)]
pub struct ReminderSchedule {
    pub rules: Vec<RuleView>,
}

#[utoipa::path(tag = "finance", responses(
    (status = 200, body = ReminderSchedule),
    (status = 403, body = Problem, content_type = "application/problem+json"),
))]
#[get("/reminders/schedule")]
pub async fn reminder_schedule(state: web::Data<AppState>, who: Credentials) -> Result<web::Json<ReminderSchedule>, AppError> {
    let rules = app::finance::reminders::schedule(&state, &who).await?;
    Ok(web::Json(ReminderSchedule {
        rules: rules
            .into_iter()
            .map(|r| RuleView {
                rule: r.rule.as_str().to_owned(),
                name: r.rule.name_ru().to_owned(),
                last_run: r.last_run.as_ref().map(|x| x.started_at),
                next_run: r.next_run,
                runs: r
                    .runs
                    .into_iter()
                    .map(|(run, created)| RunView {
                        id: run.id,
                        started_at: run.started_at,
                        finished_at: run.finished_at,
                        created: run.created,
                        error: run.error,
                        reminders: created
                            .into_iter()
                            .map(|o| ReminderView { key: o.key, subject: o.subject, slot: o.slot, deal_id: o.deal_id, task_id: o.task_id })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
    }))
}
