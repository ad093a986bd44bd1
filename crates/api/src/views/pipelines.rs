//! A pipeline as its list, its page and its board show it.
use chrono::{DateTime, Utc};
use domain::pipelines::{PipelineDefinition, PipelineKind};
use persistence::repo::pipelines::Pipeline as Stored;
use serde::Serialize;
use serde_json::value::RawValue;
use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock};
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

/// Pipelines as the API shows them, serialised once per stored version: the board sends its
/// pipeline (13 KB of definition for the tile sale) with every answer. Shared by the server's
/// requests; cheap to clone.
#[derive(Clone, Default)]
pub struct Rendered(Arc<RwLock<HashMap<Uuid, (i32, Arc<RawValue>)>>>);

impl Rendered {
    pub fn of(&self, p: &Stored) -> Result<Shown, serde_json::Error> {
        let (id, version) = (p.row.id, p.row.version);
        if let Some((v, json)) = self.0.read().unwrap_or_else(PoisonError::into_inner).get(&id)
            && *v == version
        {
            return Ok(Shown(json.clone()));
        }
        let json: Arc<RawValue> = Arc::from(serde_json::value::to_raw_value(&Pipeline::from(p.clone()))?);
        self.0.write().unwrap_or_else(PoisonError::into_inner).insert(id, (version, json.clone()));
        Ok(Shown(json))
    }
}

/// A [`Pipeline`] already serialised.
pub struct Shown(Arc<RawValue>);

impl Serialize for Shown {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}
