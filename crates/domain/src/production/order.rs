//! A tile production order: a sold deal's tiles (or a part of them) given to one franchise
//! production to make and ship to the client (seed 000 «Бизнес процесс после продажи плитки»):
//! distributed to a production → the head company pays the production → accepted → in
//! production → done → quality checked → shipped to the client → closing documents received
//! from the client → closed. The production may decline (with a reason, before it accepted and
//! within its acceptance time), which sends the deal's tiles back to distribution; the head
//! company may cancel before the work starts.
//!
//! # Paying the production is a fact, not a stage
//!
//! The seed lists «Бухгалтерия оплачивает заказ производству» between distribution and
//! acceptance, but when the head company pays depends on the order's [`PaymentTerms`]: all before
//! the work (`prepayment`), half before and half after (`fifty_fifty`), or all after the shipment
//! (`after_shipment`). A `paid` stage would force one order onto all three, so the accountant's
//! payment is a self-loop ([`OrderAction::RecordPayment`]) allowed in every open stage that adds
//! to [`OrderFacts::paid`], and the stages that depend on money check it with guards:
//!
//! - the production may *accept* before or after it is paid (it commits to the order; nobody has
//!   to pay for an order that may still be declined) — and after its acceptance time too: a late
//!   yes is still a yes; only declining is closed then, and the head company may cancel instead;
//! - it may *start production* only once the terms' share is paid ([`Guard::PaidBeforeWork`]:
//!   100 % for `prepayment`, 50 % for `fifty_fifty`, nothing for `after_shipment`);
//! - the order *closes* only when the production is paid in full, less any deduction for
//!   defects ([`Guard::PaidInFull`]).
//!
//! The client's own second payment (50/50 deals) belongs to the deal's invoices
//! (`finance::closure`), not to this order.
//!
//! # The table
//!
//! [`transitions`] is the whole allow-list: one [`Rule`] per action with the stages it leaves,
//! the stage it enters, who may do it ([`Actor`]) and its guards. [`apply`] finds the rule for
//! the current stage and the command; every other pair is refused with a message that says why
//! (declining an accepted order, shipping before the quality check…). The order is created by
//! [`assign`]. A transition also says what the deal should do ([`DealEffect`]). The diagram is
//! drawn from the same table (`to_mermaid`) and kept in `README.md` beside this file.
//!
//! That a `production` user acts only on orders assigned to its own organization is the access
//! scope's job (persistence), not this table's.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;

pub use super::order_mermaid::to_mermaid;
use crate::documents::{format_rub, round2};
use crate::finance::reminders::moscow;
use crate::error::{FieldError, FieldErrors};
use crate::identity::Role;
use crate::ids::FileId;

crate::named_enum! {
    /// Where a production order is.
    pub enum OrderState {
        /// Given to a production; it has not answered yet.
        Assigned,
        /// The production took the order on.
        Accepted,
        /// Being made.
        InProduction,
        /// Made; waiting for the quality check.
        Done,
        /// Quality confirmed (or defects accepted with a deduction): ready to ship.
        QualityPassed,
        /// The quality check found defects: rework, or accept with a deduction.
        DefectsFound,
        /// On its way to the client.
        Shipped,
        /// The client's signed closing documents are in.
        DocumentsReceived,
        /// Settled and finished.
        Closed,
        /// The production said no; the tiles go back to distribution.
        Declined,
        /// The head company withdrew the order before the work started.
        Cancelled,
    }
}

impl OrderState {
    /// Every stage an order can still move from.
    pub const OPEN: &'static [OrderState] = &[
        OrderState::Assigned,
        OrderState::Accepted,
        OrderState::InProduction,
        OrderState::Done,
        OrderState::QualityPassed,
        OrderState::DefectsFound,
        OrderState::Shipped,
        OrderState::DocumentsReceived,
    ];

    /// The stage's Russian name.
    pub fn name_ru(self) -> &'static str {
        match self {
            OrderState::Assigned => "Распределён на производство",
            OrderState::Accepted => "Принят производством",
            OrderState::InProduction => "В производстве",
            OrderState::Done => "Выполнен",
            OrderState::QualityPassed => "Качество подтверждено",
            OrderState::DefectsFound => "Обнаружен брак",
            OrderState::Shipped => "Отгружен клиенту",
            OrderState::DocumentsReceived => "Закрывающие документы получены",
            OrderState::Closed => "Закрыт",
            OrderState::Declined => "Отклонён производством",
            OrderState::Cancelled => "Отменён",
        }
    }

    /// Closed, declined or cancelled: nothing more happens to the order.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            OrderState::Closed | OrderState::Declined | OrderState::Cancelled
        )
    }
}

crate::named_enum! {
    /// Who acts on a production order: the head company's roles that take part, and the
    /// production itself. The API maps a user's role to one with [`Actor::from_role`].
    pub enum Actor {
        Admin,
        Manager,
        Logistician,
        Quality,
        Accountant,
        Production,
    }
}

impl Actor {
    /// The actor a user of this role acts as; `None` for roles with no part in production
    /// orders (management, supply, warehouse, analyst, designer).
    pub fn from_role(role: Role) -> Option<Actor> {
        match role {
            Role::Admin => Some(Actor::Admin),
            Role::Manager => Some(Actor::Manager),
            Role::Logistician => Some(Actor::Logistician),
            Role::Quality => Some(Actor::Quality),
            Role::Accountant => Some(Actor::Accountant),
            Role::Production => Some(Actor::Production),
            Role::Management | Role::Supply | Role::Warehouse | Role::Analyst | Role::Designer => {
                None
            }
        }
    }

    /// The role behind the actor.
    pub fn role(self) -> Role {
        match self {
            Actor::Admin => Role::Admin,
            Actor::Manager => Role::Manager,
            Actor::Logistician => Role::Logistician,
            Actor::Quality => Role::Quality,
            Actor::Accountant => Role::Accountant,
            Actor::Production => Role::Production,
        }
    }

    /// The Russian name (the role's title).
    pub fn name_ru(self) -> &'static str {
        self.role().title_ru()
    }
}

crate::named_enum! {
    /// When the head company pays the production for an order.
    pub enum PaymentTerms {
        /// 100 % before the work starts.
        Prepayment,
        /// Half before the work starts, the rest by the order's closing.
        FiftyFifty,
        /// Everything after the shipment, by the order's closing.
        AfterShipment,
    }
}

impl PaymentTerms {
    /// The Russian name.
    pub fn name_ru(self) -> &'static str {
        match self {
            PaymentTerms::Prepayment => "Предоплата 100 %",
            PaymentTerms::FiftyFifty => "50/50",
            PaymentTerms::AfterShipment => "Оплата после отгрузки",
        }
    }

    /// What must be paid before the production starts the work, for an order of `amount`
    /// (kopecks; 50/50 rounds the first half up to the kopeck).
    pub fn required_before_work(self, amount: Decimal) -> Decimal {
        match self {
            PaymentTerms::Prepayment => round2(amount),
            PaymentTerms::FiftyFifty => {
                let mut half = (amount / Decimal::TWO)
                    .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::AwayFromZero);
                half.rescale(2);
                half
            }
            PaymentTerms::AfterShipment => round2(Decimal::ZERO),
        }
    }
}

crate::named_enum! {
    /// What can be done to a production order: the [`OrderCommand`]s without their data, and the
    /// assignment that creates the order.
    pub enum OrderAction {
        Assign,
        RecordPayment,
        Accept,
        Decline,
        Cancel,
        StartProduction,
        MarkDone,
        PassQuality,
        RecordDefects,
        Rework,
        AcceptWithDeduction,
        Ship,
        ReceiveClosingDocuments,
        Close,
    }
}

impl OrderAction {
    /// The action as a button or an arrow in the diagram says it.
    pub fn name_ru(self) -> &'static str {
        match self {
            OrderAction::Assign => "Распределить на производство",
            OrderAction::RecordPayment => "Оплатить производству",
            OrderAction::Accept => "Принять заказ",
            OrderAction::Decline => "Отказаться от заказа",
            OrderAction::Cancel => "Отменить заказ",
            OrderAction::StartProduction => "Запустить в производство",
            OrderAction::MarkDone => "Заказ выполнен",
            OrderAction::PassQuality => "Подтвердить качество",
            OrderAction::RecordDefects => "Зафиксировать брак",
            OrderAction::Rework => "Вернуть на доработку",
            OrderAction::AcceptWithDeduction => "Принять с уценкой",
            OrderAction::Ship => "Отгрузить клиенту",
            OrderAction::ReceiveClosingDocuments => "Закрывающие документы получены",
            OrderAction::Close => "Закрыть заказ",
        }
    }
}

/// A new production order as the logistician (or a manager) gives it to a production.
/// Amounts are in roubles; the quantity in square metres.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NewOrder {
    pub terms: PaymentTerms,
    /// Square metres: more than zero, at most two decimal places.
    pub quantity: Option<Decimal>,
    /// The production's price per square metre: more than zero, kopecks at most.
    pub price: Option<Decimal>,
    /// Until when the production may decline; later than the assignment.
    pub accept_by: Option<DateTime<Utc>>,
}

/// A command on an existing order, with what it carries.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum OrderCommand {
    /// The accountant paid the production `amount` roubles (an outgoing payment).
    RecordPayment {
        amount: Decimal,
    },
    Accept,
    Decline {
        reason: String,
    },
    Cancel {
        reason: String,
    },
    StartProduction,
    MarkDone,
    /// Every point of the checklist confirmed.
    PassQuality {
        #[serde(default)]
        checklist: QualityChecklist,
    },
    /// What kind of defect, what is wrong and how many square metres are affected.
    RecordDefects {
        #[serde(default)]
        kind: Option<DefectKind>,
        description: String,
        quantity: Option<Decimal>,
    },
    Rework,
    /// Defects accepted as they are; the production gets `deduction` roubles less.
    AcceptWithDeduction {
        deduction: Option<Decimal>,
    },
    /// Handed to the carrier: its name, the waybill number and what the delivery costs
    /// (zero is allowed: the client pays the carrier).
    Ship {
        carrier: String,
        waybill: String,
        cost: Option<Decimal>,
        /// When the carrier expects to deliver (not before today, Moscow time).
        #[serde(default)]
        eta: Option<NaiveDate>,
    },
    /// The client's signed closing documents, as an uploaded scan.
    ReceiveClosingDocuments {
        scan: FileId,
    },
    Close,
}

impl OrderCommand {
    /// The action the command performs.
    pub fn action(&self) -> OrderAction {
        match self {
            OrderCommand::RecordPayment { .. } => OrderAction::RecordPayment,
            OrderCommand::Accept => OrderAction::Accept,
            OrderCommand::Decline { .. } => OrderAction::Decline,
            OrderCommand::Cancel { .. } => OrderAction::Cancel,
            OrderCommand::StartProduction => OrderAction::StartProduction,
            OrderCommand::MarkDone => OrderAction::MarkDone,
            OrderCommand::PassQuality { .. } => OrderAction::PassQuality,
            OrderCommand::RecordDefects { .. } => OrderAction::RecordDefects,
            OrderCommand::Rework => OrderAction::Rework,
            OrderCommand::AcceptWithDeduction { .. } => OrderAction::AcceptWithDeduction,
            OrderCommand::Ship { .. } => OrderAction::Ship,
            OrderCommand::ReceiveClosingDocuments { .. } => OrderAction::ReceiveClosingDocuments,
            OrderCommand::Close => OrderAction::Close,
        }
    }
}

/// The quality check's list (issue 12 «Quality»): each point the controller confirmed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct QualityChecklist {
    /// The thickness is as ordered.
    #[serde(default)]
    pub thickness: bool,
    /// The colour matches the order.
    #[serde(default)]
    pub colour: bool,
    /// The count (m²) is as ordered.
    #[serde(default)]
    pub count: bool,
    /// The packaging is whole and marked.
    #[serde(default)]
    pub packaging: bool,
}

impl QualityChecklist {
    /// Every point, with its field name and how the form says it.
    pub fn points(self) -> [(&'static str, &'static str, bool); 4] {
        [
            ("thickness", "Толщина соответствует заказу", self.thickness),
            ("colour", "Цвет соответствует заказу", self.colour),
            ("count", "Количество соответствует заказу", self.count),
            ("packaging", "Упаковка целая и промаркирована", self.packaging),
        ]
    }
}

crate::named_enum! {
    /// What kind of defect the quality check found.
    pub enum DefectKind {
        Thickness,
        Colour,
        Count,
        Packaging,
        Other,
    }
}

impl DefectKind {
    pub fn name_ru(self) -> &'static str {
        match self {
            DefectKind::Thickness => "Толщина",
            DefectKind::Colour => "Цвет",
            DefectKind::Count => "Количество",
            DefectKind::Packaging => "Упаковка",
            DefectKind::Other => "Другое",
        }
    }
}

/// What the quality check found (the latest check).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Defects {
    /// What kind of defect; none for checks recorded before kinds were asked.
    pub kind: Option<DefectKind>,
    pub description: String,
    /// Square metres affected.
    pub quantity: Decimal,
    pub at: DateTime<Utc>,
}

/// How the order went to the client.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Shipment {
    pub carrier: String,
    pub waybill: String,
    /// The delivery cost in roubles.
    pub cost: Decimal,
    pub shipped_at: DateTime<Utc>,
    /// When the carrier expects to deliver.
    pub eta: Option<NaiveDate>,
}

/// What is known about an order besides its stage: its terms and the facts its commands
/// recorded. The guards read them; a transition returns them updated.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OrderFacts {
    pub terms: PaymentTerms,
    /// Square metres.
    pub quantity: Decimal,
    /// Roubles per square metre.
    pub price: Decimal,
    /// Until when the production may decline.
    pub accept_by: DateTime<Utc>,
    /// Everything the head company has paid the production for the order.
    pub paid: Decimal,
    /// Everything taken off the price for accepted defects.
    pub deduction: Decimal,
    pub defects: Option<Defects>,
    pub shipment: Option<Shipment>,
    pub closing_documents: Option<FileId>,
    /// Why the production declined or the head company cancelled.
    pub reason: Option<String>,
}

impl OrderFacts {
    /// The order at the production's price: quantity × price, to the kopeck.
    pub fn amount(&self) -> Decimal {
        round2(self.quantity * self.price)
    }

    /// What the head company owes the production for the order: the amount less deductions.
    pub fn due(&self) -> Decimal {
        round2((self.amount() - self.deduction).max(Decimal::ZERO))
    }

    /// What is still to pay: due less paid, never below zero.
    pub fn outstanding(&self) -> Decimal {
        round2((self.due() - self.paid).max(Decimal::ZERO))
    }

    /// What the terms require to be paid before the work starts.
    pub fn required_before_work(&self) -> Decimal {
        self.terms.required_before_work(self.amount())
    }

    /// The facts once `command` (already allowed) has been done at `now`.
    fn after(&self, command: &OrderCommand, now: DateTime<Utc>) -> OrderFacts {
        let mut facts = self.clone();
        match command {
            OrderCommand::RecordPayment { amount } => facts.paid = round2(facts.paid + amount),
            OrderCommand::Decline { reason } | OrderCommand::Cancel { reason } => {
                facts.reason = Some(reason.trim().to_owned());
            }
            OrderCommand::RecordDefects {
                kind,
                description,
                quantity,
            } => {
                facts.defects = Some(Defects {
                    kind: *kind,
                    description: description.trim().to_owned(),
                    quantity: quantity.unwrap_or_default(),
                    at: now,
                });
            }
            OrderCommand::AcceptWithDeduction { deduction } => {
                facts.deduction = round2(facts.deduction + deduction.unwrap_or_default());
            }
            OrderCommand::Ship {
                carrier,
                waybill,
                cost,
                eta,
            } => {
                facts.shipment = Some(Shipment {
                    carrier: carrier.trim().to_owned(),
                    waybill: waybill.trim().to_owned(),
                    cost: round2(cost.unwrap_or_default()),
                    shipped_at: now,
                    eta: *eta,
                });
            }
            OrderCommand::ReceiveClosingDocuments { scan } => facts.closing_documents = Some(*scan),
            OrderCommand::Accept
            | OrderCommand::StartProduction
            | OrderCommand::MarkDone
            | OrderCommand::PassQuality { .. }
            | OrderCommand::Rework
            | OrderCommand::Close => {}
        }
        facts
    }
}

/// What an order costs its deal directly (issue 12 «Logistics»: «the delivery cost becomes a
/// direct cost of the deal»): the production's due for it — its price less deductions — and the
/// delivery, once shipped. A declined or cancelled order costs nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DirectCosts {
    pub production: Decimal,
    pub delivery: Decimal,
}

/// The [`DirectCosts`] of an order in `state` with `facts`.
pub fn direct_costs(state: OrderState, facts: &OrderFacts) -> DirectCosts {
    let zero = round2(Decimal::ZERO);
    if matches!(state, OrderState::Declined | OrderState::Cancelled) {
        return DirectCosts { production: zero, delivery: zero };
    }
    DirectCosts { production: facts.due(), delivery: facts.shipment.as_ref().map_or(zero, |s| round2(s.cost)) }
}

/// What a production order's step asks of its deal. The API acts on each (moves the deal's card,
/// records the shipment); a deal already past the stage stays where it is — a deal split between
/// productions has several orders.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "effect", rename_all = "snake_case")]
pub enum DealEffect {
    /// The order was given to a production: the deal is «Передано в отдел логистики».
    HandedToLogistics,
    /// The production accepted: the deal is «Заказ в работе».
    OrderInProgress,
    /// The order left for the client: record the shipment on the deal.
    ShipmentRecorded(Shipment),
    /// The production declined: the deal's tiles need another production.
    BackToDistribution { reason: String },
}

impl DealEffect {
    /// The deal-funnel stage (`sales::tile_deal_funnel` code) the effect moves the deal to.
    pub fn deal_stage(&self) -> Option<&'static str> {
        match self {
            DealEffect::HandedToLogistics => Some("handed_to_logistics"),
            DealEffect::OrderInProgress => Some("in_progress"),
            DealEffect::ShipmentRecorded(_) | DealEffect::BackToDistribution { .. } => None,
        }
    }
}

/// One row of the allow-list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// The stages the action is allowed in; empty for [`OrderAction::Assign`], which creates
    /// the order.
    pub from: &'static [OrderState],
    pub action: OrderAction,
    /// The stage entered; `None` when the order stays where it is (a payment).
    pub to: Option<OrderState>,
    /// Who may do it.
    pub actors: &'static [Actor],
    /// What must hold, checked in this order; all failures are reported together.
    pub guards: &'static [Guard],
}

const fn rule(
    from: &'static [OrderState],
    action: OrderAction,
    to: Option<OrderState>,
    actors: &'static [Actor],
    guards: &'static [Guard],
) -> Rule {
    Rule {
        from,
        action,
        to,
        actors,
        guards,
    }
}

// The table reads better unqualified.
use Actor::*;
use Guard::*;
use OrderAction::*;
use OrderState::*;

const START: &[OrderState] = &[];
/// The production's own steps; an admin (full rights) may do them on its behalf.
const THE_PRODUCTION: &[Actor] = &[Production, Admin];
const DISTRIBUTORS: &[Actor] = &[Logistician, Manager, Admin];
const QUALITY_CONTROL: &[Actor] = &[Quality, Admin];
const DEFECT_DECIDERS: &[Actor] = &[Quality, Manager, Admin];
const ACCOUNTING: &[Actor] = &[Accountant, Admin];

#[rustfmt::skip]
const TABLE: &[Rule] = &[
    //   from                       action                    to                         who                                 guards
    rule(START,                     Assign,                   Some(Assigned),            DISTRIBUTORS,                       &[OrderTerms, AcceptanceTimeAhead]),
    rule(OrderState::OPEN,          RecordPayment,            None,                      ACCOUNTING,                         &[PaymentFits]),
    rule(&[Assigned],               Accept,                   Some(Accepted),            THE_PRODUCTION,                     &[]),
    rule(&[Assigned],               Decline,                  Some(Declined),            THE_PRODUCTION,                     &[ReasonGiven, WithinAcceptanceTime]),
    rule(&[Assigned, Accepted],     Cancel,                   Some(Cancelled),           DISTRIBUTORS,                       &[ReasonGiven]),
    rule(&[Accepted],               StartProduction,          Some(InProduction),        THE_PRODUCTION,                     &[PaidBeforeWork]),
    rule(&[InProduction],           MarkDone,                 Some(Done),                THE_PRODUCTION,                     &[]),
    rule(&[Done],                   PassQuality,              Some(QualityPassed),       QUALITY_CONTROL,                    &[ChecklistComplete]),
    rule(&[Done],                   RecordDefects,            Some(DefectsFound),        QUALITY_CONTROL,                    &[DefectsDescribed]),
    rule(&[DefectsFound],           Rework,                   Some(InProduction),        DEFECT_DECIDERS,                    &[]),
    rule(&[DefectsFound],           AcceptWithDeduction,      Some(QualityPassed),       DEFECT_DECIDERS,                    &[DeductionFits]),
    rule(&[QualityPassed],          Ship,                     Some(Shipped),             &[Production, Logistician, Admin],  &[ShipmentDetails]),
    rule(&[Shipped],                ReceiveClosingDocuments,  Some(DocumentsReceived),   &[Production, Manager, Admin],      &[]),
    rule(&[DocumentsReceived],      Close,                    Some(Closed),              ACCOUNTING,                         &[PaidInFull]),
];

/// The production order's allow-list: every action, the stages it is allowed in, where it leads,
/// who may do it and its guards. Anything not here is refused.
pub fn transitions() -> &'static [Rule] {
    TABLE
}

fn rule_for(from: Option<OrderState>, action: OrderAction) -> Option<&'static Rule> {
    TABLE.iter().find(|r| {
        r.action == action
            && match from {
                None => r.from.is_empty(),
                Some(state) => r.from.contains(&state),
            }
    })
}

/// What a step did: the stages, who did it and when, the order's facts after it, and what the
/// deal should do. Persistence stores the stage and facts and records the step for analytics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition {
    /// `None` when the order was just created.
    pub from: Option<OrderState>,
    pub to: OrderState,
    pub action: OrderAction,
    pub actor: Actor,
    pub at: DateTime<Utc>,
    pub facts: OrderFacts,
    pub effects: Vec<DealEffect>,
}

/// Gives a new order to a production: checks the quantity, the price and the acceptance time
/// (errors under `quantity`, `price`, `accept_by`) and who assigns it (`actor`).
pub fn assign(
    order: &NewOrder,
    actor: Actor,
    now: DateTime<Utc>,
) -> Result<Transition, FieldErrors> {
    let Some(rule) = rule_for(None, Assign) else {
        return Err(refusal(None, Assign));
    };
    check_actor(rule, actor)?;
    let facts = check_new_order(order, now)?;
    Ok(Transition {
        from: None,
        to: Assigned,
        action: Assign,
        actor,
        at: now,
        facts,
        effects: vec![DealEffect::HandedToLogistics],
    })
}

/// Does `command` to an order in stage `current` with `facts`, by `actor`, at `now`. Errors: the
/// stage does not allow it (under `state`, or `quality` for shipping before the quality check),
/// the actor may not (`actor`), or a guard failed (under the field it names).
pub fn apply(
    current: OrderState,
    command: &OrderCommand,
    actor: Actor,
    facts: &OrderFacts,
    now: DateTime<Utc>,
) -> Result<Transition, FieldErrors> {
    let action = command.action();
    let Some(rule) = rule_for(Some(current), action) else {
        return Err(refusal(Some(current), action));
    };
    check_actor(rule, actor)?;
    let mut errs = FieldErrors::new();
    for guard in rule.guards {
        guard.check(command, facts, now, &mut errs);
    }
    errs.into_result()?;
    let facts = facts.after(command, now);
    let effects = deal_effects(command, &facts);
    Ok(Transition {
        from: Some(current),
        to: rule.to.unwrap_or(current),
        action,
        actor,
        at: now,
        facts,
        effects,
    })
}

/// The actions `actor` may try in stage `current` (the guards may still refuse), in table order:
/// the buttons to show.
pub fn allowed_actions(current: OrderState, actor: Actor) -> Vec<OrderAction> {
    TABLE
        .iter()
        .filter(|r| r.from.contains(&current) && r.actors.contains(&actor))
        .map(|r| r.action)
        .collect()
}

fn deal_effects(command: &OrderCommand, facts: &OrderFacts) -> Vec<DealEffect> {
    match command {
        OrderCommand::Accept => vec![DealEffect::OrderInProgress],
        OrderCommand::Ship { .. } => facts
            .shipment
            .clone()
            .map(DealEffect::ShipmentRecorded)
            .into_iter()
            .collect(),
        OrderCommand::Decline { .. } => vec![DealEffect::BackToDistribution {
            reason: facts.reason.clone().unwrap_or_default(),
        }],
        _ => Vec::new(),
    }
}

fn check_actor(rule: &Rule, actor: Actor) -> Result<(), FieldErrors> {
    if rule.actors.contains(&actor) {
        return Ok(());
    }
    let who: Vec<&str> = rule.actors.iter().map(|a| a.name_ru()).collect();
    Err(one(
        "actor",
        FieldError::new(
            "forbidden",
            format!(
                "Действие «{}» выполняет: {}",
                rule.action.name_ru(),
                who.join(", ")
            ),
        ),
    ))
}

/// Why an action is not allowed in a stage, said as the business would say it.
fn refusal(current: Option<OrderState>, action: OrderAction) -> FieldErrors {
    let Some(state) = current else {
        return one(
            "state",
            FieldError::new(
                "transition_not_allowed",
                "Новый заказ можно только распределить на производство",
            ),
        );
    };
    let (field, code, message) = match (state, action) {
        (Closed | Declined | Cancelled, _) => (
            "state",
            "order_closed",
            format!(
                "Заказ в стадии «{}» — действия с ним недоступны",
                state.name_ru()
            ),
        ),
        (_, Assign) => (
            "state",
            "already_assigned",
            "Заказ уже распределён на производство".to_owned(),
        ),
        (
            Accepted | InProduction | Done | QualityPassed | DefectsFound | Shipped
            | DocumentsReceived,
            Decline,
        ) => (
            "state",
            "already_accepted",
            "Производство уже приняло заказ — отказаться от него нельзя".to_owned(),
        ),
        (
            InProduction | Done | QualityPassed | DefectsFound | Shipped | DocumentsReceived,
            Cancel,
        ) => (
            "state",
            "already_in_production",
            "Заказ уже запущен в производство — отменить его нельзя".to_owned(),
        ),
        (Assigned | Accepted | InProduction | Done | DefectsFound, Ship) => (
            "quality",
            "quality_not_passed",
            "Отгрузить клиенту можно только после подтверждения качества".to_owned(),
        ),
        _ => (
            "state",
            "transition_not_allowed",
            format!(
                "В стадии «{}» нельзя: «{}»",
                state.name_ru(),
                action.name_ru()
            ),
        ),
    };
    one(field, FieldError::new(code, message))
}

fn one(field: &str, e: FieldError) -> FieldErrors {
    let mut errs = FieldErrors::new();
    errs.add(field, e);
    errs
}

// ---------- the guards: what must hold for a step, checked against the command's data, the
// order's facts and the time. Each failure names its field in Russian.

/// The longest reason, description, carrier or waybill.
pub const MAX_TEXT: usize = 1000;
/// The most square metres one order may carry.
const MAX_QUANTITY: i64 = 1_000_000;
/// The highest price per square metre, in roubles.
const MAX_PRICE: i64 = 1_000_000;

/// What must hold for a step of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Guard {
    /// A new order: quantity and price more than zero (`quantity`, `price`).
    OrderTerms,
    /// A new order: the acceptance time is later than now (`accept_by`).
    AcceptanceTimeAhead,
    /// A payment: more than zero and no more than is left to pay (`amount`).
    PaymentFits,
    /// A reason is given (`reason`).
    ReasonGiven,
    /// Declining only until the acceptance time (`accept_by`).
    WithinAcceptanceTime,
    /// The terms' share is paid before the work starts (`paid`).
    PaidBeforeWork,
    /// Every point of the quality checklist is confirmed (`checklist.thickness`, …).
    ChecklistComplete,
    /// The defects are described, with their kind and the square metres affected (`defect_kind`,
    /// `description`, `quantity`).
    DefectsDescribed,
    /// A deduction more than zero and within what is due (`deduction`).
    DeductionFits,
    /// Carrier, waybill and delivery cost (`carrier`, `waybill`, `cost`).
    ShipmentDetails,
    /// The production is paid in full, less deductions (`paid`).
    PaidInFull,
}

impl Guard {
    /// The guard as the diagram shows it.
    pub fn label_ru(self) -> &'static str {
        match self {
            Guard::OrderTerms => "количество и цена больше нуля",
            Guard::AcceptanceTimeAhead => "срок принятия позже текущего момента",
            Guard::PaymentFits => "не больше остатка к оплате",
            Guard::ReasonGiven => "с причиной",
            Guard::WithinAcceptanceTime => "до истечения срока принятия",
            Guard::PaidBeforeWork => "оплачена доля по условиям (100 % / 50 % / 0 %)",
            Guard::ChecklistComplete => "толщина, цвет, количество и упаковка проверены",
            Guard::DefectsDescribed => "вид, описание и объём брака",
            Guard::DeductionFits => "сумма уценки в пределах стоимости",
            Guard::ShipmentDetails => "перевозчик, накладная, стоимость доставки, срок доставки не в прошлом",
            Guard::PaidInFull => "производству оплачено полностью",
        }
    }

    /// Records under `errs` what fails; nothing when the guard holds.
    pub(super) fn check(
        self,
        command: &OrderCommand,
        facts: &OrderFacts,
        now: DateTime<Utc>,
        errs: &mut FieldErrors,
    ) {
        match (self, command) {
            (Guard::PaymentFits, OrderCommand::RecordPayment { amount }) => {
                if let Some(amount) = positive_amount(
                    errs,
                    "amount",
                    Some(*amount),
                    "Сумма оплаты должна быть больше нуля",
                ) {
                    let left = facts.outstanding();
                    if amount > left {
                        errs.add(
                            "amount",
                            FieldError::new(
                                "out_of_range",
                                format!(
                                    "Больше, чем осталось оплатить производству: {}",
                                    format_rub(left)
                                ),
                            ),
                        );
                    }
                }
            }
            (
                Guard::ReasonGiven,
                OrderCommand::Decline { reason } | OrderCommand::Cancel { reason },
            ) => {
                text(errs, "reason", reason, "Укажите причину");
            }
            (Guard::WithinAcceptanceTime, _) if now > facts.accept_by => {
                let until = facts
                    .accept_by
                    .with_timezone(&moscow())
                    .format("%d.%m.%Y %H:%M");
                errs.add(
                    "accept_by",
                    FieldError::new(
                        "acceptance_time_over",
                        format!("Срок принятия решения истёк {until} (МСК): отказаться от заказа уже нельзя — свяжитесь с логистом"),
                    ),
                );
            }
            (Guard::PaidBeforeWork, _) => {
                let required = facts.required_before_work();
                if facts.paid < required {
                    errs.add(
                        "paid",
                        FieldError::new(
                            "payment_required",
                            format!(
                                "По условиям «{}» производство начинается после оплаты {}; оплачено {}",
                                facts.terms.name_ru(),
                                format_rub(required),
                                format_rub(facts.paid)
                            ),
                        ),
                    );
                }
            }
            (
                Guard::DefectsDescribed,
                OrderCommand::RecordDefects {
                    kind,
                    description,
                    quantity,
                },
            ) => {
                if kind.is_none() {
                    errs.add("defect_kind", FieldError::new("required", "Укажите вид брака"));
                }
                text(errs, "description", description, "Опишите брак");
                if let Some(q) = positive_amount(
                    errs,
                    "quantity",
                    *quantity,
                    "Объём брака должен быть больше нуля",
                ) && q > facts.quantity
                {
                    errs.add(
                        "quantity",
                        FieldError::new(
                            "out_of_range",
                            format!("Не больше объёма заказа: {} м²", facts.quantity.normalize()),
                        ),
                    );
                }
            }
            (Guard::ChecklistComplete, OrderCommand::PassQuality { checklist }) => {
                for (field, point, checked) in checklist.points() {
                    if !checked {
                        errs.add(
                            format!("checklist.{field}"),
                            FieldError::new(
                                "not_checked",
                                format!("Не отмечено: «{point}». Если есть брак — зафиксируйте его"),
                            ),
                        );
                    }
                }
            }
            (Guard::DeductionFits, OrderCommand::AcceptWithDeduction { deduction }) => {
                if let Some(d) = positive_amount(
                    errs,
                    "deduction",
                    *deduction,
                    "Сумма уценки должна быть больше нуля",
                ) {
                    let due = facts.due();
                    if d > due {
                        errs.add(
                            "deduction",
                            FieldError::new(
                                "out_of_range",
                                format!(
                                    "Уценка не может превышать стоимость заказа к оплате: {}",
                                    format_rub(due)
                                ),
                            ),
                        );
                    }
                }
            }
            (
                Guard::ShipmentDetails,
                OrderCommand::Ship {
                    carrier,
                    waybill,
                    cost,
                    eta,
                },
            ) => {
                if let Some(eta) = eta
                    && *eta < now.with_timezone(&moscow()).date_naive()
                {
                    errs.add(
                        "eta",
                        FieldError::new(
                            "out_of_range",
                            "Ожидаемая дата доставки не может быть раньше сегодняшней",
                        ),
                    );
                }
                text(errs, "carrier", carrier, "Укажите перевозчика");
                text(errs, "waybill", waybill, "Укажите номер накладной");
                match cost {
                    None => errs.add(
                        "cost",
                        FieldError::new("required", "Укажите стоимость доставки"),
                    ),
                    Some(c) if c.is_sign_negative() && !c.is_zero() => {
                        errs.add(
                            "cost",
                            FieldError::new(
                                "out_of_range",
                                "Стоимость доставки не может быть отрицательной",
                            ),
                        );
                    }
                    Some(c) => kopecks(errs, "cost", *c),
                }
            }
            (Guard::PaidInFull, _) => {
                let left = facts.outstanding();
                if left > Decimal::ZERO {
                    errs.add(
                        "paid",
                        FieldError::new(
                            "payment_required",
                            format!(
                                "Заказ закрывается после полной оплаты производству: осталось {}",
                                format_rub(left)
                            ),
                        ),
                    );
                }
            }
            // The new-order guards are checked by `check_new_order`; a guard paired with a
            // command it does not read holds trivially.
            _ => {}
        }
    }
}

/// The facts of a new order, or what is wrong with it (`quantity`, `price`, `accept_by`).
pub(super) fn check_new_order(
    order: &NewOrder,
    now: DateTime<Utc>,
) -> Result<OrderFacts, FieldErrors> {
    let mut errs = FieldErrors::new();
    let quantity = positive_amount(
        &mut errs,
        "quantity",
        order.quantity,
        "Количество должно быть больше нуля",
    );
    if quantity.is_some_and(|q| q > Decimal::from(MAX_QUANTITY)) {
        errs.add(
            "quantity",
            FieldError::new("out_of_range", "Не более 1 000 000 м² в одном заказе"),
        );
    }
    let price = positive_amount(
        &mut errs,
        "price",
        order.price,
        "Цена должна быть больше нуля",
    );
    if price.is_some_and(|p| p > Decimal::from(MAX_PRICE)) {
        errs.add(
            "price",
            FieldError::new("out_of_range", "Слишком высокая цена за м²"),
        );
    }
    let accept_by = match order.accept_by {
        None => {
            errs.add(
                "accept_by",
                FieldError::new(
                    "required",
                    "Укажите срок, до которого производство примет заказ",
                ),
            );
            None
        }
        Some(t) if t <= now => {
            errs.add(
                "accept_by",
                FieldError::new(
                    "out_of_range",
                    "Срок принятия должен быть позже текущего момента",
                ),
            );
            None
        }
        Some(t) => match crate::dates::instant(t) {
            Ok(t) => Some(t),
            Err(e) => {
                errs.add("accept_by", e);
                None
            }
        },
    };
    match (quantity, price, accept_by) {
        (Some(quantity), Some(price), Some(accept_by)) if errs.is_empty() => Ok(OrderFacts {
            terms: order.terms,
            quantity: quantity.normalize(),
            price: round2(price),
            accept_by,
            paid: round2(Decimal::ZERO),
            deduction: round2(Decimal::ZERO),
            defects: None,
            shipment: None,
            closing_documents: None,
            reason: None,
        }),
        _ => Err(errs),
    }
}

/// A required amount more than zero with at most two decimal places; `not_positive` is the
/// message for zero or less.
fn positive_amount(
    errs: &mut FieldErrors,
    field: &str,
    value: Option<Decimal>,
    not_positive: &str,
) -> Option<Decimal> {
    let Some(v) = value else {
        errs.add(field, FieldError::required());
        return None;
    };
    if v <= Decimal::ZERO {
        errs.add(field, FieldError::new("out_of_range", not_positive));
        return None;
    }
    let before = errs.0.len();
    kopecks(errs, field, v);
    (errs.0.len() == before).then_some(v)
}

fn kopecks(errs: &mut FieldErrors, field: &str, v: Decimal) {
    if v.normalize().scale() > 2 {
        errs.add(
            field,
            FieldError::new("invalid_format", "Не более двух знаков после запятой"),
        );
    }
}

fn text(errs: &mut FieldErrors, field: &str, value: &str, missing: &str) {
    let value = value.trim();
    if value.is_empty() {
        errs.add(field, FieldError::new("required", missing));
    } else if value.chars().count() > MAX_TEXT {
        errs.add(
            field,
            FieldError::new("too_long", format!("Не более {MAX_TEXT} символов")),
        );
    }
}

#[cfg(test)]
#[path = "order_tests.rs"]
mod tests;
