//! The engine's words: every Russian message a refused move, a guard or a fact shows to people.
//! The engine decides; this module only says it.

use std::collections::BTreeSet;

use super::definition::{Fact, FactKind, PipelineDefinition, RequestKind};
use super::engine::{GuardFailure, TransitionError};
use super::fields;
use crate::error::{FieldError, FieldErrors};
use crate::identity::Role;

impl RequestKind {
    /// Who answers it, in the dative ("send it to …").
    pub fn addressee_ru(self) -> &'static str {
        match self {
            RequestKind::DeliveryCost => "логистам",
            RequestKind::Design => "дизайнеру",
        }
    }

    /// Who answers it, in the nominative ("… completes it").
    fn performer_ru(self) -> &'static str {
        match self {
            RequestKind::DeliveryCost => "логист",
            RequestKind::Design => "дизайнер",
        }
    }
}

impl Fact {
    /// What has to happen, as a Russian phrase to follow «после»: «регистрации оплаты бухгалтерией».
    pub(crate) fn awaited_ru(&self, def: &PipelineDefinition) -> String {
        match self.kind() {
            FactKind::PaymentReceived => "регистрации оплаты бухгалтерией".to_owned(),
            FactKind::RequestCompleted(k) => {
                format!(
                    "того, как {} выполнит запрос «{}»",
                    k.performer_ru(),
                    k.title_ru()
                )
            }
            FactKind::Documents(d) => d.awaited_ru().to_owned(),
            FactKind::Finance(f) => f.awaited_ru().to_owned(),
            FactKind::Production(f) => f.awaited_ru().to_owned(),
            FactKind::TaskCompleted(code) => {
                format!(
                    "выполнения задачи «{}»",
                    def.task_title_ru(code).unwrap_or(code)
                )
            }
        }
    }

    /// The fact as a Russian clause: «оплата зарегистрирована».
    pub(crate) fn happened_ru(&self, def: &PipelineDefinition) -> String {
        match self.kind() {
            FactKind::PaymentReceived => "оплата зарегистрирована".to_owned(),
            FactKind::RequestCompleted(k) => format!("запрос «{}» выполнен", k.title_ru()),
            FactKind::Documents(d) => d.happened_ru().to_owned(),
            FactKind::Finance(f) => f.happened_ru().to_owned(),
            FactKind::Production(f) => f.happened_ru().to_owned(),
            FactKind::TaskCompleted(code) => {
                format!(
                    "задача «{}» выполнена",
                    def.task_title_ru(code).unwrap_or(code)
                )
            }
        }
    }
}

impl GuardFailure {
    /// The field path and error the API returns for this failure (Russian message).
    pub fn to_field_error(&self, def: &PipelineDefinition) -> (String, FieldError) {
        let field_name = |code: &str| {
            fields::field(def.kind, code).map_or_else(|| code.to_owned(), |f| f.name_ru.to_owned())
        };
        match self {
            GuardFailure::Role { allowed } => {
                let names: Vec<&str> = allowed.iter().map(Role::title_ru).collect();
                (
                    "stage".to_owned(),
                    FieldError::new(
                        "role_not_allowed",
                        format!("Этот переход могут выполнить: {}", names.join(", ")),
                    ),
                )
            }
            GuardFailure::ChecklistItem { item } => {
                let name = def
                    .checklist_item(item)
                    .map_or(item.as_str(), |i| i.name_ru.as_str());
                (
                    format!("checklist.{item}"),
                    FieldError::new(
                        "checklist_item_required",
                        format!("Отметьте пункт чек-листа «{name}»"),
                    ),
                )
            }
            GuardFailure::Field { field } => (
                field.clone(),
                FieldError::new(
                    "field_required",
                    format!("Заполните поле «{}»", field_name(field)),
                ),
            ),
            GuardFailure::AnyField { fields } => {
                let names: Vec<String> = fields
                    .iter()
                    .map(|f| format!("«{}»", field_name(f)))
                    .collect();
                (
                    fields.first().cloned().unwrap_or_default(),
                    FieldError::new(
                        "one_of_required",
                        format!("Заполните хотя бы одно: {}", join_or(&names)),
                    ),
                )
            }
            GuardFailure::RequestMissing { request } => (
                format!("requests.{}", request.as_str()),
                FieldError::new(
                    "request_missing",
                    format!(
                        "Отправьте запрос «{}» {}",
                        request.title_ru(),
                        request.addressee_ru()
                    ),
                ),
            ),
            GuardFailure::RequestOpen { request } => (
                format!("requests.{}", request.as_str()),
                FieldError::new(
                    "request_not_completed",
                    format!(
                        "Запрос «{}» ещё не выполнен — дождитесь ответа",
                        request.title_ru()
                    ),
                ),
            ),
            GuardFailure::FactRequired { fact } => {
                // Name the stage when every row waiting for this fact leads to the same one.
                let targets: BTreeSet<&str> = def
                    .transitions
                    .iter()
                    .filter(|t| !t.manual && t.auto_on.as_ref() == Some(fact))
                    .map(|t| t.to.as_str())
                    .collect();
                let subject = match targets.first() {
                    Some(to) if targets.len() == 1 => {
                        format!("Стадия «{}» наступает", def.stage_name_ru(to))
                    }
                    _ => "Этот переход выполняется".to_owned(),
                };
                (
                    "stage".to_owned(),
                    FieldError::new(
                        "fact_required",
                        format!("{subject} только после {}", fact.awaited_ru(def)),
                    ),
                )
            }
            GuardFailure::LossRequired => (
                "loss.reason".to_owned(),
                FieldError::new("required", "Укажите причину отказа"),
            ),
        }
    }
}

/// «a», «b» или «c».
fn join_or(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} или {last}", init.join(", ")),
    }
}

impl TransitionError {
    /// What the API returns with 422: one error per failing guard for `Refused`, one error
    /// under `stage` for the others (codes `unknown_stage`, `stage_closed`, `transition_not_allowed`).
    pub fn field_errors(&self, def: &PipelineDefinition) -> FieldErrors {
        let mut errs = FieldErrors::new();
        match self {
            TransitionError::Refused(failures) => {
                for f in failures {
                    let (path, e) = f.to_field_error(def);
                    errs.add(path, e);
                }
            }
            TransitionError::UnknownStage(code) => {
                errs.add(
                    "stage",
                    FieldError::new("unknown_stage", format!("В воронке нет стадии «{code}»")),
                );
            }
            TransitionError::Closed { stage } => errs.add(
                "stage",
                FieldError::new(
                    "stage_closed",
                    format!(
                        "Карточка закрыта в стадии «{}» и больше не перемещается",
                        def.stage_name_ru(stage)
                    ),
                ),
            ),
            TransitionError::NotAllowed { from, to } => errs.add(
                "stage",
                FieldError::new(
                    "transition_not_allowed",
                    format!(
                        "Из стадии «{}» в «{}» перейти нельзя",
                        def.stage_name_ru(from),
                        def.stage_name_ru(to)
                    ),
                ),
            ),
        }
        errs
    }
}
