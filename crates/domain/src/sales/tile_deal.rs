//! The built-in deal funnel for a rubber-tile sale (seed 000, «Детализация статусов воронки
//! продаж», section «Сделка»). Diagram: `README.md` beside this file.

use crate::pipelines::definition::{DocumentFact::*, FinanceFact::*, ProductionFact::*, PipelineDefinition, PipelineKind, RequestKind::*, StageKind::*};
use crate::pipelines::table::{DueRow::*, GuardRow::*, *};

const OFFER: Option<&str> = Some("КП");
const DESIGN: Option<&str> = Some("Дизайн");
const TERMS: Option<&str> = Some("Условия");
const DOCUMENTS: Option<&str> = Some("Документы");
const PAYMENT: Option<&str> = Some("Оплата");
const FULFILMENT: Option<&str> = Some("Исполнение");

// Mantine colours, one per group: blue, violet, cyan, indigo (its darker shade: white text on it
// passes AA), yellow (orange when overdue), teal.
#[rustfmt::skip]
const STAGES: &[StageRow] = &[
    // code                    name_ru                                              name_en                          group       kind  colour     stuck after, h
    ("offer_task",             "Задача на подготовку индивидуального КП получена",  "Individual offer task",          OFFER,      Open, "#228be6", Some(24)),
    ("delivery_cost_received", "Стоимость доставки от логиста получена",            "Delivery cost received",         OFFER,      Open, "#228be6", Some(24)),
    ("offer_sent",             "КП отправлено",                                     "Offer sent",                     OFFER,      Open, "#228be6", Some(48)),
    ("offer_received",         "КП получено клиентом",                              "Offer received",                 OFFER,      Open, "#228be6", Some(48)),
    ("design_task",            "Задача на подготовку дизайна получена",             "Design task",                    DESIGN,     Open, "#7950f2", Some(48)),
    ("design_sent",            "Дизайн отправлен",                                  "Design sent",                    DESIGN,     Open, "#7950f2", Some(48)),
    ("design_received",        "Дизайн получен клиентом",                           "Design received",                DESIGN,     Open, "#7950f2", Some(48)),
    ("terms",                  "Обсуждаем условия",                                 "Discussing terms",               TERMS,      Open, "#15aabf", Some(72)),
    ("requisites_requested",   "Реквизиты запрошены",                               "Requisites requested",           DOCUMENTS,  Open, "#3b5bdb", Some(48)),
    ("documents_prepared",     "Договор и счёт подготовлены",                       "Contract and invoice prepared",  DOCUMENTS,  Open, "#3b5bdb", Some(24)),
    ("documents_sent",         "Договор и счёт отправлены",                         "Contract and invoice sent",      DOCUMENTS,  Open, "#3b5bdb", Some(48)),
    ("documents_received",     "Документы получены клиентом",                       "Documents received",             DOCUMENTS,  Open, "#3b5bdb", Some(48)),
    ("documents_signed",       "Документы подписаны",                               "Documents signed",               DOCUMENTS,  Open, "#3b5bdb", Some(24)),
    ("ask_payment_date",       "Узнать, когда оплатит",                             "Ask when they pay",              PAYMENT,    Open, "#fab005", Some(24)),
    ("payment_overdue",        "Оплата не сделана",                                 "Payment not made",               PAYMENT,    Open, "#fd7e14", Some(72)),
    ("payment_received",       "Оплата получена",                                   "Payment received",               PAYMENT,    Open, "#fab005", Some(24)),
    ("work_order_prepared",    "Заказ-наряд подготовлен",                           "Work order prepared",            FULFILMENT, Open, "#12b886", Some(24)),
    ("handed_to_logistics",    "Передано в отдел логистики",                        "Handed to logistics",            FULFILMENT, Open, "#12b886", Some(48)),
    ("in_progress",            "Заказ в работе",                                    "Order in progress",              FULFILMENT, Open, "#12b886", Some(240)),
    // Shipped, not fully paid (seed 001 §5.2): orange like an overdue payment; a reminder every 10 days.
    ("deferred_payment",       "Оплата отсрочки",                                   "Deferred payment",               FULFILMENT, Open, "#fd7e14", Some(240)),
    ("ask_results",            "Спросить о результатах",                            "Ask about results",              FULFILMENT, Open, "#12b886", Some(72)),
    ("won",                    "Успешно реализовано",                               "Won",                            None,       Won,  "#40c057", None),
    ("lost",                   "Отказ",                                             "Lost",                           None,       Lost, "#fa5252", None),
];

const TERMS_CHECKLIST: &[&str] = &[
    "objections_after_offer",
    "objections_neutralised",
    "proposed_contract",
];

#[rustfmt::skip]
const CHECKLISTS: &[ChecklistRow] = &[
    // «Обязателен вопрос, нужен ли дизайн; если нет — ставит галку, что клиенту дизайн предложен — клиент отказался».
    ("offer_received", &[
        ("design_declined",        "Дизайн предложен — клиент отказался",  "Design offered — the client declined"),
    ]),
    ("terms", &[
        ("objections_after_offer", "Получил возражения после КП",          "Got objections after the offer"),
        ("objections_neutralised", "Нейтрализовал возражения после КП",    "Neutralised the objections after the offer"),
        ("proposed_contract",      "Предложил договор и счёт",             "Proposed the contract and invoice"),
    ]),
    // «Оценка работы в баллах» is the card field `review_score`.
    ("ask_results", &[
        ("review_requested",       "Запросил отзыв",                       "Asked for a review"),
        ("review_received",        "Получил отзыв",                        "Got a review"),
    ]),
];

#[rustfmt::skip]
const ON_ENTER: &[OnEnterRow] = &[
    ("offer_task",       &[EffectRow::OpenRequest(DeliveryCost),
                           // The offer is sent from «Стоимость доставки получена»: the task goes on there.
                           carried_over(task("prepare_offer", "Подготовить индивидуальное КП",   "Prepare the individual offer",   InHours(24)))]),
    ("design_task",      &[EffectRow::OpenRequest(Design)]),
    ("ask_payment_date", &[task("ask_payment_date",  "Узнать дату оплаты",              "Ask for the payment date",       InHours(24))]),
    ("payment_overdue",  &[call("payment_reminder",  "Напомнить клиенту об оплате",     "Remind the client to pay",       DaysBeforeField("promised_payment_date", 1))]),
    ("in_progress",      &[task("check_progress",    "Проверить ход выполнения заказа", "Check how the order is going",   InHours(72))]),
];

#[rustfmt::skip]
const TRANSITIONS: &[Row] = &[
    // from                     to                       manual     auto_on                                guards
    ("offer_task",             "delivery_cost_received", MANUAL,    Some(request_completed(DeliveryCost)), &[RequestCompleted(DeliveryCost)]),
    // E-mailing the offer is the fact (issue 10): the offer's total is what the deal is expected to bring.
    ("delivery_cost_received", "offer_sent",             AUTO_ONLY, Some(documents(OfferSent)),            &[]),
    ("offer_sent",             "offer_received",         MANUAL,    None,                                  &[]),
    ("offer_received",         "design_task",            MANUAL,    None,                                  &[]),
    ("offer_received",         "terms",                  MANUAL,    None,                                  &[Checklist(&["design_declined"])]),
    ("design_task",            "design_sent",            MANUAL,    Some(request_completed(Design)),       &[RequestCompleted(Design)]),
    ("design_sent",            "design_received",        MANUAL,    None,                                  &[]),
    ("design_received",        "terms",                  MANUAL,    None,                                  &[]),
    ("terms",                  "requisites_requested",   MANUAL,    None,                                  &[Checklist(TERMS_CHECKLIST)]),
    // The documents move the deal (issue 10; seed 001 §3.1–3.2): made, e-mailed, signed.
    ("requisites_requested",   "documents_prepared",     AUTO_ONLY, Some(documents(Prepared)),             &[Fields(&["counterparty"])]),
    ("documents_prepared",     "documents_sent",         AUTO_ONLY, Some(documents(Sent)),                 &[]),
    ("documents_sent",         "documents_received",     MANUAL,    None,                                  &[]),
    ("documents_received",     "documents_signed",       AUTO_ONLY, Some(documents(Signed)),               &[]),
    ("documents_sent",         "documents_signed",       AUTO_ONLY, Some(documents(Signed)),               &[]),
    ("documents_signed",       "ask_payment_date",       MANUAL,    None,                                  &[]),
    ("ask_payment_date",       "payment_overdue",        MANUAL,    None,                                  &[Fields(&["promised_payment_date"])]),
    ("documents_signed",       "payment_received",       AUTO_ONLY, Some(payment_received()),              &[]),
    ("ask_payment_date",       "payment_received",       AUTO_ONLY, Some(payment_received()),              &[]),
    ("payment_overdue",        "payment_received",       AUTO_ONLY, Some(payment_received()),              &[]),
    ("payment_received",       "work_order_prepared",    MANUAL,    None,                                  &[]),
    // The production orders move the deal (issue 12; seed 000): an order given to a production
    // hands the deal to logistics, a production's acceptance puts it in work. By hand too.
    ("payment_received",       "handed_to_logistics",    AUTO_ONLY, Some(production(OrderAssigned)),       &[]),
    ("work_order_prepared",    "handed_to_logistics",    MANUAL,    Some(production(OrderAssigned)),       &[]),
    ("handed_to_logistics",    "in_progress",            MANUAL,    Some(production(OrderAccepted)),       &[]),
    // Shipped but not fully paid: deferred payment (seed 001 §5.2), from wherever the deal is.
    ("documents_signed",       "deferred_payment",       AUTO_ONLY, Some(finance(ShippedUnpaid)),          &[]),
    ("ask_payment_date",       "deferred_payment",       AUTO_ONLY, Some(finance(ShippedUnpaid)),          &[]),
    ("payment_overdue",        "deferred_payment",       AUTO_ONLY, Some(finance(ShippedUnpaid)),          &[]),
    ("payment_received",       "deferred_payment",       AUTO_ONLY, Some(finance(ShippedUnpaid)),          &[]),
    ("work_order_prepared",    "deferred_payment",       AUTO_ONLY, Some(finance(ShippedUnpaid)),          &[]),
    ("handed_to_logistics",    "deferred_payment",       AUTO_ONLY, Some(finance(ShippedUnpaid)),          &[]),
    ("in_progress",            "deferred_payment",       AUTO_ONLY, Some(finance(ShippedUnpaid)),          &[]),
    // Every invoice shipped and paid: ask for the review (seed 000) — never by hand before that.
    ("payment_received",       "ask_results",            AUTO_ONLY, Some(finance(Settled)),                &[]),
    ("work_order_prepared",    "ask_results",            AUTO_ONLY, Some(finance(Settled)),                &[]),
    ("handed_to_logistics",    "ask_results",            AUTO_ONLY, Some(finance(Settled)),                &[]),
    ("in_progress",            "ask_results",            AUTO_ONLY, Some(finance(Settled)),                &[]),
    ("deferred_payment",       "ask_results",            AUTO_ONLY, Some(finance(Settled)),                &[]),
    ("ask_results",            "won",                    MANUAL,    None,                                  &[Checklist(&["review_requested"])]),
    (ANY,                      "lost",                   MANUAL,    None,                                  &[]),
];

/// The deal funnel for a tile sale: from the individual offer to a paid, delivered and reviewed order.
pub fn tile_deal_funnel() -> PipelineDefinition {
    assemble(
        PipelineKind::Deal,
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
        CardState, Command, DocumentFact, Event, Fact, GuardFailure, RequestKind, RequestStatus, TransitionError,
        moves, new_card, transition,
    };

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 3, 3, 9, 0, 0)
            .single()
            .expect("valid date")
    }

    fn card_in(stage: &str) -> CardState {
        CardState {
            stage: stage.to_owned(),
            ..new_card(&tile_deal_funnel(), t0()).state
        }
    }

    fn ticked(mut state: CardState, items: &[&str]) -> CardState {
        state
            .checklist
            .extend(items.iter().map(|s| (*s).to_owned()));
        state
    }

    fn request(mut state: CardState, kind: RequestKind, status: RequestStatus) -> CardState {
        state.requests.insert(kind, status);
        state
    }

    fn move_as(role: Role, state: &CardState, to: &str) -> Result<CardState, TransitionError> {
        let cmd = Command::Move {
            to: to.to_owned(),
            loss: None,
        };
        transition(&tile_deal_funnel(), state, &cmd, role, t0()).map(|o| o.state)
    }

    fn move_to(state: &CardState, to: &str) -> Result<CardState, TransitionError> {
        move_as(Role::Manager, state, to)
    }

    fn record(state: &CardState, fact: Fact) -> CardState {
        transition(
            &tile_deal_funnel(),
            state,
            &Command::RecordFact(fact),
            Role::Accountant,
            t0(),
        )
        .expect("a fact is always recorded")
        .state
    }

    fn stage(r: Result<CardState, TransitionError>) -> Result<String, TransitionError> {
        r.map(|s| s.stage)
    }

    #[test]
    fn tile_deal_funnel_is_valid() {
        assert_eq!(tile_deal_funnel().validate(), Ok(()));
        assert_eq!(
            orphan_rows(STAGES, CHECKLISTS, ON_ENTER),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn every_open_deal_stage_has_a_group_and_a_stuck_limit() {
        for s in tile_deal_funnel()
            .stages
            .iter()
            .filter(|s| !s.kind.is_closed())
        {
            assert!(
                s.group.is_some() && s.stuck_after_hours.is_some(),
                "{}",
                s.code
            );
        }
    }

    #[test]
    fn a_new_deal_asks_logistics_for_the_delivery_cost_and_sets_an_offer_task() {
        let out = new_card(&tile_deal_funnel(), t0());
        assert_eq!(out.state.stage, "offer_task");
        assert_eq!(
            out.events.first(),
            Some(&Event::OpenRequest {
                request: RequestKind::DeliveryCost
            })
        );
        assert!(
            matches!(&out.events[1], Event::CreateTask { code, .. } if code == "prepare_offer")
        );
        assert_eq!(out.events.len(), 2);
    }

    #[test]
    fn delivery_stage_by_hand_is_refused_while_the_request_is_open() {
        let open = request(
            card_in("offer_task"),
            RequestKind::DeliveryCost,
            RequestStatus::Open,
        );
        assert_eq!(
            move_to(&open, "delivery_cost_received"),
            Err(TransitionError::Refused(vec![GuardFailure::RequestOpen {
                request: RequestKind::DeliveryCost
            }]))
        );
        let cancelled = request(
            card_in("offer_task"),
            RequestKind::DeliveryCost,
            RequestStatus::Cancelled,
        );
        assert_eq!(
            move_to(&cancelled, "delivery_cost_received"),
            Err(TransitionError::Refused(vec![
                GuardFailure::RequestMissing {
                    request: RequestKind::DeliveryCost
                }
            ]))
        );
        let done = request(
            card_in("offer_task"),
            RequestKind::DeliveryCost,
            RequestStatus::Completed,
        );
        assert_eq!(
            stage(move_to(&done, "delivery_cost_received")).as_deref(),
            Ok("delivery_cost_received")
        );
    }

    #[test]
    fn completing_the_delivery_request_moves_the_deal() {
        let open = request(
            card_in("offer_task"),
            RequestKind::DeliveryCost,
            RequestStatus::Open,
        );
        let fact = Fact::request_completed(RequestKind::DeliveryCost);
        let out = transition(
            &tile_deal_funnel(),
            &open,
            &Command::RecordFact(fact.clone()),
            Role::Logistician,
            t0(),
        )
        .expect("recorded");
        assert_eq!(out.state.stage, "delivery_cost_received");
        assert_eq!(
            out.state.requests.get(&RequestKind::DeliveryCost),
            Some(&RequestStatus::Completed)
        );
        assert_eq!(
            out.events,
            [
                Event::FactRecorded { fact: fact.clone() },
                Event::StageChanged {
                    from: "offer_task".to_owned(),
                    to: "delivery_cost_received".to_owned(),
                    seconds_in_from: 0,
                    by_fact: Some(fact)
                },
            ]
        );
    }

    #[test]
    fn the_offer_is_sent_only_by_emailing_it_not_by_hand() {
        let waiting = [GuardFailure::FactRequired { fact: Fact::documents(DocumentFact::OfferSent) }];
        for &role in Role::ALL {
            assert_eq!(
                move_as(role, &card_in("delivery_cost_received"), "offer_sent"),
                Err(TransitionError::Refused(waiting.to_vec())),
                "{role:?}"
            );
        }
        assert_eq!(record(&card_in("delivery_cost_received"), Fact::documents(DocumentFact::OfferSent)).stage, "offer_sent");
    }

    #[test]
    fn an_offer_emailed_before_the_delivery_cost_moves_the_deal_once_the_cost_arrives() {
        let early = record(&card_in("offer_task"), Fact::documents(DocumentFact::OfferSent));
        assert_eq!(early.stage, "offer_task");
        let answered = record(&early, Fact::request_completed(RequestKind::DeliveryCost));
        assert_eq!(answered.stage, "offer_sent");
    }

    #[test]
    fn design_branch_is_skipped_only_when_design_declined_is_ticked() {
        assert_eq!(
            move_to(&card_in("offer_received"), "terms"),
            Err(TransitionError::Refused(vec![
                GuardFailure::ChecklistItem {
                    item: "design_declined".to_owned()
                }
            ]))
        );
        assert_eq!(
            stage(move_to(&card_in("offer_received"), "design_task")).as_deref(),
            Ok("design_task")
        );
        let declined = ticked(card_in("offer_received"), &["design_declined"]);
        assert_eq!(stage(move_to(&declined, "terms")).as_deref(), Ok("terms"));
    }

    #[test]
    fn the_design_task_asks_the_designer_and_completing_it_moves_the_deal() {
        let out = transition(
            &tile_deal_funnel(),
            &card_in("offer_received"),
            &Command::Move {
                to: "design_task".to_owned(),
                loss: None,
            },
            Role::Manager,
            t0(),
        )
        .expect("moved");
        assert!(out.events.contains(&Event::OpenRequest {
            request: RequestKind::Design
        }));
        let open = request(out.state, RequestKind::Design, RequestStatus::Open);
        assert!(matches!(
            move_to(&open, "design_sent"),
            Err(TransitionError::Refused(f)) if f == [GuardFailure::RequestOpen { request: RequestKind::Design }]
        ));
        assert_eq!(
            record(&open, Fact::request_completed(RequestKind::Design)).stage,
            "design_sent"
        );
    }

    #[test]
    fn terms_need_the_three_checklist_items() {
        let failures: Vec<GuardFailure> = TERMS_CHECKLIST
            .iter()
            .map(|i| GuardFailure::ChecklistItem {
                item: (*i).to_owned(),
            })
            .collect();
        assert_eq!(
            move_to(&card_in("terms"), "requisites_requested"),
            Err(TransitionError::Refused(failures))
        );
        let two = ticked(card_in("terms"), &TERMS_CHECKLIST[..2]);
        assert_eq!(
            move_to(&two, "requisites_requested"),
            Err(TransitionError::Refused(vec![
                GuardFailure::ChecklistItem {
                    item: "proposed_contract".to_owned()
                }
            ]))
        );
        let all = ticked(card_in("terms"), TERMS_CHECKLIST);
        assert_eq!(
            stage(move_to(&all, "requisites_requested")).as_deref(),
            Ok("requisites_requested")
        );
    }

    #[test]
    fn documents_are_prepared_only_for_a_chosen_counterparty_and_only_by_the_documents() {
        let prepared = Fact::documents(DocumentFact::Prepared);
        assert_eq!(
            move_to(&card_in("requisites_requested"), "documents_prepared"),
            Err(TransitionError::Refused(vec![
                GuardFailure::Field { field: "counterparty".to_owned() },
                GuardFailure::FactRequired { fact: prepared.clone() },
            ]))
        );
        let without = record(&card_in("requisites_requested"), prepared.clone());
        assert_eq!(without.stage, "requisites_requested");
        let mut with = card_in("requisites_requested");
        with.filled.insert("counterparty".to_owned());
        assert_eq!(record(&with, prepared).stage, "documents_prepared");
    }

    #[test]
    fn the_documents_facts_carry_a_deal_from_prepared_to_signed() {
        let mut card = card_in("requisites_requested");
        card.filled.insert("counterparty".to_owned());
        for (fact, stage) in [(DocumentFact::Prepared, "documents_prepared"), (DocumentFact::Sent, "documents_sent"), (DocumentFact::Signed, "documents_signed")] {
            card = record(&card, Fact::documents(fact));
            assert_eq!(card.stage, stage);
        }
        // Signing also counts after the client said they received them.
        let received = move_to(&card_in("documents_sent"), "documents_received").expect("by hand");
        assert_eq!(record(&received, Fact::documents(DocumentFact::Signed)).stage, "documents_signed");
        assert!(matches!(move_to(&card_in("documents_received"), "documents_signed"), Err(TransitionError::Refused(_))));
    }

    #[test]
    fn payment_is_overdue_only_after_a_promised_date_and_a_reminder_is_set_a_day_before() {
        assert_eq!(
            move_to(&card_in("ask_payment_date"), "payment_overdue"),
            Err(TransitionError::Refused(vec![GuardFailure::Field {
                field: "promised_payment_date".to_owned()
            }]))
        );
        let mut promised = card_in("ask_payment_date");
        promised.filled.insert("promised_payment_date".to_owned());
        let out = transition(
            &tile_deal_funnel(),
            &promised,
            &Command::Move {
                to: "payment_overdue".to_owned(),
                loss: None,
            },
            Role::Manager,
            t0(),
        )
        .expect("moved");
        assert!(matches!(
            &out.events[1],
            Event::CreateTask { code, due: crate::pipelines::Due::DaysBeforeField { field, days: 1 }, .. }
                if code == "payment_reminder" && field == "promised_payment_date"
        ));
    }

    #[test]
    fn the_payment_reminder_is_a_call_and_the_other_stage_tasks_are_tasks() {
        use crate::pipelines::{Effect, TaskKind};
        let def = tile_deal_funnel();
        let kinds: Vec<(&str, TaskKind)> = def
            .stages
            .iter()
            .flat_map(|s| &s.on_enter)
            .filter_map(|e| match e {
                Effect::CreateTask { code, kind, .. } => Some((code.as_str(), *kind)),
                Effect::OpenRequest { .. } => None,
            })
            .collect();
        assert!(kinds.contains(&("payment_reminder", TaskKind::Call)), "{kinds:?}");
        assert!(kinds.iter().filter(|(c, _)| *c != "payment_reminder").all(|(_, k)| *k == TaskKind::Task), "{kinds:?}");
    }

    #[test]
    fn payment_received_is_refused_by_hand_for_every_role_until_a_payment_is_recorded() {
        let waiting = [GuardFailure::FactRequired {
            fact: Fact::payment_received(),
        }];
        for from in ["documents_signed", "ask_payment_date", "payment_overdue"] {
            for &role in Role::ALL {
                assert_eq!(
                    move_as(role, &card_in(from), "payment_received"),
                    Err(TransitionError::Refused(waiting.to_vec())),
                    "{from} {role:?}"
                );
            }
        }
        // What no person may do, the recorded payment does.
        assert_eq!(
            record(&card_in("payment_overdue"), Fact::payment_received()).stage,
            "payment_received"
        );
    }

    #[test]
    fn recording_a_payment_moves_a_signed_deal_to_payment_received() {
        for from in ["documents_signed", "ask_payment_date", "payment_overdue"] {
            let out = transition(
                &tile_deal_funnel(),
                &card_in(from),
                &Command::RecordFact(Fact::payment_received()),
                Role::Accountant,
                t0() + Duration::hours(5),
            )
            .expect("recorded");
            assert_eq!(out.state.stage, "payment_received", "{from}");
            assert_eq!(
                out.events[1],
                Event::StageChanged {
                    from: from.to_owned(),
                    to: "payment_received".to_owned(),
                    seconds_in_from: 5 * 3600,
                    by_fact: Some(Fact::payment_received())
                }
            );
        }
    }

    #[test]
    fn a_payment_recorded_early_cascades_when_the_deal_reaches_signed() {
        let early = record(&card_in("documents_sent"), Fact::payment_received());
        assert_eq!(
            early.stage, "documents_sent",
            "no row from here waits for a payment"
        );
        let received = move_to(&early, "documents_received").expect("moved");
        let out = transition(
            &tile_deal_funnel(),
            &received,
            &Command::RecordFact(Fact::documents(DocumentFact::Signed)),
            Role::Manager,
            t0(),
        )
        .expect("recorded");
        assert_eq!(out.state.stage, "payment_received");
        let moves: Vec<(&str, &str, bool)> = out
            .events
            .iter()
            .filter_map(|e| match e {
                Event::StageChanged {
                    from, to, by_fact, ..
                } => Some((from.as_str(), to.as_str(), by_fact.is_some())),
                _ => None,
            })
            .collect();
        assert_eq!(
            moves,
            [
                ("documents_received", "documents_signed", true),
                ("documents_signed", "payment_received", true)
            ]
        );
    }

    #[test]
    fn a_production_order_hands_the_paid_deal_to_logistics_and_its_acceptance_puts_it_in_work() {
        // Seed 000: «Передано в отдел логистики» when the order is given to a production, «Заказ в
        // работе» when the production accepts it.
        use crate::pipelines::ProductionFact;
        let assigned = Fact::production(ProductionFact::OrderAssigned);
        let accepted = Fact::production(ProductionFact::OrderAccepted);
        for from in ["payment_received", "work_order_prepared"] {
            assert_eq!(record(&card_in(from), assigned.clone()).stage, "handed_to_logistics", "{from}");
        }
        let handed = record(&card_in("payment_received"), assigned.clone());
        assert_eq!(record(&handed, accepted.clone()).stage, "in_progress");
        // Not paid yet: the deal waits, and moves on by itself once the payment comes.
        let unpaid = record(&card_in("documents_signed"), assigned);
        assert_eq!(unpaid.stage, "documents_signed");
        assert_eq!(record(&unpaid, Fact::payment_received()).stage, "handed_to_logistics");
        // By hand too, as before.
        assert!(matches!(move_to(&card_in("handed_to_logistics"), "in_progress"), Ok(_)));
    }

    #[test]
    fn shipped_unpaid_goes_to_deferred_payment_and_settled_asks_for_the_review() {
        use crate::pipelines::FinanceFact;
        // Seed 001 §5.2: shipped with money still owed → «Оплата отсрочки»; then paid → the review.
        let deferred = record(&card_in("documents_signed"), Fact::finance(FinanceFact::ShippedUnpaid));
        assert_eq!(deferred.stage, "deferred_payment");
        assert_eq!(record(&deferred, Fact::finance(FinanceFact::Settled)).stage, "ask_results");
        // Paid first, shipped later: straight from the fulfilment stages to the review.
        for from in ["payment_received", "work_order_prepared", "handed_to_logistics", "in_progress"] {
            assert_eq!(record(&card_in(from), Fact::finance(FinanceFact::Settled)).stage, "ask_results", "{from}");
        }
    }

    #[test]
    fn the_review_and_won_are_never_reached_by_hand_before_everything_is_shipped_and_paid() {
        for from in ["in_progress", "deferred_payment", "payment_received"] {
            assert!(
                matches!(move_to(&card_in(from), "ask_results"), Err(TransitionError::Refused(_))),
                "{from}"
            );
            assert!(matches!(move_to(&card_in(from), "won"), Err(TransitionError::NotAllowed { .. })), "{from}");
        }
        assert!(matches!(move_to(&card_in("in_progress"), "deferred_payment"), Err(TransitionError::Refused(_))));
    }

    #[test]
    fn a_payment_recorded_early_lets_a_person_move_the_deal_to_payment_received() {
        let paid = record(&card_in("ask_payment_date"), Fact::payment_received());
        assert_eq!(paid.stage, "payment_received");
        // A card that stayed behind (e.g. loaded from before the row existed) may now be moved by hand.
        let behind = CardState {
            stage: "documents_signed".to_owned(),
            ..paid
        };
        assert_eq!(
            stage(move_to(&behind, "payment_received")).as_deref(),
            Ok("payment_received")
        );
    }

    #[test]
    fn a_deal_is_won_only_after_asking_for_a_review() {
        assert_eq!(
            move_to(&card_in("ask_results"), "won"),
            Err(TransitionError::Refused(vec![
                GuardFailure::ChecklistItem {
                    item: "review_requested".to_owned()
                }
            ]))
        );
        let asked = ticked(card_in("ask_results"), &["review_requested"]);
        let out = transition(
            &tile_deal_funnel(),
            &asked,
            &Command::Move {
                to: "won".to_owned(),
                loss: None,
            },
            Role::Manager,
            t0(),
        )
        .expect("won");
        assert_eq!(
            out.events.last(),
            Some(&Event::Won {
                stage: "won".to_owned()
            })
        );
    }

    #[test]
    fn any_open_stage_can_be_lost() {
        let def = tile_deal_funnel();
        let loss = crate::pipelines::Loss::parse("terms", None, false).expect("valid");
        for s in def.stages.iter().filter(|s| !s.kind.is_closed()) {
            let cmd = Command::Move {
                to: "lost".to_owned(),
                loss: Some(loss.clone()),
            };
            let out = transition(&def, &card_in(&s.code), &cmd, Role::Manager, t0()).expect("lost");
            assert_eq!(out.state.stage, "lost", "{}", s.code);
            assert_eq!(
                out.events.last(),
                Some(&Event::Lost {
                    stage: "lost".to_owned(),
                    loss: loss.clone()
                })
            );
        }
    }

    /// The allow-list, table-style: exactly the stages each stage leads to, written out by hand
    /// (not read from the table under test).
    #[test]
    fn deal_transition_table_allows_exactly_these_moves() {
        #[rustfmt::skip]
        let expected: &[(&str, &[&str])] = &[
            ("offer_task",             &["delivery_cost_received", "lost"]),
            ("delivery_cost_received", &["offer_sent", "lost"]),
            ("offer_sent",             &["offer_received", "lost"]),
            ("offer_received",         &["design_task", "terms", "lost"]),
            ("design_task",            &["design_sent", "lost"]),
            ("design_sent",            &["design_received", "lost"]),
            ("design_received",        &["terms", "lost"]),
            ("terms",                  &["requisites_requested", "lost"]),
            ("requisites_requested",   &["documents_prepared", "lost"]),
            ("documents_prepared",     &["documents_sent", "lost"]),
            ("documents_sent",         &["documents_received", "documents_signed", "lost"]),
            ("documents_received",     &["documents_signed", "lost"]),
            ("documents_signed",       &["ask_payment_date", "payment_received", "deferred_payment", "lost"]),
            ("ask_payment_date",       &["payment_overdue", "payment_received", "deferred_payment", "lost"]),
            ("payment_overdue",        &["payment_received", "deferred_payment", "lost"]),
            ("payment_received",       &["work_order_prepared", "handed_to_logistics", "deferred_payment", "ask_results", "lost"]),
            ("work_order_prepared",    &["handed_to_logistics", "deferred_payment", "ask_results", "lost"]),
            ("handed_to_logistics",    &["in_progress", "deferred_payment", "ask_results", "lost"]),
            ("in_progress",            &["deferred_payment", "ask_results", "lost"]),
            ("deferred_payment",       &["ask_results", "lost"]),
            ("ask_results",            &["won", "lost"]),
            ("won",                    &[]),
            ("lost",                   &[]),
        ];
        let def = tile_deal_funnel();
        assert_eq!(expected.len(), def.stages.len());
        for (from, targets) in expected {
            let card = card_in(from);
            let offered: BTreeSet<String> = moves(&def, &card, Role::Manager)
                .into_iter()
                .map(|m| m.to)
                .collect();
            let want: BTreeSet<String> = targets.iter().map(|t| (*t).to_owned()).collect();
            assert_eq!(offered, want, "{from}");
            for to in &def.stages {
                if !want.contains(&to.code) {
                    assert!(
                        matches!(
                            move_to(&card, &to.code),
                            Err(TransitionError::NotAllowed { .. } | TransitionError::Closed { .. })
                        ),
                        "{from} -> {}",
                        to.code
                    );
                }
            }
        }
    }
}
