//! The built-in lead funnel (seed 000, «Детализация статусов воронки продаж», section «Лид»).
//! Diagram: `README.md` beside this file.

use crate::pipelines::definition::{DocumentFact::*, PipelineDefinition, PipelineKind, StageKind::*};
use crate::pipelines::table::{DueRow::*, GuardRow::*, *};

const LEAD: Option<&str> = Some("Лид");

#[rustfmt::skip]
const STAGES: &[StageRow] = &[
    // code                name_ru                         name_en                group kind  colour     stuck after, h
    ("received",           "Заявка получена",              "Request received",    LEAD, Open, "#74c0fc", Some(2)),
    ("in_work",            "Заявка принята в обработку",   "In progress",         LEAD, Open, "#4dabf7", Some(24)),
    ("surveyed",           "Опрос лида сделан",            "Survey done",         LEAD, Open, "#339af0", Some(48)),
    ("typical_offer_sent", "Типовое КП отправлено",        "Typical offer sent",  LEAD, Open, "#228be6", Some(72)),
    ("offer_received",     "КП получено",                  "Offer received",      LEAD, Open, "#1c7ed6", Some(72)),
    ("converted",          "Конвертирован в сделку",       "Converted to a deal", None, Won,  "#40c057", None),
    ("lost",               "Отказ",                        "Lost",                None, Lost, "#fa5252", None),
];

/// «На этом этапе внедряем чек-лист. При наличии такого статуса менеджер не забудет предложить дизайн-макет».
const SURVEY_CHECKLIST: &[&str] = &[
    "got_objections",
    "named_price_range",
    "neutralised_objections",
    "clarified_offer_details",
    "offered_design",
];

#[rustfmt::skip]
const CHECKLISTS: &[ChecklistRow] = &[
    ("in_work", &[
        // code                      name_ru                          name_en
        ("got_objections",          "Получил первичные возражения",  "Got the first objections"),
        ("named_price_range",       "Озвучил вилку цен",             "Named the price range"),
        ("neutralised_objections",  "Нейтрализовал возражения",      "Neutralised the objections"),
        ("clarified_offer_details", "Выясняю детали для КП",         "Clarifying details for the offer"),
        ("offered_design",          "Предложил дизайн-макет",        "Offered a design mock-up"),
    ]),
];

#[rustfmt::skip]
const ON_ENTER: &[OnEnterRow] = &[
    ("received", &[call("first_call", "Связаться с клиентом по заявке", "Contact the client", InHours(1))]),
];

/// «В сделку конвертируем, если: клиенту названа вилка цен; одобрил дизайн-макет и/или
/// индивидуальное КП; заполнены сведения для индивидуального КП».
const CONVERSION: &[GuardRow] = &[
    Fields(&["price_range", "offer_details"]),
    AnyField(&["agreed_individual_offer", "agreed_design"]),
];

#[rustfmt::skip]
const TRANSITIONS: &[Row] = &[
    // from                to                    manual  auto_on                             guards
    ("received",           "in_work",            MANUAL, Some(task_completed("first_call")), &[Fields(&["responsible"])]),
    ("in_work",            "surveyed",           MANUAL, None,                               &[Checklist(SURVEY_CHECKLIST)]),
    // E-mailing the typical offer from the lead moves it too (issue 10); a manager may still say so by hand.
    ("in_work",            "typical_offer_sent", MANUAL, Some(documents(OfferSent)),         &[]),
    ("surveyed",           "typical_offer_sent", MANUAL, Some(documents(OfferSent)),         &[]),
    ("typical_offer_sent", "offer_received",     MANUAL, None,                               &[]),
    ("surveyed",           "converted",          MANUAL, None,                               CONVERSION),
    ("typical_offer_sent", "converted",          MANUAL, None,                               CONVERSION),
    ("offer_received",     "converted",          MANUAL, None,                               CONVERSION),
    (ANY,                  "lost",               MANUAL, None,                               &[]),
];

/// The lead funnel: from a request to a deal (or a loss).
pub fn lead_funnel() -> PipelineDefinition {
    assemble(
        PipelineKind::Lead,
        STAGES,
        CHECKLISTS,
        ON_ENTER,
        TRANSITIONS,
    )
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use chrono::{DateTime, Duration, TimeZone, Utc};

    use super::*;
    use crate::identity::Role;
    use crate::pipelines::{
        CardState, Command, Due, Event, Fact, GuardFailure, Loss, TaskAssignee, TransitionError,
        new_card, transition,
    };

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 3, 3, 9, 0, 0)
            .single()
            .expect("valid date")
    }

    fn card_in(stage: &str) -> CardState {
        CardState {
            stage: stage.to_owned(),
            ..new_card(&lead_funnel(), t0()).state
        }
    }

    fn with(mut state: CardState, filled: &[&str], ticked: &[&str]) -> CardState {
        state.filled.extend(filled.iter().map(|s| (*s).to_owned()));
        state
            .checklist
            .extend(ticked.iter().map(|s| (*s).to_owned()));
        state
    }

    fn move_to(state: &CardState, to: &str) -> Result<CardState, TransitionError> {
        let cmd = Command::Move {
            to: to.to_owned(),
            loss: None,
        };
        transition(
            &lead_funnel(),
            state,
            &cmd,
            Role::Manager,
            t0() + Duration::hours(1),
        )
        .map(|o| o.state)
    }

    fn refusal(state: &CardState, to: &str) -> Vec<GuardFailure> {
        match move_to(state, to) {
            Err(TransitionError::Refused(f)) => f,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    fn field(f: &str) -> GuardFailure {
        GuardFailure::Field {
            field: f.to_owned(),
        }
    }

    const AGREEMENTS: [&str; 2] = ["agreed_individual_offer", "agreed_design"];

    fn no_agreement() -> GuardFailure {
        GuardFailure::AnyField {
            fields: AGREEMENTS.map(str::to_owned).to_vec(),
        }
    }

    #[test]
    fn lead_funnel_is_valid() {
        assert_eq!(lead_funnel().validate(), Ok(()));
        assert_eq!(
            orphan_rows(STAGES, CHECKLISTS, ON_ENTER),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn lead_funnel_reads_like_the_customer_table() {
        let def = lead_funnel();
        let names: Vec<&str> = def.stages.iter().map(|s| s.name_ru.as_str()).collect();
        assert_eq!(
            names,
            [
                "Заявка получена",
                "Заявка принята в обработку",
                "Опрос лида сделан",
                "Типовое КП отправлено",
                "КП получено",
                "Конвертирован в сделку",
                "Отказ"
            ]
        );
        let open_groups: BTreeSet<Option<&str>> = def
            .stages
            .iter()
            .filter(|s| !s.kind.is_closed())
            .map(|s| s.group.as_deref())
            .collect();
        assert_eq!(open_groups, BTreeSet::from([Some("Лид")]));
    }

    #[test]
    fn a_new_lead_is_received_with_a_first_call_due_in_an_hour_and_it_is_a_call() {
        let out = new_card(&lead_funnel(), t0());
        assert_eq!(out.state.stage, "received");
        assert_eq!(
            out.events,
            [Event::CreateTask {
                code: "first_call".to_owned(),
                title_ru: "Связаться с клиентом по заявке".to_owned(),
                title_en: "Contact the client".to_owned(),
                kind: crate::pipelines::TaskKind::Call,
                assignee: TaskAssignee::Responsible,
                due: Due::InHours { hours: 1 },
            }]
        );
    }

    /// Issue 9, «Задачи по делу»: the first call stops mattering once the lead has left
    /// «Заявка получена» (moved by hand, lost); a task marked to carry over stays.
    #[test]
    fn leaving_a_stage_leaves_its_tasks_behind_unless_they_carry_over() {
        let mut def = lead_funnel();
        assert_eq!(def.tasks_left_behind("received"), ["first_call"]);
        assert!(def.tasks_left_behind("in_work").is_empty(), "that stage creates no task");
        assert!(def.tasks_left_behind("no_such_stage").is_empty());
        for e in def.stages.iter_mut().flat_map(|s| s.on_enter.iter_mut()) {
            if let crate::pipelines::Effect::CreateTask { carry_over, .. } = e {
                *carry_over = true;
            }
        }
        assert!(def.tasks_left_behind("received").is_empty());
    }

    #[test]
    fn lead_moves_to_in_work_only_with_a_responsible() {
        assert_eq!(
            refusal(&card_in("received"), "in_work"),
            [field("responsible")]
        );
        let moved = move_to(&with(card_in("received"), &["responsible"], &[]), "in_work");
        assert_eq!(moved.map(|s| s.stage).ok().as_deref(), Some("in_work"));
    }

    #[test]
    fn completing_the_first_call_moves_a_lead_with_a_responsible_to_in_work() {
        let fact = Command::RecordFact(Fact::task_completed("first_call"));
        let def = lead_funnel();
        let with_responsible = with(card_in("received"), &["responsible"], &[]);
        let out =
            transition(&def, &with_responsible, &fact, Role::Manager, t0()).expect("recorded");
        assert_eq!(out.state.stage, "in_work");

        let out =
            transition(&def, &card_in("received"), &fact, Role::Manager, t0()).expect("recorded");
        assert_eq!(
            out.state.stage, "received",
            "no responsible yet: the fact is kept, the lead stays"
        );
        assert!(
            out.state
                .facts
                .contains(&Fact::task_completed("first_call"))
        );
    }

    #[test]
    fn lead_survey_needs_all_five_checklist_items() {
        let failures = refusal(&card_in("in_work"), "surveyed");
        let missing: Vec<GuardFailure> = SURVEY_CHECKLIST
            .iter()
            .map(|i| GuardFailure::ChecklistItem {
                item: (*i).to_owned(),
            })
            .collect();
        assert_eq!(failures, missing);
        for skipped in SURVEY_CHECKLIST {
            let ticked: Vec<&str> = SURVEY_CHECKLIST
                .iter()
                .copied()
                .filter(|i| i != skipped)
                .collect();
            let failures = refusal(&with(card_in("in_work"), &[], &ticked), "surveyed");
            assert_eq!(
                failures,
                [GuardFailure::ChecklistItem {
                    item: (*skipped).to_owned()
                }]
            );
        }
        assert!(move_to(&with(card_in("in_work"), &[], SURVEY_CHECKLIST), "surveyed").is_ok());
    }

    #[test]
    fn emailing_the_typical_offer_moves_the_lead_to_typical_offer_sent() {
        use crate::pipelines::{Command, DocumentFact, Fact, transition};
        for from in ["in_work", "surveyed"] {
            let out = transition(&lead_funnel(), &card_in(from), &Command::RecordFact(Fact::documents(DocumentFact::OfferSent)), crate::identity::Role::Manager, t0())
                .expect("recorded");
            assert_eq!(out.state.stage, "typical_offer_sent", "{from}");
        }
    }

    #[test]
    fn a_typical_offer_can_be_sent_without_the_survey() {
        assert!(move_to(&card_in("in_work"), "typical_offer_sent").is_ok());
        assert!(move_to(&card_in("surveyed"), "typical_offer_sent").is_ok());
    }

    #[test]
    fn lead_conversion_needs_price_range_offer_details_and_an_agreement() {
        for from in ["surveyed", "typical_offer_sent", "offer_received"] {
            let failures = refusal(&card_in(from), "converted");
            assert_eq!(
                failures,
                [field("price_range"), field("offer_details"), no_agreement()],
                "{from}"
            );

            let failures = refusal(
                &with(card_in(from), &["price_range", "offer_details"], &[]),
                "converted",
            );
            assert_eq!(failures, [no_agreement()], "{from}");

            let failures = refusal(
                &with(
                    card_in(from),
                    &["offer_details", "agreed_individual_offer"],
                    &[],
                ),
                "converted",
            );
            assert_eq!(failures, [field("price_range")], "{from}");

            let ready = with(
                card_in(from),
                &["price_range", "offer_details", "agreed_individual_offer"],
                &[],
            );
            assert!(move_to(&ready, "converted").is_ok(), "{from}");
        }
    }

    #[test]
    fn lead_conversion_accepts_design_agreement_alone() {
        let ready = with(
            card_in("surveyed"),
            &["price_range", "offer_details", "agreed_design"],
            &[],
        );
        let out = transition(
            &lead_funnel(),
            &ready,
            &Command::Move {
                to: "converted".to_owned(),
                loss: None,
            },
            Role::Manager,
            t0(),
        )
        .expect("converted");
        assert_eq!(
            out.events.last(),
            Some(&Event::Won {
                stage: "converted".to_owned()
            })
        );
    }

    #[test]
    fn a_lead_is_converted_only_after_the_survey_or_an_offer() {
        let ready = ["price_range", "offer_details", "agreed_design"];
        for from in ["received", "in_work"] {
            assert_eq!(
                move_to(&with(card_in(from), &ready, &[]), "converted"),
                Err(TransitionError::NotAllowed {
                    from: from.to_owned(),
                    to: "converted".to_owned()
                })
            );
        }
    }

    /// The allow-list, table-style: every (from, to) pair of stages, and whether the table has a row for it.
    #[test]
    fn lead_transition_table_allows_exactly_these_moves() {
        #[rustfmt::skip]
        let allowed: BTreeSet<(&str, &str)> = BTreeSet::from([
            ("received", "in_work"), ("received", "lost"),
            ("in_work", "surveyed"), ("in_work", "typical_offer_sent"), ("in_work", "lost"),
            ("surveyed", "typical_offer_sent"), ("surveyed", "converted"), ("surveyed", "lost"),
            ("typical_offer_sent", "offer_received"), ("typical_offer_sent", "converted"), ("typical_offer_sent", "lost"),
            ("offer_received", "converted"), ("offer_received", "lost"),
        ]);
        let def = lead_funnel();
        for from in &def.stages {
            for to in &def.stages {
                let pair = (from.code.as_str(), to.code.as_str());
                assert_eq!(
                    def.row(pair.0, pair.1).is_some(),
                    allowed.contains(&pair),
                    "{pair:?}"
                );
            }
        }
    }

    #[test]
    fn losing_a_lead_records_the_reason_and_the_mailing_wish() {
        let loss = Loss::parse("postponed", Some("Вернётся весной"), true).expect("valid");
        let cmd = Command::Move {
            to: "lost".to_owned(),
            loss: Some(loss.clone()),
        };
        let out = transition(
            &lead_funnel(),
            &card_in("offer_received"),
            &cmd,
            Role::Manager,
            t0(),
        )
        .expect("lost");
        assert_eq!(
            out.events.last(),
            Some(&Event::Lost {
                stage: "lost".to_owned(),
                loss
            })
        );
    }
}
