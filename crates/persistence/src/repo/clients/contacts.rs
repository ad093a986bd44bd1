//! Contact persons of a client.
use crate::entities::contact;
use crate::repo::*;
use domain::{ClientId, ContactId};

impl contact::Model {
    pub fn client_id(&self) -> ClientId {
        self.client_id.into()
    }
}

/// What the history shows of a contact person.
pub fn snapshot(c: &contact::Model) -> serde_json::Value {
    serde_json::json!({
        "last_name": c.last_name, "first_name": c.first_name, "middle_name": c.middle_name, "position": c.position,
        "phone": c.phone, "mobile": c.mobile, "email": c.email,
    })
}

pub async fn get(db: &impl ConnectionTrait, scope: AccessScope, id: ContactId) -> Result<contact::Model, RepoError> {
    find_in_scope::<contact::Entity>(db, scope, id).await
}

pub async fn insert(db: &impl ConnectionTrait, m: contact::Model) -> Result<contact::Model, RepoError> {
    Ok(m.into_active_model().insert(db).await?)
}

pub async fn update(
    db: &impl ConnectionTrait,
    scope: AccessScope,
    id: ContactId,
    expected_version: i32,
    now: chrono::DateTime<chrono::Utc>,
    change: impl FnOnce(&mut contact::Model),
) -> Result<Edit<contact::Model>, RepoError> {
    edit_in_scope(db, scope, id.into(), expected_version, now, change, snapshot).await
}

/// Deletes a contact the caller can see; the deleted row, for the history.
pub async fn delete(db: &impl ConnectionTrait, scope: AccessScope, id: ContactId) -> Result<contact::Model, RepoError> {
    let c = get(db, scope, id).await?;
    contact::Entity::delete_by_id(c.id).exec(db).await?;
    Ok(c)
}

/// A client's contact persons, oldest first (whom documents are sent to).
pub async fn of_client(db: &impl ConnectionTrait, client: Uuid) -> Result<Vec<contact::Model>, RepoError> {
    use sea_orm::QueryOrder;
    Ok(contact::Entity::find().filter(contact::Column::ClientId.eq(client)).order_by_asc(contact::Column::CreatedAt).all(db).await?)
}
