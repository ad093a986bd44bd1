//! Sales: leads and deals on their pipelines, the board, the card timeline. `cards` runs the
//! engine on a card; the other modules are the use cases.
pub mod board;
pub mod cards;
pub mod deals;
pub mod leads;
pub mod timeline;

use crate::error::AppError;
use domain::pipelines::PipelineKind;
use domain::{FieldError, FieldErrors, PipelineId};
use persistence::repo::pipelines::{self, Pipeline};
use persistence::repo::sales::CardRow;
use persistence::repo::{Page, sales};
use persistence::ConnectionTrait;
use std::collections::HashMap;

/// A page of cards and the pipelines they are on (for stage names and stuck marks).
pub struct CardList<M> {
    pub page: Page<CardRow<M>>,
    pub pipelines: HashMap<PipelineId, Pipeline>,
}

/// Every pipeline by id (a handful: one query).
pub(crate) async fn all_pipelines(db: &impl ConnectionTrait) -> Result<HashMap<PipelineId, Pipeline>, AppError> {
    Ok(pipelines::list(db, None, true).await?.into_iter().map(|p| (p.id(), p)).collect())
}

/// The named pipeline of `kind` if it is active, or the first active one; otherwise why not.
pub(crate) async fn active_pipeline(db: &impl ConnectionTrait, kind: PipelineKind, id: Option<PipelineId>) -> Result<Result<Pipeline, FieldError>, AppError> {
    let found = match id {
        Some(id) => match pipelines::get(db, id).await {
            Ok(p) => Some(p),
            Err(persistence::RepoError::NotFound) => None,
            Err(e) => return Err(e.into()),
        },
        None => pipelines::default_for(db, kind).await?,
    };
    Ok(match found {
        Some(p) if p.def.kind == kind && p.row.is_active => Ok(p),
        _ => {
            let message = match (kind, id) {
                (PipelineKind::Lead, Some(_)) => "Нет такой действующей воронки лидов",
                (PipelineKind::Deal, Some(_)) => "Нет такой действующей воронки сделок",
                (PipelineKind::Lead, None) => "Нет ни одной действующей воронки лидов — включите её в настройках воронок",
                (PipelineKind::Deal, None) => "Нет ни одной действующей воронки сделок — включите её в настройках воронок",
            };
            Err(FieldError::new("invalid_value", message))
        }
    })
}

/// `found`, unless it or anything in `errors` says no: then every error at once, `found`'s under `field`.
pub(crate) fn checked<T>(mut errors: FieldErrors, field: &str, found: Result<T, FieldError>) -> Result<T, AppError> {
    match found {
        Ok(v) => {
            errors.into_result()?;
            Ok(v)
        }
        Err(e) => {
            errors.add(field, e);
            Err(errors.into())
        }
    }
}

pub(crate) use crate::app::identity::users::check_person;
pub use sales::CardFilter;
