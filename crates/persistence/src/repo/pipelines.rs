//! Pipeline definitions: the built-in funnels (kept in the domain's code) and those admins define.
use super::cards::Pipeline;
use super::*;
use crate::entities::{deal, lead, pipeline};
use domain::pipeline::{PipelineDefinition, PipelineKind, lead_funnel, tile_deal_funnel};
use std::collections::BTreeSet;

/// Code of the built-in lead funnel.
pub const LEAD_FUNNEL: &str = "leads";
/// Code of the built-in tile-sale deal funnel.
pub const TILE_SALE_FUNNEL: &str = "tile_sale";

fn kind_str(kind: PipelineKind) -> &'static str {
    match kind {
        PipelineKind::Lead => "lead",
        PipelineKind::Deal => "deal",
    }
}

fn definition_json(def: &PipelineDefinition) -> Result<String, RepoError> {
    serde_json::to_string(def).map_err(|e| RepoError::Db(sea_orm::DbErr::Custom(format!("definition: {e}"))))
}

/// Makes sure the built-in funnels exist and match the code. A newer built-in replaces the stored
/// one only when the change is safe for the cards on it (no stage in use removed).
pub async fn ensure_builtin_pipelines(db: &DatabaseConnection) -> Result<(), RepoError> {
    let now = chrono::Utc::now();
    for (position, code, name_ru, name_en, def) in [
        (0, LEAD_FUNNEL, "Лиды", "Leads", lead_funnel()),
        (1, TILE_SALE_FUNNEL, "Продажа плитки", "Tile sale", tile_deal_funnel()),
    ] {
        let json = definition_json(&def)?;
        match pipeline::Entity::find().filter(pipeline::Column::Code.eq(code)).one(db).await? {
            None => {
                pipeline::Model {
                    id: Uuid::now_v7(), code: code.into(), kind: kind_str(def.kind).into(), name_ru: name_ru.into(), name_en: name_en.into(),
                    definition: json, is_builtin: true, is_active: true, position, created_at: now, updated_at: now, version: 1,
                }
                .into_active_model()
                .insert(db)
                .await
                .map_err(|e| unique_as(e, "pipelines_code"))?;
            }
            Some(row) if row.definition != json => {
                let stored = Pipeline::from_row(row.clone())?;
                let in_use = stages_in_use(db, &stored).await?;
                if stored.def.validate_change(&def, &in_use).is_ok() {
                    let next = pipeline::Model { definition: json, updated_at: now, version: row.version + 1, ..row.clone() };
                    write_versioned(db, row.id, row.version, next).await?;
                } else {
                    tracing::warn!(code, "built-in pipeline changed in a way its cards do not allow; keeping the stored one");
                }
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// Stages that hold at least one card.
pub async fn stages_in_use(db: &impl ConnectionTrait, p: &Pipeline) -> Result<BTreeSet<String>, RepoError> {
    let stages: Vec<String> = match p.def.kind {
        PipelineKind::Lead => {
            lead::Entity::find()
                .select_only()
                .column(lead::Column::Stage)
                .distinct()
                .filter(lead::Column::PipelineId.eq(p.row.id))
                .into_tuple()
                .all(db)
                .await?
        }
        PipelineKind::Deal => {
            deal::Entity::find()
                .select_only()
                .column(deal::Column::Stage)
                .distinct()
                .filter(deal::Column::PipelineId.eq(p.row.id))
                .into_tuple()
                .all(db)
                .await?
        }
    };
    Ok(stages.into_iter().collect())
}

/// Pipelines in board order; inactive ones only when asked.
pub async fn list_pipelines(db: &DatabaseConnection, kind: Option<PipelineKind>, include_inactive: bool) -> Result<Vec<Pipeline>, RepoError> {
    let mut q = pipeline::Entity::find();
    if let Some(k) = kind {
        q = q.filter(pipeline::Column::Kind.eq(kind_str(k)));
    }
    if !include_inactive {
        q = q.filter(pipeline::Column::IsActive.eq(true));
    }
    q.order_by_asc(pipeline::Column::Position)
        .order_by_asc(pipeline::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(Pipeline::from_row)
        .collect()
}

pub async fn get_pipeline(db: &impl ConnectionTrait, id: Uuid) -> Result<Pipeline, RepoError> {
    super::cards::load_pipeline(db, id).await
}

pub async fn find_pipeline_by_code(db: &impl ConnectionTrait, code: &str) -> Result<Pipeline, RepoError> {
    Pipeline::from_row(pipeline::Entity::find().filter(pipeline::Column::Code.eq(code)).one(db).await?.ok_or(RepoError::NotFound)?)
}

/// The pipeline new cards of `kind` go to when none is named: the first active one.
pub async fn default_pipeline(db: &impl ConnectionTrait, kind: PipelineKind) -> Result<Pipeline, RepoError> {
    let row = pipeline::Entity::find()
        .filter(pipeline::Column::Kind.eq(kind_str(kind)))
        .filter(pipeline::Column::IsActive.eq(true))
        .order_by_asc(pipeline::Column::Position)
        .order_by_asc(pipeline::Column::CreatedAt)
        .one(db)
        .await?
        .ok_or(RepoError::NotFound)?;
    Pipeline::from_row(row)
}

/// A new admin-defined pipeline (already validated), placed after the others.
pub async fn insert_pipeline(db: &DatabaseConnection, code: &str, name_ru: &str, name_en: &str, def: &PipelineDefinition) -> Result<Pipeline, RepoError> {
    let now = chrono::Utc::now();
    let position = pipeline::Entity::find().count(db).await? as i32;
    let row = pipeline::Model {
        id: Uuid::now_v7(), code: code.into(), kind: kind_str(def.kind).into(), name_ru: name_ru.into(), name_en: name_en.into(),
        definition: definition_json(def)?, is_builtin: false, is_active: true, position, created_at: now, updated_at: now, version: 1,
    }
    .into_active_model()
    .insert(db)
    .await
    .map_err(|e| unique_as(e, "pipelines_code"))?;
    Pipeline::from_row(row)
}

/// What an admin may change about a pipeline.
pub struct PipelineChange {
    pub name_ru: Option<String>,
    pub name_en: Option<String>,
    pub is_active: Option<bool>,
    pub definition: Option<PipelineDefinition>,
}

/// Saves an edit if `expected_version` is current. A new definition must keep every card valid
/// (checked against the stages in use inside the same transaction); errors are under `definition.`.
pub async fn update_pipeline(db: &DatabaseConnection, id: Uuid, expected_version: i32, change: PipelineChange) -> Result<Pipeline, RepoError> {
    let txn = begin_write(db).await?;
    let current = get_pipeline(&txn, id).await?;
    if current.row.version != expected_version {
        return Err(RepoError::VersionConflict);
    }
    let mut next = current.row.clone();
    if let Some(def) = &change.definition {
        if current.row.is_builtin {
            let mut f = domain::FieldErrors::new();
            f.add("definition", domain::FieldError::new("builtin_read_only", "Встроенную воронку менять нельзя — создайте свою на её основе"));
            return Err(RepoError::Invalid(f));
        }
        let in_use = stages_in_use(&txn, &current).await?;
        if let Err(errors) = current.def.validate_change(def, &in_use) {
            let mut f = domain::FieldErrors::new();
            f.merge_prefixed("definition", errors);
            return Err(RepoError::Invalid(f));
        }
        next.definition = definition_json(def)?;
    }
    if let Some(n) = change.name_ru {
        next.name_ru = n;
    }
    if let Some(n) = change.name_en {
        next.name_en = n;
    }
    if let Some(a) = change.is_active {
        next.is_active = a;
    }
    next.version = current.row.version + 1;
    next.updated_at = chrono::Utc::now();
    write_versioned(&txn, id, expected_version, next.clone()).await?;
    txn.commit().await?;
    Pipeline::from_row(next)
}
