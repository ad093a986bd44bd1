//! Pipeline definitions: the built-in funnels (kept in the domain's code) and those admins define,
//! stored as JSON beside their row.
use crate::entities::{deal, lead, pipeline};
use crate::repo::*;
use domain::PipelineId;
use domain::pipelines::{PipelineDefinition, PipelineKind, StageKind};
use domain::sales::CardStatus;
use sea_orm::{PaginatorTrait, QueryOrder, QuerySelect};
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, PoisonError, RwLock};

/// A pipeline row with its parsed definition.
#[derive(Debug, Clone)]
pub struct Pipeline {
    pub row: pipeline::Model,
    pub def: PipelineDefinition,
}

impl Pipeline {
    pub fn from_row(row: pipeline::Model) -> Result<Pipeline, RepoError> {
        let def = serde_json::from_str(&row.definition).map_err(|e| RepoError::Corrupt(format!("pipeline {} definition: {e}", row.code)))?;
        Ok(Pipeline { row, def })
    }

    pub fn id(&self) -> PipelineId {
        self.row.id.into()
    }

    pub fn kind(&self) -> PipelineKind {
        self.def.kind
    }

    pub fn stage_name(&self, code: &str) -> String {
        self.def.stage(code).map_or_else(|| code.to_owned(), |s| s.name_ru.clone())
    }

    /// The open/won/lost status a card in `stage` has.
    pub fn status_of(&self, stage: &str) -> CardStatus {
        CardStatus::of(self.def.stage(stage).map_or(StageKind::Open, |s| s.kind))
    }

    /// Where a new card starts.
    pub fn first_stage(&self) -> Result<String, RepoError> {
        self.def.first_stage().map(|s| s.code.clone()).ok_or_else(|| RepoError::Corrupt(format!("pipeline {} has no stages", self.row.code)))
    }

    /// Whether a card that entered `stage` at `entered_at` has stayed longer than the stage allows.
    pub fn is_stuck(&self, stage: &str, entered_at: chrono::DateTime<chrono::Utc>, now: chrono::DateTime<chrono::Utc>) -> bool {
        self.def
            .stage(stage)
            .filter(|s| s.kind == StageKind::Open)
            .and_then(|s| s.stuck_after_hours)
            .is_some_and(|h| now - entered_at > chrono::Duration::hours(i64::from(h)))
    }
}

pub fn definition_json(def: &PipelineDefinition) -> Result<String, RepoError> {
    serde_json::to_string(def).map_err(|e| RepoError::Corrupt(format!("definition: {e}")))
}

pub async fn get(db: &impl ConnectionTrait, id: PipelineId) -> Result<Pipeline, RepoError> {
    Pipeline::from_row(only(pipeline::Entity::find_by_id(Uuid::from(id)).all(db)).await?.ok_or(RepoError::NotFound)?)
}

/// Pipelines as last read, by id. A card's row comes with its pipeline's version, so a move or a
/// card read uses the parsed definition it already has while that version is the stored one, and
/// reads (and parses) the row only after an edit. Shared by the server's requests; cheap to clone.
#[derive(Clone, Default)]
pub struct Cache(Arc<RwLock<HashMap<PipelineId, Arc<Pipeline>>>>);

impl Cache {
    /// The pipeline at `version`, from the cache or else read (and kept).
    pub async fn at(&self, db: &impl ConnectionTrait, id: PipelineId, version: i32) -> Result<Arc<Pipeline>, RepoError> {
        if let Some(p) = self.0.read().unwrap_or_else(PoisonError::into_inner).get(&id).filter(|p| p.row.version == version) {
            return Ok(p.clone());
        }
        self.fresh(db, id).await
    }

    /// The pipeline as last read, in whatever version (for what no version changes: its kind), or read.
    pub async fn any(&self, db: &impl ConnectionTrait, id: PipelineId) -> Result<Arc<Pipeline>, RepoError> {
        if let Some(p) = self.0.read().unwrap_or_else(PoisonError::into_inner).get(&id) {
            return Ok(p.clone());
        }
        self.fresh(db, id).await
    }

    /// The pipeline as stored now (and kept).
    pub async fn fresh(&self, db: &impl ConnectionTrait, id: PipelineId) -> Result<Arc<Pipeline>, RepoError> {
        let p = Arc::new(get(db, id).await?);
        self.0.write().unwrap_or_else(PoisonError::into_inner).insert(id, p.clone());
        Ok(p)
    }
}

pub async fn find_by_code(db: &impl ConnectionTrait, code: &str) -> Result<Option<Pipeline>, RepoError> {
    pipeline::Entity::find().filter(pipeline::Column::Code.eq(code)).one(db).await?.map(Pipeline::from_row).transpose()
}

/// Pipelines in board order; inactive ones only when asked.
pub async fn list(db: &impl ConnectionTrait, kind: Option<PipelineKind>, include_inactive: bool) -> Result<Vec<Pipeline>, RepoError> {
    let mut q = pipeline::Entity::find();
    if let Some(k) = kind {
        q = q.filter(pipeline::Column::Kind.eq(k.as_str()));
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

/// The pipeline new cards of `kind` go to when none is named: the first active one.
pub async fn default_for(db: &impl ConnectionTrait, kind: PipelineKind) -> Result<Option<Pipeline>, RepoError> {
    pipeline::Entity::find()
        .filter(pipeline::Column::Kind.eq(kind.as_str()))
        .filter(pipeline::Column::IsActive.eq(true))
        .order_by_asc(pipeline::Column::Position)
        .order_by_asc(pipeline::Column::CreatedAt)
        .one(db)
        .await?
        .map(Pipeline::from_row)
        .transpose()
}

/// How many pipelines of `kind` are switched on.
pub async fn count_active(db: &impl ConnectionTrait, kind: PipelineKind) -> Result<u64, RepoError> {
    Ok(pipeline::Entity::find()
        .filter(pipeline::Column::Kind.eq(kind.as_str()))
        .filter(pipeline::Column::IsActive.eq(true))
        .count(db)
        .await?)
}

/// How many pipelines there are (a new one goes after them).
pub async fn count(db: &impl ConnectionTrait) -> Result<u64, RepoError> {
    Ok(pipeline::Entity::find().count(db).await?)
}

/// Inserts a pipeline row; a taken code is [`RepoError::Duplicate`] `pipelines_code`.
pub async fn insert(db: &impl ConnectionTrait, row: pipeline::Model) -> Result<Pipeline, RepoError> {
    let row = row.into_active_model().insert(db).await.map_err(|e| unique_as(e, "pipelines_code"))?;
    Pipeline::from_row(row)
}

/// Saves a changed row if nobody saved it since it was read (version bumped, stamped `now`).
pub async fn save(db: &impl ConnectionTrait, row: pipeline::Model, now: chrono::DateTime<chrono::Utc>) -> Result<Pipeline, RepoError> {
    let id = row.id;
    Pipeline::from_row(save_versioned(db, row, id, now).await?)
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
