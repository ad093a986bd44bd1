//! The board of a pipeline: its columns with counts, sums and the first cards of each.
use crate::AppState;
use crate::auth::Credentials;
use crate::error::AppError;
use domain::pipelines::PipelineKind;
use domain::{Permission, PipelineId};
use persistence::repo::sales::CardFilter;
use persistence::repo::sales::board::{self, Board};

pub async fn show(ctx: &AppState, who: &Credentials, id: PipelineId, filter: &CardFilter, per_stage: u64) -> Result<Board, AppError> {
    let actor = ctx.read(who).await?;
    actor.require_any(&[Permission::LeadsRead, Permission::DealsRead])?;
    // Any cached version tells the kind; the board reads the stored version beside its totals.
    let pipeline = ctx.pipelines.any(&ctx.db, id).await?;
    actor.require(Permission::read_cards(pipeline.kind()))?;
    Ok(match pipeline.kind() {
        PipelineKind::Lead => board::of_leads(&ctx.db, &ctx.pipelines, actor.scope, pipeline, filter, per_stage).await?,
        PipelineKind::Deal => board::of_deals(&ctx.db, &ctx.pipelines, actor.scope, pipeline, filter, per_stage).await?,
    })
}
