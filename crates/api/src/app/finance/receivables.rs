//! Receivables: what clients owe on their open invoices, by client or by deal, with ageing (not
//! due, 1–30, 31–60, 61–90, over 90 days overdue), within the caller's organizations.
use std::collections::{BTreeMap, HashMap};

use super::standing;
use crate::AppState;
use crate::auth::Credentials;
use crate::error::AppError;
use domain::finance::ageing::{Ageing, age};
use domain::{ClientId, Permission};
use persistence::repo::finance::invoices;
use rust_decimal::Decimal;
use uuid::Uuid;

/// Group by client or by deal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    Client,
    Deal,
}

#[derive(Debug, Clone, Default)]
pub struct ReceivableFilter {
    pub client_id: Option<ClientId>,
    /// Only rows with something overdue.
    pub overdue_only: bool,
}

/// One client's (or deal's) debt.
#[derive(Debug, Clone)]
pub struct Receivable {
    pub client_id: Option<Uuid>,
    pub client_name: String,
    pub deal_id: Option<Uuid>,
    pub deal_number: Option<i64>,
    pub deal_title: Option<String>,
    pub invoices: usize,
    pub ageing: Ageing,
}

pub async fn list(ctx: &AppState, who: &Credentials, by: GroupBy, f: &ReceivableFilter) -> Result<(Vec<Receivable>, Ageing), AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::PaymentsRead)?;
    let today = ctx.today().0;
    let open = invoices::open_in(&ctx.db, actor.scope, f.client_id.map(Uuid::from)).await?;
    let money = standing::of(&ctx.db, open, today, false).await?;
    let mut groups: BTreeMap<(Option<Uuid>, Option<Uuid>), (usize, Ageing)> = BTreeMap::new();
    for m in money.iter().filter(|m| m.outstanding > Decimal::ZERO) {
        let key = match by {
            GroupBy::Client => (m.doc.client_id, None),
            GroupBy::Deal => (m.doc.client_id, m.doc.deal_id),
        };
        let a = age(m.parts.iter().map(|p| (p.due_date, p.outstanding)), today);
        let entry = groups.entry(key).or_insert_with(|| (0, Ageing::default()));
        entry.0 += 1;
        entry.1.merge(&a);
    }
    let client_ids: Vec<domain::ClientId> = groups.keys().filter_map(|(c, _)| *c).map(domain::ClientId::from).collect();
    let names: HashMap<Uuid, String> = persistence::repo::clients::clients::names(&ctx.db, client_ids).await?.into_iter().map(|(k, v)| (Uuid::from(k), v)).collect();
    let deals = persistence::repo::sales::deals::heads(&ctx.db, groups.keys().filter_map(|(_, d)| *d)).await?;
    let mut total = Ageing::default();
    let mut rows: Vec<Receivable> = groups
        .into_iter()
        .filter(|(_, (_, a))| !f.overdue_only || a.overdue() > Decimal::ZERO)
        .map(|((client, deal), (count, ageing))| {
            total.merge(&ageing);
            Receivable {
                client_name: client.and_then(|c| names.get(&c).cloned()).unwrap_or_default(),
                client_id: client,
                deal_number: deal.and_then(|d| deals.get(&d).map(|x| x.0)),
                deal_title: deal.and_then(|d| deals.get(&d).map(|x| x.1.clone())),
                deal_id: deal,
                invoices: count,
                ageing,
            }
        })
        .collect();
    rows.sort_by(|a, b| b.ageing.overdue().cmp(&a.ageing.overdue()).then(b.ageing.total().cmp(&a.ageing.total())).then(a.client_name.cmp(&b.client_name)));
    Ok((rows, total))
}
