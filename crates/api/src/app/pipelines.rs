//! Pipelines: the built-in funnels kept current with the code at start-up, and those an admin
//! defines — validated by the domain, and changed only in ways the cards on them allow.
use crate::AppState;
use crate::auth::Credentials;
use crate::error::AppError;
use domain::pipelines::PipelineKind;
use domain::pipelines::commands::{NewPipeline, PipelineChanges};
use domain::{FieldError, FieldErrors, Permission, PipelineId};
use persistence::entities::pipeline;
use persistence::repo::pipelines::{self, Pipeline, definition_json};
use uuid::Uuid;

/// Makes sure the built-in funnels exist and match the code. A newer built-in replaces the stored
/// one only when the change is safe for the cards on it (no stage in use removed).
pub async fn ensure_builtin(db: &persistence::Db, now: chrono::DateTime<chrono::Utc>) -> Result<(), AppError> {
    for f in domain::sales::builtin_funnels() {
        let json = definition_json(&f.definition)?;
        match pipelines::find_by_code(db, f.code).await? {
            None => {
                pipelines::insert(db, pipeline::Model {
                    id: Uuid::now_v7(), code: f.code.into(), kind: f.definition.kind.as_str().into(), name_ru: f.name_ru.into(),
                    name_en: f.name_en.into(), definition: json, is_builtin: true, is_active: true, position: f.position, created_at: now,
                    updated_at: now, version: 1,
                })
                .await?;
            }
            Some(stored) if stored.row.definition != json => {
                let in_use = pipelines::stages_in_use(db, &stored).await?;
                if stored.def.validate_change(&f.definition, &in_use).is_ok() {
                    pipelines::save(db, pipeline::Model { definition: json, ..stored.row }, now).await?;
                } else {
                    tracing::warn!(code = f.code, "built-in pipeline changed in a way its cards do not allow; keeping the stored one");
                }
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// Pipelines of the kinds whose cards the caller reads; switched-off ones for admins who ask.
pub async fn list(ctx: &AppState, who: &Credentials, kind: Option<PipelineKind>, include_inactive: bool) -> Result<Vec<Pipeline>, AppError> {
    let actor = ctx.read(who).await?;
    match kind {
        Some(k) => actor.require(Permission::read_cards(k))?,
        None => actor.require_any(&[Permission::LeadsRead, Permission::DealsRead])?,
    }
    let include_inactive = include_inactive && actor.may(Permission::PipelinesManage);
    let mut items = pipelines::list(&ctx.db, kind, include_inactive).await?;
    items.retain(|p| actor.may(Permission::read_cards(p.kind())));
    Ok(items)
}

pub async fn get(ctx: &AppState, who: &Credentials, id: PipelineId) -> Result<Pipeline, AppError> {
    let actor = ctx.read(who).await?;
    actor.require_any(&[Permission::LeadsRead, Permission::DealsRead])?;
    let p = pipelines::get(&ctx.db, id).await?;
    actor.require(Permission::read_cards(p.kind()))?;
    Ok(p)
}

/// A new admin-defined pipeline, placed after the others.
pub async fn create(ctx: &AppState, who: &Credentials, cmd: NewPipeline) -> Result<Pipeline, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::PipelinesManage)?;
    let position = pipelines::count(&w.tx).await? as i32;
    let p = pipelines::insert(&w.tx, pipeline::Model {
        id: Uuid::now_v7(), code: cmd.code, kind: cmd.definition.kind.as_str().into(), name_ru: cmd.name_ru, name_en: cmd.name_en,
        definition: definition_json(&cmd.definition)?, is_builtin: false, is_active: true, position, created_at: w.now, updated_at: w.now, version: 1,
    })
    .await?;
    w.commit().await?;
    Ok(p)
}

/// Saves an edit at the version the admin saw. A new definition must keep every card valid
/// (checked against the stages in use inside the same transaction); errors are under `definition.`.
/// The last active pipeline of a kind stays on: without it nobody could make a lead or a deal.
pub async fn update(ctx: &AppState, who: &Credentials, id: PipelineId, c: PipelineChanges) -> Result<Pipeline, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::PipelinesManage)?;
    let current = pipelines::get(&w.tx, id).await?;
    if current.row.version != c.version {
        return Err(AppError::VersionConflict);
    }
    let mut next = current.row.clone();
    if let Some(def) = &c.definition {
        if current.row.is_builtin {
            return Err(AppError::field("definition", FieldError::new("builtin_read_only", "Встроенную воронку менять нельзя — создайте свою на её основе")));
        }
        let in_use = pipelines::stages_in_use(&w.tx, &current).await?;
        if let Err(errors) = current.def.validate_change(def, &in_use) {
            let mut f = FieldErrors::new();
            f.merge_prefixed("definition", errors);
            return Err(f.into());
        }
        next.definition = definition_json(def)?;
    }
    if c.is_active == Some(false) && current.row.is_active && pipelines::count_active(&w.tx, current.kind()).await? <= 1 {
        let what = match current.kind() {
            PipelineKind::Lead => "лидов",
            PipelineKind::Deal => "сделок",
        };
        return Err(AppError::field("is_active", FieldError::new("last_active", format!("Это последняя действующая воронка {what}: без неё нельзя создать ни одной карточки"))));
    }
    if let Some(n) = c.name_ru { next.name_ru = n }
    if let Some(n) = c.name_en { next.name_en = n }
    if let Some(a) = c.is_active { next.is_active = a }
    let saved = pipelines::save(&w.tx, next, w.now).await?;
    w.commit().await?;
    Ok(saved)
}

/// The dictionaries the pipeline editor and the loss dialog offer (any signed-in caller).
pub async fn catalog(ctx: &AppState, who: &Credentials) -> Result<(), AppError> {
    ctx.read(who).await?;
    Ok(())
}
