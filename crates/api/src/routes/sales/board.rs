//! `/pipelines/{id}/board`: a pipeline's cards by stage, with counts and sums.
use super::cards::card_filter;
use crate::routes::prelude::*;
use crate::views::cards::{CardSummary, board_summary};
use crate::views::pipelines::PipelineRef;
use domain::PipelineId;

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct BoardQuery {
    pub responsible_id: Option<Uuid>,
    pub channel: Option<String>,
    /// Created on or after this day.
    pub created_from: Option<chrono::NaiveDate>,
    /// Created on or before this day.
    pub created_to: Option<chrono::NaiveDate>,
    /// Title, number, contact.
    pub q: Option<String>,
    /// Cards shown per column, 1..=200 (default 20); the rest are in the column's `count`.
    #[param(minimum = 1, maximum = 200)]
    pub per_stage: Option<u64>,
}

#[derive(Serialize, ToSchema)]
pub struct BoardColumn {
    pub stage: String,
    /// All cards in the stage that match the filter.
    pub count: i64,
    /// Their expected revenue, roubles.
    #[schema(value_type = String, example = "125000.00")]
    pub sum: rust_decimal::Decimal,
    /// The first `per_stage` cards: open stages longest-waiting first, closed ones newest first.
    pub cards: Vec<CardSummary>,
}

#[derive(Serialize, ToSchema)]
pub struct Board {
    /// The pipeline and version the columns follow; its definition is at `GET /pipelines/{id}`.
    pub pipeline: PipelineRef,
    pub columns: Vec<BoardColumn>,
}

fn column(stage: String, count: i64, sum_minor: i64, cards: Vec<CardSummary>) -> Result<BoardColumn, AppError> {
    let sum = domain::Money::from_minor(sum_minor, domain::Currency::Rub).map_err(|e| AppError::Internal(anyhow::anyhow!("column sum {sum_minor}: {e}")))?;
    Ok(BoardColumn { stage, count, sum: sum.amount(), cards })
}

#[utoipa::path(tag = "pipelines", params(("id" = Uuid, Path), BoardQuery), responses(
    (status = 200, body = Board),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/pipelines/{id}/board")]
pub async fn board(state: web::Data<AppState>, who: Credentials, id: web::Path<PipelineId>, q: Query<BoardQuery>) -> Result<web::Json<Board>, AppError> {
    let mut errors = FieldErrors::new();
    let filter = card_filter(&mut errors, q.q.as_deref(), q.channel.as_deref(), q.responsible_id, q.created_from, q.created_to);
    errors.into_result()?;
    let per_stage = within("per_stage", q.per_stage, 20)?;
    let b = app::sales::board::show(&state, &who, *id, &filter, per_stage).await?;
    let now = state.now();
    let kind = domain::sales::CardKind::on(b.pipeline.kind());
    let columns = b
        .columns
        .into_iter()
        .map(|c| {
            let cards = c.cards.iter().map(|card| board_summary(card, kind, &b.pipeline, now)).collect::<Result<_, _>>()?;
            column(c.stage, c.count, c.sum_minor, cards)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(web::Json(Board { pipeline: b.pipeline.as_ref().into(), columns }))
}
