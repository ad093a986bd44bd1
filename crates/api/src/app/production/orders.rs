//! Production orders (issue 12): a deal's tiles given to one production, and every step the
//! order takes after that. The stage machine is the domain's (`domain::production::order`); here
//! each step is one transaction: the order is read in the caller's scope (a production sees only
//! its own: another's is not found), the domain decides, the order is saved at the version read
//! (a lost race is a conflict) and the step is recorded with its time, actor and data.
//!
//! Who acts: a head-company user acts as its role ([`Actor::from_role`]); anyone of a production
//! acts as that production. A refusal by role alone is 403; by stage or guard a 422 naming the
//! field (or `state`).
//!
//! Each step also does, in its transaction, what it means for the deal and the money
//! ([`domain::production::DealEffect`]): an assignment hands the deal to logistics, an acceptance
//! puts it in work (pipeline facts), the production's shipment records the deal's shipment on its
//! invoice and e-mails the client the delivery notice, a decline goes on the deal's timeline for
//! the next distribution; the ledger with the production gets the order's amount once shipped, the
//! payments recorded on it and the deductions for defects (`settlements::record_step`).
use chrono::{DateTime, NaiveDate, Utc};
use domain::production::{Actor, DefectKind, NewOrder, OrderAction, OrderCommand, OrderFacts, OrderState, PaymentTerms, Defects, Shipment, Transition, tile_key};
use domain::{DealId, FieldError, FieldErrors, OrganizationId, Permission};
use persistence::AccessScope;
use persistence::entities::{production_order, production_order_event};
use persistence::repo::production::{orders, profiles};
use persistence::repo::sales::deals;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use uuid::Uuid;

use crate::AppState;
use crate::app::Actor as Caller;
use crate::auth::Credentials;
use crate::error::AppError;

/// The longest tile type, delivery address or contact.
const MAX_TEXT: usize = 1000;

/// What a logistician (or a manager) gives a production.
#[derive(Debug, Clone)]
pub struct Assignment {
    pub production_id: Option<OrganizationId>,
    /// The production's own terms when left out.
    pub terms: Option<PaymentTerms>,
    pub tile_type: String,
    pub thickness_mm: Option<Decimal>,
    /// m².
    pub quantity: Option<Decimal>,
    /// Roubles per m²; the production's price for the tile when left out.
    pub price: Option<Decimal>,
    pub due_date: Option<NaiveDate>,
    pub delivery_address: Option<String>,
    pub delivery_contact: Option<String>,
    /// The production's acceptance hours from now when left out.
    pub accept_by: Option<DateTime<Utc>>,
}

/// An order as stored, read back into its values.
#[derive(Debug, Clone)]
pub struct OrderView {
    pub row: production_order::Model,
    pub state: OrderState,
    pub facts: OrderFacts,
    /// What the caller may try in the order's stage.
    pub allowed: Vec<OrderAction>,
    /// The production's name, for the head company (a production sees only its own orders).
    pub production_name: Option<String>,
}

/// One step of an order.
#[derive(Debug, Clone)]
pub struct OrderEvent {
    pub action: OrderAction,
    pub from: Option<OrderState>,
    pub to: OrderState,
    pub actor_id: Option<Uuid>,
    pub actor: Actor,
    pub at: DateTime<Utc>,
    pub data: Option<serde_json::Value>,
}

/// How the caller acts on production orders: a production's people as the production, the head
/// company's as their role; `None`: no part in them.
fn order_actor(c: &Caller) -> Option<Actor> {
    let own = Actor::from_role(c.role)?;
    Some(if c.scope == AccessScope::All { own } else { Actor::Production })
}

/// Whoever takes part in orders reads them, and whoever reads the productions' profiles (with no
/// actions of their own).
fn require_read(c: &Caller) -> Result<Option<Actor>, AppError> {
    match order_actor(c) {
        Some(a) => Ok(Some(a)),
        None if c.may(Permission::ProductionsRead) => Ok(None),
        None => Err(AppError::Forbidden),
    }
}

/// The productions' names of `rows` for the head company; nothing for a production's people,
/// who see only their own orders and no other production.
async fn productions_named(
    db: &impl persistence::ConnectionTrait,
    c: &Caller,
    rows: &[production_order::Model],
) -> Result<std::collections::HashMap<OrganizationId, String>, AppError> {
    if c.scope != AccessScope::All {
        return Ok(Default::default());
    }
    Ok(persistence::repo::identity::organization_names(db, rows.iter().map(|r| OrganizationId::from(r.organization_id))).await?)
}

fn corrupt(what: String) -> AppError {
    AppError::Internal(anyhow::anyhow!("stored production order: {what}"))
}

fn milli(v: Decimal, field: &str) -> Result<i64, AppError> {
    (v * Decimal::from(1000)).to_i64().ok_or_else(|| AppError::field(field, FieldError::new("out_of_range", "Слишком большое значение")))
}

fn minor(v: Decimal, field: &str) -> Result<i64, AppError> {
    (v * Decimal::from(100)).to_i64().ok_or_else(|| AppError::field(field, FieldError::new("out_of_range", "Слишком большое значение")))
}

fn from_milli(v: i64) -> Decimal {
    Decimal::new(v, 3).normalize()
}

fn from_minor(v: i64) -> Decimal {
    Decimal::new(v, 2)
}

fn state_of(row: &production_order::Model) -> Result<OrderState, AppError> {
    OrderState::parse(&row.state).ok_or_else(|| corrupt(format!("state {:?}", row.state)))
}

/// The facts the domain reads, from the stored row.
fn facts_of(row: &production_order::Model) -> Result<OrderFacts, AppError> {
    let terms = PaymentTerms::parse(&row.terms).ok_or_else(|| corrupt(format!("terms {:?}", row.terms)))?;
    let defects = match (&row.defects_description, row.defects_quantity_milli, row.defects_at) {
        (Some(d), Some(q), Some(at)) => Some(Defects { kind: row.defects_kind.as_deref().and_then(DefectKind::parse), description: d.clone(), quantity: from_milli(q), at }),
        _ => None,
    };
    let shipment = match (&row.carrier, &row.waybill, row.shipping_cost_minor, row.shipped_at) {
        (Some(c), Some(w), Some(cost), Some(at)) => Some(Shipment { carrier: c.clone(), waybill: w.clone(), cost: from_minor(cost), shipped_at: at, eta: row.eta }),
        _ => None,
    };
    Ok(OrderFacts {
        terms,
        quantity: from_milli(row.quantity_milli),
        price: from_minor(row.price_minor),
        accept_by: row.accept_by,
        paid: from_minor(row.paid_minor),
        deduction: from_minor(row.deduction_minor),
        defects,
        shipment,
        closing_documents: row.closing_documents_file_id.map(Into::into),
        reason: row.reason.clone(),
    })
}

/// The row after a step: its stage and facts written over `before`.
fn row_after(before: &production_order::Model, t: &Transition) -> Result<production_order::Model, AppError> {
    let f = &t.facts;
    let mut row = before.clone();
    row.state = t.to.as_str().to_owned();
    row.paid_minor = minor(f.paid, "amount")?;
    row.deduction_minor = minor(f.deduction, "deduction")?;
    row.defects_description = f.defects.as_ref().map(|d| d.description.clone());
    row.defects_quantity_milli = f.defects.as_ref().map(|d| milli(d.quantity, "quantity")).transpose()?;
    row.defects_at = f.defects.as_ref().map(|d| d.at);
    row.defects_kind = f.defects.as_ref().and_then(|d| d.kind).map(|k| k.as_str().to_owned());
    row.carrier = f.shipment.as_ref().map(|s| s.carrier.clone());
    row.waybill = f.shipment.as_ref().map(|s| s.waybill.clone());
    row.shipping_cost_minor = f.shipment.as_ref().map(|s| minor(s.cost, "cost")).transpose()?;
    row.shipped_at = f.shipment.as_ref().map(|s| s.shipped_at);
    row.eta = f.shipment.as_ref().and_then(|s| s.eta);
    row.closing_documents_file_id = f.closing_documents.map(Into::into);
    row.reason = f.reason.clone();
    row.updated_at = t.at;
    row.version = before.version + 1;
    Ok(row)
}

/// The domain's refusal: the role alone is 403, anything else 422 naming the field.
fn refused(e: FieldErrors) -> AppError {
    if !e.is_empty() && e.0.iter().all(|(f, _)| f == "actor") { AppError::TransitionForbidden(e) } else { AppError::TransitionRefused(e) }
}

fn view(row: production_order::Model, actor: Option<Actor>) -> Result<OrderView, AppError> {
    let state = state_of(&row)?;
    let facts = facts_of(&row)?;
    let allowed = actor.map(|a| domain::production::allowed_actions(state, a)).unwrap_or_default();
    Ok(OrderView { row, state, facts, allowed, production_name: None })
}

fn event(m: production_order_event::Model) -> Result<OrderEvent, AppError> {
    Ok(OrderEvent {
        action: OrderAction::parse(&m.action).ok_or_else(|| corrupt(format!("action {:?}", m.action)))?,
        from: m.from_state.as_deref().map(|s| OrderState::parse(s).ok_or_else(|| corrupt(format!("state {s:?}")))).transpose()?,
        to: OrderState::parse(&m.to_state).ok_or_else(|| corrupt(format!("state {:?}", m.to_state)))?,
        actor_id: m.actor_id,
        actor: Actor::parse(&m.actor_role).ok_or_else(|| corrupt(format!("actor {:?}", m.actor_role)))?,
        at: m.at,
        data: m.data.as_deref().and_then(|d| serde_json::from_str(d).ok()),
    })
}

fn event_row(order: Uuid, t: &Transition, who: &Caller, data: Option<serde_json::Value>) -> production_order_event::Model {
    production_order_event::Model {
        id: Uuid::now_v7(),
        order_id: order,
        action: t.action.as_str().to_owned(),
        from_state: t.from.map(|s| s.as_str().to_owned()),
        to_state: t.to.as_str().to_owned(),
        actor_id: who.user_id.map(Uuid::from),
        actor_role: t.actor.as_str().to_owned(),
        at: t.at,
        data: data.map(|d| d.to_string()),
    }
}

fn text(errs: &mut FieldErrors, field: &str, v: Option<&str>, required: bool) -> Option<String> {
    let v = v.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|s| !s.is_empty());
    match v {
        None if required => {
            errs.add(field, FieldError::required());
            None
        }
        Some(s) if s.chars().count() > MAX_TEXT => {
            errs.add(field, FieldError::new("too_long", format!("Не более {MAX_TEXT} символов")));
            None
        }
        v => v,
    }
}

/// Gives (part of) a deal's tiles to a production. The caller's part in orders first (403), the
/// deal in scope (404), then everything the assignment says, each wrong field named (422): the
/// production (`production_id`), the tile it makes (`tile_type`, `thickness_mm`), the quantity,
/// price and acceptance time (the domain's guards), the due date and the delivery address.
pub async fn assign(ctx: &AppState, who: &Credentials, deal: DealId, a: Assignment) -> Result<OrderView, AppError> {
    let w = ctx.write(who).await?;
    let actor = order_actor(&w.actor).ok_or(AppError::Forbidden)?;
    // Only the head company's distributors give orders: the domain's table says who.
    if !domain::production::transitions().iter().any(|r| r.action == OrderAction::Assign && r.actors.contains(&actor)) {
        return Err(AppError::Forbidden);
    }
    let deal_row = deals::get(&w.tx, w.actor.scope, deal).await?;
    let mut errs = FieldErrors::new();
    let production = match a.production_id {
        None => {
            errs.add("production_id", FieldError::required());
            None
        }
        Some(id) => match profiles::get(&w.tx, AccessScope::All, id).await {
            Ok(p) => Some(p),
            Err(persistence::RepoError::NotFound) => {
                errs.add("production_id", FieldError::new("not_found", "Нет такого производства"));
                None
            }
            Err(e) => return Err(e.into()),
        },
    };
    let tile_type = text(&mut errs, "tile_type", Some(&a.tile_type), true);
    let thickness = match a.thickness_mm {
        None => {
            errs.add("thickness_mm", FieldError::required());
            None
        }
        Some(t) if t <= Decimal::ZERO => {
            errs.add("thickness_mm", FieldError::new("out_of_range", "Толщина должна быть больше нуля"));
            None
        }
        Some(t) => Some(milli(t, "thickness_mm")?),
    };
    let profile = production.as_ref().and_then(|p| p.profile.as_ref());
    if production.is_some() && profile.is_none() {
        errs.add("production_id", FieldError::new("no_profile", "У производства нет профиля: сначала заполните его"));
    }
    let offer = match (&production, &tile_type, thickness) {
        (Some(p), Some(t), Some(th)) if profile.is_some() => {
            let key = tile_key(t);
            let o = p.offers.iter().find(|o| o.tile_key == key && o.thickness_milli == th);
            if o.is_none() {
                errs.add("tile_type", FieldError::new("not_offered", format!("Производство «{}» не делает «{t}» толщиной {} мм", p.organization.name, from_milli(th))));
            }
            o
        }
        _ => None,
    };
    let due_date = match a.due_date {
        None => {
            errs.add("due_date", FieldError::required());
            None
        }
        Some(d) => match domain::dates::date(d) {
            Ok(d) if d < w.now.date_naive() => {
                errs.add("due_date", FieldError::new("out_of_range", "Срок не может быть в прошлом"));
                None
            }
            Ok(d) => Some(d),
            Err(e) => {
                errs.add("due_date", e);
                None
            }
        },
    };
    let address = text(&mut errs, "delivery_address", a.delivery_address.as_deref().or(deal_row.delivery_address.as_deref()), true);
    let contact = text(&mut errs, "delivery_contact", a.delivery_contact.as_deref(), false);
    let terms = a.terms.or_else(|| profile.and_then(|p| PaymentTerms::parse(&p.payment_terms))).unwrap_or(PaymentTerms::Prepayment);
    let price = a.price.or_else(|| offer.map(|o| from_minor(o.price_per_m2_minor)));
    let accept_by = a.accept_by.or_else(|| profile.map(|p| w.now + chrono::Duration::hours(i64::from(p.acceptance_hours))));
    let new = NewOrder { terms, quantity: a.quantity, price, accept_by };
    let t = match domain::production::assign(&new, actor, w.now) {
        Ok(t) if errs.is_empty() => t,
        Ok(_) => return Err(AppError::Validation(errs)),
        Err(e) if e.0.iter().all(|(f, _)| f == "actor") => return Err(refused(e)),
        Err(e) => {
            // A tile the production does not make has no price of its own: that is the error.
            let unpriced = a.price.is_none() && offer.is_none();
            for (f, x) in e.0 {
                if !(unpriced && f == "price") {
                    errs.add(f, x);
                }
            }
            if errs.is_empty() {
                errs.add("price", FieldError::required());
            }
            return Err(AppError::Validation(errs));
        }
    };
    let (Some(production), Some(tile_type), Some(thickness), Some(due_date), Some(address)) = (production, tile_type, thickness, due_date, address) else {
        return Err(AppError::Validation(errs));
    };
    let id = Uuid::now_v7();
    let f = &t.facts;
    let number = format!("{}-{}", deal_row.number, orders::count_of_deal(&w.tx, deal_row.id).await? + 1);
    let row = production_order::Model {
        id,
        organization_id: production.organization.id,
        deal_id: deal_row.id,
        state: t.to.as_str().to_owned(),
        terms: f.terms.as_str().to_owned(),
        tile_type,
        thickness_milli: thickness,
        quantity_milli: milli(f.quantity, "quantity")?,
        price_minor: minor(f.price, "price")?,
        due_date,
        delivery_address: address,
        delivery_contact: contact,
        accept_by: f.accept_by,
        paid_minor: 0,
        deduction_minor: 0,
        defects_description: None,
        defects_quantity_milli: None,
        defects_at: None,
        carrier: None,
        waybill: None,
        shipping_cost_minor: None,
        shipped_at: None,
        closing_documents_file_id: None,
        reason: None,
        created_by: w.actor.user_id.map(Uuid::from),
        created_at: w.now,
        updated_at: w.now,
        version: 1,
        number: Some(number),
        eta: None,
        defects_kind: None,
    };
    orders::insert(&w.tx, row.clone()).await?;
    let data = serde_json::json!({"production_id": row.organization_id, "terms": row.terms, "quantity": f.quantity, "price": f.price, "accept_by": f.accept_by});
    orders::insert_event(&w.tx, event_row(id, &t, &w.actor, Some(data))).await?;
    let name = productions_named(&w.tx, &w.actor, std::slice::from_ref(&row)).await?.remove(&OrganizationId::from(row.organization_id));
    deal_effects(&w, &row, &t, name.as_deref()).await?;
    let caller = w.actor.clone();
    w.commit().await?;
    Ok(OrderView { production_name: name, ..view(row, order_actor(&caller))? })
}

/// Does `command` to the order at `version`: not in scope 404, a stale version 409, a refusal by
/// role 403, by stage or guard 422. The step is stored with its time, actor and data.
pub async fn act(ctx: &AppState, who: &Credentials, id: Uuid, version: i32, command: &OrderCommand) -> Result<(OrderView, Vec<OrderEvent>), AppError> {
    let w = ctx.write(who).await?;
    let actor = order_actor(&w.actor).ok_or(AppError::Forbidden)?;
    let before = orders::get(&w.tx, w.actor.scope, id).await?;
    if before.version != version {
        return Err(AppError::VersionConflict);
    }
    let state = state_of(&before)?;
    let facts = facts_of(&before)?;
    if let OrderCommand::ReceiveClosingDocuments { scan } = command {
        // The scan must be an upload the caller can read: no other organization's file by its id.
        match persistence::repo::files::get(&w.tx, w.actor.scope, *scan).await {
            Ok(_) => {}
            Err(persistence::RepoError::NotFound) => {
                return Err(AppError::field("scan", FieldError::new("not_found", "Нет такого файла: загрузите скан заново")));
            }
            Err(e) => return Err(e.into()),
        }
    }
    let t = domain::production::apply(state, command, actor, &facts, w.now).map_err(refused)?;
    let next = row_after(&before, &t)?;
    orders::save(&w.tx, w.actor.scope, &before, next.clone()).await?;
    let data = serde_json::to_value(command).ok().filter(|d| d.as_object().is_some_and(|o| o.len() > 1));
    let step = event_row(id, &t, &w.actor, data);
    let step_id = step.id;
    orders::insert_event(&w.tx, step).await?;
    super::settlements::record_step(&w, &next, command, &t, step_id).await?;
    // The deal's side names the production for the head company's people.
    let all_names = persistence::repo::identity::organization_names(&w.tx, [OrganizationId::from(next.organization_id)]).await?;
    deal_effects(&w, &next, &t, all_names.get(&OrganizationId::from(next.organization_id)).map(String::as_str)).await?;
    // Read back as stored (the database's precision of times).
    let next = orders::get(&w.tx, w.actor.scope, id).await?;
    let events = orders::events(&w.tx, w.actor.scope, id).await?;
    let name = productions_named(&w.tx, &w.actor, std::slice::from_ref(&next)).await?.remove(&OrganizationId::from(next.organization_id));
    w.commit().await?;
    Ok((OrderView { production_name: name, ..view(next, Some(actor))? }, events.into_iter().map(event).collect::<Result<_, _>>()?))
}

/// A page of the orders the caller may see (a production: its own), newest first.
pub async fn list(ctx: &AppState, who: &Credentials, state: Option<OrderState>, limit: u64, offset: u64) -> Result<(Vec<OrderView>, u64), AppError> {
    let c = ctx.read(who).await?;
    let actor = require_read(&c)?;
    let (rows, total) = orders::list(&ctx.db, c.scope, state.map(|s| s.as_str()), limit, offset).await?;
    let names = productions_named(&ctx.db, &c, &rows).await?;
    let views = rows
        .into_iter()
        .map(|r| {
            let name = names.get(&OrganizationId::from(r.organization_id)).cloned();
            view(r, actor).map(|v| OrderView { production_name: name, ..v })
        })
        .collect::<Result<_, _>>()?;
    Ok((views, total))
}

/// One order with its steps.
pub async fn get(ctx: &AppState, who: &Credentials, id: Uuid) -> Result<(OrderView, Vec<OrderEvent>), AppError> {
    let c = ctx.read(who).await?;
    let actor = require_read(&c)?;
    let row = orders::get(&ctx.db, c.scope, id).await?;
    let events = orders::events(&ctx.db, c.scope, id).await?;
    let name = productions_named(&ctx.db, &c, std::slice::from_ref(&row)).await?.remove(&OrganizationId::from(row.organization_id));
    Ok((OrderView { production_name: name, ..view(row, actor)? }, events.into_iter().map(event).collect::<Result<_, _>>()?))
}

/// What a step means for the deal, done in the step's transaction: the pipeline facts, the
/// deal's shipment and the client's delivery notice, and a line on the deal's timeline for every
/// step (the head company follows its orders from the deal card).
async fn deal_effects(w: &crate::app::Write, order: &production_order::Model, t: &Transition, production: Option<&str>) -> Result<(), AppError> {
    use crate::app::facts::{self, Happened};
    use domain::pipelines::ProductionFact;
    use domain::production::DealEffect;
    let deal: DealId = order.deal_id.into();
    for effect in &t.effects {
        match effect {
            DealEffect::HandedToLogistics => {
                facts::record(w, Happened::Production { deal, fact: ProductionFact::OrderAssigned }).await?;
            }
            DealEffect::OrderInProgress => {
                facts::record(w, Happened::Production { deal, fact: ProductionFact::OrderAccepted }).await?;
            }
            DealEffect::ShipmentRecorded(shipment) => ship_on_deal(w, order, shipment).await?,
            DealEffect::BackToDistribution { .. } => {}
        }
    }
    let deal_row = deals::get(&w.tx, AccessScope::All, deal).await?;
    let card = persistence::repo::sales::cards::Card::Deal(deal_row);
    let data = serde_json::json!({
        "order_id": order.id, "number": order.number, "action": t.action, "action_name": t.action.name_ru(), "state": t.to,
        "state_name": t.to.name_ru(), "production_name": production, "reason": t.facts.reason,
    });
    let text = matches!(t.action, OrderAction::Decline | OrderAction::Cancel).then(|| t.facts.reason.clone()).flatten();
    crate::app::journal::note(w, &card, "production_order", text, data.clone());
    crate::app::journal::emit(w, &card, "production_order", data);
    Ok(())
}

/// The production shipped the order: the deal's shipment on its invoice (the whole remainder for
/// the deal's last order to ship, else the order's square metres — `domain::production::delivery`)
/// and the delivery notice to the client through the mail outbox. A deal already shipped by hand
/// gets no second shipment.
async fn ship_on_deal(w: &crate::app::Write, order: &production_order::Model, s: &Shipment) -> Result<(), AppError> {
    use crate::app::finance::{shipments, standing};
    use domain::production::delivery::{LineLeft, lines_to_ship};
    let deal: DealId = order.deal_id.into();
    let today = w.now.date_naive();
    let others = orders::of_deal(&w.tx, AccessScope::All, order.deal_id).await?;
    let still_to_ship = [OrderState::Assigned, OrderState::Accepted, OrderState::InProduction, OrderState::Done, OrderState::QualityPassed, OrderState::DefectsFound];
    let last = !others.iter().any(|o| o.id != order.id && still_to_ship.iter().any(|st| st.as_str() == o.state));
    let invoices = standing::of_deal(&w.tx, deal, today).await?;
    let quantity = from_milli(order.quantity_milli);
    let chosen = invoices.iter().filter(|i| i.is_open()).find_map(|inv| {
        let left: Vec<LineLeft<'_>> = inv.lines.iter().map(|l| LineLeft { unit: &l.line.unit, remaining: (l.quantity - l.shipped).max(Decimal::ZERO) }).collect();
        let lines = lines_to_ship(&left, quantity, last);
        (!lines.is_empty()).then(|| (inv, lines.into_iter().map(|(i, q)| (inv.lines[i].line.id, q)).collect::<Vec<_>>()))
    });
    let deal_row = deals::get(&w.tx, AccessScope::All, deal).await?;
    if let Some((inv, lines)) = chosen {
        let note = Some(format!("Отгружено производством: {}, накладная № {}", s.carrier, s.waybill));
        let n = shipments::NewShipment { invoice_id: inv.doc.id, number: None, shipped_on: today, note, lines };
        shipments::record_in(w, deal_row.clone(), n).await?;
    }
    delivery_notice(w, &deal_row, order, s).await
}

/// Queues the delivery notice to the client's contact (or the client's own e-mail); a client with
/// no e-mail gets none, and the deal's timeline says so.
async fn delivery_notice(w: &crate::app::Write, deal: &persistence::entities::deal::Model, order: &production_order::Model, s: &Shipment) -> Result<(), AppError> {
    use persistence::entities::email;
    use persistence::repo::documents::emails;
    let client = persistence::repo::clients::clients::get(&w.tx, AccessScope::All, deal.client_id.into()).await?;
    let contacts = persistence::repo::clients::contacts::of_client(&w.tx, deal.client_id).await?;
    let contact = contacts.iter().find(|c| c.email.is_some());
    let to = contact.and_then(|c| c.email.clone()).or(client.email.clone());
    let card = persistence::repo::sales::cards::Card::Deal(deal.clone());
    let Some(to) = to else {
        crate::app::journal::note(w, &card, "delivery_notice_skipped", Some("У клиента нет e-mail: уведомление о доставке не отправлено".to_owned()), serde_json::json!({"order_id": order.id}));
        return Ok(());
    };
    let greeting = contact.map(|c| c.middle_name.as_ref().map_or_else(|| c.first_name.clone(), |m| format!("{} {m}", c.first_name))).unwrap_or_else(|| "коллеги".to_owned());
    let head = persistence::repo::documents::requisites::get(&w.tx, deal.organization_id).await?;
    let org_name = match head {
        Some(r) => r.short_name,
        None => persistence::repo::identity::get_organization(&w.tx, AccessScope::All, deal.organization_id.into()).await?.name,
    };
    let tile = format!("{} {} мм", order.tile_type, from_milli(order.thickness_milli));
    let facts = domain::production::delivery::DeliveryFacts {
        greeting_name: &greeting,
        tile: &tile,
        quantity_m2: from_milli(order.quantity_milli),
        address: &order.delivery_address,
        carrier: &s.carrier,
        waybill: &s.waybill,
        shipped_on: s.shipped_at.with_timezone(&domain::finance::reminders::moscow()).date_naive(),
        eta: s.eta,
        organization: &org_name,
    };
    let (subject, body) = domain::production::delivery::delivery_notice(&facts);
    let id = Uuid::now_v7();
    let row = email::Model {
        id, organization_id: deal.organization_id, deal_id: Some(deal.id), lead_id: None, to_address: to.clone(), to_name: None, subject: subject.clone(), body,
        document_ids: "[]".to_owned(), with_stamp: false, message_id: format!("<{id}@tessera>"), status: emails::QUEUED.to_owned(), attempts: 0,
        available_at: w.now, lease_until: None, last_error: None, sent_at: None, created_by: w.actor.user_id.map(Uuid::from), created_at: w.now,
    };
    emails::insert(&w.tx, row);
    let data = serde_json::json!({"email_id": id, "to": to, "subject": subject, "documents": []});
    crate::app::journal::note(w, &card, "email_queued", None, data.clone());
    crate::app::journal::emit(w, &card, "email_queued", data);
    Ok(())
}

/// A deal's orders, oldest first, for the head company's people who read the deal and take part
/// in orders or read the productions (a production's people get 403: the deal is not theirs).
pub async fn of_deal(ctx: &AppState, who: &Credentials, deal: DealId) -> Result<Vec<OrderView>, AppError> {
    let c = ctx.read(who).await?;
    let actor = require_read(&c)?;
    if c.scope != AccessScope::All {
        return Err(AppError::Forbidden);
    }
    let deal_row = deals::get(&ctx.db, c.scope, deal).await?;
    let rows = orders::of_deal(&ctx.db, c.scope, deal_row.id).await?;
    let names = productions_named(&ctx.db, &c, &rows).await?;
    rows.into_iter()
        .map(|r| {
            let name = names.get(&OrganizationId::from(r.organization_id)).cloned();
            view(r, actor).map(|v| OrderView { production_name: name, ..v })
        })
        .collect()
}

/// Attaches a file to an order (a photo of the tiles, the waybill, the client's signed closing
/// documents): whoever takes part in orders, on an order in their scope (another production's is
/// not found). The file belongs to the production's organization, so both it and the head company
/// read it.
pub async fn attach_file(ctx: &AppState, who: &Credentials, id: Uuid, upload: crate::app::sales::timeline::Upload) -> Result<persistence::entities::file::Model, AppError> {
    use persistence::entities::file;
    let w = ctx.write(who).await?;
    order_actor(&w.actor).ok_or(AppError::Forbidden)?;
    let order = orders::get(&w.tx, w.actor.scope, id).await?;
    let file_id = Uuid::now_v7();
    let key = crate::files::FileStore::new_key(file_id, w.now);
    ctx.files.keep(&key, &upload.staged).await.map_err(|e| AppError::Internal(e.into()))?;
    let row = file::Model {
        id: file_id, organization_id: order.organization_id, subject_type: persistence::repo::files::PRODUCTION_ORDER.to_owned(), subject_id: order.id,
        request_id: None, name: upload.name, content_type: upload.content_type, size: upload.staged.size as i64, storage_key: key.clone(),
        sha256: upload.staged.sha256.clone(), uploaded_by: w.actor.user_id.map(Uuid::from), created_at: w.now,
    };
    let saved = match persistence::repo::files::insert(&w.tx, row).await {
        Ok(f) => f,
        Err(e) => {
            let _ = ctx.files.delete(&key).await;
            return Err(e.into());
        }
    };
    crate::app::sales::timeline::commit_with(ctx, w, &saved).await?;
    Ok(saved)
}

/// The files of an order the caller may read.
pub async fn files(ctx: &AppState, who: &Credentials, id: Uuid) -> Result<Vec<persistence::entities::file::Model>, AppError> {
    let c = ctx.read(who).await?;
    require_read(&c)?;
    orders::get(&ctx.db, c.scope, id).await?;
    Ok(persistence::repo::files::of_production_order(&ctx.db, id).await?)
}

/// Whether the caller may read a file of this order: it reads the order.
pub async fn may_read_file_of(ctx: &AppState, c: &Caller, order: Uuid) -> Result<(), AppError> {
    require_read(c)?;
    orders::get(&ctx.db, c.scope, order).await?;
    Ok(())
}

/// What each of a deal's production orders costs the deal directly (the caller already read the
/// deal): its number, the production's due and the delivery once shipped; declined and cancelled
/// orders are left out.
pub async fn direct_costs_of_deal(db: &impl persistence::ConnectionTrait, deal: Uuid) -> Result<Vec<(String, domain::production::DirectCosts)>, AppError> {
    let mut out = Vec::new();
    for row in orders::of_deal(db, AccessScope::All, deal).await? {
        let state = state_of(&row)?;
        if matches!(state, OrderState::Declined | OrderState::Cancelled) {
            continue;
        }
        let facts = facts_of(&row)?;
        out.push((row.number.clone().unwrap_or_default(), domain::production::direct_costs(state, &facts)));
    }
    Ok(out)
}

/// A bank payment of `amount` to `production` pays its open orders, oldest first, each up to what
/// is left to pay on it, as the accountant's payment step (recorded with the payment's document,
/// the ledger row included); returns what no order took.
pub(crate) async fn pay_from_bank(w: &crate::app::Write, production: Uuid, amount: Decimal, document: &str) -> Result<Decimal, AppError> {
    let mut left = amount;
    let mut open = persistence::repo::production::settlements::open_orders(&w.tx, AccessScope::All, Some(production)).await?;
    open.sort_by_key(|o| (o.created_at, o.id));
    for before in open {
        if left <= Decimal::ZERO {
            break;
        }
        let state = state_of(&before)?;
        let facts = facts_of(&before)?;
        let pay = facts.outstanding().min(left);
        if pay <= Decimal::ZERO {
            continue;
        }
        let command = OrderCommand::RecordPayment { amount: pay };
        let Ok(t) = domain::production::apply(state, &command, Actor::Accountant, &facts, w.now) else { continue };
        let next = row_after(&before, &t)?;
        orders::save(&w.tx, AccessScope::All, &before, next.clone()).await?;
        let mut step = event_row(before.id, &t, &w.actor, Some(serde_json::json!({"action": "record_payment", "amount": pay, "document": document})));
        step.actor_role = Actor::Accountant.as_str().to_owned();
        let step_id = step.id;
        orders::insert_event(&w.tx, step).await?;
        super::settlements::record_step_via(w, &next, &command, &t, step_id, Some(document)).await?;
        left -= pay;
    }
    Ok(left)
}
