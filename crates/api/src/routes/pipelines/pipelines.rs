//! `/pipelines`: the funnels, read by those who read their cards, defined and changed by an admin.
use crate::routes::prelude::*;
use crate::views::pipelines::Pipeline;
use domain::PipelineId;
use domain::pipelines::commands::{NewPipeline as NewPipelineCmd, PipelineChanges, pipeline_code};
use domain::pipelines::{PipelineDefinition, PipelineKind};

#[derive(Serialize, ToSchema)]
pub struct PipelineList {
    pub items: Vec<Pipeline>,
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct PipelineQuery {
    pub kind: Option<PipelineKind>,
    /// Also the switched-off ones (admins).
    pub include_inactive: Option<bool>,
}

#[utoipa::path(tag = "pipelines", params(PipelineQuery), responses(
    (status = 200, body = PipelineList),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
))]
#[get("/pipelines")]
pub async fn list_pipelines(state: web::Data<AppState>, who: Credentials, q: Query<PipelineQuery>) -> Result<web::Json<PipelineList>, AppError> {
    let items = app::pipelines::list(&state, &who, q.kind, q.include_inactive.unwrap_or(false)).await?;
    Ok(web::Json(PipelineList { items: items.into_iter().map(Into::into).collect() }))
}

#[utoipa::path(tag = "pipelines", params(("id" = Uuid, Path)), responses(
    (status = 200, body = Pipeline),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/pipelines/{id}")]
pub async fn get_pipeline(state: web::Data<AppState>, who: Credentials, id: web::Path<PipelineId>) -> Result<web::Json<Pipeline>, AppError> {
    Ok(web::Json(app::pipelines::get(&state, &who, *id).await?.into()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
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

fn name(errors: &mut FieldErrors, field: &str, v: Option<&str>) -> Option<String> {
    v.and_then(|v| errors.required(field, Some(v), |s| domain::text(100, s)))
}

impl TryFrom<NewPipeline> for NewPipelineCmd {
    type Error = FieldErrors;
    fn try_from(b: NewPipeline) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let code = pipeline_code(&b.code).map_err(|e| errors.add("code", e)).ok();
        let name_ru = name(&mut errors, "name_ru", Some(&b.name_ru));
        let name_en = name(&mut errors, "name_en", Some(&b.name_en));
        let definition = parse_definition(&mut errors, b.definition);
        match (code, name_ru, name_en, definition) {
            (Some(code), Some(name_ru), Some(name_en), Some(definition)) if errors.is_empty() => Ok(NewPipelineCmd { code, name_ru, name_en, definition }),
            _ => Err(errors),
        }
    }
}

#[utoipa::path(tag = "pipelines", request_body = NewPipeline, responses(
    (status = 201, body = Pipeline),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "Field paths point into the definition, e.g. `definition.transitions[2].to`; `code` `taken`"),
))]
#[post("/pipelines")]
pub async fn create_pipeline(state: web::Data<AppState>, who: Credentials, body: Body<NewPipeline>) -> Result<HttpResponse, AppError> {
    let cmd = NewPipelineCmd::try_from(body.into_inner())?;
    Ok(HttpResponse::Created().json(Pipeline::from(app::pipelines::create(&state, &who, cmd).await?)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PipelineUpdate {
    pub version: i32,
    pub name_ru: Option<String>,
    pub name_en: Option<String>,
    pub is_active: Option<bool>,
    /// The whole new definition; stages that hold cards cannot be removed.
    #[schema(value_type = Option<PipelineDefinition>)]
    pub definition: Option<serde_json::Value>,
}

impl TryFrom<PipelineUpdate> for PipelineChanges {
    type Error = FieldErrors;
    fn try_from(b: PipelineUpdate) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name_ru = name(&mut errors, "name_ru", b.name_ru.as_deref());
        let name_en = name(&mut errors, "name_en", b.name_en.as_deref());
        let definition = b.definition.and_then(|d| parse_definition(&mut errors, d));
        errors.into_result()?;
        Ok(PipelineChanges { version: b.version, name_ru, name_en, is_active: b.is_active, definition })
    }
}

#[utoipa::path(tag = "pipelines", params(("id" = Uuid, Path)), request_body = PipelineUpdate, responses(
    (status = 200, body = Pipeline),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "version_conflict"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "`definition.stages` `stage_in_use`, `definition` `builtin_read_only`, …"),
))]
#[put("/pipelines/{id}")]
pub async fn update_pipeline(state: web::Data<AppState>, who: Credentials, id: web::Path<PipelineId>, body: Body<PipelineUpdate>) -> Result<web::Json<Pipeline>, AppError> {
    let changes = PipelineChanges::try_from(body.into_inner())?;
    Ok(web::Json(app::pipelines::update(&state, &who, *id, changes).await?.into()))
}
