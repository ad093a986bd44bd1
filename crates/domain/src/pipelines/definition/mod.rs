//! What a pipeline is: its stages (board columns), the transition table (the allow-list of moves)
//! and the guards and effects on it. The facts that move cards by themselves are in [`facts`];
//! [`PipelineDefinition::validate`] and [`PipelineDefinition::validate_change`] in `validation`.

use serde::{Deserialize, Serialize};

use crate::identity::Role;

mod facts;
mod validation;

pub use facts::{DocumentFact, Fact, FactKind, FinanceFact, ProductionFact};

/// `from` of a row that applies to every open stage.
pub const ANY_OPEN_STAGE: &str = "*";

crate::named_enum! {
    /// Whether a pipeline carries leads or deals (they have different card fields and effects).
    pub enum PipelineKind {
        Lead,
        Deal,
    }
}

crate::named_enum! {
    /// Open stages hold work in progress; a card in a won or lost stage is closed and never moves again.
    #[derive(Default)]
    pub enum StageKind {
        #[default]
        Open,
        Won,
        Lost,
    }
}

impl StageKind {
    pub fn is_closed(self) -> bool {
        self != StageKind::Open
    }
}

crate::named_enum! {
    /// A request a deal sends to another department (deal pipelines only).
    pub enum RequestKind {
        /// To the logisticians: what the delivery costs.
        DeliveryCost,
        /// To the designer: a design mock-up.
        Design,
    }
}

impl RequestKind {
    /// Name shown to users.
    pub fn title_ru(self) -> &'static str {
        match self {
            RequestKind::DeliveryCost => "Стоимость доставки",
            RequestKind::Design => "Дизайн-макет",
        }
    }
}

crate::named_enum! {
    /// What a task asks for: call | email | meeting | task | other.
    pub enum TaskKind {
        Call,
        Email,
        Meeting,
        Task,
        Other,
    }
}

impl Default for TaskKind {
    /// A definition that does not say is a plain task.
    fn default() -> TaskKind {
        TaskKind::Task
    }
}

/// One sales pipeline: the board columns in order and the table of allowed moves between them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PipelineDefinition {
    pub kind: PipelineKind,
    /// Board order; `stages[0]` is where a new card starts.
    pub stages: Vec<Stage>,
    pub transitions: Vec<Transition>,
}

/// A board column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Stage {
    /// `^[a-z][a-z0-9_]{0,39}$`, unique in the pipeline.
    pub code: String,
    /// 1..=100 characters.
    pub name_ru: String,
    /// 1..=100 characters.
    pub name_en: String,
    /// `#RRGGBB`.
    pub color: String,
    /// Label above a run of columns, at most 60 characters.
    #[serde(default)]
    pub group: Option<String>,
    #[serde(default)]
    pub kind: StageKind,
    /// Shown on the card while it is in this stage.
    #[serde(default)]
    pub checklist: Vec<ChecklistItem>,
    /// 1..=8760; the board shows the card as stuck after this many hours in the stage.
    #[serde(default)]
    pub stuck_after_hours: Option<u32>,
    /// What happens when a card enters the stage.
    #[serde(default)]
    pub on_enter: Vec<Effect>,
}

/// A checklist line; its code is unique across the whole pipeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChecklistItem {
    pub code: String,
    pub name_ru: String,
    pub name_en: String,
}

/// Something that happens when a card enters a stage; the engine reports it as an [`Event`](super::Event).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Effect {
    /// Send a request to another department (deal pipelines only).
    OpenRequest { request: RequestKind },
    /// Put a task on someone's list. Leaving the stage closes it as no longer relevant unless
    /// `carry_over` (see [`PipelineDefinition::tasks_left_behind`]).
    CreateTask {
        code: String,
        title_ru: String,
        title_en: String,
        /// A call, an e-mail, a meeting or a task (the default) — as «Мой день» shows it.
        #[serde(default)]
        kind: TaskKind,
        assignee: TaskAssignee,
        due: Due,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        carry_over: bool,
    },
}

/// Who gets a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TaskAssignee {
    /// The card's responsible manager.
    Responsible,
    /// Anyone with this role.
    Role { role: Role },
}

/// When a task is due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Due {
    /// This many hours (1..=8760) after the card enters the stage.
    InHours { hours: u32 },
    /// `days` (0..=365) before the date in a Date field of the card.
    DaysBeforeField { field: String, days: u32 },
}

/// One row of the transition table: a card in `from` may go to `to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Transition {
    /// A stage code, or `"*"` = any open stage.
    pub from: String,
    pub to: String,
    /// May a person move the card by hand.
    #[serde(default = "yes")]
    #[cfg_attr(feature = "openapi", schema(default = true))]
    pub manual: bool,
    /// The card moves by itself when this fact is recorded.
    #[serde(default)]
    pub auto_on: Option<Fact>,
    #[serde(default)]
    pub guards: Vec<Guard>,
}

fn yes() -> bool {
    true
}

/// A condition on a row of the transition table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Guard {
    /// Only these roles may make the move by hand (never checked for recorded facts).
    Roles { roles: Vec<Role> },
    /// Every item ticked.
    Checklist { items: Vec<String> },
    /// Every field filled.
    Fields { fields: Vec<String> },
    /// At least one of the fields filled.
    AnyField { fields: Vec<String> },
    /// The card's latest request of that kind is completed.
    RequestCompleted { request: RequestKind },
}


// ---------------------------------------------------------------------------------------------
// Look-ups
// ---------------------------------------------------------------------------------------------


impl PipelineDefinition {
    /// The stage with this code.
    pub fn stage(&self, code: &str) -> Option<&Stage> {
        self.stages.iter().find(|s| s.code == code)
    }

    /// Where a new card starts (`None` only for a definition that fails validation).
    pub fn first_stage(&self) -> Option<&Stage> {
        self.stages.first()
    }

    /// The row a card in `from` takes to `to`: the row naming `from` itself, else a `*` row
    /// (only when `from` is open). Never a row to the stage the card is already in.
    pub fn row(&self, from: &str, to: &str) -> Option<&Transition> {
        if from == to {
            return None;
        }
        let exact = self
            .transitions
            .iter()
            .find(|t| t.from == from && t.to == to);
        exact.or_else(|| {
            let open = self.stage(from).is_some_and(|s| !s.kind.is_closed());
            self.transitions
                .iter()
                .find(|t| open && t.from == ANY_OPEN_STAGE && t.to == to)
        })
    }

    /// The checklist item with this code, in whichever stage it is listed.
    pub fn checklist_item(&self, code: &str) -> Option<&ChecklistItem> {
        self.stages
            .iter()
            .flat_map(|s| &s.checklist)
            .find(|i| i.code == code)
    }

    /// Russian title of the first `CreateTask` effect with this code.
    pub fn task_title_ru(&self, code: &str) -> Option<&str> {
        self.stages
            .iter()
            .flat_map(|s| &s.on_enter)
            .find_map(|e| match e {
                Effect::CreateTask {
                    code: c, title_ru, ..
                } if c == code => Some(title_ru.as_str()),
                _ => None,
            })
    }

    /// The codes of the tasks entering stage `from` created that stop mattering when a card
    /// leaves it (all but those marked `carry_over`): «Мой день» keeps only live work.
    pub fn tasks_left_behind(&self, from: &str) -> Vec<&str> {
        self.stage(from)
            .map(|s| {
                s.on_enter
                    .iter()
                    .filter_map(|e| match e {
                        Effect::CreateTask { code, carry_over: false, .. } => Some(code.as_str()),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Russian name of a stage, or its code when there is no such stage.
    pub(crate) fn stage_name_ru<'a>(&'a self, code: &'a str) -> &'a str {
        self.stage(code).map_or(code, |s| s.name_ru.as_str())
    }
}


/// Codes of stages, checklist items and tasks: `^[a-z][a-z0-9_]{0,39}$`.
pub(crate) fn is_code(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() <= 40
        && b.first().is_some_and(u8::is_ascii_lowercase)
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'_')
}

