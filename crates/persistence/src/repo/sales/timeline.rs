//! One timeline per card: stage changes, edits, comments, files, tasks, requests, payments. A
//! deal's timeline includes the lead it came from.
use super::cards::Card;
use crate::entities::{deal, lead, timeline_entry};
use crate::repo::*;
use domain::sales::{CardId, CardKind};
use crate::Tx;
use sea_orm::{QueryOrder, QuerySelect};

impl timeline_entry::Model {
    pub fn subject_kind(&self) -> Result<CardKind, RepoError> {
        named(&self.subject_type)
    }
}

/// One entry to append.
pub struct Note<'a> {
    /// `created`, `stage`, `fields`, `checklist`, `comment`, `file`, `task_created`, …
    pub kind: &'a str,
    /// A comment's text, a task's result, a loss's objections.
    pub text: Option<String>,
    pub data: serde_json::Value,
}

/// Appends to the card's timeline (written when the transaction commits).
pub fn note(tx: &Tx, card: &Card, n: Note<'_>, author: &Author, at: chrono::DateTime<chrono::Utc>) -> timeline_entry::Model {
    let entry = timeline_entry::Model {
        id: Uuid::now_v7(), organization_id: card.organization_id().into(), subject_type: card.kind().as_str().into(),
        subject_id: card.id().uuid(), kind: n.kind.into(), text: n.text, data: n.data.to_string(), actor_user_id: author.user_uuid(),
        actor_name: author.name.clone(), at,
    };
    tx.append(entry.clone().into_active_model());
    entry
}

/// The card's timeline, newest first (at most `limit` entries).
/// The newest `limit` entries of all a client's leads and deals (those the caller may read: `leads`, `deals`).
pub async fn of_client(db: &impl ConnectionTrait, scope: AccessScope, client: domain::ClientId, leads: bool, deals: bool, limit: u64) -> Result<Vec<timeline_entry::Model>, RepoError> {
    use sea_orm::sea_query::Query;
    let client = uuid::Uuid::from(client);
    let mut of = Condition::any();
    if leads {
        of = of.add(timeline_entry::Column::SubjectId.in_subquery(Query::select().column(lead::Column::Id).from(lead::Entity).and_where(lead::Column::ClientId.eq(client)).to_owned()));
    }
    if deals {
        of = of.add(timeline_entry::Column::SubjectId.in_subquery(Query::select().column(deal::Column::Id).from(deal::Entity).and_where(deal::Column::ClientId.eq(client)).to_owned()));
    }
    if !leads && !deals {
        return Ok(vec![]);
    }
    Ok(timeline_entry::Entity::find()
        .filter(of)
        .filter(scoped(scope, timeline_entry::Column::OrganizationId))
        .order_by_desc(timeline_entry::Column::At)
        .order_by_desc(timeline_entry::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

pub async fn of_card(db: &impl ConnectionTrait, scope: AccessScope, id: CardId, limit: u64) -> Result<Vec<timeline_entry::Model>, RepoError> {
    let card = super::cards::find(db, scope, id).await?;
    let mut ids = vec![card.id().uuid()];
    if let Card::Deal(deal::Model { lead_id: Some(lead), .. }) = &card {
        ids.push(*lead);
    }
    Ok(timeline_entry::Entity::find()
        .filter(timeline_entry::Column::SubjectId.is_in(ids))
        .order_by_desc(timeline_entry::Column::At)
        .order_by_desc(timeline_entry::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}
