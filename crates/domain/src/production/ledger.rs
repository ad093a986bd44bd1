//! Settlements between the head company and each production (seed 000 «Дебиторская и
//! кредиторская задолженность с производствами (филиал)»: «Сколько мы платили производствам,
//! сколько мы должны, сколько нам должны. Мы выкупаем плитку у производств»).
//!
//! One [`LedgerRow`] per source document and kind: an order the head company owes the production
//! for, a payment either way, a deduction for defects, a purchase either way. Each is a debit or a
//! credit *from the head company's point of view*, as in the head company's copy of a
//! reconciliation statement (акт сверки):
//!
//! - **debit** — what we gave the production: our payments to it, what it bought from us, and
//!   deductions that lower what we owe it;
//! - **credit** — what the production gave us: the orders it made for us, the tiles we bought
//!   from it, and its payments to us.
//!
//! The balance is debits − credits: above zero the production owes us («Нам должны»), below zero
//! we owe it («Мы должны»). For a period, [`balance`] gives the opening balance (every row before
//! the period), the period's debits and credits, and the closing balance; by construction
//! opening + debits − credits = closing, and the closing balance of one period is the opening
//! of the next. Amounts are roubles with kopecks.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::documents::{format_rub, round2};
use crate::error::{FieldError, FieldErrors};
use crate::ids::{OrganizationId, ProductionOrderId};
use uuid::Uuid;

crate::named_enum! {
    /// Debit or credit, from the head company's point of view.
    pub enum Side {
        /// We gave: the production owes us more, or we owe it less.
        Debit,
        /// It gave: we owe it more, or it owes us less.
        Credit,
    }
}

crate::named_enum! {
    /// What a settlement row records.
    pub enum SettlementKind {
        /// A production order at the production's price: we owe it for the work.
        OrderOwed,
        /// Our outgoing payment to the production.
        PaymentMade,
        /// The production's payment to us (for what it bought from us).
        PaymentReceived,
        /// Taken off an order's price for defects accepted as they are.
        DefectDeduction,
        /// The production bought from the head company (materials, equipment).
        ProductionPurchase,
        /// The head company bought tiles from the production.
        TilePurchase,
    }
}

impl SettlementKind {
    /// Which side of the ledger the kind goes to.
    pub fn side(self) -> Side {
        match self {
            SettlementKind::PaymentMade
            | SettlementKind::DefectDeduction
            | SettlementKind::ProductionPurchase => Side::Debit,
            SettlementKind::OrderOwed
            | SettlementKind::PaymentReceived
            | SettlementKind::TilePurchase => Side::Credit,
        }
    }

    /// The Russian name, as a reconciliation statement's line says it.
    pub fn name_ru(self) -> &'static str {
        match self {
            SettlementKind::OrderOwed => "Заказ на производство",
            SettlementKind::PaymentMade => "Оплата производству",
            SettlementKind::PaymentReceived => "Оплата от производства",
            SettlementKind::DefectDeduction => "Уценка за брак",
            SettlementKind::ProductionPurchase => "Покупка производства у головной компании",
            SettlementKind::TilePurchase => "Выкуп плитки у производства",
        }
    }
}

/// The document a row comes from.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(tag = "type", content = "id", rename_all = "snake_case")]
pub enum SourceDocument {
    /// A production order: what the head company owes for it once shipped.
    ProductionOrder(ProductionOrderId),
    /// A step of a production order that moved money: a payment recorded on it, a deduction.
    OrderStep(Uuid),
    /// A bank payment either way from a statement (matched to the production by its INN).
    Payment(Uuid),
    /// An entry the accountant made from a document of its own (a payment order, a purchase's
    /// waybill).
    Entry(Uuid),
}

impl SourceDocument {
    /// How persistence names the kind of source: `production_order`, `order_step`, `entry`.
    pub fn type_str(&self) -> &'static str {
        match self {
            SourceDocument::ProductionOrder(_) => "production_order",
            SourceDocument::OrderStep(_) => "order_step",
            SourceDocument::Payment(_) => "payment",
            SourceDocument::Entry(_) => "entry",
        }
    }

    /// The source's id.
    pub fn id(&self) -> Uuid {
        match self {
            SourceDocument::ProductionOrder(id) => id.uuid(),
            SourceDocument::OrderStep(id) | SourceDocument::Payment(id) | SourceDocument::Entry(id) => *id,
        }
    }

    /// From what [`type_str`](Self::type_str) and [`id`](Self::id) gave.
    pub fn parse(kind: &str, id: Uuid) -> Option<SourceDocument> {
        match kind {
            "production_order" => Some(SourceDocument::ProductionOrder(ProductionOrderId::from_uuid(id))),
            "order_step" => Some(SourceDocument::OrderStep(id)),
            "payment" => Some(SourceDocument::Payment(id)),
            "entry" => Some(SourceDocument::Entry(id)),
            _ => None,
        }
    }
}

/// One settlement row: whose, when, what, how much (more than zero), and from which document.
/// Persistence keeps (kind, source) unique: one row per source document and kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct LedgerRow {
    pub production: OrganizationId,
    pub date: NaiveDate,
    pub kind: SettlementKind,
    amount: Decimal,
    pub source: SourceDocument,
}

impl LedgerRow {
    /// A row; errors under `amount` (more than zero, kopecks at most) and `date` (2000–2099).
    pub fn new(
        production: OrganizationId,
        date: NaiveDate,
        kind: SettlementKind,
        amount: Decimal,
        source: SourceDocument,
    ) -> Result<LedgerRow, FieldErrors> {
        let mut errs = FieldErrors::new();
        if amount <= Decimal::ZERO {
            errs.add(
                "amount",
                FieldError::new("out_of_range", "Сумма должна быть больше нуля"),
            );
        } else if amount.normalize().scale() > 2 {
            errs.add(
                "amount",
                FieldError::new(
                    "invalid_format",
                    "Не более двух знаков после запятой (копейки)",
                ),
            );
        }
        if let Err(e) = crate::dates::date(date) {
            errs.add("date", e);
        }
        errs.into_result().map(|()| LedgerRow {
            production,
            date,
            kind,
            amount: round2(amount),
            source,
        })
    }

    /// The amount, more than zero, with two decimal places.
    pub fn amount(&self) -> Decimal {
        self.amount
    }

    /// The amount as the balance counts it: plus for a debit, minus for a credit.
    pub fn signed(&self) -> Decimal {
        match self.kind.side() {
            Side::Debit => self.amount,
            Side::Credit => -self.amount,
        }
    }
}

/// Days from `from` to `to`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Period {
    from: NaiveDate,
    to: NaiveDate,
}

impl Period {
    /// A period; error under `to` when it ends before it starts.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Period, FieldErrors> {
        if to < from {
            let mut errs = FieldErrors::new();
            errs.add(
                "to",
                FieldError::new("out_of_range", "Конец периода раньше его начала"),
            );
            return Err(errs);
        }
        Ok(Period { from, to })
    }

    /// The first day.
    pub fn first_day(&self) -> NaiveDate {
        self.from
    }

    /// The last day.
    pub fn last_day(&self) -> NaiveDate {
        self.to
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        (self.from..=self.to).contains(&date)
    }
}

/// Who owes whom, as a balance says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "position", content = "amount", rename_all = "snake_case")]
pub enum Position {
    /// The production owes us this much.
    OwedToUs(Decimal),
    /// We owe the production this much.
    WeOwe(Decimal),
    Settled,
}

impl Position {
    /// «Нам должны 1 000,00 ₽», «Мы должны 1 000,00 ₽», «Расчёты закрыты».
    pub fn describe_ru(&self) -> String {
        match self {
            Position::OwedToUs(a) => format!("Нам должны {}", format_rub(*a)),
            Position::WeOwe(a) => format!("Мы должны {}", format_rub(*a)),
            Position::Settled => "Расчёты закрыты".to_owned(),
        }
    }
}

/// A balance for a period: opening + debits − credits = closing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Balance {
    pub opening: Decimal,
    pub debits: Decimal,
    pub credits: Decimal,
    pub closing: Decimal,
}

impl Balance {
    fn zero() -> Balance {
        let z = round2(Decimal::ZERO);
        Balance {
            opening: z,
            debits: z,
            credits: z,
            closing: z,
        }
    }

    fn add_row(&mut self, row: &LedgerRow, period: Period) {
        if row.date < period.from {
            self.opening += row.signed();
        } else if row.date <= period.to {
            match row.kind.side() {
                Side::Debit => self.debits += row.amount,
                Side::Credit => self.credits += row.amount,
            }
        }
    }

    fn close(mut self) -> Balance {
        self.closing = self.opening + self.debits - self.credits;
        self
    }

    fn plus(self, other: Balance) -> Balance {
        Balance {
            opening: self.opening + other.opening,
            debits: self.debits + other.debits,
            credits: self.credits + other.credits,
            closing: self.closing + other.closing,
        }
    }

    /// Who owes whom at the end of the period.
    pub fn position(&self) -> Position {
        match self.closing.cmp(&Decimal::ZERO) {
            std::cmp::Ordering::Greater => Position::OwedToUs(self.closing),
            std::cmp::Ordering::Less => Position::WeOwe(-self.closing),
            std::cmp::Ordering::Equal => Position::Settled,
        }
    }
}

/// One production's balance for a period, from every row of `rows` that is its.
pub fn balance(rows: &[LedgerRow], production: OrganizationId, period: Period) -> Balance {
    let mut b = Balance::zero();
    for row in rows.iter().filter(|r| r.production == production) {
        b.add_row(row, period);
    }
    b.close()
}

/// A production and its balance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ProductionBalance {
    pub production: OrganizationId,
    pub balance: Balance,
}

/// Every production's balance for a period and the network's totals.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Balances {
    /// One per production that has any row up to the period's end, ordered by production id.
    pub productions: Vec<ProductionBalance>,
    /// The sum of them all (net).
    pub total: Balance,
    /// What the productions that owe us owe, together, at the end of the period.
    pub owed_to_us: Decimal,
    /// What we owe the productions we owe, together, at the end of the period.
    pub we_owe: Decimal,
    /// What we paid the productions in the period.
    pub paid_to_productions: Decimal,
}

/// Every production's balance for `period`, and the totals: net, what is owed to us, what we owe
/// and what we paid («сколько мы платили производствам, сколько мы должны, сколько нам должны»).
pub fn balances(rows: &[LedgerRow], period: Period) -> Balances {
    let mut sorted: Vec<&LedgerRow> = rows.iter().filter(|r| r.date <= period.to).collect();
    sorted.sort_by_key(|r| r.production);
    let mut productions: Vec<ProductionBalance> = Vec::new();
    let mut paid = round2(Decimal::ZERO);
    for row in sorted {
        if row.kind == SettlementKind::PaymentMade && period.contains(row.date) {
            paid += row.amount;
        }
        match productions.last_mut() {
            Some(last) if last.production == row.production => last.balance.add_row(row, period),
            _ => {
                let mut balance = Balance::zero();
                balance.add_row(row, period);
                productions.push(ProductionBalance {
                    production: row.production,
                    balance,
                });
            }
        }
    }
    let mut total = Balance::zero();
    let mut owed_to_us = round2(Decimal::ZERO);
    let mut we_owe = round2(Decimal::ZERO);
    for p in &mut productions {
        p.balance = p.balance.close();
        total = total.plus(p.balance);
        match p.balance.position() {
            Position::OwedToUs(a) => owed_to_us += a,
            Position::WeOwe(a) => we_owe += a,
            Position::Settled => {}
        }
    }
    Balances {
        productions,
        total,
        owed_to_us,
        we_owe,
        paid_to_productions: paid,
    }
}

/// One production's rows of one kind summed, dated before a period or within it: what a database
/// gives back instead of the rows (a year of 100,000 rows is a handful of sums).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindSum {
    pub production: OrganizationId,
    pub kind: SettlementKind,
    /// Dated before the period (the opening balance), or within it.
    pub before_period: bool,
    /// More than zero.
    pub amount: Decimal,
}

/// The sums as rows [`balances`] reads: each on the day before the period or its first day.
fn sum_rows(sums: &[KindSum], period: Period) -> Vec<LedgerRow> {
    let before = period.from.pred_opt().unwrap_or(period.from);
    sums.iter()
        .filter(|s| s.amount > Decimal::ZERO)
        .map(|s| LedgerRow {
            production: s.production,
            date: if s.before_period { before } else { period.from },
            kind: s.kind,
            amount: round2(s.amount),
            source: SourceDocument::Entry(Uuid::nil()),
        })
        .collect()
}

/// [`balances`] from sums rather than rows: the same figures as over the rows they sum.
pub fn balances_from_sums(sums: &[KindSum], period: Period) -> Balances {
    balances(&sum_rows(sums, period), period)
}

/// [`balance`] from sums rather than rows.
pub fn balance_from_sums(sums: &[KindSum], production: OrganizationId, period: Period) -> Balance {
    balance(&sum_rows(sums, period), production, period)
}

/// A row of a reconciliation statement and the balance after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Movement {
    pub row: LedgerRow,
    pub balance_after: Decimal,
}

/// One production's rows in `period`, by date (rows of one day in the order given), each with the
/// running balance from the period's opening balance: the body of a reconciliation statement.
pub fn movements(rows: &[LedgerRow], production: OrganizationId, period: Period) -> Vec<Movement> {
    let mut running = balance(rows, production, period).opening;
    let mut mine: Vec<&LedgerRow> = rows
        .iter()
        .filter(|r| r.production == production && period.contains(r.date))
        .collect();
    mine.sort_by_key(|r| r.date);
    mine.into_iter()
        .map(|row| {
            running += row.signed();
            Movement {
                row: *row,
                balance_after: running,
            }
        })
        .collect()
}

#[cfg(test)]
#[path = "ledger_tests.rs"]
mod tests;
