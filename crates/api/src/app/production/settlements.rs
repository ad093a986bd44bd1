//! Settlements with each production (issue 12; seed 000 «Дебиторская и кредиторская
//! задолженность с производствами»): the ledger, its balances for a period, one production's
//! statement with its running balance, and the reconciliation statement as a PDF.
//!
//! The production orders' steps write their rows in their own transaction ([`record_step`]): the
//! shipment makes the head company owe the order at the production's price, a payment recorded on
//! the order and a deduction for defects are rows of their own. Everything else — the
//! production's payment to us, the purchases either way, a payment not made through an order — the
//! accountant enters ([`record_entry`]); a bank statement's payments to and from productions come
//! through `bank`. A production reads only its own ledger; another production's is not found.
use chrono::NaiveDate;
use domain::production::{Balance, Balances, KindSum, LedgerRow, OrderCommand, Period, SettlementKind, SourceDocument, Transition};
use domain::documents::round2;
use domain::{FieldError, FieldErrors, OrganizationId, Permission, ProductionOrderId};
use persistence::AccessScope;
use persistence::entities::{production_order, production_settlement};
use persistence::repo::production::{profiles, settlements};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use uuid::Uuid;

use crate::AppState;
use crate::app::Write;
use crate::auth::Credentials;
use crate::error::AppError;

/// The longest document name or note of an entry.
const MAX_TEXT: usize = 500;

/// An entry the accountant makes.
#[derive(Debug, Clone)]
pub struct NewEntry {
    pub kind: Option<SettlementKind>,
    pub on_date: Option<NaiveDate>,
    pub amount: Option<Decimal>,
    /// «Платёжное поручение № 15», «Накладная № 7».
    pub document: Option<String>,
    pub note: Option<String>,
}

/// A ledger row as read back.
#[derive(Debug, Clone)]
pub struct Entry {
    pub row: production_settlement::Model,
    pub kind: SettlementKind,
    pub amount: Decimal,
    /// The balance after the row, within its statement.
    pub balance_after: Decimal,
}

/// One production's balance with its name and what the head company has yet to pay on its open
/// orders.
#[derive(Debug, Clone)]
pub struct ProductionSettlement {
    pub production: OrganizationId,
    pub name: String,
    pub balance: Balance,
    /// Open orders' amounts at the production's price, less deductions and what was paid.
    pub open_obligations: Decimal,
    pub open_orders: u32,
}

/// Every production's balance for a period and the totals.
#[derive(Debug, Clone)]
pub struct Overview {
    pub period: Period,
    pub productions: Vec<ProductionSettlement>,
    pub totals: Balances,
    pub open_obligations: Decimal,
}

/// One production's statement for a period.
#[derive(Debug, Clone)]
pub struct Statement {
    pub period: Period,
    pub production: OrganizationId,
    pub name: String,
    pub balance: Balance,
    pub entries: Vec<Entry>,
}

fn minor(v: Decimal) -> Result<i64, AppError> {
    (v * Decimal::from(100)).to_i64().ok_or_else(|| AppError::field("amount", FieldError::new("out_of_range", "Слишком большая сумма")))
}

fn from_minor(v: i64) -> Decimal {
    Decimal::new(v, 2)
}

fn corrupt(what: String) -> AppError {
    AppError::Internal(anyhow::anyhow!("stored settlement: {what}"))
}

/// The caller may read settlements: the head company's finance roles, a production its own.
fn require_read(c: &crate::app::Actor) -> Result<(), AppError> {
    c.require(Permission::SettlementsRead)
}

/// A period from the query: both ends given, or the current month to today — in Moscow, as the
/// ledger's rows are dated.
pub fn period(from: Option<NaiveDate>, to: Option<NaiveDate>, today: NaiveDate) -> Result<Period, AppError> {
    use chrono::Datelike;
    let first = today.with_day(1).unwrap_or(today);
    let from = from.unwrap_or(first);
    let to = to.unwrap_or(today.max(from));
    let mut errs = FieldErrors::new();
    for (field, d) in [("from", from), ("to", to)] {
        if let Err(e) = domain::dates::date(d) {
            errs.add(field, e);
        }
    }
    errs.into_result()?;
    Ok(Period::new(from, to)?)
}

/// Writes the ledger rows a production order's step makes, in the step's transaction: the order
/// owed once shipped (at the production's price, dated the shipping day), a payment recorded on
/// the order, a deduction for defects. `step` is the step's id (its event), the source of the
/// payment's and the deduction's rows.
pub(crate) async fn record_step(w: &Write, order: &production_order::Model, command: &OrderCommand, t: &Transition, step: Uuid) -> Result<(), AppError> {
    record_step_via(w, order, command, t, step, None).await
}

/// [`record_step`], the row's document named by the bank payment that paid the order when it came
/// from a statement («Платёжное поручение № 15 от 01.12.2026: оплата по заказу № 12-1»).
pub(crate) async fn record_step_via(
    w: &Write,
    order: &production_order::Model,
    command: &OrderCommand,
    t: &Transition,
    step: Uuid,
    via: Option<&str>,
) -> Result<(), AppError> {
    let number = order.number.clone().unwrap_or_else(|| order.id.to_string());
    let today = t.at.with_timezone(&domain::finance::reminders::moscow()).date_naive();
    let (kind, amount, source, document) = match command {
        OrderCommand::Ship { .. } => {
            (SettlementKind::OrderOwed, t.facts.amount(), SourceDocument::ProductionOrder(ProductionOrderId::from_uuid(order.id)), format!("Заказ № {number}"))
        }
        OrderCommand::RecordPayment { amount } => {
            let document = match via {
                Some(p) => format!("{p}: оплата по заказу № {number}"),
                None => format!("Оплата по заказу № {number}"),
            };
            (SettlementKind::PaymentMade, *amount, SourceDocument::OrderStep(step), document)
        }
        OrderCommand::AcceptWithDeduction { deduction: Some(d) } => {
            (SettlementKind::DefectDeduction, *d, SourceDocument::OrderStep(step), format!("Уценка за брак по заказу № {number}"))
        }
        _ => return Ok(()),
    };
    if amount <= Decimal::ZERO {
        return Ok(());
    }
    let row = LedgerRow::new(order.organization_id.into(), today, kind, amount, source)?;
    settlements::insert(&w.tx, settlement_row(&row, Some(order.id), document, None, w)?).await?;
    Ok(())
}

pub(crate) fn settlement_row(row: &LedgerRow, order: Option<Uuid>, document: String, note: Option<String>, w: &Write) -> Result<production_settlement::Model, AppError> {
    Ok(production_settlement::Model {
        id: Uuid::now_v7(),
        organization_id: row.production.into(),
        on_date: row.date,
        kind: row.kind.as_str().to_owned(),
        amount_minor: minor(row.amount())?,
        source_type: row.source.type_str().to_owned(),
        source_id: row.source.id(),
        order_id: order,
        document,
        note,
        created_by: w.actor.user_id.map(Uuid::from),
        created_at: w.now,
    })
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

/// The accountant enters a settlement the orders do not record: 403 without the right, 404 for a
/// production not in scope, 422 naming the field. An order's own kind (what is owed for an order)
/// comes only from the order.
pub async fn record_entry(ctx: &AppState, who: &Credentials, production: OrganizationId, e: NewEntry) -> Result<Entry, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::SettlementsWrite)?;
    profiles::get(&w.tx, w.actor.scope, production).await?;
    let mut errs = FieldErrors::new();
    match e.kind {
        None => errs.add("kind", FieldError::required()),
        Some(SettlementKind::OrderOwed) => errs.add("kind", FieldError::new("not_allowed", "Долг за заказ записывается отгрузкой заказа, а не вручную")),
        Some(_) => {}
    }
    if e.on_date.is_none() {
        errs.add("on_date", FieldError::required());
    }
    if e.amount.is_none() {
        errs.add("amount", FieldError::required());
    }
    let document = text(&mut errs, "document", e.document.as_deref(), true);
    let note = text(&mut errs, "note", e.note.as_deref(), false);
    let id = Uuid::now_v7();
    let row = match (e.kind, e.on_date, e.amount) {
        (Some(kind), Some(date), Some(amount)) => match LedgerRow::new(production, date, kind, amount, SourceDocument::Entry(id)) {
            Ok(r) => Some(r),
            Err(fe) => {
                for (f, x) in fe.0 {
                    errs.add(if f == "date" { "on_date" } else { &f }, x);
                }
                None
            }
        },
        _ => None,
    };
    if let Some(r) = &row
        && r.date > w.now.with_timezone(&domain::finance::reminders::moscow()).date_naive()
    {
        errs.add("on_date", FieldError::new("out_of_range", "Дата не может быть в будущем"));
    }
    errs.into_result()?;
    let (Some(row), Some(document)) = (row, document) else {
        return Err(AppError::Internal(anyhow::anyhow!("entry checked but incomplete")));
    };
    let model = production_settlement::Model { id, ..settlement_row(&row, None, document, note, &w)? };
    settlements::insert(&w.tx, model.clone()).await?;
    w.commit().await?;
    Ok(Entry { kind: row.kind, amount: row.amount(), balance_after: row.signed(), row: model })
}

/// The database's sums as the domain reads them.
fn kind_sums(sums: &[settlements::Sum]) -> Result<Vec<KindSum>, AppError> {
    sums.iter()
        .map(|s| {
            let kind = SettlementKind::parse(&s.kind).ok_or_else(|| corrupt(format!("kind {:?}", s.kind)))?;
            Ok(KindSum { production: s.organization_id.into(), kind, before_period: s.before_period, amount: from_minor(s.amount_minor) })
        })
        .collect()
}

/// Every production's balance for the period (a production: its own), with what is open on its
/// orders, and the totals.
pub async fn overview(ctx: &AppState, who: &Credentials, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<Overview, AppError> {
    let c = ctx.read(who).await?;
    require_read(&c)?;
    let period = period(from, to, ctx.now().with_timezone(&domain::finance::reminders::moscow()).date_naive())?;
    let sums = settlements::sums(&ctx.db, c.scope, None, period.first_day(), period.last_day()).await?;
    let totals = domain::production::balances_from_sums(&kind_sums(&sums)?, period);
    let productions = profiles::list(&ctx.db, c.scope).await?;
    let open = settlements::open_orders(&ctx.db, c.scope, None).await?;
    let mut list = Vec::with_capacity(productions.len());
    let mut all_open = Decimal::ZERO;
    for p in productions {
        let id: OrganizationId = p.organization.id.into();
        let balance = totals.productions.iter().find(|b| b.production == id).map(|b| b.balance).unwrap_or_else(|| domain::production::balance(&[], id, period));
        let mine: Vec<&production_order::Model> = open.iter().filter(|o| o.organization_id == p.organization.id).collect();
        let obligations = round2(mine.iter().map(|o| outstanding(o)).sum::<Decimal>());
        all_open += obligations;
        list.push(ProductionSettlement { production: id, name: p.organization.name, balance, open_obligations: obligations, open_orders: mine.len() as u32 });
    }
    Ok(Overview { period, productions: list, totals, open_obligations: round2(all_open) })
}

/// What the head company has yet to pay on an open order: its amount less deductions and what
/// was paid.
fn outstanding(o: &production_order::Model) -> Decimal {
    let amount = (Decimal::new(o.quantity_milli, 3) * from_minor(o.price_minor)).round_dp(2);
    (amount - from_minor(o.deduction_minor) - from_minor(o.paid_minor)).max(Decimal::ZERO)
}

/// One production's statement for the period: the balance and every row with the running
/// balance. Another production's is not found.
pub async fn statement(ctx: &AppState, who: &Credentials, production: OrganizationId, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<Statement, AppError> {
    let c = ctx.read(who).await?;
    require_read(&c)?;
    let p = profiles::get(&ctx.db, c.scope, production).await?;
    let period = period(from, to, ctx.now().with_timezone(&domain::finance::reminders::moscow()).date_naive())?;
    statement_of(&ctx.db, c.scope, p.organization, period).await
}

async fn statement_of(db: &impl persistence::ConnectionTrait, scope: AccessScope, org: persistence::entities::organization::Model, period: Period) -> Result<Statement, AppError> {
    let production: OrganizationId = org.id.into();
    let sums = settlements::sums(db, scope, Some(org.id), period.first_day(), period.last_day()).await?;
    let balance = domain::production::balance_from_sums(&kind_sums(&sums)?, production, period);
    let stored = settlements::rows(db, scope, org.id, period.first_day(), period.last_day()).await?;
    let mut running = balance.opening;
    let mut entries = Vec::with_capacity(stored.len());
    for row in stored {
        let kind = SettlementKind::parse(&row.kind).ok_or_else(|| corrupt(format!("kind {:?}", row.kind)))?;
        let amount = from_minor(row.amount_minor);
        running += match kind.side() {
            domain::production::Side::Debit => amount,
            domain::production::Side::Credit => -amount,
        };
        entries.push(Entry { kind, amount, balance_after: running, row });
    }
    Ok(Statement { period, production, name: org.name, balance, entries })
}

