//! The board of a pipeline: its columns with counts, sums and the first cards of each.
use crate::AppState;
use crate::auth::Credentials;
use crate::error::AppError;
use domain::pipelines::PipelineKind;
use domain::{Permission, PipelineId};
use persistence::repo::pipelines::{self, Pipeline};
use persistence::repo::sales::board::{self, Column};
use persistence::repo::sales::CardFilter;

pub struct Board {
    pub pipeline: Pipeline,
    pub columns: Vec<Column>,
}

pub async fn show(ctx: &AppState, who: &Credentials, id: PipelineId, filter: &CardFilter, per_stage: u64) -> Result<Board, AppError> {
    let actor = ctx.read(who).await?;
    actor.require_any(&[Permission::LeadsRead, Permission::DealsRead])?;
    let pipeline = pipelines::get(&ctx.db, id).await?;
    actor.require(Permission::read_cards(pipeline.kind()))?;
    let columns = match pipeline.kind() {
        PipelineKind::Lead => board::of_leads(&ctx.db, actor.scope, &pipeline, filter, per_stage).await?,
        PipelineKind::Deal => board::of_deals(&ctx.db, actor.scope, &pipeline, filter, per_stage).await?,
    };
    Ok(Board { pipeline, columns })
}
