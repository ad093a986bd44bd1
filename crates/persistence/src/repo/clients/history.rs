//! The history of a client: who changed what on the client, its counterparties, contacts and
//! bank accounts (`{field: {old, new}}`).
use crate::entities::{audit_log, client};
use crate::repo::*;
use domain::ClientId;
use domain::clients::AuditAction;
use sea_orm::{QueryOrder, QuerySelect};

/// What changed, for one history entry.
pub struct Entry<'a> {
    pub organization_id: Uuid,
    pub client_id: Uuid,
    /// `client`, `counterparty`, `contact`, `bank_account`.
    pub entity_type: &'a str,
    pub entity_id: Uuid,
    pub action: AuditAction,
    pub changes: serde_json::Map<String, serde_json::Value>,
}

pub async fn record(db: &impl ConnectionTrait, author: &Author, e: Entry<'_>, at: chrono::DateTime<chrono::Utc>) -> Result<(), RepoError> {
    audit_log::Model {
        id: Uuid::now_v7(), organization_id: e.organization_id, client_id: Some(e.client_id), entity_type: e.entity_type.to_owned(),
        entity_id: e.entity_id, action: e.action.as_str().to_owned(), changes: serde_json::Value::Object(e.changes).to_string(),
        actor_user_id: author.user_uuid(), actor_api_key_id: author.api_key_id.map(Uuid::from), actor_name: author.name.clone(), at,
    }
    .into_active_model()
    .insert(db)
    .await?;
    Ok(())
}

/// The newest 500 entries of a client the caller can see.
pub async fn of_client(db: &impl ConnectionTrait, scope: AccessScope, client_id: ClientId) -> Result<Vec<audit_log::Model>, RepoError> {
    find_in_scope::<client::Entity>(db, scope, client_id).await?;
    Ok(audit_log::Entity::find()
        .filter(audit_log::Column::ClientId.eq(Uuid::from(client_id)))
        .order_by_desc(audit_log::Column::At)
        .order_by_desc(audit_log::Column::Id)
        .limit(500)
        .all(db)
        .await?)
}

impl audit_log::Model {
    pub fn action(&self) -> Result<AuditAction, RepoError> {
        named(&self.action)
    }
}

/// `{field: {old: null, new}}` for every field of a snapshot: how a creation reads in the history.
pub fn created(snapshot: serde_json::Value) -> serde_json::Map<String, serde_json::Value> {
    diff(&serde_json::json!({}), &snapshot)
}

/// `{field: {old, new: null}}`: how a deletion reads in the history.
pub fn deleted(snapshot: serde_json::Value) -> serde_json::Map<String, serde_json::Value> {
    let mut out = serde_json::Map::new();
    if let serde_json::Value::Object(o) = snapshot {
        for (k, v) in o.into_iter().filter(|(_, v)| !v.is_null()) {
            out.insert(k, serde_json::json!({"old": v, "new": null}));
        }
    }
    out
}
