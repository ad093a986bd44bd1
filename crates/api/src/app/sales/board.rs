//! The board of a pipeline: its columns with counts, sums and the first cards of each.
use crate::AppState;
use crate::auth::Credentials;
use crate::error::AppError;
use domain::pipelines::PipelineKind;
use domain::{Permission, PipelineId};
use persistence::entities::{deal, lead};
use persistence::repo::pipelines::{self, Pipeline};
use persistence::repo::sales::board::{self, Column};
use persistence::repo::sales::CardFilter;

/// A board of lead or deal cards.
pub enum Columns {
    Leads(Vec<Column<lead::Model>>),
    Deals(Vec<Column<deal::Model>>),
}

pub struct Board {
    pub pipeline: Pipeline,
    pub columns: Columns,
}

pub async fn show(ctx: &AppState, who: &Credentials, id: PipelineId, filter: &CardFilter, per_stage: u64) -> Result<Board, AppError> {
    let actor = ctx.read(who).await?;
    actor.require_any(&[Permission::LeadsRead, Permission::DealsRead])?;
    let pipeline = pipelines::get(&ctx.db, id).await?;
    actor.require(Permission::read_cards(pipeline.kind()))?;
    let columns = match pipeline.kind() {
        PipelineKind::Lead => Columns::Leads(board::of_leads(&ctx.db, actor.scope, &pipeline, filter, per_stage).await?),
        PipelineKind::Deal => Columns::Deals(board::of_deals(&ctx.db, actor.scope, &pipeline, filter, per_stage).await?),
    };
    Ok(Board { pipeline, columns })
}
