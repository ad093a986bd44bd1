//! Notifications: a person's own, derived by the outbox dispatcher, listed newest first, marked read.
use crate::entities::{notification, user};
use crate::repo::*;
use domain::{OrganizationId, Role, UserId};
use sea_orm::sea_query::OnConflict;
use sea_orm::{PaginatorTrait, QueryOrder, QuerySelect};

/// Writes a notification unless the person already has one for its event (a redelivered event
/// adds nothing).
pub async fn insert_once(db: &impl ConnectionTrait, n: notification::Model) -> Result<(), RepoError> {
    use notification::Column as C;
    notification::Entity::insert(n.into_active_model())
        .on_conflict(OnConflict::columns([C::UserId, C::EventId]).do_nothing().to_owned())
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// A person's notifications, newest first (`unread_only`: those not read yet).
pub async fn list(db: &impl ConnectionTrait, user: UserId, unread_only: bool, limit: u64, cursor: Option<&str>) -> Result<Page<notification::Model>, RepoError> {
    use notification::Column as C;
    let mut cond = Condition::all().add(C::UserId.eq(Uuid::from(user)));
    if unread_only {
        cond = cond.add(C::ReadAt.is_null());
    }
    if let Some(c) = decode_cursor(cursor)? {
        cond = cond.add(after(C::CreatedAt, c.time()?, C::Id, c.id, true));
    }
    let rows = notification::Entity::find().filter(cond).order_by_desc(C::CreatedAt).order_by_desc(C::Id).limit(limit + 1).all(db).await?;
    Ok(page_of(rows, limit, |n| Cursor::at(n.created_at, n.id)))
}

/// How many of a person's notifications are unread.
pub async fn unread(db: &impl ConnectionTrait, user: UserId) -> Result<u64, RepoError> {
    use notification::Column as C;
    Ok(notification::Entity::find().filter(C::UserId.eq(Uuid::from(user))).filter(C::ReadAt.is_null()).count(db).await?)
}

/// Marks one of the person's notifications read (another's is not found).
pub async fn mark_read(db: &impl ConnectionTrait, user: UserId, id: Uuid, now: chrono::DateTime<chrono::Utc>) -> Result<(), RepoError> {
    use notification::Column as C;
    let n = notification::Entity::find_by_id(id).filter(C::UserId.eq(Uuid::from(user))).one(db).await?.ok_or(RepoError::NotFound)?;
    if n.read_at.is_none() {
        notification::Entity::update_many().col_expr(C::ReadAt, now.into()).filter(C::Id.eq(id)).exec(db).await?;
    }
    Ok(())
}

/// Marks all the person's notifications read.
pub async fn mark_all_read(db: &impl ConnectionTrait, user: UserId, now: chrono::DateTime<chrono::Utc>) -> Result<(), RepoError> {
    use notification::Column as C;
    notification::Entity::update_many().col_expr(C::ReadAt, now.into()).filter(C::UserId.eq(Uuid::from(user))).filter(C::ReadAt.is_null()).exec(db).await?;
    Ok(())
}

/// Which of `events` notified whom: (event id, person) pairs, for live streams.
pub async fn recipients_of(db: &impl ConnectionTrait, events: &[Uuid]) -> Result<Vec<(Uuid, Uuid)>, RepoError> {
    use notification::Column as C;
    if events.is_empty() {
        return Ok(vec![]);
    }
    Ok(notification::Entity::find().select_only().columns([C::EventId, C::UserId]).filter(C::EventId.is_in(events.iter().copied())).into_tuple().all(db).await?)
}

/// A person as mentions and role queues find them.
#[derive(Debug, Clone, sea_orm::FromQueryResult)]
pub struct Person {
    pub id: Uuid,
    pub email: String,
    pub full_name: String,
}

/// The active people of an organization, optionally of one role.
pub async fn people(db: &impl ConnectionTrait, org: OrganizationId, role: Option<Role>) -> Result<Vec<Person>, RepoError> {
    use user::Column as C;
    let mut q = user::Entity::find().select_only().columns([C::Id, C::Email, C::FullName]).filter(C::OrganizationId.eq(Uuid::from(org))).filter(C::IsActive.eq(true));
    if let Some(r) = role {
        q = q.filter(C::Role.eq(r.as_str()));
    }
    Ok(q.into_model::<Person>().all(db).await?)
}
