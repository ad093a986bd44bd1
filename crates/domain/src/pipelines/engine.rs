//! The engine: given a pipeline, a card's state and a command, the card's next state and what
//! happened. Pure: the caller loads the state, persists [`Outcome::state`] and acts on
//! [`Outcome::events`] (opens requests, creates tasks, writes the history).
//!
//! The transition table of the definition is the allow-list: a move that no row names is
//! refused with [`TransitionError::NotAllowed`]; a row whose guards fail is refused with every
//! failing guard ([`TransitionError::Refused`]).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::pipelines::definition::{
    Due, Effect, Fact, FactKind, Guard, PipelineDefinition, RequestKind, Stage, StageKind,
    TaskAssignee, TaskKind, Transition,
};
use super::loss::Loss;
use crate::identity::Role;

/// Where a card is and what the guards look at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CardState {
    /// Code of the stage the card is in.
    pub stage: String,
    /// When the card entered that stage.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub entered_at: DateTime<Utc>,
    /// Codes of the ticked checklist items.
    pub checklist: BTreeSet<String>,
    /// Codes of the filled card fields.
    pub filled: BTreeSet<String>,
    /// Status of the card's latest request of each kind.
    pub requests: BTreeMap<RequestKind, RequestStatus>,
    /// Facts recorded on the card.
    pub facts: BTreeSet<Fact>,
}

/// Status of a request to another department.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    Open,
    Completed,
    Cancelled,
}

/// What someone asks of the engine.
///
/// Not serialised: the API reads its own request body and builds the command (a [`Loss`] only
/// through [`Loss::parse`], so its errors come back per field).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// A person drags the card to stage `to`. A lost stage needs a `loss`; for any other
    /// stage the `loss` is ignored.
    Move { to: String, loss: Option<Loss> },
    /// Something happened: a payment, a completed request or task.
    RecordFact(Fact),
}

/// The card's next state and what happened, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Outcome {
    pub state: CardState,
    pub events: Vec<Event>,
}

/// Something that happened to a card, for the caller to act on and record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    /// The card moved; `by_fact` is set when it moved by itself because that fact was recorded.
    StageChanged {
        from: String,
        to: String,
        seconds_in_from: i64,
        by_fact: Option<Fact>,
    },
    FactRecorded {
        fact: Fact,
    },
    /// Open a request of this kind (the entered stage's `on_enter`).
    OpenRequest {
        request: RequestKind,
    },
    /// Create this task (the entered stage's `on_enter`).
    CreateTask {
        code: String,
        title_ru: String,
        title_en: String,
        kind: TaskKind,
        assignee: TaskAssignee,
        due: Due,
    },
    /// The card entered a won stage.
    Won {
        stage: String,
    },
    /// The card entered a lost stage.
    Lost {
        stage: String,
        loss: Loss,
    },
}

/// Why a command was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    /// The target (or the card's own stage) is not in the definition.
    #[error("unknown stage {0:?}")]
    UnknownStage(String),
    /// The card is in a won or lost stage: nothing moves it.
    #[error("the card is closed in stage {stage:?}")]
    Closed { stage: String },
    /// No row of the transition table leads from `from` to `to` (including `from == to`).
    #[error("no transition from {from:?} to {to:?}")]
    NotAllowed { from: String, to: String },
    /// The row exists but these guards fail (all of them, not just the first).
    #[error("transition refused: {0:?}")]
    Refused(Vec<GuardFailure>),
}

/// One guard that does not pass.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum GuardFailure {
    /// Only these roles may make the move by hand.
    Role { allowed: Vec<Role> },
    /// One per unticked item.
    ChecklistItem { item: String },
    /// One per empty field.
    Field { field: String },
    /// None of these fields is filled.
    AnyField { fields: Vec<String> },
    /// No request of this kind was ever opened (or only cancelled ones).
    RequestMissing { request: RequestKind },
    /// The request is opened and not completed yet.
    RequestOpen { request: RequestKind },
    /// The move happens only when this fact is recorded.
    FactRequired { fact: Fact },
    /// Moving to a lost stage needs a [`Loss`].
    LossRequired,
}

/// A stage the card can be moved to from where it is, and what stops it now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MoveOption {
    pub to: String,
    /// Empty = the move is allowed now (a lost stage still needs a [`Loss`] in the command).
    pub failures: Vec<GuardFailure>,
}

// ---------------------------------------------------------------------------------------------
// The engine
// ---------------------------------------------------------------------------------------------

/// A new card: in `stages[0]`, with nothing ticked, filled or recorded, and that stage's
/// `on_enter` effects as events. (A definition without stages, which fails validation, gives a
/// card in stage `""` and no events.)
pub fn new_card(def: &PipelineDefinition, now: DateTime<Utc>) -> Outcome {
    let first = def.first_stage();
    Outcome {
        state: CardState {
            stage: first.map(|s| s.code.clone()).unwrap_or_default(),
            entered_at: now,
            checklist: BTreeSet::new(),
            filled: BTreeSet::new(),
            requests: BTreeMap::new(),
            facts: BTreeSet::new(),
        },
        events: first.map(effect_events).unwrap_or_default(),
    }
}

/// Applies `cmd` by a user with `role` at `now`.
///
/// - `Move`: a person moves the card along a row of the table if every guard passes
///   (a row with `manual: false` only once its fact is recorded; a lost stage only with a loss).
/// - `RecordFact`: records the fact once; if a row from the card's stage waits for it and its
///   guards (other than roles) pass, the card moves by itself. A recorded `request_completed:<kind>`
///   also marks the card's latest request of that kind completed.
///
/// After every move the card keeps following automatic rows whose facts are already recorded
/// (at most as many steps as there are stages).
pub fn transition(
    def: &PipelineDefinition,
    state: &CardState,
    cmd: &Command,
    role: Role,
    now: DateTime<Utc>,
) -> Result<Outcome, TransitionError> {
    let current = def
        .stage(&state.stage)
        .ok_or_else(|| TransitionError::UnknownStage(state.stage.clone()))?;
    match cmd {
        Command::Move { to, loss } => {
            move_by_hand(def, state, current, to, loss.as_ref(), role, now)
        }
        Command::RecordFact(fact) => Ok(record_fact(def, state, current, fact, now)),
    }
}

/// Every stage the table offers from the card's stage, in board order, each with what stops
/// `role` from moving the card there now. Empty for a closed card.
pub fn moves(def: &PipelineDefinition, state: &CardState, role: Role) -> Vec<MoveOption> {
    if def.stage(&state.stage).is_none_or(|s| s.kind.is_closed()) {
        return Vec::new();
    }
    def.stages
        .iter()
        .filter_map(|target| {
            let row = def.row(&state.stage, &target.code)?;
            let failures = hand_failures(state, row, role)?;
            Some(MoveOption {
                to: target.code.clone(),
                failures,
            })
        })
        .collect()
}

fn move_by_hand(
    def: &PipelineDefinition,
    state: &CardState,
    current: &Stage,
    to: &str,
    loss: Option<&Loss>,
    role: Role,
    now: DateTime<Utc>,
) -> Result<Outcome, TransitionError> {
    if current.kind.is_closed() {
        return Err(TransitionError::Closed {
            stage: current.code.clone(),
        });
    }
    let target = def
        .stage(to)
        .ok_or_else(|| TransitionError::UnknownStage(to.to_owned()))?;
    let not_allowed = || TransitionError::NotAllowed {
        from: current.code.clone(),
        to: to.to_owned(),
    };
    let row = def.row(&current.code, to).ok_or_else(not_allowed)?;
    let mut failures = hand_failures(state, row, role).ok_or_else(not_allowed)?;
    if target.kind == StageKind::Lost && loss.is_none() {
        failures.push(GuardFailure::LossRequired);
    }
    if !failures.is_empty() {
        return Err(TransitionError::Refused(failures));
    }
    let mut out = Outcome {
        state: state.clone(),
        events: Vec::new(),
    };
    enter(&mut out, target, None, loss, now);
    follow_recorded_facts(def, &mut out, now);
    Ok(out)
}

fn record_fact(
    def: &PipelineDefinition,
    state: &CardState,
    current: &Stage,
    fact: &Fact,
    now: DateTime<Utc>,
) -> Outcome {
    let mut out = Outcome {
        state: state.clone(),
        events: Vec::new(),
    };
    if !out.state.facts.insert(fact.clone()) {
        return out;
    }
    if let FactKind::RequestCompleted(kind) = fact.kind() {
        out.state.requests.insert(kind, RequestStatus::Completed);
    }
    out.events.push(Event::FactRecorded { fact: fact.clone() });
    if current.kind.is_closed() {
        return out;
    }
    if let Some((target, fact)) = automatic_move(def, &out.state, Some(fact)) {
        enter(&mut out, target, Some(fact.clone()), None, now);
        follow_recorded_facts(def, &mut out, now);
    }
    out
}

/// Moves the card along automatic rows whose facts are recorded, as long as there is one.
fn follow_recorded_facts(def: &PipelineDefinition, out: &mut Outcome, now: DateTime<Utc>) {
    for _ in 0..def.stages.len() {
        let Some((target, fact)) = automatic_move(def, &out.state, None) else {
            return;
        };
        enter(out, target, Some(fact.clone()), None, now);
    }
}

/// The first row (in table order) from the card's stage — not a `*` row — that moves by itself
/// on `only` (or on any recorded fact) and whose guards other than roles pass.
/// Never into a lost stage: that needs a person to give the reason.
fn automatic_move<'d>(
    def: &'d PipelineDefinition,
    state: &CardState,
    only: Option<&Fact>,
) -> Option<(&'d Stage, &'d Fact)> {
    if def.stage(&state.stage).is_none_or(|s| s.kind.is_closed()) {
        return None;
    }
    def.transitions.iter().find_map(|row| {
        let fact = row.auto_on.as_ref()?;
        let waits = only.map_or(state.facts.contains(fact), |f| f == fact);
        let target = def.stage(&row.to)?;
        let ok = row.from == state.stage
            && row.to != state.stage
            && waits
            && target.kind != StageKind::Lost
            && guard_failures(state, row, None).is_empty();
        ok.then_some((target, fact))
    })
}

/// Moves the card into `target`: the stage change, the target's effects, then won/lost.
fn enter(
    out: &mut Outcome,
    target: &Stage,
    by_fact: Option<Fact>,
    loss: Option<&Loss>,
    now: DateTime<Utc>,
) {
    let from = std::mem::replace(&mut out.state.stage, target.code.clone());
    let seconds_in_from = (now - out.state.entered_at).num_seconds().max(0);
    out.state.entered_at = now;
    out.events.push(Event::StageChanged {
        from,
        to: target.code.clone(),
        seconds_in_from,
        by_fact,
    });
    out.events.extend(effect_events(target));
    // A request opened now is a new question: an earlier answer of its kind no longer counts
    // (else a design finished long ago would carry the card past the new design task at once).
    for effect in &target.on_enter {
        if let Effect::OpenRequest { request } = effect {
            out.state.facts.remove(&Fact::request_completed(*request));
            out.state.requests.insert(*request, RequestStatus::Open);
        }
    }
    match (target.kind, loss) {
        (StageKind::Won, _) => out.events.push(Event::Won {
            stage: target.code.clone(),
        }),
        (StageKind::Lost, Some(loss)) => out.events.push(Event::Lost {
            stage: target.code.clone(),
            loss: loss.clone(),
        }),
        // A lost stage is entered only by hand, with a loss (see `move_by_hand`, `automatic_move`).
        (StageKind::Lost, None) | (StageKind::Open, _) => {}
    }
}

fn effect_events(stage: &Stage) -> Vec<Event> {
    stage
        .on_enter
        .iter()
        .map(|e| match e {
            Effect::OpenRequest { request } => Event::OpenRequest { request: *request },
            Effect::CreateTask {
                code,
                title_ru,
                title_en,
                kind,
                assignee,
                due,
                carry_over: _,
            } => Event::CreateTask {
                code: code.clone(),
                title_ru: title_ru.clone(),
                title_en: title_en.clone(),
                kind: *kind,
                assignee: *assignee,
                due: due.clone(),
            },
        })
        .collect()
}

/// What stops a person with `role` from taking `row` now (the loss is checked separately).
/// `None` when no person may ever take it: `manual: false` and no fact to wait for.
fn hand_failures(state: &CardState, row: &Transition, role: Role) -> Option<Vec<GuardFailure>> {
    let mut failures = guard_failures(state, row, Some(role));
    if !row.manual {
        let fact = row.auto_on.as_ref()?;
        if !state.facts.contains(fact) {
            failures.push(GuardFailure::FactRequired { fact: fact.clone() });
        }
    }
    Some(failures)
}

/// Every failing guard of `row`, in table order. Roles are checked only for a person (`Some(role)`).
fn guard_failures(state: &CardState, row: &Transition, role: Option<Role>) -> Vec<GuardFailure> {
    let mut failures = Vec::new();
    for guard in &row.guards {
        match guard {
            Guard::Roles { roles } => {
                if role.is_some_and(|r| !roles.contains(&r)) {
                    failures.push(GuardFailure::Role {
                        allowed: roles.clone(),
                    });
                }
            }
            Guard::Checklist { items } => failures.extend(
                items
                    .iter()
                    .filter(|i| !state.checklist.contains(*i))
                    .map(|i| GuardFailure::ChecklistItem { item: i.clone() }),
            ),
            Guard::Fields { fields } => failures.extend(
                fields
                    .iter()
                    .filter(|f| !state.filled.contains(*f))
                    .map(|f| GuardFailure::Field { field: f.clone() }),
            ),
            Guard::AnyField { fields } => {
                if !fields.iter().any(|f| state.filled.contains(f)) {
                    failures.push(GuardFailure::AnyField {
                        fields: fields.clone(),
                    });
                }
            }
            Guard::RequestCompleted { request } => match state.requests.get(request) {
                Some(RequestStatus::Completed) => {}
                Some(RequestStatus::Open) => {
                    failures.push(GuardFailure::RequestOpen { request: *request })
                }
                None | Some(RequestStatus::Cancelled) => {
                    failures.push(GuardFailure::RequestMissing { request: *request })
                }
            },
        }
    }
    failures
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};

    use super::*;
    use crate::pipelines::{ChecklistItem, PipelineKind};
    use crate::sales::{lead_funnel, tile_deal_funnel};

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 3, 3, 9, 0, 0)
            .single()
            .expect("valid date")
    }

    fn stage(code: &str, kind: StageKind) -> Stage {
        Stage {
            code: code.to_owned(),
            name_ru: format!("Стадия {code}"),
            name_en: format!("Stage {code}"),
            color: "#228be6".to_owned(),
            group: None,
            kind,
            checklist: Vec::new(),
            stuck_after_hours: None,
            on_enter: Vec::new(),
        }
    }

    fn row(from: &str, to: &str, guards: Vec<Guard>) -> Transition {
        Transition {
            from: from.to_owned(),
            to: to.to_owned(),
            manual: true,
            auto_on: None,
            guards,
        }
    }

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    /// start → approval (only management; checklist; fields) → paid (only by a payment, accountant) → done;
    /// any open stage → lost (managers only).
    fn strict() -> PipelineDefinition {
        let mut approval = stage("approval", StageKind::Open);
        approval.checklist = vec![
            ChecklistItem {
                code: "called".to_owned(),
                name_ru: "Позвонил".to_owned(),
                name_en: "Called".to_owned(),
            },
            ChecklistItem {
                code: "agreed".to_owned(),
                name_ru: "Согласовал".to_owned(),
                name_en: "Agreed".to_owned(),
            },
        ];
        let mut paid = stage("paid", StageKind::Open);
        paid.on_enter = vec![Effect::CreateTask { carry_over: false, kind: crate::pipelines::TaskKind::Task,
            code: "thank".to_owned(),
            title_ru: "Поблагодарить клиента".to_owned(),
            title_en: "Thank the client".to_owned(),
            assignee: TaskAssignee::Role {
                role: Role::Management,
            },
            due: Due::InHours { hours: 4 },
        }];
        let everything = vec![
            Guard::Roles {
                roles: vec![Role::Accountant],
            },
            Guard::Checklist {
                items: strings(&["called", "agreed"]),
            },
            Guard::Fields {
                fields: strings(&["counterparty", "expected_revenue"]),
            },
            Guard::AnyField {
                fields: strings(&["delivery_address", "offer_details"]),
            },
            Guard::RequestCompleted {
                request: RequestKind::Design,
            },
        ];
        PipelineDefinition {
            kind: PipelineKind::Deal,
            stages: vec![
                stage("start", StageKind::Open),
                approval,
                paid,
                stage("done", StageKind::Won),
                stage("lost", StageKind::Lost),
            ],
            transitions: vec![
                row(
                    "start",
                    "approval",
                    vec![Guard::Roles {
                        roles: vec![Role::Management, Role::Admin],
                    }],
                ),
                Transition {
                    manual: false,
                    auto_on: Some(Fact::payment_received()),
                    ..row("approval", "paid", everything)
                },
                row("paid", "done", vec![]),
                row(
                    "*",
                    "lost",
                    vec![Guard::Roles {
                        roles: vec![Role::Manager],
                    }],
                ),
            ],
        }
    }

    fn card(def: &PipelineDefinition, stage: &str) -> CardState {
        CardState {
            stage: stage.to_owned(),
            ..new_card(def, t0()).state
        }
    }

    fn go(to: &str) -> Command {
        Command::Move {
            to: to.to_owned(),
            loss: None,
        }
    }

    fn lose(reason: &str) -> Command {
        Command::Move {
            to: "lost".to_owned(),
            loss: Loss::parse(reason, None, false).ok(),
        }
    }

    #[test]
    fn strict_test_pipeline_is_valid() {
        assert_eq!(strict().validate(), Ok(()));
    }

    #[test]
    fn new_card_starts_in_the_first_stage_with_its_effects() {
        let def = tile_deal_funnel();
        let out = new_card(&def, t0());
        assert_eq!(out.state.stage, def.stages[0].code);
        assert_eq!(out.state.entered_at, t0());
        assert!(out.state.checklist.is_empty() && out.state.filled.is_empty());
        assert!(out.state.requests.is_empty() && out.state.facts.is_empty());
        assert_eq!(out.events, effect_events(&def.stages[0]));
        assert_eq!(out.events.len(), 2);
        assert!(new_card(&strict(), t0()).events.is_empty());
    }

    #[test]
    fn a_request_opened_again_forgets_the_earlier_answer_of_its_kind() {
        let def = tile_deal_funnel();
        let mut state = card(&def, "offer_received");
        // The design was made once before (an early request), so its fact is on the card.
        state.facts.insert(Fact::request_completed(RequestKind::Design));
        state.requests.insert(RequestKind::Design, RequestStatus::Completed);
        let out = transition(&def, &state, &go("design_task"), Role::Manager, t0()).expect("moved");
        assert_eq!(out.state.stage, "design_task", "no jump to design_sent on the old answer");
        assert!(!out.state.facts.contains(&Fact::request_completed(RequestKind::Design)));
        assert_eq!(out.state.requests.get(&RequestKind::Design), Some(&RequestStatus::Open));
        assert!(out.events.contains(&Event::OpenRequest { request: RequestKind::Design }));
    }

    #[test]
    fn entering_a_stage_emits_its_effects() {
        let def = tile_deal_funnel();
        let out = transition(
            &def,
            &card(&def, "handed_to_logistics"),
            &go("in_progress"),
            Role::Manager,
            t0(),
        )
        .expect("moved");
        assert_eq!(
            out.events,
            [
                Event::StageChanged {
                    from: "handed_to_logistics".to_owned(),
                    to: "in_progress".to_owned(),
                    seconds_in_from: 0,
                    by_fact: None
                },
                Event::CreateTask {
                    code: "check_progress".to_owned(),
                    title_ru: "Проверить ход выполнения заказа".to_owned(),
                    title_en: "Check how the order is going".to_owned(),
                    kind: TaskKind::Task,
                    assignee: TaskAssignee::Responsible,
                    due: Due::InHours { hours: 72 },
                },
            ]
        );
    }

    #[test]
    fn effects_come_after_the_stage_change_and_won_comes_last() {
        let def = strict();
        let mut ready = card(&def, "approval");
        ready.facts.insert(Fact::payment_received());
        ready.checklist.extend(strings(&["called", "agreed"]));
        ready.filled.extend(strings(&[
            "counterparty",
            "expected_revenue",
            "offer_details",
        ]));
        ready
            .requests
            .insert(RequestKind::Design, RequestStatus::Completed);
        let out = transition(&def, &ready, &go("paid"), Role::Accountant, t0()).expect("moved");
        let kinds: Vec<&str> = out
            .events
            .iter()
            .map(|e| match e {
                Event::StageChanged { .. } => "stage_changed",
                Event::CreateTask { .. } => "create_task",
                _ => "other",
            })
            .collect();
        assert_eq!(kinds, ["stage_changed", "create_task"]);
        let won = transition(&def, &out.state, &go("done"), Role::Manager, t0()).expect("won");
        assert_eq!(
            won.events.last(),
            Some(&Event::Won {
                stage: "done".to_owned()
            })
        );
        assert_eq!(won.state.stage, "done");
    }

    #[test]
    fn a_move_keeps_ticks_fields_requests_and_facts() {
        let def = lead_funnel();
        let mut state = card(&def, "received");
        state.filled.insert("responsible".to_owned());
        state.checklist.insert("got_objections".to_owned());
        state.facts.insert(Fact::task_completed("other"));
        let out = transition(
            &def,
            &state,
            &go("in_work"),
            Role::Manager,
            t0() + Duration::minutes(5),
        )
        .expect("moved");
        assert_eq!(
            out.state,
            CardState {
                stage: "in_work".to_owned(),
                entered_at: t0() + Duration::minutes(5),
                ..state
            }
        );
    }

    #[test]
    fn seconds_in_stage_is_time_since_entry() {
        let def = lead_funnel();
        let mut state = card(&def, "in_work");
        state.entered_at = t0();
        let cases = [
            (Duration::seconds(90), 90),
            (Duration::days(2), 172_800),
            (Duration::seconds(-30), 0),
        ];
        for (after, seconds) in cases {
            let out = transition(
                &def,
                &state,
                &go("typical_offer_sent"),
                Role::Manager,
                t0() + after,
            )
            .expect("moved");
            assert!(
                matches!(&out.events[0], Event::StageChanged { seconds_in_from, .. } if *seconds_in_from == seconds),
                "{after}"
            );
            assert_eq!(out.state.entered_at, t0() + after);
        }
    }

    #[test]
    fn closed_cards_do_not_move() {
        let def = lead_funnel();
        for closed in ["converted", "lost"] {
            let state = card(&def, closed);
            for to in ["received", "in_work", "offer_received", "converted", "lost"] {
                assert_eq!(
                    transition(&def, &state, &go(to), Role::Admin, t0()),
                    Err(TransitionError::Closed {
                        stage: closed.to_owned()
                    }),
                    "{closed} -> {to}"
                );
            }
            assert!(moves(&def, &state, Role::Admin).is_empty());
            let out = transition(
                &def,
                &state,
                &Command::RecordFact(Fact::task_completed("first_call")),
                Role::Admin,
                t0(),
            )
            .expect("recorded");
            assert_eq!(
                out.state.stage, closed,
                "a fact on a closed card is only recorded"
            );
            assert_eq!(
                out.events,
                [Event::FactRecorded {
                    fact: Fact::task_completed("first_call")
                }]
            );
        }
    }

    #[test]
    fn moves_outside_the_table_are_not_allowed() {
        let def = lead_funnel();
        let not_allowed = |from: &str, to: &str| TransitionError::NotAllowed {
            from: from.to_owned(),
            to: to.to_owned(),
        };
        let cases = [
            ("in_work", "in_work", not_allowed("in_work", "in_work")),
            ("in_work", "received", not_allowed("in_work", "received")),
            (
                "received",
                "offer_received",
                not_allowed("received", "offer_received"),
            ),
            (
                "offer_received",
                "typical_offer_sent",
                not_allowed("offer_received", "typical_offer_sent"),
            ),
            (
                "in_work",
                "nowhere",
                TransitionError::UnknownStage("nowhere".to_owned()),
            ),
            (
                "in_work",
                "*",
                TransitionError::UnknownStage("*".to_owned()),
            ),
            (
                "gone",
                "in_work",
                TransitionError::UnknownStage("gone".to_owned()),
            ),
        ];
        for (from, to, error) in cases {
            assert_eq!(
                transition(&def, &card(&def, from), &go(to), Role::Admin, t0()),
                Err(error),
                "{from} -> {to}"
            );
        }
    }

    #[test]
    fn a_row_naming_the_stage_wins_over_a_star_row() {
        let mut def = lead_funnel();
        def.transitions.push(row(
            "in_work",
            "lost",
            vec![Guard::Roles {
                roles: vec![Role::Management],
            }],
        ));
        let refused = transition(
            &def,
            &card(&def, "in_work"),
            &lose("expensive"),
            Role::Manager,
            t0(),
        );
        assert_eq!(
            refused,
            Err(TransitionError::Refused(vec![GuardFailure::Role {
                allowed: vec![Role::Management]
            }]))
        );
        assert!(
            transition(
                &def,
                &card(&def, "surveyed"),
                &lose("expensive"),
                Role::Manager,
                t0()
            )
            .is_ok()
        );
    }

    #[test]
    fn moving_to_a_lost_stage_needs_a_loss() {
        let def = lead_funnel();
        let state = card(&def, "surveyed");
        assert_eq!(
            transition(&def, &state, &go("lost"), Role::Manager, t0()),
            Err(TransitionError::Refused(vec![GuardFailure::LossRequired]))
        );
        let out = transition(&def, &state, &lose("no_budget"), Role::Manager, t0()).expect("lost");
        assert!(
            matches!(out.events.last(), Some(Event::Lost { stage, loss }) if stage == "lost" && loss.reason() == "no_budget")
        );
    }

    #[test]
    fn a_roles_guard_refuses_other_roles() {
        let def = strict();
        let state = card(&def, "start");
        for &role in Role::ALL {
            let result = transition(&def, &state, &go("approval"), role, t0());
            if matches!(role, Role::Management | Role::Admin) {
                assert_eq!(
                    result.map(|o| o.state.stage).ok().as_deref(),
                    Some("approval"),
                    "{role:?}"
                );
            } else {
                assert_eq!(
                    result,
                    Err(TransitionError::Refused(vec![GuardFailure::Role {
                        allowed: vec![Role::Management, Role::Admin]
                    }])),
                    "{role:?}"
                );
            }
        }
    }

    #[test]
    fn roles_guards_do_not_apply_to_facts() {
        let mut def = strict();
        // The payment row: only an accountant could take it by hand; the fact moves it for anyone.
        def.transitions[1]
            .guards
            .retain(|g| matches!(g, Guard::Roles { .. }));
        let out = transition(
            &def,
            &card(&def, "approval"),
            &Command::RecordFact(Fact::payment_received()),
            Role::Manager,
            t0(),
        )
        .expect("recorded");
        assert_eq!(out.state.stage, "paid");
    }

    #[test]
    fn refusal_lists_every_failing_guard() {
        let def = strict();
        let result = transition(
            &def,
            &card(&def, "approval"),
            &go("paid"),
            Role::Manager,
            t0(),
        );
        assert_eq!(
            result,
            Err(TransitionError::Refused(vec![
                GuardFailure::Role {
                    allowed: vec![Role::Accountant]
                },
                GuardFailure::ChecklistItem {
                    item: "called".to_owned()
                },
                GuardFailure::ChecklistItem {
                    item: "agreed".to_owned()
                },
                GuardFailure::Field {
                    field: "counterparty".to_owned()
                },
                GuardFailure::Field {
                    field: "expected_revenue".to_owned()
                },
                GuardFailure::AnyField {
                    fields: strings(&["delivery_address", "offer_details"])
                },
                GuardFailure::RequestMissing {
                    request: RequestKind::Design
                },
                GuardFailure::FactRequired {
                    fact: Fact::payment_received()
                },
            ]))
        );
        let lost = transition(
            &def,
            &card(&def, "approval"),
            &go("lost"),
            Role::Accountant,
            t0(),
        );
        assert_eq!(
            lost,
            Err(TransitionError::Refused(vec![
                GuardFailure::Role {
                    allowed: vec![Role::Manager]
                },
                GuardFailure::LossRequired
            ]))
        );
    }

    #[test]
    fn a_fact_whose_guards_fail_is_kept_and_the_card_stays() {
        let def = strict();
        let out = transition(
            &def,
            &card(&def, "approval"),
            &Command::RecordFact(Fact::payment_received()),
            Role::Accountant,
            t0(),
        )
        .expect("recorded");
        assert_eq!(out.state.stage, "approval");
        assert_eq!(
            out.events,
            [Event::FactRecorded {
                fact: Fact::payment_received()
            }]
        );
        assert!(out.state.facts.contains(&Fact::payment_received()));
    }

    #[test]
    fn a_fact_is_recorded_once() {
        let def = tile_deal_funnel();
        let state = card(&def, "terms");
        let fact = Command::RecordFact(Fact::payment_received());
        let first = transition(&def, &state, &fact, Role::Accountant, t0()).expect("recorded");
        assert_eq!(
            first.events,
            [Event::FactRecorded {
                fact: Fact::payment_received()
            }]
        );
        let again =
            transition(&def, &first.state, &fact, Role::Accountant, t0()).expect("recorded");
        assert_eq!(
            again,
            Outcome {
                state: first.state,
                events: vec![]
            }
        );
    }

    #[test]
    fn a_completed_request_fact_marks_the_request_completed() {
        let def = tile_deal_funnel();
        let fact = Command::RecordFact(Fact::request_completed(RequestKind::Design));
        let out =
            transition(&def, &card(&def, "terms"), &fact, Role::Designer, t0()).expect("recorded");
        assert_eq!(
            out.state.requests.get(&RequestKind::Design),
            Some(&RequestStatus::Completed)
        );
        assert_eq!(out.state.stage, "terms");
    }

    #[test]
    fn automatic_moves_stop_after_as_many_steps_as_there_are_stages() {
        // An invalid definition (a loop of automatic rows) must still not hang the engine.
        let mut def = strict();
        def.transitions.push(Transition {
            manual: false,
            auto_on: Some(Fact::payment_received()),
            ..row("paid", "approval", vec![])
        });
        def.transitions[1].guards.clear();
        let out = transition(
            &def,
            &card(&def, "approval"),
            &Command::RecordFact(Fact::payment_received()),
            Role::Accountant,
            t0(),
        )
        .expect("recorded");
        let changes = out
            .events
            .iter()
            .filter(|e| matches!(e, Event::StageChanged { .. }))
            .count();
        assert_eq!(changes, 1 + def.stages.len());
    }

    #[test]
    fn moves_lists_targets_with_their_failures() {
        let def = tile_deal_funnel();
        let state = card(&def, "ask_payment_date");
        assert_eq!(
            moves(&def, &state, Role::Manager),
            [
                MoveOption {
                    to: "payment_overdue".to_owned(),
                    failures: vec![GuardFailure::Field {
                        field: "promised_payment_date".to_owned()
                    }]
                },
                MoveOption {
                    to: "payment_received".to_owned(),
                    failures: vec![GuardFailure::FactRequired {
                        fact: Fact::payment_received()
                    }]
                },
                MoveOption {
                    to: "deferred_payment".to_owned(),
                    failures: vec![GuardFailure::FactRequired {
                        fact: Fact::finance(crate::pipelines::FinanceFact::ShippedUnpaid)
                    }]
                },
                MoveOption {
                    to: "lost".to_owned(),
                    failures: vec![]
                },
            ]
        );
        let strict = strict();
        assert_eq!(
            moves(&strict, &card(&strict, "start"), Role::Manager),
            [
                MoveOption {
                    to: "approval".to_owned(),
                    failures: vec![GuardFailure::Role {
                        allowed: vec![Role::Management, Role::Admin]
                    }]
                },
                MoveOption {
                    to: "lost".to_owned(),
                    failures: vec![]
                },
            ]
        );
        assert!(moves(&def, &card(&def, "nowhere"), Role::Manager).is_empty());
    }

    #[test]
    fn guard_failures_read_as_field_errors() {
        let lead = lead_funnel();
        let deal = tile_deal_funnel();
        let cases: Vec<(&PipelineDefinition, GuardFailure, &str, &str, &str)> = vec![
            (
                &lead,
                GuardFailure::Role {
                    allowed: vec![Role::Manager, Role::Management],
                },
                "stage",
                "role_not_allowed",
                "Этот переход могут выполнить: Менеджер, Руководство",
            ),
            (
                &lead,
                GuardFailure::ChecklistItem {
                    item: "named_price_range".to_owned(),
                },
                "checklist.named_price_range",
                "checklist_item_required",
                "Отметьте пункт чек-листа «Озвучил вилку цен»",
            ),
            (
                &lead,
                GuardFailure::Field {
                    field: "price_range".to_owned(),
                },
                "price_range",
                "field_required",
                "Заполните поле «Вилка цен»",
            ),
            (
                &lead,
                GuardFailure::AnyField {
                    fields: strings(&["agreed_individual_offer", "agreed_design"]),
                },
                "agreed_individual_offer",
                "one_of_required",
                "Заполните хотя бы одно: «Клиент согласен на индивидуальное КП» или «Клиент согласен на дизайн-макет»",
            ),
            (
                &deal,
                GuardFailure::RequestMissing {
                    request: RequestKind::DeliveryCost,
                },
                "requests.delivery_cost",
                "request_missing",
                "Отправьте запрос «Стоимость доставки» логистам",
            ),
            (
                &deal,
                GuardFailure::RequestMissing {
                    request: RequestKind::Design,
                },
                "requests.design",
                "request_missing",
                "Отправьте запрос «Дизайн-макет» дизайнеру",
            ),
            (
                &deal,
                GuardFailure::RequestOpen {
                    request: RequestKind::Design,
                },
                "requests.design",
                "request_not_completed",
                "Запрос «Дизайн-макет» ещё не выполнен — дождитесь ответа",
            ),
            (
                &deal,
                GuardFailure::FactRequired {
                    fact: Fact::payment_received(),
                },
                "stage",
                "fact_required",
                "Стадия «Оплата получена» наступает только после регистрации оплаты бухгалтерией",
            ),
            (
                &deal,
                GuardFailure::FactRequired {
                    fact: Fact::request_completed(RequestKind::DeliveryCost),
                },
                "stage",
                "fact_required",
                "Этот переход выполняется только после того, как логист выполнит запрос «Стоимость доставки»",
            ),
            (
                &lead,
                GuardFailure::FactRequired {
                    fact: Fact::task_completed("first_call"),
                },
                "stage",
                "fact_required",
                "Этот переход выполняется только после выполнения задачи «Связаться с клиентом по заявке»",
            ),
            (
                &lead,
                GuardFailure::LossRequired,
                "loss.reason",
                "required",
                "Укажите причину отказа",
            ),
        ];
        for (def, failure, path, code, message) in cases {
            let (p, e) = failure.to_field_error(def);
            assert_eq!(
                (p.as_str(), e.code, e.message.as_str()),
                (path, code, message),
                "{failure:?}"
            );
        }
    }

    #[test]
    fn transition_errors_become_field_errors() {
        let def = tile_deal_funnel();
        let paths_and_codes = |e: TransitionError| -> Vec<(String, &'static str)> {
            e.field_errors(&def)
                .0
                .into_iter()
                .map(|(p, e)| (p, e.code))
                .collect()
        };
        let refused = TransitionError::Refused(vec![
            GuardFailure::Field {
                field: "counterparty".to_owned(),
            },
            GuardFailure::LossRequired,
        ]);
        assert_eq!(
            paths_and_codes(refused),
            [
                ("counterparty".to_owned(), "field_required"),
                ("loss.reason".to_owned(), "required")
            ]
        );
        let closed = TransitionError::Closed {
            stage: "won".to_owned(),
        };
        assert_eq!(
            closed.field_errors(&def).0[0].1.message,
            "Карточка закрыта в стадии «Успешно реализовано» и больше не перемещается"
        );
        let not_allowed = TransitionError::NotAllowed {
            from: "terms".to_owned(),
            to: "won".to_owned(),
        };
        assert_eq!(
            paths_and_codes(not_allowed),
            [("stage".to_owned(), "transition_not_allowed")]
        );
        assert_eq!(
            paths_and_codes(TransitionError::UnknownStage("x".to_owned())),
            [("stage".to_owned(), "unknown_stage")]
        );
    }

    #[test]
    fn outcomes_serialise_with_snake_case_tags() {
        let def = tile_deal_funnel();
        let out = transition(
            &def,
            &card(&def, "payment_overdue"),
            &Command::RecordFact(Fact::payment_received()),
            Role::Accountant,
            t0(),
        )
        .expect("recorded");
        let json = serde_json::to_value(&out).expect("serialises");
        assert_eq!(
            json["events"],
            serde_json::json!([
                {"type": "fact_recorded", "fact": "payment_received"},
                {"type": "stage_changed", "from": "payment_overdue", "to": "payment_received", "seconds_in_from": 0, "by_fact": "payment_received"},
            ])
        );
        assert_eq!(
            json["state"]["facts"],
            serde_json::json!(["payment_received"])
        );
        assert_eq!(
            json["state"]["entered_at"],
            serde_json::json!("2025-03-03T09:00:00Z")
        );
        assert_eq!(serde_json::from_value::<Outcome>(json).ok(), Some(out));

        let mut state = card(&def, "offer_task");
        state
            .requests
            .insert(RequestKind::DeliveryCost, RequestStatus::Open);
        let json = serde_json::to_value(&state).expect("serialises");
        assert_eq!(
            json["requests"],
            serde_json::json!({"delivery_cost": "open"})
        );
        assert_eq!(serde_json::from_value::<CardState>(json).ok(), Some(state));

        let failures = vec![
            GuardFailure::LossRequired,
            GuardFailure::AnyField {
                fields: strings(&["a", "b"]),
            },
            GuardFailure::RequestOpen {
                request: RequestKind::Design,
            },
        ];
        assert_eq!(
            serde_json::to_value(&failures).expect("serialises"),
            serde_json::json!([
                {"type": "loss_required"},
                {"type": "any_field", "fields": ["a", "b"]},
                {"type": "request_open", "request": "design"},
            ])
        );
        let lost = Event::Lost {
            stage: "lost".to_owned(),
            loss: Loss::parse("expensive", None, true).expect("valid"),
        };
        assert_eq!(
            serde_json::to_value(&lost).expect("serialises"),
            serde_json::json!({"type": "lost", "stage": "lost", "loss": {"reason": "expensive", "objections": null, "add_to_mailing": true}})
        );
    }
}
