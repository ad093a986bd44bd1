//! A pipeline as its list, its page and its board show it.
use chrono::{DateTime, Utc};
use domain::pipelines::{PipelineDefinition, PipelineKind};
use persistence::repo::pipelines::Pipeline as Stored;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// A pipeline: its stages (board columns) and transition table with guards.
#[derive(Serialize, ToSchema)]
pub struct Pipeline {
    pub id: Uuid,
    /// Stable identifier: `leads`, `tile_sale` for the built-in ones.
    pub code: String,
    pub kind: PipelineKind,
    pub name_ru: String,
    pub name_en: String,
    /// Built-in pipelines follow the customer's process and cannot be edited.
    pub is_builtin: bool,
    pub is_active: bool,
    pub position: i32,
    pub definition: PipelineDefinition,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl From<Stored> for Pipeline {
    fn from(p: Stored) -> Self {
        let r = p.row;
        Pipeline {
            id: r.id, code: r.code, kind: p.def.kind, name_ru: r.name_ru, name_en: r.name_en, is_builtin: r.is_builtin,
            is_active: r.is_active, position: r.position, definition: p.def, updated_at: r.updated_at, version: r.version,
        }
    }
}

/// Which pipeline (and which version of it) an answer was built against — the board's, whose
/// definition the web app keeps from `GET /pipelines` and reads again when the version differs.
#[derive(Serialize, ToSchema)]
pub struct PipelineRef {
    pub id: Uuid,
    pub code: String,
    pub kind: PipelineKind,
    pub name_ru: String,
    pub name_en: String,
    pub version: i32,
}

impl From<&Stored> for PipelineRef {
    fn from(p: &Stored) -> Self {
        let r = &p.row;
        PipelineRef { id: r.id, code: r.code.clone(), kind: p.def.kind, name_ru: r.name_ru.clone(), name_en: r.name_en.clone(), version: r.version }
    }
}
