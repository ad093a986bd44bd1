//! One search across clients, contacts, leads and deals from anywhere in the app: what the caller
//! may read, in their scope, grouped by kind, the best answers first.
use crate::AppState;
use crate::auth::Credentials;
use crate::error::AppError;
use domain::Permission;
use domain::search::{SearchQuery, rank};
use persistence::repo::search::{self as rows, CardHit, ClientHit, ContactHit};
use uuid::Uuid;

/// Candidates read per kind; the best `per_kind` of them are shown.
const CANDIDATES: u64 = 30;

/// What the search found, by kind (a kind the caller may not read stays empty).
#[derive(Debug, Default)]
pub struct Found {
    pub clients: Vec<ClientHit>,
    pub contacts: Vec<ContactHit>,
    pub leads: Vec<(CardHit, String)>,
    pub deals: Vec<(CardHit, String)>,
}

pub async fn search(ctx: &AppState, who: &Credentials, q: &SearchQuery, per_kind: usize) -> Result<Found, AppError> {
    let actor = ctx.read(who).await?;
    let (db, scope) = (&ctx.db, actor.scope);
    let may = |p| actor.may(p);
    if !(may(Permission::ClientsRead) || may(Permission::LeadsRead) || may(Permission::DealsRead)) {
        return Err(AppError::Forbidden);
    }
    // The four kinds at once, each on its own pooled connection.
    let (clients, contacts, leads, deals) = tokio::try_join!(
        async { if may(Permission::ClientsRead) { rows::clients(db, scope, q, CANDIDATES).await } else { Ok(vec![]) } },
        async { if may(Permission::ClientsRead) { rows::contacts(db, scope, q, CANDIDATES).await } else { Ok(vec![]) } },
        async { if may(Permission::LeadsRead) { rows::leads(db, scope, q, CANDIDATES).await } else { Ok(vec![]) } },
        async { if may(Permission::DealsRead) { rows::deals(db, scope, q, CANDIDATES).await } else { Ok(vec![]) } },
    )?;
    Ok(Found {
        clients: best(clients, per_kind, |c| (rank(&c.name, q), c.name.to_lowercase())),
        contacts: best(contacts, per_kind, |c| (rank(&c.first_name, q).min(rank(c.last_name.as_deref().unwrap_or_default(), q)), c.first_name.to_lowercase())),
        leads: named(ctx, best(leads, per_kind, |c| card_order(c, q))).await?,
        deals: named(ctx, best(deals, per_kind, |c| card_order(c, q))).await?,
    })
}

/// The card with the number asked for first, then by how well the title answers, open before
/// closed, newest (highest number) first.
fn card_order(c: &CardHit, q: &SearchQuery) -> (u8, u8, bool, i64) {
    (u8::from(q.number != Some(c.number)), rank(&c.title, q), c.status != "open", -c.number)
}

fn best<T, K: Ord>(mut hits: Vec<T>, n: usize, key: impl Fn(&T) -> K) -> Vec<T> {
    hits.sort_by_key(|h| key(h));
    hits.truncate(n);
    hits
}

/// Each card with its stage's name.
async fn named(ctx: &AppState, hits: Vec<CardHit>) -> Result<Vec<(CardHit, String)>, AppError> {
    let mut out = Vec::with_capacity(hits.len());
    for h in hits {
        let pipeline = ctx.pipelines.any(&ctx.db, Uuid::from(h.pipeline_id).into()).await?;
        let stage = pipeline.stage_name(&h.stage);
        out.push((h, stage));
    }
    Ok(out)
}
