//! Counterparties: the legal parties of a client documents are made out to, with requisites an
//! admin approves. Changed requisites withdraw the approval.
use crate::entities::counterparty;
use crate::repo::*;
use domain::clients::CounterpartyKind;
use domain::{ClientId, CounterpartyId, OrganizationId, UserId};
use sea_orm::QueryOrder;

impl counterparty::Model {
    pub fn counterparty_id(&self) -> CounterpartyId {
        self.id.into()
    }

    pub fn client_id(&self) -> ClientId {
        self.client_id.into()
    }

    pub fn organization_id(&self) -> OrganizationId {
        self.organization_id.into()
    }

    pub fn kind(&self) -> Result<CounterpartyKind, RepoError> {
        named(&self.kind)
    }
}

/// What the history shows of a counterparty.
pub fn snapshot(c: &counterparty::Model) -> serde_json::Value {
    serde_json::json!({
        "kind": c.kind, "name": c.name, "inn": c.inn, "kpp": c.kpp, "ogrn": c.ogrn, "okpo": c.okpo,
        "legal_address": c.legal_address, "actual_address": c.actual_address,
    })
}

pub async fn get(db: &impl ConnectionTrait, scope: AccessScope, id: CounterpartyId) -> Result<counterparty::Model, RepoError> {
    find_in_scope::<counterparty::Entity>(db, scope, id).await
}

/// The counterparties of these clients, oldest first.
pub async fn of_clients(db: &impl ConnectionTrait, client_ids: &[ClientId]) -> Result<Vec<counterparty::Model>, RepoError> {
    if client_ids.is_empty() {
        return Ok(vec![]);
    }
    Ok(counterparty::Entity::find()
        .filter(counterparty::Column::ClientId.is_in(client_ids.iter().copied().map(Uuid::from)))
        .order_by_asc(counterparty::Column::CreatedAt)
        .all(db)
        .await?)
}

pub async fn insert(db: &impl ConnectionTrait, m: counterparty::Model) -> Result<counterparty::Model, RepoError> {
    Ok(m.into_active_model().insert(db).await?)
}

/// Edits a counterparty's requisites. Changed requisites need a fresh check: the approval is withdrawn.
pub async fn update(
    db: &impl ConnectionTrait,
    scope: AccessScope,
    id: CounterpartyId,
    expected_version: i32,
    now: chrono::DateTime<chrono::Utc>,
    change: impl FnOnce(&mut counterparty::Model),
) -> Result<Edit<counterparty::Model>, RepoError> {
    let withdraw = |c: &mut counterparty::Model| {
        let before = snapshot(c);
        change(c);
        if c.approved && snapshot(c) != before {
            c.approved = false;
            c.approved_by = None;
            c.approved_at = None;
        }
    };
    let with_approval = |c: &counterparty::Model| {
        let mut s = snapshot(c);
        s["approved"] = c.approved.into();
        s
    };
    edit_in_scope(db, scope, id.into(), expected_version, now, withdraw, with_approval).await
}

/// An admin approves (or withdraws the approval of) the requisites.
pub async fn set_approval(
    db: &impl ConnectionTrait,
    scope: AccessScope,
    id: CounterpartyId,
    expected_version: i32,
    approved: bool,
    by: Option<UserId>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Edit<counterparty::Model>, RepoError> {
    edit_in_scope(
        db,
        scope,
        id.into(),
        expected_version,
        now,
        |c: &mut counterparty::Model| {
            c.approved = approved;
            c.approved_by = if approved { by.map(Uuid::from) } else { None };
            c.approved_at = approved.then_some(now);
        },
        |c| serde_json::json!({"approved": c.approved}),
    )
    .await
}
