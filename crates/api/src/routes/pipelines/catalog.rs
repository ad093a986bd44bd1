//! `/loss-reasons`, `/card-fields`: the dictionaries the loss dialog and the pipeline editor offer.
use crate::routes::prelude::*;
use domain::pipelines::{CardField, LOSS_REASONS, LossReason, PipelineKind, fields_for};

#[derive(Serialize, ToSchema)]
pub struct LossReasonList {
    pub items: Vec<LossReason>,
}

#[utoipa::path(tag = "pipelines", responses(
    (status = 200, body = LossReasonList, description = "The dictionary a lost card's reason comes from"),
    (status = 401, body = Problem, content_type = "application/problem+json"),
))]
#[get("/loss-reasons")]
pub async fn loss_reasons(state: web::Data<AppState>, who: Credentials) -> Result<web::Json<LossReasonList>, AppError> {
    app::pipelines::catalog(&state, &who).await?;
    Ok(web::Json(LossReasonList { items: LOSS_REASONS.to_vec() }))
}

/// The card fields a pipeline's guards and tasks may name, by pipeline kind.
#[derive(Serialize, ToSchema)]
pub struct CardFieldCatalog {
    pub lead: Vec<CardField>,
    pub deal: Vec<CardField>,
}

#[utoipa::path(tag = "pipelines", responses(
    (status = 200, body = CardFieldCatalog, description = "What the pipeline editor offers for «заполнено поле» guards and task due dates"),
    (status = 401, body = Problem, content_type = "application/problem+json"),
))]
#[get("/card-fields")]
pub async fn card_fields(state: web::Data<AppState>, who: Credentials) -> Result<web::Json<CardFieldCatalog>, AppError> {
    app::pipelines::catalog(&state, &who).await?;
    Ok(web::Json(CardFieldCatalog { lead: fields_for(PipelineKind::Lead).to_vec(), deal: fields_for(PipelineKind::Deal).to_vec() }))
}
