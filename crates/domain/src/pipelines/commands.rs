//! What an admin asks of the pipelines area, already checked (see `crate::sales::commands`).
use super::PipelineDefinition;
use super::definition::is_code;
use crate::error::FieldError;

/// A new pipeline: its code, names and a definition that passed [`PipelineDefinition::validate`].
#[derive(Debug, Clone)]
pub struct NewPipeline {
    pub code: String,
    pub name_ru: String,
    pub name_en: String,
    pub definition: PipelineDefinition,
}

/// `^[a-z][a-z0-9_]{0,39}$`, the code a pipeline is known by.
pub fn pipeline_code(code: &str) -> Result<String, FieldError> {
    if is_code(code) {
        Ok(code.to_owned())
    } else {
        Err(FieldError::new("invalid_format", "Латинские строчные буквы, цифры и «_», до 40 символов, первая — буква"))
    }
}

/// An edit: `None` leaves a part alone. A new definition must keep the cards on it valid.
#[derive(Debug, Clone, Default)]
pub struct PipelineChanges {
    pub version: i32,
    pub name_ru: Option<String>,
    pub name_en: Option<String>,
    pub is_active: Option<bool>,
    pub definition: Option<PipelineDefinition>,
}
