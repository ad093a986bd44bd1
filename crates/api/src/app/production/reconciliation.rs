//! The reconciliation statement (акт сверки взаимных расчётов) of one production's ledger for a
//! period, laid out for the `reconciliation` template: the head company's side from the ledger
//! (its debit is what it gave, its credit what the production gave), the production's side left
//! for the production to fill in, and the conclusion of who owes whom.
use persistence::AccessScope;
use persistence::repo::identity;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::settlements::Statement;
use crate::AppState;
use crate::auth::Credentials;
use chrono::NaiveDate;
use domain::OrganizationId;
use crate::app::documents::print::{money, supplier};
use crate::error::AppError;
use crate::render::{DebitCredit, DocumentData, Reconciliation, ReconciliationRow};
use domain::production::Side;

fn rub(v: Decimal) -> String {
    money((v * Decimal::from(100)).round().to_i64().unwrap_or(i64::MAX))
}

/// A balance in the column of its side: above zero the debit, below zero the credit.
fn split(balance: Decimal) -> DebitCredit {
    match balance.cmp(&Decimal::ZERO) {
        std::cmp::Ordering::Greater => DebitCredit { debit: rub(balance), credit: String::new() },
        std::cmp::Ordering::Less => DebitCredit { debit: String::new(), credit: rub(-balance) },
        std::cmp::Ordering::Equal => DebitCredit { debit: rub(Decimal::ZERO), credit: String::new() },
    }
}

/// The statement as the template's data.
pub async fn document(ctx: &AppState, s: &Statement) -> Result<DocumentData, AppError> {
    let orgs = identity::list_organizations(&ctx.db, AccessScope::All).await?;
    let head = orgs
        .iter()
        .find(|o| o.kind == domain::OrganizationKind::Head.as_str())
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("no head organization")))?;
    let production = identity::get_organization(&ctx.db, AccessScope::All, s.production).await?;
    let head_reqs = persistence::repo::documents::requisites::get(&ctx.db, head.id).await?;
    let prod_reqs = persistence::repo::documents::requisites::get(&ctx.db, production.id).await?;
    let ours = supplier(head, head_reqs.as_ref());
    let theirs = supplier(&production, prod_reqs.as_ref());
    let from = s.period.first_day().format("%d.%m.%Y").to_string();
    let to = s.period.last_day().format("%d.%m.%Y").to_string();
    let rows = s
        .entries
        .iter()
        .map(|e| {
            let amount = rub(e.amount);
            let (debit, credit) = match e.kind.side() {
                Side::Debit => (amount, String::new()),
                Side::Credit => (String::new(), amount),
            };
            ReconciliationRow { date: e.row.on_date.format("%d.%m.%Y").to_string(), document: e.row.document.clone(), debit, credit }
        })
        .collect();
    let closing = s.balance.closing;
    let conclusion = match closing.cmp(&Decimal::ZERO) {
        std::cmp::Ordering::Greater => format!("По данным {} на {to} задолженность в пользу {} составляет {} руб.", ours.name_short, ours.name_short, rub(closing)),
        std::cmp::Ordering::Less => format!("По данным {} на {to} задолженность в пользу {} составляет {} руб.", ours.name_short, theirs.name_short, rub(-closing)),
        std::cmp::Ordering::Equal => format!("По данным {} на {to} задолженность отсутствует.", ours.name_short),
    };
    Ok(DocumentData {
        kind: "reconciliation".into(),
        title: "Акт сверки взаимных расчётов".into(),
        number: format!("{}-{}-{}", production.id, s.period.first_day(), s.period.last_day()),
        date: to.clone(),
        supplier: ours,
        buyer: Some(theirs),
        reconciliation: Some(Reconciliation {
            period: format!("{from} — {to}"),
            opening: split(s.balance.opening),
            rows,
            turnover: DebitCredit { debit: rub(s.balance.debits), credit: rub(s.balance.credits) },
            closing: split(closing),
            conclusion,
        }),
        ..Default::default()
    })
}

/// The reconciliation statement (акт сверки) of one production for the period, as a PDF, and its
/// file name.
pub async fn pdf(ctx: &AppState, who: &Credentials, production: OrganizationId, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<(Vec<u8>, String), AppError> {
    let s = super::settlements::statement(ctx, who, production, from, to).await?;
    let data = document(ctx, &s).await?;
    let bytes = ctx
        .renderer
        .render(&data, &crate::render::Images::default(), crate::render::RenderOptions::default())
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("render: {e}")))?;
    let name = format!("Акт сверки {} {}–{}.pdf", s.name, s.period.first_day().format("%d.%m.%Y"), s.period.last_day().format("%d.%m.%Y"));
    Ok((bytes, name))
}
