//! The shapes the built-in funnels are written in — plain rows of text a business analyst can
//! read against the customer's table — and [`assemble`], which turns them into a
//! [`PipelineDefinition`].

use super::definition::{
    ANY_OPEN_STAGE, ChecklistItem, DocumentFact, FinanceFact, ProductionFact, Due, Effect, Fact, Guard, PipelineDefinition, PipelineKind,
    RequestKind, Stage, StageKind, TaskAssignee, TaskKind, Transition,
};

/// `from` of a row that applies to every open stage.
pub(crate) const ANY: &str = ANY_OPEN_STAGE;
/// The `manual` column: a person may make the move.
pub(crate) const MANUAL: bool = true;
/// The `manual` column: only the recorded fact moves the card.
pub(crate) const AUTO_ONLY: bool = false;

/// (code, name_ru, name_en, group, kind, colour, stuck after hours)
pub(crate) type StageRow = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    StageKind,
    &'static str,
    Option<u32>,
);

/// (code, name_ru, name_en)
pub(crate) type ItemRow = (&'static str, &'static str, &'static str);

/// (stage code, its checklist)
pub(crate) type ChecklistRow = (&'static str, &'static [ItemRow]);

/// (stage code, what entering it starts)
pub(crate) type OnEnterRow = (&'static str, &'static [EffectRow]);

/// (from, to, manual, auto_on, guards)
pub(crate) type Row = (
    &'static str,
    &'static str,
    bool,
    Option<AutoOn>,
    &'static [GuardRow],
);

pub(crate) enum EffectRow {
    OpenRequest(RequestKind),
    CreateTask {
        code: &'static str,
        title_ru: &'static str,
        title_en: &'static str,
        kind: TaskKind,
        assignee: TaskAssignee,
        due: DueRow,
        /// Stays open when the card leaves the stage (see `Effect::CreateTask`).
        carry_over: bool,
    },
}

pub(crate) enum DueRow {
    InHours(u32),
    DaysBeforeField(&'static str, u32),
}

/// The fact a row waits for.
pub(crate) enum AutoOn {
    PaymentReceived,
    RequestCompleted(RequestKind),
    TaskCompleted(&'static str),
    Documents(DocumentFact),
    Finance(FinanceFact),
    Production(ProductionFact),
}

pub(crate) enum GuardRow {
    Checklist(&'static [&'static str]),
    Fields(&'static [&'static str]),
    AnyField(&'static [&'static str]),
    RequestCompleted(RequestKind),
}

/// auto_on: the accountant registered the payment.
pub(crate) const fn payment_received() -> AutoOn {
    AutoOn::PaymentReceived
}

/// auto_on: the card's latest request of this kind was completed.
pub(crate) const fn request_completed(kind: RequestKind) -> AutoOn {
    AutoOn::RequestCompleted(kind)
}

/// auto_on: the deal's documents came to this point.
pub(crate) const fn documents(f: DocumentFact) -> AutoOn {
    AutoOn::Documents(f)
}

/// auto_on: the deal's invoices came to this point.
pub(crate) const fn finance(f: FinanceFact) -> AutoOn {
    AutoOn::Finance(f)
}

/// auto_on: the deal's production orders came to this point.
pub(crate) const fn production(f: ProductionFact) -> AutoOn {
    AutoOn::Production(f)
}

/// auto_on: the task with this code was completed.
pub(crate) const fn task_completed(code: &'static str) -> AutoOn {
    AutoOn::TaskCompleted(code)
}

/// A task for the card's responsible manager.
pub(crate) const fn task(
    code: &'static str,
    title_ru: &'static str,
    title_en: &'static str,
    due: DueRow,
) -> EffectRow {
    EffectRow::CreateTask {
        code,
        title_ru,
        title_en,
        kind: TaskKind::Task,
        assignee: TaskAssignee::Responsible,
        due,
        carry_over: false,
    }
}

/// A call the card's responsible manager makes (the first call, a payment reminder).
pub(crate) const fn call(code: &'static str, title_ru: &'static str, title_en: &'static str, due: DueRow) -> EffectRow {
    match task(code, title_ru, title_en, due) {
        EffectRow::CreateTask { code, title_ru, title_en, assignee, due, carry_over, .. } => {
            EffectRow::CreateTask { code, title_ru, title_en, kind: TaskKind::Call, assignee, due, carry_over }
        }
        other => other,
    }
}

/// A task that outlives its stage: the work it asks for goes on in the stages after it.
pub(crate) const fn carried_over(task: EffectRow) -> EffectRow {
    match task {
        EffectRow::CreateTask { code, title_ru, title_en, kind, assignee, due, .. } => {
            EffectRow::CreateTask { code, title_ru, title_en, kind, assignee, due, carry_over: true }
        }
        other => other,
    }
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

impl AutoOn {
    fn fact(&self) -> Fact {
        match self {
            AutoOn::PaymentReceived => Fact::payment_received(),
            AutoOn::RequestCompleted(kind) => Fact::request_completed(*kind),
            AutoOn::TaskCompleted(code) => Fact::task_completed(code),
            AutoOn::Documents(f) => Fact::documents(*f),
            AutoOn::Finance(f) => Fact::finance(*f),
            AutoOn::Production(f) => Fact::production(*f),
        }
    }
}

impl GuardRow {
    fn guard(&self) -> Guard {
        match self {
            GuardRow::Checklist(items) => Guard::Checklist {
                items: strings(items),
            },
            GuardRow::Fields(fields) => Guard::Fields {
                fields: strings(fields),
            },
            GuardRow::AnyField(fields) => Guard::AnyField {
                fields: strings(fields),
            },
            GuardRow::RequestCompleted(request) => Guard::RequestCompleted { request: *request },
        }
    }
}

impl EffectRow {
    fn effect(&self) -> Effect {
        match self {
            EffectRow::OpenRequest(request) => Effect::OpenRequest { request: *request },
            EffectRow::CreateTask {
                code,
                title_ru,
                title_en,
                kind,
                assignee,
                due,
                carry_over,
            } => Effect::CreateTask {
                carry_over: *carry_over,
                kind: *kind,
                code: (*code).to_owned(),
                title_ru: (*title_ru).to_owned(),
                title_en: (*title_en).to_owned(),
                assignee: *assignee,
                due: match due {
                    DueRow::InHours(hours) => Due::InHours { hours: *hours },
                    DueRow::DaysBeforeField(field, days) => Due::DaysBeforeField {
                        field: (*field).to_owned(),
                        days: *days,
                    },
                },
            },
        }
    }
}

/// Builds the definition; checklists and effects are attached to the stage their row names.
pub(crate) fn assemble(
    kind: PipelineKind,
    stages: &[StageRow],
    checklists: &[ChecklistRow],
    on_enter: &[OnEnterRow],
    rows: &[Row],
) -> PipelineDefinition {
    let stages = stages
        .iter()
        .map(
            |&(code, name_ru, name_en, group, kind, color, stuck_after_hours)| Stage {
                code: code.to_owned(),
                name_ru: name_ru.to_owned(),
                name_en: name_en.to_owned(),
                color: color.to_owned(),
                group: group.map(str::to_owned),
                kind,
                checklist: checklists
                    .iter()
                    .filter(|(stage, _)| *stage == code)
                    .flat_map(|(_, items)| items.iter())
                    .map(|&(code, name_ru, name_en)| ChecklistItem {
                        code: code.to_owned(),
                        name_ru: name_ru.to_owned(),
                        name_en: name_en.to_owned(),
                    })
                    .collect(),
                stuck_after_hours,
                on_enter: on_enter
                    .iter()
                    .filter(|(stage, _)| *stage == code)
                    .flat_map(|(_, effects)| effects.iter())
                    .map(EffectRow::effect)
                    .collect(),
            },
        )
        .collect();
    let transitions = rows
        .iter()
        .map(|(from, to, manual, auto_on, guards)| Transition {
            from: (*from).to_owned(),
            to: (*to).to_owned(),
            manual: *manual,
            auto_on: auto_on.as_ref().map(AutoOn::fact),
            guards: guards.iter().map(GuardRow::guard).collect(),
        })
        .collect();
    PipelineDefinition {
        kind,
        stages,
        transitions,
    }
}

/// Stage codes named by checklist or effect rows that are not in the stage table (they would be
/// silently dropped by [`assemble`]).
#[cfg(test)]
pub(crate) fn orphan_rows(
    stages: &[StageRow],
    checklists: &[ChecklistRow],
    on_enter: &[OnEnterRow],
) -> Vec<&'static str> {
    let named = checklists
        .iter()
        .map(|(s, _)| *s)
        .chain(on_enter.iter().map(|(s, _)| *s));
    named
        .filter(|s| !stages.iter().any(|row| row.0 == *s))
        .collect()
}
