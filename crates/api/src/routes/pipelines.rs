use super::prelude::*;
use super::sales::{CardSummary, card_summaries_of_deals, card_summaries_of_leads};
use domain::pipeline::{CardField, LOSS_REASONS, LossReason, PipelineDefinition, PipelineKind, fields_for};
use persistence::repo::cards::Pipeline as StoredPipeline;

// ---------- pipelines (funnels) ----------

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

impl From<StoredPipeline> for Pipeline {
    fn from(p: StoredPipeline) -> Self {
        let r = p.row;
        Pipeline {
            id: r.id, code: r.code, kind: p.def.kind, name_ru: r.name_ru, name_en: r.name_en, is_builtin: r.is_builtin,
            is_active: r.is_active, position: r.position, definition: p.def, updated_at: r.updated_at, version: r.version,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct PipelineList {
    pub items: Vec<Pipeline>,
}

#[derive(Deserialize, IntoParams)]
pub struct PipelineQuery {
    pub kind: Option<PipelineKind>,
    /// Also the switched-off ones (admins).
    pub include_inactive: Option<bool>,
}

/// Reading pipelines needs the right to read the cards on them.
fn can_read(actor: &Actor, kind: Option<PipelineKind>) -> Result<(), ApiError> {
    let ok = match kind {
        Some(PipelineKind::Lead) => actor.role.can(Permission::LeadsRead),
        Some(PipelineKind::Deal) => actor.role.can(Permission::DealsRead),
        None => actor.role.can(Permission::LeadsRead) || actor.role.can(Permission::DealsRead),
    };
    if ok { Ok(()) } else { Err(ApiError::Forbidden) }
}

#[utoipa::path(tag = "pipelines", params(PipelineQuery), responses(
    (status = 200, body = PipelineList),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
))]
#[get("/pipelines")]
pub async fn list_pipelines(state: web::Data<AppState>, actor: Actor, q: web::Query<PipelineQuery>) -> Result<web::Json<PipelineList>, ApiError> {
    can_read(&actor, q.kind)?;
    let include_inactive = q.include_inactive.unwrap_or(false) && actor.role.can(Permission::PipelinesManage);
    let mut items = repo::list_pipelines(&state.db, q.kind, include_inactive).await?;
    items.retain(|p| can_read(&actor, Some(p.def.kind)).is_ok());
    Ok(web::Json(PipelineList { items: items.into_iter().map(Into::into).collect() }))
}

#[utoipa::path(tag = "pipelines", params(("id" = Uuid, Path)), responses(
    (status = 200, body = Pipeline),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/pipelines/{id}")]
pub async fn get_pipeline(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>) -> Result<web::Json<Pipeline>, ApiError> {
    can_read(&actor, None)?;
    let p = repo::get_pipeline(&state.db, *id).await?;
    can_read(&actor, Some(p.def.kind))?;
    Ok(web::Json(p.into()))
}

#[derive(Deserialize, ToSchema)]
pub struct NewPipeline {
    /// `^[a-z][a-z0-9_]{0,39}$`, unique.
    pub code: String,
    pub name_ru: String,
    pub name_en: String,
    #[schema(value_type = PipelineDefinition)]
    pub definition: serde_json::Value,
}

/// Reads a submitted definition: a shape error names where it is (`definition.stages[2].kind`),
/// then the domain checks the rules (reachable stages, a won and a lost stage, known guards).
fn parse_definition(errors: &mut FieldErrors, value: serde_json::Value) -> Option<PipelineDefinition> {
    match serde_path_to_error::deserialize::<_, PipelineDefinition>(value) {
        Ok(def) => {
            if let Err(e) = def.validate() {
                errors.merge_prefixed("definition", e);
            }
            Some(def)
        }
        Err(e) => {
            let path = e.path().to_string();
            let field = match path.as_str() {
                "." => "definition".to_owned(),
                p if p.starts_with('[') => format!("definition{p}"),
                p => format!("definition.{p}"),
            };
            errors.add(field, FieldError::new("invalid_format", e.into_inner().to_string()));
            None
        }
    }
}

fn names(errors: &mut FieldErrors, ru: Option<&str>, en: Option<&str>) -> (Option<String>, Option<String>) {
    (
        ru.and_then(|v| errors.required("name_ru", Some(v), |s| domain::text(100, s))),
        en.and_then(|v| errors.required("name_en", Some(v), |s| domain::text(100, s))),
    )
}

#[utoipa::path(tag = "pipelines", request_body = NewPipeline, responses(
    (status = 201, body = Pipeline),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "Field paths point into the definition, e.g. `definition.transitions[2].to`; `code` `taken`"),
))]
#[post("/pipelines")]
pub async fn create_pipeline(state: web::Data<AppState>, actor: Actor, body: web::Json<NewPipeline>) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::PipelinesManage)?;
    let b = body.into_inner();
    let mut errors = FieldErrors::new();
    let code_ok = b.code.len() <= 40 && b.code.starts_with(|c: char| c.is_ascii_lowercase()) && b.code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !code_ok {
        errors.add("code", FieldError::new("invalid_format", "Латинские строчные буквы, цифры и «_», до 40 символов, первая — буква"));
    }
    let (name_ru, name_en) = names(&mut errors, Some(&b.name_ru), Some(&b.name_en));
    let def = parse_definition(&mut errors, b.definition);
    errors.into_result()?;
    let (Some(name_ru), Some(name_en), Some(def)) = (name_ru, name_en, def) else { return Err(ApiError::Internal(anyhow::anyhow!("validated"))) };
    let p = match repo::insert_pipeline(&state.db, &b.code, &name_ru, &name_en, &def).await {
        Err(persistence::RepoError::Duplicate(_)) => {
            let mut f = FieldErrors::new();
            f.add("code", FieldError::new("taken", "Воронка с таким кодом уже есть"));
            return Err(f.into());
        }
        other => other?,
    };
    Ok(HttpResponse::Created().json(Pipeline::from(p)))
}

#[derive(Deserialize, ToSchema)]
pub struct PipelineUpdate {
    pub version: i32,
    pub name_ru: Option<String>,
    pub name_en: Option<String>,
    pub is_active: Option<bool>,
    /// The whole new definition; stages that hold cards cannot be removed.
    #[schema(value_type = Option<PipelineDefinition>)]
    pub definition: Option<serde_json::Value>,
}

#[utoipa::path(tag = "pipelines", params(("id" = Uuid, Path)), request_body = PipelineUpdate, responses(
    (status = 200, body = Pipeline),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "version_conflict"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "`definition.stages` `stage_in_use`, `definition` `builtin_read_only`, …"),
))]
#[put("/pipelines/{id}")]
pub async fn update_pipeline(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>, body: web::Json<PipelineUpdate>) -> Result<web::Json<Pipeline>, ApiError> {
    actor.require(Permission::PipelinesManage)?;
    let b = body.into_inner();
    let mut errors = FieldErrors::new();
    let (name_ru, name_en) = names(&mut errors, b.name_ru.as_deref(), b.name_en.as_deref());
    let definition = b.definition.and_then(|d| parse_definition(&mut errors, d));
    errors.into_result()?;
    let change = repo::PipelineChange { name_ru, name_en, is_active: b.is_active, definition };
    Ok(web::Json(repo::update_pipeline(&state.db, *id, b.version, change).await?.into()))
}

#[derive(Serialize, ToSchema)]
pub struct LossReasonList {
    pub items: Vec<LossReason>,
}

#[utoipa::path(tag = "pipelines", responses(
    (status = 200, body = LossReasonList, description = "The dictionary a lost card's reason comes from"),
    (status = 401, body = Problem, content_type = "application/problem+json"),
))]
#[get("/loss-reasons")]
pub async fn loss_reasons(_actor: Actor) -> web::Json<LossReasonList> {
    web::Json(LossReasonList { items: LOSS_REASONS.to_vec() })
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
pub async fn card_fields(_actor: Actor) -> web::Json<CardFieldCatalog> {
    web::Json(CardFieldCatalog { lead: fields_for(PipelineKind::Lead).to_vec(), deal: fields_for(PipelineKind::Deal).to_vec() })
}

// ---------- the board ----------

#[derive(Deserialize, IntoParams)]
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
    pub pipeline: Pipeline,
    pub columns: Vec<BoardColumn>,
}

/// The filter of a board or a list, from the query.
pub(crate) fn card_filter(q: Option<&str>, channel: Option<String>, responsible_id: Option<Uuid>, from: Option<chrono::NaiveDate>, to: Option<chrono::NaiveDate>) -> repo::CardFilter {
    repo::CardFilter {
        q: q.map(|s| s.trim().to_lowercase()).filter(|s| !s.is_empty()),
        channel,
        responsible_id,
        created_from: from.and_then(|d| d.and_hms_opt(0, 0, 0)).map(|t| t.and_utc()),
        created_before: to.and_then(|d| d.succ_opt()).and_then(|d| d.and_hms_opt(0, 0, 0)).map(|t| t.and_utc()),
        ..Default::default()
    }
}

#[utoipa::path(tag = "pipelines", params(("id" = Uuid, Path), BoardQuery), responses(
    (status = 200, body = Board),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/pipelines/{id}/board")]
pub async fn board(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>, q: web::Query<BoardQuery>) -> Result<web::Json<Board>, ApiError> {
    can_read(&actor, None)?;
    let p = repo::get_pipeline(&state.db, *id).await?;
    can_read(&actor, Some(p.def.kind))?;
    let q = q.into_inner();
    let filter = card_filter(q.q.as_deref(), q.channel, q.responsible_id, q.created_from, q.created_to);
    let per_stage = q.per_stage.unwrap_or(20).clamp(1, 200);
    let columns: Vec<(String, i64, i64, Vec<CardSummary>)> = match p.def.kind {
        PipelineKind::Lead => {
            let cols = repo::lead_board(&state.db, actor.scope, &p, &filter, per_stage).await?;
            let all: Vec<_> = cols.iter().flat_map(|c| c.cards.iter().cloned()).collect();
            let mut cards = card_summaries_of_leads(&state.db, &[&p], all).await?.into_iter();
            cols.into_iter().map(|c| { let n = c.cards.len(); (c.stage, c.count, c.sum_minor, cards.by_ref().take(n).collect()) }).collect()
        }
        PipelineKind::Deal => {
            let cols = repo::deal_board(&state.db, actor.scope, &p, &filter, per_stage).await?;
            let all: Vec<_> = cols.iter().flat_map(|c| c.cards.iter().cloned()).collect();
            let mut cards = card_summaries_of_deals(&state.db, &[&p], all).await?.into_iter();
            cols.into_iter().map(|c| { let n = c.cards.len(); (c.stage, c.count, c.sum_minor, cards.by_ref().take(n).collect()) }).collect()
        }
    };
    Ok(web::Json(Board {
        pipeline: p.into(),
        columns: columns
            .into_iter()
            .map(|(stage, count, sum_minor, cards)| BoardColumn { stage, count, sum: domain::Money::from_minor(sum_minor).amount(), cards })
            .collect(),
    }))
}
