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

/// An organization's reminder settings.
#[derive(Serialize, ToSchema)]
pub struct ReminderSettings {
    pub organization_id: Uuid,
    pub organization_name: String,
    /// The organization's time zone, `+03:00` (Russia: +02:00 … +12:00); reminders come at 09:00 there.
    pub utc_offset: String,
    /// Days between reminders of a deal waiting for its advance (3–5).
    pub advance_reminder_days: u32,
}

#[derive(Serialize, ToSchema)]
pub struct ReminderSettingsList {
    pub items: Vec<ReminderSettings>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReminderSettingsInput {
    /// `+03:00` (also `+3`, `UTC+3`).
    pub utc_offset: String,
    pub advance_reminder_days: i64,
}

fn settings_out(s: app::finance::reminders::Settings) -> ReminderSettings {
    ReminderSettings {
        organization_id: s.organization_id,
        organization_name: s.organization_name,
        utc_offset: s.utc_offset.to_string(),
        advance_reminder_days: s.advance_reminder_days,
    }
}

#[utoipa::path(tag = "finance", responses(
    (status = 200, body = ReminderSettingsList),
    (status = 403, body = Problem, content_type = "application/problem+json"),
))]
#[get("/reminders/settings")]
pub async fn reminder_settings(state: web::Data<AppState>, who: Credentials) -> Result<web::Json<ReminderSettingsList>, AppError> {
    let items = app::finance::reminders::settings(&state, &who).await?;
    Ok(web::Json(ReminderSettingsList { items: items.into_iter().map(settings_out).collect() }))
}

#[utoipa::path(tag = "finance", params(("id" = Uuid, Path, description = "The organization")), request_body = ReminderSettingsInput, responses(
    (status = 200, body = ReminderSettings),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[put("/reminders/settings/{id}")]
pub async fn set_reminder_settings(state: web::Data<AppState>, who: Credentials, id: web::Path<domain::OrganizationId>, body: Body<ReminderSettingsInput>) -> Result<web::Json<ReminderSettings>, AppError> {
    let s = app::finance::reminders::set_settings(&state, &who, *id, &body.utc_offset, body.advance_reminder_days).await?;
    Ok(web::Json(settings_out(s)))
}
