use chrono::TimeZone;
use uuid::Uuid;

use super::*;

fn dec(s: &str) -> Decimal {
    Decimal::from_str_exact(s).expect("decimal literal")
}

fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, day, hour, 0, 0)
        .single()
        .expect("instant")
}

/// 100 m² at 1 000 ₽ = 100 000 ₽, assigned on 1 December at 09:00 UTC, to accept by the 3rd.
fn new_order(terms: PaymentTerms) -> NewOrder {
    NewOrder {
        terms,
        quantity: Some(dec("100")),
        price: Some(dec("1000")),
        accept_by: Some(at(3, 9)),
    }
}

fn facts(terms: PaymentTerms) -> OrderFacts {
    assign(&new_order(terms), Actor::Logistician, at(1, 9))
        .expect("assigned")
        .facts
}

fn fields(e: &FieldErrors) -> Vec<(&str, &'static str)> {
    e.0.iter().map(|(f, e)| (f.as_str(), e.code)).collect()
}

fn ship() -> OrderCommand {
    OrderCommand::Ship {
        carrier: "ПЭК".to_owned(),
        waybill: "ПЭК-123456".to_owned(),
        cost: Some(dec("8500")),
        eta: Some(chrono::NaiveDate::from_ymd_opt(2026, 12, 5).expect("date")),
    }
}

/// A quality check with every point confirmed.
fn passed() -> OrderCommand {
    OrderCommand::PassQuality {
        checklist: QualityChecklist {
            thickness: true,
            colour: true,
            count: true,
            packaging: true,
        },
    }
}

fn scan() -> FileId {
    FileId::from_uuid(Uuid::from_u128(7))
}

/// A command with valid data for every action but the assignment.
fn sample(action: OrderAction) -> Option<OrderCommand> {
    Some(match action {
        OrderAction::Assign => return None,
        OrderAction::RecordPayment => OrderCommand::RecordPayment {
            amount: dec("1000"),
        },
        OrderAction::Accept => OrderCommand::Accept,
        OrderAction::Decline => OrderCommand::Decline {
            reason: "Нет сырья".to_owned(),
        },
        OrderAction::Cancel => OrderCommand::Cancel {
            reason: "Клиент передумал".to_owned(),
        },
        OrderAction::StartProduction => OrderCommand::StartProduction,
        OrderAction::MarkDone => OrderCommand::MarkDone,
        OrderAction::PassQuality => passed(),
        OrderAction::RecordDefects => OrderCommand::RecordDefects {
            kind: Some(DefectKind::Colour),
            description: "Сколы по краям".to_owned(),
            quantity: Some(dec("5")),
        },
        OrderAction::Rework => OrderCommand::Rework,
        OrderAction::AcceptWithDeduction => OrderCommand::AcceptWithDeduction {
            deduction: Some(dec("5000")),
        },
        OrderAction::Ship => ship(),
        OrderAction::ReceiveClosingDocuments => {
            OrderCommand::ReceiveClosingDocuments { scan: scan() }
        }
        OrderAction::Close => OrderCommand::Close,
    })
}

/// An actor the table allows for the action.
fn allowed_actor(action: OrderAction) -> Actor {
    transitions()
        .iter()
        .find(|r| r.action == action)
        .and_then(|r| r.actors.first().copied())
        .expect("a rule with actors")
}

/// Applies commands in turn, each by the first actor its rule names, all at 2 December noon.
fn run(
    terms: PaymentTerms,
    commands: &[OrderCommand],
) -> Result<(OrderState, OrderFacts), FieldErrors> {
    let mut state = OrderState::Assigned;
    let mut f = facts(terms);
    for c in commands {
        let t = apply(state, c, allowed_actor(c.action()), &f, at(2, 12))?;
        state = t.to;
        f = t.facts;
    }
    Ok((state, f))
}

fn pay(amount: &str) -> OrderCommand {
    OrderCommand::RecordPayment {
        amount: dec(amount),
    }
}

// ---- assignment ----

#[test]
fn a_new_order_is_assigned_and_hands_the_deal_to_logistics() {
    let t = assign(
        &new_order(PaymentTerms::Prepayment),
        Actor::Logistician,
        at(1, 9),
    )
    .expect("assigned");
    assert_eq!(
        (t.from, t.to, t.action),
        (None, OrderState::Assigned, OrderAction::Assign)
    );
    assert_eq!(t.effects, [DealEffect::HandedToLogistics]);
    assert_eq!(t.facts.amount(), dec("100000.00"));
    assert_eq!(t.facts.paid, dec("0.00"));
    assert_eq!(t.at, at(1, 9));
}

#[test]
fn assigning_refuses_zero_or_negative_quantity_and_price_naming_the_fields() {
    let mut order = new_order(PaymentTerms::Prepayment);
    order.quantity = Some(dec("0"));
    order.price = Some(dec("-1"));
    let e = assign(&order, Actor::Logistician, at(1, 9)).expect_err("refused");
    assert_eq!(
        fields(&e),
        [("quantity", "out_of_range"), ("price", "out_of_range")]
    );
    assert_eq!(e.0[0].1.message, "Количество должно быть больше нуля");
    assert_eq!(e.0[1].1.message, "Цена должна быть больше нуля");
}

#[test]
fn assigning_requires_quantity_price_and_acceptance_time() {
    let order = NewOrder {
        terms: PaymentTerms::FiftyFifty,
        quantity: None,
        price: Some(dec("10.001")),
        accept_by: None,
    };
    let e = assign(&order, Actor::Manager, at(1, 9)).expect_err("refused");
    assert_eq!(
        fields(&e),
        [
            ("quantity", "required"),
            ("price", "invalid_format"),
            ("accept_by", "required")
        ]
    );
}

#[test]
fn the_acceptance_time_must_be_later_than_the_assignment() {
    let mut order = new_order(PaymentTerms::Prepayment);
    order.accept_by = Some(at(1, 9));
    let e = assign(&order, Actor::Logistician, at(1, 9)).expect_err("refused");
    assert_eq!(fields(&e), [("accept_by", "out_of_range")]);
}

#[test]
fn only_logisticians_managers_and_admins_assign_orders() {
    for actor in [Actor::Logistician, Actor::Manager, Actor::Admin] {
        assert!(
            assign(&new_order(PaymentTerms::Prepayment), actor, at(1, 9)).is_ok(),
            "{actor:?}"
        );
    }
    for actor in [Actor::Production, Actor::Quality, Actor::Accountant] {
        let e = assign(&new_order(PaymentTerms::Prepayment), actor, at(1, 9)).expect_err("refused");
        assert_eq!(fields(&e), [("actor", "forbidden")], "{actor:?}");
        assert_eq!(
            e.0[0].1.message,
            "Действие «Распределить на производство» выполняет: Логист, Менеджер, Администратор"
        );
    }
}

// ---- payment as a fact ----

#[test]
fn the_production_may_accept_before_it_is_paid() {
    let (state, f) = run(PaymentTerms::Prepayment, &[OrderCommand::Accept]).expect("accepted");
    assert_eq!(state, OrderState::Accepted);
    assert_eq!(f.paid, dec("0"));
}

#[test]
fn accepting_moves_the_deal_to_order_in_progress() {
    let t = apply(
        OrderState::Assigned,
        &OrderCommand::Accept,
        Actor::Production,
        &facts(PaymentTerms::Prepayment),
        at(2, 12),
    )
    .expect("accepted");
    assert_eq!(t.effects, [DealEffect::OrderInProgress]);
}

#[test]
fn under_prepayment_work_starts_only_after_full_payment() {
    let e = run(
        PaymentTerms::Prepayment,
        &[
            pay("99999.99"),
            OrderCommand::Accept,
            OrderCommand::StartProduction,
        ],
    )
    .expect_err("refused");
    assert_eq!(fields(&e), [("paid", "payment_required")]);
    assert_eq!(
        e.0[0].1.message,
        "По условиям «Предоплата 100 %» производство начинается после оплаты 100\u{a0}000,00\u{a0}₽; оплачено 99\u{a0}999,99\u{a0}₽"
    );
    let (state, _) = run(
        PaymentTerms::Prepayment,
        &[
            pay("100000"),
            OrderCommand::Accept,
            OrderCommand::StartProduction,
        ],
    )
    .expect("started");
    assert_eq!(state, OrderState::InProduction);
}

#[test]
fn under_fifty_fifty_work_starts_after_half_is_paid() {
    let short = run(
        PaymentTerms::FiftyFifty,
        &[
            OrderCommand::Accept,
            pay("49999.99"),
            OrderCommand::StartProduction,
        ],
    );
    assert_eq!(
        short.map(|_| ()).map_err(|e| e.0[0].0.clone()),
        Err("paid".to_owned())
    );
    let (state, _) = run(
        PaymentTerms::FiftyFifty,
        &[
            OrderCommand::Accept,
            pay("50000"),
            OrderCommand::StartProduction,
        ],
    )
    .expect("started");
    assert_eq!(state, OrderState::InProduction);
}

#[test]
fn fifty_fifty_rounds_the_first_half_up_to_the_kopeck() {
    assert_eq!(
        PaymentTerms::FiftyFifty.required_before_work(dec("100.01")),
        dec("50.01")
    );
    assert_eq!(
        PaymentTerms::Prepayment.required_before_work(dec("100.01")),
        dec("100.01")
    );
    assert_eq!(
        PaymentTerms::AfterShipment
            .required_before_work(dec("100.01"))
            .to_string(),
        "0.00"
    );
}

#[test]
fn after_shipment_terms_let_work_start_unpaid() {
    let (state, f) = run(
        PaymentTerms::AfterShipment,
        &[OrderCommand::Accept, OrderCommand::StartProduction],
    )
    .expect("started");
    assert_eq!((state, f.paid), (OrderState::InProduction, dec("0")));
}

#[test]
fn a_payment_may_be_recorded_in_any_open_stage_and_keeps_the_stage() {
    for &state in OrderState::OPEN {
        let t = apply(
            state,
            &pay("1000"),
            Actor::Accountant,
            &facts(PaymentTerms::AfterShipment),
            at(2, 12),
        )
        .expect("paid");
        assert_eq!((t.from, t.to), (Some(state), state));
        assert_eq!(t.facts.paid, dec("1000.00"));
        assert!(t.effects.is_empty());
    }
}

#[test]
fn a_payment_cannot_exceed_what_is_left_to_pay() {
    let e = run(PaymentTerms::Prepayment, &[pay("60000"), pay("40000.01")]).expect_err("refused");
    assert_eq!(fields(&e), [("amount", "out_of_range")]);
    assert_eq!(
        e.0[0].1.message,
        "Больше, чем осталось оплатить производству: 40\u{a0}000,00\u{a0}₽"
    );
}

#[test]
fn a_payment_must_be_more_than_zero_in_kopecks() {
    for (amount, code) in [
        ("0", "out_of_range"),
        ("-5", "out_of_range"),
        ("1.005", "invalid_format"),
    ] {
        let e = run(PaymentTerms::Prepayment, &[pay(amount)]).expect_err("refused");
        assert_eq!(fields(&e), [("amount", code)], "{amount}");
    }
}

#[test]
fn only_accounting_records_payments() {
    let e = apply(
        OrderState::Assigned,
        &pay("10"),
        Actor::Production,
        &facts(PaymentTerms::Prepayment),
        at(2, 12),
    )
    .expect_err("refused");
    assert_eq!(fields(&e), [("actor", "forbidden")]);
}

// ---- the way through ----

#[test]
fn the_happy_path_runs_from_assignment_to_closing() {
    let (state, f) = run(
        PaymentTerms::FiftyFifty,
        &[
            OrderCommand::Accept,
            pay("50000"),
            OrderCommand::StartProduction,
            OrderCommand::MarkDone,
            passed(),
            ship(),
            OrderCommand::ReceiveClosingDocuments { scan: scan() },
            pay("50000"),
            OrderCommand::Close,
        ],
    )
    .expect("closed");
    assert_eq!(state, OrderState::Closed);
    assert_eq!(f.closing_documents, Some(scan()));
    assert_eq!(f.outstanding(), dec("0"));
}

#[test]
fn closing_requires_the_production_paid_in_full_less_deductions() {
    let path = |last_payment: &str| {
        run(
            PaymentTerms::AfterShipment,
            &[
                OrderCommand::Accept,
                OrderCommand::StartProduction,
                OrderCommand::MarkDone,
                OrderCommand::RecordDefects {
            kind: Some(DefectKind::Colour),
                    description: "Сколы".to_owned(),
                    quantity: Some(dec("5")),
                },
                OrderCommand::AcceptWithDeduction {
                    deduction: Some(dec("5000")),
                },
                ship(),
                OrderCommand::ReceiveClosingDocuments { scan: scan() },
                pay(last_payment),
                OrderCommand::Close,
            ],
        )
    };
    let e = path("94999.99").expect_err("refused");
    assert_eq!(fields(&e), [("paid", "payment_required")]);
    assert_eq!(
        e.0[0].1.message,
        "Заказ закрывается после полной оплаты производству: осталось 0,01\u{a0}₽"
    );
    let (state, f) = path("95000").expect("closed");
    assert_eq!(
        (state, f.due(), f.deduction),
        (OrderState::Closed, dec("95000"), dec("5000"))
    );
}

// ---- declining and cancelling ----

#[test]
fn the_production_declines_with_a_reason_within_its_acceptance_time() {
    let decline = OrderCommand::Decline {
        reason: "  Нет сырья  ".to_owned(),
    };
    let t = apply(
        OrderState::Assigned,
        &decline,
        Actor::Production,
        &facts(PaymentTerms::Prepayment),
        at(3, 9),
    )
    .expect("declined on the deadline itself");
    assert_eq!(t.to, OrderState::Declined);
    assert_eq!(t.facts.reason.as_deref(), Some("Нет сырья"));
}

#[test]
fn declining_sends_the_deal_back_to_distribution() {
    let decline = OrderCommand::Decline {
        reason: "Нет сырья".to_owned(),
    };
    let t = apply(
        OrderState::Assigned,
        &decline,
        Actor::Production,
        &facts(PaymentTerms::Prepayment),
        at(2, 9),
    )
    .expect("declined");
    assert_eq!(
        t.effects,
        [DealEffect::BackToDistribution {
            reason: "Нет сырья".to_owned()
        }]
    );
}

#[test]
fn declining_needs_a_reason() {
    let decline = OrderCommand::Decline {
        reason: " ".to_owned(),
    };
    let e = apply(
        OrderState::Assigned,
        &decline,
        Actor::Production,
        &facts(PaymentTerms::Prepayment),
        at(2, 9),
    )
    .expect_err("refused");
    assert_eq!(fields(&e), [("reason", "required")]);
}

#[test]
fn declining_after_the_acceptance_time_is_refused() {
    let decline = OrderCommand::Decline {
        reason: "Нет сырья".to_owned(),
    };
    let e = apply(
        OrderState::Assigned,
        &decline,
        Actor::Production,
        &facts(PaymentTerms::Prepayment),
        at(3, 10),
    )
    .expect_err("refused");
    assert_eq!(fields(&e), [("accept_by", "acceptance_time_over")]);
    assert!(
        e.0[0]
            .1
            .message
            .starts_with("Срок принятия решения истёк 03.12.2026 12:00 (МСК)"),
        "{}",
        e.0[0].1.message
    );
}

#[test]
fn declining_an_accepted_order_is_refused() {
    for state in [
        OrderState::Accepted,
        OrderState::InProduction,
        OrderState::Shipped,
    ] {
        let decline = OrderCommand::Decline {
            reason: "Передумали".to_owned(),
        };
        let e = apply(
            state,
            &decline,
            Actor::Production,
            &facts(PaymentTerms::Prepayment),
            at(2, 9),
        )
        .expect_err("refused");
        assert_eq!(fields(&e), [("state", "already_accepted")], "{state:?}");
        assert_eq!(
            e.0[0].1.message,
            "Производство уже приняло заказ — отказаться от него нельзя"
        );
    }
}

#[test]
fn cancelling_is_allowed_before_production_starts_with_a_reason() {
    for state in [OrderState::Assigned, OrderState::Accepted] {
        let cancel = OrderCommand::Cancel {
            reason: "Клиент передумал".to_owned(),
        };
        let t = apply(
            state,
            &cancel,
            Actor::Manager,
            &facts(PaymentTerms::Prepayment),
            at(2, 9),
        )
        .expect("cancelled");
        assert_eq!(t.to, OrderState::Cancelled);
        assert!(t.effects.is_empty());
    }
    let cancel = OrderCommand::Cancel {
        reason: String::new(),
    };
    let e = apply(
        OrderState::Assigned,
        &cancel,
        Actor::Manager,
        &facts(PaymentTerms::Prepayment),
        at(2, 9),
    )
    .expect_err("refused");
    assert_eq!(fields(&e), [("reason", "required")]);
}

#[test]
fn cancelling_after_production_started_is_refused() {
    for state in [
        OrderState::InProduction,
        OrderState::Done,
        OrderState::Shipped,
    ] {
        let cancel = OrderCommand::Cancel {
            reason: "Клиент передумал".to_owned(),
        };
        let e = apply(
            state,
            &cancel,
            Actor::Admin,
            &facts(PaymentTerms::Prepayment),
            at(2, 9),
        )
        .expect_err("refused");
        assert_eq!(
            fields(&e),
            [("state", "already_in_production")],
            "{state:?}"
        );
    }
}

// ---- quality and shipping ----

#[test]
fn shipping_before_the_quality_check_is_refused_on_quality() {
    for state in [
        OrderState::Accepted,
        OrderState::InProduction,
        OrderState::Done,
        OrderState::DefectsFound,
    ] {
        let e = apply(
            state,
            &ship(),
            Actor::Production,
            &facts(PaymentTerms::Prepayment),
            at(2, 9),
        )
        .expect_err("refused");
        assert_eq!(fields(&e), [("quality", "quality_not_passed")], "{state:?}");
        assert_eq!(
            e.0[0].1.message,
            "Отгрузить клиенту можно только после подтверждения качества"
        );
    }
}

#[test]
fn shipping_needs_carrier_waybill_and_cost() {
    let bare = OrderCommand::Ship {
        carrier: " ".to_owned(),
        waybill: String::new(),
        cost: None,
        eta: None,
    };
    let e = apply(
        OrderState::QualityPassed,
        &bare,
        Actor::Logistician,
        &facts(PaymentTerms::Prepayment),
        at(2, 9),
    )
    .expect_err("refused");
    assert_eq!(
        fields(&e),
        [
            ("carrier", "required"),
            ("waybill", "required"),
            ("cost", "required")
        ]
    );
    let negative = OrderCommand::Ship {
        carrier: "ПЭК".to_owned(),
        waybill: "1".to_owned(),
        cost: Some(dec("-1")),
        eta: None,
    };
    let e = apply(
        OrderState::QualityPassed,
        &negative,
        Actor::Logistician,
        &facts(PaymentTerms::Prepayment),
        at(2, 9),
    )
    .expect_err("refused");
    assert_eq!(fields(&e), [("cost", "out_of_range")]);
    let free = OrderCommand::Ship {
        carrier: "Самовывоз".to_owned(),
        waybill: "б/н".to_owned(),
        cost: Some(dec("0")),
        eta: None,
    };
    assert!(
        apply(
            OrderState::QualityPassed,
            &free,
            Actor::Logistician,
            &facts(PaymentTerms::Prepayment),
            at(2, 9)
        )
        .is_ok()
    );
}

#[test]
fn shipping_records_the_shipment_on_the_deal() {
    let t = apply(
        OrderState::QualityPassed,
        &ship(),
        Actor::Production,
        &facts(PaymentTerms::Prepayment),
        at(2, 9),
    )
    .expect("shipped");
    let shipment = Shipment {
        carrier: "ПЭК".to_owned(),
        waybill: "ПЭК-123456".to_owned(),
        cost: dec("8500.00"),
        shipped_at: at(2, 9),
        eta: Some(chrono::NaiveDate::from_ymd_opt(2026, 12, 5).expect("date")),
    };
    assert_eq!(t.to, OrderState::Shipped);
    assert_eq!(t.facts.shipment.as_ref(), Some(&shipment));
    assert_eq!(t.effects, [DealEffect::ShipmentRecorded(shipment)]);
}

#[test]
fn the_expected_delivery_date_cannot_be_in_the_past() {
    // 2 December, 09:00 UTC is 12:00 in Moscow: the 1st is yesterday, the 2nd is today.
    let on = |day| OrderCommand::Ship {
        carrier: "ПЭК".to_owned(),
        waybill: "1".to_owned(),
        cost: Some(dec("100")),
        eta: chrono::NaiveDate::from_ymd_opt(2026, 12, day),
    };
    let f = facts(PaymentTerms::Prepayment);
    let e = apply(OrderState::QualityPassed, &on(1), Actor::Logistician, &f, at(2, 9)).expect_err("refused");
    assert_eq!(fields(&e), [("eta", "out_of_range")]);
    assert!(apply(OrderState::QualityPassed, &on(2), Actor::Logistician, &f, at(2, 9)).is_ok());
}

#[test]
fn defects_lead_to_rework_back_in_production() {
    let (state, f) = run(
        PaymentTerms::AfterShipment,
        &[
            OrderCommand::Accept,
            OrderCommand::StartProduction,
            OrderCommand::MarkDone,
            OrderCommand::RecordDefects {
            kind: Some(DefectKind::Colour),
                description: "Разнотон".to_owned(),
                quantity: Some(dec("12.5")),
            },
            OrderCommand::Rework,
        ],
    )
    .expect("back in production");
    assert_eq!(state, OrderState::InProduction);
    assert_eq!(
        f.defects.map(|d| (d.description, d.quantity)),
        Some(("Разнотон".to_owned(), dec("12.5")))
    );
}

#[test]
fn defects_accepted_with_a_deduction_lower_what_is_due_and_allow_shipping() {
    let (state, f) = run(
        PaymentTerms::AfterShipment,
        &[
            OrderCommand::Accept,
            OrderCommand::StartProduction,
            OrderCommand::MarkDone,
            OrderCommand::RecordDefects {
            kind: Some(DefectKind::Colour),
                description: "Разнотон".to_owned(),
                quantity: Some(dec("10")),
            },
            OrderCommand::AcceptWithDeduction {
                deduction: Some(dec("7500.50")),
            },
            ship(),
        ],
    )
    .expect("shipped");
    assert_eq!(state, OrderState::Shipped);
    assert_eq!((f.deduction, f.due()), (dec("7500.50"), dec("92499.50")));
}

#[test]
fn quality_passes_only_with_every_checklist_point_confirmed() {
    // Issue 12 «Quality»: thickness, colour match, count, packaging.
    let partial = OrderCommand::PassQuality {
        checklist: QualityChecklist {
            thickness: true,
            colour: false,
            count: true,
            packaging: false,
        },
    };
    let f = facts(PaymentTerms::Prepayment);
    let e = apply(OrderState::Done, &partial, Actor::Quality, &f, at(2, 9)).expect_err("refused");
    assert_eq!(fields(&e), [("checklist.colour", "not_checked"), ("checklist.packaging", "not_checked")]);
    let t = apply(OrderState::Done, &passed(), Actor::Quality, &f, at(2, 9)).expect("passed");
    assert_eq!(t.to, OrderState::QualityPassed);
}

#[test]
fn defects_name_their_kind() {
    let c = OrderCommand::RecordDefects {
        kind: None,
        description: "Сколы на кромке".to_owned(),
        quantity: Some(dec("12")),
    };
    let f = facts(PaymentTerms::Prepayment);
    let e = apply(OrderState::Done, &c, Actor::Quality, &f, at(2, 9)).expect_err("refused");
    assert_eq!(fields(&e), [("defect_kind", "required")]);
    let c = OrderCommand::RecordDefects {
        kind: Some(DefectKind::Packaging),
        description: "Сколы на кромке".to_owned(),
        quantity: Some(dec("12")),
    };
    let t = apply(OrderState::Done, &c, Actor::Quality, &f, at(2, 9)).expect("recorded");
    assert_eq!(t.facts.defects.map(|d| (d.kind, d.quantity)), Some((Some(DefectKind::Packaging), dec("12"))));
}

#[test]
fn recording_defects_needs_a_description_and_a_quantity_within_the_order() {
    let check = |description: &str, quantity: Option<&str>| {
        let c = OrderCommand::RecordDefects {
            kind: Some(DefectKind::Colour),
            description: description.to_owned(),
            quantity: quantity.map(dec),
        };
        apply(
            OrderState::Done,
            &c,
            Actor::Quality,
            &facts(PaymentTerms::Prepayment),
            at(2, 9),
        )
        .map_err(|e| {
            fields(&e)
                .iter()
                .map(|(f, c)| format!("{f}:{c}"))
                .collect::<Vec<_>>()
        })
    };
    assert_eq!(
        check("", Some("0")).map(|_| ()),
        Err(vec![
            "description:required".to_owned(),
            "quantity:out_of_range".to_owned()
        ])
    );
    assert_eq!(
        check("Сколы", None).map(|_| ()),
        Err(vec!["quantity:required".to_owned()])
    );
    assert_eq!(
        check("Сколы", Some("100.01")).map(|_| ()),
        Err(vec!["quantity:out_of_range".to_owned()])
    );
    assert!(
        check("Сколы", Some("100")).is_ok(),
        "the whole order may be defective"
    );
}

#[test]
fn a_deduction_must_be_more_than_zero_and_within_what_is_due() {
    let deduct = |amount: &str| {
        let c = OrderCommand::AcceptWithDeduction {
            deduction: Some(dec(amount)),
        };
        apply(
            OrderState::DefectsFound,
            &c,
            Actor::Manager,
            &facts(PaymentTerms::Prepayment),
            at(2, 9),
        )
    };
    for amount in ["0", "-1", "100000.01"] {
        let e = deduct(amount).expect_err("refused");
        assert_eq!(fields(&e), [("deduction", "out_of_range")], "{amount}");
    }
    assert!(deduct("100000").is_ok());
}

#[test]
fn only_quality_control_checks_quality() {
    for actor in [
        Actor::Production,
        Actor::Manager,
        Actor::Logistician,
        Actor::Accountant,
    ] {
        let e = apply(
            OrderState::Done,
            &passed(),
            actor,
            &facts(PaymentTerms::Prepayment),
            at(2, 9),
        )
        .expect_err("refused");
        assert_eq!(fields(&e), [("actor", "forbidden")], "{actor:?}");
    }
    for actor in [Actor::Quality, Actor::Admin] {
        assert!(
            apply(
                OrderState::Done,
                &passed(),
                actor,
                &facts(PaymentTerms::Prepayment),
                at(2, 9)
            )
            .is_ok()
        );
    }
}

#[test]
fn the_production_accepts_declines_starts_finishes_ships_and_uploads_documents() {
    let production_steps: Vec<OrderAction> = transitions()
        .iter()
        .filter(|r| r.actors.contains(&Actor::Production))
        .map(|r| r.action)
        .collect();
    assert_eq!(
        production_steps,
        [
            OrderAction::Accept,
            OrderAction::Decline,
            OrderAction::StartProduction,
            OrderAction::MarkDone,
            OrderAction::Ship,
            OrderAction::ReceiveClosingDocuments
        ]
    );
}

// ---- the table as a whole ----

#[test]
fn final_orders_accept_nothing() {
    for state in [
        OrderState::Closed,
        OrderState::Declined,
        OrderState::Cancelled,
    ] {
        assert!(state.is_final());
        for &action in OrderAction::ALL {
            let Some(c) = sample(action) else { continue };
            let e = apply(
                state,
                &c,
                Actor::Admin,
                &facts(PaymentTerms::AfterShipment),
                at(2, 9),
            )
            .expect_err("refused");
            assert_eq!(
                fields(&e),
                [("state", "order_closed")],
                "{state:?} {action:?}"
            );
        }
    }
}

#[test]
fn every_pair_outside_the_table_is_refused_and_every_pair_in_it_is_allowed() {
    for &state in OrderState::ALL {
        for &action in OrderAction::ALL {
            let Some(c) = sample(action) else { continue };
            let rule = transitions()
                .iter()
                .find(|r| r.action == action && r.from.contains(&state));
            // Paid in full, so closing passes; unpaid for a payment, so it fits.
            let mut f = facts(PaymentTerms::AfterShipment);
            if action != OrderAction::RecordPayment {
                f.paid = f.amount();
            }
            let result = apply(state, &c, Actor::Admin, &f, at(2, 9));
            match rule {
                Some(rule) => {
                    let t = result.unwrap_or_else(|e| panic!("{state:?} {action:?}: {e}"));
                    assert_eq!(t.to, rule.to.unwrap_or(state), "{state:?} {action:?}");
                }
                None => {
                    let e = result.expect_err("refused");
                    assert!(
                        matches!(fields(&e).as_slice(), [("state" | "quality", _)]),
                        "{state:?} {action:?}: {e}"
                    );
                }
            }
        }
    }
}

#[test]
fn the_admin_may_do_every_step() {
    assert!(
        transitions()
            .iter()
            .all(|r| r.actors.contains(&Actor::Admin))
    );
}

#[test]
fn every_action_has_exactly_one_rule() {
    for &action in OrderAction::ALL {
        assert_eq!(
            transitions().iter().filter(|r| r.action == action).count(),
            1,
            "{action:?}"
        );
    }
}

#[test]
fn allowed_actions_are_the_table_rows_for_the_stage_and_actor() {
    assert_eq!(
        allowed_actions(OrderState::Assigned, Actor::Production),
        [OrderAction::Accept, OrderAction::Decline]
    );
    assert_eq!(
        allowed_actions(OrderState::Assigned, Actor::Admin),
        [
            OrderAction::RecordPayment,
            OrderAction::Accept,
            OrderAction::Decline,
            OrderAction::Cancel
        ]
    );
    assert_eq!(
        allowed_actions(OrderState::Done, Actor::Quality),
        [OrderAction::PassQuality, OrderAction::RecordDefects]
    );
    assert!(allowed_actions(OrderState::Closed, Actor::Admin).is_empty());
}

#[test]
fn the_diagram_lists_every_transition() {
    let text = to_mermaid();
    assert!(text.starts_with("stateDiagram-v2\n"));
    for s in OrderState::ALL {
        assert!(
            text.contains(&format!(
                "    state \"{}\" as {}\n",
                s.name_ru(),
                s.as_str()
            )),
            "{s:?}"
        );
    }
    let mut expected = 0;
    for rule in transitions() {
        let prefix =
            |from: &str, to: &str| format!("    {from} --> {to}: {}<br>", rule.action.name_ru());
        if rule.from.is_empty() {
            expected += 1;
            assert!(text.contains(&prefix("[*]", "assigned")));
        }
        for from in rule.from {
            expected += 1;
            let to = rule.to.unwrap_or(*from);
            assert!(
                text.contains(&prefix(from.as_str(), to.as_str())),
                "{from:?} {:?}",
                rule.action
            );
        }
    }
    let arrows = text
        .lines()
        .filter(|l| l.contains(" --> ") && !l.ends_with("--> [*]"))
        .count();
    assert_eq!(arrows, expected);
    assert!(text.contains("    assigned --> declined: Отказаться от заказа<br>Производство, Администратор<br>с причиной<br>до истечения срока принятия\n"));
    for s in ["closed", "declined", "cancelled"] {
        assert!(text.contains(&format!("    {s} --> [*]\n")));
    }
}

#[test]
fn the_readme_shows_the_current_diagram() {
    let readme = include_str!("README.md");
    assert!(
        readme.contains(&to_mermaid()),
        "README.md is stale; its diagram should read:\n{}",
        to_mermaid()
    );
}

// ---- names and effects ----

#[test]
fn value_sets_round_trip_through_their_names() {
    crate::names::assert_names_agree::<OrderState>();
    crate::names::assert_names_agree::<OrderAction>();
    crate::names::assert_names_agree::<Actor>();
    crate::names::assert_names_agree::<PaymentTerms>();
    assert_eq!(OrderState::InProduction.as_str(), "in_production");
    assert_eq!(OrderState::InProduction.name_ru(), "В производстве");
}

#[test]
fn roles_map_to_actors_and_back() {
    for &actor in Actor::ALL {
        assert_eq!(Actor::from_role(actor.role()), Some(actor));
    }
    assert_eq!(Actor::from_role(Role::Analyst), None);
    assert_eq!(Actor::Quality.name_ru(), "Контроль качества");
}

#[test]
fn deal_effects_move_the_deal_to_stages_of_the_tile_deal_funnel() {
    let funnel = crate::sales::tile_deal_funnel();
    let name_of = |code: &str| {
        funnel
            .stages
            .iter()
            .find(|s| s.code == code)
            .map(|s| s.name_ru.clone())
    };
    assert_eq!(
        DealEffect::HandedToLogistics
            .deal_stage()
            .and_then(name_of)
            .as_deref(),
        Some("Передано в отдел логистики")
    );
    assert_eq!(
        DealEffect::OrderInProgress
            .deal_stage()
            .and_then(name_of)
            .as_deref(),
        Some("Заказ в работе")
    );
    assert_eq!(
        DealEffect::BackToDistribution {
            reason: String::new()
        }
        .deal_stage(),
        None
    );
}

#[test]
fn commands_travel_tagged_by_their_action() {
    let c: OrderCommand =
        serde_json::from_value(serde_json::json!({"action": "decline", "reason": "Нет сырья"}))
            .expect("parsed");
    assert_eq!(c.action(), OrderAction::Decline);
    let json = serde_json::to_value(DealEffect::OrderInProgress).expect("json");
    assert_eq!(json, serde_json::json!({"effect": "order_in_progress"}));
}

#[test]
fn an_order_costs_its_deal_the_productions_due_and_the_delivery_once_shipped() {
    // Issue 12 «Logistics»: the delivery cost becomes a direct cost of the deal.
    let (state, f) = run(
        PaymentTerms::AfterShipment,
        &[OrderCommand::Accept, OrderCommand::StartProduction, OrderCommand::MarkDone, passed()],
    )
    .expect("made");
    let before = direct_costs(state, &f);
    assert_eq!((before.production, before.delivery), (f.due(), dec("0.00")));
    let t = apply(state, &ship(), Actor::Production, &f, at(2, 9)).expect("shipped");
    let after = direct_costs(t.to, &t.facts);
    assert_eq!((after.production, after.delivery), (t.facts.due(), dec("8500.00")));
    let cancelled = direct_costs(OrderState::Cancelled, &t.facts);
    assert_eq!((cancelled.production, cancelled.delivery), (dec("0"), dec("0")));
}
